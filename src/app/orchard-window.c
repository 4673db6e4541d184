/* orchard-window.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-application.h"
#include "orchard-dataset-list.h"
#include "orchard-evaluate-page.h"
#include "orchard-monitor-page.h"
#include "orchard-prepare-page.h"
#include "orchard-project-ui.h"
#include "orchard-train-page.h"
#include "orchard-window.h"

/* How long after a load the stall monitor keeps watching: the first frames
 * that show a new table are part of opening it. */
#define STALL_TAIL_MS 500

struct _OrchardWindow
{
  AdwApplicationWindow  parent_instance;

  OrchardSession       *session;
  GSettings            *settings;
  char                 *error_text;

  /* Kinds the user chose for columns of kinds_file (name → kind). */
  GHashTable           *kinds;
  GFile                *kinds_file;

  /* While loading: the longest gap between two turns of the main loop (a
   * high-priority timeout that should run every few milliseconds), and
   * between two frame-clock ticks (what the user sees). */
  guint                 loop_id;
  guint                 tick_id;
  guint                 tail_id;
  gint64                last_loop;
  gint64                last_tick;
  gint64                longest_loop_gap;
  gint64                longest_frame_gap;
  double                last_stall_ms;
  double                last_frame_gap_ms;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkStack             *open_stack;
  GMenu                *recent_section;
  GtkListBox           *phase_list;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *window_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_title;
  GtkLabel             *error_message;
  GtkRevealer          *progress_revealer;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkStack             *phase_stack;
  OrchardDataPage      *data_page;
  OrchardPreparePage   *prepare_page;
  OrchardEvaluatePage  *evaluate_page;
  OrchardMonitorPage   *monitor_page;
  OrchardTrainPage     *train_page;

  GtkLabel             *data_subtitle;
  GtkLabel             *prepare_subtitle;
  GtkLabel             *train_subtitle;
  GtkLabel             *evaluate_subtitle;
  GtkLabel             *deploy_subtitle;
  GtkLabel             *monitor_subtitle;

  AdwStatusPage        *deploy_status;
  GtkButton            *deploy_button;

  /* Projects: opening or saving one in flight, and the header's parts. */
  GCancellable         *project_cancellable;
  AdwWindowTitle       *project_title;
  GtkMenuButton        *datasets_button;
  OrchardDatasetList   *datasets_list;
  GMenu                *recent_projects_section;
  /* The project's title, read when the project changes: the window title
   * is set often, and reading the file waits for its writers. */
  char                 *project_name;
};

G_DEFINE_FINAL_TYPE (OrchardWindow, orchard_window, ADW_TYPE_APPLICATION_WINDOW)

static const struct {
  const char *name;
  const char *title;
} phases[] = {
  { "data", N_("Data") },
  { "prepare", N_("Prepare") },
  { "train", N_("Train") },
  { "evaluate", N_("Evaluate") },
  { "deploy", N_("Deploy") },
  { "monitor", N_("Monitor") },
};

static OrchardApplication *
get_application (OrchardWindow *self)
{
  return ORCHARD_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
}

static const char *
current_phase (OrchardWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->phase_stack);
  return name != NULL ? name : "data";
}

static char *
file_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  /* Local files and portal documents both have a basename; only fall
   * back to the URI for exotic backends. */
  if (file == NULL)
    return NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  return g_file_get_basename (file);
}

/* ---- titles and phases ------------------------------------------------ */

static void
update_titles (OrchardWindow *self)
{
  OrchardTable *table = orchard_session_get_table (self->session);
  const char *project_name = self->project_name;
  g_autofree char *name = file_display_name (orchard_session_get_file (self->session));
  const char *phase = current_phase (self);
  gboolean switcher = table != NULL && g_str_equal (phase, "data");

  if (name != NULL && project_name != NULL)
    {
      /* Translators: the window title, "penguins.csv — Churn Study — Orchard" */
      g_autofree char *title = g_strdup_printf (_("%s — %s — Orchard"), name, project_name);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else if (name != NULL || project_name != NULL)
    {
      /* Translators: the window title, "penguins.csv — Orchard" or "Churn Study — Orchard" */
      g_autofree char *title = g_strdup_printf (_("%s — Orchard"), name != NULL ? name : project_name);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Orchard"));
    }
  /* Without a table the Data page lists the data sets itself. */
  gtk_widget_set_visible (GTK_WIDGET (self->datasets_button),
                          table != NULL && g_str_equal (phase, "data") &&
                          orchard_dataset_list_get_n_datasets (self->datasets_list) > 0);

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (g_str_equal (phases[i].name, phase))
      {
        adw_window_title_set_title (self->window_title, _(phases[i].title));
        break;
      }
  adw_window_title_set_subtitle (self->window_title, name);
  adw_view_switcher_title_set_subtitle (self->switcher_title, name);

  gtk_stack_set_visible_child_name (self->title_stack, switcher ? "switcher" : "title");
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, switcher);
  adw_view_switcher_bar_set_reveal (self->switcher_bar,
                                    switcher &&
                                    adw_view_switcher_title_get_title_visible (self->switcher_title));
}

static void
set_status (AdwStatusPage *status,
            GtkButton     *button,
            const char    *title,
            const char    *description,
            const char    *button_label,
            const char    *action)
{
  adw_status_page_set_title (status, title);
  adw_status_page_set_description (status, description);
  gtk_widget_set_visible (GTK_WIDGET (button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
    }
}

/* "4 steps · 240/52/52 rows" once prepared; what is missing before. */
static void
update_prepare_subtitle (OrchardWindow *self)
{
  OrchardTable *table = orchard_session_get_table (self->session);
  OrchardPrepared *prepared = orchard_session_get_prepared (self->session);
  g_autofree char *subtitle = NULL;

  if (table == NULL)
    {
      gtk_label_set_label (self->prepare_subtitle, _("Needs a data set"));
      return;
    }
  if (orchard_table_get_target (table) < 0)
    {
      gtk_label_set_label (self->prepare_subtitle, _("Needs a target"));
      return;
    }
  if (prepared == NULL)
    {
      gtk_label_set_label (self->prepare_subtitle, _("Preparing…"));
      return;
    }
  if (!orchard_prepared_is_fitted (prepared))
    {
      gtk_label_set_label (self->prepare_subtitle, _("The pipeline needs attention"));
      return;
    }

  {
    guint n_steps = orchard_pipeline_get_n_steps (orchard_prepared_get_pipeline (prepared));
    gsize train = orchard_prepared_get_n_rows (prepared, ORCHARD_PART_TRAIN);
    gsize valid = orchard_prepared_get_n_rows (prepared, ORCHARD_PART_VALID);
    gsize test = orchard_prepared_get_n_rows (prepared, ORCHARD_PART_TEST);
    g_autofree char *train_text = g_strdup_printf ("%'" G_GSIZE_FORMAT, train);
    g_autofree char *valid_text = g_strdup_printf ("%'" G_GSIZE_FORMAT, valid);
    g_autofree char *test_text = g_strdup_printf ("%'" G_GSIZE_FORMAT, test);
    g_autofree char *steps = NULL;
    g_autofree char *rows = NULL;

    /* Translators: the Prepare subtitle starts "4 steps" */
    steps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u step", "%u steps", n_steps), n_steps);
    /* Translators: the rows that train, validate and test, "240/52/52 rows" */
    rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s/%s/%s row", "%s/%s/%s rows",
                                         train + valid + test),
                            train_text, valid_text, test_text);
    /* Translators: the Prepare subtitle, "4 steps · 240/52/52 rows" */
    subtitle = g_strdup_printf (_("%s · %s"), steps, rows);
  }

  gtk_label_set_label (self->prepare_subtitle, subtitle);
}

/* "3 runs" once there are runs. */
static void
update_train_subtitle (OrchardWindow *self)
{
  guint n_runs = g_list_model_get_n_items (orchard_session_get_runs (self->session));
  g_autofree char *subtitle = NULL;

  if (n_runs > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n_runs), n_runs);
  gtk_label_set_label (self->train_subtitle, subtitle != NULL ? subtitle : _("No runs yet"));
}

/* What the Monitor page is doing, or what its report says. */
static void
update_monitor_subtitle (OrchardWindow *self)
{
  gtk_label_set_label (self->monitor_subtitle, orchard_monitor_page_get_summary (self->monitor_page));
}

/* The run the Evaluate page shows. */
static void
update_evaluate_subtitle (OrchardWindow *self)
{
  OrchardModelRun *run = orchard_evaluate_page_get_run (self->evaluate_page);

  gtk_label_set_label (self->evaluate_subtitle, run != NULL ? orchard_model_run_get_title (run) : _("No runs yet"));
}

static void
update_phases (OrchardWindow *self)
{
  g_autofree char *summary = orchard_session_dup_summary (self->session);

  gtk_label_set_label (self->data_subtitle, summary != NULL ? summary : _("No data set"));
  update_prepare_subtitle (self);

  update_train_subtitle (self);
  gtk_label_set_label (self->deploy_subtitle, _("No model yet"));
  set_status (self->deploy_status, self->deploy_button,
              _("No Model Yet"), _("Train and evaluate a model to deploy it"), NULL, NULL);

  update_titles (self);
}

static void
phase_selected_cb (OrchardWindow *self,
                   GtkListBoxRow *row,
                   GtkListBox    *list)
{
  if (row == NULL)
    return;

  gtk_stack_set_visible_child_name (self->phase_stack, gtk_widget_get_name (GTK_WIDGET (row)));
  update_titles (self);
}

static void
phase_activated_cb (OrchardWindow *self,
                    GtkListBoxRow *row,
                    GtkListBox    *list)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/**
 * orchard_window_show_phase:
 * @self: a window
 * @phase: "data", "prepare", "train", "evaluate", "deploy" or "monitor"
 */
void
orchard_window_show_phase (OrchardWindow *self,
                           const char    *phase)
{
  g_return_if_fail (ORCHARD_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (g_str_equal (phases[i].name, phase))
      {
        gtk_list_box_select_row (self->phase_list,
                                 gtk_list_box_get_row_at_index (self->phase_list, i));
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
        return;
      }

  g_return_if_reached ();
}

/* ---- stall monitor ---------------------------------------------------- */

#define STALL_PROBE_MS 5

static gboolean
stall_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  gint64 now = g_get_monotonic_time ();

  if (self->last_tick != 0)
    self->longest_frame_gap = MAX (self->longest_frame_gap, now - self->last_tick);
  self->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
stall_probe_cb (gpointer data)
{
  OrchardWindow *self = data;
  gint64 now = g_get_monotonic_time ();

  if (self->last_loop != 0)
    self->longest_loop_gap = MAX (self->longest_loop_gap, now - self->last_loop);
  self->last_loop = now;

  return G_SOURCE_CONTINUE;
}

static void
stall_monitor_stop (OrchardWindow *self)
{
  g_clear_handle_id (&self->tail_id, g_source_remove);
  g_clear_handle_id (&self->loop_id, g_source_remove);
  if (self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
      self->tick_id = 0;
    }
}

static void
stall_monitor_start (OrchardWindow *self)
{
  /* Each load is measured on its own. */
  stall_monitor_stop (self);
  self->last_loop = 0;
  self->last_tick = 0;
  self->longest_loop_gap = 0;
  self->longest_frame_gap = 0;
  self->loop_id = g_timeout_add_full (G_PRIORITY_HIGH, STALL_PROBE_MS, stall_probe_cb, self, NULL);
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), stall_tick_cb, NULL, NULL);
}

static gboolean
stall_monitor_stop_cb (gpointer data)
{
  OrchardWindow *self = data;

  self->tail_id = 0;
  stall_monitor_stop (self);

  /* The probe itself is late by up to its period, by design. */
  self->last_stall_ms = MAX (self->longest_loop_gap / 1000.0 - STALL_PROBE_MS, 0.0);
  self->last_frame_gap_ms = self->longest_frame_gap / 1000.0;
  if (g_getenv ("ORCHARD_DEBUG_STALLS") != NULL)
    g_message ("Longest main-loop stall while loading: %.1f ms; longest gap between frames: %.1f ms",
               self->last_stall_ms, self->last_frame_gap_ms);
  else
    g_debug ("Longest main-loop stall while loading: %.1f ms; longest gap between frames: %.1f ms",
             self->last_stall_ms, self->last_frame_gap_ms);

  return G_SOURCE_REMOVE;
}

static void
stall_monitor_finish (OrchardWindow *self)
{
  if (self->loop_id != 0 && self->tail_id == 0)
    self->tail_id = g_timeout_add (STALL_TAIL_MS, stall_monitor_stop_cb, self);
}

/**
 * orchard_window_get_longest_stall:
 *
 * Returns: the longest time in milliseconds the main loop was kept from
 *   running while the last data set loaded and was first shown, or 0
 *   before any load finished
 */
double
orchard_window_get_longest_stall (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), 0.0);
  return self->last_stall_ms;
}

/**
 * orchard_window_get_longest_frame_gap:
 *
 * Returns: the longest gap in milliseconds between two frames over the
 *   same time, or 0 before any load finished
 */
double
orchard_window_get_longest_frame_gap (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), 0.0);
  return self->last_frame_gap_ms;
}

/* ---- loading ---------------------------------------------------------- */

static void
show_error_named (OrchardWindow *self,
                  const char    *name,
                  const GError  *error)
{
  g_autofree char *title = g_strdup_printf (_("Could not open “%s”"), name);

  g_free (self->error_text);
  self->error_text = g_strdup (error->message);
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_message, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
show_error (OrchardWindow *self,
            GFile         *file,
            const GError  *error)
{
  g_autofree char *name = file_display_name (file);

  show_error_named (self, name, error);
}

static void
hide_error (OrchardWindow *self)
{
  g_clear_pointer (&self->error_text, g_free);
  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
}

const char *
orchard_window_get_error_message (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->error_text;
}

typedef struct
{
  /* Weak: closing the window cancels its load rather than waiting for it. */
  GWeakRef       self;
  GFile         *file;
  /* A reload for a new column kind: the table it replaces (whose roles
   * carry over), and how to undo the choice if reading fails. */
  OrchardTable  *previous;
  char          *kind_column;
  gboolean       had_kind;
  guint          old_kind;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_weak_ref_clear (&request->self);
  g_clear_object (&request->file);
  g_clear_object (&request->previous);
  g_free (request->kind_column);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadRequest, load_request_free)

static void
carry_roles (OrchardWindow *self,
             OrchardTable  *previous)
{
  OrchardTable *table = orchard_session_get_table (self->session);

  for (guint i = 0; i < orchard_table_get_n_columns (previous); i++)
    {
      OrchardColumnRole role = orchard_table_get_role (previous, i);
      int index;

      if (role == ORCHARD_COLUMN_ROLE_FEATURE)
        continue;

      index = orchard_table_find_column (table, orchard_column_get_name (orchard_table_get_column (previous, i)));
      if (index >= 0)
        orchard_session_set_role (self->session, index, role);
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  OrchardSession *session = ORCHARD_SESSION (object);
  g_autoptr(LoadRequest) request = user_data;
  g_autoptr(OrchardWindow) self = g_weak_ref_get (&request->self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = orchard_session_load_finish (session, result, &error);

  /* The window went away while the file was read. */
  if (self == NULL || self->session == NULL)
    return;

  if (!ok)
    {
      /* A newer load took over: it reports for itself. */
      if (orchard_session_get_loading (session))
        return;

      stall_monitor_finish (self);

      if (request->kind_column != NULL)
        {
          if (request->had_kind)
            g_hash_table_insert (self->kinds, g_strdup (request->kind_column),
                                 GUINT_TO_POINTER (request->old_kind));
          else
            g_hash_table_remove (self->kinds, request->kind_column);
          orchard_data_page_resync (self->data_page);
        }

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *name = file_display_name (request->file);
          /* A toast's title is markup: "R&D.csv" must not break it. */
          g_autofree char *markup = g_markup_escape_text (name, -1);
          g_autofree char *text = g_strdup_printf (_("Stopped opening “%s”"), markup);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
        }
      else
        {
          show_error (self, request->file, error);
        }
      return;
    }

  stall_monitor_finish (self);
  hide_error (self);

  if (self->kinds_file != NULL && !g_file_equal (self->kinds_file, request->file))
    {
      g_hash_table_remove_all (self->kinds);
      g_clear_object (&self->kinds_file);
    }

  if (request->previous != NULL)
    carry_roles (self, request->previous);

  orchard_application_add_recent (get_application (self), request->file);
}

static void
start_load (OrchardWindow *self,
            LoadRequest   *request)
{
  g_autoptr(OrchardReadOptions) options = NULL;
  g_autofree char *name = file_display_name (request->file);
  g_autofree char *label = g_strdup_printf (_("Opening “%s”…"), name);

  gtk_label_set_label (self->progress_label, label);

  options = orchard_application_dup_read_options (get_application (self), request->file);
  if (self->kinds_file != NULL && g_file_equal (self->kinds_file, request->file))
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, self->kinds);
      while (g_hash_table_iter_next (&iter, &key, &value))
        orchard_read_options_set_kind (options, key, GPOINTER_TO_UINT (value));
    }

  stall_monitor_start (self);
  orchard_session_load_async (self->session, request->file, options, NULL, load_cb, request);
}

/**
 * orchard_window_open:
 * @self: a window
 * @file: a data file
 *
 * Loads @file into this window's session in the background. If it cannot
 * be read, the error shows above the page and the current data stays.
 */
void
orchard_window_open (OrchardWindow *self,
                     GFile         *file)
{
  LoadRequest *request;

  g_return_if_fail (ORCHARD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (LoadRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->file = g_object_ref (file);
  start_load (self, request);
}

static void
set_kind_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  OrchardTable *table = orchard_session_get_table (self->session);
  GFile *file = orchard_session_get_file (self->session);
  LoadRequest *request;
  const char *name;
  gpointer old_kind = NULL;
  guint kind;
  int index;

  g_variant_get (param, "(&su)", &name, &kind);

  if (table == NULL || file == NULL || kind > ORCHARD_COLUMN_KIND_TEXT)
    return;
  index = orchard_table_find_column (table, name);
  if (index < 0 || orchard_column_get_kind (orchard_table_get_column (table, index)) == kind)
    return;

  if (self->kinds_file == NULL || !g_file_equal (self->kinds_file, file))
    {
      g_hash_table_remove_all (self->kinds);
      g_set_object (&self->kinds_file, file);
    }

  request = g_new0 (LoadRequest, 1);
  g_weak_ref_init (&request->self, self);
  request->file = g_object_ref (file);
  request->previous = g_object_ref (table);
  request->kind_column = g_strdup (name);
  request->had_kind = g_hash_table_lookup_extended (self->kinds, name, NULL, &old_kind);
  request->old_kind = GPOINTER_TO_UINT (old_kind);

  g_hash_table_insert (self->kinds, g_strdup (name), GUINT_TO_POINTER (kind));
  start_load (self, request);
}

/**
 * orchard_window_has_file:
 *
 * Returns: whether @file is shown, or being opened, in this window
 */
gboolean
orchard_window_has_file (OrchardWindow *self,
                         GFile         *file)
{
  GFile *shown;
  GFile *loading;

  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  shown = orchard_session_get_file (self->session);
  loading = orchard_session_get_loading_file (self->session);

  return (shown != NULL && g_file_equal (shown, file)) ||
         (loading != NULL && g_file_equal (loading, file));
}

/**
 * orchard_window_is_empty:
 *
 * Returns: whether the window neither shows nor loads a data set
 */
gboolean
orchard_window_is_empty (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), FALSE);

  return orchard_session_get_table (self->session) == NULL &&
         !orchard_session_get_loading (self->session);
}

/* ---- actions ---------------------------------------------------------- */

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
open_dialog_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OrchardWindow) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    orchard_application_open_file (get_application (self), file, GTK_WINDOW (self));
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  OrchardWindow   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        orchard_application_open_file (get_application (self), file, GTK_WINDOW (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}
#endif

static GListStore *
make_filters (GtkFileFilter **data_filter)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) data = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (data, _("Data Sets (CSV, TSV, ARFF)"));
  gtk_file_filter_add_mime_type (data, "text/csv");
  gtk_file_filter_add_mime_type (data, "text/tab-separated-values");
  gtk_file_filter_add_pattern (data, "*.csv");
  gtk_file_filter_add_pattern (data, "*.CSV");
  gtk_file_filter_add_pattern (data, "*.tsv");
  gtk_file_filter_add_pattern (data, "*.TSV");
  gtk_file_filter_add_pattern (data, "*.tab");
  gtk_file_filter_add_pattern (data, "*.arff");
  gtk_file_filter_add_pattern (data, "*.ARFF");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_list_store_append (filters, data);
  g_list_store_append (filters, all);
  *data_filter = g_object_ref (data);

  return filters;
}

static GFile *
initial_folder (OrchardWindow *self)
{
  g_autofree char *uri = g_settings_get_string (self->settings, "last-folder");

  if (uri[0] == '\0')
    return NULL;

  return g_file_new_for_uri (uri);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  g_autoptr(GtkFileFilter) data_filter = NULL;
  g_autoptr(GListStore) filters = make_filters (&data_filter);
  g_autoptr(GFile) folder = initial_folder (self);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Open Data Set"));
  gtk_file_dialog_set_accept_label (dialog, _("_Open"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, data_filter);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_open (dialog, GTK_WINDOW (self), NULL, open_dialog_cb, g_object_ref (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Data Set"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), data_filter);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

static void
open_uri_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (param, NULL));

  orchard_application_open_file (get_application (self), file, GTK_WINDOW (self));
}

static void
cancel_load_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  orchard_session_cancel_load (ORCHARD_WINDOW (widget)->session);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  hide_error (ORCHARD_WINDOW (widget));
}

static void
show_phase_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  orchard_window_show_phase (ORCHARD_WINDOW (widget), g_variant_get_string (param, NULL));
}

/* Opens the session's run of this id on the Evaluate page. */
static void
show_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  GListModel *runs = orchard_session_get_runs (self->session);
  const char *id = g_variant_get_string (param, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (runs); i++)
    {
      g_autoptr(OrchardModelRun) run = g_list_model_get_item (runs, i);

      if (g_strcmp0 (orchard_model_run_get_id (run), id) == 0)
        {
          orchard_evaluate_page_show_run (self->evaluate_page, run);
          break;
        }
    }

  orchard_window_show_phase (self, "evaluate");
}

static void
show_phases_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  adw_leaflet_navigate (ORCHARD_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
choose_target_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);

  orchard_window_show_phase (self, "data");
  adw_view_stack_set_visible_child_name (orchard_data_page_get_view_stack (self->data_page),
                                         "columns");
}

/* ---- recent files ----------------------------------------------------- */

static void
update_recent (OrchardWindow *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-files");

  g_menu_remove_all (self->recent_section);

  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_auto(GStrv) parts = g_strsplit (name != NULL ? name : uris[i], "_", -1);
      /* Menu labels take mnemonics; a file name's underscores are literal. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-uri", "s", uris[i]);
      g_menu_append_item (self->recent_section, item);
    }

  gtk_stack_set_visible_child_name (self->open_stack, uris[0] != NULL ? "recent" : "plain");
}

/* ---- projects --------------------------------------------------------- */

/* An untitled project left empty is clutter in the user's data folder; one
 * with data or runs stays, reachable from Recent Projects. */
static void
discard_untitled (OrchardWindow  *self,
                  OrchardProject *project)
{
  g_autoptr(GError) error = NULL;

  if (project == NULL || !orchard_project_ui_is_untitled (project) ||
      orchard_project_is_read_only (project) || orchard_session_get_recording (self->session) ||
      !orchard_project_ui_is_empty (project))
    return;
  if (!orchard_project_ui_discard (project, &error))
    g_warning ("%s", error->message);
}

static void
show_banner (OrchardWindow *self,
             const char    *title,
             const char    *message)
{
  g_free (self->error_text);
  self->error_text = g_strdup (message);
  gtk_label_set_label (self->error_title, title);
  gtk_label_set_label (self->error_message, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
}

static void
add_toast (OrchardWindow *self,
           const char    *text)
{
  /* A toast's title is markup: "R&D.csv" must not break it. */
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_project_title (OrchardWindow *self)
{
  OrchardProject *project = orchard_session_get_project (self->session);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *subtitle = NULL;

  g_clear_pointer (&self->project_name, g_free);
  if (project == NULL)
    {
      adw_window_title_set_title (self->project_title, _("Orchard"));
      adw_window_title_set_subtitle (self->project_title, _("No project"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project-as", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-project", FALSE);
      update_titles (self);
      return;
    }

  title = orchard_project_ui_dup_title (project);
  summary = orchard_project_ui_dup_summary (project);
  self->project_name = g_strdup (title);
  if (orchard_project_is_read_only (project))
    /* Translators: the project's subtitle, "Read-Only · 2 data sets · 5 runs" */
    subtitle = g_strdup_printf (_("Read-Only · %s"), summary);
  adw_window_title_set_title (self->project_title, title);
  adw_window_title_set_subtitle (self->project_title, subtitle != NULL ? subtitle : summary);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-project-as", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-project",
                                 !orchard_project_is_read_only (project));
  update_titles (self);
}

static void
update_recent_projects (OrchardWindow *self)
{
  g_auto(GStrv) uris = g_settings_get_strv (self->settings, "recent-projects");

  g_menu_remove_all (self->recent_projects_section);
  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[i]);
      g_autofree char *name = g_file_get_basename (file);
      g_auto(GStrv) parts = g_strsplit (name != NULL ? name : uris[i], "_", -1);
      /* Menu labels take mnemonics; a file name's underscores are literal. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-project-uri", "s", uris[i]);
      g_menu_append_item (self->recent_projects_section, item);
    }
}

static void
dataset_recorded_cb (OrchardWindow  *self,
                     gint64          id,
                     gboolean        added,
                     const GError   *error,
                     OrchardSession *session)
{
  OrchardProject *project = orchard_session_get_project (session);
  g_autoptr(OrchardDatasetInfo) info = NULL;
  g_autofree char *text = NULL;

  /* The project's own change signal comes in an idle of its own. */
  update_project_title (self);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_banner (self, _("Could not add the data set to the project"), error->message);
      return;
    }
  /* A stored data set shows in the list and the count; one that is only
   * referred to needs saying, since the project then depends on the file. */
  if (!added || project == NULL || (info = orchard_project_get_dataset (project, id, NULL)) == NULL ||
      info->stored)
    return;

  {
    g_autofree char *size = g_format_size (info->size);
    g_autofree char *limit = g_format_size (orchard_project_get_inline_limit (project));

    text = g_strdup_printf (_("“%s” (%s) is larger than the %s a project stores: the project "
                              "refers to its file, with its content hash"),
                            info->name, size, limit);
  }
  add_toast (self, text);
}

static void
set_project (OrchardWindow  *self,
             OrchardProject *project,
             gboolean        discard_old)
{
  g_autoptr(OrchardProject) old = NULL;
  OrchardProject *current = orchard_session_get_project (self->session);
  const char * const *notes = orchard_project_get_open_notes (project);

  if (current != NULL)
    old = g_object_ref (current);
  orchard_session_set_project (self->session, project);
  if (old != NULL && discard_old)
    {
      g_autoptr(GError) error = NULL;

      if (orchard_project_ui_is_untitled (old) && !orchard_project_ui_discard (old, &error))
        g_warning ("%s", error->message);
    }
  else if (old != NULL)
    discard_untitled (self, old);

  if (!orchard_project_ui_is_untitled (project))
    orchard_application_add_recent_project (get_application (self), orchard_project_get_file (project));
  update_project_title (self);

  for (guint i = 0; notes[i] != NULL; i++)
    add_toast (self, notes[i]);
  if (orchard_project_is_read_only (project))
    {
      g_autofree char *title = orchard_project_ui_dup_title (project);
      g_autofree char *text = g_strdup_printf (_("“%s” is read-only: new data sets and runs are "
                                                 "not recorded"), title);
      add_toast (self, text);
    }
}

/* The header counts data sets and runs: a run logging as it trains
 * changes neither. */
static void
project_changed_cb (OrchardWindow  *self,
                    int             what,
                    gint64          id,
                    OrchardSession *session)
{
  if (what != ORCHARD_PROJECT_CHANGE_RUN_UPDATED)
    update_project_title (self);
}

static void
init_project (OrchardWindow *self)
{
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect_object (self->session, "project-changed", G_CALLBACK (project_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "dataset-recorded", G_CALLBACK (dataset_recorded_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->datasets_list, "notify::n-datasets", G_CALLBACK (update_titles),
                           self, G_CONNECT_SWAPPED);
  orchard_dataset_list_set_session (self->datasets_list, self->session);

  /* Every window starts with a project, so nothing is ever unsaved. */
  project = orchard_project_ui_create_untitled (&error);
  if (project == NULL)
    show_banner (self, _("Could not create a project"), error->message);
  else
    orchard_session_set_project (self->session, project);
  update_project_title (self);
}

typedef struct
{
  GWeakRef  self;
  GFile    *file;
  char     *name;
} ProjectRequest;

static void
project_request_free (ProjectRequest *request)
{
  g_weak_ref_clear (&request->self);
  g_clear_object (&request->file);
  g_free (request->name);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ProjectRequest, project_request_free)

static ProjectRequest *
project_request_new (OrchardWindow *self,
                     GFile         *file)
{
  ProjectRequest *request = g_new0 (ProjectRequest, 1);

  g_weak_ref_init (&request->self, self);
  request->file = file != NULL ? g_object_ref (file) : NULL;
  return request;
}

static void
open_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ProjectRequest) request = user_data;
  g_autoptr(OrchardWindow) self = g_weak_ref_get (&request->self);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = orchard_project_ui_open_finish (result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->project_cancellable);

  /* The project the window has stays. */
  if (project == NULL)
    {
      orchard_project_ui_show_error (GTK_WINDOW (self), _("Could Not Open the Project"), error);
      return;
    }
  set_project (self, project, FALSE);
}

/**
 * orchard_window_open_project:
 * @self: a window
 * @file: a `*.orchard` project file
 *
 * Opens @file in a thread and makes it this window's project; an empty
 * untitled project it replaces is deleted. A file that cannot be opened (a
 * newer schema, not a project, damaged) gets a dialog saying why, and the
 * window keeps its project.
 */
void
orchard_window_open_project (OrchardWindow *self,
                             GFile         *file)
{
  g_return_if_fail (ORCHARD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->project_cancellable);
  g_set_object (&self->project_cancellable, g_cancellable_new ());
  orchard_project_ui_open_async (file, self->project_cancellable, open_project_cb,
                                 project_request_new (self, file));
}

static void
save_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ProjectRequest) request = user_data;
  g_autoptr(OrchardWindow) self = g_weak_ref_get (&request->self);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = orchard_project_ui_save_as_finish (result, &error);
  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->project_cancellable);

  if (project == NULL)
    {
      orchard_project_ui_show_error (GTK_WINDOW (self), _("Could Not Save the Project"), error);
      return;
    }

  /* Saving an untitled project moves it; a named one is copied, and the
   * window follows the copy. */
  set_project (self, project, TRUE);
  {
    g_autofree char *name = g_file_get_basename (request->file);
    g_autofree char *text = g_strdup_printf (_("Saved as “%s”"), name);

    add_toast (self, text);
  }
}

/**
 * orchard_window_save_project_as:
 * @self: a window
 * @file: where to save the project (replaced if it exists)
 *
 * Copies the window's project to @file in a thread, and the window goes on
 * in the copy. An untitled project is moved rather than copied.
 */
void
orchard_window_save_project_as (OrchardWindow *self,
                                GFile         *file)
{
  OrchardProject *project;

  g_return_if_fail (ORCHARD_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  project = orchard_session_get_project (self->session);
  g_return_if_fail (project != NULL);

  g_cancellable_cancel (self->project_cancellable);
  g_set_object (&self->project_cancellable, g_cancellable_new ());
  orchard_project_ui_save_as_async (project, file, self->project_cancellable, save_project_cb,
                                    project_request_new (self, file));
}

static void
save_chosen_cb (GtkWindow *parent,
                GFile     *file,
                gpointer   user_data)
{
  orchard_window_save_project_as (ORCHARD_WINDOW (parent), file);
}

static void
save_project_as_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  OrchardProject *project = orchard_session_get_project (self->session);
  g_autofree char *title = NULL;
  g_autofree char *suggested = NULL;

  if (project == NULL)
    return;
  title = orchard_project_ui_dup_title (project);
  suggested = g_strconcat (title, ".orchard", NULL);
  orchard_project_ui_choose_file (GTK_WINDOW (self), TRUE, suggested, save_chosen_cb, NULL);
}

static void
rename_project_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  OrchardProject *project = orchard_session_get_project (self->session);
  GtkWidget *dialog;

  if (project == NULL || orchard_project_is_read_only (project))
    return;
  dialog = orchard_project_ui_rename (GTK_WINDOW (self), project);
  g_signal_connect_object (dialog, "response", G_CALLBACK (update_project_title), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
open_project_uri_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  orchard_application_open_project (get_application (self), file, GTK_WINDOW (self));
}

static void
load_dataset_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OrchardSession *session = ORCHARD_SESSION (object);
  g_autoptr(ProjectRequest) request = user_data;
  g_autoptr(OrchardWindow) self = g_weak_ref_get (&request->self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = orchard_session_load_finish (session, result, &error);
  if (self == NULL || self->session == NULL)
    return;

  if (!ok)
    {
      /* A newer load took over: it reports for itself. */
      if (orchard_session_get_loading (session))
        return;
      stall_monitor_finish (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_strdup_printf (_("Stopped opening “%s”"), request->name);
          add_toast (self, text);
        }
      else
        show_error_named (self, request->name, error);
      return;
    }

  stall_monitor_finish (self);
  hide_error (self);
  /* Kinds chosen for another file's columns do not apply. */
  g_hash_table_remove_all (self->kinds);
  g_clear_object (&self->kinds_file);
}

static void
load_dataset_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  OrchardWindow *self = ORCHARD_WINDOW (widget);
  OrchardProject *project = orchard_session_get_project (self->session);
  g_autoptr(OrchardDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  ProjectRequest *request;

  if (project == NULL)
    return;
  gtk_menu_button_popdown (self->datasets_button);
  info = orchard_project_get_dataset (project, g_variant_get_int64 (param), &error);
  if (info == NULL)
    {
      show_banner (self, _("Could not open the data set"), error->message);
      return;
    }

  request = project_request_new (self, NULL);
  request->name = g_strdup (info->name);
  label = g_strdup_printf (_("Opening “%s”…"), info->name);
  gtk_label_set_label (self->progress_label, label);
  stall_monitor_start (self);
  orchard_window_show_phase (self, "data");
  orchard_session_load_dataset_async (self->session, info, NULL, load_dataset_cb, request);
}

/**
 * orchard_window_set_project:
 * @self: a window
 * @project: an open project
 *
 * Makes @project this window's project (an empty untitled one it replaces
 * is deleted).
 */
void
orchard_window_set_project (OrchardWindow  *self,
                            OrchardProject *project)
{
  g_return_if_fail (ORCHARD_IS_WINDOW (self));
  g_return_if_fail (ORCHARD_IS_PROJECT (project));

  set_project (self, project, FALSE);
}

/**
 * orchard_window_has_project:
 *
 * Returns: whether @file is this window's project
 */
gboolean
orchard_window_has_project (OrchardWindow *self,
                            GFile         *file)
{
  OrchardProject *project;

  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  project = orchard_session_get_project (self->session);
  return project != NULL && g_file_equal (orchard_project_get_file (project), file);
}

/**
 * orchard_window_is_pristine:
 *
 * Returns: whether the window neither shows nor loads data and its project
 *   is an empty untitled one: opening a project there loses nothing
 */
gboolean
orchard_window_is_pristine (OrchardWindow *self)
{
  OrchardProject *project;

  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), FALSE);

  project = orchard_session_get_project (self->session);
  return orchard_window_is_empty (self) && self->project_cancellable == NULL &&
         (project == NULL ||
          (orchard_project_ui_is_untitled (project) && orchard_project_ui_is_empty (project)));
}

/**
 * orchard_window_get_project_busy:
 *
 * Returns: whether a project is being opened or saved
 */
gboolean
orchard_window_get_project_busy (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), FALSE);
  return self->project_cancellable != NULL;
}

/**
 * orchard_window_get_project_subtitle:
 *
 * Returns: what the sidebar's header says under the project's name,
 *   "1 data set · 3 runs"
 */
const char *
orchard_window_get_project_subtitle (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return adw_window_title_get_subtitle (self->project_title);
}

/**
 * orchard_window_get_dataset_list:
 *
 * Returns: (transfer none): the list of the project's data sets in the
 *   Data page's header
 */
OrchardDatasetList *
orchard_window_get_dataset_list (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->datasets_list;
}

/* ---- drag and drop ---------------------------------------------------- */

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         OrchardWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  /* The first file replaces this window's data; any others get windows
   * of their own. */
  orchard_application_open_file (get_application (self), files->data, GTK_WINDOW (self));
  for (GSList *l = files->next; l != NULL; l = l->next)
    orchard_application_open_file (get_application (self), l->data, NULL);

  g_slist_free (files);

  return TRUE;
}

/* ---- GObject ---------------------------------------------------------- */

static gboolean
orchard_window_close_request (GtkWindow *window)
{
  OrchardWindow *self = ORCHARD_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window) && width > 0 && height > 0)
    g_settings_set (self->settings, "window-size", "(ii)", width, height);

  orchard_session_cancel_load (self->session);
  orchard_session_cancel_preparation (self->session);
  discard_untitled (self, orchard_session_get_project (self->session));

  return GTK_WINDOW_CLASS (orchard_window_parent_class)->close_request (window);
}

static void
orchard_window_constructed (GObject *object)
{
  OrchardWindow *self = (OrchardWindow *)object;
  int width, height;

  G_OBJECT_CLASS (orchard_window_parent_class)->constructed (object);

  /* "application" is set after construction; the default one is ours. */
  self->settings = g_object_ref (orchard_application_get_settings (ORCHARD_APPLICATION_DEFAULT));
  g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_signal_connect_object (self->settings, "changed::recent-files",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);
  g_signal_connect_object (self->settings, "changed::recent-projects",
                           G_CALLBACK (update_recent_projects), self, G_CONNECT_SWAPPED);
  update_recent_projects (self);
}

static void
orchard_window_dispose (GObject *object)
{
  OrchardWindow *self = (OrchardWindow *)object;

  stall_monitor_stop (self);
  g_cancellable_cancel (self->project_cancellable);
  g_clear_object (&self->project_cancellable);
  if (self->session != NULL)
    {
      /* A load in flight still finishes, and must not reach this window. */
      g_signal_handlers_disconnect_by_data (self->session, self);
      orchard_session_cancel_load (self->session);
      orchard_session_cancel_preparation (self->session);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_WINDOW);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  g_clear_object (&self->kinds_file);
  g_clear_pointer (&self->kinds, g_hash_table_unref);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->project_name, g_free);

  G_OBJECT_CLASS (orchard_window_parent_class)->dispose (object);
}

static void
orchard_window_class_init (OrchardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = orchard_window_constructed;
  object_class->dispose = orchard_window_dispose;
  window_class->close_request = orchard_window_close_request;

  g_type_ensure (ORCHARD_TYPE_DATA_PAGE);
  g_type_ensure (ORCHARD_TYPE_PREPARE_PAGE);
  g_type_ensure (ORCHARD_TYPE_EVALUATE_PAGE);
  g_type_ensure (ORCHARD_TYPE_MONITOR_PAGE);
  g_type_ensure (ORCHARD_TYPE_TRAIN_PAGE);
  g_type_ensure (ORCHARD_TYPE_DATASET_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, open_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, phase_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, error_message);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, phase_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, data_page);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, prepare_page);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, evaluate_page);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, monitor_page);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, train_page);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, data_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, prepare_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, train_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, evaluate_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, deploy_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, monitor_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, deploy_status);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, deploy_button);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, project_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, datasets_button);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, datasets_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardWindow, recent_projects_section);
  gtk_widget_class_bind_template_callback (widget_class, phase_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, phase_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, cancel_load_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "win.show-phase", "s", show_phase_action);
  gtk_widget_class_install_action (widget_class, "win.show-phases", NULL, show_phases_action);
  gtk_widget_class_install_action (widget_class, "win.show-run", "s", show_run_action);
  gtk_widget_class_install_action (widget_class, "win.choose-target", NULL, choose_target_action);
  gtk_widget_class_install_action (widget_class, "win.set-kind", "(su)", set_kind_action);
  gtk_widget_class_install_action (widget_class, "win.save-project-as", NULL, save_project_as_action);
  gtk_widget_class_install_action (widget_class, "win.rename-project", NULL, rename_project_action);
  gtk_widget_class_install_action (widget_class, "win.open-project-uri", "s", open_project_uri_action);
  gtk_widget_class_install_action (widget_class, "win.load-dataset", "x", load_dataset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.save-project-as", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.cancel-load", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-phase", "s", phases[i].name);
}

static void
session_loading_cb (OrchardWindow  *self,
                    GParamSpec     *pspec,
                    OrchardSession *session)
{
  gboolean loading = orchard_session_get_loading (session);

  gtk_revealer_set_reveal_child (self->progress_revealer, loading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", loading);
}

static void
switcher_title_visible_cb (OrchardWindow *self)
{
  update_titles (self);
}

static void
orchard_window_init (OrchardWindow *self)
{
  GtkDropTarget *drop;
  AdwViewStack *view_stack;

  self->session = orchard_session_new ();
  self->kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  orchard_data_page_set_session (self->data_page, self->session);
  orchard_prepare_page_set_session (self->prepare_page, self->session);
  orchard_evaluate_page_set_session (self->evaluate_page, self->session);
  g_signal_connect_object (self->evaluate_page, "notify::run", G_CALLBACK (update_evaluate_subtitle),
                           self, G_CONNECT_SWAPPED);
  update_evaluate_subtitle (self);
  orchard_monitor_page_set_session (self->monitor_page, self->session);
  g_signal_connect_object (self->monitor_page, "notify::summary", G_CALLBACK (update_monitor_subtitle),
                           self, G_CONNECT_SWAPPED);
  update_monitor_subtitle (self);
  orchard_train_page_set_session (self->train_page, self->session);
  view_stack = orchard_data_page_get_view_stack (self->data_page);
  adw_view_switcher_title_set_stack (self->switcher_title, view_stack);
  adw_view_switcher_bar_set_stack (self->switcher_bar, view_stack);
  g_signal_connect_swapped (self->switcher_title, "notify::title-visible",
                            G_CALLBACK (switcher_title_visible_cb), self);

  g_object_bind_property (self->session, "fraction", self->progress_bar, "fraction",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->session, "message", self->progress_bar, "text",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->session, "notify::loading", G_CALLBACK (session_loading_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::table", G_CALLBACK (update_phases),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::file", G_CALLBACK (update_titles),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::prepared", G_CALLBACK (update_prepare_subtitle),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (orchard_session_get_runs (self->session), "items-changed",
                           G_CALLBACK (update_train_subtitle), self, G_CONNECT_SWAPPED);
  session_loading_cb (self, NULL, self->session);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_list_box_select_row (self->phase_list, gtk_list_box_get_row_at_index (self->phase_list, 0));
  init_project (self);
  update_phases (self);
}

OrchardWindow *
orchard_window_new (AdwApplication *application)
{
  return g_object_new (ORCHARD_TYPE_WINDOW, "application", application, NULL);
}

/**
 * orchard_window_get_session:
 *
 * Returns: (transfer none): the session this window shows
 */
OrchardSession *
orchard_window_get_session (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->session;
}

/**
 * orchard_window_get_data_page:
 *
 * Returns: (transfer none): the Data page
 */
OrchardDataPage *
orchard_window_get_data_page (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->data_page;
}

/**
 * orchard_window_get_prepare_page:
 *
 * Returns: (transfer none): the Prepare page
 */
OrchardPreparePage *
orchard_window_get_prepare_page (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->prepare_page;
}

/**
 * orchard_window_get_monitor_page:
 *
 * Returns: (transfer none): the Monitor page
 */
OrchardMonitorPage *
orchard_window_get_monitor_page (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->monitor_page;
}

/**
 * orchard_window_get_train_page:
 *
 * Returns: (transfer none): the Train page
 */
OrchardTrainPage *
orchard_window_get_train_page (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->train_page;
}

/**
 * orchard_window_get_evaluate_page:
 *
 * Returns: (transfer none): the Evaluate page
 */
OrchardEvaluatePage *
orchard_window_get_evaluate_page (OrchardWindow *self)
{
  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);
  return self->evaluate_page;
}

/**
 * orchard_window_get_phase_subtitle:
 * @self: a window
 * @phase: a phase name, as for orchard_window_show_phase()
 *
 * Returns: the subtitle the sidebar shows under @phase
 */
const char *
orchard_window_get_phase_subtitle (OrchardWindow *self,
                                   const char    *phase)
{
  GtkLabel *labels[] = {
    self->data_subtitle, self->prepare_subtitle, self->train_subtitle,
    self->evaluate_subtitle, self->deploy_subtitle, self->monitor_subtitle,
  };

  g_return_val_if_fail (ORCHARD_IS_WINDOW (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    if (g_str_equal (phases[i].name, phase))
      return gtk_label_get_label (labels[i]);

  g_return_val_if_reached (NULL);
}
