/* orchard-lbfgs.c: limited-memory BFGS with a strong Wolfe line search, and
 * its orthant-wise variant for objectives with an L1 term
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * References: J. Nocedal and S. J. Wright, Numerical Optimization, 2nd ed.,
 * Springer 2006 (algorithm 7.4, the two-loop recursion; algorithms 3.5 and
 * 3.6, the line search); G. Andrew and J. Gao, Scalable training of
 * L1-regularized log-linear models, ICML 2007 (OWL-QN).
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "orchard-lbfgs-private.h"

#define C1 1e-4  /* sufficient decrease */
#define C2 0.9   /* curvature, as usual for quasi-Newton methods */

typedef struct
{
  const OrchardLbfgsOptions *options;
  OrchardLbfgsFunc           func;
  gpointer                   user_data;
} Problem;

typedef enum
{
  SEARCH_OK,
  SEARCH_FAILED,
  SEARCH_CANCELLED,
} SearchResult;

static double
dot (const double *a,
     const double *b,
     guint         n)
{
  double s = 0;

  for (guint i = 0; i < n; i++)
    s += a[i] * b[i];
  return s;
}

static double
norm_inf (const double *a,
          guint         n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, fabs (a[i]));
  return m;
}

static double
l1_term (const Problem *p,
         const double  *x)
{
  double s = 0;

  if (p->options->l1 == NULL)
    return 0;
  for (guint i = 0; i < p->options->n; i++)
    s += p->options->l1[i] * fabs (x[i]);
  return s;
}

/* The steepest-descent direction's negative for f + Σ λᵢ|xᵢ|: the
 * gradient where it exists, the smallest subgradient at a kink. */
static void
pseudo_gradient (const Problem *p,
                 const double  *x,
                 const double  *g,
                 double        *pg)
{
  const double *l1 = p->options->l1;

  for (guint i = 0; i < p->options->n; i++)
    {
      if (x[i] > 0)
        pg[i] = g[i] + l1[i];
      else if (x[i] < 0)
        pg[i] = g[i] - l1[i];
      else if (g[i] + l1[i] < 0)
        pg[i] = g[i] + l1[i];
      else if (g[i] - l1[i] > 0)
        pg[i] = g[i] - l1[i];
      else
        pg[i] = 0;
    }
}

static gboolean
evaluate (const Problem *p,
          const double  *x,
          double        *g,
          double        *f)
{
  if (g_cancellable_is_cancelled (p->options->cancellable))
    return FALSE;

  *f = p->func (x, g, p->user_data);
  return TRUE;
}

/* The minimiser of the cubic that interpolates φ and φ' at a and b,
 * safeguarded to lie well inside [a, b]; bisection when it does not. */
static double
interpolate (double a,
             double fa,
             double da,
             double b,
             double fb,
             double db)
{
  double lo = MIN (a, b), hi = MAX (a, b), width = hi - lo;
  double d1 = da + db - 3 * (fa - fb) / (a - b);
  double disc = d1 * d1 - da * db;
  double t;

  if (!isfinite (fa) || !isfinite (fb) || !(disc >= 0))
    return lo + width / 2;

  {
    double d2 = (b > a ? 1.0 : -1.0) * sqrt (disc);
    t = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
  }

  if (!isfinite (t) || t < lo + 0.1 * width || t > hi - 0.1 * width)
    return lo + width / 2;
  return t;
}

static void
step (const double *x,
      const double *d,
      double        a,
      double       *x_new,
      guint         n)
{
  for (guint i = 0; i < n; i++)
    x_new[i] = x[i] + a * d[i];
}

/* A step satisfying the strong Wolfe conditions along @d: Nocedal and
 * Wright's bracketing phase followed by zoom. */
static SearchResult
wolfe_search (const Problem *p,
              const double  *x,
              double         f,
              const double  *d,
              double         dg0,
              double         a,
              double        *x_new,
              double        *g_new,
              double        *f_new)
{
  guint n = p->options->n;
  double a_lo = 0, f_lo = f, dg_lo = dg0;
  double a_hi = 0, f_hi = 0, dg_hi = 0;
  gboolean bracketed = FALSE;

  for (guint it = 0; it < p->options->max_linesearch; it++)
    {
      double f_a, dg_a;

      if (bracketed)
        {
          if (fabs (a_hi - a_lo) <= DBL_EPSILON * MAX (a_lo, a_hi))
            break;
          a = interpolate (a_lo, f_lo, dg_lo, a_hi, f_hi, dg_hi);
        }

      step (x, d, a, x_new, n);
      if (!evaluate (p, x_new, g_new, &f_a))
        return SEARCH_CANCELLED;
      dg_a = dot (g_new, d, n);

      if (!isfinite (f_a) || f_a > f + C1 * a * dg0 || (f_a >= f_lo && (bracketed || it > 0)))
        {
          a_hi = a;
          f_hi = f_a;
          dg_hi = dg_a;
          bracketed = TRUE;
          continue;
        }

      if (fabs (dg_a) <= -C2 * dg0)
        {
          *f_new = f_a;
          return SEARCH_OK;
        }

      if (bracketed)
        {
          if (dg_a * (a_hi - a_lo) >= 0)
            {
              a_hi = a_lo;
              f_hi = f_lo;
              dg_hi = dg_lo;
            }
          a_lo = a;
          f_lo = f_a;
          dg_lo = dg_a;
        }
      else if (dg_a >= 0)
        {
          a_hi = a_lo;
          f_hi = f_lo;
          dg_hi = dg_lo;
          a_lo = a;
          f_lo = f_a;
          dg_lo = dg_a;
          bracketed = TRUE;
        }
      else
        {
          a_lo = a;
          f_lo = f_a;
          dg_lo = dg_a;
          a *= 4;
        }
    }

  /* Out of evaluations: take the best step that decreased f enough. */
  if (a_lo > 0)
    {
      step (x, d, a_lo, x_new, n);
      if (!evaluate (p, x_new, g_new, f_new))
        return SEARCH_CANCELLED;
      return SEARCH_OK;
    }

  return SEARCH_FAILED;
}

/* OWL-QN's backtracking along @d, projected onto the orthant of @x (or,
 * where xᵢ = 0, of the steepest descent direction). */
static SearchResult
orthant_search (const Problem *p,
                const double  *x,
                double         F,
                const double  *pg,
                const double  *d,
                double         a,
                double        *x_new,
                double        *g_new,
                double        *f_new)
{
  guint n = p->options->n;

  for (guint it = 0; it < p->options->max_linesearch; it++, a /= 2)
    {
      double f_a, decrease = 0;

      for (guint i = 0; i < n; i++)
        {
          double orthant = x[i] != 0 ? (x[i] > 0 ? 1 : -1) : (pg[i] < 0 ? 1 : -1);

          x_new[i] = x[i] + a * d[i];
          if (x_new[i] * orthant <= 0)
            x_new[i] = 0;
          decrease += pg[i] * (x_new[i] - x[i]);
        }

      if (!evaluate (p, x_new, g_new, &f_a))
        return SEARCH_CANCELLED;

      if (isfinite (f_a) && f_a + l1_term (p, x_new) <= F + C1 * decrease)
        {
          *f_new = f_a;
          return SEARCH_OK;
        }
    }

  return SEARCH_FAILED;
}

/**
 * orchard_lbfgs_minimize:
 * @x: (inout): the starting point, replaced by the minimiser found
 * @options: what to minimise over and when to stop
 * @func: the smooth part of the objective and its gradient
 * @iterate: (nullable): called after every iteration
 * @user_data: data for @func and @iterate
 * @f_out: (out): the objective at @x, L1 term included
 * @n_iter: (out): iterations done
 *
 * Minimises f(x) + Σ λᵢ|xᵢ|. Without an L1 term this is L-BFGS with a
 * strong Wolfe line search, started with a unit step along the gradient as
 * scipy's L-BFGS-B is; with one, OWL-QN.
 *
 * Returns: why it stopped; @x is the last accepted point in every case
 */
OrchardLbfgsStatus
orchard_lbfgs_minimize (double                    *x,
                        const OrchardLbfgsOptions *options,
                        OrchardLbfgsFunc           func,
                        OrchardLbfgsIterate        iterate,
                        gpointer                   user_data,
                        double                    *f_out,
                        guint                     *n_iter)
{
  Problem p = { options, func, user_data };
  guint n = options->n, m = MAX (options->m, 1);
  gboolean owl = options->l1 != NULL;
  g_autofree double *g = g_new (double, n);
  g_autofree double *g_new = g_new (double, n);
  g_autofree double *x_new = g_new (double, n);
  g_autofree double *pg_buffer = owl ? g_new (double, n) : NULL;
  g_autofree double *d = g_new (double, n);
  g_autofree double *s = g_new (double, (gsize) m * n);
  g_autofree double *y = g_new (double, (gsize) m * n);
  g_autofree double *rho = g_new (double, m);
  g_autofree double *alpha = g_new (double, m);
  double *pg = owl ? pg_buffer : g;
  guint k = 0, n_pairs = 0, newest = 0;
  OrchardLbfgsStatus status;
  double f, F;

  g_assert (n > 0);

  if (!evaluate (&p, x, g, &f))
    {
      *f_out = NAN;
      *n_iter = 0;
      return ORCHARD_LBFGS_CANCELLED;
    }
  F = f + l1_term (&p, x);
  if (owl)
    pseudo_gradient (&p, x, g, pg);

  if (norm_inf (pg, n) <= options->gtol)
    {
      *f_out = F;
      *n_iter = 0;
      return ORCHARD_LBFGS_CONVERGED;
    }

  for (;;)
    {
      double dg, a0, f_next, F_next, F_old, sy, yy;
      SearchResult result;

      if (k >= options->max_iter)
        {
          status = ORCHARD_LBFGS_MAX_ITER;
          break;
        }

      /* d = −H pg by the two-loop recursion over the stored pairs. */
      memcpy (d, pg, n * sizeof (double));
      for (guint j = 0; j < n_pairs; j++)
        {
          guint i = (newest + m - j) % m;
          alpha[i] = rho[i] * dot (s + (gsize) i * n, d, n);
          for (guint t = 0; t < n; t++)
            d[t] -= alpha[i] * y[(gsize) i * n + t];
        }
      if (n_pairs > 0)
        {
          const double *ys = y + (gsize) newest * n;
          double gamma = 1.0 / (rho[newest] * dot (ys, ys, n));

          for (guint t = 0; t < n; t++)
            d[t] *= gamma;
        }
      for (guint j = n_pairs; j-- > 0;)
        {
          guint i = (newest + m - j) % m;
          double beta = rho[i] * dot (y + (gsize) i * n, d, n);

          for (guint t = 0; t < n; t++)
            d[t] += (alpha[i] - beta) * s[(gsize) i * n + t];
        }
      for (guint t = 0; t < n; t++)
        d[t] = -d[t];

      /* OWL-QN keeps to the orthant the pseudo-gradient points away from. */
      if (owl)
        for (guint t = 0; t < n; t++)
          if (d[t] * pg[t] >= 0)
            d[t] = 0;

      dg = dot (d, pg, n);
      if (!(dg < 0))
        {
          /* Not a descent direction: forget the curvature pairs. */
          n_pairs = 0;
          for (guint t = 0; t < n; t++)
            d[t] = -pg[t];
          dg = dot (d, pg, n);
        }

      a0 = k == 0 ? 1.0 / sqrt (dot (d, d, n)) : 1.0;

      if (owl)
        result = orthant_search (&p, x, F, pg, d, a0, x_new, g_new, &f_next);
      else
        result = wolfe_search (&p, x, f, d, dg, a0, x_new, g_new, &f_next);

      if (result == SEARCH_CANCELLED)
        {
          status = ORCHARD_LBFGS_CANCELLED;
          break;
        }
      if (result == SEARCH_FAILED)
        {
          status = ORCHARD_LBFGS_LINE_SEARCH_FAILED;
          break;
        }

      F_next = f_next + l1_term (&p, x_new);

      /* Store the pair (s, y) when its curvature is positive. */
      {
        guint slot = n_pairs == 0 ? 0 : (newest + 1) % m;
        double *sk = s + (gsize) slot * n, *yk = y + (gsize) slot * n;

        for (guint t = 0; t < n; t++)
          {
            sk[t] = x_new[t] - x[t];
            yk[t] = g_new[t] - g[t];
          }
        sy = dot (sk, yk, n);
        yy = dot (yk, yk, n);
        if (sy > DBL_EPSILON * yy && yy > 0)
          {
            rho[slot] = 1.0 / sy;
            newest = slot;
            n_pairs = MIN (n_pairs + 1, m);
          }
        else if (n_pairs == m)
          n_pairs--;  /* the slot written was the oldest pair's */
      }

      memcpy (x, x_new, n * sizeof (double));
      memcpy (g, g_new, n * sizeof (double));
      f = f_next;
      F_old = F;
      F = F_next;
      if (owl)
        pseudo_gradient (&p, x, g, pg);
      k++;

      if (iterate != NULL && !iterate (k, x, F, user_data))
        {
          status = ORCHARD_LBFGS_STOPPED;
          break;
        }
      if (norm_inf (pg, n) <= options->gtol)
        {
          status = ORCHARD_LBFGS_CONVERGED;
          break;
        }
      if (F_old - F <= options->ftol * MAX (MAX (fabs (F_old), fabs (F)), 1.0))
        {
          status = ORCHARD_LBFGS_FTOL;
          break;
        }
    }

  *f_out = F;
  *n_iter = k;
  return status;
}
