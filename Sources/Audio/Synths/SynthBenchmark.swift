import Controls

/// Work for `make bench` to time (the synths themselves are internal to Audio).
public enum SynthWorkload {
  /// The built-in synth and drum names.
  public static var names: [String] { Synths.names }

  /// Renders `voices` voices of `name` (each `seconds` long, middle C, at `rate`) through the
  /// 64-frame blocks the mixer uses, and returns a checksum so the work cannot be skipped.
  public static func render(_ name: String, voices: Int, seconds: Double, rate: Double) -> Float {
    var left = [Float](repeating: 0, count: 64)
    var right = [Float](repeating: 0, count: 64)
    var sum: Float = 0
    let controls: ControlMap = ["sustain": .float(seconds)]
    for _ in 0..<voices {
      guard let voice = Synths.make(name, event: SoundEvent(name, controls: controls), rate: rate) else { continue }
      var done: Int64 = 0
      while done < voice.length {
        let n = Int(min(64, voice.length - done))
        left.withUnsafeMutableBufferPointer { l in
          right.withUnsafeMutableBufferPointer { r in
            voice.render(left: l.baseAddress!, right: r.baseAddress!, frames: n)
          }
        }
        sum += left[0] + right[0]
        done += Int64(n)
      }
    }
    return sum
  }
}
