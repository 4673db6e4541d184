/* orchard-logistic-regression.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-error.h"
#include "orchard-lbfgs-private.h"
#include "orchard-logistic-regression.h"
#include "orchard-model-private.h"
#include "orchard-threads.h"

#define STATE_VERSION 1

/* Rows per BLAS call when predicting: BLAS counts in int. */
#define PREDICT_BLOCK (1 << 18)

/* Rows per chunk of the loss and gradient. */
/* Rows per chunk of the loss: as many as make 512 KiB of X, between 256 and
 * 4096, so that the second product over a chunk (its gradient) reads it
 * from the core's L2 cache rather than from memory. The size depends on the
 * width alone, never on the threads. */
#define LOSS_CHUNK_BYTES (512 * 1024)
#define LOSS_CHUNK_MIN   256
#define LOSS_CHUNK_MAX   4096

/* scipy's L-BFGS-B stops on a relative decrease below ftol = 2.2e-9; here
 * that threshold is tol × FTOL_PER_TOL, the same at the default tol. */
#define FTOL_PER_TOL 2.220446049250313e-05

/**
 * OrchardLogisticRegression:
 *
 * Logistic regression (`logistic`). Binary targets get one coefficient
 * vector (the log-odds of the second class), multiclass targets the full
 * multinomial model with one vector per class, like scikit-learn's
 * `LogisticRegression` with its default `multi_class="auto"`.
 *
 * The objective is scikit-learn's:
 * Σᵢ sᵢ ℓᵢ + penalty(w), with ℓᵢ the log loss of row i, sᵢ its sample
 * weight times its class weight, and the penalty ½‖w‖²/C (L2),
 * ‖w‖₁/C (L1), or (ρ‖w‖₁ + ½(1−ρ)‖w‖²)/C (elastic net); the intercept is
 * never penalised. L2 and no penalty are minimised by L-BFGS, L1 and the
 * elastic net by its orthant-wise variant OWL-QN; both reach the same
 * optimum as scikit-learn's lbfgs and saga solvers. Loss and gradient are
 * two BLAS matrix products (GEMV for binary, GEMM for multinomial) and a
 * pass over the rows, in parallel over chunks of rows whose sums are added
 * in a fixed order: the fit is the same on any number of threads.
 *
 * `tol` bounds the largest gradient component at the solution, as in
 * scikit-learn; the relative-decrease test that scipy's L-BFGS-B adds
 * (2.2e-9) is scaled with it, so default fits stop where scikit-learn's do
 * and small tolerances give precise solutions. With validation rows and a
 * `patience`, the fit stops when the validation log loss has not improved
 * for that many iterations and keeps the best iterate.
 */
struct _OrchardLogisticRegression
{
  OrchardModel parent_instance;

  double                 C;
  OrchardLogisticPenalty penalty;
  double                 l1_ratio;
  OrchardClassWeight     class_weight;
  gboolean               fit_intercept;
  double                 tol;
  guint                  max_iter;
  guint                  patience;

  /* Fitted: n_rows × n_features coefficients, row-major, and intercepts. */
  double  *coef;
  double  *intercept;
  guint    n_rows;
  guint    n_iter;
  gboolean converged;
};

enum {
  PROP_0,
  PROP_C,
  PROP_PENALTY,
  PROP_L1_RATIO,
  PROP_CLASS_WEIGHT,
  PROP_FIT_INTERCEPT,
  PROP_TOL,
  PROP_MAX_ITER,
  PROP_PATIENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardLogisticRegression, orchard_logistic_regression, ORCHARD_TYPE_MODEL)

G_DEFINE_ENUM_TYPE (OrchardLogisticPenalty, orchard_logistic_penalty,
  G_DEFINE_ENUM_VALUE (ORCHARD_LOGISTIC_PENALTY_L2, "l2"),
  G_DEFINE_ENUM_VALUE (ORCHARD_LOGISTIC_PENALTY_L1, "l1"),
  G_DEFINE_ENUM_VALUE (ORCHARD_LOGISTIC_PENALTY_ELASTIC_NET, "elastic-net"),
  G_DEFINE_ENUM_VALUE (ORCHARD_LOGISTIC_PENALTY_NONE, "none"))

/* Probabilities of @n rows: σ for one coefficient row (binary), softmax for
 * several. @out is n × n_classes. */
static void
predict_rows (const double *coef,
              const double *intercept,
              guint         n_coef_rows,
              guint         d,
              const double *X,
              gsize         n,
              double       *out)
{
  guint n_classes = n_coef_rows == 1 ? 2 : n_coef_rows;
  g_autofree double *z = n_coef_rows == 1 ? g_new (double, MIN (n, PREDICT_BLOCK)) : NULL;

  for (gsize start = 0; start < n; start += PREDICT_BLOCK)
    {
      int rows = (int) MIN (n - start, PREDICT_BLOCK);
      const double *Xb = X + start * d;
      double *ob = out + start * n_classes;

      if (n_coef_rows == 1)
        {
          for (int i = 0; i < rows; i++)
            z[i] = intercept[0];
          cblas_dgemv (CblasRowMajor, CblasNoTrans, rows, (int) d, 1.0, Xb, (int) d, coef, 1,
                       1.0, z, 1);
          for (int i = 0; i < rows; i++)
            {
              ob[2 * i] = orchard_sigmoid (-z[i]);
              ob[2 * i + 1] = orchard_sigmoid (z[i]);
            }
        }
      else
        {
          for (int i = 0; i < rows; i++)
            memcpy (ob + (gsize) i * n_classes, intercept, n_classes * sizeof (double));
          cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, (int) n_classes, (int) d,
                       1.0, Xb, (int) d, coef, (int) d, 1.0, ob, (int) n_classes);
          orchard_softmax_rows (ob, rows, n_classes);
        }
    }
}

/* Fitting -------------------------------------------------------------------- */

typedef struct
{
  OrchardLogisticRegression *self;
  OrchardFitData            *data;
  guint                      n_coef_rows;
  guint                      d;
  gsize                      n_coef;       /* n_coef_rows × d */
  gsize                      n_vars;       /* n_coef + intercepts */
  double                    *sample_weights;
  double                     weight_sum;
  double                     l2;           /* ½ l2 ‖w‖² */
  double                     l1;           /* l1 ‖w‖₁ */
  double                    *Z;            /* n × n_coef_rows */
  double                    *partial;      /* per chunk: loss, ∇b, ∇W */
  gsize                      n_chunks;
  gsize                      chunk_rows;

  gboolean                   early;
  OrchardEarlyStop           stop;
  double                    *best;
  double                    *valid_out;
} Fit;

static double
loss_gradient (const double *theta,
               double       *grad,
               gpointer      user_data)
{
  Fit *fit = user_data;
  OrchardFitData *data = fit->data;
  guint R = fit->n_coef_rows, d = fit->d;
  gsize width = 1 + R + fit->n_coef;
  const double *W = theta;
  const double *b = fit->self->fit_intercept ? theta + fit->n_coef : NULL;
  int n_threads = (int) MIN ((gsize) orchard_get_threads (), fit->n_chunks);
  double f = 0, penalty = 0;

  /* Each chunk of rows gives its loss and its gradient: Zc = Xc Wᵀ + b, the
   * weighted residuals sᵢ (pᵢ − yᵢ), then Xcᵀ Rc. Threads take whole chunks
   * with single-threaded BLAS, and the chunks are added in order below, so
   * neither the thread count nor the schedule changes a bit of the result. */
  orchard_blas_serial_begin ();

#pragma omp parallel for num_threads (n_threads) schedule (static)
  for (gsize c = 0; c < fit->n_chunks; c++)
    {
      gsize start = c * fit->chunk_rows;
      int rows = (int) MIN (fit->chunk_rows, data->n_rows - start);
      const double *Xc = data->X + start * d;
      double *Z = fit->Z + start * R;
      double *part = fit->partial + c * width;

      for (int i = 0; i < rows; i++)
        for (guint k = 0; k < R; k++)
          Z[(gsize) i * R + k] = b != NULL ? b[k] : 0.0;
      if (R == 1)
        cblas_dgemv (CblasRowMajor, CblasNoTrans, rows, (int) d, 1.0, Xc, (int) d, W, 1, 1.0, Z, 1);
      else
        cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, (int) R, (int) d, 1.0, Xc,
                     (int) d, W, (int) d, 1.0, Z, (int) R);

      memset (part, 0, (1 + R) * sizeof (double));
      for (int i = 0; i < rows; i++)
        {
          double s = fit->sample_weights[start + i];
          double *z = Z + (gsize) i * R;
          guint yi = (guint) data->y[start + i];

          if (R == 1)
            {
              /* One exp serves both log(1 + e^z) and σ(z). */
              double e = exp (-fabs (z[0]));
              double p = z[0] >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);

              part[0] += s * ((z[0] > 0 ? z[0] : 0.0) + log1p (e) - yi * z[0]);
              z[0] = s * (p - yi);
              part[1] += z[0];
            }
          else
            {
              double max = z[0], sum = 0, zy = z[yi];

              for (guint k = 1; k < R; k++)
                max = MAX (max, z[k]);
              for (guint k = 0; k < R; k++)
                {
                  z[k] = exp (z[k] - max);
                  sum += z[k];
                }
              part[0] += s * (max + log (sum) - zy);
              for (guint k = 0; k < R; k++)
                {
                  z[k] = s * (z[k] / sum - (k == yi));
                  part[1 + k] += z[k];
                }
            }
        }

      /* This chunk's ∇W = Rcᵀ Xc */
      if (R == 1)
        cblas_dgemv (CblasRowMajor, CblasTrans, rows, (int) d, 1.0, Xc, (int) d, Z, 1, 0.0,
                     part + 1 + R, 1);
      else
        cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) R, (int) d, rows, 1.0, Z,
                     (int) R, Xc, (int) d, 0.0, part + 1 + R, (int) d);
    }

  orchard_blas_serial_end ();

  memset (grad, 0, fit->n_vars * sizeof (double));
  for (gsize c = 0; c < fit->n_chunks; c++)
    {
      const double *part = fit->partial + c * width;

      f += part[0];
      for (gsize j = 0; j < fit->n_coef; j++)
        grad[j] += part[1 + R + j];
      if (b != NULL)
        for (guint k = 0; k < R; k++)
          grad[fit->n_coef + k] += part[1 + k];
    }

  if (fit->l2 > 0)
    {
      for (gsize j = 0; j < fit->n_coef; j++)
        {
          grad[j] += fit->l2 * W[j];
          penalty += W[j] * W[j];
        }
      f += 0.5 * fit->l2 * penalty;
    }

  return f;
}

static double
penalty_of (const Fit    *fit,
            const double *theta)
{
  double sum_sq = 0, sum_abs = 0;

  for (gsize j = 0; j < fit->n_coef; j++)
    {
      sum_sq += theta[j] * theta[j];
      sum_abs += fabs (theta[j]);
    }
  return 0.5 * fit->l2 * sum_sq + fit->l1 * sum_abs;
}

static gboolean
iterate (guint         iteration,
         const double *theta,
         double        f,
         gpointer      user_data)
{
  Fit *fit = user_data;
  OrchardFitData *data = fit->data;
  OrchardLogisticRegression *self = fit->self;
  double train_loss = (f - penalty_of (fit, theta)) / fit->weight_sum;
  double valid_loss = NAN, valid_metric = NAN;
  gboolean go_on = TRUE;

  if (data->n_valid > 0)
    {
      g_autofree double *zeros = self->fit_intercept ? NULL : g_new0 (double, fit->n_coef_rows);

      predict_rows (theta, self->fit_intercept ? theta + fit->n_coef : zeros, fit->n_coef_rows,
                    fit->d, data->X_valid, data->n_valid, fit->valid_out);
      orchard_fit_data_score_valid (data, fit->valid_out, &valid_loss, &valid_metric);

      if (fit->early)
        switch (orchard_early_stop_update (&fit->stop, iteration, valid_loss))
          {
          case ORCHARD_EARLY_STOP_IMPROVED:
            memcpy (fit->best, theta, fit->n_vars * sizeof (double));
            break;
          case ORCHARD_EARLY_STOP_STOP:
            go_on = FALSE;
            break;
          case ORCHARD_EARLY_STOP_CONTINUE:
          default:
            break;
          }
    }

  orchard_model_add_history (ORCHARD_MODEL (self), train_loss, valid_loss, valid_metric);
  orchard_fit_data_progress (data, (double) iteration / self->max_iter, NULL);

  return go_on;
}

static gboolean
orchard_logistic_regression_check_params (OrchardModel  *model,
                                          GError       **error)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);

  /* A GParamSpec range cannot exclude its end: C = 0 is checked here. */
  if (!(self->C > 0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “C” of learner “logistic” must be greater than 0"));
      return FALSE;
    }

  return TRUE;
}

static void
orchard_logistic_regression_reset (OrchardModel *model)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);

  g_clear_pointer (&self->coef, g_free);
  g_clear_pointer (&self->intercept, g_free);
  self->n_rows = 0;
  self->n_iter = 0;
  self->converged = FALSE;
}

static gboolean
orchard_logistic_regression_fit (OrchardModel    *model,
                                 OrchardFitData  *data,
                                 GError         **error)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);
  g_autofree double *class_weights = NULL;
  g_autofree double *theta = NULL;
  g_autofree double *l1 = NULL;
  OrchardLbfgsOptions options = { 0 };
  OrchardLbfgsStatus status;
  Fit fit = { 0 };
  double f, l1_share;
  guint n_iter;

  fit.self = self;
  fit.data = data;
  fit.n_coef_rows = data->task == ORCHARD_TASK_BINARY ? 1 : data->n_classes;
  fit.d = data->n_features;
  fit.n_coef = (gsize) fit.n_coef_rows * fit.d;
  fit.n_vars = fit.n_coef + (self->fit_intercept ? fit.n_coef_rows : 0);

  class_weights = orchard_class_weights (self->class_weight, data->y, data->n_rows,
                                         data->n_classes);
  fit.sample_weights = g_new (double, data->n_rows);
  for (gsize i = 0; i < data->n_rows; i++)
    {
      fit.sample_weights[i] = data->weights[i] * class_weights[(gsize) data->y[i]];
      fit.weight_sum += fit.sample_weights[i];
    }
  if (!(fit.weight_sum > 0))
    fit.weight_sum = 1;

  switch (self->penalty)
    {
    case ORCHARD_LOGISTIC_PENALTY_L1:
      l1_share = 1.0;
      break;
    case ORCHARD_LOGISTIC_PENALTY_ELASTIC_NET:
      l1_share = self->l1_ratio;
      break;
    case ORCHARD_LOGISTIC_PENALTY_NONE:
    case ORCHARD_LOGISTIC_PENALTY_L2:
    default:
      l1_share = 0.0;
      break;
    }
  if (self->penalty != ORCHARD_LOGISTIC_PENALTY_NONE)
    {
      fit.l2 = (1.0 - l1_share) / self->C;
      fit.l1 = l1_share / self->C;
    }

  fit.chunk_rows = CLAMP (LOSS_CHUNK_BYTES / (sizeof (double) * data->n_features),
                          LOSS_CHUNK_MIN, LOSS_CHUNK_MAX);
  fit.n_chunks = (data->n_rows + fit.chunk_rows - 1) / fit.chunk_rows;
  fit.Z = g_new (double, data->n_rows * fit.n_coef_rows);
  fit.partial = g_new (double, fit.n_chunks * (1 + fit.n_coef_rows + fit.n_coef));
  fit.early = self->patience > 0 && data->n_valid > 0;
  orchard_early_stop_init (&fit.stop, self->patience, 0.0);
  fit.best = fit.early ? g_new0 (double, fit.n_vars) : NULL;
  fit.valid_out = data->n_valid > 0 ? g_new (double, data->n_valid * data->n_outputs) : NULL;

  if (fit.l1 > 0)
    {
      l1 = g_new0 (double, fit.n_vars);
      for (gsize j = 0; j < fit.n_coef; j++)
        l1[j] = fit.l1;
    }

  options.n = fit.n_vars;
  options.m = 10;
  options.max_iter = self->max_iter;
  options.gtol = self->tol;
  options.ftol = self->tol * FTOL_PER_TOL;
  options.max_linesearch = 20;
  options.l1 = l1;
  options.cancellable = data->cancellable;

  theta = g_new0 (double, fit.n_vars);
  status = orchard_lbfgs_minimize (theta, &options, loss_gradient, iterate, &fit, &f, &n_iter);

  g_free (fit.sample_weights);
  g_free (fit.Z);
  g_free (fit.partial);
  g_free (fit.valid_out);

  if (status == ORCHARD_LBFGS_CANCELLED)
    {
      g_free (fit.best);
      g_assert_true (orchard_fit_data_is_cancelled (data, error));
      return FALSE;
    }

  if (fit.early && fit.stop.best_iteration > 0)
    {
      memcpy (theta, fit.best, fit.n_vars * sizeof (double));
      orchard_model_set_best_iteration (model, fit.stop.best_iteration);
    }
  g_free (fit.best);

  self->n_rows = fit.n_coef_rows;
  self->coef = g_memdup2 (theta, fit.n_coef * sizeof (double));
  self->intercept = g_new0 (double, fit.n_coef_rows);
  if (self->fit_intercept)
    memcpy (self->intercept, theta + fit.n_coef, fit.n_coef_rows * sizeof (double));
  self->n_iter = n_iter;
  self->converged = status != ORCHARD_LBFGS_MAX_ITER;

  return TRUE;
}

static gboolean
orchard_logistic_regression_predict (OrchardModel  *model,
                                     const double  *X,
                                     gsize          n_rows,
                                     double        *out,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);

  predict_rows (self->coef, self->intercept, self->n_rows, orchard_model_get_n_features (model),
                X, n_rows, out);
  return TRUE;
}

static double *
orchard_logistic_regression_get_feature_importance (OrchardModel  *model,
                                                    GError       **error)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);
  guint d = orchard_model_get_n_features (model);
  double *importance = g_new0 (double, d);

  /* The mean absolute coefficient over the classes' rows. */
  for (guint k = 0; k < self->n_rows; k++)
    for (guint j = 0; j < d; j++)
      importance[j] += fabs (self->coef[(gsize) k * d + j]) / self->n_rows;

  return importance;
}

static GVariant *
orchard_logistic_regression_save_state (OrchardModel *model)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);
  guint d = orchard_model_get_n_features (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "coef",
                         orchard_state_new_doubles (self->coef, (gsize) self->n_rows * d));
  g_variant_builder_add (&builder, "{sv}", "intercept",
                         orchard_state_new_doubles (self->intercept, self->n_rows));
  g_variant_builder_add (&builder, "{sv}", "n-iter", g_variant_new_uint32 (self->n_iter));
  g_variant_builder_add (&builder, "{sv}", "converged", g_variant_new_boolean (self->converged));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_logistic_regression_load_state (OrchardModel  *model,
                                        guint          version,
                                        GVariant      *state,
                                        GError       **error)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (model);
  guint d = orchard_model_get_n_features (model);
  guint n_rows = orchard_model_get_task (model) == ORCHARD_TASK_BINARY
                 ? 1 : orchard_model_get_n_classes (model);
  g_autofree double *coef = NULL;
  g_autofree double *intercept = NULL;
  guint32 n_iter;
  gboolean converged;

  coef = orchard_state_dup_doubles (state, "coef", (gsize) n_rows * d, error);
  if (coef == NULL)
    return FALSE;
  intercept = orchard_state_dup_doubles (state, "intercept", n_rows, error);
  if (intercept == NULL ||
      !orchard_state_get_uint (state, "n-iter", &n_iter, error) ||
      !orchard_state_get_boolean (state, "converged", &converged, error))
    return FALSE;

  orchard_logistic_regression_reset (model);
  self->coef = g_steal_pointer (&coef);
  self->intercept = g_steal_pointer (&intercept);
  self->n_rows = n_rows;
  self->n_iter = n_iter;
  self->converged = converged;

  return TRUE;
}

static void
orchard_logistic_regression_finalize (GObject *object)
{
  orchard_logistic_regression_reset (ORCHARD_MODEL (object));

  G_OBJECT_CLASS (orchard_logistic_regression_parent_class)->finalize (object);
}

#define SET_FIELD(field, value, prop) \
  G_STMT_START { \
    if (self->field != (value)) \
      { \
        self->field = (value); \
        g_object_notify_by_pspec (object, properties[prop]); \
      } \
  } G_STMT_END

static void
orchard_logistic_regression_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (object);

  switch (prop_id)
    {
    case PROP_C:
      g_value_set_double (value, self->C);
      break;
    case PROP_PENALTY:
      g_value_set_enum (value, self->penalty);
      break;
    case PROP_L1_RATIO:
      g_value_set_double (value, self->l1_ratio);
      break;
    case PROP_CLASS_WEIGHT:
      g_value_set_enum (value, self->class_weight);
      break;
    case PROP_FIT_INTERCEPT:
      g_value_set_boolean (value, self->fit_intercept);
      break;
    case PROP_TOL:
      g_value_set_double (value, self->tol);
      break;
    case PROP_MAX_ITER:
      g_value_set_uint (value, self->max_iter);
      break;
    case PROP_PATIENCE:
      g_value_set_uint (value, self->patience);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_logistic_regression_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  OrchardLogisticRegression *self = ORCHARD_LOGISTIC_REGRESSION (object);

  switch (prop_id)
    {
    case PROP_C:
      SET_FIELD (C, g_value_get_double (value), PROP_C);
      break;
    case PROP_PENALTY:
      SET_FIELD (penalty, (OrchardLogisticPenalty) g_value_get_enum (value), PROP_PENALTY);
      break;
    case PROP_L1_RATIO:
      SET_FIELD (l1_ratio, g_value_get_double (value), PROP_L1_RATIO);
      break;
    case PROP_CLASS_WEIGHT:
      SET_FIELD (class_weight, (OrchardClassWeight) g_value_get_enum (value), PROP_CLASS_WEIGHT);
      break;
    case PROP_FIT_INTERCEPT:
      SET_FIELD (fit_intercept, g_value_get_boolean (value), PROP_FIT_INTERCEPT);
      break;
    case PROP_TOL:
      SET_FIELD (tol, g_value_get_double (value), PROP_TOL);
      break;
    case PROP_MAX_ITER:
      SET_FIELD (max_iter, g_value_get_uint (value), PROP_MAX_ITER);
      break;
    case PROP_PATIENCE:
      SET_FIELD (patience, g_value_get_uint (value), PROP_PATIENCE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_logistic_regression_class_init (OrchardLogisticRegressionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_logistic_regression_finalize;
  object_class->get_property = orchard_logistic_regression_get_property;
  object_class->set_property = orchard_logistic_regression_set_property;

  model_class->fit = orchard_logistic_regression_fit;
  model_class->predict = orchard_logistic_regression_predict;
  model_class->get_feature_importance = orchard_logistic_regression_get_feature_importance;
  model_class->save_state = orchard_logistic_regression_save_state;
  model_class->load_state = orchard_logistic_regression_load_state;
  model_class->reset = orchard_logistic_regression_reset;
  model_class->check_params = orchard_logistic_regression_check_params;

  orchard_model_class_set_metadata (model_class, "logistic",
                                    _("Logistic regression, binary or multinomial"),
                                    ORCHARD_TASK_FLAGS_CLASSIFICATION,
                                    ORCHARD_MODEL_FAMILY_LINEAR, STATE_VERSION);

  properties[PROP_C] =
    g_param_spec_double ("C",
                         _("Inverse penalty strength"),
                         _("C > 0: the penalty is divided by it, so smaller values regularise "
                           "more"),
                         0.0, G_MAXDOUBLE, 1.0, flags);
  properties[PROP_PENALTY] =
    g_param_spec_enum ("penalty",
                       _("Penalty"),
                       _("The penalty on the coefficients: l2 (ridge), l1 (lasso, sparse), "
                         "elastic-net (a mix, see the L1 ratio) or none"),
                       ORCHARD_TYPE_LOGISTIC_PENALTY, ORCHARD_LOGISTIC_PENALTY_L2, flags);
  properties[PROP_L1_RATIO] =
    g_param_spec_double ("l1-ratio",
                         _("L1 ratio"),
                         _("The share of L1 in the elastic-net penalty: 0 is pure L2, 1 pure L1"),
                         0.0, 1.0, 0.5, flags);
  properties[PROP_CLASS_WEIGHT] =
    g_param_spec_enum ("class-weight",
                       _("Class weights"),
                       _("none: every row counts the same; balanced: rows of rare classes "
                         "count more, so that each class weighs the same in total"),
                       ORCHARD_TYPE_CLASS_WEIGHT, ORCHARD_CLASS_WEIGHT_NONE, flags);
  properties[PROP_FIT_INTERCEPT] =
    g_param_spec_boolean ("fit-intercept",
                          _("Fit intercept"),
                          _("Learn a constant term per class (never penalised)"),
                          TRUE, flags);
  properties[PROP_TOL] =
    g_param_spec_double ("tol",
                         _("Tolerance"),
                         _("Stop when no component of the gradient exceeds this"),
                         0.0, G_MAXDOUBLE, 1e-4, flags);
  properties[PROP_MAX_ITER] =
    g_param_spec_uint ("max-iter",
                       _("Maximum iterations"),
                       _("Solver iterations at most"),
                       1, 1000000, 100, flags);
  properties[PROP_PATIENCE] =
    g_param_spec_uint ("patience",
                       _("Patience"),
                       _("With validation rows, stop after this many iterations without a "
                         "lower validation loss and keep the best; 0 solves to the tolerance"),
                       0, 100000, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_logistic_regression_init (OrchardLogisticRegression *self)
{
  self->C = 1.0;
  self->penalty = ORCHARD_LOGISTIC_PENALTY_L2;
  self->l1_ratio = 0.5;
  self->class_weight = ORCHARD_CLASS_WEIGHT_NONE;
  self->fit_intercept = TRUE;
  self->tol = 1e-4;
  self->max_iter = 100;
  self->patience = 0;
}

/**
 * orchard_logistic_regression_new:
 *
 * Returns: (transfer full): a new logistic regression
 */
OrchardModel *
orchard_logistic_regression_new (void)
{
  return g_object_new (ORCHARD_TYPE_LOGISTIC_REGRESSION, NULL);
}

/**
 * orchard_logistic_regression_get_coefficients:
 * @self: a fitted logistic regression
 * @n_rows: (out): 1 for a binary target, the number of classes otherwise
 * @n_cols: (out): the number of features
 *
 * Returns: (transfer none) (nullable): the coefficients, row-major, or
 *   %NULL if unfitted
 */
const double *
orchard_logistic_regression_get_coefficients (OrchardLogisticRegression *self,
                                              guint                     *n_rows,
                                              guint                     *n_cols)
{
  g_return_val_if_fail (ORCHARD_IS_LOGISTIC_REGRESSION (self), NULL);
  g_return_val_if_fail (n_rows != NULL && n_cols != NULL, NULL);

  *n_rows = self->n_rows;
  *n_cols = self->coef != NULL ? orchard_model_get_n_features (ORCHARD_MODEL (self)) : 0;
  return self->coef;
}

/**
 * orchard_logistic_regression_get_intercepts:
 * @self: a fitted logistic regression
 * @n_intercepts: (out): one per coefficient row
 *
 * Returns: (transfer none) (nullable): the intercepts, or %NULL if unfitted
 */
const double *
orchard_logistic_regression_get_intercepts (OrchardLogisticRegression *self,
                                            guint                     *n_intercepts)
{
  g_return_val_if_fail (ORCHARD_IS_LOGISTIC_REGRESSION (self), NULL);
  g_return_val_if_fail (n_intercepts != NULL, NULL);

  *n_intercepts = self->n_rows;
  return self->intercept;
}

/**
 * orchard_logistic_regression_get_n_iter:
 * @self: a fitted logistic regression
 *
 * Returns: the solver iterations of the last fit
 */
guint
orchard_logistic_regression_get_n_iter (OrchardLogisticRegression *self)
{
  g_return_val_if_fail (ORCHARD_IS_LOGISTIC_REGRESSION (self), 0);
  return self->n_iter;
}

/**
 * orchard_logistic_regression_get_converged:
 * @self: a fitted logistic regression
 *
 * Returns: %FALSE if the last fit stopped at `max-iter` before reaching
 *   its tolerance
 */
gboolean
orchard_logistic_regression_get_converged (OrchardLogisticRegression *self)
{
  g_return_val_if_fail (ORCHARD_IS_LOGISTIC_REGRESSION (self), FALSE);
  return self->converged;
}
