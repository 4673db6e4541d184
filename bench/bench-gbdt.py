#!/usr/bin/python3
# bench-gbdt.py: Orchard's tree learners against xgboost and scikit-learn
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fit Orchard's gbdt and forest, xgboost and scikit-learn on the same data.

The data come from gbdt_data.py (seeded, written to bench/out/ once): a
Higgs-like binary problem (1M training and 250k test rows x 28 features, 1%
missing), a 10-class and a regression variant of it, and a complete
(imputation-free) binary set for the random forests, which in scikit-learn
1.2 take no missing values.

Every fit runs in a fresh child process under /usr/bin/time -v, the peers
taking turns: Orchard (bench/orchard-gbdt, orchard_model_fit() and
orchard_model_predict() as the app calls them), xgboost's XGBClassifier /
XGBRegressor and scikit-learn's HistGradientBoosting* or RandomForest*. The
child measures the wall time of its fit and of its prediction of the test
rows and saves the predictions; this script scores them all the same way
(scikit-learn's metrics). Peak memory is the child's maximum resident set
size as /usr/bin/time reports it. The best time of --repeat runs counts,
and the largest peak.

Goals (issue 6): gbdt fits in at most half the time of the faster peer,
with less peak memory than either, a test ROC AUC no lower than the better
one's minus 0.001, and predicts faster than both; forest fits in at most
half the time of RandomForestClassifier(n_jobs=2) with accuracy within 0.5
points. --check makes a missed goal the exit status.
"""

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gbdt_data  # noqa: E402

# What each problem is: rows, generator kind, missing share, peers and settings.
PROBLEMS = {
    "binary": {"kind": "binary", "train": 1000000, "test": 250000, "classes": 2},
    "multiclass": {"kind": "multiclass", "train": 200000, "test": 50000, "classes": 10},
    "regression": {"kind": "regression", "train": 1000000, "test": 250000, "classes": 0},
    "forest": {"kind": "binary", "train": 100000, "test": 50000, "classes": 2, "missing": 0.0,
               "forest": True},
}

PEER = r"""
import json, sys, time, os
import numpy as np
which, task, classes, xtr, ytr, xte, out = sys.argv[1:8]
classes = int(classes)
X, y = np.load(xtr), np.load(ytr)
if which == "xgboost":
    import xgboost as xgb
    params = dict(tree_method="hist", grow_policy="lossguide", max_leaves=31, max_depth=0,
                  max_bin=255, n_jobs=2, n_estimators=100, learning_rate=0.1)
    model = xgb.XGBRegressor(**params) if task == "regression" else xgb.XGBClassifier(**params)
elif which == "sklearn":
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
    params = dict(max_leaf_nodes=31, max_bins=255, early_stopping=False, max_iter=100,
                  learning_rate=0.1)
    model = (HistGradientBoostingRegressor(**params) if task == "regression"
             else HistGradientBoostingClassifier(**params))
else:
    from sklearn.ensemble import RandomForestClassifier
    model = RandomForestClassifier(n_estimators=100, n_jobs=2, random_state=0)
start = time.perf_counter()
model.fit(X, y)
fit = time.perf_counter() - start
del X, y
X_test = np.load(xte)
start = time.perf_counter()
p = model.predict(X_test) if task == "regression" else model.predict_proba(X_test)
predict = time.perf_counter() - start
np.save(out, np.asarray(p, dtype=np.float64).reshape(len(X_test), -1))
print(json.dumps({"fit_seconds": fit, "predict_seconds": predict}))
"""

IMPORTS = {
    "xgboost": "import numpy, xgboost",
    "sklearn": "import numpy, sklearn.ensemble",
    "sklearn-forest": "import numpy, sklearn.ensemble",
}


def find_orchard(args):
    if args.orchard:
        return args.orchard
    for builddir in ("_build-trees-release", "_build-release", "_build-trees", "_build"):
        candidate = os.path.join(HERE, "..", builddir, "bench", "orchard-gbdt")
        if os.path.exists(candidate):
            return os.path.abspath(candidate)
    sys.exit("bench-gbdt.py: give --orchard PATH (built as BUILDDIR/bench/orchard-gbdt)")


def run_timed(argv, env=None):
    """Runs argv under /usr/bin/time -v; returns (its JSON output, peak RSS KiB)."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as timing:
        proc = subprocess.run(["/usr/bin/time", "-v", "-o", timing.name] + argv,
                              capture_output=True, text=True, env=env)
        if proc.returncode != 0:
            sys.exit("bench-gbdt.py: %s failed (%d): %s"
                     % (" ".join(argv[:3]), proc.returncode, proc.stderr.strip()[-2000:]))
        peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", timing.read()).group(1))
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    return (json.loads(lines[-1]) if lines else None), peak


def score(task, classes, y, p):
    from sklearn.metrics import accuracy_score, log_loss, mean_squared_error, r2_score, roc_auc_score
    if task == "regression":
        p = p.reshape(-1)
        return {"rmse": float(np.sqrt(mean_squared_error(y, p))), "r2": float(r2_score(y, p))}
    result = {"accuracy": float(accuracy_score(y, p.argmax(axis=1))),
              "log_loss": float(log_loss(y, p, labels=np.arange(classes)))}
    if classes == 2:
        result["roc_auc"] = float(roc_auc_score(y, p[:, 1]))
    return result


def describe_machine(python):
    cpu = platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    versions = subprocess.run(
        [python, "-c", "import numpy, sklearn, xgboost, sys; "
                       "print(numpy.__version__, sklearn.__version__, xgboost.__version__, "
                       "sys.version.split()[0])"],
        capture_output=True, text=True).stdout.split()
    with open("/proc/meminfo") as f:
        mem = int(f.readline().split()[1]) / 2**20
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem),
            "system": "%s %s" % (platform.system(), platform.release()),
            "numpy": versions[0] if versions else "?",
            "sklearn": versions[1] if len(versions) > 1 else "?",
            "xgboost": versions[2] if len(versions) > 2 else "?",
            "python": versions[3] if len(versions) > 3 else "?",
            "load": os.getloadavg()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orchard", metavar="PATH", help="the bench/orchard-gbdt program")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="python with xgboost and scikit-learn (default: Debian's)")
    parser.add_argument("--out", default=os.path.join(HERE, "out"), help="where the data go")
    parser.add_argument("--repeat", type=int, default=1, help="runs per peer (best time counts)")
    parser.add_argument("--threads", type=int, default=2, help="threads of every peer")
    parser.add_argument("--problems", nargs="*", default=list(PROBLEMS),
                        choices=list(PROBLEMS), help="which comparisons to run")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args()

    orchard = find_orchard(args)
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads),
               OPENBLAS_NUM_THREADS=str(args.threads))
    machine = describe_machine(args.python)
    print("machine: %(cpu)s, %(cores)d cores, %(memory_gib)d GiB; %(system)s; Python %(python)s, "
          "numpy %(numpy)s, scikit-learn %(sklearn)s, xgboost %(xgboost)s" % machine)
    print("load average before: %.2f %.2f %.2f" % machine["load"])

    results, missed = {}, []
    baselines = {name: run_timed([args.python, "-c", code], env)[1] / 1024.0
                 for name, code in IMPORTS.items()}

    for problem in args.problems:
        spec = PROBLEMS[problem]
        name = "%s-%d" % (spec["kind"], spec["train"]) + ("-complete" if spec.get("forest") else "")
        out = os.path.join(args.out, name)
        paths = gbdt_data.paths(spec["kind"], out)
        if not all(os.path.exists(p) for p in paths.values()):
            print("generating %s ..." % out, flush=True)
            gbdt_data.generate(spec["kind"], spec["train"], spec["test"], out,
                               missing=spec.get("missing", 0.01))
        task = "regression" if spec["classes"] == 0 else "classification"
        y_test = np.load(paths["y_test"])
        files = [paths["X_train"], paths["y_train"], paths["X_test"]]

        if spec.get("forest"):
            peers = ["orchard-forest", "sklearn-forest"]
        else:
            peers = ["orchard", "xgboost", "sklearn"]
        runs = {peer: [] for peer in peers}
        for _ in range(args.repeat):
            for peer in peers:
                pred = os.path.join(out, "pred-%s.npy" % peer)
                if peer.startswith("orchard"):
                    argv = [orchard, "--threads", str(args.threads),
                            "--learner", "forest" if spec.get("forest") else "gbdt",
                            "--task", ("regression" if task == "regression"
                                       else "binary" if spec["classes"] == 2 else "multiclass"),
                            "--classes", str(max(spec["classes"], 2))]
                    if spec.get("forest"):
                        argv += ["--set", "n-trees=100"]
                    else:
                        argv += ["--set", "n-trees=100", "--set", "learning-rate=0.1",
                                 "--set", "max-leaves=31", "--set", "max-bins=255",
                                 "--set", "early-stopping=false"]
                    argv += files + [paths["y_test"], pred]
                else:
                    argv = [args.python, "-c", PEER, "forest" if spec.get("forest") else peer,
                            "regression" if task == "regression" else "classification",
                            str(spec["classes"])] + files + [pred]
                timing, peak = run_timed(argv, env)
                metrics = score("regression" if task == "regression" else "classification",
                                spec["classes"], y_test, np.load(pred))
                runs[peer].append(dict(timing, peak_mib=peak / 1024.0, **metrics))
                print("  %-10s %-15s fit %7.2f s  predict %6.3f s  peak %6.0f MiB  %s"
                      % (problem, peer, timing["fit_seconds"], timing["predict_seconds"],
                         peak / 1024.0, "  ".join("%s %.5f" % kv for kv in metrics.items())),
                      flush=True)

        best = {}
        for peer, rs in runs.items():
            best[peer] = dict(rs[0], fit_seconds=min(r["fit_seconds"] for r in rs),
                              predict_seconds=min(r["predict_seconds"] for r in rs),
                              peak_mib=max(r["peak_mib"] for r in rs))
        results[problem] = best
        ours = best[peers[0]]
        others = [best[p] for p in peers[1:]]
        fastest = min(o["fit_seconds"] for o in others)
        lowest = min(o["peak_mib"] for o in others)
        print("%s: Orchard fit %.2f s = %.3fx the faster peer; predict %.3fx the faster; "
              "peak %.0f MiB = %.3fx the smaller peer's"
              % (problem, ours["fit_seconds"], ours["fit_seconds"] / fastest,
                 ours["predict_seconds"] / min(o["predict_seconds"] for o in others),
                 ours["peak_mib"], ours["peak_mib"] / lowest))
        if spec.get("forest"):
            acc = max(o["accuracy"] for o in others)
            print("%s: accuracy %.4f vs %.4f (%+.2f points)" % (problem, ours["accuracy"], acc,
                                                                 100 * (ours["accuracy"] - acc)))
            if ours["fit_seconds"] > 0.5 * fastest or ours["accuracy"] < acc - 0.005:
                missed.append(problem)
        elif problem == "binary":
            auc = max(o["roc_auc"] for o in others)
            print("%s: ROC AUC %.5f vs the better peer's %.5f (%+.5f)"
                  % (problem, ours["roc_auc"], auc, ours["roc_auc"] - auc))
            if (ours["fit_seconds"] > 0.5 * fastest or ours["peak_mib"] >= lowest
                    or ours["roc_auc"] < auc - 0.001
                    or ours["predict_seconds"] >= min(o["predict_seconds"] for o in others)):
                missed.append(problem)

    print("import-only peaks (MiB): " + ", ".join("%s %.0f" % kv for kv in baselines.items()))
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())
    if args.json:
        print(json.dumps({"machine": machine, "import_peaks_mib": baselines,
                          "results": results}, indent=1))
    if missed:
        print("goals missed: " + ", ".join(missed))
        if args.check:
            sys.exit(1)


if __name__ == "__main__":
    main()
