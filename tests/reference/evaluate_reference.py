#!/usr/bin/python3
# evaluate_reference.py: what `orchard-cli evaluate` must report, computed
# once with Debian's scikit-learn on the predictions of `orchard-cli predict`.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree with a built orchard-cli:
#
#   /usr/bin/python3 tests/reference/evaluate_reference.py _build/src/cli/orchard-cli \
#       > tests/data/evaluate-reference.json
#
# For each case the script trains a bundle with `orchard-cli train` (the
# arguments are in the output), predicts the whole sample file with
# `orchard-cli predict`, and scores those predictions against the file's
# target with scikit-learn. tests/cli/test-cli-evaluate.c trains the same
# bundles, checks that `predict` still gives these probabilities (the learners
# are deterministic for a seed) and that `evaluate --json` reports these
# metrics, to 1e-9. The engine's own metric tests (eval_reference.py) cover
# the adversarial cases; this one covers the command end to end: reading the
# target, coding the classes in the bundle's order, the positive class, the
# threshold.

import datetime
import io
import json
import os
import platform
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
import sklearn
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    balanced_accuracy_score,
    brier_score_loss,
    confusion_matrix,
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

SAMPLES = os.path.join('data', 'samples')

CASES = [
    {'name': 'binary', 'data': 'breast-cancer.csv', 'target': 'target',
     'train': ['--model', 'naive-bayes', '--fractions', '0.7,0.3', '--seed', '3'],
     'thresholds': [None, 0.3]},
    {'name': 'multiclass', 'data': 'iris.csv', 'target': 'target',
     'train': ['--model', 'logistic', '--fractions', '0.7,0.3', '--seed', '3']},
    {'name': 'regression', 'data': 'diabetes.csv', 'target': 'target',
     'train': ['--model', 'linear', '--fractions', '0.7,0.3', '--seed', '3']},
]


def binary(y, p, t, labels):
    pred = (p >= t).astype(int)
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
        'confusion_matrix': confusion_matrix(y, pred, labels=[0, 1]).tolist(),
        'labels': labels,
    }


def multiclass(y, P, labels):
    pred = P.argmax(axis=1)
    k = list(range(len(labels)))
    return {
        'accuracy': accuracy_score(y, pred),
        'precision_macro': precision_score(y, pred, average='macro', zero_division=0),
        'recall_macro': recall_score(y, pred, average='macro', zero_division=0),
        'f1_macro': f1_score(y, pred, average='macro', zero_division=0),
        'f1_weighted': f1_score(y, pred, average='weighted', zero_division=0),
        'roc_auc_ovr': roc_auc_score(y, P, multi_class='ovr', average='macro', labels=k),
        'log_loss': log_loss(y, P, labels=k),
        'precision_weighted': precision_score(y, pred, average='weighted', zero_division=0),
        'recall_weighted': recall_score(y, pred, average='weighted', zero_division=0),
        'precision_micro': precision_score(y, pred, average='micro', zero_division=0),
        'recall_micro': recall_score(y, pred, average='micro', zero_division=0),
        'f1_micro': f1_score(y, pred, average='micro', zero_division=0),
        'balanced_accuracy': balanced_accuracy_score(y, pred),
        'mcc': matthews_corrcoef(y, pred),
        'confusion_matrix': confusion_matrix(y, pred, labels=k).tolist(),
        'labels': labels,
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


def main():
    cli = sys.argv[1]
    out = {
        'provenance': {
            'script': 'tests/reference/evaluate_reference.py',
            'command': '/usr/bin/python3 tests/reference/evaluate_reference.py ORCHARD_CLI',
            'date': datetime.date.today().isoformat(),
            'python': platform.python_version(),
            'numpy': np.__version__,
            'pandas': pd.__version__,
            'sklearn': sklearn.__version__,
        },
        'cases': [],
    }

    with tempfile.TemporaryDirectory() as tmp:
        for case in CASES:
            data = os.path.join(SAMPLES, case['data'])
            bundle = os.path.join(tmp, case['name'] + '.orchard-model')
            subprocess.run([cli, 'train', data, '--target', case['target']] + case['train']
                           + ['-o', bundle], check=True, capture_output=True)
            predicted = subprocess.run([cli, 'predict', bundle, data], check=True,
                                       capture_output=True, text=True).stdout
            pred = pd.read_csv(io.StringIO(predicted), keep_default_na=False,
                               float_precision='round_trip')
            frame = pd.read_csv(data, float_precision='round_trip')
            truth = frame[case['target']]
            entry = {'name': case['name'], 'data': case['data'], 'target': case['target'],
                     'train': case['train'], 'evaluations': []}

            if case['name'] == 'regression':
                p = pred['prediction'].to_numpy(float)
                entry['predictions'] = p.tolist()
                entry['evaluations'].append({'threshold': None,
                                             'metrics': regression(truth.to_numpy(float), p)})
            else:
                labels = sorted(truth.astype(str).unique())
                y = np.array([labels.index(v) for v in truth.astype(str)])
                P = pred[['proba_' + l for l in labels]].to_numpy(float)
                entry['predictions'] = P.tolist()
                if len(labels) == 2:
                    for t in case['thresholds']:
                        metrics = binary(y, P[:, 1], 0.5 if t is None else t, labels)
                        entry['evaluations'].append({'threshold': t, 'metrics': metrics})
                else:
                    entry['evaluations'].append({'threshold': None,
                                                 'metrics': multiclass(y, P, labels)})
            out['cases'].append(entry)

    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write('\n')


if __name__ == '__main__':
    main()
