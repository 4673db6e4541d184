/* orchard-bins.c: quantile binning for the histogram tree learners
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <string.h>

#include "orchard-rng.h"
#include "orchard-threads.h"
#include "orchard-tree-private.h"

/* Rows per block when codes are assigned: a block of a few dozen features
 * stays in the L2 cache while each feature's codes are written. */
#define CODE_BLOCK 4096

/* Maps a double to an unsigned integer of the same order (NaN excluded). */
static inline guint64
order_key (double v)
{
  guint64 u;

  memcpy (&u, &v, sizeof u);
  return (u & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~u
                                                       : u | G_GUINT64_CONSTANT (0x8000000000000000);
}

static inline double
key_value (guint64 k)
{
  guint64 u = (k & G_GUINT64_CONSTANT (0x8000000000000000)) ? k & ~G_GUINT64_CONSTANT (0x8000000000000000)
                                                            : ~k;
  double v;

  memcpy (&v, &u, sizeof v);
  return v;
}

/* Sorts @n keys: least significant digit first, 11 bits a pass, skipping
 * passes whose digit is the same for every key. */
static void
radix_sort (guint64 *keys,
            guint64 *tmp,
            gsize    n)
{
  guint64 *src = keys, *dst = tmp;

  if (n == 0)
    return;

  for (guint shift = 0; shift < 64; shift += 11)
    {
      gsize counts[2048] = { 0 };
      gsize sum = 0;

      for (gsize i = 0; i < n; i++)
        counts[(src[i] >> shift) & 2047]++;
      if (counts[(src[0] >> shift) & 2047] == n)
        continue;
      for (guint b = 0; b < 2048; b++)
        {
          gsize c = counts[b];
          counts[b] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        dst[counts[(src[i] >> shift) & 2047]++] = src[i];

      {
        guint64 *t = src;
        src = dst;
        dst = t;
      }
    }

  if (src != keys)
    memcpy (keys, src, n * sizeof (guint64));
}

static inline double
midpoint (double a,
          double b)
{
  /* Halves first: the sum of two large values would overflow. */
  double m = a * 0.5 + b * 0.5;

  return MIN (m, G_MAXDOUBLE);
}

/* The edges of one feature from its sorted non-missing sample values, as
 * scikit-learn's _find_binning_thresholds finds them: midpoints between
 * distinct values when there are at most @max_bins of them, else the
 * midpoint-interpolated percentiles 100 k / max_bins (duplicates dropped).
 * Returns the number of bins. */
static guint
find_edges (const guint64 *sorted,
            gsize          n,
            guint          max_bins,
            double        *edges)
{
  gsize n_distinct = 0;
  guint n_edges = 0;

  if (n == 0)
    return 0;

  for (gsize i = 0; i < n && n_distinct <= max_bins; i++)
    n_distinct += i == 0 || sorted[i] != sorted[i - 1];

  if (n_distinct <= max_bins)
    {
      for (gsize i = 1; i < n; i++)
        if (sorted[i] != sorted[i - 1])
          edges[n_edges++] = midpoint (key_value (sorted[i - 1]), key_value (sorted[i]));
    }
  else
    {
      for (guint k = 1; k < max_bins; k++)
        {
          /* numpy's percentile, method "midpoint": the middle of the two
           * order statistics around (n - 1) q. */
          double pos = (double) (n - 1) * k / max_bins;
          gsize lo = (gsize) floor (pos), hi = (gsize) ceil (pos);
          double e = midpoint (key_value (sorted[lo]), key_value (sorted[hi]));

          if (lo == hi)
            e = key_value (sorted[lo]);
          if (n_edges == 0 || e > edges[n_edges - 1])
            edges[n_edges++] = e;
        }
    }

  for (guint b = n_edges; b < 256; b++)
    edges[b] = INFINITY;

  return n_edges + 1;
}

/* The bin of @v: the number of edges below it, by a branchless binary
 * search over the 256 padded edges. */
static inline guint8
bin_of (const double *edges,
        double        v)
{
  guint pos = 0;

  if (isnan (v))
    return ORCHARD_BIN_MISSING;

  pos += (edges[pos + 127] < v) * 128;
  pos += (edges[pos + 63] < v) * 64;
  pos += (edges[pos + 31] < v) * 32;
  pos += (edges[pos + 15] < v) * 16;
  pos += (edges[pos + 7] < v) * 8;
  pos += (edges[pos + 3] < v) * 4;
  pos += (edges[pos + 1] < v) * 2;
  pos += (edges[pos] < v);

  return (guint8) pos;
}

/**
 * orchard_bins_new:
 * @X: @n_rows × @n_features, row-major; NaN is a missing value
 * @n_rows: rows
 * @n_features: features
 * @max_bins: value bins per feature at most, 2 … 255
 * @seed: chooses the rows edges are computed from when there are more than
 *   %ORCHARD_BINS_SAMPLE
 * @flags: what to record besides the column-major codes
 *
 * Quantises every feature into at most @max_bins bins of about equal
 * counts, plus one bin for missing values. Deterministic for a seed; the
 * threads only share out features and rows.
 *
 * Returns: (transfer full): the bins
 */
OrchardBins *
orchard_bins_new (const double *X,
                  gsize         n_rows,
                  guint         n_features,
                  guint         max_bins,
                  guint64          seed,
                  OrchardBinsFlags flags)
{
  OrchardBins *bins = g_new0 (OrchardBins, 1);
  g_autofree gsize *sample = NULL;
  gsize n_sample = n_rows;
  int n_threads = (int) orchard_get_threads ();
  gboolean with_ranges = (flags & ORCHARD_BINS_RANGES) != 0;

  g_assert (max_bins >= 2 && max_bins <= ORCHARD_BINS_MAX);

  bins->n_rows = n_rows;
  bins->n_features = n_features;
  bins->codes = g_malloc ((gsize) n_features * n_rows);
  bins->n_bins = g_new0 (guint16, n_features);
  bins->has_missing = g_new0 (guint8, n_features);
  bins->edges = g_new (double, (gsize) n_features * 256);

  /* Selection sampling (Knuth's algorithm S): the sample comes out in row
   * order, which keeps the gathers below sequential. */
  if (n_rows > ORCHARD_BINS_SAMPLE)
    {
      OrchardRng rng;
      gsize needed = ORCHARD_BINS_SAMPLE;

      orchard_rng_init_stream (&rng, seed, 0x62696e73 /* "bins" */);
      sample = g_new (gsize, ORCHARD_BINS_SAMPLE);
      n_sample = 0;
      for (gsize i = 0; i < n_rows && needed > 0; i++)
        if (orchard_rng_below (&rng, n_rows - i) < needed)
          {
            sample[n_sample++] = i;
            needed--;
          }
    }

#pragma omp parallel num_threads (n_threads)
  {
    g_autofree guint64 *keys = g_new (guint64, MAX (n_sample, 1));
    g_autofree guint64 *tmp = g_new (guint64, MAX (n_sample, 1));

#pragma omp for schedule (dynamic, 1)
    for (guint f = 0; f < n_features; f++)
      {
        gsize n = 0;

        for (gsize s = 0; s < n_sample; s++)
          {
            double v = X[(sample != NULL ? sample[s] : s) * n_features + f];
            if (!isnan (v))
              keys[n++] = order_key (v);
          }
        radix_sort (keys, tmp, n);
        bins->n_bins[f] = find_edges (keys, n, max_bins, bins->edges + (gsize) f * 256);
      }
  }

  if (with_ranges)
    {
      bins->lowest = g_new (double, (gsize) n_features * 256);
      bins->highest = g_new (double, (gsize) n_features * 256);
      for (gsize i = 0; i < (gsize) n_features * 256; i++)
        {
          bins->lowest[i] = INFINITY;
          bins->highest[i] = -INFINITY;
        }
    }

#pragma omp parallel num_threads (n_threads)
  {
    /* Each thread's ranges; minima and maxima merge in any order. */
    g_autofree double *lowest = NULL, *highest = NULL;

    if (with_ranges)
      {
        lowest = g_new (double, (gsize) n_features * 256);
        highest = g_new (double, (gsize) n_features * 256);
        for (gsize i = 0; i < (gsize) n_features * 256; i++)
          {
            lowest[i] = INFINITY;
            highest[i] = -INFINITY;
          }
      }

#pragma omp for schedule (dynamic, 1)
    for (gsize start = 0; start < n_rows; start += CODE_BLOCK)
      {
        gsize end = MIN (start + CODE_BLOCK, n_rows);

        for (guint f = 0; f < n_features; f++)
          {
            const double *edges = bins->edges + (gsize) f * 256;
            guint8 *codes = bins->codes + (gsize) f * n_rows;

            for (gsize i = start; i < end; i++)
              codes[i] = bin_of (edges, X[i * n_features + f]);

            if (with_ranges)
              for (gsize i = start; i < end; i++)
                {
                  double v = X[i * n_features + f];
                  gsize k = (gsize) f * 256 + codes[i];

                  if (isnan (v))
                    continue;
                  lowest[k] = MIN (lowest[k], v);
                  highest[k] = MAX (highest[k], v);
                }
          }
      }

    if (with_ranges)
      {
#pragma omp critical (orchard_bins_ranges)
        for (gsize i = 0; i < (gsize) n_features * 256; i++)
          {
            bins->lowest[i] = MIN (bins->lowest[i], lowest[i]);
            bins->highest[i] = MAX (bins->highest[i], highest[i]);
          }
      }
  }

  for (guint f = 0; f < n_features; f++)
    bins->has_missing[f] = memchr (bins->codes + (gsize) f * n_rows, ORCHARD_BIN_MISSING,
                                   n_rows) != NULL;

  return bins;
}

void
orchard_bins_free (OrchardBins *bins)
{
  if (bins == NULL)
    return;

  g_free (bins->codes);
  g_free (bins->n_bins);
  g_free (bins->has_missing);
  g_free (bins->edges);
  g_free (bins->lowest);
  g_free (bins->highest);
  g_free (bins);
}
