/* orchard-multivariate.c: multivariate drift by the error of a PCA reconstruction
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Univariate tests miss a change in how columns move together. Following
 * NannyML's data reconstruction drift: the reference features are imputed
 * (numeric: the mean; categorical: the most frequent level), categorical
 * ones frequency-encoded (each level becomes its share of the reference),
 * all standardised, and the principal axes that explain 65% of their
 * variance are kept. A row's reconstruction error is the distance between
 * it and its projection on those axes; a chunk's is the mean over its rows.
 * The reference is cut into consecutive chunks; a current chunk drifts when
 * its error leaves the reference chunks' mean ± 3σ.
 *
 * The error is computed from the discarded axes, |(z − μ) V_restᵀ|, which
 * equals |z − ẑ| because the axes are orthonormal, without the
 * cancellation of subtracting the projection. Covariance and residuals are
 * BLAS products on blocks of rows (on OpenBLAS's threads), the
 * eigen-decomposition LAPACK's dsyevd.
 */
#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "orchard-error.h"

#include "orchard-monitor-private.h"

/* A block of rows holds about this many doubles (1 MiB), so that the
 * encoded block is still in the cache when BLAS reads it. */
#define BLOCK_DOUBLES 131072

static gsize
block_rows (guint p)
{
  return CLAMP (BLOCK_DOUBLES / p, 256, 65536);
}

typedef struct
{
  const double  *values;      /* numeric */
  const guint32 *codes;       /* categorical */
  double        *code_share;  /* categorical: each code of the table's column as its share */
  guint          n_codes;
  double         fill;
  double         mean;
  double         scale;
  double         pca_mean;
} Feature;

static void
features_free (Feature *features,
               guint    n)
{
  for (guint f = 0; f < n; f++)
    g_free (features[f].code_share);
  g_free (features);
}

/* Maps each level of @column to its share of the reference column. */
static double *
code_shares (const OrchardRefColumn *ref,
             OrchardColumn          *column,
             guint                  *n_codes)
{
  g_autoptr(GHashTable) shares = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = orchard_column_get_n_levels (column);
  double *out = g_new0 (double, MAX (n, 1));

  for (guint l = 0; l < ref->pub.n_levels; l++)
    g_hash_table_insert (shares, ref->levels[l], (gpointer) &ref->level_counts[l]);

  for (guint c = 0; c < n; c++)
    {
      const gsize *count = g_hash_table_lookup (shares, orchard_column_get_level (column, c));

      /* A level the reference never saw has a share of 0 there. */
      out[c] = count != NULL ? (double) *count / (double) ref->pub.count : 0.0;
    }

  *n_codes = n;
  return out;
}

static Feature *
features_new (const OrchardMultivariateModel  *model,
              const OrchardRefColumn         **columns,
              OrchardTable                    *table,
              const int                       *table_index)
{
  Feature *features = g_new0 (Feature, model->n_features);

  for (guint f = 0; f < model->n_features; f++)
    {
      OrchardColumn *column = orchard_table_get_column (table, (guint) table_index[f]);

      if (columns[f]->pub.kind == ORCHARD_COLUMN_KIND_CATEGORICAL)
        {
          features[f].codes = orchard_column_get_codes (column);
          features[f].code_share = code_shares (columns[f], column, &features[f].n_codes);
        }
      else
        features[f].values = orchard_column_get_values (column);

      features[f].fill = model->fills[f];
      features[f].mean = model->means[f];
      features[f].scale = model->scales[f];
      features[f].pca_mean = model->pca_mean != NULL ? model->pca_mean[f] : 0.0;
    }

  return features;
}

/* Rows first … first + m of the table, imputed, encoded and standardised,
 * into @z feature by feature (p × m, row-major: each feature's values in a
 * row, so that reading and writing are both sequential). On the calling
 * thread: it is a small part of the time, and an OpenMP team here would
 * take turns with OpenBLAS's threads after every block, each spinning
 * while the other works. */
static void
encode_block (const Feature *features,
              guint          p,
              gsize          first,
              gsize          m,
              double        *z)
{
  for (guint f = 0; f < p; f++)
    {
      const Feature *feature = &features[f];
      double *out = z + (gsize) f * m;
      double mean = feature->mean, inv_scale = 1.0 / feature->scale, shift = feature->pca_mean;

      if (feature->codes != NULL)
        {
          const guint32 *codes = feature->codes + first;

          for (gsize i = 0; i < m; i++)
            {
              guint32 code = codes[i];
              double v = code < feature->n_codes ? feature->code_share[code] : feature->fill;

              out[i] = (v - mean) * inv_scale - shift;
            }
        }
      else
        {
          const double *values = feature->values + first;
          double fill = feature->fill;

          for (gsize i = 0; i < m; i++)
            {
              double v = values[i];

              out[i] = ((v == v ? v : fill) - mean) * inv_scale - shift;
            }
        }
    }
}

/* The norm of each column of V_rest z (z feature-major, p × m, already
 * centred): each row's distance from its projection. */
static void
residual_norms (const OrchardMultivariateModel *model,
                const double                   *z,
                gsize                           m,
                double                         *residual,
                double                         *norms)
{
  int p = (int) model->n_features;
  int rest = p - (int) model->n_components;

  memset (norms, 0, sizeof (double) * m);
  if (rest == 0)
    return;

  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, rest, (int) m, p,
               1.0, model->axes + (gsize) model->n_components * p, p, z, (int) m,
               0.0, residual, (int) m);

  for (int j = 0; j < rest; j++)
    {
      const double *row = residual + (gsize) j * m;

      for (gsize i = 0; i < m; i++)
        norms[i] += row[i] * row[i];
    }
  for (gsize i = 0; i < m; i++)
    norms[i] = sqrt (norms[i]);
}

void
orchard_multivariate_free (OrchardMultivariateModel *model)
{
  if (model == NULL)
    return;

  g_free (model->columns);
  g_free (model->fills);
  g_free (model->means);
  g_free (model->scales);
  g_free (model->pca_mean);
  g_free (model->axes);
  g_free (model->variances);
  g_free (model->chunk_errors);
  g_free (model->chunk_rows);
  g_free (model);
}

/* The explained share and the band, from the stored parts. */
void
orchard_multivariate_derive (OrchardMultivariateModel *model)
{
  double total = 0, kept = 0, mean = 0, var = 0;

  for (guint i = 0; i < model->n_features; i++)
    {
      double v = MAX (model->variances[i], 0.0);

      total += v;
      if (i < model->n_components)
        kept += v;
    }
  model->explained = total > 0 ? kept / total : 1.0;

  for (guint c = 0; c < model->n_chunks; c++)
    mean += model->chunk_errors[c];
  mean /= model->n_chunks;
  for (guint c = 0; c < model->n_chunks; c++)
    var += (model->chunk_errors[c] - mean) * (model->chunk_errors[c] - mean);
  var /= model->n_chunks;

  model->error_mean = mean;
  model->error_std = sqrt (var);
  model->lower = MAX (0.0, mean - ORCHARD_MULTIVARIATE_SIGMAS * model->error_std);
  model->upper = mean + ORCHARD_MULTIVARIATE_SIGMAS * model->error_std;
}

static gboolean
eigen (double  *matrix,
       int      p,
       double  *values,
       GError **error)
{
  g_autofree double *work = NULL;
  g_autofree int *iwork = NULL;
  double work_size;
  int lwork = -1, liwork = -1, iwork_size, info = 0;

  dsyevd_ ("V", "U", &p, matrix, &p, values, &work_size, &lwork, &iwork_size, &liwork, &info, 1, 1);
  if (info == 0)
    {
      lwork = (int) work_size;
      liwork = iwork_size;
      work = g_new (double, MAX (lwork, 1));
      iwork = g_new (int, MAX (liwork, 1));
      dsyevd_ ("V", "U", &p, matrix, &p, values, work, &lwork, iwork, &liwork, &info, 1, 1);
    }

  if (info != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The principal components of the reference features could not be "
                   "computed (LAPACK dsyevd: info %d)", info);
      return FALSE;
    }
  return TRUE;
}

OrchardMultivariateModel *
orchard_multivariate_fit (OrchardTable            *table,
                          const OrchardRefColumn **columns,
                          const guint             *profile_index,
                          const guint             *table_index,
                          guint                    n_features,
                          guint                    n_chunks,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  g_autoptr(OrchardMultivariateModel) model = g_new0 (OrchardMultivariateModel, 1);
  g_autofree double *cross = NULL;
  g_autofree double *sums = NULL;
  g_autofree double *z = NULL;
  g_autofree double *residual = NULL;
  g_autofree double *norms = NULL;
  g_autofree double *values = NULL;
  g_autofree double *chunk_sums = NULL;
  g_autofree int *index = NULL;
  Feature *features;
  gsize n = orchard_table_get_n_rows (table);
  guint p = n_features, k;
  gsize block = block_rows (n_features);
  double cumulative = 0, total = 0;

  g_assert (p >= 2 && n >= 2 && n_chunks >= 1);

  model->n_features = p;
  model->columns = g_memdup2 (profile_index, sizeof (guint) * p);
  model->fills = g_new (double, p);
  model->means = g_new (double, p);
  model->scales = g_new (double, p);
  model->pca_mean = g_new0 (double, p);
  model->axes = g_new (double, (gsize) p * p);
  model->variances = g_new (double, p);

  /* Means and spreads of the imputed, encoded columns follow from the
   * column summaries, without a pass over the rows. */
  for (guint f = 0; f < p; f++)
    {
      const OrchardReferenceColumn *c = &columns[f]->pub;
      double rows = (double) (c->count + c->missing);
      double var;

      if (c->kind == ORCHARD_COLUMN_KIND_NUMERIC)
        {
          model->fills[f] = c->mean;
          model->means[f] = c->mean;
          var = c->m2 / rows;
        }
      else
        {
          double mode = (double) c->level_counts[0] / (double) c->count;
          double mean = mode * (double) c->missing;

          for (guint l = 0; l < c->n_levels; l++)
            mean += (double) c->level_counts[l] * ((double) c->level_counts[l] / (double) c->count);
          mean /= rows;

          var = (double) c->missing * (mode - mean) * (mode - mean);
          for (guint l = 0; l < c->n_levels; l++)
            {
              double share = (double) c->level_counts[l] / (double) c->count;

              var += (double) c->level_counts[l] * (share - mean) * (share - mean);
            }
          var /= rows;

          model->fills[f] = mode;
          model->means[f] = mean;
        }
      model->scales[f] = var > 0 ? sqrt (var) : 1.0;
    }

  index = g_new (int, p);
  for (guint f = 0; f < p; f++)
    index[f] = (int) table_index[f];

  features = features_new (model, columns, table, index);
  cross = g_new0 (double, (gsize) p * p);
  sums = g_new0 (double, p);
  z = g_new (double, block * p);

  /* Pass 1: Σ zzᵀ and Σ z, hence the covariance. */
  for (gsize first = 0; first < n; first += block)
    {
      gsize m = MIN (block, n - first);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          features_free (features, p);
          return NULL;
        }

      encode_block (features, p, first, m, z);
      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, (int) p, (int) m,
                   1.0, z, (int) m, 1.0, cross, (int) p);
      for (guint f = 0; f < p; f++)
        for (gsize i = 0; i < m; i++)
          sums[f] += z[(gsize) f * m + i];
    }

  for (guint f = 0; f < p; f++)
    model->pca_mean[f] = sums[f] / (double) n;
  for (guint i = 0; i < p; i++)
    for (guint j = i; j < p; j++)
      {
        double c = (cross[i * p + j] - (double) n * model->pca_mean[i] * model->pca_mean[j]) /
                   (double) (n - 1);

        cross[i * p + j] = c;
        cross[j * p + i] = c;
      }

  values = g_new (double, p);
  if (!eigen (cross, (int) p, values, error))
    {
      features_free (features, p);
      return NULL;
    }

  /* LAPACK returns rising eigenvalues, eigenvectors in its columns. */
  for (guint r = 0; r < p; r++)
    {
      guint source = p - 1 - r;

      model->variances[r] = values[source];
      for (guint i = 0; i < p; i++)
        model->axes[(gsize) r * p + i] = cross[(gsize) source * p + i];
    }

  /* As scikit-learn's PCA(n_components=0.65): the fewest axes whose
   * cumulative share of the variance exceeds 0.65. */
  for (guint i = 0; i < p; i++)
    total += model->variances[i];
  k = 0;
  for (guint i = 0; i < p; i++)
    {
      cumulative += model->variances[i] / total;
      if (cumulative <= ORCHARD_MULTIVARIATE_VARIANCE)
        k++;
    }
  model->n_components = MIN (k + 1, p);

  /* Pass 2: the reconstruction error of each reference chunk. */
  n_chunks = (guint) MIN ((gsize) n_chunks, n);
  model->n_chunks = n_chunks;
  model->chunk_errors = g_new0 (double, n_chunks);
  model->chunk_rows = g_new0 (gsize, n_chunks);
  chunk_sums = g_new0 (double, n_chunks);
  residual = g_new (double, block * p);
  norms = g_new (double, block);

  for (guint f = 0; f < p; f++)
    features[f].pca_mean = model->pca_mean[f];

  for (gsize first = 0; first < n; first += block)
    {
      gsize m = MIN (block, n - first);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          features_free (features, p);
          return NULL;
        }

      encode_block (features, p, first, m, z);
      residual_norms (model, z, m, residual, norms);
      for (gsize i = 0; i < m; i++)
        {
          gsize row = first + i;
          guint chunk = (guint) (((guint64) row * n_chunks) / n);

          /* Chunk c holds rows ⌊c n / K⌋ … ⌊(c + 1) n / K⌋ − 1. */
          while (chunk + 1 < n_chunks && ((guint64) (chunk + 1) * n) / n_chunks <= row)
            chunk++;
          while (chunk > 0 && ((guint64) chunk * n) / n_chunks > row)
            chunk--;

          chunk_sums[chunk] += norms[i];
          model->chunk_rows[chunk]++;
        }
    }

  for (guint c = 0; c < n_chunks; c++)
    model->chunk_errors[c] = chunk_sums[c] / (double) model->chunk_rows[c];

  features_free (features, p);
  orchard_multivariate_derive (model);

  return g_steal_pointer (&model);
}

/* Adds each current row's reconstruction error to its chunk's sum (rows
 * whose chunk is G_MAXUINT32 to none) and to the total. */
gboolean
orchard_multivariate_errors (const OrchardMultivariateModel  *model,
                             const OrchardRefColumn         **columns,
                             OrchardTable                    *current,
                             const int                       *current_index,
                             const guint32                   *chunk_of_row,
                             guint                            n_chunks,
                             double                          *chunk_sums,
                             gsize                           *chunk_counts,
                             double                          *total_sum,
                             GCancellable                    *cancellable)
{
  g_autofree double *z = NULL;
  g_autofree double *residual = NULL;
  g_autofree double *norms = NULL;
  Feature *features;
  gsize n = orchard_table_get_n_rows (current);
  guint p = model->n_features;
  gsize block = block_rows (model->n_features);
  double total = 0;

  features = features_new (model, columns, current, current_index);
  z = g_new (double, block * p);
  residual = g_new (double, block * p);
  norms = g_new (double, block);

  for (gsize first = 0; first < n; first += block)
    {
      gsize m = MIN (block, n - first);

      if (g_cancellable_is_cancelled (cancellable))
        {
          features_free (features, p);
          return FALSE;
        }

      encode_block (features, p, first, m, z);
      residual_norms (model, z, m, residual, norms);
      for (gsize i = 0; i < m; i++)
        {
          total += norms[i];
          if (chunk_of_row != NULL && chunk_of_row[first + i] < n_chunks)
            {
              chunk_sums[chunk_of_row[first + i]] += norms[i];
              chunk_counts[chunk_of_row[first + i]]++;
            }
        }
    }

  features_free (features, p);
  *total_sum = total;
  return TRUE;
}
