/* orchard-readiness.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "orchard-error.h"
#include "orchard-readiness.h"

/**
 * OrchardReadiness:
 *
 * The deployment verdict on a model: one #OrchardReadinessCheck per bar
 * and ready when none failed. Immutable.
 */
struct _OrchardReadiness
{
  GObject  parent_instance;

  char    *metric;
  GArray  *checks;
  char    *summary;
  gboolean ready;
};

G_DEFINE_FINAL_TYPE (OrchardReadiness, orchard_readiness, G_TYPE_OBJECT)

static void
clear_check (gpointer data)
{
  OrchardReadinessCheck *check = data;

  g_clear_pointer ((char **) &check->message, g_free);
}

static void
orchard_readiness_finalize (GObject *object)
{
  OrchardReadiness *self = (OrchardReadiness *) object;

  g_clear_pointer (&self->metric, g_free);
  g_clear_pointer (&self->checks, g_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (orchard_readiness_parent_class)->finalize (object);
}

static void
orchard_readiness_class_init (OrchardReadinessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_readiness_finalize;
}

static void
orchard_readiness_init (OrchardReadiness *self)
{
  self->checks = g_array_new (FALSE, TRUE, sizeof (OrchardReadinessCheck));
  g_array_set_clear_func (self->checks, clear_check);
}

/**
 * orchard_readiness_bars_init:
 * @bars: (out caller-allocates): bars to set
 * @task: the task of the model
 *
 * Defaults that are a reasonable first bar, not a law: binary `roc_auc` at
 * least 0.75; multiclass `f1_macro` at least 0.70; regression `r2` at least
 * 0.50; for all, a train–validation gap of at most 0.05 and a standard
 * deviation across folds of at most 0.05.
 */
void
orchard_readiness_bars_init (OrchardReadinessBars *bars,
                             OrchardMetricsTask    task)
{
  g_return_if_fail (bars != NULL);

  switch (task)
    {
    case ORCHARD_METRICS_TASK_BINARY:
      bars->metric = "roc_auc";
      bars->metric_bar = 0.75;
      break;
    case ORCHARD_METRICS_TASK_MULTICLASS:
      bars->metric = "f1_macro";
      bars->metric_bar = 0.70;
      break;
    case ORCHARD_METRICS_TASK_REGRESSION:
      bars->metric = "r2";
      bars->metric_bar = 0.50;
      break;
    default:
      g_return_if_reached ();
    }
  bars->max_gap = 0.05;
  bars->max_cv_std = 0.05;
}

static void
add_check (OrchardReadiness          *self,
           OrchardReadinessCheckKind  kind,
           OrchardReadinessStatus     status,
           double                     value,
           double                     bar,
           char                      *message)
{
  OrchardReadinessCheck check = {
    .kind = kind,
    .status = status,
    .value = value,
    .bar = bar,
    .message = message,
  };

  g_array_append_val (self->checks, check);
  if (status == ORCHARD_READINESS_FAILED)
    self->ready = FALSE;
}

static void
check_metric (OrchardReadiness           *self,
              const OrchardReadinessBars *bars,
              double                      value)
{
  const char *m = bars->metric;
  double bar = bars->metric_bar;
  gboolean higher = orchard_metric_higher_is_better (m);

  /* Translators: in these messages %s is the key of a metric, such as
   * roc_auc or rmse, which stays as it is; a bar is a required value. */
  if (isnan (bar))
    add_check (self, ORCHARD_READINESS_CHECK_METRIC, ORCHARD_READINESS_SKIPPED, value, bar,
               g_strdup_printf (_("No bar is set for %s, so it was not checked"), m));
  else if (isnan (value))
    add_check (self, ORCHARD_READINESS_CHECK_METRIC, ORCHARD_READINESS_FAILED, value, bar,
               g_strdup_printf (_("%s is undefined on the validation data"), m));
  else if (higher && value >= bar)
    add_check (self, ORCHARD_READINESS_CHECK_METRIC, ORCHARD_READINESS_PASSED, value, bar,
               g_strdup_printf (_("%s is %.4g on the validation data, at least the bar of %.4g"),
                                m, value, bar));
  else if (higher)
    add_check (self, ORCHARD_READINESS_CHECK_METRIC, ORCHARD_READINESS_FAILED, value, bar,
               g_strdup_printf (_("%s is %.4g on the validation data, below the bar of %.4g"),
                                m, value, bar));
  else if (value <= bar)
    add_check (self, ORCHARD_READINESS_CHECK_METRIC, ORCHARD_READINESS_PASSED, value, bar,
               g_strdup_printf (_("%s is %.4g on the validation data, within the bar of %.4g"),
                                m, value, bar));
  else
    add_check (self, ORCHARD_READINESS_CHECK_METRIC, ORCHARD_READINESS_FAILED, value, bar,
               g_strdup_printf (_("%s is %.4g on the validation data, above the bar of %.4g"),
                                m, value, bar));
}

static void
check_gap (OrchardReadiness           *self,
           const OrchardReadinessBars *bars,
           double                      valid,
           OrchardMetrics             *training)
{
  const char *m = bars->metric;
  double bar = bars->max_gap;
  double train, gap;

  if (isnan (bar))
    {
      add_check (self, ORCHARD_READINESS_CHECK_GAP, ORCHARD_READINESS_SKIPPED, NAN, bar,
                 g_strdup (_("No bar is set for the train–validation gap, so it was not "
                             "checked")));
      return;
    }
  if (training == NULL)
    {
      add_check (self, ORCHARD_READINESS_CHECK_GAP, ORCHARD_READINESS_SKIPPED, NAN, bar,
                 g_strdup (_("No training metrics were given, so the train–validation gap "
                             "was not checked")));
      return;
    }

  train = orchard_metrics_get (training, m);
  gap = orchard_metric_higher_is_better (m) ? train - valid : valid - train;
  if (isnan (gap))
    add_check (self, ORCHARD_READINESS_CHECK_GAP, ORCHARD_READINESS_FAILED, gap, bar,
               g_strdup_printf (_("The train–validation gap of %s is undefined"), m));
  else if (gap <= bar)
    add_check (self, ORCHARD_READINESS_CHECK_GAP, ORCHARD_READINESS_PASSED, gap, bar,
               g_strdup_printf (_("%s is %.4g better on the training data than on the "
                                  "validation data, within the allowed %.4g"), m, gap, bar));
  else
    add_check (self, ORCHARD_READINESS_CHECK_GAP, ORCHARD_READINESS_FAILED, gap, bar,
               g_strdup_printf (_("%s is %.4g better on the training data than on the "
                                  "validation data, more than the allowed %.4g: the model "
                                  "may be overfitting"), m, gap, bar));
}

static void
check_cv_std (OrchardReadiness           *self,
              const OrchardReadinessBars *bars,
              double                      cv_std)
{
  const char *m = bars->metric;
  double bar = bars->max_cv_std;

  if (isnan (bar))
    add_check (self, ORCHARD_READINESS_CHECK_CV_STD, ORCHARD_READINESS_SKIPPED, cv_std, bar,
               g_strdup (_("No bar is set for the spread across folds, so it was not checked")));
  else if (isnan (cv_std))
    add_check (self, ORCHARD_READINESS_CHECK_CV_STD, ORCHARD_READINESS_SKIPPED, cv_std, bar,
               g_strdup (_("No cross-validation was run, so the spread across folds was "
                           "not checked")));
  else if (cv_std <= bar)
    add_check (self, ORCHARD_READINESS_CHECK_CV_STD, ORCHARD_READINESS_PASSED, cv_std, bar,
               g_strdup_printf (_("%s varies across cross-validation folds with a standard "
                                  "deviation of %.4g, within the allowed %.4g"),
                                m, cv_std, bar));
  else
    add_check (self, ORCHARD_READINESS_CHECK_CV_STD, ORCHARD_READINESS_FAILED, cv_std, bar,
               g_strdup_printf (_("%s varies across cross-validation folds with a standard "
                                  "deviation of %.4g, more than the allowed %.4g: the model's "
                                  "performance is unstable"), m, cv_std, bar));
}

/**
 * orchard_readiness_evaluate:
 * @bars: the bars
 * @validation: metrics on held-out data
 * @training: (nullable): metrics of the same model on its training data,
 *   or %NULL to skip the gap check
 * @cv_std: the standard deviation of the metric across cross-validation
 *   folds, or NaN when there was no cross-validation (the check is skipped)
 * @error: return location for a #GError
 *
 * Checks the three bars in order: metric, gap, spread. A check fails when
 * its number is past the bar or undefined, and is skipped when its bar is
 * NaN or its numbers were not given; the model is ready when no check
 * failed.
 *
 * Returns: (transfer full): the verdict, or %NULL with @error set when the
 *   metric is not one of the task's, the training metrics are of another
 *   task, or @cv_std is negative
 */
OrchardReadiness *
orchard_readiness_evaluate (const OrchardReadinessBars  *bars,
                            OrchardMetrics              *validation,
                            OrchardMetrics              *training,
                            double                       cv_std,
                            GError                     **error)
{
  g_autoptr(OrchardReadiness) self = NULL;
  OrchardMetricsTask task;
  guint failed = 0;
  double value;

  g_return_val_if_fail (bars != NULL, NULL);
  g_return_val_if_fail (ORCHARD_IS_METRICS (validation), NULL);
  g_return_val_if_fail (training == NULL || ORCHARD_IS_METRICS (training), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  task = orchard_metrics_get_task (validation);
  if (!orchard_metric_is_known (task, bars->metric))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a %s metric", bars->metric != NULL ? bars->metric : "(null)",
                   orchard_metrics_task_to_string (task));
      return NULL;
    }
  if (training != NULL && orchard_metrics_get_task (training) != task)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The training metrics are %s but the validation metrics are %s",
                   orchard_metrics_task_to_string (orchard_metrics_get_task (training)),
                   orchard_metrics_task_to_string (task));
      return NULL;
    }
  if (cv_std < 0 || isinf (cv_std))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The standard deviation across folds is %g; it must be finite and not "
                   "negative", cv_std);
      return NULL;
    }

  self = g_object_new (ORCHARD_TYPE_READINESS, NULL);
  self->metric = g_strdup (bars->metric);
  self->ready = TRUE;

  value = orchard_metrics_get (validation, bars->metric);
  check_metric (self, bars, value);
  check_gap (self, bars, value, training);
  check_cv_std (self, bars, cv_std);

  for (guint i = 0; i < self->checks->len; i++)
    failed += g_array_index (self->checks, OrchardReadinessCheck, i).status ==
              ORCHARD_READINESS_FAILED;

  if (failed == 0)
    self->summary = g_strdup (_("Ready to deploy"));
  else
    self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Not ready to deploy: %u check failed",
                                                  "Not ready to deploy: %u checks failed",
                                                  failed),
                                     failed);

  return g_steal_pointer (&self);
}

/**
 * orchard_readiness_is_ready:
 * @self: a verdict
 *
 * Returns: whether no check failed
 */
gboolean
orchard_readiness_is_ready (OrchardReadiness *self)
{
  g_return_val_if_fail (ORCHARD_IS_READINESS (self), FALSE);

  return self->ready;
}

/**
 * orchard_readiness_get_metric:
 * @self: a verdict
 *
 * Returns: the headline metric key the bars were about
 */
const char *
orchard_readiness_get_metric (OrchardReadiness *self)
{
  g_return_val_if_fail (ORCHARD_IS_READINESS (self), NULL);

  return self->metric;
}

/**
 * orchard_readiness_get_n_checks:
 * @self: a verdict
 *
 * Returns: the number of checks, 3
 */
guint
orchard_readiness_get_n_checks (OrchardReadiness *self)
{
  g_return_val_if_fail (ORCHARD_IS_READINESS (self), 0);

  return self->checks->len;
}

/**
 * orchard_readiness_get_check:
 * @self: a verdict
 * @index: which check, below orchard_readiness_get_n_checks()
 *
 * Returns: (transfer none): the check
 */
const OrchardReadinessCheck *
orchard_readiness_get_check (OrchardReadiness *self,
                             guint             index)
{
  g_return_val_if_fail (ORCHARD_IS_READINESS (self), NULL);
  g_return_val_if_fail (index < self->checks->len, NULL);

  return &g_array_index (self->checks, OrchardReadinessCheck, index);
}

/**
 * orchard_readiness_get_summary:
 * @self: a verdict
 *
 * Returns: one translated line: ready, or how many checks failed
 */
const char *
orchard_readiness_get_summary (OrchardReadiness *self)
{
  g_return_val_if_fail (ORCHARD_IS_READINESS (self), NULL);

  return self->summary;
}

static const char *
kind_name (OrchardReadinessCheckKind kind)
{
  switch (kind)
    {
    case ORCHARD_READINESS_CHECK_METRIC:
      return "metric";
    case ORCHARD_READINESS_CHECK_GAP:
      return "gap";
    case ORCHARD_READINESS_CHECK_CV_STD:
      return "cv_std";
    default:
      g_return_val_if_reached (NULL);
    }
}

static const char *
status_name (OrchardReadinessStatus status)
{
  switch (status)
    {
    case ORCHARD_READINESS_PASSED:
      return "passed";
    case ORCHARD_READINESS_FAILED:
      return "failed";
    case ORCHARD_READINESS_SKIPPED:
      return "skipped";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_number (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * orchard_readiness_to_json:
 * @self: a verdict
 *
 * `{"ready": bool, "metric": key, "summary": text, "checks": [{"check":
 * "metric"|"gap"|"cv_std", "status": "passed"|"failed"|"skipped", "value",
 * "bar", "message"}]}`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_readiness_to_json (OrchardReadiness *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (ORCHARD_IS_READINESS (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ready");
  json_builder_add_boolean_value (builder, self->ready);
  json_builder_set_member_name (builder, "metric");
  json_builder_add_string_value (builder, self->metric);
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, self->summary);
  json_builder_set_member_name (builder, "checks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->checks->len; i++)
    {
      const OrchardReadinessCheck *check = &g_array_index (self->checks, OrchardReadinessCheck, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "check");
      json_builder_add_string_value (builder, kind_name (check->kind));
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, status_name (check->status));
      add_number (builder, "value", check->value);
      add_number (builder, "bar", check->bar);
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, check->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
