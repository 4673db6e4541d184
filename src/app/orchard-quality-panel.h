/* orchard-quality-panel.h: every data-quality warning of a profile
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_QUALITY_PANEL (orchard_quality_panel_get_type ())

G_DECLARE_FINAL_TYPE (OrchardQualityPanel, orchard_quality_panel, ORCHARD, QUALITY_PANEL, GtkWidget)

void        orchard_quality_panel_show        (OrchardQualityPanel *self,
                                               OrchardTable        *table,
                                               OrchardProfile      *profile);
guint       orchard_quality_panel_get_n_items (OrchardQualityPanel *self);
GtkListBox *orchard_quality_panel_get_list    (OrchardQualityPanel *self);

G_END_DECLS
