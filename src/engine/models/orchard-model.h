/* orchard-model.h: the base class of every learner
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-matrix.h"
#include "orchard-pipeline.h"
#include "orchard-progress.h"

G_BEGIN_DECLS

/**
 * OrchardTask:
 * @ORCHARD_TASK_BINARY: two classes; y holds the codes 0 and 1
 * @ORCHARD_TASK_MULTICLASS: three or more classes; y holds the codes 0 … K-1
 * @ORCHARD_TASK_REGRESSION: y holds the values to predict
 *
 * What a model predicts. Enum nicks: "binary", "multiclass", "regression".
 */
typedef enum
{
  ORCHARD_TASK_BINARY,
  ORCHARD_TASK_MULTICLASS,
  ORCHARD_TASK_REGRESSION,
} OrchardTask;

/**
 * OrchardTaskFlags:
 * @ORCHARD_TASK_FLAGS_BINARY: the learner does binary classification
 * @ORCHARD_TASK_FLAGS_MULTICLASS: the learner does multiclass classification
 * @ORCHARD_TASK_FLAGS_REGRESSION: the learner does regression
 *
 * The tasks a learner can do.
 */
typedef enum
{
  ORCHARD_TASK_FLAGS_BINARY     = 1 << ORCHARD_TASK_BINARY,
  ORCHARD_TASK_FLAGS_MULTICLASS = 1 << ORCHARD_TASK_MULTICLASS,
  ORCHARD_TASK_FLAGS_REGRESSION = 1 << ORCHARD_TASK_REGRESSION,
} OrchardTaskFlags;

#define ORCHARD_TASK_FLAGS_CLASSIFICATION (ORCHARD_TASK_FLAGS_BINARY | ORCHARD_TASK_FLAGS_MULTICLASS)
#define ORCHARD_TASK_FLAGS_ALL (ORCHARD_TASK_FLAGS_CLASSIFICATION | ORCHARD_TASK_FLAGS_REGRESSION)

/**
 * OrchardClassWeight:
 * @ORCHARD_CLASS_WEIGHT_NONE: every row counts by its sample weight
 * @ORCHARD_CLASS_WEIGHT_BALANCED: rows of class k also count
 *   n / (K · nₖ), so that every class weighs the same in total
 *
 * How classes are weighted, like scikit-learn's `class_weight`.
 */
typedef enum
{
  ORCHARD_CLASS_WEIGHT_NONE,
  ORCHARD_CLASS_WEIGHT_BALANCED,
} OrchardClassWeight;

/**
 * OrchardHistoryEntry:
 * @iteration: the iteration (epoch, solver step), counted from 1
 * @train_loss: the loss on the training rows: mean (weighted) log loss for
 *   classifiers, mean squared error for regressors, without any penalty
 * @valid_loss: the same loss on the validation rows, or NaN without them
 * @valid_metric: accuracy (classifiers) or R² (regressors) on the
 *   validation rows, or NaN without them
 *
 * One point of a model's learning curve.
 */
typedef struct
{
  guint  iteration;
  double train_loss;
  double valid_loss;
  double valid_metric;
} OrchardHistoryEntry;

/**
 * ORCHARD_MODEL_VARIANT_TYPE:
 *
 * The type of orchard_model_to_variant(): (format version, model name,
 * state version, hyperparameters, task, class labels, feature names,
 * history, best iteration, state).
 */
#define ORCHARD_MODEL_VARIANT_TYPE ((const GVariantType *) "(usua{sv}sasasa(uddd)ia{sv})")

#define ORCHARD_TYPE_TASK (orchard_task_get_type ())
#define ORCHARD_TYPE_TASK_FLAGS (orchard_task_flags_get_type ())
#define ORCHARD_TYPE_CLASS_WEIGHT (orchard_class_weight_get_type ())
#define ORCHARD_TYPE_MODEL (orchard_model_get_type ())

GType orchard_task_get_type         (void) G_GNUC_CONST;
GType orchard_task_flags_get_type   (void) G_GNUC_CONST;
GType orchard_class_weight_get_type (void) G_GNUC_CONST;

G_DECLARE_DERIVABLE_TYPE (OrchardModel, orchard_model, ORCHARD, MODEL, GObject)

/* Defined in orchard-model-private.h: what a learner's fit vfunc sees. */
typedef struct _OrchardFitData OrchardFitData;

/**
 * OrchardModelClass:
 * @fit: learn from @data (validated by the base class: finite features,
 *   codes in range, weights non-negative); record the learning curve with
 *   orchard_model_add_history(), report progress and check for
 *   cancellation through the helpers of `orchard-model-private.h`. On
 *   failure the base class calls @reset.
 * @predict: fill @out, @n_rows × the number of outputs (classes, or 1),
 *   row-major; @X has the number of features the model was fitted on.
 *   Must not change the model: a fitted model serves several threads.
 * @get_feature_importance: one non-negative score per feature, or %NULL
 *   with an %ORCHARD_ERROR_UNSUPPORTED error
 * @save_state: the fitted parameters as an `a{sv}` dictionary
 * @load_state: restore what @save_state saved, from a state of format
 *   @version; validate every key, size and value, the variant may come from
 *   an untrusted file. The task, classes and features are already set.
 * @reset: drop the fitted parameters
 * @check_params: check hyperparameters that a #GParamSpec cannot check on
 *   its own (the syntax of a list, combinations)
 *
 * The virtual functions of a learner. A subclass also calls
 * orchard_model_class_set_metadata() in its class_init.
 */
struct _OrchardModelClass
{
  GObjectClass parent_class;

  gboolean (*fit)                    (OrchardModel        *self,
                                      OrchardFitData      *data,
                                      GError             **error);
  gboolean (*predict)                (OrchardModel        *self,
                                      const double        *X,
                                      gsize                n_rows,
                                      double              *out,
                                      GCancellable        *cancellable,
                                      GError             **error);
  double * (*get_feature_importance) (OrchardModel        *self,
                                      GError             **error);
  GVariant * (*save_state)           (OrchardModel        *self);
  gboolean (*load_state)             (OrchardModel        *self,
                                      guint                version,
                                      GVariant            *state,
                                      GError             **error);
  void     (*reset)                  (OrchardModel        *self);
  gboolean (*check_params)           (OrchardModel        *self,
                                      GError             **error);

  /*< private >*/
  const char         *name;
  const char         *description;
  OrchardTaskFlags    tasks;
  OrchardModelFamily  family;
  guint               state_version;

  gpointer padding[8];
};

void                 orchard_model_class_set_metadata    (OrchardModelClass   *klass,
                                                          const char          *name,
                                                          const char          *description,
                                                          OrchardTaskFlags     tasks,
                                                          OrchardModelFamily   family,
                                                          guint                state_version);

const char          *orchard_model_get_name              (OrchardModel        *self);
gboolean             orchard_model_get_handles_missing   (OrchardModel        *self);
const char          *orchard_model_get_description       (OrchardModel        *self);
OrchardTaskFlags     orchard_model_get_tasks             (OrchardModel        *self);
OrchardModelFamily   orchard_model_get_family            (OrchardModel        *self);

gboolean             orchard_model_set_target            (OrchardModel        *self,
                                                          OrchardTask          task,
                                                          const char * const  *class_labels,
                                                          GError             **error);
gboolean             orchard_model_has_target            (OrchardModel        *self);
OrchardTask          orchard_model_get_task              (OrchardModel        *self);
guint                orchard_model_get_n_classes         (OrchardModel        *self);
const char * const  *orchard_model_get_class_labels      (OrchardModel        *self);
guint                orchard_model_get_n_outputs         (OrchardModel        *self);

gboolean             orchard_model_fit                   (OrchardModel        *self,
                                                          OrchardMatrix       *X,
                                                          const double        *y,
                                                          OrchardMatrix       *X_valid,
                                                          const double        *y_valid,
                                                          const double        *weights,
                                                          OrchardProgress      progress,
                                                          gpointer             progress_data,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
gboolean             orchard_model_is_fitted             (OrchardModel        *self);
guint                orchard_model_get_n_features        (OrchardModel        *self);
const char * const  *orchard_model_get_feature_names     (OrchardModel        *self);

OrchardMatrix       *orchard_model_predict               (OrchardModel        *self,
                                                          OrchardMatrix       *X,
                                                          GCancellable        *cancellable,
                                                          GError             **error);
double              *orchard_model_get_feature_importance (OrchardModel       *self,
                                                           GError            **error);

const OrchardHistoryEntry *orchard_model_get_history     (OrchardModel        *self,
                                                          guint               *n_entries);
int                  orchard_model_get_best_iteration    (OrchardModel        *self);
OrchardHistoryEntry *orchard_model_copy_history          (OrchardModel        *self,
                                                          guint                first,
                                                          guint               *n_entries,
                                                          guint               *n_total,
                                                          int                 *best_iteration);

GVariant            *orchard_model_to_variant            (OrchardModel        *self);
OrchardModel        *orchard_model_new_from_variant      (GVariant            *variant,
                                                          GError             **error);

GParamSpec         **orchard_model_class_list_params     (OrchardModelClass   *klass,
                                                          guint               *n_params);
GVariant            *orchard_model_get_params            (OrchardModel        *self);
gboolean             orchard_model_set_params            (OrchardModel        *self,
                                                          GVariant            *params,
                                                          GError             **error);
gboolean             orchard_model_set_param_from_string (OrchardModel        *self,
                                                          const char          *name,
                                                          const char          *value,
                                                          GError             **error);

/**
 * OrchardModelInfo:
 * @type: the #GType of the learner
 * @name: its name, as the command line and bundles spell it ("ridge")
 * @description: a translated one-line description
 * @tasks: the tasks it can do
 * @family: its family, which the automatic pipeline
 *   (orchard_pipeline_new_auto()) chooses its preprocessing by
 *
 * One entry of the registry of learners.
 */
typedef struct
{
  GType               type;
  const char         *name;
  const char         *description;
  OrchardTaskFlags    tasks;
  OrchardModelFamily  family;
} OrchardModelInfo;

const OrchardModelInfo *orchard_model_registry_list      (guint               *n_models);
const OrchardModelInfo *orchard_model_registry_lookup    (const char          *name);
OrchardModel        *orchard_model_new_by_name           (const char          *name,
                                                          GError             **error);
JsonNode            *orchard_model_registry_to_json      (void);
JsonNode            *orchard_model_params_to_json        (GType                type);

const char          *orchard_task_to_string              (OrchardTask          task);

G_END_DECLS
