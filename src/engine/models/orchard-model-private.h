/* orchard-model-private.h: what learners share with the base class
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <math.h>

#include "orchard-model.h"

G_BEGIN_DECLS

/* Rows per chunk of the engine's parallel loops. Sums are taken per chunk
 * and the chunks added in order, so a result does not depend on how many
 * threads ran the loop. */
#define ORCHARD_MODEL_CHUNK 2048

/**
 * OrchardFitData:
 * @X: the training features, @n_rows × @n_features, row-major
 * @y: class codes or target values, one per row
 * @weights: sample weights, one per row; all ones when the caller gave none
 * @weighted: whether the caller gave weights
 * @weight_sum: the sum of @weights
 * @X_valid: (nullable): the validation features, @n_valid × @n_features
 * @y_valid: (nullable): their class codes or values
 * @n_valid: validation rows, 0 without any
 * @task: the task
 * @n_classes: classes, 0 for regression
 * @n_outputs: the number of columns predict() fills: @n_classes, or 1
 *
 * The validated input of a fit, as the fit vfunc sees it.
 */
struct _OrchardFitData
{
  const double     *X;
  gsize             n_rows;
  guint             n_features;
  const double     *y;
  const double     *weights;
  gboolean          weighted;
  double            weight_sum;

  const double     *X_valid;
  const double     *y_valid;
  gsize             n_valid;

  OrchardTask       task;
  guint             n_classes;
  guint             n_outputs;

  /*< private >*/
  OrchardProgress   progress;
  gpointer          progress_data;
  GCancellable     *cancellable;
  double            last_fraction;
};

gboolean orchard_fit_data_is_cancelled     (OrchardFitData      *data,
                                            GError             **error);
void     orchard_fit_data_progress         (OrchardFitData      *data,
                                            double               fraction,
                                            const char          *message);
void     orchard_fit_data_score_valid      (OrchardFitData      *data,
                                            const double        *valid_out,
                                            double              *loss,
                                            double              *metric);

void     orchard_model_class_set_handles_missing (OrchardModelClass *klass,
                                                  gboolean           handles_missing);

gboolean orchard_model_is_cancelled        (GCancellable        *cancellable,
                                            GError             **error);

double   orchard_model_loss                (OrchardTask          task,
                                            guint                n_outputs,
                                            const double        *out,
                                            const double        *y,
                                            const double        *weights,
                                            gsize                n_rows);
double   orchard_model_metric              (OrchardTask          task,
                                            guint                n_outputs,
                                            const double        *out,
                                            const double        *y,
                                            gsize                n_rows);

void     orchard_model_add_history         (OrchardModel        *self,
                                            double               train_loss,
                                            double               valid_loss,
                                            double               valid_metric);
void     orchard_model_set_best_iteration  (OrchardModel        *self,
                                            int                  iteration);

double  *orchard_class_weights             (OrchardClassWeight   mode,
                                            const double        *y,
                                            gsize                n_rows,
                                            guint                n_classes);

/**
 * OrchardEarlyStop:
 *
 * Early stopping on a loss: a new best is a loss below the best so far; an
 * iteration that does not lower the best by more than @tol counts towards
 * @patience; @patience such iterations in a row stop the fit.
 */
typedef struct
{
  guint  patience;
  double tol;
  double best;
  guint  best_iteration;
  guint  n_bad;
} OrchardEarlyStop;

typedef enum
{
  ORCHARD_EARLY_STOP_CONTINUE,
  ORCHARD_EARLY_STOP_IMPROVED,
  ORCHARD_EARLY_STOP_STOP,
} OrchardEarlyStopVerdict;

void                    orchard_early_stop_init   (OrchardEarlyStop *stop,
                                                   guint             patience,
                                                   double            tol);
OrchardEarlyStopVerdict orchard_early_stop_update (OrchardEarlyStop *stop,
                                                   guint             iteration,
                                                   double            loss);

/* Fitted state: `a{sv}` dictionaries whose values are checked on the way in. */
GVariant *orchard_state_new_doubles     (const double  *values,
                                         gsize          n_values);
GVariant *orchard_state_new_uints       (const guint32 *values,
                                         gsize          n_values);
double   *orchard_state_dup_doubles     (GVariant      *state,
                                         const char    *key,
                                         gsize          n_values,
                                         GError       **error);
guint32  *orchard_state_dup_uints       (GVariant      *state,
                                         const char    *key,
                                         gsize          n_values,
                                         GError       **error);
gboolean  orchard_state_get_double      (GVariant      *state,
                                         const char    *key,
                                         double        *value,
                                         GError       **error);
gboolean  orchard_state_get_uint        (GVariant      *state,
                                         const char    *key,
                                         guint32       *value,
                                         GError       **error);
gboolean  orchard_state_get_boolean     (GVariant      *state,
                                         const char    *key,
                                         gboolean      *value,
                                         GError       **error);
gboolean  orchard_state_check_doubles   (const double  *values,
                                         gsize          n_values,
                                         const char    *key,
                                         double         min,
                                         double         max,
                                         GError       **error);

/* Numerics shared by learners. */
static inline double
orchard_sigmoid (double z)
{
  if (z >= 0)
    return 1.0 / (1.0 + exp (-z));
  else
    {
      double e = exp (z);
      return e / (1.0 + e);
    }
}

/* log (1 + exp (z)) without overflow or loss of precision. */
static inline double
orchard_log1pexp (double z)
{
  if (z > 0)
    return z + log1p (exp (-z));
  return log1p (exp (z));
}

void     orchard_softmax_rows          (double        *Z,
                                        gsize          n_rows,
                                        guint          n_cols);

G_END_DECLS
