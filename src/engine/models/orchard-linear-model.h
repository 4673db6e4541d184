/* orchard-linear-model.h: the base of the linear regressors
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_LINEAR_MODEL (orchard_linear_model_get_type ())

G_DECLARE_DERIVABLE_TYPE (OrchardLinearModel, orchard_linear_model, ORCHARD, LINEAR_MODEL, OrchardModel)

struct _OrchardLinearModelClass
{
  OrchardModelClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

gboolean      orchard_linear_model_get_fit_intercept (OrchardLinearModel *self);
void          orchard_linear_model_set_fit_intercept (OrchardLinearModel *self,
                                                      gboolean            fit_intercept);
const double *orchard_linear_model_get_coefficients  (OrchardLinearModel *self,
                                                      guint              *n_coefficients);
double        orchard_linear_model_get_intercept     (OrchardLinearModel *self);

G_END_DECLS
