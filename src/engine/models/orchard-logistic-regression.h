/* orchard-logistic-regression.h: binary and multinomial logistic regression
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

/**
 * OrchardLogisticPenalty:
 * @ORCHARD_LOGISTIC_PENALTY_L2: ½‖w‖² / C
 * @ORCHARD_LOGISTIC_PENALTY_L1: ‖w‖₁ / C
 * @ORCHARD_LOGISTIC_PENALTY_ELASTIC_NET: (ρ‖w‖₁ + ½(1 − ρ)‖w‖²) / C, ρ the
 *   `l1-ratio`
 * @ORCHARD_LOGISTIC_PENALTY_NONE: no penalty
 *
 * The penalty on the coefficients (never on the intercept).
 */
typedef enum
{
  ORCHARD_LOGISTIC_PENALTY_L2,
  ORCHARD_LOGISTIC_PENALTY_L1,
  ORCHARD_LOGISTIC_PENALTY_ELASTIC_NET,
  ORCHARD_LOGISTIC_PENALTY_NONE,
} OrchardLogisticPenalty;

#define ORCHARD_TYPE_LOGISTIC_PENALTY (orchard_logistic_penalty_get_type ())
#define ORCHARD_TYPE_LOGISTIC_REGRESSION (orchard_logistic_regression_get_type ())

GType orchard_logistic_penalty_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OrchardLogisticRegression, orchard_logistic_regression, ORCHARD, LOGISTIC_REGRESSION, OrchardModel)

OrchardModel *orchard_logistic_regression_new              (void);
const double *orchard_logistic_regression_get_coefficients (OrchardLogisticRegression *self,
                                                            guint                     *n_rows,
                                                            guint                     *n_cols);
const double *orchard_logistic_regression_get_intercepts   (OrchardLogisticRegression *self,
                                                            guint                     *n_intercepts);
guint         orchard_logistic_regression_get_n_iter       (OrchardLogisticRegression *self);
gboolean      orchard_logistic_regression_get_converged    (OrchardLogisticRegression *self);

G_END_DECLS
