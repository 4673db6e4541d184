/* orchard-bootstrap.h: percentile bootstrap confidence intervals of a metric
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-progress.h"

G_BEGIN_DECLS

/**
 * OrchardBootstrapOptions:
 * @n_resamples: how many resamples, at least 1 (1000 by default)
 * @seed: the seed of the #OrchardRng streams (0 by default)
 * @level: the confidence level, in (0, 1) (0.95 by default)
 *
 * Set with orchard_bootstrap_options_init(), then change what differs.
 */
typedef struct
{
  guint   n_resamples;
  guint64 seed;
  double  level;
} OrchardBootstrapOptions;

/**
 * OrchardInterval:
 * @estimate: the metric on all rows
 * @lower: the lower bound, the (1 − level) / 2 percentile of the resampled values
 * @upper: the upper bound, the (1 + level) / 2 percentile
 * @level: the confidence level
 * @n_resamples: resamples drawn
 * @n_valid: resamples on which the metric was defined (and so counted)
 *
 * A percentile bootstrap interval. Bounds are NaN when no resample had a
 * defined metric.
 */
typedef struct
{
  double estimate;
  double lower;
  double upper;
  double level;
  guint  n_resamples;
  guint  n_valid;
} OrchardInterval;

void      orchard_bootstrap_options_init (OrchardBootstrapOptions        *options);

gboolean  orchard_bootstrap_binary       (const guint32                  *y_true,
                                          const double                   *proba,
                                          const double                   *weights,
                                          gsize                           n,
                                          double                          threshold,
                                          const char                     *metric,
                                          const OrchardBootstrapOptions  *options,
                                          OrchardProgress                 progress,
                                          gpointer                        progress_data,
                                          GCancellable                   *cancellable,
                                          OrchardInterval                *interval,
                                          GError                        **error);
gboolean  orchard_bootstrap_multiclass   (const guint32                  *y_true,
                                          const double                   *proba,
                                          gsize                           n,
                                          guint                           n_classes,
                                          const char                     *metric,
                                          const OrchardBootstrapOptions  *options,
                                          OrchardProgress                 progress,
                                          gpointer                        progress_data,
                                          GCancellable                   *cancellable,
                                          OrchardInterval                *interval,
                                          GError                        **error);
gboolean  orchard_bootstrap_regression   (const double                   *y_true,
                                          const double                   *y_pred,
                                          gsize                           n,
                                          const char                     *metric,
                                          const OrchardBootstrapOptions  *options,
                                          OrchardProgress                 progress,
                                          gpointer                        progress_data,
                                          GCancellable                   *cancellable,
                                          OrchardInterval                *interval,
                                          GError                        **error);

JsonNode *orchard_interval_to_json       (const OrchardInterval          *interval);

G_END_DECLS
