/* orchard-matrix.h: the dense numeric matrix models learn from
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * ORCHARD_MATRIX_ALIGNMENT:
 *
 * The alignment, in bytes, of #OrchardMatrix data: a cache line, and enough
 * for any SIMD width OpenBLAS uses.
 */
#define ORCHARD_MATRIX_ALIGNMENT 64

#define ORCHARD_TYPE_MATRIX (orchard_matrix_get_type ())

typedef struct _OrchardMatrix OrchardMatrix;

GType          orchard_matrix_get_type               (void) G_GNUC_CONST;
OrchardMatrix *orchard_matrix_new                    (gsize                n_rows,
                                                      guint                n_cols);
OrchardMatrix *orchard_matrix_ref                    (OrchardMatrix       *self);
void           orchard_matrix_unref                  (OrchardMatrix       *self);
gsize          orchard_matrix_get_n_rows             (const OrchardMatrix *self);
guint          orchard_matrix_get_n_cols             (const OrchardMatrix *self);
double        *orchard_matrix_get_data               (OrchardMatrix       *self);
const double  *orchard_matrix_get_row                (const OrchardMatrix *self,
                                                      gsize                row);
double         orchard_matrix_get                    (const OrchardMatrix *self,
                                                      gsize                row,
                                                      guint                col);
void           orchard_matrix_set                    (OrchardMatrix       *self,
                                                      gsize                row,
                                                      guint                col,
                                                      double               value);
void           orchard_matrix_set_feature            (OrchardMatrix       *self,
                                                      guint                col,
                                                      const char          *name,
                                                      const char          *source,
                                                      int                  source_index);
const char    *orchard_matrix_get_feature_name       (const OrchardMatrix *self,
                                                      guint                col);
const char    *orchard_matrix_get_feature_source     (const OrchardMatrix *self,
                                                      guint                col);
int            orchard_matrix_get_feature_source_index (const OrchardMatrix *self,
                                                        guint                col);
int            orchard_matrix_find_feature           (const OrchardMatrix *self,
                                                      const char          *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardMatrix, orchard_matrix_unref)

G_END_DECLS
