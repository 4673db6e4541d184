/* orchard-monitor-sort.c: sorting columns of doubles, and their quantiles
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exact drift tests walk both samples in order, so every numeric column
 * of a million rows is sorted once per comparison. A least-significant-digit
 * radix sort on the order-preserving integer image of the doubles does it in
 * six passes of 11 bits, skipping the passes where all keys share a digit
 * (the high bits of most real columns), several times faster than a
 * comparison sort.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-monitor-private.h"

#define RADIX_BITS    11
#define RADIX_SIZE    (1 << RADIX_BITS)
#define RADIX_PASSES  6
#define SMALL_SORT    2048
#define SIGN_BIT      G_GUINT64_CONSTANT (0x8000000000000000)

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Doubles compare like these unsigned integers: flip all bits of a negative
 * number, only the sign bit of a positive one. */
static inline guint64
to_key (double x)
{
  guint64 u;

  memcpy (&u, &x, sizeof u);
  return (u & SIGN_BIT) ? ~u : (u | SIGN_BIT);
}

static inline double
from_key (guint64 k)
{
  guint64 u = (k & SIGN_BIT) ? (k & ~SIGN_BIT) : ~k;
  double x;

  memcpy (&x, &u, sizeof x);
  return x;
}

/* Sorts the keys in @keys (n of them, their digit counts in @counts) with
 * the passes that move something; the last pass writes doubles. Returns
 * the buffer that holds the result: @keys or @scratch. */
static double *
radix_passes (guint64 *keys,
              guint64 *scratch,
              gsize    n,
              guint32 *counts)
{
  guint64 *src = keys, *dst = scratch;
  int todo[RADIX_PASSES], n_todo = 0;

  /* Every key has the same digit in a pass: that pass would not move one. */
  for (int p = 0; p < RADIX_PASSES; p++)
    if (counts[p * RADIX_SIZE + ((src[0] >> (p * RADIX_BITS)) & (RADIX_SIZE - 1))] != n)
      todo[n_todo++] = p;

  if (n_todo == 0)
    {
      for (gsize i = 0; i < n; i++)
        ((double *) (void *) src)[i] = from_key (src[i]);
      return (double *) (void *) src;
    }

  for (int t = 0; t < n_todo; t++)
    {
      guint32 *count = counts + todo[t] * RADIX_SIZE;
      int shift = todo[t] * RADIX_BITS;
      guint32 offset = 0;
      guint64 *swap;

      for (int d = 0; d < RADIX_SIZE; d++)
        {
          guint32 c = count[d];

          count[d] = offset;
          offset += c;
        }

      if (t + 1 < n_todo)
        for (gsize i = 0; i < n; i++)
          {
            guint64 k = src[i];

            dst[count[(k >> shift) & (RADIX_SIZE - 1)]++] = k;
          }
      else
        {
          double *out = (double *) (void *) dst;

          for (gsize i = 0; i < n; i++)
            {
              guint64 k = src[i];

              out[count[(k >> shift) & (RADIX_SIZE - 1)]++] = from_key (k);
            }
        }

      swap = src;
      src = dst;
      dst = swap;
    }

  return (double *) (void *) src;
}

/**
 * orchard_sort_gather:
 * @values: (array length=n_values): a column of doubles, NaN for missing
 * @rows: (array length=n_rows) (nullable): the rows to take, or %NULL for
 *   rows 0 … n_rows − 1
 * @n_rows: how many rows
 * @out: (out caller-allocates) (array length=n_rows): receives the values
 *   present, sorted in rising order (−0 before +0)
 * @scratch: (array length=n_rows): working space
 *
 * Gathers the values that are not NaN and sorts them: one pass gathers,
 * turns each double into its order-preserving key and counts the digits of
 * all passes; then one pass per digit that moves something, the last one
 * writing doubles.
 *
 * Returns: the number of values in @out
 */
gsize
orchard_sort_gather (const double *values,
                     const gsize  *rows,
                     gsize         n_rows,
                     double       *out,
                     double       *scratch)
{
  g_autofree guint32 *counts = NULL;
  guint64 *keys = (guint64 *) (void *) out;
  double *sorted;
  gsize n = 0;

  G_STATIC_ASSERT (sizeof (guint64) == sizeof (double));

  if (n_rows < SMALL_SORT || n_rows > G_MAXUINT32)
    {
      for (gsize i = 0; i < n_rows; i++)
        {
          double v = values[rows != NULL ? rows[i] : i];

          if (!isnan (v))
            out[n++] = v;
        }
      qsort (out, n, sizeof (double), compare_doubles);
      return n;
    }

  counts = g_new0 (guint32, RADIX_PASSES * RADIX_SIZE);

#define GATHER(ROW)                                                                   \
  for (gsize i = 0; i < n_rows; i++)                                                  \
    {                                                                                 \
      double v = values[ROW];                                                         \
      guint64 k;                                                                      \
                                                                                      \
      if (isnan (v))                                                                  \
        continue;                                                                     \
      k = to_key (v);                                                                 \
      keys[n++] = k;                                                                  \
      for (int p = 0; p < RADIX_PASSES; p++)                                          \
        counts[p * RADIX_SIZE + ((k >> (p * RADIX_BITS)) & (RADIX_SIZE - 1))]++;      \
    }

  if (rows != NULL)
    GATHER (rows[i])
  else
    GATHER (i)
#undef GATHER

  if (n == 0)
    return 0;

  sorted = radix_passes (keys, (guint64 *) (void *) scratch, n, counts);
  if (sorted != out)
    memcpy (out, sorted, n * sizeof (double));

  return n;
}

/**
 * orchard_sort_doubles:
 * @values: (array length=n) (inout): the values, none NaN
 * @n: how many
 * @scratch: (array length=n): working space of @n doubles
 *
 * Sorts @values in rising order (−0 before +0).
 */
void
orchard_sort_doubles (double *values,
                      gsize   n,
                      double *scratch)
{
  gsize kept = orchard_sort_gather (values, NULL, n, values, scratch);

  g_assert (kept == n);
}

/**
 * orchard_lower_bound:
 * @sorted: (array length=n): values in rising order
 * @n: how many
 * @value: a value
 *
 * Returns: the number of values below @value, `np.searchsorted(sorted,
 *   value, side='left')`
 */
gsize
orchard_lower_bound (const double *sorted,
                     gsize         n,
                     double        value)
{
  gsize lo = 0, hi = n;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (sorted[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

/**
 * orchard_sorted_quantile:
 * @sorted: (array length=n): values in rising order
 * @n: how many, > 0
 * @q: the probability, in [0, 1]
 *
 * The quantile by linear interpolation between the closest ranks,
 * `np.quantile(values, q)` with NumPy's default method, including its
 * choice of the end it interpolates from.
 *
 * Returns: the quantile
 */
double
orchard_sorted_quantile (const double *sorted,
                         gsize         n,
                         double        q)
{
  double position, t, a, b, diff;
  gsize below;

  g_return_val_if_fail (n > 0, NAN);

  position = (double) (n - 1) * q;
  below = (gsize) position;
  if (below >= n - 1)
    return sorted[n - 1];

  t = position - (double) below;
  a = sorted[below];
  b = sorted[below + 1];
  diff = b - a;

  /* numpy's _lerp: from the nearer end, so that t = 1 gives b exactly. */
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/* NumPy's pairwise summation (numpy/core/src/umath/loops_utils.h): blocks
 * of up to 128 values in eight running sums, halves above that. Its error
 * grows with log n, not n, and the sum is the one np.sum computes. */
#define PAIRWISE_BLOCK 128

#define PAIRWISE(NAME, TERM)                                                    \
static double                                                                   \
NAME (const double *x,                                                          \
      gsize         n,                                                          \
      double        m)                                                          \
{                                                                               \
  if (n < 8)                                                                    \
    {                                                                           \
      double res = 0.;                                                          \
                                                                                \
      for (gsize i = 0; i < n; i++)                                             \
        res += TERM (x[i], m);                                                  \
      return res;                                                               \
    }                                                                           \
  else if (n <= PAIRWISE_BLOCK)                                                 \
    {                                                                           \
      double r[8], res;                                                         \
      gsize i;                                                                  \
                                                                                \
      for (int k = 0; k < 8; k++)                                               \
        r[k] = TERM (x[k], m);                                                  \
      for (i = 8; i < n - (n % 8); i += 8)                                      \
        for (int k = 0; k < 8; k++)                                             \
          r[k] += TERM (x[i + k], m);                                           \
      res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7])); \
      for (; i < n; i++)                                                        \
        res += TERM (x[i], m);                                                  \
      return res;                                                               \
    }                                                                           \
  else                                                                          \
    {                                                                           \
      gsize n2 = n / 2;                                                         \
                                                                                \
      n2 -= n2 % 8;                                                             \
      return NAME (x, n2, m) + NAME (x + n2, n - n2, m);                        \
    }                                                                           \
}

#define VALUE(X, M) (X)
#define SQUARED_DEVIATION(X, M) (((X) - (M)) * ((X) - (M)))

PAIRWISE (pairwise_sum, VALUE)
PAIRWISE (pairwise_squared_deviations, SQUARED_DEVIATION)

/**
 * orchard_mean_and_m2:
 * @values: (array length=n): values, none NaN
 * @n: how many, > 0
 * @m2: (out): the sum of squared deviations from the mean
 *
 * The mean and Σ (x − mean)², both by pairwise summation, as np.mean and
 * np.var compute them.
 *
 * Returns: the mean
 */
double
orchard_mean_and_m2 (const double *values,
                     gsize         n,
                     double       *m2)
{
  double mean;

  g_return_val_if_fail (n > 0, NAN);

  mean = pairwise_sum (values, n, 0.0) / (double) n;
  *m2 = pairwise_squared_deviations (values, n, mean);
  return mean;
}
