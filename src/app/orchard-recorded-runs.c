/* orchard-recorded-runs.c: the project's runs that a window did not train
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "orchard-recorded-runs.h"
#include "orchard-progress-relay.h"

/*
 * The finished runs of the session's project that are not among the
 * session's runs: trained by orchard-cli train --project, an earlier session
 * of the app or another window. The light summary listing is read again
 * when the project changes (coalesced, and only while shown). Opening one
 * loads its bundle and data set in a thread, with progress and Cancel in its
 * row, rebuilds its validation and test rows
 * (orchard_model_run_new_from_project()), adds it to the session and emits
 * ::run-opened. A run that cannot be opened (its data file changed or
 * went) keeps the engine's message in its row; the rest stays usable.
 */

/* Changes come in bursts while another process trains: one listing for them. */
#define REFRESH_DELAY_MS 300

struct _OrchardRecordedRuns
{
  GtkWidget            parent_instance;

  AdwPreferencesGroup *group;
  GtkListBox          *list;

  OrchardSession      *session;
  OrchardRunList      *summaries;
  GArray              *shown;        /* guint, positions in summaries */
  GPtrArray           *rows;
  GHashTable          *errors;       /* gint64 * run id → char * */
  guint                refresh_id;
  gboolean             stale;

  GCancellable        *cancellable;
  gint64               loading_id;
  OrchardProgressRelay *progress;
  GtkProgressBar      *bar;
};

G_DEFINE_FINAL_TYPE (OrchardRecordedRuns, orchard_recorded_runs, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_LOADING,
  N_PROPS
};

enum {
  RUN_OPENED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void rebuild (OrchardRecordedRuns *self);

/* ---- progress ------------------------------------------------------------ */

static void
show_progress (gpointer              owner,
               OrchardProgressRelay *relay,
               double                fraction,
               const char           *message)
{
  OrchardRecordedRuns *self = owner;

  if (self->progress == relay && self->bar != NULL)
    {
      gtk_progress_bar_set_fraction (self->bar, fraction);
      gtk_progress_bar_set_text (self->bar, message);
    }
}

/* ---- the list ------------------------------------------------------------- */

/* Run ids of the session's runs that came from the project. */
static GHashTable *
session_run_ids (OrchardRecordedRuns *self)
{
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GListModel *runs = orchard_session_get_runs (self->session);

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(OrchardModelRun) run = g_list_model_get_item (runs, i);
      OrchardRun *record = orchard_model_run_get_record (run);

      if (record != NULL)
        g_hash_table_add (ids, g_memdup2 (&(gint64) { orchard_run_get_id (record) }, sizeof (gint64)));
    }

  return ids;
}

static char *
summary_subtitle (const OrchardRunSummary *summary)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (summary->end_time / 1000);
  g_autofree char *date = when != NULL ? g_date_time_format (when, "%Y-%m-%d %H:%M") : g_strdup ("?");

  if (summary->dataset_name != NULL)
    /* Translators: a run another process recorded: when it ended, its data set, e.g. "recorded 2026-11-27 14:03 · penguins.csv · from the project" */
    return g_strdup_printf (_("recorded %s · %s · from the project"), date, summary->dataset_name);

  /* Translators: a run another process recorded: when it ended, e.g. "recorded 2026-11-27 14:03 · from the project" */
  return g_strdup_printf (_("recorded %s · from the project"), date);
}

static void
cancel_clicked_cb (OrchardRecordedRuns *self)
{
  orchard_recorded_runs_cancel (self);
}

static void
rebuild (OrchardRecordedRuns *self)
{
  g_autoptr(GHashTable) in_session = NULL;
  guint n;

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_array_set_size (self->shown, 0);
  self->bar = NULL;

  if (self->session == NULL || self->summaries == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  in_session = session_run_ids (self);
  n = orchard_run_list_get_n_runs (self->summaries);
  for (guint i = 0; i < n; i++)
    {
      const OrchardRunSummary *summary = orchard_run_list_get_summary (self->summaries, i);
      const char *error = g_hash_table_lookup (self->errors, &summary->id);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (summary->status != ORCHARD_RUN_FINISHED || g_hash_table_contains (in_session, &summary->id))
        continue;

      row = adw_action_row_new ();
      /* Translators: the title of a run recorded in the project, e.g. "Logistic regression, run 12" */
      title = g_strdup_printf (_("%s, run %lld"), summary->model, (long long) summary->id);
      subtitle = error != NULL ? g_strdup (error) : summary_subtitle (summary);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data (G_OBJECT (row), "orchard-position", GINT_TO_POINTER (self->shown->len));

      if (summary->id == self->loading_id)
        {
          GtkWidget *bar = gtk_progress_bar_new ();
          GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

          gtk_progress_bar_set_show_text (GTK_PROGRESS_BAR (bar), TRUE);
          gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
          gtk_widget_set_size_request (bar, 160, -1);
          gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Opening the run"), -1);
          gtk_widget_set_valign (cancel, GTK_ALIGN_CENTER);
          g_signal_connect_object (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self,
                                   G_CONNECT_SWAPPED);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), bar);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), cancel);
          self->bar = GTK_PROGRESS_BAR (bar);
          orchard_progress_relay_show (self->progress);
        }
      else
        {
          GtkWidget *icon;

          if (error != NULL)
            {
              icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
              gtk_widget_add_css_class (icon, "warning");
              gtk_widget_set_tooltip_text (icon, error);
              adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
            }
          icon = gtk_image_new_from_icon_name ("go-next-symbolic");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          gtk_widget_set_sensitive (row, self->loading_id == 0);
        }

      g_array_append_val (self->shown, i);
      g_ptr_array_add (self->rows, row);
      gtk_list_box_append (self->list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->shown->len > 0);
}

/**
 * orchard_recorded_runs_refresh:
 * @self: the list
 *
 * Reads the project's runs again, now.
 */
void
orchard_recorded_runs_refresh (OrchardRecordedRuns *self)
{
  OrchardProject *project;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ORCHARD_IS_RECORDED_RUNS (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;
  g_clear_object (&self->summaries);

  project = self->session != NULL ? orchard_session_get_project (self->session) : NULL;
  if (project != NULL)
    {
      self->summaries = orchard_project_list_run_summaries (project, "status=finished", "id",
                                                            ORCHARD_SORT_DESCENDING, &error);
      if (self->summaries == NULL)
        g_warning ("Cannot list the project's runs: %s", error->message);
    }

  rebuild (self);
}

/* Whether the list is where the user can see it (it hides itself while
 * empty, so its own mapped state does not tell). */
static gboolean
is_shown (OrchardRecordedRuns *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  return parent != NULL && gtk_widget_get_mapped (parent);
}

static gboolean
refresh_cb (gpointer data)
{
  OrchardRecordedRuns *self = data;

  self->refresh_id = 0;
  /* Hidden, the listing waits until it is shown. */
  if (is_shown (self))
    orchard_recorded_runs_refresh (self);
  else
    self->stale = TRUE;
  return G_SOURCE_REMOVE;
}

static void
parent_mapped_cb (OrchardRecordedRuns *self)
{
  if (self->stale)
    orchard_recorded_runs_refresh (self);
}

static void
parent_changed_cb (OrchardRecordedRuns *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  if (parent != NULL)
    g_signal_connect_object (parent, "map", G_CALLBACK (parent_mapped_cb), self, G_CONNECT_SWAPPED);
}

static void
project_changed_cb (OrchardRecordedRuns *self,
                    int                  what,
                    gint64               id)
{
  OrchardProject *project = orchard_session_get_project (self->session);

  if (what == ORCHARD_PROJECT_CHANGE_BATCHES || what == ORCHARD_PROJECT_CHANGE_DATASETS)
    return;

  /* While this or another window trains, its run changes often: only its
   * end (or a run written whole) adds a row. */
  if ((what == ORCHARD_PROJECT_CHANGE_RUN_ADDED || what == ORCHARD_PROJECT_CHANGE_RUN_UPDATED) &&
      id > 0 && project != NULL)
    {
      g_autofree char *filter = g_strdup_printf ("id=%" G_GINT64_FORMAT " and status=finished", id);

      if (orchard_project_count_runs (project, filter, NULL) == 0)
        return;
    }

  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
project_notify_cb (OrchardRecordedRuns *self)
{
  g_hash_table_remove_all (self->errors);
  orchard_recorded_runs_cancel (self);
  orchard_recorded_runs_refresh (self);
}

/* ---- opening a run -------------------------------------------------------- */

typedef struct
{
  OrchardProject *project;
  gint64          run_id;
  OrchardProgressRelay *progress;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->project);
  g_clear_pointer (&load->progress, orchard_progress_relay_unref);
  g_free (load);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GError) error = NULL;
  OrchardModelRun *run;

  run = orchard_model_run_new_from_project (load->project, load->run_id, orchard_progress_relay_report,
                                            load->progress, cancellable, &error);
  if (run == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, run, g_object_unref);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OrchardRecordedRuns *self = ORCHARD_RECORDED_RUNS (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(OrchardModelRun) run = NULL;
  g_autoptr(GError) error = NULL;

  run = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load or another project took over. */
  if (load->progress != self->progress)
    return;

  self->loading_id = 0;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, orchard_progress_relay_unref);

  if (run == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_hash_table_insert (self->errors, g_memdup2 (&load->run_id, sizeof (gint64)),
                             g_strdup (error->message));
      rebuild (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }

  g_hash_table_remove (self->errors, &load->run_id);
  /* Adding it to the session takes it off this list. */
  if (self->session != NULL)
    orchard_session_add_run (self->session, run);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  g_signal_emit (self, signals[RUN_OPENED], 0, run);
}

/**
 * orchard_recorded_runs_open:
 * @self: the list
 * @run_id: a run it lists
 *
 * Opens the run as activating its row does: in a thread, then adds it to
 * the session and emits #OrchardRecordedRuns::run-opened.
 *
 * Returns: whether the run is listed and its loading started
 */
gboolean
orchard_recorded_runs_open (OrchardRecordedRuns *self,
                            gint64               run_id)
{
  g_autoptr(GTask) task = NULL;
  OrchardProject *project;
  gboolean listed = FALSE;
  Load *load;

  g_return_val_if_fail (ORCHARD_IS_RECORDED_RUNS (self), FALSE);

  for (guint i = 0; i < self->shown->len; i++)
    listed |= orchard_recorded_runs_get_run_id (self, i) == run_id;
  project = self->session != NULL ? orchard_session_get_project (self->session) : NULL;
  if (!listed || project == NULL || self->loading_id != 0)
    return FALSE;

  self->loading_id = run_id;
  self->cancellable = g_cancellable_new ();
  self->progress = orchard_progress_relay_new (self, show_progress);
  g_hash_table_remove (self->errors, &run_id);

  load = g_new0 (Load, 1);
  load->project = g_object_ref (project);
  load->run_id = run_id;
  load->progress = orchard_progress_relay_ref (self->progress);

  task = g_task_new (self, self->cancellable, load_done_cb, NULL);
  g_task_set_source_tag (task, orchard_recorded_runs_open);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
  return TRUE;
}

/**
 * orchard_recorded_runs_cancel:
 * @self: the list
 *
 * Stops opening a run, if one is being opened.
 */
void
orchard_recorded_runs_cancel (OrchardRecordedRuns *self)
{
  g_return_if_fail (ORCHARD_IS_RECORDED_RUNS (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
row_activated_cb (OrchardRecordedRuns *self,
                  GtkListBoxRow       *row)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "orchard-position"));

  orchard_recorded_runs_open (self, orchard_recorded_runs_get_run_id (self, position));
}

/* ---- GObject -------------------------------------------------------------- */

static void
orchard_recorded_runs_map (GtkWidget *widget)
{
  OrchardRecordedRuns *self = ORCHARD_RECORDED_RUNS (widget);

  GTK_WIDGET_CLASS (orchard_recorded_runs_parent_class)->map (widget);

  if (self->stale)
    orchard_recorded_runs_refresh (self);
}

static void
orchard_recorded_runs_dispose (GObject *object)
{
  OrchardRecordedRuns *self = ORCHARD_RECORDED_RUNS (object);

  orchard_recorded_runs_set_session (self, NULL);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->progress, orchard_progress_relay_unref);
  gtk_widget_dispose_template (GTK_WIDGET (object), ORCHARD_TYPE_RECORDED_RUNS);

  G_OBJECT_CLASS (orchard_recorded_runs_parent_class)->dispose (object);
}

static void
orchard_recorded_runs_finalize (GObject *object)
{
  OrchardRecordedRuns *self = ORCHARD_RECORDED_RUNS (object);

  g_clear_object (&self->summaries);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->errors, g_hash_table_unref);

  G_OBJECT_CLASS (orchard_recorded_runs_parent_class)->finalize (object);
}

static void
orchard_recorded_runs_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OrchardRecordedRuns *self = ORCHARD_RECORDED_RUNS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, orchard_recorded_runs_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_recorded_runs_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OrchardRecordedRuns *self = ORCHARD_RECORDED_RUNS (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_recorded_runs_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_recorded_runs_class_init (OrchardRecordedRunsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_recorded_runs_dispose;
  object_class->finalize = orchard_recorded_runs_finalize;
  object_class->get_property = orchard_recorded_runs_get_property;
  object_class->set_property = orchard_recorded_runs_set_property;
  widget_class->map = orchard_recorded_runs_map;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OrchardRecordedRuns::run-opened:
   * @self: the list
   * @run: the opened run, now one of the session's
   */
  signals[RUN_OPENED] =
    g_signal_new ("run-opened", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, ORCHARD_TYPE_MODEL_RUN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-recorded-runs.ui");
  gtk_widget_class_bind_template_child (widget_class, OrchardRecordedRuns, group);
  gtk_widget_class_bind_template_child (widget_class, OrchardRecordedRuns, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
orchard_recorded_runs_init (OrchardRecordedRuns *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rows = g_ptr_array_new ();
  self->errors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);

  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::parent", G_CALLBACK (parent_changed_cb), NULL);
}

/* ---- public --------------------------------------------------------------- */

OrchardSession *
orchard_recorded_runs_get_session (OrchardRecordedRuns *self)
{
  g_return_val_if_fail (ORCHARD_IS_RECORDED_RUNS (self), NULL);
  return self->session;
}

/**
 * orchard_recorded_runs_set_session:
 * @self: the list
 * @session: (nullable): the window's session
 *
 * Lists the runs of @session's project that it does not have, and follows
 * the project, its changes and the session's runs.
 */
void
orchard_recorded_runs_set_session (OrchardRecordedRuns *self,
                                   OrchardSession      *session)
{
  g_return_if_fail (ORCHARD_IS_RECORDED_RUNS (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_data (orchard_session_get_runs (self->session), self);
    }
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::project", G_CALLBACK (project_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "project-changed", G_CALLBACK (project_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (orchard_session_get_runs (session), "items-changed",
                               G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
    }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->errors);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    orchard_recorded_runs_refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * orchard_recorded_runs_get_n_runs:
 *
 * Returns: the runs listed
 */
guint
orchard_recorded_runs_get_n_runs (OrchardRecordedRuns *self)
{
  g_return_val_if_fail (ORCHARD_IS_RECORDED_RUNS (self), 0);
  return self->shown->len;
}

/**
 * orchard_recorded_runs_get_run_id:
 * @self: the list
 * @position: a row, from 0
 *
 * Returns: the project's id of the run listed at @position, 0 for none
 */
gint64
orchard_recorded_runs_get_run_id (OrchardRecordedRuns *self,
                                  guint                position)
{
  g_return_val_if_fail (ORCHARD_IS_RECORDED_RUNS (self), 0);

  if (position >= self->shown->len)
    return 0;
  return orchard_run_list_get_summary (self->summaries, g_array_index (self->shown, guint, position))->id;
}

/**
 * orchard_recorded_runs_get_loading:
 *
 * Returns: whether a run is being opened
 */
gboolean
orchard_recorded_runs_get_loading (OrchardRecordedRuns *self)
{
  g_return_val_if_fail (ORCHARD_IS_RECORDED_RUNS (self), FALSE);
  return self->loading_id != 0;
}

/**
 * orchard_recorded_runs_get_error:
 * @self: the list
 * @run_id: a run
 *
 * Returns: (nullable): why the run could not be opened the last time
 */
const char *
orchard_recorded_runs_get_error (OrchardRecordedRuns *self,
                                 gint64               run_id)
{
  g_return_val_if_fail (ORCHARD_IS_RECORDED_RUNS (self), NULL);
  return g_hash_table_lookup (self->errors, &run_id);
}
