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
    fusesShapeAndLowPass =
      shape != nil && lowPass != nil && highPass == nil && bandPass == nil && crush == nil && coarse == nil
    var present: UInt32 = 0
    if vowel != nil { present |= Stage.vowel.bit }
    if shape != nil { present |= Stage.shape.bit }
    if highPass != nil { present |= Stage.highPass.bit }
    if bandPass != nil { present |= Stage.bandPass.bit }
    if crush != nil { present |= Stage.crush.bit }
    if coarse != nil { present |= Stage.coarse.bit }
    if lowPass != nil { present |= Stage.lowPass.bit }
    if pitchShift != nil { present |= Stage.pitchShift.bit }
    if tremolo != nil { present |= Stage.tremolo.bit }
    if phaser != nil { present |= Stage.phaser.bit }
    if waveLoss != nil { present |= Stage.waveLoss.bit }
    if squiz != nil { present |= Stage.squiz.bit }
    if frequencyShift != nil { present |= Stage.frequencyShift.bit }
    if triode != nil { present |= Stage.triode.bit }
    if krush != nil { present |= Stage.krush.bit }
    if octer != nil { present |= Stage.octer.bit }
    if ring != nil { present |= Stage.ring.bit }
    if distort != nil { present |= Stage.distort.bit }
    if djFilter != nil { present |= Stage.djFilter.bit }
    stages = present
  }

  /// One bit per stage present, in the order of the stored stages: `process` tests these, as
  /// testing an optional stage in place still copies it out first.
  private(set) var stages: UInt32 = 0

  /// The stages, for `stages`.
  private enum Stage: UInt32 {
    case vowel, shape, highPass, bandPass, crush, coarse, lowPass, pitchShift, tremolo, phaser, waveLoss, squiz,
      frequencyShift, triode, krush, octer, ring, distort, djFilter
    var bit: UInt32 { 1 << rawValue }
  }

  @inline(__always) private func has(_ stage: Stage) -> Bool { stages & stage.bit != 0 }

  /// `shape` then `lpf` with no stage between them: they run as one pass. Decided once here;
  /// testing the optional stages against nil every block would copy them.
  private(set) var fusesShapeAndLowPass = false

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
    if has(.vowel) { vowel!.process(left: left, right: right, channels: channels, frames: frames) }
    if fusesShapeAndLowPass, let s = shape {
      // The common `shape` + `lpf` pair in one pass (the same arithmetic, in the same order).
      if has(.lowPass) { lowPass!.process(shapedBy: s, left: left, right: right, channels: channels, frames: frames) }
    } else {
      if has(.shape) { shape!.process(left: left, right: right, channels: channels, frames: frames) }
      if has(.highPass) { highPass!.process(left: left, right: right, channels: channels, frames: frames) }
      if has(.bandPass) { bandPass!.process(left: left, right: right, channels: channels, frames: frames) }
      if has(.crush) { crush!.process(left: left, right: right, channels: channels, frames: frames) }
      if has(.coarse) { coarse!.process(left: left, right: right, channels: channels, frames: frames) }
      if has(.lowPass) { lowPass!.process(left: left, right: right, channels: channels, frames: frames) }
    }
    if has(.pitchShift) { pitchShift!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.tremolo) { tremolo!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.phaser) { phaser!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.waveLoss) { waveLoss!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.squiz) { squiz!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.frequencyShift) { frequencyShift!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.triode) { triode!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.krush) { krush!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.octer) { octer!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.ring) { ring!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.distort) { distort!.process(left: left, right: right, channels: channels, frames: frames) }
    if has(.djFilter) { djFilter!.process(left: left, right: right, channels: channels, frames: frames) }
  }
}
