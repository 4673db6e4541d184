/* trees-test-util.h: reference data shared by the tree learner tests
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "orchard.h"

G_BEGIN_DECLS

JsonObject    *trees_test_reference   (void);
JsonObject    *trees_test_dataset     (const char    *name);
JsonArray     *trees_test_cases       (const char    *section);
OrchardMatrix *trees_test_matrix      (JsonObject    *dataset,
                                       const char    *rows);
double        *trees_test_vector      (JsonObject    *object,
                                       const char    *member,
                                       const char    *rows,
                                       gsize         *n);
OrchardModel  *trees_test_new_model   (const char    *name,
                                       JsonObject    *dataset);
gboolean       trees_test_is_regression (JsonObject  *dataset);
double         trees_test_score       (OrchardMatrix *predictions,
                                       const double  *y);
OrchardMetrics *trees_test_metrics    (OrchardModel  *model,
                                       OrchardMatrix *predictions,
                                       const double  *y);
OrchardMatrix *trees_test_fit_predict (OrchardModel  *model,
                                       JsonObject    *dataset,
                                       const char    *train_rows,
                                       const char    *test_rows);

G_END_DECLS
