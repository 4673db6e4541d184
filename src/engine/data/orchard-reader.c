/* orchard-reader.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "orchard-arff-reader.h"
#include "orchard-csv-reader.h"
#include "orchard-reader.h"

/**
 * orchard_table_load:
 * @file: a data file
 * @options: (nullable): reading options, or %NULL to sniff everything
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads @file with the reader its format needs: ARFF for `*.arff` and
 * for files whose first line that is not a comment starts with
 * `@relation`, delimited text (CSV, TSV, …) for everything else.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OrchardTable *
orchard_table_load (GFile               *file,
                    OrchardReadOptions  *options,
                    OrchardProgress      progress,
                    gpointer             progress_data,
                    GCancellable        *cancellable,
                    GError             **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (orchard_arff_detect_file (file, cancellable))
    return orchard_arff_read_file (file, options, progress, progress_data, cancellable, error);

  return orchard_csv_read_file (file, options, progress, progress_data, cancellable, error);
}
