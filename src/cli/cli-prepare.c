/* cli-prepare.c: orchard-cli prepare DATA --target COL [--pipeline …] [--split …] …
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

#define PREVIEW_ROWS 10

typedef struct
{
  char              *display_name;
  OrchardTable      *table;
  OrchardColumn     *target;
  OrchardSplit      *split;
  OrchardPartition  *partition;
  OrchardPipeline   *pipeline;
  char              *pipeline_source;     /* "auto" or the spec's path */
  gboolean           automatic;
  OrchardModelFamily family;
  char              *split_column;        /* the column the split used, if any */
  GPtrArray         *classes;             /* sorted class labels, categorical targets */
} Prepared;

static void
prepared_clear (Prepared *p)
{
  g_clear_pointer (&p->display_name, g_free);
  g_clear_object (&p->table);
  g_clear_object (&p->split);
  g_clear_pointer (&p->partition, orchard_partition_unref);
  g_clear_object (&p->pipeline);
  g_clear_pointer (&p->pipeline_source, g_free);
  g_clear_pointer (&p->split_column, g_free);
  g_clear_pointer (&p->classes, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prepared, prepared_clear)

/* Numbers in the report read the same in every locale. */
static char *
format_number (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");

  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Preparing --------------------------------------------------------------- */

static gboolean
set_role (Prepared           *p,
          const char         *column,
          OrchardColumnRole   role,
          GError            **error)
{
  int index = orchard_table_find_column (p->table, column);
  OrchardTable *next;

  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s has no column “%s”", p->display_name, column);
      return FALSE;
    }
  if (orchard_table_get_role (p->table, index) == ORCHARD_COLUMN_ROLE_TARGET &&
      role != ORCHARD_COLUMN_ROLE_TARGET)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Column “%s” is the target; it cannot also be the %s column", column,
                   orchard_column_role_to_string (role));
      return FALSE;
    }

  next = orchard_table_with_role (p->table, index, role);
  g_object_unref (p->table);
  p->table = next;
  return TRUE;
}

/* Takes @split (transfer full), or NULL for the default split. */
static gboolean
prepare (Prepared      *p,
         const char    *target,
         OrchardSplit  *split,
         const double   fractions[3],
         guint64        seed,
         const char    *pipeline_text,
         GError       **error)
{
  gsize n_train;
  const gsize *train;

  if (!set_role (p, target, ORCHARD_COLUMN_ROLE_TARGET, error))
    return FALSE;
  p->target = orchard_table_get_column (p->table, orchard_table_get_target (p->table));

  if (orchard_column_get_kind (p->target) == ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      p->classes = g_ptr_array_new ();
      for (guint l = 0; l < orchard_column_get_n_levels (p->target); l++)
        g_ptr_array_add (p->classes, (gpointer) orchard_column_get_level (p->target, l));
      g_ptr_array_sort (p->classes, compare_labels);
    }
  else if (orchard_column_get_kind (p->target) != ORCHARD_COLUMN_KIND_NUMERIC)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The target “%s” is %s; a model predicts a class or a number", target,
                   orchard_column_kind_to_string (orchard_column_get_kind (p->target)));
      return FALSE;
    }

  /* Stratified for classes, random for numbers, unless told otherwise. */
  p->split = split != NULL ? split
                           : orchard_split_new (p->classes != NULL ? ORCHARD_SPLIT_STRATIFIED
                                                                   : ORCHARD_SPLIT_RANDOM);

  /* The group and time columns identify and order rows; they are not features. */
  if (orchard_split_get_column (p->split) != NULL)
    {
      OrchardSplitMethod method = orchard_split_get_method (p->split);
      const char *column = orchard_split_get_column (p->split);

      if (method == ORCHARD_SPLIT_GROUP &&
          !set_role (p, column, ORCHARD_COLUMN_ROLE_ID, error))
        return FALSE;
      if (method == ORCHARD_SPLIT_TIME &&
          !set_role (p, column, ORCHARD_COLUMN_ROLE_TIME, error))
        return FALSE;
      p->split_column = g_strdup (column);
    }
  else if (orchard_split_get_method (p->split) == ORCHARD_SPLIT_STRATIFIED)
    p->split_column = g_strdup (target);

  if (!orchard_split_set_fractions (p->split, fractions[0], fractions[1], fractions[2], error))
    return FALSE;
  orchard_split_set_seed (p->split, seed);

  p->partition = orchard_split_apply (p->split, p->table, NULL, error);
  if (p->partition == NULL)
    return FALSE;
  train = orchard_partition_get_rows (p->partition, ORCHARD_PART_TRAIN, &n_train);

  if (p->automatic)
    {
      /* Even the automatic choices come from the training rows alone. */
      g_autoptr(OrchardTable) rows = orchard_table_select_rows (p->table, train, n_train);
      g_autoptr(OrchardProfile) profile = NULL;
      g_autoptr(CliProgress) bar = cli_progress_new ("Profiling the training rows");

      profile = orchard_profile_compute (rows, target, cli_progress_update, bar, NULL, error);
      if (profile == NULL)
        return FALSE;
      p->pipeline = orchard_pipeline_new_auto (profile, p->family);
      p->pipeline_source = g_strdup (pipeline_text);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (pipeline_text);

      p->pipeline = orchard_pipeline_new_from_file (file, NULL, error);
      if (p->pipeline == NULL)
        return FALSE;
      p->pipeline_source = g_file_get_parse_name (file);
    }

  {
    g_autoptr(CliProgress) bar = cli_progress_new ("Fitting the pipeline");

    if (!orchard_pipeline_fit (p->pipeline, p->table, train, n_train, cli_progress_update, bar,
                               NULL, error))
      return FALSE;
  }

  return TRUE;
}

/* Output file ------------------------------------------------------------- */

static void
append_csv_field (GString    *out,
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

/* Every row of the data, transformed; the target; the part. */
static gboolean
write_output (Prepared    *p,
              const char  *path,
              GError     **error)
{
  g_autoptr(OrchardMatrix) matrix = orchard_pipeline_transform (p->pipeline, p->table, error);
  g_autoptr(GString) out = NULL;
  g_autoptr(GFile) file = NULL;
  gsize n_rows;
  guint n_cols;

  if (matrix == NULL)
    return FALSE;

  n_rows = orchard_matrix_get_n_rows (matrix);
  n_cols = orchard_matrix_get_n_cols (matrix);
  out = g_string_sized_new (n_rows * (n_cols + 2) * 8 + 64);

  for (guint c = 0; c < n_cols; c++)
    {
      append_csv_field (out, orchard_matrix_get_feature_name (matrix, c));
      g_string_append_c (out, ',');
    }
  append_csv_field (out, orchard_column_get_name (p->target));
  g_string_append (out, ",split\n");

  for (gsize r = 0; r < n_rows; r++)
    {
      const double *row = orchard_matrix_get_row (matrix, r);
      g_autofree char *target = orchard_column_format_value (p->target, r);

      for (guint c = 0; c < n_cols; c++)
        {
          if (!isnan (row[c]))
            {
              g_autofree char *number = orchard_format_double (row[c]);
              g_string_append (out, number);
            }
          g_string_append_c (out, ',');
        }
      append_csv_field (out, target);
      g_string_append_c (out, ',');
      g_string_append (out, orchard_part_to_string (orchard_partition_get_part (p->partition, r)));
      g_string_append_c (out, '\n');
    }

  file = g_file_new_for_commandline_arg (path);
  return g_file_replace_contents (file, out->str, out->len, NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

/* Text report ------------------------------------------------------------- */

static char *
format_variant (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return format_number (g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return g_strdup_printf ("%" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_strdup_printf ("%u", g_variant_get_uint32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "yes" : "no");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);

  if (g_variant_is_container (value))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gsize n = g_variant_n_children (value);

      if (n == 0)
        return g_strdup ("none");

      for (gsize i = 0; i < n && i < 6; i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
          g_autofree char *item = format_variant (child);

          g_string_append_printf (text, "%s%s", i > 0 ? " " : "", item);
        }
      if (n > 6)
        g_string_append_printf (text, " … (%" G_GSIZE_FORMAT " in all)", n);

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return g_variant_print (value, FALSE);
}

static void
print_entries (GVariant   *dict,
               const char *indent)
{
  GVariantIter iter;
  const char *name;
  GVariant *entry;

  g_variant_iter_init (&iter, dict);
  while (g_variant_iter_next (&iter, "{&s@a{sv}}", &name, &entry))
    {
      g_autoptr(GVariant) owned = entry;
      g_autoptr(GString) line = g_string_new (NULL);
      GVariantIter facts;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&facts, entry);
      while (g_variant_iter_next (&facts, "{&sv}", &key, &value))
        {
          g_autoptr(GVariant) owned_value = value;
          g_autofree char *text = format_variant (value);
          g_autofree char *label = g_strdelimit (g_strdup (key), "_", ' ');

          g_string_append_printf (line, "%s%s %s", line->len > 0 ? ", " : "", label, text);
        }
      g_print ("%s%s: %s\n", indent, name, line->str);
    }
}

static void
print_split (Prepared *p)
{
  double fractions[3];
  g_autoptr(GEnumClass) methods = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  const char *method = g_enum_get_value (methods, orchard_split_get_method (p->split))->value_nick;
  g_autoptr(GString) header = g_string_new ("  part    rows");
  g_autofree char *train_text = NULL;
  g_autofree char *valid_text = NULL;
  g_autofree char *test_text = NULL;

  orchard_split_get_fractions (p->split, &fractions[0], &fractions[1], &fractions[2]);
  train_text = format_number (fractions[0]);
  valid_text = format_number (fractions[1]);
  test_text = format_number (fractions[2]);

  g_print ("\nSplit: %s%s%s%s, seed %" G_GUINT64_FORMAT ", fractions %s / %s / %s\n", method,
           p->split_column != NULL ? " by “" : "", p->split_column != NULL ? p->split_column : "",
           p->split_column != NULL ? "”" : "", orchard_split_get_seed (p->split),
           train_text, valid_text, test_text);

  if (p->classes != NULL)
    for (guint k = 0; k < p->classes->len; k++)
      g_string_append_printf (header, "  %10s", (const char *) g_ptr_array_index (p->classes, k));
  else
    g_string_append_printf (header, "  %12s", "target mean");
  g_print ("%s\n", header->str);

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      gsize n;
      const gsize *rows = orchard_partition_get_rows (p->partition, part, &n);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, "  %-5s %6" G_GSIZE_FORMAT, orchard_part_to_string (part), n);
      if (p->classes != NULL)
        {
          const guint32 *codes = orchard_column_get_codes (p->target);

          for (guint k = 0; k < p->classes->len; k++)
            {
              const char *label = g_ptr_array_index (p->classes, k);
              gsize count = 0;

              for (gsize i = 0; i < n; i++)
                if (codes[rows[i]] != ORCHARD_CODE_MISSING &&
                    strcmp (orchard_column_get_level (p->target, codes[rows[i]]), label) == 0)
                  count++;
              g_string_append_printf (line, "  %10" G_GSIZE_FORMAT, count);
            }
        }
      else
        {
          const double *values = orchard_column_get_values (p->target);
          double sum = 0.0;
          gsize m = 0;
          g_autofree char *mean = NULL;

          for (gsize i = 0; i < n; i++)
            if (!isnan (values[rows[i]]))
              {
                sum += values[rows[i]];
                m++;
              }
          mean = format_number (m > 0 ? sum / m : NAN);
          g_string_append_printf (line, "  %12s", mean);
        }
      g_print ("%s\n", line->str);
    }
}

static void
print_pipeline (Prepared *p)
{
  OrchardTable *training = orchard_pipeline_get_training_table (p->pipeline);
  const char * const *notes = orchard_pipeline_get_notes (p->pipeline);
  gsize n_train;

  orchard_partition_get_rows (p->partition, ORCHARD_PART_TRAIN, &n_train);
  if (p->automatic)
    g_print ("\nPipeline: automatic (%s), fitted on the %" G_GSIZE_FORMAT " training rows\n",
             orchard_model_family_to_string (p->family), n_train);
  else
    g_print ("\nPipeline: %s, fitted on the %" G_GSIZE_FORMAT " training rows\n",
             p->pipeline_source, n_train);

  if (orchard_pipeline_get_n_steps (p->pipeline) == 0)
    g_print ("  (no steps)\n");

  for (guint s = 0; s < orchard_pipeline_get_n_steps (p->pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (p->pipeline, s);
      g_autofree char *description = orchard_step_describe (step);
      g_autoptr(GVariant) report = orchard_step_get_report (step);
      g_autoptr(GVariant) columns = NULL;
      g_autoptr(GVariant) classes = NULL;
      const char *summary = NULL;

      g_variant_lookup (report, "summary", "&s", &summary);
      g_print ("  %u. %s\n", s + 1, description);
      g_print ("     %s\n", summary);

      columns = g_variant_lookup_value (report, "columns", G_VARIANT_TYPE ("a{sa{sv}}"));
      classes = g_variant_lookup_value (report, "classes", G_VARIANT_TYPE ("a{sa{sv}}"));
      if (columns != NULL)
        print_entries (columns, "       ");
      if (classes != NULL)
        print_entries (classes, "       ");
    }

  if (notes[0] != NULL)
    {
      g_print ("  Why\n");
      for (guint i = 0; notes[i] != NULL; i++)
        g_print ("    %s\n", notes[i]);
    }

  g_print ("\nFeatures (%u): ", orchard_pipeline_get_n_features (p->pipeline));
  for (guint f = 0; f < orchard_pipeline_get_n_features (p->pipeline); f++)
    g_print ("%s%s", f > 0 ? ", " : "", orchard_pipeline_get_feature_name (p->pipeline, f));
  g_print ("\nRows the model trains on: %" G_GSIZE_FORMAT "\n",
           orchard_table_get_n_rows (training));
}

static void
print_warnings (Prepared *p)
{
  guint n = orchard_partition_get_n_warnings (p->partition);

  if (n == 0)
    {
      g_print ("\nNo leakage warnings.\n");
      return;
    }

  g_print ("\nWarnings (%u)\n", n);
  for (guint w = 0; w < n; w++)
    {
      const OrchardSplitWarning *warning = orchard_partition_get_warning (p->partition, w);

      g_print ("  %s%s%s  %s\n", orchard_split_warning_code_to_string (warning->code),
               warning->column != NULL ? "  " : "",
               warning->column != NULL ? warning->column : "", warning->message);
    }
}

/* The first rows as -o would write them, to look at before writing. */
static gboolean
print_preview (Prepared  *p,
               GError   **error)
{
  g_autoptr(OrchardMatrix) matrix = orchard_pipeline_transform (p->pipeline, p->table, error);
  gsize n_rows;
  guint n_cols;

  if (matrix == NULL)
    return FALSE;

  n_cols = orchard_matrix_get_n_cols (matrix);
  g_print ("\nFeature sources\n");
  for (guint c = 0; c < n_cols; c++)
    g_print ("  %-32s ← %s\n", orchard_matrix_get_feature_name (matrix, c),
             orchard_matrix_get_feature_source (matrix, c));

  n_rows = MIN (PREVIEW_ROWS, orchard_matrix_get_n_rows (matrix));
  g_print ("\nFirst %" G_GSIZE_FORMAT " rows, prepared\n", n_rows);
  for (gsize r = 0; r < n_rows; r++)
    {
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *target = orchard_column_format_value (p->target, r);
      OrchardPart part = orchard_partition_get_part (p->partition, r);

      g_string_append_printf (line, "  %-5s %s", orchard_part_to_string (part), target);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *number = format_number (orchard_matrix_get (matrix, r, c));
          g_string_append_printf (line, " %s", number);
        }
      g_print ("%s\n", line->str);
    }

  return TRUE;
}

/* JSON -------------------------------------------------------------------- */

/* Reports as JSON; non-finite numbers (unbounded outlier fences) become null. */
static JsonNode *
variant_to_json (GVariant *value)
{
  JsonNode *node;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      double d = g_variant_get_double (value);

      if (!isfinite (d))
        return json_node_new (JSON_NODE_NULL);
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_double (node, d);
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64) ||
      g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_int (node, g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64)
                               ? (gint64) g_variant_get_uint64 (value)
                               : (gint64) g_variant_get_uint32 (value));
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_boolean (node, g_variant_get_boolean (value));
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_variant_get_string (value, NULL));
      return node;
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);
      return variant_to_json (inner);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DICTIONARY))
    {
      JsonObject *object = json_object_new ();
      GVariantIter iter;
      GVariant *entry;

      g_variant_iter_init (&iter, value);
      while ((entry = g_variant_iter_next_value (&iter)) != NULL)
        {
          g_autoptr(GVariant) owned = entry;
          g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
          g_autoptr(GVariant) inner = g_variant_get_child_value (entry, 1);

          json_object_set_member (object, g_variant_get_string (key, NULL),
                                  variant_to_json (inner));
        }
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, object);
      return node;
    }

  if (g_variant_is_container (value))
    {
      JsonArray *array = json_array_new ();

      for (gsize i = 0; i < g_variant_n_children (value); i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
          json_array_add_element (array, variant_to_json (child));
        }
      node = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (node, array);
      return node;
    }

  {
    g_autofree char *printed = g_variant_print (value, FALSE);

    node = json_node_new (JSON_NODE_VALUE);
    json_node_set_string (node, printed);
    return node;
  }
}

static void
add_part (JsonBuilder *b,
          Prepared    *p,
          OrchardPart  part)
{
  gsize n;
  const gsize *rows = orchard_partition_get_rows (p->partition, part, &n);

  json_builder_set_member_name (b, orchard_part_to_string (part));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, n);

  if (p->classes != NULL)
    {
      const guint32 *codes = orchard_column_get_codes (p->target);
      g_autofree gsize *counts = g_new0 (gsize, orchard_column_get_n_levels (p->target) + 1);
      gsize missing = 0;

      for (gsize i = 0; i < n; i++)
        if (codes[rows[i]] == ORCHARD_CODE_MISSING)
          missing++;
        else
          counts[codes[rows[i]]]++;

      json_builder_set_member_name (b, "classes");
      json_builder_begin_object (b);
      for (guint k = 0; k < p->classes->len; k++)
        {
          const char *label = g_ptr_array_index (p->classes, k);

          for (guint l = 0; l < orchard_column_get_n_levels (p->target); l++)
            if (strcmp (orchard_column_get_level (p->target, l), label) == 0)
              {
                json_builder_set_member_name (b, label);
                json_builder_add_int_value (b, counts[l]);
              }
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "missing_target");
      json_builder_add_int_value (b, missing);
    }
  else
    {
      const double *values = orchard_column_get_values (p->target);
      double sum = 0.0;
      gsize m = 0;

      for (gsize i = 0; i < n; i++)
        if (!isnan (values[rows[i]]))
          {
            sum += values[rows[i]];
            m++;
          }
      json_builder_set_member_name (b, "target_mean");
      if (m > 0)
        json_builder_add_double_value (b, sum / m);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "missing_target");
      json_builder_add_int_value (b, n - m);
    }

  json_builder_end_object (b);
}

static void
print_json (Prepared   *p,
            const char *output)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GEnumClass) methods = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  g_autofree char *text = NULL;
  const char * const *notes = orchard_pipeline_get_notes (p->pipeline);
  OrchardColumnKind target_kind = orchard_column_get_kind (p->target);
  OrchardTable *training = orchard_pipeline_get_training_table (p->pipeline);
  double fractions[3];

  json_builder_begin_object (b);

  json_builder_set_member_name (b, "data");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "path");
  json_builder_add_string_value (b, p->display_name);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, orchard_table_get_n_rows (p->table));
  json_builder_set_member_name (b, "columns");
  json_builder_add_int_value (b, orchard_table_get_n_columns (p->table));
  json_builder_set_member_name (b, "hash");
  json_builder_add_string_value (b, orchard_table_get_hash (p->table));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "target");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, orchard_column_get_name (p->target));
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, orchard_column_kind_to_string (target_kind));
  if (p->classes != NULL)
    {
      json_builder_set_member_name (b, "classes");
      json_builder_begin_array (b);
      for (guint k = 0; k < p->classes->len; k++)
        json_builder_add_string_value (b, g_ptr_array_index (p->classes, k));
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  orchard_split_get_fractions (p->split, &fractions[0], &fractions[1], &fractions[2]);
  json_builder_set_member_name (b, "split");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, g_enum_get_value (methods, orchard_split_get_method (p->split))
                                      ->value_nick);
  json_builder_set_member_name (b, "column");
  if (p->split_column != NULL)
    json_builder_add_string_value (b, p->split_column);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) orchard_split_get_seed (p->split));
  json_builder_set_member_name (b, "fractions");
  json_builder_begin_object (b);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      json_builder_set_member_name (b, orchard_part_to_string (part));
      json_builder_add_double_value (b, fractions[part]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "parts");
  json_builder_begin_object (b);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    add_part (b, p, part);
  json_builder_end_object (b);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "pipeline");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, p->automatic ? "auto" : p->pipeline_source);
  json_builder_set_member_name (b, "family");
  if (p->automatic)
    json_builder_add_string_value (b, orchard_model_family_to_string (p->family));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "spec");
  json_builder_add_value (b, orchard_pipeline_to_json (p->pipeline));
  json_builder_set_member_name (b, "notes");
  json_builder_begin_array (b);
  for (guint i = 0; notes[i] != NULL; i++)
    json_builder_add_string_value (b, notes[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "steps");
  json_builder_begin_array (b);
  for (guint s = 0; s < orchard_pipeline_get_n_steps (p->pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (p->pipeline, s);
      g_autofree char *description = orchard_step_describe (step);
      g_autoptr(GVariant) report = orchard_step_get_report (step);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "step");
      json_builder_add_string_value (b, orchard_step_get_id (step));
      json_builder_set_member_name (b, "description");
      json_builder_add_string_value (b, description);
      json_builder_set_member_name (b, "report");
      json_builder_add_value (b, variant_to_json (report));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "training_rows");
  json_builder_add_int_value (b, orchard_table_get_n_rows (training));
  json_builder_end_object (b);

  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint f = 0; f < orchard_pipeline_get_n_features (p->pipeline); f++)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, orchard_pipeline_get_feature_name (p->pipeline, f));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, orchard_pipeline_get_feature_source (p->pipeline, f));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint w = 0; w < orchard_partition_get_n_warnings (p->partition); w++)
    {
      const OrchardSplitWarning *warning = orchard_partition_get_warning (p->partition, w);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "code");
      json_builder_add_string_value (b, orchard_split_warning_code_to_string (warning->code));
      json_builder_set_member_name (b, "column");
      if (warning->column != NULL)
        json_builder_add_string_value (b, warning->column);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, warning->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "output");
  if (output != NULL)
    json_builder_add_string_value (b, output);
  else
    json_builder_add_null_value (b);

  json_builder_end_object (b);

  root = json_builder_get_root (b);
  text = orchard_json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

/* The command ------------------------------------------------------------- */

int
cli_prepare_run (int    argc,
                 char **argv)
{
  g_autofree char *target = NULL;
  g_autofree char *pipeline = NULL;
  g_autofree char *split = NULL;
  g_autofree char *fractions_text = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree char *output = NULL;
  gboolean show = FALSE;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "target", 't', 0, G_OPTION_ARG_STRING, &target,
      "The column the model will predict (required)", "COLUMN" },
    { "pipeline", 'p', 0, G_OPTION_ARG_FILENAME, &pipeline,
      "auto (for linear models), auto:trees, auto:linear, auto:knn, auto:neural, "
      "or a pipeline spec file (JSON); default auto", "auto|SPEC.json" },
    { "split", 's', 0, G_OPTION_ARG_STRING, &split,
      "random, stratified, group:COLUMN or time:COLUMN; default stratified for a class "
      "target, random for a numeric one", "METHOD" },
    { "fractions", 'f', 0, G_OPTION_ARG_STRING, &fractions_text,
      "Shares of training, validation and test rows; default 0.7,0.15,0.15", "TRAIN,VALID,TEST" },
    { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_text,
      "Seed of the split and of every random step; default 0", "N" },
    { "show", 0, 0, G_OPTION_ARG_NONE, &show,
      "Also show where each feature comes from and the first prepared rows", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "Write every row, prepared, with the target and a split column, as CSV", "OUT.csv" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the report as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Prepared) p = { 0 };
  g_autoptr(OrchardSplit) split_settings = NULL;
  double fractions[3] = { 0.7, 0.15, 0.15 };
  guint64 seed = 0;
  int status;

  g_set_prgname ("orchard-cli prepare");
  context = g_option_context_new ("DATA");
  g_option_context_set_summary (context,
                                "Split DATA (CSV, TSV or ARFF) into training, validation and\n"
                                "test rows, fit a preprocessing pipeline on the training rows\n"
                                "only, and report what each step did, the split and any\n"
                                "leakage found.");
  g_option_context_set_description (context,
                                    "Exit status: 0 success, 1 the data, the spec or the split "
                                    "could not be used, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;

  if (argc < 2)
    return cli_usage_error (context, "prepare needs a DATA file");
  if (argc > 2)
    return cli_usage_error (context, "prepare takes one DATA file, but was given %d", argc - 1);
  if (target == NULL)
    return cli_usage_error (context, "prepare needs --target COLUMN");
  if (fractions_text != NULL && !cli_parse_fractions (fractions_text, 3, fractions, &error))
    return cli_usage_error (context, "%s", error->message);
  if (seed_text != NULL &&
      !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return cli_usage_error (context, "--seed takes a whole number ≥ 0, not “%s”", seed_text);
  if (pipeline == NULL)
    pipeline = g_strdup ("auto");
  if (!cli_parse_pipeline (pipeline, &p.automatic, &p.family, NULL, &error))
    return cli_usage_error (context, "%s", error->message);
  if (split != NULL)
    {
      /* Checked now, so that a typo does not wait for the data to load. */
      split_settings = orchard_split_new_parse (split, &error);
      if (split_settings == NULL ||
          !orchard_split_set_fractions (split_settings, fractions[0], fractions[1], fractions[2],
                                        &error))
        return cli_usage_error (context, "%s", error->message);
    }
  else
    {
      g_autoptr(OrchardSplit) check = orchard_split_new (ORCHARD_SPLIT_RANDOM);

      if (!orchard_split_set_fractions (check, fractions[0], fractions[1], fractions[2], &error))
        return cli_usage_error (context, "%s", error->message);
    }

  file = g_file_new_for_commandline_arg (argv[1]);
  p.display_name = g_file_get_parse_name (file);

  {
    g_autofree char *basename = g_file_get_basename (file);
    g_autofree char *label = g_strdup_printf ("Reading %s", basename);
    g_autoptr(CliProgress) bar = cli_progress_new (label);

    p.table = orchard_table_load (file, NULL, cli_progress_update, bar, NULL, &error);
  }
  if (p.table == NULL)
    return cli_fail (g_steal_pointer (&error));

  if (!prepare (&p, target, g_steal_pointer (&split_settings), fractions, seed, pipeline, &error))
    return cli_fail (g_steal_pointer (&error));

  if (output != NULL && !write_output (&p, output, &error))
    return cli_fail (g_steal_pointer (&error));

  if (json)
    {
      print_json (&p, output);
      return CLI_EXIT_OK;
    }

  {
    g_autofree char *kind = p.classes != NULL ? g_strdup_printf ("%u classes", p.classes->len)
                                              : g_strdup ("numeric");

    g_print ("%s: %" G_GSIZE_FORMAT " rows × %u columns, target “%s” (%s)\n", p.display_name,
             orchard_table_get_n_rows (p.table), orchard_table_get_n_columns (p.table), target,
             kind);
  }
  g_print ("  data version  %s\n", orchard_table_get_hash (p.table));
  print_split (&p);
  print_pipeline (&p);
  if (show && !print_preview (&p, &error))
    return cli_fail (g_steal_pointer (&error));
  print_warnings (&p);
  if (output != NULL)
    g_print ("\nWrote %" G_GSIZE_FORMAT " prepared rows to %s\n",
             orchard_table_get_n_rows (p.table), output);

  return CLI_EXIT_OK;
}
