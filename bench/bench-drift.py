#!/usr/bin/python3
# bench-drift.py: a full drift report with Orchard and with SciPy/NumPy
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Compare 1,000,000 current rows with 1,000,000 reference rows, 28 columns,
with Orchard and with the SciPy/NumPy/scikit-learn code an analyst would
write (Evidently's default tests, written out).

The files (bench/out/drift-reference-1m.csv, drift-current-1m.csv; seeded, the
same bytes on every run) hold 22 numeric columns (continuous, integer, a 1-5
rating, a 0/1 flag) and 6 categorical ones (3 to 50 levels), 1% missing in
three columns. The current file is shifted in ten columns: means, spreads,
rates, level mixes, and one correlation that only the multivariate test sees.

Each peer runs in a fresh child process, taking turns, --repeat times:

- Orchard: bench/orchard-drift loads both files with orchard_table_load(),
  then builds the reference profile (every value in the sample, so that the
  statistics are SciPy's on the full data) and computes the report with the
  default options: the work of `orchard-cli drift` after loading. Also once
  with the bounded sample of a model bundle's profile (10,000 values).
- SciPy/NumPy: pandas.read_csv (float_precision="round_trip", so both peers
  hold the same doubles), then, per column, Evidently's choice of test (the
  distinct values of both sides), scipy.stats.wasserstein_distance over the
  reference standard deviation or scipy.spatial.distance.jensenshannon,
  PSI on the reference deciles with NumPy, Cohen's d or Cramer's V
  (scipy.stats.contingency.association), and the multivariate test with
  scikit-learn's StandardScaler and PCA(n_components=0.65).

Time is the wall time of the comparison alone (after loading), measured in
the child; the best run counts (an Orchard child compares three times after
loading once, and reports its best). Peak memory is each child's maximum resident
set size (wait4()), load included; a python that only imports the peer's
modules is measured for the baseline. Every statistic of the two peers is
compared and the largest difference printed.

Goal (issue 9): the full report from loaded tables in under 1 s on 2 cores,
and at least 20x faster than SciPy/NumPy in the same run. --check makes a
missed goal the exit status. Needs /usr/bin/python3 with numpy, pandas,
scipy and scikit-learn (Debian packages).
"""

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
REFERENCE = os.path.join(OUT, "drift-reference-1m.csv")
CURRENT = os.path.join(OUT, "drift-current-1m.csv")
ROWS = 1_000_000
SEED = 20260301

PEER = r"""
import json, resource, sys, time
import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance
from scipy.stats import contingency
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

DECILES = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])

def psi(rc, cc):
    r = rc / rc.sum(); c = cc / cc.sum()
    r[r == 0] = 1e-4; c[c == 0] = 1e-4
    return float(np.sum((c - r) * np.log(c / r)))

def cramers_v(rc, cc):
    table = np.array([rc, cc]); table = table[:, table.sum(axis=0) > 0]
    return float(contingency.association(table, method="cramer")) if table.shape[1] > 1 else 0.0

ref = pd.read_csv(sys.argv[1], float_precision="round_trip")
cur = pd.read_csv(sys.argv[2], float_precision="round_trip")
loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

start, cpu = time.perf_counter(), time.process_time()
out = {}
numeric, categorical = [], []
for c in ref.columns:
    r = ref[c].dropna(); k = cur[c].dropna()
    is_cat = r.dtype == object
    (categorical if is_cat else numeric).append(c)
    n_values = pd.concat([r, k]).nunique()          # Evidently's _get_default_stattest
    if not is_cat and n_values > 5:
        rv, kv = r.to_numpy(), k.to_numpy()
        stat = stats.wasserstein_distance(rv, kv) / max(np.std(rv), 0.001)
        test = "wasserstein"
        effect = (kv.mean() - rv.mean()) / np.sqrt(((len(rv) - 1) * rv.var(ddof=1) +
                                                    (len(kv) - 1) * kv.var(ddof=1)) / (len(rv) + len(kv) - 2))
    else:
        rc_, kc_ = r.value_counts(), k.value_counts()
        keys = rc_.index.union(kc_.index)
        rc = rc_.reindex(keys, fill_value=0).to_numpy()
        kc = kc_.reindex(keys, fill_value=0).to_numpy()
        stat = distance.jensenshannon(rc / len(r), kc / len(k))
        test = "jensenshannon"
        effect = cramers_v(rc, kc)
    if is_cat:
        p = psi(rc.astype(float), kc.astype(float))
    else:
        edges = np.unique(np.quantile(r.to_numpy(), DECILES))
        p = psi(np.bincount(np.searchsorted(edges, r.to_numpy(), side="right"), minlength=len(edges) + 1).astype(float),
                np.bincount(np.searchsorted(edges, k.to_numpy(), side="right"), minlength=len(edges) + 1).astype(float))
    out[c] = {"test": test, "statistic": float(stat), "psi": p, "effect_size": float(effect)}

# Multivariate: impute, frequency-encode, standardise, PCA(0.65), reconstruction errors.
def encode(frame):
    e = pd.DataFrame(index=frame.index)
    for c in numeric:
        e[c] = frame[c].fillna(ref[c].mean())
    for c in categorical:
        shares = ref[c].value_counts(normalize=True)
        counts = ref[c].value_counts()
        mode = sorted(counts[counts == counts.max()].index)[0]
        e[c] = frame[c].map(shares).fillna(0.0)
        e.loc[frame[c].isna(), c] = shares[mode]
    return e.to_numpy()
zr_raw, zc_raw = encode(ref), encode(cur)
scaler = StandardScaler().fit(zr_raw)
zr, zc = scaler.transform(zr_raw), scaler.transform(zc_raw)
pca = PCA(n_components=0.65, svd_solver="full").fit(zr)
err_r = np.linalg.norm(zr - pca.inverse_transform(pca.transform(zr)), axis=1)
err_c = np.linalg.norm(zc - pca.inverse_transform(pca.transform(zc)), axis=1)
n = len(err_r)
chunks = [float(err_r[(i * n) // 10:((i + 1) * n) // 10].mean()) for i in range(10)]
mean, std = float(np.mean(chunks)), float(np.std(chunks))
multivariate = {"n_components": int(pca.n_components_), "error": float(err_c.mean()),
                "reference_chunk_errors": chunks, "lower": max(0.0, mean - 3 * std), "upper": mean + 3 * std}
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "load_rss_kib": loaded,
                  "columns": out, "multivariate": multivariate}))
"""

PEER_IMPORT = ("import numpy, pandas, scipy.stats, scipy.spatial.distance, "
               "sklearn.decomposition, sklearn.preprocessing")


# The files ---------------------------------------------------------------------

def generate(path, current):
    import numpy as np

    rng = np.random.Generator(np.random.PCG64(SEED + (1 if current else 0)))
    n = ROWS
    s = 1 if current else 0          # how much of each shift applies
    cols = {}

    def fixed(values, decimals):
        return ["%.*f" % (decimals, v) for v in values.tolist()]

    def with_missing(texts, share):
        mask = rng.random(n) < share
        return ["" if m else t for t, m in zip(texts, mask.tolist())]

    cols["age"] = with_missing([str(int(v)) for v in np.clip(np.round(rng.normal(40 + 3 * s, 12, n)), 18, 95)], 0.01)
    cols["income"] = with_missing(fixed(rng.lognormal(10.5 + 0.1 * s, 0.6, n), 2), 0.01)
    cols["balance"] = fixed(rng.normal(1500, 4000, n), 2)
    cols["z1"] = fixed(rng.normal(0.05 * s, 1, n), 5)
    cols["z2"] = fixed(rng.normal(0, 1 + 0.2 * s, n), 5)
    cols["z3"] = fixed(rng.normal(0, 1, n), 5)
    z4 = rng.normal(0, 1, n)
    # z5 follows z4 in the reference, not in the current data: the
    # margins stay the same, only the multivariate test can see it.
    z5 = rng.normal(0, 1, n) if current else 0.8 * z4 + 0.6 * rng.normal(0, 1, n)
    cols["z4"] = fixed(z4, 5)
    cols["z5"] = fixed(z5, 5)
    cols["z6"] = fixed(rng.normal(0, 1, n), 5)
    cols["temperature"] = fixed(rng.normal(15 + 2 * s, 10, n), 1)
    cols["pressure"] = fixed(rng.normal(1013.25, 12, n), 2)
    cols["rating"] = [str(v + 1) for v in rng.choice(5, n, p=[0.1, 0.15, 0.3, 0.3, 0.15] if not current
                                                     else [0.15, 0.2, 0.3, 0.25, 0.1]).tolist()]
    cols["flag"] = [str(v) for v in (rng.random(n) < (0.3 + 0.05 * s)).astype(int).tolist()]
    cols["count_visits"] = [str(v) for v in rng.poisson(3.0, n).tolist()]
    cols["count_items"] = [str(v) for v in rng.poisson(40.0 + 2 * s, n).tolist()]
    cols["price"] = fixed(rng.lognormal(3.0, 1.0, n), 2)
    cols["discount"] = fixed(rng.uniform(0.0, 0.5, n), 3)
    cols["latitude"] = fixed(rng.uniform(-90, 90, n), 6)
    cols["longitude"] = fixed(rng.uniform(-180, 180, n), 6)
    cols["share"] = fixed(rng.beta(2.0 + 0.5 * s, 5.0, n) * 100, 1)
    cols["duration"] = fixed(rng.exponential(300, n), 1)
    cols["score"] = fixed(np.clip(rng.normal(0.5, 0.15, n), 0, 1), 4)

    def levels(names, probs):
        return [names[i] for i in rng.choice(len(names), n, p=probs).tolist()]

    regions = ["north", "south", "east", "west", "centre"]
    cols["region"] = with_missing(levels(regions, [0.3, 0.25, 0.2, 0.15, 0.1] if not current
                                         else [0.2, 0.25, 0.2, 0.15, 0.2]), 0.01)
    cols["plan"] = levels(["basic", "plus", "premium"], [0.6, 0.3, 0.1])
    cols["device"] = levels(["android", "ios", "web", "tablet"], [0.45, 0.35, 0.15, 0.05] if not current
                            else [0.35, 0.35, 0.25, 0.05])
    countries = ["C%02d" % i for i in range(30)]
    weights = 1.0 / np.arange(1, 31)
    cols["country"] = levels(countries, weights / weights.sum())
    cols["channel"] = levels(["ch%d" % i for i in range(8)], [1 / 8] * 8)
    segments = ["seg%02d" % i for i in range(50)]
    sw = np.linspace(1, 2, 50) if not current else np.linspace(1, 2.2, 50)
    cols["segment"] = levels(segments, sw / sw.sum())

    names = list(cols)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(",".join(names) + "\n")
        columns = [cols[c] for c in names]
        for start in range(0, n, 50_000):
            f.write("".join(",".join(row) + "\n" for row in zip(*(c[start:start + 50_000] for c in columns))))
    os.replace(tmp, path)


def file_hash(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            h.update(block)
    return h.hexdigest()


# Running ------------------------------------------------------------------------

def run_child(argv):
    """Run argv; return (its JSON output or None, its peak RSS in KiB)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("bench-drift.py: %s failed (%d): %s"
                 % (" ".join(argv[:2]), code, err.decode(errors="replace").strip()))
    return (json.loads(out) if out.strip() else None), usage.ru_maxrss


def find_orchard_drift(args):
    if args.orchard_drift:
        return args.orchard_drift
    for builddir in ("_build-release", "_build-bench", "_build-drift", "_build"):
        candidate = os.path.join(HERE, "..", builddir, "bench", "orchard-drift")
        if os.path.exists(candidate):
            return candidate
    sys.exit("bench-drift.py: build bench/orchard-drift first (see bench/README.md)")


def largest_difference(orchard, peer):
    """The largest |Orchard − SciPy| over the statistics, relative above 1."""
    worst, where = 0.0, None
    columns = {c["name"]: c for c in orchard["columns"]}
    for name, p in peer["columns"].items():
        o = columns[name]
        if o["test"] != p["test"]:
            sys.exit("bench-drift.py: %s: Orchard ran %s, the peer %s" % (name, o["test"], p["test"]))
        for key in ("statistic", "psi", "effect_size"):
            d = abs(o[key] - p[key]) / max(1.0, abs(p[key]))
            if d > worst:
                worst, where = d, "%s.%s" % (name, key)
    m, pm = orchard["multivariate"], peer["multivariate"]
    if m["n_components"] != pm["n_components"]:
        sys.exit("bench-drift.py: %d principal axes, the peer %d" % (m["n_components"], pm["n_components"]))
    pairs = [(m["error"], pm["error"])] + list(zip(m["reference"]["chunk_errors"],
                                                   pm["reference_chunk_errors"]))
    for a, b in pairs:
        d = abs(a - b) / max(1.0, abs(b))
        if d > worst:
            worst, where = d, "multivariate error"
    return worst, where


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orchard-drift", help="path of bench/orchard-drift")
    parser.add_argument("--repeat", type=int, default=3, help="runs per peer (default 3)")
    parser.add_argument("--json", action="store_true", help="print every run as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--hash", action="store_true", help="print the SHA-256 of the files")
    args = parser.parse_args()

    os.makedirs(OUT, exist_ok=True)
    for path, current in ((REFERENCE, False), (CURRENT, True)):
        if not os.path.exists(path):
            print("generating %s …" % os.path.relpath(path), file=sys.stderr)
            generate(path, current)
    if args.hash:
        for path in (REFERENCE, CURRENT):
            print("%s  %s" % (file_hash(path), os.path.relpath(path)))

    orchard_drift = find_orchard_drift(args)
    load_before = os.getloadavg()[0]
    python = "/usr/bin/python3"
    runs = {"orchard": [], "orchard_bounded": [], "peer": []}
    rss = {"orchard": 0, "orchard_bounded": 0, "peer": 0}

    for _ in range(args.repeat):
        result, peak = run_child([orchard_drift, REFERENCE, CURRENT, "--repeat", "3"])
        runs["orchard"].append(result)
        rss["orchard"] = max(rss["orchard"], peak)
        result, peak = run_child([python, "-c", PEER, REFERENCE, CURRENT])
        runs["peer"].append(result)
        rss["peer"] = max(rss["peer"], peak)
        result, peak = run_child([orchard_drift, REFERENCE, CURRENT, "--sample-size", "10000",
                                  "--repeat", "3"])
        runs["orchard_bounded"].append(result)
        rss["orchard_bounded"] = max(rss["orchard_bounded"], peak)
    _, baseline = run_child([python, "-c", PEER_IMPORT])

    if args.json:
        print(json.dumps({"runs": runs, "rss_kib": rss, "baseline_rss_kib": baseline}, indent=1))

    best = lambda name: min(runs[name], key=lambda r: r["seconds"])
    o, b, p = best("orchard"), best("orchard_bounded"), best("peer")
    worst, where = largest_difference(o["report"], p)
    ratio = p["seconds"] / o["seconds"]
    mib = lambda kib: kib / 1024

    print("Drift report, 1,000,000 reference rows vs 1,000,000 current rows, 28 columns")
    print("machine: %s, %d processors; Python %s; load average %.1f / %.1f before / after"
          % (platform.machine(), os.cpu_count(), platform.python_version(), load_before,
             os.getloadavg()[0]))
    print("load (not timed below): Orchard %.2f s for both files" % o["load_seconds"])
    print()
    print("%-34s %10s %10s %12s" % ("", "wall s", "CPU s", "peak RSS"))
    print("%-34s %10.3f %10.3f %9.0f MiB" % ("Orchard, exact (every value)", o["seconds"],
                                             o["cpu_seconds"], mib(rss["orchard"])))
    print("%-34s %10.3f %10s" % ("  of which the reference profile", o["profile_seconds"], ""))
    print("%-34s %10.3f %10s" % ("  of which the report", o["report_seconds"], ""))
    print("%-34s %10.3f %10.3f %9.0f MiB" % ("Orchard, bundle sample (10,000)", b["seconds"],
                                             b["cpu_seconds"], mib(rss["orchard_bounded"])))
    print("%-34s %10.3f %10.3f %9.0f MiB" % ("SciPy/NumPy/scikit-learn", p["seconds"],
                                             p["cpu_seconds"], mib(rss["peer"])))
    print("%-34s %10s %10s %9.0f MiB" % ("  python with those imported", "", "", mib(baseline)))
    print()
    print("speed-up (SciPy time / Orchard time): %.1fx exact, %.1fx with the bundle sample"
          % (ratio, p["seconds"] / b["seconds"]))
    print("peak memory, Orchard / SciPy: %.2f (above the import baseline: %.2f)"
          % (rss["orchard"] / rss["peer"], rss["orchard"] / max(1, rss["peer"] - baseline)))
    print("reference profile in memory: %.1f MiB exact, %.2f MiB with the bundle sample"
          % (o["profile_bytes"] / 2**20, b["profile_bytes"] / 2**20))
    print("largest difference of a statistic, Orchard vs SciPy: %.2g (%s)" % (worst, where))
    print("dataset drift %s, %d of %d columns drifted; multivariate error %.4f (band %.4f-%.4f): %s"
          % ("yes" if o["report"]["dataset_drift"] else "no", o["report"]["n_drifted"],
             o["report"]["n_columns"], o["report"]["multivariate"]["error"],
             o["report"]["multivariate"]["lower"], o["report"]["multivariate"]["upper"],
             "drift" if o["report"]["multivariate"]["drifted"] else "no drift"))

    goals = [("full report under 1 s", o["seconds"] < 1.0),
             ("at least 20x faster than SciPy/NumPy", ratio >= 20),
             ("statistics equal to 1e-9", worst <= 1e-9)]
    print()
    for name, ok in goals:
        print("goal: %-40s %s" % (name, "met" if ok else "MISSED"))
    if args.check and not all(ok for _, ok in goals):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
