/* orchard-table-codec.c: a table as compressed bytes, for the project file
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-project-private.h"
#include "orchard-table-private.h"

/* Version 1: (source, format, a(name, kind, role, payload)); the payload
 * is `ad` for numbers and dates, `(asau)` (levels, codes) for categories
 * and text. Every value is kept bit for bit, so the table read back has the
 * same content hash. */
#define TABLE_TYPE ((const GVariantType *) "(ssa(ssuv))")

GVariant *
orchard_table_codec_serialise (OrchardTable *table)
{
  GVariantBuilder columns;
  const char *source = orchard_table_get_source (table);
  const char *format = orchard_table_get_format (table);

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a(ssuv)"));
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      gsize n_rows = orchard_column_get_n_rows (column);
      GVariant *payload;

      if (orchard_column_is_coded (column))
        {
          GVariantBuilder levels;

          g_variant_builder_init (&levels, G_VARIANT_TYPE_STRING_ARRAY);
          for (guint l = 0; l < orchard_column_get_n_levels (column); l++)
            g_variant_builder_add (&levels, "s", orchard_column_get_level (column, l));
          payload = g_variant_new ("(as@au)", &levels,
                                   g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                              orchard_column_get_codes (column),
                                                              n_rows, sizeof (guint32)));
        }
      else
        payload = g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                             orchard_column_get_values (column),
                                             n_rows, sizeof (double));

      g_variant_builder_add (&columns, "(ssuv)", orchard_column_get_name (column),
                             orchard_column_kind_to_string (orchard_column_get_kind (column)),
                             (guint32) orchard_table_get_role (table, c), payload);
    }

  return g_variant_ref_sink (g_variant_new ("(ssa(ssuv))", source != NULL ? source : "",
                                            format != NULL ? format : "", &columns));
}

OrchardTable *
orchard_table_codec_deserialise (GVariant    *variant,
                                 const char  *what,
                                 GError     **error)
{
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  g_autoptr(GVariant) list = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autofree OrchardColumnRole *roles = NULL;
  const char *source, *format;
  gsize n_rows = 0;

  if (!g_variant_is_of_type (variant, TABLE_TYPE) || !g_variant_is_normal_form (variant))
    goto bad;

  g_variant_get (variant, "(&s&s@a(ssuv))", &source, &format, &list);
  roles = g_new0 (OrchardColumnRole, g_variant_n_children (list) + 1);
  for (gsize c = 0; c < g_variant_n_children (list); c++)
    {
      g_autoptr(GVariant) payload = NULL;
      const char *name, *kind_name;
      OrchardColumnKind kind;
      guint32 role;
      gsize n = 0;

      g_variant_get_child (list, c, "(&s&suv)", &name, &kind_name, &role, &payload);
      if (!orchard_column_kind_from_string (kind_name, &kind) || role > ORCHARD_COLUMN_ROLE_ID)
        goto bad;
      roles[c] = role;

      if (kind == ORCHARD_COLUMN_KIND_NUMERIC || kind == ORCHARD_COLUMN_KIND_DATETIME)
        {
          const double *values;

          if (!g_variant_is_of_type (payload, G_VARIANT_TYPE ("ad")))
            goto bad;
          double *copy;

          values = g_variant_get_fixed_array (payload, &n, sizeof (double));
          copy = g_memdup2 (values, MAX (n, 1) * sizeof (double));
          if (kind == ORCHARD_COLUMN_KIND_NUMERIC)
            g_ptr_array_add (columns, orchard_column_new_numeric (name, copy, n));
          else
            g_ptr_array_add (columns, orchard_column_new_datetime (name, copy, n));
        }
      else
        {
          g_autoptr(GVariant) level_list = NULL;
          g_autoptr(GVariant) code_list = NULL;
          GPtrArray *levels;
          const guint32 *codes;
          gsize n_levels;

          if (!g_variant_is_of_type (payload, G_VARIANT_TYPE ("(asau)")))
            goto bad;
          level_list = g_variant_get_child_value (payload, 0);
          code_list = g_variant_get_child_value (payload, 1);
          n_levels = g_variant_n_children (level_list);
          codes = g_variant_get_fixed_array (code_list, &n, sizeof (guint32));
          for (gsize r = 0; r < n; r++)
            if (codes[r] != ORCHARD_CODE_MISSING && codes[r] >= n_levels)
              goto bad;
          levels = g_ptr_array_new_full (n_levels, g_free);
          for (gsize l = 0; l < n_levels; l++)
            {
              const char *level;

              g_variant_get_child (level_list, l, "&s", &level);
              g_ptr_array_add (levels, g_strdup (level));
            }
          g_ptr_array_add (columns,
                           orchard_column_new_categorical (name,
                                                           g_memdup2 (codes, MAX (n, 1) *
                                                                             sizeof (guint32)),
                                                           n, levels,
                                                           kind == ORCHARD_COLUMN_KIND_TEXT));
        }

      if (c > 0 && n != n_rows)
        goto bad;
      n_rows = n;
    }

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, error);
  if (table == NULL)
    return NULL;
  for (guint c = 0; c < columns->len; c++)
    if (roles[c] != ORCHARD_COLUMN_ROLE_FEATURE)
      {
        OrchardTable *next = orchard_table_with_role (table, c, roles[c]);

        g_object_unref (table);
        table = next;
      }
  orchard_table_set_origin (table, source[0] != '\0' ? source : NULL,
                            format[0] != '\0' ? format : NULL, NULL);

  return g_steal_pointer (&table);

bad:
  g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
               _("%s: the stored data is damaged"), what);
  return NULL;
}

/* zlib ------------------------------------------------------------------- */

static GBytes *
convert (GConverter    *converter,
         const void    *data,
         gsize          size,
         GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_sized_new (MAX (size / 2, 64));
  gsize in_pos = 0;

  for (;;)
    {
      guint8 buffer[65536];
      gsize read = 0, written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, (const guint8 *) data + in_pos, size - in_pos,
                                    buffer, sizeof buffer, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, error);
      if (result == G_CONVERTER_ERROR)
        return NULL;
      in_pos += read;
      g_byte_array_append (out, buffer, written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

GBytes *
orchard_compress (const void  *data,
                  gsize        size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  GBytes *bytes = convert (G_CONVERTER (compressor), data, size, NULL);

  g_assert (bytes != NULL);
  return bytes;
}

GBytes *
orchard_decompress (const void  *data,
                    gsize        size,
                    GError     **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);

  return convert (G_CONVERTER (decompressor), data, size, error);
}
