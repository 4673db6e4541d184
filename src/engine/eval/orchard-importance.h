/* orchard-importance.h: permutation feature importance of a model bundle
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-artifact.h"
#include "orchard-progress.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * OrchardImportanceOptions:
 * @n_repeats: how many times each column is shuffled, at least 1 (5 by default)
 * @seed: the seed of the shuffles (0 by default)
 * @metric: (nullable): the metric whose drop is measured, a key of the
 *   task; %NULL (the default) for the headline metric of
 *   orchard_readiness_bars_init(): `roc_auc`, `f1_macro` or `r2`
 * @threshold: the decision threshold of a binary model; NaN (the default)
 *   for the bundle's
 *
 * Set with orchard_importance_options_init(), then change what differs.
 */
typedef struct
{
  guint       n_repeats;
  guint64     seed;
  const char *metric;
  double      threshold;
} OrchardImportanceOptions;

#define ORCHARD_TYPE_IMPORTANCE (orchard_importance_get_type ())

G_DECLARE_FINAL_TYPE (OrchardImportance, orchard_importance, ORCHARD, IMPORTANCE, GObject)

void               orchard_importance_options_init   (OrchardImportanceOptions        *options);
OrchardImportance *orchard_importance_compute        (OrchardArtifact                 *artifact,
                                                      OrchardTable                    *data,
                                                      const OrchardImportanceOptions  *options,
                                                      OrchardProgress                  progress,
                                                      gpointer                         progress_data,
                                                      GCancellable                    *cancellable,
                                                      GError                         **error);

const char        *orchard_importance_get_metric     (OrchardImportance               *self);
double             orchard_importance_get_baseline   (OrchardImportance               *self);
gsize              orchard_importance_get_n_rows     (OrchardImportance               *self);
guint              orchard_importance_get_n_repeats  (OrchardImportance               *self);
guint              orchard_importance_get_n_columns  (OrchardImportance               *self);
const char        *orchard_importance_get_column     (OrchardImportance               *self,
                                                      guint                            index);
double             orchard_importance_get_mean       (OrchardImportance               *self,
                                                      guint                            index);
double             orchard_importance_get_std        (OrchardImportance               *self,
                                                      guint                            index);
const double      *orchard_importance_get_drops      (OrchardImportance               *self,
                                                      guint                            index);
guint             *orchard_importance_rank           (OrchardImportance               *self);
JsonNode          *orchard_importance_to_json        (OrchardImportance               *self);

G_END_DECLS
