/* eval-reference.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "eval-reference.h"

/* The parsers live as long as the test program: the objects handed out
 * point into them. */
static GPtrArray *parsers;

/* Parses tests/data/@file once; `null` numbers in it stand for NaN. */
JsonObject *
eval_reference_load (const char *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const char *dir = g_getenv ("ORCHARD_TEST_DATA_DIR");
  JsonParser *parser;

  g_assert_nonnull (dir);
  path = g_build_filename (dir, file, NULL);
  parser = json_parser_new_immutable ();
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  if (parsers == NULL)
    parsers = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (parsers, parser);

  return json_node_get_object (json_parser_get_root (parser));
}

static double
node_number (JsonNode *node)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return NAN;
  return json_node_get_double (node);
}

double
eval_reference_number (JsonObject *object,
                       const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  g_assert_nonnull (node);
  return node_number (node);
}

double *
eval_reference_doubles (JsonArray *array,
                        gsize     *n)
{
  guint len = json_array_get_length (array);
  double *values = g_new (double, MAX (len, 1));

  for (guint i = 0; i < len; i++)
    values[i] = node_number (json_array_get_element (array, i));
  *n = len;

  return values;
}

guint32 *
eval_reference_labels (JsonArray *array,
                       gsize     *n)
{
  guint len = json_array_get_length (array);
  guint32 *values = g_new (guint32, MAX (len, 1));

  for (guint i = 0; i < len; i++)
    values[i] = (guint32) json_array_get_int_element (array, i);
  *n = len;

  return values;
}

double *
eval_reference_matrix (JsonArray *rows,
                       gsize     *n_rows,
                       guint     *n_columns)
{
  guint len = json_array_get_length (rows);
  guint k = len > 0 ? json_array_get_length (json_array_get_array_element (rows, 0)) : 0;
  double *values = g_new (double, MAX ((gsize) len * k, 1));

  for (guint i = 0; i < len; i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      g_assert_cmpuint (json_array_get_length (row), ==, k);
      for (guint j = 0; j < k; j++)
        values[(gsize) i * k + j] = node_number (json_array_get_element (row, j));
    }
  *n_rows = len;
  *n_columns = k;

  return values;
}

/* NaN matches NaN (undefined in both); otherwise |actual − expected| ≤
 * tolerance × max(1, |expected|). */
void
eval_assert_close (double      actual,
                   double      expected,
                   double      tolerance,
                   const char *what)
{
  if (isnan (expected) && isnan (actual))
    return;
  if (isinf (expected) && actual == expected)
    return;
  if (!(fabs (actual - expected) <= tolerance * MAX (1.0, fabs (expected))))
    g_error ("%s: %.17g, expected %.17g (difference %.3g)",
             what, actual, expected, actual - expected);
}

void
eval_assert_arrays_close (const double *actual,
                          gsize         n_actual,
                          JsonArray    *expected,
                          double        tolerance,
                          const char   *what)
{
  g_autofree double *values = NULL;
  gsize n;

  values = eval_reference_doubles (expected, &n);
  if (n_actual != n)
    g_error ("%s: %" G_GSIZE_FORMAT " points, expected %" G_GSIZE_FORMAT, what, n_actual, n);

  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s[%" G_GSIZE_FORMAT "]", what, i);

      eval_assert_close (actual[i], values[i], tolerance, label);
    }
}
