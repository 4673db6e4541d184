/* orchard-train-page.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#ifdef __linux__
# include <sys/resource.h>
# include <sys/syscall.h>
# include <unistd.h>
#endif

#include "orchard-plots.h"
#include "orchard-threads.h"
#include "orchard-prep-labels.h"
#include "orchard-train-page-private.h"

/**
 * OrchardTrainPage:
 *
 * The Train phase. The analyst picks a learner from the registry (those
 * that cannot do the target's task are insensitive and say why), sets its
 * hyperparameters in a form generated from the learner's #GParamSpec<!-- -->s,
 * and the split shares and seed (the session's split, which the Prepare
 * page edits too), then trains: an #OrchardTrainer runs in a worker thread
 * with progress and Stop, while the learning curve grows live. Every run
 * lands in the session's list of runs, where the Evaluate page finds it,
 * and in the session's project file; the list here shows each with its
 * status, key parameters, headline metric and duration, with tags, a
 * note, and Delete. "Try Several Settings" runs an #OrchardTuner over
 * values or ranges of the parameters and trains the best candidate.
 *
 * The curve is read from the model being fitted with
 * orchard_model_copy_history(), from the main thread, at most
 * %CURVE_UPDATES_PER_SECOND times a second, whenever the worker reports
 * progress; the worker never touches a widget.
 *
 * Actions, on the page: `train.train` (Ctrl+Return), `train.cancel`
 * (Escape), `train.reset-params`, `train.delete-run` (s, a run id) and
 * `train.show-run` (s), which opens a run on the Evaluate page.
 */

#define CURVE_UPDATES_PER_SECOND 20
#define CURVE_INTERVAL_US (G_USEC_PER_SEC / CURVE_UPDATES_PER_SECOND)

/* Beyond these, spin buttons lose precision (a double holds every integer
 * up to 2⁵³) or become unusable. */
#define MAX_WHOLE  9007199254740992.0
#define MAX_NUMBER 1e12

enum {
  SERIES_TRAIN,
  SERIES_VALID,
  SERIES_BEST,
};

/* When to pick a learner, in a phrase. */
static const struct {
  const char *name;
  const char *hint;
} hints[] = {
  { "linear", N_("A first baseline for numbers; every coefficient can be read") },
  { "ridge", N_("Linear, with many correlated features") },
  { "lasso", N_("Linear, when only a few features should matter") },
  { "elastic-net", N_("Linear, between ridge and lasso: correlated features, some useless") },
  { "logistic", N_("The baseline for classes: well-calibrated, easy to explain") },
  { "naive-bayes", N_("A very fast baseline for many features and few rows") },
  { "knn", N_("Small data with local structure; slow to predict on large data") },
  { "mlp", N_("Large data with interactions; wants scaled features and tuning") },
  { "tree", N_("Rules a person can read; seldom the most accurate") },
  { "forest", N_("Robust with little tuning; a safe second opinion") },
  { "gbdt", N_("Strong default for tabular data") },
};


typedef struct
{
  /* Inputs, copied on the main thread */
  OrchardTable    *table;
  char            *target;
  OrchardModel    *model;
  OrchardPipeline *pipeline;
  OrchardSplit    *split;
  guint64          seed;
  OrchardTrainProgress        *progress;
  OrchardProject  *project;      /* where the run is recorded, or NULL */
  gint64           dataset_id;

  /* Output */
  OrchardModelRun *run;
  OrchardTrainer  *trainer;
  gint64           run_id;       /* in the project */
  char            *record_error; /* why recording failed, if it did */
} TrainData;

typedef struct
{
  const char *key;
  GtkWidget  *row;
  double      values[ORCHARD_N_PARTS];
  char       *texts[ORCHARD_N_PARTS];
} Shown;

G_DEFINE_FINAL_TYPE (OrchardTrainPage, orchard_train_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_TRAINING,
  PROP_SEARCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_curve   (OrchardTrainPage *self);

/* ---- progress shared with the worker ----------------------------------- */

OrchardTrainProgress *
orchard_train_progress_new (OrchardTrainPage *page)
{
  OrchardTrainProgress *p = g_new0 (OrchardTrainProgress, 1);

  g_atomic_ref_count_init (&p->ref_count);
  g_mutex_init (&p->mutex);
  g_weak_ref_init (&p->page, page);
  p->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_tuner_candidate_free);

  return p;
}

OrchardTrainProgress *
orchard_train_progress_ref (OrchardTrainProgress *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

void
orchard_train_progress_unref (OrchardTrainProgress *p)
{
  if (!g_atomic_ref_count_dec (&p->ref_count))
    return;

  g_weak_ref_clear (&p->page);
  g_mutex_clear (&p->mutex);
  g_free (p->message);
  g_ptr_array_unref (p->candidates);
  g_free (p);
}

static void
train_data_free (TrainData *data)
{
  g_clear_object (&data->table);
  g_clear_pointer (&data->target, g_free);
  g_clear_object (&data->model);
  g_clear_object (&data->pipeline);
  g_clear_object (&data->split);
  g_clear_pointer (&data->progress, orchard_train_progress_unref);
  g_clear_object (&data->run);
  g_clear_object (&data->trainer);
  g_clear_object (&data->project);
  g_free (data->record_error);
  g_free (data);
}

static void
shown_free (Shown *shown)
{
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    g_free (shown->texts[p]);
  g_free (shown);
}

/* ---- helpers ----------------------------------------------------------- */

OrchardTable *
_orchard_train_page_get_table (OrchardTrainPage *self)
{
  return self->session != NULL ? orchard_session_get_table (self->session) : NULL;
}

const char *
_orchard_train_page_get_target_name (OrchardTrainPage *self)
{
  OrchardTable *table = _orchard_train_page_get_table (self);
  int target = table != NULL ? orchard_table_get_target (table) : -1;

  return target >= 0 ? orchard_column_get_name (orchard_table_get_column (table, target)) : NULL;
}

static const char *
learner_hint (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (hints); i++)
    if (g_str_equal (hints[i].name, name))
      return _(hints[i].hint);
  return NULL;
}

static char *
tasks_text (OrchardTaskFlags tasks)
{
  gboolean classes = (tasks & ORCHARD_TASK_FLAGS_CLASSIFICATION) != 0;
  gboolean two_only = classes && (tasks & ORCHARD_TASK_FLAGS_MULTICLASS) == 0;
  gboolean numbers = (tasks & ORCHARD_TASK_FLAGS_REGRESSION) != 0;
  const char *class_text = two_only ? _("Two classes") : _("Classes");

  if (classes && numbers)
    /* Translators: what a learner predicts, "Classes · Numbers" */
    return g_strdup_printf (_("%s · %s"), class_text, _("Numbers"));
  if (classes)
    return g_strdup (class_text);
  return g_strdup (_("Numbers"));
}

OrchardModel *
_orchard_train_page_get_draft (OrchardTrainPage *self)
{
  return self->learner != NULL ? g_hash_table_lookup (self->drafts, self->learner) : NULL;
}

char *
_orchard_train_page_format_metric (const char *key,
               double      value)
{
  if (isnan (value))
    return g_strdup ("—");
  /* Scores between 0 and 1 read best with three decimals; errors in the
   * target's own unit with four significant digits. */
  if (g_str_equal (key, "rmse") || g_str_equal (key, "mae") || g_str_equal (key, "log_loss") ||
      g_str_equal (key, "mse"))
    return g_strdup_printf ("%.4g", value);
  return g_strdup_printf ("%.3f", value);
}

const char *
_orchard_train_page_metric_label (const char *key)
{
  static const struct {
    const char *key;
    const char *label;
  } labels[] = {
    { "accuracy", N_("Accuracy") },
    { "balanced_accuracy", N_("Balanced accuracy") },
    { "roc_auc", N_("ROC AUC") },
    { "roc_auc_ovr", N_("ROC AUC (one vs rest)") },
    { "average_precision", N_("Average precision") },
    { "f1", N_("F1") },
    { "f1_macro", N_("F1 (macro)") },
    { "log_loss", N_("Log loss") },
    { "r2", N_("R²") },
    { "rmse", N_("RMSE") },
    { "mae", N_("MAE") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, key))
      return _(labels[i].label);
  return key;
}

static const char * const *
result_keys (OrchardTask task)
{
  static const char * const binary[] = { "roc_auc", "accuracy", "f1", "log_loss", NULL };
  static const char * const multiclass[] = { "accuracy", "balanced_accuracy", "f1_macro", "log_loss", NULL };
  static const char * const regression[] = { "r2", "rmse", "mae", NULL };

  switch (task)
    {
    case ORCHARD_TASK_BINARY:
      return binary;
    case ORCHARD_TASK_MULTICLASS:
      return multiclass;
    case ORCHARD_TASK_REGRESSION:
    default:
      return regression;
    }
}

/* The one number a run is known by. */
static const char *
headline_key (OrchardTask task)
{
  return result_keys (task)[0];
}

/* ---- which page -------------------------------------------------------- */

static void
update_stack (OrchardTrainPage *self)
{
  OrchardTable *table = _orchard_train_page_get_table (self);
  const char *name = "no-data";

  if (table != NULL)
    name = orchard_table_get_target (table) >= 0 ? "train" : "no-target";

  gtk_stack_set_visible_child_name (self->stack, name);
}

/* ---- the parameter form ------------------------------------------------ */

static GParamSpec *
control_pspec (GtkWidget *control)
{
  return g_object_get_data (G_OBJECT (control), "orchard-param");
}

static void
set_row_text (GtkWidget  *row,
              GParamSpec *pspec)
{
  /* Blurbs are plain text ("λ added to …"), never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_param_spec_get_nick (pspec));
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_param_spec_get_blurb (pspec));
  gtk_widget_set_tooltip_text (row, g_param_spec_get_name (pspec));
}

static void
register_control (OrchardTrainPage *self,
                  GParamSpec       *pspec,
                  GtkWidget        *control)
{
  g_object_set_data (G_OBJECT (control), "orchard-param", pspec);
  g_hash_table_insert (self->controls, (gpointer) g_param_spec_get_name (pspec), control);
  gtk_accessible_update_property (GTK_ACCESSIBLE (control), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_param_spec_get_nick (pspec), -1);
}

static void
number_changed_cb (GtkSpinButton    *spin,
                   OrchardTrainPage *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (spin));
  g_auto(GValue) value = G_VALUE_INIT;
  double number = gtk_spin_button_get_value (spin);
  OrchardModel *draft = _orchard_train_page_get_draft (self);

  if (self->updating || draft == NULL)
    return;

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_DOUBLE:
      g_value_set_double (&value, number);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (&value, (guint) number);
      break;
    case G_TYPE_INT:
      g_value_set_int (&value, (int) number);
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (&value, (guint64) number);
      break;
    default:
      g_assert_not_reached ();
    }

  /* The spin button keeps to the range: nothing the spec refuses. */
  g_object_set_property (G_OBJECT (draft), g_param_spec_get_name (pspec), &value);
}

static void
number_range (GParamSpec *pspec,
              double     *lower,
              double     *upper,
              double     *fallback,
              gboolean   *whole)
{
  *whole = TRUE;

  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      *lower = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      *upper = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
      *fallback = G_PARAM_SPEC_DOUBLE (pspec)->default_value;
      *whole = FALSE;
    }
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      *lower = G_PARAM_SPEC_UINT (pspec)->minimum;
      *upper = G_PARAM_SPEC_UINT (pspec)->maximum;
      *fallback = G_PARAM_SPEC_UINT (pspec)->default_value;
    }
  else if (G_IS_PARAM_SPEC_INT (pspec))
    {
      *lower = G_PARAM_SPEC_INT (pspec)->minimum;
      *upper = G_PARAM_SPEC_INT (pspec)->maximum;
      *fallback = G_PARAM_SPEC_INT (pspec)->default_value;
    }
  else
    {
      *lower = (double) G_PARAM_SPEC_UINT64 (pspec)->minimum;
      *upper = (double) G_PARAM_SPEC_UINT64 (pspec)->maximum;
      *fallback = (double) G_PARAM_SPEC_UINT64 (pspec)->default_value;
    }

  *lower = MAX (*lower, *whole ? -MAX_WHOLE : -MAX_NUMBER);
  *upper = MIN (*upper, *whole ? MAX_WHOLE : MAX_NUMBER);
}

/* A step a tenth of the default's order of magnitude (0.01 for a learning
 * rate of 0.1, 1e-5 for a tolerance of 1e-4), with the digits to show it;
 * shares and probabilities step by 0.01. */
static void
number_step (double  lower,
             double  upper,
             double  fallback,
             double *step,
             guint  *digits)
{
  int exponent;

  if (upper - lower <= 1.0)
    exponent = -2;
  else if (fallback != 0.0)
    exponent = (int) floor (log10 (fabs (fallback))) - 1;
  else
    exponent = upper - lower <= 10.0 ? -2 : -1;

  exponent = CLAMP (exponent, -8, 3);
  *step = pow (10.0, exponent);
  *digits = exponent < 0 ? (guint) -exponent : 0;
  /* A default finer than the step still shows exactly. */
  *digits = MAX (*digits, 2);
}

static GtkWidget *
make_number_row (OrchardTrainPage *self,
                 GParamSpec       *pspec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkAdjustment *adjustment;
  GtkWidget *spin;
  double lower, upper, fallback, step;
  gboolean whole;
  guint digits;

  number_range (pspec, &lower, &upper, &fallback, &whole);
  if (whole)
    {
      step = 1.0;
      digits = 0;
    }
  else
    number_step (lower, upper, fallback, &step, &digits);

  adjustment = gtk_adjustment_new (fallback, lower, upper, step, step * 10, 0);
  spin = gtk_spin_button_new (adjustment, step, digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  /* One width for every number of the form, whatever its range. */
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (spin), 8);

  set_row_text (row, pspec);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  register_control (self, pspec, spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (number_changed_cb), self);

  return row;
}

static void
switch_changed_cb (GtkSwitch        *toggle,
                   GParamSpec       *notify_pspec,
                   OrchardTrainPage *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (toggle));
  OrchardModel *draft = _orchard_train_page_get_draft (self);

  if (!self->updating && draft != NULL)
    g_object_set (draft, g_param_spec_get_name (pspec), gtk_switch_get_active (toggle), NULL);
}

static GtkWidget *
make_switch_row (OrchardTrainPage *self,
                 GParamSpec       *pspec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  set_row_text (row, pspec);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  register_control (self, pspec, toggle);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_changed_cb), self);

  return row;
}

static void
enum_selected_cb (AdwComboRow      *row,
                  GParamSpec       *notify_pspec,
                  OrchardTrainPage *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (row));
  GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  guint selected = adw_combo_row_get_selected (row);
  OrchardModel *draft = _orchard_train_page_get_draft (self);

  if (self->updating || draft == NULL || selected >= klass->n_values)
    return;

  g_object_set (draft, g_param_spec_get_name (pspec), klass->values[selected].value, NULL);
}

static GtkWidget *
make_enum_row (OrchardTrainPage *self,
               GParamSpec       *pspec)
{
  GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  /* The nicks are what the command line and the blurbs call the choices. */
  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (labels, klass->values[i].value_nick);

  set_row_text (row, pspec);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  register_control (self, pspec, row);
  g_signal_connect (row, "notify::selected", G_CALLBACK (enum_selected_cb), self);

  return row;
}

/* A text parameter ("hidden-layers": "100,50") has a syntax only the
 * learner knows: it is checked as typed, and the form stays unusable for
 * training while it is wrong. */
static void
text_changed_cb (GtkEditable      *entry,
                 OrchardTrainPage *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (entry));
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) params = NULL;
  GVariantDict dict;

  if (self->updating || draft == NULL)
    return;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, g_param_spec_get_name (pspec), "s", gtk_editable_get_text (entry));
  params = g_variant_ref_sink (g_variant_dict_end (&dict));

  g_clear_pointer (&self->param_problem, g_free);
  if (!orchard_model_set_params (draft, params, &error))
    {
      self->param_problem = g_strdup (error->message);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), g_param_spec_get_blurb (pspec));
    }

  _orchard_train_page_update_actions (self);
}

static GtkWidget *
make_text_row (OrchardTrainPage *self,
               GParamSpec       *pspec)
{
  GtkWidget *row = adw_entry_row_new ();

  set_row_text (row, pspec);
  gtk_widget_set_tooltip_text (row, g_param_spec_get_blurb (pspec));
  register_control (self, pspec, row);
  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);

  return row;
}

/* Shows the draft's values in the form. */
void
_orchard_train_page_sync_form (OrchardTrainPage *self)
{
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  GHashTableIter iter;
  gpointer key, widget;

  if (draft == NULL)
    return;

  self->updating = TRUE;
  g_hash_table_iter_init (&iter, self->controls);
  while (g_hash_table_iter_next (&iter, &key, &widget))
    {
      GParamSpec *pspec = control_pspec (widget);
      g_auto(GValue) value = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

      g_value_init (&value, type);
      g_object_get_property (G_OBJECT (draft), g_param_spec_get_name (pspec), &value);

      if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

          for (guint i = 0; i < klass->n_values; i++)
            if (klass->values[i].value == g_value_get_enum (&value))
              adw_combo_row_set_selected (ADW_COMBO_ROW (widget), i);
        }
      else if (type == G_TYPE_BOOLEAN)
        gtk_switch_set_active (GTK_SWITCH (widget), g_value_get_boolean (&value));
      else if (type == G_TYPE_STRING)
        {
          gtk_editable_set_text (GTK_EDITABLE (widget),
                                 g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
          gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
        }
      else if (type == G_TYPE_DOUBLE)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_value_get_double (&value));
      else if (type == G_TYPE_UINT)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_value_get_uint (&value));
      else if (type == G_TYPE_INT)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), g_value_get_int (&value));
      else if (type == G_TYPE_UINT64)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), (double) g_value_get_uint64 (&value));
    }
  self->updating = FALSE;
}

static void
build_form (OrchardTrainPage *self)
{
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  g_autofree GParamSpec **params = NULL;
  guint n_params = 0;

  for (guint i = 0; i < self->param_rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->param_rows, i));
  g_ptr_array_set_size (self->param_rows, 0);
  g_hash_table_remove_all (self->controls);
  g_clear_pointer (&self->param_problem, g_free);

  if (draft == NULL)
    return;

  params = orchard_model_class_list_params (ORCHARD_MODEL_GET_CLASS (draft), &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      GParamSpec *pspec = params[i];
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      GtkWidget *row = NULL;

      if (G_TYPE_IS_ENUM (type))
        row = make_enum_row (self, pspec);
      else if (type == G_TYPE_BOOLEAN)
        row = make_switch_row (self, pspec);
      else if (type == G_TYPE_STRING)
        row = make_text_row (self, pspec);
      else if (type == G_TYPE_DOUBLE || type == G_TYPE_UINT || type == G_TYPE_INT ||
               type == G_TYPE_UINT64)
        row = make_number_row (self, pspec);

      if (row == NULL)
        continue;
      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->param_rows, row);
    }

  adw_preferences_group_set_description (self->params_group,
                                         n_params == 0 ? _("This learner has no parameters.") : NULL);
  _orchard_train_page_sync_form (self);
}

static void
reset_params_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (widget);
  g_autoptr(OrchardModel) fresh = NULL;

  if (self->learner == NULL)
    return;

  fresh = orchard_model_new_by_name (self->learner, NULL);
  g_assert (fresh != NULL);
  g_hash_table_replace (self->drafts, g_strdup (self->learner), g_steal_pointer (&fresh));
  g_clear_pointer (&self->param_problem, g_free);
  _orchard_train_page_sync_form (self);
  _orchard_train_page_update_actions (self);
}

/* ---- learners ----------------------------------------------------------- */

/* The target's task as training will see it: numbers make a regression,
 * two classes a binary task, more a multiclass one. */
static gboolean
target_task (OrchardTrainPage *self,
             OrchardTask      *task,
             guint            *n_classes)
{
  OrchardTable *table = _orchard_train_page_get_table (self);
  OrchardColumn *column;
  int target;

  *n_classes = 0;
  if (table == NULL || (target = orchard_table_get_target (table)) < 0)
    return FALSE;

  column = orchard_table_get_column (table, target);
  if (orchard_column_get_kind (column) == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      *task = ORCHARD_TASK_REGRESSION;
      return TRUE;
    }
  if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_CATEGORICAL)
    return FALSE;

  /* Only the classes that occur count, as the trainer counts them. */
  {
    guint n_levels = orchard_column_get_n_levels (column);
    const guint32 *codes = orchard_column_get_codes (column);
    g_autofree gboolean *used = g_new0 (gboolean, MAX (n_levels, 1));
    gsize n_rows = orchard_table_get_n_rows (table);

    for (gsize r = 0; r < n_rows; r++)
      if (codes[r] < n_levels)
        used[codes[r]] = TRUE;
    for (guint l = 0; l < n_levels; l++)
      *n_classes += used[l];
  }

  *task = *n_classes <= 2 ? ORCHARD_TASK_BINARY : ORCHARD_TASK_MULTICLASS;
  return TRUE;
}

static char *
unfit_reason (const OrchardModelInfo *info,
              OrchardTask             task,
              guint                   n_classes,
              const char             *target)
{
  if (task == ORCHARD_TASK_REGRESSION)
    /* Translators: %s is the target column */
    return g_strdup_printf (_("Not for “%s”: it predicts classes, and “%s” holds numbers"),
                            target, target);
  if ((info->tasks & ORCHARD_TASK_FLAGS_CLASSIFICATION) == 0)
    return g_strdup_printf (_("Not for “%s”: it predicts numbers, and “%s” holds classes"),
                            target, target);
  /* Only multiclass targets get here: three or more classes. */
  return g_strdup_printf (_("Not for “%s”: it handles two classes, and “%s” has %u"),
                          target, target, n_classes);
}

static void
update_summary (OrchardTrainPage *self)
{
  const char *target = _orchard_train_page_get_target_name (self);
  g_autofree char *text = NULL;

  if (self->learner != NULL && target != NULL)
    /* Translators: the Train page's action bar, "gbdt predicts “species”" */
    text = g_strdup_printf (_("%s predicts “%s”"), self->learner, target);
  gtk_label_set_label (self->summary_label, text);
}

static void
select_learner (OrchardTrainPage *self,
                const char       *name)
{
  if (g_strcmp0 (self->learner, name) == 0)
    return;

  g_free (self->learner);
  self->learner = g_strdup (name);

  if (name != NULL && !g_hash_table_contains (self->drafts, name))
    g_hash_table_insert (self->drafts, g_strdup (name), orchard_model_new_by_name (name, NULL));

  build_form (self);
  _orchard_train_page_build_space (self);
  update_summary (self);
  _orchard_train_page_update_actions (self);
}

static void
learner_toggled_cb (GtkCheckButton   *check,
                    OrchardTrainPage *self)
{
  if (!gtk_check_button_get_active (check) || self->updating)
    return;

  select_learner (self, g_object_get_data (G_OBJECT (check), "orchard-learner"));
}

static int
learner_sort (GtkListBoxRow *a,
              GtkListBoxRow *b,
              gpointer       user_data)
{
  OrchardTrainPage *self = user_data;
  gboolean fits_a = gtk_widget_get_sensitive (GTK_WIDGET (a));
  gboolean fits_b = gtk_widget_get_sensitive (GTK_WIDGET (b));
  guint index_a = 0, index_b = 0;

  /* Those that can do the task first, each group in registry order. */
  if (fits_a != fits_b)
    return fits_a ? -1 : 1;
  g_ptr_array_find (self->learner_rows, a, &index_a);
  g_ptr_array_find (self->learner_rows, b, &index_b);
  return (int) index_a - (int) index_b;
}

static void
build_learners (OrchardTrainPage *self)
{
  const OrchardModelInfo *infos;
  guint n_infos = 0;
  GtkCheckButton *group = NULL;

  infos = orchard_model_registry_list (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      GtkWidget *tasks = gtk_label_new (NULL);
      g_autofree char *tasks_label = tasks_text (infos[i].tasks);

      gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      if (group == NULL)
        group = GTK_CHECK_BUTTON (check);
      g_object_set_data_full (G_OBJECT (check), "orchard-learner", g_strdup (infos[i].name), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (learner_toggled_cb), self);

      gtk_label_set_label (GTK_LABEL (tasks), tasks_label);
      gtk_widget_set_valign (tasks, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (tasks, "caption");
      gtk_widget_add_css_class (tasks, "dim-label");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), infos[i].name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), tasks);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_widget_set_name (row, infos[i].name);

      gtk_list_box_append (self->model_list, row);
      g_ptr_array_add (self->learner_rows, row);
      g_ptr_array_add (self->learner_checks, check);
    }

  gtk_list_box_set_sort_func (self->model_list, learner_sort, self, NULL);
}

/* Sensitivity and subtitles follow the target; the choice moves to a
 * learner that fits when the current one does not. */
static void
update_learners (OrchardTrainPage *self)
{
  const OrchardModelInfo *infos;
  guint n_infos = 0, n_classes = 0;
  const char *target = _orchard_train_page_get_target_name (self);
  OrchardTask task = ORCHARD_TASK_REGRESSION;
  gboolean has_task = target_task (self, &task, &n_classes);
  const char *keep = NULL;
  const char *fallback = NULL;

  self->has_task = has_task;
  self->task = task;

  infos = orchard_model_registry_list (&n_infos);
  for (guint i = 0; i < n_infos; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->learner_rows, i);
      gboolean fits = has_task && (infos[i].tasks & (1 << task)) != 0;
      const char *hint = learner_hint (infos[i].name);
      g_autofree char *subtitle = NULL;

      if (has_task && !fits)
        {
          g_autofree char *reason = unfit_reason (&infos[i], task, n_classes, target);
          subtitle = g_strdup_printf ("%s\n%s", infos[i].description, reason);
        }
      else if (hint != NULL)
        /* Translators: a learner's description, then when to pick it */
        subtitle = g_strdup_printf (_("%s\nWhen: %s"), infos[i].description, hint);
      else
        subtitle = g_strdup (infos[i].description);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_sensitive (row, fits);

      if (fits && g_strcmp0 (infos[i].name, self->learner) == 0)
        keep = infos[i].name;
      if (fits && (fallback == NULL || g_str_equal (infos[i].name, "gbdt")))
        fallback = infos[i].name;
    }

  if (keep == NULL)
    keep = fallback;
  gtk_list_box_invalidate_sort (self->model_list);

  if (target != NULL && !has_task)
    {
      /* Translators: %s is the target column, e.g. a date */
      g_autofree char *problem = g_strdup_printf (_("“%s” holds neither classes nor numbers: choose "
                                                    "another target on the Data page"), target);
      adw_preferences_group_set_description (self->model_group, problem);
    }
  else
    adw_preferences_group_set_description (self->model_group, NULL);

  self->updating = TRUE;
  for (guint i = 0; i < n_infos; i++)
    if (g_strcmp0 (infos[i].name, keep) == 0)
      gtk_check_button_set_active (g_ptr_array_index (self->learner_checks, i), TRUE);
  self->updating = FALSE;

  select_learner (self, keep);
  update_summary (self);
}

/* ---- split shares and seed (the session's split) ----------------------- */

static void
update_shares (OrchardTrainPage *self)
{
  double fractions[ORCHARD_N_PARTS];
  g_autofree char *test = NULL;

  if (self->split == NULL)
    return;

  orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);
  self->updating = TRUE;
  gtk_spin_button_set_value (self->train_spin, fractions[ORCHARD_PART_TRAIN]);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->valid_spin),
                            MAX (0.0, 1.0 - fractions[ORCHARD_PART_TRAIN]));
  gtk_spin_button_set_value (self->valid_spin, fractions[ORCHARD_PART_VALID]);
  gtk_spin_button_set_value (self->seed_spin, (double) orchard_split_get_seed (self->split));
  self->updating = FALSE;

  test = g_strdup_printf ("%.2f", fractions[ORCHARD_PART_TEST]);
  gtk_label_set_label (self->test_label, test);
}

/* The test share is what is left, so the shares always add up. */
static void
share_changed_cb (OrchardTrainPage *self)
{
  double train, valid, test;

  if (self->updating || self->split == NULL)
    return;

  train = gtk_spin_button_get_value (self->train_spin);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->valid_spin), MAX (0.0, 1.0 - train));
  valid = MIN (gtk_spin_button_get_value (self->valid_spin), 1.0 - train);
  valid = MAX (valid, 0.0);
  test = 1.0 - train - valid;
  if (test < 1e-9)
    test = 0.0;

  orchard_split_set_fractions (self->split, train, valid, test, NULL);
}

static void
seed_changed_cb (OrchardTrainPage *self)
{
  if (self->updating || self->split == NULL)
    return;

  orchard_split_set_seed (self->split, (guint64) gtk_spin_button_get_value (self->seed_spin));
}

static void
bind_split (OrchardTrainPage *self,
            OrchardSplit     *split)
{
  if (self->split == split)
    return;

  if (self->split != NULL)
    g_signal_handlers_disconnect_by_data (self->split, self);
  g_set_object (&self->split, split);
  if (split != NULL)
    g_signal_connect_swapped (split, "notify", G_CALLBACK (update_shares), self);
  update_shares (self);
}

static void
update_pipeline_choice (OrchardTrainPage *self)
{
  gboolean automatic = self->session == NULL || orchard_session_get_automatic (self->session);

  /* The Prepare page's pipeline when the analyst edited it there. */
  adw_combo_row_set_selected (self->pipeline_row, automatic ? 0 : 1);
}

/* ---- the learning curve ------------------------------------------------ */

static void
reset_curve (OrchardTrainPage *self)
{
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (self->curve);

  orchard_line_plot_clear (plot);
  orchard_line_plot_add_series (plot, _("Training loss"), NULL, NULL, 0);
  orchard_line_plot_add_series (plot, _("Validation loss"), NULL, NULL, 0);
  self->n_curve_points = 0;
  g_array_set_size (self->curve_entries, 0);
  self->curve_lo = INFINITY;
  self->curve_hi = -INFINITY;
  self->marked_iteration = -1;
  orchard_plot_set_subtitle (ORCHARD_PLOT (self->curve), NULL);
}

/* The early-stopping point: a vertical line at the kept iteration, from
 * the lowest loss drawn to the highest. */
static void
mark_best (OrchardTrainPage *self,
           int               best)
{
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (self->curve);
  double lo = self->curve_lo, hi = self->curve_hi;
  g_autofree char *subtitle = NULL;

  if (best < 1 || best == self->marked_iteration || !isfinite (lo) || !isfinite (hi))
    return;

  {
    double x[2] = { best, best };
    double y[2] = { lo, hi };

    if (orchard_line_plot_get_n_series (plot) > SERIES_BEST)
      orchard_line_plot_set_series_data (plot, SERIES_BEST, x, y, 2);
    else
      orchard_line_plot_add_series (plot, _("Early stop (kept iteration)"), x, y, 2);
  }

  self->marked_iteration = best;
  /* Translators: the learning curve's subtitle when the learner stopped early */
  subtitle = g_strdup_printf (_("Stopped early; kept iteration %d of %u"), best, self->n_curve_points);
  orchard_plot_set_subtitle (ORCHARD_PLOT (plot), subtitle);
}

/* Appends what the worker's model learnt since the last update. */
static void
update_curve (OrchardTrainPage *self)
{
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (self->curve);
  g_autofree OrchardHistoryEntry *entries = NULL;
  guint n = 0, total = 0;
  int best = -1;

  self->last_curve_update = g_get_monotonic_time ();
  if (self->fitting == NULL)
    return;

  /* A fit that failed or was stopped drops its curve: what was drawn stays. */
  entries = orchard_model_copy_history (self->fitting, self->n_curve_points, &n, &total, &best);
  if (total < self->n_curve_points)
    return;

  if (n > 0)
    {
      g_autofree double *x = NULL;
      g_autofree double *train = NULL;
      g_autofree double *valid = NULL;
      guint n_all, n_valid = 0;

      g_array_append_vals (self->curve_entries, entries, n);
      self->n_curve_points += n;

      /* Whole series at once: a plot normalises its data on every change,
       * so points one by one would cost the square of the curve's length. */
      n_all = self->curve_entries->len;
      x = g_new (double, n_all);
      train = g_new (double, n_all);
      valid = g_new (double, n_all);
      for (guint i = 0; i < n_all; i++)
        {
          const OrchardHistoryEntry *e = &g_array_index (self->curve_entries, OrchardHistoryEntry, i);

          x[i] = e->iteration;
          train[i] = e->train_loss;
          if (isfinite (e->train_loss))
            {
              self->curve_lo = MIN (self->curve_lo, e->train_loss);
              self->curve_hi = MAX (self->curve_hi, e->train_loss);
            }
          if (isfinite (e->valid_loss))
            {
              valid[n_valid++] = e->valid_loss;
              self->curve_lo = MIN (self->curve_lo, e->valid_loss);
              self->curve_hi = MAX (self->curve_hi, e->valid_loss);
            }
        }
      orchard_line_plot_set_series_data (plot, SERIES_TRAIN, x, train, n_all);
      /* Validation rows exist for the whole fit or not at all. */
      orchard_line_plot_set_series_data (plot, SERIES_VALID, x, valid, n_valid == n_all ? n_all : 0);
      self->n_curve_updates++;
      gtk_stack_set_visible_child_name (self->curve_stack, "plot");
    }

  /* A best iteration before the last means the learner stopped early. */
  if (best >= 1 && (guint) best < self->n_curve_points)
    mark_best (self, best);
}

static gboolean
curve_timeout_cb (gpointer data)
{
  OrchardTrainPage *self = data;

  self->curve_timeout_id = 0;
  update_curve (self);
  return G_SOURCE_REMOVE;
}

/* At most CURVE_UPDATES_PER_SECOND updates: one now if the last is old
 * enough, else one when it is. */
static void
queue_curve_update (OrchardTrainPage *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due = self->last_curve_update + CURVE_INTERVAL_US;

  if (self->curve_timeout_id != 0)
    return;
  if (now >= due)
    update_curve (self);
  else
    self->curve_timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT_IDLE,
                                                 (guint) ((due - now + 999) / 1000),
                                                 curve_timeout_cb, self, NULL);
}

/* ---- results ------------------------------------------------------------ */

static void
clear_results (OrchardTrainPage *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    adw_preferences_group_remove (self->results_group, ((Shown *) g_ptr_array_index (self->shown, i))->row);
  g_ptr_array_set_size (self->shown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), FALSE);
}

static void
show_results (OrchardTrainPage *self,
              OrchardModelRun  *run)
{
  const char * const *keys;
  OrchardMetrics *any = NULL;

  clear_results (self);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS && any == NULL; part++)
    any = orchard_model_run_get_metrics (run, part);
  if (any == NULL)
    return;

  keys = result_keys (orchard_model_run_get_task (run));
  for (guint k = 0; keys[k] != NULL; k++)
    {
      Shown *shown = g_new0 (Shown, 1);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      static const OrchardPart order[] = { ORCHARD_PART_VALID, ORCHARD_PART_TEST, ORCHARD_PART_TRAIN };

      shown->key = keys[k];
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          OrchardPart part = order[i];
          OrchardMetrics *metrics = orchard_model_run_get_metrics (run, part);

          shown->values[part] = NAN;
          if (metrics == NULL || !orchard_metrics_lookup (metrics, keys[k], &shown->values[part]))
            continue;
          shown->texts[part] = _orchard_train_page_format_metric (keys[k], shown->values[part]);
          if (subtitle->len > 0)
            g_string_append (subtitle, " · ");
          /* Translators: a part and a metric's value on it, "Validation 0.981" */
          g_string_append_printf (subtitle, _("%s %s"), orchard_prep_part_label (part), shown->texts[part]);
        }

      shown->row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (shown->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (shown->row), _orchard_train_page_metric_label (keys[k]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (shown->row), subtitle->str);
      adw_preferences_group_add (self->results_group, shown->row);
      g_ptr_array_add (self->shown, shown);
    }

  adw_preferences_group_set_description (self->results_group, orchard_model_run_get_title (run));
  gtk_widget_set_visible (GTK_WIDGET (self->results_group), TRUE);
}

/* ---- the runs list ------------------------------------------------------ */

static char *
run_params_text (OrchardModelRun *run)
{
  g_autoptr(OrchardModel) defaults = orchard_model_new_by_name (orchard_model_run_get_model_name (run), NULL);
  g_autoptr(GVariant) fallback = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GVariant *params = orchard_model_run_get_params (run);
  GVariantIter iter;
  const char *name;
  GVariant *value;
  guint n = 0;

  if (params == NULL || defaults == NULL)
    return NULL;

  /* Key parameters: those set away from their defaults. */
  fallback = g_variant_ref_sink (orchard_model_get_params (defaults));
  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autoptr(GVariant) base = g_variant_lookup_value (fallback, name, NULL);
      g_autofree char *printed = NULL;

      if (base != NULL && g_variant_equal (base, value))
        continue;
      if (n++ == 3)
        {
          g_string_append (text, ", …");
          break;
        }
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        printed = g_variant_dup_string (value, NULL);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        printed = g_strdup_printf ("%g", g_variant_get_double (value));
      else
        printed = g_variant_print (value, FALSE);
      g_string_append_printf (text, "%s%s = %s", text->len > 0 ? ", " : "", name, printed);
    }

  if (text->len == 0)
    return g_strdup (_("default parameters"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
format_seconds (double seconds)
{
  if (seconds < 1)
    /* Translators: a duration in milliseconds */
    return g_strdup_printf (_("%.0f ms"), seconds * 1000);
  if (seconds < 60)
    /* Translators: a duration in seconds */
    return g_strdup_printf (_("%.1f s"), seconds);
  /* Translators: a duration in minutes and seconds */
  return g_strdup_printf (_("%d min %02d s"), (int) (seconds / 60), (int) fmod (seconds, 60));
}

static const char *
status_label (OrchardRunStatus status)
{
  switch (status)
    {
    case ORCHARD_RUN_RUNNING:
      return _("Training");
    case ORCHARD_RUN_FINISHED:
      return _("Finished");
    case ORCHARD_RUN_FAILED:
      return _("Failed");
    case ORCHARD_RUN_CANCELLED:
      return _("Stopped");
    default:
      g_assert_not_reached ();
    }
}

static void
update_run_row (GtkWidget *row)
{
  OrchardModelRun *run = g_object_get_data (G_OBJECT (row), "orchard-run");
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "orchard-status-icon");
  GtkWidget *open = g_object_get_data (G_OBJECT (row), "orchard-open");
  OrchardRunStatus status = orchard_model_run_get_status (run);
  g_autofree char *params = run_params_text (run);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (status_label (status));
  const char *icon_name = NULL;

  /* Translators: a run in the list, "Run 3 · gbdt" */
  title = g_strdup_printf (_("%s · %s"), orchard_model_run_get_title (run), orchard_model_run_get_model_name (run));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (status == ORCHARD_RUN_FINISHED && orchard_model_run_get_artifact (run) != NULL)
    {
      OrchardTask task = orchard_model_run_get_task (run);
      const char *key = headline_key (task);
      OrchardPart part = orchard_model_run_get_metrics (run, ORCHARD_PART_VALID) != NULL
                         ? ORCHARD_PART_VALID : ORCHARD_PART_TEST;
      OrchardMetrics *metrics = orchard_model_run_get_metrics (run, part);
      double value;

      if (metrics != NULL && orchard_metrics_lookup (metrics, key, &value))
        {
          g_autofree char *number = _orchard_train_page_format_metric (key, value);

          g_string_append (subtitle, " · ");
          if (part == ORCHARD_PART_VALID)
            /* Translators: the headline metric of a run, "ROC AUC 0.981 (validation)" */
            g_string_append_printf (subtitle, _("%s %s (validation)"), _orchard_train_page_metric_label (key), number);
          else
            /* Translators: the headline metric of a run, "ROC AUC 0.981 (test)" */
            g_string_append_printf (subtitle, _("%s %s (test)"), _orchard_train_page_metric_label (key), number);
        }
    }
  if (status != ORCHARD_RUN_RUNNING)
    {
      g_autofree char *seconds = format_seconds (orchard_model_run_get_seconds (run));
      g_string_append_printf (subtitle, " · %s", seconds);
    }
  if (params != NULL)
    g_string_append_printf (subtitle, "\n%s", params);
  if (status == ORCHARD_RUN_FAILED && orchard_model_run_get_message (run) != NULL)
    g_string_append_printf (subtitle, "\n%s", orchard_model_run_get_message (run));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);

  switch (status)
    {
    case ORCHARD_RUN_RUNNING:
      icon_name = "media-playback-start-symbolic";
      break;
    case ORCHARD_RUN_FINISHED:
      icon_name = "emblem-ok-symbolic";
      break;
    case ORCHARD_RUN_FAILED:
      icon_name = "dialog-error-symbolic";
      break;
    case ORCHARD_RUN_CANCELLED:
      icon_name = "media-playback-stop-symbolic";
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_widget_set_tooltip_text (icon, status_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  status_label (status), -1);
  /* Only a trained model can be evaluated. (An actionable button's
   * sensitivity follows its action's, so it is hidden rather than dimmed.) */
  gtk_widget_set_visible (open, status == ORCHARD_RUN_FINISHED);
}

static OrchardProject *get_project (OrchardTrainPage *self);
static gint64          record_id   (OrchardModelRun  *run);
static void            record_failed (OrchardTrainPage *self,
                                      const char       *message);

/* The project keeps tags as keys (with empty values) and one note. */
static void
apply_tags (OrchardTrainPage *self,
            OrchardModelRun  *run,
            const char * const *old_tags)
{
  OrchardProject *project = get_project (self);
  const char * const *tags = orchard_model_run_get_tags (run);
  g_autoptr(GError) error = NULL;
  gint64 id = record_id (run);

  if (project == NULL || id == 0)
    return;

  for (guint i = 0; old_tags != NULL && old_tags[i] != NULL; i++)
    if (tags == NULL || !g_strv_contains (tags, old_tags[i]))
      if (!orchard_project_set_tag (project, id, old_tags[i], NULL, &error))
        {
          record_failed (self, error->message);
          return;
        }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (!orchard_project_set_tag (project, id, tags[i], "", &error))
      {
        record_failed (self, error->message);
        return;
      }
}

static void
tags_applied_cb (GtkEditable      *entry,
                 OrchardTrainPage *self)
{
  OrchardModelRun *run = g_object_get_data (G_OBJECT (entry), "orchard-run");
  g_auto(GStrv) tags = g_strsplit (gtk_editable_get_text (entry), ",", -1);
  g_auto(GStrv) old_tags = g_strdupv ((char **) orchard_model_run_get_tags (run));

  orchard_model_run_set_tags (run, (const char * const *) tags);
  apply_tags (self, run, (const char * const *) old_tags);
}

static void
note_applied_cb (GtkEditable      *entry,
                 OrchardTrainPage *self)
{
  OrchardModelRun *run = g_object_get_data (G_OBJECT (entry), "orchard-run");
  OrchardProject *project = get_project (self);
  g_autoptr(GError) error = NULL;

  orchard_model_run_set_note (run, gtk_editable_get_text (entry));
  if (project != NULL && record_id (run) != 0 &&
      !orchard_project_set_note (project, record_id (run), orchard_model_run_get_note (run), &error))
    record_failed (self, error->message);
}

static GtkWidget *
create_run_row (gpointer item,
                gpointer user_data)
{
  OrchardModelRun *run = item;
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *open = gtk_button_new_from_icon_name ("go-next-symbolic");
  GtkWidget *tags = adw_entry_row_new ();
  GtkWidget *note = adw_entry_row_new ();
  GtkWidget *actions = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Delete Run"));
  g_autofree char *joined = NULL;

  g_object_set_data_full (G_OBJECT (row), "orchard-run", g_object_ref (run), g_object_unref);
  g_object_set_data (G_OBJECT (row), "orchard-status-icon", icon);
  g_object_set_data (G_OBJECT (row), "orchard-open", open);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (open, "flat");
  gtk_widget_set_tooltip_text (open, _("Open on the Evaluate Page"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "train.show-run");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "s", orchard_model_run_get_id (run));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), open);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tags), _("Tags, separated by commas"));
  if (orchard_model_run_get_tags (run) != NULL)
    joined = g_strjoinv (", ", (char **) orchard_model_run_get_tags (run));
  gtk_editable_set_text (GTK_EDITABLE (tags), joined != NULL ? joined : "");
  /* Applied with Enter or the apply button, then recorded in the project. */
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (tags), TRUE);
  g_object_set_data_full (G_OBJECT (tags), "orchard-run", g_object_ref (run), g_object_unref);
  g_signal_connect (tags, "apply", G_CALLBACK (tags_applied_cb), user_data);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), tags);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (note), _("Note"));
  gtk_editable_set_text (GTK_EDITABLE (note), orchard_model_run_get_note (run) != NULL ? orchard_model_run_get_note (run) : "");
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (note), TRUE);
  g_object_set_data_full (G_OBJECT (note), "orchard-run", g_object_ref (run), g_object_unref);
  g_signal_connect (note, "apply", G_CALLBACK (note_applied_cb), user_data);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), note);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (actions), _("Remove this run from the list"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "train.delete-run");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", orchard_model_run_get_id (run));
  adw_action_row_add_suffix (ADW_ACTION_ROW (actions), remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), actions);

  g_signal_connect_object (run, "notify::status", G_CALLBACK (update_run_row), row, G_CONNECT_SWAPPED);
  update_run_row (row);

  return row;
}

static void
runs_changed_cb (OrchardTrainPage *self)
{
  GListModel *runs = self->session != NULL ? orchard_session_get_runs (self->session) : NULL;

  gtk_stack_set_visible_child_name (self->runs_stack,
                                    runs != NULL && g_list_model_get_n_items (runs) > 0 ? "list" : "empty");
}

static OrchardModelRun *
find_run (OrchardTrainPage *self,
          const char       *id)
{
  GListModel *runs = self->session != NULL ? orchard_session_get_runs (self->session) : NULL;

  for (guint i = 0; runs != NULL && i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(OrchardModelRun) run = g_list_model_get_item (runs, i);

      if (g_strcmp0 (orchard_model_run_get_id (run), id) == 0)
        return run;
    }
  return NULL;
}

static void
delete_run_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (widget);
  OrchardModelRun *run = find_run (self, g_variant_get_string (parameter, NULL));

  /* A run in progress is stopped, not deleted. */
  if (run == NULL || run == self->running)
    return;

  if (get_project (self) != NULL && record_id (run) != 0)
    {
      gint64 id = record_id (run);
      g_autoptr(GError) error = NULL;

      if (!orchard_project_delete_runs (get_project (self), &id, 1, &error))
        {
          record_failed (self, error->message);
          return;
        }
    }
  if (run == self->last_run)
    {
      g_clear_object (&self->last_run);
      clear_results (self);
    }
  orchard_session_remove_run (self->session, run);
}

static void
show_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  /* The window opens it on the Evaluate page. */
  if (!gtk_widget_activate_action_variant (widget, "win.show-run", parameter))
    gtk_widget_activate_action (widget, "win.show-phase", "s", "evaluate");
}

/* ---- the project -------------------------------------------------------- */

/* Runs in the worker thread: the run as running in the session's
 * project, before training starts (should the app die, the next opening
 * marks it failed). Recording never fails the training; it says why. */
static void
record_begin (TrainData *data)
{
  g_autoptr(GError) error = NULL;

  if (data->project == NULL)
    return;

  data->run_id = orchard_project_begin_run (data->project, data->dataset_id, data->target,
                                            data->model, data->seed, 0, &error);
  if (data->run_id == 0)
    data->record_error = g_strdup (error->message);
}

/* Runs in the worker thread: everything the training produced, or how it
 * ended. */
static void
record_end (TrainData       *data,
            OrchardTrainer  *trainer,
            OrchardArtifact *artifact,
            const GError    *failure)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->project == NULL || data->run_id == 0)
    return;

  if (failure == NULL)
    ok = orchard_project_record_training (data->project, data->run_id, trainer, artifact, &error);
  else
    ok = orchard_project_finish_run (data->project, data->run_id,
                                     g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                                       ? ORCHARD_RUN_CANCELLED : ORCHARD_RUN_FAILED,
                                     failure->message, &error);
  if (!ok)
    {
      data->record_error = g_strdup (error->message);
      return;
    }

  if (data->run != NULL)
    {
      g_autoptr(OrchardRun) record = orchard_project_get_run (data->project, data->run_id, &error);

      if (record == NULL)
        data->record_error = g_strdup (error->message);
      else
        orchard_model_run_set_record (data->run, record);
    }
}

static void
record_failed (OrchardTrainPage *self,
               const char       *message)
{
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                                         ADW_TYPE_TOAST_OVERLAY));
  /* Translators: %s is why the project file could not record a run */
  g_autofree char *text = g_strdup_printf (_("The run could not be recorded in the project: %s"),
                                           message);

  g_warning ("%s", text);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
}

/* The project's id of @run, or 0 when it is not recorded. */
static gint64
record_id (OrchardModelRun *run)
{
  OrchardRun *record = orchard_model_run_get_record (run);

  return record != NULL ? orchard_run_get_id (record) : 0;
}

static OrchardProject *
get_project (OrchardTrainPage *self)
{
  return self->session != NULL ? orchard_session_get_project (self->session) : NULL;
}

/* ---- training ----------------------------------------------------------- */

gboolean
orchard_train_progress_idle_cb (gpointer data)
{
  OrchardTrainProgress *p = data;
  g_autoptr(OrchardTrainPage) self = g_weak_ref_get (&p->page);
  g_autofree char *message = NULL;
  double fraction;

  g_mutex_lock (&p->mutex);
  fraction = p->fraction;
  message = g_strdup (p->message);
  p->idle_queued = FALSE;
  g_mutex_unlock (&p->mutex);

  /* Only the work in flight may move the bar. */
  if (self == NULL || (self->progress != p && self->search_progress != p))
    return G_SOURCE_REMOVE;

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, message);
  if (self->progress == p)
    queue_curve_update (self);
  else
    _orchard_train_page_show_candidates (self);

  return G_SOURCE_REMOVE;
}

/* Runs in the worker thread. */
void
orchard_train_progress_report (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  OrchardTrainProgress *p = user_data;
  gboolean queue;

  g_mutex_lock (&p->mutex);
  p->fraction = fraction;
  if (message != NULL)
    {
      g_free (p->message);
      p->message = g_strdup (message);
    }
  queue = !p->idle_queued;
  p->idle_queued = TRUE;
  g_mutex_unlock (&p->mutex);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, orchard_train_progress_idle_cb, orchard_train_progress_ref (p),
                     (GDestroyNotify) orchard_train_progress_unref);
}

#ifdef __linux__
static void
lower_this_thread (void)
{
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int nice = getpriority (PRIO_PROCESS, tid);

  if (nice < 10)
    setpriority (PRIO_PROCESS, tid, 10);
}
#endif

/* Training yields to the main loop, as the session's background work does:
 * on Linux, nice is per thread and inherited by the threads a thread
 * starts. A pool thread stays at this level; it only ever runs background
 * work. OpenMP keeps the team of a thread that ran a parallel loop before
 * (another job on the same pool thread, started before it was lowered):
 * those threads are lowered too, or they would take the cores from the
 * main loop. */
void
orchard_train_lower_thread_priority (void)
{
#ifdef __linux__
  lower_this_thread ();
# ifdef _OPENMP
#  pragma omp parallel num_threads (orchard_get_threads ())
  lower_this_thread ();
# endif
#endif
}

static void
train_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TrainData *data = task_data;
  g_autoptr(OrchardTrainer) trainer = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) error = NULL;

  orchard_train_lower_thread_priority ();
  record_begin (data);
  trainer = orchard_trainer_new (data->table, data->target, data->model);
  if (data->pipeline != NULL)
    orchard_trainer_set_pipeline (trainer, data->pipeline, NULL);
  else
    orchard_trainer_set_automatic_pipeline (trainer, orchard_model_get_family (data->model));
  orchard_trainer_set_split (trainer, data->split);
  orchard_trainer_set_seed (trainer, data->seed);

  artifact = orchard_trainer_train (trainer, orchard_train_progress_report, data->progress, cancellable, &error);
  if (artifact != NULL)
    data->run = orchard_model_run_new_from_trainer (trainer, artifact, data->table, NULL, cancellable,
                                              &error);
  record_end (data, trainer, artifact, data->run == NULL ? error : NULL);

  data->trainer = g_steal_pointer (&trainer);
  if (data->run == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
end_training (OrchardTrainPage *self)
{
  g_clear_handle_id (&self->curve_timeout_id, g_source_remove);
  if (self->n_curve_points == 0)
    gtk_stack_set_visible_child_name (self->curve_stack, "none");

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, orchard_train_progress_unref);
  g_clear_object (&self->fitting);
  g_clear_object (&self->running);

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_spinner_stop (self->spinner);
  _orchard_train_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
}

static void
train_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(OrchardTrainPage) self = user_data;
  GTask *task = G_TASK (result);
  TrainData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  OrchardModelRun *running;

  /* Superseded (the page moved to other data): nothing to show. */
  if (g_task_get_cancellable (task) != self->cancellable || self->running == NULL)
    {
      g_task_propagate_boolean (task, NULL);
      return;
    }

  running = self->running;
  if (g_task_propagate_boolean (task, &error))
    {
      OrchardModelRun *run = data->run;

      /* The last points, however recent the last update. */
      update_curve (self);

      orchard_model_run_set_id (run, orchard_model_run_get_id (running));
      orchard_model_run_set_title (run, orchard_model_run_get_title (running));
      orchard_model_run_set_tags (run, orchard_model_run_get_tags (running));
      orchard_model_run_set_note (run, orchard_model_run_get_note (running));
      orchard_session_replace_run (self->session, running, run);
      g_set_object (&self->last_run, run);
      show_results (self, run);
    }
  else
    {
      /* The model dropped its curve with its fit: the run keeps what was drawn. */
      orchard_model_run_set_seconds (running, (g_get_monotonic_time () - self->started) / (double) G_USEC_PER_SEC);
      orchard_model_run_set_history (running, (const OrchardHistoryEntry *) self->curve_entries->data,
                                     self->curve_entries->len);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        orchard_model_run_set_status (running, ORCHARD_RUN_CANCELLED);
      else
        {
          AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                                                 ADW_TYPE_TOAST_OVERLAY));
          orchard_model_run_set_message (running, error->message);
          orchard_model_run_set_status (running, ORCHARD_RUN_FAILED);
          if (overlay != NULL)
            {
              /* Translators: %s is why training failed */
              g_autofree char *text = g_strdup_printf (_("Training failed: %s"), error->message);
              AdwToast *toast = adw_toast_new (text);

              adw_toast_set_timeout (toast, 0);
              adw_toast_overlay_add_toast (overlay, toast);
            }
        }
      if (data->project != NULL && data->run_id != 0 && data->record_error == NULL)
        {
          g_autoptr(GError) record_error = NULL;
          g_autoptr(OrchardRun) record = orchard_project_get_run (data->project, data->run_id,
                                                                  &record_error);

          if (record != NULL)
            orchard_model_run_set_record (running, record);
          else
            data->record_error = g_strdup (record_error->message);
        }
      g_set_object (&self->last_run, running);
      clear_results (self);
    }

  if (data->record_error != NULL)
    record_failed (self, data->record_error);
  end_training (self);
}

static void
scroll_to_curve (OrchardTrainPage *self)
{
  GtkWidget *content = gtk_scrolled_window_get_child (self->scrolled);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled);
  graphene_point_t point;

  if (gtk_widget_compute_point (GTK_WIDGET (self->curve_group), content,
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_adjustment_set_value (adjustment, point.y - 12);
}

void
_orchard_train_page_train_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (widget);
  OrchardTable *table = _orchard_train_page_get_table (self);
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autoptr(OrchardModelRun) run = NULL;
  g_autoptr(GVariant) params = NULL;
  TrainData *data;
  double fractions[ORCHARD_N_PARTS];

  if (self->cancellable != NULL || table == NULL || draft == NULL || _orchard_train_page_get_target_name (self) == NULL ||
      self->split == NULL || self->param_problem != NULL)
    return;

  /* Everything the worker reads is a copy, or immutable (the table). */
  data = g_new0 (TrainData, 1);
  data->table = g_object_ref (table);
  data->target = g_strdup (_orchard_train_page_get_target_name (self));
  data->model = orchard_model_new_by_name (self->learner, NULL);
  params = g_variant_ref_sink (orchard_model_get_params (draft));
  if (!orchard_model_set_params (data->model, params, &error))
    {
      /* The form keeps every value in range; a text parameter is checked as typed. */
      g_critical ("%s", error->message);
      train_data_free (data);
      return;
    }
  if (adw_combo_row_get_selected (self->pipeline_row) == 1 &&
      orchard_session_get_pipeline (self->session) != NULL)
    {
      g_autoptr(JsonNode) spec = orchard_pipeline_to_json (orchard_session_get_pipeline (self->session));

      data->pipeline = orchard_pipeline_new_from_json (spec, NULL, &error);
      if (data->pipeline == NULL)
        {
          g_critical ("%s", error->message);
          train_data_free (data);
          return;
        }
    }
  data->split = orchard_split_new (orchard_split_get_method (self->split));
  if (orchard_split_get_column (self->split) != NULL)
    g_object_set (data->split, "column", orchard_split_get_column (self->split), NULL);
  orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);
  orchard_split_set_fractions (data->split, fractions[0], fractions[1], fractions[2], NULL);
  data->seed = orchard_split_get_seed (self->split);
  if (get_project (self) != NULL && orchard_session_get_dataset_id (self->session) > 0)
    {
      data->project = g_object_ref (get_project (self));
      data->dataset_id = orchard_session_get_dataset_id (self->session);
    }

  self->progress = orchard_train_progress_new (self);
  data->progress = orchard_train_progress_ref (self->progress);
  self->cancellable = g_cancellable_new ();
  self->fitting = g_object_ref (data->model);
  self->started = g_get_monotonic_time ();
  self->last_curve_update = 0;

  /* The run is listed while it trains. */
  self->next_run++;
  id = g_strdup_printf ("run-%u", self->next_run);
  /* Translators: the name of the n-th run of a window */
  title = g_strdup_printf (_("Run %u"), self->next_run);
  run = orchard_model_run_new (id, title, self->learner, params);
  self->running = g_object_ref (run);
  orchard_session_add_run (self->session, run);

  reset_curve (self);
  clear_results (self);
  orchard_plot_set_title (ORCHARD_PLOT (self->curve), title);
  gtk_stack_set_visible_child_name (self->curve_stack, "plot");
  gtk_widget_set_visible (GTK_WIDGET (self->curve_group), TRUE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Starting"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_spinner_start (self->spinner);

  task = g_task_new (NULL, self->cancellable, train_cb, g_object_ref (self));
  g_task_set_source_tag (task, _orchard_train_page_train_action);
  g_task_set_task_data (task, data, (GDestroyNotify) train_data_free);
  g_task_run_in_thread (task, train_worker);

  _orchard_train_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING]);
  scroll_to_curve (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Stopping"));
}

void
_orchard_train_page_update_actions (OrchardTrainPage *self)
{
  gboolean training = self->cancellable != NULL;
  gboolean searching = self->search_cancellable != NULL;
  gboolean ready = _orchard_train_page_get_draft (self) != NULL && _orchard_train_page_get_target_name (self) != NULL && self->split != NULL &&
                   self->param_problem == NULL;

  /* One job at a time: the two would share the same cores. The page stays
   * usable otherwise (runs, tags, the Evaluate page). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.train", ready && !training && !searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.search", ready && !training && !searching);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.train-best",
                                 ready && !training && !searching && self->best_candidate >= 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.cancel", training || searching);
  gtk_widget_set_visible (self->draws_row, adw_combo_row_get_selected (self->strategy_row) == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "train.reset-params", _orchard_train_page_get_draft (self) != NULL);
  /* The learner, the form and the search settings stay editable while a
   * job runs: it works on copies, and the next run takes the edits.
   * (Dimming them would also relayout every wrapped subtitle of the page
   * at once, a stall of about 100 ms here.) */
}

/* Stops the training in flight without a trace: its data went away. */
static void
abandon_training (OrchardTrainPage *self)
{
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  if (self->running != NULL && self->session != NULL)
    orchard_session_remove_run (self->session, self->running);
  end_training (self);
}

/* ---- the session --------------------------------------------------------- */

static void
table_changed_cb (OrchardTrainPage *self)
{
  OrchardTable *table = _orchard_train_page_get_table (self);

  /* Training reads a table of its own: only another target or data set
   * stops it, and it would end with a run of data no longer shown. */
  if (self->cancellable != NULL && (table == NULL || orchard_table_get_target (table) < 0))
    abandon_training (self);

  update_stack (self);
  update_learners (self);
  _orchard_train_page_update_actions (self);
}

static void
split_changed_cb (OrchardTrainPage *self)
{
  bind_split (self, self->session != NULL ? orchard_session_get_split (self->session) : NULL);
  _orchard_train_page_update_actions (self);
}

void
orchard_train_page_set_session (OrchardTrainPage *self,
                                OrchardSession   *session)
{
  g_return_if_fail (ORCHARD_IS_TRAIN_PAGE (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  abandon_training (self);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (orchard_session_get_runs (self->session), self);
    }
  g_set_object (&self->session, session);
  gtk_list_box_bind_model (self->runs_list, NULL, NULL, NULL, NULL);

  if (session != NULL)
    {
      g_signal_connect_swapped (session, "notify::table", G_CALLBACK (table_changed_cb), self);
      g_signal_connect_swapped (session, "notify::split", G_CALLBACK (split_changed_cb), self);
      g_signal_connect_swapped (session, "notify::automatic", G_CALLBACK (update_pipeline_choice), self);
      g_signal_connect_swapped (orchard_session_get_runs (session), "items-changed",
                                G_CALLBACK (runs_changed_cb), self);
      gtk_list_box_bind_model (self->runs_list, orchard_session_get_runs (session),
                               create_run_row, self, NULL);
    }

  bind_split (self, session != NULL ? orchard_session_get_split (session) : NULL);
  update_pipeline_choice (self);
  runs_changed_cb (self);
  table_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- the class ----------------------------------------------------------- */

static void
orchard_train_page_dispose (GObject *object)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->search_cancellable != NULL)
    g_cancellable_cancel (self->search_cancellable);
  g_clear_handle_id (&self->curve_timeout_id, g_source_remove);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (orchard_session_get_runs (self->session), self);
    }
  bind_split (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_TRAIN_PAGE);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, orchard_train_progress_unref);
  g_clear_object (&self->fitting);
  g_clear_object (&self->running);
  g_clear_object (&self->last_run);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_progress, orchard_train_progress_unref);
  g_clear_object (&self->tuner);

  G_OBJECT_CLASS (orchard_train_page_parent_class)->dispose (object);
}

static void
orchard_train_page_finalize (GObject *object)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (object);

  g_clear_pointer (&self->learner_rows, g_ptr_array_unref);
  g_clear_pointer (&self->learner_checks, g_ptr_array_unref);
  g_clear_pointer (&self->drafts, g_hash_table_unref);
  g_clear_pointer (&self->learner, g_free);
  g_clear_pointer (&self->param_rows, g_ptr_array_unref);
  g_clear_pointer (&self->controls, g_hash_table_unref);
  g_clear_pointer (&self->param_problem, g_free);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_pointer (&self->curve_entries, g_array_unref);
  g_clear_pointer (&self->space_entries, g_ptr_array_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->candidate_rows, g_ptr_array_unref);
  g_clear_pointer (&self->search_metric, g_free);

  G_OBJECT_CLASS (orchard_train_page_parent_class)->finalize (object);
}

static void
orchard_train_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_TRAINING:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    case PROP_SEARCHING:
      g_value_set_boolean (value, self->search_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_train_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_train_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_train_page_class_init (OrchardTrainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_train_page_dispose;
  object_class->finalize = orchard_train_page_finalize;
  object_class->get_property = orchard_train_page_get_property;
  object_class->set_property = orchard_train_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING] =
    g_param_spec_boolean ("training", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-train-page.ui");
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, scrolled);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, model_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, model_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, params_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, train_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, valid_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, test_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, curve_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, curve_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, curve_box);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, results_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, runs_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, runs_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, search_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, space_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, strategy_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, draws_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, draws_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, scoring_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, halving_switch);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, search_problem);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, candidates_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardTrainPage, candidates_list);

  gtk_widget_class_install_action (widget_class, "train.train", NULL, _orchard_train_page_train_action);
  gtk_widget_class_install_action (widget_class, "train.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "train.reset-params", NULL, reset_params_action);
  gtk_widget_class_install_action (widget_class, "train.delete-run", "s", delete_run_action);
  gtk_widget_class_install_action (widget_class, "train.show-run", "s", show_run_action);
  gtk_widget_class_install_action (widget_class, "train.search", NULL, _orchard_train_page_search_action);
  gtk_widget_class_install_action (widget_class, "train.train-best", NULL, _orchard_train_page_train_best_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "train.train", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "train.train", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "train.cancel", NULL);
}

static void
orchard_train_page_init (OrchardTrainPage *self)
{
  OrchardPlotAxis *x_axis;
  OrchardPlotAxis *y_axis;

  self->learner_rows = g_ptr_array_new ();
  self->learner_checks = g_ptr_array_new ();
  self->drafts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->param_rows = g_ptr_array_new ();
  self->controls = g_hash_table_new (g_str_hash, g_str_equal);
  self->shown = g_ptr_array_new_with_free_func ((GDestroyNotify) shown_free);
  self->curve_entries = g_array_new (FALSE, FALSE, sizeof (OrchardHistoryEntry));
  self->space_entries = g_ptr_array_new ();
  self->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_tuner_candidate_free);
  self->candidate_rows = g_ptr_array_new ();
  self->best_candidate = -1;
  self->marked_iteration = -1;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->curve = orchard_line_plot_new ();
  gtk_widget_set_size_request (self->curve, -1, 280);
  gtk_widget_set_hexpand (self->curve, TRUE);
  x_axis = orchard_plot_get_x_axis (ORCHARD_PLOT (self->curve));
  y_axis = orchard_plot_get_y_axis (ORCHARD_PLOT (self->curve));
  orchard_plot_axis_set_title (x_axis, _("Iteration"));
  orchard_plot_axis_set_title (y_axis, _("Loss"));
  gtk_box_append (self->curve_box, self->curve);
  reset_curve (self);

  g_signal_connect_swapped (self->train_spin, "value-changed", G_CALLBACK (share_changed_cb), self);
  g_signal_connect_swapped (self->valid_spin, "value-changed", G_CALLBACK (share_changed_cb), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed", G_CALLBACK (seed_changed_cb), self);
  g_signal_connect_swapped (self->strategy_row, "notify::selected", G_CALLBACK (_orchard_train_page_update_actions), self);

  build_learners (self);
  update_stack (self);
  update_learners (self);
  _orchard_train_page_update_actions (self);
}

/* ---- public -------------------------------------------------------------- */

OrchardSession *
orchard_train_page_get_session (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->session;
}

/**
 * orchard_train_page_get_state:
 *
 * Returns: what the page shows: "no-data", "no-target" or "train"
 */
const char *
orchard_train_page_get_state (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * orchard_train_page_select_learner:
 * @self: a page
 * @name: a learner's registry name
 *
 * Chooses a learner, as clicking its row does.
 *
 * Returns: %FALSE if its row is insensitive (it cannot do the task)
 */
gboolean
orchard_train_page_select_learner (OrchardTrainPage *self,
                                   const char       *name)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), FALSE);

  for (guint i = 0; i < self->learner_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->learner_rows, i);

      if (!g_str_equal (gtk_widget_get_name (row), name))
        continue;
      if (!gtk_widget_is_sensitive (row))
        return FALSE;
      gtk_widget_activate (row);
      return g_strcmp0 (self->learner, name) == 0;
    }

  return FALSE;
}

const char *
orchard_train_page_get_learner (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->learner;
}

/**
 * orchard_train_page_get_learner_row:
 *
 * Returns: (transfer none) (nullable): the row of learner @name
 */
GtkWidget *
orchard_train_page_get_learner_row (OrchardTrainPage *self,
                                    const char       *name)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);

  for (guint i = 0; i < self->learner_rows->len; i++)
    if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (self->learner_rows, i)), name))
      return g_ptr_array_index (self->learner_rows, i);
  return NULL;
}

/**
 * orchard_train_page_get_draft:
 *
 * Returns: (transfer none) (nullable): the model whose parameters the form
 *   edits; training fits a copy of it
 */
OrchardModel *
orchard_train_page_get_draft (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return _orchard_train_page_get_draft (self);
}

/**
 * orchard_train_page_get_param_control:
 *
 * Returns: (transfer none) (nullable): the widget that edits parameter
 *   @name: a #GtkSpinButton, #GtkSwitch, #AdwComboRow or #AdwEntryRow
 */
GtkWidget *
orchard_train_page_get_param_control (OrchardTrainPage *self,
                                      const char       *name)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return g_hash_table_lookup (self->controls, name);
}

AdwComboRow *
orchard_train_page_get_pipeline_row (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->pipeline_row;
}

/**
 * orchard_train_page_get_share_spin:
 * @part: %ORCHARD_PART_TRAIN or %ORCHARD_PART_VALID (the test share is
 *   the rest)
 */
GtkSpinButton *
orchard_train_page_get_share_spin (OrchardTrainPage *self,
                                   OrchardPart       part)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  g_return_val_if_fail (part == ORCHARD_PART_TRAIN || part == ORCHARD_PART_VALID, NULL);
  return part == ORCHARD_PART_TRAIN ? self->train_spin : self->valid_spin;
}

GtkSpinButton *
orchard_train_page_get_seed_spin (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->seed_spin;
}

gboolean
orchard_train_page_get_training (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * orchard_train_page_get_last_run:
 *
 * Returns: (transfer none) (nullable): the run that ended last on this
 *   page, finished, stopped or failed
 */
OrchardModelRun *
orchard_train_page_get_last_run (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->last_run;
}

/**
 * orchard_train_page_get_curve:
 *
 * Returns: (transfer none): the learning curve, an #OrchardLinePlot with
 *   the training loss (series 0), the validation loss (1) and, once the
 *   learner stopped early, a vertical line at the kept iteration (2)
 */
GtkWidget *
orchard_train_page_get_curve (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->curve;
}

/**
 * orchard_train_page_get_n_curve_updates:
 *
 * Returns: how many times the curve grew, over every run of the page
 */
guint
orchard_train_page_get_n_curve_updates (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), 0);
  return self->n_curve_updates;
}

/**
 * orchard_train_page_get_marked_iteration:
 *
 * Returns: the iteration the curve marks as the early-stopping point, or -1
 */
int
orchard_train_page_get_marked_iteration (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), -1);
  return self->marked_iteration;
}

/**
 * orchard_train_page_get_metric:
 * @self: a page
 * @part: a part
 * @key: a metric key, e.g. "accuracy"
 * @value: (out) (optional): the value shown
 * @text: (out) (optional) (transfer none): how it is shown
 *
 * Returns: whether the Results group shows metric @key of @part
 */
gboolean
orchard_train_page_get_metric (OrchardTrainPage  *self,
                               OrchardPart        part,
                               const char        *key,
                               double            *value,
                               const char       **text)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), FALSE);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, FALSE);

  for (guint i = 0; i < self->shown->len; i++)
    {
      Shown *shown = g_ptr_array_index (self->shown, i);

      if (!g_str_equal (shown->key, key) || shown->texts[part] == NULL)
        continue;
      if (value != NULL)
        *value = shown->values[part];
      if (text != NULL)
        *text = shown->texts[part];
      return TRUE;
    }

  return FALSE;
}

GtkListBox *
orchard_train_page_get_runs_list (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->runs_list;
}
