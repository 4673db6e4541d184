/* orchard-decision-tree.h: CART decision tree
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

/**
 * OrchardTreeCriterion:
 * @ORCHARD_TREE_CRITERION_AUTO: Gini impurity for classification, squared
 *   error for regression
 * @ORCHARD_TREE_CRITERION_GINI: Gini impurity 1 − Σ pₖ² (classification)
 * @ORCHARD_TREE_CRITERION_ENTROPY: entropy −Σ pₖ log₂ pₖ (classification)
 * @ORCHARD_TREE_CRITERION_SQUARED_ERROR: the variance of the target
 *   (regression)
 *
 * What a split minimises. Nicks: "auto", "gini", "entropy", "squared-error".
 */
typedef enum
{
  ORCHARD_TREE_CRITERION_AUTO,
  ORCHARD_TREE_CRITERION_GINI,
  ORCHARD_TREE_CRITERION_ENTROPY,
  ORCHARD_TREE_CRITERION_SQUARED_ERROR,
} OrchardTreeCriterion;

#define ORCHARD_TYPE_TREE_CRITERION (orchard_tree_criterion_get_type ())
#define ORCHARD_TYPE_DECISION_TREE (orchard_decision_tree_get_type ())

GType orchard_tree_criterion_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OrchardDecisionTree, orchard_decision_tree, ORCHARD, DECISION_TREE, OrchardModel)

OrchardModel *orchard_decision_tree_new          (void);
guint         orchard_decision_tree_get_depth    (OrchardDecisionTree *self);
guint         orchard_decision_tree_get_n_leaves (OrchardDecisionTree *self);

G_END_DECLS
