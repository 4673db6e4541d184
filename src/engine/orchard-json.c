/* orchard-json.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own writer because JsonGenerator in json-glib 1.6 appends ".0" to any
 * "%g" text without a '.', so 1e-10 comes out as the invalid "1e-10.0", writes
 * every double with 17 digits (0.7 as 0.69999999999999996), writes "inf.0"
 * and "-nan.0", and leaves some control characters (0x1f) unescaped. The
 * layout matches JsonGenerator's, so only the broken parts change.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-json.h"

/* The fewest significant digits that read back as the same double. Decimal
 * text of up to 15 digits survives a trip through a normal double, and "%g"
 * drops trailing zeros, so when "%.15g" reads back it is already the
 * shortest. A subnormal holds fewer bits, so shorter text can still be exact
 * (5e-324 rather than 4.94065645841247e-324): its search starts at 1. */
static void
append_double (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  const char *p;

  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (int digits = fpclassify (value) == FP_SUBNORMAL ? 1 : 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  g_string_append (out, buf);

  /* "%g" gives "3" for 3.0; keep a fraction so readers that look at the
   * token type (json-glib, Python) still see a double, as they did before. */
  for (p = buf; *p != '\0'; p++)
    if (*p == '.' || *p == 'e')
      return;
  g_string_append (out, ".0");
}

/* RFC 8259 §7: quote and backslash escaped, control characters as escapes;
 * everything else, valid UTF-8 included, as is. Invalid UTF-8 would make the
 * whole text invalid, so each bad byte becomes U+FFFD. */
static void
append_string (GString    *out,
               const char *str)
{
  const char *p = str;

  g_string_append_c (out, '"');

  while (*p != '\0')
    {
      guchar c = (guchar) *p;

      if (c >= 0x80)
        {
          gunichar ch = g_utf8_get_char_validated (p, -1);

          if (ch == (gunichar) -1 || ch == (gunichar) -2)
            {
              g_string_append (out, "\xef\xbf\xbd");
              p++;
            }
          else
            {
              const char *next = g_utf8_next_char (p);

              g_string_append_len (out, p, next - p);
              p = next;
            }
          continue;
        }

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          /* DEL is legal JSON but, like JsonGenerator, keep it off terminals. */
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
      p++;
    }

  g_string_append_c (out, '"');
}

static void
append_indent (GString  *out,
               gboolean  pretty,
               guint     depth)
{
  if (pretty)
    {
      g_string_append_c (out, '\n');
      for (guint i = 0; i < depth; i++)
        g_string_append (out, "  ");
    }
}

static void append_node (GString  *out,
                         JsonNode *node,
                         gboolean  pretty,
                         guint     depth);

static void
append_value (GString  *out,
              JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      append_double (out, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;
    case G_TYPE_STRING:
      if (json_node_get_string (node) != NULL)
        append_string (out, json_node_get_string (node));
      else
        g_string_append (out, "null");
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}

static void
append_array (GString   *out,
              JsonArray *array,
              gboolean   pretty,
              guint      depth)
{
  guint n = array != NULL ? json_array_get_length (array) : 0;

  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_indent (out, pretty, depth + 1);
      append_node (out, json_array_get_element (array, i), pretty, depth + 1);
    }
  if (n > 0)
    append_indent (out, pretty, depth);
  g_string_append_c (out, ']');
}

static void
append_object (GString    *out,
               JsonObject *object,
               gboolean    pretty,
               guint       depth)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (object != NULL)
    {
      json_object_iter_init_ordered (&iter, object);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (!first)
            g_string_append_c (out, ',');
          first = FALSE;
          append_indent (out, pretty, depth + 1);
          append_string (out, name);
          g_string_append (out, pretty ? " : " : ":");
          append_node (out, member, pretty, depth + 1);
        }
    }
  if (!first)
    append_indent (out, pretty, depth);
  g_string_append_c (out, '}');
}

static void
append_node (GString  *out,
             JsonNode *node,
             gboolean  pretty,
             guint     depth)
{
  if (node == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      append_object (out, json_node_get_object (node), pretty, depth);
      break;
    case JSON_NODE_ARRAY:
      append_array (out, json_node_get_array (node), pretty, depth);
      break;
    case JSON_NODE_VALUE:
      append_value (out, node);
      break;
    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/**
 * orchard_json_to_string:
 * @node: the root of a JSON tree
 * @pretty: %TRUE for one member per line indented by two spaces, as
 *   JsonGenerator's pretty output; %FALSE for no whitespace at all
 *
 * Writes @node as RFC 8259 JSON text. Doubles take the fewest digits that
 * read back bit for bit (0.7, 1e-10, 1.5e+300) and keep a fraction or an
 * exponent so they stay doubles; NaN and infinities, which JSON cannot
 * express, become null.
 *
 * Returns: (transfer full): the text, without a final newline
 */
char *
orchard_json_to_string (JsonNode *node,
                        gboolean  pretty)
{
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  out = g_string_new (NULL);
  append_node (out, node, pretty, 0);
  return g_string_free (out, FALSE);
}

/**
 * orchard_json_write_file:
 * @node: the root of a JSON tree
 * @file: where to write
 * @pretty: as for orchard_json_to_string()
 * @error: return location for a #GError
 *
 * Replaces @file with orchard_json_to_string() of @node and a final newline.
 * The old contents stay in place until the new ones are complete.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
orchard_json_write_file (JsonNode  *node,
                         GFile     *file,
                         gboolean   pretty,
                         GError   **error)
{
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;

  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = orchard_json_to_string (node, pretty);
  contents = g_strconcat (text, "\n", NULL);

  return g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}
