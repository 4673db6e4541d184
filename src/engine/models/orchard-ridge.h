/* orchard-ridge.h: L2-penalised least squares
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-linear-model.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_RIDGE (orchard_ridge_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRidge, orchard_ridge, ORCHARD, RIDGE, OrchardLinearModel)

OrchardModel *orchard_ridge_new       (void);
double        orchard_ridge_get_alpha (OrchardRidge *self);
void          orchard_ridge_set_alpha (OrchardRidge *self,
                                       double        alpha);

G_END_DECLS
