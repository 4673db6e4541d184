#!/usr/bin/python3
# profile_reference.py: the numbers an OrchardProfile must reproduce, computed
# once with pandas and NumPy on the sample data sets.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/profile_reference.py > tests/data/profile-reference.json
#
# The output is committed; tests/engine/test-profile.c compares Orchard's
# profile of every file with it. Definitions (see docs/profiling.md):
#   mean, std (ddof=1), skewness   pandas Series.mean(), .std(), .skew()
#   quantiles                      numpy.percentile(), default "linear" method
#   histogram                      numpy.histogram() with
#                                  min(len(numpy.histogram_bin_edges(x, "auto")) - 1, 50) bins
#   outliers                       values outside [Q1 - 1.5 IQR, Q3 + 1.5 IQR]
#   duplicate_rows                 DataFrame.duplicated().sum()
#   unique                         Series.nunique()
#   levels                         Series.value_counts()
#   target_score                   with the target below, per feature: the
#                                  smallest max(AUC, 1 - AUC) over pairs of
#                                  classes (sklearn roc_auc_score), |Series.corr()|,
#                                  pure levels (1/0) or the correlation ratio
# Files are read with float_precision="round_trip", which reads every number
# exactly as written, like Orchard's reader.
# Datetime columns are profiled as seconds since 1970-01-01 UTC.

import datetime
import json
import math
import os
import platform
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import roc_auc_score

SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "samples")
FILES = [
    "penguins.csv",
    "seattle-weather.csv",
    "breast-cancer.csv",
    "iris.csv",
    "wine.csv",
    "diabetes.csv",
]
# Columns Orchard reads as dates, with their format; pandas is told explicitly.
DATETIME_COLUMNS = {
    "seattle-weather.csv": {"date": "%Y/%m/%d"},
}
# The target each file is profiled with.
TARGETS = {
    "penguins.csv": "species",
    "seattle-weather.csv": "weather",
    "breast-cancer.csv": "target",
    "iris.csv": "target",
    "wine.csv": "target",
    "diabetes.csv": "target",
}
MAX_BINS = 50
LEAKAGE_MIN_ROWS = 10
LEAKAGE_MAX_CLASSES = 20
PERCENTILES = [1, 5, 25, 50, 75, 95, 99]


def number(value):
    value = float(value)
    return value if math.isfinite(value) else None


def describe_values(x, with_moments):
    """x: the present values as float64; with_moments: numeric (not datetime)."""
    s = pd.Series(x)
    out = {
        "mean": number(s.mean()) if len(x) else None,
        "std": number(s.std()) if len(x) > 1 else None,
        "min": number(x.min()) if len(x) else None,
        "max": number(x.max()) if len(x) else None,
    }
    if len(x) == 0:
        return out

    q = np.percentile(x, PERCENTILES)
    out["quantiles"] = {f"p{p}": number(v) for p, v in zip(PERCENTILES, q)}
    q1, q3 = np.percentile(x, [25, 75])
    iqr = q3 - q1
    out["outliers"] = int(((x < q1 - 1.5 * iqr) | (x > q3 + 1.5 * iqr)).sum())
    if with_moments:
        out["skewness"] = number(s.skew())
        out["zeros"] = int((x == 0).sum())

    n_auto = len(np.histogram_bin_edges(x, bins="auto")) - 1
    counts, edges = np.histogram(x, bins=min(n_auto, MAX_BINS))
    out["histogram"] = {
        "edges": [float(e) for e in edges],
        "counts": [int(c) for c in counts],
    }
    return out


def target_score(feature, target, feature_numeric, target_classes):
    """(kind, score) of one feature against the target, or (None, None)."""
    both = pd.DataFrame({"x": feature, "y": target}).dropna()
    if len(both) < LEAKAGE_MIN_ROWS:
        return None, None
    x, y = both["x"], both["y"]

    if target_classes and feature_numeric:
        classes = list(pd.unique(target.dropna()))
        if len(classes) > LEAKAGE_MAX_CLASSES:
            return None, None
        scores = []
        for i, a in enumerate(classes):
            for b in classes[i + 1:]:
                pair = y.isin([a, b])
                if (y[pair] == a).all() or (y[pair] == b).all():
                    continue
                auc = roc_auc_score(y[pair] == a, x[pair])
                scores.append(max(auc, 1 - auc))
        return ("roc_auc", min(scores)) if scores else (None, None)

    if not target_classes and feature_numeric:
        r = x.corr(y)
        return (None, None) if math.isnan(r) else ("correlation", abs(r))

    levels = x.nunique()
    if 2 * levels > len(both):
        return None, None
    if target_classes:
        if y.nunique() < 2:
            return None, None
        pure = bool((both.groupby("x")["y"].nunique() == 1).all())
        return "pure_levels", 1.0 if pure else 0.0

    total = ((y - y.mean()) ** 2).sum()
    if total == 0:
        return None, None
    groups = both.groupby("x")["y"]
    between = (groups.count() * (groups.mean() - y.mean()) ** 2).sum()
    return "correlation_ratio", math.sqrt(min(between / total, 1.0))


def profile_file(name):
    # pandas' default float parser may be one ulp off (0.137767225690003 for
    # 0.13776722569000302); Orchard parses exactly, so the reference must too.
    df = pd.read_csv(os.path.join(SAMPLES, name), float_precision="round_trip")
    datetimes = DATETIME_COLUMNS.get(name, {})
    for column, fmt in datetimes.items():
        df[column] = pd.to_datetime(df[column], format=fmt)

    target = TARGETS[name]
    t = df[target]
    target_classes = not pd.api.types.is_numeric_dtype(t) or t.nunique() == 2

    columns = []
    for column in df.columns:
        s = df[column]
        entry = {
            "name": column,
            "count": int(s.count()),
            "missing": int(s.isna().sum()),
            "unique": int(s.nunique()),
        }
        if column in datetimes:
            entry["kind"] = "datetime"
            seconds = (s - pd.Timestamp("1970-01-01")) // pd.Timedelta(seconds=1)
            entry.update(describe_values(seconds.dropna().to_numpy(dtype=np.float64), False))
            s = seconds.astype(np.float64)
        elif pd.api.types.is_numeric_dtype(s):
            entry["kind"] = "numeric"
            entry.update(describe_values(s.dropna().to_numpy(dtype=np.float64), True))
        else:
            entry["kind"] = "categorical"
            counts = s.value_counts()
            entry["levels"] = [{"value": str(v), "count": int(c)} for v, c in counts.items()]
        if column != target:
            kind, score = target_score(s, t, entry["kind"] != "categorical", target_classes)
            entry["target_score_kind"] = kind
            entry["target_score"] = number(score) if score is not None else None
        columns.append(entry)

    return {
        "target": target,
        "rows": int(len(df)),
        "columns": columns,
        "duplicate_rows": int(df.duplicated().sum()),
    }


def main():
    result = {
        "provenance": {
            "generator": "tests/reference/profile_reference.py",
            "command": "/usr/bin/python3 tests/reference/profile_reference.py "
                       "> tests/data/profile-reference.json",
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "pandas": pd.__version__,
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
            "max_bins": MAX_BINS,
        },
        "files": {name: profile_file(name) for name in FILES},
    }
    json.dump(result, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
