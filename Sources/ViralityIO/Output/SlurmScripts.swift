// SPDX-License-Identifier: GPL-3.0-or-later
import Foundation

/// `viral sweep --slurm N`: the scripts that run a sweep as a Slurm job array of N shards
/// and merge them, written to a folder of their own. Slurm does the distribution:
///
/// - `sweep.sbatch`: a job array of N tasks; task i runs `viral sweep --shard i/N` into
///   `DEST-shard-i-of-N` (a requeued or resubmitted task resumes its shard);
/// - `merge.sbatch`: `viral merge` of the N shard folders into `DEST`;
/// - `submit.sh`: submits the array, then the merge with `--dependency=afterok` on it.
///
/// Paths are absolute, so the scripts run from any folder on a cluster whose nodes share
/// the file system.
public struct SlurmScripts: Sendable {
  public struct Resources: Sendable {
    public var shards: Int
    public var cpus: Int
    /// `--mem` per task (`4G`), or nil for the cluster's default.
    public var memory: String?
    /// `--time` per task (`2:00:00`), or nil for the partition's default.
    public var time: String?
    public var partition: String?
    public var account: String?

    /// Why `value` cannot be written into an `#SBATCH` line (nil: it can): a value is one
    /// word (`4G`, `2-00:00:00`, a partition or account name), so it cannot end the line and
    /// add directives of its own.
    public static func problem(with value: String, option: String) -> String? {
      guard !value.isEmpty, value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:+@%,=".contains($0)) })
      else {
        return
          "\(option): give one word of letters, digits and - _ . : + @ % , = (no spaces or line breaks); got '\(value)'"
      }
      return nil
    }

    public init(shards: Int, cpus: Int, memory: String?, time: String?, partition: String?, account: String?) {
      self.shards = shards
      self.cpus = cpus
      self.memory = memory
      self.time = time
      self.partition = partition
      self.account = account
    }
  }

  /// The files, by name.
  public let files: [(name: String, text: String)]

  /// The scripts for running `viral` (an absolute path) `arguments` (the sweep command's,
  /// without `--slurm` and its options, `--out` and `--threads`) from `workingFolder`, with
  /// the merged results in `destination`, logs in `logs`.
  public init(
    viral: String, arguments: [String], workingFolder: String, destination: String, logs: String, name: String,
    resources: Resources
  ) {
    let n = resources.shards
    func quoted(_ text: String) -> String {
      text.allSatisfy({ $0.isLetter || $0.isNumber || "-_./=+:,@%".contains($0) })
        ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
    // Requests both jobs make.
    let shared = [
      ("mem", resources.memory), ("time", resources.time), ("partition", resources.partition), ("account", resources.account),
    ]
    .compactMap { key, value in value.map { "#SBATCH --\(key)=\($0)" } }.joined(separator: "\n")
    let command = ([viral, "sweep"] + arguments).map(quoted).joined(separator: " ")
    let sweep = """
      #!/bin/bash
      # Viral sweep '\(name)' as a Slurm job array: task i of \(n) runs shard i/\(n).
      # Submit with submit.sh (which also submits the merge), or: sbatch sweep.sbatch
      #SBATCH --job-name=viral-\(name)
      #SBATCH --cpus-per-task=\(resources.cpus)
      \(shared)
      #SBATCH --array=1-\(n)
      #SBATCH --requeue
      #SBATCH --output=\(quoted(logs))/sweep-%a.out
      set -euo pipefail
      cd \(quoted(workingFolder))
      i=${SLURM_ARRAY_TASK_ID:?run this script with sbatch}
      # A task that runs again (requeued, resubmitted) resumes its shard where it stopped.
      exec \(command) --threads "${SLURM_CPUS_PER_TASK:-\(resources.cpus)}" \\
        --shard "$i/\(n)" --out \(quoted(destination))-shard-"$i"-of-\(n) --quiet

      """
    let merge = """
      #!/bin/bash
      # Merges the \(n) shards of Viral sweep '\(name)' into \(destination).
      #SBATCH --job-name=viral-\(name)-merge
      #SBATCH --cpus-per-task=1
      \(shared)
      #SBATCH --output=\(quoted(logs))/merge.out
      set -euo pipefail
      cd \(quoted(workingFolder))
      shards=()
      for i in $(seq 1 \(n)); do shards+=(\(quoted(destination))-shard-"$i"-of-\(n)); done
      exec \(quoted(viral)) merge "${shards[@]}" --out \(quoted(destination)) --quiet

      """
    let submit = """
      #!/bin/sh
      # Submits Viral sweep '\(name)': \(n) shards as a job array, then their merge once every
      # shard has succeeded. Results: \(destination)
      set -eu
      here=$(cd "$(dirname "$0")" && pwd)
      mkdir -p \(quoted(logs))
      array=$(sbatch --parsable "$here/sweep.sbatch")
      array=${array%%;*}
      merge=$(sbatch --parsable --dependency=afterok:"$array" "$here/merge.sbatch")
      merge=${merge%%;*}
      echo "submitted job array $array (\(n) shards) and merge job $merge; watch with: squeue -j $array,$merge"

      """
    files = [("sweep.sbatch", sweep), ("merge.sbatch", merge), ("submit.sh", submit)]
  }
}
