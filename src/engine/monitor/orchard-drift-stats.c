/* orchard-drift-stats.c: distributions, tests, distances and effect sizes of drift detection
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each function states the SciPy expression it equals; the tests compare
 * them with SciPy 1.10 on real columns to 1e-9. The regularized incomplete
 * gamma function is Legendre's continued fraction (modified Lentz) above
 * x = a + 1 and the power series below (Numerical Recipes, 3rd ed., §6.2);
 * the normal quantile is Wichura's AS 241 (PPND16).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "orchard-drift-stats.h"

#define MAX_ITERATIONS 100000
#define TINY           1e-300

/* Neumaier's compensated sum: long sums of mixed terms keep their digits. */
typedef struct
{
  double sum;
  double compensation;
} Sum;

static inline void
sum_add (Sum    *s,
         double  x)
{
  double t = s->sum + x;

  if (fabs (s->sum) >= fabs (x))
    s->compensation += (s->sum - t) + x;
  else
    s->compensation += (x - t) + s->sum;
  s->sum = t;
}

static inline double
sum_get (const Sum *s)
{
  return s->sum + s->compensation;
}

/* The normal distribution ---------------------------------------------------- */

/**
 * orchard_normal_cdf:
 * @x: where
 *
 * Φ(x), `scipy.stats.norm.cdf(x)`.
 *
 * Returns: the cumulative probability
 */
double
orchard_normal_cdf (double x)
{
  return 0.5 * erfc (-x / G_SQRT2);
}

/**
 * orchard_normal_sf:
 * @x: where
 *
 * 1 − Φ(x), `scipy.stats.norm.sf(x)`, without losing the far tail.
 *
 * Returns: the upper tail probability
 */
double
orchard_normal_sf (double x)
{
  return 0.5 * erfc (x / G_SQRT2);
}

/**
 * orchard_normal_quantile:
 * @p: a probability
 *
 * Φ⁻¹(p), `scipy.stats.norm.ppf(p)`, by Wichura's algorithm AS 241
 * (about 1e-16 relative).
 *
 * Returns: the quantile; ∓∞ at 0 and 1, NaN outside [0, 1]
 */
double
orchard_normal_quantile (double p)
{
  double q, r, value;

  if (isnan (p) || p < 0 || p > 1)
    return NAN;
  if (p == 0)
    return -INFINITY;
  if (p == 1)
    return INFINITY;

  q = p - 0.5;
  if (fabs (q) <= 0.425)
    {
      r = 0.180625 - q * q;
      return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r +
                       67265.770927008700853) * r + 45921.953931549871457) * r +
                     13731.693765509461125) * r + 1971.5909503065514427) * r +
                   133.14166789178437745) * r + 3.387132872796366608) /
             (((((((5226.495278852545925 * r + 28729.085735721942674) * r +
                   39307.89580009271061) * r + 21213.794301586595867) * r +
                 5394.1960214247511077) * r + 687.1870074920579083) * r +
               42.313330701600911252) * r + 1.0);
    }

  r = q < 0 ? p : 1 - p;
  r = sqrt (-log (r));
  if (r <= 5)
    {
      r -= 1.6;
      value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r +
                    0.24178072517745061177) * r + 1.27045825245236838258) * r +
                  3.64784832476320460504) * r + 5.7694972214606914055) * r +
                4.6303378461565452959) * r + 1.42343711074968357734) /
              (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r +
                    0.0151986665636164571966) * r + 0.14810397642748007459) * r +
                  0.68976733498510000455) * r + 1.6763848301838038494) * r +
                2.05319162663775882187) * r + 1.0);
    }
  else
    {
      r -= 5;
      value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r +
                    0.0012426609473880784386) * r + 0.026532189526576123093) * r +
                  0.29656057182850489123) * r + 1.7848265399172913358) * r +
                5.4637849111641143699) * r + 6.6579046435011037772) /
              (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r +
                    1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
                  0.0148753612908506148525) * r + 0.13692988092273580531) * r +
                0.59983220655588793769) * r + 1.0);
    }

  return q < 0 ? -value : value;
}

/* The incomplete gamma function and the chi-square distribution -------------- */

static double
log_gamma (double x)
{
  int sign;

  /* lgamma_r: lgamma() writes the global signgam, which is a data race. */
  return lgamma_r (x, &sign);
}

/* x^a e^(−x) / Γ(a), the factor both expansions share. */
static double
gamma_front (double a,
             double x)
{
  return exp (a * log (x) - x - log_gamma (a));
}

/* P(a, x) by its power series, for x < a + 1. */
static double
gamma_series (double a,
              double x)
{
  double ap = a, del = 1.0 / a, sum = del;

  for (int n = 0; n < MAX_ITERATIONS; n++)
    {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (fabs (del) < fabs (sum) * DBL_EPSILON)
        break;
    }

  return sum * gamma_front (a, x);
}

/* Q(a, x) by Legendre's continued fraction, for x ≥ a + 1. */
static double
gamma_continued_fraction (double a,
                          double x)
{
  double b = x + 1 - a, c = 1 / TINY, d = 1 / b, h = d;

  for (int i = 1; i <= MAX_ITERATIONS; i++)
    {
      double an = -i * (i - a), del;

      b += 2;
      d = an * d + b;
      if (fabs (d) < TINY)
        d = TINY;
      c = b + an / c;
      if (fabs (c) < TINY)
        c = TINY;
      d = 1 / d;
      del = d * c;
      h *= del;
      if (fabs (del - 1) <= DBL_EPSILON)
        break;
    }

  return gamma_front (a, x) * h;
}

/**
 * orchard_gamma_regularized_lower:
 * @a: the shape, > 0
 * @x: where, ≥ 0
 *
 * P(a, x) = γ(a, x) / Γ(a), `scipy.special.gammainc(a, x)`.
 *
 * Returns: P(a, x), NaN outside the domain
 */
double
orchard_gamma_regularized_lower (double a,
                                 double x)
{
  if (!(a > 0) || !(x >= 0) || isinf (a))
    return NAN;
  if (x == 0)
    return 0.0;
  if (isinf (x))
    return 1.0;

  if (x < a + 1)
    return gamma_series (a, x);
  return 1 - gamma_continued_fraction (a, x);
}

/**
 * orchard_gamma_regularized_upper:
 * @a: the shape, > 0
 * @x: where, ≥ 0
 *
 * Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x), `scipy.special.gammaincc(a, x)`.
 *
 * Returns: Q(a, x), NaN outside the domain
 */
double
orchard_gamma_regularized_upper (double a,
                                 double x)
{
  if (!(a > 0) || !(x >= 0) || isinf (a))
    return NAN;
  if (x == 0)
    return 1.0;
  if (isinf (x))
    return 0.0;

  if (x < a + 1)
    return 1 - gamma_series (a, x);
  return gamma_continued_fraction (a, x);
}

/**
 * orchard_chi_square_sf:
 * @x: the statistic, ≥ 0
 * @df: degrees of freedom, > 0
 *
 * P(χ² > x), `scipy.stats.chi2.sf(x, df)` = Q(df/2, x/2).
 *
 * Returns: the upper tail probability; 0 for x = +∞, NaN for NaN arguments
 */
double
orchard_chi_square_sf (double x,
                       double df)
{
  if (isnan (x) || !(df > 0))
    return NAN;
  if (x <= 0)
    return 1.0;

  return orchard_gamma_regularized_upper (df / 2, x / 2);
}

/**
 * orchard_chi_square_isf:
 * @p: an upper tail probability, in (0, 1)
 * @df: degrees of freedom, > 0
 *
 * The x with P(χ² > x) = @p, `scipy.stats.chi2.isf(p, df)`, found by
 * bisection to full precision.
 *
 * Returns: the critical value, NaN outside the domain
 */
double
orchard_chi_square_isf (double p,
                        double df)
{
  double lo = 0, hi = MAX (df, 1.0);

  if (!(p > 0 && p < 1) || !(df > 0))
    return NAN;

  while (orchard_chi_square_sf (hi, df) > p)
    hi *= 2;

  for (int i = 0; i < 200 && hi - lo > DBL_EPSILON * hi; i++)
    {
      double mid = 0.5 * (lo + hi);

      if (orchard_chi_square_sf (mid, df) > p)
        lo = mid;
      else
        hi = mid;
    }

  return 0.5 * (lo + hi);
}

/* Tests ---------------------------------------------------------------------- */

/**
 * orchard_chisquare:
 * @observed: (array length=n): observed counts
 * @expected: (array length=n): expected counts, with the same sum
 * @n: the number of categories
 * @p_value: (out) (optional): the p-value
 *
 * Pearson's chi-square goodness-of-fit test, `scipy.stats.chisquare(observed,
 * expected)`: Σ (o − e)² / e with n − 1 degrees of freedom. A category with
 * an expected count of 0 and an observed count above 0 makes the statistic
 * +∞ and the p-value 0, as in SciPy; one where both are 0 adds nothing
 * (SciPy would give NaN). With fewer than two categories nothing can differ:
 * the statistic is 0 and the p-value 1.
 *
 * Returns: the statistic
 */
double
orchard_chisquare (const double *observed,
                   const double *expected,
                   gsize         n,
                   double       *p_value)
{
  double stat = 0;

  g_return_val_if_fail (n == 0 || (observed != NULL && expected != NULL), NAN);

  if (n < 2)
    {
      if (p_value != NULL)
        *p_value = 1.0;
      return 0.0;
    }

  for (gsize i = 0; i < n; i++)
    {
      double diff = observed[i] - expected[i];

      if (expected[i] == 0 && observed[i] == 0)
        continue;
      stat += diff * diff / expected[i];
    }

  if (p_value != NULL)
    *p_value = isinf (stat) ? 0.0 : orchard_chi_square_sf (stat, (double) (n - 1));

  return stat;
}

/**
 * orchard_proportions_z:
 * @n_a: the size of the first sample, > 0
 * @events_a: how many of it hold the value counted
 * @n_b: the size of the second sample, > 0
 * @events_b: how many of it hold the value counted
 * @p_value: (out) (optional): the two-sided p-value
 *
 * The two-proportion Z-test with the pooled proportion, as Evidently's
 * `z` test: z = (p_a − p_b) / √(P (1 − P) (1/n_a + 1/n_b)), p = 2 (1 − Φ(|z|)).
 * When every value of both samples is the same (P is 0 or 1) nothing can
 * differ: z is 0 and the p-value 1.
 *
 * Returns: z
 */
double
orchard_proportions_z (gsize   n_a,
                       gsize   events_a,
                       gsize   n_b,
                       gsize   events_b,
                       double *p_value)
{
  double p1, p2, pooled, z;

  g_return_val_if_fail (n_a > 0 && n_b > 0, NAN);
  g_return_val_if_fail (events_a <= n_a && events_b <= n_b, NAN);

  p1 = (double) events_a / (double) n_a;
  p2 = (double) events_b / (double) n_b;
  pooled = (p1 * (double) n_a + p2 * (double) n_b) / ((double) n_a + (double) n_b);

  if (pooled <= 0 || pooled >= 1)
    {
      if (p_value != NULL)
        *p_value = 1.0;
      return 0.0;
    }

  z = (p1 - p2) / sqrt (pooled * (1 - pooled) * (1.0 / (double) n_a + 1.0 / (double) n_b));
  if (p_value != NULL)
    *p_value = 2 * orchard_normal_sf (fabs (z));

  return z;
}

/* Distances ------------------------------------------------------------------- */

/**
 * orchard_wasserstein_distance:
 * @a: (array length=n_a): the first sample, sorted, without NaN
 * @n_a: its size, > 0
 * @b: (array length=n_b): the second sample, sorted, without NaN
 * @n_b: its size, > 0
 *
 * The first Wasserstein (earth mover's) distance between the empirical
 * distributions, `scipy.stats.wasserstein_distance(a, b)`: the integral of
 * |F_a − F_b|, summed over the gaps between consecutive values.
 *
 * Returns: the distance
 */
double
orchard_wasserstein_distance (const double *a,
                              gsize         n_a,
                              const double *b,
                              gsize         n_b)
{
  double inv_a, inv_b, block = 0;
  gsize i = 0, j = 0, n;
  Sum total = { 0, 0 };

  g_return_val_if_fail (n_a > 0 && n_b > 0, NAN);
  g_return_val_if_fail (a != NULL && b != NULL, NAN);

  inv_a = 1.0 / (double) n_a;
  inv_b = 1.0 / (double) n_b;
  n = n_a + n_b;

  /* The merged values one by one: between a value and the next, |F_a − F_b|
   * is the share of each sample taken so far. Tied values are 0 apart, so
   * the order among them does not matter. The selects compile to
   * conditional moves: which sample comes next is a coin toss for a
   * branch predictor. The terms are ≥ 0; they are added in blocks, and the
   * blocks with compensation. */
  for (gsize k = 0; k + 1 < n; k++)
    {
      double ai = a[i < n_a ? i : n_a - 1];
      double bj = b[j < n_b ? j : n_b - 1];
      gboolean take_a = j >= n_b || (i < n_a && ai <= bj);
      double x = take_a ? ai : bj, next;

      i += take_a;
      j += !take_a;
      ai = i < n_a ? a[i] : INFINITY;
      bj = j < n_b ? b[j] : INFINITY;
      next = ai < bj ? ai : bj;

      block += fabs ((double) i * inv_a - (double) j * inv_b) * (next - x);
      if ((k & 1023) == 1023)
        {
          sum_add (&total, block);
          block = 0;
        }
    }
  sum_add (&total, block);

  return sum_get (&total);
}

/* p log(p / m), scipy.special.rel_entr, for p ≥ 0 and m ≥ p / 2 > 0. */
static double
rel_entr (double p,
          double m)
{
  if (p == 0)
    return 0.0;
  return p * log (p / m);
}

/**
 * orchard_jensen_shannon_distance:
 * @p: (array length=n): the first distribution, weights ≥ 0 not all 0
 * @q: (array length=n): the second distribution
 * @n: the number of categories
 *
 * The Jensen–Shannon distance with the natural logarithm,
 * `scipy.spatial.distance.jensenshannon(p, q)`: both are normalised to sum
 * to 1, m = (p + q) / 2, and the distance is
 * √((KL(p ‖ m) + KL(q ‖ m)) / 2), between 0 and √ln 2. A sum that rounding
 * leaves a hair below 0 counts as 0 (SciPy would return NaN).
 *
 * Returns: the distance, NaN when either distribution is all zero
 */
double
orchard_jensen_shannon_distance (const double *p,
                                 const double *q,
                                 gsize         n)
{
  double sum_p = 0, sum_q = 0, left = 0, right = 0, js;

  g_return_val_if_fail (n == 0 || (p != NULL && q != NULL), NAN);

  for (gsize i = 0; i < n; i++)
    {
      sum_p += p[i];
      sum_q += q[i];
    }
  if (!(sum_p > 0) || !(sum_q > 0))
    return NAN;

  for (gsize i = 0; i < n; i++)
    {
      double pi = p[i] / sum_p;
      double qi = q[i] / sum_q;
      double m = (pi + qi) / 2.0;

      left += rel_entr (pi, m);
      right += rel_entr (qi, m);
    }

  js = left + right;
  return sqrt (MAX (js, 0.0) / 2.0);
}

/**
 * orchard_psi:
 * @reference_counts: (array length=n_bins): reference values per bin
 * @current_counts: (array length=n_bins): current values per bin
 * @n_bins: the number of bins
 *
 * The population stability index Σ (c − r) ln(c / r) over the bins, with r
 * and c the shares of the reference and current values in each bin; a bin
 * holding no value of one side counts as a share of
 * %ORCHARD_PSI_EMPTY_SHARE there.
 *
 * Returns: the index, NaN when either side has no value at all
 */
double
orchard_psi (const gsize *reference_counts,
             const gsize *current_counts,
             gsize        n_bins)
{
  gsize n_ref = 0, n_cur = 0;
  Sum psi = { 0, 0 };

  g_return_val_if_fail (n_bins == 0 || (reference_counts != NULL && current_counts != NULL), NAN);

  for (gsize i = 0; i < n_bins; i++)
    {
      n_ref += reference_counts[i];
      n_cur += current_counts[i];
    }
  if (n_ref == 0 || n_cur == 0)
    return NAN;

  for (gsize i = 0; i < n_bins; i++)
    {
      double r = reference_counts[i] > 0 ? (double) reference_counts[i] / (double) n_ref
                                         : ORCHARD_PSI_EMPTY_SHARE;
      double c = current_counts[i] > 0 ? (double) current_counts[i] / (double) n_cur
                                       : ORCHARD_PSI_EMPTY_SHARE;

      sum_add (&psi, (c - r) * log (c / r));
    }

  return sum_get (&psi);
}

/* Effect sizes ---------------------------------------------------------------- */

/**
 * orchard_cohens_d:
 * @n_a: the size of the first sample
 * @mean_a: its mean
 * @var_a: its variance with n − 1 in the denominator
 * @n_b: the size of the second sample
 * @mean_b: its mean
 * @var_b: its variance with n − 1 in the denominator
 *
 * Cohen's d of the second sample against the first: the difference of the
 * means over the pooled standard deviation
 * √(((n_a − 1) s_a² + (n_b − 1) s_b²) / (n_a + n_b − 2)).
 *
 * Returns: d; 0 when both samples are constant and equal, ±∞ when they are
 *   constant and differ, NaN with fewer than 3 values in all
 */
double
orchard_cohens_d (gsize  n_a,
                  double mean_a,
                  double var_a,
                  gsize  n_b,
                  double mean_b,
                  double var_b)
{
  double pooled, diff;

  if (n_a == 0 || n_b == 0 || n_a + n_b < 3)
    return NAN;

  /* A sample of one value has no spread of its own. */
  if (n_a < 2)
    var_a = 0;
  if (n_b < 2)
    var_b = 0;

  pooled = sqrt ((((double) n_a - 1) * var_a + ((double) n_b - 1) * var_b) /
                 ((double) n_a + (double) n_b - 2));
  diff = mean_b - mean_a;

  if (pooled == 0)
    return diff == 0 ? 0.0 : copysign (INFINITY, diff);

  return diff / pooled;
}

/**
 * orchard_cramers_v:
 * @counts_a: (array length=n_bins): the first sample's counts per category
 * @counts_b: (array length=n_bins): the second sample's counts per category
 * @n_bins: the number of categories
 *
 * Cramér's V of the 2 × k table (sample by category),
 * `scipy.stats.contingency.association(table, method='cramer')`:
 * √(χ² / N) with χ² Pearson's statistic of independence without continuity
 * correction. Categories empty in both samples are left out.
 *
 * Returns: V in [0, 1]; 0 when fewer than two categories hold a value, NaN
 *   when a sample is empty
 */
double
orchard_cramers_v (const gsize *counts_a,
                   const gsize *counts_b,
                   gsize        n_bins)
{
  double n_a = 0, n_b = 0, total, chi2 = 0;
  gsize used = 0;

  g_return_val_if_fail (n_bins == 0 || (counts_a != NULL && counts_b != NULL), NAN);

  for (gsize i = 0; i < n_bins; i++)
    {
      n_a += (double) counts_a[i];
      n_b += (double) counts_b[i];
      if (counts_a[i] + counts_b[i] > 0)
        used++;
    }
  if (n_a == 0 || n_b == 0)
    return NAN;
  if (used < 2)
    return 0.0;

  total = n_a + n_b;
  for (gsize i = 0; i < n_bins; i++)
    {
      double column = (double) counts_a[i] + (double) counts_b[i];
      double e_a = n_a * column / total;
      double e_b = n_b * column / total;

      if (column == 0)
        continue;
      chi2 += ((double) counts_a[i] - e_a) * ((double) counts_a[i] - e_a) / e_a;
      chi2 += ((double) counts_b[i] - e_b) * ((double) counts_b[i] - e_b) / e_b;
    }

  return sqrt (chi2 / total);
}

/* Multiple tests -------------------------------------------------------------- */

typedef struct
{
  double p;
  gsize  index;
} Ranked;

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->p < rb->p)
    return -1;
  if (ra->p > rb->p)
    return 1;
  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

/**
 * orchard_adjust_p_values:
 * @p_values: (array length=n): p-values of @n tests
 * @n: how many
 * @benjamini_hochberg: %TRUE for the Benjamini–Hochberg step-up adjustment
 *   (false discovery rate), %FALSE for Bonferroni's (family-wise error)
 * @adjusted: (out caller-allocates) (array length=n): the adjusted p-values
 *
 * Bonferroni: min(1, n p). Benjamini–Hochberg: with the p-values in rising
 * order p₍₁₎ ≤ … ≤ p₍ₙ₎, p̃₍ᵢ₎ = min over j ≥ i of min(1, n p₍ⱼ₎ / j), as
 * `statsmodels.stats.multitest.multipletests(method='fdr_bh')`.
 */
void
orchard_adjust_p_values (const double *p_values,
                         gsize         n,
                         gboolean      benjamini_hochberg,
                         double       *adjusted)
{
  g_autofree Ranked *ranked = NULL;
  double running = 1.0;

  g_return_if_fail (n == 0 || (p_values != NULL && adjusted != NULL));

  if (!benjamini_hochberg)
    {
      for (gsize i = 0; i < n; i++)
        adjusted[i] = MIN (1.0, p_values[i] * (double) n);
      return;
    }

  ranked = g_new (Ranked, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      ranked[i].p = p_values[i];
      ranked[i].index = i;
    }
  qsort (ranked, n, sizeof (Ranked), compare_ranked);

  for (gsize r = n; r > 0; r--)
    {
      double value = MIN (1.0, ranked[r - 1].p * (double) n / (double) r);

      running = MIN (running, value);
      adjusted[ranked[r - 1].index] = running;
    }
}
