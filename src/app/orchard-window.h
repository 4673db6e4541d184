/* orchard-window.h: a window onto one session: the six phases
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-data-page.h"
#include "orchard-dataset-list.h"
#include "orchard-evaluate-page.h"
#include "orchard-monitor-page.h"
#include "orchard-prepare-page.h"
#include "orchard-train-page.h"
#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_WINDOW (orchard_window_get_type ())

G_DECLARE_FINAL_TYPE (OrchardWindow, orchard_window, ORCHARD, WINDOW, AdwApplicationWindow)

OrchardWindow   *orchard_window_new                (AdwApplication *application);
OrchardSession  *orchard_window_get_session        (OrchardWindow  *self);
OrchardDataPage *orchard_window_get_data_page      (OrchardWindow  *self);
OrchardPreparePage *orchard_window_get_prepare_page (OrchardWindow  *self);
OrchardEvaluatePage *orchard_window_get_evaluate_page (OrchardWindow *self);
OrchardMonitorPage *orchard_window_get_monitor_page (OrchardWindow  *self);
OrchardTrainPage   *orchard_window_get_train_page   (OrchardWindow  *self);
void             orchard_window_open               (OrchardWindow  *self,
                                                    GFile          *file);
gboolean         orchard_window_has_file           (OrchardWindow  *self,
                                                    GFile          *file);
gboolean         orchard_window_is_empty           (OrchardWindow  *self);
void             orchard_window_show_phase         (OrchardWindow  *self,
                                                    const char     *phase);
const char      *orchard_window_get_phase_subtitle (OrchardWindow  *self,
                                                    const char     *phase);
const char      *orchard_window_get_error_message  (OrchardWindow  *self);
double           orchard_window_get_longest_stall  (OrchardWindow  *self);
double           orchard_window_get_longest_frame_gap (OrchardWindow *self);
void             orchard_window_open_project       (OrchardWindow  *self,
                                                    GFile          *file);
void             orchard_window_save_project_as    (OrchardWindow  *self,
                                                    GFile          *file);
gboolean         orchard_window_has_project        (OrchardWindow  *self,
                                                    GFile          *file);
void             orchard_window_set_project        (OrchardWindow  *self,
                                                    OrchardProject *project);
gboolean         orchard_window_is_pristine        (OrchardWindow  *self);
gboolean         orchard_window_get_project_busy   (OrchardWindow  *self);
const char      *orchard_window_get_project_subtitle (OrchardWindow *self);
OrchardDatasetList *orchard_window_get_dataset_list (OrchardWindow  *self);

G_END_DECLS
