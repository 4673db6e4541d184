#!/usr/bin/python3
# make_project_v2.py: writes tests/data/project-v2.orchard, a project file of
# schema version 2, for the migration test of version 3 (monitoring).
#
# Copyright 2026 The Orchard authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# It is tests/data/project-v1.orchard upgraded with migration 1 → 2 of
# src/engine/track/orchard-project-schema.c, copied verbatim from the C
# source: what Orchard with schema version 2 wrote. Version 2 had the
# monitoring tables without an API; one batch with a drift result is added,
# shaped as the version-2 columns allow, so that the test sees it kept.
#
# Run: /usr/bin/python3 tests/reference/make_project_v2.py

import os
import shutil
import sqlite3

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, '..', 'data')
OUT = os.path.join(DATA, 'project-v2.orchard')

source = open(os.path.join(HERE, '..', '..', 'src', 'engine', 'track',
                           'orchard-project-schema.c')).read()
start = source.index('/* 1 → 2:')
end = source.index('/* 2 → 3:')
literal = source[start:end]
ddl = ''.join(part.split('"', 1)[1].rsplit('"', 1)[0]
              for part in literal.splitlines() if part.strip().startswith('"'))

if os.path.exists(OUT):
    os.remove(OUT)
shutil.copyfile(os.path.join(DATA, 'project-v1.orchard'), OUT)
db = sqlite3.connect(OUT)
assert db.execute('PRAGMA user_version').fetchone()[0] == 1
db.executescript(ddl)
db.execute("INSERT INTO batches (id, run_id, dataset_id, received, n_rows, note) "
           "VALUES (1, 1, 1, 1790000005000, 40, 'scored in version 2')")
db.execute("INSERT INTO drift_results VALUES (1, 'petal length (cm)', 'ks', 0.25, 0.01, 0.05, 1)")
db.execute('PRAGMA user_version = 2')
db.commit()
db.execute('VACUUM')
db.close()
print('wrote', OUT)
