#!/usr/bin/python3
# trees_reference.py: the numbers Orchard's tree learners must reproduce,
# computed once with Debian's scikit-learn.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/trees_reference.py > tests/data/trees-reference.json
#
# The output is committed; tests/engine/test-tree.c, test-forest.c and
# test-gbdt.c read their input matrices from it (missing values are null)
# and compare Orchard's fits with the values below.
#
# Inputs (data/samples, as published, then rounded to float32, the precision
# scikit-learn's decision trees and forests compute in):
#   iris, wine, breast-cancer  numeric features; labels coded in sorted order
#   diabetes       the ten features of load_diabetes, target "target"
#   penguins       species (3 classes) from island (coded Biscoe 0, Dream 1,
#                  Torgersen 2), the four measurements, sex (female 0, male 1)
#                  and year; its real NA values stay missing. "penguins-mass"
#                  predicts body_mass_g from the others and the species code.
#   seattle-weather  weather (5 classes) from precipitation, temp_max,
#                  temp_min, wind, and the month and day of the year of date
#   train / test   train_test_split(test_size=0.3, stratify=y, random_state=0)
#                  row indices, sorted (regression: the same without stratify)
#   weights        1 + (i mod 4) / 2 for row i
#
# Decision trees: DecisionTreeClassifier / DecisionTreeRegressor with all
# features visit them in a random order and keep the first best split, so
# where two splits tie exactly the tree depends on random_state. Each case is
# fitted with random_state 0 … 29; "unique" says whether all 30 trees are the
# same (same features, thresholds and values in every node). For unique
# cases Orchard must grow that very tree. Where the trees differ only in
# nodes that do not change a prediction (ties between features that split
# the rows the same way), "determined" says that all 30 give the same
# probabilities (values) on every training and test row: Orchard must give
# them too. For the others the test accuracies (R²) of the 30 are recorded.
#
# Gradient boosting: HistGradientBoostingClassifier / Regressor with the
# settings Orchard's gbdt is given (100 trees, learning rate 0.1, 31 leaves,
# 20 rows per leaf, no L2, 255 bins, no early stopping).
#
# Random forests: RandomForestClassifier / Regressor, 100 trees, with
# random_state 0 … 4; the mean test accuracy (R²) and out-of-bag score.

import datetime
import json
import math
import os
import platform
import re
import warnings

import numpy as np
import pandas as pd
import sklearn
from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                              RandomForestClassifier, RandomForestRegressor)
from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score, roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(ROOT, "data", "samples")
TREE_SEEDS = list(range(30))
FOREST_SEEDS = [0, 1, 2, 3, 4]


def clean(value):
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [clean(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.bool_,)):
        return bool(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def read(name):
    return pd.read_csv(os.path.join(SAMPLES, name), float_precision="round_trip")


def split(y, stratify=True):
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=0.3, stratify=y if stratify else None,
                                   random_state=0)
    return np.sort(train), np.sort(test)


def classification_set(features, X, labels):
    classes, y = np.unique(labels, return_inverse=True)
    train, test = split(y)
    return {"features": list(features), "labels": [str(c) for c in classes], "X": X,
            "y": y.astype(float), "train": train, "test": test}


def datasets():
    data = {}
    for name in ("iris", "wine", "breast-cancer"):
        df = read(name + ".csv")
        data[name] = classification_set(df.columns[:-1], df.drop(columns="target").to_numpy(float),
                                        df["target"])

    df = read("diabetes.csv")
    y = df["target"].to_numpy(float)
    train, test = split(y, stratify=False)
    data["diabetes"] = {"features": list(df.columns[:-1]),
                        "X": df.drop(columns="target").to_numpy(float), "y": y,
                        "weights": 1.0 + (np.arange(len(y)) % 4) / 2.0,
                        "train": train, "test": test}

    df = read("penguins.csv")
    island = df["island"].map({"Biscoe": 0.0, "Dream": 1.0, "Torgersen": 2.0})
    sex = df["sex"].map({"female": 0.0, "male": 1.0})
    measures = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    X = np.column_stack([island] + [df[c].to_numpy(float) for c in measures] + [sex, df["year"]])
    data["penguins"] = classification_set(["island"] + measures + ["sex", "year"], X,
                                          df["species"])
    species = data["penguins"]["y"]
    keep = ~np.isnan(df["body_mass_g"].to_numpy(float))
    Xm = np.column_stack([species, island, df["bill_length_mm"], df["bill_depth_mm"],
                          df["flipper_length_mm"], sex, df["year"]]).astype(float)[keep]
    ym = df["body_mass_g"].to_numpy(float)[keep]
    train, test = split(ym, stratify=False)
    data["penguins-mass"] = {"features": ["species", "island", "bill_length_mm", "bill_depth_mm",
                                          "flipper_length_mm", "sex", "year"],
                             "X": Xm, "y": ym, "train": train, "test": test}

    df = read("seattle-weather.csv")
    date = pd.to_datetime(df["date"], format="%Y/%m/%d")
    X = np.column_stack([df["precipitation"], df["temp_max"], df["temp_min"], df["wind"],
                         date.dt.month, date.dt.dayofyear]).astype(float)
    data["seattle-weather"] = classification_set(
        ["precipitation", "temp_max", "temp_min", "wind", "month", "day_of_year"], X,
        df["weather"])
    return data


def same_tree(a, b):
    ta, tb = a.tree_, b.tree_
    return (ta.node_count == tb.node_count and np.array_equal(ta.feature, tb.feature)
            and np.array_equal(ta.threshold, tb.threshold) and np.array_equal(ta.value, tb.value))


def tree_cases(data):
    cases = []
    specs = [
        ("iris-gini", "iris", {}, False),
        ("iris-gini-leaf5", "iris", {"min_samples_leaf": 5}, False),
        ("iris-entropy-depth3", "iris", {"criterion": "entropy", "max_depth": 3}, False),
        ("wine-gini-depth2", "wine", {"max_depth": 2}, False),
        ("wine-entropy-leaf5", "wine", {"criterion": "entropy", "min_samples_leaf": 5}, False),
        ("wine-balanced-leaf5", "wine", {"class_weight": "balanced", "min_samples_leaf": 5}, False),
        ("breast-cancer-gini", "breast-cancer", {}, False),
        ("breast-cancer-gini-depth3-leaf10", "breast-cancer",
         {"max_depth": 3, "min_samples_leaf": 10}, False),
        ("breast-cancer-entropy-leaf10", "breast-cancer",
         {"criterion": "entropy", "min_samples_leaf": 10}, False),
        ("breast-cancer-split40-decrease", "breast-cancer",
         {"min_samples_split": 40, "min_impurity_decrease": 0.005}, False),
        ("breast-cancer-depth4-balanced-leaf10", "breast-cancer",
         {"max_depth": 4, "class_weight": "balanced", "min_samples_leaf": 10}, False),
        ("diabetes", "diabetes", {}, False),
        ("diabetes-leaf5", "diabetes", {"min_samples_leaf": 5}, False),
        ("diabetes-depth5-leaf10", "diabetes", {"max_depth": 5, "min_samples_leaf": 10}, False),
        ("diabetes-weighted-depth6-leaf5", "diabetes", {"max_depth": 6, "min_samples_leaf": 5},
         True),
        ("diabetes-split20-decrease", "diabetes",
         {"min_impurity_decrease": 20.0, "min_samples_split": 20}, False),
        ("seattle-weather-balanced-leaf20", "seattle-weather",
         {"class_weight": "balanced", "min_samples_leaf": 20}, False),
        ("seattle-weather-entropy-depth4-leaf3", "seattle-weather",
         {"criterion": "entropy", "max_depth": 4, "min_samples_leaf": 3}, False),
    ]
    for label, name, params, weighted in specs:
        d = data[name]
        X, y, train, test = d["X"], d["y"], d["train"], d["test"]
        regression = "labels" not in d
        cls = DecisionTreeRegressor if regression else DecisionTreeClassifier
        w = d["weights"][train] if weighted else None
        fits = [cls(random_state=s, **params).fit(X[train], y[train], sample_weight=w)
                for s in TREE_SEEDS]
        first = fits[0]
        unique = all(same_tree(first, f) for f in fits[1:])
        if regression:
            scores = [r2_score(y[test], f.predict(X[test])) for f in fits]
            outputs = [(f.predict(X[train]), f.predict(X[test])) for f in fits]
        else:
            scores = [accuracy_score(y[test], f.predict(X[test])) for f in fits]
            outputs = [(f.predict_proba(X[train]), f.predict_proba(X[test])) for f in fits]
        determined = all(np.array_equal(outputs[0][0], o[0]) and np.array_equal(outputs[0][1], o[1])
                         for o in outputs[1:])
        case = {"case": label, "dataset": name, "weighted": weighted,
                "criterion": params.get("criterion", "squared-error" if regression else "gini"),
                "max_depth": params.get("max_depth", 0),
                "min_samples_leaf": params.get("min_samples_leaf", 1),
                "min_samples_split": params.get("min_samples_split", 2),
                "min_impurity_decrease": params.get("min_impurity_decrease", 0.0),
                "class_weight": params.get("class_weight", "none"),
                "unique": unique, "determined": determined,
                "depth": first.get_depth(), "n_leaves": first.get_n_leaves(),
                "importance": first.feature_importances_,
                "train_predict": outputs[0][0], "predict": outputs[0][1],
                "scores": scores, "score_min": min(scores), "score_max": max(scores)}
        cases.append(case)
    return cases


def gbdt_cases(data):
    common = dict(max_iter=100, learning_rate=0.1, max_leaf_nodes=31, min_samples_leaf=20,
                  l2_regularization=0.0, max_bins=255, early_stopping=False)
    cases = []
    for name in ("breast-cancer", "iris", "wine", "penguins", "seattle-weather"):
        d = data[name]
        X, y, train, test = d["X"], d["y"], d["train"], d["test"]
        model = HistGradientBoostingClassifier(random_state=0, **common).fit(X[train], y[train])
        proba = model.predict_proba(X[test])
        case = {"case": name, "dataset": name, "loss": "log-loss",
                "accuracy": accuracy_score(y[test], proba.argmax(axis=1)),
                "log_loss": log_loss(y[test], proba, labels=np.arange(len(d["labels"])))}
        if len(d["labels"]) == 2:
            case["roc_auc"] = roc_auc_score(y[test], proba[:, 1])
        cases.append(case)
    for name, loss in (("diabetes", "squared_error"), ("diabetes", "absolute_error"),
                       ("penguins-mass", "squared_error")):
        d = data[name]
        X, y, train, test = d["X"], d["y"], d["train"], d["test"]
        model = HistGradientBoostingRegressor(loss=loss, random_state=0, **common)
        pred = model.fit(X[train], y[train]).predict(X[test])
        cases.append({"case": "%s-%s" % (name, loss.replace("_", "-")), "dataset": name,
                      "loss": loss.replace("_", "-"),
                      "rmse": math.sqrt(mean_squared_error(y[test], pred)),
                      "mae": float(np.mean(np.abs(y[test] - pred))),
                      "r2": r2_score(y[test], pred)})
    return cases


def forest_cases(data):
    cases = []
    for name in ("iris", "wine", "breast-cancer", "diabetes"):
        d = data[name]
        X, y, train, test = d["X"], d["y"], d["train"], d["test"]
        regression = "labels" not in d
        scores, oob = [], []
        for seed in FOREST_SEEDS:
            cls = RandomForestRegressor if regression else RandomForestClassifier
            params = {"max_features": 1.0 / 3.0} if regression else {}
            model = cls(n_estimators=100, oob_score=True, random_state=seed, **params)
            model.fit(X[train], y[train])
            pred = model.predict(X[test])
            scores.append(r2_score(y[test], pred) if regression else accuracy_score(y[test], pred))
            oob.append(model.oob_score_)
        cases.append({"case": name, "dataset": name, "seeds": FOREST_SEEDS,
                      "metric": "r2" if regression else "accuracy",
                      "max_features": "auto", "scores": scores,
                      "mean_score": float(np.mean(scores)), "oob_scores": oob,
                      "mean_oob_score": float(np.mean(oob))})
    return cases


def main():
    warnings.simplefilter("ignore")
    data = datasets()
    # scikit-learn's trees work on float32 copies of the features; values
    # that float32 holds exactly make both see the same numbers.
    for d in data.values():
        d["X"] = np.asarray(d["X"], dtype=np.float32).astype(np.float64)
    out = {
        "provenance": {
            "generator": "tests/reference/trees_reference.py",
            "command": "/usr/bin/python3 tests/reference/trees_reference.py > tests/data/trees-reference.json",
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "sklearn": sklearn.__version__,
        },
        "datasets": data,
        "tree": tree_cases(data),
        "gbdt": gbdt_cases(data),
        "forest": forest_cases(data),
    }

    # One line per row of numbers, so that the file stays small and diffable.
    text = json.dumps(clean(out), indent=1)
    text = re.sub(r"\[\s*([-+0-9.eEnul,\s]+?)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    print(text)


if __name__ == "__main__":
    main()
