#if canImport(Glibc)
  import Glibc
#endif

/// A zeroed block of floats allocated on the caller's thread and freed with its owner: the
/// memory behind delay lines. The audio thread writes through the pointer, so copying the owning
/// struct never copies (or allocates) the samples.
final class SampleMemory: @unchecked Sendable {
  let base: UnsafeMutablePointer<Float>
  let count: Int

  init(count: Int) {
    self.count = max(count, 1)
    base = .allocate(capacity: self.count)
    base.initialize(repeating: 0, count: self.count)
  }

  deinit { base.deallocate() }
}

/// A ring of samples, a power of two long, read `delay` samples back before each write (as
/// scsynth's delay UGens read then write).
struct EffectDelayLine: Sendable {
  let memory: SampleMemory
  let mask: Int
  var write = 0

  /// A line that can delay by up to `maxDelay` samples (plus one for interpolation).
  init(maxDelay: Int) {
    var size = 4
    while size < maxDelay + 2 { size <<= 1 }
    memory = SampleMemory(count: size)
    mask = size - 1
  }

  /// The sample written `delay` writes ago (`delay` >= 1).
  @inline(__always)
  func read(_ delay: Int) -> Float {
    memory.base[(write &- delay) & mask]
  }

  /// Linear interpolation `delay` writes back (`delay` >= 1), as AllpassL reads.
  @inline(__always)
  func read(interpolated delay: Double) -> Float {
    let whole = Int(delay)
    let frac = Float(delay - Double(whole))
    let a = memory.base[(write &- whole) & mask]
    let b = memory.base[(write &- whole &- 1) & mask]
    return a + frac * (b - a)
  }

  @inline(__always)
  mutating func push(_ x: Float) {
    memory.base[write] = abs(x) < 1e-30 ? 0 : x
    write = (write + 1) & mask
  }
}

/// SuperCollider's AllpassN with a fixed delay: `w = x + fb·w[n−d]`, `y = w[n−d] − fb·w`, the
/// feedback from the 60 dB decay time as scsynth computes it.
struct Allpass: Sendable {
  var line: EffectDelayLine
  let delay: Int
  let feedback: Float

  init(seconds: Double, decay: Double, rate: Double) {
    delay = max(1, Int((seconds * rate).rounded()))
    line = EffectDelayLine(maxDelay: delay)
    feedback = Float(decayFeedback(delay: seconds, decay: decay))
  }

  @inline(__always)
  mutating func step(_ x: Float) -> Float {
    let value = line.read(delay)
    let w = x + feedback * value
    line.push(w)
    return value - feedback * w
  }
}

/// scsynth's feedback coefficient for a comb or allpass: the factor per pass that decays 60 dB
/// in `decay` seconds (0 when `decay` is 0; negative decay gives negative feedback).
func decayFeedback(delay: Double, decay: Double) -> Double {
  guard decay != 0, delay.isFinite, decay.isFinite else { return 0 }
  let f = exp(log(0.001) * delay / abs(decay))
  return decay < 0 ? -f : f
}

/// A delay line's ring lifted out for one block: the raw memory and the write position as
/// plain values, so an inner loop touches no class reference. `finish` hands the position back.
struct DelayRun {
  let base: UnsafeMutablePointer<Float>
  let mask: Int
  var write: Int

  init(_ line: EffectDelayLine) {
    base = line.memory.base
    mask = line.mask
    write = line.write
  }

  /// The sample written `delay` writes ago (`delay` >= 1).
  @inline(__always)
  func read(_ delay: Int) -> Float { base[(write &- delay) & mask] }

  @inline(__always)
  mutating func push(_ x: Float) {
    base[write] = abs(x) < 1e-30 ? 0 : x
    write = (write &+ 1) & mask
  }
}

/// An `Allpass` lifted out for one block, as `DelayRun` lifts a line.
struct AllpassRun {
  var ring: DelayRun
  let delay: Int
  let feedback: Float

  init(_ a: Allpass) {
    ring = DelayRun(a.line)
    delay = a.delay
    feedback = a.feedback
  }

  @inline(__always)
  mutating func step(_ x: Float) -> Float {
    let value = ring.read(delay)
    let w = x + feedback * value
    ring.push(w)
    return value - feedback * w
  }

  /// `step` over `x[0..<frames]` in place. The same values as stepping frame by frame; when the
  /// delay is at least `frames` long no frame waits for another, so the loop runs at the
  /// processor's width instead of its latency.
  @inline(__always)
  mutating func block(_ x: UnsafeMutablePointer<Float>, _ frames: Int) {
    let base = ring.base
    let mask = ring.mask
    let write = ring.write
    let delay = delay
    let feedback = feedback
    let read = (write &- delay) & mask
    if delay >= frames && read + frames <= mask + 1 && write + frames <= mask + 1 {
      // Neither the read nor the write wraps and no frame reads another's write: a plain loop
      // over three arrays, which the compiler runs several frames at a time.
      let source = base + read
      let target = base + write
      for i in 0..<frames {
        let value = source[i]
        let w = x[i] + feedback * value
        target[i] = abs(w) < 1e-30 ? 0 : w
        x[i] = value - feedback * w
      }
      ring.write = (write &+ frames) & mask
      return
    }
    for i in 0..<frames {
      let value = base[(write &+ i &- delay) & mask]
      let w = x[i] + feedback * value
      base[(write &+ i) & mask] = abs(w) < 1e-30 ? 0 : w
      x[i] = value - feedback * w
    }
    ring.write = (write &+ frames) & mask
  }
}

extension EffectDelayLine {
  /// Takes back the write position a block's `DelayRun` advanced.
  mutating func finish(_ run: DelayRun) { write = run.write }
}

extension Allpass {
  /// Takes back the write position a block's `AllpassRun` advanced.
  mutating func finish(_ run: AllpassRun) { line.write = run.ring.write }
}
