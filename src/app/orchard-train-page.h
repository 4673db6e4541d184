/* orchard-train-page.h: the Train phase: learner, parameters, live curve, runs
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_TRAIN_PAGE (orchard_train_page_get_type ())

G_DECLARE_FINAL_TYPE (OrchardTrainPage, orchard_train_page, ORCHARD, TRAIN_PAGE, GtkWidget)

OrchardSession *orchard_train_page_get_session        (OrchardTrainPage *self);
void            orchard_train_page_set_session        (OrchardTrainPage *self,
                                                       OrchardSession   *session);
const char     *orchard_train_page_get_state          (OrchardTrainPage *self);

gboolean        orchard_train_page_select_learner     (OrchardTrainPage *self,
                                                       const char       *name);
const char     *orchard_train_page_get_learner        (OrchardTrainPage *self);
GtkWidget      *orchard_train_page_get_learner_row    (OrchardTrainPage *self,
                                                       const char       *name);
OrchardModel   *orchard_train_page_get_draft          (OrchardTrainPage *self);
GtkWidget      *orchard_train_page_get_param_control  (OrchardTrainPage *self,
                                                       const char       *name);
AdwComboRow    *orchard_train_page_get_pipeline_row   (OrchardTrainPage *self);
GtkSpinButton  *orchard_train_page_get_share_spin     (OrchardTrainPage *self,
                                                       OrchardPart       part);
GtkSpinButton  *orchard_train_page_get_seed_spin      (OrchardTrainPage *self);

gboolean        orchard_train_page_get_training       (OrchardTrainPage *self);
OrchardModelRun     *orchard_train_page_get_last_run       (OrchardTrainPage *self);
GtkWidget      *orchard_train_page_get_curve          (OrchardTrainPage *self);
guint           orchard_train_page_get_n_curve_updates (OrchardTrainPage *self);
int             orchard_train_page_get_marked_iteration (OrchardTrainPage *self);
gboolean        orchard_train_page_get_metric         (OrchardTrainPage *self,
                                                       OrchardPart       part,
                                                       const char       *key,
                                                       double           *value,
                                                       const char      **text);
GtkListBox     *orchard_train_page_get_runs_list      (OrchardTrainPage *self);

gboolean        orchard_train_page_get_searching      (OrchardTrainPage *self);
GtkEditable    *orchard_train_page_get_space_entry    (OrchardTrainPage *self,
                                                       const char       *name);
void            orchard_train_page_set_search         (OrchardTrainPage *self,
                                                       guint             random_draws,
                                                       guint             n_folds,
                                                       gboolean          halving);
const char     *orchard_train_page_get_search_problem (OrchardTrainPage *self);
OrchardTuner   *orchard_train_page_get_tuner          (OrchardTrainPage *self);
guint           orchard_train_page_get_n_candidates   (OrchardTrainPage *self);
const OrchardTunerCandidate *orchard_train_page_get_candidate (OrchardTrainPage *self,
                                                       guint             id);
int             orchard_train_page_get_best_candidate (OrchardTrainPage *self);
GtkWidget      *orchard_train_page_get_candidate_row  (OrchardTrainPage *self,
                                                       guint             id);

G_END_DECLS
