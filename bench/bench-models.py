#!/usr/bin/python3
# bench-models.py: Orchard's dense learners against scikit-learn, same data, same run
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Time Orchard's logistic regression, MLP and k-NN against scikit-learn.

The data is generated here, seeded (numpy's PCG64), into bench/out/ as .npy
files: binary classification with correlated Gaussian features and a
logistic link, 1,000,000 x 28 and 100,000 x 200. Each measurement runs in a
fresh child process, Orchard (bench/orchard-models) and scikit-learn taking
turns; the child times the call alone (fit, or predict for k-NN), so loading
the files and importing Python modules do not count. The best of --repeat
runs counts.

Goals (issue 5):
  logistic regression (L2, lbfgs, C=1, tol=1e-4) on 1M x 28 and 100k x 200:
      fit time <= 1.0x scikit-learn's, log loss equal or better
  MLP (one hidden layer of 100 ReLU units, Adam, batches of 200):
      time per epoch <= 0.5x MLPClassifier's
  k-NN (k=5, Euclidean, uniform): predict_proba of 10,000 queries against
      100,000 training rows <= 0.5x KNeighborsClassifier(algorithm="brute")

--check makes a missed goal the exit status; --json prints every run.
"""

import argparse
import json
import os
import platform
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "out")
SEED = 20260105

SKLEARN = r"""
import json, sys, time, warnings
import numpy as np
from sklearn.exceptions import ConvergenceWarning
warnings.simplefilter("ignore", ConvergenceWarning)
kind, args = sys.argv[1], json.loads(sys.argv[2])
X = np.load(args["X"]); y = np.load(args["y"])
result = {}
if kind == "logistic":
    from sklearn.linear_model import LogisticRegression
    model = LogisticRegression(penalty="l2", C=args["C"], tol=args["tol"], max_iter=args["max_iter"],
                               solver="lbfgs")
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(X, y)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    p = np.clip(model.predict_proba(X)[np.arange(len(y)), y.astype(int)], 2.220446049250313e-16,
                1 - 2.220446049250313e-16)
    result["log_loss"] = float(-np.log(p).mean())
    result["objective"] = float(-np.log(p).sum() + 0.5 * (model.coef_ ** 2).sum() / args["C"])
    result["iterations"] = int(model.n_iter_[0])
elif kind == "mlp":
    from sklearn.neural_network import MLPClassifier
    model = MLPClassifier(hidden_layer_sizes=(args["hidden"],), activation="relu", solver="adam",
                          alpha=1e-4, batch_size=args["batch"], learning_rate_init=1e-3,
                          max_iter=args["epochs"], shuffle=True, random_state=0, tol=0.0,
                          n_iter_no_change=args["epochs"] + 1, early_stopping=False)
    start, cpu = time.perf_counter(), time.process_time()
    model.fit(X, y)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    p = np.clip(model.predict_proba(X)[np.arange(len(y)), y.astype(int)], 2.220446049250313e-16,
                1 - 2.220446049250313e-16)
    result["log_loss"] = float(-np.log(p).mean())
    result["iterations"] = int(model.n_iter_)
elif kind == "knn":
    from sklearn.neighbors import KNeighborsClassifier
    Q = np.load(args["Q"])
    model = KNeighborsClassifier(n_neighbors=args["k"], algorithm="brute").fit(X, y)
    start, cpu = time.perf_counter(), time.process_time()
    proba = model.predict_proba(Q)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    result["checksum"] = float(proba[:, 1].sum())
result["seconds"] = seconds
result["cpu_seconds"] = cpu
print(json.dumps(result))
"""


# Data ---------------------------------------------------------------------

def logistic_data(rng, n, d):
    """Correlated Gaussian features (AR(1), rho 0.5), varied scales, a
    logistic link with an intercept; about 40% positives."""
    rho = 0.5
    X = np.empty((n, d))
    X[:, 0] = rng.standard_normal(n)
    for j in range(1, d):
        X[:, j] = rho * X[:, j - 1] + np.sqrt(1 - rho * rho) * rng.standard_normal(n)
    X *= rng.uniform(0.5, 2.0, d)
    w = rng.standard_normal(d) / np.sqrt(d) * 1.5
    p = 1.0 / (1.0 + np.exp(-(X @ w - 0.4)))
    y = (rng.uniform(size=n) < p).astype(np.float64)
    return np.ascontiguousarray(X), y


def ensure_data():
    os.makedirs(OUT, exist_ok=True)
    files = {}
    for name, n, d, stream in (("narrow", 1_000_000, 28, 1), ("wide", 100_000, 200, 2)):
        xp = os.path.join(OUT, "models-%s-X.npy" % name)
        yp = os.path.join(OUT, "models-%s-y.npy" % name)
        if not (os.path.exists(xp) and os.path.exists(yp)):
            rng = np.random.Generator(np.random.PCG64([SEED, stream]))
            X, y = logistic_data(rng, n, d)
            np.save(xp, X)
            np.save(yp, y)
        files[name] = (xp, yp)

    # The MLP and k-NN sets are slices of the narrow one.
    X = np.load(files["narrow"][0], mmap_mode="r")
    y = np.load(files["narrow"][1], mmap_mode="r")
    for name, lo, hi, with_y in (("mlp", 0, 100_000, True), ("knn-train", 0, 100_000, True),
                                 ("knn-query", 100_000, 110_000, False)):
        xp = os.path.join(OUT, "models-%s-X.npy" % name)
        yp = os.path.join(OUT, "models-%s-y.npy" % name)
        if not os.path.exists(xp):
            np.save(xp, np.ascontiguousarray(X[lo:hi]))
            if with_y:
                np.save(yp, np.ascontiguousarray(y[lo:hi]))
        files[name] = (xp, yp)
    return files


# Runs ---------------------------------------------------------------------

def run_json(argv, env=None):
    proc = subprocess.run(argv, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        sys.exit("bench-models.py: %s failed (%d): %s"
                 % (" ".join(argv[:3]), proc.returncode, proc.stderr.strip()))
    return json.loads(proc.stdout)


def orchard(args, kind, files, settings, query=None):
    argv = [args.orchard_models, kind, files[0], files[1]]
    if query is not None:
        argv.append(query)
    for s in settings:
        argv += ["--set", s]
    argv += ["--threads", str(args.threads)]
    return run_json(argv)


def sklearn(args, kind, params):
    argv = [args.python, "-c", SKLEARN, kind, json.dumps(params)]
    env = dict(os.environ)
    if args.threads > 0:
        # numpy's OpenBLAS and scikit-learn's OpenMP loops alike.
        env["OMP_NUM_THREADS"] = env["OPENBLAS_NUM_THREADS"] = str(args.threads)
    return run_json(argv, env)


def best(runs):
    return min(runs, key=lambda r: r["seconds"])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orchard-models", default=None,
                        help="the bench/orchard-models binary of a release build")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="the Python with scikit-learn (Debian's by default)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=0,
                        help="threads of both peers, 0 (the default) for one per processor")
    parser.add_argument("--only", choices=["logistic", "mlp", "knn"], action="append")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()

    if args.orchard_models is None:
        for builddir in ("_build-release", "_build-bench", "_build"):
            candidate = os.path.join(HERE, "..", builddir, "bench", "orchard-models")
            if os.path.exists(candidate):
                args.orchard_models = candidate
                break
        else:
            sys.exit("bench-models.py: build bench/orchard-models and give --orchard-models")

    files = ensure_data()
    only = set(args.only or ["logistic", "mlp", "knn"])
    results = []

    print("machine: %s, %d processors, load average %.1f" % (platform.processor() or platform.machine(),
                                                             os.cpu_count(), os.getloadavg()[0]))

    if "logistic" in only:
        for name in ("narrow", "wide"):
            o_runs, s_runs = [], []
            for _ in range(args.repeat):
                o_runs.append(orchard(args, "logistic", files[name],
                                      ["C=1", "tol=0.0001", "max-iter=1000"]))
                s_runs.append(sklearn(args, "logistic", {"X": files[name][0], "y": files[name][1],
                                                         "C": 1.0, "tol": 1e-4, "max_iter": 1000}))
            o, s = best(o_runs), best(s_runs)
            results.append({
                "benchmark": "logistic %s" % ("1M x 28" if name == "narrow" else "100k x 200"),
                "orchard": o, "sklearn": s, "ratio": o["seconds"] / s["seconds"], "goal": 1.0,
                "quality_ok": o["log_loss"] <= s["log_loss"] * (1 + 1e-9),
                "runs": {"orchard": o_runs, "sklearn": s_runs}})

    if "mlp" in only:
        epochs = 10
        o_runs, s_runs = [], []
        for _ in range(args.repeat):
            o = orchard(args, "mlp", files["mlp"], ["hidden-layers=100", "batch-size=200",
                                                    "epochs=%d" % epochs, "patience=0",
                                                    "seed=0"])
            s = sklearn(args, "mlp", {"X": files["mlp"][0], "y": files["mlp"][1], "hidden": 100,
                                      "batch": 200, "epochs": epochs})
            o["seconds_per_epoch"] = o["seconds"] / o["iterations"]
            s["seconds_per_epoch"] = s["seconds"] / s["iterations"]
            o_runs.append(o)
            s_runs.append(s)
        o, s = best(o_runs), best(s_runs)
        results.append({
            "benchmark": "MLP epoch 100k x 28, (100,)", "orchard": o, "sklearn": s,
            "ratio": o["seconds_per_epoch"] / s["seconds_per_epoch"], "goal": 0.5,
            "quality_ok": True, "runs": {"orchard": o_runs, "sklearn": s_runs}})

    if "knn" in only:
        o_runs, s_runs = [], []
        query = files["knn-query"][0]
        for _ in range(args.repeat):
            o_runs.append(orchard(args, "knn", files["knn-train"], ["k=5"], query))
            s_runs.append(sklearn(args, "knn", {"X": files["knn-train"][0],
                                                "y": files["knn-train"][1], "Q": query, "k": 5}))
        o, s = best(o_runs), best(s_runs)
        results.append({
            "benchmark": "k-NN predict 10k vs 100k x 28, k=5", "orchard": o, "sklearn": s,
            "ratio": o["seconds"] / s["seconds"], "goal": 0.5,
            "quality_ok": abs(o["checksum"] - s["checksum"]) < 1e-9 * max(1.0, s["checksum"]),
            "runs": {"orchard": o_runs, "sklearn": s_runs}})

    if args.json:
        print(json.dumps(results, indent=2))

    print("%-36s %19s %19s %7s %7s %5s  %s" % ("benchmark", "scikit-learn (CPU)", "Orchard (CPU)",
                                                "ratio", "CPU", "goal", "result"))
    missed = False
    for r in results:
        o, s = r["orchard"], r["sklearn"]
        per = o["iterations"] if "seconds_per_epoch" in o else 1
        sper = s["iterations"] if "seconds_per_epoch" in s else 1
        cpu_ratio = (o["cpu_seconds"] / per) / (s["cpu_seconds"] / sper)
        r["cpu_ratio"] = cpu_ratio
        ok = r["ratio"] <= r["goal"] and r["quality_ok"]
        missed |= not ok
        extra = ""
        if "log_loss" in o:
            extra = "log loss %.10g vs %.10g, %d vs %d iterations" % (
                o["log_loss"], s["log_loss"], o["iterations"], s["iterations"])
        if "checksum" in o:
            extra = "sum of P(class 1) %.12g vs %.12g" % (o["checksum"], s["checksum"])
        print("%-36s %8.3fs (%7.3fs) %8.3fs (%7.3fs) %6.2fx %6.2fx %4.1fx  %s  %s" % (
            r["benchmark"], s["seconds"] / sper, s["cpu_seconds"] / sper, o["seconds"] / per,
            o["cpu_seconds"] / per, r["ratio"], cpu_ratio, r["goal"], "met" if ok else "MISSED",
            extra))

    print("load average now %.1f" % os.getloadavg()[0])
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    sys.exit(main())
