// swift-tools-version:6.1
// Viral — a social-graph and virality simulator.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "Viral",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "viral", targets: ["viral"]),
    .library(name: "ViralityCore", targets: ["ViralityCore"]),
    .library(name: "ViralityIO", targets: ["ViralityIO"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev", "pkg-config"]), .brew(["gsl", "pkg-config"])]
    ),
    .target(name: "GSL", dependencies: ["CGSL"]),
    .target(name: "CPrefetch"),
    .target(name: "CSystem"),
    .target(
      name: "ViralityCore",
      dependencies: [
        "GSL", "CPrefetch", .product(name: "RealModule", package: "swift-numerics"),
        .product(name: "HeapModule", package: "swift-collections"),
      ]
    ),
    .target(
      name: "ViralityIO",
      dependencies: [
        "ViralityCore", "GSL", "CSystem", .product(name: "Yams", package: "Yams"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "viral",
      dependencies: [
        "ViralityCore", "ViralityIO", "GSL",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "GSLTests", dependencies: ["GSL", "CGSL"]),
    .testTarget(name: "ViralityCoreTests", dependencies: ["ViralityCore", "GSL"]),
    .testTarget(name: "ViralityIOTests", dependencies: ["ViralityIO", "ViralityCore", "GSL"]),
    // End-to-end tests run the built tool; depending on it makes `swift test` build it.
    .testTarget(
      name: "viralTests", dependencies: ["viral", .product(name: "Yams", package: "Yams")],
      resources: [.copy("BadInputs")]),
  ],
  swiftLanguageModes: [.v6]
)
