/* orchard-knn.h: k nearest neighbours
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

/**
 * OrchardKnnWeights:
 * @ORCHARD_KNN_WEIGHTS_UNIFORM: each neighbour counts the same
 * @ORCHARD_KNN_WEIGHTS_DISTANCE: a neighbour counts 1 / its distance;
 *   neighbours at distance 0, if any, decide alone
 *
 * How the k neighbours' votes or values are weighted.
 */
typedef enum
{
  ORCHARD_KNN_WEIGHTS_UNIFORM,
  ORCHARD_KNN_WEIGHTS_DISTANCE,
} OrchardKnnWeights;

/**
 * OrchardKnnMetric:
 * @ORCHARD_KNN_METRIC_EUCLIDEAN: ‖x − t‖
 * @ORCHARD_KNN_METRIC_COSINE: 1 − cos(x, t); rows of zeros are at distance 1
 *   from everything
 *
 * The distance between rows.
 */
typedef enum
{
  ORCHARD_KNN_METRIC_EUCLIDEAN,
  ORCHARD_KNN_METRIC_COSINE,
} OrchardKnnMetric;

#define ORCHARD_TYPE_KNN_WEIGHTS (orchard_knn_weights_get_type ())
#define ORCHARD_TYPE_KNN_METRIC (orchard_knn_metric_get_type ())
#define ORCHARD_TYPE_KNN (orchard_knn_get_type ())

GType orchard_knn_weights_get_type (void) G_GNUC_CONST;
GType orchard_knn_metric_get_type  (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OrchardKnn, orchard_knn, ORCHARD, KNN, OrchardModel)

OrchardModel *orchard_knn_new (guint k);

G_END_DECLS
