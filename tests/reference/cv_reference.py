#!/usr/bin/python3
# cv_reference.py: per-fold scores that OrchardCrossValidation must reproduce,
# computed once with Debian's scikit-learn.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/cv_reference.py > tests/data/cv-reference.json
#
# Time-series folds need no random numbers, so scikit-learn's TimeSeriesSplit
# makes exactly Orchard's folds (time:COLUMN, an expanding window). Each sample
# file gets a column "t" = 37 · r mod n for row r (a fixed shuffle, since some
# files are sorted by class; 37 is prime to every n here) to order rows by; in
# every fold a Pipeline(StandardScaler, learner) is fitted on the fold's
# training rows only and scores its validation rows, which is what
# tests/engine/test-cross-validation.c runs with a {"step": "scale"} spec and
# the same learner. Learners are the closed-form ones (LinearRegression,
# GaussianNB), whose fits agree to rounding.

import datetime
import json
import platform
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.linear_model import LinearRegression
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    explained_variance_score,
    f1_score,
    log_loss,
    matthews_corrcoef,
    max_error,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    median_absolute_error,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
)
from sklearn.model_selection import TimeSeriesSplit
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

FOLDS = 5


def binary(y, p):
    pred = (p >= 0.5).astype(int)
    return {
        'accuracy': accuracy_score(y, pred),
        'balanced_accuracy': balanced_accuracy_score(y, pred),
        'precision': precision_score(y, pred, zero_division=0),
        'recall': recall_score(y, pred, zero_division=0),
        'specificity': recall_score(y, pred, pos_label=0, zero_division=0),
        'f1': f1_score(y, pred, zero_division=0),
        'mcc': matthews_corrcoef(y, pred),
        'roc_auc': roc_auc_score(y, p),
        'average_precision': average_precision_score(y, p),
        'log_loss': log_loss(y, p, labels=[0, 1]),
        'brier': brier_score_loss(y, p),
    }


def multiclass(y, P, k):
    pred = P.argmax(axis=1)
    labels = list(range(k))
    return {
        'accuracy': accuracy_score(y, pred),
        'precision_macro': precision_score(y, pred, average='macro', zero_division=0),
        'recall_macro': recall_score(y, pred, average='macro', zero_division=0),
        'f1_macro': f1_score(y, pred, average='macro', zero_division=0),
        'f1_weighted': f1_score(y, pred, average='weighted', zero_division=0),
        'log_loss': log_loss(y, P, labels=labels),
        'balanced_accuracy': balanced_accuracy_score(y, pred),
        'mcc': matthews_corrcoef(y, pred),
    }


def regression(y, pred):
    return {
        'rmse': float(np.sqrt(mean_squared_error(y, pred))),
        'mae': mean_absolute_error(y, pred),
        'r2': r2_score(y, pred),
        'mape': mean_absolute_percentage_error(y, pred),
        'median_ae': median_absolute_error(y, pred),
        'explained_variance': explained_variance_score(y, pred),
        'mse': mean_squared_error(y, pred),
        'max_error': max_error(y, pred),
    }


def case(name, data, learner, model):
    frame = pd.read_csv('data/samples/' + data, float_precision='round_trip')
    n = len(frame)
    frame['t'] = [(37 * r) % n for r in range(n)]
    frame = frame.sort_values('t', kind='stable').drop(columns=['t'])
    X = frame.drop(columns=['target']).to_numpy(float)
    folds = []
    if name == 'regression':
        y = frame['target'].to_numpy(float)
    else:
        labels = sorted(frame['target'].astype(str).unique())
        y = np.array([labels.index(v) for v in frame['target'].astype(str)])
    for train, valid in TimeSeriesSplit(n_splits=FOLDS).split(X):
        fitted = make_pipeline(StandardScaler(), model()).fit(X[train], y[train])
        if name == 'regression':
            metrics = regression(y[valid], fitted.predict(X[valid]))
        elif name == 'binary':
            metrics = binary(y[valid], fitted.predict_proba(X[valid])[:, 1])
        else:
            P = np.zeros((len(valid), len(labels)))
            P[:, fitted.classes_] = fitted.predict_proba(X[valid])
            metrics = multiclass(y[valid], P, len(labels))
        folds.append({'train_rows': len(train), 'rows': len(valid), 'metrics': metrics})
    return {'name': name, 'data': data, 'learner': learner, 'folds': folds}


def main():
    out = {
        'provenance': {
            'script': 'tests/reference/cv_reference.py',
            'command': '/usr/bin/python3 tests/reference/cv_reference.py > tests/data/cv-reference.json',
            'date': datetime.date.today().isoformat(),
            'python': platform.python_version(),
            'numpy': np.__version__,
            'pandas': pd.__version__,
            'sklearn': sklearn.__version__,
            'folds': 'TimeSeriesSplit(n_splits=%d) over the row order' % FOLDS,
            'pipeline': 'StandardScaler fitted per fold',
        },
        'cases': [
            case('regression', 'diabetes.csv', 'linear', LinearRegression),
            case('binary', 'breast-cancer.csv', 'naive-bayes', GaussianNB),
            case('multiclass', 'wine.csv', 'naive-bayes', GaussianNB),
        ],
    }
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
