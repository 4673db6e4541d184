/* test-matrix.c: the dense matrix models learn from
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdint.h>

#include "orchard.h"

static void
test_layout (void)
{
  g_autoptr(OrchardMatrix) m = orchard_matrix_new (3, 4);
  double *data = orchard_matrix_get_data (m);

  g_assert_cmpuint (orchard_matrix_get_n_rows (m), ==, 3);
  g_assert_cmpuint (orchard_matrix_get_n_cols (m), ==, 4);
  g_assert_cmpuint ((uintptr_t) data % ORCHARD_MATRIX_ALIGNMENT, ==, 0);

  /* Zero-filled, then row-major: (r, c) at r · n_cols + c. */
  for (guint i = 0; i < 12; i++)
    g_assert_cmpfloat (data[i], ==, 0.0);

  orchard_matrix_set (m, 2, 1, 7.5);
  orchard_matrix_set (m, 0, 3, -1.0);
  g_assert_cmpfloat (data[2 * 4 + 1], ==, 7.5);
  g_assert_cmpfloat (data[3], ==, -1.0);
  g_assert_cmpfloat (orchard_matrix_get (m, 2, 1), ==, 7.5);
  g_assert_true (orchard_matrix_get_row (m, 2) == data + 8);
}

static void
test_features (void)
{
  g_autoptr(OrchardMatrix) m = orchard_matrix_new (1, 3);

  g_assert_cmpstr (orchard_matrix_get_feature_name (m, 1), ==, "x1");
  g_assert_null (orchard_matrix_get_feature_source (m, 1));
  g_assert_cmpint (orchard_matrix_get_feature_source_index (m, 1), ==, -1);

  orchard_matrix_set_feature (m, 0, "island=Dream", "island", 1);
  orchard_matrix_set_feature (m, 2, "bill_length_mm", "bill_length_mm", 2);
  g_assert_cmpstr (orchard_matrix_get_feature_name (m, 0), ==, "island=Dream");
  g_assert_cmpstr (orchard_matrix_get_feature_source (m, 0), ==, "island");
  g_assert_cmpint (orchard_matrix_get_feature_source_index (m, 0), ==, 1);
  g_assert_cmpint (orchard_matrix_find_feature (m, "bill_length_mm"), ==, 2);
  g_assert_cmpint (orchard_matrix_find_feature (m, "island"), ==, -1);
}

static void
test_empty_and_refs (void)
{
  OrchardMatrix *m = orchard_matrix_new (0, 0);
  OrchardMatrix *again;

  g_assert_nonnull (orchard_matrix_get_data (m));
  g_assert_cmpuint ((uintptr_t) orchard_matrix_get_data (m) % ORCHARD_MATRIX_ALIGNMENT, ==, 0);

  again = orchard_matrix_ref (m);
  g_assert_true (again == m);
  orchard_matrix_unref (again);
  g_assert_cmpuint (orchard_matrix_get_n_rows (m), ==, 0);
  orchard_matrix_unref (m);

  g_assert_true (G_TYPE_IS_BOXED (ORCHARD_TYPE_MATRIX));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Matrix/layout", test_layout);
  g_test_add_func ("/engine/Matrix/features", test_features);
  g_test_add_func ("/engine/Matrix/empty-and-refs", test_empty_and_refs);

  return g_test_run ();
}
