/* models-test-util.h: reference data and checks shared by the learner tests
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "orchard.h"

G_BEGIN_DECLS

JsonObject    *models_test_reference      (void);
JsonObject    *models_test_dataset        (const char    *name);
JsonObject    *models_test_case           (const char    *section,
                                           const char    *name);
OrchardMatrix *models_test_matrix         (JsonObject    *dataset,
                                           const char    *member,
                                           const char    *rows);
double        *models_test_vector         (JsonObject    *object,
                                           const char    *member,
                                           const char    *rows,
                                           gsize         *n);
OrchardMatrix *models_test_json_matrix    (JsonArray     *rows);
char         **models_test_labels         (JsonObject    *dataset);

void           models_test_assert_close   (const double  *actual,
                                           const double  *expected,
                                           gsize          n,
                                           double         rel,
                                           double         abs,
                                           const char    *what);
double         models_test_max_rel_diff   (const double  *actual,
                                           const double  *expected,
                                           gsize          n);

void           models_test_round_trip     (OrchardModel  *model,
                                           OrchardMatrix *X);
void           models_test_corruptions    (OrchardModel  *model);
void           models_test_cancel         (OrchardModel  *model,
                                           OrchardMatrix *X,
                                           const double  *y,
                                           OrchardMatrix *X_valid,
                                           const double  *y_valid);
OrchardMatrix *models_test_big_matrix     (gsize          n_rows,
                                           guint          n_cols,
                                           guint64        seed,
                                           double       **y,
                                           guint          n_classes);

G_END_DECLS
