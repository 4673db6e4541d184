/* orchard-step-row.h: one step of a pipeline, with its options as a form
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard.h"
#include "orchard-prepared.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_STEP_ROW (orchard_step_row_get_type ())

G_DECLARE_FINAL_TYPE (OrchardStepRow, orchard_step_row, ORCHARD, STEP_ROW, AdwExpanderRow)

GtkWidget   *orchard_step_row_new                (OrchardStep                 *step);
OrchardStep *orchard_step_row_get_step           (OrchardStepRow              *self);
guint        orchard_step_row_get_position       (OrchardStepRow              *self);
void         orchard_step_row_set_position       (OrchardStepRow              *self,
                                                  guint                        position,
                                                  guint                        n_steps);
void         orchard_step_row_set_description    (OrchardStepRow              *self,
                                                  const char                  *description);
void         orchard_step_row_set_failed         (OrchardStepRow              *self,
                                                  gboolean                     failed);
void         orchard_step_row_set_inputs         (OrchardStepRow              *self,
                                                  const OrchardPreparedColumn *columns,
                                                  guint                        n_columns);
GtkWidget   *orchard_step_row_get_option_widget  (OrchardStepRow              *self,
                                                  const char                  *option);

G_END_DECLS
