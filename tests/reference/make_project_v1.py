#!/usr/bin/python3
# make_project_v1.py: writes tests/data/project-v1.orchard, a project file of
# schema version 1 (the first released schema), for the migration test.
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The schema below is migration 0 → 1 of src/engine/track/orchard-project-schema.c,
# copied verbatim: that is what Orchard with schema version 1 wrote. The
# contents are made up but shaped as Orchard writes them: two runs on one data
# set stored by reference (iris.csv), parameters as serialised GVariants,
# metrics per split and per fold, a tag, a note and a learning curve.
#
# Run: /usr/bin/python3 tests/reference/make_project_v1.py

import os
import sqlite3
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', 'data', 'project-v1.orchard')

SCHEMA_V1 = open(os.path.join(HERE, '..', '..', 'src', 'engine', 'track',
                              'orchard-project-schema.c')).read()
# The C string literal of the first migration, joined.
start = SCHEMA_V1.index('/* 0 → 1: the first schema */')
end = SCHEMA_V1.index('/* 1 → 2:')
literal = SCHEMA_V1[start:end]
ddl = ''.join(part.split('"', 1)[1].rsplit('"', 1)[0]
              for part in literal.splitlines() if part.strip().startswith('"'))


def variant_double(x):
    # GVariant 'v' holding a 'd': 8 bytes little-endian, NUL, type string
    return struct.pack('<d', x) + b'\0d'


def variant_string(s):
    return s.encode() + b'\0' + b'\0s'


def variant_int(i):
    return struct.pack('<i', i) + b'\0i'


if os.path.exists(OUT):
    os.remove(OUT)
db = sqlite3.connect(OUT)
db.executescript(ddl)
db.execute("INSERT INTO meta VALUES ('uuid', '6f1c2e2a-7d3b-4c55-9a61-0b6f4f0e2b11')")
db.execute("INSERT INTO meta VALUES ('name', 'iris experiments')")
db.execute("INSERT INTO meta VALUES ('created', '1790000000000')")
db.execute("INSERT INTO meta VALUES ('created_by', 'Orchard 0.1.0')")
db.execute("INSERT INTO datasets (id, name, source, hash, n_rows, n_columns, schema, size, added, data) "
           "VALUES (1, 'iris.csv', '/nonexistent/iris.csv', ?, 150, 5, ?, 6000, 1790000000000, NULL)",
           ('5' * 64, '[{"name":"sepal length (cm)","kind":"numeric","role":"feature"}]'))
runs = [
    (1, 'a' * 32, 'logistic', 'finished', None, 1790000001000, 1790000002500, 1.5, 0),
    (2, 'b' * 32, 'knn', 'failed', 'The data has no column “x”', 1790000003000, 1790000003100, 0.1, 7),
]
for r in runs:
    db.execute("INSERT INTO runs (id, uuid, dataset_id, data_hash, model, target, status, "
               "status_message, started, ended, duration, seed, split, fractions, pipeline, "
               "pipeline_spec, app_version, host, pid, boot_id, process_start) VALUES "
               "(?, ?, 1, ?, ?, 'target', ?, ?, ?, ?, ?, ?, 'stratified', '0.7,0.15,0.15', "
               "'auto:linear', NULL, '0.1.0', 'builder', 4242, 'boot', 1)",
               (r[0], r[1], '5' * 64, r[2], r[3], r[4], r[5], r[6], r[7], r[8]))
db.execute("INSERT INTO params VALUES (1, 'C', '0.5', 0.5, ?)", (variant_double(0.5),))
db.execute("INSERT INTO params VALUES (1, 'penalty', 'l2', NULL, ?)", (variant_string('l2'),))
db.execute("INSERT INTO params VALUES (2, 'k', '7', 7, ?)", (variant_int(7),))
for split, acc in (('train', 0.975), ('valid', 0.9565217391304348), ('test', 1.0)):
    db.execute("INSERT INTO metrics VALUES (1, ?, -1, 'accuracy', ?)", (split, acc))
for fold, acc in enumerate((0.9, 0.95, 1.0)):
    db.execute("INSERT INTO metrics VALUES (1, 'cv', ?, 'accuracy', ?)", (fold, acc))
db.execute("INSERT INTO tags VALUES (1, 'purpose', 'baseline')")
db.execute("UPDATE runs SET note = 'first try' WHERE id = 1")
db.execute("INSERT INTO curves VALUES (1, 'train', 'history.train_loss', ?)",
           (struct.pack('<6d', 0, 0.9, 1, 0.5, 2, 0.3),))
db.execute("PRAGMA application_id = 1330791240")
db.execute("PRAGMA user_version = 1")
db.commit()
db.close()
print('wrote', OUT, 'with', sys.version.split()[0], 'sqlite', sqlite3.sqlite_version)
