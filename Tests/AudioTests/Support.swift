import Audio
import Foundation

/// A temporary Dirt-Samples-style folder, removed when the test ends.
final class TemporarySamples {
  let root: URL

  init() throws {
    root = FileManager.default.temporaryDirectory.appendingPathComponent("tala-samples-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  }

  /// Writes `samples` (mono, float WAV) as `NAME/file`.
  func add(_ name: String, _ file: String, _ samples: [Float], rate: Int = 48_000) throws {
    let folder = root.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try AudioFile.write(samples, to: folder.appendingPathComponent(file).path, rate: rate, channels: 1, format: .float)
  }

  var path: String { root.path }

  deinit { try? FileManager.default.removeItem(at: root) }
}

/// Onsets in a channel: frames that are not silent after at least `gap` silent frames (or
/// at the start).
func onsets(_ channel: [Float], gap: Int = 200, threshold: Float = 1e-6) -> [Int] {
  var out: [Int] = []
  var silent = gap
  for (i, x) in channel.enumerated() {
    if abs(x) > threshold {
      if silent >= gap { out.append(i) }
      silent = 0
    } else {
      silent += 1
    }
  }
  return out
}

func left(_ stereo: [Float]) -> [Float] { stride(from: 0, to: stereo.count, by: 2).map { stereo[$0] } }
func right(_ stereo: [Float]) -> [Float] { stride(from: 1, to: stereo.count, by: 2).map { stereo[$0] } }

/// SuperDirt's amplitude for a gain: 0.4 · gain⁴.
func amplitude(gain: Double) -> Float { Float(0.4 * pow(gain, 4)) }
