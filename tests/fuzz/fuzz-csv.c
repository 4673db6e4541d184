/* fuzz-csv.c: libFuzzer entry point for the CSV reader
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built only with -Dfuzzing=true under clang; docs/testing.md says how to
 * run it. The contract under test is the reader's: any bytes give a table
 * or a GError whose message says where, and nothing else happens.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "orchard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* An input that starts with byte 0x01 … 0x06 also picks reading options, so
 * the fuzzer explores forced delimiters and header modes; any other first
 * byte is part of the file. */
static OrchardReadOptions *
options_from_prefix (const uint8_t **data,
                     size_t         *size)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  OrchardReadOptions *options;
  uint8_t selector;

  if (*size < 2 || (*data)[0] < 0x01 || (*data)[0] > 0x06)
    return NULL;

  selector = (*data)[1];
  *data += 2;
  *size -= 2;

  options = orchard_read_options_new ();
  orchard_read_options_set_header (options, (OrchardHeaderMode) (selector % 3));
  if ((selector >> 2) & 1)
    orchard_read_options_set_delimiter (options, delimiters[(selector >> 3) & 3]);
  if ((selector >> 5) & 1)
    orchard_read_options_set_stray_share (options, ((selector >> 6) & 1) ? 1.0 : 0.0);
  if (selector >> 7)
    orchard_read_options_set_kind (options, "column_1", ORCHARD_COLUMN_KIND_NUMERIC);

  return options;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(OrchardReadOptions) options = options_from_prefix (&data, &size);
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;

  table = orchard_csv_read_bytes (bytes, "fuzz.csv", options, NULL, NULL, NULL, &error);

  if (table == NULL)
    {
      /* An error must be one a user can act on. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0' ||
          !g_str_has_prefix (error->message, "fuzz.csv") ||
          !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return 0;
    }

  if (error != NULL || orchard_table_get_n_rows (table) == 0 ||
      strlen (orchard_table_get_hash (table)) != 64)
    abort ();

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);

      if (!g_utf8_validate (orchard_column_get_name (column), -1, NULL))
        abort ();
      for (guint l = 0; orchard_column_is_coded (column) && l < orchard_column_get_n_levels (column); l++)
        if (!g_utf8_validate (orchard_column_get_level (column, l), -1, NULL))
          abort ();
    }

  return 0;
}
