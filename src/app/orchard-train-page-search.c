/* orchard-train-page-search.c: "Try Several Settings" on the Train page
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-train-page-private.h"

/* ---- trying several settings -------------------------------------------- */

static void
space_entry_changed_cb (GtkWidget *entry)
{
  gtk_widget_remove_css_class (entry, "error");
}

/* One row per parameter a search can vary: numbers, choices, switches. */
void
_orchard_train_page_build_space (OrchardTrainPage *self)
{
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  g_autofree GParamSpec **params = NULL;
  guint n_params = 0;

  for (guint i = 0; i < self->space_entries->len; i++)
    adw_expander_row_remove (self->space_row, g_ptr_array_index (self->space_entries, i));
  g_ptr_array_set_size (self->space_entries, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_problem), FALSE);

  if (draft == NULL)
    return;

  params = orchard_model_class_list_params (ORCHARD_MODEL_GET_CLASS (draft), &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (params[i]);
      GtkWidget *entry;
      g_autofree char *tooltip = NULL;

      if (type == G_TYPE_STRING)
        continue;

      entry = adw_entry_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (entry), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), g_param_spec_get_nick (params[i]));
      if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *klass = G_PARAM_SPEC_ENUM (params[i])->enum_class;
          g_autoptr(GString) choices = g_string_new (NULL);

          for (guint v = 0; v < klass->n_values; v++)
            g_string_append_printf (choices, "%s%s", v > 0 ? ", " : "", klass->values[v].value_nick);
          /* Translators: a tooltip: the parameter's name, then its choices */
          tooltip = g_strdup_printf (_("%s: one or more of %s"), params[i]->name, choices->str);
        }
      else if (type == G_TYPE_BOOLEAN)
        tooltip = g_strdup_printf (_("%s: one or more of %s"), params[i]->name, "true, false");
      else
        tooltip = g_strdup_printf ("%s: %s", params[i]->name, g_param_spec_get_blurb (params[i]));
      gtk_widget_set_tooltip_text (entry, tooltip);
      g_object_set_data (G_OBJECT (entry), "orchard-param", params[i]);
      g_signal_connect (entry, "changed", G_CALLBACK (space_entry_changed_cb), NULL);
      adw_expander_row_add_row (self->space_row, entry);
      g_ptr_array_add (self->space_entries, entry);
    }
}

static OrchardTunerCandidate *
get_candidate (OrchardTrainPage *self,
               int               id)
{
  if (id < 0 || (guint) id >= self->candidates->len)
    return NULL;
  return g_ptr_array_index (self->candidates, id);
}

static gboolean
better (OrchardTrainPage *self,
        double            a,
        double            b)
{
  return self->search_higher_better ? a > b : a < b;
}

/* The best scored candidate: of the last round when it got there, the
 * first in order on ties, as orchard_tuner_get_best() chooses. */
static int
find_best (OrchardTrainPage *self)
{
  guint last_round = 0;
  int best = -1;

  for (guint i = 0; i < self->candidates->len; i++)
    {
      OrchardTunerCandidate *c = g_ptr_array_index (self->candidates, i);

      if (c != NULL && !isnan (c->score) && c->status != ORCHARD_TUNER_STATUS_RUNNING &&
          c->status != ORCHARD_TUNER_STATUS_FAILED)
        last_round = MAX (last_round, c->round);
    }

  for (guint i = 0; i < self->candidates->len; i++)
    {
      OrchardTunerCandidate *c = g_ptr_array_index (self->candidates, i);

      if (c == NULL || isnan (c->score) || c->round != last_round ||
          c->status == ORCHARD_TUNER_STATUS_RUNNING || c->status == ORCHARD_TUNER_STATUS_FAILED)
        continue;
      if (best < 0 || better (self, c->score, get_candidate (self, best)->score) ||
          (c->score == get_candidate (self, best)->score && c->candidate < get_candidate (self, best)->candidate))
        best = c->id;
    }

  return best;
}

static char *
params_text (GVariant *params)
{
  g_autoptr(GString) text = g_string_new (NULL);
  GVariantIter iter;
  const char *name;
  GVariant *value;

  if (params == NULL)
    return g_strdup ("");

  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autofree char *printed = NULL;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        printed = g_variant_dup_string (value, NULL);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        printed = g_strdup_printf ("%g", g_variant_get_double (value));
      else
        printed = g_variant_print (value, FALSE);
      g_string_append_printf (text, "%s%s = %s", text->len > 0 ? ", " : "", name, printed);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_candidate_row (OrchardTrainPage *self,
                      guint             id)
{
  OrchardTunerCandidate *c = get_candidate (self, id);
  GtkWidget *row = g_ptr_array_index (self->candidate_rows, id);
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "orchard-status-icon");
  GtkWidget *best = g_object_get_data (G_OBJECT (row), "orchard-best");
  g_autofree char *title = params_text (c->params);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *status = NULL;
  const char *icon_name = NULL;

  switch (c->status)
    {
    case ORCHARD_TUNER_STATUS_RUNNING:
      status = _("Scoring");
      icon_name = "content-loading-symbolic";
      break;
    case ORCHARD_TUNER_STATUS_DONE:
      status = _("Scored");
      icon_name = "emblem-ok-symbolic";
      break;
    case ORCHARD_TUNER_STATUS_PROMOTED:
      status = _("Kept for the next round");
      icon_name = "go-up-symbolic";
      break;
    case ORCHARD_TUNER_STATUS_DROPPED:
      status = _("Dropped");
      icon_name = "go-down-symbolic";
      break;
    case ORCHARD_TUNER_STATUS_FAILED:
      status = _("Failed");
      icon_name = "dialog-error-symbolic";
      break;
    default:
      g_assert_not_reached ();
    }

  g_string_append (subtitle, status);
  if (!isnan (c->score))
    {
      g_autofree char *score = _orchard_train_page_format_metric (self->search_metric, c->score);

      g_string_append_printf (subtitle, " · %s %s", _orchard_train_page_metric_label (self->search_metric), score);
      if (!isnan (c->std))
        {
          g_autofree char *std = _orchard_train_page_format_metric (self->search_metric, c->std);
          g_string_append_printf (subtitle, " ± %s", std);
        }
    }
  if (c->round > 0 || c->status == ORCHARD_TUNER_STATUS_PROMOTED || c->status == ORCHARD_TUNER_STATUS_DROPPED)
    {
      g_autofree char *rows = g_strdup_printf ("%'" G_GSIZE_FORMAT, c->rows);
      /* Translators: a halving round and the rows it used, "round 2, 120 rows" */
      g_string_append_printf (subtitle, " · ");
      g_string_append_printf (subtitle, _("round %u, %s rows"), c->round + 1, rows);
    }
  if (c->message != NULL)
    g_string_append_printf (subtitle, "\n%s", c->message);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title != '\0' ? title : _("The values above"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), icon_name);
  gtk_widget_set_tooltip_text (icon, status);
  gtk_widget_set_visible (best, (int) id == self->best_candidate);
}

static void
add_candidate (OrchardTrainPage            *self,
               const OrchardTunerCandidate *candidate)
{
  GtkWidget *row;
  GtkWidget *icon;
  GtkWidget *best;

  if (candidate->id >= self->candidates->len)
    {
      g_ptr_array_set_size (self->candidates, candidate->id + 1);
      g_ptr_array_set_size (self->candidate_rows, candidate->id + 1);
    }
  g_ptr_array_index (self->candidates, candidate->id) = orchard_tuner_candidate_copy (candidate);
  if (g_ptr_array_index (self->candidate_rows, candidate->id) != NULL)
    return;

  row = adw_action_row_new ();
  icon = gtk_image_new ();
  best = gtk_label_new (_("Best"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (best, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (best, "accent");
  gtk_widget_add_css_class (best, "heading");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), best);
  g_object_set_data (G_OBJECT (row), "orchard-status-icon", icon);
  g_object_set_data (G_OBJECT (row), "orchard-best", best);
  gtk_list_box_append (self->candidates_list, row);
  g_ptr_array_index (self->candidate_rows, candidate->id) = row;
}

/* Takes what the search reported since the last time. */
void
_orchard_train_page_show_candidates (OrchardTrainPage *self)
{
  g_autoptr(GPtrArray) pending = NULL;
  int previous_best = self->best_candidate;

  if (self->search_progress == NULL)
    return;

  g_mutex_lock (&self->search_progress->mutex);
  pending = g_steal_pointer (&self->search_progress->candidates);
  self->search_progress->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_tuner_candidate_free);
  g_mutex_unlock (&self->search_progress->mutex);

  for (guint i = 0; i < pending->len; i++)
    {
      OrchardTunerCandidate *c = g_ptr_array_index (pending, i);

      if (c->id < self->candidates->len && g_ptr_array_index (self->candidates, c->id) != NULL)
        orchard_tuner_candidate_free (g_ptr_array_index (self->candidates, c->id));
      add_candidate (self, c);
    }

  self->best_candidate = find_best (self);
  for (guint i = 0; i < pending->len; i++)
    update_candidate_row (self, ((OrchardTunerCandidate *) g_ptr_array_index (pending, i))->id);
  if (previous_best != self->best_candidate && previous_best >= 0)
    update_candidate_row (self, previous_best);
  if (self->best_candidate >= 0)
    update_candidate_row (self, self->best_candidate);

  gtk_widget_set_visible (GTK_WIDGET (self->candidates_group), self->candidates->len > 0);
  _orchard_train_page_update_actions (self);
}

/* Runs in the worker thread. */
static void
candidate_reported (const OrchardTunerCandidate *candidate,
                    gpointer                     user_data)
{
  OrchardTrainProgress *p = user_data;
  gboolean queue;

  g_mutex_lock (&p->mutex);
  g_ptr_array_add (p->candidates, orchard_tuner_candidate_copy (candidate));
  queue = !p->idle_queued;
  p->idle_queued = TRUE;
  g_mutex_unlock (&p->mutex);

  if (queue)
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, orchard_train_progress_idle_cb, orchard_train_progress_ref (p),
                     (GDestroyNotify) orchard_train_progress_unref);
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OrchardTuner *tuner = task_data;
  OrchardTrainProgress *p = g_object_get_data (G_OBJECT (task), "orchard-progress");
  g_autoptr(GError) error = NULL;

  orchard_train_lower_thread_priority ();
  if (orchard_tuner_run (tuner, orchard_train_progress_report, p, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(OrchardTrainPage) self = user_data;
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;

  if (g_task_get_cancellable (task) != self->search_cancellable)
    {
      g_task_propagate_boolean (task, NULL);
      return;
    }

  g_task_propagate_boolean (task, &error);
  /* Whatever finished stays, cancelled or not. */
  _orchard_train_page_show_candidates (self);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_label_set_label (self->search_problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->search_problem), TRUE);
    }

  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_progress, orchard_train_progress_unref);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_spinner_stop (self->spinner);
  _orchard_train_page_update_actions (self);
  g_object_notify (G_OBJECT (self), "searching");
}

static const char *
search_metric (OrchardTask task)
{
  /* The tuner's defaults: what ranks probabilities and values best. */
  switch (task)
    {
    case ORCHARD_TASK_BINARY:
      return "roc_auc";
    case ORCHARD_TASK_MULTICLASS:
      return "log_loss";
    case ORCHARD_TASK_REGRESSION:
    default:
      return "rmse";
    }
}

void
_orchard_train_page_search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  static const guint folds[] = { 0, 3, 5, 10 };
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (widget);
  OrchardTable *table = _orchard_train_page_get_table (self);
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  g_autoptr(OrchardModel) model = NULL;
  g_autoptr(OrchardTuner) tuner = NULL;
  g_autoptr(OrchardSplit) split = NULL;
  g_autoptr(GVariant) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  guint n_dims = 0, scoring;
  double fractions[ORCHARD_N_PARTS];

  if (self->search_cancellable != NULL || self->cancellable != NULL || table == NULL ||
      draft == NULL || _orchard_train_page_get_target_name (self) == NULL || self->split == NULL || self->param_problem != NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->search_problem), FALSE);

  model = orchard_model_new_by_name (self->learner, NULL);
  params = g_variant_ref_sink (orchard_model_get_params (draft));
  if (!orchard_model_set_params (model, params, &error))
    {
      /* The form keeps every value valid. */
      g_critical ("%s", error->message);
      return;
    }
  tuner = orchard_tuner_new (table, _orchard_train_page_get_target_name (self), model);

  for (guint i = 0; i < self->space_entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->space_entries, i);
      GParamSpec *pspec = g_object_get_data (G_OBJECT (entry), "orchard-param");
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
      g_autofree char *spec = NULL;
      char *out = text;

      /* "0.03, 0.1" as "0.03,0.1": spaces mean nothing in a value list. */
      for (const char *in = text; *in != '\0'; in++)
        if (!g_ascii_isspace (*in))
          *out++ = *in;
      *out = '\0';
      if (*text == '\0')
        continue;

      spec = g_strdup_printf ("%s=%s", pspec->name, text);
      if (!orchard_tuner_add_param (tuner, spec, &error))
        {
          gtk_widget_add_css_class (entry, "error");
          adw_expander_row_set_expanded (self->space_row, TRUE);
          gtk_label_set_label (self->search_problem, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->search_problem), TRUE);
          return;
        }
      n_dims++;
    }

  if (n_dims == 0)
    {
      adw_expander_row_set_expanded (self->space_row, TRUE);
      gtk_label_set_label (self->search_problem,
                           _("Give values to try for at least one parameter under “Values to try”"));
      gtk_widget_set_visible (GTK_WIDGET (self->search_problem), TRUE);
      return;
    }

  if (adw_combo_row_get_selected (self->strategy_row) == 1)
    orchard_tuner_set_random (tuner, (guint) gtk_spin_button_get_value (self->draws_spin));
  scoring = MIN (adw_combo_row_get_selected (self->scoring_row), G_N_ELEMENTS (folds) - 1);
  if (!orchard_tuner_set_folds (tuner, folds[scoring], &error))
    {
      /* 0, 3, 5 and 10 are all valid. */
      g_critical ("%s", error->message);
      return;
    }
  orchard_tuner_set_halving (tuner, gtk_switch_get_active (self->halving_switch));
  orchard_tuner_set_seed (tuner, orchard_split_get_seed (self->split));
  split = orchard_split_new (orchard_split_get_method (self->split));
  if (orchard_split_get_column (self->split) != NULL)
    g_object_set (split, "column", orchard_split_get_column (self->split), NULL);
  orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);
  orchard_split_set_fractions (split, fractions[0], fractions[1], fractions[2], NULL);
  orchard_tuner_set_split (tuner, split);
  /* Every candidate is a run of the project, tagged with the search. */
  if (self->session != NULL && orchard_session_get_project (self->session) != NULL)
    orchard_tuner_set_project (tuner, orchard_session_get_project (self->session));
  if (adw_combo_row_get_selected (self->pipeline_row) == 1 &&
      orchard_session_get_pipeline (self->session) != NULL)
    {
      g_autoptr(JsonNode) json = orchard_pipeline_to_json (orchard_session_get_pipeline (self->session));
      g_autoptr(OrchardPipeline) pipeline = orchard_pipeline_new_from_json (json, NULL, &error);

      if (pipeline == NULL)
        {
          /* The engine wrote it a moment ago. */
          g_critical ("%s", error->message);
          return;
        }
      orchard_tuner_set_pipeline (tuner, pipeline);
    }

  /* A grid too large or a range a grid cannot take: say so now. */
  {
    g_autoptr(GPtrArray) expanded = orchard_tuner_expand (tuner, &error);

    if (expanded == NULL)
      {
        gtk_label_set_label (self->search_problem, error->message);
        gtk_widget_set_visible (GTK_WIDGET (self->search_problem), TRUE);
        return;
      }
  }

  g_free (self->search_metric);
  self->search_metric = g_strdup (search_metric (self->task));
  self->search_higher_better = orchard_metric_higher_is_better (self->search_metric);
  orchard_tuner_set_metric (tuner, self->search_metric);

  /* A new search replaces the candidates of the last. */
  for (guint i = 0; i < self->candidate_rows->len; i++)
    if (g_ptr_array_index (self->candidate_rows, i) != NULL)
      gtk_list_box_remove (self->candidates_list, g_ptr_array_index (self->candidate_rows, i));
  g_ptr_array_set_size (self->candidate_rows, 0);
  g_ptr_array_set_size (self->candidates, 0);
  self->best_candidate = -1;
  {
    g_autofree char *description = g_strdup_printf (_("Scored by %s; the best is marked"),
                                                    _orchard_train_page_metric_label (self->search_metric));
    adw_preferences_group_set_description (self->candidates_group, description);
  }

  self->search_progress = orchard_train_progress_new (self);
  self->search_cancellable = g_cancellable_new ();
  orchard_tuner_set_candidate_func (tuner, candidate_reported, orchard_train_progress_ref (self->search_progress),
                                    (GDestroyNotify) orchard_train_progress_unref);
  g_set_object (&self->tuner, tuner);

  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Searching"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_spinner_start (self->spinner);

  task = g_task_new (NULL, self->search_cancellable, search_cb, g_object_ref (self));
  g_task_set_source_tag (task, _orchard_train_page_search_action);
  g_task_set_task_data (task, g_object_ref (tuner), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "orchard-progress", orchard_train_progress_ref (self->search_progress),
                          (GDestroyNotify) orchard_train_progress_unref);
  g_task_run_in_thread (task, search_worker);

  _orchard_train_page_update_actions (self);
  g_object_notify (G_OBJECT (self), "searching");
}

/* Sets the best candidate's values in the form and trains them. */
void
_orchard_train_page_train_best_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OrchardTrainPage *self = ORCHARD_TRAIN_PAGE (widget);
  OrchardTunerCandidate *best = get_candidate (self, self->best_candidate);
  OrchardModel *draft = _orchard_train_page_get_draft (self);
  g_autoptr(GError) error = NULL;

  if (best == NULL || draft == NULL || best->params == NULL)
    return;

  if (!orchard_model_set_params (draft, best->params, &error))
    {
      gtk_label_set_label (self->search_problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->search_problem), TRUE);
      return;
    }
  _orchard_train_page_sync_form (self);
  _orchard_train_page_train_action (widget, "train.train", NULL);
}

/* ---- public ------------------------------------------------------------- */

gboolean
orchard_train_page_get_searching (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), FALSE);
  return self->search_cancellable != NULL;
}

/**
 * orchard_train_page_get_space_entry:
 *
 * Returns: (transfer none) (nullable): the entry of the values to try of
 *   parameter @name
 */
GtkEditable *
orchard_train_page_get_space_entry (OrchardTrainPage *self,
                                    const char       *name)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);

  for (guint i = 0; i < self->space_entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->space_entries, i);
      GParamSpec *pspec = g_object_get_data (G_OBJECT (entry), "orchard-param");

      if (g_str_equal (pspec->name, name))
        return GTK_EDITABLE (entry);
    }
  return NULL;
}

/**
 * orchard_train_page_get_search_problem:
 *
 * Returns: (nullable): what the search settings have wrong, as shown
 */
const char *
orchard_train_page_get_search_problem (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->search_problem))
         ? gtk_label_get_label (self->search_problem) : NULL;
}

/**
 * orchard_train_page_get_tuner:
 *
 * Returns: (transfer none) (nullable): the last search; read it only when
 *   it is not running
 */
OrchardTuner *
orchard_train_page_get_tuner (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return self->tuner;
}

/**
 * orchard_train_page_get_n_candidates:
 *
 * Returns: how many candidates the Candidates list shows
 */
guint
orchard_train_page_get_n_candidates (OrchardTrainPage *self)
{
  guint n = 0;

  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), 0);

  for (guint i = 0; i < self->candidates->len; i++)
    n += g_ptr_array_index (self->candidates, i) != NULL;
  return n;
}

/**
 * orchard_train_page_get_candidate:
 *
 * Returns: (transfer none) (nullable): candidate @id as last reported
 */
const OrchardTunerCandidate *
orchard_train_page_get_candidate (OrchardTrainPage *self,
                                  guint             id)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return get_candidate (self, id);
}

/**
 * orchard_train_page_get_best_candidate:
 *
 * Returns: the id of the candidate marked best, or -1
 */
int
orchard_train_page_get_best_candidate (OrchardTrainPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), -1);
  return self->best_candidate;
}

/**
 * orchard_train_page_get_candidate_row:
 *
 * Returns: (transfer none) (nullable): the row of candidate @id
 */
GtkWidget *
orchard_train_page_get_candidate_row (OrchardTrainPage *self,
                                      guint             id)
{
  g_return_val_if_fail (ORCHARD_IS_TRAIN_PAGE (self), NULL);
  return id < self->candidate_rows->len ? g_ptr_array_index (self->candidate_rows, id) : NULL;
}

/**
 * orchard_train_page_set_search:
 * @self: a page
 * @random_draws: 0 for a grid search, else the number of random draws
 * @n_folds: 0 to score on the validation rows, else 3, 5 or 10
 * @halving: whether to use successive halving
 *
 * Sets the search settings as their rows do.
 */
void
orchard_train_page_set_search (OrchardTrainPage *self,
                               guint             random_draws,
                               guint             n_folds,
                               gboolean          halving)
{
  g_return_if_fail (ORCHARD_IS_TRAIN_PAGE (self));
  g_return_if_fail (n_folds == 0 || n_folds == 3 || n_folds == 5 || n_folds == 10);

  adw_combo_row_set_selected (self->strategy_row, random_draws > 0 ? 1 : 0);
  if (random_draws > 0)
    gtk_spin_button_set_value (self->draws_spin, random_draws);
  adw_combo_row_set_selected (self->scoring_row, n_folds == 0 ? 0 : n_folds == 3 ? 1 : n_folds == 5 ? 2 : 3);
  gtk_switch_set_active (self->halving_switch, halving);
}
