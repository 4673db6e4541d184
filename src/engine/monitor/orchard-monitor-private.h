/* orchard-monitor-private.h: what the monitor classes share and do not publish
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stddef.h>

#include "orchard-reference-profile.h"

G_BEGIN_DECLS

/* One column of a reference profile: the public view and the memory it
 * points into, which the column owns. */
typedef struct
{
  OrchardReferenceColumn  pub;
  char                   *name;
  double                 *distinct_values;
  gsize                  *distinct_counts;
  double                 *edges;
  gsize                  *bin_counts;
  double                 *sample;
  char                  **levels;         /* NULL-terminated */
  gsize                  *level_counts;
} OrchardRefColumn;

/* The multivariate drift model: standardise (after imputing and frequency-
 * encoding), project on the principal axes that explain 65% of the
 * variance, and measure what the projection loses. */
typedef struct
{
  guint    n_features;
  guint   *columns;        /* indices of the profile's columns */
  double  *fills;          /* what a missing value becomes: the mean, or the share of the mode */
  double  *means;          /* of the imputed, encoded values */
  double  *scales;         /* their standard deviation (n in the denominator), 1 if 0 */
  double  *pca_mean;       /* the mean of the standardised values (0 but for rounding) */
  double  *axes;           /* n_features × n_features, row i the i-th axis by falling variance */
  double  *variances;      /* the variance along each axis */
  guint    n_components;
  guint    n_chunks;
  double  *chunk_errors;   /* mean reconstruction error of each reference chunk */
  gsize   *chunk_rows;

  /* Derived from the above. */
  double   explained;      /* share of the variance the kept axes explain */
  double   error_mean;
  double   error_std;
  double   lower;
  double   upper;
} OrchardMultivariateModel;

/* The threshold of the multivariate test: the reference chunks' mean ± this many σ. */
#define ORCHARD_MULTIVARIATE_SIGMAS 3.0
/* The share of variance the kept principal axes explain at least. */
#define ORCHARD_MULTIVARIATE_VARIANCE 0.65

void                      orchard_ref_column_clear            (OrchardRefColumn         *column);
void                      orchard_ref_column_sync             (OrchardRefColumn         *column);

const OrchardRefColumn   *orchard_reference_profile_peek_column     (OrchardReferenceProfile *self,
                                                                     guint                    index);
const OrchardRefColumn   *orchard_reference_profile_peek_prediction (OrchardReferenceProfile *self,
                                                                     guint                    index);
const OrchardMultivariateModel *orchard_reference_profile_peek_multivariate (OrchardReferenceProfile *self);

OrchardMultivariateModel *orchard_multivariate_fit            (OrchardTable             *table,
                                                               const OrchardRefColumn  **columns,
                                                               const guint              *profile_index,
                                                               const guint              *table_index,
                                                               guint                     n_features,
                                                               guint                     n_chunks,
                                                               GCancellable             *cancellable,
                                                               GError                  **error);
void                      orchard_multivariate_derive         (OrchardMultivariateModel *model);
void                      orchard_multivariate_free           (OrchardMultivariateModel *model);
gboolean                  orchard_multivariate_errors         (const OrchardMultivariateModel *model,
                                                               const OrchardRefColumn  **columns,
                                                               OrchardTable             *current,
                                                               const int                *current_index,
                                                               const guint32            *chunk_of_row,
                                                               guint                     n_chunks,
                                                               double                   *chunk_sums,
                                                               gsize                    *chunk_counts,
                                                               double                   *total_sum,
                                                               GCancellable             *cancellable);

/* Sorting and quantiles of doubles without NaN. */
gsize                     orchard_sort_gather                 (const double             *values,
                                                               const gsize              *rows,
                                                               gsize                     n_rows,
                                                               double                   *out,
                                                               double                   *scratch);
void                      orchard_sort_doubles                (double                   *values,
                                                               gsize                     n,
                                                               double                   *scratch);
gsize                     orchard_lower_bound                 (const double             *sorted,
                                                               gsize                     n,
                                                               double                    value);
double                    orchard_mean_and_m2                 (const double             *values,
                                                               gsize                     n,
                                                               double                   *m2);
double                    orchard_sorted_quantile             (const double             *sorted,
                                                               gsize                     n,
                                                               double                    q);

/* LAPACK as OpenBLAS exports it (Debian's libopenblas-dev has no lapacke.h);
 * the hidden lengths of the character arguments come last. */
void dsyevd_ (const char *jobz,
              const char *uplo,
              const int  *n,
              double     *a,
              const int  *lda,
              double     *w,
              double     *work,
              const int  *lwork,
              int        *iwork,
              const int  *liwork,
              int        *info,
              size_t      jobz_len,
              size_t      uplo_len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardMultivariateModel, orchard_multivariate_free)

G_END_DECLS
