#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes phase-diagram.ipynb (see notebook_kit.py): a sweep's phase diagram, from
Results/sweep-small-world/summary.csv."""
import notebook_kit

notebook_kit.write("phase-diagram", [
    "# When does a nomination chain take off? A phase diagram\n\n"
    "Reads `Results/sweep-small-world/` (written by `viral sweep Scenarios/sweep-small-world.yaml`): "
    "a nomination challenge on Watts–Strogatz graphs, swept over the rewiring probability and the "
    "acceptance probability, 100 runs per point.",
    """code:
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt

summary = pd.read_csv('../Results/sweep-small-world/summary.csv')
share = summary[summary.metric == 'reached_share'].pivot_table(index='campaign_accept', columns='graph_rewire', values='mean')
share.round(3)""",
    """code:
fig, ax = plt.subplots(figsize=(7, 4.5))
mesh = ax.pcolormesh(np.arange(share.shape[1] + 1), np.arange(share.shape[0] + 1), share.values, cmap='viridis', shading='flat')
ax.set_xticks(np.arange(share.shape[1]) + 0.5, [f'{p:.2g}' for p in share.columns], rotation=45)
ax.set_yticks(np.arange(share.shape[0]) + 0.5, [f'{a:.2f}' for a in share.index])
ax.set_xlabel('rewiring probability p (log-spaced)'); ax.set_ylabel('acceptance probability')
fig.colorbar(mesh, label='share of agents who took part (mean)'); ax.set_title('Nomination challenge on a small world')
fig.tight_layout(); plt.show()""",
    "## Cuts through the diagram: final size against acceptance, at three rewiring probabilities",
    """code:
rows = summary[summary.metric == 'reached_share']
fig, ax = plt.subplots(figsize=(7, 3.8))
for p in sorted(rows.graph_rewire.unique())[::4]:
    cut = rows[rows.graph_rewire == p].sort_values('campaign_accept')
    ax.plot(cut.campaign_accept, cut['mean'], marker='o', label=f'p = {p:.2g}')
    ax.fill_between(cut.campaign_accept, cut.ci95_low, cut.ci95_high, alpha=0.2)
ax.set_xlabel('acceptance probability'); ax.set_ylabel('share who took part'); ax.legend(); fig.tight_layout(); plt.show()""",
])
