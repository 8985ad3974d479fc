// SPDX-License-Identifier: GPL-3.0-or-later

/// The notes at the head of a scenario file, as its comments write them: a first line that
/// says what the scenario is, then sections under headings in capitals (WHAT IT SHOWS, HOW
/// IT WORKS, THINGS TO TRY). Reports show them.
public struct ScenarioNotes: Codable, Sendable, Equatable {
  public struct Section: Codable, Sendable, Equatable {
    public let heading: String
    public let text: String
  }

  public let title: String?
  public let sections: [Section]

  public var isEmpty: Bool { title == nil && sections.isEmpty }

  /// The notes of the comment lines that open `yaml`.
  public init(yaml: String) {
    var lines: [String] = []
    for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      let trimmed = line.trimmingWhitespace()
      guard trimmed.hasPrefix("#") else { break }
      var text = trimmed.dropFirst()
      if text.first == " " { text = text.dropFirst() }
      lines.append(String(text))
    }
    var title: String?
    var sections: [Section] = []
    var heading: String?
    var body: [String] = []
    func close() {
      guard let heading else { return }
      // Remove the indentation the lines share, and blank lines at the ends.
      let indent = body.filter { !$0.trimmingWhitespace().isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
      let text = body.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }
      sections.append(Section(heading: heading, text: String(text.joined(separator: "\n").trimmingWhitespace())))
    }
    for line in lines {
      let isHeading =
        line.first?.isUppercase == true && line.count >= 4
        && line.allSatisfy { $0.isUppercase || " /'-".contains($0) }
      if isHeading {
        close()
        (heading, body) = (line, [])
      } else if heading != nil {
        body.append(line)
      } else if title == nil, !line.trimmingWhitespace().isEmpty {
        title = String(line.trimmingWhitespace())
      }
    }
    close()
    self.title = title
    self.sections = sections
  }
}
