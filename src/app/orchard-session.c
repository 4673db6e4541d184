/* orchard-session.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-session.h"

#ifdef __linux__
# include <sys/resource.h>
# include <sys/syscall.h>
# include <unistd.h>
#endif

/* What a worker thread shares with the main thread: it never touches the
 * session itself, only this, and a single idle carries the latest values
 * over however often the engine reports. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GWeakRef         session;
  double           fraction;
  char            *message;
  gboolean         idle_queued;
} Progress;

struct _OrchardSession
{
  GObject        parent_instance;

  OrchardTable  *table;
  OrchardProfile *profile;
  GFile         *file;

  GCancellable  *profile_cancellable;

  GFile         *loading_file;
  GCancellable  *load_cancellable;
  Progress      *progress;
  double         fraction;
  char          *message;

  /* Preparation: the pipeline and split the user edits, and the result of
   * fitting them (OrchardPrepared), recomputed in a thread on every change. */
  OrchardPipeline    *pipeline;
  GPtrArray          *watched_steps;
  OrchardSplit       *split;
  OrchardModelFamily  family;
  gboolean            automatic;
  gboolean            split_method_chosen;
  gboolean            adjusting_split;
  char               *split_target;
  OrchardPrepared    *prepared;
  GCancellable       *prepare_cancellable;
  Progress           *prepare_progress;
  guint               prepare_id;
  double              prepare_fraction;
  char               *prepare_message;

  /* The trained runs, oldest first (OrchardModelRun). */
  GListStore         *runs;

  /* The project file everything is recorded in, polled for other
   * processes' changes, and the current table's data set in it. */
  OrchardProject     *project;
  guint               poll_id;
  gint64              dataset_id;
  GCancellable       *record_cancellable;
};

G_DEFINE_FINAL_TYPE (OrchardSession, orchard_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TABLE,
  PROP_PROFILE,
  PROP_PROFILING,
  PROP_FILE,
  PROP_LOADING,
  PROP_LOADING_FILE,
  PROP_FRACTION,
  PROP_MESSAGE,
  PROP_SUMMARY,
  PROP_PIPELINE,
  PROP_SPLIT,
  PROP_FAMILY,
  PROP_AUTOMATIC,
  PROP_PREPARED,
  PROP_PREPARING,
  PROP_PREPARE_FRACTION,
  PROP_PREPARE_MESSAGE,
  PROP_PROJECT,
  PROP_DATASET_ID,
  PROP_RECORDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROJECT_CHANGED,
  DATASET_RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void orchard_session_record_dataset     (OrchardSession  *self);
static void orchard_session_drop_project       (OrchardSession  *self);

static void orchard_session_watch              (OrchardSession  *self,
                                                OrchardPipeline *pipeline,
                                                OrchardSplit    *split);
static void orchard_session_update_preparation (OrchardSession  *self);
static void orchard_session_reset_preparation  (OrchardSession  *self);

static Progress *
progress_new (OrchardSession *session)
{
  Progress *p = g_new0 (Progress, 1);

  g_atomic_ref_count_init (&p->ref_count);
  g_mutex_init (&p->mutex);
  g_weak_ref_init (&p->session, session);

  return p;
}

static Progress *
progress_ref (Progress *p)
{
  g_atomic_ref_count_inc (&p->ref_count);
  return p;
}

static void
progress_unref (Progress *p)
{
  if (!g_atomic_ref_count_dec (&p->ref_count))
    return;

  g_weak_ref_clear (&p->session);
  g_mutex_clear (&p->mutex);
  g_free (p->message);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Progress, progress_unref)

static void
orchard_session_set_progress (OrchardSession *self,
                              double          fraction,
                              const char     *message)
{
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }

  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
}

static void
orchard_session_set_prepare_progress (OrchardSession *self,
                                      double          fraction,
                                      const char     *message)
{
  if (self->prepare_fraction != fraction)
    {
      self->prepare_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARE_FRACTION]);
    }

  if (g_strcmp0 (self->prepare_message, message) != 0)
    {
      g_free (self->prepare_message);
      self->prepare_message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARE_MESSAGE]);
    }
}

static gboolean
progress_idle_cb (gpointer data)
{
  Progress *p = data;
  g_autoptr(OrchardSession) self = g_weak_ref_get (&p->session);
  g_autofree char *message = NULL;
  double fraction;

  g_mutex_lock (&p->mutex);
  fraction = p->fraction;
  message = g_strdup (p->message);
  p->idle_queued = FALSE;
  g_mutex_unlock (&p->mutex);

  /* Only the work in flight may move a bar; superseded work is silent. */
  if (self != NULL && self->progress == p)
    orchard_session_set_progress (self, fraction, message);
  else if (self != NULL && self->prepare_progress == p)
    orchard_session_set_prepare_progress (self, fraction, message);

  return G_SOURCE_REMOVE;
}

/* Background work yields to the main loop: on Linux, nice is per thread
 * and inherited by the threads the engine starts (the CSV reader's and
 * OpenMP's). Nice cannot be lowered again without privileges, so a pool
 * thread stays at this level; it only ever runs background work. */
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

/* Runs in the worker thread. */
static void
progress_report (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  Progress *p = user_data;
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
    g_idle_add_full (G_PRIORITY_LOW, progress_idle_cb, progress_ref (p),
                     (GDestroyNotify) progress_unref);
}

static void
orchard_session_dispose (GObject *object)
{
  OrchardSession *self = (OrchardSession *)object;

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->profile_cancellable != NULL)
    g_cancellable_cancel (self->profile_cancellable);

  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->profile_cancellable);
  g_clear_object (&self->profile);
  g_clear_pointer (&self->progress, progress_unref);
  g_clear_object (&self->loading_file);
  g_clear_object (&self->table);
  g_clear_object (&self->file);

  if (self->prepare_cancellable != NULL)
    g_cancellable_cancel (self->prepare_cancellable);
  g_clear_object (&self->prepare_cancellable);
  g_clear_pointer (&self->prepare_progress, progress_unref);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  orchard_session_watch (self, NULL, NULL);
  g_clear_object (&self->prepared);
  orchard_session_drop_project (self);

  G_OBJECT_CLASS (orchard_session_parent_class)->dispose (object);
}

static void
orchard_session_finalize (GObject *object)
{
  OrchardSession *self = (OrchardSession *)object;

  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->prepare_message, g_free);
  g_clear_pointer (&self->split_target, g_free);
  g_clear_pointer (&self->watched_steps, g_ptr_array_unref);
  g_clear_object (&self->runs);

  G_OBJECT_CLASS (orchard_session_parent_class)->finalize (object);
}

static void
orchard_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OrchardSession *self = ORCHARD_SESSION (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;

    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;

    case PROP_PROFILING:
      g_value_set_boolean (value, self->profile_cancellable != NULL);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, orchard_session_get_loading (self));
      break;

    case PROP_LOADING_FILE:
      g_value_set_object (value, self->loading_file);
      break;

    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_SUMMARY:
      g_value_take_string (value, orchard_session_dup_summary (self));
      break;

    case PROP_PIPELINE:
      g_value_set_object (value, self->pipeline);
      break;

    case PROP_SPLIT:
      g_value_set_object (value, self->split);
      break;

    case PROP_FAMILY:
      g_value_set_enum (value, self->family);
      break;

    case PROP_AUTOMATIC:
      g_value_set_boolean (value, self->automatic);
      break;

    case PROP_PREPARED:
      g_value_set_object (value, self->prepared);
      break;

    case PROP_PREPARING:
      g_value_set_boolean (value, orchard_session_get_preparing (self));
      break;

    case PROP_PREPARE_FRACTION:
      g_value_set_double (value, self->prepare_fraction);
      break;

    case PROP_PREPARE_MESSAGE:
      g_value_set_string (value, self->prepare_message);
      break;

    case PROP_PROJECT:
      g_value_set_object (value, self->project);
      break;

    case PROP_DATASET_ID:
      g_value_set_int64 (value, self->dataset_id);
      break;

    case PROP_RECORDING:
      g_value_set_boolean (value, self->record_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_session_class_init (OrchardSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = orchard_session_dispose;
  object_class->finalize = orchard_session_finalize;
  object_class->get_property = orchard_session_get_property;

  properties[PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL, ORCHARD_TYPE_TABLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, ORCHARD_TYPE_PROFILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILING] =
    g_param_spec_boolean ("profiling", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING_FILE] =
    g_param_spec_object ("loading-file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:pipeline:
   *
   * The pipeline the Prepare page edits: %NULL until the table has a
   * target, then kept across targets and across readings of the same file.
   * Editing it (steps added, removed, moved, options changed) fits it
   * again; an automatic pipeline is replaced when its result arrives.
   */
  properties[PROP_PIPELINE] =
    g_param_spec_object ("pipeline", NULL, NULL, ORCHARD_TYPE_PIPELINE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:split:
   *
   * The split settings; changing any of them prepares the data again.
   */
  properties[PROP_SPLIT] =
    g_param_spec_object ("split", NULL, NULL, ORCHARD_TYPE_SPLIT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAMILY] =
    g_param_spec_enum ("family", NULL, NULL, ORCHARD_TYPE_MODEL_FAMILY,
                       ORCHARD_MODEL_FAMILY_LINEAR,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:automatic:
   *
   * Whether the pipeline is the automatic one for #OrchardSession:family,
   * rebuilt from the training rows on every change, or the user's own.
   */
  properties[PROP_AUTOMATIC] =
    g_param_spec_boolean ("automatic", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:prepared:
   *
   * The latest #OrchardPrepared: while #OrchardSession:preparing it may
   * still be that of the previous settings.
   */
  properties[PROP_PREPARED] =
    g_param_spec_object ("prepared", NULL, NULL, ORCHARD_TYPE_PREPARED,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREPARING] =
    g_param_spec_boolean ("preparing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREPARE_FRACTION] =
    g_param_spec_double ("prepare-fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PREPARE_MESSAGE] =
    g_param_spec_string ("prepare-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:project:
   *
   * The project file that data sets and runs are recorded in; %NULL only
   * when none could be opened or created.
   */
  properties[PROP_PROJECT] =
    g_param_spec_object ("project", NULL, NULL, ORCHARD_TYPE_PROJECT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:dataset-id:
   *
   * The current table's data set in #OrchardSession:project (runs begin
   * on it), 0 while it is not recorded (yet).
   */
  properties[PROP_DATASET_ID] =
    g_param_spec_int64 ("dataset-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * OrchardSession:recording:
   *
   * Whether the current table is being added to the project, in a thread.
   */
  properties[PROP_RECORDING] =
    g_param_spec_boolean ("recording", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OrchardSession::project-changed:
   * @self: the session
   * @what: an #OrchardProjectChange
   * @id: the run or data set concerned, 0 for several
   *
   * The session's project changed (#OrchardProject::changed, forwarded,
   * including the changes of other processes that polling finds), so
   * pages connect once whatever project the session has.
   */
  signals[PROJECT_CHANGED] =
    g_signal_new ("project-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
  /**
   * OrchardSession::dataset-recorded:
   * @self: the session
   * @id: the data set's id, 0 on error
   * @added: whether it is new to the project (%FALSE: it was there already)
   * @error: (nullable): why it could not be added
   *
   * A loaded table was added to the project (or found there).
   */
  signals[DATASET_RECORDED] =
    g_signal_new ("dataset-recorded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_BOOLEAN, G_TYPE_ERROR);
}

static void
orchard_session_init (OrchardSession *self)
{
  self->watched_steps = g_ptr_array_new_with_free_func (g_object_unref);
  self->runs = g_list_store_new (ORCHARD_TYPE_MODEL_RUN);
  self->family = ORCHARD_MODEL_FAMILY_LINEAR;
  self->automatic = TRUE;
}

OrchardSession *
orchard_session_new (void)
{
  return g_object_new (ORCHARD_TYPE_SESSION, NULL);
}

/**
 * orchard_session_get_table:
 *
 * Returns: (transfer none) (nullable): the current table
 */
OrchardTable *
orchard_session_get_table (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->table;
}

/**
 * orchard_session_get_file:
 *
 * Returns: (transfer none) (nullable): the file the current table came from
 */
GFile *
orchard_session_get_file (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->file;
}

/**
 * orchard_session_get_profile:
 *
 * Returns: (transfer none) (nullable): the profile of the current table;
 *   after a change of target it may describe the previous target until
 *   #OrchardSession:profiling turns %FALSE
 */
OrchardProfile *
orchard_session_get_profile (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->profile;
}

/**
 * orchard_session_get_profiling:
 *
 * Returns: whether the profile is being recomputed
 */
gboolean
orchard_session_get_profiling (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), FALSE);
  return self->profile_cancellable != NULL;
}

gboolean
orchard_session_get_loading (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), FALSE);
  /* A data set of the project may have no file. */
  return self->progress != NULL;
}

/**
 * orchard_session_get_loading_file:
 *
 * Returns: (transfer none) (nullable): the file being loaded
 */
GFile *
orchard_session_get_loading_file (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->loading_file;
}

double
orchard_session_get_fraction (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), 0.0);
  return self->fraction;
}

const char *
orchard_session_get_message (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->message;
}

/**
 * orchard_session_dup_summary:
 *
 * Returns: (transfer full) (nullable): "344 rows · 8 columns", or %NULL
 *   without data
 */
char *
orchard_session_dup_summary (OrchardSession *self)
{
  g_autofree char *count = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *columns = NULL;
  gsize n_rows;
  guint n_columns;

  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);

  if (self->table == NULL)
    return NULL;

  n_rows = orchard_table_get_n_rows (self->table);
  n_columns = orchard_table_get_n_columns (self->table);
  /* The count is formatted apart: xgettext cannot read G_GSIZE_FORMAT. */
  count = g_strdup_printf ("%'" G_GSIZE_FORMAT, n_rows);
  /* Translators: "344 rows"; %s is the number */
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", n_rows), count);
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", n_columns),
                             n_columns);

  /* Translators: "344 rows · 8 columns" */
  return g_strdup_printf (_("%s · %s"), rows, columns);
}

static void
orchard_session_set_table (OrchardSession *self,
                           OrchardTable   *table)
{
  if (!g_set_object (&self->table, table))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);

  orchard_session_update_preparation (self);
}

/* Reading is most of the work; profiling takes the rest of the bar. */
#define READ_SHARE 0.85

static void
orchard_session_set_profile (OrchardSession *self,
                             OrchardProfile *profile)
{
  if (g_set_object (&self->profile, profile))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILE]);
}

static void
orchard_session_cancel_profile (OrchardSession *self)
{
  if (self->profile_cancellable == NULL)
    return;

  g_cancellable_cancel (self->profile_cancellable);
  g_clear_object (&self->profile_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILING]);
}

typedef struct
{
  GFile              *file;
  OrchardReadOptions *options;
  Progress           *progress;
  /* Set when reading a data set back from the project instead. */
  OrchardProject     *project;
  gint64              dataset_id;
} LoadData;

typedef struct
{
  OrchardTable   *table;
  OrchardProfile *profile;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_object (&loaded->table);
  g_clear_object (&loaded->profile);
  g_free (loaded);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

static void
read_progress (double      fraction,
               const char *message,
               gpointer    user_data)
{
  progress_report (fraction * READ_SHARE, message, user_data);
}

static void
profile_progress (double      fraction,
                  const char *message,
                  gpointer    user_data)
{
  progress_report (READ_SHARE + fraction * (1.0 - READ_SHARE), message, user_data);
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->options, orchard_read_options_unref);
  g_clear_pointer (&data->progress, progress_unref);
  g_clear_object (&data->project);
  g_free (data);
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(Loaded) loaded = g_new0 (Loaded, 1);
  GError *error = NULL;

  lower_thread_priority ();

  if (data->project != NULL)
    loaded->table = orchard_project_load_dataset (data->project, data->dataset_id, read_progress,
                                                  data->progress, cancellable, &error);
  else
    loaded->table = orchard_table_load (data->file, data->options, read_progress, data->progress,
                                        cancellable, &error);
  if (loaded->table == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  progress_report (READ_SHARE, _("Profiling…"), data->progress);
  loaded->profile = orchard_profile_compute (loaded->table, NULL, profile_progress, data->progress,
                                             cancellable, &error);
  if (loaded->profile == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&loaded), (GDestroyNotify) loaded_free);
}

static void
orchard_session_end_load (OrchardSession *self)
{
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->progress, progress_unref);
  g_clear_object (&self->loading_file);
  orchard_session_set_progress (self, 0.0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  OrchardSession *self = ORCHARD_SESSION (object);
  g_autoptr(GTask) outer = user_data;
  g_autoptr(Loaded) loaded = NULL;
  g_autoptr(GError) error = NULL;
  LoadData *data = g_task_get_task_data (G_TASK (result));
  gboolean current = data->progress == self->progress;

  loaded = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load replaced this one: whatever it found is stale. */
  if (!current)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("A newer data set was opened"));
      return;
    }

  orchard_session_end_load (self);

  if (loaded == NULL)
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  /* A profile still running is for the old table. */
  orchard_session_cancel_profile (self);
  g_object_freeze_notify (G_OBJECT (self));
  /* Another data set starts over; the same file read again (with another
   * kind for a column) keeps what was set up to prepare it. */
  if (self->file == NULL || data->file == NULL || !g_file_equal (self->file, data->file))
    orchard_session_reset_preparation (self);
  g_set_object (&self->file, data->file);
  orchard_session_set_table (self, loaded->table);
  orchard_session_set_profile (self, loaded->profile);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
  /* Read back from the project, it is recorded already; else it is
   * added now (once per content hash), in a thread of its own. */
  if (data->project != NULL && data->project == self->project)
    {
      if (self->record_cancellable != NULL)
        {
          g_cancellable_cancel (self->record_cancellable);
          g_clear_object (&self->record_cancellable);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
        }
      self->dataset_id = data->dataset_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET_ID]);
    }
  else
    orchard_session_record_dataset (self);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (outer, TRUE);
}

static void
chain_cancel_cb (GCancellable *cancellable,
                 gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

/**
 * orchard_session_load_async:
 * @self: a session
 * @file: the data file
 * @options: (nullable): how to read it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the table is loaded or loading failed
 * @user_data: data for @callback
 *
 * Reads @file in a worker thread; on success it becomes the session's table.
 * On failure the current table stays. A load started while another runs
 * cancels the older one.
 */
static void
orchard_session_start_load (OrchardSession      *self,
                            LoadData            *data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) task = NULL;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, orchard_session_load_async);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_set_object (&self->load_cancellable, g_cancellable_new ());
  if (cancellable != NULL)
    g_cancellable_connect (cancellable, G_CALLBACK (chain_cancel_cb),
                           g_object_ref (self->load_cancellable), g_object_unref);

  g_clear_pointer (&self->progress, progress_unref);
  self->progress = progress_new (self);
  g_set_object (&self->loading_file, data->file);
  data->progress = progress_ref (self->progress);

  task = g_task_new (self, self->load_cancellable, load_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (task, load_worker);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_worker);

  orchard_session_set_progress (self, 0.0, _("Reading…"));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING_FILE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
orchard_session_load_async (OrchardSession      *self,
                            GFile               *file,
                            OrchardReadOptions  *options,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->options = options != NULL ? orchard_read_options_ref (options) : NULL;
  orchard_session_start_load (self, data, cancellable, callback, user_data);
}

/**
 * orchard_session_load_dataset_async:
 * @self: a session with a project
 * @info: a data set of the session's project
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the table is loaded or loading failed
 * @user_data: data for @callback
 *
 * Like orchard_session_load_async(), but reads the data set back from the
 * project (or from the file it refers to, which must still have its
 * content hash). The session's file becomes the data set's source file, if
 * it has one. Finish with orchard_session_load_finish().
 */
void
orchard_session_load_dataset_async (OrchardSession           *self,
                                    const OrchardDatasetInfo *info,
                                    GCancellable             *cancellable,
                                    GAsyncReadyCallback       callback,
                                    gpointer                  user_data)
{
  LoadData *data;

  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (ORCHARD_IS_PROJECT (self->project));
  g_return_if_fail (info != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->file = info->source != NULL ? g_file_new_for_path (info->source) : NULL;
  data->project = g_object_ref (self->project);
  data->dataset_id = info->id;
  orchard_session_start_load (self, data, cancellable, callback, user_data);
}

gboolean
orchard_session_load_finish (OrchardSession  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == orchard_session_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * orchard_session_cancel_load:
 *
 * Stops the load in flight, if any; its callback gets %G_IO_ERROR_CANCELLED.
 */
void
orchard_session_cancel_load (OrchardSession *self)
{
  g_return_if_fail (ORCHARD_IS_SESSION (self));

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
}

static void
profile_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OrchardTable *table = task_data;
  int target = orchard_table_get_target (table);
  OrchardProfile *profile;
  GError *error = NULL;

  lower_thread_priority ();
  profile = orchard_profile_compute (table,
                                     target >= 0 ? orchard_column_get_name (orchard_table_get_column (table, target)) : NULL,
                                     NULL, NULL, cancellable, &error);
  if (profile == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, profile, g_object_unref);
}

static void
profile_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OrchardSession *self = ORCHARD_SESSION (object);
  g_autoptr(OrchardProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = g_task_propagate_pointer (G_TASK (result), &error);

  /* Superseded by a newer target or a newer data set. */
  if (g_task_get_cancellable (G_TASK (result)) != self->profile_cancellable)
    return;

  g_clear_object (&self->profile_cancellable);

  if (profile != NULL)
    orchard_session_set_profile (self, profile);
  else
    g_warning ("Could not profile the data set: %s", error->message);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILING]);
}

static void
orchard_session_reprofile (OrchardSession *self)
{
  g_autoptr(GTask) task = NULL;
  gboolean was_profiling = self->profile_cancellable != NULL;

  if (self->profile_cancellable != NULL)
    g_cancellable_cancel (self->profile_cancellable);
  g_set_object (&self->profile_cancellable, g_cancellable_new ());

  task = g_task_new (self, self->profile_cancellable, profile_cb, NULL);
  g_task_set_source_tag (task, orchard_session_reprofile);
  g_task_set_task_data (task, g_object_ref (self->table), g_object_unref);
  g_task_run_in_thread (task, profile_worker);

  if (!was_profiling)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFILING]);
}

/**
 * orchard_session_set_role:
 * @self: a session
 * @column: a column index of the current table
 * @role: its new role
 *
 * Tables are immutable, so this swaps in a table that differs in roles.
 */
void
orchard_session_set_role (OrchardSession    *self,
                          guint              column,
                          OrchardColumnRole  role)
{
  g_autoptr(OrchardTable) table = NULL;
  int old_target;

  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (self->table != NULL);
  g_return_if_fail (column < orchard_table_get_n_columns (self->table));

  if (orchard_table_get_role (self->table, column) == role)
    return;

  old_target = orchard_table_get_target (self->table);
  table = orchard_table_with_role (self->table, column, role);
  orchard_session_set_table (self, table);

  /* Only the target-aware checks (leakage, imbalance) change with it. */
  if (orchard_table_get_target (table) != old_target)
    orchard_session_reprofile (self);
}

/* ---- preparation ------------------------------------------------------- */

typedef struct
{
  OrchardTable       *table;
  OrchardSplit       *split;
  OrchardPipeline    *pipeline;    /* NULL: the automatic one */
  OrchardModelFamily  family;
  Progress           *progress;
} PrepareData;

static void
prepare_data_free (PrepareData *data)
{
  g_clear_object (&data->table);
  g_clear_object (&data->split);
  g_clear_object (&data->pipeline);
  g_clear_pointer (&data->progress, progress_unref);
  g_free (data);
}

/**
 * orchard_session_get_preparing:
 *
 * Returns: whether the data is being prepared again, or soon will be
 */
gboolean
orchard_session_get_preparing (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), FALSE);
  return self->prepare_cancellable != NULL || self->prepare_id != 0;
}

static void
prepare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  OrchardPrepared *prepared;
  GError *error = NULL;

  lower_thread_priority ();
  prepared = orchard_prepared_compute (data->table, data->split, data->pipeline, data->family,
                                       progress_report, data->progress, cancellable, &error);
  if (prepared == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, prepared, g_object_unref);
}

static void
prepare_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OrchardSession *self = ORCHARD_SESSION (object);
  g_autoptr(OrchardPrepared) prepared = NULL;
  g_autoptr(GError) error = NULL;

  prepared = g_task_propagate_pointer (G_TASK (result), &error);

  /* Superseded: a change since asked for another preparation. */
  if (g_task_get_cancellable (G_TASK (result)) != self->prepare_cancellable)
    return;

  g_clear_object (&self->prepare_cancellable);
  g_clear_pointer (&self->prepare_progress, progress_unref);

  g_object_freeze_notify (G_OBJECT (self));

  if (prepared != NULL)
    {
      /* The automatic pipeline becomes the one shown and edited. */
      if (orchard_prepared_get_automatic (prepared))
        {
          g_autoptr(OrchardPipeline) spec = orchard_prepared_dup_spec (prepared);

          if (spec != NULL)
            {
              orchard_session_watch (self, spec, self->split);
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
            }
        }

      g_set_object (&self->prepared, prepared);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
    }
  else
    {
      g_warning ("Could not prepare the data: %s", error->message);
    }

  orchard_session_set_prepare_progress (self, 0.0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARING]);
  g_object_thaw_notify (G_OBJECT (self));
}

static OrchardSplit *
copy_split (OrchardSplit *split)
{
  double fractions[ORCHARD_N_PARTS];
  OrchardSplit *copy = orchard_split_new (orchard_split_get_method (split));

  orchard_split_get_fractions (split, &fractions[0], &fractions[1], &fractions[2]);
  g_object_set (copy,
                "column", orchard_split_get_column (split),
                "train-fraction", fractions[ORCHARD_PART_TRAIN],
                "valid-fraction", fractions[ORCHARD_PART_VALID],
                "test-fraction", fractions[ORCHARD_PART_TEST],
                "seed", orchard_split_get_seed (split),
                NULL);

  return copy;
}

static gboolean
prepare_idle_cb (gpointer user_data)
{
  OrchardSession *self = user_data;
  g_autoptr(GTask) task = NULL;
  PrepareData *data;

  self->prepare_id = 0;

  data = g_new0 (PrepareData, 1);
  data->table = g_object_ref (self->table);
  data->split = copy_split (self->split);
  data->family = self->family;
  if (!self->automatic)
    {
      g_autoptr(GVariant) variant = g_variant_ref_sink (orchard_pipeline_to_variant (self->pipeline));
      g_autoptr(GError) error = NULL;

      /* The worker fits a copy, so the page can edit the steps meanwhile. */
      data->pipeline = orchard_pipeline_new_from_variant (variant, &error);
      g_assert_no_error (error);
    }

  self->prepare_cancellable = g_cancellable_new ();
  self->prepare_progress = progress_new (self);
  data->progress = progress_ref (self->prepare_progress);

  task = g_task_new (self, self->prepare_cancellable, prepare_cb, NULL);
  g_task_set_source_tag (task, prepare_idle_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) prepare_data_free);
  g_task_run_in_thread (task, prepare_worker);

  orchard_session_set_prepare_progress (self, 0.0, _("Preparing…"));

  return G_SOURCE_REMOVE;
}

static gboolean
has_target (OrchardSession *self)
{
  return self->table != NULL && orchard_table_get_target (self->table) >= 0;
}

/* A newer request cancels the older one at once, so that its result can
 * never arrive after the change that superseded it; the changes of one
 * turn of the main loop (three fractions, say) start a single fit. */
static void
orchard_session_queue_prepare (OrchardSession *self)
{
  gboolean was_preparing = orchard_session_get_preparing (self);

  if (self->prepare_cancellable != NULL)
    {
      g_cancellable_cancel (self->prepare_cancellable);
      g_clear_object (&self->prepare_cancellable);
    }
  g_clear_pointer (&self->prepare_progress, progress_unref);

  if (has_target (self) && self->pipeline != NULL && self->split != NULL)
    {
      if (self->prepare_id == 0)
        self->prepare_id = g_idle_add (prepare_idle_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->prepare_id, g_source_remove);
      orchard_session_set_prepare_progress (self, 0.0, NULL);
    }

  if (was_preparing != orchard_session_get_preparing (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARING]);
}

static void
orchard_session_edited (OrchardSession *self)
{
  if (self->automatic)
    {
      self->automatic = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
    }

  orchard_session_queue_prepare (self);
}

static void
step_changed_cb (OrchardSession *self)
{
  orchard_session_edited (self);
}

static void
watch_steps (OrchardSession *self)
{
  for (guint i = 0; i < self->watched_steps->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_steps, i), self);
  g_ptr_array_set_size (self->watched_steps, 0);

  if (self->pipeline == NULL)
    return;

  for (guint i = 0; i < orchard_pipeline_get_n_steps (self->pipeline); i++)
    {
      OrchardStep *step = orchard_pipeline_get_step (self->pipeline, i);

      g_ptr_array_add (self->watched_steps, g_object_ref (step));
      g_signal_connect_swapped (step, "notify", G_CALLBACK (step_changed_cb), self);
    }
}

static void
pipeline_items_changed_cb (OrchardSession *self)
{
  watch_steps (self);
  orchard_session_edited (self);
}

static void
split_changed_cb (OrchardSession *self,
                  GParamSpec     *pspec,
                  OrchardSplit   *split)
{
  if (g_str_equal (pspec->name, "method") && !self->adjusting_split)
    self->split_method_chosen = TRUE;

  orchard_session_queue_prepare (self);
}

/* Follows changes to @pipeline and @split, which become the session's. */
static void
orchard_session_watch (OrchardSession  *self,
                       OrchardPipeline *pipeline,
                       OrchardSplit    *split)
{
  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);
  if (self->split != NULL)
    g_signal_handlers_disconnect_by_data (self->split, self);

  g_set_object (&self->pipeline, pipeline);
  g_set_object (&self->split, split);
  watch_steps (self);

  if (pipeline != NULL)
    g_signal_connect_swapped (pipeline, "items-changed", G_CALLBACK (pipeline_items_changed_cb), self);
  if (split != NULL)
    g_signal_connect_swapped (split, "notify", G_CALLBACK (split_changed_cb), self);
}

static OrchardSplitMethod
default_method (OrchardTable *table)
{
  OrchardColumn *target = orchard_table_get_column (table, orchard_table_get_target (table));

  /* As `orchard-cli prepare`: stratified for classes, random for numbers. */
  return orchard_column_get_kind (target) == ORCHARD_COLUMN_KIND_CATEGORICAL
         ? ORCHARD_SPLIT_STRATIFIED : ORCHARD_SPLIT_RANDOM;
}

static void
orchard_session_reset_preparation (OrchardSession *self)
{
  g_object_freeze_notify (G_OBJECT (self));

  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->prepare_cancellable != NULL)
    g_cancellable_cancel (self->prepare_cancellable);
  g_clear_object (&self->prepare_cancellable);
  g_clear_pointer (&self->prepare_progress, progress_unref);
  orchard_session_set_prepare_progress (self, 0.0, NULL);

  orchard_session_watch (self, NULL, NULL);
  g_clear_object (&self->prepared);
  g_clear_pointer (&self->split_target, g_free);
  self->split_method_chosen = FALSE;
  if (!self->automatic)
    {
      self->automatic = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARING]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* The table changed: a new target, new roles, or a new reading. */
static void
orchard_session_update_preparation (OrchardSession *self)
{
  const char *target;

  if (!has_target (self))
    {
      /* What was prepared was for another target; the settings stay for
       * when one is chosen again. */
      orchard_session_queue_prepare (self);
      if (self->prepared != NULL)
        {
          g_clear_object (&self->prepared);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
        }
      return;
    }

  target = orchard_column_get_name (orchard_table_get_column (self->table,
                                                              orchard_table_get_target (self->table)));

  if (self->split == NULL)
    {
      g_autoptr(OrchardSplit) split = orchard_split_new (default_method (self->table));
      g_autoptr(OrchardPipeline) pipeline = orchard_pipeline_new ();

      /* Until the automatic pipeline arrives, an empty one stands in. */
      orchard_session_watch (self, pipeline, split);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PIPELINE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
    }
  else if (g_strcmp0 (self->split_target, target) != 0 && !self->split_method_chosen)
    {
      self->adjusting_split = TRUE;
      g_object_set (self->split, "method", default_method (self->table), NULL);
      self->adjusting_split = FALSE;
    }

  g_free (self->split_target);
  self->split_target = g_strdup (target);

  orchard_session_queue_prepare (self);
}

/**
 * orchard_session_cancel_preparation:
 *
 * Stops the preparation in flight, if any, and drops its result: for a
 * window that closes.
 */
void
orchard_session_cancel_preparation (OrchardSession *self)
{
  gboolean was_preparing;

  g_return_if_fail (ORCHARD_IS_SESSION (self));

  was_preparing = orchard_session_get_preparing (self);
  g_clear_handle_id (&self->prepare_id, g_source_remove);
  if (self->prepare_cancellable != NULL)
    g_cancellable_cancel (self->prepare_cancellable);
  g_clear_object (&self->prepare_cancellable);
  g_clear_pointer (&self->prepare_progress, progress_unref);

  if (was_preparing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARING]);
}

/**
 * orchard_session_get_pipeline:
 *
 * Returns: (transfer none) (nullable): the pipeline to edit; see
 *   #OrchardSession:pipeline
 */
OrchardPipeline *
orchard_session_get_pipeline (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->pipeline;
}

/**
 * orchard_session_get_split:
 *
 * Returns: (transfer none) (nullable): the split settings, to change in
 *   place; %NULL until the table has a target
 */
OrchardSplit *
orchard_session_get_split (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->split;
}

OrchardModelFamily
orchard_session_get_family (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), ORCHARD_MODEL_FAMILY_LINEAR);
  return self->family;
}

gboolean
orchard_session_get_automatic (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), FALSE);
  return self->automatic;
}

/**
 * orchard_session_make_automatic:
 * @self: a session whose table has a target
 * @family: the kind of model the data is prepared for
 *
 * Replaces the pipeline, once it is computed, by the automatic one for
 * @family, built from the profile of the training rows.
 */
void
orchard_session_make_automatic (OrchardSession     *self,
                                OrchardModelFamily  family)
{
  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (family <= ORCHARD_MODEL_FAMILY_NEURAL);
  g_return_if_fail (self->pipeline != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (self->family != family)
    {
      self->family = family;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAMILY]);
    }
  if (!self->automatic)
    {
      self->automatic = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOMATIC]);
    }
  orchard_session_queue_prepare (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * orchard_session_get_prepared:
 *
 * Returns: (transfer none) (nullable): the latest preparation; see
 *   #OrchardSession:prepared
 */
OrchardPrepared *
orchard_session_get_prepared (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->prepared;
}

double
orchard_session_get_prepare_fraction (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), 0.0);
  return self->prepare_fraction;
}

const char *
orchard_session_get_prepare_message (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->prepare_message;
}

/**
 * orchard_session_get_runs:
 *
 * Returns: (transfer none): the runs trained in this window, oldest first,
 *   a list of #OrchardModelRun
 */
GListModel *
orchard_session_get_runs (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);

  return G_LIST_MODEL (self->runs);
}

/**
 * orchard_session_add_run:
 * @self: a session
 * @run: a run, usually finished
 *
 * Appends @run to the session's runs, where the Evaluate page finds it.
 */
void
orchard_session_add_run (OrchardSession *self,
                         OrchardModelRun *run)
{
  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (run));

  g_list_store_append (self->runs, run);
}

/**
 * orchard_session_replace_run:
 * @self: a session
 * @old_run: a run of the session (one that was training)
 * @new_run: what takes its place (the finished run)
 *
 * Puts @new_run where @old_run was, in one change of the list.
 */
void
orchard_session_replace_run (OrchardSession *self,
                             OrchardModelRun *old_run,
                             OrchardModelRun *new_run)
{
  guint position;

  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (old_run));
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (new_run));

  if (g_list_store_find (self->runs, old_run, &position))
    g_list_store_splice (self->runs, position, 1, (gpointer *) &new_run, 1);
  else
    g_list_store_append (self->runs, new_run);
}

/**
 * orchard_session_remove_run:
 * @self: a session
 * @run: a run of the session
 *
 * Deletes @run from the session's runs.
 */
void
orchard_session_remove_run (OrchardSession *self,
                            OrchardModelRun *run)
{
  guint position;

  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (ORCHARD_IS_MODEL_RUN (run));

  if (g_list_store_find (self->runs, run, &position))
    g_list_store_remove (self->runs, position);
}

/* ---- the project ---------------------------------------------------------- */

/* Other processes (orchard-cli train --project) write to the same file;
 * PRAGMA data_version is cheap enough to ask every second. */
#define POLL_INTERVAL_S 1

static gboolean
poll_cb (gpointer data)
{
  OrchardSession *self = data;

  /* While this session writes a data set, the file is its own to change,
   * and asking would wait for that write on the main thread. */
  if (self->record_cancellable == NULL)
    orchard_project_poll (self->project);
  return G_SOURCE_CONTINUE;
}

static void
project_changed_cb (OrchardSession *self,
                    int             what,
                    gint64          id,
                    OrchardProject *project)
{
  g_signal_emit (self, signals[PROJECT_CHANGED], 0, what, id);
}

static void
orchard_session_set_dataset_id (OrchardSession *self,
                                gint64          id)
{
  if (self->dataset_id == id)
    return;
  self->dataset_id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET_ID]);
}

static void
orchard_session_cancel_record (OrchardSession *self)
{
  if (self->record_cancellable == NULL)
    return;
  g_cancellable_cancel (self->record_cancellable);
  g_clear_object (&self->record_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
}

static void
orchard_session_drop_project (OrchardSession *self)
{
  if (self->record_cancellable != NULL)
    g_cancellable_cancel (self->record_cancellable);
  g_clear_object (&self->record_cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_data (self->project, self);
  g_clear_object (&self->project);
}

typedef struct
{
  OrchardProject *project;
  OrchardTable   *table;
} RecordData;

typedef struct
{
  gint64   id;
  gboolean added;
} Recorded;

static void
record_data_free (RecordData *data)
{
  g_clear_object (&data->project);
  g_clear_object (&data->table);
  g_free (data);
}

static void
record_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RecordData *data = task_data;
  g_autofree Recorded *recorded = g_new0 (Recorded, 1);
  GError *error = NULL;
  gint64 existing;

  lower_thread_priority ();

  /* The content hash is what makes a data set the same one. */
  existing = orchard_project_find_dataset (data->project, orchard_table_get_hash (data->table),
                                           &error);
  if (existing < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Adding serialises and compresses the whole table before it finds the
   * hash is known: skip that for data the project has. */
  if (existing > 0)
    {
      recorded->id = existing;
      g_task_return_pointer (task, g_steal_pointer (&recorded), g_free);
      return;
    }
  recorded->id = orchard_project_add_dataset (data->project, data->table, NULL, cancellable,
                                              &error);
  if (recorded->id <= 0)
    {
      g_task_return_error (task, error);
      return;
    }
  recorded->added = existing == 0;
  g_task_return_pointer (task, g_steal_pointer (&recorded), g_free);
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OrchardSession *self = ORCHARD_SESSION (object);
  g_autofree Recorded *recorded = NULL;
  g_autoptr(GError) error = NULL;

  recorded = g_task_propagate_pointer (G_TASK (result), &error);

  /* Another table or another project took over. */
  if (g_task_get_cancellable (G_TASK (result)) != self->record_cancellable)
    return;
  g_clear_object (&self->record_cancellable);

  if (recorded != NULL)
    orchard_session_set_dataset_id (self, recorded->id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
  g_signal_emit (self, signals[DATASET_RECORDED], 0, recorded != NULL ? recorded->id : 0,
                 recorded != NULL && recorded->added, error);
}

/* Adds the current table to the project in a thread: serialising and
 * compressing a large table takes a while, and the table shows meanwhile. */
static void
orchard_session_record_dataset (OrchardSession *self)
{
  g_autoptr(GTask) task = NULL;
  RecordData *data;

  orchard_session_cancel_record (self);
  orchard_session_set_dataset_id (self, 0);
  if (self->project == NULL || self->table == NULL || orchard_project_is_read_only (self->project))
    return;

  self->record_cancellable = g_cancellable_new ();
  data = g_new0 (RecordData, 1);
  data->project = g_object_ref (self->project);
  data->table = g_object_ref (self->table);
  task = g_task_new (self, self->record_cancellable, record_cb, NULL);
  g_task_set_source_tag (task, orchard_session_record_dataset);
  g_task_set_task_data (task, data, (GDestroyNotify) record_data_free);
  g_task_run_in_thread (task, record_worker);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORDING]);
}

/**
 * orchard_session_get_project:
 *
 * Returns: (transfer none) (nullable): the project the session records in
 */
OrchardProject *
orchard_session_get_project (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), NULL);
  return self->project;
}

/**
 * orchard_session_set_project:
 * @self: a session
 * @project: (nullable): the project to record in from now on
 *
 * Switches the session to @project: it is polled every second for other
 * processes' changes (#OrchardSession::project-changed), and the current
 * table, if any, is looked up in it by content hash, or added.
 */
void
orchard_session_set_project (OrchardSession *self,
                             OrchardProject *project)
{
  gint64 id = 0;

  g_return_if_fail (ORCHARD_IS_SESSION (self));
  g_return_if_fail (project == NULL || ORCHARD_IS_PROJECT (project));

  if (self->project == project)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  orchard_session_cancel_record (self);
  orchard_session_drop_project (self);
  if (project != NULL)
    {
      self->project = g_object_ref (project);
      g_signal_connect_object (project, "changed", G_CALLBACK (project_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->poll_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, POLL_INTERVAL_S, poll_cb, self,
                                                  NULL);
      if (self->table != NULL)
        id = orchard_project_find_dataset (project, orchard_table_get_hash (self->table), NULL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROJECT]);
  if (id > 0)
    orchard_session_set_dataset_id (self, id);
  else
    orchard_session_record_dataset (self);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * orchard_session_get_dataset_id:
 *
 * Returns: the current table's data set in the project, 0 while it is not
 *   recorded (no table, no project, a read-only project, or still adding)
 */
gint64
orchard_session_get_dataset_id (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), 0);
  return self->dataset_id;
}

/**
 * orchard_session_get_recording:
 *
 * Returns: whether the current table is being added to the project
 */
gboolean
orchard_session_get_recording (OrchardSession *self)
{
  g_return_val_if_fail (ORCHARD_IS_SESSION (self), FALSE);
  return self->record_cancellable != NULL;
}
