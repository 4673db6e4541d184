/* orchard-run-filter.c: the run filter language, compiled to SQL
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-project-private.h"

/*
 * filter     := or ;  or := and ("or" and)* ;  and := unary ("and" unary)*
 * unary      := "not" unary | "(" or ")" | key op value
 * key        := metric.SPLIT.NAME | param.NAME | tag.NAME | model | status |
 *               target | data_hash | dataset | split | pipeline | host |
 *               id | seed | duration | parent
 * op         := = == != < <= > >= ~      (~: contains)
 * value      := number | word | "text" | 'text'
 *
 * Every value is bound as an SQL parameter, never pasted into the SQL.
 */

typedef struct
{
  const char       *text;
  const char       *p;
  OrchardRunFilter *out;
  GError          **error;
} Parser;

static gboolean
fail (Parser     *parser,
      const char *at,
      const char *format,
      ...) G_GNUC_PRINTF (3, 4);

static gboolean
fail (Parser     *parser,
      const char *at,
      const char *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (parser->error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_FILTER,
               _("Filter, column %d: %s"), (int) g_utf8_strlen (parser->text, at - parser->text) + 1,
               what);
  return FALSE;
}

static void
skip_space (Parser *parser)
{
  while (g_ascii_isspace (*parser->p))
    parser->p++;
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-' || c == ':' || (guchar) c >= 0x80;
}

/* A keyword ("and", "or", "not") followed by a space or parenthesis. */
static gboolean
accept_word (Parser     *parser,
             const char *word)
{
  gsize len = strlen (word);

  skip_space (parser);
  if (g_ascii_strncasecmp (parser->p, word, len) == 0 &&
      (parser->p[len] == '\0' || g_ascii_isspace (parser->p[len]) || parser->p[len] == '('))
    {
      parser->p += len;
      return TRUE;
    }
  return FALSE;
}

static gboolean parse_or (Parser *parser);

static void
add_arg (Parser   *parser,
         GVariant *arg)
{
  g_ptr_array_add (parser->out->args, g_variant_ref_sink (arg));
}

static gboolean
parse_number (const char *text,
              double     *value)
{
  char *end = NULL;

  if (text[0] == '\0')
    return FALSE;
  *value = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0';
}

/* Which runs table column a plain key names, and whether it is a number. */
static const char *
column_of (const char *key,
           gboolean   *numeric)
{
  static const struct { const char *key; const char *column; gboolean numeric; } columns[] = {
    { "model", "r.model", FALSE }, { "status", "r.status", FALSE },
    { "target", "r.target", FALSE }, { "data_hash", "r.data_hash", FALSE },
    { "split", "r.split", FALSE }, { "pipeline", "r.pipeline", FALSE },
    { "host", "r.host", FALSE }, { "id", "r.id", TRUE }, { "seed", "r.seed", TRUE },
    { "duration", "r.duration", TRUE }, { "parent", "r.parent_id", TRUE },
    { "started", "r.started", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (key, columns[i].key) == 0)
      {
        *numeric = columns[i].numeric;
        return columns[i].column;
      }
  return NULL;
}

/* " OP ?" for the SQL; ~ is handled by the caller. */
static const char *
sql_op (const char *op)
{
  if (strcmp (op, "==") == 0)
    return "=";
  if (strcmp (op, "!=") == 0)
    return "<>";
  return op;
}

static void
append_compare (Parser     *parser,
                const char *expr,
                const char *op,
                const char *text,
                gboolean    as_number,
                double      number)
{
  if (strcmp (op, "~") == 0)
    {
      g_string_append_printf (parser->out->sql, "instr(%s, ?) > 0", expr);
      add_arg (parser, g_variant_new_string (text));
    }
  else
    {
      g_string_append_printf (parser->out->sql, "%s %s ?", expr, sql_op (op));
      add_arg (parser, as_number ? g_variant_new_double (number) : g_variant_new_string (text));
    }
}

static gboolean
parse_comparison (Parser *parser)
{
  const char *key_start, *op_start, *value_start;
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  char op[3] = { 0 };
  double number = 0.0;
  gboolean is_number;

  skip_space (parser);
  key_start = parser->p;
  while (is_key_char (*parser->p))
    parser->p++;
  if (parser->p == key_start)
    return fail (parser, key_start, _("expected a key such as metric.valid.roc_auc, "
                                      "param.NAME or model"));
  key = g_strndup (key_start, parser->p - key_start);

  skip_space (parser);
  op_start = parser->p;
  if (strchr ("=!<>~", *parser->p) == NULL || *parser->p == '\0')
    return fail (parser, op_start, _("expected an operator (= != < <= > >= ~) after “%s”"), key);
  op[0] = *parser->p++;
  if (*parser->p == '=')
    op[1] = *parser->p++;
  if (strcmp (op, "!") == 0 || strcmp (op, "~=") == 0)
    return fail (parser, op_start, _("unknown operator “%s”"), op);
  if (strcmp (op, "=") == 0)
    op[1] = '\0';

  skip_space (parser);
  value_start = parser->p;
  if (*parser->p == '"' || *parser->p == '\'')
    {
      char quote = *parser->p++;
      const char *start = parser->p;

      while (*parser->p != '\0' && *parser->p != quote)
        parser->p++;
      if (*parser->p != quote)
        return fail (parser, value_start, _("the quoted value has no closing %c"), quote);
      value = g_strndup (start, parser->p - start);
      parser->p++;
      is_number = FALSE;
    }
  else
    {
      while (*parser->p != '\0' && !g_ascii_isspace (*parser->p) && *parser->p != ')')
        parser->p++;
      if (parser->p == value_start)
        return fail (parser, value_start, _("expected a value after “%s %s”"), key, op);
      value = g_strndup (value_start, parser->p - value_start);
      is_number = parse_number (value, &number);
    }

  if (g_str_has_prefix (key, "metric."))
    {
      g_autofree char *kind = NULL, *split = NULL, *name = NULL;

      if (!orchard_run_key_parse (key, &kind, &split, &name, NULL) || name == NULL)
        return fail (parser, key_start, _("“%s” is not a metric key: write metric.SPLIT.NAME, "
                                          "e.g. metric.valid.roc_auc"), key);
      if (!is_number)
        return fail (parser, value_start, _("“%s” compares with a number, not “%s”"), key, value);
      if (strcmp (op, "~") == 0)
        return fail (parser, op_start, _("~ compares text, and %s is a number"), key);
      g_string_append (parser->out->sql, "EXISTS (SELECT 1 FROM metrics m WHERE m.run_id = r.id "
                                         "AND m.split = ? AND m.fold = -1 AND m.name = ? AND ");
      add_arg (parser, g_variant_new_string (split));
      add_arg (parser, g_variant_new_string (name));
      append_compare (parser, "m.value", op, value, TRUE, number);
      g_string_append_c (parser->out->sql, ')');
    }
  else if (g_str_has_prefix (key, "param.") || g_str_has_prefix (key, "tag."))
    {
      gboolean param = g_str_has_prefix (key, "param.");
      const char *name = strchr (key, '.') + 1;

      if (name[0] == '\0')
        return fail (parser, key_start, _("“%s” names no parameter or tag"), key);
      if (param)
        g_string_append (parser->out->sql, "EXISTS (SELECT 1 FROM params p WHERE p.run_id = r.id "
                                           "AND p.name = ? AND ");
      else
        g_string_append (parser->out->sql, "EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.id "
                                           "AND t.key = ? AND ");
      add_arg (parser, g_variant_new_string (name));
      if (param && is_number && strcmp (op, "~") != 0)
        append_compare (parser, "p.num", op, value, TRUE, number);
      else
        append_compare (parser, param ? "p.value" : "t.value", op, value, FALSE, 0.0);
      g_string_append_c (parser->out->sql, ')');
    }
  else if (strcmp (key, "dataset") == 0)
    {
      g_string_append (parser->out->sql, "r.dataset_id IN (SELECT d.id FROM datasets d WHERE ");
      append_compare (parser, "d.name", op, value, FALSE, 0.0);
      g_string_append_c (parser->out->sql, ')');
    }
  else
    {
      gboolean numeric = FALSE;
      const char *column = column_of (key, &numeric);
      OrchardRunStatus status;

      if (column == NULL)
        return fail (parser, key_start, _("unknown key “%s”; keys are metric.SPLIT.NAME, "
                                          "param.NAME, tag.NAME, model, status, target, "
                                          "data_hash, dataset, split, pipeline, host, id, seed, "
                                          "duration, parent and started"), key);
      if (numeric && (!is_number || strcmp (op, "~") == 0))
        return fail (parser, value_start, _("“%s” compares with a number, not “%s”"), key, value);
      if (strcmp (key, "status") == 0 && strcmp (op, "~") != 0 &&
          !orchard_run_status_from_string (value, &status))
        return fail (parser, value_start, _("“%s” is not a status; write running, finished, "
                                            "failed or cancelled"), value);
      append_compare (parser, column, op, value, numeric, number);
    }

  return TRUE;
}

static gboolean
parse_unary (Parser *parser)
{
  skip_space (parser);
  if (accept_word (parser, "not"))
    {
      g_string_append (parser->out->sql, "NOT (");
      if (!parse_unary (parser))
        return FALSE;
      g_string_append_c (parser->out->sql, ')');
      return TRUE;
    }
  skip_space (parser);
  if (*parser->p == '(')
    {
      const char *open = parser->p++;

      g_string_append_c (parser->out->sql, '(');
      if (!parse_or (parser))
        return FALSE;
      skip_space (parser);
      if (*parser->p != ')')
        return fail (parser, open, _("this parenthesis is not closed"));
      parser->p++;
      g_string_append_c (parser->out->sql, ')');
      return TRUE;
    }
  return parse_comparison (parser);
}

static gboolean
parse_and (Parser *parser)
{
  if (!parse_unary (parser))
    return FALSE;
  while (accept_word (parser, "and"))
    {
      g_string_append (parser->out->sql, " AND ");
      if (!parse_unary (parser))
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_or (Parser *parser)
{
  g_string_append_c (parser->out->sql, '(');
  if (!parse_and (parser))
    return FALSE;
  while (accept_word (parser, "or"))
    {
      g_string_append (parser->out->sql, " OR ");
      if (!parse_and (parser))
        return FALSE;
    }
  g_string_append_c (parser->out->sql, ')');
  return TRUE;
}

/* Compiles @filter (NULL or blank: every run) into out->sql and out->args. */
gboolean
orchard_run_filter_compile (const char        *filter,
                            OrchardRunFilter  *out,
                            GError           **error)
{
  Parser parser = { filter, filter, out, error };

  out->sql = g_string_new (NULL);
  out->args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (filter == NULL)
    {
      g_string_append (out->sql, "1");
      return TRUE;
    }
  skip_space (&parser);
  if (*parser.p == '\0')
    {
      g_string_append (out->sql, "1");
      return TRUE;
    }
  if (!parse_or (&parser))
    return FALSE;
  skip_space (&parser);
  if (*parser.p != '\0')
    return fail (&parser, parser.p, _("expected “and”, “or” or the end, not “%s”"), parser.p);
  return TRUE;
}

void
orchard_run_filter_clear (OrchardRunFilter *filter)
{
  if (filter->sql != NULL)
    g_string_free (filter->sql, TRUE);
  filter->sql = NULL;
  g_clear_pointer (&filter->args, g_ptr_array_unref);
}

gboolean
orchard_run_filter_bind (sqlite3_stmt *stmt,
                         int           first,
                         GPtrArray    *args)
{
  for (guint i = 0; i < args->len; i++)
    {
      GVariant *arg = g_ptr_array_index (args, i);
      int rc;

      if (g_variant_is_of_type (arg, G_VARIANT_TYPE_DOUBLE))
        rc = sqlite3_bind_double (stmt, first + i, g_variant_get_double (arg));
      else if (g_variant_is_of_type (arg, G_VARIANT_TYPE_INT64))
        rc = sqlite3_bind_int64 (stmt, first + i, g_variant_get_int64 (arg));
      else
        rc = sqlite3_bind_text (stmt, first + i, g_variant_get_string (arg, NULL), -1,
                                SQLITE_TRANSIENT);
      if (rc != SQLITE_OK)
        return FALSE;
    }
  return TRUE;
}

/*
 * A sort or "best" key: metric.SPLIT.NAME, SPLIT.NAME or NAME (a metric of
 * the validation split), param.NAME, or a runs column. @kind is "metric",
 * "param" or "column" (then @name is the SQL column).
 */
gboolean
orchard_run_key_parse (const char  *key,
                       char       **kind,
                       char       **split,
                       char       **name,
                       GError     **error)
{
  gboolean numeric;
  const char *column;

  *kind = *split = *name = NULL;
  if (key == NULL || key[0] == '\0')
    goto bad;

  if (g_str_has_prefix (key, "param."))
    {
      if (key[6] == '\0')
        goto bad;
      *kind = g_strdup ("param");
      *name = g_strdup (key + 6);
      return TRUE;
    }

  if (!g_str_has_prefix (key, "metric.") && (column = column_of (key, &numeric)) != NULL)
    {
      *kind = g_strdup ("column");
      *name = g_strdup (column);
      return TRUE;
    }

  {
    const char *rest = g_str_has_prefix (key, "metric.") ? key + 7 : key;
    const char *dot = strchr (rest, '.');

    if (rest[0] == '\0')
      goto bad;
    *kind = g_strdup ("metric");
    if (dot == NULL)
      {
        *split = g_strdup ("valid");
        *name = g_strdup (rest);
      }
    else
      {
        if (dot == rest || dot[1] == '\0')
          goto bad;
        *split = g_strndup (rest, dot - rest);
        *name = g_strdup (dot + 1);
      }
    return TRUE;
  }

bad:
  g_clear_pointer (kind, g_free);
  g_clear_pointer (split, g_free);
  g_clear_pointer (name, g_free);
  g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_FILTER,
               _("“%s” is not a sort key: write metric.SPLIT.NAME (or SPLIT.NAME, or NAME for "
                 "the validation split), param.NAME or a run column such as started"),
               key != NULL ? key : "");
  return FALSE;
}
