// SPDX-License-Identifier: GPL-3.0-or-later

/// Where a command's results go unless `--out` says: `Results/<name>` for the scenario as
/// written, and `Results/<name>+<override>+…` for a what-if (`--set`, `--seed`,
/// `--replicates`), so a what-if never replaces the scenario's own results.
public enum ResultFolder {
  /// The folder for scenario `name` run with `overrides`, relative to the working folder.
  public static func path(name: String, overrides: [Override]) -> String {
    guard !overrides.isEmpty else { return "Results/\(name)" }
    let described = overrides.map { "\($0.key)=\($0.value)" }.joined(separator: "+")
    // Characters a shell and every file system take as they are; the rest become '_'.
    var safe = ""
    for character in described {
      let kept = character.isASCII && (character.isLetter || character.isNumber || "-_.=+,".contains(character))
      if kept {
        safe.append(character)
      } else if safe.last != "_" {
        safe.append("_")
      }
    }
    // Long descriptions are cut, with a hash of the whole, so two what-ifs never share a folder.
    if safe.count > 96 {
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in described.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      safe = safe.prefix(80) + "-" + String(hash, radix: 16)
    }
    return "Results/\(name)+\(safe)"
  }
}
