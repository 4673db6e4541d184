/* orchard-data-page.h: the Data phase: table, columns, inspector, quality
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_DATA_PAGE (orchard_data_page_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDataPage, orchard_data_page, ORCHARD, DATA_PAGE, GtkWidget)

OrchardSession *orchard_data_page_get_session    (OrchardDataPage *self);
void            orchard_data_page_set_session    (OrchardDataPage *self,
                                                  OrchardSession  *session);
AdwViewStack   *orchard_data_page_get_view_stack (OrchardDataPage *self);
void            orchard_data_page_select_column  (OrchardDataPage *self,
                                                  guint            column);
int             orchard_data_page_get_selected_column (OrchardDataPage *self);
GtkColumnView  *orchard_data_page_get_column_view (OrchardDataPage *self);
gboolean        orchard_data_page_get_busy       (OrchardDataPage *self);
void            orchard_data_page_resync         (OrchardDataPage *self);

G_END_DECLS
