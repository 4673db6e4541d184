/* orchard-table-private.h: what readers may set on a table they build
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-table.h"

G_BEGIN_DECLS

void orchard_table_set_origin (OrchardTable  *self,
                               const char    *source,
                               const char    *format,
                               GPtrArray     *warnings);

G_END_DECLS
