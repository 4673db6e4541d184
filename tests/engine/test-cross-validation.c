/* test-cross-validation.c: folds, the pipeline re-fitted per fold, summaries, comparison, size curves
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "orchard.h"
#include "prep-test-util.h"

static const char *scale_spec =
  "{ \"steps\": [ { \"step\": \"scale\", \"method\": \"standard\" } ] }";

static OrchardPipeline *
from_spec (const char *json)
{
  g_autoptr(JsonNode) root = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  OrchardPipeline *pipeline;

  g_assert_nonnull (root);
  pipeline = orchard_pipeline_new_from_json (root, "spec.json", &error);
  g_assert_no_error (error);
  return pipeline;
}

static OrchardCrossValidation *
run_cv (OrchardTable *table,
        const char   *target,
        const char   *learner,
        const char   *spec,
        OrchardSplit *split,
        guint         n_folds,
        guint         n_repeats,
        guint64       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (learner, &error);
  OrchardCrossValidation *cv;

  g_assert_no_error (error);
  cv = orchard_cross_validation_new (table, target, model);
  if (spec != NULL)
    {
      g_autoptr(OrchardPipeline) pipeline = from_spec (spec);
      orchard_cross_validation_set_pipeline (cv, pipeline);
    }
  if (split != NULL)
    orchard_cross_validation_set_split (cv, split);
  g_assert_true (orchard_cross_validation_set_folds (cv, n_folds, n_repeats, &error));
  orchard_cross_validation_set_seed (cv, seed);
  g_assert_true (orchard_cross_validation_run (cv, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return cv;
}

/* The center the fitted scale step learnt for @column. */
static double
fitted_center (OrchardPipeline *pipeline,
               const char      *column)
{
  OrchardStep *step = orchard_pipeline_get_step (pipeline, 0);
  g_autoptr(GVariant) report = orchard_step_get_report (step);
  g_autoptr(GVariant) columns = g_variant_lookup_value (report, "columns",
                                                        G_VARIANT_TYPE ("a{sa{sv}}"));
  g_autoptr(GVariant) entry = NULL;
  double center = NAN;

  g_assert_nonnull (columns);
  entry = g_variant_lookup_value (columns, column, G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (entry);
  g_assert_true (g_variant_lookup (entry, "center", "d", &center));
  return center;
}

/* The pipeline of every fold is fitted on the fold's training rows alone:
 * its scaler's mean is theirs, and the validation rows' values can change
 * without changing the fitted pipeline or model. */
static void
test_no_leakage (void)
{
  g_autoptr(OrchardTable) table = load_sample ("breast-cancer.csv");
  g_autoptr(OrchardCrossValidation) cv = NULL;
  g_autoptr(OrchardCrossValidation) changed_cv = NULL;
  g_autoptr(OrchardTable) changed = NULL;
  const double *radius = values_of (table, "mean radius");
  const gsize *valid;
  gsize n_valid;

  cv = run_cv (table, "target", "logistic", scale_spec, NULL, 5, 1, 7);
  g_assert_cmpuint (orchard_cross_validation_get_n_results (cv), ==, 5);

  for (guint i = 0; i < 5; i++)
    {
      gsize n_train;
      const gsize *train = orchard_cross_validation_get_train_rows (cv, i, &n_train);
      OrchardPipeline *pipeline = orchard_cross_validation_get_pipeline (cv, i);
      double sum = 0, all = 0, center;

      for (gsize r = 0; r < n_train; r++)
        sum += radius[train[r]];
      for (gsize r = 0; r < orchard_table_get_n_rows (table); r++)
        all += radius[r];
      center = fitted_center (pipeline, "mean radius");
      g_assert_cmpfloat_with_epsilon (center, sum / n_train, 1e-12 * fabs (center));
      /* Had the validation rows leaked in, the center would be the overall mean. */
      g_assert_cmpfloat (fabs (center - all / orchard_table_get_n_rows (table)), >, 1e-6);
    }

  /* Make fold 1's validation rows absurd: its fit must not notice. */
  valid = orchard_cross_validation_get_valid_rows (cv, 0, &n_valid);
  {
    guint n_columns = orchard_table_get_n_columns (table);
    g_autoptr(GPtrArray) columns = column_list ();
    g_autoptr(GError) error = NULL;

    for (guint c = 0; c < n_columns; c++)
      {
        OrchardColumn *column = orchard_table_get_column (table, c);
        g_autofree double *values = NULL;

        if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_NUMERIC)
          {
            g_ptr_array_add (columns, orchard_column_ref (column));
            continue;
          }
        values = g_memdup2 (orchard_column_get_values (column),
                            orchard_table_get_n_rows (table) * sizeof (double));
        for (gsize r = 0; r < n_valid; r++)
          values[valid[r]] = values[valid[r]] * 1000 + 17;
        g_ptr_array_add (columns, numbers (orchard_column_get_name (column), values,
                                           orchard_table_get_n_rows (table)));
      }
    changed = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
    g_assert_no_error (error);
  }

  changed_cv = run_cv (changed, "target", "logistic", scale_spec, NULL, 5, 1, 7);
  {
    gsize n_changed;
    const gsize *changed_valid = orchard_cross_validation_get_valid_rows (changed_cv, 0,
                                                                          &n_changed);
    g_autoptr(GVariant) p1 = orchard_pipeline_to_variant (orchard_cross_validation_get_pipeline (cv, 0));
    g_autoptr(GVariant) p2 = orchard_pipeline_to_variant (orchard_cross_validation_get_pipeline (changed_cv, 0));
    g_autoptr(GVariant) m1 = orchard_model_to_variant (orchard_cross_validation_get_model (cv, 0));
    g_autoptr(GVariant) m2 = orchard_model_to_variant (orchard_cross_validation_get_model (changed_cv, 0));

    /* Folds depend on the target only: the same rows validate. */
    g_assert_cmpuint (n_changed, ==, n_valid);
    g_assert_cmpmem (changed_valid, n_changed * sizeof (gsize), valid, n_valid * sizeof (gsize));
    g_assert_true (g_variant_equal (p1, p2));
    g_assert_true (g_variant_equal (m1, m2));
    /* … while what the fold scores did change. */
    g_assert_cmpfloat (orchard_metrics_get (orchard_cross_validation_get_metrics (cv, 0), "log_loss"),
                       !=,
                       orchard_metrics_get (orchard_cross_validation_get_metrics (changed_cv, 0),
                                            "log_loss"));
    /* The automatic pipeline is chosen and fitted on the fold's training rows too. */
    {
      g_autoptr(OrchardCrossValidation) a = run_cv (table, "target", "logistic", NULL, NULL, 5, 1, 7);
      g_autoptr(OrchardCrossValidation) b = run_cv (changed, "target", "logistic", NULL, NULL, 5, 1, 7);
      g_autoptr(GVariant) pa = orchard_pipeline_to_variant (orchard_cross_validation_get_pipeline (a, 0));
      g_autoptr(GVariant) pb = orchard_pipeline_to_variant (orchard_cross_validation_get_pipeline (b, 0));
      g_autofree char *spec = orchard_pipeline_to_spec (orchard_cross_validation_get_pipeline (a, 0));

      g_assert_nonnull (strstr (spec, "\"scale\""));
      g_assert_true (g_variant_equal (pa, pb));
    }
    /* Fold 2 trained on the changed rows, so its pipeline differs. */
    {
      g_autoptr(GVariant) q1 = orchard_pipeline_to_variant (orchard_cross_validation_get_pipeline (cv, 1));
      g_autoptr(GVariant) q2 = orchard_pipeline_to_variant (orchard_cross_validation_get_pipeline (changed_cv, 1));

      g_assert_false (g_variant_equal (q1, q2));
    }
  }
}

/* Every row is validated exactly once per repeat, never in its own fold's
 * training rows; stratified folds keep the class shares; the summary is
 * the mean and population standard deviation of the folds. */
static void
test_folds_and_summary (void)
{
  g_autoptr(OrchardTable) table = load_sample ("breast-cancer.csv");
  g_autoptr(OrchardCrossValidation) cv = NULL;
  gsize n_rows = orchard_table_get_n_rows (table);
  OrchardColumn *target = column_named (table, "target");
  const guint32 *codes = orchard_column_get_codes (target);
  gsize n_malignant = 0;
  const char * const *labels;
  double values[9], mean = 0, var = 0, cv_mean, cv_std;

  for (gsize r = 0; r < n_rows; r++)
    n_malignant += strcmp (orchard_column_get_level (target, codes[r]), "malignant") == 0;

  cv = run_cv (table, "target", "naive-bayes", NULL, NULL, 3, 3, 11);
  g_assert_cmpuint (orchard_cross_validation_get_n_results (cv), ==, 9);
  g_assert_cmpint (orchard_cross_validation_get_task (cv), ==, ORCHARD_TASK_BINARY);
  labels = orchard_cross_validation_get_labels (cv);
  g_assert_cmpstr (labels[0], ==, "benign");
  g_assert_cmpstr (labels[1], ==, "malignant");

  for (guint rep = 0; rep < 3; rep++)
    {
      g_autofree guint *seen = g_new0 (guint, n_rows);

      for (guint f = 0; f < 3; f++)
        {
          guint i = rep * 3 + f;
          gsize n_train, n_valid, malignant = 0;
          const gsize *train = orchard_cross_validation_get_train_rows (cv, i, &n_train);
          const gsize *valid = orchard_cross_validation_get_valid_rows (cv, i, &n_valid);
          g_autofree gboolean *in_valid = g_new0 (gboolean, n_rows);

          g_assert_cmpuint (orchard_cross_validation_get_fold (cv, i), ==, f);
          g_assert_cmpuint (orchard_cross_validation_get_repeat (cv, i), ==, rep);
          g_assert_cmpuint (n_train + n_valid, ==, n_rows);
          for (gsize r = 0; r < n_valid; r++)
            {
              seen[valid[r]]++;
              in_valid[valid[r]] = TRUE;
              malignant += strcmp (orchard_column_get_level (target, codes[valid[r]]),
                                   "malignant") == 0;
            }
          for (gsize r = 0; r < n_train; r++)
            g_assert_false (in_valid[train[r]]);
          /* Stratified: each fold holds a third of the malignant rows, ±1. */
          g_assert_cmpfloat (fabs (malignant - n_malignant / 3.0), <=, 1.0);
          g_assert_cmpuint (orchard_metrics_get_n_rows (orchard_cross_validation_get_metrics (cv, i)),
                            ==, n_valid);
          values[i] = orchard_metrics_get (orchard_cross_validation_get_metrics (cv, i), "roc_auc");
        }
      for (gsize r = 0; r < n_rows; r++)
        g_assert_cmpuint (seen[r], ==, 1);
    }

  /* Repeats shuffle differently. */
  {
    gsize n0, n1;
    const gsize *v0 = orchard_cross_validation_get_valid_rows (cv, 0, &n0);
    const gsize *v1 = orchard_cross_validation_get_valid_rows (cv, 3, &n1);

    g_assert_true (n0 != n1 || memcmp (v0, v1, n0 * sizeof (gsize)) != 0);
  }

  for (guint i = 0; i < 9; i++)
    mean += values[i] / 9;
  for (guint i = 0; i < 9; i++)
    var += (values[i] - mean) * (values[i] - mean) / 9;
  g_assert_true (orchard_cross_validation_get_summary (cv, "roc_auc", &cv_mean, &cv_std));
  g_assert_cmpfloat_with_epsilon (cv_mean, mean, 1e-14);
  g_assert_cmpfloat_with_epsilon (cv_std, sqrt (var), 1e-14);
  g_assert_cmpfloat (cv_mean, >, 0.9);
  g_assert_false (orchard_cross_validation_get_summary (cv, "rmse", NULL, NULL));
}

/* The same seed gives the same result; another seed other folds. */
static void
test_reproducible (void)
{
  g_autoptr(OrchardTable) table = load_sample ("iris.csv");
  g_autoptr(OrchardCrossValidation) a = run_cv (table, "target", "logistic", NULL, NULL, 4, 2, 3);
  g_autoptr(OrchardCrossValidation) b = run_cv (table, "target", "logistic", NULL, NULL, 4, 2, 3);
  g_autoptr(OrchardCrossValidation) c = run_cv (table, "target", "logistic", NULL, NULL, 4, 2, 4);
  g_autoptr(JsonNode) ja = orchard_cross_validation_to_json (a);
  g_autoptr(JsonNode) jb = orchard_cross_validation_to_json (b);
  g_autoptr(JsonNode) jc = orchard_cross_validation_to_json (c);
  g_autofree char *ta = orchard_json_to_string (ja, FALSE);
  g_autofree char *tb = orchard_json_to_string (jb, FALSE);
  g_autofree char *tc = orchard_json_to_string (jc, FALSE);
  JsonObject *root = json_node_get_object (ja);
  JsonArray *folds = json_object_get_array_member (root, "folds");
  JsonObject *first = json_array_get_object_element (folds, 0);

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (ta, !=, tc);

  g_assert_cmpstr (json_object_get_string_member (root, "task"), ==, "multiclass");
  g_assert_cmpuint (json_array_get_length (folds), ==, 8);
  g_assert_cmpint (json_object_get_int_member (first, "fold"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "repeat"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "rows"), ==, 38);
  g_assert_true (json_object_has_member (json_object_get_object_member (first, "metrics"),
                                         "f1_macro"));
  g_assert_true (json_object_has_member (json_object_get_object_member (
                   json_object_get_object_member (root, "summary"), "roc_auc_ovr"), "std"));
}

/* Time-series folds need no random numbers, so scikit-learn's
 * TimeSeriesSplit makes the same folds: every fold's metrics must equal
 * those of a Pipeline(StandardScaler, learner) fitted on the fold's
 * training rows (tests/reference/cv_reference.py). */
static void
test_sklearn_reference (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                            "cv-reference.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cases;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  cases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cases");

  for (guint c = 0; c < json_array_get_length (cases); c++)
    {
      JsonObject *ref = json_array_get_object_element (cases, c);
      JsonArray *folds = json_object_get_array_member (ref, "folds");
      g_autoptr(OrchardTable) base = load_sample (json_object_get_string_member (ref, "data"));
      g_autoptr(OrchardTable) table = NULL;
      g_autoptr(OrchardSplit) split = orchard_split_new_parse ("time:t", &error);
      g_autoptr(OrchardCrossValidation) cv = NULL;
      g_autoptr(GPtrArray) columns = column_list ();
      gsize n = orchard_table_get_n_rows (base);
      g_autofree double *t = g_new (double, n);

      /* The fixed shuffle of the reference: row r comes at 37 r mod n. */
      for (gsize r = 0; r < n; r++)
        t[r] = (double) ((37 * r) % n);
      g_ptr_array_add (columns, numbers ("t", t, n));
      for (guint i = 0; i < orchard_table_get_n_columns (base); i++)
        g_ptr_array_add (columns, orchard_column_ref (orchard_table_get_column (base, i)));
      table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
      g_assert_no_error (error);

      cv = run_cv (table, "target", json_object_get_string_member (ref, "learner"), scale_spec,
                   split, json_array_get_length (folds), 1, 0);
      g_assert_cmpuint (orchard_cross_validation_get_n_results (cv), ==,
                        json_array_get_length (folds));

      for (guint f = 0; f < json_array_get_length (folds); f++)
        {
          JsonObject *fold = json_array_get_object_element (folds, f);
          JsonObject *expected = json_object_get_object_member (fold, "metrics");
          OrchardMetrics *metrics = orchard_cross_validation_get_metrics (cv, f);
          g_autoptr(GList) keys = json_object_get_members (expected);
          gsize n_train, n_valid;

          orchard_cross_validation_get_train_rows (cv, f, &n_train);
          orchard_cross_validation_get_valid_rows (cv, f, &n_valid);
          g_assert_cmpint (n_train, ==, json_object_get_int_member (fold, "train_rows"));
          g_assert_cmpint (n_valid, ==, json_object_get_int_member (fold, "rows"));
          for (GList *k = keys; k != NULL; k = k->next)
            {
              double want = json_object_get_double_member (expected, k->data);
              double got = orchard_metrics_get (metrics, k->data);
              /* Naive Bayes saturates: in binary fold 2 some negative rows
               * get probabilities within 1e-12 of 1, where a last-bit
               * difference of p is a relative difference of 1 − p of up to
               * 1e-3, which log loss carries into its mean (4.8e-6 relative
               * there). Every other value, and log loss elsewhere, agrees to
               * rounding. */
              double tolerance = strcmp (k->data, "log_loss") == 0 ? 1e-5 : 1e-9;

              if (!(fabs (got - want) <= tolerance * MAX (1.0, fabs (want))))
                g_error ("%s, fold %u, %s: %.17g, scikit-learn %.17g",
                         json_object_get_string_member (ref, "name"), f + 1,
                         (const char *) k->data, got, want);
            }
        }
    }
}

/* Two learners on the same folds, through the corrected t-test. */
static void
test_compare (void)
{
  g_autoptr(OrchardTable) table = load_sample ("breast-cancer.csv");
  g_autoptr(OrchardCrossValidation) logistic = run_cv (table, "target", "logistic", scale_spec,
                                                       NULL, 5, 2, 1);
  g_autoptr(OrchardCrossValidation) bayes = run_cv (table, "target", "naive-bayes", NULL, NULL,
                                                    5, 2, 1);
  g_autoptr(OrchardCrossValidation) other = run_cv (table, "target", "naive-bayes", NULL, NULL,
                                                    5, 2, 2);
  g_autoptr(GError) error = NULL;
  OrchardCorrectedTTest same, test, loss;
  double a[10], b[10];

  g_assert_true (orchard_cross_validation_compare (logistic, logistic, "roc_auc", &same, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (same.mean_difference, ==, 0.0);
  g_assert_cmpfloat (same.probability_a_better, ==, 0.5);

  g_assert_true (orchard_cross_validation_compare (logistic, bayes, "roc_auc", &test, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test.n_folds, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      a[i] = orchard_metrics_get (orchard_cross_validation_get_metrics (logistic, i), "roc_auc");
      b[i] = orchard_metrics_get (orchard_cross_validation_get_metrics (bayes, i), "roc_auc");
    }
  {
    OrchardCorrectedTTest direct;

    /* 569 rows in 5 folds: 455.2 training and 113.8 validation rows on average. */
    g_assert_true (orchard_corrected_ttest (a, b, 10, 455, 114, &direct, &error));
    g_assert_cmpfloat_with_epsilon (test.t, direct.t, 1e-12 * fabs (direct.t));
    g_assert_cmpfloat_with_epsilon (test.probability_a_better, direct.probability_a_better, 1e-12);
  }

  /* For a loss, lower is better: the comparison turns the sign. */
  g_assert_true (orchard_cross_validation_compare (logistic, bayes, "log_loss", &loss, &error));
  {
    double expected = 0;

    for (guint i = 0; i < 10; i++)
      expected += (orchard_metrics_get (orchard_cross_validation_get_metrics (bayes, i), "log_loss") -
                   orchard_metrics_get (orchard_cross_validation_get_metrics (logistic, i), "log_loss")) / 10;
    g_assert_cmpfloat_with_epsilon (loss.mean_difference, expected, 1e-12);
    g_assert_cmpfloat (loss.mean_difference, >, 0.0);
  }

  g_assert_false (orchard_cross_validation_compare (logistic, other, "roc_auc", &test, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (orchard_cross_validation_compare (logistic, bayes, "rmse", &test, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

/* Group folds keep every group on one side; regression folds are plain. */
static void
test_groups_regression (void)
{
  g_autoptr(OrchardTable) base = load_sample ("diabetes.csv");
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = NULL;
  g_autoptr(OrchardCrossValidation) cv = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_rows = orchard_table_get_n_rows (base);
  g_autofree double *groups = g_new (double, n_rows);
  g_autoptr(GPtrArray) columns = column_list ();
  const double *group_values;

  for (gsize r = 0; r < n_rows; r++)
    groups[r] = (double) (r % 37);
  for (guint c = 0; c < orchard_table_get_n_columns (base); c++)
    g_ptr_array_add (columns, orchard_column_ref (orchard_table_get_column (base, c)));
  g_ptr_array_add (columns, numbers ("patient", groups, n_rows));
  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, &error);
  g_assert_no_error (error);

  split = orchard_split_new_parse ("group:patient", &error);
  g_assert_no_error (error);
  cv = run_cv (table, "target", "linear", NULL, split, 4, 1, 0);
  g_assert_cmpint (orchard_cross_validation_get_task (cv), ==, ORCHARD_TASK_REGRESSION);
  group_values = values_of (orchard_cross_validation_get_table (cv), "patient");

  for (guint i = 0; i < 4; i++)
    {
      gsize n_train, n_valid;
      const gsize *train = orchard_cross_validation_get_train_rows (cv, i, &n_train);
      const gsize *valid = orchard_cross_validation_get_valid_rows (cv, i, &n_valid);
      gboolean in_valid[37] = { FALSE };
      OrchardModel *model = orchard_cross_validation_get_model (cv, i);
      const char * const *features = orchard_model_get_feature_names (model);

      for (gsize r = 0; r < n_valid; r++)
        in_valid[(int) group_values[valid[r]]] = TRUE;
      for (gsize r = 0; r < n_train; r++)
        g_assert_false (in_valid[(int) group_values[train[r]]]);
      /* The group column identifies rows; it is no feature. */
      g_assert_false (g_strv_contains (features, "patient"));
      g_assert_cmpfloat (orchard_metrics_get (orchard_cross_validation_get_metrics (cv, i), "r2"),
                         >, 0.2);
    }
}

/* The size curve at 100 % is the cross-validation itself. */
static void
test_size_curve (void)
{
  g_autoptr(OrchardTable) table = load_sample ("breast-cancer.csv");
  g_autoptr(OrchardCrossValidation) cv = run_cv (table, "target", "logistic", scale_spec, NULL,
                                                 3, 1, 5);
  g_autoptr(GError) error = NULL;
  const double fractions[] = { 0.1, 0.5, 1.0 };
  g_autofree OrchardSizePoint *points = NULL;
  g_autofree OrchardSizePoint *tenths = NULL;
  double mean, std;

  points = orchard_cross_validation_size_curve (cv, "accuracy", fractions, 3, NULL, NULL, NULL,
                                                &error);
  g_assert_no_error (error);
  g_assert_nonnull (points);
  g_assert_true (orchard_cross_validation_get_summary (cv, "accuracy", &mean, &std));
  g_assert_cmpfloat (points[2].valid_mean, ==, mean);
  g_assert_cmpfloat (points[2].valid_std, ==, std);
  g_assert_cmpfloat_with_epsilon (points[2].n_train, 2 * 569 / 3.0, 1e-12);
  /* ⌈0.1 · n_c⌉ of each class of about 379 training rows. */
  g_assert_cmpfloat (points[0].n_train, >=, 38.0);
  g_assert_cmpfloat (points[0].n_train, <=, 40.0);
  g_assert_cmpfloat (points[0].n_train, <, points[1].n_train);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpfloat (points[i].train_mean, >=, points[i].valid_mean - 0.05);
      g_assert_cmpfloat (points[i].valid_mean, >, 0.85);
    }

  tenths = orchard_cross_validation_size_curve (cv, "log_loss", NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (tenths[0].fraction, ==, 0.1);
  g_assert_cmpfloat (tenths[9].fraction, ==, 1.0);

  g_assert_null (orchard_cross_validation_size_curve (cv, "accuracy", (const double[]) { 0.0 }, 1,
                                                      NULL, NULL, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

static void
cancel_on_progress (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_errors_and_cancel (void)
{
  g_autoptr(OrchardTable) table = load_sample ("iris.csv");
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("logistic", NULL);
  g_autoptr(OrchardModel) regressor = orchard_model_new_by_name ("linear", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(OrchardCrossValidation) cv = orchard_cross_validation_new (table, "species", model);

    g_assert_false (orchard_cross_validation_run (cv, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_assert_nonnull (strstr (error->message, "“species”"));
    g_clear_error (&error);
  }
  {
    g_autoptr(OrchardCrossValidation) cv = orchard_cross_validation_new (table, "target",
                                                                         regressor);

    g_assert_false (orchard_cross_validation_run (cv, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED);
    g_clear_error (&error);
  }
  {
    g_autoptr(OrchardCrossValidation) cv = orchard_cross_validation_new (table, "target", model);

    g_assert_false (orchard_cross_validation_set_folds (cv, 1, 1, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_true (orchard_cross_validation_set_folds (cv, 200, 1, &error));
    /* 200 folds of 150 rows cannot be made. */
    g_assert_false (orchard_cross_validation_run (cv, NULL, NULL, NULL, &error));
    g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  {
    g_autoptr(OrchardCrossValidation) cv = orchard_cross_validation_new (table, "target", model);

    g_assert_false (orchard_cross_validation_run (cv, cancel_on_progress, cancellable,
                                                  cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_cmpuint (orchard_cross_validation_get_n_results (cv), <, 5);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/CrossValidation/no-leakage", test_no_leakage);
  g_test_add_func ("/engine/CrossValidation/folds-summary", test_folds_and_summary);
  g_test_add_func ("/engine/CrossValidation/reproducible", test_reproducible);
  g_test_add_func ("/engine/CrossValidation/sklearn-reference", test_sklearn_reference);
  g_test_add_func ("/engine/CrossValidation/compare", test_compare);
  g_test_add_func ("/engine/CrossValidation/groups-regression", test_groups_regression);
  g_test_add_func ("/engine/CrossValidation/size-curve", test_size_curve);
  g_test_add_func ("/engine/CrossValidation/errors-cancel", test_errors_and_cancel);

  return g_test_run ();
}
