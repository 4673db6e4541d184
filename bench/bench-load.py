#!/usr/bin/python3
# bench-load.py: load the same CSV files with Orchard and with pandas
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Load the benchmark CSV files with Orchard and with pandas.read_csv.

Each load runs in a fresh child process, Orchard (bench/orchard-load) and
pandas taking turns, several times. The time is the wall time of the load
call alone, as the child measures it (orchard_table_load(); pd.read_csv());
the best run counts. Peak memory is the child's maximum resident set size,
taken the same way for both (wait4() on the child), so it includes
everything each process needed to load the file. A python process that
only imports pandas is measured too: pandas' peak above that baseline is
what the load itself cost, and that is the figure Orchard is held to.

Goal (issue 2): Orchard loads at least 2x faster than pandas with no more
peak memory. --check makes a missed goal the exit status.
"""

import argparse
import json
import os
import platform
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

PANDAS_LOAD = r"""
import json, resource, sys, time
import pandas as pd
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu_start = time.perf_counter(), time.process_time()
df = pd.read_csv(sys.argv[1])
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
at_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
# Touch the result column by column, without a frame-sized temporary.
missing = sum(int(df[c].isna().sum()) for c in df.columns)
print(json.dumps({"rows": int(df.shape[0]), "columns": int(df.shape[1]),
                  "missing": missing, "seconds": seconds, "cpu_seconds": cpu_seconds,
                  "import_rss_kib": base, "load_rss_kib": at_load,
                  "dtypes": {str(k): int(v) for k, v in df.dtypes.value_counts().items()}}))
"""

PANDAS_IMPORT = "import pandas"


def run_child(argv):
    """Run argv; return (its JSON output or None, its peak RSS in KiB)."""
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.stdout.read(), proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("bench-load.py: %s failed (%d): %s"
                 % (" ".join(argv[:2]), proc.returncode, err.decode(errors="replace").strip()))
    result = json.loads(out) if out.strip() else None
    return result, usage.ru_maxrss   # KiB on Linux


def warm(path):
    # Both peers read from the page cache, not from the disk.
    with open(path, "rb") as f:
        while f.read(1 << 22):
            pass


def find_orchard_load(args):
    if args.orchard_load:
        return args.orchard_load
    if args.orchard_cli:
        # orchard-cli lives in BUILDDIR/src/cli; orchard-load in BUILDDIR/bench.
        cli = os.path.abspath(args.orchard_cli)
        builddir = os.path.dirname(os.path.dirname(os.path.dirname(cli)))
        return os.path.join(builddir, "bench", "orchard-load")
    for builddir in ("_build-release", "_build-bench", "_build"):
        candidate = os.path.join(HERE, "..", builddir, "bench", "orchard-load")
        if os.path.exists(candidate):
            return candidate
    sys.exit("bench-load.py: give --orchard-load PATH (built as BUILDDIR/bench/orchard-load)")


def describe_machine(python):
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
            mem = "%.0f GiB" % (kib / 2**20)
    except (OSError, ValueError, IndexError):
        pass
    versions = subprocess.run(
        [python, "-c", "import pandas, numpy, sys; "
                       "print(pandas.__version__, numpy.__version__, sys.version.split()[0])"],
        capture_output=True, text=True).stdout.split()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "system": "%s %s" % (platform.system(), platform.release()),
            "pandas": versions[0] if versions else "?",
            "numpy": versions[1] if len(versions) > 1 else "?",
            "python": versions[2] if len(versions) > 2 else "?"}


def mib(kib):
    return kib / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--orchard-load", metavar="PATH", help="the bench/orchard-load program")
    which.add_argument("--orchard-cli", metavar="PATH",
                       help="orchard-cli of a build directory; its bench/orchard-load is used")
    parser.add_argument("--python", default=sys.executable,
                        help="python with pandas for the peer (default: this one)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per peer and file (best counts)")
    parser.add_argument("--out", default=os.path.join(HERE, "out"), help="where the files are")
    parser.add_argument("--files", nargs="*", default=["numeric-1m.csv", "mixed-1m.csv"],
                        help="files in --out to load")
    parser.add_argument("--json", action="store_true", help="print the results as JSON too")
    parser.add_argument("--check", action="store_true", help="exit 1 when the goal is missed")
    args = parser.parse_args()

    orchard_load = find_orchard_load(args)
    if not os.access(orchard_load, os.X_OK):
        sys.exit("bench-load.py: %s is not a program; build it first" % orchard_load)

    paths = [os.path.join(args.out, name) for name in args.files]
    if any(not os.path.exists(p) for p in paths):
        subprocess.run([args.python, os.path.join(HERE, "generate.py"), "--out", args.out],
                       check=True)

    machine = describe_machine(args.python)
    print("machine: %(cpu)s, %(cores)s cores, %(memory)s; %(system)s" % machine)
    print("peers:   pandas %(pandas)s (numpy %(numpy)s, python %(python)s) vs " % machine
          + orchard_load)
    print("method:  best of %d runs each, fresh process per run, peak RSS by wait4()\n"
          % args.repeat)

    baseline = min(run_child([args.python, "-c", PANDAS_IMPORT])[1] for _ in range(args.repeat))

    results = []
    for path in paths:
        warm(path)
        pandas_runs, orchard_runs = [], []
        for _ in range(args.repeat):
            out, rss = run_child([args.python, "-c", PANDAS_LOAD, path])
            pandas_runs.append((out, rss))
            out, rss = run_child([orchard_load, path])
            orchard_runs.append((out, rss))

        p_out = pandas_runs[0][0]
        o_out = orchard_runs[0][0]
        p_time = min(r[0]["seconds"] for r in pandas_runs)
        o_time = min(r[0]["seconds"] for r in orchard_runs)
        p_cpu = min(r[0]["cpu_seconds"] for r in pandas_runs)
        o_cpu = min(r[0]["cpu_seconds"] for r in orchard_runs)
        p_rss = max(r[1] for r in pandas_runs)
        o_rss = max(r[1] for r in orchard_runs)
        same = (p_out["rows"], p_out["columns"], p_out["missing"]) == \
               (o_out["rows"], o_out["columns"], o_out["missing"])
        results.append({
            "file": os.path.basename(path),
            "bytes": os.path.getsize(path),
            "rows": o_out["rows"], "columns": o_out["columns"],
            "same_shape_and_missing": same,
            "pandas": {"seconds": p_time, "cpu_seconds": p_cpu,
                       "all_seconds": [r[0]["seconds"] for r in pandas_runs],
                       "peak_rss_kib": p_rss, "import_rss_kib": baseline,
                       "dtypes": p_out["dtypes"], "missing": p_out["missing"]},
            "orchard": {"seconds": o_time, "cpu_seconds": o_cpu,
                        "all_seconds": [r[0]["seconds"] for r in orchard_runs],
                        "peak_rss_kib": o_rss, "kinds": o_out["kinds"],
                        "missing": o_out["missing"], "warnings": o_out["warnings"]},
            "speedup": p_time / o_time,
            "cpu_ratio": p_cpu / o_cpu,
            "memory_ratio": o_rss / p_rss,
            "memory_ratio_above_import": o_rss / max(p_rss - baseline, 1),
        })

    header = ("file", "MB", "pandas s", "Orchard s", "speed-up", "CPU s (pandas/Orchard)",
              "pandas MiB", "(− import)", "Orchard MiB", "Orchard/pandas", "(/ − import)")
    rows = []
    for r in results:
        rows.append((r["file"], "%.0f" % (r["bytes"] / 1e6),
                     "%.3f" % r["pandas"]["seconds"], "%.3f" % r["orchard"]["seconds"],
                     "%.2f×" % r["speedup"],
                     "%.2f / %.2f" % (r["pandas"]["cpu_seconds"], r["orchard"]["cpu_seconds"]),
                     "%.0f" % mib(r["pandas"]["peak_rss_kib"]),
                     "%.0f" % mib(r["pandas"]["peak_rss_kib"] - baseline),
                     "%.0f" % mib(r["orchard"]["peak_rss_kib"]),
                     "%.2f" % r["memory_ratio"], "%.2f" % r["memory_ratio_above_import"]))
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    for line in [header] + rows:
        print("  ".join(str(x).rjust(w) if i else str(x).ljust(w)
                        for i, (x, w) in enumerate(zip(line, widths))))
    print("\npandas baseline (python + import pandas): %.0f MiB peak RSS" % mib(baseline))
    try:
        print("load average while measuring: %.2f %.2f %.2f (on %d cores)"
              % (os.getloadavg() + (os.cpu_count(),)))
    except OSError:
        pass

    met = True
    for r in results:
        fast = r["speedup"] >= 2.0
        lean = r["memory_ratio_above_import"] <= 1.0
        met = met and fast and lean
        print("%s: %.2f× faster (goal ≥ 2×: %s), "
              "peak memory %.2f× pandas' load (goal ≤ 1: %s)%s"
              % (r["file"], r["speedup"], "met" if fast else "MISSED",
                 r["memory_ratio_above_import"], "met" if lean else "MISSED",
                 "" if r["same_shape_and_missing"] else
                 "; WARNING: rows, columns or missing counts differ between the peers"))

    if args.json:
        print(json.dumps({"machine": machine, "pandas_import_rss_kib": baseline,
                          "results": results}, indent=2))

    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
