/* orchard-gbdt.h: histogram gradient-boosted trees
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

/**
 * OrchardGbdtLoss:
 * @ORCHARD_GBDT_LOSS_AUTO: log loss for classification, squared error for
 *   regression
 * @ORCHARD_GBDT_LOSS_LOG_LOSS: binary log loss (logistic) or multiclass
 *   log loss (softmax)
 * @ORCHARD_GBDT_LOSS_SQUARED_ERROR: (y − ŷ)²
 * @ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR: |y − ŷ|: leaves predict the median
 *   residual
 * @ORCHARD_GBDT_LOSS_HUBER: squared near zero, absolute beyond δ, with δ
 *   the 90th percentile of the absolute residuals at each iteration
 *
 * What the trees are fitted to lower. Nicks: "auto", "log-loss",
 * "squared-error", "absolute-error", "huber".
 */
typedef enum
{
  ORCHARD_GBDT_LOSS_AUTO,
  ORCHARD_GBDT_LOSS_LOG_LOSS,
  ORCHARD_GBDT_LOSS_SQUARED_ERROR,
  ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR,
  ORCHARD_GBDT_LOSS_HUBER,
} OrchardGbdtLoss;

/**
 * OrchardGbdtImportance:
 * @ORCHARD_GBDT_IMPORTANCE_GAIN: the total loss reduction of the splits on a
 *   feature
 * @ORCHARD_GBDT_IMPORTANCE_SPLIT: the number of splits on a feature
 *
 * The kinds of built-in feature importance of gradient boosting.
 */
typedef enum
{
  ORCHARD_GBDT_IMPORTANCE_GAIN,
  ORCHARD_GBDT_IMPORTANCE_SPLIT,
} OrchardGbdtImportance;

#define ORCHARD_TYPE_GBDT_LOSS (orchard_gbdt_loss_get_type ())
#define ORCHARD_TYPE_GBDT (orchard_gbdt_get_type ())

GType orchard_gbdt_loss_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OrchardGbdt, orchard_gbdt, ORCHARD, GBDT, OrchardModel)

OrchardModel *orchard_gbdt_new                (void);
guint         orchard_gbdt_get_n_iterations   (OrchardGbdt           *self);
double       *orchard_gbdt_get_importance     (OrchardGbdt           *self,
                                               OrchardGbdtImportance  type);

G_END_DECLS
