/* orchard-balance-step.h: make rare classes count
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardBalanceMethod:
 * @ORCHARD_BALANCE_CLASS_WEIGHTS: leave the rows alone and compute class
 *   weights n / (k · n_c), scikit-learn's `class_weight="balanced"`, for
 *   the models that accept them
 * @ORCHARD_BALANCE_OVERSAMPLE: add randomly drawn copies of the training
 *   rows of each class until it has as many as the largest
 *
 * How class imbalance is countered.
 */
typedef enum
{
  ORCHARD_BALANCE_CLASS_WEIGHTS,
  ORCHARD_BALANCE_OVERSAMPLE,
} OrchardBalanceMethod;

#define ORCHARD_TYPE_BALANCE_METHOD (orchard_balance_method_get_type ())
GType orchard_balance_method_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_BALANCE_STEP (orchard_balance_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardBalanceStep, orchard_balance_step, ORCHARD, BALANCE_STEP, GObject)

OrchardStep *orchard_balance_step_new              (OrchardBalanceMethod  method);
guint        orchard_balance_step_get_n_classes    (OrchardBalanceStep   *self);
const char  *orchard_balance_step_get_class        (OrchardBalanceStep   *self,
                                                    guint                 index);
double       orchard_balance_step_get_class_weight (OrchardBalanceStep   *self,
                                                    const char           *label);

G_END_DECLS
