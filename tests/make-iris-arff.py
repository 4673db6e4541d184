#!/usr/bin/python3
# make-iris-arff.py: writes tests/data/iris.arff from data/samples/iris.csv
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ARFF test compares this file with the CSV it came from, value by
# value and by table hash, so the numbers are copied as the same text and
# the names are kept exactly (quoted, since they hold spaces). The class is
# declared in an order that differs from the order of first appearance, so
# the test also sees that nominal levels follow the declaration.
#
# Run from the top of the repository:  python3 tests/make-iris-arff.py
# With scipy installed, the written file is read back with scipy.io.arff as
# an independent check.

import csv
import os
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(TOP, 'data', 'samples', 'iris.csv')
TARGET = os.path.join(TOP, 'tests', 'data', 'iris.arff')
CLASSES = ['virginica', 'setosa', 'versicolor']


def quote(name):
    return "'" + name.replace('\\', '\\\\').replace("'", "\\'") + "'"


def main():
    with open(SOURCE, newline='') as f:
        rows = list(csv.reader(f))
    header, data = rows[0], rows[1:]
    assert sorted({r[-1] for r in data}) == sorted(CLASSES)

    with open(TARGET, 'w', newline='\n') as out:
        out.write('% Iris flower data (Fisher, 1936), written from data/samples/iris.csv\n')
        out.write('% by tests/make-iris-arff.py; do not edit by hand.\n')
        out.write('@RELATION iris\n\n')
        for name in header[:-1]:
            out.write('@ATTRIBUTE %s NUMERIC\n' % quote(name))
        out.write('@ATTRIBUTE %s {%s}\n\n' % (header[-1], ','.join(CLASSES)))
        out.write('@DATA\n')
        for row in data:
            out.write(','.join(row) + '\n')

    try:
        from scipy.io import arff
    except ImportError:
        print('wrote %s (scipy not found: not cross-checked)' % TARGET)
        return 0

    table, meta = arff.loadarff(TARGET)
    assert list(meta.names()) == header, meta.names()
    assert len(table) == len(data)
    for got, want in zip(table, data):
        for i in range(4):
            assert got[i] == float(want[i]), (got, want)
        assert got[4].decode() == want[4]
    print('wrote %s; scipy.io.arff reads back the same %d rows' % (TARGET, len(data)))
    return 0


if __name__ == '__main__':
    sys.exit(main())
