#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The Ice Bucket Challenge figures of a nomination run, measured from its results.

    python3 notebooks-export/ice_bucket_figures.py [Results/ice-bucket-2014] [--plot FILE.png]

Reads summary.csv, timeseries.csv (daily bins) and graph.csv written by `viral run` for a
nomination campaign without a sweep or compare: list, and prints the figures
Scenarios/ice-bucket-2014.yaml is calibrated against, beside the published values
(../shared/research/ice-bucket-facts.md in the project's sources; the scenario's header
cites them). Only the standard library is needed; --plot also draws the daily and
cumulative participants (matplotlib). A folder it cannot read is named with what it lacks.
"""
import csv
import math
import os
import sys
from collections import defaultdict

arguments = sys.argv[1:]
plot = None
if "--plot" in arguments:
    at = arguments.index("--plot")
    plot = arguments[at + 1] if at + 1 < len(arguments) else "ice-bucket-figures.png"
    del arguments[at:at + 2]
folder = arguments[0] if arguments else "Results/ice-bucket-2014"


def refuse(reason):
    print(f"ice_bucket_figures.py: {folder}: {reason}", file=sys.stderr)
    sys.exit(2)


if plot:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        refuse("--plot needs matplotlib (pip install matplotlib, or make notebooks)")
for name in ["summary.csv", "graph.csv"]:
    if not os.path.exists(f"{folder}/{name}"):
        refuse(f"no {name}: give the results folder of a viral run of a nomination scenario")
if not os.path.exists(f"{folder}/timeseries.csv"):
    refuse("no timeseries.csv: run the scenario with outputs.details: true (the default)")
summary_rows = list(csv.DictReader(open(f"{folder}/summary.csv")))
groups = {(row.get("sweep_point", ""), row["variant"]) for row in summary_rows}
if len(groups) != 1:
    refuse(f"holds {len(groups)} groups (sweep points or seeding variants); these figures are for one run of one scenario")
summary = {row["metric"]: row for row in summary_rows}
if "nomination_r" not in summary:
    refuse("is not a nomination campaign's results (summary.csv has no nomination_r): use a campaign with model: nomination")
nodes = int(next(csv.DictReader(open(f"{folder}/graph.csv")))["nodes"])


def mean(metric):
    value = summary[metric]["mean"]
    return float(value) if value else math.nan


def interval(metric):
    low, high = summary[metric]["ci95_low"], summary[metric]["ci95_high"]
    return f" (95% CI {float(low):.3g}–{float(high):.3g})" if low and high else ""


# The mean daily curves over replicates.
per_day = defaultdict(lambda: [0.0, 0.0])
replicates = set()
for row in csv.DictReader(open(f"{folder}/timeseries.csv")):
    day = round(float(row["time_h"]) / 24)
    replicates.add(row["replicate"])
    per_day[day][0] += int(row["engaged_new"])
    per_day[day][1] += int(row["adopted_new"])
days = sorted(per_day)
joined = [per_day[d][0] / len(replicates) for d in days]
peak_day = max(range(len(days)), key=lambda i: joined[i])
peak = joined[peak_day]


def log2_slope(indices):
    """Least-squares slope of log2(daily participants) against days."""
    xs = [days[i] for i in indices if joined[i] > 0]
    ys = [math.log2(joined[i]) for i in indices if joined[i] > 0]
    if len(xs) < 3:
        return math.nan
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


# Growth: the days before the peak with between 2% and 50% of the peak's joiners.
growth = [i for i in range(peak_day) if 0.02 * peak <= joined[i] <= 0.5 * peak]
# Decay: the days after the peak with between 50% and 2% of it.
decay = [i for i in range(peak_day + 1, len(days)) if 0.02 * peak <= joined[i] <= 0.5 * peak]
plateau = sum(1 for value in joined if value >= 0.75 * peak)
growth_slope, decay_slope = log2_slope(growth), log2_slope(decay)
# A curve that does not grow (or decay) over its window has no doubling (halving) time.
doubling = 1 / growth_slope if growth_slope > 0 else math.nan
halving = -1 / decay_slope if decay_slope < 0 else math.nan


def days_text(value, missing):
    return f"{value:.1f}" if math.isfinite(value) else missing

outcomes = {name: mean(f"{name}_share") for name in ["both", "douse_only", "donate_only", "neither"]}

rows = [
    ("nomination-chain R (accepted nominations per nominator)", f"{mean('nomination_r'):.2f} overall, {mean('nomination_r_first_week'):.2f}{interval('nomination_r_first_week')} in the first week",
     "1.43 (95% CI 1.23–1.65), Ni et al. 2014"),
    ("serial interval, mean / median (days)",
     f"{mean('serial_interval_mean_h') / 24:.2f} / {mean('serial_interval_median_h') / 24:.2f}", "2.1 / 1, Ni et al. 2014"),
    ("nominees: both / douse only / donate only / neither",
     " / ".join(f"{100 * outcomes[k]:.0f}%" for k in ["both", "douse_only", "donate_only", "neither"]),
     "42 / 16 / 23 / 19%, OnePoll UK"),
    ("average gift", f"${mean('money') / mean('donors'):.0f}", "about $46 ($115M / 2.5M donors)"),
    ("growth: doubling time of daily participants (days)", days_text(doubling, "n/a (too few growing days)"),
     "about 2.3 (ALSA daily totals)"),
    ("peak: days after the first seeds", f"{days[peak_day]}", "about 21 (29 Jul → 20 Aug)"),
    ("plateau: days at ≥ 75% of the peak", f"{plateau}", "about 7 (19–26 Aug)"),
    ("decay: halving time after the peak (days)", days_text(halving, "n/a (no decay within the horizon)"),
     "2–4 (derived)"),
    ("took part (share of agents)", f"{100 * mean('participants') / nodes:.1f}%", "17% of UK adults (CAF)"),
    ("joined without a nomination (share of participants)", f"{100 * mean('joined_alone_share'):.0f}%",
     "about a quarter (derived)"),
    ("aware (share of agents)", f"{100 * mean('aware_share'):.0f}%", "46% of US adults did it or knew someone who had"),
    ("donors (share of agents)", f"{100 * mean('donors') / nodes:.1f}%", "about 10% of UK adults"),
]
width = max(len(r[0]) for r in rows)
print(f"{folder}: {len(replicates)} replicates on {nodes:,} agents")
print(f"{'figure':<{width}}  simulated  |  published")
for name, simulated, published in rows:
    print(f"{name:<{width}}  {simulated}  |  {published}")

if plot:
    figure, (daily, total) = plt.subplots(1, 2, figsize=(11, 4))
    daily.plot(days, joined, marker=".")
    daily.set_yscale("log")
    daily.set_xlabel("days after the first seeds")
    daily.set_ylabel("participants joining per day (mean of runs)")
    daily.axvline(days[peak_day], color="grey", linestyle=":", label=f"peak, day {days[peak_day]}")
    daily.legend()
    cumulative = [sum(joined[: i + 1]) for i in range(len(joined))]
    total.plot(days, [100 * c / nodes for c in cumulative])
    total.set_xlabel("days after the first seeds")
    total.set_ylabel("participants so far (% of agents)")
    figure.suptitle(f"{folder}: {len(replicates)} replicates on {nodes:,} agents")
    figure.tight_layout()
    figure.savefig(plot, dpi=120)
    print(f"figure: {plot}")
