// swift-tools-version:6.0
// Tala: a live-coding shell. Module layering is described in docs/ARCHITECTURE.md;
// arrows there are enforced by `--explicit-target-dependency-import-check error`.
import PackageDescription

let strict: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny")
]

// Rounding functions come from libm; pure modules link it explicitly instead of importing Glibc.
let libm: [LinkerSetting] = [.linkedLibrary("m", .when(platforms: [.linux]))]

let package = Package(
  name: "Tala",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "tala", targets: ["tala"]),
    .library(name: "MiniNotation", targets: ["MiniNotation"]),
    // For the fuzz package (Fuzz/): the shell language's parser and evaluator.
    .library(name: "Language", targets: ["Language"]),
    .library(name: "OSC", targets: ["OSC"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // Pure layers: no clocks, no sockets, no Foundation.
    .target(name: "Time", swiftSettings: strict),
    .target(name: "OSC", swiftSettings: strict),
    // What a control means: one value type, Tidal's params, SuperDirt's readings, wire formats.
    .target(name: "Controls", dependencies: ["Time", "OSC"], swiftSettings: strict),
    .target(name: "Pattern", dependencies: ["Time", "Controls"], swiftSettings: strict, linkerSettings: libm),
    .target(
      name: "MiniNotation", dependencies: ["Time", "Controls", "Pattern"], swiftSettings: strict,
      linkerSettings: libm),
    .target(
      name: "Language", dependencies: ["Time", "Controls", "Pattern", "MiniNotation"], swiftSettings: strict,
      linkerSettings: libm),
    // The only module that reads clocks or starts threads: the monotonic and wall clocks (real
    // and manual), the one wall-offset estimator, the thread runner, stop signals. Everything
    // timed takes its clock injected. Tests/SystemTests checks that no other module reads one.
    .target(name: "System", swiftSettings: strict),
    // I/O at the edge.
    .target(name: "Net", dependencies: ["OSC", "CNet"], swiftSettings: strict),
    // recvmmsg, which Swift's Glibc module lacks; imported by Net only.
    .systemLibrary(name: "CNet", path: "Sources/CNet"),
    // C libraries, each imported by exactly one Swift module (CALSA and CSndFile by Audio,
    // CReadline by LineEditor, CLink by Link).
    .systemLibrary(name: "CALSA", pkgConfig: "alsa", providers: [.apt(["libasound2-dev"])]),
    .systemLibrary(name: "CSndFile", pkgConfig: "sndfile", providers: [.apt(["libsndfile1-dev"])]),
    .target(
      name: "Audio", dependencies: ["CALSA", "CSndFile", "Controls", "System"], swiftSettings: strict,
      linkerSettings: libm),
    // Ableton Link (Debian's header-only C++ ableton-link-dev) behind a small extern "C" API of
    // opaque handles; imported only by Link.
    .target(
      name: "CLink",
      cxxSettings: [.define("LINK_PLATFORM_LINUX", to: "1"), .define("LINK_PLATFORM_UNIX", to: "1")],
      linkerSettings: [.linkedLibrary("pthread"), .linkedLibrary("atomic")]),
    // Tempo and beat grid shared with peers on the network (Ableton Link), in Swift types.
    .target(name: "Link", dependencies: ["CLink", "System"], swiftSettings: strict),
    .target(
      name: "Receiver", dependencies: ["Controls", "OSC", "Net", "Audio", "ClockSync", "System"],
      swiftSettings: strict),
    // Clock offset, jitter and drift from NTP-style exchanges (pure: times are given to it).
    .target(name: "ClockSync", dependencies: ["OSC"], swiftSettings: strict),
    // Tempo map, planner, scheduler thread (on the clock it is given).
    .target(
      name: "Scheduler", dependencies: ["Time", "Controls", "Pattern", "OSC", "System"], swiftSettings: strict,
      linkerSettings: libm),
    // The composition root: slots, tempo and targets around the scheduler.
    .target(
      name: "Session",
      dependencies: [
        "Time", "Controls", "Pattern", "Language", "OSC", "Net", "Scheduler", "ClockSync", "Audio", "Link", "System",
      ],
      swiftSettings: strict),
    // Completion candidates (pure), the pattern grid (pure), and the line editor, the only
    // importer of readline.
    .target(name: "ShellSupport", dependencies: ["Controls", "Language"], swiftSettings: strict),
    .target(
      name: "PatternGrid", dependencies: ["Time", "Controls", "Pattern", "Language"], swiftSettings: strict,
      linkerSettings: libm),
    .systemLibrary(name: "CReadline", path: "Sources/CReadline", providers: [.apt(["libreadline-dev"])]),
    // `tala samples install`: an archive downloaded with libcurl (imported only here), unpacked
    // and moved into place.
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .target(name: "SampleInstall", dependencies: ["CCurl", "Audio"], swiftSettings: strict),
    .target(name: "LineEditor", dependencies: ["CReadline", "System"], swiftSettings: strict),
    // What the musician types into: input collection, the line loop (and the readline shell).
    .target(
      name: "Shell",
      dependencies: ["Language", "Scheduler", "Session", "LineEditor", "ShellSupport", "PatternGrid", "System"],
      swiftSettings: strict),
    .executableTarget(
      name: "tala",
      dependencies: [
        "Time", "Controls", "Pattern", "MiniNotation", "Language", "OSC", "Net", "Scheduler", "Session", "Shell",
        "ClockSync", "Audio", "Receiver", "PatternGrid", "SampleInstall", "System",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(
      name: "tala-bench",
      dependencies: ["Time", "Controls", "Pattern", "MiniNotation", "Language", "OSC", "Net", "Audio", "Receiver"],
      path: "Benchmarks/tala-bench",
      swiftSettings: strict),

    .executableTarget(
      name: "tala-bench-timing",
      dependencies: ["Time", "Language", "OSC", "Net", "Scheduler", "Session", "System"],
      path: "Benchmarks/tala-bench-timing",
      swiftSettings: strict),

    // make soak: an hour of a dense set to two OSC captures and audio on ALSA's null device.
    .executableTarget(
      name: "tala-soak",
      dependencies: ["Time", "OSC", "Net", "Audio", "Scheduler", "Session", "System"],
      path: "Benchmarks/tala-soak",
      swiftSettings: strict),

    // Test-only: the line editor alone in a terminal, driven by Tests/ShellTests through tmux.
    .executableTarget(
      name: "line-editor-demo", dependencies: ["LineEditor", "ShellSupport", "Shell"], path: "Tests/LineEditorDemo",
      swiftSettings: strict),

    .testTarget(name: "TimeTests", dependencies: ["Time"], swiftSettings: strict),
    .testTarget(name: "ControlsTests", dependencies: ["Controls", "OSC", "Time"], swiftSettings: strict),
    .testTarget(name: "PatternTests", dependencies: ["Time", "Pattern"], swiftSettings: strict),
    .testTarget(
      name: "MiniNotationTests", dependencies: ["Time", "Pattern", "MiniNotation"],
      exclude: ["Golden"],
      swiftSettings: strict),
    .testTarget(
      name: "LanguageTests", dependencies: ["Time", "Controls", "Pattern", "MiniNotation", "Language"],
      exclude: ["Golden"], swiftSettings: strict),
    .testTarget(name: "OSCTests", dependencies: ["OSC"], swiftSettings: strict),
    .testTarget(
      name: "NetTests", dependencies: ["Time", "OSC", "Net", "Scheduler", "Session", "System"], swiftSettings: strict),
    .testTarget(
      name: "SchedulerTests", dependencies: ["Time", "Controls", "Pattern", "Language", "OSC", "Scheduler", "System"],
      swiftSettings: strict),
    .testTarget(
      name: "SessionTests",
      dependencies: [
        "Time", "Controls", "Language", "OSC", "Scheduler", "Session", "Shell", "ShellSupport", "Audio", "System",
      ],
      swiftSettings: strict),
    .testTarget(name: "ClockSyncTests", dependencies: ["OSC", "ClockSync"], swiftSettings: strict),
    .testTarget(name: "TalaCLITests", dependencies: [], exclude: ["Transcripts"], swiftSettings: strict),
    .testTarget(
      name: "ShellSupportTests", dependencies: ["Controls", "ShellSupport", "Language"], swiftSettings: strict),
    .testTarget(
      name: "PatternGridTests", dependencies: ["PatternGrid", "Language", "Pattern", "Time"], swiftSettings: strict),
    .testTarget(name: "ShellTests", dependencies: [], swiftSettings: strict),
    .testTarget(
      name: "PdTests", dependencies: ["OSC", "Net", "Language", "Scheduler", "Session"], exclude: ["Fixtures"],
      swiftSettings: strict),
    .testTarget(name: "AudioTests", dependencies: ["Audio", "Controls", "System"], swiftSettings: strict),
    .testTarget(
      name: "ReceiverTests", dependencies: ["Receiver", "Audio", "Controls", "OSC", "Net", "System"],
      swiftSettings: strict),
    .testTarget(name: "SystemTests", dependencies: ["System"], swiftSettings: strict),
    .testTarget(
      name: "SampleInstallTests", dependencies: ["SampleInstall", "Audio"], exclude: ["serve.py"],
      swiftSettings: strict),
    .testTarget(name: "LinkTests", dependencies: ["Link", "System"], swiftSettings: strict),
  ],
  cxxLanguageStandard: .cxx17
)
