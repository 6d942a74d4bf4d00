import Controls

#if canImport(Glibc)
  import Glibc
#endif

/// The per-voice effects an event asks for, in SuperDirt's module order. Built on the caller's
/// thread from the event's controls; processing never allocates.
///
/// The order is the order in which SuperDirt adds its modules (core-modules.scd, then the
/// sc3-plugins extras of default-effects-extra.scd): vowel, shape, hpf, bpf, crush, coarse,
/// lpf, pshift, tremolo, phaser, waveloss, squiz, fshift, triode, krush, octer, ring, distort, djf. Each stage
/// is an optional value stored inline, so a stage that is absent costs one branch per block and
/// none costs nothing per sample.
struct VoiceEffects: Sendable {
  var vowel: VowelFilter?
  var shape: Shape?
  var highPass: TwoPole?
  var bandPass: TwoPole?
  var crush: Crush?
  var coarse: Coarse?
  var lowPass: TwoPole?
  var pitchShift: PitchShift?
  var tremolo: Tremolo?
  var phaser: Phaser?
  var waveLoss: WaveLoss?
  var squiz: Squiz?
  var frequencyShift: FrequencyShifter?
  var triode: Triode?
  var krush: Krush?
  var octer: Octer?
  var ring: RingModulator?
  var distort: Distort?
  var djFilter: DJFilter?

  /// nil when the event asks for none of them (a dry voice costs nothing).
  init?(_ event: SoundEvent, rate: Double) {
    func number(_ key: String) -> Double? { event.number(key) }
    var any = false
    if case .string(let name)? = event.controls["vowel"] {
      vowel = VowelFilter(name, resonance: number("resonance"), rate: rate)
      any = any || vowel != nil
    }
    if let s = number("shape") {
      shape = Shape(s)
      any = true
    }
    if let hcutoff = number("hcutoff") {
      highPass = .highPass(abs(hcutoff), rq: Self.rq(number("hresonance") ?? 0), rate: rate)
      any = true
    }
    if let bandf = number("bandf") {
      // dirt_bpf: bandq at least 1 (10 when absent), output scaled by bandq.
      let q = max(1, number("bandq") ?? 10)
      bandPass = .bandPass(bandf, rq: 1 / q, rate: rate, gain: q)
      any = true
    }
    if let bits = number("crush") {
      crush = Crush(bits)
      any = true
    }
    if let c = number("coarse"), c > 1 {
      coarse = Coarse(c)
      any = true
    }
    if let cutoff = number("cutoff") {
      lowPass = .lowPass(abs(cutoff), rq: Self.rq(number("resonance") ?? 0), rate: rate)
      any = true
    }
    if let psrate = number("psrate") {
      // SuperDirt's sustain: the event's, else delta · legato, else delta (a cycle at 1 cps).
      let delta = number("delta") ?? 1
      let sustain = number("sustain") ?? number("legato").map { $0 * delta } ?? delta
      pitchShift = PitchShift(ratio: psrate, dispersion: number("psdisp"), sustain: sustain, rate: rate)
      any = true
    }
    if let r = number("tremolorate") {
      tremolo = Tremolo(rate: r, depth: number("tremolodepth"), rate: rate)
      any = true
    }
    if let r = number("phaserrate") {
      phaser = Phaser(rate: r, depth: number("phaserdepth"), rate: rate)
      any = true
    }
    if let w = number("waveloss") {
      waveLoss = WaveLoss(w)
      any = true
    }
    if let s = number("squiz") {
      squiz = Squiz(s, rate: rate)
      any = true
    }
    if let shift = number("fshift") {
      frequencyShift = FrequencyShifter(
        shift: shift, noteShift: number("fshiftnote"), phase: number("fshiftphase"),
        event: number("note") ?? number("n"), octave: number("octave"), rate: rate)
      any = true
    }
    if let t = number("triode") {
      triode = Triode(t)
      any = true
    }
    if let k = number("krush") {
      krush = Krush(k, cutoff: number("kcutoff"), rate: rate)
      any = true
    }
    let o = number("octer")
    let os = number("octersub")
    let oss = number("octersubsub")
    if o != nil || os != nil || oss != nil {
      octer = Octer(octer: o, sub: os, subsub: oss, rate: rate)
      any = true
    }
    if let r = number("ring") {
      ring = RingModulator(r, freq: number("ringf"), slide: number("ringdf"), rate: rate)
      any = true
    }
    if let d = number("distort") {
      distort = Distort(d, rate: rate)
      any = true
    }
    if let d = number("djf") {
      djFilter = DJFilter(d, rate: rate)
      any = true
    }
    if !any { return nil }
  }

  /// True when every stage present is linear (filters, vowel, pshift, tremolo, phaser, fshift,
  /// ring), so the
  /// effects commute with a gain: running them on a mono voice before panning sounds the same as
  /// SuperDirt, which pans first. With a nonlinear stage (shape, crush, squiz, distort…) SuperDirt
  /// shapes the panned signal; a caller that wants that exactly pans a mono voice to two channels
  /// before `process`.
  var isLinear: Bool {
    shape == nil && crush == nil && waveLoss == nil && squiz == nil && triode == nil && krush == nil
      && octer == nil && distort == nil
  }

  /// SuperDirt's resonance mapping for RLPF/RHPF, `resonance.linexp(0, 1, 1, 0.001)`: resonance
  /// clipped to 0…1 gives a reciprocal Q from 1 down to 0.001.
  static func rq(_ resonance: Double) -> Double {
    linexp(resonance, 0, 1, 1, 0.001)
  }

  /// Processes the voice's next `frames` (<= 64) frames in place, planar: `left`, and `right`
  /// when `channels == 2`.
  mutating func process(
    left: UnsafeMutablePointer<Float>, right: UnsafeMutablePointer<Float>, channels: Int, frames: Int
  ) {
    vowel?.process(left: left, right: right, channels: channels, frames: frames)
    if let s = shape, lowPass != nil, highPass == nil, bandPass == nil, crush == nil, coarse == nil {
      // The common `shape` + `lpf` pair in one pass (the same arithmetic, in the same order).
      lowPass?.process(shapedBy: s, left: left, right: right, channels: channels, frames: frames)
    } else {
      shape?.process(left: left, right: right, channels: channels, frames: frames)
      highPass?.process(left: left, right: right, channels: channels, frames: frames)
      bandPass?.process(left: left, right: right, channels: channels, frames: frames)
      crush?.process(left: left, right: right, channels: channels, frames: frames)
      coarse?.process(left: left, right: right, channels: channels, frames: frames)
      lowPass?.process(left: left, right: right, channels: channels, frames: frames)
    }
    pitchShift?.process(left: left, right: right, channels: channels, frames: frames)
    tremolo?.process(left: left, right: right, channels: channels, frames: frames)
    phaser?.process(left: left, right: right, channels: channels, frames: frames)
    waveLoss?.process(left: left, right: right, channels: channels, frames: frames)
    squiz?.process(left: left, right: right, channels: channels, frames: frames)
    frequencyShift?.process(left: left, right: right, channels: channels, frames: frames)
    triode?.process(left: left, right: right, channels: channels, frames: frames)
    krush?.process(left: left, right: right, channels: channels, frames: frames)
    octer?.process(left: left, right: right, channels: channels, frames: frames)
    ring?.process(left: left, right: right, channels: channels, frames: frames)
    distort?.process(left: left, right: right, channels: channels, frames: frames)
    djFilter?.process(left: left, right: right, channels: channels, frames: frames)
  }
}
