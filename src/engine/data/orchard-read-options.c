/* orchard-read-options.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "orchard-read-options.h"

struct _OrchardReadOptions
{
  gatomicrefcount    ref_count;
  char               delimiter;
  OrchardHeaderMode  header;
  GStrv              missing;
  gsize             *missing_len;
  gsize              missing_max;   /* the longest token, for a quick no */
  GHashTable        *kinds;   /* column name → OrchardColumnKind */
  double             stray_share;
};

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

G_DEFINE_BOXED_TYPE (OrchardReadOptions, orchard_read_options,
                     orchard_read_options_ref, orchard_read_options_unref)

static const char * const default_missing[] = {
  "", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "null", "NULL", "?", NULL
};

static void
set_missing (OrchardReadOptions *self,
             const char * const *tokens)
{
  /* Copied before the old list goes: @tokens may be that list. */
  GStrv copy = g_strdupv ((char **) tokens);
  guint n = g_strv_length (copy);

  g_strfreev (self->missing);
  g_free (self->missing_len);

  self->missing = copy;
  self->missing_len = g_new (gsize, MAX (n, 1));
  self->missing_max = 0;
  for (guint i = 0; i < n; i++)
    {
      self->missing_len[i] = strlen (copy[i]);
      self->missing_max = MAX (self->missing_max, self->missing_len[i]);
    }
}

/**
 * orchard_read_options_new:
 *
 * Options with everything sniffed: delimiter, header and column kinds; the
 * missing-value tokens "", NA, N/A, n/a, #N/A, NaN, nan, null, NULL and ?;
 * and stray
 * text in a numeric column read as missing while it is at most 5% of the
 * column's values.
 *
 * Returns: (transfer full): new options
 */
OrchardReadOptions *
orchard_read_options_new (void)
{
  OrchardReadOptions *self = g_new0 (OrchardReadOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  set_missing (self, default_missing);
  self->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stray_share = 0.05;

  return self;
}

OrchardReadOptions *
orchard_read_options_ref (OrchardReadOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  g_atomic_ref_count_inc (&options->ref_count);
  return options;
}

void
orchard_read_options_unref (OrchardReadOptions *options)
{
  g_return_if_fail (options != NULL);

  if (!g_atomic_ref_count_dec (&options->ref_count))
    return;

  g_strfreev (options->missing);
  g_free (options->missing_len);
  g_hash_table_unref (options->kinds);
  g_free (options);
}

/**
 * orchard_read_options_set_delimiter:
 * @options: options
 * @delimiter: the field delimiter, or 0 to sniff it among `,` `;` tab and `|`
 */
void
orchard_read_options_set_delimiter (OrchardReadOptions *options,
                                    char                delimiter)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (delimiter != '"' && delimiter != '\n' && delimiter != '\r');
  options->delimiter = delimiter;
}

char
orchard_read_options_get_delimiter (const OrchardReadOptions *options)
{
  g_return_val_if_fail (options != NULL, 0);
  return options->delimiter;
}

void
orchard_read_options_set_header (OrchardReadOptions *options,
                                 OrchardHeaderMode   mode)
{
  g_return_if_fail (options != NULL);
  options->header = mode;
}

OrchardHeaderMode
orchard_read_options_get_header (const OrchardReadOptions *options)
{
  g_return_val_if_fail (options != NULL, ORCHARD_HEADER_AUTO);
  return options->header;
}

/**
 * orchard_read_options_set_missing_tokens:
 * @options: options
 * @tokens: (array zero-terminated=1): the exact texts that mean "missing"
 *
 * Replaces the missing-value tokens. Matching is exact and case-sensitive;
 * include "" to keep empty fields missing.
 */
void
orchard_read_options_set_missing_tokens (OrchardReadOptions *options,
                                         const char * const *tokens)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (tokens != NULL);

  set_missing (options, tokens);
}

const char * const *
orchard_read_options_get_missing_tokens (const OrchardReadOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);
  return (const char * const *) options->missing;
}

/**
 * orchard_read_options_is_missing:
 * @options: options
 * @token: a token, not necessarily nul-terminated
 * @len: its length
 *
 * Returns: whether @token is one of the missing-value tokens
 */
gboolean
orchard_read_options_is_missing (const OrchardReadOptions *options,
                                 const char               *token,
                                 gsize                     len)
{
  if (len > options->missing_max)
    return FALSE;

  for (guint i = 0; options->missing[i] != NULL; i++)
    if (options->missing_len[i] == len && memcmp (options->missing[i], token, len) == 0)
      return TRUE;

  return FALSE;
}

/**
 * orchard_read_options_set_kind:
 * @options: options
 * @column: a column name
 * @kind: the kind the column must have, whatever sniffing says
 */
void
orchard_read_options_set_kind (OrchardReadOptions *options,
                               const char         *column,
                               OrchardColumnKind   kind)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (column != NULL);

  g_hash_table_insert (options->kinds, g_strdup (column), GUINT_TO_POINTER (kind));
}

gboolean
orchard_read_options_get_kind (const OrchardReadOptions *options,
                               const char               *column,
                               OrchardColumnKind        *kind)
{
  gpointer value;

  g_return_val_if_fail (options != NULL, FALSE);

  if (!g_hash_table_lookup_extended (options->kinds, column, NULL, &value))
    return FALSE;

  *kind = GPOINTER_TO_UINT (value);
  return TRUE;
}

/**
 * orchard_read_options_dup_kind_columns:
 * @options: options
 *
 * Returns: (transfer full): the names of the columns given a kind, sorted
 */
GStrv
orchard_read_options_dup_kind_columns (const OrchardReadOptions *options)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv names;

  g_return_val_if_fail (options != NULL, NULL);

  keys = g_hash_table_get_keys_as_array (options->kinds, &n);
  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);
  qsort (names, n, sizeof (char *), compare_names);

  return names;
}

/**
 * orchard_read_options_set_stray_share:
 * @options: options
 * @share: the largest share of a numeric column's values that may be stray
 *   text and still be read as missing; above it the column becomes categorical
 */
void
orchard_read_options_set_stray_share (OrchardReadOptions *options,
                                      double              share)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (share >= 0.0 && share <= 1.0);
  options->stray_share = share;
}

double
orchard_read_options_get_stray_share (const OrchardReadOptions *options)
{
  g_return_val_if_fail (options != NULL, 0.05);
  return options->stray_share;
}
