/* orchard-ranking.c: the sorted counts under ROC and precision-recall
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything here follows sklearn/metrics/_ranking.py of scikit-learn 1.2
 * operation by operation, so that curves have the same points and areas
 * agree to rounding.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "orchard-eval-private.h"

typedef struct
{
  double score;
  gsize  row;
} ScoredRow;

/* Decreasing score, ties by decreasing row: a total order, so any sort
 * gives the same permutation. */
static int
compare_scored_rows (const void *a,
                     const void *b)
{
  const ScoredRow *x = a;
  const ScoredRow *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->row != y->row)
    return x->row > y->row ? -1 : 1;
  return 0;
}

/* The rows by decreasing scores[row * stride]; scores must not be NaN. */
gsize *
orchard_eval_order_by_score (const double *scores,
                             gsize         stride,
                             gsize         n)
{
  g_autofree ScoredRow *rows = g_new (ScoredRow, MAX (n, 1));
  gsize *order = g_new (gsize, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      rows[i].score = scores[i * stride];
      rows[i].row = i;
    }
  qsort (rows, n, sizeof (ScoredRow), compare_scored_rows);
  for (gsize i = 0; i < n; i++)
    order[i] = rows[i].row;

  return order;
}

void
orchard_clf_curve_compute (OrchardClfCurve *curve,
                           const guint32   *y_true,
                           guint32          positive,
                           const double    *scores,
                           gsize            stride,
                           const double    *weights,
                           const gsize     *order,
                           gsize            n)
{
  g_autofree gsize *own_order = NULL;
  g_autofree gsize *kept = g_new (gsize, MAX (n, 1));
  double tps = 0, fps = 0;
  gsize n_kept = 0;

  if (order == NULL)
    order = own_order = orchard_eval_order_by_score (scores, stride, n);

  for (gsize i = 0; i < n; i++)
    if (weights == NULL || weights[order[i]] != 0)
      kept[n_kept++] = order[i];

  curve->n = 0;
  curve->fps = g_new (double, MAX (n_kept, 1));
  curve->tps = g_new (double, MAX (n_kept, 1));
  curve->thresholds = g_new (double, MAX (n_kept, 1));

  for (gsize i = 0; i < n_kept; i++)
    {
      gsize row = kept[i];
      double w = weights != NULL ? weights[row] : 1.0;
      double score = scores[row * stride];

      if (y_true[row] == positive)
        tps += w;
      else
        fps += w;

      if (i + 1 == n_kept || scores[kept[i + 1] * stride] != score)
        {
          curve->fps[curve->n] = fps;
          curve->tps[curve->n] = tps;
          curve->thresholds[curve->n] = score;
          curve->n++;
        }
    }
}

void
orchard_clf_curve_clear (OrchardClfCurve *curve)
{
  g_clear_pointer (&curve->fps, g_free);
  g_clear_pointer (&curve->tps, g_free);
  g_clear_pointer (&curve->thresholds, g_free);
  curve->n = 0;
}

static inline double
second_difference (const double *x,
                   gsize         i)
{
  /* numpy.diff(x, 2) at i - 1, in its order of operations. */
  return (x[i + 1] - x[i]) - (x[i] - x[i - 1]);
}

/* roc_curve(): (0, 0) first with threshold max + 1; with
 * @drop_intermediate the points that are collinear with both neighbours
 * (no change in either slope) are left out. fpr (tpr) is NaN throughout
 * when there are no negative (positive) rows. Returns the number of points. */
gsize
orchard_clf_curve_roc (const OrchardClfCurve  *curve,
                       gboolean                drop_intermediate,
                       double                **fpr,
                       double                **tpr,
                       double                **thresholds)
{
  gsize m = curve->n;
  double *x = g_new (double, m + 1);
  double *y = g_new (double, m + 1);
  double *t = g_new (double, m + 1);
  double fps_total, tps_total;
  gsize k = 1;

  x[0] = 0;
  y[0] = 0;
  t[0] = m > 0 ? curve->thresholds[0] + 1 : NAN;

  for (gsize i = 0; i < m; i++)
    {
      if (drop_intermediate && m > 2 && i > 0 && i + 1 < m &&
          second_difference (curve->fps, i) == 0 &&
          second_difference (curve->tps, i) == 0)
        continue;

      x[k] = curve->fps[i];
      y[k] = curve->tps[i];
      t[k] = curve->thresholds[i];
      k++;
    }

  fps_total = x[k - 1];
  tps_total = y[k - 1];
  for (gsize i = 0; i < k; i++)
    {
      x[i] = fps_total > 0 ? x[i] / fps_total : NAN;
      y[i] = tps_total > 0 ? y[i] / tps_total : NAN;
    }

  *fpr = x;
  *tpr = y;
  if (thresholds != NULL)
    *thresholds = t;
  else
    g_free (t);

  return k;
}

/* roc_auc_score(): the trapezoids under roc_curve(), as numpy.trapz; NaN
 * when one class is missing (where scikit-learn raises). */
double
orchard_clf_curve_roc_auc (const OrchardClfCurve *curve)
{
  g_autofree double *fpr = NULL;
  g_autofree double *tpr = NULL;
  double area = 0;
  gsize k;

  if (curve->n == 0 ||
      curve->fps[curve->n - 1] <= 0 ||
      curve->tps[curve->n - 1] <= 0)
    return NAN;

  k = orchard_clf_curve_roc (curve, TRUE, &fpr, &tpr, NULL);
  for (gsize i = 0; i + 1 < k; i++)
    area += (fpr[i + 1] - fpr[i]) * (tpr[i + 1] + tpr[i]) / 2.0;

  return area;
}

/* precision_recall_curve(): by increasing threshold, then the point
 * (recall 0, precision 1) without a threshold (NaN). Precision is 0 where
 * nothing is predicted positive; recall is 1 throughout when there is no
 * positive row. Returns the number of points, curve->n + 1. */
gsize
orchard_clf_curve_pr (const OrchardClfCurve  *curve,
                      double                **precision,
                      double                **recall,
                      double                **thresholds)
{
  gsize m = curve->n;
  double *p = g_new (double, m + 1);
  double *r = g_new (double, m + 1);
  double *t = g_new (double, m + 1);
  double tps_total = m > 0 ? curve->tps[m - 1] : 0;

  for (gsize i = 0; i < m; i++)
    {
      gsize from = m - 1 - i;
      double predicted = curve->tps[from] + curve->fps[from];

      p[i] = predicted != 0 ? curve->tps[from] / predicted : 0.0;
      r[i] = tps_total != 0 ? curve->tps[from] / tps_total : 1.0;
      t[i] = curve->thresholds[from];
    }
  p[m] = 1;
  r[m] = 0;
  t[m] = NAN;

  *precision = p;
  *recall = r;
  if (thresholds != NULL)
    *thresholds = t;
  else
    g_free (t);

  return m + 1;
}

/* average_precision_score(): -sum(diff(recall) * precision[:-1]) over
 * precision_recall_curve(), that is sum over thresholds of
 * (R_n - R_{n-1}) P_n without interpolation. */
double
orchard_clf_curve_average_precision (const OrchardClfCurve *curve)
{
  g_autofree double *precision = NULL;
  g_autofree double *recall = NULL;
  double sum = 0;
  gsize k;

  if (curve->n == 0)
    return NAN;

  k = orchard_clf_curve_pr (curve, &precision, &recall, NULL);
  for (gsize i = 0; i + 1 < k; i++)
    sum += (recall[i + 1] - recall[i]) * precision[i];

  return -sum;
}

/* matthews_corrcoef() from a K x K confusion matrix (rows true). */
double
orchard_eval_mcc (const double *confusion,
                  guint         n_classes)
{
  g_autofree double *t_sum = g_new0 (double, n_classes);
  g_autofree double *p_sum = g_new0 (double, n_classes);
  double n_correct = 0, n_samples = 0, tp_dot = 0, pp_dot = 0, tt_dot = 0;
  double cov_ytyp, cov_ypyp, cov_ytyt;

  for (guint i = 0; i < n_classes; i++)
    for (guint j = 0; j < n_classes; j++)
      {
        t_sum[i] += confusion[i * n_classes + j];
        p_sum[j] += confusion[i * n_classes + j];
      }
  for (guint i = 0; i < n_classes; i++)
    {
      n_correct += confusion[i * n_classes + i];
      n_samples += p_sum[i];
      tp_dot += t_sum[i] * p_sum[i];
      pp_dot += p_sum[i] * p_sum[i];
      tt_dot += t_sum[i] * t_sum[i];
    }

  cov_ytyp = n_correct * n_samples - tp_dot;
  cov_ypyp = n_samples * n_samples - pp_dot;
  cov_ytyt = n_samples * n_samples - tt_dot;
  if (cov_ypyp * cov_ytyt == 0)
    return 0.0;

  return cov_ytyp / sqrt (cov_ytyt * cov_ypyp);
}
