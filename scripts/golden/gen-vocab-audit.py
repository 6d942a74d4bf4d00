#!/usr/bin/env python3
"""Golden cases for the names the vocabulary audit added (scripts/vocab-coverage.py found them
missing): old spellings, Sound.Tidal.Simple, the squeezing operators, repeatCycles, lists.

    python3 scripts/golden/gen-vocab-audit.py [--build-dir /tmp/va-oracle]

Reuses gen-functions.py's machinery (FnOracle.hs, the same record format) with its own case
list and output file, Tests/LanguageTests/Golden/functions-audit.jsonl, ids `va-NNN`.

Tidal 1.7.10 lacks the squeezing operators (`||+` …); for them `oracle=` is Tidal 1.9.5's own
definition (Core.hs: `a ||+ b = (+) <$> a <<* b`, and `(<<*) = applyPatToPatSqueeze`, which is
`squeezeJoin $ (\\f -> f <$> px) <$> pf`), written with 1.7.10's `squeezeJoin`.
"""
import argparse
import importlib.util
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import oracle_cases  # noqa: E402
from oracle_cases import s_, d_, n_, i_, r_, b_, c_  # noqa: E402,F401

base = oracle_cases.load_base()

OUT = os.path.join(base.ROOT, "Tests", "LanguageTests", "Golden", "functions-audit.jsonl")
CASES = []


def F(expr, ty, desc, arcs="0 2", oracle=None):
    CASES.append(oracle_cases.case(expr, ty, desc, arcs, oracle))


squeeze = oracle_cases.squeeze



# --- old and second spellings ----------------------------------------------------------------
F('sparsity 2 "a b c"', s_, "sparsity is slow", "0 3")
F('sparsity "<1 2>" "a b"', s_, "sparsity patterned", "0 4")
F('densityGap 2 "a b"', s_, "densityGap is fastGap")
F('eoff 3 8 "<0 2>" "a"', s_, "eoff is euclidOff")
F('slowCat ["a", "b c"]', s_, "slowCat is cat", "0 3")
F('fastCat ["a", "b c"]', s_, "fastCat is fastcat")
F('timecat [(1, "a"), (2, "b c")]', s_, "timecat is timeCat")
F('append "a" "b c"', s_, "append: one cycle of each", "0 3")
F('slowAppend "a*2" "<b c>"', s_, "slowAppend", "0 4")
F('slowappend "a" "b"', s_, "slowappend")
F('fastAppend "a" "<b c>"', s_, "fastAppend: both in one cycle")
F('fastappend "a b" "c"', s_, "fastappend")

# --- Sound.Tidal.Simple ------------------------------------------------------------------------
for name in ["crunch", "scratch", "louder", "quieter", "silent", "skip", "left", "right",
             "higher", "lower", "faster", "slower"]:
    F('%s $ s "a b" # gain "1 0.5" # speed 2 # crush 8 # pan 0.5' % name, c_, "Simple's " + name, "0 1")
F('louder $ s "a*2"', c_, "louder sets gain where there is none", "0 1")
F('higher $ s "a*2"', c_, "higher sets speed where there is none", "0 1")
F('lower $ s "a*2"', c_, "lower sets speed where there is none", "0 1")

# --- the squeezing operators (Tidal 1.9.5) ----------------------------------------------------
F('"1 2" ||+ "10 <20 30>"', d_, "||+ squeezes the right cycle into each left event",
  oracle=squeeze("(+)", '"1 2"', '"10 <20 30>"'))
F('"10 20" ||- "1 2 3"', d_, "||-", oracle=squeeze("(-)", '"10 20"', '"1 2 3"'))
F('"1 2" ||* "3 4"', d_, "||*", oracle=squeeze("(*)", '"1 2"', '"3 4"'))
F('"1 2" ||/ "4 8"', d_, "||/", oracle=squeeze("(/)", '"1 2"', '"4 8"'))
F('"7 9" ||% "4 5"', d_, "||%", oracle=squeeze("mod'", '"7 9"', '"4 5"'))
F('"2 3" ||** "1 2"', d_, "||**", oracle=squeeze("(**)", '"2 3"', '"1 2"'))
F('"a b" ||++ "c d"', s_, "||++", oracle=squeeze("(++)", '"a b"', '"c d"'))
F('n "0 10" ||+ n "1 2 3"', c_, "||+ on control patterns, key by key",
  oracle=squeeze("(+)", 'n "0 10"', 'n "1 2 3"'))
F('s "a b" # n 1 ||< n "10 20"', c_, "||< keeps the left values",
  oracle="(%s)" % squeeze("union", 's "a b" # n 1', 'n "10 20"'))
F('s "a b" # n 1 ||> n "10 20"', c_, "||> takes the right values",
  oracle="(%s)" % squeeze("flip union", 's "a b" # n 1', 'n "10 20"'))
F('n ("0 <10 20>" ||+ "1 2")', c_, "||+ with an alternation on the left",
  oracle='n (%s)' % squeeze("(+)", '"0 <10 20>"', '"1 2"'))

# --- repeating cycles, lists ------------------------------------------------------------------
F('repeatCycles 2 "a <b c> <d e f>"', s_, "repeatCycles", "0 6")
F('repeatCycles "<2 3>" "<a b c d e>"', s_, "repeatCycles patterned", "0 8")
F('repeatCycles 3 $ "0 .. 3" + "<0 10>"', n_, "repeatCycles of a sum", "0 7")
F('fastRepeatCycles 2 "<a b> c"', s_, "fastRepeatCycles", "0 4")
F('fromList ["a", "b c"]', s_, "fromList: one value per cycle, strings stay whole", "0 3")
F('n (fromList [0, 2, 7])', c_, "fromList of numbers", "0 3")
F('fastFromList ["a", "b", "c"]', s_, "fastFromList")
F('n (listToPat [0, 1])', c_, "listToPat")

F('samples "drum*2 bass" "<0 1> 2"', s_, "samples: names and numbers, structure from both")
F("samples' \"drum bass\" \"1 2 3\"", s_, "samples' (1.7.10: the same as samples)")
F('s (samples "bd*2 sn" "<3 1>")', c_, "samples inside s")
# --- bits, necklaces, repetition --------------------------------------------------------------
F('binaryN 4 "5 <3 1>"', b_, "binaryN: four bits per number")
F('binaryN "<4 2>" "5 6"', b_, "binaryN with a patterned width")
F('binary "<5 129>"', b_, "binary: eight bits")
F('struct (binary "<5 129>") $ s "bd"', c_, "binary as a structure")
F('ascii "a <bc d>"', b_, "ascii: eight bits a character")
F('necklace 12 [4, 2]', b_, "necklace")
F('necklace 3 [3, 1, 2]', b_, "necklace slower than a cycle", "0 3")
F('inv "t f [t t]"', b_, "inv")
F('soak 3 (fast 2) "a b"', s_, "soak", "0 4")
F('soak 4 (0.25 <~) $ n "0 1 2"', c_, "soak with a shift", "0 5")
F('n (snowball 3 (+) (fast 2) "1 2")', c_, "snowball adding", "0 4")
F('snowball 4 (#) (fast 2) $ n "0 7" # s "x"', c_, "snowball with #", "0 4")
# --- steps, rewriting, lookups ---------------------------------------------------------------
F('step "bd" "x-x2"', s_, "step: x, rest, x, bd:2")
F('s (step "sn" "x x - 3")', c_, "step inside s")
F("step' [\"bd\", \"sn\"] \"0-1x\"", s_, "step' picks by digit")
F('steps [("bd", "x-x-"), ("sn", "-x")]', s_, "steps stacks step sequences")
F("step' [\"a\", \"b\"] (lindenmayer 2 \"0:1,1:01\" \"01\")", s_, "lindenmayer rewrites twice")
F("step \"x\" (lindenmayer 3 \"x:x-y,y:-x\" \"x\")", s_, "lindenmayer keeps characters without a rule")
F('n (fastFromList (lindenmayerI 2 "0:1,1:01" "01"))', c_, "lindenmayerI")
F("step' [\"a\", \"b\", \"c\"] (lindenmayer 2 \"0:1:2,1:,2:0\" \"012\")", s_,
  "lindenmayer: a rule's colons after the first are dropped, an empty right side deletes")
F('inhabit [("a", "c d"), ("b", "e")] "a b c"', s_, "inhabit: unknown names are silent")
F('n (inhabit [("a", "0 1"), ("b", "<2 3>")] "a b*2")', c_, "inhabit with numbers", "0 2")
F('swap [("a", "x"), ("b", "y")] "a b a c"', s_, "swap drops values without a pair",
  oracle='swap [("a" :: String, "x"), ("b", "y")] "a b a c"')
F('stackwith (s "a b") [n 1, n 2]', c_, "stackwith")
F('stackwith (s "a b c") [n "1 2", speed 2, vowel "a"]', c_, "stackwith three layers")
F('grain "0 0.25" 0.1', c_, "grain: begin and end")
F('s "bev*4" # grain "<0 0.5>" "0.1 0.2"', c_, "grain patterned", "0 2")
# --- overlaps and spans ----------------------------------------------------------------------
F('stretch "~ a b ~"', s_, "stretch drops the silence at both ends")
F('stretch "~ <a ~> b c ~"', s_, "stretch per cycle", "0 3")
F('n (stretch "0 ~ ~")', c_, "stretch of one event")
F('stretch "~"', s_, "stretch of silence")
F('mono "[a, b] c"', s_, "mono: the first of two equal events wins")
F('mono "[a b, c@3 d]"', s_, "mono cuts an overlapping event")
F('mono $ stack ["a@3 b", "c d"]', s_, "mono over a stack", "0 2")
F('mono $ n "[0, 4, 7] [2 3, 5]"', c_, "mono over chords")
F('euclidOffBool 3 8 2 "t f"', b_, "euclidOffBool: rotated, flipped where false")
F('struct (euclidOffBool "<3 5>" 8 "<0 2>" "t") $ s "a"', c_, "euclidOffBool patterned", "0 2")
F('index 0.25 "0 0.5" "a b c d"', s_, "index: a quarter-cycle window",
  oracle='index (0.25 :: Rational) "0 0.5" "a b c d"')
F('index 0.5 "<0 1> 0.5" "a b c d e f g h"', s_, "index with a patterned start", "0 2",
  oracle='index (0.5 :: Rational) "<0 1> 0.5" "a b c d e f g h"')
F('compressTo (0.25, 0.75) "a b"', s_, "compressTo")
F('compressTo (1.25, 1.75) "a b"', s_, "compressTo takes the span within its cycle")
F('revArc (0, 0.5) "a b c d"', s_, "revArc: the first half reversed")
F('revArc (0.25, 1) $ n "0 1 2 3"', c_, "revArc on the last three quarters")
# Tidal 1.9.5's Control.hs: en ns p = stack $ map (\(i, (k, n)) -> _euclid k n (samples p (pure i))) $ enumerate ns
F('en [(3, 8), (5, 8)] "bd"', s_, "en: one Euclid rhythm per sample number",
  oracle='stack [euclid 3 8 (samples "bd" (pure 0)), euclid 5 8 (samples "bd" (pure 1))]')
F('s (en [(2, 5), (3, 4), (1, 2)] "<bd sn>")', c_, "en with three rhythms",
  oracle='s (stack [euclid 2 5 (samples "<bd sn>" (pure 0)), euclid 3 4 (samples "<bd sn>" (pure 1)), euclid 1 2 (samples "<bd sn>" (pure 2))])')
# substruct queries each true event's whole span, so events outside the query arc come back too.
F('substruct "t ~ t t" "a b"', s_, "substruct squeezes a cycle into each true event")
F('substruct "t <t t*2>" "a b c"', s_, "substruct patterned")
F('substruct "t t@3" $ n "0 <1 2>"', c_, "substruct with unequal events")

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default="/tmp/va-oracle")
    ap.add_argument("--out", default=OUT)
    args = ap.parse_args()
    oracle_cases.run(base, CASES, out=args.out, id_prefix="va", build_dir=args.build_dir)


if __name__ == "__main__":
    main()
