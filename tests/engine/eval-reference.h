/* eval-reference.h: reading the scikit-learn reference values of the eval tests
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Agreement asked of every number: 1e-9, absolute up to 1 and relative above. */
#define EVAL_TOLERANCE 1e-9

JsonObject *eval_reference_load      (const char   *file);
double      eval_reference_number    (JsonObject   *object,
                                      const char   *member);
double     *eval_reference_doubles   (JsonArray    *array,
                                      gsize        *n);
guint32    *eval_reference_labels    (JsonArray    *array,
                                      gsize        *n);
double     *eval_reference_matrix    (JsonArray    *rows,
                                      gsize        *n_rows,
                                      guint        *n_columns);
void        eval_assert_close        (double        actual,
                                      double        expected,
                                      double        tolerance,
                                      const char   *what);
void        eval_assert_arrays_close (const double *actual,
                                      gsize         n_actual,
                                      JsonArray    *expected,
                                      double        tolerance,
                                      const char   *what);

G_END_DECLS
