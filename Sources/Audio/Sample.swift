/// Audio ready for playback, one or two channels: decoded or synthesized once, then shared
/// read-only by every voice that plays it.
///
/// Channels are stored planar, each with `Sample.padding` zero frames before and after, so the
/// band-limited reader (see `Resampler`) can reach its whole kernel around any position inside
/// the sample without a bounds check.
public final class Sample: @unchecked Sendable {
  public let name: String
  /// Frames in the sample (per channel).
  public let frameCount: Int
  /// 1 (mono) or 2 (stereo: left, right).
  public let channels: Int
  /// The sample's own rate; playback resamples by `rate / outputRate`.
  public let rate: Double
  /// Planar storage, written once in `init` and then only read (which is why the class may be
  /// shared across threads): channel `c` starts at `c * stride`, its frame 0 at
  /// `c * stride + padding`. Raw memory, so the mixer reads it without reference counting.
  let storage: UnsafeMutablePointer<Float>
  let stride: Int
  /// Channel 0's frame 0.
  var start: UnsafePointer<Float> { UnsafePointer(storage + Self.padding) }

  /// Zero frames on each side of every channel: the reader's widest kernel reach.
  static let padding = Resampler.maxReach + 2

  /// A mono sample.
  public convenience init(name: String, frames: [Float], rate: Double) {
    self.init(name: name, channels: [frames], rate: rate)
  }

  /// A sample from one or two channels of equal length (a second channel shorter than the first
  /// is padded with silence).
  public init(name: String, channels planes: [[Float]], rate: Double) {
    precondition(planes.count == 1 || planes.count == 2, "a sample has one or two channels")
    self.name = name
    self.frameCount = planes[0].count
    self.channels = planes.count
    self.rate = rate
    let pad = Self.padding
    stride = frameCount + 2 * pad
    storage = .allocate(capacity: stride * planes.count)
    storage.initialize(repeating: 0, count: stride * planes.count)
    for (c, plane) in planes.enumerated() {
      for i in 0..<min(plane.count, frameCount) { storage[c * stride + pad + i] = plane[i] }
    }
  }

  deinit { storage.deallocate() }

  private let conversion = Lock()
  /// The copy at another rate made by `at(rate:)`, guarded by `conversion`.
  nonisolated(unsafe) private var converted: Sample?

  /// This sample converted to `outputRate` (band-limited, once, then kept): playing it unpitched
  /// is then a plain copy rather than a filter per frame. Itself when the rates agree. Caller's
  /// thread only (it may convert).
  func at(rate outputRate: Double) -> Sample {
    guard outputRate != rate, outputRate > 0, frameCount > 0 else { return self }
    return conversion.withLock {
      if let c = converted, c.rate == outputRate { return c }
      let c = convert(to: outputRate)
      converted = c
      return c
    }
  }

  private func convert(to outputRate: Double) -> Sample {
    let count = max(1, Int((Double(frameCount) * outputRate / rate).rounded()))
    let step = Int64((rate / outputRate * 4_294_967_296).rounded())
    let kernel = Resampler.kernel(forIncrement: rate / outputRate)
    var left = [Float](repeating: 0, count: count)
    var right = [Float](repeating: 0, count: count)
    var position: Int64 = 0
    left.withUnsafeMutableBufferPointer { l in
      right.withUnsafeMutableBufferPointer { r in
        Resampler.read(
          start, stride: stride, channels: channels, kernel: Resampler.Taps(kernel), position: &position, step: step,
          left: l.baseAddress!, right: r.baseAddress!, count: count)
      }
    }
    return Sample(
      name: name, channels: channels == 2 ? [left, right] : [left], rate: outputRate)
  }

  /// The first channel's frames.
  public var frames: [Float] { channel(0) }

  /// Channel `c`'s frames.
  public func channel(_ c: Int) -> [Float] {
    Array(UnsafeBufferPointer(start: storage + c * stride + Self.padding, count: frameCount))
  }
}
