/* orchard-lbfgs-private.h: limited-memory BFGS, with OWL-QN for L1 terms
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Returns f(x) and writes ∇f(x) to @grad. */
typedef double   (*OrchardLbfgsFunc)     (const double *x,
                                          double       *grad,
                                          gpointer      user_data);
/* Called after each iteration with the objective (L1 term included);
 * returns FALSE to stop the minimisation there. */
typedef gboolean (*OrchardLbfgsIterate)  (guint         iteration,
                                          const double *x,
                                          double        f,
                                          gpointer      user_data);

/*
 * OrchardLbfgsOptions:
 * @n: number of variables
 * @m: number of correction pairs kept (10, like scipy)
 * @max_iter: iterations at most
 * @gtol: stop when the largest component of the (pseudo-)gradient is ≤ gtol
 * @ftol: stop when an iteration lowers the objective by ≤ ftol relative to
 *   max(|f|, 1)
 * @max_linesearch: function evaluations per line search at most
 * @l1: (nullable): per-variable weights λᵢ ≥ 0 of a term Σ λᵢ |xᵢ| added to
 *   the objective, minimised by orthant-wise L-BFGS (OWL-QN)
 * @cancellable: (nullable): checked before every function evaluation
 */
typedef struct
{
  guint         n;
  guint         m;
  guint         max_iter;
  double        gtol;
  double        ftol;
  guint         max_linesearch;
  const double *l1;
  GCancellable *cancellable;
} OrchardLbfgsOptions;

typedef enum
{
  ORCHARD_LBFGS_CONVERGED,
  ORCHARD_LBFGS_FTOL,
  ORCHARD_LBFGS_MAX_ITER,
  ORCHARD_LBFGS_STOPPED,
  ORCHARD_LBFGS_CANCELLED,
  ORCHARD_LBFGS_LINE_SEARCH_FAILED,
} OrchardLbfgsStatus;

OrchardLbfgsStatus orchard_lbfgs_minimize (double                    *x,
                                           const OrchardLbfgsOptions *options,
                                           OrchardLbfgsFunc           func,
                                           OrchardLbfgsIterate        iterate,
                                           gpointer                   user_data,
                                           double                    *f_out,
                                           guint                     *n_iter);

G_END_DECLS
