/* orchard-drift-report-load.c: a drift report read back from its JSON
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A project keeps each monitoring batch's report as the JSON of
 * `orchard-cli drift --json`; this reads it back into a report the Monitor
 * page shows as it showed the original. JSON has no NaN or infinity: a
 * null number is NaN, except the statistic of a tested column, which is
 * null only when it was infinite (a chi-square with a value the reference
 * never had). The JSON does not say how the rows were chunked nor where a
 * chunk starts: chunks labelled with rows ("1-1000") read back as
 * %ORCHARD_CHUNKING_SIZE starting at their first row, calendar chunks as
 * %ORCHARD_CHUNKING_PERIOD with a NaN start.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-error.h"

#include "orchard-drift-report-private.h"

typedef struct
{
  const char *what;
  GError    **error;
  gboolean    failed;
} Reader;

static gboolean
fail (Reader     *r,
      const char *path,
      const char *expected)
{
  if (!r->failed)
    g_set_error (r->error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                 _("%s: the drift report's “%s” is missing or not %s"), r->what, path, expected);
  r->failed = TRUE;
  return FALSE;
}

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name)
         ? json_object_get_member (object, name) : NULL;
}

static JsonObject *
get_object (Reader     *r,
            JsonObject *object,
            const char *name,
            gboolean    nullable)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return NULL;
  fail (r, name, _("an object"));
  return NULL;
}

static JsonArray *
get_array (Reader     *r,
           JsonObject *object,
           const char *name,
           gboolean    optional)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);
  if (optional && node == NULL)
    return NULL;
  fail (r, name, _("an array"));
  return NULL;
}

/* NaN for null; a missing member is NaN when @optional. */
static double
get_number (Reader     *r,
            JsonObject *object,
            const char *name,
            gboolean    optional)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NAN;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        return json_node_get_double (node);
    }
  if (node == NULL && optional)
    return NAN;
  fail (r, name, _("a number"));
  return NAN;
}

static gint64
get_count (Reader     *r,
           JsonObject *object,
           const char *name)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 &&
      json_node_get_int (node) >= 0)
    return json_node_get_int (node);
  fail (r, name, _("a count"));
  return 0;
}

static gboolean
get_bool (Reader     *r,
          JsonObject *object,
          const char *name,
          gboolean    optional)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (node == NULL && optional)
    return FALSE;
  fail (r, name, _("true or false"));
  return FALSE;
}

/* A copy; %NULL for null when @nullable. */
static char *
get_string (Reader     *r,
            JsonObject *object,
            const char *name,
            gboolean    nullable)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (nullable && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
    return NULL;
  fail (r, name, _("a string"));
  return NULL;
}

static gsize *
read_counts (Reader    *r,
             JsonArray *array,
             guint      n)
{
  gsize *counts = g_new0 (gsize, MAX (n, 1));

  if (array == NULL || json_array_get_length (array) != n)
    {
      fail (r, "counts", _("as long as the bins"));
      return counts;
    }
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0)
        {
          fail (r, "counts", _("counts"));
          break;
        }
      counts[i] = (gsize) json_node_get_int (node);
    }
  return counts;
}

static ColumnResult *
read_column (Reader     *r,
             JsonObject *o)
{
  ColumnResult *c = g_new0 (ColumnResult, 1);
  g_autofree char *kind = get_string (r, o, "kind", FALSE);
  g_autofree char *role = get_string (r, o, "role", FALSE);
  g_autofree char *test = get_string (r, o, "test", FALSE);
  g_autofree char *effect = get_string (r, o, "effect_size_kind", FALSE);
  JsonObject *reference = get_object (r, o, "reference", FALSE);
  JsonObject *current = get_object (r, o, "current", FALSE);
  JsonArray *edges = reference != NULL ? get_array (r, reference, "edges", FALSE) : NULL;
  OrchardColumnDrift *p = &c->pub;

  c->name = get_string (r, o, "name", FALSE);
  c->note = get_string (r, o, "note", TRUE);
  if (kind != NULL && !orchard_column_kind_from_string (kind, &p->kind))
    fail (r, "kind", _("a column kind"));
  if (role != NULL && !orchard_column_role_from_string (role, &p->role))
    fail (r, "role", _("a column role"));
  if (test != NULL && (!orchard_stat_test_from_string (test, &p->test) || p->test == ORCHARD_STAT_TEST_AUTO))
    fail (r, "test", _("a drift test"));
  p->effect_size_kind = g_strcmp0 (effect, "cohens_d") == 0 ? ORCHARD_EFFECT_SIZE_COHENS_D
                                                             : ORCHARD_EFFECT_SIZE_CRAMERS_V;
  p->chosen = get_bool (r, o, "chosen", FALSE);
  p->tested = get_bool (r, o, "tested", FALSE);
  p->statistic = get_number (r, o, "statistic", FALSE);
  if (p->tested && isnan (p->statistic))
    p->statistic = INFINITY;
  p->p_value = get_number (r, o, "p_value", FALSE);
  p->p_value_adjusted = get_number (r, o, "p_value_adjusted", TRUE);
  p->threshold = get_number (r, o, "threshold", FALSE);
  p->drifted = get_bool (r, o, "drifted", FALSE);
  p->psi = get_number (r, o, "psi", FALSE);
  p->effect_size = get_number (r, o, "effect_size", TRUE);
  p->detectable_effect = get_number (r, o, "detectable_effect", TRUE);
  p->exact = get_bool (r, o, "exact", TRUE);
  if (!r->failed)
    {
      p->reference_count = get_count (r, o, "reference_count");
      p->reference_sample = get_count (r, o, "reference_sample");
      p->current_count = get_count (r, o, "current_count");
    }

  if (edges != NULL && !r->failed)
    {
      guint n_edges = json_array_get_length (edges);

      if (p->kind == ORCHARD_COLUMN_KIND_CATEGORICAL)
        {
          p->n_bins = n_edges;
          c->labels = g_new0 (char *, n_edges + 1);
          for (guint i = 0; i < n_edges; i++)
            {
              JsonNode *node = json_array_get_element (edges, i);

              if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
                {
                  fail (r, "edges", _("level names"));
                  break;
                }
              c->labels[i] = g_strdup (json_node_get_string (node));
            }
        }
      else if (n_edges > 0)
        {
          p->n_bins = n_edges - 1;
          c->edges = g_new0 (double, n_edges);
          for (guint i = 0; i < n_edges; i++)
            {
              JsonNode *node = json_array_get_element (edges, i);

              if (!JSON_NODE_HOLDS_VALUE (node) || (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
                                                     json_node_get_value_type (node) != G_TYPE_INT64))
                {
                  fail (r, "edges", _("numbers"));
                  break;
                }
              c->edges[i] = json_node_get_double (node);
            }
        }
      c->reference_counts = read_counts (r, get_array (r, reference, "counts", FALSE), p->n_bins);
      c->current_counts = current != NULL ? read_counts (r, get_array (r, current, "counts", FALSE), p->n_bins)
                                          : g_new0 (gsize, 1);
    }
  else
    {
      c->reference_counts = g_new0 (gsize, 1);
      c->current_counts = g_new0 (gsize, 1);
    }

  p->name = c->name;
  p->note = c->note;
  p->edges = c->edges;
  p->labels = (const char * const *) c->labels;
  p->reference_counts = c->reference_counts;
  p->current_counts = c->current_counts;
  return c;
}

static void
free_column (ColumnResult *c)
{
  g_free (c->name);
  g_free (c->edges);
  g_strfreev (c->labels);
  g_free (c->reference_counts);
  g_free (c->current_counts);
  g_free (c->note);
  g_free (c);
}

static gboolean
read_columns (Reader     *r,
              JsonArray  *array,
              GPtrArray  *into)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && !r->failed; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      ColumnResult *c;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (r, "columns", _("objects"));
      c = read_column (r, json_node_get_object (node));
      if (r->failed)
        {
          free_column (c);
          return FALSE;
        }
      g_ptr_array_add (into, c);
    }
  return !r->failed;
}

static void
read_chunk_columns (Reader                  *r,
                    JsonArray               *array,
                    OrchardChunkColumnDrift *into,
                    guint                    n)
{
  if (array == NULL || json_array_get_length (array) != n)
    {
      fail (r, "chunks.columns", _("one per column"));
      return;
    }
  for (guint i = 0; i < n && !r->failed; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          fail (r, "chunks.columns", _("objects"));
          return;
        }
      o = json_node_get_object (node);
      into[i].tested = get_bool (r, o, "tested", FALSE);
      into[i].statistic = get_number (r, o, "statistic", FALSE);
      if (into[i].tested && isnan (into[i].statistic))
        into[i].statistic = INFINITY;
      into[i].p_value = get_number (r, o, "p_value", FALSE);
      into[i].p_value_adjusted = get_number (r, o, "p_value_adjusted", TRUE);
      into[i].drifted = get_bool (r, o, "drifted", FALSE);
    }
}

/* "1-1000": rows counted from 1. */
static gboolean
parse_row_label (const char *label,
                 double     *start)
{
  char *end = NULL;
  guint64 first;

  if (!g_ascii_isdigit (label[0]))
    return FALSE;
  first = g_ascii_strtoull (label, &end, 10);
  if (*end != '-' || !g_ascii_isdigit (end[1]))
    return FALSE;
  g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0')
    return FALSE;
  *start = first > 0 ? (double) (first - 1) : 0.0;
  return TRUE;
}

static void
read_multivariate (Reader             *r,
                   OrchardDriftReport *self,
                   JsonObject         *o)
{
  MultivariateResult *m = g_new0 (MultivariateResult, 1);
  JsonArray *features = get_array (r, o, "features", FALSE);
  JsonObject *reference = get_object (r, o, "reference", FALSE);
  JsonArray *errors = reference != NULL ? get_array (r, reference, "chunk_errors", FALSE) : NULL;
  guint n_features = features != NULL ? json_array_get_length (features) : 0;
  guint n_errors = errors != NULL ? json_array_get_length (errors) : 0;

  self->multivariate = m;
  m->features = g_new0 (char *, n_features + 1);
  for (guint i = 0; i < n_features; i++)
    {
      const char *name = json_array_get_string_element (features, i);

      m->features[i] = g_strdup (name != NULL ? name : "");
    }
  m->reference_errors = g_new0 (double, MAX (n_errors, 1));
  for (guint i = 0; i < n_errors; i++)
    m->reference_errors[i] = json_array_get_double_element (errors, i);
  m->note = get_string (r, o, "note", TRUE);

  m->pub.n_features = n_features;
  m->pub.features = (const char * const *) m->features;
  m->pub.n_components = (guint) get_count (r, o, "n_components");
  m->pub.explained_variance = get_number (r, o, "explained_variance", FALSE);
  m->pub.n_reference_chunks = n_errors;
  m->pub.reference_errors = m->reference_errors;
  if (reference != NULL)
    {
      m->pub.reference_mean = get_number (r, reference, "mean", FALSE);
      m->pub.reference_std = get_number (r, reference, "std", FALSE);
    }
  m->pub.lower = get_number (r, o, "lower", FALSE);
  m->pub.upper = get_number (r, o, "upper", FALSE);
  m->pub.error = get_number (r, o, "error", FALSE);
  m->pub.drifted = get_bool (r, o, "drifted", FALSE);
  m->pub.note = m->note;
}

/**
 * orchard_drift_report_new_from_json:
 * @root: a report as orchard_drift_report_to_json() wrote it
 * @what: what the JSON is, for messages ("batch 3 of project.orchard")
 * @error: return location for a #GError
 *
 * Reads a report back from its JSON, so that a report kept in a project
 * can be shown again: orchard_drift_report_to_json() of the result gives
 * the same JSON.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with
 *   %ORCHARD_ERROR_PARSE saying which member is wrong
 */
OrchardDriftReport *
orchard_drift_report_new_from_json (JsonNode    *root,
                                    const char  *what,
                                    GError     **error)
{
  g_autoptr(OrchardDriftReport) self = NULL;
  Reader r = { what, error, FALSE };
  JsonObject *o, *reference, *current, *prediction, *multivariate;
  JsonArray *chunks, *skipped;
  g_autofree char *correction = NULL;
  guint n_columns, n_predictions;

  g_return_val_if_fail (root != NULL, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&r, "", _("an object"));
      return NULL;
    }
  o = json_node_get_object (root);
  self = g_object_new (ORCHARD_TYPE_DRIFT_REPORT, NULL);

  reference = get_object (&r, o, "reference", FALSE);
  current = get_object (&r, o, "current", FALSE);
  if (r.failed)
    return NULL;
  self->reference_source = get_string (&r, reference, "source", TRUE);
  self->reference_rows = get_count (&r, reference, "rows");
  self->current_source = get_string (&r, current, "source", TRUE);
  self->current_rows = get_count (&r, current, "rows");
  self->dataset_drift = get_bool (&r, o, "dataset_drift", FALSE);
  self->drift_share = get_number (&r, o, "drift_share", FALSE);
  self->drift_share_threshold = get_number (&r, o, "drift_share_threshold", FALSE);
  self->n_drifted = (guint) get_count (&r, o, "n_drifted");
  self->n_tested = (guint) get_count (&r, o, "n_columns");
  correction = get_string (&r, o, "correction", FALSE);
  if (correction != NULL && !orchard_correction_from_string (correction, &self->correction))
    fail (&r, "correction", _("a correction"));
  if (r.failed || !read_columns (&r, get_array (&r, o, "columns", FALSE), self->columns))
    return NULL;

  prediction = get_object (&r, o, "prediction", TRUE);
  if (prediction != NULL)
    {
      self->prediction_drift = get_bool (&r, prediction, "drifted", FALSE);
      if (r.failed || !read_columns (&r, get_array (&r, prediction, "columns", FALSE), self->predictions))
        return NULL;
    }

  skipped = get_array (&r, o, "skipped", TRUE);
  for (guint i = 0; skipped != NULL && i < json_array_get_length (skipped) && !r.failed; i++)
    {
      JsonObject *s = json_array_get_object_element (skipped, i);
      SkippedResult result = { { NULL, NULL }, NULL, NULL };

      if (s == NULL)
        {
          fail (&r, "skipped", _("objects"));
          break;
        }
      result.name = get_string (&r, s, "name", FALSE);
      result.reason = get_string (&r, s, "reason", FALSE);
      result.pub.name = result.name;
      result.pub.reason = result.reason;
      g_array_append_val (self->skipped, result);
    }

  multivariate = get_object (&r, o, "multivariate", TRUE);
  if (multivariate != NULL && !r.failed)
    read_multivariate (&r, self, multivariate);

  n_columns = self->columns->len;
  n_predictions = self->predictions->len;
  chunks = get_array (&r, o, "chunks", FALSE);
  if (r.failed)
    return NULL;
  g_array_set_size (self->chunks, json_array_get_length (chunks));
  self->chunking = ORCHARD_CHUNKING_NONE;
  for (guint k = 0; k < json_array_get_length (chunks) && !r.failed; k++)
    {
      JsonObject *c = json_array_get_object_element (chunks, k);
      ChunkResult *chunk = &g_array_index (self->chunks, ChunkResult, k);
      double start = NAN;

      if (c == NULL)
        {
          fail (&r, "chunks", _("objects"));
          break;
        }
      chunk->label = get_string (&r, c, "label", FALSE);
      chunk->columns = g_new0 (OrchardChunkColumnDrift, MAX (n_columns + n_predictions, 1));
      chunk->pub.label = chunk->label;
      chunk->pub.columns = chunk->columns;
      chunk->pub.n_rows = get_count (&r, c, "rows");
      chunk->pub.drift_share = get_number (&r, c, "drift_share", FALSE);
      chunk->pub.dataset_drift = get_bool (&r, c, "dataset_drift", FALSE);
      chunk->pub.n_drifted = (guint) get_count (&r, c, "n_drifted");
      chunk->pub.n_columns = (guint) get_count (&r, c, "n_columns");
      chunk->pub.reconstruction_error = NAN;
      if (r.failed)
        break;
      read_chunk_columns (&r, get_array (&r, c, "columns", FALSE), chunk->columns, n_columns);
      if (n_predictions > 0)
        read_chunk_columns (&r, get_array (&r, c, "prediction", FALSE), chunk->columns + n_columns,
                            n_predictions);
      if (parse_row_label (chunk->label, &start))
        self->chunking = ORCHARD_CHUNKING_SIZE;
      else
        self->chunking = ORCHARD_CHUNKING_PERIOD;
      chunk->pub.start = start;
    }

  /* The multivariate error per chunk lives in its own member. */
  if (self->multivariate != NULL && !r.failed)
    {
      JsonArray *errors = get_array (&r, multivariate, "chunks", FALSE);

      for (guint k = 0; errors != NULL && k < MIN (json_array_get_length (errors), self->chunks->len); k++)
        {
          JsonObject *e = json_array_get_object_element (errors, k);
          ChunkResult *chunk = &g_array_index (self->chunks, ChunkResult, k);

          if (e == NULL)
            {
              fail (&r, "multivariate.chunks", _("objects"));
              break;
            }
          chunk->pub.reconstruction_error = get_number (&r, e, "error", FALSE);
          chunk->pub.multivariate_drift = get_bool (&r, e, "drifted", FALSE);
        }
    }

  if (r.failed)
    return NULL;
  return g_steal_pointer (&self);
}
