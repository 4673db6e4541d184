/* cli-common.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"

struct _CliProgress
{
  char    *label;
  gint64   started;
  gint64   last_draw;
  gboolean drawn;
  gboolean tty;
};

/**
 * cli_progress_new:
 * @label: what is being done ("Reading penguins.csv")
 *
 * A progress bar on stderr; drawn only when stderr is a terminal and only
 * once the work has taken longer than half a second.
 */
CliProgress *
cli_progress_new (const char *label)
{
  CliProgress *self = g_new0 (CliProgress, 1);

  self->label = g_strdup (label);
  self->started = g_get_monotonic_time ();
  self->tty = isatty (STDERR_FILENO);

  return self;
}

void
cli_progress_update (double      fraction,
                     const char *message,
                     gpointer    user_data)
{
  CliProgress *self = user_data;
  gint64 now = g_get_monotonic_time ();
  const int width = 30;
  int filled;

  if (!self->tty || now - self->started < G_USEC_PER_SEC / 2)
    return;
  if (self->drawn && now - self->last_draw < G_USEC_PER_SEC / 10 && fraction < 1.0)
    return;

  filled = (int) (CLAMP (fraction, 0.0, 1.0) * width);
  fprintf (stderr, "\r%s [", message != NULL ? message : self->label);
  for (int i = 0; i < width; i++)
    fputc (i < filled ? '#' : '.', stderr);
  fprintf (stderr, "] %3d%%", (int) (CLAMP (fraction, 0.0, 1.0) * 100));
  fflush (stderr);

  self->drawn = TRUE;
  self->last_draw = now;
}

void
cli_progress_free (CliProgress *self)
{
  if (self == NULL)
    return;

  if (self->drawn)
    fputs ("\r\033[K", stderr);

  g_free (self->label);
  g_free (self);
}

/* Prints the error and returns the exit status of a user error. */
int
cli_fail (GError *error)
{
  g_printerr ("orchard-cli: %s\n", error->message);
  g_error_free (error);
  return CLI_EXIT_ERROR;
}

int
cli_usage_error (GOptionContext *context,
                 const char     *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("orchard-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("\n%s", help);
    }

  return CLI_EXIT_USAGE;
}

/* Returns -1 when parsing succeeded, else the exit status. */
int
cli_parse_options (GOptionContext   *context,
                   int              *argc,
                   char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_usage_error (context, "%s", error->message);

  return -1;
}

/**
 * cli_parse_fractions:
 * @text: "0.7,0.15,0.15"
 * @n_fractions: how many numbers @text must hold
 * @fractions: (out) (array length=n_fractions): the numbers
 * @error: return location for a #GError
 *
 * Parses the value of `--fractions` in the C locale. Whether the shares
 * add up is the split's to check.
 */
gboolean
cli_parse_fractions (const char  *text,
                     guint        n_fractions,
                     double      *fractions,
                     GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != n_fractions)
    {
      if (n_fractions == 3)
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "--fractions takes three numbers, TRAIN,VALID,TEST, not “%s”", text);
      else
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "--fractions takes two numbers with --test, TRAIN,VALID, not “%s”", text);
      return FALSE;
    }

  for (guint i = 0; i < n_fractions; i++)
    {
      char *end = NULL;
      const char *start = g_strstrip (parts[i]);

      fractions[i] = g_ascii_strtod (start, &end);
      if (end == start || *end != '\0' || !isfinite (fractions[i]))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "--fractions: “%s” is not a number", start);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * cli_parse_pipeline:
 * @text: "auto", "auto:FAMILY" or the path of a spec
 * @automatic: (out): whether the pipeline is an automatic one
 * @family: (out): the family named after "auto:", else linear
 * @explicit_family: (out) (optional): whether @text named the family
 * @error: return location for a #GError
 */
gboolean
cli_parse_pipeline (const char          *text,
                    gboolean            *automatic,
                    OrchardModelFamily  *family,
                    gboolean            *explicit_family,
                    GError             **error)
{
  *automatic = FALSE;
  *family = ORCHARD_MODEL_FAMILY_LINEAR;
  if (explicit_family != NULL)
    *explicit_family = FALSE;

  if (strcmp (text, "auto") == 0)
    {
      *automatic = TRUE;
      return TRUE;
    }

  if (g_str_has_prefix (text, "auto:"))
    {
      *automatic = TRUE;
      if (explicit_family != NULL)
        *explicit_family = TRUE;
      if (orchard_model_family_from_string (text + strlen ("auto:"), family))
        return TRUE;

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "--pipeline: unknown model family “%s”; use auto:trees, auto:linear, "
                   "auto:knn or auto:neural", text + strlen ("auto:"));
      return FALSE;
    }

  return TRUE;
}

/**
 * cli_variant_to_json:
 * @value: a variant
 *
 * Numbers, booleans and strings as themselves (non-finite numbers as
 * null), dictionaries as objects, other containers as arrays.
 *
 * Returns: (transfer full): a JSON node
 */
JsonNode *
cli_variant_to_json (GVariant *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  const GVariantType *type = g_variant_get_type (value);

  if (g_variant_type_equal (type, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_variant_get_double (value);

      if (!isfinite (d))
        {
          json_node_free (node);
          return json_node_new (JSON_NODE_NULL);
        }
      json_node_set_double (node, d);
    }
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BOOLEAN))
    json_node_set_boolean (node, g_variant_get_boolean (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_BYTE))
    json_node_set_int (node, g_variant_get_byte (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT16))
    json_node_set_int (node, g_variant_get_int16 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT16))
    json_node_set_int (node, g_variant_get_uint16 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT32))
    json_node_set_int (node, g_variant_get_int32 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT32))
    json_node_set_int (node, g_variant_get_uint32 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_INT64))
    json_node_set_int (node, g_variant_get_int64 (value));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_UINT64))
    json_node_set_int (node, (gint64) MIN (g_variant_get_uint64 (value), (guint64) G_MAXINT64));
  else if (g_variant_type_is_basic (type))
    json_node_set_string (node, g_variant_get_string (value, NULL));
  else if (g_variant_type_equal (type, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      json_node_free (node);
      return cli_variant_to_json (inner);
    }
  else if (g_variant_type_is_maybe (type))
    {
      g_autoptr(GVariant) inner = g_variant_get_maybe (value);

      json_node_free (node);
      return inner != NULL ? cli_variant_to_json (inner) : json_node_new (JSON_NODE_NULL);
    }
  else if (g_variant_type_is_array (type) &&
           g_variant_type_is_dict_entry (g_variant_type_element (type)) &&
           g_variant_type_equal (g_variant_type_key (g_variant_type_element (type)),
                                 G_VARIANT_TYPE_STRING))
    {
      JsonObject *object = json_object_new ();

      for (gsize i = 0; i < g_variant_n_children (value); i++)
        {
          g_autoptr(GVariant) entry = g_variant_get_child_value (value, i);
          g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
          g_autoptr(GVariant) inner = g_variant_get_child_value (entry, 1);

          json_object_set_member (object, g_variant_get_string (key, NULL),
                                  cli_variant_to_json (inner));
        }
      json_node_init_object (node, object);
      json_object_unref (object);
    }
  else
    {
      JsonArray *array = json_array_new ();

      for (gsize i = 0; i < g_variant_n_children (value); i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
          json_array_add_element (array, cli_variant_to_json (child));
        }
      json_node_init_array (node, array);
      json_array_unref (array);
    }

  return node;
}

/* Numbers in reports read the same in every locale. */
char *
cli_format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

/* A CSV field, quoted when it must be (RFC 4180). */
void
cli_append_csv_field (GString    *out,
                      const char *text)
{
  gsize len = strlen (text);

  if (strpbrk (text, ",\"\r\n") == NULL &&
      (len == 0 || (text[0] != ' ' && text[len - 1] != ' ')))
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *c = text; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *c);
    }
  g_string_append_c (out, '"');
}
