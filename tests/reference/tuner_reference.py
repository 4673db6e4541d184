#!/usr/bin/python3
# tuner_reference.py: the rounds of successive halving that OrchardTuner must
# reproduce, computed once with Debian's scikit-learn.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/tuner_reference.py > tests/data/tuner-reference.json
#
# The output is committed; tests/engine/test-tuner.c reads it.
#
# Each case runs HalvingGridSearchCV (factor=3, resource="n_samples",
# min_resources="exhaust", aggressive_elimination=False, the defaults) with a
# grid of C candidates on N rows and records n_resources_ and n_candidates_
# per iteration, with the min_resources_ ("smallest" before "exhaust":
# 2 × splits × classes) it started from. "folds" 1 stands for Orchard's
# scoring on validation rows: a ShuffleSplit with one split, as scikit-learn
# counts splits. The estimator is cheap (DummyClassifier / DummyRegressor
# with a constant searched over C values), because only the schedule is
# compared; the rows that scikit-learn subsamples are not.

import json
import sys

import numpy as np
import sklearn
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.experimental import enable_halving_search_cv  # noqa: F401
from sklearn.model_selection import HalvingGridSearchCV, KFold, ShuffleSplit, StratifiedKFold

CASES = [
    # (candidates, rows, folds, classes; 0 for regression)
    (9, 840, 1, 2),
    (27, 398, 1, 2),
    (9, 1000, 5, 2),
    (10, 300, 3, 3),
    (243, 5000, 1, 0),
    (81, 2000, 5, 0),
    (4, 100, 1, 2),
    (3, 50, 2, 2),
    (100, 700, 1, 3),
    (2, 20, 1, 0),
    (30, 600, 4, 2),
]


def schedule(n_candidates, n_rows, folds, classes):
    rng = np.random.RandomState(0)
    X = rng.normal(size=(n_rows, 2))
    if classes:
        y = np.arange(n_rows) % classes
        estimator = DummyClassifier(strategy="constant", constant=0)
        grid = {"constant": [0], "random_state": list(range(n_candidates))}
        cv = (ShuffleSplit(n_splits=1, test_size=0.2, random_state=0) if folds == 1
              else StratifiedKFold(n_splits=folds))
    else:
        y = rng.normal(size=n_rows)
        estimator = DummyRegressor(strategy="constant", constant=0.0)
        grid = {"constant": [float(c) for c in range(n_candidates)]}
        cv = (ShuffleSplit(n_splits=1, test_size=0.2, random_state=0) if folds == 1
              else KFold(n_splits=folds))
    search = HalvingGridSearchCV(estimator, grid, factor=3, cv=cv, random_state=0,
                                 scoring="accuracy" if classes else "neg_mean_squared_error")
    search.fit(X, y)
    return {
        "candidates": n_candidates,
        "rows": n_rows,
        "folds": folds,
        "classes": classes,
        "min_rows": 2 * folds * (classes if classes else 1),
        "min_resources": int(search.min_resources_),
        "n_resources": [int(v) for v in search.n_resources_],
        "n_candidates": [int(v) for v in search.n_candidates_],
    }


def main():
    out = {
        "provenance": {
            "script": "tests/reference/tuner_reference.py",
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "python": sys.version.split()[0],
        },
        "halving": [schedule(*case) for case in CASES],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
