/* orchard-reader.h: open any supported data file
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-progress.h"
#include "orchard-read-options.h"
#include "orchard-table.h"

G_BEGIN_DECLS

OrchardTable *orchard_table_load (GFile               *file,
                                  OrchardReadOptions  *options,
                                  OrchardProgress      progress,
                                  gpointer             progress_data,
                                  GCancellable        *cancellable,
                                  GError             **error);

G_END_DECLS
