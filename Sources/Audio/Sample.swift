/// Mono audio ready for playback: decoded or synthesized once, then shared read-only by every
/// voice that plays it.
public final class Sample: Sendable {
  public let name: String
  /// Frames in the sample (the storage has two zero frames more, so interpolation reading one
  /// frame ahead never needs a bounds check).
  public let frameCount: Int
  /// The sample's own rate; playback resamples by `rate / outputRate`.
  public let rate: Double
  /// A pitched instrument (`superpiano`…): `n` adds to `note` instead of picking a file, and its
  /// sound lasts one event (`delta`) unless `legato` or `sustain` say otherwise, as SuperDirt's
  /// synths do.
  public let isInstrument: Bool
  let storage: [Float]

  public init(name: String, frames: [Float], rate: Double, isInstrument: Bool = false) {
    self.name = name
    self.frameCount = frames.count
    self.rate = rate
    self.isInstrument = isInstrument
    self.storage = frames + [0, 0]
  }

  /// The frames (without the guard frames).
  public var frames: ArraySlice<Float> { storage[0..<frameCount] }
}
