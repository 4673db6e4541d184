/* orchard-csv-reader.h: CSV and TSV files into tables, on libcsv
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

OrchardTable *orchard_csv_read_file  (GFile               *file,
                                      OrchardReadOptions  *options,
                                      OrchardProgress      progress,
                                      gpointer             progress_data,
                                      GCancellable        *cancellable,
                                      GError             **error);
OrchardTable *orchard_csv_read_bytes (GBytes              *bytes,
                                      const char          *display_name,
                                      OrchardReadOptions  *options,
                                      OrchardProgress      progress,
                                      gpointer             progress_data,
                                      GCancellable        *cancellable,
                                      GError             **error);

G_END_DECLS
