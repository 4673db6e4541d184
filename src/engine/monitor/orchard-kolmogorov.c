/* orchard-kolmogorov.c: the two-sample Kolmogorov–Smirnov test as SciPy 1.10 computes it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * scipy.stats.ks_2samp(method='auto') takes the exact distribution of the
 * two-sample statistic when neither sample has more than 10,000 values
 * (Hodges 1958 lattice paths, in Viehmann's (2021) form that computes the
 * complement directly), and otherwise scipy.stats.kstwo.sf(D, round(en)),
 * the one-sample distribution of D_n at the effective size
 * en = n₁n₂/(n₁ + n₂). kstwo.sf itself chooses, as Simard & L'Ecuyer
 * (2011) recommend, between closed forms near the ends of the range,
 * Durbin's matrix in the form of Marsaglia, Tsang & Wang (2003),
 * Pomeranz's recursion (1974), the Pelz–Good expansion (1976) and twice
 * the one-sided Smirnov probability. The same regions, cut-offs and
 * recurrences are used here, so that the p-values agree with SciPy's to
 * rounding, not just to the accuracy of an approximation.
 *
 * The one-sided Smirnov probability is the Birnbaum–Tingey sum (all terms
 * positive) in extended precision, which agrees with SciPy's double-double
 * evaluation of the same sum to about 1e-15.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "orchard-drift-stats.h"

#define LOG_2PI     1.8378770664093453      /* log(2π) */
#define SQRT_2PI    2.5066282746310002      /* sqrt(2π) */
#define SQRT_3      1.7320508075688772
#define PI_SQUARED  (G_PI * G_PI)
#define PI_FOUR     (PI_SQUARED * PI_SQUARED)
#define PI_SIX      (PI_FOUR * PI_SQUARED)
#define MIN_LOG     (-708.0)                /* _ksstats._MIN_LOG */
#define CEPHES_MINLOG (-7.08396418532264106224e2)
#define TWO_128     0x1p128
#define TWO_M128    0x1p-128
#define SMIRNOV_MAX_COMPUTE_N 1000000
#define KS_MAX_AUTO_N 10000

static double
clip01 (double p)
{
  if (isnan (p))
    return p;
  return CLAMP (p, 0.0, 1.0);
}

/* log(n! / nⁿ) by Stirling's series, _ksstats._log_nfactorial_div_n_pow_n. */
static double
log_nfactorial_div_n_pow_n (double n)
{
  static const double coeffs[] = {
    -2.955065359477124183e-2, 6.4102564102564102564e-3,
    -1.9175269175269175269e-3, 8.4175084175084175084e-4,
    -5.952380952380952381e-4, 7.9365079365079365079e-4,
    -2.7777777777777777778e-3, 8.3333333333333333333e-2,
  };
  double rn = 1.0 / n;
  double x = rn / n;
  double poly = 0;

  for (guint i = 0; i < G_N_ELEMENTS (coeffs); i++)
    poly = poly * x + coeffs[i];

  return log (n) / 2 - n + LOG_2PI / 2 + rn * poly;
}

/* One-sided: Smirnov --------------------------------------------------------- */

/**
 * orchard_smirnov_sf:
 * @n: the sample size, > 0
 * @d: the statistic, in [0, 1]
 *
 * P(D⁺ₙ ≥ d), the exact one-sided one-sample Kolmogorov–Smirnov tail,
 * `scipy.special.smirnov(n, d)`: the Birnbaum–Tingey sum
 * d Σ C(n, v) (d + v/n)^(v−1) (1 − d − v/n)^(n−v) over v < n(1 − d), in
 * extended precision; beyond n = 10⁶ SciPy's approximation
 * exp(−(6nd + 1)² / 18n).
 *
 * Returns: the probability, NaN outside the domain
 */
double
orchard_smirnov_sf (guint64 n,
                    double  d)
{
  double nx_hi, nx_lo, floor_nx, alpha;
  guint64 nxfl, n_terms;
  long double sum = 0, log_binom = 0, previous = 0;

  if (!(n > 0 && d >= 0.0 && d <= 1.0) || n > (G_GUINT64_CONSTANT (1) << 52))
    return NAN;
  if (n == 1)
    return 1 - d;
  if (d == 0.0)
    return 1.0;
  if (d == 1.0)
    return 0.0;

  /* floor(n d) and its remainder exactly: n d = hi + lo with an FMA. */
  nx_hi = (double) n * d;
  nx_lo = fma ((double) n, d, -nx_hi);
  floor_nx = floor (nx_hi);
  alpha = (nx_hi - floor_nx) + nx_lo;
  if (alpha < 0)
    {
      floor_nx -= 1;
      alpha += 1;
    }
  if (alpha >= 1)
    {
      floor_nx += 1;
      alpha -= 1;
    }
  nxfl = (guint64) floor_nx;

  /* d ≤ 1/n: P(D⁺ < d) = d (1 + d)^(n−1). */
  if (nxfl == 0 || (nxfl == 1 && alpha == 0))
    return clip01 (1 - d * pow (1 + d, (double) (n - 1)));
  if (-2 * (double) n * d * d < CEPHES_MINLOG)
    return 0.0;
  if (nxfl >= n - 1)
    return clip01 (pow (1 - d, (double) n));
  if (n > SMIRNOV_MAX_COMPUTE_N)
    {
      double logp = -pow (6.0 * (double) n * d + 1, 2) / 18.0 / (double) n;

      return clip01 (logp < -G_LN2 ? exp (logp) : 1 + expm1 (logp));
    }

  /* v runs over 0 … n − nxfl − 1, those with 1 − d − v/n > 0. Both
   * factors are written through floor(nd) and its remainder, so that
   * neither loses digits near the end of the range. */
  n_terms = n - nxfl;
  for (guint64 v = 0; v < n_terms; v++)
    {
      long double up = ((long double) (nxfl + v) + alpha) / (long double) n;        /* d + v/n */
      long double down = ((long double) (n - v - nxfl) - alpha) / (long double) n;  /* 1 − d − v/n */
      long double term;

      if (v > 0)
        log_binom += logl ((long double) (n - v + 1) / (long double) v);

      term = expl (log_binom + (long double) ((double) v - 1) * logl (up) +
                   (long double) (n - v) * logl (down));
      sum += term;

      /* The terms rise to one peak and fall; past it, once they no longer
       * reach the last digit of the sum, the rest cannot either. */
      if (v > 0 && term < previous && term < sum * 1e-21L)
        break;
      previous = term;
    }

  return clip01 ((double) (sum * d));
}

/* Two-sided, one sample: kstwo ---------------------------------------------- */

static void
matmul (const double *a,
        const double *b,
        double       *out,
        int           m)
{
  memset (out, 0, sizeof (double) * m * m);
  for (int i = 0; i < m; i++)
    for (int k = 0; k < m; k++)
      {
        double aik = a[i * m + k];

        if (aik == 0)
          continue;
        for (int j = 0; j < m; j++)
          out[i * m + j] += aik * b[k * m + j];
      }
}

/* P(D_n ≤ d) by Durbin's matrix, _ksstats._kolmogn_DMTW. */
static double
kolmogn_dmtw_cdf (guint64 n,
                  double  d)
{
  g_autofree double *H = NULL;
  g_autofree double *power = NULL;
  g_autofree double *scratch = NULL;
  g_autofree double *v = NULL;
  g_autofree double *w = NULL;
  double nd, h, fac, tt;
  long double p;
  int k, m;
  guint64 nn;
  gint64 expnt = 0, h_expnt = 0;

  if (d >= 1.0)
    return 1.0;
  nd = (double) n * d;
  if (nd <= 0.5)
    return 0.0;

  k = (int) ceil (nd);
  h = k - nd;
  m = 2 * k - 1;

  H = g_new0 (double, (gsize) m * m);
  power = g_new0 (double, (gsize) m * m);
  scratch = g_new (double, (gsize) m * m);
  v = g_new (double, m);
  w = g_new (double, m);

  for (int j = 1; j <= m; j++)
    v[j - 1] = 1.0 - pow (h, j);
  fac = 1.0;
  for (int j = 1; j <= m; j++)
    {
      w[j - 1] = fac;
      fac /= j;
      v[j - 1] *= fac;
    }
  tt = pow (MAX (2 * h - 1.0, 0), m) - 2 * pow (h, m);
  v[m - 1] = (1.0 + tt) * fac;

  for (int i = 1; i < m; i++)
    for (int r = i - 1; r < m; r++)
      H[r * m + i] = w[r - (i - 1)];
  for (int r = 0; r < m; r++)
    H[r * m] = v[r];
  for (int c = 0; c < m; c++)
    H[(m - 1) * m + c] = v[m - 1 - c];

  for (int i = 0; i < m; i++)
    power[i * m + i] = 1.0;

  for (nn = n; nn > 0; nn /= 2)
    {
      if (nn % 2)
        {
          matmul (power, H, scratch, m);
          memcpy (power, scratch, sizeof (double) * m * m);
          expnt += h_expnt;
        }
      matmul (H, H, scratch, m);
      memcpy (H, scratch, sizeof (double) * m * m);
      h_expnt *= 2;
      if (fabs (H[(k - 1) * m + (k - 1)]) > TWO_128)
        {
          for (int i = 0; i < m * m; i++)
            H[i] /= TWO_128;
          h_expnt += 128;
        }
    }

  /* Times n!/nⁿ. */
  p = power[(k - 1) * m + (k - 1)];
  for (guint64 i = 1; i <= n; i++)
    {
      p = (long double) i * p / (long double) n;
      if (fabsl (p) < TWO_M128)
        {
          p *= TWO_128;
          expnt -= 128;
        }
    }
  if (expnt != 0)
    p = ldexpl (p, (int) expnt);

  return clip01 ((double) p);
}

static void
pomeranz_j1j2 (gint64  i,
               gint64  n,
               gint64  ll,
               gint64  ceilf,
               gint64  roundf,
               gint64 *j1_out,
               gint64 *j2_out)
{
  gint64 j1, j2;

  if (i == 0)
    {
      j1 = -ll - ceilf - 1;
      j2 = ll + ceilf - 1;
    }
  else
    {
      gint64 ip1div2 = (i + 1) / 2;
      gint64 ip1mod2 = (i + 1) % 2;

      if (ip1mod2 == 0)
        {
          if (ip1div2 == n + 1)
            {
              j1 = n - ll - ceilf - 1;
              j2 = n + ll + ceilf - 1;
            }
          else
            {
              j1 = ip1div2 - 1 - ll - roundf - 1;
              j2 = ip1div2 + ll - 1 + ceilf - 1;
            }
        }
      else
        {
          j1 = ip1div2 - 1 - ll - 1;
          j2 = ip1div2 + ll + roundf - 1;
        }
    }

  *j1_out = MAX (j1 + 2, 0);
  *j2_out = MIN (j2, n);
}

/* P(D_n ≤ x) by Pomeranz's recursion, _ksstats._kolmogn_Pomeranz. */
static double
kolmogn_pomeranz_cdf (guint64 n_,
                      double  x)
{
  gint64 n = (gint64) n_;
  double t = (double) n * x;
  gint64 ll = (gint64) floor (t);
  double f = t - (double) ll;
  double g = MIN (f, 1.0 - f);
  gint64 ceilf = f > 0 ? 1 : 0;
  gint64 roundf = f > 0.5 ? 1 : 0;
  gint64 npwrs = 2 * (ll + 1);
  g_autofree double *gpower = g_new (double, npwrs);
  g_autofree double *twogpower = g_new (double, npwrs);
  g_autofree double *onem2gpower = g_new (double, npwrs);
  g_autofree double *row_a = g_new0 (double, npwrs);
  g_autofree double *row_b = g_new0 (double, npwrs);
  g_autofree double *conv = g_new (double, 2 * npwrs);
  double *V0 = row_a, *V1 = row_b;
  gint64 V0s = 0, V1s = 0, j1, j2;
  double g_over_n = g / (double) n;
  double two_g_over_n = 2 * g / (double) n;
  double one_minus_two_g_over_n = (1 - 2 * g) / (double) n;
  gint64 expnt = 0;
  double ans;

  gpower[0] = twogpower[0] = onem2gpower[0] = 1.0;
  for (gint64 m = 1; m < npwrs; m++)
    {
      gpower[m] = gpower[m - 1] * g_over_n / (double) m;
      twogpower[m] = twogpower[m - 1] * two_g_over_n / (double) m;
      onem2gpower[m] = onem2gpower[m - 1] * one_minus_two_g_over_n / (double) m;
    }

  V1[0] = 1;
  pomeranz_j1j2 (0, n, ll, ceilf, roundf, &j1, &j2);

  for (gint64 i = 1; i < 2 * n + 2; i++)
    {
      gint64 k1 = j1, ln2;
      const double *pwrs;
      double *swap_row;
      gint64 swap_start;

      swap_row = V0; V0 = V1; V1 = swap_row;
      swap_start = V0s; V0s = V1s; V1s = swap_start;
      memset (V1, 0, sizeof (double) * npwrs);

      pomeranz_j1j2 (i, n, ll, ceilf, roundf, &j1, &j2);
      if (i == 1 || i == 2 * n + 1)
        pwrs = gpower;
      else
        pwrs = (i % 2) ? twogpower : onem2gpower;

      ln2 = j2 - k1 + 1;
      if (ln2 > 0)
        {
          /* np.convolve (V0[k1 − V0s : k1 − V0s + ln2], pwrs[:ln2]), both
           * slices cut at the end of their arrays as NumPy cuts them. */
          gint64 a_start = k1 - V0s;
          gint64 a_len = MIN (ln2, npwrs - a_start);
          gint64 b_len = MIN (ln2, npwrs);
          gint64 conv_start = j1 - k1;
          gint64 conv_len = j2 - j1 + 1;
          double vmax = 0;

          g_assert (a_start >= 0 && a_len > 0);
          for (gint64 c = 0; c < conv_len; c++)
            {
              gint64 idx = conv_start + c;
              double s = 0;

              for (gint64 a = MAX (0, idx - b_len + 1); a <= MIN (idx, a_len - 1); a++)
                s += V0[a_start + a] * pwrs[idx - a];
              V1[c] = s;
            }

          for (gint64 c = 0; c < npwrs; c++)
            vmax = MAX (vmax, V1[c]);
          if (0 < vmax && vmax < TWO_M128)
            {
              for (gint64 c = 0; c < npwrs; c++)
                V1[c] *= TWO_128;
              expnt -= 128;
            }
          V1s = V0s + j1 - k1;
        }
    }

  ans = V1[n - V1s];
  for (gint64 m = 1; m <= n; m++)
    {
      if (fabs (ans) > TWO_128)
        {
          ans *= TWO_M128;
          expnt += 128;
        }
      ans *= (double) m;
    }
  if (expnt != 0)
    ans = ldexp (ans, (int) expnt);

  return clip01 (ans);
}

/* P(D_n ≤ x) by the Pelz–Good expansion, _ksstats._kolmogn_PelzGood. */
static double
kolmogn_pelz_good_cdf (guint64 n,
                       double  x)
{
  double z, zsquared, zthree, zfour, zsix, qlog, q;
  double k1a, k1b, k2a, k2b, k2c, k3a, k3b, k3c, k3d;
  double K[4] = { 0, 0, 0, 0 };
  double divisors[4];
  double sqrt3z, k2extra = 0, k3extra = 0;
  int maxk;

  if (x <= 0.0)
    return 0.0;
  if (x >= 1.0)
    return 1.0;

  z = sqrt ((double) n) * x;
  zsquared = pow (z, 2);
  zthree = pow (z, 3);
  zfour = pow (z, 4);
  zsix = pow (z, 6);

  qlog = -PI_SQUARED / 8 / zsquared;
  if (qlog < MIN_LOG)
    return 0.0;
  q = exp (qlog);

  k1a = -zsquared;
  k1b = PI_SQUARED / 4;
  k2a = 6 * zsix + 2 * zfour;
  k2b = (2 * zfour - 5 * zsquared) * PI_SQUARED / 4;
  k2c = PI_FOUR * (1 - 2 * zsquared) / 16;
  k3d = PI_SIX * (5 - 30 * zsquared) / 64;
  k3c = PI_FOUR * (-60 * zsquared + 212 * zfour) / 16;
  k3b = PI_SQUARED * (135 * zfour - 96 * zsix) / 4;
  k3a = -30 * zsix - 90 * pow (z, 8);

  maxk = (int) ceil (16 * z / G_PI);
  for (int k = maxk; k > 0; k--)
    {
      double m = 2 * k - 1;
      double msquared = m * m, mfour = msquared * msquared, msix = mfour * msquared;
      double qpower = pow (q, 8 * k);
      double coeffs[4] = {
        1.0,
        k1a + k1b * msquared,
        k2a + k2b * msquared + k2c * mfour,
        k3a + k3b * msquared + k3c * mfour + k3d * msix,
      };

      for (int i = 0; i < 4; i++)
        K[i] = K[i] * qpower + coeffs[i];
    }

  divisors[0] = z;
  divisors[1] = 6 * zfour;
  divisors[2] = 72 * pow (z, 7);
  divisors[3] = 6480 * pow (z, 10);
  for (int i = 0; i < 4; i++)
    K[i] = K[i] * q * SQRT_2PI / divisors[i];

  q = exp (-PI_SQUARED / 2 / zsquared);
  sqrt3z = SQRT_3 * z;
  for (int k = maxk; k > 0; k--)
    {
      double ksquared = (double) k * k;
      double kspi = G_PI * k;
      double qpwer = pow (q, ksquared);

      k2extra += ksquared * qpwer;
      k3extra += (sqrt3z + kspi) * (sqrt3z - kspi) * ksquared * qpwer;
    }
  K[2] += k2extra * PI_SQUARED * SQRT_2PI / (-36 * zthree);
  K[3] += k3extra * PI_SQUARED * SQRT_2PI / (216 * zsix);

  for (int i = 0; i < 4; i++)
    K[i] /= pow ((double) n, i / 2.0);

  return K[0] + K[1] + K[2] + K[3];
}

/* P(D_n > x), _ksstats._kolmogn(n, x, cdf=False). */
static double
kolmogn_sf (guint64 n,
            double  x)
{
  double t, nxsquared, prob, cdf;

  if (x >= 1.0)
    return 0.0;
  if (x <= 0.0)
    return 1.0;

  t = (double) n * x;
  if (t <= 1.0)
    {
      /* Ruben–Gambino: P(D_n ≤ x) = n!/nⁿ (2t − 1)ⁿ for 1/2n ≤ x ≤ 1/n. */
      if (t <= 0.5)
        return 1.0;
      if (n <= 140)
        {
          prob = 1.0;
          for (guint64 i = 1; i <= n; i++)
            prob *= (double) i * (1.0 / (double) n) * (2 * t - 1);
        }
      else
        prob = exp (log_nfactorial_div_n_pow_n ((double) n) + (double) n * log (2 * t - 1));
      return clip01 (1.0 - prob);
    }
  if (t >= (double) n - 1)
    return clip01 (2 * pow (1.0 - x, (double) n));
  if (x >= 0.5)
    return clip01 (2 * orchard_smirnov_sf (n, x));

  nxsquared = t * x;
  if (n <= 140)
    {
      if (nxsquared <= 0.754693)
        return clip01 (1.0 - kolmogn_dmtw_cdf (n, x));
      if (nxsquared <= 4)
        return clip01 (1.0 - kolmogn_pomeranz_cdf (n, x));
      return clip01 (2 * orchard_smirnov_sf (n, x));
    }

  if (nxsquared >= 370.0)
    return 0.0;
  if (nxsquared >= 2.2)
    return clip01 (2 * orchard_smirnov_sf (n, x));

  if (n <= 100000 && (double) n * pow (x, 1.5) <= 1.4)
    cdf = kolmogn_dmtw_cdf (n, x);
  else
    cdf = kolmogn_pelz_good_cdf (n, x);

  return clip01 (1.0 - cdf);
}

/**
 * orchard_kstwo_sf:
 * @d: the statistic
 * @n: the sample size, > 0
 *
 * P(D_n > d) for the two-sided one-sample Kolmogorov–Smirnov statistic,
 * `scipy.stats.kstwo.sf(d, n)`: 1 at or below the lower end of the support
 * 1/2n, 0 at or above 1.
 *
 * Returns: the probability, NaN for a NaN @d or @n = 0
 */
double
orchard_kstwo_sf (double  d,
                  guint64 n)
{
  if (isnan (d) || n == 0)
    return NAN;
  if (d <= 0.5 / (double) n)
    return 1.0;
  if (d >= 1.0)
    return 0.0;

  return kolmogn_sf (n, d);
}

/* Two samples --------------------------------------------------------------- */

static guint64
gcd (guint64 a,
     guint64 b)
{
  while (b != 0)
    {
      guint64 t = a % b;

      a = b;
      b = t;
    }
  return a;
}

/* P(D ≥ h/n) for two samples of n each, _compute_prob_outside_square. */
static double
prob_outside_square (gint64 n,
                     gint64 h)
{
  double P = 0.0;
  gint64 k = (gint64) floor ((double) n / (double) h);

  for (; k >= 0; k--)
    {
      double p1 = 1.0;

      for (gint64 j = 0; j < h; j++)
        p1 = (double) (n - k * h - j) * p1 / (double) (n + k * h + j + 1);
      P = p1 * (1.0 - P);
    }

  return 2 * P;
}

/* The share of lattice paths from (0, 0) to (m, n) that leave the band
 * |x/m − y/n| < h/lcm(m, n), _compute_outer_prob_inside_method. */
static double
outer_prob_inside (gint64 m,
                   gint64 n,
                   gint64 g,
                   gint64 h)
{
  g_autofree double *A = NULL;
  gint64 mg, ng, minj, maxj, curlen, lenA;

  if (m < n)
    {
      gint64 t = m;

      m = n;
      n = t;
    }
  mg = m / g;
  ng = n / g;

  minj = 0;
  maxj = MIN ((gint64) ceil ((double) h / (double) mg), n + 1);
  curlen = maxj - minj;
  lenA = MIN (2 * maxj + 2, n + 1);
  A = g_new (double, lenA);
  for (gint64 i = 0; i < lenA; i++)
    A[i] = 1.0;
  for (gint64 i = minj; i < maxj; i++)
    A[i] = 0.0;

  for (gint64 i = 1; i <= m; i++)
    {
      gint64 lastminj = minj, lastlen = curlen;
      double val;

      minj = MAX ((gint64) floor ((double) (ng * i - h) / (double) mg) + 1, 0);
      minj = MIN (minj, n);
      maxj = MIN ((gint64) ceil ((double) (ng * i + h) / (double) mg), n + 1);
      if (maxj <= minj)
        return 1.0;

      val = minj == 0 ? 0.0 : 1.0;
      for (gint64 jj = 0; jj < maxj - minj; jj++)
        {
          gint64 j = jj + minj;

          val = (A[jj + minj - lastminj] * (double) i + val * (double) j) / (double) (i + j);
          A[jj] = val;
        }
      curlen = maxj - minj;
      if (lastlen > curlen)
        for (gint64 c = maxj - minj; c < maxj - minj + (lastlen - curlen); c++)
          A[c] = 1;
    }

  return A[maxj - minj - 1];
}

/**
 * orchard_ks_2samp:
 * @a: (array length=n_a): the first sample, sorted, without NaN
 * @n_a: its size, > 0
 * @b: (array length=n_b): the second sample, sorted, without NaN
 * @n_b: its size, > 0
 * @p_value: (out) (optional): the two-sided p-value
 * @method: (out) (optional): how the p-value was computed
 *
 * The two-sample Kolmogorov–Smirnov test, exactly as
 * `scipy.stats.ks_2samp(a, b)` (two-sided, `method='auto'`) in SciPy 1.10:
 * D is the largest distance between the two empirical distribution
 * functions, evaluated at every value of either sample; the p-value is exact
 * when neither sample holds more than 10,000 values (D is then rounded to
 * the nearest multiple of 1/lcm(n_a, n_b), as SciPy returns it), and
 * otherwise `kstwo.sf(D, round(n_a n_b / (n_a + n_b)))`, as it is when the
 * exact computation fails.
 *
 * Returns: the statistic D
 */
double
orchard_ks_2samp (const double    *a,
                  gsize            n_a,
                  const double    *b,
                  gsize            n_b,
                  double          *p_value,
                  OrchardKsMethod *method)
{
  gsize i = 0, j = 0;
  double dmax = -INFINITY, dmin = INFINITY, max_s, min_s, d, prob = NAN;
  gboolean exact = FALSE;
  guint64 g;

  g_return_val_if_fail (n_a > 0 && n_b > 0, NAN);
  g_return_val_if_fail (a != NULL && b != NULL, NAN);

  /* cdf_a − cdf_b at each distinct value, with searchsorted(side='right')
   * counts, divided as NumPy divides them. */
  while (i < n_a || j < n_b)
    {
      double v, diff;

      if (j >= n_b || (i < n_a && a[i] <= b[j]))
        v = a[i];
      else
        v = b[j];
      while (i < n_a && a[i] <= v)
        i++;
      while (j < n_b && b[j] <= v)
        j++;

      diff = (double) i / (double) n_a - (double) j / (double) n_b;
      dmax = MAX (dmax, diff);
      dmin = MIN (dmin, diff);
    }

  min_s = CLAMP (-dmin, 0.0, 1.0);
  max_s = dmax;
  d = min_s > max_s ? min_s : max_s;

  g = gcd (n_a, n_b);
  if (MAX (n_a, n_b) <= KS_MAX_AUTO_N)
    {
      gint64 lcm = (gint64) (n_a / g) * (gint64) n_b;
      gint64 h = (gint64) nearbyint (d * (double) lcm);

      d = (double) h * 1.0 / (double) lcm;
      if (h == 0)
        prob = 1.0;
      else if (n_a == n_b)
        prob = prob_outside_square ((gint64) n_a, h);
      else
        prob = outer_prob_inside ((gint64) n_a, (gint64) n_b, (gint64) g, h);

      exact = prob >= 0 && prob <= 1;
    }

  if (!exact)
    {
      double m = (double) MAX (n_a, n_b);
      double n = (double) MIN (n_a, n_b);
      double en = m * n / (m + n);

      prob = orchard_kstwo_sf (d, (guint64) nearbyint (en));
    }

  if (p_value != NULL)
    *p_value = clip01 (prob);
  if (method != NULL)
    *method = exact ? ORCHARD_KS_EXACT : ORCHARD_KS_ASYMPTOTIC;

  return d;
}

/**
 * orchard_ks_critical_value:
 * @n_a: the size of the first sample
 * @n_b: the size of the second sample
 * @alpha: the significance level, in (0, 1)
 *
 * The smallest two-sample statistic D that a two-sided test at level
 * @alpha rejects, by Smirnov's asymptotic formula
 * c(α) √((n_a + n_b) / (n_a n_b)) with c(α) = √(−ln(α/2) / 2).
 *
 * Returns: the critical D, NaN when a sample is empty
 */
double
orchard_ks_critical_value (gsize  n_a,
                           gsize  n_b,
                           double alpha)
{
  if (n_a == 0 || n_b == 0 || !(alpha > 0 && alpha < 1))
    return NAN;

  return sqrt (-log (alpha / 2) / 2) *
         sqrt (((double) n_a + (double) n_b) / ((double) n_a * (double) n_b));
}
