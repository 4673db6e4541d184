/* orchard-drift-timeline.h: drift across chunks: the drifted share and a heat strip per feature
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_DRIFT_TIMELINE (orchard_drift_timeline_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDriftTimeline, orchard_drift_timeline, ORCHARD, DRIFT_TIMELINE, OrchardPlot)

GtkWidget  *orchard_drift_timeline_new               (void);
void        orchard_drift_timeline_set_chunks        (OrchardDriftTimeline *self,
                                                      const char * const   *labels,
                                                      const double         *shares,
                                                      guint                 n_chunks,
                                                      double                share_threshold);
guint       orchard_drift_timeline_add_feature       (OrchardDriftTimeline *self,
                                                      const char           *name,
                                                      const char           *test,
                                                      const double         *statistics,
                                                      const double         *p_values,
                                                      const gboolean       *drifted,
                                                      double                threshold);
void        orchard_drift_timeline_clear             (OrchardDriftTimeline *self);
guint       orchard_drift_timeline_get_n_chunks      (OrchardDriftTimeline *self);
guint       orchard_drift_timeline_get_n_features    (OrchardDriftTimeline *self);
double      orchard_drift_timeline_get_share         (OrchardDriftTimeline *self,
                                                      guint                 chunk);
double      orchard_drift_timeline_get_severity      (OrchardDriftTimeline *self,
                                                      guint                 feature,
                                                      guint                 chunk);

G_END_DECLS
