/* orchard-prepare-page.h: the Prepare phase: pipeline, split, what they do
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-prep-preview.h"
#include "orchard-session.h"
#include "orchard-step-row.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_PREPARE_PAGE (orchard_prepare_page_get_type ())

G_DECLARE_FINAL_TYPE (OrchardPreparePage, orchard_prepare_page, ORCHARD, PREPARE_PAGE, GtkWidget)

OrchardSession     *orchard_prepare_page_get_session        (OrchardPreparePage *self);
void                orchard_prepare_page_set_session        (OrchardPreparePage *self,
                                                             OrchardSession     *session);
const char         *orchard_prepare_page_get_state          (OrchardPreparePage *self);

guint               orchard_prepare_page_get_n_steps        (OrchardPreparePage *self);
OrchardStepRow     *orchard_prepare_page_get_step_row       (OrchardPreparePage *self,
                                                             guint               position);
guint               orchard_prepare_page_get_n_notes        (OrchardPreparePage *self);
const char         *orchard_prepare_page_get_note           (OrchardPreparePage *self,
                                                             guint               index);
GtkDropDown        *orchard_prepare_page_get_family_dropdown (OrchardPreparePage *self);
AdwComboRow        *orchard_prepare_page_get_method_row     (OrchardPreparePage *self);
AdwComboRow        *orchard_prepare_page_get_column_row     (OrchardPreparePage *self);
GtkSpinButton      *orchard_prepare_page_get_share_spin     (OrchardPreparePage *self,
                                                             OrchardPart         part);
GtkSpinButton      *orchard_prepare_page_get_seed_spin      (OrchardPreparePage *self);
const char         *orchard_prepare_page_get_split_problem  (OrchardPreparePage *self);
const char         *orchard_prepare_page_get_fit_error      (OrchardPreparePage *self);

const char         *orchard_prepare_page_get_report_text    (OrchardPreparePage *self,
                                                             guint               step,
                                                             const char         *column,
                                                             const char         *key);
gboolean            orchard_prepare_page_get_report_number  (OrchardPreparePage *self,
                                                             guint               step,
                                                             const char         *column,
                                                             const char         *key,
                                                             double             *value);
const char         *orchard_prepare_page_get_part_text      (OrchardPreparePage *self,
                                                             OrchardPart         part);
GtkWidget          *orchard_prepare_page_get_balance_plot   (OrchardPreparePage *self,
                                                             OrchardPart         part);
guint               orchard_prepare_page_get_n_warnings     (OrchardPreparePage *self);
const char         *orchard_prepare_page_get_warning_title  (OrchardPreparePage *self,
                                                             guint               index);
const char         *orchard_prepare_page_get_warning_text   (OrchardPreparePage *self,
                                                             guint               index);
OrchardPrepPreview *orchard_prepare_page_get_preview        (OrchardPreparePage *self);
gboolean            orchard_prepare_page_preview_column     (OrchardPreparePage *self,
                                                             const char         *column);

G_END_DECLS
