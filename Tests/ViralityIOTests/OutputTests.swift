// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation
import GSL
import Testing
import ViralityCore

@testable import ViralityIO

@Suite("Result files")
struct OutputTests {
  @Test("CSV cells: shortest numbers, quoted text, empty for missing")
  func csv() {
    var table = CSVTable(columns: ["a", "b,c", "d", "e", "f"])
    table.append([.int(3), .double(0.1), .text("say \"hi\", twice"), .missing, .double(.nan)])
    table.append([.double(2), .bool(true), .text("plain"), .double(1e-5), .int(-1)])
    #expect(table.csv == "a,\"b,c\",d,e,f\n3,0.1,\"say \"\"hi\"\", twice\",,\n2,true,plain,1e-05,-1\n")
  }

  @Test("Summary intervals: Student t within one graph, cluster-robust across realizations")
  func intervals() {
    typealias Sample = RunReport.Sample
    // One graph: the usual t interval, mean ± t(n−1)·sd/√n.
    let plain = [3.0, 5, 4, 8].map { Sample(value: $0, cluster: 0) }
    let one = RunReport.describe(plain)
    let sd: Double = (14.0 / 3).squareRoot()  // squares about the mean 5: 4 + 0 + 1 + 9
    #expect(abs(one.sd! - sd) < 1e-12)
    #expect(abs(one.high! - (5 + StudentT.quantile(0.975, degreesOfFreedom: 3) * sd / 2)) < 1e-12)
    // Three realizations, four runs each, that differ by graph far more than by run. With
    // equal clusters the robust standard error is that of the realization means, sd(10, 20,
    // 30)/√3 = 10/√3, with 2 degrees of freedom; treating the 12 runs as independent
    // would give a third of the width.
    var clustered: [Sample] = []
    for (cluster, level) in [10.0, 20, 30].enumerated() {
      for noise in [-1.0, 1, -0.5, 0.5] { clustered.append(Sample(value: level + noise, cluster: cluster)) }
    }
    let three = RunReport.describe(clustered)
    let half = StudentT.quantile(0.975, degreesOfFreedom: 2) * 10 / 3.0.squareRoot()
    #expect(abs(three.mean - 20) < 1e-12 && three.n == 12)
    #expect(abs(three.low! - (20 - half)) < 1e-9 && abs(three.high! - (20 + half)) < 1e-9)
    let naive = StudentT.quantile(0.975, degreesOfFreedom: 11) * three.sd! / 12.0.squareRoot()
    #expect(half > 3 * naive)
  }

  @Test("Staged files appear only when published, and leave nothing behind otherwise")
  func staging() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("viral-staging-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let destination = root.appendingPathComponent("results").path
    do {
      let staging = try ResultStaging(destination: destination)
      try staging.write("a.csv", "x\n1\n")
    }
    #expect(!FileManager.default.fileExists(atPath: destination))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    let staging = try ResultStaging(destination: destination)
    try staging.write("a.csv", "x\n1\n")
    try staging.write("b.csv", "y\n2\n")
    try staging.publish()
    #expect(try String(contentsOfFile: destination + "/b.csv", encoding: .utf8) == "y\n2\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["results"])
  }

  @Test("An exported edge list reads back as the same graph; GraphML is well-formed")
  func exportRoundTrip() throws {
    let graph = HolmeKim(nodes: 500, edgesPerNode: 3, triad: 0.5).generate(using: RandomStream(seed: 3), threads: 2)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("viral-export-\(UUID().uuidString)")
    let staging = try ResultStaging(destination: directory.path)
    try staging.write("g.edges") { try GraphExport.write(graph, as: .edgelist, header: "test", to: $0) }
    try staging.write("g.graphml") { try GraphExport.write(graph, as: .graphml, header: "a -- b", to: $0) }
    try staging.publish()
    defer { try? FileManager.default.removeItem(at: directory) }
    let back = try EdgeListReader.read(EdgeListFile(path: directory.appendingPathComponent("g.edges").path), threads: 2).graph
    #expect(back.edgeCount == graph.edgeCount)
    // Labels were ids; rows match once relabelled.
    let labels = back.labels ?? (0..<back.nodeCount).map(String.init)
    for u in stride(from: 0, to: back.nodeCount, by: 7) {
      let original = Int(labels[u])!
      #expect(Set(back.neighbors(of: u).map { Int(labels[Int($0)])! }) == Set(graph.neighbors(of: original).map(Int.init)))
    }
    let xml = try String(contentsOf: directory.appendingPathComponent("g.graphml"), encoding: .utf8)
    #expect(xml.components(separatedBy: "<edge ").count - 1 == graph.edgeCount)
    #expect(xml.components(separatedBy: "<node ").count - 1 == graph.nodeCount)
    #expect(!xml.contains("a -- b") && xml.hasSuffix("</graphml>\n"))
  }
}
