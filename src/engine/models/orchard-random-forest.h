/* orchard-random-forest.h: random forests and extra trees
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_RANDOM_FOREST (orchard_random_forest_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRandomForest, orchard_random_forest, ORCHARD, RANDOM_FOREST, OrchardModel)

OrchardModel *orchard_random_forest_new           (void);
gboolean      orchard_random_forest_get_oob_score (OrchardRandomForest *self,
                                                   double              *score);

G_END_DECLS
