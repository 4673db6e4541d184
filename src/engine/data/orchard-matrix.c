/* orchard-matrix.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "orchard-matrix.h"

typedef struct
{
  char *name;
  char *source;
  int   source_index;
} Feature;

/**
 * OrchardMatrix:
 *
 * A dense row-major matrix of doubles: element (r, c) is at
 * `data[r * n_cols + c]`, the layout CBLAS calls `CblasRowMajor` with a
 * leading dimension of n_cols. The data is aligned to
 * %ORCHARD_MATRIX_ALIGNMENT bytes. Each column is a named feature that
 * knows the input column it came from, so that a model's coefficients and
 * importances can be traced back to the data ("island=Dream" comes from
 * "island").
 *
 * Reference-counted; whoever creates a matrix fills it, and once it is
 * shared it is read-only.
 */
struct _OrchardMatrix
{
  gatomicrefcount  ref_count;
  gsize            n_rows;
  guint            n_cols;
  double          *data;
  Feature         *features;
};

G_DEFINE_BOXED_TYPE (OrchardMatrix, orchard_matrix, orchard_matrix_ref, orchard_matrix_unref)

/**
 * orchard_matrix_new:
 * @n_rows: number of rows
 * @n_cols: number of columns
 *
 * Features are named "x0", "x1", … with no source until
 * orchard_matrix_set_feature() names them.
 *
 * Returns: (transfer full): a zero-filled matrix
 */
OrchardMatrix *
orchard_matrix_new (gsize n_rows,
                    guint n_cols)
{
  OrchardMatrix *self;
  gsize n_elements;

  g_return_val_if_fail (n_cols == 0 || n_rows <= G_MAXSIZE / sizeof (double) / n_cols, NULL);

  n_elements = n_rows * n_cols;

  self = g_new0 (OrchardMatrix, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_rows = n_rows;
  self->n_cols = n_cols;
  self->data = g_aligned_alloc0 (MAX (n_elements, 1), sizeof (double), ORCHARD_MATRIX_ALIGNMENT);
  self->features = g_new0 (Feature, MAX (n_cols, 1));

  for (guint c = 0; c < n_cols; c++)
    {
      self->features[c].name = g_strdup_printf ("x%u", c);
      self->features[c].source_index = -1;
    }

  return self;
}

OrchardMatrix *
orchard_matrix_ref (OrchardMatrix *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
orchard_matrix_unref (OrchardMatrix *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint c = 0; c < self->n_cols; c++)
    {
      g_free (self->features[c].name);
      g_free (self->features[c].source);
    }
  g_free (self->features);
  g_aligned_free (self->data);
  g_free (self);
}

gsize
orchard_matrix_get_n_rows (const OrchardMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

guint
orchard_matrix_get_n_cols (const OrchardMatrix *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_cols;
}

/**
 * orchard_matrix_get_data:
 * @self: a matrix
 *
 * Returns: (transfer none): the n_rows × n_cols elements, row by row,
 *   aligned to %ORCHARD_MATRIX_ALIGNMENT bytes
 */
double *
orchard_matrix_get_data (OrchardMatrix *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->data;
}

/**
 * orchard_matrix_get_row:
 * @self: a matrix
 * @row: a row index
 *
 * Returns: (transfer none) (array): the n_cols elements of @row
 */
const double *
orchard_matrix_get_row (const OrchardMatrix *self,
                        gsize                row)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < self->n_rows, NULL);

  return self->data + row * self->n_cols;
}

/**
 * orchard_matrix_get:
 * @self: a matrix
 * @row: a row index
 * @col: a column index
 *
 * Returns: element (@row, @col)
 */
double
orchard_matrix_get (const OrchardMatrix *self,
                    gsize                row,
                    guint                col)
{
  g_return_val_if_fail (self != NULL, 0.0);
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, 0.0);

  return self->data[row * self->n_cols + col];
}

/**
 * orchard_matrix_set:
 * @self: a matrix its creator is still filling
 * @row: a row index
 * @col: a column index
 * @value: the new element
 */
void
orchard_matrix_set (OrchardMatrix *self,
                    gsize          row,
                    guint          col,
                    double         value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (row < self->n_rows && col < self->n_cols);

  self->data[row * self->n_cols + col] = value;
}

/**
 * orchard_matrix_set_feature:
 * @self: a matrix
 * @col: a column index
 * @name: the feature name, e.g. "island=Dream"
 * @source: (nullable): the name of the input column it was derived from
 * @source_index: the index of that column in the input table, or -1
 *
 * Names column @col.
 */
void
orchard_matrix_set_feature (OrchardMatrix *self,
                            guint          col,
                            const char    *name,
                            const char    *source,
                            int            source_index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (col < self->n_cols);
  g_return_if_fail (name != NULL);

  g_free (self->features[col].name);
  self->features[col].name = g_strdup (name);
  g_free (self->features[col].source);
  self->features[col].source = g_strdup (source);
  self->features[col].source_index = source_index;
}

const char *
orchard_matrix_get_feature_name (const OrchardMatrix *self,
                                 guint                col)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (col < self->n_cols, NULL);

  return self->features[col].name;
}

/**
 * orchard_matrix_get_feature_source:
 * @self: a matrix
 * @col: a column index
 *
 * Returns: (nullable): the input column that feature @col was derived from
 */
const char *
orchard_matrix_get_feature_source (const OrchardMatrix *self,
                                   guint                col)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (col < self->n_cols, NULL);

  return self->features[col].source;
}

/**
 * orchard_matrix_get_feature_source_index:
 * @self: a matrix
 * @col: a column index
 *
 * Returns: the index in the input table of the column that feature @col was
 *   derived from, or -1 when unknown
 */
int
orchard_matrix_get_feature_source_index (const OrchardMatrix *self,
                                         guint                col)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (col < self->n_cols, -1);

  return self->features[col].source_index;
}

/**
 * orchard_matrix_find_feature:
 * @self: a matrix
 * @name: a feature name
 *
 * Returns: the column of the feature called @name, or -1
 */
int
orchard_matrix_find_feature (const OrchardMatrix *self,
                             const char          *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint c = 0; c < self->n_cols; c++)
    if (strcmp (self->features[c].name, name) == 0)
      return (int) c;

  return -1;
}
