#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes six-degrees.ipynb: the notebook is generated from this script so its source is
reviewable as plain Python. `make notebooks` runs it, executes the notebook and exports it."""
import nbformat as nbf

import notebook_kit

cells = [
    nbf.v4.new_markdown_cell(
        "# Six degrees: the small-world curves\n\n"
        "Reads `Results/six-degrees/` (written by `viral graph Scenarios/six-degrees.yaml`) and draws "
        "the two curves of Watts & Strogatz (*Nature* 393:440, 1998): average clustering C(p) and "
        "mean distance L(p), each divided by its value for the unrewired ring, against the rewiring "
        "probability p. n = 1000 people, k = 10 friends each, 20 graphs per p.\n\n"
        "Distances count steps; the *degrees of separation* of everyday speech count the people in "
        "between, one fewer."
    ),
    nbf.v4.new_code_cell(
        "import pandas as pd\n"
        "import matplotlib.pyplot as plt\n\n"
        "graphs = pd.read_csv('../Results/six-degrees/graph.csv')\n"
        "curve = graphs.groupby('graph_rewire').agg(\n"
        "    clustering=('average_clustering', 'mean'), clustering_se=('average_clustering', 'sem'),\n"
        "    distance=('mean_distance', 'mean'), distance_se=('mean_distance', 'sem'), graphs=('nodes', 'size'))\n"
        "c0 = 3 * (10 - 2) / (4 * (10 - 1))   # the ring's clustering, exactly 2/3\n"
        "l0 = 50.45                            # the ring's mean distance (n = 1000, k = 10)\n"
        "curve['C(p)/C(0)'] = curve.clustering / c0\n"
        "curve['L(p)/L(0)'] = curve.distance / l0\n"
        "curve.round(4)"
    ),
    nbf.v4.new_code_cell(
        "fig, ax = plt.subplots(figsize=(6.5, 4.2))\n"
        "ax.errorbar(curve.index, curve['C(p)/C(0)'], yerr=2 * curve.clustering_se / c0, fmt='s', mfc='none', label='C(p) / C(0): clustering')\n"
        "ax.errorbar(curve.index, curve['L(p)/L(0)'], yerr=2 * curve.distance_se / l0, fmt='o', label='L(p) / L(0): mean distance')\n"
        "ax.set_xscale('log'); ax.set_xlabel('rewiring probability p'); ax.set_ylim(0, 1.05)\n"
        "ax.set_title('Watts–Strogatz, n = 1000, k = 10 (Viral, 20 graphs per p, ±2 SE)')\n"
        "ax.axvspan(0.003, 0.03, color='0.92', zorder=0); ax.text(0.0095, 0.5, 'small\\nworld', ha='center')\n"
        "ax.legend(loc='lower left'); fig.tight_layout(); plt.show()"
    ),
    nbf.v4.new_markdown_cell(
        "Between p ≈ 0.003 and 0.03 the distance has collapsed while clustering has barely moved: at "
        "p = 0.01 the paper reports clustering still at 97% of the ring's and distances down to 18%."
    ),
    nbf.v4.new_code_cell(
        "row = curve.loc[0.01]\n"
        "print(f\"p = 0.01: clustering {row['C(p)/C(0)']:.1%} of C(0), distance {row['L(p)/L(0)']:.1%} of L(0) \"\n"
        "      f\"(mean separation {row.distance:.2f} steps, {row.distance - 1:.2f} people in between)\")"
    ),
    nbf.v4.new_markdown_cell("## How far apart are people? The distance distribution at three values of p"),
    nbf.v4.new_code_cell(
        "separation = pd.read_csv('../Results/six-degrees/separation.csv')\n"
        "fig, ax = plt.subplots(figsize=(6.5, 3.6))\n"
        "for p in [0.001, 0.01, 0.1]:\n"
        "    d = separation[separation.graph_rewire == p].groupby('distance').pairs.sum()\n"
        "    ax.plot(d.index, d / d.sum(), marker='.', label=f'p = {p}')\n"
        "ax.set_xlabel('distance (steps)'); ax.set_ylabel('share of pairs'); ax.set_xlim(0, 60); ax.legend()\n"
        "fig.tight_layout(); plt.show()"
    ),
]
notebook_kit.write("six-degrees", cells)
