/* orchard-prep-preview.h: one column before and after the pipeline
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-prepared.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_PREP_PREVIEW (orchard_prep_preview_get_type ())

G_DECLARE_FINAL_TYPE (OrchardPrepPreview, orchard_prep_preview, ORCHARD, PREP_PREVIEW, GtkWidget)

GPtrArray  *orchard_prep_preview_affected_columns (OrchardPrepared    *prepared);
void        orchard_prep_preview_show             (OrchardPrepPreview *self,
                                                   OrchardPrepared    *prepared,
                                                   const char         *column);
const char *orchard_prep_preview_get_column       (OrchardPrepPreview *self);
const char *orchard_prep_preview_get_fate         (OrchardPrepPreview *self);
const char *orchard_prep_preview_get_text         (OrchardPrepPreview *self,
                                                   gboolean            after,
                                                   const char         *key);
gboolean    orchard_prep_preview_get_number       (OrchardPrepPreview *self,
                                                   gboolean            after,
                                                   const char         *key,
                                                   double             *value);
GtkWidget  *orchard_prep_preview_get_plot         (OrchardPrepPreview *self,
                                                   gboolean            after);

G_END_DECLS
