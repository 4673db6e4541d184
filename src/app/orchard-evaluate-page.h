/* orchard-evaluate-page.h: the Evaluate phase: metrics, threshold, plots, comparison, readiness
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-recorded-runs.h"
#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_EVALUATE_PAGE (orchard_evaluate_page_get_type ())

G_DECLARE_FINAL_TYPE (OrchardEvaluatePage, orchard_evaluate_page, ORCHARD, EVALUATE_PAGE, GtkWidget)

OrchardSession   *orchard_evaluate_page_get_session       (OrchardEvaluatePage *self);
void              orchard_evaluate_page_set_session       (OrchardEvaluatePage *self,
                                                           OrchardSession      *session);

OrchardModelRun  *orchard_evaluate_page_get_run           (OrchardEvaluatePage *self);
OrchardRecordedRuns *orchard_evaluate_page_get_recorded_runs (OrchardEvaluatePage *self);
void              orchard_evaluate_page_show_run          (OrchardEvaluatePage *self,
                                                           OrchardModelRun     *run);
void              orchard_evaluate_page_set_compared      (OrchardEvaluatePage *self,
                                                           OrchardModelRun     *run,
                                                           gboolean             compared);
OrchardPart       orchard_evaluate_page_get_part          (OrchardEvaluatePage *self);
void              orchard_evaluate_page_set_part          (OrchardEvaluatePage *self,
                                                           OrchardPart          part);
gboolean          orchard_evaluate_page_get_busy          (OrchardEvaluatePage *self);

gboolean          orchard_evaluate_page_get_metric        (OrchardEvaluatePage *self,
                                                           OrchardPart          part,
                                                           const char          *key,
                                                           double              *value,
                                                           const char         **text);
gboolean          orchard_evaluate_page_get_interval      (OrchardEvaluatePage *self,
                                                           OrchardPart          part,
                                                           const char          *key,
                                                           OrchardInterval     *interval,
                                                           const char         **text);

GtkAdjustment    *orchard_evaluate_page_get_threshold_adjustment (OrchardEvaluatePage *self);
const char       *orchard_evaluate_page_get_threshold_summary    (OrchardEvaluatePage *self);
GtkWidget        *orchard_evaluate_page_get_plot          (OrchardEvaluatePage *self,
                                                           const char          *name);
GListModel       *orchard_evaluate_page_get_compare_model (OrchardEvaluatePage *self);
GtkColumnView    *orchard_evaluate_page_get_compare_view  (OrchardEvaluatePage *self);
const char       *orchard_evaluate_page_get_stats_text    (OrchardEvaluatePage *self);
OrchardReadiness *orchard_evaluate_page_get_readiness     (OrchardEvaluatePage *self);

G_END_DECLS
