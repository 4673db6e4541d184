#!/usr/bin/python3
# gbdt_data.py: the seeded data of bench-gbdt.py
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Seeded synthetic tabular problems for the tree benchmarks.

A Higgs-like event: a lepton, missing energy and four jets (21 "low-level"
kinematic features: transverse momenta, pseudo-rapidities, angles and
b-tags) and 7 "high-level" features derived from them (invariant masses of
jet pairs and triples, of the lepton with the missing energy, ...), as in
Baldi, Sadowski & Whiteson 2014. The target depends nonlinearly on both:
resonance peaks in the masses, angular correlations, b-tag counts. 1% of
all cells are then blanked out (NaN), uniformly at random (none for the
forest benchmark: scikit-learn 1.2's forests take no missing values).

Three targets are drawn from the same features:
  binary      signal / background: Bernoulli(sigmoid(score))
  multiclass  10 classes: argmax of 10 nonlinear scores plus Gumbel noise
  regression  a nonlinear response plus Gaussian noise

Each problem is written as four .npy files (float64, C order):
<name>-X-train.npy, <name>-y-train.npy, <name>-X-test.npy, <name>-y-test.npy.
numpy's PCG64 with a fixed seed makes the bytes the same on every run.
"""

import os

import numpy as np

N_FEATURES = 28
SEED = 20261127


def _features(rng, n):
    cols = []
    # Lepton: pT, eta, phi.
    lep_pt = rng.gamma(2.0, 20.0, n) + 20.0
    lep_eta = rng.normal(0.0, 1.1, n)
    lep_phi = rng.uniform(-np.pi, np.pi, n)
    # Missing energy: magnitude, phi.
    met = rng.gamma(2.0, 22.0, n)
    met_phi = rng.uniform(-np.pi, np.pi, n)
    cols += [lep_pt, lep_eta, lep_phi, met, met_phi]
    jets = []
    for j in range(4):
        pt = rng.gamma(2.0, 30.0 / (1 + 0.4 * j), n) + 20.0
        eta = rng.normal(0.0, 1.4, n)
        phi = rng.uniform(-np.pi, np.pi, n)
        btag = rng.choice([0.0, 1.0, 2.0], size=n, p=[0.6, 0.25, 0.15])
        jets.append((pt, eta, phi, btag))
        cols += [pt, eta, phi, btag]

    def mass2(a, b):
        pa, ea, fa = a
        pb, eb, fb = b
        return 2 * pa * pb * (np.cosh(ea - eb) - np.cos(fa - fb))

    j = [(pt, eta, phi) for pt, eta, phi, _ in jets]
    lep = (lep_pt, lep_eta, lep_phi)
    nu = (met, np.zeros(n), met_phi)
    m_jj = np.sqrt(mass2(j[0], j[1]))
    m_jjj = np.sqrt(mass2(j[0], j[1]) + mass2(j[0], j[2]) + mass2(j[1], j[2]))
    m_lv = np.sqrt(mass2(lep, nu))
    m_jlv = np.sqrt(mass2(lep, nu) + mass2(lep, j[0]) + mass2(nu, j[0]))
    m_bb = np.sqrt(mass2(j[2], j[3]))
    m_wbb = np.sqrt(mass2(j[0], j[2]) + mass2(j[1], j[3]) + mass2(j[2], j[3]))
    m_wwbb = np.sqrt(m_wbb ** 2 + m_lv ** 2 + mass2(lep, j[3]))
    high = [m_jj, m_jjj, m_lv, m_jlv, m_bb, m_wbb, m_wwbb]
    cols += high
    X = np.column_stack(cols)
    assert X.shape[1] == N_FEATURES
    return X, jets, lep_eta, lep_phi, met, met_phi, high


def _peak(x, centre, width):
    return np.exp(-((x - centre) / width) ** 2)


def _score(X, jets, lep_eta, lep_phi, met, met_phi, high, shift):
    m_jj, m_jjj, m_lv, m_jlv, m_bb, m_wbb, m_wwbb = high
    btags = sum(j[3] for j in jets)
    dphi = np.cos(lep_phi - met_phi)
    return (1.6 * _peak(m_jj, 80.0 + shift, 25.0)
            + 1.2 * _peak(m_jjj, 170.0 + 2 * shift, 45.0)
            + 0.9 * _peak(m_lv, 75.0, 30.0)
            + 0.45 * btags
            + 0.6 * np.tanh((met - 45.0) / 25.0)
            - 0.35 * np.abs(lep_eta)
            + 0.4 * dphi * (jets[0][3] > 0)
            + 0.5 * np.log1p(m_bb / 100.0) * np.sin(jets[0][2] - jets[1][2] + shift / 20.0)
            + 0.3 * ((m_wwbb > 400) & (m_jlv < 250)))


def generate(kind, n_train, n_test, out, seed=SEED, missing=0.01):
    """Writes problem `kind` (binary, multiclass, regression) to directory
    `out`, with a share `missing` of the cells blanked out."""
    rng = np.random.Generator(np.random.PCG64([seed, {"binary": 1, "multiclass": 2,
                                                      "regression": 3}[kind], n_train]))
    n = n_train + n_test
    X, jets, lep_eta, lep_phi, met, met_phi, high = _features(rng, n)
    if kind == "binary":
        s = _score(X, jets, lep_eta, lep_phi, met, met_phi, high, 0.0)
        s = 1.8 * (s - np.median(s))
        y = (rng.uniform(size=n) < 1 / (1 + np.exp(-s))).astype(float)
    elif kind == "multiclass":
        scores = np.column_stack([
            1.5 * _score(X, jets, lep_eta, lep_phi, met, met_phi, high, 12.0 * k)
            + 0.25 * k * np.tanh(X[:, 21 + k % 7] / 100.0)
            for k in range(10)])
        y = np.argmax(scores + rng.gumbel(size=scores.shape), axis=1).astype(float)
    else:
        s = _score(X, jets, lep_eta, lep_phi, met, met_phi, high, 0.0)
        y = 10.0 * s + 0.02 * high[3] + rng.normal(0.0, 2.0, n)
    if missing > 0:
        X[rng.uniform(size=X.shape) < missing] = np.nan
    os.makedirs(out, exist_ok=True)
    paths = {}
    for part, rows in (("train", slice(0, n_train)), ("test", slice(n_train, n))):
        for name, a in (("X", X[rows]), ("y", y[rows])):
            path = os.path.join(out, "%s-%s-%s.npy" % (kind, name, part))
            np.save(path, np.ascontiguousarray(a, dtype=np.float64))
            paths["%s_%s" % (name, part)] = path
    return paths


def paths(kind, out):
    return {"%s_%s" % (name, part): os.path.join(out, "%s-%s-%s.npy" % (kind, name, part))
            for name in ("X", "y") for part in ("train", "test")}
