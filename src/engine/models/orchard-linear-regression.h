/* orchard-linear-regression.h: ordinary least squares
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-linear-model.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_LINEAR_REGRESSION (orchard_linear_regression_get_type ())

G_DECLARE_FINAL_TYPE (OrchardLinearRegression, orchard_linear_regression, ORCHARD, LINEAR_REGRESSION, OrchardLinearModel)

OrchardModel *orchard_linear_regression_new (void);

G_END_DECLS
