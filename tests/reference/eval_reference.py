#!/usr/bin/python3
# eval_reference.py: the numbers Orchard's metrics, curves, threshold choice
# and bootstrap must reproduce, computed once with Debian's scikit-learn.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/eval_reference.py > tests/data/eval-reference.json
#
# The output is committed; tests/engine/test-metrics.c, test-curves.c and
# test-bootstrap.c read the same predictions from it and compare every value.
#
# Predictions are out-of-fold (cross_val_predict, 5 stratified folds, seed 0)
# from a standardised logistic regression on breast-cancer.csv (binary,
# positive class "malignant", the second label in sorted order), wine.csv and
# iris.csv (multiclass, labels coded in sorted order), and from a linear
# regression on diabetes.csv. Adversarial cases are written out by hand below.
#
# Definitions that scikit-learn does not have (docs/metrics.md):
#   gains          from sklearn.metrics._ranking._binary_clf_curve: the share of
#                  (weighted) rows with score >= t, the share of positives they
#                  hold, and their ratio (lift), starting at (0, 0)
#   ece            sum over the non-empty calibration bins of
#                  count / n * |fraction of positives - mean probability|
#   threshold      candidates are roc_curve(drop_intermediate=False) thresholds;
#   choice         the first (highest threshold) maximising F1 or Youden's J,
#                  or minimising the expected cost, wins
#   bootstrap      replicate b draws n rows with OrchardRng stream b of the seed
#                  (a transcription of src/engine/orchard-rng.c below), replicates
#                  where the metric is undefined are dropped, and the interval is
#                  numpy.percentile (linear) at (1 - level) / 2 and (1 + level) / 2

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
from sklearn.calibration import calibration_curve
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    confusion_matrix,
    explained_variance_score,
    f1_score,
    fbeta_score,
    log_loss,
    matthews_corrcoef,
    max_error,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    median_absolute_error,
    precision_recall_curve,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)
from sklearn.metrics._ranking import _binary_clf_curve
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.simplefilter("ignore")

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SAMPLES = os.path.join(ROOT, "data", "samples")
THRESHOLDS = [0.5, 0.3, 0.9]
COST = [[0.0, 1.0], [5.0, 0.0]]  # rows: true 0/1, columns: predicted 0/1
N_BINS = 10
LEVEL = 0.95


def clean(value):
    """JSON has no NaN: undefined values are written as null."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [clean(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    return value


def read(name):
    return pd.read_csv(os.path.join(SAMPLES, name), float_precision="round_trip")


# The generator of src/engine/orchard-rng.c, transcribed from the published
# SplitMix64, xoshiro256** and Lemire's bounded integers ---------------------
M64 = (1 << 64) - 1


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & M64
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return state, z ^ (z >> 31)


class Rng:
    def __init__(self, seed, stream):
        _, mixed = splitmix64(seed)
        mixed ^= (stream * 0xD1B54A32D192ED03) & M64
        sm, self.s = mixed, []
        for _ in range(4):
            sm, z = splitmix64(sm)
            self.s.append(z)

    def next(self):
        s = self.s
        rotl = lambda x, k: ((x << k) | (x >> (64 - k))) & M64
        r = (rotl((s[1] * 5) & M64, 7) * 9) & M64
        t = (s[1] << 17) & M64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return r

    def below(self, bound):
        m = self.next() * bound
        low = m & M64
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                m = self.next() * bound
                low = m & M64
        return m >> 64


def bootstrap(n, metric, seed, n_resamples):
    values = []
    for b in range(n_resamples):
        rng = Rng(seed, b)
        idx = np.array([rng.below(n) for _ in range(n)])
        v = metric(idx)
        if v is not None and math.isfinite(v):
            values.append(v)
    alpha = (1 - LEVEL) / 2
    lower, upper = np.percentile(values, [100 * alpha, 100 * (1 - alpha)])
    return lower, upper, len(values)


# Binary -------------------------------------------------------------------
def binary_at(y, p, w, t):
    pred = (p >= t).astype(int)
    kw = dict(sample_weight=w)
    out = {
        "threshold": t,
        "accuracy": accuracy_score(y, pred, **kw),
        "balanced_accuracy": balanced_accuracy_score(y, pred, **kw),
        "precision": precision_score(y, pred, zero_division=0, **kw),
        "recall": recall_score(y, pred, zero_division=0, **kw),
        "specificity": recall_score(y, pred, pos_label=0, zero_division=0, **kw),
        "f1": f1_score(y, pred, zero_division=0, **kw),
        "fbeta_0.5": fbeta_score(y, pred, beta=0.5, zero_division=0, **kw),
        "fbeta_2": fbeta_score(y, pred, beta=2, zero_division=0, **kw),
        "mcc": matthews_corrcoef(y, pred, **kw),
        "confusion_matrix": confusion_matrix(y, pred, labels=[0, 1], **kw).tolist(),
    }
    return out


def maybe(f):
    try:
        return f()
    except ValueError:
        return None


def binary_case(name, y, p, w=None):
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    kw = dict(sample_weight=w)
    case = {
        "name": name,
        "y_true": y.tolist(),
        "proba": p.tolist(),
        "weights": None if w is None else np.asarray(w).tolist(),
        "at_threshold": [binary_at(y, p, w, t) for t in THRESHOLDS],
        "roc_auc": maybe(lambda: roc_auc_score(y, p, **kw)),
        "average_precision": average_precision_score(y, p, **kw),
        "log_loss": log_loss(y, p, labels=[0, 1], **kw),
        "brier": brier_score_loss(y, p, **kw),
    }

    fpr, tpr, thr = roc_curve(y, p, **kw)
    case["roc"] = {"fpr": fpr, "tpr": tpr, "thresholds": thr}

    prec, rec, thr = precision_recall_curve(y, p, **kw)
    case["pr"] = {"precision": prec, "recall": rec, "thresholds": list(thr) + [None]}

    prob_true, prob_pred = calibration_curve(y, p, n_bins=N_BINS, strategy="uniform")
    bins = np.linspace(0.0, 1.0, N_BINS + 1)
    binids = np.searchsorted(bins[1:-1], p)
    counts = np.bincount(binids, minlength=N_BINS)
    nonzero = counts != 0
    case["calibration"] = {
        "bin_lower": bins[:-1][nonzero],
        "bin_upper": bins[1:][nonzero],
        "prob_pred": prob_pred,
        "prob_true": prob_true,
        "count": counts[nonzero],
        "ece": float(np.sum(counts[nonzero] / len(p) * np.abs(prob_true - prob_pred))),
        "mce": float(np.max(np.abs(prob_true - prob_pred))),
    }

    fps, tps, thr = _binary_clf_curve(y, p, sample_weight=w)
    fps, tps = np.r_[0, fps], np.r_[0, tps]
    total = fps[-1] + tps[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        gain = tps / tps[-1] if tps[-1] > 0 else np.repeat(np.nan, tps.shape)
        frac = (tps + fps) / total
        lift = gain / frac
    case["gains"] = {
        "fraction_samples": frac,
        "fraction_positives": gain,
        "lift": lift,
        "thresholds": np.r_[thr[0] + 1, thr],
    }

    sweep = {"thresholds": [], "precision": [], "recall": [], "f1": [], "specificity": []}
    for t in thr[::-1]:
        pred = (p >= t).astype(int)
        sweep["thresholds"].append(t)
        sweep["precision"].append(precision_score(y, pred, zero_division=0, **kw))
        sweep["recall"].append(recall_score(y, pred, zero_division=0, **kw))
        sweep["f1"].append(f1_score(y, pred, zero_division=0, **kw))
        sweep["specificity"].append(recall_score(y, pred, pos_label=0, zero_division=0, **kw))
    case["sweep"] = sweep

    fpr, tpr, cand = roc_curve(y, p, drop_intermediate=False, **kw)
    f1s, costs = [], []
    for t in cand:
        pred = (p >= t).astype(int)
        f1s.append(f1_score(y, pred, zero_division=0, **kw))
        cm = confusion_matrix(y, pred, labels=[0, 1], **kw)
        costs.append(float(np.sum(cm * np.array(COST)) / np.sum(cm)))
    i = int(np.argmax(f1s))
    choice = {"f1": {"threshold": cand[i], "value": f1s[i]}}
    if np.all(np.isfinite(tpr)) and np.all(np.isfinite(fpr)):
        j = tpr - fpr
        i = int(np.argmax(j))
        choice["youden"] = {"threshold": cand[i], "value": j[i]}
    else:
        choice["youden"] = None
    i = int(np.argmin(costs))
    choice["cost"] = {"matrix": COST, "threshold": cand[i], "value": costs[i]}
    case["choice"] = choice
    return case


# Multiclass ---------------------------------------------------------------
def multiclass_metrics(y, P):
    k = P.shape[1]
    pred = np.argmax(P, axis=1)
    m = {
        "accuracy": accuracy_score(y, pred),
        "balanced_accuracy": balanced_accuracy_score(y, pred),
        "mcc": matthews_corrcoef(y, pred),
        "log_loss": log_loss(y, P, labels=list(range(k))),
        "roc_auc_ovr": maybe(lambda: roc_auc_score(y, P, multi_class="ovr", average="macro")),
    }
    for avg in ("macro", "weighted", "micro"):
        m["precision_" + avg] = precision_score(y, pred, average=avg, zero_division=0)
        m["recall_" + avg] = recall_score(y, pred, average=avg, zero_division=0)
        m["f1_" + avg] = f1_score(y, pred, average=avg, zero_division=0)
    m["confusion_matrix"] = confusion_matrix(y, pred, labels=list(range(k))).tolist()
    return m


def multiclass_case(name, labels, y, P):
    y = np.asarray(y, dtype=int)
    P = np.asarray(P, dtype=float)
    return {
        "name": name,
        "labels": labels,
        "y_true": y.tolist(),
        "proba": P.tolist(),
        "metrics": multiclass_metrics(y, P),
    }


# Regression ---------------------------------------------------------------
def regression_metrics(y, yhat):
    return {
        "rmse": math.sqrt(mean_squared_error(y, yhat)),
        "mse": mean_squared_error(y, yhat),
        "mae": mean_absolute_error(y, yhat),
        "r2": r2_score(y, yhat),
        "mape": mean_absolute_percentage_error(y, yhat),
        "median_ae": median_absolute_error(y, yhat),
        "explained_variance": explained_variance_score(y, yhat),
        "max_error": max_error(y, yhat),
    }


def regression_case(name, y, yhat):
    y = np.asarray(y, dtype=float)
    yhat = np.asarray(yhat, dtype=float)
    return {"name": name, "y_true": y.tolist(), "y_pred": yhat.tolist(),
            "metrics": regression_metrics(y, yhat)}


def main():
    out = {
        "provenance": {
            "generator": "tests/reference/eval_reference.py",
            "command": "/usr/bin/python3 tests/reference/eval_reference.py > tests/data/eval-reference.json",
            "date": datetime.date.today().isoformat(),
            "python": platform.python_version(),
            "sklearn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "log_loss_eps": float(np.finfo(np.float64).eps),
            "thresholds": THRESHOLDS,
            "calibration_bins": N_BINS,
        },
    }

    # Binary: out-of-fold probabilities on breast-cancer.csv.
    df = read("breast-cancer.csv")
    X = df.drop(columns=["target"]).to_numpy()
    labels = sorted(df["target"].unique())
    y = (df["target"] == labels[1]).astype(int).to_numpy()
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
    cv = StratifiedKFold(5, shuffle=True, random_state=0)
    p = cross_val_predict(model, X, y, cv=cv, method="predict_proba")[:, 1]
    n = len(y)
    w = np.array([1.0 + 0.5 * (i % 4) for i in range(n)])
    w[::17] = 0.0  # zero weights must not create thresholds
    rounded = np.round(p, 1)

    binary = [
        binary_case("breast_cancer", y, p),
        binary_case("breast_cancer_weighted", y, p, w),
        binary_case("breast_cancer_rounded", y, rounded),
        binary_case("all_tied", [0, 1, 1, 0, 1, 0, 0, 1, 1], [0.5] * 9),
        binary_case("only_negatives", [0] * 6, [0.1, 0.7, 0.2, 0.2, 0.95, 0.0]),
        binary_case("only_positives", [1] * 5, [0.3, 0.6, 0.6, 0.99, 1.0]),
        binary_case("perfect", [0, 0, 1, 1, 0, 1, 1], [0.0, 0.2, 0.8, 1.0, 0.0, 1.0, 0.6]),
        binary_case("inverted", [0, 0, 1, 1, 0, 1], [1.0, 1.0, 0.0, 0.0, 1.0, 0.0]),
        binary_case("hard_probabilities", [0, 1, 1, 0, 1, 0, 1, 0],
                    [0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.25, 0.5]),
        binary_case("single_row", [1], [0.8]),
    ]
    out["binary"] = binary
    out["positive_label"] = labels[1]

    # Multiclass: wine and iris.
    multiclass = []
    for file in ("wine.csv", "iris.csv"):
        df = read(file)
        X = df.drop(columns=["target"]).to_numpy()
        names = sorted(df["target"].unique())
        yc = df["target"].map({v: i for i, v in enumerate(names)}).to_numpy()
        model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000))
        P = cross_val_predict(model, X, yc, cv=cv, method="predict_proba")
        multiclass.append(multiclass_case(file[:-4], names, yc, P))
    third = 1.0 / 3.0
    multiclass += [
        multiclass_case("missing_class", ["a", "b", "c"], [0, 1, 0, 1, 1],
                        [[0.6, 0.3, 0.1], [0.2, 0.3, 0.5], [0.4, 0.4, 0.2],
                         [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]]),
        multiclass_case("tied_rows", ["a", "b", "c"], [0, 1, 2, 2, 1, 0],
                        [[third] * 3, [third] * 3, [0.25, 0.25, 0.5],
                         [0.5, 0.25, 0.25], [0.0, 0.5, 0.5], [0.5, 0.5, 0.0]]),
        multiclass_case("certain", ["a", "b", "c"], [0, 1, 2, 0],
                        [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]),
        multiclass_case("unused_class", ["a", "b", "c", "d"], [0, 1, 2, 2, 0, 1],
                        [[0.7, 0.1, 0.1, 0.1], [0.1, 0.2, 0.6, 0.1], [0.2, 0.2, 0.5, 0.1],
                         [0.1, 0.6, 0.2, 0.1], [0.4, 0.3, 0.2, 0.1], [0.3, 0.4, 0.2, 0.1]]),
    ]
    out["multiclass"] = multiclass

    # Regression: diabetes.
    df = read("diabetes.csv")
    X = df.drop(columns=["target"]).to_numpy()
    yr = df["target"].to_numpy()
    yhat = cross_val_predict(LinearRegression(), X, yr, cv=KFold(5, shuffle=True, random_state=0))
    out["regression"] = [
        regression_case("diabetes", yr, yhat),
        regression_case("diabetes_even", yr[:100], yhat[:100]),
        regression_case("constant_truth", [5.0] * 4, [4.0, 5.5, 5.0, 6.0]),
        regression_case("constant_perfect", [2.5] * 3, [2.5] * 3),
        regression_case("perfect", [1.0, -2.0, 3.5], [1.0, -2.0, 3.5]),
        regression_case("zero_in_truth", [0.0, 1.0, -2.0, 4.0], [0.5, 1.0, -1.0, 3.0]),
        regression_case("single_row", [3.0], [2.0]),
    ]

    # Bootstrap intervals, seed 42, 200 replicates.
    seed, reps = 42, 200
    bc, bw = binary[0], binary[1]
    yb, pb = np.array(bc["y_true"]), np.array(bc["proba"])
    wb = np.array(bw["weights"])

    def auc(idx, weights=None):
        if len(np.unique(yb[idx])) < 2:
            return None
        return roc_auc_score(yb[idx], pb[idx],
                             sample_weight=None if weights is None else weights[idx])

    small = next(c for c in binary if c["name"] == "hard_probabilities")
    yp, pp = np.array(small["y_true"]), np.array(small["proba"])

    def small_auc(idx):
        if len(np.unique(yp[idx])) < 2:
            return None
        return roc_auc_score(yp[idx], pp[idx])

    wine = multiclass[0]
    ym, Pm = np.array(wine["y_true"]), np.array(wine["proba"])
    diab = out["regression"][0]
    yr, yh = np.array(diab["y_true"]), np.array(diab["y_pred"])

    specs = [
        ("binary", "breast_cancer", "roc_auc", 0.5, auc, roc_auc_score(yb, pb)),
        ("binary", "breast_cancer", "f1", 0.5,
         lambda idx: f1_score(yb[idx], (pb[idx] >= 0.5).astype(int), zero_division=0),
         f1_score(yb, (pb >= 0.5).astype(int))),
        ("binary", "breast_cancer_weighted", "log_loss", 0.5,
         lambda idx: log_loss(yb[idx], pb[idx], labels=[0, 1], sample_weight=wb[idx])
         if wb[idx].sum() > 0 else None,
         log_loss(yb, pb, sample_weight=wb)),
        ("binary", "breast_cancer_weighted", "roc_auc", 0.5,
         lambda idx: auc(idx, wb) if len(np.unique(yb[idx][wb[idx] > 0])) == 2 else None,
         roc_auc_score(yb, pb, sample_weight=wb)),
        ("binary", "hard_probabilities", "roc_auc", 0.5, small_auc, roc_auc_score(yp, pp)),
        ("multiclass", "wine", "f1_macro", None,
         lambda idx: f1_score(ym[idx], np.argmax(Pm[idx], axis=1), average="macro",
                              zero_division=0),
         f1_score(ym, np.argmax(Pm, axis=1), average="macro")),
        ("multiclass", "wine", "roc_auc_ovr", None,
         lambda idx: roc_auc_score(ym[idx], Pm[idx], multi_class="ovr")
         if len(np.unique(ym[idx])) == Pm.shape[1] else None,
         roc_auc_score(ym, Pm, multi_class="ovr")),
        ("regression", "diabetes", "rmse", None,
         lambda idx: math.sqrt(mean_squared_error(yr[idx], yh[idx])),
         math.sqrt(mean_squared_error(yr, yh))),
        ("regression", "diabetes", "median_ae", None,
         lambda idx: median_absolute_error(yr[idx], yh[idx]),
         median_absolute_error(yr, yh)),
    ]
    out["bootstrap"] = []
    for task, case, metric, t, f, estimate in specs:
        n = {"breast_cancer": len(yb), "breast_cancer_weighted": len(yb),
             "hard_probabilities": len(yp), "wine": len(ym), "diabetes": len(yr)}[case]
        lower, upper, valid = bootstrap(n, f, seed, reps)
        out["bootstrap"].append({
            "task": task, "case": case, "metric": metric, "threshold": t,
            "seed": seed, "n_resamples": reps, "level": LEVEL,
            "estimate": estimate, "lower": lower, "upper": upper, "n_valid": valid,
        })

    # A learning curve that overfits: boosting on a breast-cancer split.
    df = read("breast-cancer.csv")
    X = df.drop(columns=["target"]).to_numpy()
    yl = (df["target"] == labels[1]).astype(int).to_numpy()
    Xtr, Xva, ytr, yva = train_test_split(X, yl, test_size=0.3, random_state=0, stratify=yl)
    gbm = GradientBoostingClassifier(n_estimators=120, learning_rate=0.5, max_depth=3,
                                     random_state=0).fit(Xtr, ytr)
    train_loss = [log_loss(ytr, q) for q in gbm.staged_predict_proba(Xtr)]
    valid_loss = [log_loss(yva, q) for q in gbm.staged_predict_proba(Xva)]
    out["learning_curve"] = {
        "model": "GradientBoostingClassifier(n_estimators=120, learning_rate=0.5, max_depth=3, random_state=0)",
        "split": "train_test_split(test_size=0.3, random_state=0, stratify=y)",
        "train_loss": train_loss,
        "valid_loss": valid_loss,
        "best_iteration": int(np.argmin(valid_loss)),
        "best_valid_loss": float(np.min(valid_loss)),
    }

    json.dump(clean(out), sys.stdout, indent=1, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
