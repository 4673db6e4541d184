/* orchard-profile-stats.c: sorting, moments, quantiles, histograms, AUC
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The formulas follow pandas and NumPy operation by operation, so that the
 * numbers Orchard shows are the numbers an analyst gets in a notebook (the
 * test suite checks them against a reference computed with both).
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-profile-private.h"

#define SIGN_BIT     G_GUINT64_CONSTANT (0x8000000000000000)
#define RADIX_BITS   11
#define RADIX_SIZE   (1u << RADIX_BITS)
#define RADIX_MASK   (RADIX_SIZE - 1)
#define RADIX_PASSES 6   /* 6 × 11 bits ≥ 64 */

/* Below this size an insertion sort beats the counting passes. */
#define SMALL_SORT   48

/* IEEE 754 bits, made unsigned-comparable: flip every bit of a negative
 * number, only the sign of a positive one. -0 sorts just before +0. */
guint64
orchard_sort_key_from_double (double value)
{
  guint64 bits;

  memcpy (&bits, &value, sizeof bits);
  return (bits & SIGN_BIT) ? ~bits : bits | SIGN_BIT;
}

double
orchard_sort_key_to_double (guint64 key)
{
  guint64 bits = (key & SIGN_BIT) ? key & ~SIGN_BIT : ~key;
  double value;

  memcpy (&value, &bits, sizeof value);
  return value;
}

/* Counts every digit of every key in one read of the data; a pass whose
 * digit is the same for all keys (a narrow value range) is skipped. */
static void
radix_count (const guint64 *keys,
             gsize          stride,
             gsize          n,
             gsize         *counts,
             gboolean      *skip)
{
  const guint8 *p = (const guint8 *) keys;

  memset (counts, 0, sizeof (gsize) * RADIX_PASSES * RADIX_SIZE);

  for (gsize i = 0; i < n; i++, p += stride)
    {
      guint64 key;

      memcpy (&key, p, sizeof key);
      for (guint pass = 0; pass < RADIX_PASSES; pass++)
        counts[pass * RADIX_SIZE + ((key >> (pass * RADIX_BITS)) & RADIX_MASK)]++;
    }

  for (guint pass = 0; pass < RADIX_PASSES; pass++)
    {
      gsize *c = counts + pass * RADIX_SIZE;
      gsize sum = 0;

      skip[pass] = FALSE;
      for (guint d = 0; d < RADIX_SIZE; d++)
        {
          gsize here = c[d];

          if (here == n)
            skip[pass] = TRUE;
          c[d] = sum;
          sum += here;
        }
    }
}

/**
 * orchard_radix_sort_keys:
 * @keys: keys made by orchard_sort_key_from_double()
 * @scratch: room for @n more keys
 * @n: number of keys
 *
 * A stable least-significant-digit radix sort.
 *
 * Returns: whichever of @keys or @scratch holds the sorted keys
 */
guint64 *
orchard_radix_sort_keys (guint64 *keys,
                         guint64 *scratch,
                         gsize    n)
{
  gsize counts[RADIX_PASSES * RADIX_SIZE];
  gboolean skip[RADIX_PASSES];
  guint64 *from = keys;
  guint64 *to = scratch;

  if (n < SMALL_SORT)
    {
      for (gsize i = 1; i < n; i++)
        {
          guint64 k = keys[i];
          gsize j = i;

          for (; j > 0 && keys[j - 1] > k; j--)
            keys[j] = keys[j - 1];
          keys[j] = k;
        }
      return keys;
    }

  radix_count (keys, sizeof (guint64), n, counts, skip);

  for (guint pass = 0; pass < RADIX_PASSES; pass++)
    {
      gsize *c = counts + pass * RADIX_SIZE;
      guint shift = pass * RADIX_BITS;
      guint64 *tmp;

      if (skip[pass])
        continue;

      for (gsize i = 0; i < n; i++)
        to[c[(from[i] >> shift) & RADIX_MASK]++] = from[i];

      tmp = from;
      from = to;
      to = tmp;
    }

  return from;
}

/**
 * orchard_radix_sort_labelled:
 * @items: keys with their labels
 * @scratch: room for @n more items
 * @n: number of items
 *
 * Like orchard_radix_sort_keys(), carrying each key's label along.
 *
 * Returns: whichever of @items or @scratch holds the sorted items
 */
OrchardLabelledKey *
orchard_radix_sort_labelled (OrchardLabelledKey *items,
                             OrchardLabelledKey *scratch,
                             gsize               n)
{
  gsize counts[RADIX_PASSES * RADIX_SIZE];
  gboolean skip[RADIX_PASSES];
  OrchardLabelledKey *from = items;
  OrchardLabelledKey *to = scratch;

  if (n < SMALL_SORT)
    {
      for (gsize i = 1; i < n; i++)
        {
          OrchardLabelledKey item = items[i];
          gsize j = i;

          for (; j > 0 && items[j - 1].key > item.key; j--)
            items[j] = items[j - 1];
          items[j] = item;
        }
      return items;
    }

  radix_count (&items[0].key, sizeof (OrchardLabelledKey), n, counts, skip);

  for (guint pass = 0; pass < RADIX_PASSES; pass++)
    {
      gsize *c = counts + pass * RADIX_SIZE;
      guint shift = pass * RADIX_BITS;
      OrchardLabelledKey *tmp;

      if (skip[pass])
        continue;

      for (gsize i = 0; i < n; i++)
        to[c[(from[i].key >> shift) & RADIX_MASK]++] = from[i];

      tmp = from;
      from = to;
      to = tmp;
    }

  return from;
}

/**
 * orchard_quantile_sorted:
 * @sorted: (array length=n): values in increasing order, no NaN
 * @n: number of values, at least 1
 * @probability: 0 … 1
 *
 * NumPy's default ("linear", Hyndman & Fan type 7) quantile, including its
 * way of interpolating (from the nearer neighbour), so results agree with
 * numpy.percentile() to the last bit.
 */
double
orchard_quantile_sorted (const double *sorted,
                         gsize         n,
                         double        probability)
{
  double virtual_index;
  double gamma;
  double diff;
  gsize previous;

  g_assert (n > 0);

  virtual_index = (double) (n - 1) * probability;
  if (virtual_index >= (double) (n - 1))
    return sorted[n - 1];
  if (virtual_index <= 0.0)
    return sorted[0];

  previous = (gsize) floor (virtual_index);
  gamma = virtual_index - (double) previous;
  diff = sorted[previous + 1] - sorted[previous];

  if (gamma >= 0.5)
    return sorted[previous + 1] - diff * (1.0 - gamma);
  return sorted[previous] + diff * gamma;
}

/* numpy.histogram's outer edges: the data range, widened by ½ on each side
 * when it is a single point. */
static void
histogram_outer_edges (const double *sorted,
                       gsize         n,
                       double       *first,
                       double       *last)
{
  *first = sorted[0];
  *last = sorted[n - 1];

  if (*first == *last)
    {
      *first -= 0.5;
      *last += 0.5;
      /* ±½ vanishes next to huge values; widen by one ulp instead. */
      if (*first == *last)
        {
          *first = nextafter (*first, -INFINITY);
          *last = nextafter (*last, INFINITY);
        }
    }
}

/**
 * orchard_histogram_n_bins:
 * @sorted: (array length=n): values in increasing order, finite, no NaN
 * @n: number of values, at least 1
 * @max_bins: the cap
 *
 * NumPy's `bins="auto"`: the smaller of the Freedman–Diaconis and Sturges
 * bin widths (Sturges alone when the IQR is 0), turned into a bin count
 * over the data range, then capped at @max_bins.
 */
guint
orchard_histogram_n_bins (const double *sorted,
                          gsize         n,
                          guint         max_bins)
{
  double first;
  double last;
  double sturges;
  double fd;
  double width;
  double bins;

  g_assert (n > 0);

  histogram_outer_edges (sorted, n, &first, &last);

  sturges = (sorted[n - 1] - sorted[0]) / (log2 ((double) n) + 1.0);
  fd = 2.0 * (orchard_quantile_sorted (sorted, n, 0.75) - orchard_quantile_sorted (sorted, n, 0.25))
       * pow ((double) n, -1.0 / 3.0);
  width = fd != 0.0 ? MIN (fd, sturges) : sturges;

  if (width == 0.0 || isnan (width))
    return 1;

  bins = ceil ((last - first) / width);
  if (!(bins < (double) max_bins))
    return max_bins;

  return MAX ((guint) bins, 1);
}

/**
 * orchard_histogram_fill:
 * @values: (array length=n): the values, in any order, no NaN
 * @n: number of values
 * @first_edge: the lower edge
 * @last_edge: the upper edge, greater than @first_edge
 * @n_bins: number of equal bins
 * @edges: (out caller-allocates) (array fixed-size=n_bins+1): the edges
 * @counts: (out caller-allocates) (array length=n_bins): the counts
 *
 * numpy.histogram() with equal bins: edges from numpy.linspace(), values
 * binned with its index arithmetic and its one-ulp corrections, the last
 * bin closed on the right. Values outside the edges are not counted.
 */
void
orchard_histogram_fill (const double *values,
                        gsize         n,
                        double        first_edge,
                        double        last_edge,
                        guint         n_bins,
                        double       *edges,
                        gsize        *counts)
{
  double step = (last_edge - first_edge) / (double) n_bins;
  double norm = (double) n_bins / (last_edge - first_edge);

  g_assert (n_bins > 0);

  for (guint i = 0; i < n_bins; i++)
    edges[i] = (double) i * step + first_edge;
  edges[n_bins] = last_edge;
  memset (counts, 0, sizeof (gsize) * n_bins);

  for (gsize i = 0; i < n; i++)
    {
      double x = values[i];
      gssize index;

      if (!(x >= first_edge && x <= last_edge))
        continue;

      index = (gssize) ((x - first_edge) * norm);
      if (index >= (gssize) n_bins)
        index = n_bins - 1;
      if (x < edges[index])
        index--;
      if (index < (gssize) n_bins - 1 && x >= edges[index + 1])
        index++;

      counts[index]++;
    }
}

/**
 * orchard_profile_describe_sorted:
 * @column: the profile to fill; its kind says which statistics apply
 * @sorted: (array length=n): the present values in increasing order
 * @n: number of values
 *
 * Fills the order statistics, moments, counts and the histogram. Moments
 * follow pandas: the mean, the sample variance with ddof = 1 from
 * deviations about the mean, and the adjusted Fisher–Pearson skewness
 * G1 = n √(n−1) / (n−2) · m3 / m2^{3/2} (0 for a constant column).
 */
void
orchard_profile_describe_sorted (OrchardColumnProfile *column,
                                 const double         *sorted,
                                 gsize                 n)
{
  gboolean numeric = column->kind == ORCHARD_COLUMN_KIND_NUMERIC;
  double sum = 0.0;
  double compensation = 0.0;
  double mean;
  double m2 = 0.0;
  double m3 = 0.0;
  double iqr;
  double first;
  double last;
  gsize unique = 0;
  gsize zeros = 0;
  double *edges;
  gsize *counts;

  column->mean = column->std = column->min = column->max = NAN;
  column->skewness = column->lower_fence = column->upper_fence = NAN;
  for (guint q = 0; q < ORCHARD_N_QUANTILES; q++)
    column->quantiles[q] = NAN;
  column->unique = 0;
  column->zeros = 0;
  column->outliers = 0;
  column->n_bins = 0;

  if (n == 0)
    return;

  column->min = sorted[0];
  column->max = sorted[n - 1];

  for (gsize i = 0; i < n; i++)
    {
      /* Neumaier's compensated sum: the mean of large values that cancel
       * (standardised columns) stays accurate to the last bits. */
      double t = sum + sorted[i];

      if (fabs (sum) >= fabs (sorted[i]))
        compensation += (sum - t) + sorted[i];
      else
        compensation += (sorted[i] - t) + sum;
      sum = t;

      if (i == 0 || sorted[i] != sorted[i - 1])
        unique++;
      zeros += sorted[i] == 0.0;
    }
  column->unique = unique;

  if (sorted[0] == sorted[n - 1])
    {
      /* Exactly, not up to rounding: a constant column has no spread. */
      mean = sorted[0];
    }
  else
    {
      mean = isfinite (sum) ? (sum + compensation) / (double) n : sum / (double) n;

      for (gsize i = 0; i < n; i++)
        {
          double d = sorted[i] - mean;
          double d2 = d * d;

          m2 += d2;
          m3 += d2 * d;
        }
    }

  column->mean = mean;
  if (n > 1)
    column->std = sqrt (m2 / (double) (n - 1));

  if (numeric)
    {
      if (n >= 3)
        column->skewness = m2 == 0.0 ? 0.0
                           : ((double) n * sqrt ((double) (n - 1)) / (double) (n - 2))
                             * (m3 / pow (m2, 1.5));

      column->zeros = zeros;
    }

  for (guint q = 0; q < ORCHARD_N_QUANTILES; q++)
    column->quantiles[q] = orchard_quantile_sorted (sorted, n,
                                                    orchard_quantile_get_probability (q));

  iqr = column->quantiles[ORCHARD_QUANTILE_P75] - column->quantiles[ORCHARD_QUANTILE_P25];
  column->lower_fence = column->quantiles[ORCHARD_QUANTILE_P25] - 1.5 * iqr;
  column->upper_fence = column->quantiles[ORCHARD_QUANTILE_P75] + 1.5 * iqr;
  for (gsize i = 0; i < n && sorted[i] < column->lower_fence; i++)
    column->outliers++;
  for (gsize i = n; i > 0 && sorted[i - 1] > column->upper_fence; i--)
    column->outliers++;

  /* numpy.histogram refuses an infinite range; so do we. */
  if (!isfinite (sorted[0]) || !isfinite (sorted[n - 1]))
    return;

  histogram_outer_edges (sorted, n, &first, &last);
  column->n_bins = orchard_histogram_n_bins (sorted, n, ORCHARD_PROFILE_MAX_BINS);
  edges = g_new (double, column->n_bins + 1);
  counts = g_new (gsize, column->n_bins);
  orchard_histogram_fill (sorted, n, first, last, column->n_bins, edges, counts);
  column->bin_edges = edges;
  column->bin_counts = counts;
}

/**
 * orchard_min_pairwise_auc:
 * @sorted: (array length=n): values (as sort keys) in increasing order with
 *   their class, %ORCHARD_LABEL_NONE for rows without one
 * @n: number of items
 * @n_classes: labels run from 0 to @n_classes − 1
 *
 * For every pair of classes (a, b) the ROC AUC of the value as a score for
 * a against b, which is the Mann–Whitney probability that a value of a
 * exceeds a value of b with ties counting one half (what scikit-learn's
 * roc_auc_score() computes). A score that ranks a pair backwards separates
 * it just as well, so each pair counts max(AUC, 1 − AUC).
 *
 * Returns: the smallest of those over all pairs of classes present, or
 *   NaN when fewer than two classes are present
 */
double
orchard_min_pairwise_auc (const OrchardLabelledKey *sorted,
                          gsize                     n,
                          guint                     n_classes)
{
  g_autofree double *below = g_new0 (double, n_classes);
  g_autofree double *wins = g_new0 (double, (gsize) n_classes * n_classes);
  g_autofree gsize *group = g_new0 (gsize, n_classes);
  g_autofree guint *present = g_new (guint, n_classes);
  double result = NAN;

  for (gsize i = 0; i < n;)
    {
      guint n_present = 0;
      gsize j = i;

      /* One group of tied values: a pair within it counts one half. */
      for (; j < n && sorted[j].key == sorted[i].key; j++)
        {
          guint32 label = sorted[j].label;

          if (label == ORCHARD_LABEL_NONE)
            continue;
          if (group[label]++ == 0)
            present[n_present++] = label;
        }

      for (guint p = 0; p < n_present; p++)
        {
          guint a = present[p];
          double *row = wins + (gsize) a * n_classes;

          for (guint b = 0; b < n_classes; b++)
            row[b] += (double) group[a] * (below[b] + 0.5 * (double) group[b]);
        }

      for (guint p = 0; p < n_present; p++)
        {
          below[present[p]] += (double) group[present[p]];
          group[present[p]] = 0;
        }

      i = j;
    }

  for (guint a = 0; a < n_classes; a++)
    for (guint b = a + 1; b < n_classes; b++)
      {
        double auc;

        if (below[a] == 0.0 || below[b] == 0.0)
          continue;

        auc = wins[(gsize) a * n_classes + b] / (below[a] * below[b]);
        auc = MAX (auc, 1.0 - auc);
        if (isnan (result) || auc < result)
          result = auc;
      }

  return result;
}

/**
 * orchard_pearson:
 * @x: (array length=n_rows): values, NaN for missing
 * @y: (array length=n_rows): values, NaN for missing
 * @n_rows: number of rows
 * @n_complete: (out): the rows where both are present
 *
 * Pearson's correlation over the rows where both are present, from
 * deviations about the means (two passes, like pandas' Series.corr()).
 *
 * Returns: the correlation, or NaN when either side has no spread
 */
double
orchard_pearson (const double *x,
                 const double *y,
                 gsize         n_rows,
                 gsize        *n_complete)
{
  double sx = 0.0, sy = 0.0;
  double sxx = 0.0, syy = 0.0, sxy = 0.0;
  gsize n = 0;
  double mx;
  double my;

  for (gsize r = 0; r < n_rows; r++)
    if (!isnan (x[r]) && !isnan (y[r]))
      {
        sx += x[r];
        sy += y[r];
        n++;
      }

  *n_complete = n;
  if (n < 2)
    return NAN;

  mx = sx / (double) n;
  my = sy / (double) n;

  for (gsize r = 0; r < n_rows; r++)
    if (!isnan (x[r]) && !isnan (y[r]))
      {
        double dx = x[r] - mx;
        double dy = y[r] - my;

        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
      }

  if (sxx == 0.0 || syy == 0.0)
    return NAN;

  return sxy / sqrt (sxx * syy);
}

/* splitmix64's finaliser: every input bit moves every output bit. */
guint64
orchard_hash_mix (guint64 h)
{
  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  h ^= h >> 31;
  return h;
}

/* 64-bit FNV-1a, finalised. */
guint64
orchard_hash_string (const char *str)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      h ^= *p;
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }

  return orchard_hash_mix (h);
}
