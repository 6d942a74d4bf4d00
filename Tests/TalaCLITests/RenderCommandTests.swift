import Foundation
import Testing

/// A WAV file read by hand (PCM 16/24-bit or IEEE float), independent of libsndfile.
struct WAV {
  var formatTag = 0
  var channels = 0
  var rate = 0
  var bits = 0
  var samples: [Double] = []

  init(_ path: String) throws {
    let data = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    func u32(_ i: Int) -> Int { Int(data[i]) | Int(data[i + 1]) << 8 | Int(data[i + 2]) << 16 | Int(data[i + 3]) << 24 }
    func u16(_ i: Int) -> Int { Int(data[i]) | Int(data[i + 1]) << 8 }
    guard data.count >= 12, String(decoding: data[0..<4], as: UTF8.self) == "RIFF" else { throw Bad() }
    var i = 12
    while i + 8 <= data.count {
      let id = String(decoding: data[i..<i + 4], as: UTF8.self)
      let size = u32(i + 4)
      let body = i + 8
      if id == "fmt " {
        formatTag = u16(body)
        channels = u16(body + 2)
        rate = u32(body + 4)
        bits = u16(body + 14)
        if formatTag == 0xFFFE { formatTag = u16(body + 24) }  // WAVE_FORMAT_EXTENSIBLE
      } else if id == "data" {
        let bytes = bits / 8
        var k = body
        while k + bytes <= min(body + size, data.count) {
          switch (formatTag, bits) {
          case (1, 16): samples.append(Double(Int16(bitPattern: UInt16(u16(k)))) / 32_768)
          case (1, 24):
            let v = Int32(bitPattern: UInt32(data[k]) << 8 | UInt32(data[k + 1]) << 16 | UInt32(data[k + 2]) << 24)
            samples.append(Double(v >> 8) / 8_388_608)
          case (3, 32): samples.append(Double(Float(bitPattern: UInt32(u32(k)))))
          default: throw Bad()
          }
          k += bytes
        }
      }
      i = body + size + (size & 1)
    }
  }

  struct Bad: Error {}

  var frames: Int { samples.count / max(channels, 1) }
  func channel(_ c: Int) -> [Double] { stride(from: c, to: samples.count, by: channels).map { samples[$0] } }

  /// Frames that sound after at least `gap` silent frames.
  func onsets(gap: Int = 200) -> [Int] {
    var out: [Int] = []
    var silent = gap
    for (i, x) in channel(0).enumerated() {
      if x != 0 {
        if silent >= gap { out.append(i) }
        silent = 0
      } else {
        silent += 1
      }
    }
    return out
  }
}

@Suite struct RenderCommandTests {
  func temporary(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("tala-render-\(UUID().uuidString)-\(name)").path
  }

  @Test func onsetsAreRoundedOnceFromExactCycleTimes() throws {
    let out = temporary("a.wav")
    defer { try? FileManager.default.removeItem(atPath: out) }
    // cps 9/16, thirds of a cycle: k/3 cycles = 16k/27 s = 768000k/27 frames, rounded.
    let r = try Tala.run(["render", "-e", "d1 $ s \"tick*3\"", out, "--cycles", "3", "--cps", "9/16"])
    #expect(r.status == 0, "\(r.stderr)")
    // Offline nothing is late, not even the event at cycle 0.
    #expect(!r.stderr.contains("late"), "\(r.stderr)")
    let wav = try WAV(out)
    #expect(wav.formatTag == 1 && wav.bits == 16 && wav.channels == 2 && wav.rate == 48_000)
    #expect(wav.frames == (3 * 3 * 768_000 * 2 + 27) / 54)
    let expected = (0..<9).map { k in (k * 768_000 * 2 + 27) / 54 }
    #expect(expected[1] == 28_444 && expected[2] == 56_889)
    #expect(wav.onsets() == expected)
  }

  @Test func formatsAndRate() throws {
    for (format, tag, bits) in [("s24", 1, 24), ("float", 3, 32)] {
      let out = temporary("\(format).wav")
      defer { try? FileManager.default.removeItem(atPath: out) }
      let r = try Tala.run([
        "render", "-e", "setcps 1\nd1 $ s \"tick tick\" # pan 0", out, "--cycles", "2", "--rate", "44100", "--format",
        format,
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let wav = try WAV(out)
      #expect(wav.formatTag == tag && wav.bits == bits && wav.rate == 44_100, "\(format)")
      #expect(wav.frames == 88_200)
      #expect(wav.onsets() == [0, 22_050, 44_100, 66_150])
      // pan 0: all in the left channel; tick's first frame at 0.4 of full scale.
      #expect(wav.channel(1).allSatisfy { $0 == 0 })
      #expect(abs(wav.channel(0)[0] - 0.4) < 1e-4)
    }
  }

  @Test func scriptStatementsMuteSoloHushAndShellCommands() throws {
    let dir = FileManager.default.temporaryDirectory
    let script = dir.appendingPathComponent("tala-render-\(UUID().uuidString).tala").path
    let out = temporary("s.wav")
    defer {
      try? FileManager.default.removeItem(atPath: script)
      try? FileManager.default.removeItem(atPath: out)
    }
    try """
    -- a comment
    setbpm 240
    d1 $ s "tick"
    :cps 2
    d2 $ s "~ tick"
    p "x" $ s "~ ~ tick ~"
      # gain 1
    mute 2
    """.write(toFile: script, atomically: true, encoding: .utf8)
    let r = try Tala.run(["render", script, out, "--cycles", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.contains("\(script):4: skipped shell command :cps 2"), "\(r.stderr)")
    // setbpm 240 is 1 cycle per second; d2 is muted.
    #expect(try WAV(out).onsets() == [0, 24_000, 48_000, 72_000])

    try "d1 $ s \"tick\"\nhush\nd3 $ s \"~ tick\"\n".write(toFile: script, atomically: true, encoding: .utf8)
    #expect(try Tala.run(["render", script, out, "--cycles", "1", "--cps", "1"]).status == 0)
    #expect(try WAV(out).onsets() == [24_000])
  }

  @Test func aPatternedTempoRendersOnTheExactPiecewiseGrid() throws {
    let out = temporary("cps.wav")
    defer { try? FileManager.default.removeItem(atPath: out) }
    // Cycle 0 at 1 cps (onsets 0 s, 0.5 s), cycle 1 at 3 cps from 1 s (1 s, 1 + 1/6 s), cycle 2
    // at 1 cps again from 4/3 s.
    let r = try Tala.run(["render", "-e", "d1 $ s \"tick*2\" # cps \"<1 3>\"", out, "--cycles", "3"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try WAV(out).onsets() == [0, 24_000, 48_000, 56_000, 64_000, 88_000])
  }

  @Test func errorsNameFileLineAndColumn() throws {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("tala-render-\(UUID().uuidString).tala")
      .path
    defer { try? FileManager.default.removeItem(atPath: script) }
    try "d1 $ s \"bd\"\n\nd2 $ s \"bd\" # gian 1\n".write(toFile: script, atomically: true, encoding: .utf8)
    let r = try Tala.run(["render", script, temporary("e.wav"), "--cycles", "1"])
    #expect(r.status != 0)
    #expect(r.stderr.contains("\(script):3:15:"), "\(r.stderr)")
    let missing = try Tala.run(["render", "/nonexistent/x.tala", temporary("e.wav"), "--cycles", "1"])
    #expect(missing.status != 0 && missing.stderr.contains("cannot read /nonexistent/x.tala"))
    let badFormat = try Tala.run([
      "render", "-e", "d1 $ s \"bd\"", temporary("e.wav"), "--cycles", "1", "--format", "mp3",
    ])
    #expect(badFormat.status != 0 && badFormat.stderr.contains("--format"))
  }
}
