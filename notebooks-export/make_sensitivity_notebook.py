#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes sensitivity.ipynb (see notebook_kit.py): Sobol indices of the ice-bucket campaign,
from Results/sensitivity-ice-bucket/sensitivity.csv."""
import notebook_kit

notebook_kit.write("sensitivity", [
    "# Which assumptions drive the Ice Bucket Challenge's size? Sobol indices\n\n"
    "Reads `Results/sensitivity-ice-bucket/` (written by `viral sweep Scenarios/sensitivity-ice-bucket.yaml`): "
    "a Saltelli design over five campaign parameters, with first-order (S1) and total (ST) indices "
    "by Jansen's estimators and 95% bootstrap intervals.",
    """code:
import pandas as pd
import matplotlib.pyplot as plt

indices = pd.read_csv('../Results/sensitivity-ice-bucket/sensitivity.csv')
part = indices[indices.metric == 'participants'].pivot_table(index='parameter', columns='index', values=['value', 'ci95_low', 'ci95_high'])
part['value'].sort_values('ST', ascending=False).round(3)""",
    """code:
order = part['value'].sort_values('ST').index
fig, ax = plt.subplots(figsize=(7, 3.8))
for shift, kind, colour in [(-0.18, 'S1', '#4c78a8'), (0.18, 'ST', '#f58518')]:
    v, lo, hi = part['value'][kind][order], part['ci95_low'][kind][order], part['ci95_high'][kind][order]
    y = [i + shift for i in range(len(order))]
    ax.barh(y, v, height=0.35, color=colour, label=kind)
    ax.errorbar(v, y, xerr=[v - lo, hi - v], fmt='none', color='k')
ax.set_yticks(range(len(order)), order); ax.axvline(0, color='0.5')
ax.set_xlabel('Sobol index of participants (share of variance)'); ax.legend(); fig.tight_layout(); plt.show()""",
    "S1 is the share of the variance one parameter explains alone, ST with its interactions; "
    "ST − S1 is what a parameter does only together with others.",
])
