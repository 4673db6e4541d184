#!/usr/bin/python3
# stats_reference.py: reference values for Orchard's incomplete beta function,
# Student t distribution and the corrected resampled t-test, from SciPy.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/stats_reference.py > tests/data/stats-reference.json
#
# tests/engine/test-comparison.c compares with it:
#   betainc        scipy.special.betainc(a, b, x) on a grid of shapes up to 1e4
#   t_cdf          scipy.stats.t.cdf(t, df) and .sf(t, df), df up to 1e4
#   corrected      the Nadeau & Bengio (2003) corrected resampled t-test on the
#                  per-fold accuracies of two scikit-learn models over a repeated
#                  stratified 5-fold of breast-cancer.csv, written out below from
#                  its definition with scipy.stats.t for the probabilities

import datetime
import json
import math
import os
import platform
import sys

import numpy as np
import pandas as pd
import scipy
import sklearn
from scipy.special import betainc
from scipy.stats import t as student_t
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import RepeatedStratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeClassifier

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(ROOT, "data", "samples")


def corrected_ttest(a, b, n_train, n_test):
    d = np.asarray(a) - np.asarray(b)
    j = len(d)
    mean = float(np.mean(d))
    var = float(np.var(d, ddof=1))
    t = mean / math.sqrt((1 / j + n_test / n_train) * var)
    df = j - 1
    return {
        "scores_a": list(map(float, a)),
        "scores_b": list(map(float, b)),
        "n_train": n_train,
        "n_test": n_test,
        "mean_difference": mean,
        "std_difference": math.sqrt(var),
        "t": t,
        "df": df,
        "p_value": float(2 * student_t.sf(abs(t), df)),
        "probability_a_better": float(student_t.cdf(t, df)),
    }


def main():
    shapes = [0.1, 0.5, 1.0, 2.5, 9.5, 10.0, 12.0, 50.0, 200.0, 1000.0, 10000.0]
    xs = [0.0, 1e-10, 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1 - 1e-6, 1.0]
    beta = [{"a": a, "b": b, "x": x, "value": float(betainc(a, b, x))}
            for a in shapes for b in shapes for x in xs]

    dfs = [0.5, 1.0, 2.0, 3.0, 4.5, 9.0, 29.0, 100.0, 1000.0, 10000.0]
    ts = [-1e6, -50.0, -10.0, -3.0, -1.0, -0.1, -1e-8, 0.0, 1e-8, 0.5, 2.0, 5.0, 40.0, 1e3]
    tcdf = [{"t": t, "df": df, "cdf": float(student_t.cdf(t, df)), "sf": float(student_t.sf(t, df))}
            for df in dfs for t in ts]

    df = pd.read_csv(os.path.join(SAMPLES, "breast-cancer.csv"), float_precision="round_trip")
    X = df.drop(columns=["target"]).to_numpy()
    y = (df["target"] == "malignant").astype(int).to_numpy()
    cv = RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0)
    logistic = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    tree = DecisionTreeClassifier(random_state=0)
    a = cross_val_score(logistic, X, y, cv=cv, scoring="accuracy")
    b = cross_val_score(tree, X, y, cv=cv, scoring="accuracy")
    n_test = len(y) // 5
    n_train = len(y) - n_test

    out = {
        "provenance": {
            "generator": "tests/reference/stats_reference.py",
            "command": "/usr/bin/python3 tests/reference/stats_reference.py > tests/data/stats-reference.json",
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "scipy": scipy.__version__,
            "numpy": np.__version__,
            "sklearn": sklearn.__version__,
            "folds": "RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0)",
            "model_a": "make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))",
            "model_b": "DecisionTreeClassifier(random_state=0)",
        },
        "betainc": beta,
        "t": tcdf,
        "corrected_ttest": [
            corrected_ttest(a, b, n_train, n_test),
            corrected_ttest(b, a, n_train, n_test),
            corrected_ttest(a[:5], a[5:], n_train, n_test),
        ],
    }
    json.dump(out, sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
