// SPDX-License-Identifier: GPL-3.0-or-later
import ViralityCore

extension LoadedScenario {
  /// The columns of the printed table and of `viral compare`'s ranking: the model's own
  /// (the final size when a sweep changes the model), led by the target's adopters, their
  /// cost and the return on them when the scenario names a target segment. The first column
  /// with an interval ranks the variants.
  public var summaryColumns: [SummaryColumn] {
    let models = Set(points.compactMap { $0.scenario.campaign?.modelName })
    guard models.count == 1, let model = base.campaign?.model else { return SummaryColumn.finalSize + SummaryColumn.shape }
    guard !base.population.target.isEmpty else { return model.summaryColumns }
    let leading = model.targetColumns(valued: base.value != nil)
    return leading + model.summaryColumns.filter { column in !leading.contains { $0.metric == column.metric } }
  }
}
