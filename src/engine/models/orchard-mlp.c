/* orchard-mlp.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-error.h"
#include "orchard-mlp.h"
#include "orchard-model-private.h"
#include "orchard-rng.h"

#define STATE_VERSION 1

#define MAX_HIDDEN 3
#define MAX_LAYERS (MAX_HIDDEN + 2)
#define MAX_UNITS 100000

/* Rows per forward pass when predicting. */
#define PREDICT_BLOCK 4096

/* Adam, with scikit-learn's (and the paper's) constants. */
#define BETA1 0.9
#define BETA2 0.999
#define ADAM_EPSILON 1e-8

/**
 * OrchardMlp:
 *
 * A multilayer perceptron (`mlp`) with one to three hidden layers
 * (`hidden-layers`, e.g. "100,50") of ReLU or tanh units, trained by Adam
 * on shuffled mini-batches, like scikit-learn's `MLPClassifier` and
 * `MLPRegressor` with `solver="adam"`: Glorot-uniform initial weights, a
 * logistic output for two classes, softmax for more, identity for
 * regression; the loss is the log loss (or half the squared error) plus
 * ½ `alpha` ‖W‖² / batch size. The matrix products run on OpenBLAS GEMM.
 *
 * Each epoch is an entry of the learning curve. With validation rows and a
 * `patience`, training stops when the validation loss has not improved by
 * `tol` for that many epochs, and the weights of the best epoch are kept;
 * without validation rows the same test runs on the training loss, as
 * scikit-learn's does, and the last weights are kept. `patience` 0 trains
 * for all `epochs`.
 *
 * Regression targets are standardised for training and the predictions
 * scaled back (scikit-learn does not, and is then sensitive to the scale of
 * the target). The `seed` fixes the initial weights and the order of the
 * batches: the same seed, data and thread count give the same model.
 */
struct _OrchardMlp
{
  OrchardModel parent_instance;

  char                 *hidden_layers;
  OrchardMlpActivation  activation;
  double                alpha;
  double                learning_rate;
  guint                 batch_size;
  guint                 epochs;
  guint                 patience;
  double                tol;
  guint                 seed;

  /* Fitted: layer sizes (features, hidden…, outputs) and every weight. */
  guint   n_layers;
  guint   sizes[MAX_LAYERS];
  double *params;
  gsize   n_params;
  double  y_mean;
  double  y_std;
};

enum {
  PROP_0,
  PROP_HIDDEN_LAYERS,
  PROP_ACTIVATION,
  PROP_ALPHA,
  PROP_LEARNING_RATE,
  PROP_BATCH_SIZE,
  PROP_EPOCHS,
  PROP_PATIENCE,
  PROP_TOL,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardMlp, orchard_mlp, ORCHARD_TYPE_MODEL)

G_DEFINE_ENUM_TYPE (OrchardMlpActivation, orchard_mlp_activation,
  G_DEFINE_ENUM_VALUE (ORCHARD_MLP_ACTIVATION_RELU, "relu"),
  G_DEFINE_ENUM_VALUE (ORCHARD_MLP_ACTIVATION_TANH, "tanh"))

static gboolean
parse_hidden_layers (const char  *text,
                     guint       *sizes,
                     guint       *n_sizes,
                     GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  guint n = g_strv_length (parts);

  if (n >= 1 && n <= MAX_HIDDEN)
    {
      guint i;

      for (i = 0; i < n; i++)
        {
          guint64 v;

          g_strstrip (parts[i]);
          if (!g_ascii_string_to_unsigned (parts[i], 10, 1, MAX_UNITS, &v, NULL))
            break;
          sizes[i] = (guint) v;
        }
      if (i == n)
        {
          *n_sizes = n;
          return TRUE;
        }
    }

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               _("Parameter “hidden-layers” must list 1 to %d layer sizes from 1 to %d, "
                 "like “100,50”, not “%s”"), MAX_HIDDEN, MAX_UNITS, text != NULL ? text : "");
  return FALSE;
}

/* Where each layer's weights (fan_in × fan_out, row-major) and biases sit
 * in the one parameter vector; returns its length. */
static gsize
layout (const guint *sizes,
        guint        n_layers,
        gsize       *off_w,
        gsize       *off_b)
{
  gsize total = 0;

  for (guint l = 1; l < n_layers; l++)
    {
      off_w[l] = total;
      total += (gsize) sizes[l - 1] * sizes[l];
      off_b[l] = total;
      total += sizes[l];
    }

  return total;
}

/* Buffers for passes over up to @capacity rows. */
typedef struct
{
  guint                n_layers;
  const guint         *sizes;
  gsize                off_w[MAX_LAYERS];
  gsize                off_b[MAX_LAYERS];
  OrchardMlpActivation activation;
  OrchardTask          task;
  gsize                capacity;
  double              *A[MAX_LAYERS];
  double              *D[MAX_LAYERS];
} Net;

static void
net_init (Net                  *net,
          const guint          *sizes,
          guint                 n_layers,
          OrchardMlpActivation  activation,
          OrchardTask           task,
          gsize                 capacity,
          gboolean              with_deltas)
{
  memset (net, 0, sizeof *net);
  net->n_layers = n_layers;
  net->sizes = sizes;
  net->activation = activation;
  net->task = task;
  net->capacity = capacity;
  layout (sizes, n_layers, net->off_w, net->off_b);

  for (guint l = 0; l < n_layers; l++)
    {
      net->A[l] = g_new (double, capacity * sizes[l]);
      if (with_deltas && l > 0)
        net->D[l] = g_new (double, capacity * sizes[l]);
    }
}

static void
net_clear (Net *net)
{
  for (guint l = 0; l < MAX_LAYERS; l++)
    {
      g_clear_pointer (&net->A[l], g_free);
      g_clear_pointer (&net->D[l], g_free);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Net, net_clear)

/* A[0] holds @rows inputs; fills every later A[l]. The output layer holds
 * probabilities (one for binary) or standardised values. */
static void
forward (Net          *net,
         const double *params,
         gsize         rows)
{
  guint last = net->n_layers - 1;

  for (guint l = 1; l <= last; l++)
    {
      guint fan_in = net->sizes[l - 1], fan_out = net->sizes[l];
      const double *b = params + net->off_b[l];
      double *Z = net->A[l];
      gsize size = rows * fan_out;

      for (gsize i = 0; i < rows; i++)
        memcpy (Z + i * fan_out, b, fan_out * sizeof (double));
      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) rows, (int) fan_out,
                   (int) fan_in, 1.0, net->A[l - 1], (int) fan_in, params + net->off_w[l],
                   (int) fan_out, 1.0, Z, (int) fan_out);

      if (l < last)
        {
          if (net->activation == ORCHARD_MLP_ACTIVATION_RELU)
            for (gsize t = 0; t < size; t++)
              Z[t] = Z[t] > 0 ? Z[t] : 0.0;
          else
            for (gsize t = 0; t < size; t++)
              Z[t] = tanh (Z[t]);
        }
      else if (net->task == ORCHARD_TASK_BINARY)
        for (gsize t = 0; t < size; t++)
          Z[t] = orchard_sigmoid (Z[t]);
      else if (net->task == ORCHARD_TASK_MULTICLASS)
        orchard_softmax_rows (Z, rows, fan_out);
    }
}

/* The loss of each row's output against its target, weighted, summed. */
static double
batch_loss (const Net    *net,
            const double *target,
            const double *weight,
            gsize         rows)
{
  const double *out = net->A[net->n_layers - 1];
  guint n_out = net->sizes[net->n_layers - 1];
  double sum = 0;

  for (gsize i = 0; i < rows; i++)
    {
      double loss;

      if (net->task == ORCHARD_TASK_REGRESSION)
        loss = 0.5 * (out[i] - target[i]) * (out[i] - target[i]);
      else if (net->task == ORCHARD_TASK_BINARY)
        {
          double p = CLAMP (out[i], DBL_EPSILON, 1 - DBL_EPSILON);
          loss = target[i] > 0 ? -log (p) : -log (1 - p);
        }
      else
        loss = -log (CLAMP (out[i * n_out + (gsize) target[i]], DBL_EPSILON, 1 - DBL_EPSILON));

      sum += weight[i] * loss;
    }

  return sum;
}

/* Gradient of the mean batch loss plus ½ α ‖W‖² / rows into @grad. */
static void
backward (Net          *net,
          const double *params,
          const double *target,
          const double *weight,
          gsize         rows,
          double        alpha,
          double       *grad)
{
  guint last = net->n_layers - 1;
  guint n_out = net->sizes[last];
  double *delta = net->D[last];
  const double *out = net->A[last];

  /* Output delta: prediction − target, for all three output layers. */
  for (gsize i = 0; i < rows; i++)
    for (guint k = 0; k < n_out; k++)
      {
        double y = net->task == ORCHARD_TASK_MULTICLASS ? (k == (guint) target[i]) : target[i];
        delta[i * n_out + k] = weight[i] * (out[i * n_out + k] - y);
      }

  for (guint l = last; l >= 1; l--)
    {
      guint fan_in = net->sizes[l - 1], fan_out = net->sizes[l];
      const double *W = params + net->off_w[l];
      double *gW = grad + net->off_w[l], *gb = grad + net->off_b[l];
      gsize n_w = (gsize) fan_in * fan_out;

      delta = net->D[l];
      cblas_dgemm (CblasRowMajor, CblasTrans, CblasNoTrans, (int) fan_in, (int) fan_out,
                   (int) rows, 1.0 / rows, net->A[l - 1], (int) fan_in, delta, (int) fan_out,
                   0.0, gW, (int) fan_out);
      for (gsize t = 0; t < n_w; t++)
        gW[t] += alpha * W[t] / rows;

      memset (gb, 0, fan_out * sizeof (double));
      for (gsize i = 0; i < rows; i++)
        for (guint k = 0; k < fan_out; k++)
          gb[k] += delta[i * fan_out + k];
      for (guint k = 0; k < fan_out; k++)
        gb[k] /= rows;

      if (l > 1)
        {
          double *prev = net->D[l - 1];
          const double *A = net->A[l - 1];
          gsize size = rows * fan_in;

          cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) rows, (int) fan_in,
                       (int) fan_out, 1.0, delta, (int) fan_out, W, (int) fan_out, 0.0, prev,
                       (int) fan_in);
          if (net->activation == ORCHARD_MLP_ACTIVATION_RELU)
            for (gsize t = 0; t < size; t++)
              prev[t] = A[t] > 0 ? prev[t] : 0.0;
          else
            for (gsize t = 0; t < size; t++)
              prev[t] *= 1 - A[t] * A[t];
        }
    }
}

/* Predicts @n rows of @X into @out as predict() lays it out. */
static void
predict_rows (OrchardMlp   *self,
              Net          *net,
              const double *X,
              gsize         n,
              double       *out)
{
  guint d = self->sizes[0];
  guint n_out = self->sizes[self->n_layers - 1];

  for (gsize start = 0; start < n; start += net->capacity)
    {
      gsize rows = MIN (n - start, net->capacity);
      const double *result;

      memcpy (net->A[0], X + start * d, rows * d * sizeof (double));
      forward (net, self->params, rows);
      result = net->A[self->n_layers - 1];

      for (gsize i = 0; i < rows; i++)
        {
          gsize r = start + i;

          if (net->task == ORCHARD_TASK_BINARY)
            {
              out[2 * r] = 1.0 - result[i];
              out[2 * r + 1] = result[i];
            }
          else if (net->task == ORCHARD_TASK_MULTICLASS)
            memcpy (out + r * n_out, result + i * n_out, n_out * sizeof (double));
          else
            out[r] = result[i] * self->y_std + self->y_mean;
        }
    }
}

static void
orchard_mlp_reset (OrchardModel *model)
{
  OrchardMlp *self = ORCHARD_MLP (model);

  g_clear_pointer (&self->params, g_free);
  self->n_params = 0;
  self->n_layers = 0;
  self->y_mean = 0;
  self->y_std = 1;
}

static gboolean
orchard_mlp_check_params (OrchardModel  *model,
                          GError       **error)
{
  OrchardMlp *self = ORCHARD_MLP (model);
  guint sizes[MAX_HIDDEN], n;

  if (!(self->learning_rate > 0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “learning-rate” of learner “mlp” must be greater than 0"));
      return FALSE;
    }

  return parse_hidden_layers (self->hidden_layers, sizes, &n, error);
}

static gboolean
orchard_mlp_fit (OrchardModel    *model,
                 OrchardFitData  *data,
                 GError         **error)
{
  OrchardMlp *self = ORCHARD_MLP (model);
  gsize n = data->n_rows;
  guint d = data->n_features, n_hidden = 0;
  guint hidden[MAX_HIDDEN];
  gsize batch, off_w[MAX_LAYERS], off_b[MAX_LAYERS];
  g_auto(Net) net = { 0 };
  g_auto(Net) valid_net = { 0 };
  g_autofree double *grad = NULL, *m = NULL, *v = NULL, *best = NULL;
  g_autofree double *targets = NULL, *weights = NULL, *batch_y = NULL, *batch_w = NULL;
  g_autofree double *valid_out = NULL;
  g_autofree gsize *order = NULL;
  double beta1_t = 1, beta2_t = 1;
  gboolean use_valid;
  OrchardEarlyStop stop;
  OrchardRng rng;

  if (!parse_hidden_layers (self->hidden_layers, hidden, &n_hidden, error))
    return FALSE;

  self->n_layers = n_hidden + 2;
  self->sizes[0] = d;
  for (guint l = 0; l < n_hidden; l++)
    self->sizes[l + 1] = hidden[l];
  self->sizes[n_hidden + 1] = data->task == ORCHARD_TASK_MULTICLASS ? data->n_classes : 1;
  self->n_params = layout (self->sizes, self->n_layers, off_w, off_b);

  /* Glorot-uniform initial weights and biases, layer by layer. */
  orchard_rng_init (&rng, self->seed);
  self->params = g_new (double, self->n_params);
  for (guint l = 1; l < self->n_layers; l++)
    {
      double bound = sqrt (6.0 / (self->sizes[l - 1] + self->sizes[l]));
      gsize end = off_b[l] + self->sizes[l];

      for (gsize t = off_w[l]; t < end; t++)
        self->params[t] = -bound + 2 * bound * orchard_rng_uniform (&rng);
    }

  /* Targets as the network sees them; weights with a mean of 1. */
  targets = g_memdup2 (data->y, n * sizeof (double));
  self->y_mean = 0;
  self->y_std = 1;
  if (data->task == ORCHARD_TASK_REGRESSION)
    {
      double var = 0;

      for (gsize i = 0; i < n; i++)
        self->y_mean += data->weights[i] * data->y[i] / data->weight_sum;
      for (gsize i = 0; i < n; i++)
        var += data->weights[i] * (data->y[i] - self->y_mean) * (data->y[i] - self->y_mean);
      self->y_std = var > 0 ? sqrt (var / data->weight_sum) : 1.0;
      for (gsize i = 0; i < n; i++)
        targets[i] = (data->y[i] - self->y_mean) / self->y_std;
    }
  weights = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    weights[i] = data->weights[i] * n / data->weight_sum;

  batch = MIN ((gsize) self->batch_size, n);
  net_init (&net, self->sizes, self->n_layers, self->activation, data->task, batch, TRUE);
  grad = g_new (double, self->n_params);
  m = g_new0 (double, self->n_params);
  v = g_new0 (double, self->n_params);
  batch_y = g_new (double, batch);
  batch_w = g_new (double, batch);
  order = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    order[i] = i;

  use_valid = data->n_valid > 0;
  if (use_valid)
    {
      net_init (&valid_net, self->sizes, self->n_layers, self->activation, data->task,
                MIN (data->n_valid, PREDICT_BLOCK), FALSE);
      valid_out = g_new (double, data->n_valid * data->n_outputs);
    }
  best = use_valid && self->patience > 0 ? g_memdup2 (self->params, self->n_params * sizeof (double))
                                         : NULL;
  orchard_early_stop_init (&stop, self->patience, self->tol);

  for (guint epoch = 1; epoch <= self->epochs; epoch++)
    {
      double data_loss = 0, total_loss = 0, train_loss, valid_loss = NAN, valid_metric = NAN;
      OrchardEarlyStopVerdict verdict;

      orchard_rng_shuffle (&rng, order, n);

      for (gsize start = 0; start < n; start += batch)
        {
          gsize rows = MIN (batch, n - start);
          double penalty = 0, lr, loss;

          if (orchard_fit_data_is_cancelled (data, error))
            return FALSE;

          for (gsize i = 0; i < rows; i++)
            {
              gsize r = order[start + i];

              memcpy (net.A[0] + i * d, data->X + r * d, d * sizeof (double));
              batch_y[i] = targets[r];
              batch_w[i] = weights[r];
            }

          forward (&net, self->params, rows);
          loss = batch_loss (&net, batch_y, batch_w, rows);
          backward (&net, self->params, batch_y, batch_w, rows, self->alpha, grad);

          for (guint l = 1; l < self->n_layers; l++)
            for (gsize t = off_w[l]; t < off_b[l]; t++)
              penalty += self->params[t] * self->params[t];
          data_loss += loss;
          total_loss += loss + 0.5 * self->alpha * penalty;

          /* Adam. */
          beta1_t *= BETA1;
          beta2_t *= BETA2;
          lr = self->learning_rate * sqrt (1 - beta2_t) / (1 - beta1_t);
          for (gsize t = 0; t < self->n_params; t++)
            {
              m[t] = BETA1 * m[t] + (1 - BETA1) * grad[t];
              v[t] = BETA2 * v[t] + (1 - BETA2) * grad[t] * grad[t];
              self->params[t] -= lr * m[t] / (sqrt (v[t]) + ADAM_EPSILON);
            }
        }

      /* The mean loss over the epoch's batches, as scikit-learn reports it;
       * regression losses are mean squared errors in the target's units. */
      train_loss = data_loss / n;
      if (data->task == ORCHARD_TASK_REGRESSION)
        train_loss *= 2 * self->y_std * self->y_std;

      if (use_valid)
        {
          predict_rows (self, &valid_net, data->X_valid, data->n_valid, valid_out);
          orchard_fit_data_score_valid (data, valid_out, &valid_loss, &valid_metric);
        }

      orchard_model_add_history (model, train_loss, valid_loss, valid_metric);
      orchard_fit_data_progress (data, (double) epoch / self->epochs, NULL);

      if (self->patience == 0)
        continue;

      verdict = orchard_early_stop_update (&stop, epoch, use_valid ? valid_loss : total_loss / n);
      if (verdict == ORCHARD_EARLY_STOP_IMPROVED && best != NULL)
        memcpy (best, self->params, self->n_params * sizeof (double));
      else if (verdict == ORCHARD_EARLY_STOP_STOP)
        break;
    }

  if (best != NULL && stop.best_iteration > 0)
    {
      memcpy (self->params, best, self->n_params * sizeof (double));
      orchard_model_set_best_iteration (model, stop.best_iteration);
    }

  return TRUE;
}

static gboolean
orchard_mlp_predict (OrchardModel  *model,
                     const double  *X,
                     gsize          n_rows,
                     double        *out,
                     GCancellable  *cancellable,
                     GError       **error)
{
  OrchardMlp *self = ORCHARD_MLP (model);
  g_auto(Net) net = { 0 };

  net_init (&net, self->sizes, self->n_layers, self->activation, orchard_model_get_task (model),
            MIN (n_rows, PREDICT_BLOCK), FALSE);

  for (gsize start = 0; start < n_rows; start += PREDICT_BLOCK)
    {
      gsize rows = MIN (n_rows - start, PREDICT_BLOCK);

      if (orchard_model_is_cancelled (cancellable, error))
        return FALSE;
      predict_rows (self, &net, X + start * self->sizes[0], rows,
                    out + start * orchard_model_get_n_outputs (model));
    }

  return TRUE;
}

static GVariant *
orchard_mlp_save_state (OrchardModel *model)
{
  OrchardMlp *self = ORCHARD_MLP (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "layers",
                         orchard_state_new_uints (self->sizes, self->n_layers));
  g_variant_builder_add (&builder, "{sv}", "params",
                         orchard_state_new_doubles (self->params, self->n_params));
  g_variant_builder_add (&builder, "{sv}", "y-mean", g_variant_new_double (self->y_mean));
  g_variant_builder_add (&builder, "{sv}", "y-std", g_variant_new_double (self->y_std));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_mlp_load_state (OrchardModel  *model,
                        guint          version,
                        GVariant      *state,
                        GError       **error)
{
  OrchardMlp *self = ORCHARD_MLP (model);
  g_autoptr(GVariant) layers = g_variant_lookup_value (state, "layers", G_VARIANT_TYPE ("au"));
  guint hidden[MAX_HIDDEN], n_hidden = 0;
  gsize off_w[MAX_LAYERS], off_b[MAX_LAYERS];
  const guint32 *sizes = NULL;
  gsize n_layers = 0;
  double y_mean, y_std;

  orchard_mlp_reset (model);

  /* The layers must be those of the parameters already loaded. */
  if (!parse_hidden_layers (self->hidden_layers, hidden, &n_hidden, error))
    return FALSE;
  if (layers != NULL)
    sizes = g_variant_get_fixed_array (layers, &n_layers, sizeof (guint32));
  if (layers == NULL || n_layers != n_hidden + 2 ||
      sizes[0] != orchard_model_get_n_features (model) ||
      sizes[n_hidden + 1] != (orchard_model_get_task (model) == ORCHARD_TASK_MULTICLASS
                              ? orchard_model_get_n_classes (model) : 1) ||
      memcmp (sizes + 1, hidden, n_hidden * sizeof (guint32)) != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The layers of the model state do not match its features, classes and "
                     "hidden layers"));
      return FALSE;
    }

  if (!orchard_state_get_double (state, "y-mean", &y_mean, error) ||
      !orchard_state_get_double (state, "y-std", &y_std, error) ||
      !orchard_state_check_doubles (&y_std, 1, "y-std", DBL_MIN, G_MAXDOUBLE, error))
    return FALSE;

  self->n_layers = n_layers;
  memcpy (self->sizes, sizes, n_layers * sizeof (guint32));
  self->n_params = layout (self->sizes, self->n_layers, off_w, off_b);
  self->params = orchard_state_dup_doubles (state, "params", self->n_params, error);
  if (self->params == NULL)
    {
      orchard_mlp_reset (model);
      return FALSE;
    }
  self->y_mean = y_mean;
  self->y_std = y_std;

  return TRUE;
}

static void
orchard_mlp_finalize (GObject *object)
{
  OrchardMlp *self = ORCHARD_MLP (object);

  orchard_mlp_reset (ORCHARD_MODEL (object));
  g_clear_pointer (&self->hidden_layers, g_free);

  G_OBJECT_CLASS (orchard_mlp_parent_class)->finalize (object);
}

static void
orchard_mlp_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OrchardMlp *self = ORCHARD_MLP (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_LAYERS:
      g_value_set_string (value, self->hidden_layers);
      break;
    case PROP_ACTIVATION:
      g_value_set_enum (value, self->activation);
      break;
    case PROP_ALPHA:
      g_value_set_double (value, self->alpha);
      break;
    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->learning_rate);
      break;
    case PROP_BATCH_SIZE:
      g_value_set_uint (value, self->batch_size);
      break;
    case PROP_EPOCHS:
      g_value_set_uint (value, self->epochs);
      break;
    case PROP_PATIENCE:
      g_value_set_uint (value, self->patience);
      break;
    case PROP_TOL:
      g_value_set_double (value, self->tol);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define SET_FIELD(field, value) \
  G_STMT_START { \
    if (self->field != (value)) \
      { \
        self->field = (value); \
        g_object_notify_by_pspec (object, pspec); \
      } \
  } G_STMT_END

static void
orchard_mlp_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OrchardMlp *self = ORCHARD_MLP (object);

  switch (prop_id)
    {
    case PROP_HIDDEN_LAYERS:
      if (g_strcmp0 (self->hidden_layers, g_value_get_string (value)) != 0)
        {
          g_free (self->hidden_layers);
          self->hidden_layers = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ACTIVATION:
      SET_FIELD (activation, (OrchardMlpActivation) g_value_get_enum (value));
      break;
    case PROP_ALPHA:
      SET_FIELD (alpha, g_value_get_double (value));
      break;
    case PROP_LEARNING_RATE:
      SET_FIELD (learning_rate, g_value_get_double (value));
      break;
    case PROP_BATCH_SIZE:
      SET_FIELD (batch_size, g_value_get_uint (value));
      break;
    case PROP_EPOCHS:
      SET_FIELD (epochs, g_value_get_uint (value));
      break;
    case PROP_PATIENCE:
      SET_FIELD (patience, g_value_get_uint (value));
      break;
    case PROP_TOL:
      SET_FIELD (tol, g_value_get_double (value));
      break;
    case PROP_SEED:
      SET_FIELD (seed, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_mlp_class_init (OrchardMlpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_mlp_finalize;
  object_class->get_property = orchard_mlp_get_property;
  object_class->set_property = orchard_mlp_set_property;

  model_class->fit = orchard_mlp_fit;
  model_class->predict = orchard_mlp_predict;
  model_class->save_state = orchard_mlp_save_state;
  model_class->load_state = orchard_mlp_load_state;
  model_class->reset = orchard_mlp_reset;
  model_class->check_params = orchard_mlp_check_params;

  orchard_model_class_set_metadata (model_class, "mlp",
                                    _("Multilayer perceptron: a neural network with 1 to 3 "
                                      "hidden layers"),
                                    ORCHARD_TASK_FLAGS_ALL, ORCHARD_MODEL_FAMILY_NEURAL,
                                    STATE_VERSION);

  properties[PROP_HIDDEN_LAYERS] =
    g_param_spec_string ("hidden-layers",
                         _("Hidden layers"),
                         _("The number of units of each hidden layer, 1 to 3 layers separated "
                           "by commas, e.g. 100,50"),
                         "100", flags);
  properties[PROP_ACTIVATION] =
    g_param_spec_enum ("activation",
                       _("Activation"),
                       _("The function of the hidden units: relu (max(0, z)) or tanh"),
                       ORCHARD_TYPE_MLP_ACTIVATION, ORCHARD_MLP_ACTIVATION_RELU, flags);
  properties[PROP_ALPHA] =
    g_param_spec_double ("alpha",
                         _("L2 penalty"),
                         _("Weight α of the squared weights in the loss; larger values give "
                           "smoother networks"),
                         0.0, G_MAXDOUBLE, 1e-4, flags);
  properties[PROP_LEARNING_RATE] =
    g_param_spec_double ("learning-rate",
                         _("Learning rate"),
                         _("The step size of Adam, greater than 0"),
                         0.0, 10.0, 1e-3, flags);
  properties[PROP_BATCH_SIZE] =
    g_param_spec_uint ("batch-size",
                       _("Batch size"),
                       _("Training rows per weight update (all of them if fewer)"),
                       1, 1000000, 200, flags);
  properties[PROP_EPOCHS] =
    g_param_spec_uint ("epochs",
                       _("Epochs"),
                       _("Passes over the training rows at most"),
                       1, 100000, 200, flags);
  properties[PROP_PATIENCE] =
    g_param_spec_uint ("patience",
                       _("Patience"),
                       _("Stop after this many epochs in a row without improving the loss "
                         "(the validation loss if there are validation rows, keeping the best "
                         "epoch) by the tolerance; 0 trains for every epoch"),
                       0, 100000, 10, flags);
  properties[PROP_TOL] =
    g_param_spec_double ("tol",
                         _("Tolerance"),
                         _("The improvement of the loss that counts as one, for early stopping"),
                         0.0, G_MAXDOUBLE, 1e-4, flags);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed",
                       _("Seed"),
                       _("Fixes the initial weights and the order of the batches"),
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_mlp_init (OrchardMlp *self)
{
  self->hidden_layers = g_strdup ("100");
  self->activation = ORCHARD_MLP_ACTIVATION_RELU;
  self->alpha = 1e-4;
  self->learning_rate = 1e-3;
  self->batch_size = 200;
  self->epochs = 200;
  self->patience = 10;
  self->tol = 1e-4;
  self->seed = 0;
  self->y_std = 1;
}

/**
 * orchard_mlp_new:
 * @hidden_layers: the sizes of the hidden layers, e.g. "100,50"
 *
 * Returns: (transfer full): a new multilayer perceptron
 */
OrchardModel *
orchard_mlp_new (const char *hidden_layers)
{
  return g_object_new (ORCHARD_TYPE_MLP, "hidden-layers", hidden_layers, NULL);
}
