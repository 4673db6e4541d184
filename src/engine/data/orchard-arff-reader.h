/* orchard-arff-reader.h: Weka ARFF files into tables
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

OrchardTable *orchard_arff_read_file   (GFile               *file,
                                        OrchardReadOptions  *options,
                                        OrchardProgress      progress,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GError             **error);
OrchardTable *orchard_arff_read_bytes  (GBytes              *bytes,
                                        const char          *display_name,
                                        OrchardReadOptions  *options,
                                        OrchardProgress      progress,
                                        gpointer             progress_data,
                                        GCancellable        *cancellable,
                                        GError             **error);
gboolean      orchard_arff_sniff       (const char          *data,
                                        gsize                len);
gboolean      orchard_arff_detect_file (GFile               *file,
                                        GCancellable        *cancellable);

G_END_DECLS
