/* orchard-evaluate-page.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-evaluate-page.h"
#include "orchard-plots.h"
#include "orchard-recorded-runs.h"
#include "orchard-progress-relay.h"

#ifdef __linux__
# include <sys/resource.h>
# include <sys/syscall.h>
# include <unistd.h>
#endif

/**
 * OrchardEvaluatePage:
 *
 * The Evaluate phase: the session's runs, one selected and others ticked
 * for comparison. For the selected run it shows metric cards for the
 * validation and test rows with percentile bootstrap intervals (computed in
 * a thread) and the gap to the training rows; for a binary classifier a
 * threshold slider that recomputes the confusion matrix and precision,
 * recall and F1 as it moves, the engine's threshold choices (F1, Youden's
 * J, cost) and saving the threshold into the run's bundle; the plots of
 * its task, the curves overlaid for the compared runs; a table of the
 * compared runs sortable by any column, with the parameters that differ;
 * cross-validation of the compared runs (in a thread) for their spread, a
 * corrected t-test between them and the metric against training size; and
 * the readiness verdict against bars the user sets. Every number comes
 * from the engine: the page only computes what it draws.
 *
 * Actions, on the page: `evaluate.choose-threshold` (s: "f1", "youden" or
 * "cost"), `evaluate.save-threshold`, `evaluate.cross-validate`,
 * `evaluate.importance` and `evaluate.cancel`.
 */

#define PLOT_HEIGHT   300

typedef enum
{
  JOB_NONE,
  JOB_INTERVALS,
  JOB_CROSS_VALIDATE,
  JOB_IMPORTANCE,
} JobKind;

typedef enum
{
  COLUMN_TITLE,
  COLUMN_MODEL,
  COLUMN_DATA,
  COLUMN_METRIC,
  COLUMN_PARAM,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  char       *key;
  GHashTable *metrics;  /* OrchardModelRun → OrchardMetrics at its threshold */
} ColumnSpec;

typedef struct
{
  double  value;
  char   *text;
} Shown;

struct _OrchardEvaluatePage
{
  GtkWidget            parent_instance;

  OrchardSession      *session;
  GListModel          *runs;
  OrchardModelRun     *run;
  GHashTable          *compared;       /* OrchardModelRun → itself, ticked runs */
  GPtrArray           *run_rows;
  OrchardPart          part;
  gboolean             updating;
  /* Work put off while the page is hidden: a training run ending on the
   * Train page must not rebuild a page nobody sees (see refresh ()). */
  gboolean             stale_rows;     /* the list of runs, the comparison and plots */
  gboolean             stale_run;      /* everything shown of the selected run */
  guint                refresh_id;

  /* The selected run's metrics at its bundle's threshold. */
  OrchardMetrics      *metrics[ORCHARD_N_PARTS];
  GHashTable          *shown;          /* "part\x1fkey" → Shown */
  GHashTable          *intervals;      /* "part\x1fkey" → OrchardInterval */
  GHashTable          *interval_text;  /* "part\x1fkey" → char * */
  OrchardReadiness    *readiness;
  GPtrArray           *check_rows;
  char                *threshold_summary;
  char                *stats_text;

  /* The background job: at most one, a newer one cancels the older. */
  JobKind              job;
  GCancellable        *cancellable;
  OrchardProgressRelay *progress;

  GListStore          *compare_store;
  GHashTable          *compare_metrics;  /* OrchardModelRun → OrchardMetrics at its threshold */
  GtkSortListModel    *compare_sorted;

  GtkWidget           *roc_plot;
  GtkWidget           *pr_plot;
  GtkWidget           *calibration_plot;
  GtkWidget           *gains_plot;
  GtkWidget           *confusion_plot;
  GtkWidget           *scatter_plot;
  GtkWidget           *residual_plot;
  GtkWidget           *learning_plot;
  GtkWidget           *size_plot;
  GtkWidget           *cv_plot;
  GtkWidget           *importance_plot;
  GtkWidget           *importance_button;
  GtkWidget           *importance_status;
  GHashTable          *plot_cards;     /* plot → its card */
  GCancellable        *plot_cancellable;  /* the curves being computed */
  OrchardSizePoint    *size_points;
  guint                n_size_points;
  char                *size_metric;
  OrchardModelRun     *size_run;

  GtkStack            *stack;
  OrchardRecordedRuns *recorded;
  OrchardRecordedRuns *empty_recorded;
  GtkRevealer         *progress_revealer;
  GtkProgressBar      *progress_bar;
  GtkListBox          *runs_list;
  AdwPreferencesGroup *metrics_group;
  GtkFlowBox          *cards_box;
  AdwPreferencesGroup *threshold_group;
  GtkAdjustment       *threshold_adjustment;
  GtkLabel            *threshold_summary_label;
  GtkSpinButton       *cost_fp_spin;
  GtkSpinButton       *cost_fn_spin;
  GtkLabel            *saved_label;
  AdwPreferencesGroup *plots_group;
  GtkDropDown         *part_dropdown;
  GtkStringList       *part_labels;
  GtkFlowBox          *plots_box;
  AdwPreferencesGroup *compare_group;
  GtkCheckButton      *all_params_check;
  GtkColumnView       *compare_view;
  GtkLabel            *stats_label;
  GtkSpinButton       *cv_folds_spin;
  GtkSpinButton       *cv_repeats_spin;
  GtkSpinButton       *cv_seed_spin;
  GtkSpinButton       *importance_repeats_spin;
  AdwActionRow        *verdict_row;
  GtkImage            *verdict_icon;
  GtkListBox          *readiness_list;
  GtkDropDown         *bar_metric_dropdown;
  GtkStringList       *bar_metric_labels;
  GtkSpinButton       *bar_value_spin;
  GtkSpinButton       *bar_gap_spin;
  GtkSpinButton       *bar_std_spin;
};

G_DEFINE_FINAL_TYPE (OrchardEvaluatePage, orchard_evaluate_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RUN,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_all (OrchardEvaluatePage *self);
static void update_threshold (OrchardEvaluatePage *self);
static void update_comparison (OrchardEvaluatePage *self);
static void update_readiness (OrchardEvaluatePage *self);
static void start_intervals (OrchardEvaluatePage *self);

/* ---- What things are called and how numbers read ------------------------------------ */

static const char *
metric_label (const char *key)
{
  static const struct {
    const char *key;
    const char *label;
  } labels[] = {
    { "accuracy", N_("Accuracy") },
    { "balanced_accuracy", N_("Balanced accuracy") },
    { "precision", N_("Precision") },
    { "recall", N_("Recall") },
    { "specificity", N_("Specificity") },
    { "f1", N_("F1") },
    { "mcc", N_("Matthews correlation") },
    { "roc_auc", N_("ROC AUC") },
    { "average_precision", N_("Average precision") },
    { "log_loss", N_("Log loss") },
    { "brier", N_("Brier score") },
    { "precision_macro", N_("Precision (macro)") },
    { "recall_macro", N_("Recall (macro)") },
    { "f1_macro", N_("F1 (macro)") },
    { "f1_weighted", N_("F1 (weighted)") },
    { "roc_auc_ovr", N_("ROC AUC (one vs rest)") },
    { "r2", N_("R²") },
    { "rmse", N_("RMSE") },
    { "mse", N_("MSE") },
    { "mae", N_("MAE") },
    { "mape", N_("MAPE") },
    { "median_ae", N_("Median absolute error") },
    { "max_error", N_("Largest error") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].key, key))
      return _(labels[i].label);
  return key;
}

/* The metrics the cards show, headline first. */
static const char * const *
card_keys (OrchardTask task)
{
  static const char * const binary[] = {
    "roc_auc", "average_precision", "f1", "accuracy", "precision", "recall", "log_loss", "brier", NULL
  };
  static const char * const multiclass[] = {
    "f1_macro", "accuracy", "balanced_accuracy", "roc_auc_ovr", "precision_macro", "recall_macro",
    "mcc", "log_loss", NULL
  };
  static const char * const regression[] = { "r2", "rmse", "mae", "median_ae", NULL };

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

static OrchardMetricsTask
metrics_task (OrchardTask task)
{
  switch (task)
    {
    case ORCHARD_TASK_BINARY:
      return ORCHARD_METRICS_TASK_BINARY;
    case ORCHARD_TASK_MULTICLASS:
      return ORCHARD_METRICS_TASK_MULTICLASS;
    case ORCHARD_TASK_REGRESSION:
    default:
      return ORCHARD_METRICS_TASK_REGRESSION;
    }
}

/* Metrics that change with the decision threshold. */
static gboolean
threshold_dependent (const char *key)
{
  static const char * const keys[] = {
    "accuracy", "balanced_accuracy", "precision", "recall", "specificity", "f1", "mcc", NULL
  };

  return g_strv_contains (keys, key);
}

/* Scores between 0 and 1 read best with three decimals; errors in the
 * target's own unit with four significant digits (as the Train page). */
static char *
format_metric (const char *key,
               double      value)
{
  if (isnan (value))
    return g_strdup ("—");
  if (g_str_equal (key, "rmse") || g_str_equal (key, "mae") || g_str_equal (key, "log_loss") ||
      g_str_equal (key, "mse") || g_str_equal (key, "median_ae") || g_str_equal (key, "max_error") ||
      g_str_equal (key, "mape"))
    return g_strdup_printf ("%.4g", value);
  return g_strdup_printf ("%.3f", value);
}

static const char *
part_label (OrchardPart part)
{
  switch (part)
    {
    case ORCHARD_PART_TRAIN:
      return _("Training");
    case ORCHARD_PART_VALID:
      return _("Validation");
    case ORCHARD_PART_TEST:
    default:
      return _("Test");
    }
}

static char *
shown_key (OrchardPart  part,
           const char  *key)
{
  return g_strdup_printf ("%u\x1f%s", part, key);
}

static void
shown_free (gpointer data)
{
  Shown *shown = data;

  g_free (shown->text);
  g_free (shown);
}

/* ---- Progress of the background job -------------------------------------------------- */

/* Background work yields to the main loop, as the session's does: on Linux
 * nice is per thread, and the pool's threads only ever run background
 * work, so they stay at this level. */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);
  int nice = getpriority (PRIO_PROCESS, tid);

  if (nice < 10)
    setpriority (PRIO_PROCESS, tid, 10);
#endif
}

/* A finished job's last report comes too late to show. */
static void
show_progress (gpointer              owner,
               OrchardProgressRelay *relay,
               double                fraction,
               const char           *message)
{
  OrchardEvaluatePage *self = owner;

  if (self->progress == relay)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      gtk_progress_bar_set_text (self->progress_bar, message);
    }
}

/* A part of a job's progress: fraction of the whole = base + share × own. */
typedef struct
{
  OrchardProgressRelay *progress;
  double                base;
  double                share;
  const char           *prefix;
} Stage;

static void
stage_report (double      fraction,
              const char *message,
              gpointer    user_data)
{
  Stage *stage = user_data;
  g_autofree char *text = NULL;

  if (stage->prefix != NULL && message != NULL)
    /* Translators: what is being worked on, then what the engine says, e.g. "Logistic: fold 2 of 5" */
    text = g_strdup_printf (_("%s: %s"), stage->prefix, message);

  orchard_progress_relay_report (stage->base + stage->share * CLAMP (fraction, 0, 1),
                   text != NULL ? text : stage->prefix != NULL ? stage->prefix : message,
                   stage->progress);
}

static void
end_job (OrchardEvaluatePage *self)
{
  self->job = JOB_NONE;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, orchard_progress_relay_unref);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.cancel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.cross-validate", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.importance", TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_job (OrchardEvaluatePage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->job != JOB_NONE)
    end_job (self);
}

static GCancellable *
begin_job (OrchardEvaluatePage *self,
           JobKind              job,
           const char          *message)
{
  cancel_job (self);

  self->job = job;
  self->cancellable = g_cancellable_new ();
  self->progress = orchard_progress_relay_new (self, show_progress);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, message);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.cancel", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.cross-validate", job != JOB_CROSS_VALIDATE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.importance", job != JOB_IMPORTANCE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  return self->cancellable;
}

/* ---- The selected run's metrics ------------------------------------------------------ */

/* The metrics of @part at the bundle's threshold: the trainer's, unless the
 * threshold has been changed since, then computed again by the engine from
 * the kept outputs. */
static OrchardMetrics *
compute_metrics (OrchardModelRun *run,
                 OrchardPart      part)
{
  OrchardMetrics *trained = orchard_model_run_get_metrics (run, part);
  const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (run, part);
  double threshold = orchard_model_run_get_threshold (run);
  g_autoptr(GError) error = NULL;
  OrchardMetrics *metrics;

  if (trained == NULL)
    return NULL;
  if (orchard_model_run_get_task (run) != ORCHARD_TASK_BINARY ||
      orchard_metrics_get_threshold (trained) == threshold || p == NULL)
    return g_object_ref (trained);

  metrics = orchard_metrics_new_binary (p->classes, p->positive, NULL, p->n_rows, threshold,
                                        orchard_model_run_get_class_labels (run), &error);
  if (metrics == NULL)
    g_warning ("Metrics at threshold %g: %s", threshold, error->message);

  return metrics;
}

static GtkWidget *
make_label (const char *css_class,
            double      xalign)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
remember (OrchardEvaluatePage *self,
          OrchardPart          part,
          const char          *key,
          double               value,
          const char          *text)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->value = value;
  shown->text = g_strdup (text);
  g_hash_table_replace (self->shown, shown_key (part, key), shown);
}

/* The line under a card's value: its interval, when computed. */
static char *
interval_line (OrchardEvaluatePage *self,
               OrchardPart          part,
               const char          *key)
{
  g_autofree char *id = shown_key (part, key);
  const char *text = g_hash_table_lookup (self->interval_text, id);

  if (text != NULL)
    return g_strdup (text);
  if (self->job == JOB_INTERVALS)
    return g_strdup (_("Interval: computing…"));
  return NULL;
}

static void
update_cards (OrchardEvaluatePage *self)
{
  const char * const *keys;
  OrchardMetrics *train;
  GtkWidget *child;
  double threshold;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->cards_box))) != NULL)
    gtk_flow_box_remove (self->cards_box, child);
  g_hash_table_remove_all (self->shown);

  if (self->run == NULL)
    return;

  keys = card_keys (orchard_model_run_get_task (self->run));
  train = orchard_model_run_get_metrics (self->run, ORCHARD_PART_TRAIN);
  threshold = orchard_model_run_get_threshold (self->run);

  for (guint k = 0; keys[k] != NULL; k++)
    {
      const char *key = keys[k];
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      GtkWidget *name = make_label ("caption-heading", 0);
      g_autoptr(GString) accessible = g_string_new (metric_label (key));
      gboolean any = FALSE;
      double cv_mean = NAN, cv_std = NAN;
      gsize n_folds = 0;
      const double *folds;

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "metric-card");
      gtk_label_set_label (GTK_LABEL (name), metric_label (key));
      gtk_box_append (GTK_BOX (card), name);

      for (OrchardPart part = ORCHARD_PART_VALID; part <= ORCHARD_PART_TEST; part++)
        {
          OrchardMetrics *metrics = self->metrics[part];
          GtkWidget *value_label, *interval_label;
          g_autofree char *value_text = NULL;
          g_autofree char *line = NULL;
          g_autofree char *interval = NULL;
          double value;

          if (metrics == NULL || !orchard_metrics_lookup (metrics, key, &value))
            continue;

          any = TRUE;
          value_text = format_metric (key, value);
          remember (self, part, key, value, value_text);

          /* Validation big, test smaller under it. */
          if (part == ORCHARD_PART_VALID)
            {
              value_label = make_label ("title-2", 0);
              gtk_label_set_label (GTK_LABEL (value_label), value_text);
              gtk_widget_add_css_class (value_label, "numeric");
              gtk_box_append (GTK_BOX (card), value_label);
              line = g_strdup (_("validation"));
            }
          else
            {
              value_label = make_label ("numeric", 0);
              /* Translators: a metric on the test rows, e.g. "Test 0.951" */
              line = g_strdup_printf (_("Test %s"), value_text);
              gtk_label_set_label (GTK_LABEL (value_label), line);
              gtk_box_append (GTK_BOX (card), value_label);
            }

          interval = interval_line (self, part, key);
          if (interval != NULL || part == ORCHARD_PART_VALID)
            {
              interval_label = make_label ("caption", 0);
              gtk_widget_add_css_class (interval_label, "dim-label");
              gtk_widget_add_css_class (interval_label, "numeric");
              if (part == ORCHARD_PART_VALID)
                {
                  g_autofree char *both = interval != NULL
                    /* Translators: under a metric's value: the rows it is measured on, then its confidence interval */
                    ? g_strdup_printf (_("%s · %s"), line, interval)
                    : g_strdup (line);

                  gtk_label_set_label (GTK_LABEL (interval_label), both);
                }
              else
                gtk_label_set_label (GTK_LABEL (interval_label), interval);
              gtk_box_append (GTK_BOX (card), interval_label);
            }

          g_string_append_printf (accessible, ", %s %s", part_label (part), value_text);
          if (interval != NULL)
            g_string_append_printf (accessible, " (%s)", interval);
        }

      /* The gap to the training rows, where the two are comparable: at the
       * same threshold for the metrics that depend on it. */
      if (train != NULL && self->metrics[ORCHARD_PART_VALID] != NULL &&
          (!threshold_dependent (key) || orchard_metrics_get_threshold (train) == threshold))
        {
          double train_value, valid_value;

          if (orchard_metrics_lookup (train, key, &train_value) &&
              orchard_metrics_lookup (self->metrics[ORCHARD_PART_VALID], key, &valid_value) &&
              !isnan (train_value) && !isnan (valid_value))
            {
              g_autofree char *train_text = format_metric (key, train_value);
              g_autofree char *gap_text = format_metric (key, fabs (train_value - valid_value));
              g_autofree char *text = NULL;
              GtkWidget *gap = make_label ("caption", 0);

              /* Translators: a metric on the training rows and how far it is from validation */
              text = g_strdup_printf (_("Training %s · gap %s"), train_text, gap_text);
              gtk_label_set_label (GTK_LABEL (gap), text);
              gtk_widget_add_css_class (gap, "dim-label");
              gtk_widget_add_css_class (gap, "numeric");
              gtk_box_append (GTK_BOX (card), gap);
              remember (self, ORCHARD_PART_TRAIN, key, train_value, train_text);
              g_string_append_printf (accessible, ", %s", text);
            }
        }

      folds = orchard_model_run_get_cv_scores (self->run, key, &n_folds);
      if (folds != NULL && n_folds > 0)
        {
          g_autofree char *mean_text = NULL;
          g_autofree char *std_text = NULL;
          g_autofree char *text = NULL;
          GtkWidget *cv = make_label ("caption", 0);
          double sum = 0, sq = 0;
          guint n = 0;

          for (gsize f = 0; f < n_folds; f++)
            if (!isnan (folds[f]))
              sum += folds[f], n++;
          cv_mean = n > 0 ? sum / n : NAN;
          for (gsize f = 0; f < n_folds; f++)
            if (!isnan (folds[f]))
              sq += (folds[f] - cv_mean) * (folds[f] - cv_mean);
          cv_std = n > 0 ? sqrt (sq / n) : NAN;
          mean_text = format_metric (key, cv_mean);
          std_text = format_metric (key, cv_std);
          /* Translators: a metric's mean and standard deviation over the folds of a cross-validation */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "CV %s ± %s (%u fold)",
                                               "CV %s ± %s (%u folds)", n), mean_text, std_text, n);
          /* The folds' binary metrics are at 0.5, whatever the bundle's
           * threshold: say so where it matters. */
          if (threshold_dependent (key) && threshold != 0.5)
            {
              g_autofree char *plain = g_steal_pointer (&text);

              /* Translators: cross-validation scores computed at the default threshold */
              text = g_strdup_printf (_("%s, at threshold 0.5"), plain);
            }
          gtk_label_set_label (GTK_LABEL (cv), text);
          gtk_widget_add_css_class (cv, "dim-label");
          gtk_widget_add_css_class (cv, "numeric");
          gtk_box_append (GTK_BOX (card), cv);
          g_string_append_printf (accessible, ", %s", text);
        }

      if (!any)
        {
          g_object_ref_sink (card);
          g_object_unref (card);
          continue;
        }

      gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible->str, -1);
      gtk_flow_box_append (self->cards_box, card);
    }
}

/* ---- Plots --------------------------------------------------------------------------- */

static GtkWidget *
add_plot_card (OrchardEvaluatePage *self,
               GtkWidget           *plot,
               const char          *title,
               GtkWidget           *extra)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "plot-card");
  orchard_plot_set_title (ORCHARD_PLOT (plot), title);
  gtk_widget_set_size_request (plot, -1, PLOT_HEIGHT);
  gtk_widget_set_vexpand (plot, TRUE);
  gtk_box_append (GTK_BOX (card), plot);
  if (extra != NULL)
    gtk_box_append (GTK_BOX (card), extra);
  gtk_flow_box_append (self->plots_box, card);
  g_hash_table_insert (self->plot_cards, plot, card);

  return plot;
}

static void
show_plot (OrchardEvaluatePage *self,
           GtkWidget           *plot,
           gboolean             visible)
{
  GtkWidget *card = g_hash_table_lookup (self->plot_cards, plot);

  /* The flow box child holds the card. */
  gtk_widget_set_visible (gtk_widget_get_parent (card), visible);
}

/* The runs the plots overlay: the selected one first, then the ticked ones
 * in the session's order, of the same task. */
static GPtrArray *
overlaid_runs (OrchardEvaluatePage *self)
{
  GPtrArray *runs = g_ptr_array_new ();
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;

  if (self->run == NULL)
    return runs;

  g_ptr_array_add (runs, self->run);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OrchardModelRun) run = g_list_model_get_item (self->runs, i);

      if (run != self->run && g_hash_table_contains (self->compared, run) &&
          orchard_model_run_get_artifact (run) != NULL &&
          orchard_model_run_get_task (run) == orchard_model_run_get_task (self->run))
        g_ptr_array_add (runs, run);
    }

  return runs;
}

/* ---- The curves, computed in a thread ----------------------------------------------- */

/* Curves of many rows have as many points: keep those that move a curve by
 * at least 1/2048 of the unit square from the last kept one (and the ends),
 * which draws the same at any size a screen or an export has. */
#define CURVE_STEP (1.0 / 2048)

enum { CURVE_ROC, CURVE_PR, CURVE_CALIBRATION, CURVE_GAINS, N_CURVES };

typedef struct
{
  char   *name;
  double *x[N_CURVES];
  double *y[N_CURVES];
  guint   n[N_CURVES];
  double  summary[N_CURVES];
} RunCurves;

typedef struct
{
  GPtrArray   *runs;       /* OrchardModelRun, the selected one first */
  OrchardPart  part;
  GPtrArray   *curves;     /* RunCurves: per run for two classes, per class for more */
  double       baseline;   /* the share of positives: chance on the precision-recall plot */
  /* regression, of the selected run */
  double      *actual;
  double      *predicted;
  gsize        n_rows;
  double      *edges;
  double      *counts;
  guint        n_bins;
} PlotJob;

static void
run_curves_free (gpointer data)
{
  RunCurves *curves = data;

  g_free (curves->name);
  for (guint c = 0; c < N_CURVES; c++)
    {
      g_free (curves->x[c]);
      g_free (curves->y[c]);
    }
  g_free (curves);
}

static void
plot_job_free (PlotJob *job)
{
  g_clear_pointer (&job->runs, g_ptr_array_unref);
  g_clear_pointer (&job->curves, g_ptr_array_unref);
  g_free (job->actual);
  g_free (job->predicted);
  g_free (job->edges);
  g_free (job->counts);
  g_free (job);
}

static void
keep_curve (RunCurves    *curves,
            guint         which,
            OrchardCurve *curve,
            const char   *x_name,
            const char   *y_name,
            const char   *summary,
            gboolean      decimate)
{
  const double *x, *y;
  gsize n;
  guint kept = 0;
  double last_x = NAN, last_y = NAN;

  curves->summary[which] = summary != NULL ? orchard_curve_get_summary (curve, summary) : NAN;
  if (curve == NULL)
    return;

  x = orchard_curve_get_column (curve, x_name);
  y = orchard_curve_get_column (curve, y_name);
  n = orchard_curve_get_n_points (curve);
  curves->x[which] = g_new (double, MAX (n, 1));
  curves->y[which] = g_new (double, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      gboolean keep = !decimate || i == 0 || i + 1 == n || !isfinite (x[i]) || !isfinite (y[i]) ||
                      !isfinite (last_x) || fabs (x[i] - last_x) >= CURVE_STEP ||
                      fabs (y[i] - last_y) >= CURVE_STEP;

      if (!keep)
        continue;
      curves->x[which][kept] = x[i];
      curves->y[which][kept] = y[i];
      kept++;
      last_x = x[i];
      last_y = y[i];
    }
  curves->n[which] = kept;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Bins of the residuals, by the Freedman–Diaconis rule within 10..60 bins. */
static void
bin_residuals (PlotJob *job)
{
  g_autofree double *residuals = g_new (double, MAX (job->n_rows, 1));
  g_autofree double *sorted = NULL;
  double lo = INFINITY, hi = -INFINITY, iqr, width;
  gsize n = 0;
  guint n_bins;

  for (gsize i = 0; i < job->n_rows; i++)
    {
      double r = job->actual[i] - job->predicted[i];

      if (!isfinite (r))
        continue;
      residuals[n++] = r;
      lo = MIN (lo, r);
      hi = MAX (hi, r);
    }

  if (n == 0)
    return;

  sorted = g_memdup2 (residuals, n * sizeof (double));
  g_qsort_with_data (sorted, n, sizeof (double), compare_doubles, NULL);
  iqr = sorted[(gsize) (0.75 * (n - 1))] - sorted[(gsize) (0.25 * (n - 1))];
  width = 2 * iqr / cbrt ((double) n);
  n_bins = width > 0 ? (guint) CLAMP (ceil ((hi - lo) / width), 10, 60) : 10;
  if (hi <= lo)
    hi = lo + 1;

  job->n_bins = n_bins;
  job->edges = g_new (double, n_bins + 1);
  job->counts = g_new0 (double, n_bins);
  for (guint b = 0; b <= n_bins; b++)
    job->edges[b] = lo + (hi - lo) * b / n_bins;
  for (gsize i = 0; i < n; i++)
    job->counts[MIN ((guint) ((residuals[i] - lo) / (hi - lo) * n_bins), n_bins - 1)]++;
}

static void
plot_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PlotJob *job = task_data;
  OrchardModelRun *selected = g_ptr_array_index (job->runs, 0);
  OrchardTask kind = orchard_model_run_get_task (selected);

  lower_thread_priority ();

  if (kind == ORCHARD_TASK_REGRESSION)
    {
      const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (selected, job->part);

      if (p != NULL)
        {
          job->n_rows = p->n_rows;
          job->actual = g_memdup2 (p->values, MAX (p->n_rows, 1) * sizeof (double));
          job->predicted = g_new (double, MAX (p->n_rows, 1));
          for (gsize i = 0; i < p->n_rows; i++)
            job->predicted[i] = p->outputs[i * p->n_outputs];
          bin_residuals (job);
        }
    }
  else if (kind == ORCHARD_TASK_MULTICLASS)
    {
      /* One ROC curve per class against the rest, of the selected run. */
      const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (selected, job->part);
      const char * const *labels = orchard_model_run_get_class_labels (selected);

      for (guint k = 0; p != NULL && k < p->n_outputs; k++)
        {
          g_autofree guint32 *is_k = g_new (guint32, MAX (p->n_rows, 1));
          g_autofree double *score = g_new (double, MAX (p->n_rows, 1));
          g_autoptr(OrchardCurve) roc = NULL;
          RunCurves *curves = g_new0 (RunCurves, 1);

          for (gsize i = 0; i < p->n_rows; i++)
            {
              is_k[i] = p->classes[i] == k;
              score[i] = p->outputs[i * p->n_outputs + k];
            }
          roc = orchard_curve_new_roc (is_k, score, NULL, p->n_rows, TRUE, NULL);
          /* Translators: a class's one-vs-rest ROC curve, e.g. "Adelie vs rest" */
          curves->name = g_strdup_printf (_("%s vs rest"), labels[k]);
          keep_curve (curves, CURVE_ROC, roc, "fpr", "tpr", "auc", TRUE);
          g_ptr_array_add (job->curves, curves);
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }
  else
    {
      for (guint r = 0; r < job->runs->len; r++)
        {
          OrchardModelRun *run = g_ptr_array_index (job->runs, r);
          const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (run, job->part);
          g_autoptr(OrchardCurve) roc = NULL;
          g_autoptr(OrchardCurve) pr = NULL;
          g_autoptr(OrchardCurve) calibration = NULL;
          g_autoptr(OrchardCurve) gains = NULL;
          RunCurves *curves = g_new0 (RunCurves, 1);

          curves->name = g_strdup (orchard_model_run_get_title (run));
          g_ptr_array_add (job->curves, curves);
          if (p == NULL)
            continue;

          /* A part with one class has no curves: the engine says so, and
           * the plot shows what it has. */
          roc = orchard_curve_new_roc (p->classes, p->positive, NULL, p->n_rows, TRUE, NULL);
          keep_curve (curves, CURVE_ROC, roc, "fpr", "tpr", "auc", TRUE);
          pr = orchard_curve_new_precision_recall (p->classes, p->positive, NULL, p->n_rows, NULL);
          keep_curve (curves, CURVE_PR, pr, "recall", "precision", "average_precision", TRUE);
          calibration = orchard_curve_new_calibration (p->classes, p->positive, p->n_rows, 10, NULL);
          keep_curve (curves, CURVE_CALIBRATION, calibration, "prob_pred", "prob_true", "ece", FALSE);
          gains = orchard_curve_new_gains (p->classes, p->positive, NULL, p->n_rows, NULL);
          keep_curve (curves, CURVE_GAINS, gains, "fraction_samples", "fraction_positives", NULL, TRUE);

          if (r == 0)
            {
              double positives = 0;

              for (gsize i = 0; i < p->n_rows; i++)
                positives += p->classes[i] == 1;
              job->baseline = p->n_rows > 0 ? positives / p->n_rows : NAN;
            }
          if (g_cancellable_is_cancelled (cancellable))
            break;
        }
    }

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);
}

static void
plot_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (object);
  PlotJob *job = g_task_get_task_data (G_TASK (result));
  GtkWidget *plots[N_CURVES] = { self->roc_plot, self->pr_plot, self->calibration_plot, self->gains_plot };

  if (!g_task_propagate_boolean (G_TASK (result), NULL) ||
      g_task_get_cancellable (G_TASK (result)) != self->plot_cancellable)
    return;

  g_clear_object (&self->plot_cancellable);

  for (guint c = 0; c < N_CURVES; c++)
    orchard_curve_plot_clear (ORCHARD_CURVE_PLOT (plots[c]));
  for (guint r = 0; r < job->curves->len; r++)
    {
      RunCurves *curves = g_ptr_array_index (job->curves, r);

      for (guint c = 0; c < N_CURVES; c++)
        if (curves->x[c] != NULL)
          orchard_curve_plot_add_series (ORCHARD_CURVE_PLOT (plots[c]), curves->name, curves->x[c], curves->y[c],
                                         curves->n[c], curves->summary[c]);
    }
  orchard_curve_plot_set_baseline (ORCHARD_CURVE_PLOT (self->pr_plot), job->baseline);

  if (orchard_model_run_get_task (g_ptr_array_index (job->runs, 0)) == ORCHARD_TASK_REGRESSION)
    {
      orchard_scatter_plot_set_data (ORCHARD_SCATTER_PLOT (self->scatter_plot),
                                     orchard_model_run_get_title (g_ptr_array_index (job->runs, 0)),
                                     job->actual, job->predicted, job->n_rows);
      orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (self->residual_plot), job->edges, job->counts,
                                       job->n_bins);
    }

  /* The operating point goes on the new curves. */
  update_threshold (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
start_plots (OrchardEvaluatePage *self,
             GPtrArray           *runs)
{
  g_autoptr(GTask) task = NULL;
  PlotJob *job;

  if (self->plot_cancellable != NULL)
    g_cancellable_cancel (self->plot_cancellable);
  g_clear_object (&self->plot_cancellable);

  if (runs->len == 0)
    return;

  self->plot_cancellable = g_cancellable_new ();
  job = g_new0 (PlotJob, 1);
  job->runs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint r = 0; r < runs->len; r++)
    g_ptr_array_add (job->runs, g_object_ref (g_ptr_array_index (runs, r)));
  job->part = self->part;
  job->curves = g_ptr_array_new_with_free_func (run_curves_free);
  job->baseline = NAN;

  task = g_task_new (self, self->plot_cancellable, plot_done_cb, NULL);
  g_task_set_source_tag (task, start_plots);
  g_task_set_task_data (task, job, (GDestroyNotify) plot_job_free);
  g_task_run_in_thread (task, plot_thread);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_learning_plot (OrchardEvaluatePage *self)
{
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (self->learning_plot);
  const OrchardHistoryEntry *history;
  g_autofree double *x = NULL;
  g_autofree double *train = NULL;
  g_autofree double *valid = NULL;
  guint n = 0;
  gboolean has_valid = FALSE;

  orchard_line_plot_clear (plot);
  history = self->run != NULL ? orchard_model_run_get_history (self->run, &n) : NULL;
  show_plot (self, self->learning_plot, n > 1);
  if (n <= 1)
    return;

  x = g_new (double, n);
  train = g_new (double, n);
  valid = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      x[i] = history[i].iteration;
      train[i] = history[i].train_loss;
      valid[i] = history[i].valid_loss;
      has_valid |= !isnan (valid[i]);
    }

  orchard_line_plot_add_series (plot, _("Training loss"), x, train, n);
  if (has_valid)
    orchard_line_plot_add_series (plot, _("Validation loss"), x, valid, n);
}

static void
update_size_plot (OrchardEvaluatePage *self)
{
  OrchardLinePlot *plot = ORCHARD_LINE_PLOT (self->size_plot);
  g_autofree double *x = NULL;
  g_autofree double *train = NULL;
  g_autofree double *valid = NULL;
  gboolean visible = self->size_points != NULL && self->size_run == self->run && self->run != NULL;

  orchard_line_plot_clear (plot);
  show_plot (self, self->size_plot, visible);
  if (!visible)
    return;

  x = g_new (double, self->n_size_points);
  train = g_new (double, self->n_size_points);
  valid = g_new (double, self->n_size_points);
  for (guint i = 0; i < self->n_size_points; i++)
    {
      x[i] = self->size_points[i].n_train;
      train[i] = self->size_points[i].train_mean;
      valid[i] = self->size_points[i].valid_mean;
    }

  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), metric_label (self->size_metric));
  orchard_line_plot_add_series (plot, _("Training rows"), x, train, self->n_size_points);
  orchard_line_plot_add_series (plot, _("Held-out rows"), x, valid, self->n_size_points);
}

static void
update_cv_plot (OrchardEvaluatePage *self,
                GPtrArray           *runs)
{
  OrchardBoxPlot *plot = ORCHARD_BOX_PLOT (self->cv_plot);
  const char *key;
  guint n_groups = 0;

  orchard_box_plot_clear (plot);
  if (self->run == NULL)
    {
      show_plot (self, self->cv_plot, FALSE);
      return;
    }

  key = card_keys (orchard_model_run_get_task (self->run))[0];
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), metric_label (key));
  for (guint r = 0; r < runs->len; r++)
    {
      OrchardModelRun *run = g_ptr_array_index (runs, r);
      gsize n_folds = 0;
      const double *scores = orchard_model_run_get_cv_scores (run, key, &n_folds);

      if (scores != NULL && n_folds > 0)
        {
          orchard_box_plot_add_group (plot, orchard_model_run_get_title (run), scores, n_folds);
          n_groups++;
        }
    }

  show_plot (self, self->cv_plot, n_groups > 0);
}

static void
update_importance_plot (OrchardEvaluatePage *self)
{
  const char * const *features = NULL;
  const double *mean = NULL, *std = NULL;
  guint n = self->run != NULL ? orchard_model_run_get_importance (self->run, &features, &mean, &std) : 0;
  gboolean has_rows = self->run != NULL && orchard_model_run_get_rows (self->run, ORCHARD_PART_VALID) != NULL;

  orchard_importance_plot_set_data (ORCHARD_IMPORTANCE_PLOT (self->importance_plot), features, mean, std, n);
  show_plot (self, self->importance_plot, has_rows);
  gtk_widget_set_visible (self->importance_status, n == 0);
  gtk_button_set_label (GTK_BUTTON (self->importance_button),
                        n == 0 ? _("Compute _Importance") : _("Compute _Again"));
}

static void
update_plots (OrchardEvaluatePage *self)
{
  g_autoptr(GPtrArray) runs = overlaid_runs (self);
  OrchardTask task = self->run != NULL ? orchard_model_run_get_task (self->run) : ORCHARD_TASK_BINARY;
  gboolean binary = self->run != NULL && task == ORCHARD_TASK_BINARY;
  gboolean classifier = self->run != NULL && task != ORCHARD_TASK_REGRESSION;
  gboolean regression = self->run != NULL && task == ORCHARD_TASK_REGRESSION;

  /* Exported plots say which rows they show. */
  {
    GtkWidget *plots[] = { self->roc_plot, self->pr_plot, self->calibration_plot, self->gains_plot,
                           self->confusion_plot, self->scatter_plot, self->residual_plot };
    const char *rows = self->part == ORCHARD_PART_TEST ? _("Test rows") : _("Validation rows");

    for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
      orchard_plot_set_subtitle (ORCHARD_PLOT (plots[i]), rows);
  }

  show_plot (self, self->roc_plot, classifier);
  show_plot (self, self->pr_plot, binary);
  show_plot (self, self->calibration_plot, binary);
  show_plot (self, self->gains_plot, binary);
  show_plot (self, self->confusion_plot, classifier);
  show_plot (self, self->scatter_plot, regression);
  show_plot (self, self->residual_plot, regression);

  /* Curves and the regression plots come from a thread: for many rows
   * they take long enough to be seen. */
  start_plots (self, runs);

  /* A multiclass confusion matrix is the engine's; a binary one follows
   * the threshold (update_threshold). */
  if (classifier && task == ORCHARD_TASK_MULTICLASS)
    {
      OrchardMetrics *metrics = self->metrics[self->part];

      if (metrics != NULL)
        orchard_confusion_plot_set_matrix (ORCHARD_CONFUSION_PLOT (self->confusion_plot),
                                           orchard_metrics_get_labels (metrics),
                                           orchard_metrics_get_confusion_matrix (metrics),
                                           orchard_metrics_get_n_labels (metrics));
      else
        orchard_confusion_plot_set_matrix (ORCHARD_CONFUSION_PLOT (self->confusion_plot), NULL, NULL, 0);
    }


  update_learning_plot (self);
  update_size_plot (self);
  update_cv_plot (self, runs);
  update_importance_plot (self);
}

/* ---- Threshold ----------------------------------------------------------------------- */

static void
update_saved_label (OrchardEvaluatePage *self)
{
  g_autofree char *text = NULL;
  double saved;

  if (self->run == NULL)
    return;

  saved = orchard_model_run_get_threshold (self->run);
  /* Translators: the threshold stored in the model bundle */
  text = g_strdup_printf (_("The bundle classifies at %.3f"), saved);
  gtk_label_set_label (self->saved_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.save-threshold",
                                 fabs (gtk_adjustment_get_value (self->threshold_adjustment) - saved) > 1e-12);
}

static void
update_threshold (OrchardEvaluatePage *self)
{
  const OrchardModelRunPredictions *p;
  OrchardBinaryCounts counts;
  double threshold = gtk_adjustment_get_value (self->threshold_adjustment);
  g_autofree char *precision = NULL;
  g_autofree char *recall = NULL;
  g_autofree char *f1 = NULL;
  g_autofree char *accuracy = NULL;
  const char * const *labels;
  double matrix[4];

  if (self->run == NULL || orchard_model_run_get_task (self->run) != ORCHARD_TASK_BINARY)
    return;

  update_saved_label (self);

  p = orchard_model_run_get_predictions (self->run, self->part);
  if (p == NULL)
    {
      g_clear_pointer (&self->threshold_summary, g_free);
      gtk_label_set_label (self->threshold_summary_label, _("These rows have no predictions"));
      orchard_confusion_plot_set_matrix (ORCHARD_CONFUSION_PLOT (self->confusion_plot), NULL, NULL, 0);
      return;
    }

  orchard_binary_counts_compute (&counts, p->classes, p->positive, NULL, p->n_rows, threshold);
  precision = format_metric ("precision", orchard_binary_counts_precision (&counts));
  recall = format_metric ("recall", orchard_binary_counts_recall (&counts));
  f1 = format_metric ("f1", orchard_binary_counts_f1 (&counts));
  accuracy = format_metric ("accuracy", orchard_binary_counts_accuracy (&counts));

  g_free (self->threshold_summary);
  if (self->part == ORCHARD_PART_TEST)
    /* Translators: what the threshold gives on the test rows */
    self->threshold_summary = g_strdup_printf (_("At %.3f on the test rows: precision %s · recall %s · F1 %s · accuracy %s"),
                                               threshold, precision, recall, f1, accuracy);
  else
    /* Translators: what the threshold gives on the validation rows */
    self->threshold_summary = g_strdup_printf (_("At %.3f on the validation rows: precision %s · recall %s · F1 %s · accuracy %s"),
                                               threshold, precision, recall, f1, accuracy);
  gtk_label_set_label (self->threshold_summary_label, self->threshold_summary);

  /* Rows actual, columns predicted, the negative class first. */
  matrix[0] = counts.tn;
  matrix[1] = counts.fp;
  matrix[2] = counts.fn;
  matrix[3] = counts.tp;
  labels = orchard_model_run_get_class_labels (self->run);
  orchard_confusion_plot_set_matrix (ORCHARD_CONFUSION_PLOT (self->confusion_plot), labels, matrix, 2);
  {
    g_autofree char *subtitle = self->part == ORCHARD_PART_TEST
      /* Translators: the subtitle of the confusion matrix of two classes */
      ? g_strdup_printf (_("Test rows at threshold %.3f"), threshold)
      : g_strdup_printf (_("Validation rows at threshold %.3f"), threshold);

    orchard_plot_set_subtitle (ORCHARD_PLOT (self->confusion_plot), subtitle);
  }

  /* The operating point on the selected run's curves. */
  if (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (self->roc_plot)) > 0)
    orchard_curve_plot_set_marker (ORCHARD_CURVE_PLOT (self->roc_plot), 0,
                                   counts.fp + counts.tn > 0 ? counts.fp / (counts.fp + counts.tn) : NAN,
                                   orchard_binary_counts_recall (&counts));
  if (orchard_curve_plot_get_n_series (ORCHARD_CURVE_PLOT (self->pr_plot)) > 0)
    orchard_curve_plot_set_marker (ORCHARD_CURVE_PLOT (self->pr_plot), 0,
                                   orchard_binary_counts_recall (&counts),
                                   orchard_binary_counts_precision (&counts));
}

static void
threshold_changed_cb (OrchardEvaluatePage *self)
{
  update_threshold (self);
}

static void
choose_threshold_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  const OrchardModelRunPredictions *p;
  OrchardThresholdCriterion criterion;
  OrchardCostMatrix cost = { 0, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  double threshold, value;

  if (self->run == NULL || orchard_model_run_get_task (self->run) != ORCHARD_TASK_BINARY)
    return;
  p = orchard_model_run_get_predictions (self->run, self->part);
  if (p == NULL)
    return;

  if (g_str_equal (name, "f1"))
    criterion = ORCHARD_THRESHOLD_MAX_F1;
  else if (g_str_equal (name, "youden"))
    criterion = ORCHARD_THRESHOLD_MAX_YOUDEN;
  else
    criterion = ORCHARD_THRESHOLD_MIN_COST;

  cost.fp = gtk_spin_button_get_value (self->cost_fp_spin);
  cost.fn = gtk_spin_button_get_value (self->cost_fn_spin);

  if (!orchard_threshold_choose (p->classes, p->positive, NULL, p->n_rows, criterion,
                                 criterion == ORCHARD_THRESHOLD_MIN_COST ? &cost : NULL,
                                 &threshold, &value, &error))
    {
      gtk_label_set_label (self->threshold_summary_label, error->message);
      return;
    }

  /* Scores can reach past 1 only for a model that is not calibrated to
   * probabilities; the slider stays within 0..1. */
  gtk_adjustment_set_value (self->threshold_adjustment, CLAMP (threshold, 0, 1));
}

static void
save_threshold_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) project_error = NULL;

  if (self->run == NULL)
    return;

  if (!orchard_model_run_set_threshold (self->run, gtk_adjustment_get_value (self->threshold_adjustment), &error))
    {
      gtk_label_set_label (self->saved_label, error->message);
      return;
    }

  /* A run the project recorded gets the choice in the project's copy of
   * its bundle (what export and serving take) and as its "threshold" tag. */
  if (self->session != NULL && orchard_session_get_project (self->session) != NULL &&
      orchard_model_run_get_record (self->run) != NULL)
    {
      OrchardProject *project = orchard_session_get_project (self->session);
      gint64 run_id = orchard_run_get_id (orchard_model_run_get_record (self->run));
      char text[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (text, sizeof text, "%.6g", orchard_model_run_get_threshold (self->run));
      if (!orchard_project_set_bundle_threshold (project, run_id, orchard_model_run_get_threshold (self->run),
                                                 &project_error) ||
          !orchard_project_set_tag (project, run_id, "threshold", text, &project_error))
        g_assert (project_error != NULL);
    }

  /* The cards, their intervals and the readiness follow the bundle's
   * threshold. */
  update_all (self);
  start_intervals (self);
  update_cards (self);

  if (project_error != NULL)
    {
      /* Translators: the threshold is in the model bundle, but writing it to the project file failed */
      g_autofree char *text = g_strdup_printf (_("Saved in the bundle; the project could not record it: %s"),
                                               project_error->message);

      gtk_label_set_label (self->saved_label, text);
    }
}

/* ---- Runs ---------------------------------------------------------------------------- */

static char *
run_subtitle (OrchardModelRun *run)
{
  g_autoptr(GString) text = g_string_new (orchard_model_run_get_model_name (run));
  OrchardMetrics *metrics;

  if (orchard_model_run_get_data_name (run) != NULL)
    g_string_append_printf (text, " · %s", orchard_model_run_get_data_name (run));

  if (orchard_model_run_get_status (run) == ORCHARD_RUN_RUNNING)
    {
      g_string_append_printf (text, " · %s", _("training…"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  if (orchard_model_run_get_artifact (run) == NULL)
    {
      g_string_append_printf (text, " · %s", _("no model"));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  metrics = orchard_model_run_get_metrics (run, ORCHARD_PART_VALID);
  if (metrics != NULL)
    {
      const char *key = card_keys (orchard_model_run_get_task (run))[0];
      g_autofree char *value = format_metric (key, orchard_metrics_get (metrics, key));

      /* Translators: a run's headline metric on the validation rows, e.g. "ROC AUC 0.953" */
      g_string_append_printf (text, " · %s %s", metric_label (key), value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
compare_toggled_cb (OrchardEvaluatePage *self,
                    GtkCheckButton      *check)
{
  OrchardModelRun *run = g_object_get_data (G_OBJECT (check), "orchard-run");

  if (self->updating)
    return;

  orchard_evaluate_page_set_compared (self, run, gtk_check_button_get_active (check));
}

static void
rebuild_runs (OrchardEvaluatePage *self)
{
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;

  self->updating = TRUE;

  for (guint i = 0; i < self->run_rows->len; i++)
    gtk_list_box_remove (self->runs_list, g_ptr_array_index (self->run_rows, i));
  g_ptr_array_set_size (self->run_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OrchardModelRun) run = g_list_model_get_item (self->runs, i);
      gboolean usable = orchard_model_run_get_artifact (run) != NULL;
      g_autofree char *subtitle = run_subtitle (run);
      g_autofree char *check_label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), orchard_model_run_get_title (run));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_sensitive (row, usable);
      g_object_set_data_full (G_OBJECT (row), "orchard-run", g_object_ref (run), g_object_unref);

      /* A run opened from the project whose metrics came out other than recorded. */
      if (usable && orchard_model_run_get_message (run) != NULL)
        {
          GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          g_autofree char *with_warning = g_strdup_printf ("%s\n%s", subtitle, orchard_model_run_get_message (run));

          gtk_widget_add_css_class (warning, "warning");
          gtk_widget_set_tooltip_text (warning, orchard_model_run_get_message (run));
          gtk_accessible_update_property (GTK_ACCESSIBLE (warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          orchard_model_run_get_message (run), -1);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), warning);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), with_warning);
        }

      g_object_set_data_full (G_OBJECT (check), "orchard-run", g_object_ref (run), g_object_unref);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   run == self->run || g_hash_table_contains (self->compared, run));
      gtk_widget_set_sensitive (check, run != self->run);
      /* Translators: the accessible label of a run's check button, e.g. "Compare Logistic" */
      check_label = g_strdup_printf (_("Compare %s"), orchard_model_run_get_title (run));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, check_label, -1);
      gtk_widget_set_tooltip_text (check, _("Compare with the selected run"));
      g_signal_connect_object (check, "toggled", G_CALLBACK (compare_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      g_object_set_data (G_OBJECT (row), "orchard-check", check);

      gtk_list_box_append (self->runs_list, row);
      g_ptr_array_add (self->run_rows, row);
      if (run == self->run)
        gtk_list_box_select_row (self->runs_list, GTK_LIST_BOX_ROW (row));
    }

  self->updating = FALSE;
}

/* Shows the selection and the ticks on the rows as they are, without
 * rebuilding them: this runs from the rows' own signals. */
static void
sync_runs (OrchardEvaluatePage *self)
{
  self->updating = TRUE;

  for (guint i = 0; i < self->run_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->run_rows, i);
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "orchard-check");
      OrchardModelRun *run = g_object_get_data (G_OBJECT (row), "orchard-run");

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   run == self->run || g_hash_table_contains (self->compared, run));
      gtk_widget_set_sensitive (check, run != self->run);
      if (run == self->run && gtk_list_box_get_selected_row (self->runs_list) != GTK_LIST_BOX_ROW (row))
        gtk_list_box_select_row (self->runs_list, GTK_LIST_BOX_ROW (row));
    }

  self->updating = FALSE;
}

static OrchardModelRun *
newest_usable_run (OrchardEvaluatePage *self)
{
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(OrchardModelRun) run = g_list_model_get_item (self->runs, i - 1);

      if (orchard_model_run_get_artifact (run) != NULL)
        return run;
    }

  return NULL;
}

static gboolean
run_in_session (OrchardEvaluatePage *self,
                OrchardModelRun     *run)
{
  guint n = self->runs != NULL ? g_list_model_get_n_items (self->runs) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OrchardModelRun) item = g_list_model_get_item (self->runs, i);

      if (item == run)
        return TRUE;
    }

  return FALSE;
}

static void
runs_changed_cb (OrchardEvaluatePage *self)
{
  GHashTableIter iter;
  gpointer run;

  /* Forget ticks of runs that are gone. */
  g_hash_table_iter_init (&iter, self->compared);
  while (g_hash_table_iter_next (&iter, &run, NULL))
    if (!run_in_session (self, run))
      g_hash_table_iter_remove (&iter);

  /* Hidden (a run started or ended on the Train page): only which run is
   * selected changes now; the rows, plots and cards when the page shows. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale_rows = TRUE;
  else
    rebuild_runs (self);

  if (self->run == NULL || !run_in_session (self, self->run) ||
      orchard_model_run_get_artifact (self->run) == NULL)
    {
      OrchardModelRun *newest = newest_usable_run (self);

      if (newest != self->run)
        {
          orchard_evaluate_page_show_run (self, newest);
          return;
        }
    }

  if (self->stale_rows)
    return;

  update_comparison (self);
  update_plots (self);
  update_threshold (self);
}

static void
row_selected_cb (OrchardEvaluatePage *self,
                 GtkListBoxRow       *row)
{
  OrchardModelRun *run;

  if (self->updating || row == NULL)
    return;

  run = g_object_get_data (G_OBJECT (row), "orchard-run");
  if (run != self->run)
    orchard_evaluate_page_show_run (self, run);
}

/* ---- Comparison table ---------------------------------------------------------------- */

static void
column_spec_free (gpointer data)
{
  ColumnSpec *spec = data;

  g_free (spec->key);
  g_clear_pointer (&spec->metrics, g_hash_table_unref);
  g_free (spec);
}

static ColumnSpec *
column_spec_new (ColumnKind  kind,
                 const char *key,
                 GHashTable *metrics)
{
  ColumnSpec *spec = g_new0 (ColumnSpec, 1);

  spec->kind = kind;
  spec->key = g_strdup (key);
  spec->metrics = g_hash_table_ref (metrics);

  return spec;
}

static double
run_metric (const ColumnSpec *spec,
            OrchardModelRun  *run)
{
  OrchardMetrics *metrics = g_hash_table_lookup (spec->metrics, run);
  const char *key = spec->key;
  double value;

  if (metrics == NULL || !orchard_metrics_lookup (metrics, key, &value))
    return NAN;
  return value;
}

static char *
param_text (OrchardModelRun *run,
            const char      *name)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (orchard_model_run_get_params (run), name, NULL);

  if (value == NULL)
    return g_strdup ("—");
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return g_strdup_printf ("%g", g_variant_get_double (value));
  return g_variant_print (value, FALSE);
}

static char *
cell_text (const ColumnSpec *spec,
           OrchardModelRun  *run)
{
  switch (spec->kind)
    {
    case COLUMN_TITLE:
      return g_strdup (orchard_model_run_get_title (run));
    case COLUMN_MODEL:
      return g_strdup (orchard_model_run_get_model_name (run));
    case COLUMN_DATA:
      return g_strdup (orchard_model_run_get_data_name (run) != NULL ? orchard_model_run_get_data_name (run) : "—");
    case COLUMN_METRIC:
      return format_metric (spec->key, run_metric (spec, run));
    case COLUMN_PARAM:
    default:
      return param_text (run, spec->key);
    }
}

static int
compare_cells (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const ColumnSpec *spec = user_data;
  OrchardModelRun *x = (OrchardModelRun *) a;
  OrchardModelRun *y = (OrchardModelRun *) b;

  if (spec->kind == COLUMN_METRIC)
    {
      double vx = run_metric (spec, x), vy = run_metric (spec, y);

      /* Missing values last, whichever the order. */
      if (isnan (vx) != isnan (vy))
        return isnan (vx) ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
      return vx < vy ? GTK_ORDERING_SMALLER : vx > vy ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
    }

  if (spec->kind == COLUMN_PARAM)
    {
      g_autoptr(GVariant) vx = g_variant_lookup_value (orchard_model_run_get_params (x), spec->key, NULL);
      g_autoptr(GVariant) vy = g_variant_lookup_value (orchard_model_run_get_params (y), spec->key, NULL);

      if ((vx == NULL) != (vy == NULL))
        return vx == NULL ? GTK_ORDERING_LARGER : GTK_ORDERING_SMALLER;
      if (vx != NULL && g_variant_is_of_type (vx, G_VARIANT_TYPE_DOUBLE) &&
          g_variant_is_of_type (vy, G_VARIANT_TYPE_DOUBLE))
        {
          double dx = g_variant_get_double (vx), dy = g_variant_get_double (vy);

          return dx < dy ? GTK_ORDERING_SMALLER : dx > dy ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
        }
      if (vx != NULL && g_variant_type_equal (g_variant_get_type (vx), g_variant_get_type (vy)) &&
          g_variant_type_is_basic (g_variant_get_type (vx)))
        {
          int c = g_variant_compare (vx, vy);

          return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
        }
    }

  {
    g_autofree char *tx = cell_text (spec, x);
    g_autofree char *ty = cell_text (spec, y);
    int c = g_utf8_collate (tx, ty);

    return c < 0 ? GTK_ORDERING_SMALLER : c > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
  }
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (factory), "spec");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), spec->kind == COLUMN_METRIC ? 1 : 0);
  /* Numbers whole; long names ellipsized within a readable width. */
  if (spec->kind == COLUMN_TITLE || spec->kind == COLUMN_DATA)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  if (spec->kind == COLUMN_METRIC)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  const ColumnSpec *spec = g_object_get_data (G_OBJECT (factory), "spec");
  OrchardModelRun *run = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (spec, run);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
add_column (OrchardEvaluatePage *self,
            ColumnKind           kind,
            const char          *key,
            const char          *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkSorter *sorter;

  g_object_set_data_full (G_OBJECT (factory), "spec", column_spec_new (kind, key, self->compare_metrics),
                          column_spec_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), NULL);

  column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_cells, column_spec_new (kind, key, self->compare_metrics),
                                              column_spec_free));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_resizable (column, TRUE);
  g_object_set_data_full (G_OBJECT (column), "key", g_strdup (key), g_free);
  gtk_column_view_append_column (self->compare_view, column);

  g_object_unref (sorter);
  g_object_unref (column);
}

static gboolean
param_differs (GPtrArray  *runs,
               const char *name)
{
  g_autoptr(GVariant) first = NULL;

  for (guint r = 0; r < runs->len; r++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (orchard_model_run_get_params (g_ptr_array_index (runs, r)),
                                                          name, NULL);

      if (r == 0)
        first = g_steal_pointer (&value);
      else if ((first == NULL) != (value == NULL) || (first != NULL && !g_variant_equal (first, value)))
        return TRUE;
    }

  return FALSE;
}

static void
update_stats (OrchardEvaluatePage *self,
              GPtrArray           *runs)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *key;
  const double *scores_a;
  gsize n_a = 0, n_train = 0, n_test = 0;

  g_clear_pointer (&self->stats_text, g_free);

  if (self->run == NULL || runs->len < 2)
    {
      gtk_label_set_label (self->stats_label, _("Tick other runs above to compare them with the selected one"));
      return;
    }

  key = card_keys (orchard_model_run_get_task (self->run))[0];
  scores_a = orchard_model_run_get_cv_scores (self->run, key, &n_a);
  orchard_model_run_get_cv_sizes (self->run, &n_train, &n_test);

  for (guint r = 1; r < runs->len; r++)
    {
      OrchardModelRun *other = g_ptr_array_index (runs, r);
      gsize n_b = 0;
      const double *scores_b = orchard_model_run_get_cv_scores (other, key, &n_b);
      OrchardCorrectedTTest test;
      g_autoptr(GError) error = NULL;
      g_autofree char *diff = NULL;
      g_autofree char *probability = NULL;
      g_autofree char *p_value = NULL;
      double a_better;

      if (scores_a == NULL || scores_b == NULL || n_a != n_b)
        continue;

      if (!orchard_corrected_ttest (scores_a, scores_b, n_a, n_train, n_test, &test, &error))
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append (text, error->message);
          continue;
        }

      /* For losses the better run has the lower score. */
      a_better = orchard_metric_higher_is_better (key) ? test.probability_a_better : 1 - test.probability_a_better;
      diff = g_strdup_printf ("%+.4f", test.mean_difference);
      probability = g_strdup_printf ("%.2f", a_better);
      p_value = g_strdup_printf ("%.3g", test.p_value);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: the corrected resampled t-test of two cross-validated runs:
       * run A, run B, the metric, the number of folds, the mean difference A − B,
       * the probability that A is better and the two-sided p-value */
      g_string_append_printf (text, _("%s against %s on %s over %lu folds: mean difference %s, "
                                      "probability %s is better %s (corrected t-test, p = %s)"),
                              orchard_model_run_get_title (self->run), orchard_model_run_get_title (other),
                              metric_label (key), (gulong) n_a, diff,
                              orchard_model_run_get_title (self->run), probability, p_value);
    }

  if (text->len == 0)
    g_string_append (text, _("Cross-validate the compared runs to see how likely one is better than another"));

  self->stats_text = g_strdup (text->str);
  gtk_label_set_label (self->stats_label, self->stats_text);
}

typedef struct
{
  ColumnKind  kind;
  const char *key;
  const char *title;
} WantedColumn;

static void
want_column (GArray     *wanted,
             ColumnKind  kind,
             const char *key,
             const char *title)
{
  WantedColumn want = { kind, key, title };

  g_array_append_val (wanted, want);
}

/* Whether the comparison table's columns are already @wanted. */
static gboolean
same_columns (GListModel *columns,
              GArray     *wanted)
{
  if (g_list_model_get_n_items (columns) != wanted->len)
    return FALSE;

  for (guint i = 0; i < wanted->len; i++)
    {
      const WantedColumn *want = &g_array_index (wanted, WantedColumn, i);
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const ColumnSpec *spec = g_object_get_data (G_OBJECT (gtk_column_view_column_get_factory (column)), "spec");

      if (spec == NULL || spec->kind != want->kind || g_strcmp0 (spec->key, want->key) != 0 ||
          g_strcmp0 (gtk_column_view_column_get_title (column), want->title) != 0)
        return FALSE;
    }

  return TRUE;
}

static void
update_comparison (OrchardEvaluatePage *self)
{
  g_autoptr(GPtrArray) runs = overlaid_runs (self);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (WantedColumn));
  gboolean all = gtk_check_button_get_active (self->all_params_check);
  GListModel *columns = gtk_column_view_get_columns (self->compare_view);
  const char * const *keys;

  /* Each run's validation metrics at its own bundle's threshold, as its
   * cards would show them. */
  g_list_store_remove_all (self->compare_store);
  g_hash_table_remove_all (self->compare_metrics);
  for (guint r = 0; r < runs->len; r++)
    {
      OrchardModelRun *run = g_ptr_array_index (runs, r);
      OrchardMetrics *metrics = compute_metrics (run, ORCHARD_PART_VALID);

      if (metrics != NULL)
        g_hash_table_insert (self->compare_metrics, run, metrics);
      g_list_store_append (self->compare_store, run);
    }

  update_stats (self, runs);

  if (self->run != NULL)
    {
      want_column (wanted, COLUMN_TITLE, NULL, _("Run"));
      want_column (wanted, COLUMN_MODEL, NULL, _("Model"));
      want_column (wanted, COLUMN_DATA, NULL, _("Data"));

      keys = card_keys (orchard_model_run_get_task (self->run));
      for (guint k = 0; keys[k] != NULL; k++)
        want_column (wanted, COLUMN_METRIC, keys[k], metric_label (keys[k]));
    }

  /* Every parameter any run has, in the order the runs have them. */
  for (guint r = 0; r < runs->len; r++)
    {
      GVariantIter iter;
      const char *name;

      g_variant_iter_init (&iter, orchard_model_run_get_params (g_ptr_array_index (runs, r)));
      while (g_variant_iter_next (&iter, "{&sv}", &name, NULL))
        if (!g_hash_table_contains (seen, name))
          {
            g_hash_table_add (seen, g_strdup (name));
            g_ptr_array_add (names, g_strdup (name));
          }
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (all || param_differs (runs, name))
        want_column (wanted, COLUMN_PARAM, name, name);
    }

  /* A column view makes a widget for each cell of a new column at once:
   * the columns stay when they are the same (the usual case when a new run
   * is shown), and only the rows change. */
  if (same_columns (columns, wanted))
    return;

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);

      gtk_column_view_remove_column (self->compare_view, column);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      const WantedColumn *want = &g_array_index (wanted, WantedColumn, i);

      add_column (self, want->kind, want->key, want->title);
    }
}

/* ---- Readiness ----------------------------------------------------------------------- */

static const char *
bar_metric (OrchardEvaluatePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->bar_metric_dropdown);
  const char * const *keys;

  if (self->run == NULL)
    return NULL;

  keys = orchard_metrics_task_get_keys (metrics_task (orchard_model_run_get_task (self->run)));
  if (selected == GTK_INVALID_LIST_POSITION || selected >= g_strv_length ((char **) keys))
    return NULL;

  return keys[selected];
}

static void
update_readiness (OrchardEvaluatePage *self)
{
  OrchardReadinessBars bars;
  g_autoptr(GError) error = NULL;
  const char *key = bar_metric (self);
  gsize n_folds = 0;
  const double *folds;
  double cv_std = NAN;

  for (guint i = 0; i < self->check_rows->len; i++)
    gtk_list_box_remove (self->readiness_list, g_ptr_array_index (self->check_rows, i));
  g_ptr_array_set_size (self->check_rows, 0);
  g_clear_object (&self->readiness);

  if (self->run == NULL || key == NULL || self->metrics[ORCHARD_PART_VALID] == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), _("No verdict"));
      adw_action_row_set_subtitle (self->verdict_row, _("The run has no validation rows to judge it on"));
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-question-symbolic");
      return;
    }

  orchard_readiness_bars_init (&bars, metrics_task (orchard_model_run_get_task (self->run)));
  bars.metric = key;
  bars.metric_bar = gtk_spin_button_get_value (self->bar_value_spin);
  bars.max_gap = gtk_spin_button_get_value (self->bar_gap_spin);
  bars.max_cv_std = gtk_spin_button_get_value (self->bar_std_spin);

  folds = orchard_model_run_get_cv_scores (self->run, key, &n_folds);
  if (folds != NULL && n_folds > 0)
    {
      double sum = 0, sq = 0;
      guint n = 0;

      for (gsize f = 0; f < n_folds; f++)
        if (!isnan (folds[f]))
          sum += folds[f], n++;
      for (gsize f = 0; f < n_folds; f++)
        if (!isnan (folds[f]))
          sq += (folds[f] - sum / n) * (folds[f] - sum / n);
      cv_std = n > 0 ? sqrt (sq / n) : NAN;
    }

  self->readiness = orchard_readiness_evaluate (&bars, self->metrics[ORCHARD_PART_VALID],
                                                orchard_model_run_get_metrics (self->run, ORCHARD_PART_TRAIN),
                                                cv_std, &error);
  if (self->readiness == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), _("No verdict"));
      adw_action_row_set_subtitle (self->verdict_row, error->message);
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-question-symbolic");
      return;
    }

  if (orchard_readiness_is_ready (self->readiness))
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), _("Ready to deploy"));
      gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), "success");
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row), _("Not ready to deploy"));
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), "warning");
    }
  /* The engine's summary, unless it only repeats the verdict. */
  {
    const char *summary = orchard_readiness_get_summary (self->readiness);
    const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->verdict_row));

    adw_action_row_set_subtitle (self->verdict_row,
                                 summary != NULL && g_ascii_strcasecmp (summary, title) != 0 ? summary : "");
  }

  for (guint i = 0; i < orchard_readiness_get_n_checks (self->readiness); i++)
    {
      const OrchardReadinessCheck *check = orchard_readiness_get_check (self->readiness, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new ();
      const char *title;

      switch (check->kind)
        {
        case ORCHARD_READINESS_CHECK_METRIC:
          title = _("Metric on validation rows");
          break;
        case ORCHARD_READINESS_CHECK_GAP:
          title = _("Train–validation gap");
          break;
        case ORCHARD_READINESS_CHECK_CV_STD:
        default:
          title = _("Spread across folds");
          break;
        }

      switch (check->status)
        {
        case ORCHARD_READINESS_PASSED:
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "emblem-ok-symbolic");
          gtk_widget_add_css_class (icon, "success");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Passed"), -1);
          break;
        case ORCHARD_READINESS_FAILED:
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "dialog-warning-symbolic");
          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Failed"), -1);
          break;
        case ORCHARD_READINESS_SKIPPED:
        default:
          gtk_image_set_from_icon_name (GTK_IMAGE (icon), "action-unavailable-symbolic");
          gtk_widget_add_css_class (icon, "dim-label");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skipped"), -1);
          break;
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), check->message);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_insert (self->readiness_list, row, 1 + i);
      g_ptr_array_add (self->check_rows, row);
    }
}

static void
bars_changed_cb (OrchardEvaluatePage *self)
{
  if (!self->updating)
    update_readiness (self);
}

/* The bar metric's list and default value follow the selected run's task. */
static void
reset_bars (OrchardEvaluatePage *self)
{
  OrchardReadinessBars bars;
  const char * const *keys;
  guint selected = 0;
  guint n_old;

  if (self->run == NULL)
    return;

  orchard_readiness_bars_init (&bars, metrics_task (orchard_model_run_get_task (self->run)));
  keys = orchard_metrics_task_get_keys (metrics_task (orchard_model_run_get_task (self->run)));

  self->updating = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->bar_metric_labels));
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_null_terminated (0, NULL, TRUE);

    for (guint k = 0; keys[k] != NULL; k++)
      {
        g_ptr_array_add (labels, (gpointer) metric_label (keys[k]));
        if (g_str_equal (keys[k], bars.metric))
          selected = k;
      }
    gtk_string_list_splice (self->bar_metric_labels, 0, n_old, (const char * const *) labels->pdata);
  }
  gtk_drop_down_set_selected (self->bar_metric_dropdown, selected);
  gtk_spin_button_set_value (self->bar_value_spin, bars.metric_bar);
  gtk_spin_button_set_value (self->bar_gap_spin, bars.max_gap);
  gtk_spin_button_set_value (self->bar_std_spin, bars.max_cv_std);
  self->updating = FALSE;
}

/* ---- Bootstrap intervals, in a thread ------------------------------------------------ */

typedef struct
{
  OrchardModelRun *run;
  double           threshold;
  OrchardProgressRelay *progress;
  GHashTable      *intervals;  /* "part\x1fkey" → OrchardInterval */
} IntervalsJob;

static void
intervals_job_free (IntervalsJob *job)
{
  g_clear_object (&job->run);
  g_clear_pointer (&job->progress, orchard_progress_relay_unref);
  g_clear_pointer (&job->intervals, g_hash_table_unref);
  g_free (job);
}

static void
intervals_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  IntervalsJob *job = task_data;
  OrchardTask kind = orchard_model_run_get_task (job->run);
  const char * const *keys = card_keys (kind);
  OrchardBootstrapOptions options;
  guint n_keys = g_strv_length ((char **) keys);
  guint done = 0;

  lower_thread_priority ();

  orchard_bootstrap_options_init (&options);

  for (OrchardPart part = ORCHARD_PART_VALID; part <= ORCHARD_PART_TEST; part++)
    {
      const OrchardModelRunPredictions *p = orchard_model_run_get_predictions (job->run, part);

      for (guint k = 0; keys[k] != NULL; k++, done++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *label = NULL;
          OrchardInterval interval;
          Stage stage;
          gboolean ok;

          if (p == NULL)
            continue;

          if (part == ORCHARD_PART_TEST)
            /* Translators: progress of the bootstrap intervals, e.g. "Bootstrapping ROC AUC on the test rows" */
            label = g_strdup_printf (_("Bootstrapping %s on the test rows"), metric_label (keys[k]));
          else
            /* Translators: progress of the bootstrap intervals, e.g. "Bootstrapping ROC AUC on the validation rows" */
            label = g_strdup_printf (_("Bootstrapping %s on the validation rows"), metric_label (keys[k]));
          stage = (Stage) { job->progress, (double) done / (2 * n_keys), 1.0 / (2 * n_keys), label };

          if (kind == ORCHARD_TASK_BINARY)
            ok = orchard_bootstrap_binary (p->classes, p->positive, NULL, p->n_rows, job->threshold, keys[k],
                                           &options, stage_report, &stage, cancellable, &interval, &error);
          else if (kind == ORCHARD_TASK_MULTICLASS)
            ok = orchard_bootstrap_multiclass (p->classes, p->outputs, p->n_rows, p->n_outputs, keys[k],
                                               &options, stage_report, &stage, cancellable, &interval, &error);
          else
            {
              g_autofree double *predicted = g_new (double, MAX (p->n_rows, 1));

              for (gsize i = 0; i < p->n_rows; i++)
                predicted[i] = p->outputs[i * p->n_outputs];
              ok = orchard_bootstrap_regression (p->values, predicted, p->n_rows, keys[k], &options,
                                                 stage_report, &stage, cancellable, &interval, &error);
            }

          if (g_cancellable_is_cancelled (cancellable))
            {
              g_task_return_error_if_cancelled (task);
              return;
            }

          /* A metric the resamples cannot estimate (one class only) has no
           * interval; the card shows none. */
          if (ok)
            g_hash_table_insert (job->intervals, shown_key (part, keys[k]),
                                 g_memdup2 (&interval, sizeof interval));
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
intervals_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (object);
  IntervalsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;
  /* A newer job replaced this one. */
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  g_hash_table_remove_all (self->intervals);
  g_hash_table_remove_all (self->interval_text);
  g_hash_table_iter_init (&iter, job->intervals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      OrchardInterval *interval = value;
      const char *metric = strchr (key, '\x1f') + 1;
      g_autofree char *lower = format_metric (metric, interval->lower);
      g_autofree char *upper = format_metric (metric, interval->upper);

      g_hash_table_insert (self->intervals, g_strdup (key), g_memdup2 (interval, sizeof *interval));
      g_hash_table_insert (self->interval_text, g_strdup (key),
                           /* Translators: a confidence interval, e.g. "95 % CI 0.921–0.978" */
                           g_strdup_printf (_("%.0f %% CI %s–%s"), 100 * interval->level, lower, upper));
    }

  end_job (self);
  update_cards (self);
}

static void
start_intervals (OrchardEvaluatePage *self)
{
  g_autoptr(GTask) task = NULL;
  IntervalsJob *job;
  GCancellable *cancellable;

  g_hash_table_remove_all (self->intervals);
  g_hash_table_remove_all (self->interval_text);

  if (self->run == NULL || orchard_model_run_get_artifact (self->run) == NULL)
    return;

  cancellable = begin_job (self, JOB_INTERVALS, _("Bootstrapping confidence intervals"));
  job = g_new0 (IntervalsJob, 1);
  job->run = g_object_ref (self->run);
  job->threshold = orchard_model_run_get_threshold (self->run);
  job->progress = orchard_progress_relay_ref (self->progress);
  job->intervals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  task = g_task_new (self, cancellable, intervals_done_cb, NULL);
  g_task_set_source_tag (task, start_intervals);
  g_task_set_task_data (task, job, (GDestroyNotify) intervals_job_free);
  g_task_run_in_thread (task, intervals_thread);
}

/* ---- Cross-validation, in a thread --------------------------------------------------- */

typedef struct
{
  OrchardModelRun *run;
  GHashTable      *scores;    /* metric → GArray of double */
  gsize            n_train;
  gsize            n_test;
} CvResult;

typedef struct
{
  GPtrArray        *runs;     /* OrchardModelRun */
  GPtrArray        *results;  /* CvResult */
  OrchardProgressRelay *progress;
  char             *size_metric;
  OrchardSizePoint *size;
  guint             n_size;
  guint             n_folds;
  guint             n_repeats;
  guint64           seed;
} CvJob;

static void
cv_result_free (gpointer data)
{
  CvResult *result = data;

  g_clear_object (&result->run);
  g_clear_pointer (&result->scores, g_hash_table_unref);
  g_free (result);
}

static void
cv_job_free (CvJob *job)
{
  g_clear_pointer (&job->runs, g_ptr_array_unref);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_clear_pointer (&job->progress, orchard_progress_relay_unref);
  g_clear_pointer (&job->size_metric, g_free);
  g_clear_pointer (&job->size, g_free);
  g_free (job);
}

static void
cv_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  static const double fractions[] = { 0.1, 0.25, 0.5, 0.75, 1.0 };
  CvJob *job = task_data;
  /* Each run's cross-validation, then the size curve of the first, which
   * fits as many models again per fraction. */
  double steps = job->runs->len + G_N_ELEMENTS (fractions);

  lower_thread_priority ();

  for (guint r = 0; r < job->runs->len; r++)
    {
      OrchardModelRun *run = g_ptr_array_index (job->runs, r);
      OrchardArtifact *artifact = orchard_model_run_get_artifact (run);
      g_autoptr(OrchardCrossValidation) cv = NULL;
      g_autoptr(GError) error = NULL;
      const char * const *keys;
      CvResult *result;
      Stage stage = { job->progress, r / steps, 1 / steps, orchard_model_run_get_title (run) };
      gsize n;

      cv = orchard_cross_validation_new (orchard_model_run_get_data (run), orchard_artifact_get_target (artifact),
                                         orchard_artifact_get_model (artifact));
      orchard_cross_validation_set_pipeline (cv, orchard_artifact_get_pipeline (artifact));
      orchard_cross_validation_set_seed (cv, job->seed);
      if (!orchard_cross_validation_set_folds (cv, job->n_folds, job->n_repeats, &error) ||
          !orchard_cross_validation_run (cv, stage_report, &stage, cancellable, &error))
        {
          g_prefix_error (&error, "%s: ", orchard_model_run_get_title (run));
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      result = g_new0 (CvResult, 1);
      result->run = g_object_ref (run);
      result->scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
      orchard_cross_validation_get_train_rows (cv, 0, &result->n_train);
      orchard_cross_validation_get_valid_rows (cv, 0, &result->n_test);
      keys = orchard_metrics_task_get_keys (metrics_task (orchard_cross_validation_get_task (cv)));
      n = orchard_cross_validation_get_n_results (cv);
      for (guint k = 0; keys[k] != NULL; k++)
        {
          GArray *scores = g_array_sized_new (FALSE, FALSE, sizeof (double), n);

          for (guint i = 0; i < n; i++)
            {
              double value = NAN;

              orchard_metrics_lookup (orchard_cross_validation_get_metrics (cv, i), keys[k], &value);
              g_array_append_val (scores, value);
            }
          g_hash_table_insert (result->scores, g_strdup (keys[k]), scores);
        }
      g_ptr_array_add (job->results, result);

      if (r == 0)
        {
          Stage size_stage = { job->progress, job->runs->len / steps, G_N_ELEMENTS (fractions) / steps,
                               _("Metric against training size") };

          job->size = orchard_cross_validation_size_curve (cv, job->size_metric, fractions,
                                                           G_N_ELEMENTS (fractions), stage_report,
                                                           &size_stage, cancellable, &error);
          if (job->size == NULL)
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          job->n_size = G_N_ELEMENTS (fractions);
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
cv_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (object);
  CvJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  end_job (self);

  if (!ok)
    {
      gtk_label_set_label (self->stats_label, error->message);
      return;
    }

  for (guint i = 0; i < job->results->len; i++)
    {
      CvResult *cv = g_ptr_array_index (job->results, i);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, cv->scores);
      while (g_hash_table_iter_next (&iter, &key, &value))
        orchard_model_run_set_cv_scores (cv->run, key, (const double *) ((GArray *) value)->data,
                                         ((GArray *) value)->len, cv->n_train, cv->n_test);
    }

  g_clear_pointer (&self->size_points, g_free);
  g_clear_object (&self->size_run);
  g_free (self->size_metric);
  self->size_metric = g_strdup (job->size_metric);
  self->size_points = g_steal_pointer (&job->size);
  self->n_size_points = job->n_size;
  self->size_run = g_object_ref (g_ptr_array_index (job->runs, 0));

  update_all (self);
}

static void
cross_validate_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (widget);
  g_autoptr(GPtrArray) runs = overlaid_runs (self);
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable;
  CvJob *job;

  if (runs->len == 0)
    return;

  cancellable = begin_job (self, JOB_CROSS_VALIDATE, _("Cross-validating"));
  job = g_new0 (CvJob, 1);
  job->runs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint r = 0; r < runs->len; r++)
    g_ptr_array_add (job->runs, g_object_ref (g_ptr_array_index (runs, r)));
  job->results = g_ptr_array_new_with_free_func (cv_result_free);
  job->progress = orchard_progress_relay_ref (self->progress);
  job->size_metric = g_strdup (card_keys (orchard_model_run_get_task (self->run))[0]);
  job->n_folds = gtk_spin_button_get_value_as_int (self->cv_folds_spin);
  job->n_repeats = gtk_spin_button_get_value_as_int (self->cv_repeats_spin);
  job->seed = (guint64) gtk_spin_button_get_value (self->cv_seed_spin);

  task = g_task_new (self, cancellable, cv_done_cb, NULL);
  g_task_set_source_tag (task, cross_validate_action);
  g_task_set_task_data (task, job, (GDestroyNotify) cv_job_free);
  g_task_run_in_thread (task, cv_thread);
}

/* ---- Permutation importance, in a thread --------------------------------------------- */

typedef struct
{
  OrchardModelRun   *run;
  OrchardProgressRelay *progress;
  double             threshold;
  guint              n_repeats;
  OrchardImportance *importance;
} ImportanceJob;

static void
importance_job_free (ImportanceJob *job)
{
  g_clear_object (&job->run);
  g_clear_object (&job->importance);
  g_clear_pointer (&job->progress, orchard_progress_relay_unref);
  g_free (job);
}

static void
importance_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ImportanceJob *job = task_data;
  OrchardImportanceOptions options;
  g_autoptr(GError) error = NULL;

  lower_thread_priority ();

  orchard_importance_options_init (&options);
  options.threshold = job->threshold;
  options.n_repeats = job->n_repeats;
  job->importance = orchard_importance_compute (orchard_model_run_get_artifact (job->run),
                                                orchard_model_run_get_rows (job->run, ORCHARD_PART_VALID),
                                                &options, orchard_progress_relay_report, job->progress, cancellable,
                                                &error);
  if (job->importance == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
importance_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (object);
  ImportanceJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree double *mean = NULL;
  g_autofree double *std = NULL;
  guint n;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          g_task_get_cancellable (G_TASK (result)) == self->cancellable)
        {
          end_job (self);
          gtk_label_set_label (GTK_LABEL (self->importance_status), error->message);
        }
      return;
    }
  if (g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;

  end_job (self);

  n = orchard_importance_get_n_columns (job->importance);
  names = g_ptr_array_new ();
  mean = g_new (double, MAX (n, 1));
  std = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (names, (gpointer) orchard_importance_get_column (job->importance, i));
      mean[i] = orchard_importance_get_mean (job->importance, i);
      std[i] = orchard_importance_get_std (job->importance, i);
    }
  orchard_model_run_set_importance (job->run, (const char * const *) names->pdata, mean, std, n);

  {
    g_autofree char *title = g_strdup_printf (_("Drop in %s when shuffled"),
                                              metric_label (orchard_importance_get_metric (job->importance)));

    orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (self->importance_plot)), title);
  }
  update_importance_plot (self);
}

static void
importance_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (widget);
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable;
  ImportanceJob *job;

  if (self->run == NULL || orchard_model_run_get_rows (self->run, ORCHARD_PART_VALID) == NULL)
    return;

  cancellable = begin_job (self, JOB_IMPORTANCE, _("Shuffling each feature"));
  job = g_new0 (ImportanceJob, 1);
  job->run = g_object_ref (self->run);
  job->progress = orchard_progress_relay_ref (self->progress);
  job->threshold = orchard_model_run_get_threshold (self->run);
  job->n_repeats = gtk_spin_button_get_value_as_int (self->importance_repeats_spin);

  task = g_task_new (self, cancellable, importance_done_cb, NULL);
  g_task_set_source_tag (task, importance_action);
  g_task_set_task_data (task, job, (GDestroyNotify) importance_job_free);
  g_task_run_in_thread (task, importance_thread);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (widget);
  gboolean intervals = self->job == JOB_INTERVALS;

  cancel_job (self);
  if (intervals)
    update_cards (self);
}

/* ---- Everything ---------------------------------------------------------------------- */

static void
update_all (OrchardEvaluatePage *self)
{
  gboolean binary;

  for (OrchardPart part = 0; part < ORCHARD_N_PARTS; part++)
    {
      g_clear_object (&self->metrics[part]);
      if (self->run != NULL && orchard_model_run_get_artifact (self->run) != NULL && part != ORCHARD_PART_TRAIN)
        self->metrics[part] = compute_metrics (self->run, part);
    }

  gtk_stack_set_visible_child_name (self->stack, self->run != NULL ? "evaluate" : "empty");
  if (self->run == NULL)
    {
      cancel_job (self);
      return;
    }

  binary = orchard_model_run_get_task (self->run) == ORCHARD_TASK_BINARY;
  gtk_widget_set_visible (GTK_WIDGET (self->threshold_group), binary);

  update_cards (self);
  update_plots (self);
  update_threshold (self);
  update_comparison (self);
  update_readiness (self);
}

/* Shows the selected run: its threshold, cards, plots, comparison and
 * readiness, and starts its bootstrap intervals. */
static void
show_selected (OrchardEvaluatePage *self)
{
  self->stale_run = FALSE;

  /* The threshold slider starts at the bundle's threshold. */
  if (self->run != NULL && orchard_model_run_get_task (self->run) == ORCHARD_TASK_BINARY)
    gtk_adjustment_set_value (self->threshold_adjustment, orchard_model_run_get_threshold (self->run));

  reset_bars (self);
  sync_runs (self);
  update_all (self);
  start_intervals (self);
  if (self->job == JOB_INTERVALS)
    update_cards (self);
}

/* Does what was put off while the page was hidden. A run that ends while
 * the Train page is shown changes the session's runs: rebuilding this page
 * then (its rows, cards, comparison table, plots, and the layout of it all
 * in the next frame) cost the main loop 40-280 ms at the end of a run.
 * Every getter calls this first, so what they return is always current. */
static void
refresh (OrchardEvaluatePage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (self->stale_rows)
    {
      self->stale_rows = FALSE;
      rebuild_runs (self);
      if (!self->stale_run)
        {
          update_comparison (self);
          update_plots (self);
          update_threshold (self);
        }
    }
  if (self->stale_run)
    show_selected (self);
}

static gboolean
refresh_cb (gpointer data)
{
  OrchardEvaluatePage *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
orchard_evaluate_page_map (GtkWidget *widget)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (widget);

  GTK_WIDGET_CLASS (orchard_evaluate_page_parent_class)->map (widget);

  /* Before the next frame is laid out and drawn, outside of map. */
  if ((self->stale_rows || self->stale_run) && self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
part_selected_cb (OrchardEvaluatePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->part_dropdown);

  if (self->updating)
    return;

  orchard_evaluate_page_set_part (self, selected == 1 ? ORCHARD_PART_TEST : ORCHARD_PART_VALID);
}

static void
all_params_toggled_cb (OrchardEvaluatePage *self)
{
  update_comparison (self);
}

/* ---- GObject ------------------------------------------------------------------------- */

static void
orchard_evaluate_page_dispose (GObject *object)
{
  OrchardEvaluatePage *self = (OrchardEvaluatePage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  cancel_job (self);
  if (self->plot_cancellable != NULL)
    g_cancellable_cancel (self->plot_cancellable);
  g_clear_object (&self->plot_cancellable);
  orchard_evaluate_page_set_session (self, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_EVALUATE_PAGE);

  G_OBJECT_CLASS (orchard_evaluate_page_parent_class)->dispose (object);
}

static void
orchard_evaluate_page_finalize (GObject *object)
{
  OrchardEvaluatePage *self = (OrchardEvaluatePage *)object;

  g_clear_object (&self->run);
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    g_clear_object (&self->metrics[p]);
  g_clear_object (&self->readiness);
  g_clear_object (&self->compare_store);
  g_clear_object (&self->compare_sorted);
  g_clear_pointer (&self->compare_metrics, g_hash_table_unref);
  g_clear_object (&self->size_run);
  g_clear_pointer (&self->size_points, g_free);
  g_clear_pointer (&self->size_metric, g_free);
  g_clear_pointer (&self->compared, g_hash_table_unref);
  g_clear_pointer (&self->run_rows, g_ptr_array_unref);
  g_clear_pointer (&self->check_rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->intervals, g_hash_table_unref);
  g_clear_pointer (&self->interval_text, g_hash_table_unref);
  g_clear_pointer (&self->plot_cards, g_hash_table_unref);
  g_clear_pointer (&self->threshold_summary, g_free);
  g_clear_pointer (&self->stats_text, g_free);

  G_OBJECT_CLASS (orchard_evaluate_page_parent_class)->finalize (object);
}

static void
orchard_evaluate_page_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_RUN:
      g_value_set_object (value, self->run);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, orchard_evaluate_page_get_busy (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_evaluate_page_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OrchardEvaluatePage *self = ORCHARD_EVALUATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_evaluate_page_set_session (self, g_value_get_object (value));
      break;
    case PROP_RUN:
      orchard_evaluate_page_show_run (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_evaluate_page_class_init (OrchardEvaluatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_evaluate_page_dispose;
  object_class->finalize = orchard_evaluate_page_finalize;
  object_class->get_property = orchard_evaluate_page_get_property;
  object_class->set_property = orchard_evaluate_page_set_property;
  widget_class->map = orchard_evaluate_page_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUN] =
    g_param_spec_object ("run", NULL, NULL, ORCHARD_TYPE_MODEL_RUN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ORCHARD_TYPE_RECORDED_RUNS);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-evaluate-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "evaluatepage");

  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, recorded);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, empty_recorded);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, runs_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, metrics_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, threshold_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, threshold_adjustment);
  gtk_widget_class_bind_template_child_full (widget_class, "threshold_summary", FALSE,
                                             G_STRUCT_OFFSET (OrchardEvaluatePage, threshold_summary_label));
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, cost_fp_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, cost_fn_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, saved_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, plots_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, part_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, part_labels);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, plots_box);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, compare_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, all_params_check);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, compare_view);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, stats_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, readiness_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, bar_metric_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, bar_metric_labels);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, bar_value_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, bar_gap_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, bar_std_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, cv_folds_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, cv_repeats_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardEvaluatePage, cv_seed_spin);

  gtk_widget_class_install_action (widget_class, "evaluate.choose-threshold", "s", choose_threshold_action);
  gtk_widget_class_install_action (widget_class, "evaluate.save-threshold", NULL, save_threshold_action);
  gtk_widget_class_install_action (widget_class, "evaluate.cross-validate", NULL, cross_validate_action);
  gtk_widget_class_install_action (widget_class, "evaluate.importance", NULL, importance_action);
  gtk_widget_class_install_action (widget_class, "evaluate.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "evaluate.cancel", NULL);
}

static void
orchard_evaluate_page_init (OrchardEvaluatePage *self)
{
  GtkWidget *importance_extra;
  GtkWidget *repeats_label;
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->compared = g_hash_table_new (NULL, NULL);
  self->run_rows = g_ptr_array_new ();
  self->check_rows = g_ptr_array_new ();
  self->part = ORCHARD_PART_VALID;
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shown_free);
  self->intervals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->interval_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->plot_cards = g_hash_table_new (NULL, NULL);

  gtk_string_list_append (self->part_labels, _("Validation rows"));
  gtk_string_list_append (self->part_labels, _("Test rows"));

  self->roc_plot = add_plot_card (self, orchard_curve_plot_new (ORCHARD_CURVE_PLOT_ROC),
                                  _("ROC Curve"), NULL);
  self->pr_plot = add_plot_card (self, orchard_curve_plot_new (ORCHARD_CURVE_PLOT_PRECISION_RECALL),
                                 _("Precision and Recall"), NULL);
  self->confusion_plot = add_plot_card (self, orchard_confusion_plot_new (), _("Confusion Matrix"), NULL);
  self->calibration_plot = add_plot_card (self, orchard_curve_plot_new (ORCHARD_CURVE_PLOT_CALIBRATION),
                                          _("Calibration"), NULL);
  self->gains_plot = add_plot_card (self, orchard_curve_plot_new (ORCHARD_CURVE_PLOT_GAINS),
                                    _("Cumulative Gains"), NULL);
  self->scatter_plot = add_plot_card (self, orchard_scatter_plot_new (), _("Predicted and Actual"), NULL);
  self->residual_plot = add_plot_card (self, orchard_histogram_plot_new (), _("Residuals"), NULL);
  self->learning_plot = add_plot_card (self, orchard_line_plot_new (), _("Learning Curve"), NULL);
  self->size_plot = add_plot_card (self, orchard_line_plot_new (), _("Metric and Training Size"), NULL);
  self->cv_plot = add_plot_card (self, orchard_box_plot_new (), _("Cross-Validation"), NULL);

  importance_extra = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  self->importance_status = gtk_label_new (_("How much the score drops when a feature’s values are shuffled on the validation rows"));
  gtk_label_set_wrap (GTK_LABEL (self->importance_status), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->importance_status), 0);
  gtk_widget_set_hexpand (self->importance_status, TRUE);
  gtk_widget_add_css_class (self->importance_status, "dim-label");
  self->importance_button = gtk_button_new_with_mnemonic (_("Compute _Importance"));
  gtk_widget_set_valign (self->importance_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->importance_button), "evaluate.importance");
  /* Each repeat shuffles every column again: the error bars' sample. */
  self->importance_repeats_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 50, 1));
  gtk_spin_button_set_value (self->importance_repeats_spin, 5);
  gtk_widget_set_valign (GTK_WIDGET (self->importance_repeats_spin), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->importance_repeats_spin),
                               _("How many times each feature is shuffled"));
  repeats_label = gtk_label_new_with_mnemonic (_("_Shuffles"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (repeats_label), GTK_WIDGET (self->importance_repeats_spin));
  gtk_box_append (GTK_BOX (importance_extra), self->importance_status);
  gtk_box_append (GTK_BOX (importance_extra), repeats_label);
  gtk_box_append (GTK_BOX (importance_extra), GTK_WIDGET (self->importance_repeats_spin));
  gtk_box_append (GTK_BOX (importance_extra), self->importance_button);
  self->importance_plot = add_plot_card (self, orchard_importance_plot_new (), _("Permutation Importance"),
                                         importance_extra);

  orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (self->learning_plot)), _("Iteration"));
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (self->learning_plot)), _("Loss"));
  orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (self->size_plot)), _("Training rows"));
  orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (self->residual_plot)),
                               _("Actual − predicted"));
  orchard_histogram_plot_set_name (ORCHARD_HISTOGRAM_PLOT (self->residual_plot), _("Residuals"));
  orchard_line_plot_set_show_points (ORCHARD_LINE_PLOT (self->size_plot), TRUE);

  self->compare_store = g_list_store_new (ORCHARD_TYPE_MODEL_RUN);
  self->compare_metrics = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  sorter = gtk_column_view_get_sorter (self->compare_view);
  self->compare_sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->compare_store)),
                                                  g_object_ref (sorter));
  {
    g_autoptr(GtkNoSelection) selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->compare_sorted)));

    gtk_column_view_set_model (self->compare_view, GTK_SELECTION_MODEL (selection));
  }

  g_signal_connect_object (self->threshold_adjustment, "value-changed",
                           G_CALLBACK (threshold_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->runs_list, "row-selected", G_CALLBACK (row_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->recorded, "run-opened", G_CALLBACK (orchard_evaluate_page_show_run), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->empty_recorded, "run-opened", G_CALLBACK (orchard_evaluate_page_show_run), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->part_dropdown, "notify::selected", G_CALLBACK (part_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->all_params_check, "toggled", G_CALLBACK (all_params_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bar_metric_dropdown, "notify::selected", G_CALLBACK (bars_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bar_value_spin, "value-changed", G_CALLBACK (bars_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bar_gap_spin, "value-changed", G_CALLBACK (bars_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->bar_std_spin, "value-changed", G_CALLBACK (bars_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "evaluate.cancel", FALSE);
  update_all (self);
}

/* ---- Public -------------------------------------------------------------------------- */

OrchardSession *
orchard_evaluate_page_get_session (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  return self->session;
}

/**
 * orchard_evaluate_page_set_session:
 * @self: an evaluate page
 * @session: (nullable): the window's session
 *
 * Shows the session's runs, and follows them as they are added and removed.
 */
void
orchard_evaluate_page_set_session (OrchardEvaluatePage *self,
                                   OrchardSession      *session)
{
  g_return_if_fail (ORCHARD_IS_EVALUATE_PAGE (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->runs != NULL)
    g_signal_handlers_disconnect_by_func (self->runs, runs_changed_cb, self);
  g_clear_object (&self->session);
  self->runs = NULL;

  if (session != NULL)
    {
      self->session = g_object_ref (session);
      self->runs = orchard_session_get_runs (session);
      g_signal_connect_object (self->runs, "items-changed", G_CALLBACK (runs_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  g_hash_table_remove_all (self->compared);
  orchard_evaluate_page_show_run (self, self->runs != NULL ? newest_usable_run (self) : NULL);
  rebuild_runs (self);
  orchard_recorded_runs_set_session (self->recorded, session);
  orchard_recorded_runs_set_session (self->empty_recorded, session);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * orchard_evaluate_page_get_recorded_runs:
 *
 * Returns: (transfer none): the list of the project's runs that the page
 *   shows now (under the runs, or on the empty page while there are none)
 */
OrchardRecordedRuns *
orchard_evaluate_page_get_recorded_runs (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "empty") == 0
           ? self->empty_recorded : self->recorded;
}

/**
 * orchard_evaluate_page_get_run:
 *
 * Returns: (transfer none) (nullable): the run shown
 */
OrchardModelRun *
orchard_evaluate_page_get_run (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  return self->run;
}

/**
 * orchard_evaluate_page_show_run:
 * @self: an evaluate page
 * @run: (nullable): a finished run of the session
 *
 * Selects the run to evaluate, as opening it from the Train page does.
 */
void
orchard_evaluate_page_show_run (OrchardEvaluatePage *self,
                                OrchardModelRun     *run)
{
  g_return_if_fail (ORCHARD_IS_EVALUATE_PAGE (self));
  g_return_if_fail (run == NULL || ORCHARD_IS_MODEL_RUN (run));

  if (run != NULL && orchard_model_run_get_artifact (run) == NULL)
    return;
  if (self->run == run && run != NULL)
    return;

  cancel_job (self);
  g_set_object (&self->run, run);
  if (run != NULL)
    g_hash_table_remove (self->compared, run);

  /* Hidden, the page shows the run when it is shown (refresh ()). */
  self->stale_run = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUN]);
}

/**
 * orchard_evaluate_page_set_compared:
 * @self: an evaluate page
 * @run: a run of the session
 * @compared: whether to compare it with the selected run
 *
 * Ticks or unticks a run: its curves join the plots and it joins the
 * comparison table.
 */
void
orchard_evaluate_page_set_compared (OrchardEvaluatePage *self,
                                    OrchardModelRun     *run,
                                    gboolean             compared)
{
  g_return_if_fail (ORCHARD_IS_EVALUATE_PAGE (self));
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (run));

  refresh (self);

  if (run == self->run || compared == g_hash_table_contains (self->compared, run))
    return;

  if (compared)
    g_hash_table_add (self->compared, run);
  else
    g_hash_table_remove (self->compared, run);

  sync_runs (self);
  update_plots (self);
  update_threshold (self);
  update_comparison (self);
}

OrchardPart
orchard_evaluate_page_get_part (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), ORCHARD_PART_VALID);

  return self->part;
}

/**
 * orchard_evaluate_page_set_part:
 * @self: an evaluate page
 * @part: %ORCHARD_PART_VALID or %ORCHARD_PART_TEST
 *
 * Chooses the rows the threshold and the plots are computed on.
 */
void
orchard_evaluate_page_set_part (OrchardEvaluatePage *self,
                                OrchardPart          part)
{
  g_return_if_fail (ORCHARD_IS_EVALUATE_PAGE (self));
  g_return_if_fail (part == ORCHARD_PART_VALID || part == ORCHARD_PART_TEST);

  refresh (self);

  if (self->part == part)
    return;

  self->part = part;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->part_dropdown, part == ORCHARD_PART_TEST ? 1 : 0);
  self->updating = FALSE;

  update_plots (self);
  update_threshold (self);
}

/**
 * orchard_evaluate_page_get_busy:
 *
 * Returns: whether a background job (intervals, cross-validation,
 *   importance) runs, or the curves are being computed
 */
gboolean
orchard_evaluate_page_get_busy (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), FALSE);

  refresh (self);

  return self->job != JOB_NONE || self->plot_cancellable != NULL;
}

/**
 * orchard_evaluate_page_get_metric:
 * @self: an evaluate page
 * @part: the rows
 * @key: a metric key
 * @value: (out) (optional): the value shown
 * @text: (out) (optional) (transfer none): the text shown
 *
 * What a metric card shows, for tests and accessibility checks.
 *
 * Returns: whether a card shows the metric for @part
 */
gboolean
orchard_evaluate_page_get_metric (OrchardEvaluatePage  *self,
                                  OrchardPart           part,
                                  const char           *key,
                                  double               *value,
                                  const char          **text)
{
  g_autofree char *id = NULL;
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  refresh (self);

  id = shown_key (part, key);
  shown = g_hash_table_lookup (self->shown, id);
  if (shown == NULL)
    return FALSE;

  if (value != NULL)
    *value = shown->value;
  if (text != NULL)
    *text = shown->text;

  return TRUE;
}

/**
 * orchard_evaluate_page_get_interval:
 * @self: an evaluate page
 * @part: the rows
 * @key: a metric key
 * @interval: (out) (optional): the bootstrap interval
 * @text: (out) (optional) (transfer none): how the card shows it
 *
 * Returns: whether the interval has been computed
 */
gboolean
orchard_evaluate_page_get_interval (OrchardEvaluatePage  *self,
                                    OrchardPart           part,
                                    const char           *key,
                                    OrchardInterval      *interval,
                                    const char          **text)
{
  g_autofree char *id = NULL;
  OrchardInterval *found;

  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  refresh (self);

  id = shown_key (part, key);
  found = g_hash_table_lookup (self->intervals, id);
  if (found == NULL)
    return FALSE;

  if (interval != NULL)
    *interval = *found;
  if (text != NULL)
    *text = g_hash_table_lookup (self->interval_text, id);

  return TRUE;
}

/**
 * orchard_evaluate_page_get_threshold_adjustment:
 *
 * Returns: (transfer none): the threshold slider's adjustment
 */
GtkAdjustment *
orchard_evaluate_page_get_threshold_adjustment (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  refresh (self);

  return self->threshold_adjustment;
}

/**
 * orchard_evaluate_page_get_threshold_summary:
 *
 * Returns: (nullable): the precision, recall and F1 line at the threshold
 */
const char *
orchard_evaluate_page_get_threshold_summary (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  refresh (self);

  return self->threshold_summary;
}

/**
 * orchard_evaluate_page_get_plot:
 * @self: an evaluate page
 * @name: "roc", "pr", "calibration", "gains", "confusion", "scatter",
 *   "residuals", "learning", "size", "cv" or "importance"
 *
 * Returns: (transfer none) (nullable): the plot
 */
GtkWidget *
orchard_evaluate_page_get_plot (OrchardEvaluatePage *self,
                                const char          *name)
{
  static const struct {
    const char *name;
    gsize       offset;
  } plots[] = {
    { "roc", G_STRUCT_OFFSET (OrchardEvaluatePage, roc_plot) },
    { "pr", G_STRUCT_OFFSET (OrchardEvaluatePage, pr_plot) },
    { "calibration", G_STRUCT_OFFSET (OrchardEvaluatePage, calibration_plot) },
    { "gains", G_STRUCT_OFFSET (OrchardEvaluatePage, gains_plot) },
    { "confusion", G_STRUCT_OFFSET (OrchardEvaluatePage, confusion_plot) },
    { "scatter", G_STRUCT_OFFSET (OrchardEvaluatePage, scatter_plot) },
    { "residuals", G_STRUCT_OFFSET (OrchardEvaluatePage, residual_plot) },
    { "learning", G_STRUCT_OFFSET (OrchardEvaluatePage, learning_plot) },
    { "size", G_STRUCT_OFFSET (OrchardEvaluatePage, size_plot) },
    { "cv", G_STRUCT_OFFSET (OrchardEvaluatePage, cv_plot) },
    { "importance", G_STRUCT_OFFSET (OrchardEvaluatePage, importance_plot) },
  };

  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  refresh (self);

  for (guint i = 0; i < G_N_ELEMENTS (plots); i++)
    if (g_str_equal (plots[i].name, name))
      return G_STRUCT_MEMBER (GtkWidget *, self, plots[i].offset);

  return NULL;
}

/**
 * orchard_evaluate_page_get_compare_model:
 *
 * Returns: (transfer none): the compared runs in the table's order
 */
GListModel *
orchard_evaluate_page_get_compare_model (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  refresh (self);

  return G_LIST_MODEL (self->compare_sorted);
}

/**
 * orchard_evaluate_page_get_compare_view:
 *
 * Returns: (transfer none): the comparison table
 */
GtkColumnView *
orchard_evaluate_page_get_compare_view (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  refresh (self);

  return self->compare_view;
}

/**
 * orchard_evaluate_page_get_stats_text:
 *
 * Returns: (nullable): the statistical comparison of the compared runs
 */
const char *
orchard_evaluate_page_get_stats_text (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  refresh (self);

  return self->stats_text;
}

/**
 * orchard_evaluate_page_get_readiness:
 *
 * Returns: (transfer none) (nullable): the verdict shown
 */
OrchardReadiness *
orchard_evaluate_page_get_readiness (OrchardEvaluatePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_EVALUATE_PAGE (self), NULL);

  refresh (self);

  return self->readiness;
}
