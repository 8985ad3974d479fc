// swift-tools-version:6.1
// Viral's fuzz target: libFuzzer drives the scenario loader and every check viral validate
// makes. Built and run by `make fuzz` (part of `make test`); see README.md here.
// SPDX-License-Identifier: GPL-3.0-or-later

import PackageDescription

let package = Package(
  name: "ViralFuzz",
  dependencies: [.package(name: "Viral", path: "..")],
  targets: [
    .executableTarget(name: "fuzz-scenario", dependencies: [.product(name: "ViralityIO", package: "Viral")])
  ],
  swiftLanguageModes: [.v6]
)
