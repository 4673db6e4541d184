/* orchard-table.h: the immutable columnar table every phase reads
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "orchard-column.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_TABLE (orchard_table_get_type ())

G_DECLARE_FINAL_TYPE (OrchardTable, orchard_table, ORCHARD, TABLE, GObject)

OrchardTable       *orchard_table_new                (OrchardColumn     **columns,
                                                      guint               n_columns,
                                                      GError            **error);
gsize               orchard_table_get_n_rows         (OrchardTable       *self);
guint               orchard_table_get_n_columns      (OrchardTable       *self);
OrchardColumn      *orchard_table_get_column         (OrchardTable       *self,
                                                      guint               index);
int                 orchard_table_find_column        (OrchardTable       *self,
                                                      const char         *name);
OrchardColumnRole   orchard_table_get_role           (OrchardTable       *self,
                                                      guint               index);
int                 orchard_table_get_target         (OrchardTable       *self);
OrchardTable       *orchard_table_with_role          (OrchardTable       *self,
                                                      guint               index,
                                                      OrchardColumnRole   role);
OrchardTable       *orchard_table_select_rows        (OrchardTable       *self,
                                                      const gsize        *rows,
                                                      gsize               n_rows);
const char         *orchard_table_get_hash           (OrchardTable       *self);
gsize               orchard_table_get_memory_size    (OrchardTable       *self);
const char         *orchard_table_get_source         (OrchardTable       *self);
const char         *orchard_table_get_format         (OrchardTable       *self);
const char * const *orchard_table_get_load_warnings  (OrchardTable       *self);

G_END_DECLS
