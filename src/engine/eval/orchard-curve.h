/* orchard-curve.h: ROC, precision-recall, calibration, gains, threshold and residual curves
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * OrchardCurveKind:
 * @ORCHARD_CURVE_ROC: columns `fpr`, `tpr`, `thresholds`; summary `auc`
 * @ORCHARD_CURVE_PRECISION_RECALL: columns `precision`, `recall`, `thresholds`;
 *   summary `average_precision`
 * @ORCHARD_CURVE_CALIBRATION: columns `bin_lower`, `bin_upper`, `prob_pred`,
 *   `prob_true`, `count`; summary `ece`, `mce`
 * @ORCHARD_CURVE_GAINS: columns `fraction_samples`, `fraction_positives`,
 *   `lift`, `thresholds`
 * @ORCHARD_CURVE_THRESHOLD: columns `thresholds`, `precision`, `recall`, `f1`,
 *   `specificity`
 * @ORCHARD_CURVE_RESIDUALS: columns `actual`, `predicted`, `residual`
 */
typedef enum
{
  ORCHARD_CURVE_ROC,
  ORCHARD_CURVE_PRECISION_RECALL,
  ORCHARD_CURVE_CALIBRATION,
  ORCHARD_CURVE_GAINS,
  ORCHARD_CURVE_THRESHOLD,
  ORCHARD_CURVE_RESIDUALS,
} OrchardCurveKind;

#define ORCHARD_TYPE_CURVE (orchard_curve_get_type ())

G_DECLARE_FINAL_TYPE (OrchardCurve, orchard_curve, ORCHARD, CURVE, GObject)

OrchardCurve      *orchard_curve_new_roc              (const guint32    *y_true,
                                                       const double     *scores,
                                                       const double     *weights,
                                                       gsize             n,
                                                       gboolean          drop_intermediate,
                                                       GError          **error);
OrchardCurve      *orchard_curve_new_precision_recall (const guint32    *y_true,
                                                       const double     *scores,
                                                       const double     *weights,
                                                       gsize             n,
                                                       GError          **error);
OrchardCurve      *orchard_curve_new_calibration      (const guint32    *y_true,
                                                       const double     *proba,
                                                       gsize             n,
                                                       guint             n_bins,
                                                       GError          **error);
OrchardCurve      *orchard_curve_new_gains            (const guint32    *y_true,
                                                       const double     *scores,
                                                       const double     *weights,
                                                       gsize             n,
                                                       GError          **error);
OrchardCurve      *orchard_curve_new_threshold_sweep  (const guint32    *y_true,
                                                       const double     *scores,
                                                       const double     *weights,
                                                       gsize             n,
                                                       GError          **error);
OrchardCurve      *orchard_curve_new_residuals        (const double     *y_true,
                                                       const double     *y_pred,
                                                       gsize             n,
                                                       GError          **error);

OrchardCurveKind   orchard_curve_get_kind             (OrchardCurve     *self);
gsize              orchard_curve_get_n_points         (OrchardCurve     *self);
guint              orchard_curve_get_n_columns        (OrchardCurve     *self);
const char        *orchard_curve_get_column_name      (OrchardCurve     *self,
                                                       guint             index);
const double      *orchard_curve_get_column           (OrchardCurve     *self,
                                                       const char       *name);
guint              orchard_curve_get_n_summaries      (OrchardCurve     *self);
const char        *orchard_curve_get_summary_name     (OrchardCurve     *self,
                                                       guint             index);
double             orchard_curve_get_summary          (OrchardCurve     *self,
                                                       const char       *name);
JsonNode          *orchard_curve_to_json              (OrchardCurve     *self);
char              *orchard_curve_to_csv               (OrchardCurve     *self);

const char        *orchard_curve_kind_to_string       (OrchardCurveKind  kind);
gboolean           orchard_curve_kind_from_string     (const char       *name,
                                                       OrchardCurveKind *kind);

G_END_DECLS
