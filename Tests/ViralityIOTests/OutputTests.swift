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

  @Test("Text a spreadsheet would run as a formula is written after an apostrophe; numbers are not")
  func formulas() {
    let cells: [(String, String)] = [
      ("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""), ("+1+2", "'+1+2"), ("-micro", "'-micro"),
      ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("-0.5", "-0.5"), ("+3", "+3"), ("1e-05", "1e-05"), ("micro", "micro"),
    ]
    for (text, written) in cells { #expect(CSVValue.text(text).rendered == written, "\(text)") }
  }

  @Test("JSON embedded in a page cannot end its script element or open a comment")
  func embeddedJSON() {
    let text = JSONValue.array([.string("</script><!--<script>&")]).text
    #expect(!text.contains("<") && !text.contains(">") && !text.contains("&"))
    let decoded = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
    #expect(decoded == ["</script><!--<script>&"])
  }

  @Test("Summary statistics: mean and sd of the defined values, the interval from the bootstrap")
  func summaryStatistics() {
    let bootstrap = BootstrapInterval(clusters: [0, 0, 0, 0, 0], stream: RandomStream(seed: 3))
    let s = RunSummary.describe([3, 5, nil, 4, 8], bootstrap)
    #expect(s.n == 4 && s.mean == 5 && abs(s.sd! - (14.0 / 3).squareRoot()) < 1e-12)
    #expect(s.low! >= 3 && s.high! <= 8 && s.low! < 5 && s.high! > 5)
    let same = RunSummary.describe([2, 2, 2, 2, 2], bootstrap)
    #expect(same.low == 2 && same.high == 2 && same.sd == 0)
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
    // Not even the folders made to hold it stay.
    #expect(!FileManager.default.fileExists(atPath: root.path))
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

  @Test("Labels with spaces, quotes, commas or a leading # are quoted in an exported edge list and read back as written")
  func awkwardLabels() throws {
    let labels = ["Ann Lee", "Bo \"Bear\"", "C,D", "#1", "plain"]
    let triangleAndTail = EdgeList(sources: [0, 1, 2, 3], targets: [1, 2, 0, 4])
    let graph = GraphBuilder.build(nodeCount: 5, edges: triangleAndTail, directed: false, threads: 1, labels: labels).graph
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("viral-labels-\(UUID().uuidString)")
    let staging = try ResultStaging(destination: directory.path)
    try staging.write("g.edges") { try GraphExport.write(graph, as: .edgelist, header: "labels", to: $0) }
    try staging.publish()
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = try String(contentsOf: directory.appendingPathComponent("g.edges"), encoding: .utf8)
    #expect(text.contains("\"Ann Lee\" \"Bo \"\"Bear\"\"\"") && text.contains("\"#1\" plain"))
    let back = try EdgeListReader.read(EdgeListFile(path: directory.appendingPathComponent("g.edges").path), threads: 1).graph
    #expect(back.nodeCount == 5 && back.edgeCount == 4)
    let name = { (u: Int) in back.labels![u] }
    let edges = Set((0..<5).flatMap { u in back.neighbors(of: u).map { [name(u), name(Int($0))].sorted() } })
    #expect(edges == [["Ann Lee", "Bo \"Bear\""], ["Bo \"Bear\"", "C,D"], ["Ann Lee", "C,D"], ["#1", "plain"]])
  }
}
