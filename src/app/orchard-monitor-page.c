/* orchard-monitor-page.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Monitor page compares a current batch of data with a reference, the
 * way `orchard-cli drift` does, and lets the analyst review it: a summary
 * banner, the columns by drift with small histograms, one column's
 * reference-vs-current plot with its statistic in words, the timeline over
 * chunks, prediction drift when the reference is a model bundle, and the
 * report as PDF, CSV or JSON.
 *
 * Files are read as soon as they are chosen, so an unreadable one is
 * reported at once and the report on screen stays; the comparison then runs
 * whenever both sides are there and whenever an option changes. Both are
 * GTasks in a thread; a newer one of a kind cancels the older.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-drift-sparkline.h"
#include "orchard-drift-text.h"
#include "orchard-monitor-page.h"
#include "orchard-progress-relay.h"

/* Where the reference comes from. Whatever it is, each comparison is
 * recorded in the session's project as a batch of a reference there
 * (OrchardProject's monitoring): the three kinds with a table as a data set
 * of the project, a run as the run, a bundle file as its run when the
 * project has it, else as a bundle. */
typedef enum
{
  REFERENCE_NONE,
  REFERENCE_SESSION,   /* the table open on the Data page */
  REFERENCE_FILE,      /* a data file */
  REFERENCE_BUNDLE,    /* a model bundle: its reference profile and model */
  REFERENCE_DATASET,   /* a data set of the project */
  REFERENCE_RUN,       /* a run of the project: its bundle */
} ReferenceKind;

enum { SIDE_REFERENCE, SIDE_CURRENT, N_SIDES };

struct _OrchardMonitorPage
{
  GtkWidget             parent_instance;

  OrchardSession       *session;

  ReferenceKind         reference_kind;
  GFile                *reference_file;
  OrchardTable         *reference_table;
  OrchardArtifact      *reference_bundle;
  char                 *reference_name;
  GFile                *current_file;
  OrchardTable         *current_table;
  char                 *current_name;

  /* The project side: the data set or run chosen, the project's reference
   * whose history is shown, and the batch the last comparison recorded
   * (replaced when only an option changes, so re-comparing does not pile
   * up batches). The serial counts changes of either side. */
  gint64                reference_dataset_id;
  gint64                reference_run_id;
  gint64                history_reference_id;
  gint64                last_batch_id;
  guint                 sources_serial;
  guint                 last_batch_serial;
  gint64                shown_batch_id;
  char                 *record_error;

  /* Per-column choices: name → test (GINT_TO_POINTER), name → double * */
  GHashTable           *tests;
  GHashTable           *thresholds;

  GCancellable         *load_cancellable[N_SIDES];
  GCancellable         *compare_cancellable;
  OrchardProgressRelay *progress;

  OrchardDriftReport   *report;
  char                 *report_reference_name;
  char                 *report_current_name;
  char                 *selected;
  gboolean              selected_prediction;
  char                 *summary;
  char                 *error_text;
  gboolean              updating;

  GtkRevealer          *progress_revealer;
  GtkSpinner           *spinner;
  GtkLabel             *progress_label;
  GtkProgressBar       *progress_bar;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_title;
  GtkLabel             *error_message;
  AdwActionRow         *reference_row;
  GtkImage             *reference_icon;
  GtkButton            *use_session_button;
  AdwActionRow         *current_row;
  AdwPreferencesGroup  *options_group;
  AdwComboRow          *chunking_row;
  AdwActionRow         *chunk_size_row;
  GtkSpinButton        *chunk_size_spin;
  AdwActionRow         *chunk_count_row;
  GtkSpinButton        *chunk_count_spin;
  AdwComboRow          *period_row;
  AdwComboRow          *time_column_row;
  AdwComboRow          *correction_row;
  GtkSpinButton        *drift_share_spin;
  GtkStack             *report_stack;
  GtkWidget            *banner;
  GtkImage             *banner_icon;
  GtkLabel             *banner_title;
  GtkLabel             *banner_subtitle;
  GtkLabel             *banner_detail;
  GtkListBox           *features_list;
  AdwPreferencesGroup  *detail_group;
  GtkBox               *plot_box;
  GtkWidget            *plot;
  GtkLabel             *explanation_label;
  GtkLabel             *psi_label;
  GtkWidget            *override_list;
  AdwComboRow          *test_row;
  AdwActionRow         *threshold_row;
  GtkSpinButton        *threshold_spin;
  GtkWidget            *reset_button;
  AdwPreferencesGroup  *timeline_group;
  OrchardDriftTimeline *timeline;
  AdwPreferencesGroup  *predictions_group;
  GtkListBox           *predictions_list;
  AdwPreferencesGroup  *skipped_group;
  GtkLabel             *skipped_label;
  GtkMenuButton        *project_button;
  AdwPreferencesGroup  *history_group;
  OrchardDriftTimeline *history_timeline;
  GtkListBox           *history_list;
};

G_DEFINE_FINAL_TYPE (OrchardMonitorPage, orchard_monitor_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_BUSY,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The order of the test row's choices. */
static const OrchardStatTest test_choices[] = {
  ORCHARD_STAT_TEST_AUTO,
  ORCHARD_STAT_TEST_KS,
  ORCHARD_STAT_TEST_CHISQUARE,
  ORCHARD_STAT_TEST_Z,
  ORCHARD_STAT_TEST_WASSERSTEIN,
  ORCHARD_STAT_TEST_JENSENSHANNON,
  ORCHARD_STAT_TEST_PSI,
};

static void orchard_monitor_page_compare      (OrchardMonitorPage *self);
static void orchard_monitor_page_update_state (OrchardMonitorPage *self);
static void fill_history                      (OrchardMonitorPage *self);
static void find_history_reference            (OrchardMonitorPage *self);

/* ---- progress ----------------------------------------------------------- */

/* Only the latest work moves the bar. */
static void
show_progress (gpointer              owner,
               OrchardProgressRelay *relay,
               double                fraction,
               const char           *message)
{
  OrchardMonitorPage *self = owner;

  if (self->progress == relay)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, fraction);
      if (message != NULL)
        gtk_label_set_label (self->progress_label, message);
    }
}

/* A stretch of a longer job's 0..1. */
typedef struct
{
  OrchardProgressRelay *progress;
  double                start;
  double                span;
} Stage;

static void
stage_report (double      fraction,
              const char *message,
              gpointer    user_data)
{
  Stage *stage = user_data;

  orchard_progress_relay_report (stage->start + stage->span * CLAMP (fraction, 0.0, 1.0), message, stage->progress);
}

static void
start_progress (OrchardMonitorPage   *self,
                OrchardProgressRelay *progress,
                const char           *message)
{
  g_clear_pointer (&self->progress, orchard_progress_relay_unref);
  self->progress = orchard_progress_relay_ref (progress);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_label_set_label (self->progress_label, message);
}

/* ---- helpers ------------------------------------------------------------ */

static char *
display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));
  return g_file_get_basename (file);
}

/* A model bundle starts with its magic string and its NUL. */
static gboolean
is_bundle (GFile        *file,
           GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  char head[sizeof ORCHARD_ARTIFACT_MAGIC];
  gsize n = 0;

  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, cancellable, NULL))
    return FALSE;
  return n == sizeof head && memcmp (head, ORCHARD_ARTIFACT_MAGIC, sizeof head) == 0;
}

static gboolean
get_busy (OrchardMonitorPage *self)
{
  return self->load_cancellable[SIDE_REFERENCE] != NULL || self->load_cancellable[SIDE_CURRENT] != NULL ||
         self->compare_cancellable != NULL;
}

static void
set_summary (OrchardMonitorPage *self,
             const char         *summary)
{
  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static void
show_error (OrchardMonitorPage *self,
            const char         *title,
            const char         *message)
{
  g_free (self->error_text);
  self->error_text = message != NULL ? g_strdup_printf ("%s: %s", title, message) : NULL;
  gtk_label_set_label (self->error_title, title != NULL ? title : "");
  gtk_label_set_label (self->error_message, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->error_revealer, message != NULL);
}

static void
clear_error (OrchardMonitorPage *self)
{
  show_error (self, NULL, NULL);
}

static void
update_busy (OrchardMonitorPage *self)
{
  gboolean busy = get_busy (self);

  gtk_revealer_set_reveal_child (self->progress_revealer, busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  if (!busy)
    g_clear_pointer (&self->progress, orchard_progress_relay_unref);
  orchard_monitor_page_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* ---- the sources -------------------------------------------------------- */

static void
update_sources (OrchardMonitorPage *self)
{
  OrchardTable *session_table = self->session != NULL ? orchard_session_get_table (self->session) : NULL;
  g_autofree char *reference = NULL;
  g_autofree char *current = NULL;

  switch (self->reference_kind)
    {
    case REFERENCE_SESSION:
    case REFERENCE_FILE:
    case REFERENCE_DATASET:
      {
        g_autofree char *rows = orchard_drift_dup_rows (orchard_table_get_n_rows (self->reference_table));
        g_autofree char *columns = orchard_drift_dup_columns (orchard_table_get_n_columns (self->reference_table));

        if (self->reference_kind == REFERENCE_SESSION)
          /* Translators: the reference is the data set open on the Data page,
           * "penguins.csv (the Data page): 344 rows, 8 columns" */
          reference = g_strdup_printf (_("%s (the Data page): %s, %s"), self->reference_name, rows, columns);
        else if (self->reference_kind == REFERENCE_DATASET)
          /* Translators: a data set of the project, "penguins.csv (a data set of the project): 344 rows, 8 columns" */
          reference = g_strdup_printf (_("%s (a data set of the project): %s, %s"), self->reference_name, rows,
                                       columns);
        else
          /* Translators: a data set, "penguins.csv: 344 rows, 8 columns" */
          reference = g_strdup_printf (_("%s: %s, %s"), self->reference_name, rows, columns);
        gtk_image_set_from_icon_name (self->reference_icon, "x-office-spreadsheet-symbolic");
      }
      break;

    case REFERENCE_BUNDLE:
    case REFERENCE_RUN:
      {
        OrchardReferenceProfile *profile = orchard_artifact_get_reference_profile (self->reference_bundle);
        g_autofree char *rows = orchard_drift_dup_rows (orchard_reference_profile_get_n_rows (profile));

        if (self->reference_kind == REFERENCE_RUN)
          /* Translators: a run of the project as the reference, "logistic-3 (a run of the project): its model and training data’s profile, 240 rows" */
          reference = g_strdup_printf (_("%s (a run of the project): its model and training data’s profile, %s"),
                                       self->reference_name, rows);
        else
        /* Translators: a model bundle as the reference, "model.orchard-model: the model and its training data’s profile, 240 rows" */
        reference = g_strdup_printf (_("%s: the model and its training data’s profile, %s"), self->reference_name, rows);
        gtk_image_set_from_icon_name (self->reference_icon, "package-x-generic-symbolic");
      }
      break;

    case REFERENCE_NONE:
    default:
      reference = g_strdup (_("Not chosen"));
      gtk_image_set_from_icon_name (self->reference_icon, "x-office-spreadsheet-symbolic");
      break;
    }

  if (self->current_table != NULL)
    {
      g_autofree char *rows = orchard_drift_dup_rows (orchard_table_get_n_rows (self->current_table));
      g_autofree char *columns = orchard_drift_dup_columns (orchard_table_get_n_columns (self->current_table));

      current = g_strdup_printf (_("%s: %s, %s"), self->current_name, rows, columns);
    }
  else
    current = g_strdup (_("Not chosen"));

  adw_action_row_set_subtitle (self->reference_row, reference);
  adw_action_row_set_subtitle (self->current_row, current);
  gtk_widget_set_visible (GTK_WIDGET (self->use_session_button), session_table != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "monitor.use-loaded-data", session_table != NULL);
}

/* The date columns of the current batch, for calendar chunks. */
static void
update_time_columns (OrchardMonitorPage *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  const char *selected = NULL;
  GObject *item = adw_combo_row_get_selected_item (self->time_column_row);
  g_autofree char *previous = item != NULL ? g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item))) : NULL;
  guint position = 0;

  for (guint i = 0; self->current_table != NULL && i < orchard_table_get_n_columns (self->current_table); i++)
    {
      OrchardColumn *column = orchard_table_get_column (self->current_table, i);

      if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_DATETIME)
        continue;
      if (g_strcmp0 (orchard_column_get_name (column), previous) == 0)
        {
          position = g_list_model_get_n_items (G_LIST_MODEL (list));
          selected = previous;
        }
      gtk_string_list_append (list, orchard_column_get_name (column));
    }

  self->updating = TRUE;
  adw_combo_row_set_model (self->time_column_row, G_LIST_MODEL (list));
  if (selected != NULL)
    adw_combo_row_set_selected (self->time_column_row, position);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->time_column_row),
                               g_list_model_get_n_items (G_LIST_MODEL (list)) == 0
                               ? _("The current batch has no date column") : NULL);
  self->updating = FALSE;
}

typedef struct
{
  int              side;
  GFile           *file;         /* NULL for a data set or run of the project */
  OrchardProject  *project;
  gint64           dataset_id;
  gint64           run_id;
  char            *name;
  OrchardProgressRelay *progress;
} LoadData;

typedef struct
{
  OrchardTable    *table;
  OrchardArtifact *bundle;
} Loaded;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->project);
  g_free (data->name);
  g_clear_pointer (&data->progress, orchard_progress_relay_unref);
  g_free (data);
}

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->table);
  g_clear_object (&loaded->bundle);
  g_free (loaded);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_new0 (Loaded, 1);

  if (data->project != NULL && data->run_id > 0)
    {
      loaded->bundle = orchard_project_load_bundle (data->project, data->run_id, &error);
      if (loaded->bundle != NULL && orchard_artifact_get_reference_profile (loaded->bundle) == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The model bundle holds no reference profile to compare with; train it again with this version of Orchard"));
    }
  else if (data->project != NULL)
    {
      loaded->table = orchard_project_load_dataset (data->project, data->dataset_id, orchard_progress_relay_report, data->progress,
                                                    cancellable, &error);
    }
  else if (data->side == SIDE_REFERENCE && is_bundle (data->file, cancellable))
    {
      loaded->bundle = orchard_artifact_load (data->file, cancellable, &error);
      if (loaded->bundle != NULL && orchard_artifact_get_reference_profile (loaded->bundle) == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("The model bundle holds no reference profile to compare with; train it again with this version of Orchard"));
    }
  else
    {
      loaded->table = orchard_table_load (data->file, NULL, orchard_progress_relay_report, data->progress, cancellable, &error);
    }

  if (error != NULL)
    {
      loaded_free (loaded);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);
  GTask *task = G_TASK (result);
  LoadData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  Loaded *loaded = g_task_propagate_pointer (task, &error);
  g_autofree char *name = data->file != NULL ? display_name (data->file) : g_strdup (data->name);

  /* A newer choice, or Cancel, made this one moot. */
  if (cancellable != self->load_cancellable[data->side])
    {
      g_clear_pointer (&loaded, loaded_free);
      return;
    }
  g_clear_object (&self->load_cancellable[data->side]);

  if (loaded == NULL)
    {
      /* Translators: the error banner's title, %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Could not read “%s”"), name);

      show_error (self, title, error->message);
      update_busy (self);
      return;
    }

  clear_error (self);
  self->sources_serial++;
  if (data->side == SIDE_REFERENCE)
    {
      g_set_object (&self->reference_file, data->file);
      g_set_object (&self->reference_table, loaded->table);
      g_set_object (&self->reference_bundle, loaded->bundle);
      if (data->run_id > 0)
        self->reference_kind = REFERENCE_RUN;
      else if (data->project != NULL)
        self->reference_kind = REFERENCE_DATASET;
      else
        self->reference_kind = loaded->bundle != NULL ? REFERENCE_BUNDLE : REFERENCE_FILE;
      self->reference_dataset_id = data->dataset_id;
      self->reference_run_id = data->run_id;
      g_free (self->reference_name);
      self->reference_name = g_steal_pointer (&name);
      find_history_reference (self);
    }
  else
    {
      g_set_object (&self->current_file, data->file);
      g_set_object (&self->current_table, loaded->table);
      g_free (self->current_name);
      self->current_name = g_steal_pointer (&name);
      update_time_columns (self);
    }
  loaded_free (loaded);

  update_sources (self);
  update_busy (self);
  orchard_monitor_page_compare (self);
}

static void
load_full (OrchardMonitorPage *self,
           int                 side,
           GFile              *file,
           OrchardProject     *project,
           gint64              dataset_id,
           gint64              run_id,
           const char         *project_name)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = file != NULL ? display_name (file) : g_strdup (project_name);
  /* Translators: progress, "Reading batch.csv…" */
  g_autofree char *message = g_strdup_printf (_("Reading %s…"), name);
  LoadData *data = g_new0 (LoadData, 1);

  if (self->load_cancellable[side] != NULL)
    g_cancellable_cancel (self->load_cancellable[side]);
  g_clear_object (&self->load_cancellable[side]);
  self->load_cancellable[side] = g_cancellable_new ();

  data->side = side;
  data->file = file != NULL ? g_object_ref (file) : NULL;
  data->project = project != NULL ? g_object_ref (project) : NULL;
  data->dataset_id = dataset_id;
  data->run_id = run_id;
  data->name = g_strdup (project_name);
  data->progress = orchard_progress_relay_new (self, show_progress);
  start_progress (self, data->progress, message);

  task = g_task_new (self, self->load_cancellable[side], load_done_cb, NULL);
  g_task_set_source_tag (task, load_full);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_thread);

  update_busy (self);
}

static void
load (OrchardMonitorPage *self,
      int                 side,
      GFile              *file)
{
  load_full (self, side, file, NULL, 0, 0, NULL);
}

/**
 * orchard_monitor_page_set_reference_file:
 * @self: a monitor page
 * @file: a data file (CSV, TSV, ARFF) or a model bundle
 *
 * Reads @file in a thread and, once read, compares with it.
 */
void
orchard_monitor_page_set_reference_file (OrchardMonitorPage *self,
                                         GFile              *file)
{
  g_return_if_fail (ORCHARD_IS_MONITOR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  load (self, SIDE_REFERENCE, file);
}

/**
 * orchard_monitor_page_set_current_file:
 * @self: a monitor page
 * @file: a data file (CSV, TSV, ARFF)
 *
 * Reads @file in a thread and, once read, compares it with the reference.
 */
void
orchard_monitor_page_set_current_file (OrchardMonitorPage *self,
                                       GFile              *file)
{
  g_return_if_fail (ORCHARD_IS_MONITOR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  load (self, SIDE_CURRENT, file);
}

/* ---- the comparison ----------------------------------------------------- */

typedef struct
{
  OrchardTable        *reference_table;
  OrchardArtifact     *bundle;
  char                *target;
  GFile               *current_file;
  OrchardTable        *current_table;
  OrchardDriftOptions *options;
  OrchardProgressRelay *progress;

  /* Recording the comparison in the project, when there is one. */
  OrchardProject      *project;
  ReferenceKind        kind;
  gint64               dataset_id;
  gint64               run_id;
  char                *reference_name;
  char                *current_name;
  gint64               replace_batch_id;
} CompareData;

typedef struct
{
  OrchardDriftReport  *report;
  gint64               reference_id;
  gint64               batch_id;
  char                *record_error;
} Compared;

static void
compared_free (Compared *compared)
{
  g_clear_object (&compared->report);
  g_free (compared->record_error);
  g_free (compared);
}

static void
compare_data_free (CompareData *data)
{
  g_clear_object (&data->reference_table);
  g_clear_object (&data->bundle);
  g_free (data->target);
  g_clear_object (&data->current_file);
  g_clear_object (&data->current_table);
  g_clear_pointer (&data->options, orchard_drift_options_unref);
  g_clear_pointer (&data->progress, orchard_progress_relay_unref);
  g_clear_object (&data->project);
  g_free (data->reference_name);
  g_free (data->current_name);
  g_free (data);
}

/* The project's reference for this comparison's reference, added once. */
static gint64
resolve_reference (CompareData              *data,
                   OrchardReferenceProfile  *profile,
                   GCancellable             *cancellable,
                   GError                  **error)
{
  switch (data->kind)
    {
    case REFERENCE_RUN:
      return orchard_project_add_run_reference (data->project, data->run_id, error);

    case REFERENCE_BUNDLE:
      {
        gint64 run_id = orchard_project_find_bundle_run (data->project, orchard_artifact_get_checksum (data->bundle),
                                                         error);
        if (run_id < 0)
          return 0;
        if (run_id > 0)
          return orchard_project_add_run_reference (data->project, run_id, error);
        return orchard_project_add_reference (data->project, ORCHARD_REFERENCE_SOURCE_BUNDLE, 0, data->reference_name,
                                              NULL, profile, error);
      }

    case REFERENCE_SESSION:
    case REFERENCE_FILE:
    case REFERENCE_DATASET:
    case REFERENCE_NONE:
    default:
      {
        g_autoptr(OrchardDatasetInfo) info = NULL;
        /* Once per content hash: the Data page's table is there already. */
        gint64 dataset_id = data->dataset_id > 0 ? data->dataset_id
                                                 : orchard_project_add_dataset (data->project, data->reference_table,
                                                                                NULL, cancellable, error);

        if (dataset_id == 0)
          return 0;
        info = orchard_project_get_dataset (data->project, dataset_id, error);
        if (info == NULL)
          return 0;
        return orchard_project_add_reference (data->project, ORCHARD_REFERENCE_SOURCE_DATASET, dataset_id, info->name,
                                              info->hash, profile, error);
      }
    }
}

/* The reference's latest batch when it is this very comparison (the same
 * data, the same report: the reference chosen again), so that it is not
 * recorded twice. */
static gint64
same_as_latest (CompareData  *data,
                Compared     *compared,
                OrchardTable *current)
{
  g_autoptr(GPtrArray) batches = orchard_project_list_batches (data->project, compared->reference_id, NULL);
  OrchardBatchInfo *latest;
  g_autoptr(OrchardDriftReport) stored = NULL;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;

  if (batches == NULL || batches->len == 0)
    return 0;
  latest = g_ptr_array_index (batches, batches->len - 1);
  if (g_strcmp0 (latest->data_hash, orchard_table_get_hash (current)) != 0)
    return 0;
  stored = orchard_project_load_batch_report (data->project, latest->id, NULL);
  if (stored == NULL)
    return 0;
  a = orchard_drift_report_to_json (stored);
  b = orchard_drift_report_to_json (compared->report);
  return json_node_equal (a, b) ? latest->id : 0;
}

static void
record (CompareData             *data,
        OrchardReferenceProfile *profile,
        OrchardTable            *current,
        Compared                *compared,
        GCancellable            *cancellable)
{
  g_autoptr(GError) error = NULL;

  compared->reference_id = resolve_reference (data, profile, cancellable, &error);
  if (compared->reference_id > 0 && data->replace_batch_id > 0 &&
      !orchard_project_delete_batches (data->project, &data->replace_batch_id, 1, &error) &&
      g_error_matches (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND))
    g_clear_error (&error);   /* deleted meanwhile: nothing to replace */
  if (compared->reference_id > 0 && error == NULL)
    compared->batch_id = same_as_latest (data, compared, current);
  if (compared->reference_id > 0 && compared->batch_id == 0 && error == NULL)
    compared->batch_id = orchard_project_record_batch (data->project, compared->reference_id, data->current_name,
                                                       orchard_table_get_hash (current), compared->report, &error);
  if (error != NULL)
    compared->record_error = g_strdup (error->message);
}

/* The current batch read again when the reader guessed another kind for a
 * column than the reference has (a numeric column with a stray word): the
 * reference decides, as orchard-cli drift does. */
static OrchardTable *
align_kinds (CompareData              *data,
             OrchardReferenceProfile  *profile,
             GCancellable             *cancellable,
             GError                  **error)
{
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  gboolean again = FALSE;

  for (guint i = 0; i < orchard_reference_profile_get_n_columns (profile); i++)
    {
      const OrchardReferenceColumn *ref = orchard_reference_profile_get_column (profile, i);
      int c = orchard_table_find_column (data->current_table, ref->name);
      OrchardColumnKind kind;

      if (c < 0)
        continue;
      kind = orchard_column_get_kind (orchard_table_get_column (data->current_table, c));
      if ((ref->kind == ORCHARD_COLUMN_KIND_NUMERIC) != (kind == ORCHARD_COLUMN_KIND_NUMERIC) &&
          kind != ORCHARD_COLUMN_KIND_DATETIME)
        {
          orchard_read_options_set_kind (options, ref->name, ref->kind);
          again = TRUE;
        }
    }

  if (!again)
    return g_object_ref (data->current_table);

  return orchard_table_load (data->current_file, options, NULL, NULL, cancellable, error);
}

static void
compare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CompareData *data = task_data;
  g_autoptr(OrchardReferenceProfile) profile = NULL;
  g_autoptr(OrchardTable) current = NULL;
  g_autoptr(OrchardTable) predictions = NULL;
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(GError) error = NULL;
  Stage stage = { data->progress, 0.0, 0.3 };

  if (data->bundle != NULL)
    {
      profile = g_object_ref (orchard_artifact_get_reference_profile (data->bundle));
    }
  else
    {
      OrchardReferenceOptions options;

      orchard_reference_options_init (&options);
      /* Every reference value, as orchard-cli drift compares by default. */
      options.sample_size = 0;
      options.target = data->target;
      orchard_progress_relay_report (0.0, _("Summarising the reference…"), data->progress);
      profile = orchard_reference_profile_build (data->reference_table, NULL, &options, stage_report, &stage,
                                                 cancellable, &error);
      if (profile == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  current = align_kinds (data, profile, cancellable, &error);
  if (current == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->bundle != NULL && orchard_reference_profile_get_n_predictions (profile) > 0)
    {
      g_autoptr(OrchardMatrix) outputs = NULL;
      g_auto(GStrv) warnings = NULL;

      orchard_progress_relay_report (0.3, _("Predicting the current batch…"), data->progress);
      outputs = orchard_artifact_predict (data->bundle, current, &warnings, cancellable, &error);
      if (outputs == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      predictions = orchard_artifact_outputs_to_table (data->bundle, outputs, NAN);
    }

  stage.start = 0.4;
  stage.span = 0.6;
  orchard_progress_relay_report (0.4, _("Comparing…"), data->progress);
  report = orchard_drift_report_compute (profile, current, predictions, data->options, stage_report, &stage,
                                         cancellable, &error);
  if (report == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  {
    Compared *compared = g_new0 (Compared, 1);

    compared->report = g_steal_pointer (&report);
    if (data->project != NULL && !g_cancellable_is_cancelled (cancellable))
      {
        orchard_progress_relay_report (1.0, _("Recording the batch in the project…"), data->progress);
        record (data, profile, current, compared, cancellable);
      }
    g_task_return_pointer (task, compared, (GDestroyNotify) compared_free);
  }
}

static void show_report (OrchardMonitorPage *self);

static void
compare_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);
  GTask *task = G_TASK (result);
  g_autoptr(GError) error = NULL;
  Compared *compared = g_task_propagate_pointer (task, &error);
  OrchardDriftReport *report;

  if (g_task_get_cancellable (task) != self->compare_cancellable)
    {
      g_clear_pointer (&compared, compared_free);
      return;
    }
  g_clear_object (&self->compare_cancellable);

  if (compared == NULL)
    {
      show_error (self, _("Could not compare the data"), error->message);
      update_busy (self);
      return;
    }
  report = compared->report;

  clear_error (self);
  g_clear_pointer (&self->record_error, g_free);
  if (compared->record_error != NULL)
    {
      self->record_error = g_strdup (compared->record_error);
      show_error (self, _("Could not record the batch in the project"), compared->record_error);
    }
  if (compared->batch_id > 0)
    {
      self->last_batch_id = compared->batch_id;
      self->last_batch_serial = self->sources_serial;
      self->history_reference_id = compared->reference_id;
    }
  self->shown_batch_id = compared->batch_id;
  g_set_object (&self->report, report);
  g_free (self->report_reference_name);
  self->report_reference_name = g_strdup (self->reference_name);
  g_free (self->report_current_name);
  self->report_current_name = g_strdup (self->current_name);
  show_report (self);
  fill_history (self);
  update_busy (self);
  compared_free (compared);
}

static OrchardDriftOptions *
make_options (OrchardMonitorPage *self)
{
  g_autoptr(OrchardDriftOptions) options = orchard_drift_options_new ();
  GHashTableIter iter;
  gpointer key, value;

  switch (adw_combo_row_get_selected (self->chunking_row))
    {
    case 1:
      orchard_drift_options_set_chunk_size (options, (gsize) gtk_spin_button_get_value_as_int (self->chunk_size_spin));
      break;

    case 2:
      orchard_drift_options_set_chunk_count (options, (guint) gtk_spin_button_get_value_as_int (self->chunk_count_spin));
      break;

    case 3:
      {
        GObject *item = adw_combo_row_get_selected_item (self->time_column_row);

        /* Without a date column the engine says so, in the banner. */
        orchard_drift_options_set_chunk_period (options, (OrchardPeriod) adw_combo_row_get_selected (self->period_row),
                                                item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item)) : "");
      }
      break;

    default:
      break;
    }

  switch (adw_combo_row_get_selected (self->correction_row))
    {
    case 1:
      orchard_drift_options_set_correction (options, ORCHARD_CORRECTION_BONFERRONI);
      break;
    case 2:
      orchard_drift_options_set_correction (options, ORCHARD_CORRECTION_BENJAMINI_HOCHBERG);
      break;
    default:
      break;
    }

  orchard_drift_options_set_drift_share (options, gtk_spin_button_get_value (self->drift_share_spin));

  g_hash_table_iter_init (&iter, self->tests);
  while (g_hash_table_iter_next (&iter, &key, &value))
    orchard_drift_options_set_stattest (options, key, (OrchardStatTest) GPOINTER_TO_INT (value));
  g_hash_table_iter_init (&iter, self->thresholds);
  while (g_hash_table_iter_next (&iter, &key, &value))
    orchard_drift_options_set_threshold (options, key, *(double *) value);

  return g_steal_pointer (&options);
}

/* Starts a comparison if both sides are there; a running one is dropped. */
static void
orchard_monitor_page_compare (OrchardMonitorPage *self)
{
  g_autoptr(GTask) task = NULL;
  CompareData *data;

  if (self->reference_kind == REFERENCE_NONE || self->current_table == NULL)
    {
      orchard_monitor_page_update_state (self);
      return;
    }

  if (self->compare_cancellable != NULL)
    g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();

  data = g_new0 (CompareData, 1);
  if (self->reference_kind == REFERENCE_BUNDLE || self->reference_kind == REFERENCE_RUN)
    data->bundle = g_object_ref (self->reference_bundle);
  else
    {
      int target = orchard_table_get_target (self->reference_table);

      data->reference_table = g_object_ref (self->reference_table);
      if (target >= 0)
        data->target = g_strdup (orchard_column_get_name (orchard_table_get_column (self->reference_table, target)));
    }
  data->current_file = g_object_ref (self->current_file);
  data->current_table = g_object_ref (self->current_table);
  data->options = make_options (self);
  if (self->session != NULL && orchard_session_get_project (self->session) != NULL &&
      !orchard_project_is_read_only (orchard_session_get_project (self->session)))
    {
      data->project = g_object_ref (orchard_session_get_project (self->session));
      data->kind = self->reference_kind;
      data->dataset_id = self->reference_kind == REFERENCE_SESSION ? orchard_session_get_dataset_id (self->session)
                                                                   : self->reference_dataset_id;
      data->run_id = self->reference_run_id;
      data->reference_name = g_strdup (self->reference_name);
      data->current_name = g_strdup (self->current_name);
      /* Only an option changed since the last batch: it replaces it. */
      if (self->last_batch_id > 0 && self->last_batch_serial == self->sources_serial)
        data->replace_batch_id = self->last_batch_id;
    }
  data->progress = orchard_progress_relay_new (self, show_progress);
  start_progress (self, data->progress, _("Comparing…"));

  task = g_task_new (self, self->compare_cancellable, compare_done_cb, NULL);
  g_task_set_source_tag (task, orchard_monitor_page_compare);
  g_task_set_task_data (task, data, (GDestroyNotify) compare_data_free);
  g_task_run_in_thread (task, compare_thread);

  update_busy (self);
}

/* ---- showing the report ------------------------------------------------- */

static const OrchardColumnDrift *
lookup_column (OrchardMonitorPage *self,
               const char         *name,
               gboolean            prediction)
{
  guint n;

  if (self->report == NULL || name == NULL)
    return NULL;

  n = prediction ? orchard_drift_report_get_n_predictions (self->report)
                 : orchard_drift_report_get_n_columns (self->report);
  for (guint i = 0; i < n; i++)
    {
      const OrchardColumnDrift *c = prediction ? orchard_drift_report_get_prediction (self->report, i)
                                               : orchard_drift_report_get_column (self->report, i);
      if (g_str_equal (c->name, name))
        return c;
    }
  return NULL;
}

static GtkWidget *
make_row (const OrchardColumnDrift *c,
          gboolean                  prediction)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sparkline = orchard_drift_sparkline_new ();
  GtkWidget *badge = gtk_label_new (NULL);
  g_autofree char *statistic = orchard_drift_format_statistic (c->statistic);
  g_autofree char *p_value = orchard_drift_format_p_value (orchard_drift_shown_p_value (c));
  g_autofree char *threshold = g_strdup_printf ("%g", c->threshold);
  g_autofree char *psi = orchard_drift_format_psi (c->psi);
  g_autofree char *verdict = orchard_drift_dup_verdict (c);
  g_autofree char *badge_text = orchard_drift_dup_badge (c);
  g_autofree char *name = c->role == ORCHARD_COLUMN_ROLE_TARGET
                          ? g_strdup_printf (_("%s (target)"), c->name) : g_strdup (c->name);
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  if (c->tested)
    /* Translators: a column's row, "Numeric · KS 0.2300 · p = 0.001 ≤ 0.05 · PSI 0.312" */
    subtitle = g_strdup_printf (_("%s · %s %s · %s · PSI %s"), orchard_drift_kind_title (c->kind),
                                orchard_drift_test_short (c->test), statistic, verdict, psi);
  else
    subtitle = g_strdup_printf ("%s · %s", orchard_drift_kind_title (c->kind), badge_text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  orchard_drift_sparkline_set_counts (ORCHARD_DRIFT_SPARKLINE (sparkline), c->reference_counts, c->current_counts,
                                      c->n_bins);
  gtk_widget_set_valign (sparkline, GTK_ALIGN_CENTER);
  /* Translators: the tooltip of a row's small histogram */
  tooltip = g_strdup_printf (_("The current batch (bars) over the reference (line), as shares, in %u bins"), c->n_bins);
  gtk_widget_set_tooltip_text (sparkline, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sparkline), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sparkline);

  gtk_label_set_label (GTK_LABEL (badge), badge_text);
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "drift-badge");
  gtk_widget_add_css_class (badge, !c->tested ? "untested" : c->drifted ? "drifted" : "stable");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);

  /* What the tests read back: the texts the row shows. */
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (c->name), g_free);
  g_object_set_data_full (G_OBJECT (row), "test", g_strdup (orchard_drift_test_short (c->test)), g_free);
  g_object_set_data_full (G_OBJECT (row), "statistic", g_steal_pointer (&statistic), g_free);
  g_object_set_data_full (G_OBJECT (row), "p-value", g_steal_pointer (&p_value), g_free);
  g_object_set_data_full (G_OBJECT (row), "threshold", g_steal_pointer (&threshold), g_free);
  g_object_set_data_full (G_OBJECT (row), "psi", g_steal_pointer (&psi), g_free);
  g_object_set_data_full (G_OBJECT (row), "badge", g_steal_pointer (&badge_text), g_free);
  g_object_set_data_full (G_OBJECT (row), "subtitle", g_steal_pointer (&subtitle), g_free);
  g_object_set_data (G_OBJECT (row), "sparkline", sparkline);
  g_object_set_data (G_OBJECT (row), "prediction", GINT_TO_POINTER (prediction));

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
fill_list (OrchardMonitorPage *self,
           GtkListBox         *list,
           gboolean            predictions)
{
  g_autofree int *order = NULL;
  guint n = 0;

  clear_list (list);
  order = orchard_monitor_sorted_columns (self->report, predictions, &n);
  for (guint i = 0; i < n; i++)
    {
      const OrchardColumnDrift *c = predictions ? orchard_drift_report_get_prediction (self->report, order[i])
                                                : orchard_drift_report_get_column (self->report, order[i]);
      gtk_list_box_append (list, make_row (c, predictions));
    }
}

static GtkListBoxRow *
find_row (GtkListBox *list,
          const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "name"), name) == 0)
      return GTK_LIST_BOX_ROW (child);
  return NULL;
}

static void
show_detail (OrchardMonitorPage *self)
{
  const OrchardColumnDrift *c = lookup_column (self, self->selected, self->selected_prediction);
  g_autofree char *explanation = NULL;
  g_autofree char *psi = NULL;
  OrchardStatTest chosen_test = ORCHARD_STAT_TEST_AUTO;
  gpointer test_value;

  if (self->plot != NULL)
    {
      gtk_box_remove (self->plot_box, self->plot);
      self->plot = NULL;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->detail_group), c != NULL);
  if (c == NULL)
    return;

  adw_preferences_group_set_title (self->detail_group, c->name);
  adw_preferences_group_set_description (self->detail_group,
                                         self->selected_prediction ? _("A prediction of the model: reference against current")
                                                                   : _("Reference against current, in the same bins"));
  self->plot = orchard_monitor_plot_new (c);
  gtk_widget_set_hexpand (self->plot, TRUE);
  gtk_box_append (self->plot_box, self->plot);

  explanation = orchard_drift_dup_explanation (c, orchard_drift_report_get_correction (self->report));
  psi = orchard_drift_dup_psi_text (c);
  gtk_label_set_label (self->explanation_label, explanation);
  gtk_label_set_label (self->psi_label, psi);

  /* The override controls show this column's choice, without acting on it. */
  self->updating = TRUE;
  if (g_hash_table_lookup_extended (self->tests, c->name, NULL, &test_value))
    chosen_test = (OrchardStatTest) GPOINTER_TO_INT (test_value);
  for (guint i = 0; i < G_N_ELEMENTS (test_choices); i++)
    if (test_choices[i] == chosen_test)
      adw_combo_row_set_selected (self->test_row, i);
  {
    g_autofree char *subtitle = NULL;

    if (chosen_test == ORCHARD_STAT_TEST_AUTO)
      /* Translators: the test row's subtitle, "Chosen automatically: Kolmogorov–Smirnov" */
      subtitle = g_strdup_printf (_("Chosen automatically: %s"), orchard_drift_test_title (c->test));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->test_row), subtitle);
  }
  gtk_spin_button_set_value (self->threshold_spin, c->threshold);
  adw_action_row_set_subtitle (self->threshold_row,
                               orchard_stat_test_has_p_value (c->test)
                               ? _("Drift when the p-value is below it") : _("Drift when the statistic reaches it"));
  gtk_widget_set_visible (self->reset_button, c->chosen);
  self->updating = FALSE;
  /* A model's predictions are tested as the engine decides: no choice to offer. */
  gtk_widget_set_visible (self->override_list, !self->selected_prediction);
}

static void
select_row (OrchardMonitorPage *self,
            GtkListBox         *list,
            GtkListBoxRow      *row)
{
  GtkListBox *other = list == self->features_list ? self->predictions_list : self->features_list;

  self->updating = TRUE;
  gtk_list_box_unselect_all (other);
  if (row != NULL)
    gtk_list_box_select_row (list, row);
  self->updating = FALSE;

  g_free (self->selected);
  self->selected = row != NULL ? g_strdup (g_object_get_data (G_OBJECT (row), "name")) : NULL;
  self->selected_prediction = row != NULL && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "prediction"));
  show_detail (self);
}

static void
row_selected_cb (OrchardMonitorPage *self,
                 GtkListBoxRow      *row,
                 GtkListBox         *list)
{
  if (self->updating || row == NULL)
    return;
  select_row (self, list, row);
}

static void
show_banner (OrchardMonitorPage *self)
{
  OrchardDriftReport *report = self->report;
  gboolean drift = orchard_drift_report_get_dataset_drift (report);
  const OrchardMultivariateDrift *m = orchard_drift_report_get_multivariate (report);
  g_autofree char *summary = orchard_drift_dup_summary (report);
  g_autoptr(GString) detail = g_string_new (NULL);

  gtk_label_set_label (self->banner_title, drift ? _("Dataset Drift Detected") : _("No Dataset Drift"));
  gtk_label_set_label (self->banner_subtitle, summary);
  gtk_image_set_from_icon_name (self->banner_icon, drift ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  if (drift)
    gtk_widget_add_css_class (self->banner, "drifted");
  else
    gtk_widget_remove_css_class (self->banner, "drifted");

  {
    g_autofree char *reference_rows = orchard_drift_dup_rows (orchard_drift_report_get_reference_rows (report));
    g_autofree char *current_rows = orchard_drift_dup_rows (orchard_drift_report_get_current_rows (report));

    /* Translators: the sources under the verdict, "train.csv, 1000 rows → batch.csv, 365 rows" */
    g_string_append_printf (detail, _("%s, %s → %s, %s"), self->report_reference_name, reference_rows,
                            self->report_current_name, current_rows);
  }

  if (orchard_drift_report_get_correction (report) == ORCHARD_CORRECTION_BONFERRONI)
    g_string_append_printf (detail, "\n%s", _("p-values adjusted for testing many columns (Bonferroni)"));
  else if (orchard_drift_report_get_correction (report) == ORCHARD_CORRECTION_BENJAMINI_HOCHBERG)
    g_string_append_printf (detail, "\n%s", _("p-values adjusted for testing many columns (Benjamini–Hochberg)"));

  if (m != NULL && !isnan (m->error))
    {
      g_string_append_c (detail, '\n');
      /* Translators: the multivariate test, "Multivariate: PCA reconstruction error 0.31, outside the reference band 0.12–0.2" */
      g_string_append_printf (detail, m->drifted ? _("Multivariate: PCA reconstruction error %.3g, outside the reference band %.3g–%.3g")
                                                 : _("Multivariate: PCA reconstruction error %.3g, within the reference band %.3g–%.3g"),
                              m->error, m->lower, m->upper);
    }
  else if (m != NULL && m->note != NULL)
    {
      g_string_append_c (detail, '\n');
      /* Translators: %s says why */
      g_string_append_printf (detail, _("Multivariate drift not computed: %s"), m->note);
    }

  if (orchard_drift_report_get_n_predictions (report) > 0)
    {
      g_string_append_c (detail, '\n');
      g_string_append (detail, orchard_drift_report_get_prediction_drift (report) ? _("The model’s predictions drifted")
                                                                                   : _("The model’s predictions are stable"));
    }

  gtk_label_set_label (self->banner_detail, detail->str);
}

static void
show_report (OrchardMonitorPage *self)
{
  OrchardDriftReport *report = self->report;
  guint n_chunks = orchard_drift_report_get_n_chunks (report);
  guint n_predictions = orchard_drift_report_get_n_predictions (report);
  guint n_skipped = orchard_drift_report_get_n_skipped (report);
  GtkListBoxRow *row = NULL;
  GtkListBox *list = self->features_list;

  show_banner (self);

  self->updating = TRUE;
  fill_list (self, self->features_list, FALSE);
  fill_list (self, self->predictions_list, TRUE);
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->predictions_group), n_predictions > 0);
  if (n_predictions > 0)
    adw_preferences_group_set_description (self->predictions_group,
                                           orchard_drift_report_get_prediction_drift (report)
                                           ? _("The model’s outputs on the current batch differ from those on its training data")
                                           : _("The model’s outputs on the current batch look like those on its training data"));

  gtk_widget_set_visible (GTK_WIDGET (self->timeline_group), n_chunks > 0);
  orchard_monitor_timeline_fill (self->timeline, report);
  gtk_widget_set_size_request (GTK_WIDGET (self->timeline), -1,
                               n_chunks > 0 ? (int) (80 + 24 * (5 + orchard_drift_timeline_get_n_features (self->timeline))) : -1);

  gtk_widget_set_visible (GTK_WIDGET (self->skipped_group), n_skipped > 0);
  if (n_skipped > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < n_skipped; i++)
        {
          const OrchardSkippedColumn *s = orchard_drift_report_get_skipped (report, i);

          if (i > 0)
            g_string_append_c (text, '\n');
          /* Translators: a column not compared and why, "id: only in the current batch" */
          g_string_append_printf (text, _("%s: %s"), s->name, s->reason);
        }
      gtk_label_set_label (self->skipped_label, text->str);
    }

  /* Keep the column the user was looking at; else the most drifted. */
  if (self->selected != NULL)
    {
      list = self->selected_prediction ? self->predictions_list : self->features_list;
      row = find_row (list, self->selected);
    }
  if (row == NULL)
    {
      list = self->features_list;
      row = gtk_list_box_get_row_at_index (list, 0);
    }
  select_row (self, list, row);

  gtk_stack_set_visible_child_name (self->report_stack, "report");
}

/* The page's one-line state, for the window's phase list. */
static void
orchard_monitor_page_update_state (OrchardMonitorPage *self)
{
  g_autofree char *summary = NULL;

  if (self->compare_cancellable != NULL)
    summary = g_strdup (_("Comparing…"));
  else if (self->load_cancellable[SIDE_REFERENCE] != NULL || self->load_cancellable[SIDE_CURRENT] != NULL)
    summary = g_strdup (_("Reading…"));
  else if (self->report != NULL)
    {
      guint n_drifted = orchard_drift_report_get_n_drifted (self->report);
      guint n_tested = orchard_drift_report_get_n_tested (self->report);

      if (orchard_drift_report_get_dataset_drift (self->report))
        /* Translators: the Monitor phase's subtitle, "Drift in 5 of 9 columns" */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Drift in %u of %u column", "Drift in %u of %u columns",
                                                n_tested),
                                   n_drifted, n_tested);
      else
        /* Translators: the Monitor phase's subtitle, "No dataset drift (1 of 9 columns)" */
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No dataset drift (%u of %u column)",
                                                "No dataset drift (%u of %u columns)", n_tested),
                                   n_drifted, n_tested);
    }
  else if (self->reference_kind == REFERENCE_NONE)
    summary = g_strdup (_("Choose a reference"));
  else if (self->current_table == NULL)
    summary = g_strdup (_("Choose a current batch"));
  else
    summary = g_strdup (_("Not compared"));

  /* The options matter once there is something to compare. */
  gtk_widget_set_visible (GTK_WIDGET (self->options_group),
                          self->report != NULL ||
                          (self->reference_kind != REFERENCE_NONE && self->current_table != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "monitor.export", self->report != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "monitor.cancel", get_busy (self));
  set_summary (self, summary);
}

/* ---- options ------------------------------------------------------------ */

static void
chunking_changed_cb (OrchardMonitorPage *self)
{
  guint mode = adw_combo_row_get_selected (self->chunking_row);

  gtk_widget_set_visible (GTK_WIDGET (self->chunk_size_row), mode == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->chunk_count_row), mode == 2);
  gtk_widget_set_visible (GTK_WIDGET (self->period_row), mode == 3);
  gtk_widget_set_visible (GTK_WIDGET (self->time_column_row), mode == 3);
  orchard_monitor_page_compare (self);
}

static void
option_changed_cb (OrchardMonitorPage *self)
{
  if (self->updating)
    return;
  orchard_monitor_page_compare (self);
}

static void
test_changed_cb (OrchardMonitorPage *self)
{
  guint selected = adw_combo_row_get_selected (self->test_row);

  if (self->updating || self->selected == NULL || self->selected_prediction || selected >= G_N_ELEMENTS (test_choices))
    return;

  if (test_choices[selected] == ORCHARD_STAT_TEST_AUTO)
    g_hash_table_remove (self->tests, self->selected);
  else
    g_hash_table_insert (self->tests, g_strdup (self->selected), GINT_TO_POINTER (test_choices[selected]));
  /* Another test reads its threshold differently: its default applies. */
  g_hash_table_remove (self->thresholds, self->selected);
  orchard_monitor_page_compare (self);
}

static void
threshold_changed_cb (OrchardMonitorPage *self)
{
  double *value;

  if (self->updating || self->selected == NULL || self->selected_prediction)
    return;

  value = g_new (double, 1);
  *value = gtk_spin_button_get_value (self->threshold_spin);
  g_hash_table_insert (self->thresholds, g_strdup (self->selected), value);
  orchard_monitor_page_compare (self);
}

/* ---- the project: sources and history ----------------------------------- */

#define MAX_MENU_RUNS 50

static OrchardProject *
get_project (OrchardMonitorPage *self)
{
  return self->session != NULL ? orchard_session_get_project (self->session) : NULL;
}

/* The data sets and runs (with a bundle) of the project, for the reference
 * row's menu. */
static void
update_project_menu (OrchardMonitorPage *self)
{
  OrchardProject *project = get_project (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) datasets_section = g_menu_new ();
  g_autoptr(GMenu) runs_section = g_menu_new ();
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  guint n_items = 0;

  if (project != NULL)
    {
      datasets = orchard_project_list_datasets (project, NULL);
      /* The latest runs: a project may hold thousands. */
      runs = orchard_project_list_bundle_runs (project, MAX_MENU_RUNS, NULL);
    }

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    {
      OrchardDatasetInfo *info = g_ptr_array_index (datasets, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (info->name, NULL);

      g_menu_item_set_action_and_target_value (item, "monitor.use-dataset", g_variant_new_int64 (info->id));
      g_menu_append_item (datasets_section, item);
      n_items++;
    }
  for (guint i = 0; runs != NULL && i < runs->len; i++)
    {
      OrchardBundleRunInfo *run = g_ptr_array_index (runs, i);
      g_autoptr(GMenuItem) item = NULL;
      /* Translators: a run in the reference menu, "logistic-3 on penguins.csv" */
      g_autofree char *label = g_strdup_printf (_("%s-%lld on %s"), run->model, (long long) run->run_id,
                                                run->dataset_name != NULL ? run->dataset_name : "–");

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "monitor.use-run", g_variant_new_int64 (run->run_id));
      g_menu_append_item (runs_section, item);
      n_items++;
    }

  g_menu_append_section (menu, _("Data Sets of the Project"), G_MENU_MODEL (datasets_section));
  g_menu_append_section (menu, _("Training Data of a Run"), G_MENU_MODEL (runs_section));
  gtk_menu_button_set_menu_model (self->project_button, G_MENU_MODEL (menu));
  gtk_widget_set_sensitive (GTK_WIDGET (self->project_button), n_items > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->project_button),
                               n_items > 0 ? _("Choose a Data Set or Run of the Project")
                                           : _("The project has no data set or trained run yet"));
}

/* The reference of the project the current choice has batches of: a run's
 * or a project data set's (the latest profile of it), so that its history
 * shows before anything is compared. */
static void
find_history_reference (OrchardMonitorPage *self)
{
  OrchardProject *project = get_project (self);
  g_autoptr(GPtrArray) references = NULL;
  gint64 found = 0;

  self->last_batch_id = 0;
  if (project != NULL && (self->reference_run_id > 0 || self->reference_dataset_id > 0))
    references = orchard_project_list_references (project, NULL);
  for (guint i = 0; references != NULL && i < references->len; i++)
    {
      OrchardReferenceInfo *info = g_ptr_array_index (references, i);

      if ((self->reference_run_id > 0 && info->run_id == self->reference_run_id) ||
          (self->reference_run_id == 0 && info->source == ORCHARD_REFERENCE_SOURCE_DATASET &&
           info->dataset_id == self->reference_dataset_id))
        found = info->id;
    }
  self->history_reference_id = found;
  fill_history (self);
}

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (ms / 1000);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("–");
}

static void
fill_history (OrchardMonitorPage *self)
{
  OrchardProject *project = get_project (self);
  g_autoptr(GPtrArray) batches = NULL;
  g_autofree const char **labels = NULL;
  g_autofree double *shares = NULL;
  g_autoptr(GPtrArray) label_strings = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  if (project != NULL && self->history_reference_id > 0)
    batches = orchard_project_list_batches (project, self->history_reference_id, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->history_group), batches != NULL && batches->len > 0);
  if (batches == NULL || batches->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->history_timeline), FALSE);
      return;
    }

  labels = g_new0 (const char *, batches->len + 1);
  shares = g_new0 (double, batches->len + 1);
  /* Newest first in the list, oldest first on the time axis. */
  for (guint i = 0; i < batches->len; i++)
    {
      OrchardBatchInfo *b = g_ptr_array_index (batches, batches->len - 1 - i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (b->dataset_drift ? _("Drift") : _("No Drift"));
      g_autofree char *when = format_time (b->received);
      g_autofree char *share = g_strdup_printf ("%.2f", b->drift_share);
      g_autofree char *title = g_markup_escape_text (b->name != NULL ? b->name : "–", -1);
      /* Translators: a batch of the history, "2026-11-27 18:02:11 · drift share 0.38, 3 of 8 columns" */
      g_autofree char *subtitle = g_strdup_printf (_("%s · drift share %s, %u of %u columns"), when, share,
                                                   b->n_drifted, b->n_columns);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "drift-badge");
      gtk_widget_add_css_class (badge, b->dataset_drift ? "drifted" : "stable");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
      g_object_set_data_full (G_OBJECT (row), "batch-id", g_memdup2 (&b->id, sizeof b->id), g_free);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (b->name), g_free);
      g_object_set_data_full (G_OBJECT (row), "subtitle", g_strdup (subtitle), g_free);
      g_object_set_data_full (G_OBJECT (row), "badge", g_strdup (gtk_label_get_label (GTK_LABEL (badge))), g_free);
      gtk_list_box_append (self->history_list, row);
      if (b->id == self->shown_batch_id)
        gtk_list_box_select_row (self->history_list, GTK_LIST_BOX_ROW (row));
    }
  for (guint i = 0; i < batches->len; i++)
    {
      OrchardBatchInfo *b = g_ptr_array_index (batches, i);
      char *label = format_time (b->received);

      g_ptr_array_add (label_strings, label);
      labels[i] = label;
      shares[i] = b->drift_share;
    }

  /* Drift over time needs two points at least. */
  orchard_drift_timeline_clear (self->history_timeline);
  orchard_drift_timeline_set_chunks (self->history_timeline, labels, shares, batches->len,
                                     self->report != NULL ? orchard_drift_report_get_drift_share_threshold (self->report)
                                                          : 0.5);
  gtk_widget_set_visible (GTK_WIDGET (self->history_timeline), batches->len >= 2);
}

/* Shows a recorded batch's report again, as it was. */
static gboolean
show_batch (OrchardMonitorPage  *self,
            gint64               batch_id,
            GError             **error)
{
  OrchardProject *project = get_project (self);
  g_autoptr(OrchardDriftReport) report = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(OrchardReferenceInfo) reference = NULL;
  const char *name = NULL;

  if (project == NULL)
    return FALSE;
  report = orchard_project_load_batch_report (project, batch_id, error);
  if (report == NULL)
    return FALSE;
  reference = orchard_project_get_reference (project, self->history_reference_id, NULL);
  batches = orchard_project_list_batches (project, self->history_reference_id, NULL);
  for (guint i = 0; batches != NULL && i < batches->len; i++)
    if (((OrchardBatchInfo *) g_ptr_array_index (batches, i))->id == batch_id)
      name = ((OrchardBatchInfo *) g_ptr_array_index (batches, i))->name;

  g_set_object (&self->report, report);
  g_free (self->report_reference_name);
  self->report_reference_name = g_strdup (reference != NULL ? reference->name : self->reference_name);
  g_free (self->report_current_name);
  self->report_current_name = g_strdup (name != NULL ? name : "–");
  self->shown_batch_id = batch_id;
  show_report (self);
  orchard_monitor_page_update_state (self);
  return TRUE;
}

static void
history_activated_cb (OrchardMonitorPage *self,
                      GtkListBoxRow      *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "batch-id");
  g_autoptr(GError) error = NULL;

  if (id != NULL && !show_batch (self, *id, &error) && error != NULL)
    show_error (self, _("Could not read the batch"), error->message);
}

static void
project_changed_cb (OrchardMonitorPage *self,
                    int                 what,
                    gint64              id)
{
  if (what == ORCHARD_PROJECT_CHANGE_BATCHES || what == ORCHARD_PROJECT_CHANGE_EXTERNAL)
    fill_history (self);
  if (what != ORCHARD_PROJECT_CHANGE_BATCHES)
    update_project_menu (self);
}

static void
session_project_cb (OrchardMonitorPage *self)
{
  self->history_reference_id = 0;
  self->last_batch_id = 0;
  if (self->reference_kind == REFERENCE_DATASET || self->reference_kind == REFERENCE_RUN)
    {
      /* Its ids belong to the previous project. */
      self->reference_dataset_id = 0;
      self->reference_run_id = 0;
    }
  update_project_menu (self);
  fill_history (self);
}

static void
use_project_source (OrchardMonitorPage *self,
                    gint64              dataset_id,
                    gint64              run_id)
{
  OrchardProject *project = get_project (self);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (project == NULL)
    return;
  if (run_id > 0)
    {
      g_autoptr(OrchardRun) run = orchard_project_get_run (project, run_id, &error);

      if (run == NULL)
        {
          show_error (self, _("Could not use the run"), error->message);
          return;
        }
      name = g_strdup_printf ("%s-%lld", orchard_run_get_model (run), (long long) run_id);
    }
  else
    {
      g_autoptr(OrchardDatasetInfo) info = orchard_project_get_dataset (project, dataset_id, &error);

      if (info == NULL)
        {
          show_error (self, _("Could not use the data set"), error->message);
          return;
        }
      name = g_strdup (info->name);
    }
  load_full (self, SIDE_REFERENCE, NULL, project, run_id > 0 ? 0 : dataset_id, run_id, name);
}

static void
use_dataset_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  use_project_source (ORCHARD_MONITOR_PAGE (widget), g_variant_get_int64 (param), 0);
}

static void
use_run_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  use_project_source (ORCHARD_MONITOR_PAGE (widget), 0, g_variant_get_int64 (param));
}

/* ---- actions ------------------------------------------------------------ */

static GtkWindow *
get_window (OrchardMonitorPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

typedef struct
{
  OrchardMonitorPage *page;
  int                 side;
} ChooseData;

static void
choose_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    ChooseData      *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        load (data->page, data->side, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (data->page);
  g_free (data);
}

static void
choose (OrchardMonitorPage *self,
        int                 side)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) data_filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  ChooseData *data = g_new0 (ChooseData, 1);

  gtk_file_filter_set_name (data_filter, side == SIDE_REFERENCE ? _("Data Sets and Model Bundles")
                                                                : _("Data Sets (CSV, TSV, ARFF)"));
  gtk_file_filter_add_mime_type (data_filter, "text/csv");
  gtk_file_filter_add_mime_type (data_filter, "text/tab-separated-values");
  gtk_file_filter_add_pattern (data_filter, "*.csv");
  gtk_file_filter_add_pattern (data_filter, "*.tsv");
  gtk_file_filter_add_pattern (data_filter, "*.tab");
  gtk_file_filter_add_pattern (data_filter, "*.arff");
  if (side == SIDE_REFERENCE)
    gtk_file_filter_add_pattern (data_filter, "*.orchard-model");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  dialog = gtk_file_chooser_native_new (side == SIDE_REFERENCE ? _("Choose the Reference") : _("Choose the Current Batch"),
                                        get_window (self), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), data_filter);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), data_filter);

  data->page = g_object_ref (self);
  data->side = side;
  g_signal_connect (dialog, "response", G_CALLBACK (choose_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
choose_reference_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  choose (ORCHARD_MONITOR_PAGE (widget), SIDE_REFERENCE);
}

static void
choose_current_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  choose (ORCHARD_MONITOR_PAGE (widget), SIDE_CURRENT);
}

static void
use_loaded_data_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (widget);
  OrchardTable *table = self->session != NULL ? orchard_session_get_table (self->session) : NULL;
  GFile *file = self->session != NULL ? orchard_session_get_file (self->session) : NULL;

  if (table == NULL)
    return;

  /* A file being read for the reference is superseded. */
  if (self->load_cancellable[SIDE_REFERENCE] != NULL)
    g_cancellable_cancel (self->load_cancellable[SIDE_REFERENCE]);
  g_clear_object (&self->load_cancellable[SIDE_REFERENCE]);

  self->reference_kind = REFERENCE_SESSION;
  g_set_object (&self->reference_table, table);
  g_clear_object (&self->reference_bundle);
  g_clear_object (&self->reference_file);
  g_free (self->reference_name);
  self->reference_name = file != NULL ? display_name (file) : g_strdup (_("Loaded data set"));
  self->reference_dataset_id = 0;
  self->reference_run_id = 0;
  self->sources_serial++;
  find_history_reference (self);

  clear_error (self);
  update_sources (self);
  update_busy (self);
  orchard_monitor_page_compare (self);
}

static void
compare_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  orchard_monitor_page_compare (ORCHARD_MONITOR_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (widget);

  for (guint side = 0; side < N_SIDES; side++)
    {
      if (self->load_cancellable[side] != NULL)
        g_cancellable_cancel (self->load_cancellable[side]);
      g_clear_object (&self->load_cancellable[side]);
    }
  if (self->compare_cancellable != NULL)
    g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);

  update_busy (self);
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  clear_error (ORCHARD_MONITOR_PAGE (widget));
}

static void
reset_column_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (widget);

  if (self->selected == NULL)
    return;

  g_hash_table_remove (self->tests, self->selected);
  g_hash_table_remove (self->thresholds, self->selected);
  orchard_monitor_page_compare (self);
}

/* Export ------------------------------------------------------------------- */

static AdwToastOverlay *
get_toast_overlay (OrchardMonitorPage *self)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  return overlay != NULL ? ADW_TOAST_OVERLAY (overlay) : NULL;
}

static void
export_write_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GBytes *bytes = task_data;
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  g_autoptr(GError) error = NULL;
  gsize size;
  const void *data = g_bytes_get_data (bytes, &size);

  if (!orchard_file_write_atomic (file, data, size, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * orchard_monitor_page_export_async:
 * @self: a monitor page
 * @file: where to write
 * @format: PDF, CSV or JSON
 * @cancellable: (nullable): a cancellable
 * @callback: called when written
 * @user_data: for @callback
 *
 * Writes the report on screen. The PDF is drawn here (it draws plot
 * widgets); the file is written atomically in a thread.
 */
void
orchard_monitor_page_export_async (OrchardMonitorPage   *self,
                                   GFile                *file,
                                   OrchardMonitorExport  format,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_return_if_fail (ORCHARD_IS_MONITOR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orchard_monitor_page_export_async);

  if (self->report == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("There is no report to export yet"));
      return;
    }

  bytes = orchard_monitor_report_export (self->report, format, self->report_reference_name,
                                         self->report_current_name, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
  g_task_set_task_data (task, bytes, (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, export_write_thread);
}

gboolean
orchard_monitor_page_export_finish (OrchardMonitorPage  *self,
                                    GAsyncResult        *result,
                                    GError             **error)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  AdwToastOverlay *overlay = get_toast_overlay (self);

  if (!orchard_monitor_page_export_finish (self, result, &error))
    {
      /* Translators: the error banner's title, %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Could not export “%s”"), name);

      show_error (self, title, error->message);
      return;
    }

  if (overlay != NULL)
    {
      /* Translators: a toast, "Exported drift-report.pdf" */
      g_autofree char *text = g_strdup_printf (_("Exported %s"), name);
      adw_toast_overlay_add_toast (overlay, adw_toast_new (text));
    }
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      OrchardMonitorExport format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));

      if (file != NULL)
        orchard_monitor_page_export_async (self, file, format, NULL, export_done_cb, g_object_ref (file));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (widget);
  const char *kind = g_variant_get_string (param, NULL);
  OrchardMonitorExport format;
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (g_str_equal (kind, "pdf"))
    {
      format = ORCHARD_MONITOR_EXPORT_PDF;
      gtk_file_filter_set_name (filter, _("PDF Documents"));
      gtk_file_filter_add_pattern (filter, "*.pdf");
    }
  else if (g_str_equal (kind, "csv"))
    {
      format = ORCHARD_MONITOR_EXPORT_CSV;
      gtk_file_filter_set_name (filter, _("CSV Files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  else
    {
      format = ORCHARD_MONITOR_EXPORT_JSON;
      gtk_file_filter_set_name (filter, _("JSON Files"));
      gtk_file_filter_add_pattern (filter, "*.json");
    }

  /* "batch-drift.pdf", after the current batch's file. */
  stem = self->report_current_name != NULL ? g_strdup (self->report_current_name) : g_strdup ("drift");
  if (strrchr (stem, '.') != NULL)
    *strrchr (stem, '.') = '\0';
  name = g_strdup_printf ("%s-drift.%s", stem, kind);

  dialog = gtk_file_chooser_native_new (_("Export Drift Report"), get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- drag and drop ------------------------------------------------------ */

static gboolean
is_bundle_name (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".orchard-model");
}

/* Files dropped on a row go to its side. Dropped on the page: a bundle is
 * the reference and a data file with it the current batch; two data files
 * are the reference and the current batch, in that order; one data file is
 * the reference while there is none, else the current batch. */
static gboolean
drop_on (OrchardMonitorPage *self,
         const GValue       *value,
         int                 side)
{
  g_autoptr(GPtrArray) data_files = g_ptr_array_new ();
  GFile *bundle = NULL;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  if (side >= 0)
    {
      load (self, side, files->data);
      g_slist_free (files);
      return TRUE;
    }

  for (GSList *l = files; l != NULL; l = l->next)
    {
      if (bundle == NULL && is_bundle_name (l->data))
        bundle = l->data;
      else
        g_ptr_array_add (data_files, l->data);
    }

  if (bundle != NULL)
    {
      load (self, SIDE_REFERENCE, bundle);
      if (data_files->len > 0)
        load (self, SIDE_CURRENT, data_files->pdata[0]);
    }
  else if (data_files->len >= 2)
    {
      load (self, SIDE_REFERENCE, data_files->pdata[0]);
      load (self, SIDE_CURRENT, data_files->pdata[1]);
    }
  else
    {
      gboolean no_reference = self->reference_kind == REFERENCE_NONE &&
                              self->load_cancellable[SIDE_REFERENCE] == NULL;

      load (self, no_reference ? SIDE_REFERENCE : SIDE_CURRENT, data_files->pdata[0]);
    }

  g_slist_free (files);
  return TRUE;
}

static gboolean
drop_page_cb (GtkDropTarget      *target,
              const GValue       *value,
              double              x,
              double              y,
              OrchardMonitorPage *self)
{
  return drop_on (self, value, -1);
}

static gboolean
drop_reference_cb (GtkDropTarget      *target,
                   const GValue       *value,
                   double              x,
                   double              y,
                   OrchardMonitorPage *self)
{
  return drop_on (self, value, SIDE_REFERENCE);
}

static gboolean
drop_current_cb (GtkDropTarget      *target,
                 const GValue       *value,
                 double              x,
                 double              y,
                 OrchardMonitorPage *self)
{
  return drop_on (self, value, SIDE_CURRENT);
}

static void
add_drop_target (GtkWidget *widget,
                 GCallback  callback,
                 gpointer   self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", callback, self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));
}

/* ---- the session -------------------------------------------------------- */

static void
session_table_changed_cb (OrchardMonitorPage *self)
{
  OrchardTable *table = orchard_session_get_table (self->session);

  /* The Data page's table as the reference follows it: new roles, a new file. */
  if (self->reference_kind == REFERENCE_SESSION && table != NULL && table != self->reference_table)
    {
      GFile *file = orchard_session_get_file (self->session);

      g_set_object (&self->reference_table, table);
      g_free (self->reference_name);
      self->reference_name = file != NULL ? display_name (file) : g_strdup (_("Loaded data set"));
      self->sources_serial++;
      find_history_reference (self);
      update_sources (self);
      orchard_monitor_page_compare (self);
      return;
    }
  update_sources (self);
}

OrchardSession *
orchard_monitor_page_get_session (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->session;
}

void
orchard_monitor_page_set_session (OrchardMonitorPage *self,
                                  OrchardSession     *session)
{
  g_return_if_fail (ORCHARD_IS_MONITOR_PAGE (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::table", G_CALLBACK (session_table_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::project", G_CALLBACK (session_project_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "project-changed", G_CALLBACK (project_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  session_project_cb (self);
  update_sources (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/* ---- GObject ------------------------------------------------------------ */

static void
orchard_monitor_page_dispose (GObject *object)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);
  GtkWidget *child;

  for (guint side = 0; side < N_SIDES; side++)
    {
      if (self->load_cancellable[side] != NULL)
        g_cancellable_cancel (self->load_cancellable[side]);
      g_clear_object (&self->load_cancellable[side]);
    }
  if (self->compare_cancellable != NULL)
    g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_pointer (&self->progress, orchard_progress_relay_unref);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_MONITOR_PAGE);
  /* The template's unnamed top box is not among the children it clears. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (orchard_monitor_page_parent_class)->dispose (object);
}

static void
orchard_monitor_page_finalize (GObject *object)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);

  g_clear_object (&self->reference_file);
  g_clear_object (&self->reference_table);
  g_clear_object (&self->reference_bundle);
  g_clear_pointer (&self->reference_name, g_free);
  g_clear_object (&self->current_file);
  g_clear_object (&self->current_table);
  g_clear_pointer (&self->current_name, g_free);
  g_clear_pointer (&self->tests, g_hash_table_unref);
  g_clear_pointer (&self->thresholds, g_hash_table_unref);
  g_clear_object (&self->report);
  g_clear_pointer (&self->report_reference_name, g_free);
  g_clear_pointer (&self->report_current_name, g_free);
  g_clear_pointer (&self->selected, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->record_error, g_free);

  G_OBJECT_CLASS (orchard_monitor_page_parent_class)->finalize (object);
}

static void
orchard_monitor_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, get_busy (self));
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_monitor_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardMonitorPage *self = ORCHARD_MONITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_monitor_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_monitor_page_class_init (OrchardMonitorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_monitor_page_dispose;
  object_class->finalize = orchard_monitor_page_finalize;
  object_class->get_property = orchard_monitor_page_get_property;
  object_class->set_property = orchard_monitor_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardMonitorPage:busy:
   *
   * Whether a file is being read or a comparison runs.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardMonitorPage:summary:
   *
   * The page's state in a few words, for the window's list of phases.
   */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ORCHARD_TYPE_DRIFT_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/orchardml/Orchard/ui/orchard-monitor-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, error_message);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, reference_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, reference_icon);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, use_session_button);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, options_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, chunking_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, chunk_size_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, chunk_size_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, chunk_count_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, chunk_count_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, time_column_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, correction_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, drift_share_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, report_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, banner);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, banner_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, banner_subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, banner_detail);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, features_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, detail_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, plot_box);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, explanation_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, psi_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, override_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, test_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, threshold_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, reset_button);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, timeline_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, predictions_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, predictions_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, skipped_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, project_button);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, history_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, history_timeline);
  gtk_widget_class_bind_template_child (widget_class, OrchardMonitorPage, history_list);

  gtk_widget_class_bind_template_callback (widget_class, chunking_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_activated_cb);

  gtk_widget_class_install_action (widget_class, "monitor.choose-reference", NULL, choose_reference_action);
  gtk_widget_class_install_action (widget_class, "monitor.choose-current", NULL, choose_current_action);
  gtk_widget_class_install_action (widget_class, "monitor.use-loaded-data", NULL, use_loaded_data_action);
  gtk_widget_class_install_action (widget_class, "monitor.use-dataset", "x", use_dataset_action);
  gtk_widget_class_install_action (widget_class, "monitor.use-run", "x", use_run_action);
  gtk_widget_class_install_action (widget_class, "monitor.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "monitor.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "monitor.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "monitor.reset-column", NULL, reset_column_action);
  gtk_widget_class_install_action (widget_class, "monitor.export", "s", export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "monitor.cancel", NULL);
}

static void
orchard_monitor_page_init (OrchardMonitorPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->tests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thresholds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  add_drop_target (GTK_WIDGET (self), G_CALLBACK (drop_page_cb), self);
  add_drop_target (GTK_WIDGET (self->reference_row), G_CALLBACK (drop_reference_cb), self);
  add_drop_target (GTK_WIDGET (self->current_row), G_CALLBACK (drop_current_cb), self);

  update_time_columns (self);
  update_sources (self);
  update_project_menu (self);
  orchard_monitor_page_update_state (self);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_group), FALSE);
}

/* ---- what the tests and the window read ---------------------------------- */

gboolean
orchard_monitor_page_get_busy (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), FALSE);

  return get_busy (self);
}

const char *
orchard_monitor_page_get_summary (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->summary;
}

/**
 * orchard_monitor_page_get_error:
 * @self: a monitor page
 *
 * Returns: (nullable): the error banner's title and message, or %NULL when
 *   it is not shown
 */
const char *
orchard_monitor_page_get_error (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->error_text;
}

/**
 * orchard_monitor_page_get_report:
 * @self: a monitor page
 *
 * Returns: (transfer none) (nullable): the report on screen
 */
OrchardDriftReport *
orchard_monitor_page_get_report (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->report;
}

const char *
orchard_monitor_page_get_reference_name (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->reference_name;
}

const char *
orchard_monitor_page_get_current_name (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->current_name;
}

/**
 * orchard_monitor_page_get_banner_text:
 * @self: a monitor page
 * @line: 0 the verdict, 1 the counts, 2 the details
 *
 * Returns: the banner's text
 */
const char *
orchard_monitor_page_get_banner_text (OrchardMonitorPage *self,
                                      guint               line)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  switch (line)
    {
    case 0:
      return gtk_label_get_label (self->banner_title);
    case 1:
      return gtk_label_get_label (self->banner_subtitle);
    default:
      return gtk_label_get_label (self->banner_detail);
    }
}

guint
orchard_monitor_page_get_n_rows (OrchardMonitorPage *self,
                                 gboolean            predictions)
{
  guint n = 0;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (predictions ? self->predictions_list
                                                                              : self->features_list));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static GtkWidget *
nth_row (OrchardMonitorPage *self,
         gboolean            predictions,
         guint               row)
{
  GtkListBoxRow *r = gtk_list_box_get_row_at_index (predictions ? self->predictions_list : self->features_list, row);

  return r != NULL ? GTK_WIDGET (r) : NULL;
}

/**
 * orchard_monitor_page_get_row_text:
 * @self: a monitor page
 * @predictions: a row of the prediction list rather than the columns'
 * @row: the row, from the top
 * @key: "name", "test", "statistic", "p-value", "threshold", "psi",
 *   "badge" or "subtitle"
 *
 * Returns: (nullable): the text the row shows for @key
 */
const char *
orchard_monitor_page_get_row_text (OrchardMonitorPage *self,
                                   gboolean            predictions,
                                   guint               row,
                                   const char         *key)
{
  GtkWidget *widget;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  widget = nth_row (self, predictions, row);
  return widget != NULL ? g_object_get_data (G_OBJECT (widget), key) : NULL;
}

/**
 * orchard_monitor_page_get_row_sparkline:
 * @self: a monitor page
 * @predictions: a row of the prediction list rather than the columns'
 * @row: the row, from the top
 *
 * Returns: (transfer none) (nullable): the row's #OrchardDriftSparkline
 */
GtkWidget *
orchard_monitor_page_get_row_sparkline (OrchardMonitorPage *self,
                                        gboolean            predictions,
                                        guint               row)
{
  GtkWidget *widget;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  widget = nth_row (self, predictions, row);
  return widget != NULL ? g_object_get_data (G_OBJECT (widget), "sparkline") : NULL;
}

/**
 * orchard_monitor_page_select_column:
 * @self: a monitor page
 * @name: a column of the report, or a prediction column
 *
 * Shows @name's plot and explanation, as clicking its row does.
 *
 * Returns: whether the report has the column
 */
gboolean
orchard_monitor_page_select_column (OrchardMonitorPage *self,
                                    const char         *name)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), FALSE);

  if ((row = find_row (self->features_list, name)) != NULL)
    select_row (self, self->features_list, row);
  else if ((row = find_row (self->predictions_list, name)) != NULL)
    select_row (self, self->predictions_list, row);
  return row != NULL;
}

const char *
orchard_monitor_page_get_selected (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->selected;
}

/**
 * orchard_monitor_page_get_plot:
 * @self: a monitor page
 *
 * Returns: (transfer none) (nullable): the selected column's plot
 */
GtkWidget *
orchard_monitor_page_get_plot (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->plot;
}

const char *
orchard_monitor_page_get_explanation (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->plot != NULL ? gtk_label_get_label (self->explanation_label) : NULL;
}

OrchardDriftTimeline *
orchard_monitor_page_get_timeline (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->timeline;
}

AdwComboRow *
orchard_monitor_page_get_chunking_row (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->chunking_row;
}

GtkSpinButton *
orchard_monitor_page_get_chunk_spin (OrchardMonitorPage *self,
                                     gboolean            count)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return count ? self->chunk_count_spin : self->chunk_size_spin;
}

AdwComboRow *
orchard_monitor_page_get_period_row (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->period_row;
}

AdwComboRow *
orchard_monitor_page_get_correction_row (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->correction_row;
}

AdwComboRow *
orchard_monitor_page_get_test_row (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->test_row;
}

GtkSpinButton *
orchard_monitor_page_get_threshold_spin (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->threshold_spin;
}

/* ---- the project side, for the tests ------------------------------------- */

/**
 * orchard_monitor_page_use_project_dataset:
 * @self: a monitor page
 * @dataset_id: a data set of the session's project
 *
 * Reads the data set in a thread and makes it the reference, as its item
 * in the reference row's menu does.
 */
void
orchard_monitor_page_use_project_dataset (OrchardMonitorPage *self,
                                          gint64              dataset_id)
{
  g_return_if_fail (ORCHARD_IS_MONITOR_PAGE (self));

  use_project_source (self, dataset_id, 0);
}

/**
 * orchard_monitor_page_use_project_run:
 * @self: a monitor page
 * @run_id: a run of the session's project with a model bundle
 *
 * Makes the run's training data (its bundle's profile) the reference.
 */
void
orchard_monitor_page_use_project_run (OrchardMonitorPage *self,
                                      gint64              run_id)
{
  g_return_if_fail (ORCHARD_IS_MONITOR_PAGE (self));

  use_project_source (self, 0, run_id);
}

/**
 * orchard_monitor_page_get_project_menu:
 * @self: a monitor page
 *
 * Returns: (transfer none): the reference row's menu of project data sets
 *   and runs
 */
GMenuModel *
orchard_monitor_page_get_project_menu (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return gtk_menu_button_get_menu_model (self->project_button);
}

/**
 * orchard_monitor_page_get_history_reference:
 * @self: a monitor page
 *
 * Returns: the project's reference whose batches the History lists, 0 for none
 */
gint64
orchard_monitor_page_get_history_reference (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), 0);

  return self->history_reference_id;
}

/**
 * orchard_monitor_page_get_shown_batch:
 * @self: a monitor page
 *
 * Returns: the batch of the project whose report is shown, 0 when it was not recorded
 */
gint64
orchard_monitor_page_get_shown_batch (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), 0);

  return self->shown_batch_id;
}

guint
orchard_monitor_page_get_n_history (OrchardMonitorPage *self)
{
  guint n = 0;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), 0);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->history_group)))
    return 0;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

/**
 * orchard_monitor_page_get_history_text:
 * @self: a monitor page
 * @row: the row of the History, newest first
 * @key: "name", "subtitle" or "badge"
 *
 * Returns: (nullable): the text the row shows for @key
 */
const char *
orchard_monitor_page_get_history_text (OrchardMonitorPage *self,
                                       guint               row,
                                       const char         *key)
{
  GtkListBoxRow *r;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  r = gtk_list_box_get_row_at_index (self->history_list, row);
  return r != NULL ? g_object_get_data (G_OBJECT (r), key) : NULL;
}

/**
 * orchard_monitor_page_activate_history:
 * @self: a monitor page
 * @row: the row of the History, newest first
 *
 * Shows that batch's report again, as clicking the row does.
 *
 * Returns: whether there is such a row
 */
gboolean
orchard_monitor_page_activate_history (OrchardMonitorPage *self,
                                       guint               row)
{
  GtkListBoxRow *r;

  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), FALSE);

  r = gtk_list_box_get_row_at_index (self->history_list, row);
  if (r == NULL)
    return FALSE;
  g_signal_emit_by_name (self->history_list, "row-activated", r);
  return TRUE;
}

OrchardDriftTimeline *
orchard_monitor_page_get_history_timeline (OrchardMonitorPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_MONITOR_PAGE (self), NULL);

  return self->history_timeline;
}
