#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes strategies.ipynb (see notebook_kit.py): one celebrity or many micro-influencers, from
Results/influencer-vs-micro/compare.csv."""
import notebook_kit

notebook_kit.write("strategies", [
    "# One celebrity or many micro-influencers?\n\n"
    "Reads `Results/influencer-vs-micro/` (written by `viral compare Scenarios/influencer-vs-micro.yaml`): "
    "every seeding variant ran on the same graphs and random streams, so the differences to the "
    "baseline are paired and their intervals are narrow.",
    """code:
import pandas as pd
import matplotlib.pyplot as plt

compare = pd.read_csv('../Results/influencer-vs-micro/compare.csv')
wide = compare.pivot_table(index='variant', columns='metric', values='mean')
wide[['seed_cost', 'reached', 'adopted', 'cost_per_adopter', 'roi']].sort_values('adopted', ascending=False).round(2)""",
    "## Buyers per variant, with 95% bootstrap intervals",
    """code:
def ranked(metric, label, ax):
    rows = compare[compare.metric == metric].sort_values('mean')
    ax.barh(rows.variant, rows['mean'], color='#4c78a8', alpha=0.8)
    ax.errorbar(rows['mean'], rows.variant, xerr=[rows['mean'] - rows.ci95_low, rows.ci95_high - rows['mean']], fmt='none', color='k')
    ax.set_xlabel(label)

fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
ranked('adopted', 'buyers (agents, mean per run)', axes[0])
ranked('cost_per_adopter', 'cost per buyer ($)', axes[1])
fig.tight_layout(); plt.show()""",
    "## Paired differences to the baseline",
    """code:
rows = compare[(compare.metric == 'adopted') & (compare.variant != compare.baseline)].sort_values('difference')
fig, ax = plt.subplots(figsize=(7, 3))
ax.errorbar(rows.difference, rows.variant, xerr=[rows.difference - rows.difference_ci95_low, rows.difference_ci95_high - rows.difference], fmt='o')
ax.axvline(0, color='0.5'); ax.set_xlabel(f"buyers minus the baseline's ({rows.baseline.iloc[0]}), same runs")
fig.tight_layout(); plt.show()
rows[['variant', 'difference', 'difference_ci95_low', 'difference_ci95_high', 'beats_baseline_share']].round(3)""",
])
