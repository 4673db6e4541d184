/* orchard-lasso.h: L1-penalised least squares
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-linear-model.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_LASSO (orchard_lasso_get_type ())

G_DECLARE_FINAL_TYPE (OrchardLasso, orchard_lasso, ORCHARD, LASSO, OrchardLinearModel)

OrchardModel *orchard_lasso_new (void);

G_END_DECLS
