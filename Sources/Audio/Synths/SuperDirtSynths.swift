/// SuperDirt's synths under their SuperDirt names.
let superDirtSynths: [(String, Synths.Maker)] = [
  ("superpiano", { c in SuperPiano.make(c) }),
  ("supersaw", { c in SuperSaw.make(c) }),
  ("superkick", { c in SuperKick.make(c) }),
  ("super808", { c in Super808.make(c) }),
  ("superhat", { c in SuperHat.make(c) }),
  ("supersnare", { c in SuperSnare.make(c) }),
  ("superclap", { c in SuperClap.make(c) }),
]
