/// SuperDirt's dirt_delay as it runs with sc3-plugins (which the extra modules — djf, distort,
/// triode, squiz… — need as well): SwitchDelay with dry and wet level 1 and a 4 s memory.
///
/// Its output is the input plus the line read `delaytime` seconds back (in cycles, divided by
/// `cps`, when `lock` is 1; clipped to 0 … 4 s and truncated to whole samples, 0 reading the
/// full 4 s back). What goes into the line is the input plus the previous sample's read value
/// times `delayfeedback` (clipped to 0 … 0.9), so echo n arrives n·delaytime (+ n − 1 samples)
/// later at `delayfeedback^(n−1)`. A new delay time crossfades from the old read position over
/// 2000 samples. The orbit scales the whole output by the event's `delay` through the send.
struct OrbitDelay: Sendable {
  static let maxSeconds = 4.0
  /// SwitchDelay's crossfade length, in samples.
  static let crossfadeFrames = 2000

  struct Channel: Sendable {
    var previousRead: Float = 0
    var offsetStart: Float = 0
    var offset: Float = 0
  }

  let memory: (SampleMemory, SampleMemory)
  let size: Int
  var write = 0
  var left = Channel()
  var right = Channel()
  var crossfadeLeft = 0
  /// The delay in whole samples the line reads at.
  var delayFrames = 0
  let rate: Double
  /// The orbit's settings as SuperDirt keeps them on the effect synth.
  var delayTime = 0.0
  var feedback = 0.0
  var lock = 0.0
  var cps = 1.0

  init(rate: Double) {
    self.rate = rate
    size = max(1, Int(Self.maxSeconds * rate))
    memory = (SampleMemory(count: size), SampleMemory(count: size))
  }

  /// The delay time the settings ask for, in seconds.
  var target: Double {
    let t = lock != 0 ? delayTime / (cps > 0 ? cps : 1) : delayTime
    return t.isFinite ? min(max(t, 0), Self.maxSeconds) : 0
  }

  /// Frames after which, with no input, a stretch of quiet output means the line holds nothing
  /// audible any more: one full pass through the line plus a crossfade.
  var quietWindow: Int { (delayFrames == 0 ? size : delayFrames) + Self.crossfadeFrames + 64 }

  /// One block: ADDS the input and its echoes (interleaved stereo) into `out`.
  mutating func process(_ input: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, frames: Int) {
    // A delay of the whole memory reads the slot about to be written, as a delay of 0 does.
    let d = Int(target * rate) % size
    if d != delayFrames {
      // SwitchDelay moves its read pointer at once and fades out the jump in value.
      let oldRead = (write - delayFrames + size) % size
      let newRead = (write - d + size) % size
      left.offsetStart = memory.0.base[oldRead] + left.offset - memory.0.base[newRead]
      left.offset = left.offsetStart
      right.offsetStart = memory.1.base[oldRead] + right.offset - memory.1.base[newRead]
      right.offset = right.offsetStart
      crossfadeLeft = Self.crossfadeFrames
      delayFrames = d
    }
    let fb = Float(min(max(feedback, 0), 0.9))
    let l = memory.0.base
    let r = memory.1.base
    var read = (write - delayFrames + size) % size
    for i in 0..<frames {
      let inL = input[2 * i]
      let inR = input[2 * i + 1]
      let readL = l[read] + left.offset
      let readR = r[read] + right.offset
      out[2 * i] += inL + readL
      out[2 * i + 1] += inR + readR
      let recL = inL + left.previousRead * fb
      let recR = inR + right.previousRead * fb
      l[write] = abs(recL) < 1e-30 ? 0 : recL
      r[write] = abs(recR) < 1e-30 ? 0 : recR
      left.previousRead = readL
      right.previousRead = readR
      read += 1
      if read == size { read = 0 }
      write += 1
      if write == size { write = 0 }
      if crossfadeLeft > 0 {
        crossfadeLeft -= 1
        let ratio = Float(crossfadeLeft) / Float(Self.crossfadeFrames)
        left.offset = crossfadeLeft > 0 ? left.offsetStart * ratio : 0
        right.offset = crossfadeLeft > 0 ? right.offsetStart * ratio : 0
      }
    }
  }
}
