/* orchard-curve.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-binary-counts.h"
#include "orchard-curve.h"
#include "orchard-error.h"
#include "orchard-eval-private.h"

#define MAX_COLUMNS   5
#define MAX_SUMMARIES 2

/**
 * OrchardCurve:
 *
 * A curve of a set of predictions as a small table: named columns of
 * equal length (one row per point) and named summary numbers. Immutable.
 * Undefined values (the threshold of the last precision-recall point, the
 * lift at the origin, rates of a class that is absent) are NaN, `null` in
 * JSON and empty in CSV.
 *
 * The ROC and precision-recall curves have exactly the points of
 * scikit-learn's `roc_curve` and `precision_recall_curve`; the calibration
 * curve the non-empty bins of `calibration_curve(strategy="uniform")`.
 * docs/metrics.md defines the gains and threshold curves.
 */
typedef struct
{
  const char *name;
  double     *values;
} Column;

typedef struct
{
  const char *name;
  double      value;
} Summary;

struct _OrchardCurve
{
  GObject           parent_instance;

  OrchardCurveKind  kind;
  gsize             n_points;
  Column            columns[MAX_COLUMNS];
  guint             n_columns;
  Summary           summaries[MAX_SUMMARIES];
  guint             n_summaries;
};

G_DEFINE_FINAL_TYPE (OrchardCurve, orchard_curve, G_TYPE_OBJECT)

static void
orchard_curve_finalize (GObject *object)
{
  OrchardCurve *self = (OrchardCurve *) object;

  for (guint i = 0; i < self->n_columns; i++)
    g_clear_pointer (&self->columns[i].values, g_free);

  G_OBJECT_CLASS (orchard_curve_parent_class)->finalize (object);
}

static void
orchard_curve_class_init (OrchardCurveClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_curve_finalize;
}

static void
orchard_curve_init (OrchardCurve *self)
{
}

static OrchardCurve *
curve_new (OrchardCurveKind kind,
           gsize            n_points)
{
  OrchardCurve *self = g_object_new (ORCHARD_TYPE_CURVE, NULL);

  self->kind = kind;
  self->n_points = n_points;

  return self;
}

/* Takes @values (n_points long). */
static double *
add_column (OrchardCurve *self,
            const char   *name,
            double       *values)
{
  g_assert (self->n_columns < MAX_COLUMNS);

  if (values == NULL)
    values = g_new0 (double, MAX (self->n_points, 1));
  self->columns[self->n_columns].name = name;
  self->columns[self->n_columns].values = values;
  self->n_columns++;

  return values;
}

static void
add_summary (OrchardCurve *self,
             const char   *name,
             double        value)
{
  g_assert (self->n_summaries < MAX_SUMMARIES);

  self->summaries[self->n_summaries].name = name;
  self->summaries[self->n_summaries].value = value;
  self->n_summaries++;
}

/**
 * orchard_curve_new_roc:
 * @y_true: (array length=n): true classes, 0 or 1
 * @scores: (array length=n): scores or probabilities of the positive class (finite)
 * @weights: (nullable) (array length=n): sample weights, or %NULL for 1 each
 * @n: number of rows, > 0
 * @drop_intermediate: leave out points collinear with their neighbours,
 *   scikit-learn's default (%TRUE)
 * @error: return location for a #GError
 *
 * `roc_curve`: false and true positive rates by decreasing threshold, a row
 * counting as positive when its score is at least the threshold; the first
 * point is (0, 0) with threshold max(score) + 1. A rate is NaN throughout
 * when its class is absent. The summary `auc` is `roc_auc_score` (NaN then).
 *
 * Returns: (transfer full): the curve, or %NULL with @error set
 */
OrchardCurve *
orchard_curve_new_roc (const guint32  *y_true,
                       const double   *scores,
                       const double   *weights,
                       gsize           n,
                       gboolean        drop_intermediate,
                       GError        **error)
{
  OrchardClfCurve clf = { 0 };
  OrchardCurve *self;
  double *fpr, *tpr, *thresholds;
  gsize k;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_binary (y_true, scores, weights, n, FALSE, error))
    return NULL;

  orchard_clf_curve_compute (&clf, y_true, 1, scores, 1, weights, NULL, n);
  k = orchard_clf_curve_roc (&clf, drop_intermediate, &fpr, &tpr, &thresholds);

  self = curve_new (ORCHARD_CURVE_ROC, k);
  add_column (self, "fpr", fpr);
  add_column (self, "tpr", tpr);
  add_column (self, "thresholds", thresholds);
  add_summary (self, "auc", orchard_clf_curve_roc_auc (&clf));
  orchard_clf_curve_clear (&clf);

  return self;
}

/**
 * orchard_curve_new_precision_recall:
 * @y_true: (array length=n): true classes, 0 or 1
 * @scores: (array length=n): scores or probabilities of the positive class (finite)
 * @weights: (nullable) (array length=n): sample weights, or %NULL for 1 each
 * @n: number of rows, > 0
 * @error: return location for a #GError
 *
 * `precision_recall_curve`: one point per distinct score by increasing
 * threshold, then (recall 0, precision 1) whose threshold is NaN. Recall is
 * 1 throughout when there is no positive row, as there. The summary
 * `average_precision` is `average_precision_score`.
 *
 * Returns: (transfer full): the curve, or %NULL with @error set
 */
OrchardCurve *
orchard_curve_new_precision_recall (const guint32  *y_true,
                                    const double   *scores,
                                    const double   *weights,
                                    gsize           n,
                                    GError        **error)
{
  OrchardClfCurve clf = { 0 };
  OrchardCurve *self;
  double *precision, *recall, *thresholds;
  gsize k;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_binary (y_true, scores, weights, n, FALSE, error))
    return NULL;

  orchard_clf_curve_compute (&clf, y_true, 1, scores, 1, weights, NULL, n);
  k = orchard_clf_curve_pr (&clf, &precision, &recall, &thresholds);

  self = curve_new (ORCHARD_CURVE_PRECISION_RECALL, k);
  add_column (self, "precision", precision);
  add_column (self, "recall", recall);
  add_column (self, "thresholds", thresholds);
  add_summary (self, "average_precision", orchard_clf_curve_average_precision (&clf));
  orchard_clf_curve_clear (&clf);

  return self;
}

/**
 * orchard_curve_new_calibration:
 * @y_true: (array length=n): true classes, 0 or 1
 * @proba: (array length=n): probabilities of the positive class, in [0, 1]
 * @n: number of rows, > 0
 * @n_bins: number of equal-width bins over [0, 1], e.g. 10
 * @error: return location for a #GError
 *
 * The reliability curve of `calibration_curve(strategy="uniform")`: bin b
 * holds the probabilities in (b/B, (b+1)/B], the first also 0, with the
 * edges of `numpy.linspace(0, 1, B + 1)`. One point per non-empty bin: its
 * edges, the mean probability (`prob_pred`), the share of positives
 * (`prob_true`) and the number of rows. Summaries: the expected
 * calibration error `ece`, the sum over bins of count / n × |prob_true −
 * prob_pred|, and the maximum calibration error `mce`, the largest of those
 * gaps.
 *
 * Returns: (transfer full): the curve, or %NULL with @error set
 */
OrchardCurve *
orchard_curve_new_calibration (const guint32  *y_true,
                               const double   *proba,
                               gsize           n,
                               guint           n_bins,
                               GError        **error)
{
  g_autofree double *sums = NULL;
  g_autofree double *positives = NULL;
  g_autofree double *counts = NULL;
  g_autofree double *edges = NULL;
  OrchardCurve *self;
  double *lower, *upper, *prob_pred, *prob_true, *count;
  double ece = 0, mce = 0;
  gsize k = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_bins < 1)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "A calibration curve needs at least one bin");
      return NULL;
    }
  if (!orchard_eval_check_binary (y_true, proba, NULL, n, TRUE, error))
    return NULL;

  edges = g_new (double, n_bins + 1);
  for (guint b = 0; b < n_bins; b++)
    edges[b] = b * (1.0 / n_bins);
  edges[n_bins] = 1.0;

  sums = g_new0 (double, n_bins);
  positives = g_new0 (double, n_bins);
  counts = g_new0 (double, n_bins);
  for (gsize i = 0; i < n; i++)
    {
      guint bin = 0;

      /* numpy.searchsorted(edges[1:-1], p, side="left") */
      while (bin + 1 < n_bins && edges[bin + 1] < proba[i])
        bin++;
      sums[bin] += proba[i];
      positives[bin] += y_true[i] != 0 ? 1.0 : 0.0;
      counts[bin] += 1;
    }

  for (guint b = 0; b < n_bins; b++)
    k += counts[b] != 0;

  self = curve_new (ORCHARD_CURVE_CALIBRATION, k);
  lower = add_column (self, "bin_lower", NULL);
  upper = add_column (self, "bin_upper", NULL);
  prob_pred = add_column (self, "prob_pred", NULL);
  prob_true = add_column (self, "prob_true", NULL);
  count = add_column (self, "count", NULL);

  k = 0;
  for (guint b = 0; b < n_bins; b++)
    {
      double gap;

      if (counts[b] == 0)
        continue;

      lower[k] = edges[b];
      upper[k] = edges[b + 1];
      prob_true[k] = positives[b] / counts[b];
      prob_pred[k] = sums[b] / counts[b];
      count[k] = counts[b];
      gap = fabs (prob_true[k] - prob_pred[k]);
      ece += counts[b] / n * gap;
      mce = MAX (mce, gap);
      k++;
    }
  add_summary (self, "ece", ece);
  add_summary (self, "mce", mce);

  return self;
}

/**
 * orchard_curve_new_gains:
 * @y_true: (array length=n): true classes, 0 or 1
 * @scores: (array length=n): scores or probabilities of the positive class (finite)
 * @weights: (nullable) (array length=n): sample weights, or %NULL for 1 each
 * @n: number of rows, > 0
 * @error: return location for a #GError
 *
 * The cumulative gains and lift curve: for each distinct score, by
 * decreasing threshold, the share of rows at or above it
 * (`fraction_samples`), the share of all positives among them
 * (`fraction_positives`, the gain) and their ratio (`lift`, how many times
 * better than picking rows at random). The first point is the origin, with
 * threshold max(score) + 1 and an undefined lift; shares are weighted when
 * weights are given. Without positive rows the gain is NaN.
 *
 * Returns: (transfer full): the curve, or %NULL with @error set
 */
OrchardCurve *
orchard_curve_new_gains (const guint32  *y_true,
                         const double   *scores,
                         const double   *weights,
                         gsize           n,
                         GError        **error)
{
  OrchardClfCurve clf = { 0 };
  OrchardCurve *self;
  double *samples, *gain, *lift, *thresholds;
  double positives, total;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_binary (y_true, scores, weights, n, FALSE, error))
    return NULL;

  orchard_clf_curve_compute (&clf, y_true, 1, scores, 1, weights, NULL, n);
  g_assert (clf.n > 0);
  positives = clf.tps[clf.n - 1];
  total = clf.fps[clf.n - 1] + clf.tps[clf.n - 1];

  self = curve_new (ORCHARD_CURVE_GAINS, clf.n + 1);
  samples = add_column (self, "fraction_samples", NULL);
  gain = add_column (self, "fraction_positives", NULL);
  lift = add_column (self, "lift", NULL);
  thresholds = add_column (self, "thresholds", NULL);

  for (gsize i = 0; i <= clf.n; i++)
    {
      double tps = i > 0 ? clf.tps[i - 1] : 0;
      double fps = i > 0 ? clf.fps[i - 1] : 0;

      samples[i] = (tps + fps) / total;
      gain[i] = positives > 0 ? tps / positives : NAN;
      lift[i] = samples[i] > 0 ? gain[i] / samples[i] : NAN;
      thresholds[i] = i > 0 ? clf.thresholds[i - 1] : clf.thresholds[0] + 1;
    }
  orchard_clf_curve_clear (&clf);

  return self;
}

/**
 * orchard_curve_new_threshold_sweep:
 * @y_true: (array length=n): true classes, 0 or 1
 * @scores: (array length=n): scores or probabilities of the positive class (finite)
 * @weights: (nullable) (array length=n): sample weights, or %NULL for 1 each
 * @n: number of rows, > 0
 * @error: return location for a #GError
 *
 * Precision, recall, F1 and specificity at every distinct score taken as
 * the threshold, by increasing threshold: exactly what
 * orchard_metrics_new_binary() reports at that threshold (so precision and
 * recall are 0 where undefined, unlike the precision-recall curve's recall).
 *
 * Returns: (transfer full): the curve, or %NULL with @error set
 */
OrchardCurve *
orchard_curve_new_threshold_sweep (const guint32  *y_true,
                                   const double   *scores,
                                   const double   *weights,
                                   gsize           n,
                                   GError        **error)
{
  OrchardClfCurve clf = { 0 };
  OrchardCurve *self;
  double *thresholds, *precision, *recall, *f1, *specificity;
  double positives, negatives;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_binary (y_true, scores, weights, n, FALSE, error))
    return NULL;

  orchard_clf_curve_compute (&clf, y_true, 1, scores, 1, weights, NULL, n);
  g_assert (clf.n > 0);
  positives = clf.tps[clf.n - 1];
  negatives = clf.fps[clf.n - 1];

  self = curve_new (ORCHARD_CURVE_THRESHOLD, clf.n);
  thresholds = add_column (self, "thresholds", NULL);
  precision = add_column (self, "precision", NULL);
  recall = add_column (self, "recall", NULL);
  f1 = add_column (self, "f1", NULL);
  specificity = add_column (self, "specificity", NULL);

  for (gsize i = 0; i < clf.n; i++)
    {
      gsize from = clf.n - 1 - i;
      OrchardBinaryCounts counts = {
        .tn = negatives - clf.fps[from],
        .fp = clf.fps[from],
        .fn = positives - clf.tps[from],
        .tp = clf.tps[from],
      };

      thresholds[i] = clf.thresholds[from];
      precision[i] = orchard_binary_counts_precision (&counts);
      recall[i] = orchard_binary_counts_recall (&counts);
      f1[i] = orchard_binary_counts_f1 (&counts);
      specificity[i] = orchard_binary_counts_specificity (&counts);
    }
  orchard_clf_curve_clear (&clf);

  return self;
}

/**
 * orchard_curve_new_residuals:
 * @y_true: (array length=n): true values
 * @y_pred: (array length=n): predictions
 * @n: number of rows, > 0
 * @error: return location for a #GError
 *
 * One point per row, in row order: `actual`, `predicted` and `residual`,
 * actual − predicted, for residual-against-fitted plots.
 *
 * Returns: (transfer full): the curve, or %NULL with @error set
 */
OrchardCurve *
orchard_curve_new_residuals (const double  *y_true,
                             const double  *y_pred,
                             gsize          n,
                             GError       **error)
{
  OrchardCurve *self;
  double *residual;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_eval_check_regression (y_true, y_pred, n, error))
    return NULL;

  self = curve_new (ORCHARD_CURVE_RESIDUALS, n);
  add_column (self, "actual", g_memdup2 (y_true, n * sizeof (double)));
  add_column (self, "predicted", g_memdup2 (y_pred, n * sizeof (double)));
  residual = add_column (self, "residual", NULL);
  for (gsize i = 0; i < n; i++)
    residual[i] = y_true[i] - y_pred[i];

  return self;
}

/**
 * orchard_curve_get_kind:
 * @self: a curve
 *
 * Returns: what the curve shows
 */
OrchardCurveKind
orchard_curve_get_kind (OrchardCurve *self)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), 0);

  return self->kind;
}

/**
 * orchard_curve_get_n_points:
 * @self: a curve
 *
 * Returns: the length of every column
 */
gsize
orchard_curve_get_n_points (OrchardCurve *self)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), 0);

  return self->n_points;
}

/**
 * orchard_curve_get_n_columns:
 * @self: a curve
 *
 * Returns: the number of columns
 */
guint
orchard_curve_get_n_columns (OrchardCurve *self)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), 0);

  return self->n_columns;
}

/**
 * orchard_curve_get_column_name:
 * @self: a curve
 * @index: a column, below orchard_curve_get_n_columns()
 *
 * Returns: the column's name
 */
const char *
orchard_curve_get_column_name (OrchardCurve *self,
                               guint         index)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), NULL);
  g_return_val_if_fail (index < self->n_columns, NULL);

  return self->columns[index].name;
}

/**
 * orchard_curve_get_column:
 * @self: a curve
 * @name: a column name
 *
 * Returns: (nullable) (transfer none): the n_points values of the column,
 *   %NULL when the curve has no such column
 */
const double *
orchard_curve_get_column (OrchardCurve *self,
                          const char   *name)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->n_columns; i++)
    if (strcmp (self->columns[i].name, name) == 0)
      return self->columns[i].values;

  return NULL;
}

/**
 * orchard_curve_get_n_summaries:
 * @self: a curve
 *
 * Returns: the number of summary numbers
 */
guint
orchard_curve_get_n_summaries (OrchardCurve *self)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), 0);

  return self->n_summaries;
}

/**
 * orchard_curve_get_summary_name:
 * @self: a curve
 * @index: a summary, below orchard_curve_get_n_summaries()
 *
 * Returns: the summary's name
 */
const char *
orchard_curve_get_summary_name (OrchardCurve *self,
                                guint         index)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), NULL);
  g_return_val_if_fail (index < self->n_summaries, NULL);

  return self->summaries[index].name;
}

/**
 * orchard_curve_get_summary:
 * @self: a curve
 * @name: a summary name, e.g. "auc"
 *
 * Returns: the summary, NaN when undefined or when the curve has none of that name
 */
double
orchard_curve_get_summary (OrchardCurve *self,
                           const char   *name)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE (self), NAN);
  g_return_val_if_fail (name != NULL, NAN);

  for (guint i = 0; i < self->n_summaries; i++)
    if (strcmp (self->summaries[i].name, name) == 0)
      return self->summaries[i].value;

  return NAN;
}

static void
add_number (JsonBuilder *builder,
            double       value)
{
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * orchard_curve_to_json:
 * @self: a curve
 *
 * `{"kind": "roc", "points": N, "columns": {"fpr": […], …}, "summary": {"auc": …}}`,
 * with `null` for undefined values.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_curve_to_json (OrchardCurve *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (ORCHARD_IS_CURVE (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, orchard_curve_kind_to_string (self->kind));
  json_builder_set_member_name (builder, "points");
  json_builder_add_int_value (builder, (gint64) self->n_points);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_object (builder);
  for (guint c = 0; c < self->n_columns; c++)
    {
      json_builder_set_member_name (builder, self->columns[c].name);
      json_builder_begin_array (builder);
      for (gsize i = 0; i < self->n_points; i++)
        add_number (builder, self->columns[c].values[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "summary");
  json_builder_begin_object (builder);
  for (guint s = 0; s < self->n_summaries; s++)
    {
      json_builder_set_member_name (builder, self->summaries[s].name);
      add_number (builder, self->summaries[s].value);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* The shortest of %.15g … %.17g that reads back as the same double. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return;

  for (int digits = 15; digits <= 17; digits++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

/**
 * orchard_curve_to_csv:
 * @self: a curve
 *
 * A header line with the column names, then one line per point, comma
 * separated, numbers in the C locale with the fewest digits that read back
 * exactly, undefined values empty. Summaries are not included.
 *
 * Returns: (transfer full): the CSV text
 */
char *
orchard_curve_to_csv (OrchardCurve *self)
{
  GString *out;

  g_return_val_if_fail (ORCHARD_IS_CURVE (self), NULL);

  out = g_string_new (NULL);
  for (guint c = 0; c < self->n_columns; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      g_string_append (out, self->columns[c].name);
    }
  g_string_append_c (out, '\n');

  for (gsize i = 0; i < self->n_points; i++)
    {
      for (guint c = 0; c < self->n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_number (out, self->columns[c].values[i]);
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static const char * const kind_names[] = {
  [ORCHARD_CURVE_ROC] = "roc",
  [ORCHARD_CURVE_PRECISION_RECALL] = "pr",
  [ORCHARD_CURVE_CALIBRATION] = "calibration",
  [ORCHARD_CURVE_GAINS] = "gains",
  [ORCHARD_CURVE_THRESHOLD] = "threshold",
  [ORCHARD_CURVE_RESIDUALS] = "residuals",
};

/**
 * orchard_curve_kind_to_string:
 * @kind: a curve kind
 *
 * Returns: the name `orchard-cli curves --kind` takes: "roc", "pr",
 *   "calibration", "gains", "threshold" or "residuals"
 */
const char *
orchard_curve_kind_to_string (OrchardCurveKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);

  return kind_names[kind];
}

/**
 * orchard_curve_kind_from_string:
 * @name: a name from orchard_curve_kind_to_string()
 * @kind: (out): the kind
 *
 * Returns: whether @name is a curve kind
 */
gboolean
orchard_curve_kind_from_string (const char       *name,
                                OrchardCurveKind *kind)
{
  g_return_val_if_fail (kind != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      {
        *kind = (OrchardCurveKind) i;
        return TRUE;
      }

  return FALSE;
}
