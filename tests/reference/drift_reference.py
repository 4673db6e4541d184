#!/usr/bin/python3
# drift_reference.py: reference values for Orchard's drift detection, from
# SciPy, NumPy, pandas and scikit-learn.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/drift_reference.py > tests/data/drift-reference.json
#
# tests/engine/test-drift-stats.c and test-drift.c compare with it, to 1e-9:
#   kstwo, smirnov     scipy.stats.kstwo.sf(x, n) and scipy.special.smirnov(n, x)
#                      on a grid that reaches every branch of SciPy's kolmogn
#   chi2, ndtri        scipy.stats.chi2.sf / .isf and scipy.stats.norm.ppf
#   ks_synthetic       scipy.stats.ks_2samp on deterministic integer-formula
#                      samples (generated the same way in C), exact and
#                      asymptotic, with and without ties
#   comparisons        real columns: seattle-weather.csv by year and
#                      penguins.csv by island and by species, each compared the
#                      way Evidently's default tests compare them (written out
#                      below from Evidently's source, with SciPy doing the
#                      statistics), plus PSI on reference deciles, Cohen's d,
#                      Cramér's V, the detectable effects, the two histograms
#                      and the automatic choice of test
#   corrections        Bonferroni and Benjamini-Hochberg adjusted p-values
#   multivariate       NannyML-style PCA reconstruction error with
#                      scikit-learn: seattle 2012-2013 as reference (10
#                      chunks), 2014-2015 by month as current
#   chunks             seattle 2014-2015 by calendar month against 2012-2013

import datetime
import json
import math
import os
import platform
import sys
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy import special, stats
from scipy.spatial import distance
from scipy.stats import contingency
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(ROOT, "data", "samples")
DECILES = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])


def num(x):
    """A JSON number, or None for NaN and infinities."""
    x = float(x)
    return x if math.isfinite(x) else None


# Special functions --------------------------------------------------------

def kstwo_grid():
    out = []
    ns = [1, 2, 3, 5, 10, 50, 100, 139, 140, 141, 200, 500, 923, 1000, 5000,
          20000, 99999, 100000, 100001, 500000]
    for n in ns:
        xs = set()
        for t in [0.3, 0.5, 0.75, 1.0, 1.5, 2, 3]:
            xs.add(t / n)
        for nx2 in [0.1, 0.5, 0.754693, 0.76, 1, 2, 2.19, 2.21, 3.9, 4, 4.1, 10,
                    17, 18, 19, 100, 369, 371]:
            xs.add(math.sqrt(nx2 / n))
        for x in [0.01, 0.05, 0.1, 0.2, 0.3, 0.45, 0.5, 0.55, 0.7, 0.9, 0.99]:
            xs.add(x)
        if n > 1:
            xs.add(1 - 1 / n)
        xs.add((1.4 / n) ** (2 / 3))
        xs.add((1.4 / n) ** (2 / 3) * 1.01)
        for x in sorted(xs):
            if 0 < x < 1.5:
                out.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    return out


def smirnov_grid():
    out = []
    for n in [1, 2, 5, 10, 100, 1000, 1012, 1013, 5000, 100000, 500000, 1000001]:
        for x in [0.0, 0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 0.7, 0.99, 1.0,
                  1 / n, 2 / n, 1.5 / math.sqrt(n), 3 / math.sqrt(n)]:
            if x <= 1:
                out.append({"n": n, "x": x, "sf": float(special.smirnov(n, x))})
    return out


def chi2_grid():
    out = []
    for df in [1, 2, 3, 4, 5, 10, 30, 100, 1000]:
        for x in [0, 0.001, 0.1, 0.5, 1, 2, 5, 10, df * 0.5, df, df * 1.5, df * 3, df + 50]:
            out.append({"x": float(x), "df": df, "sf": float(stats.chi2.sf(x, df))})
    return out


def chi2_isf_grid():
    return [{"p": p, "df": df, "isf": float(stats.chi2.isf(p, df))}
            for df in [1, 2, 4, 9, 30] for p in [0.001, 0.01, 0.05, 0.1, 0.5]]


def ndtri_grid():
    return [{"p": p, "x": float(stats.norm.ppf(p))}
            for p in [1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3,
                      0.5, 0.7, 0.9, 0.975, 0.999, 1 - 1e-10]]


# KS on generated samples ----------------------------------------------------

def generated(n, a, b, m, divisor, offset):
    """Integers ((i a + b) mod m) // divisor + offset for i < n, as doubles:
    exact in C and in Python. A divisor > 1 makes ties."""
    i = np.arange(n, dtype=np.int64)
    return (((i * a + b) % m) // divisor + offset).astype(np.float64)


KS_CASES = [
    # n1, n2, (a, b, m, divisor, offset) of each sample
    (5, 5, (7, 1, 101, 1, 0), (11, 3, 101, 1, 10)),
    (10, 7, (7, 1, 1009, 1, 0), (13, 5, 1009, 1, 100)),
    (50, 50, (17, 3, 10007, 1, 0), (19, 7, 10007, 1, 500)),
    (100, 80, (17, 3, 10007, 50, 0), (23, 1, 10007, 50, 20)),
    (300, 200, (31, 7, 100003, 1, 0), (37, 11, 100003, 1, 3000)),
    (731, 730, (41, 13, 1000003, 1, 0), (43, 17, 1000003, 1, 0)),
    (1000, 1000, (53, 5, 1000003, 1000, 0), (59, 3, 1000003, 1000, 30)),
    (1000, 3000, (61, 19, 1000003, 1, 0), (67, 23, 1000003, 1, 20000)),
    (997, 10000, (71, 29, 1000003, 1, 0), (73, 31, 1000003, 1, 5000)),
    (1000, 10001, (79, 37, 1000003, 1, 0), (83, 41, 1000003, 1, 5000)),
    (100, 20000, (89, 43, 1000003, 1, 0), (97, 47, 1000003, 1, 150000)),
    (140, 20000, (101, 53, 1000003, 100, 0), (103, 59, 1000003, 100, 300)),
    (2000, 12000, (107, 61, 1000003, 1, 0), (109, 67, 1000003, 1, 2000)),
    (10001, 10001, (113, 71, 1000003, 1, 0), (127, 73, 1000003, 1, 1000)),
    (500, 50000, (131, 79, 1000003, 1, 0), (137, 83, 1000003, 1, 30000)),
    (30, 40000, (139, 89, 1000003, 1, 0), (149, 97, 1000003, 1, 0)),
]


def ks_cases():
    out = []
    for n1, n2, ga, gb in KS_CASES:
        a = generated(n1, *ga)
        b = generated(n2, *gb)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            r = stats.ks_2samp(a, b)
        fell_back = any("Switching to method=asymp" in str(w.message) for w in caught)
        exact = max(n1, n2) <= 10000 and not fell_back
        out.append({"n1": n1, "n2": n2, "a": list(ga), "b": list(gb),
                    "statistic": float(r.statistic), "p_value": float(r.pvalue),
                    "exact": exact})
    return out


# Comparisons of real columns, as Evidently makes them ---------------------------

def psi_of(ref_counts, cur_counts):
    r = np.asarray(ref_counts, dtype=float)
    c = np.asarray(cur_counts, dtype=float)
    r = r / r.sum()
    c = c / c.sum()
    r[r == 0] = 1e-4
    c[c == 0] = 1e-4
    return float(np.sum((c - r) * np.log(c / r)))


def decile_bins(ref, cur):
    edges = np.unique(np.quantile(ref, DECILES))
    k = len(edges) + 1
    rc = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=k)
    cc = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=k)
    return edges, rc, cc


def cohens_d(ref, cur):
    n1, n2 = len(ref), len(cur)
    pooled = math.sqrt(((n1 - 1) * np.var(ref, ddof=1) + (n2 - 1) * np.var(cur, ddof=1)) /
                       (n1 + n2 - 2))
    return (np.mean(cur) - np.mean(ref)) / pooled


def cramers_v(ref_counts, cur_counts):
    table = np.array([ref_counts, cur_counts])
    table = table[:, table.sum(axis=0) > 0]
    if table.shape[1] < 2:
        return 0.0
    return float(contingency.association(table, method="cramer"))


def automatic(n_ref, categorical, n_values):
    """Evidently's _get_default_stattest."""
    if n_ref <= 1000:
        if not categorical and n_values > 5:
            return "ks"
        return "chisquare" if n_values > 2 else "z"
    if not categorical and n_values > 5:
        return "wasserstein"
    return "jensenshannon"


def keys_of(ref, cur):
    return sorted(set(ref.unique()) | set(cur.unique()))


def compare_column(ref, cur, categorical, test=None):
    """One column, missing values dropped, as Evidently's data drift does."""
    ref = ref.dropna()
    cur = cur.dropna()
    keys = keys_of(ref, cur)
    if test is None:
        test = automatic(len(ref), categorical, len(keys))
    out = {"test": test, "n_values": len(keys), "reference_count": len(ref),
           "current_count": len(cur)}
    ref_counts = np.array([int((ref == k).sum()) for k in keys])
    cur_counts = np.array([int((cur == k).sum()) for k in keys])

    if test == "ks":
        r = stats.ks_2samp(ref.to_numpy(), cur.to_numpy())
        out["statistic"] = float(r.statistic)
        out["p_value"] = float(r.pvalue)
        d_crit = math.sqrt(-math.log(0.05 / 2) / 2) * math.sqrt((len(ref) + len(cur)) /
                                                                (len(ref) * len(cur)))
        out["detectable_effect"] = float(2 * stats.norm.ppf((1 + d_crit) / 2))
    elif test == "wasserstein":
        norm = max(np.std(ref.to_numpy()), 0.001)
        out["statistic"] = float(stats.wasserstein_distance(ref.to_numpy(), cur.to_numpy()) / norm)
        out["p_value"] = None
    elif test == "chisquare":
        k_norm = cur.shape[0] / ref.shape[0]
        f_exp = [c * k_norm for c in ref_counts]
        r = stats.chisquare(cur_counts, f_exp)
        out["statistic"] = num(r.statistic)
        out["p_value"] = float(r.pvalue)
        out["detectable_effect"] = float(math.sqrt(stats.chi2.isf(0.05, len(keys) - 1) /
                                                   (len(ref) + len(cur))))
    elif test == "z":
        # Evidently's proportions_diff_z_stat_ind on "not the first key".
        p1 = float((ref != keys[0]).sum()) / len(ref)
        p2 = float((cur != keys[0]).sum()) / len(cur)
        n1, n2 = len(ref), len(cur)
        P = float(p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(P * (1 - P) * (1.0 / n1 + 1.0 / n2))
        out["statistic"] = float(z)
        out["p_value"] = float(2 * (1 - stats.norm.cdf(np.abs(z))))
        out["detectable_effect"] = float(stats.norm.ppf(1 - 0.05 / 2) / math.sqrt(n1 + n2))
    elif test == "jensenshannon":
        out["statistic"] = float(distance.jensenshannon(ref_counts / len(ref),
                                                        cur_counts / len(cur)))
        out["p_value"] = None

    elif test == "psi":
        out["p_value"] = None

    if categorical:
        out["psi"] = psi_of(ref_counts, cur_counts)
    else:
        edges, rc, cc = decile_bins(ref.to_numpy(), cur.to_numpy())
        out["psi"] = psi_of(rc, cc)
        out["edges"] = [float(min(ref.min(), cur.min()))] + edges.tolist() + \
                       [float(max(ref.max(), cur.max()))]
        out["reference_counts"] = rc.tolist()
        out["current_counts"] = cc.tolist()

    if test == "psi":
        out["statistic"] = out["psi"]
    if test in ("ks", "wasserstein") or (test == "psi" and not categorical):
        out["effect_size"] = float(cohens_d(ref.to_numpy(), cur.to_numpy()))
    else:
        out["effect_size"] = cramers_v(ref_counts, cur_counts)
    if categorical:
        out["levels"] = {str(k): [int(r), int(c)] for k, r, c in zip(keys, ref_counts, cur_counts)}
    if test in ("chisquare", "z", "ks"):
        out["drifted"] = bool(out["p_value"] <= 0.05 if test == "ks" else out["p_value"] < 0.05)
    else:
        out["drifted"] = bool(out["statistic"] >= 0.1)
    return out


def compare(name, reference, current, numeric, categorical, overrides=None):
    overrides = overrides or {}
    columns = {}
    for c in numeric:
        columns[c] = compare_column(reference[c], current[c], False, overrides.get(c))
    for c in categorical:
        columns[c] = compare_column(reference[c], current[c], True, overrides.get(c))
    drifted = sum(1 for v in columns.values() if v["drifted"])
    return {"name": name, "reference_rows": len(reference), "current_rows": len(current),
            "columns": columns, "n_drifted": drifted,
            "drift_share": drifted / len(columns),
            "dataset_drift": drifted / len(columns) >= 0.5}


def corrections(p_values):
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    bonferroni = np.minimum(1.0, p * m)
    order = np.argsort(p, kind="mergesort")
    ranked = p[order] * m / np.arange(1, m + 1)
    ranked = np.minimum.accumulate(ranked[::-1])[::-1]
    bh = np.empty(m)
    bh[order] = np.minimum(1.0, ranked)
    return {"p_values": p.tolist(), "bonferroni": bonferroni.tolist(), "bh": bh.tolist()}


# Multivariate -------------------------------------------------------------------

def encode(frame, reference, numeric, categorical):
    """Impute (mean, most frequent level), frequency-encode, as the reference says."""
    out = pd.DataFrame(index=frame.index)
    for c in numeric:
        out[c] = frame[c].fillna(reference[c].mean())
    for c in categorical:
        shares = reference[c].value_counts(normalize=True)
        counts = reference[c].value_counts()
        mode = sorted(counts[counts == counts.max()].index)[0]
        out[c] = frame[c].map(shares).fillna(0.0)
        out.loc[frame[c].isna(), c] = shares[mode]
    return out


def multivariate(reference, current, numeric, categorical, current_chunks, n_chunks=10):
    ref = encode(reference, reference, numeric, categorical).to_numpy()
    cur = encode(current, reference, numeric, categorical).to_numpy()
    scaler = StandardScaler().fit(ref)
    zr = scaler.transform(ref)
    zc = scaler.transform(cur)
    pca = PCA(n_components=0.65, svd_solver="full").fit(zr)

    def errors(z):
        return np.linalg.norm(z - pca.inverse_transform(pca.transform(z)), axis=1)

    er = errors(zr)
    ec = errors(zc)
    n = len(er)
    bounds = [(c * n) // n_chunks for c in range(n_chunks + 1)]
    chunk_errors = [float(er[bounds[c]:bounds[c + 1]].mean()) for c in range(n_chunks)]
    mean = float(np.mean(chunk_errors))
    std = float(np.std(chunk_errors))
    lower = max(0.0, mean - 3 * std)
    upper = mean + 3 * std
    out = {"features": numeric + categorical, "n_components": int(pca.n_components_),
           "explained_variance": float(np.sum(pca.explained_variance_ratio_)),
           "reference_chunk_errors": chunk_errors, "mean": mean, "std": std,
           "lower": lower, "upper": upper, "error": float(ec.mean()),
           "drifted": bool(ec.mean() < lower or ec.mean() > upper), "chunks": []}
    for label, mask in current_chunks:
        e = float(ec[mask].mean())
        out["chunks"].append({"label": label, "error": e, "drifted": bool(e < lower or e > upper)})
    return out


def main():
    weather = pd.read_csv(os.path.join(SAMPLES, "seattle-weather.csv"), float_precision="round_trip")
    year = weather["date"].str[:4].astype(int)
    penguins = pd.read_csv(os.path.join(SAMPLES, "penguins.csv"), float_precision="round_trip")

    w_num = ["precipitation", "temp_max", "temp_min", "wind"]
    w_cat = ["weather"]
    p_num = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
    p_cat = ["species", "sex"]
    p_cat_island = ["island", "sex"]

    comparisons = [
        compare("seattle 2012 vs 2015", weather[year == 2012], weather[year == 2015], w_num, w_cat),
        compare("seattle 2012-2013 vs 2014-2015", weather[year <= 2013], weather[year >= 2014],
                w_num, w_cat),
        compare("seattle 2012-2014 vs 2015", weather[year <= 2014], weather[year == 2015],
                w_num, w_cat),
        compare("penguins Biscoe vs Dream", penguins[penguins.island == "Biscoe"],
                penguins[penguins.island == "Dream"], p_num, p_cat),
        compare("penguins Biscoe vs Torgersen", penguins[penguins.island == "Biscoe"],
                penguins[penguins.island == "Torgersen"], p_num, p_cat),
        compare("penguins Adelie vs Gentoo", penguins[penguins.species == "Adelie"],
                penguins[penguins.species == "Gentoo"], p_num, p_cat_island),
        compare("penguins Adelie vs Chinstrap", penguins[penguins.species == "Adelie"],
                penguins[penguins.species == "Chinstrap"], p_num, p_cat_island),
        # Every test on every column it fits, chosen by hand.
        compare("seattle 2012 vs 2015, tests chosen", weather[year == 2012], weather[year == 2015],
                w_num, w_cat, {"precipitation": "wasserstein", "temp_max": "psi",
                               "temp_min": "ks", "wind": "wasserstein", "weather": "jensenshannon"}),
        compare("penguins Adelie vs Gentoo, tests chosen", penguins[penguins.species == "Adelie"],
                penguins[penguins.species == "Gentoo"], p_num, p_cat_island,
                {"bill_length_mm": "wasserstein", "year": "jensenshannon", "island": "psi",
                 "sex": "chisquare"}),
    ]

    first = comparisons[0]["columns"]
    p_values = [first[c]["p_value"] for c in w_num + w_cat]

    ref = weather[year <= 2013].reset_index(drop=True)
    cur = weather[year >= 2014].reset_index(drop=True)
    months = cur["date"].str[:7].str.replace("/", "-")
    chunk_masks = [(m, (months == m).to_numpy()) for m in sorted(months.unique())]
    mv = multivariate(ref, cur, w_num, w_cat, chunk_masks)

    chunks = []
    for label, mask in chunk_masks:
        part = cur[mask]
        cols = {}
        for c in w_num:
            r = stats.ks_2samp(ref[c].dropna().to_numpy(), part[c].dropna().to_numpy())
            cols[c] = {"statistic": float(r.statistic), "p_value": float(r.pvalue),
                       "drifted": bool(r.pvalue <= 0.05)}
        keys = keys_of(ref["weather"], part["weather"])
        k_norm = part.shape[0] / ref.shape[0]
        f_exp = [int((ref["weather"] == k).sum()) * k_norm for k in keys]
        f_obs = [int((part["weather"] == k).sum()) for k in keys]
        r = stats.chisquare(f_obs, f_exp)
        cols["weather"] = {"statistic": num(r.statistic), "p_value": float(r.pvalue),
                           "drifted": bool(r.pvalue < 0.05)}
        drifted = sum(v["drifted"] for v in cols.values())
        chunks.append({"label": label, "rows": int(mask.sum()), "columns": cols,
                       "drift_share": drifted / len(cols)})

    out = {
        "provenance": {
            "generator": "tests/reference/drift_reference.py",
            "command": "/usr/bin/python3 tests/reference/drift_reference.py > tests/data/drift-reference.json",
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "sklearn": sklearn.__version__,
            "data": "data/samples/seattle-weather.csv, data/samples/penguins.csv",
            "evidently": "tests written out from Evidently's source (registry.py, ks/chisquare/"
                         "z/wasserstein_distance_norm/jensenshannon stattests), Jensen-Shannon "
                         "with the natural logarithm as the issue asks",
        },
        "kstwo": kstwo_grid(),
        "smirnov": smirnov_grid(),
        "chi2": chi2_grid(),
        "chi2_isf": chi2_isf_grid(),
        "ndtri": ndtri_grid(),
        "ks_synthetic": ks_cases(),
        "comparisons": comparisons,
        "corrections": corrections(p_values),
        "multivariate": mv,
        "chunks": chunks,
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
