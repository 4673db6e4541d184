#!/usr/bin/python3
# generate.py: the seeded CSV files the load benchmark reads
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write bench/out/numeric-1m.csv and bench/out/mixed-1m.csv.

numeric-1m.csv  1,000,000 rows x 28 numeric columns: decimals of varied
                magnitude and precision (prices, measurements, tiny and huge
                values, scientific notation, full 17-digit doubles as pandas'
                to_csv writes them) and integer columns; 1% of the cells are
                empty (missing).
mixed-1m.csv    1,000,000 rows x 15 columns: integers, decimals, categorical
                columns of low and high cardinality, ISO dates and date-times,
                boolean words, and free text (quoted when it holds a comma);
                2-5% missing in most columns.

The same seed gives the same bytes on every run (numpy's PCG64 generator and
Python's float formatting are both deterministic). Needs /usr/bin/python3
with numpy (Debian python3-numpy).
"""

import argparse
import csv
import hashlib
import os
import sys

import numpy as np

CHUNK = 50_000


# Numeric file -----------------------------------------------------------

def fmt_fixed(decimals):
    spec = "{:.%df}" % decimals
    return lambda col: [spec.format(v) for v in col.tolist()]


def fmt_int(col):
    return [str(v) for v in col.astype(np.int64).tolist()]


def fmt_general(col):
    return ["{:.6g}".format(v) for v in col.tolist()]


def fmt_sci(col):
    return ["{:.6e}".format(v) for v in col.tolist()]


def fmt_repr(col):
    # What pandas' to_csv and Python's str() write: the shortest text that
    # reads back as the same double, up to 17 significant digits.
    return [repr(v) for v in col.tolist()]


# (name, draw(rng, n) -> array, format(array) -> list of str)
NUMERIC_COLUMNS = [
    ("count_visits",  lambda r, n: r.poisson(3.0, n),                          fmt_int),
    ("count_items",   lambda r, n: r.poisson(40.0, n),                         fmt_int),
    ("year",          lambda r, n: r.integers(1950, 2025, n),                  fmt_int),
    ("population",    lambda r, n: r.lognormal(9.0, 2.0, n).astype(np.int64), fmt_int),
    ("flag",          lambda r, n: r.integers(0, 2, n),                        fmt_int),
    ("price",         lambda r, n: r.lognormal(3.0, 1.0, n),                   fmt_fixed(2)),
    ("cost",          lambda r, n: r.lognormal(2.0, 1.2, n),                   fmt_fixed(2)),
    ("discount",      lambda r, n: r.uniform(0.0, 0.5, n),                     fmt_fixed(3)),
    ("balance",       lambda r, n: r.normal(1500.0, 4000.0, n),                fmt_fixed(2)),
    ("z1",            lambda r, n: r.normal(0.0, 1.0, n),                      fmt_fixed(4)),
    ("z2",            lambda r, n: r.normal(0.0, 1.0, n),                      fmt_fixed(5)),
    ("z3",            lambda r, n: r.normal(0.0, 1.0, n),                      fmt_fixed(6)),
    ("temperature",   lambda r, n: r.normal(15.0, 10.0, n),                    fmt_fixed(1)),
    ("pressure",      lambda r, n: r.normal(1013.25, 12.0, n),                 fmt_fixed(2)),
    ("share",         lambda r, n: r.beta(2.0, 5.0, n) * 100.0,                fmt_fixed(1)),
    ("latitude",      lambda r, n: r.uniform(-90.0, 90.0, n),                  fmt_fixed(6)),
    ("longitude",     lambda r, n: r.uniform(-180.0, 180.0, n),                fmt_fixed(6)),
    ("concentration", lambda r, n: r.exponential(1e-3, n),                     fmt_general),
    ("rate",          lambda r, n: r.exponential(5e-5, n),                     fmt_general),
    ("mass",          lambda r, n: r.lognormal(0.0, 3.0, n),                   fmt_general),
    ("signal",        lambda r, n: r.normal(0.0, 1.0, n) * 1e-7,               fmt_sci),
    ("energy",        lambda r, n: r.lognormal(20.0, 4.0, n),                  fmt_sci),
    ("revenue",       lambda r, n: r.lognormal(12.0, 2.0, n),                  fmt_fixed(1)),
    ("volume",        lambda r, n: r.lognormal(8.0, 1.5, n),                   fmt_fixed(3)),
    ("weight",        lambda r, n: r.gamma(2.0, 35.0, n),                      fmt_fixed(2)),
    ("ratio",         lambda r, n: r.uniform(0.0, 1.0, n),                     fmt_repr),
    ("residual",      lambda r, n: r.normal(0.0, 3.0, n),                      fmt_repr),
    ("growth",        lambda r, n: r.normal(0.02, 0.1, n) * 1e3,               fmt_repr),
]

assert len(NUMERIC_COLUMNS) == 28


def write_numeric(path, rows, seed):
    rng = np.random.default_rng(seed)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(name for name, _, _ in NUMERIC_COLUMNS) + "\n")
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            missing = rng.random((len(NUMERIC_COLUMNS), n)) < 0.01
            columns = []
            for c, (_, draw, fmt) in enumerate(NUMERIC_COLUMNS):
                texts = fmt(draw(rng, n))
                for i in np.flatnonzero(missing[c]).tolist():
                    texts[i] = ""
                columns.append(texts)
            f.write("\n".join(map(",".join, zip(*columns))))
            f.write("\n")


# Mixed file -------------------------------------------------------------

SEGMENTS = ["consumer", "corporate", "home_office", "small_business", "government"]
SYLLABLES = ["an", "ber", "cas", "dor", "el", "fen", "gar", "hol", "is", "jor", "kel", "lin",
             "mar", "nor", "os", "pel", "quin", "ros", "sal", "tor", "ul", "ven", "wes", "yar"]
WORDS = ("the a an order arrived late early damaged perfect quality price support staff "
         "helpful slow fast delivery package box item product refund return great poor "
         "excellent never again would buy recommend friends service issue resolved quickly "
         "after calls email phone store online app crashed worked fine size colour fit "
         "small large too expensive cheap value money happy unhappy waiting weeks days "
         "manager replacement sent wrong missing parts instructions unclear easy assemble "
         "battery life screen sound loud quiet comfortable warm cold fresh stale taste "
         "smell clean dirty broken new used gift birthday christmas again and but not "
         "very really quite so just still only also however because").split()


def make_cities(rng, n):
    names = set()
    while len(names) < n:
        k = int(rng.integers(2, 5))
        name = "".join(SYLLABLES[i] for i in rng.integers(0, len(SYLLABLES), k))
        names.add(name.capitalize() + ("ville" if rng.random() < 0.1 else ""))
    return sorted(names)


def with_missing(rng, texts, share, token=""):
    for i in np.flatnonzero(rng.random(len(texts)) < share).tolist():
        texts[i] = token
    return texts


def write_mixed(path, rows, seed):
    rng = np.random.default_rng(seed + 1)
    countries = ["country_%02d" % i for i in range(60)]
    country_p = rng.dirichlet(np.full(len(countries), 0.5))
    cities = make_cities(rng, 20_000)
    city_p = rng.dirichlet(np.full(len(cities), 0.3))
    words = np.array(WORDS)
    day0 = np.datetime64("2015-01-01")
    header = ["id", "amount", "score", "age", "quantity", "segment", "country", "city",
              "customer", "signup_date", "last_seen", "active", "churned", "rating", "comment"]

    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(header)
        for start in range(0, rows, CHUNK):
            n = min(CHUNK, rows - start)
            ids = [str(v) for v in range(start + 1, start + n + 1)]
            amount = with_missing(rng, fmt_fixed(2)(rng.lognormal(4.0, 1.0, n)), 0.02)
            score = with_missing(rng, fmt_repr(rng.normal(0.0, 1.0, n)), 0.01)
            age = with_missing(rng, fmt_int(rng.integers(18, 91, n)), 0.03)
            quantity = fmt_int(rng.poisson(2.0, n) + 1)
            segment = with_missing(rng, [SEGMENTS[i] for i in
                                         rng.integers(0, len(SEGMENTS), n).tolist()], 0.02)
            country = with_missing(rng, [countries[i] for i in
                                         rng.choice(len(countries), n, p=country_p).tolist()],
                                   0.02, "NA")
            city = with_missing(rng, [cities[i] for i in
                                      rng.choice(len(cities), n, p=city_p).tolist()], 0.03)
            customer = ["C%07d" % v for v in rng.integers(0, 600_000, n).tolist()]
            days = day0 + rng.integers(0, 3650, n).astype("timedelta64[D]")
            signup = with_missing(rng, [str(d) for d in days.tolist()], 0.02)
            secs = np.datetime64("2023-01-01T00:00:00") + \
                rng.integers(0, 2 * 365 * 86400, n).astype("timedelta64[s]")
            last_seen = with_missing(rng, [d.isoformat() for d in secs.tolist()], 0.05)
            active = with_missing(rng, ["true" if b else "false" for b in
                                        (rng.random(n) < 0.7).tolist()], 0.01)
            churned = ["yes" if b else "no" for b in (rng.random(n) < 0.15).tolist()]
            rating = with_missing(rng, fmt_fixed(1)(rng.integers(10, 51, n) / 10.0), 0.04)
            lengths = rng.integers(3, 15, n)
            picks = rng.integers(0, len(words), int(lengths.sum()))
            commas = rng.random(n) < 0.2
            comment = []
            pos = 0
            for k, comma in zip(lengths.tolist(), commas.tolist()):
                ws = words[picks[pos:pos + k]].tolist()
                pos += k
                if comma:
                    ws[k // 2] += ","
                comment.append(" ".join(ws).capitalize() + ".")
            comment = with_missing(rng, comment, 0.05)
            out.writerows(zip(ids, amount, score, age, quantity, segment, country, city,
                              customer, signup, last_seen, active, churned, rating, comment))


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(here, "out"), help="output directory")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows per file")
    parser.add_argument("--seed", type=int, default=20260101, help="random seed")
    parser.add_argument("--force", action="store_true", help="rewrite existing files")
    parser.add_argument("--hash", action="store_true", help="print each file's SHA-256")
    args = parser.parse_args()

    os.makedirs(args.out, exist_ok=True)
    suffix = "1m" if args.rows == 1_000_000 else str(args.rows)
    for kind, write in (("numeric", write_numeric), ("mixed", write_mixed)):
        path = os.path.join(args.out, "%s-%s.csv" % (kind, suffix))
        if args.force or not os.path.exists(path):
            print("generate.py: writing %s" % path, file=sys.stderr)
            tmp = path + ".tmp"
            write(tmp, args.rows, args.seed)
            os.replace(tmp, path)
        if args.hash:
            print("%s  %s" % (sha256(path), path))


if __name__ == "__main__":
    main()
