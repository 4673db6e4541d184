#!/usr/bin/python3
# prep_reference.py: the numbers Orchard's preprocessing steps and folds must
# reproduce, computed once with scikit-learn, pandas and NumPy on the sample
# data sets.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run from the top of the source tree:
#
#   /usr/bin/python3 tests/reference/prep_reference.py > tests/data/prep-reference.json
#
# The output is committed; tests/engine/test-prep-reference.c fits Orchard's
# steps on the same rows and compares. Every step is fitted on the TRAINING
# rows only, row i with i % 5 != 0 (0-based, in file order), and applied to the
# TEST rows, i % 5 == 0; the "unseen" cases fit on the training rows whose
# island is not Torgersen, so that Torgersen is unseen when the test rows are
# encoded. What each case is:
#
#   impute_numeric     SimpleImputer(strategy=mean|median|most_frequent|constant 0)
#                      .statistics_, and the test rows with add_indicator=True
#   impute_categorical SimpleImputer(most_frequent) and (constant, "missing")
#   scale              StandardScaler, MinMaxScaler, RobustScaler: center/scale
#                      and the test rows (NaN passes through)
#   one_hot            SimpleImputer(most_frequent) then OneHotEncoder with
#                      handle_unknown="ignore", and with max_categories=2,
#                      handle_unknown="infrequent_if_exist"
#   ordinal            OrdinalEncoder(handle_unknown="use_encoded_value",
#                      unknown_value=-1), missing stays NaN
#   outliers           IQR fences (k=1.5), mean ± 3 sd (ddof=0), the 1st/99th
#                      percentiles (numpy.percentile, linear), with the number
#                      of training values outside
#   datetime           pandas .dt.year, .month, .dayofweek, .dayofyear and days
#                      since the earliest training date (seattle-weather)
#   variance           VarianceThreshold(0.1).get_support() (wine)
#   correlation        the columns kept by dropping, in column order, each whose
#                      |DataFrame.corr()| with an earlier kept one exceeds 0.7 (wine)
#   mutual_info        mutual_info_score (nats) of each feature cut at its 10
#                      training deciles (numpy.percentile + searchsorted right)
#                      with the class (wine)
#   target_encoding    (sum + m·prior) / (n + m), m = 10, per level from the
#                      training rows, for the test rows (penguins island → species)
#   class_weights      compute_class_weight("balanced") (penguins species)
#   stratified_kfold   StratifiedKFold(5) class counts per validation fold
#   time_series        TimeSeriesSplit(5) validation indices (seattle-weather)
# Files are read with float_precision="round_trip", like Orchard's reader.

import datetime
import json
import os
import platform
import sys

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_selection import VarianceThreshold
from sklearn.impute import SimpleImputer
from sklearn.metrics import mutual_info_score
from sklearn.model_selection import StratifiedKFold, TimeSeriesSplit
from sklearn.preprocessing import (MinMaxScaler, OneHotEncoder, OrdinalEncoder, RobustScaler,
                                   StandardScaler)
from sklearn.utils.class_weight import compute_class_weight

SAMPLES = os.path.join(os.path.dirname(__file__), '..', '..', 'data', 'samples')


def read(name):
    return pd.read_csv(os.path.join(SAMPLES, name), float_precision='round_trip')


def nan_to_none(values):
    return [None if isinstance(v, float) and np.isnan(v) else v for v in values]


def matrix(m):
    return [nan_to_none([float(v) for v in row]) for row in np.asarray(m, dtype=float)]


def split(df):
    index = np.arange(len(df))
    return df[index % 5 != 0], df[index % 5 == 0]


penguins = read('penguins.csv')
numeric = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year']
train, test = split(penguins)
out = {
    'provenance': {
        'generator': 'tests/reference/prep_reference.py',
        'command': '/usr/bin/python3 tests/reference/prep_reference.py > '
                   'tests/data/prep-reference.json',
        'date': datetime.date.today().isoformat(),
        'python': platform.python_version(),
        'sklearn': sklearn.__version__,
        'pandas': pd.__version__,
        'numpy': np.__version__,
        'train_rows': 'i % 5 != 0',
        'test_rows': 'i % 5 == 0',
    },
    'numeric_columns': numeric,
}

# Imputation -----------------------------------------------------------------
impute = {}
for strategy in ['mean', 'median', 'most_frequent', 'constant']:
    imputer = SimpleImputer(strategy=strategy, fill_value=0 if strategy == 'constant' else None)
    imputer.fit(train[numeric])
    impute[strategy] = [float(v) for v in imputer.statistics_]
imputer = SimpleImputer(strategy='mean', add_indicator=True).fit(train[numeric])
impute['indicator_features'] = [str(f) for f in imputer.get_feature_names_out()]
impute['mean_with_indicator_test'] = matrix(imputer.transform(test[numeric]))
out['impute_numeric'] = impute

categorical = ['island', 'sex']
most = SimpleImputer(strategy='most_frequent').fit(train[categorical])
const = SimpleImputer(strategy='constant', fill_value='missing').fit(train[categorical])
out['impute_categorical'] = {
    'columns': categorical,
    'most_frequent': [str(v) for v in most.statistics_],
    'constant': [str(v) for v in const.statistics_],
    'missing_in_train': [int(train[c].isna().sum()) for c in categorical],
}

# Scaling --------------------------------------------------------------------
scale = {}
for name, scaler, center, factor in [
        ('standard', StandardScaler(), 'mean_', 'scale_'),
        ('min-max', MinMaxScaler(), 'data_min_', 'data_range_'),
        ('robust', RobustScaler(), 'center_', 'scale_')]:
    scaler.fit(train[numeric])
    scale[name] = {
        'center': [float(v) for v in getattr(scaler, center)],
        'scale': [float(v) for v in getattr(scaler, factor)],
        'test': matrix(scaler.transform(test[numeric])),
    }
out['scale'] = scale

# Encoding -------------------------------------------------------------------
seen = train[train['island'] != 'Torgersen']
filled_seen = SimpleImputer(strategy='most_frequent').fit(seen[categorical])
seen_filled = pd.DataFrame(filled_seen.transform(seen[categorical]), columns=categorical)
test_filled = pd.DataFrame(filled_seen.transform(test[categorical]), columns=categorical)

one_hot = {}
encoder = OneHotEncoder(handle_unknown='ignore', sparse_output=False).fit(seen_filled)
one_hot['ignore'] = {
    'features': [str(f).replace('_', '=', 1) for f in encoder.get_feature_names_out()],
    'test': matrix(encoder.transform(test_filled)),
}
counts = seen_filled['island'].value_counts()
assert len(set(counts.values)) == len(counts), 'ties would make the infrequent choice arbitrary'
encoder = OneHotEncoder(handle_unknown='infrequent_if_exist', max_categories=2,
                        sparse_output=False).fit(seen_filled[['island']])
one_hot['infrequent'] = {
    'features': [str(f).replace('infrequent_sklearn', '(other)').replace('_', '=', 1)
                 for f in encoder.get_feature_names_out()],
    'test': matrix(encoder.transform(test_filled[['island']])),
}
out['one_hot'] = one_hot

encoder = OrdinalEncoder(handle_unknown='use_encoded_value', unknown_value=-1)
encoder.fit(seen[categorical])
out['ordinal'] = {
    'categories': [[str(v) for v in c if not (isinstance(v, float) and np.isnan(v))]
                   for c in encoder.categories_],
    'test': matrix(encoder.transform(test[categorical])),
}

# Outliers -------------------------------------------------------------------
outliers = {}
for rule in ['iqr', 'z-score', 'percentile']:
    lower, upper, outside = [], [], []
    for c in numeric:
        x = train[c].dropna().to_numpy()
        if rule == 'iqr':
            q1, q3 = np.percentile(x, [25, 75])
            lo, hi = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
        elif rule == 'z-score':
            lo, hi = x.mean() - 3 * x.std(ddof=0), x.mean() + 3 * x.std(ddof=0)
        else:
            lo, hi = np.percentile(x, [1, 99])
        lower.append(float(lo))
        upper.append(float(hi))
        outside.append(int(((x < lo) | (x > hi)).sum()))
    outliers[rule] = {'lower': lower, 'upper': upper, 'outside': outside}
out['outliers'] = outliers

# Dates ----------------------------------------------------------------------
weather = read('seattle-weather.csv')
weather['date'] = pd.to_datetime(weather['date'], format='%Y/%m/%d')
w_train, w_test = split(weather)
origin = w_train['date'].min()
out['datetime'] = {
    'test_dates': [d.strftime('%Y-%m-%d') for d in w_test['date']],
    'year': [int(v) for v in w_test['date'].dt.year],
    'month': [int(v) for v in w_test['date'].dt.month],
    'day-of-week': [int(v) for v in w_test['date'].dt.dayofweek],
    'day-of-year': [int(v) for v in w_test['date'].dt.dayofyear],
    'elapsed-days': [float(v) for v in (w_test['date'] - origin).dt.total_seconds() / 86400],
}

# Feature selection (wine) ---------------------------------------------------
wine = read('wine.csv')
wine_features = [c for c in wine.columns if c != 'target']
wn_train, _ = split(wine)
selector = VarianceThreshold(0.1).fit(wn_train[wine_features])
out['variance'] = {
    'threshold': 0.1,
    'variances': [float(v) for v in selector.variances_],
    'kept': [c for c, k in zip(wine_features, selector.get_support()) if k],
}

corr = wn_train[wine_features].corr()
kept = []
for c in wine_features:
    if all(abs(corr.loc[c, k]) <= 0.7 for k in kept):
        kept.append(c)
out['correlation'] = {'threshold': 0.7, 'kept': kept}

mi = []
for c in wine_features:
    x = wn_train[c].to_numpy()
    edges = np.percentile(x, [100 * j / 10 for j in range(1, 10)])
    mi.append(float(mutual_info_score(wn_train['target'], np.searchsorted(edges, x, side='right'))))
order = sorted(range(len(wine_features)), key=lambda i: (-mi[i], i))
out['mutual_info'] = {
    'bins': 10,
    'k': 5,
    'scores': mi,
    'kept': [wine_features[i] for i in sorted(order[:5])],
}

# Target encoding ------------------------------------------------------------
m = 10.0
classes = sorted(train['species'].unique())
prior = {k: float((train['species'] == k).mean()) for k in classes}
encoding = {}
for level, group in train.groupby('island'):
    encoding[level] = {k: float(((group['species'] == k).sum() + m * prior[k]) / (len(group) + m))
                       for k in classes}
out['target_encoding'] = {
    'smoothing': m,
    'classes': classes,
    'test': [[encoding[level][k] for k in classes] for level in test['island']],
}

# Class weights --------------------------------------------------------------
weights = compute_class_weight('balanced', classes=np.array(classes), y=train['species'])
out['class_weights'] = {k: float(w) for k, w in zip(classes, weights)}

# Folds ----------------------------------------------------------------------
folds = {}
for name, target in [('iris.csv', 'target'), ('wine.csv', 'target'), ('penguins.csv', 'species')]:
    df = read(name)
    y = df[target].to_numpy()
    per_fold = []
    for _, valid in StratifiedKFold(n_splits=5).split(np.zeros(len(y)), y):
        labels, n = np.unique(y[valid], return_counts=True)
        per_fold.append({str(k): int(v) for k, v in zip(labels, n)})
    folds[name] = {'target': target, 'valid_class_counts': per_fold}
out['stratified_kfold'] = folds

out['time_series'] = {
    'valid': [[int(valid[0]), int(valid[-1]) + 1]
              for _, valid in TimeSeriesSplit(n_splits=5).split(np.zeros(len(weather)))],
}

json.dump(out, sys.stdout, indent=1)
sys.stdout.write('\n')
