#if canImport(Glibc)
  import Glibc
#endif

/// SuperDirt's dirt_delay as it runs without sc3-plugins' SwitchDelay: a stereo CombL whose
/// delay time (clipped to 0 … 4 s, in cycles when `lock` is 1) glides to a new value with a
/// one-second Lag, whose feedback is `delayfeedback` clipped to 0 … 0.99 (through the 60 dB
/// decay time CombL takes, itself capped at 20 s), followed by LeakDC.
struct OrbitDelay: Sendable {
  static let maxSeconds = 4.0

  var left: DelayLine
  var right: DelayLine
  var leakLeft = LeakDC()
  var leakRight = LeakDC()
  let rate: Double
  /// The orbit's settings as SuperDirt keeps them on the effect synth.
  var delayTime = 0.0
  var feedback = 0.0
  var lock = 0.0
  var cps = 1.0
  /// The delay time CombL currently uses, in seconds (lagged toward `target`).
  var current = 0.0
  var started = false

  init(rate: Double) {
    self.rate = rate
    let frames = Int(Self.maxSeconds * rate) + 2
    left = DelayLine(maxDelay: frames)
    right = DelayLine(maxDelay: frames)
  }

  /// The delay time the settings ask for, in seconds.
  var target: Double {
    let t = lock != 0 ? delayTime / (cps > 0 ? cps : 1) : delayTime
    return t.isFinite ? min(max(t, 0), Self.maxSeconds) : 0
  }

  /// CombL's decay time for the settings, as dirt_delay computes it.
  var decayTime: Double {
    let fb = min(max(feedback, 0), 0.99)
    guard fb > 0 else { return 0 }
    let t = log2(0.001) / log2(fb) * target
    return min(max(t, 0), 20)
  }

  /// Longest the echoes take to fall 60 dB below the input, in frames (for silence detection).
  var ringFrames: Int { Int((decayTime + target) * rate) + 64 }

  /// One block: ADDS the echoes of the interleaved stereo `input` into `out`.
  mutating func process(_ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, frames: Int) {
    // delaytime.lag(1) at control rate: 60 dB of the way in one second.
    let goal = target
    if !started {
      current = goal
      started = true
    } else {
      current = goal + (current - goal) * pow(0.001, Double(frames) / rate)
    }
    let samples = min(max(current * rate, 1), Self.maxSeconds * rate)
    let decay = decayTime
    let fb = Float(decayFeedback(delay: samples / rate, decay: decay))
    for i in 0..<frames {
      let yl = left.read(interpolated: samples)
      left.push(input[2 * i] + fb * yl)
      out[2 * i] += leakLeft.step(yl)
      let yr = right.read(interpolated: samples)
      right.push(input[2 * i + 1] + fb * yr)
      out[2 * i + 1] += leakRight.step(yr)
    }
  }
}
