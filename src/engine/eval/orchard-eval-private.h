/* orchard-eval-private.h: what the metric, curve, threshold and bootstrap code share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* sklearn 1.2 log_loss(eps="auto") clips to numpy.finfo(float64).eps. */
#define ORCHARD_LOG_LOSS_EPS 2.220446049250313080847263336181640625e-16

/* The true and false positives above each distinct score, as
 * sklearn.metrics._ranking._binary_clf_curve: rows of zero weight are
 * dropped, scores are visited in decreasing order (ties in decreasing row
 * order, which is NumPy's reversed stable argsort, so weighted sums are
 * added in the same order), and a point is kept at the last row of each
 * run of equal scores. */
typedef struct
{
  gsize   n;
  double *fps;
  double *tps;
  double *thresholds;   /* decreasing */
} OrchardClfCurve;

gsize  *orchard_eval_order_by_score   (const double     *scores,
                                       gsize             stride,
                                       gsize             n);
void    orchard_clf_curve_compute     (OrchardClfCurve  *curve,
                                       const guint32    *y_true,
                                       guint32           positive,
                                       const double     *scores,
                                       gsize             stride,
                                       const double     *weights,
                                       const gsize      *order,
                                       gsize             n);
void    orchard_clf_curve_clear       (OrchardClfCurve  *curve);
gsize   orchard_clf_curve_roc         (const OrchardClfCurve *curve,
                                       gboolean          drop_intermediate,
                                       double          **fpr,
                                       double          **tpr,
                                       double          **thresholds);
double  orchard_clf_curve_roc_auc     (const OrchardClfCurve *curve);
gsize   orchard_clf_curve_pr          (const OrchardClfCurve *curve,
                                       double          **precision,
                                       double          **recall,
                                       double          **thresholds);
double  orchard_clf_curve_average_precision (const OrchardClfCurve *curve);

double  orchard_eval_mcc              (const double     *confusion,
                                       guint             n_classes);

/* Every metric of a task in one pass, indexed by the enums below; weights
 * may be NULL, orders (presorted by orchard_eval_order_by_score) may be NULL. */
typedef enum
{
  BINARY_ACCURACY,
  BINARY_BALANCED_ACCURACY,
  BINARY_PRECISION,
  BINARY_RECALL,
  BINARY_SPECIFICITY,
  BINARY_F1,
  BINARY_MCC,
  BINARY_ROC_AUC,
  BINARY_AVERAGE_PRECISION,
  BINARY_LOG_LOSS,
  BINARY_BRIER,
  N_BINARY_METRICS
} BinaryMetric;

typedef enum
{
  MULTI_ACCURACY,
  MULTI_PRECISION_MACRO,
  MULTI_RECALL_MACRO,
  MULTI_F1_MACRO,
  MULTI_F1_WEIGHTED,
  MULTI_ROC_AUC_OVR,
  MULTI_LOG_LOSS,
  MULTI_PRECISION_WEIGHTED,
  MULTI_RECALL_WEIGHTED,
  MULTI_PRECISION_MICRO,
  MULTI_RECALL_MICRO,
  MULTI_F1_MICRO,
  MULTI_BALANCED_ACCURACY,
  MULTI_MCC,
  N_MULTI_METRICS
} MulticlassMetric;

typedef enum
{
  REG_RMSE,
  REG_MAE,
  REG_R2,
  REG_MAPE,
  REG_MEDIAN_AE,
  REG_EXPLAINED_VARIANCE,
  REG_MSE,
  REG_MAX_ERROR,
  N_REG_METRICS
} RegressionMetric;

extern const char * const orchard_eval_binary_keys[N_BINARY_METRICS + 1];
extern const char * const orchard_eval_multiclass_keys[N_MULTI_METRICS + 1];
extern const char * const orchard_eval_regression_keys[N_REG_METRICS + 1];

int     orchard_eval_key_index        (const char * const *keys,
                                       const char         *key);

void    orchard_eval_binary           (const guint32    *y_true,
                                       const double     *proba,
                                       const double     *weights,
                                       const gsize      *order,
                                       gsize             n,
                                       double            threshold,
                                       gboolean          with_ranking,
                                       double           *values,
                                       double           *confusion);
void    orchard_eval_multiclass       (const guint32    *y_true,
                                       const double     *proba,
                                       guint             n_classes,
                                       const double     *weights,
                                       gsize * const    *orders,
                                       gsize             n,
                                       gboolean          with_roc_auc,
                                       double           *values,
                                       double           *confusion);
void    orchard_eval_regression       (const double     *y_true,
                                       const double     *y_pred,
                                       const double     *counts,
                                       const gsize      *abs_error_order,
                                       gsize             n,
                                       double           *values);

/* Argument checks shared by the public entry points; they set @error with
 * the row (counted from 1) and the value at fault. */
gboolean orchard_eval_check_binary     (const guint32  *y_true,
                                        const double   *scores,
                                        const double   *weights,
                                        gsize           n,
                                        gboolean        probabilities,
                                        GError        **error);
gboolean orchard_eval_check_multiclass (const guint32  *y_true,
                                        const double   *proba,
                                        gsize           n,
                                        guint           n_classes,
                                        GError        **error);
gboolean orchard_eval_check_regression (const double   *y_true,
                                        const double   *y_pred,
                                        gsize           n,
                                        GError        **error);

double   orchard_eval_percentile       (double         *values,
                                        gsize           n,
                                        double          q);

G_END_DECLS
