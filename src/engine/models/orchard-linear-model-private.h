/* orchard-linear-model-private.h: what the linear regressors share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-linear-model.h"
#include "orchard-model-private.h"

G_BEGIN_DECLS

/*
 * OrchardLeastSquares:
 * @X: n × d, row-major: √w_i (x_i − x̄)
 * @y: √w_i (y_i − ȳ)
 * @x_offset: x̄, the weighted feature means (zeros without an intercept)
 * @y_offset: ȳ
 *
 * A least-squares problem centred and weighted the way scikit-learn's
 * linear models prepare it, so that the same solver gives the same answer.
 */
typedef struct
{
  double *X;
  double *y;
  double *x_offset;
  double  y_offset;
  gsize   n;
  guint   d;
} OrchardLeastSquares;

void     orchard_least_squares_init  (OrchardLeastSquares *ls,
                                      OrchardFitData      *data,
                                      gboolean             fit_intercept,
                                      gboolean             weights_sum_to_n);
void     orchard_least_squares_clear (OrchardLeastSquares *ls);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OrchardLeastSquares, orchard_least_squares_clear)

gboolean orchard_least_squares_solve (const double        *X,
                                      gsize                n,
                                      guint                d,
                                      const double        *y,
                                      double              *coef,
                                      GError             **error);

void     orchard_linear_model_set_solution (OrchardLinearModel        *self,
                                            const OrchardLeastSquares *ls,
                                            const double              *coef);
void     orchard_linear_model_predict_rows (const double              *coef,
                                            double                     intercept,
                                            const double              *X,
                                            gsize                      n_rows,
                                            guint                      n_features,
                                            double                    *out);

gboolean orchard_coordinate_descent  (OrchardLinearModel  *self,
                                      OrchardFitData      *data,
                                      double               alpha,
                                      double               l1_ratio,
                                      double               tol,
                                      guint                max_iter,
                                      guint                patience,
                                      GError             **error);

G_END_DECLS
