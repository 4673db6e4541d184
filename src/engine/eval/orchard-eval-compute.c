/* orchard-eval-compute.c: every metric of a task in one pass
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each metric follows its scikit-learn 1.2 function (named next to it) in
 * definition and, where rounding could show, in order of operations.
 * Weights are public for binary metrics; for the other tasks they only
 * carry the bootstrap's row multiplicities, which gives exactly the
 * metric of the resampled rows.
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-binary-counts.h"
#include "orchard-error.h"
#include "orchard-eval-private.h"

const char * const orchard_eval_binary_keys[N_BINARY_METRICS + 1] = {
  "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc",
  "roc_auc", "average_precision", "log_loss", "brier", NULL,
};

const char * const orchard_eval_multiclass_keys[N_MULTI_METRICS + 1] = {
  "accuracy", "precision_macro", "recall_macro", "f1_macro", "f1_weighted", "roc_auc_ovr",
  "log_loss", "precision_weighted", "recall_weighted", "precision_micro", "recall_micro",
  "f1_micro", "balanced_accuracy", "mcc", NULL,
};

const char * const orchard_eval_regression_keys[N_REG_METRICS + 1] = {
  "rmse", "mae", "r2", "mape", "median_ae", "explained_variance", "mse", "max_error", NULL,
};

int
orchard_eval_key_index (const char * const *keys,
                        const char         *key)
{
  for (int i = 0; keys[i] != NULL; i++)
    if (g_strcmp0 (keys[i], key) == 0)
      return i;

  return -1;
}

static inline double
weight_of (const double *weights,
           gsize         i)
{
  return weights != NULL ? weights[i] : 1.0;
}

/* log_loss() of one row: the probabilities are clipped to [eps, 1 - eps],
 * then renormalised by their (clipped) sum. */
static inline double
binary_log_loss_row (guint32 truth,
                     double  p)
{
  double clipped = CLAMP (p, ORCHARD_LOG_LOSS_EPS, 1 - ORCHARD_LOG_LOSS_EPS);
  double negative = 1 - clipped;
  double sum = negative + clipped;

  return -log ((truth != 0 ? clipped : negative) / sum);
}

void
orchard_eval_binary (const guint32 *y_true,
                     const double  *proba,
                     const double  *weights,
                     const gsize   *order,
                     gsize          n,
                     double         threshold,
                     gboolean       with_ranking,
                     double        *values,
                     double        *confusion)
{
  OrchardBinaryCounts counts;
  OrchardClfCurve curve = { 0 };
  double loss = 0, brier = 0, total = 0;

  orchard_binary_counts_compute (&counts, y_true, proba, weights, n, threshold);
  values[BINARY_ACCURACY] = orchard_binary_counts_accuracy (&counts);
  values[BINARY_BALANCED_ACCURACY] = orchard_binary_counts_balanced_accuracy (&counts);
  values[BINARY_PRECISION] = orchard_binary_counts_precision (&counts);
  values[BINARY_RECALL] = orchard_binary_counts_recall (&counts);
  values[BINARY_SPECIFICITY] = orchard_binary_counts_specificity (&counts);
  values[BINARY_F1] = orchard_binary_counts_f1 (&counts);
  values[BINARY_MCC] = orchard_binary_counts_mcc (&counts);

  values[BINARY_ROC_AUC] = NAN;
  values[BINARY_AVERAGE_PRECISION] = NAN;
  if (with_ranking)
    {
      orchard_clf_curve_compute (&curve, y_true, 1, proba, 1, weights, order, n);
      values[BINARY_ROC_AUC] = orchard_clf_curve_roc_auc (&curve);
      values[BINARY_AVERAGE_PRECISION] = orchard_clf_curve_average_precision (&curve);
      orchard_clf_curve_clear (&curve);
    }

  /* log_loss(labels=[0, 1]) and brier_score_loss(): numpy.average. */
  for (gsize i = 0; i < n; i++)
    {
      double w = weight_of (weights, i);
      double d = (double) (y_true[i] != 0) - proba[i];

      loss += binary_log_loss_row (y_true[i], proba[i]) * w;
      brier += d * d * w;
      total += w;
    }
  values[BINARY_LOG_LOSS] = total > 0 ? loss / total : NAN;
  values[BINARY_BRIER] = total > 0 ? brier / total : NAN;

  if (confusion != NULL)
    {
      confusion[0] = counts.tn;
      confusion[1] = counts.fp;
      confusion[2] = counts.fn;
      confusion[3] = counts.tp;
    }
}

/* numpy.argmax: the first of equal largest probabilities. */
static inline guint
argmax_row (const double *row,
            guint         k)
{
  guint best = 0;

  for (guint j = 1; j < k; j++)
    if (row[j] > row[best])
      best = j;

  return best;
}

static inline double
f_score (double precision,
         double recall)
{
  double denominator = precision + recall;

  if (denominator == 0.0)
    denominator = 1;
  return 2 * precision * recall / denominator;
}

void
orchard_eval_multiclass (const guint32 *y_true,
                         const double  *proba,
                         guint          k,
                         const double  *weights,
                         gsize * const *orders,
                         gsize          n,
                         gboolean       with_roc_auc,
                         double        *values,
                         double        *confusion)
{
  g_autofree double *cm = g_new0 (double, (gsize) k * k);
  g_autofree double *true_sum = g_new0 (double, k);
  g_autofree double *pred_sum = g_new0 (double, k);
  double total = 0, correct = 0, loss = 0;
  double p_macro = 0, r_macro = 0, f_macro = 0;
  double p_weighted = 0, r_weighted = 0, f_weighted = 0;
  double recall_sum = 0, precision_micro, recall_micro;
  guint present = 0, supported = 0;

  for (gsize i = 0; i < n; i++)
    {
      const double *row = proba + i * k;
      double w = weight_of (weights, i);
      double sum = 0, picked = 0;

      cm[(gsize) y_true[i] * k + argmax_row (row, k)] += w;
      total += w;

      /* log_loss(labels=range(K)): clip, renormalise by the row sum. */
      for (guint j = 0; j < k; j++)
        {
          double clipped = CLAMP (row[j], ORCHARD_LOG_LOSS_EPS, 1 - ORCHARD_LOG_LOSS_EPS);

          sum += clipped;
          if (j == y_true[i])
            picked = clipped;
        }
      loss += -log (picked / sum) * w;
    }

  for (guint a = 0; a < k; a++)
    for (guint b = 0; b < k; b++)
      {
        true_sum[a] += cm[(gsize) a * k + b];
        pred_sum[b] += cm[(gsize) a * k + b];
      }

  /* precision_recall_fscore_support() over unique_labels(y_true, y_pred):
   * a class neither true nor predicted does not enter the averages. */
  for (guint j = 0; j < k; j++)
    {
      double tp = cm[(gsize) j * k + j];
      double precision, recall, f;

      correct += tp;
      if (true_sum[j] == 0 && pred_sum[j] == 0)
        continue;

      precision = pred_sum[j] != 0 ? tp / pred_sum[j] : 0.0;
      recall = true_sum[j] != 0 ? tp / true_sum[j] : 0.0;
      f = f_score (precision, recall);
      present++;
      p_macro += precision;
      r_macro += recall;
      f_macro += f;
      p_weighted += precision * true_sum[j];
      r_weighted += recall * true_sum[j];
      f_weighted += f * true_sum[j];

      /* balanced_accuracy_score(): classes without true rows drop out. */
      if (true_sum[j] != 0)
        {
          recall_sum += recall;
          supported++;
        }
    }

  precision_micro = total != 0 ? correct / total : 0.0;
  recall_micro = total != 0 ? correct / total : 0.0;

  values[MULTI_ACCURACY] = total > 0 ? correct / total : NAN;
  values[MULTI_PRECISION_MACRO] = present > 0 ? p_macro / present : NAN;
  values[MULTI_RECALL_MACRO] = present > 0 ? r_macro / present : NAN;
  values[MULTI_F1_MACRO] = present > 0 ? f_macro / present : NAN;
  values[MULTI_PRECISION_WEIGHTED] = total > 0 ? p_weighted / total : NAN;
  values[MULTI_RECALL_WEIGHTED] = total > 0 ? r_weighted / total : NAN;
  values[MULTI_F1_WEIGHTED] = total > 0 ? f_weighted / total : NAN;
  values[MULTI_PRECISION_MICRO] = total > 0 ? precision_micro : NAN;
  values[MULTI_RECALL_MICRO] = total > 0 ? recall_micro : NAN;
  values[MULTI_F1_MICRO] = total > 0 ? f_score (precision_micro, recall_micro) : NAN;
  values[MULTI_BALANCED_ACCURACY] = supported > 0 ? recall_sum / supported : NAN;
  values[MULTI_MCC] = orchard_eval_mcc (cm, k);
  values[MULTI_LOG_LOSS] = total > 0 ? loss / total : NAN;

  /* roc_auc_score(multi_class="ovr", average="macro"): every class must
   * have true rows and rows of other classes, or it is undefined. */
  values[MULTI_ROC_AUC_OVR] = NAN;
  if (with_roc_auc)
    {
      double auc_sum = 0;
      guint j;

      for (j = 0; j < k; j++)
        {
          OrchardClfCurve curve = { 0 };
          double auc;

          orchard_clf_curve_compute (&curve, y_true, j, proba + j, k, weights,
                                     orders != NULL ? orders[j] : NULL, n);
          auc = orchard_clf_curve_roc_auc (&curve);
          orchard_clf_curve_clear (&curve);
          if (isnan (auc))
            break;
          auc_sum += auc;
        }
      if (j == k)
        values[MULTI_ROC_AUC_OVR] = auc_sum / k;
    }

  if (confusion != NULL)
    memcpy (confusion, cm, sizeof (double) * k * k);
}

/* The k-th smallest (from 0) of the values listed in @order, each repeated
 * counts[row] times (once when @counts is NULL). */
static double
kth_of_sorted (const double *values,
               const gsize  *order,
               const double *counts,
               gsize         n,
               double        k)
{
  double seen = 0;

  for (gsize i = 0; i < n; i++)
    {
      seen += counts != NULL ? counts[order[i]] : 1.0;
      if (seen > k)
        return values[order[i]];
    }

  g_assert_not_reached ();
  return NAN;
}

static int
compare_doubles_at (const void *a,
                    const void *b,
                    gpointer    user_data)
{
  const double *values = user_data;
  double x = values[*(const gsize *) a];
  double y = values[*(const gsize *) b];

  return (x > y) - (x < y);
}

/* r2_score() / explained_variance_score() with force_finite=True. */
static double
assemble_r2 (double numerator,
             double denominator)
{
  if (numerator == 0)
    return 1.0;
  if (denominator == 0)
    return 0.0;
  return 1 - numerator / denominator;
}

void
orchard_eval_regression (const double *y_true,
                         const double *y_pred,
                         const double *counts,
                         const gsize  *abs_error_order,
                         gsize         n,
                         double       *values)
{
  g_autofree double *abs_error = g_new (double, MAX (n, 1));
  g_autofree gsize *own_order = NULL;
  double total = 0, sq = 0, ab = 0, pct = 0, max_error = 0;
  double diff_sum = 0, true_sum = 0, diff_mean, true_mean;
  double r2_num = 0, r2_den = 0, ev_num = 0, ev_den = 0;

  for (gsize i = 0; i < n; i++)
    {
      double w = weight_of (counts, i);
      double e = y_true[i] - y_pred[i];

      abs_error[i] = fabs (y_pred[i] - y_true[i]);
      total += w;
      sq += e * e * w;
      ab += abs_error[i] * w;
      /* mean_absolute_percentage_error(): |y| at least machine epsilon. */
      pct += abs_error[i] / MAX (fabs (y_true[i]), DBL_EPSILON) * w;
      if (w > 0 && abs_error[i] > max_error)
        max_error = abs_error[i];
      diff_sum += e * w;
      true_sum += y_true[i] * w;
    }

  diff_mean = diff_sum / total;
  true_mean = true_sum / total;
  for (gsize i = 0; i < n; i++)
    {
      double w = weight_of (counts, i);
      double e = y_true[i] - y_pred[i];
      double centred = e - diff_mean;
      double spread = y_true[i] - true_mean;

      r2_num += w * (e * e);
      r2_den += w * (spread * spread);
      ev_num += centred * centred * w;
      ev_den += spread * spread * w;
    }

  values[REG_MSE] = sq / total;
  values[REG_RMSE] = sqrt (sq / total);
  values[REG_MAE] = ab / total;
  values[REG_MAPE] = pct / total;
  values[REG_MAX_ERROR] = max_error;
  /* r2_score() is NaN for fewer than two rows; explained variance is not. */
  values[REG_R2] = n < 2 ? NAN : assemble_r2 (r2_num, r2_den);
  values[REG_EXPLAINED_VARIANCE] = assemble_r2 (ev_num / total, ev_den / total);

  /* numpy.median: the middle value, or the mean of the two middle ones. */
  if (abs_error_order == NULL)
    {
      own_order = g_new (gsize, MAX (n, 1));
      for (gsize i = 0; i < n; i++)
        own_order[i] = i;
      g_qsort_with_data (own_order, n, sizeof (gsize), compare_doubles_at, abs_error);
      abs_error_order = own_order;
    }
  {
    double m = floor (total / 2);

    if (fmod (total, 2) == 1)
      values[REG_MEDIAN_AE] = kth_of_sorted (abs_error, abs_error_order, counts, n, m);
    else
      values[REG_MEDIAN_AE] = (kth_of_sorted (abs_error, abs_error_order, counts, n, m - 1) +
                               kth_of_sorted (abs_error, abs_error_order, counts, n, m)) / 2;
  }
}

/* Checks ------------------------------------------------------------------ */

gboolean
orchard_eval_check_binary (const guint32  *y_true,
                           const double   *scores,
                           const double   *weights,
                           gsize           n,
                           gboolean        probabilities,
                           GError        **error)
{
  double total = 0;

  if (n == 0)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                           "There are no rows to evaluate");
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      if (y_true[i] > 1)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the true class code is %u, but a binary "
                       "target is coded 0 (negative) or 1 (positive)", i + 1, y_true[i]);
          return FALSE;
        }
      if (!isfinite (scores[i]))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the predicted score is %g, not a finite number",
                       i + 1, scores[i]);
          return FALSE;
        }
      if (probabilities && (scores[i] < 0 || scores[i] > 1))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the predicted probability %.17g is outside "
                       "[0, 1]", i + 1, scores[i]);
          return FALSE;
        }
      if (weights != NULL)
        {
          if (!isfinite (weights[i]) || weights[i] < 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Row %" G_GSIZE_FORMAT ": the sample weight is %g; weights must be "
                           "finite and not negative", i + 1, weights[i]);
              return FALSE;
            }
          total += weights[i];
        }
    }

  if (weights != NULL && !(total > 0))
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "The sample weights add up to zero");
      return FALSE;
    }

  return TRUE;
}

gboolean
orchard_eval_check_multiclass (const guint32  *y_true,
                               const double   *proba,
                               gsize           n,
                               guint           k,
                               GError        **error)
{
  if (k < 2)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "A classification needs at least 2 classes, not %u", k);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                           "There are no rows to evaluate");
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      const double *row = proba + i * k;
      double sum = 0;

      if (y_true[i] >= k)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the true class code is %u, but there are only "
                       "%u classes (codes 0 to %u)", i + 1, y_true[i], k, k - 1);
          return FALSE;
        }
      for (guint j = 0; j < k; j++)
        {
          if (!isfinite (row[j]) || row[j] < 0 || row[j] > 1)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Row %" G_GSIZE_FORMAT ", class %u: the predicted probability %g "
                           "is outside [0, 1]", i + 1, j, row[j]);
              return FALSE;
            }
          sum += row[j];
        }
      /* numpy.allclose(1, sum), the test of roc_auc_score(multi_class=…). */
      if (fabs (sum - 1) > 1e-8 + 1e-5 * fabs (sum))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the class probabilities add up to %.17g, "
                       "not 1", i + 1, sum);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
orchard_eval_check_regression (const double  *y_true,
                               const double  *y_pred,
                               gsize          n,
                               GError       **error)
{
  if (n == 0)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                           "There are no rows to evaluate");
      return FALSE;
    }

  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (y_true[i]))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the true value is %g, not a finite number",
                       i + 1, y_true[i]);
          return FALSE;
        }
      if (!isfinite (y_pred[i]))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Row %" G_GSIZE_FORMAT ": the prediction is %g, not a finite number",
                       i + 1, y_pred[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* numpy.percentile(values, q) with the default "linear" method; sorts
 * @values in place. */
double
orchard_eval_percentile (double *values,
                         gsize   n,
                         double  q)
{
  double position, fraction, below, above;
  gsize lower;

  if (n == 0)
    return NAN;

  qsort (values, n, sizeof (double), compare_doubles);
  position = q / 100 * (double) (n - 1);
  lower = (gsize) floor (position);
  if (lower >= n - 1)
    return values[n - 1];

  fraction = position - (double) lower;
  below = values[lower];
  above = values[lower + 1];

  /* numpy's _lerp, which is exact at both ends. */
  return fraction >= 0.5 ? above - (above - below) * (1 - fraction)
                         : below + (above - below) * fraction;
}
