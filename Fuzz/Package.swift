// swift-tools-version:6.0
// libFuzzer targets for Tala's decoders and its language. Build and run with scripts/fuzz.sh (needs the
// toolchain's libFuzzer: `--sanitize=fuzzer --sanitize=address`).
import PackageDescription

let package = Package(
  name: "TalaFuzz",
  dependencies: [
    .package(name: "Tala", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "FuzzOSCDecoder",
      dependencies: [.product(name: "OSC", package: "Tala")]
    ),
    .executableTarget(
      name: "FuzzMiniNotation",
      dependencies: [.product(name: "MiniNotation", package: "Tala")]
    ),
    .executableTarget(
      name: "FuzzExpression",
      dependencies: [.product(name: "Language", package: "Tala")]
    ),
  ]
)
