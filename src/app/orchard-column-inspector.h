/* orchard-column-inspector.h: one column's profile and distribution
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_COLUMN_INSPECTOR (orchard_column_inspector_get_type ())

G_DECLARE_FINAL_TYPE (OrchardColumnInspector, orchard_column_inspector, ORCHARD, COLUMN_INSPECTOR, GtkWidget)

void        orchard_column_inspector_show       (OrchardColumnInspector *self,
                                                 OrchardTable           *table,
                                                 OrchardProfile         *profile,
                                                 int                     column);
const char *orchard_column_inspector_get_text   (OrchardColumnInspector *self,
                                                 const char             *key);
gboolean    orchard_column_inspector_get_number (OrchardColumnInspector *self,
                                                 const char             *key,
                                                 double                 *value);
GtkWidget  *orchard_column_inspector_get_plot   (OrchardColumnInspector *self);

char       *orchard_format_statistic            (double                  value);

G_END_DECLS
