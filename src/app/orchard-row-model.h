/* orchard-row-model.h: the rows of an OrchardTable as a GListModel
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_ROW (orchard_row_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRow, orchard_row, ORCHARD, ROW, GObject)

guint            orchard_row_get_index       (OrchardRow       *self);

#define ORCHARD_TYPE_ROW_MODEL (orchard_row_model_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRowModel, orchard_row_model, ORCHARD, ROW_MODEL, GObject)

OrchardRowModel *orchard_row_model_new       (void);
OrchardTable    *orchard_row_model_get_table (OrchardRowModel  *self);
void             orchard_row_model_set_table (OrchardRowModel  *self,
                                              OrchardTable     *table);

G_END_DECLS
