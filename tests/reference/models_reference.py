#!/usr/bin/python3
# models_reference.py: the numbers Orchard's learners must reproduce, computed
# once with Debian's scikit-learn.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/models_reference.py > tests/data/models-reference.json
#
# The output is committed; tests/engine/test-linear-regression.c, test-lasso.c,
# test-logistic-regression.c, test-naive-bayes.c, test-knn.c and test-mlp.c
# read their input matrices from it (so they do not depend on the pipeline
# code) and compare Orchard's fits with the values below.
#
# Inputs:
#   diabetes       the ten features as published (already centred and scaled
#                  by scikit-learn's load_diabetes), target "target"
#   breast-cancer  standardised with StandardScaler on all 569 rows; labels
#   wine           coded in sorted order (benign = 0, malignant = 1;
#                  class_0 … class_2); wine also raw, for naive Bayes
#   codes          breast-cancer standardised, binned at -0.5, 0, 0.5
#                  (numpy.digitize: codes 0 … 3), for the discrete naive Bayes
#   weights        1 + (i mod 4) / 2 for row i: a deterministic non-trivial
#                  sample weighting
#   train / test   train_test_split(test_size=0.3, stratify=y, random_state=0)
#                  row indices (sorted), for learners compared on predictions
#                  (diabetes: the same without stratify)
#
# Logistic regression: scipy's L-BFGS-B, which LogisticRegression(solver="lbfgs")
# calls, also stops when an iteration lowers the objective by less than
# ftol = 2.2e-9 relative. That test fires long before tol = 1e-10 is reached
# (the coefficients are then ~1e-3 away from the optimum), so the reference
# fits run with scipy's ftol lowered to 1e-15 and tol = 1e-10 is what stops
# them. Each is checked against newton-cg at tol = 1e-12; the largest
# difference is recorded as "newton_cg_max_rel_diff".
#
# L1 / elastic-net logistic regression uses solver="saga" with tol = 1e-12 and
# enough iterations to converge (recorded as n_iter).
#
# MLP: MLPClassifier is stochastic; the reference is the mean test accuracy
# over random_state 0 … 4 with every other setting at its default.

import contextlib
import datetime
import json
import math
import os
import platform
import re
import warnings

import numpy as np
import pandas as pd
import scipy
import sklearn
import sklearn.linear_model._logistic as sklearn_logistic
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import CategoricalNB, GaussianNB, MultinomialNB
from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(ROOT, "data", "samples")
MLP_SEEDS = [0, 1, 2, 3, 4]


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
        assert math.isfinite(value)
        return value
    return value


def read(name, target):
    df = pd.read_csv(os.path.join(SAMPLES, name), float_precision="round_trip")
    X = df.drop(columns=target).to_numpy(dtype=float)
    return df, X, df[target]


@contextlib.contextmanager
def lbfgs_without_ftol():
    minimize = sklearn_logistic.optimize.minimize

    def tight(*args, **kwargs):
        kwargs["options"] = dict(kwargs.get("options", {}), ftol=1e-15)
        return minimize(*args, **kwargs)

    sklearn_logistic.optimize.minimize = tight
    try:
        yield
    finally:
        sklearn_logistic.optimize.minimize = minimize


def split(y):
    idx = np.arange(len(y))
    train, test = train_test_split(idx, test_size=0.3, stratify=y, random_state=0)
    return np.sort(train), np.sort(test)


def main():
    warnings.simplefilter("ignore")
    out = {
        "provenance": {
            "generator": "tests/reference/models_reference.py",
            "command": "/usr/bin/python3 tests/reference/models_reference.py > tests/data/models-reference.json",
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "sklearn": sklearn.__version__,
        },
        "datasets": {},
    }
    data = out["datasets"]

    # Data --------------------------------------------------------------------
    df, Xd, yd = read("diabetes.csv", "target")
    yd = yd.to_numpy(dtype=float)
    wd = 1.0 + (np.arange(len(yd)) % 4) / 2.0
    data["diabetes"] = {"features": list(df.columns[:-1]), "X": Xd, "y": yd, "weights": wd}

    sets = {}
    for name, file in [("breast-cancer", "breast-cancer.csv"), ("wine", "wine.csv")]:
        df, X, labels = read(file, "target")
        classes, y = np.unique(labels, return_inverse=True)
        Xs = StandardScaler().fit_transform(X)
        train, test = split(y)
        entry = {"features": list(df.columns[:-1]), "labels": list(classes), "y": y, "X_std": Xs,
                 "train": train, "test": test}
        if name == "wine":
            entry["X"] = X
        if name == "breast-cancer":
            entry["codes"] = np.digitize(Xs, [-0.5, 0.0, 0.5])
        data[name] = entry
        sets[name] = (X, Xs, y, train, test, entry)

    # Linear regression ---------------------------------------------------------
    linear = []
    for label, model, weighted in [
        ("ols", LinearRegression(), False),
        ("ols-no-intercept", LinearRegression(fit_intercept=False), False),
        ("ols-weighted", LinearRegression(), True),
        ("ridge-1", Ridge(alpha=1.0), False),
        ("ridge-0.01-weighted", Ridge(alpha=0.01), True),
        ("ridge-10-no-intercept", Ridge(alpha=10.0, fit_intercept=False), False),
    ]:
        model.fit(Xd, yd, sample_weight=wd if weighted else None)
        linear.append({"case": label, "model": "linear" if label.startswith("ols") else "ridge",
                       "alpha": getattr(model, "alpha", None), "fit_intercept": model.fit_intercept,
                       "weighted": weighted, "coef": model.coef_,
                       "intercept": float(model.intercept_)})
    out["linear"] = linear

    # Lasso and elastic net -------------------------------------------------------
    cd = []
    for label, model, weighted in [
        ("lasso-0.1", Lasso(alpha=0.1, tol=1e-12, max_iter=1000000), False),
        ("lasso-1", Lasso(alpha=1.0, tol=1e-12, max_iter=1000000), False),
        ("lasso-0.05-weighted", Lasso(alpha=0.05, tol=1e-12, max_iter=1000000), True),
        ("lasso-default-tol", Lasso(alpha=0.1), False),
        ("elastic-net-0.01-0.7", ElasticNet(alpha=0.01, l1_ratio=0.7, tol=1e-12, max_iter=1000000), False),
        ("elastic-net-0.001-0.2-no-intercept",
         ElasticNet(alpha=0.001, l1_ratio=0.2, fit_intercept=False, tol=1e-12, max_iter=1000000), False),
        ("elastic-net-default-tol", ElasticNet(alpha=0.01, l1_ratio=0.5), False),
    ]:
        model.fit(Xd, yd, sample_weight=wd if weighted else None)
        cd.append({"case": label, "model": "lasso" if label.startswith("lasso") else "elastic-net",
                   "alpha": model.alpha, "l1_ratio": model.l1_ratio, "tol": model.tol,
                   "max_iter": model.max_iter, "fit_intercept": model.fit_intercept,
                   "weighted": weighted, "coef": model.coef_, "intercept": float(model.intercept_),
                   "n_iter": int(model.n_iter_)})
    out["coordinate_descent"] = cd

    # Logistic regression -----------------------------------------------------------
    logistic = []
    for name, C, class_weight in [("breast-cancer", 1.0, None), ("breast-cancer", 0.05, "balanced"),
                                  ("wine", 1.0, None), ("wine", 0.05, "balanced")]:
        _, Xs, y, _, _, _ = sets[name]
        with lbfgs_without_ftol():
            model = LogisticRegression(C=C, tol=1e-10, max_iter=100000, class_weight=class_weight)
            model.fit(Xs, y)
        check = LogisticRegression(C=C, tol=1e-12, max_iter=100000, solver="newton-cg",
                                   class_weight=class_weight).fit(Xs, y)
        diff = np.max(np.abs(model.coef_ - check.coef_) / np.abs(check.coef_))
        logistic.append({"case": f"{name}-l2-C{C}" + ("-balanced" if class_weight else ""),
                         "dataset": name, "penalty": "l2", "C": C, "class_weight": class_weight or "none",
                         "l1_ratio": None, "tol": 1e-10, "coef": model.coef_, "intercept": model.intercept_,
                         "n_iter": int(model.n_iter_[0]), "newton_cg_max_rel_diff": diff,
                         "proba_head": model.predict_proba(Xs[:5])})
    for name, penalty, C, l1_ratio in [("breast-cancer", "l1", 0.5, None),
                                       ("breast-cancer", "elasticnet", 0.2, 0.5),
                                       ("wine", "l1", 0.5, None)]:
        _, Xs, y, _, _, _ = sets[name]
        model = LogisticRegression(penalty=penalty, C=C, l1_ratio=l1_ratio, solver="saga",
                                   tol=1e-12, max_iter=1000000).fit(Xs, y)
        logistic.append({"case": f"{name}-{penalty}-C{C}", "dataset": name, "penalty": penalty, "C": C,
                         "class_weight": "none", "l1_ratio": l1_ratio, "tol": 1e-12,
                         "coef": model.coef_, "intercept": model.intercept_, "n_iter": int(model.n_iter_[0]),
                         "proba_head": model.predict_proba(Xs[:5])})
    out["logistic"] = logistic

    # Naive Bayes ---------------------------------------------------------------------
    nb = []
    for label, dataset, matrix, model in [
        ("gaussian-wine-raw", "wine", "X", GaussianNB()),
        ("gaussian-breast-cancer", "breast-cancer", "X_std", GaussianNB()),
        ("gaussian-wine-smoothing", "wine", "X", GaussianNB(var_smoothing=1e-3)),
        ("multinomial-breast-cancer", "breast-cancer", "codes", MultinomialNB(alpha=1.0)),
        ("multinomial-breast-cancer-alpha", "breast-cancer", "codes", MultinomialNB(alpha=0.1)),
        ("categorical-breast-cancer", "breast-cancer", "codes", CategoricalNB(alpha=1.0)),
        ("categorical-breast-cancer-alpha", "breast-cancer", "codes", CategoricalNB(alpha=0.3)),
    ]:
        X, Xs, y, train, test, entry = sets[dataset]
        M = np.asarray(entry[matrix])
        model.fit(M[train], y[train])
        nb.append({"case": label, "dataset": dataset, "matrix": matrix,
                   "distribution": label.split("-")[0],
                   "var_smoothing": getattr(model, "var_smoothing", None),
                   "alpha": getattr(model, "alpha", None),
                   "proba": model.predict_proba(M[test]), "predict": model.predict(M[test])})
    out["naive_bayes"] = nb

    # k nearest neighbours ---------------------------------------------------------------
    knn = []
    for label, dataset, k, weights, metric in [
        ("breast-cancer-5-uniform-euclidean", "breast-cancer", 5, "uniform", "euclidean"),
        ("breast-cancer-7-distance-cosine", "breast-cancer", 7, "distance", "cosine"),
        ("wine-3-distance-euclidean", "wine", 3, "distance", "euclidean"),
        ("wine-10-uniform-cosine", "wine", 10, "uniform", "cosine"),
    ]:
        X, Xs, y, train, test, entry = sets[dataset]
        model = KNeighborsClassifier(n_neighbors=k, weights=weights, metric=metric, algorithm="brute")
        model.fit(Xs[train], y[train])
        knn.append({"case": label, "dataset": dataset, "k": k, "weights": weights, "metric": metric,
                    "proba": model.predict_proba(Xs[test]), "predict": model.predict(Xs[test])})
    train, test = (np.sort(i) for i in train_test_split(np.arange(len(yd)), test_size=0.3, random_state=0))
    data["diabetes"]["train"], data["diabetes"]["test"] = train, test
    for label, k, weights, metric in [("diabetes-5-distance-euclidean", 5, "distance", "euclidean"),
                                      ("diabetes-10-uniform-cosine", 10, "uniform", "cosine")]:
        model = KNeighborsRegressor(n_neighbors=k, weights=weights, metric=metric, algorithm="brute")
        model.fit(Xd[train], yd[train])
        knn.append({"case": label, "dataset": "diabetes", "k": k, "weights": weights, "metric": metric,
                    "predict": model.predict(Xd[test])})
    out["knn"] = knn

    # Multilayer perceptron -----------------------------------------------------------------
    mlp = []
    for dataset, hidden, activation in [("breast-cancer", (100,), "relu"),
                                        ("breast-cancer", (50, 20), "tanh"),
                                        ("wine", (100,), "relu"),
                                        ("wine", (50, 20), "tanh")]:
        X, Xs, y, train, test, entry = sets[dataset]
        accuracies = []
        for seed in MLP_SEEDS:
            model = MLPClassifier(hidden_layer_sizes=hidden, activation=activation, random_state=seed)
            model.fit(Xs[train], y[train])
            accuracies.append(float(np.mean(model.predict(Xs[test]) == y[test])))
        mlp.append({"case": f"{dataset}-{'-'.join(map(str, hidden))}-{activation}", "dataset": dataset,
                    "hidden_layers": ",".join(map(str, hidden)), "activation": activation,
                    "seeds": MLP_SEEDS, "accuracies": accuracies,
                    "mean_accuracy": float(np.mean(accuracies))})
    out["mlp"] = mlp

    # One line per row of numbers, so that the file stays small and diffable.
    text = json.dumps(clean(out), indent=1)
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    print(text)


if __name__ == "__main__":
    main()
