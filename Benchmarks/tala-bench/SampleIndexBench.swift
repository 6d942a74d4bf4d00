import Audio

// The sample search path at start-up: listing 2,000 files in 200 sound folders (no file opened).

#if canImport(Glibc)
  import Glibc
#endif

enum SampleIndexBench {
  static func run() {
    var template = Array("/tmp/tala-bench-samples-XXXXXX".utf8CString)
    guard let root = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
      print("samples: cannot create a temporary folder")
      return
    }
    let path = String(cString: root)
    defer { _ = system("rm -rf '\(path)'") }
    for f in 0..<200 {
      let folder = "\(path)/sound\(f)"
      mkdir(folder, 0o755)
      for k in 0..<10 { close(creat("\(folder)/\(k).wav", 0o644)) }
    }
    var best = Double.infinity
    var names = 0
    for _ in 0..<20 {
      let start = AudioBench.seconds()
      let bank = SoundBank(folders: [path, path + "/missing"], outputRate: 48_000)
      best = min(best, AudioBench.seconds() - start)
      names = bank.folderNames().count
    }
    print("samples:")
    print(
      "  start-up index of a sample folder with 2,000 files (\(names) sound folders): \(format2(best * 1e3)) ms (best of 20)"
    )
  }
}
