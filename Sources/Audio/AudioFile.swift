import CSndFile

#if canImport(Glibc)
  import Glibc
#endif

/// Sample formats for written files.
public enum FileFormat: String, Sendable, CaseIterable {
  case s16, s24, float

  var subtype: Int32 {
    switch self {
    case .s16: Int32(SF_FORMAT_PCM_16)
    case .s24: Int32(SF_FORMAT_PCM_24)
    case .float: Int32(SF_FORMAT_FLOAT)
    }
  }
}

/// Errors of the audio layer, in words.
public struct AudioError: Error, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Sound files through libsndfile (WAV, AIFF, FLAC, Ogg…).
public enum AudioFile {
  /// Decoded audio: interleaved frames as floats in [-1, 1].
  public struct Contents: Sendable {
    public var rate: Int
    public var channels: Int
    public var samples: [Float]
    public var frameCount: Int { channels == 0 ? 0 : samples.count / channels }

    /// One channel's frames.
    public func channel(_ c: Int) -> [Float] {
      stride(from: c, to: samples.count, by: channels).map { samples[$0] }
    }
  }

  /// Reads a whole file.
  public static func read(_ path: String) throws(AudioError) -> Contents {
    var info = SF_INFO()
    guard let file = sf_open(path, Int32(SFM_READ), &info) else {
      throw AudioError("cannot read \(path): \(String(cString: sf_strerror(nil)))")
    }
    defer { sf_close(file) }
    let channels = Int(info.channels)
    guard channels > 0, info.frames >= 0, info.frames < 1 << 30 else {
      throw AudioError("cannot read \(path): unsupported layout (\(channels) channels, \(info.frames) frames)")
    }
    var samples = [Float](repeating: 0, count: Int(info.frames) * channels)
    let got = samples.withUnsafeMutableBufferPointer { sf_readf_float(file, $0.baseAddress, info.frames) }
    samples.removeSubrange(Int(max(0, got)) * channels..<samples.count)
    return Contents(rate: Int(info.samplerate), channels: channels, samples: samples)
  }

  /// Reads a file and mixes it down to one channel, as playback uses it.
  public static func readMono(_ path: String, name: String) throws(AudioError) -> Sample {
    let contents = try read(path)
    let c = contents.channels
    var mono = [Float](repeating: 0, count: contents.frameCount)
    if c == 1 {
      mono = contents.samples
    } else {
      let scale = 1 / Float(c)
      for i in 0..<mono.count {
        var sum: Float = 0
        for k in 0..<c { sum += contents.samples[i * c + k] }
        mono[i] = sum * scale
      }
    }
    return Sample(name: name, frames: mono, rate: Double(contents.rate))
  }

  /// Reads a file as playback uses it: mono stays mono, stereo stays stereo, and more channels
  /// are spread from left to right across two (channel `i` of `n` sits at `i / (n - 1)`, with
  /// equal-power weights, the way SuperDirt's splay places them on a stereo orbit).
  public static func readSample(_ path: String, name: String) throws(AudioError) -> Sample {
    let contents = try read(path)
    let c = contents.channels
    let frames = contents.frameCount
    if c == 1 { return Sample(name: name, frames: contents.samples, rate: Double(contents.rate)) }
    var left = [Float](repeating: 0, count: frames)
    var right = [Float](repeating: 0, count: frames)
    if c == 2 {
      for i in 0..<frames {
        left[i] = contents.samples[2 * i]
        right[i] = contents.samples[2 * i + 1]
      }
    } else {
      let weights = (0..<c).map { k -> (Float, Float) in
        let angle = Double(k) / Double(c - 1) * Double.pi / 2
        return (Float(cos(angle)), Float(sin(angle)))
      }
      // Scaled so a signal present on every channel keeps its level.
      let scale = 1 / weights.reduce(0) { $0 + $1.0 }
      for i in 0..<frames {
        var l: Float = 0
        var r: Float = 0
        for k in 0..<c {
          let x = contents.samples[i * c + k]
          l += x * weights[k].0
          r += x * weights[k].1
        }
        left[i] = l * scale
        right[i] = r * scale
      }
    }
    return Sample(name: name, channels: [left, right], rate: Double(contents.rate))
  }

  /// A WAV file being written frame block by frame block.
  public final class Writer {
    private var file: OpaquePointer?
    public let path: String
    public let channels: Int

    public init(path: String, rate: Int, channels: Int, format: FileFormat) throws(AudioError) {
      var info = SF_INFO()
      info.samplerate = Int32(rate)
      info.channels = Int32(channels)
      info.format = Int32(SF_FORMAT_WAV) | format.subtype
      guard sf_format_check(&info) != 0 else { throw AudioError("cannot write \(format) WAV at \(rate) Hz") }
      guard let file = sf_open(path, Int32(SFM_WRITE), &info) else {
        throw AudioError("cannot write \(path): \(String(cString: sf_strerror(nil)))")
      }
      self.file = file
      self.path = path
      self.channels = channels
      // Clip instead of wrapping when a loud mix exceeds full scale.
      sf_command(file, Int32(SFC_SET_CLIPPING), nil, Int32(SF_TRUE))
    }

    /// Appends interleaved frames.
    public func write(_ samples: UnsafeBufferPointer<Float>) throws(AudioError) {
      guard let file else { throw AudioError("\(path) is already closed") }
      let frames = samples.count / channels
      if sf_writef_float(file, samples.baseAddress, sf_count_t(frames)) != frames {
        throw AudioError("cannot write \(path): \(String(cString: sf_strerror(file)))")
      }
    }

    /// Finishes the header and closes the file.
    public func close() throws(AudioError) {
      guard let file else { return }
      self.file = nil
      if sf_close(file) != 0 { throw AudioError("cannot finish \(path)") }
    }

    deinit { if let file { sf_close(file) } }
  }

  /// Writes interleaved frames to a WAV file in one go.
  public static func write(
    _ samples: [Float], to path: String, rate: Int, channels: Int, format: FileFormat
  ) throws(AudioError) {
    let writer = try Writer(path: path, rate: rate, channels: channels, format: format)
    do {
      try samples.withUnsafeBufferPointer { (p) throws(AudioError) in try writer.write(p) }
    }
    try writer.close()
  }
}
