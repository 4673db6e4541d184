/* orchard-drift-report-json.c: a drift report as the JSON of `orchard-cli drift --json`
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Written from the public accessors only, so that the JSON cannot show
 * what the GUI does not. Numbers that are not finite (a p-value of a
 * distance test, an infinite chi-square statistic, an effect size of a
 * column without values) become null: JSON has no NaN.
 */
#include "config.h"

#include <math.h>

#include "orchard-drift-report.h"

static void
add_number (JsonBuilder *builder,
            const char  *member,
            double       value)
{
  json_builder_set_member_name (builder, member);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *member,
          gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_histogram (JsonBuilder              *builder,
               const char               *member,
               const OrchardColumnDrift *c,
               const gsize              *counts)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  if (c->labels != NULL)
    for (guint i = 0; i < c->n_bins; i++)
      json_builder_add_string_value (builder, c->labels[i]);
  else if (c->edges != NULL)
    for (guint i = 0; i <= c->n_bins; i++)
      json_builder_add_double_value (builder, c->edges[i]);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_array (builder);
  for (guint i = 0; counts != NULL && i < c->n_bins; i++)
    json_builder_add_int_value (builder, (gint64) counts[i]);
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
add_column (JsonBuilder              *builder,
            const OrchardColumnDrift *c)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", c->name);
  add_string (builder, "kind", orchard_column_kind_to_string (c->kind));
  add_string (builder, "role", orchard_column_role_to_string (c->role));
  add_string (builder, "test", orchard_stat_test_to_string (c->test));
  add_bool (builder, "chosen", c->chosen);
  add_bool (builder, "tested", c->tested);
  add_number (builder, "statistic", c->statistic);
  add_number (builder, "p_value", c->p_value);
  add_number (builder, "p_value_adjusted", c->p_value_adjusted);
  add_number (builder, "threshold", c->threshold);
  add_bool (builder, "drifted", c->drifted);
  add_number (builder, "psi", c->psi);
  add_string (builder, "psi_tier", orchard_psi_tier (c->psi));
  add_number (builder, "effect_size", c->effect_size);
  add_string (builder, "effect_size_kind", orchard_effect_size_to_string (c->effect_size_kind));
  add_number (builder, "detectable_effect", c->detectable_effect);
  if (c->test == ORCHARD_STAT_TEST_KS)
    add_bool (builder, "exact", c->exact);
  add_int (builder, "reference_count", (gint64) c->reference_count);
  add_int (builder, "reference_sample", (gint64) c->reference_sample);
  add_int (builder, "current_count", (gint64) c->current_count);
  add_histogram (builder, "reference", c, c->reference_counts);
  add_histogram (builder, "current", c, c->current_counts);
  add_string (builder, "note", c->note);
  json_builder_end_object (builder);
}

static void
add_multivariate (JsonBuilder        *builder,
                  OrchardDriftReport *self)
{
  const OrchardMultivariateDrift *m = orchard_drift_report_get_multivariate (self);

  json_builder_set_member_name (builder, "multivariate");
  if (m == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  json_builder_begin_object (builder);
  add_string (builder, "method", "pca_reconstruction");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint f = 0; f < m->n_features; f++)
    json_builder_add_string_value (builder, m->features[f]);
  json_builder_end_array (builder);
  add_int (builder, "n_components", m->n_components);
  add_number (builder, "explained_variance", m->explained_variance);

  json_builder_set_member_name (builder, "reference");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "chunk_errors");
  json_builder_begin_array (builder);
  for (guint c = 0; c < m->n_reference_chunks; c++)
    json_builder_add_double_value (builder, m->reference_errors[c]);
  json_builder_end_array (builder);
  add_number (builder, "mean", m->reference_mean);
  add_number (builder, "std", m->reference_std);
  json_builder_end_object (builder);

  add_number (builder, "lower", m->lower);
  add_number (builder, "upper", m->upper);
  add_number (builder, "error", m->error);
  add_bool (builder, "drifted", m->drifted);
  add_string (builder, "note", m->note);

  json_builder_set_member_name (builder, "chunks");
  json_builder_begin_array (builder);
  for (guint c = 0; c < orchard_drift_report_get_n_chunks (self); c++)
    {
      const OrchardDriftChunk *chunk = orchard_drift_report_get_chunk (self, c);

      json_builder_begin_object (builder);
      add_string (builder, "label", chunk->label);
      add_number (builder, "error", chunk->reconstruction_error);
      add_bool (builder, "drifted", chunk->multivariate_drift);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
}

static void
add_chunk_columns (JsonBuilder             *builder,
                   OrchardDriftReport      *self,
                   const OrchardDriftChunk *chunk,
                   guint                    first,
                   guint                    n,
                   gboolean                 predictions)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const OrchardChunkColumnDrift *cc = &chunk->columns[first + i];
      const OrchardColumnDrift *c = predictions ? orchard_drift_report_get_prediction (self, i)
                                                : orchard_drift_report_get_column (self, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", c->name);
      add_bool (builder, "tested", cc->tested);
      add_number (builder, "statistic", cc->statistic);
      add_number (builder, "p_value", cc->p_value);
      add_number (builder, "p_value_adjusted", cc->p_value_adjusted);
      add_bool (builder, "drifted", cc->drifted);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/**
 * orchard_drift_report_to_json:
 * @self: a report
 *
 * The report as `orchard-cli drift --json` prints it; the keys are listed
 * in `docs/cli.md`.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
orchard_drift_report_to_json (OrchardDriftReport *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n_columns, n_predictions;

  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);

  n_columns = orchard_drift_report_get_n_columns (self);
  n_predictions = orchard_drift_report_get_n_predictions (self);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "reference");
  json_builder_begin_object (builder);
  add_string (builder, "source", orchard_drift_report_get_reference_source (self));
  add_int (builder, "rows", (gint64) orchard_drift_report_get_reference_rows (self));
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "current");
  json_builder_begin_object (builder);
  add_string (builder, "source", orchard_drift_report_get_current_source (self));
  add_int (builder, "rows", (gint64) orchard_drift_report_get_current_rows (self));
  json_builder_end_object (builder);

  add_bool (builder, "dataset_drift", orchard_drift_report_get_dataset_drift (self));
  add_number (builder, "drift_share", orchard_drift_report_get_drift_share (self));
  add_number (builder, "drift_share_threshold", orchard_drift_report_get_drift_share_threshold (self));
  add_int (builder, "n_drifted", orchard_drift_report_get_n_drifted (self));
  add_int (builder, "n_columns", orchard_drift_report_get_n_tested (self));
  add_string (builder, "correction", orchard_correction_to_string (orchard_drift_report_get_correction (self)));

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_columns; i++)
    add_column (builder, orchard_drift_report_get_column (self, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "skipped");
  json_builder_begin_array (builder);
  for (guint i = 0; i < orchard_drift_report_get_n_skipped (self); i++)
    {
      const OrchardSkippedColumn *s = orchard_drift_report_get_skipped (self, i);

      json_builder_begin_object (builder);
      add_string (builder, "name", s->name);
      add_string (builder, "reason", s->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_multivariate (builder, self);

  json_builder_set_member_name (builder, "prediction");
  if (n_predictions == 0)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      add_bool (builder, "drifted", orchard_drift_report_get_prediction_drift (self));
      json_builder_set_member_name (builder, "columns");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n_predictions; i++)
        add_column (builder, orchard_drift_report_get_prediction (self, i));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "chunks");
  json_builder_begin_array (builder);
  for (guint c = 0; c < orchard_drift_report_get_n_chunks (self); c++)
    {
      const OrchardDriftChunk *chunk = orchard_drift_report_get_chunk (self, c);

      json_builder_begin_object (builder);
      add_string (builder, "label", chunk->label);
      add_int (builder, "rows", (gint64) chunk->n_rows);
      add_number (builder, "drift_share", chunk->drift_share);
      add_bool (builder, "dataset_drift", chunk->dataset_drift);
      add_int (builder, "n_drifted", chunk->n_drifted);
      add_int (builder, "n_columns", chunk->n_columns);
      json_builder_set_member_name (builder, "columns");
      add_chunk_columns (builder, self, chunk, 0, n_columns, FALSE);
      if (n_predictions > 0)
        {
          json_builder_set_member_name (builder, "prediction");
          add_chunk_columns (builder, self, chunk, n_columns, n_predictions, TRUE);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
