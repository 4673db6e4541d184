/* prep-test-util.h: building small tables in the tests of splits and steps
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "orchard.h"

static inline OrchardColumn *
numbers (const char   *name,
         const double *values,
         gsize         n)
{
  return orchard_column_new_numeric (name, g_memdup2 (values, MAX (n, 1) * sizeof (double)), n);
}

static inline OrchardColumn *
dates (const char   *name,
       const double *seconds,
       gsize         n)
{
  return orchard_column_new_datetime (name, g_memdup2 (seconds, MAX (n, 1) * sizeof (double)), n);
}

/* NULL entries are missing; levels are numbered by first appearance. */
static inline OrchardColumn *
strings (const char         *name,
         const char * const *values,
         gsize               n)
{
  g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);
  guint32 *out = g_new (guint32, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      gpointer code;

      if (values[i] == NULL)
        {
          out[i] = ORCHARD_CODE_MISSING;
          continue;
        }
      if (!g_hash_table_lookup_extended (codes, values[i], NULL, &code))
        {
          code = GUINT_TO_POINTER (levels->len);
          g_hash_table_insert (codes, (gpointer) values[i], code);
          g_ptr_array_add (levels, g_strdup (values[i]));
        }
      out[i] = GPOINTER_TO_UINT (code);
    }

  return orchard_column_new_categorical (name, out, n, levels, FALSE);
}

static inline GPtrArray *
column_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
}

/* The level of @row, or NULL where it is missing. */
static inline const char *
label_at (OrchardColumn *column,
          gsize          row)
{
  return orchard_column_get_level (column, orchard_column_get_codes (column)[row]);
}

/* Takes the columns (transfer full), NULL-terminated. */
static inline OrchardTable *
table_of (OrchardColumn *first,
          ...)
{
  g_autoptr(GPtrArray) columns = column_list ();
  g_autoptr(GError) error = NULL;
  OrchardTable *table;
  va_list args;

  va_start (args, first);
  for (OrchardColumn *c = first; c != NULL; c = va_arg (args, OrchardColumn *))
    g_ptr_array_add (columns, c);
  va_end (args);

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);
  return table;
}

/* Takes @table (transfer full). */
static inline OrchardTable *
with_role (OrchardTable      *table,
           const char        *column,
           OrchardColumnRole  role)
{
  int index = orchard_table_find_column (table, column);
  OrchardTable *out;

  g_assert_cmpint (index, >=, 0);
  out = orchard_table_with_role (table, index, role);
  g_object_unref (table);
  return out;
}

static inline OrchardTable *
load_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

static inline OrchardColumn *
column_named (OrchardTable *table,
              const char   *name)
{
  int index = orchard_table_find_column (table, name);

  if (index < 0)
    g_error ("no column “%s”", name);
  return orchard_table_get_column (table, index);
}

static inline const double *
values_of (OrchardTable *table,
           const char   *name)
{
  const double *values = orchard_column_get_values (column_named (table, name));

  g_assert_nonnull (values);
  return values;
}

/* Equal within a relative (or, near 0, absolute) @tolerance; NaN equals NaN. */
#define assert_close(a, b, tolerance) \
  G_STMT_START { \
    double _a = (a), _b = (b); \
    if (!((isnan (_a) && isnan (_b)) || \
          fabs (_a - _b) <= (tolerance) * MAX (1.0, MAX (fabs (_a), fabs (_b))))) \
      g_error ("%s:%d: %s = %.17g, expected %s = %.17g", __FILE__, __LINE__, #a, _a, #b, _b); \
  } G_STMT_END

/* The rows 0 … n − 1 with i % 5 != 0: the training rows of prep-reference.json. */
static inline gsize *
reference_train_rows (gsize  n_rows,
                      gsize *n_train)
{
  gsize *rows = g_new (gsize, MAX (n_rows, 1));

  *n_train = 0;
  for (gsize r = 0; r < n_rows; r++)
    if (r % 5 != 0)
      rows[(*n_train)++] = r;

  return rows;
}

static inline gsize *
reference_test_rows (gsize  n_rows,
                     gsize *n_test)
{
  gsize *rows = g_new (gsize, MAX (n_rows, 1));

  *n_test = 0;
  for (gsize r = 0; r < n_rows; r += 5)
    rows[(*n_test)++] = r;

  return rows;
}
