/* orchard-project.c: opening, migrating and writing a project file
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "orchard-json.h"
#include "orchard-project-private.h"
#include "orchard-reader.h"
#include "orchard-project-schema-private.h"

/**
 * OrchardProject:
 *
 * A `*.orchard` project: one SQLite database holding the data sets (their
 * content, compressed, or a reference to a large file with its hash), the
 * runs with their lineage (data hash, pipeline spec, every parameter, seed,
 * split), their metrics per split and per fold, curves, model bundles, tags
 * and notes (docs/projects.md has the schema).
 *
 * The file is in WAL mode with foreign keys on; every change is one
 * transaction, so a killed process leaves the file as of its last commit.
 * Another process may use the same file at the same time: writers wait up
 * to 30 s for each other. A run is written when it begins and updated when
 * it ends; a run left "running" by a process that no longer exists (same
 * host and boot, pid gone or reused) is marked failed as interrupted when
 * the project is next opened for writing.
 *
 * Every function may be called from any thread; calls are serialised.
 * #OrchardProject::changed is emitted in the main context that was the
 * thread-default one when the project was opened, so a window can refresh
 * from a training thread's writes.
 */

struct _OrchardProject
{
  GObject       parent_instance;

  GFile        *file;
  char         *path;
  sqlite3      *db;
  GMutex        mutex;
  char         *uuid;
  guint         opened_version;
  gboolean      read_only;
  GPtrArray    *open_notes;
  guint64       inline_limit;
  GMainContext *context;
  gint64        data_version;
};

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (OrchardProject, orchard_project, G_TYPE_OBJECT)
G_DEFINE_QUARK (orchard-project-error-quark, orchard_project_error)
G_DEFINE_BOXED_TYPE (OrchardDatasetInfo, orchard_dataset_info, orchard_dataset_info_copy,
                     orchard_dataset_info_free)

#define BUSY_TIMEOUT_MS 30000

static void
orchard_project_finalize (GObject *object)
{
  OrchardProject *self = (OrchardProject *) object;

  orchard_project_close (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->open_notes, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (orchard_project_parent_class)->finalize (object);
}

static void
orchard_project_class_init (OrchardProjectClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_project_finalize;

  /**
   * OrchardProject::changed:
   * @self: the project
   * @what: an #OrchardProjectChange
   * @id: the run or data set concerned, 0 for several
   *
   * Something in the project changed, through this object (or, with
   * %ORCHARD_PROJECT_CHANGE_EXTERNAL, through another connection, as
   * orchard_project_poll() finds).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
}

static void
orchard_project_init (OrchardProject *self)
{
  g_mutex_init (&self->mutex);
  self->open_notes = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->inline_limit = ORCHARD_PROJECT_DEFAULT_INLINE_LIMIT;
}

/* Change notification, always in the owner's main context ------------------ */

/* Weak: a process without a main loop (the CLI) never dispatches these, and
 * they must not keep the project, and its database, open. */
typedef struct
{
  GWeakRef              project;
  OrchardProjectChange  what;
  gint64                id;
} Change;

static void
change_free (gpointer data)
{
  Change *change = data;

  g_weak_ref_clear (&change->project);
  g_free (change);
}

static gboolean
emit_change (gpointer data)
{
  Change *change = data;
  g_autoptr(OrchardProject) project = g_weak_ref_get (&change->project);

  if (project != NULL)
    g_signal_emit (project, signals[CHANGED], 0, (int) change->what, change->id);
  return G_SOURCE_REMOVE;
}

static void
notify_change (OrchardProject       *self,
               OrchardProjectChange  what,
               gint64                id)
{
  Change *change = g_new0 (Change, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  g_weak_ref_init (&change->project, self);
  change->what = what;
  change->id = id;
  g_source_set_callback (source, emit_change, change, change_free);
  g_source_set_static_name (source, "[orchard] project changed");
  g_source_attach (source, self->context);
}

/* SQLite helpers ---------------------------------------------------------- */

gboolean
orchard_project_sql_error (OrchardProject  *self,
                           int              rc,
                           GError         **error)
{
  const char *message = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = ORCHARD_PROJECT_ERROR_BUSY;
      g_set_error (error, ORCHARD_PROJECT_ERROR, code,
                   _("%s: another program kept the project busy for more than %d s (%s)"),
                   self->path, BUSY_TIMEOUT_MS / 1000, message);
      return FALSE;
    case SQLITE_CORRUPT:
      code = ORCHARD_PROJECT_ERROR_CORRUPT;
      g_set_error (error, ORCHARD_PROJECT_ERROR, code,
                   _("%s: the project file is damaged (%s); “orchard-cli project check” "
                     "tells more"), self->path, message);
      return FALSE;
    case SQLITE_NOTADB:
      /* The header was SQLite's (check_header()): what follows is damaged. */
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the project file is damaged: its header is SQLite's but SQLite cannot "
                     "read it (%s)"), self->path, message);
      return FALSE;
    case SQLITE_READONLY:
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_READ_ONLY,
                   _("%s: the project cannot be written (%s)"), self->path, message);
      return FALSE;
    case SQLITE_FULL:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("%s: %s"), self->path, message);
      return FALSE;
    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s: %s"), self->path, message);
      return FALSE;
    }
}

static gboolean
exec (OrchardProject  *self,
      const char      *sql,
      GError         **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || orchard_project_sql_error (self, rc, error);
}

static sqlite3_stmt *
prepare (OrchardProject  *self,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      orchard_project_sql_error (self, rc, error);
      return NULL;
    }
  return stmt;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_double (sqlite3_stmt *stmt,
             int           index,
             double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_double (stmt, index, value);
}

/* The lock of every public call; FALSE with an error once closed. */
sqlite3 *
orchard_project_lock_db (OrchardProject  *self,
                         GError         **error)
{
  g_mutex_lock (&self->mutex);
  if (self->db == NULL)
    {
      g_mutex_unlock (&self->mutex);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("%s: the project is closed"),
                   self->path);
      return NULL;
    }
  return self->db;
}

void
orchard_project_unlock_db (OrchardProject *self)
{
  g_mutex_unlock (&self->mutex);
}

static gboolean
begin_write (OrchardProject  *self,
             GError         **error)
{
  if (self->read_only)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_READ_ONLY,
                   _("%s: the project is open read-only"), self->path);
      return FALSE;
    }
  /* IMMEDIATE takes the write lock now, so the busy timeout applies here
   * rather than failing at the first write of a read transaction. */
  return exec (self, "BEGIN IMMEDIATE", error);
}

static gboolean
commit (OrchardProject  *self,
        GError         **error)
{
  /* PRAGMA data_version does not count this connection's own commits. */
  if (exec (self, "COMMIT", error))
    return TRUE;
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static void
rollback (OrchardProject *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* For the project's other files (orchard-project-monitor.c): a write
 * transaction on the locked connection, and the change signal. */
gboolean
orchard_project_begin_write (OrchardProject  *self,
                             GError         **error)
{
  return begin_write (self, error);
}

gboolean
orchard_project_commit (OrchardProject  *self,
                        GError         **error)
{
  return commit (self, error);
}

void
orchard_project_rollback (OrchardProject *self)
{
  rollback (self);
}

void
orchard_project_notify (OrchardProject       *self,
                        OrchardProjectChange  what,
                        gint64                id)
{
  notify_change (self, what, id);
}

const char *
orchard_project_get_path (OrchardProject *self)
{
  return self->path;
}

static gint64
now_ms (void)
{
  return g_get_real_time () / 1000;
}

/* Who is running a run: host, boot, pid and the process's start time, so
 * that a pid reused by another process is not taken for the original. */

static char *
read_boot_id (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/sys/kernel/random/boot_id", &text, NULL, NULL))
    return g_strdup ("");
  return g_strstrip (g_steal_pointer (&text));
}

static gint64
process_start (int pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", pid);
  g_autofree char *text = NULL;
  const char *p;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return -1;
  /* The command name may hold spaces and parentheses; fields follow the last ')'. */
  p = strrchr (text, ')');
  if (p == NULL)
    return -1;
  fields = g_strsplit (p + 2, " ", 0);
  /* starttime is field 22; fields[0] is field 3 */
  if (g_strv_length (fields) < 20)
    return -1;
  return g_ascii_strtoll (fields[19], NULL, 10);
}

static gboolean
process_alive (const char *host,
               const char *boot_id,
               gint64      pid,
               gint64      start)
{
  g_autofree char *our_boot = read_boot_id ();

  if (g_strcmp0 (host, g_get_host_name ()) != 0)
    return TRUE;    /* another machine's: we cannot tell, so never touch it */
  if (g_strcmp0 (boot_id, our_boot) != 0)
    return FALSE;   /* this machine rebooted since */
  if (pid <= 0 || pid > G_MAXINT)
    return FALSE;
  if (g_file_test ("/proc/self/stat", G_FILE_TEST_EXISTS))
    return process_start ((int) pid) == start;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static gboolean
mark_interrupted (OrchardProject  *self,
                  GError         **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(GArray) dead = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  select = prepare (self, "SELECT id, host, boot_id, pid, process_start FROM runs "
                          "WHERE status = 'running'", error);
  if (select == NULL)
    return FALSE;
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (select, 0);

      if (!process_alive ((const char *) sqlite3_column_text (select, 1),
                          (const char *) sqlite3_column_text (select, 2),
                          sqlite3_column_int64 (select, 3), sqlite3_column_int64 (select, 4)))
        g_array_append_val (dead, id);
    }
  if (rc != SQLITE_DONE)
    return orchard_project_sql_error (self, rc, error);

  update = prepare (self, "UPDATE runs SET status = 'failed', status_message = ?, ended = ? "
                          "WHERE id = ? AND status = 'running'", error);
  if (update == NULL)
    return FALSE;
  for (guint i = 0; i < dead->len; i++)
    {
      sqlite3_reset (update);
      bind_text (update, 1, _("Interrupted: the program that ran it ended without finishing it"));
      sqlite3_bind_int64 (update, 2, now_ms ());
      sqlite3_bind_int64 (update, 3, g_array_index (dead, gint64, i));
      if (!step_done (self, update, error))
        return FALSE;
    }
  if (dead->len > 0)
    g_ptr_array_add (self->open_notes,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%u run was interrupted and is now marked failed",
                                                   "%u runs were interrupted and are now marked failed",
                                                   dead->len), dead->len));
  return TRUE;
}

/* Opening ----------------------------------------------------------------- */

/* Whether SQLite can read a file whose header is SQLite's: noise after the
 * magic is a damaged file, not another program's database. Only SQLite's
 * "not a database" and "malformed" count; a busy or unopenable file is
 * left to the real open to report. */
static gboolean
sqlite_can_read (const char  *path,
                 char       **message)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autofree char *immutable = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  /* Immutable: the main file alone, without locks, and no log or index
   * file left behind */
  if (uri == NULL)
    return TRUE;
  immutable = g_strconcat (uri, "?immutable=1", NULL);
  rc = sqlite3_open_v2 (immutable, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (db);
  if (rc != SQLITE_OK)
    *message = g_strdup (db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return (rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT;
}

static gboolean
damaged_header (OrchardProject  *self,
                GError         **error)
{
  g_autofree char *message = NULL;

  if (sqlite_can_read (self->path, &message))
    return FALSE;
  g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
               _("%s: the project file is damaged: its header is SQLite's but SQLite cannot "
                 "read it (%s)"), self->path, message);
  return TRUE;
}

/* The header of an SQLite file: magic, and at 60 the user version and at
 * 68 the application id, both big-endian. Read before SQLite opens the file,
 * so that a newer project is refused without any byte of it written. */
static gboolean
check_header (OrchardProject  *self,
              gboolean        *empty,
              guint32         *header_version,
              GError         **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  guint8 header[100];
  gsize n = 0;
  guint32 version, app_id;

  *empty = FALSE;
  in = g_file_read (self->file, NULL, error);
  if (in == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (in), header, sizeof header, &n, NULL, error))
    return FALSE;
  if (n == 0)
    {
      *empty = TRUE;
      return TRUE;
    }
  if (n >= 16 && memcmp (header, "SQLite format 3", 16) == 0 && n < sizeof header)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the project file is damaged: it ends within SQLite's header (%u "
                     "bytes)"), self->path, (guint) n);
      return FALSE;
    }
  if (n < sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT,
                   _("%s: not an Orchard project (not an SQLite database)"), self->path);
      return FALSE;
    }
  version = ((guint32) header[60] << 24) | (header[61] << 16) | (header[62] << 8) | header[63];
  *header_version = version;
  app_id = ((guint32) header[68] << 24) | (header[69] << 16) | (header[70] << 8) | header[71];
  /* Noise after the magic reads as a foreign id or a future version: SQLite
   * tells whether the file is a database at all. */
  if ((app_id != ORCHARD_PROJECT_APPLICATION_ID && app_id != 0) ||
      version > ORCHARD_PROJECT_SCHEMA_VERSION)
    {
      if (damaged_header (self, error))
        return FALSE;
    }
  /* With WAL, the header may lag behind the log: a zero id or version is
   * checked again through SQLite. */
  if (app_id != ORCHARD_PROJECT_APPLICATION_ID && app_id != 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT,
                   _("%s: not an Orchard project (an SQLite database of another program)"),
                   self->path);
      return FALSE;
    }
  if (version > ORCHARD_PROJECT_SCHEMA_VERSION)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_TOO_NEW,
                   _("%s: the project was saved by a newer Orchard (schema version %d; this "
                     "Orchard reads up to %d); update Orchard to open it. The file was not "
                     "changed."), self->path, (int) version, ORCHARD_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

static int
user_version (OrchardProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  return version;
}

static gboolean
migrate (OrchardProject  *self,
         int              from,
         GError         **error)
{
  g_autofree char *set_version = NULL;

  for (int v = from; v < ORCHARD_PROJECT_SCHEMA_VERSION; v++)
    if (!exec (self, orchard_project_migrations[v], error))
      {
        g_prefix_error (error, _("Upgrading the project from schema version %d: "), v);
        return FALSE;
      }

  if (from == 0)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *basename = g_file_get_basename (self->file);
      g_autofree char *name = g_strdup (basename);
      char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name)
        *dot = '\0';
      stmt = prepare (self, "INSERT INTO meta (key, value) VALUES ('uuid', ?), ('name', ?), "
                            "('created', ?), ('created_by', ?)", error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, 1, uuid);
      bind_text (stmt, 2, name);
      sqlite3_bind_int64 (stmt, 3, now_ms ());
      bind_text (stmt, 4, "Orchard " PACKAGE_VERSION);
      if (!step_done (self, stmt, error))
        return FALSE;
      if (!exec (self, "PRAGMA application_id = 1330791240", error))
        return FALSE;
    }
  else
    g_ptr_array_add (self->open_notes,
                     g_strdup_printf (_("The project was upgraded from schema version %d to %d"),
                                      from, ORCHARD_PROJECT_SCHEMA_VERSION));

  set_version = g_strdup_printf ("PRAGMA user_version = %d", ORCHARD_PROJECT_SCHEMA_VERSION);
  return exec (self, set_version, error);
}

static gboolean
check_tables (OrchardProject  *self,
              GError         **error)
{
  static const char * const tables[] = { "meta", "datasets", "runs", "params", "metrics",
                                         "curves", "tags", "bundles" };
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT count(*) FROM sqlite_master "
                                                "WHERE type = 'table' AND name = ?", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_reset (stmt);
      bind_text (stmt, 1, tables[i]);
      if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 1)
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                       _("%s: the project has no table “%s”; it is damaged"), self->path,
                       tables[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
open_database (OrchardProject           *self,
               OrchardProjectOpenFlags   flags,
               GError                  **error)
{
  gboolean exists = g_file_query_exists (self->file, NULL);
  gboolean empty = FALSE;
  guint32 header_version = 0;   /* may lag behind the log */
  int version, rc;
  /* Calls are serialised by self->mutex, so SQLite need not lock each one. */
  int open_flags = SQLITE_OPEN_NOMUTEX;

  if (!exists && !(flags & ORCHARD_PROJECT_OPEN_CREATE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("%s: no such project file"),
                   self->path);
      return FALSE;
    }
  if (exists && !check_header (self, &empty, &header_version, error))
    return FALSE;
  if (empty && !(flags & ORCHARD_PROJECT_OPEN_CREATE))
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT,
                   _("%s: not an Orchard project (the file is empty)"), self->path);
      return FALSE;
    }

  open_flags |= self->read_only ? SQLITE_OPEN_READONLY
                                : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  rc = sqlite3_open_v2 (self->path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      orchard_project_sql_error (self, rc, error);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 0);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);

  if (!exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  /* Reads map the file rather than copy each page out of the kernel's
   * cache: a listing of 100,000 runs reads some 20,000 pages. A larger page
   * cache keeps what a listing read for the next one. */
  if (!exec (self, "PRAGMA mmap_size = 268435456", error) ||
      !exec (self, "PRAGMA cache_size = -16384", error))
    return FALSE;

  /* Before anything is written: a newer schema, or another program's
   * tables in a file without Orchard's version, leave the file as it is. */
  if (exists && !empty)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      version = user_version (self);
      if (version < 0)
        return orchard_project_sql_error (self, sqlite3_errcode (self->db), error);
      if (version > ORCHARD_PROJECT_SCHEMA_VERSION)
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_TOO_NEW,
                       _("%s: the project was saved by a newer Orchard (schema version %d; this "
                         "Orchard reads up to %d); update Orchard to open it. The file was not "
                         "changed."), self->path, version, ORCHARD_PROJECT_SCHEMA_VERSION);
          return FALSE;
        }
      stmt = prepare (self, "SELECT count(*) FROM sqlite_master", error);
      if (stmt == NULL)
        return FALSE;
      if (version == 0 && (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) > 0))
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT,
                       _("%s: not an Orchard project (an SQLite database of another program)"),
                       self->path);
          return FALSE;
        }
    }

  if (self->read_only)
    {
      if (!exec (self, "BEGIN", error))
        return FALSE;
      version = user_version (self);
      if (version < 0)
        return orchard_project_sql_error (self, sqlite3_errcode (self->db), error);
      if (version != ORCHARD_PROJECT_SCHEMA_VERSION)
        {
          rollback (self);
          g_set_error (error, ORCHARD_PROJECT_ERROR,
                       version > ORCHARD_PROJECT_SCHEMA_VERSION ? ORCHARD_PROJECT_ERROR_TOO_NEW
                                                                : ORCHARD_PROJECT_ERROR_READ_ONLY,
                       _("%s: the project has schema version %d and this Orchard reads %d; "
                         "open it for writing once to upgrade it"), self->path, version,
                       ORCHARD_PROJECT_SCHEMA_VERSION);
          return FALSE;
        }
      self->opened_version = version;
      if (!check_tables (self, error))
        {
          rollback (self);
          return FALSE;
        }
      return exec (self, "COMMIT", error);
    }

  /* WAL: readers never block the writer, and a killed writer loses only
   * its open transaction. */
  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = NORMAL", error))
    return FALSE;

  if (!begin_write (self, error))
    return FALSE;
  version = user_version (self);
  if (version < 0)
    {
      orchard_project_sql_error (self, sqlite3_errcode (self->db), error);
      rollback (self);
      return FALSE;
    }
  /* Checked again under the lock: another process may have upgraded it. */
  if (version > ORCHARD_PROJECT_SCHEMA_VERSION)
    {
      rollback (self);
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_TOO_NEW,
                   _("%s: the project was saved by a newer Orchard (schema version %d; this "
                     "Orchard reads up to %d); update Orchard to open it. The file was not "
                     "changed."), self->path, version, ORCHARD_PROJECT_SCHEMA_VERSION);
      return FALSE;
    }
  self->opened_version = version;
  /* Version 0 is a new file: one with tables of its own is another program's. */
  if (version == 0)
    {
      g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT count(*) FROM sqlite_master", error);

      if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) > 0)
        {
          if (stmt != NULL)
            g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_A_PROJECT,
                         _("%s: not an Orchard project (an SQLite database of another program)"),
                         self->path);
          g_clear_pointer (&stmt, sqlite3_finalize);
          rollback (self);
          return FALSE;
        }
    }
  if (version > 0 && !check_tables (self, error))
    {
      rollback (self);
      return FALSE;
    }
  if ((version < ORCHARD_PROJECT_SCHEMA_VERSION && !migrate (self, version, error)) ||
      !mark_interrupted (self, error) || !commit (self, error))
    {
      rollback (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_meta (OrchardProject  *self,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT value FROM meta WHERE key = 'uuid'",
                                          error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the project has no id; it is damaged"), self->path);
      return FALSE;
    }
  self->uuid = column_text (stmt, 0);
  return TRUE;
}

/**
 * orchard_project_open:
 * @file: the `*.orchard` file
 * @flags: how to open it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Opens a project, creating it with %ORCHARD_PROJECT_OPEN_CREATE. An older
 * schema is upgraded in the same transaction (so a failed upgrade leaves
 * the file as it was); a newer one is refused with
 * %ORCHARD_PROJECT_ERROR_TOO_NEW before SQLite opens the file, so not a
 * byte of it changes. Runs left running by processes that are gone are
 * marked failed (orchard_project_get_open_notes() says so).
 *
 * Returns: (transfer full) (nullable): the project, or %NULL
 */
OrchardProject *
orchard_project_open (GFile                    *file,
                      OrchardProjectOpenFlags   flags,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(OrchardProject) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (ORCHARD_TYPE_PROJECT, NULL);
  self->file = g_object_ref (file);
  self->path = g_file_get_path (file);
  self->read_only = (flags & ORCHARD_PROJECT_OPEN_READ_ONLY) != 0;
  self->context = g_main_context_ref_thread_default ();
  self->data_version = -1;
  if (self->path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: a project must be a local file"), uri);
      return NULL;
    }

  if (!open_database (self, flags, error) || !read_meta (self, error))
    {
      orchard_project_close (self);
      return NULL;
    }
  orchard_project_poll (self);

  return g_steal_pointer (&self);
}

/**
 * orchard_project_close:
 * @self: a project
 *
 * Closes the database now (finalising the project does too); later calls
 * fail with %G_IO_ERROR_CLOSED. Everything was already saved.
 */
void
orchard_project_close (OrchardProject *self)
{
  g_return_if_fail (ORCHARD_IS_PROJECT (self));

  g_mutex_lock (&self->mutex);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_mutex_unlock (&self->mutex);
}

/**
 * orchard_project_get_file:
 * @self: a project
 *
 * Returns: (transfer none): the project file
 */
GFile *
orchard_project_get_file (OrchardProject *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);
  return self->file;
}

/**
 * orchard_project_get_uuid:
 * @self: a project
 *
 * Returns: the project's id, fixed when it was created (the MLflow
 *   experiment id of exports is derived from it)
 */
const char *
orchard_project_get_uuid (OrchardProject *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);
  return self->uuid;
}

static char *
meta_get (OrchardProject *self,
          const char     *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (self->db, "SELECT value FROM meta WHERE key = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_text (stmt, 0);
  return value;
}

/**
 * orchard_project_dup_name:
 * @self: a project
 *
 * Returns: (transfer full) (nullable): the project's name (the file's
 *   base name when it was created)
 */
char *
orchard_project_dup_name (OrchardProject *self)
{
  char *name;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (orchard_project_lock_db (self, NULL) == NULL)
    return NULL;
  name = meta_get (self, "name");
  orchard_project_unlock_db (self);
  return name;
}

gboolean
orchard_project_set_name (OrchardProject  *self,
                          const char      *name,
                          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (begin_write (self, error) &&
      (stmt = prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES ('name', ?)",
                       error)) != NULL)
    {
      bind_text (stmt, 1, name);
      ok = step_done (self, stmt, error) && commit (self, error);
    }
  if (!ok)
    rollback (self);
  orchard_project_unlock_db (self);
  return ok;
}

/**
 * orchard_project_get_opened_version:
 * @self: a project
 *
 * Returns: the schema version the file had when it was opened, before any
 *   upgrade (0 for a new file)
 */
guint
orchard_project_get_opened_version (OrchardProject *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);
  return self->opened_version;
}

gboolean
orchard_project_is_read_only (OrchardProject *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), TRUE);
  return self->read_only;
}

/**
 * orchard_project_get_open_notes:
 * @self: a project
 *
 * Returns: (transfer none): what opening did on its own (an upgrade,
 *   interrupted runs marked failed), one translated sentence each
 */
const char * const *
orchard_project_get_open_notes (OrchardProject *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);
  return self->open_notes->len > 0 ? (const char * const *) self->open_notes->pdata : none;
}

guint64
orchard_project_get_inline_limit (OrchardProject *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);
  return self->inline_limit;
}

/**
 * orchard_project_set_inline_limit:
 * @self: a project
 * @bytes: the largest data set (serialised size) stored inside the
 *   project; larger ones are stored as a reference to their file
 */
void
orchard_project_set_inline_limit (OrchardProject *self,
                                  guint64         bytes)
{
  g_return_if_fail (ORCHARD_IS_PROJECT (self));
  self->inline_limit = bytes;
}

/* A copy is a project of its own: a new uuid, so that it and its original
 * never share an id (MLflow exports derive the experiment from it). Its
 * runs keep theirs: they are the same runs. */
static gboolean
give_new_uuid (const char  *path,
               GError     **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "UPDATE meta SET value = ? WHERE key = 'uuid'", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = sqlite3_changes (db) == 1 ? SQLITE_OK : SQLITE_CORRUPT;
    }
  if (rc != SQLITE_OK)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("%s: the copy could not be given an id of its own (%s)"), path,
                 db != NULL && sqlite3_errcode (db) != SQLITE_OK ? sqlite3_errmsg (db)
                                                                 : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return rc == SQLITE_OK;
}

/**
 * orchard_project_save_as:
 * @self: a project
 * @file: where to write a copy (must not exist)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes a compact, consistent copy of the project to @file (SQLite's
 * `VACUUM INTO`) while this one stays open; open the copy to go on there.
 * The copy gets a new project uuid (its runs keep theirs), so that it and
 * the original are told apart, in MLflow exports too.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_save_as (OrchardProject  *self,
                         GFile           *file,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *path = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("A project must be a local file"));
      return FALSE;
    }
  if (g_file_query_exists (file, cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s: the file exists already"), path);
      return FALSE;
    }
  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  stmt = prepare (self, "VACUUM INTO ?", error);
  if (stmt != NULL)
    {
      bind_text (stmt, 1, path);
      ok = step_done (self, stmt, error);
    }
  orchard_project_unlock_db (self);
  if (ok && !give_new_uuid (path, error))
    {
      g_unlink (path);
      ok = FALSE;
    }
  return ok;
}

/**
 * orchard_project_poll:
 * @self: a project
 *
 * Finds whether another connection (another process, such as
 * `orchard-cli train --project`) changed the file since the last call, and
 * if so emits #OrchardProject::changed with %ORCHARD_PROJECT_CHANGE_EXTERNAL.
 * Cheap enough to call every second.
 *
 * Returns: whether another connection changed the file
 */
gboolean
orchard_project_poll (OrchardProject *self)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 version = -1;
  gboolean changed;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if (orchard_project_lock_db (self, NULL) == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  changed = self->data_version >= 0 && version != self->data_version;
  self->data_version = version;
  orchard_project_unlock_db (self);

  if (changed)
    notify_change (self, ORCHARD_PROJECT_CHANGE_EXTERNAL, 0);
  return changed;
}

/* Data sets --------------------------------------------------------------- */

OrchardDatasetInfo *
orchard_dataset_info_copy (const OrchardDatasetInfo *info)
{
  OrchardDatasetInfo *copy = g_memdup2 (info, sizeof *info);

  copy->name = g_strdup (info->name);
  copy->source = g_strdup (info->source);
  copy->hash = g_strdup (info->hash);
  copy->schema = g_strdup (info->schema);
  return copy;
}

void
orchard_dataset_info_free (OrchardDatasetInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->source);
  g_free (info->hash);
  g_free (info->schema);
  g_free (info);
}

static char *
schema_json (OrchardTable *table)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, orchard_column_get_name (column));
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, orchard_column_kind_to_string (orchard_column_get_kind (column)));
      json_builder_set_member_name (b, "role");
      json_builder_add_string_value (b, orchard_column_role_to_string (orchard_table_get_role (table, c)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return orchard_json_to_string (root, FALSE);
}

static gint64
find_dataset_locked (OrchardProject  *self,
                     const char      *hash,
                     GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT id FROM datasets WHERE hash = ?", error);
  int rc;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, hash);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      orchard_project_sql_error (self, rc, error);
      return -1;
    }
  return 0;
}

/**
 * orchard_project_add_dataset:
 * @self: a project
 * @table: the data
 * @name: (nullable): a name, by default the base name of the table's source
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds a data set, once per content hash: adding the same data again
 * returns the existing id. Up to orchard_project_get_inline_limit() bytes
 * the data itself is stored, compressed, so the project is self-contained;
 * above it only the file it was read from and its hash (loading it later
 * says so when the file has changed).
 *
 * Returns: the data set's id, or 0 on error
 */
gint64
orchard_project_add_dataset (OrchardProject  *self,
                             OrchardTable    *table,
                             const char      *name,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GVariant) serialised = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *default_name = NULL;
  g_autofree char *schema = NULL;
  const char *hash, *source;
  gsize size;
  gint64 id;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), 0);

  hash = orchard_table_get_hash (table);
  source = orchard_table_get_source (table);

  /* Known data is not serialised again. */
  if (orchard_project_lock_db (self, error) == NULL)
    return 0;
  id = find_dataset_locked (self, hash, error);
  orchard_project_unlock_db (self);
  if (id != 0)
    return MAX (id, 0);

  /* Serialise and compress outside the lock: it is the slow part. */
  serialised = orchard_table_codec_serialise (table);
  size = g_variant_get_size (serialised);
  if (size <= self->inline_limit)
    compressed = orchard_compress (g_variant_get_data (serialised), size);
  else if (source == NULL)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_MISSING,
                   _("The data (%lu bytes) is larger than the project stores "
                     "and was not read from a file it could refer to"), (gulong) size);
      return 0;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return 0;

  if (name == NULL)
    {
      if (source != NULL)
        default_name = g_path_get_basename (source);
      else
        default_name = g_strndup (hash, 12);
      name = default_name;
    }
  schema = schema_json (table);

  if (orchard_project_lock_db (self, error) == NULL)
    return 0;
  if (!begin_write (self, error))
    goto fail;
  id = find_dataset_locked (self, hash, error);
  if (id < 0)
    goto fail;
  if (id > 0)
    {
      rollback (self);
      orchard_project_unlock_db (self);
      return id;
    }

  stmt = prepare (self, "INSERT INTO datasets (name, source, hash, n_rows, n_columns, schema, "
                        "size, added, data, stored_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, name);
  bind_text (stmt, 2, source);
  bind_text (stmt, 3, hash);
  sqlite3_bind_int64 (stmt, 4, orchard_table_get_n_rows (table));
  sqlite3_bind_int64 (stmt, 5, orchard_table_get_n_columns (table));
  bind_text (stmt, 6, schema);
  sqlite3_bind_int64 (stmt, 7, size);
  sqlite3_bind_int64 (stmt, 8, now_ms ());
  if (compressed != NULL)
    {
      sqlite3_bind_blob64 (stmt, 9, g_bytes_get_data (compressed, NULL),
                           g_bytes_get_size (compressed), SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 10, g_bytes_get_size (compressed));
    }
  else
    {
      sqlite3_bind_null (stmt, 9);
      sqlite3_bind_int64 (stmt, 10, 0);
    }
  if (!step_done (self, stmt, error))
    goto fail;
  id = sqlite3_last_insert_rowid (self->db);
  if (!commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  notify_change (self, ORCHARD_PROJECT_CHANGE_DATASETS, id);
  return id;

fail:
  rollback (self);
  orchard_project_unlock_db (self);
  return 0;
}

#define DATASET_COLUMNS \
  "d.id, d.name, d.source, d.hash, d.n_rows, d.n_columns, d.schema, d.data IS NOT NULL, " \
  "d.size, d.stored_size, d.added, (SELECT count(*) FROM runs r WHERE r.dataset_id = d.id)"

static OrchardDatasetInfo *
dataset_from_row (sqlite3_stmt *stmt)
{
  OrchardDatasetInfo *info = g_new0 (OrchardDatasetInfo, 1);

  info->id = sqlite3_column_int64 (stmt, 0);
  info->name = column_text (stmt, 1);
  info->source = column_text (stmt, 2);
  info->hash = column_text (stmt, 3);
  info->n_rows = sqlite3_column_int64 (stmt, 4);
  info->n_columns = sqlite3_column_int (stmt, 5);
  info->schema = column_text (stmt, 6);
  info->stored = sqlite3_column_int (stmt, 7);
  info->size = sqlite3_column_int64 (stmt, 8);
  info->stored_size = sqlite3_column_int64 (stmt, 9);
  info->added = sqlite3_column_int64 (stmt, 10);
  info->n_runs = sqlite3_column_int (stmt, 11);
  return info;
}

/**
 * orchard_project_list_datasets:
 * @self: a project
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type OrchardDatasetInfo) (nullable):
 *   the data sets, oldest first
 */
GPtrArray *
orchard_project_list_datasets (OrchardProject  *self,
                               GError         **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_dataset_info_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (orchard_project_lock_db (self, error) == NULL)
    return NULL;
  stmt = prepare (self, "SELECT " DATASET_COLUMNS " FROM datasets d ORDER BY d.id", error);
  if (stmt != NULL)
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      g_ptr_array_add (list, dataset_from_row (stmt));
  if (stmt != NULL && rc != SQLITE_DONE)
    orchard_project_sql_error (self, rc, error);
  orchard_project_unlock_db (self);

  return stmt != NULL && rc == SQLITE_DONE ? g_steal_pointer (&list) : NULL;
}

/**
 * orchard_project_get_dataset:
 * @self: a project
 * @dataset_id: a data set id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the data set, or %NULL with
 *   %ORCHARD_PROJECT_ERROR_NOT_FOUND
 */
OrchardDatasetInfo *
orchard_project_get_dataset (OrchardProject  *self,
                             gint64           dataset_id,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  OrchardDatasetInfo *info = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (orchard_project_lock_db (self, error) == NULL)
    return NULL;
  stmt = prepare (self, "SELECT " DATASET_COLUMNS " FROM datasets d WHERE d.id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, dataset_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        info = dataset_from_row (stmt);
      else
        g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                     _("%s: the project has no data set %lld"), self->path,
                     (long long) dataset_id);
    }
  orchard_project_unlock_db (self);
  return info;
}

/**
 * orchard_project_find_dataset:
 * @self: a project
 * @hash: a content hash
 * @error: return location for a #GError
 *
 * Returns: the id of the data set with @hash, 0 when there is none (and
 *   no error), -1 on error
 */
gint64
orchard_project_find_dataset (OrchardProject  *self,
                              const char      *hash,
                              GError         **error)
{
  gint64 id;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), -1);
  g_return_val_if_fail (hash != NULL, -1);

  if (orchard_project_lock_db (self, error) == NULL)
    return -1;
  id = find_dataset_locked (self, hash, error);
  orchard_project_unlock_db (self);
  return id;
}

/**
 * orchard_project_load_dataset:
 * @self: a project
 * @dataset_id: a data set id
 * @progress: (nullable) (scope call): progress callback (reading a
 *   referenced file)
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a data set back: from the project when it is stored there, else
 * from its file, which must still have the recorded content hash
 * (%ORCHARD_PROJECT_ERROR_DATA_CHANGED otherwise).
 *
 * Returns: (transfer full) (nullable): the table, with the recorded roles
 */
OrchardTable *
orchard_project_load_dataset (OrchardProject  *self,
                              gint64           dataset_id,
                              OrchardProgress  progress,
                              gpointer         progress_data,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(OrchardTable) table = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *source = NULL;
  g_autofree char *name = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (orchard_project_lock_db (self, error) == NULL)
    return NULL;
  stmt = prepare (self, "SELECT hash, source, name, data FROM datasets WHERE id = ?", error);
  if (stmt == NULL)
    {
      orchard_project_unlock_db (self);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      orchard_project_unlock_db (self);
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no data set %lld"), self->path, (long long) dataset_id);
      return NULL;
    }
  hash = column_text (stmt, 0);
  source = column_text (stmt, 1);
  name = column_text (stmt, 2);
  if (sqlite3_column_type (stmt, 3) == SQLITE_BLOB)
    compressed = g_bytes_new (sqlite3_column_blob (stmt, 3), sqlite3_column_bytes (stmt, 3));
  g_clear_pointer (&stmt, sqlite3_finalize);
  orchard_project_unlock_db (self);

  what = g_strdup_printf (_("%s, data set “%s”"), self->path, name);
  if (compressed != NULL)
    {
      g_autoptr(GError) local = NULL;

      raw = orchard_decompress (g_bytes_get_data (compressed, NULL),
                                g_bytes_get_size (compressed), &local);
      if (raw == NULL)
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                       _("%s: the stored data is damaged (%s)"), what, local->message);
          return NULL;
        }
      variant = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE ("(ssa(ssuv))"),
                                                              raw, FALSE));
      table = orchard_table_codec_deserialise (variant, what, error);
    }
  else
    {
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) local = NULL;

      if (source == NULL)
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_MISSING,
                       _("%s: neither the data nor its file is known"), what);
          return NULL;
        }
      file = g_file_new_for_path (source);
      table = orchard_table_load (file, NULL, progress, progress_data, cancellable, &local);
      if (table == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local));
          else
            g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_DATA_MISSING,
                         _("%s: the project refers to %s, which cannot be read: %s"), what,
                         source, local->message);
          return NULL;
        }
    }
  if (table == NULL)
    return NULL;

  if (strcmp (orchard_table_get_hash (table), hash) != 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR,
                   compressed != NULL ? ORCHARD_PROJECT_ERROR_CORRUPT
                                      : ORCHARD_PROJECT_ERROR_DATA_CHANGED,
                   compressed != NULL
                     ? _("%s: the stored data does not have its recorded hash %s; it is damaged")
                     : _("%s: %s changed since it was recorded (content hash %s, recorded %s); "
                         "the runs on it cannot be reproduced from it"),
                   what, compressed != NULL ? hash : source,
                   compressed != NULL ? "" : orchard_table_get_hash (table), hash);
      return NULL;
    }
  return g_steal_pointer (&table);
}

/**
 * orchard_project_delete_dataset:
 * @self: a project
 * @dataset_id: a data set without runs
 * @error: return location for a #GError
 *
 * Returns: %FALSE when runs still refer to it, or on error
 */
gboolean
orchard_project_delete_dataset (OrchardProject  *self,
                                gint64           dataset_id,
                                GError         **error)
{
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int n_runs;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (!begin_write (self, error))
    goto fail;
  count = prepare (self, "SELECT count(*) FROM runs WHERE dataset_id = ?", error);
  if (count == NULL)
    goto fail;
  sqlite3_bind_int64 (count, 1, dataset_id);
  sqlite3_step (count);
  n_runs = sqlite3_column_int (count, 0);
  if (n_runs > 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The data set has %d run; delete it first",
                                "The data set has %d runs; delete them first", n_runs), n_runs);
      goto fail;
    }
  stmt = prepare (self, "DELETE FROM datasets WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dataset_id);
  if (!step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no data set %lld"), self->path, (long long) dataset_id);
      goto fail;
    }
  if (!commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  notify_change (self, ORCHARD_PROJECT_CHANGE_DATASETS, dataset_id);
  return TRUE;

fail:
  rollback (self);
  orchard_project_unlock_db (self);
  return FALSE;
}

/* Writing runs ------------------------------------------------------------ */

/* A run that may still be written to: it exists and is running. */
static gboolean
check_running (OrchardProject  *self,
               gint64           run_id,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, "SELECT status FROM runs WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no run %lld"), self->path, (long long) run_id);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "running") != 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_STATE,
                   _("Run %lld has ended (%s); it cannot be changed"), (long long) run_id,
                   (const char *) sqlite3_column_text (stmt, 0));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_params (OrchardProject  *self,
              gint64           run_id,
              GVariant        *params,
              GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GVariantIter iter;
  const char *name;
  GVariant *value;

  stmt = prepare (self, "INSERT OR REPLACE INTO params (run_id, name, value, num, variant) "
                        "VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autoptr(GVariant) boxed = g_variant_ref_sink (g_variant_new_variant (value));
      g_autofree char *text = orchard_variant_to_text (value);
      double num = NAN;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        num = g_variant_get_double (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        num = g_variant_get_int32 (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        num = g_variant_get_uint32 (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        num = (double) g_variant_get_int64 (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
        num = (double) g_variant_get_uint64 (value);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        num = g_variant_get_boolean (value);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, run_id);
      bind_text (stmt, 2, name);
      bind_text (stmt, 3, text);
      bind_double (stmt, 4, num);
      sqlite3_bind_blob (stmt, 5, g_variant_get_data (boxed), g_variant_get_size (boxed),
                         SQLITE_TRANSIENT);
      if (!step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static char *
host_name (void)
{
  return g_strdup (g_get_host_name ());
}

/**
 * orchard_project_begin_run:
 * @self: a project
 * @dataset_id: the data set trained on (orchard_project_add_dataset())
 * @target: (nullable): the column predicted
 * @model: the learner, hyperparameters set: its name and every parameter
 *   are recorded
 * @seed: the seed of the run
 * @parent_id: the run this one retrains or reproduces, or 0
 * @error: return location for a #GError
 *
 * Records a run as running, committed before the training starts, with
 * this process as its owner (host, boot, pid): should the process die, the
 * next opening marks it failed. Log to it, then end it with
 * orchard_project_record_training() or orchard_project_finish_run().
 *
 * Returns: the run's id, 0 on error
 */
gint64
orchard_project_begin_run (OrchardProject  *self,
                           gint64           dataset_id,
                           const char      *target,
                           OrchardModel    *model,
                           guint64          seed,
                           gint64           parent_id,
                           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) hash = NULL;
  g_autoptr(GVariant) params = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *boot_id = read_boot_id ();
  g_autofree char *host = host_name ();
  gint64 id;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);
  g_return_val_if_fail (ORCHARD_IS_MODEL (model), 0);

  {
    g_autofree char *random = g_uuid_string_random ();
    g_autoptr(GString) hex = g_string_new (random);

    g_string_replace (hex, "-", "", 0);
    uuid = g_string_free (g_steal_pointer (&hex), FALSE);
  }
  params = g_variant_ref_sink (orchard_model_get_params (model));

  if (orchard_project_lock_db (self, error) == NULL)
    return 0;
  if (!begin_write (self, error))
    goto fail;

  hash = prepare (self, "SELECT hash FROM datasets WHERE id = ?", error);
  if (hash == NULL)
    goto fail;
  sqlite3_bind_int64 (hash, 1, dataset_id);
  if (sqlite3_step (hash) != SQLITE_ROW)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no data set %lld"), self->path, (long long) dataset_id);
      goto fail;
    }

  stmt = prepare (self, "INSERT INTO runs (uuid, dataset_id, data_hash, model, target, status, "
                        "started, seed, parent_id, app_version, host, pid, boot_id, "
                        "process_start) VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)",
                  error);
  if (stmt == NULL)
    goto fail;
  bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, dataset_id);
  bind_text (stmt, 3, (const char *) sqlite3_column_text (hash, 0));
  bind_text (stmt, 4, orchard_model_get_name (model));
  bind_text (stmt, 5, target);
  sqlite3_bind_int64 (stmt, 6, now_ms ());
  sqlite3_bind_int64 (stmt, 7, (sqlite3_int64) seed);
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 8, parent_id);
  else
    sqlite3_bind_null (stmt, 8);
  bind_text (stmt, 9, PACKAGE_VERSION);
  bind_text (stmt, 10, host);
  sqlite3_bind_int64 (stmt, 11, getpid ());
  bind_text (stmt, 12, boot_id);
  sqlite3_bind_int64 (stmt, 13, process_start (getpid ()));
  if (!step_done (self, stmt, error))
    {
      if (parent_id > 0)
        g_prefix_error (error, _("Run %lld as parent: "), (long long) parent_id);
      goto fail;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!write_params (self, id, params, error) || !commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  notify_change (self, ORCHARD_PROJECT_CHANGE_RUN_ADDED, id);
  return id;

fail:
  rollback (self);
  orchard_project_unlock_db (self);
  return 0;
}

/* The frame of every logging call: lock, transaction, running check. */
static gboolean
log_begin (OrchardProject  *self,
           gint64           run_id,
           GError         **error)
{
  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (begin_write (self, error) && check_running (self, run_id, error))
    return TRUE;
  rollback (self);
  orchard_project_unlock_db (self);
  return FALSE;
}

static gboolean
log_end (OrchardProject  *self,
         gint64           run_id,
         gboolean         ok,
         GError         **error)
{
  if (ok)
    ok = commit (self, error);
  if (!ok)
    rollback (self);
  orchard_project_unlock_db (self);
  if (ok)
    notify_change (self, ORCHARD_PROJECT_CHANGE_RUN_UPDATED, run_id);
  return ok;
}

static gboolean
write_setup (OrchardProject  *self,
             gint64           run_id,
             const char      *split,
             const double    *fractions,
             const char      *pipeline,
             const char      *pipeline_spec,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *fractions_text = NULL;

  if (fractions != NULL)
    {
      g_autofree char *a = orchard_format_double (fractions[0]);
      g_autofree char *b = orchard_format_double (fractions[1]);
      g_autofree char *c = orchard_format_double (fractions[2]);

      fractions_text = g_strdup_printf ("%s,%s,%s", a, b, c);
    }
  stmt = prepare (self, "UPDATE runs SET split = coalesce (?, split), "
                        "fractions = coalesce (?, fractions), pipeline = coalesce (?, pipeline), "
                        "pipeline_spec = coalesce (?, pipeline_spec) WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, split);
  bind_text (stmt, 2, fractions_text);
  bind_text (stmt, 3, pipeline);
  bind_text (stmt, 4, pipeline_spec);
  sqlite3_bind_int64 (stmt, 5, run_id);
  return step_done (self, stmt, error);
}

/**
 * orchard_project_log_setup:
 * @self: a project
 * @run_id: a running run
 * @split: (nullable): the split method ("stratified", "group:COLUMN", …)
 * @fractions: (nullable) (array fixed-size=3): training, validation and test shares
 * @pipeline: (nullable): where the pipeline came from ("auto:trees", a spec's path)
 * @pipeline_spec: (nullable): the pipeline spec, JSON
 * @error: return location for a #GError
 *
 * Records how the run trains; %NULL leaves a field as it was.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_setup (OrchardProject  *self,
                           gint64           run_id,
                           const char      *split,
                           const double    *fractions,
                           const char      *pipeline,
                           const char      *pipeline_spec,
                           GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id,
                  write_setup (self, run_id, split, fractions, pipeline, pipeline_spec, error),
                  error);
}

/**
 * orchard_project_log_params:
 * @self: a project
 * @run_id: a running run
 * @params: an `a{sv}` of parameters, added to or replacing the recorded ones
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_params (OrchardProject  *self,
                            gint64           run_id,
                            GVariant        *params,
                            GError         **error)
{
  g_autoptr(GVariant) owned = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (params != NULL && g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT), FALSE);

  owned = g_variant_ref_sink (params);
  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id, write_params (self, run_id, owned, error), error);
}

static gboolean
write_metric (OrchardProject  *self,
              sqlite3_stmt    *stmt,
              gint64           run_id,
              const char      *split,
              int              fold,
              const char      *name,
              double           value,
              GError         **error)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, run_id);
  bind_text (stmt, 2, split);
  sqlite3_bind_int (stmt, 3, fold < 0 ? ORCHARD_RUN_FOLD_NONE : fold);
  bind_text (stmt, 4, name);
  bind_double (stmt, 5, value);
  return step_done (self, stmt, error);
}

#define INSERT_METRIC \
  "INSERT OR REPLACE INTO metrics (run_id, split, fold, name, value) VALUES (?, ?, ?, ?, ?)"

/**
 * orchard_project_log_metric:
 * @self: a project
 * @run_id: a running run
 * @split: the split ("train", "valid", "test", "cv", …)
 * @fold: the cross-validation fold, or %ORCHARD_RUN_FOLD_NONE
 * @name: the metric
 * @value: its value (NaN is stored as missing)
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_metric (OrchardProject  *self,
                            gint64           run_id,
                            const char      *split,
                            int              fold,
                            const char      *name,
                            double           value,
                            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (split != NULL && name != NULL, FALSE);

  if (!log_begin (self, run_id, error))
    return FALSE;
  stmt = prepare (self, INSERT_METRIC, error);
  ok = stmt != NULL && write_metric (self, stmt, run_id, split, fold, name, value, error);
  return log_end (self, run_id, ok, error);
}

/**
 * orchard_project_log_metric_values:
 * @self: a project
 * @run_id: a running run
 * @split: the split
 * @fold: the cross-validation fold, or %ORCHARD_RUN_FOLD_NONE
 * @names: (array length=n_values): metric names
 * @values: (array length=n_values): their values
 * @n_values: how many
 * @error: return location for a #GError
 *
 * Records several metrics of one split in one transaction.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_metric_values (OrchardProject      *self,
                                   gint64               run_id,
                                   const char          *split,
                                   int                  fold,
                                   const char * const  *names,
                                   const double        *values,
                                   guint                n_values,
                                   GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (split != NULL, FALSE);
  g_return_val_if_fail (n_values == 0 || (names != NULL && values != NULL), FALSE);

  if (!log_begin (self, run_id, error))
    return FALSE;
  stmt = prepare (self, INSERT_METRIC, error);
  ok = stmt != NULL;
  for (guint i = 0; ok && i < n_values; i++)
    ok = write_metric (self, stmt, run_id, split, fold, names[i], values[i], error);
  return log_end (self, run_id, ok, error);
}

static gboolean
write_metrics (OrchardProject  *self,
               gint64           run_id,
               const char      *split,
               int              fold,
               OrchardMetrics  *metrics,
               GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = prepare (self, INSERT_METRIC, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < orchard_metrics_get_n_values (metrics); i++)
    if (!write_metric (self, stmt, run_id, split, fold, orchard_metrics_get_key (metrics, i),
                       orchard_metrics_get_value (metrics, i), error))
      return FALSE;
  return TRUE;
}

/**
 * orchard_project_log_metrics:
 * @self: a project
 * @run_id: a running run
 * @split: the split
 * @fold: the cross-validation fold, or %ORCHARD_RUN_FOLD_NONE
 * @metrics: every value of @metrics is recorded
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_metrics (OrchardProject  *self,
                             gint64           run_id,
                             const char      *split,
                             int              fold,
                             OrchardMetrics  *metrics,
                             GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (ORCHARD_IS_METRICS (metrics), FALSE);

  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id, write_metrics (self, run_id, split, fold, metrics, error), error);
}

static gboolean
write_curve (OrchardProject  *self,
             gint64           run_id,
             const char      *split,
             const char      *name,
             const double    *x,
             const double    *y,
             gsize            n,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree double *points = g_new (double, 2 * MAX (n, 1));
  g_autoptr(GVariant) variant = NULL;

  for (gsize i = 0; i < n; i++)
    {
      points[2 * i] = x[i];
      points[2 * i + 1] = y[i];
    }
  /* Little-endian `ad`, x and y interleaved. */
  variant = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, points, 2 * n,
                                                           sizeof (double)));
  if (G_BYTE_ORDER == G_BIG_ENDIAN)
    {
      GVariant *swapped = g_variant_byteswap (variant);
      g_variant_unref (variant);
      variant = swapped;
    }
  stmt = prepare (self, "INSERT OR REPLACE INTO curves (run_id, split, name, points) "
                        "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  bind_text (stmt, 2, split);
  bind_text (stmt, 3, name);
  sqlite3_bind_blob (stmt, 4, g_variant_get_data (variant), g_variant_get_size (variant),
                     SQLITE_TRANSIENT);
  return step_done (self, stmt, error);
}

/**
 * orchard_project_log_curve:
 * @self: a project
 * @run_id: a running run
 * @split: the split
 * @name: the curve ("roc", "pr", "calibration", "history.train_loss", …)
 * @x: (array length=n_points): x values
 * @y: (array length=n_points): y values
 * @n_points: points
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_curve (OrchardProject  *self,
                           gint64           run_id,
                           const char      *split,
                           const char      *name,
                           const double    *x,
                           const double    *y,
                           gsize            n_points,
                           GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (split != NULL && name != NULL, FALSE);
  g_return_val_if_fail (n_points == 0 || (x != NULL && y != NULL), FALSE);

  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id, write_curve (self, run_id, split, name, x, y, n_points, error),
                  error);
}

static gboolean
write_bundle (OrchardProject   *self,
              gint64            run_id,
              GBytes           *bytes,
              const char       *checksum,
              GError          **error)
{
  g_autoptr(GBytes) compressed = orchard_compress (g_bytes_get_data (bytes, NULL),
                                                   g_bytes_get_size (bytes));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "INSERT OR REPLACE INTO bundles (run_id, checksum, size, data) "
                        "VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  bind_text (stmt, 2, checksum);
  sqlite3_bind_int64 (stmt, 3, g_bytes_get_size (bytes));
  sqlite3_bind_blob64 (stmt, 4, g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed),
                       SQLITE_STATIC);
  return step_done (self, stmt, error);
}

/**
 * orchard_project_log_bundle:
 * @self: a project
 * @run_id: a running run
 * @artifact: the run's model bundle
 * @error: return location for a #GError
 *
 * Stores the bundle, compressed, with its SHA-256.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_log_bundle (OrchardProject   *self,
                            gint64            run_id,
                            OrchardArtifact  *artifact,
                            GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (artifact), FALSE);

  bytes = orchard_artifact_to_bytes (artifact);
  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id,
                  write_bundle (self, run_id, bytes, orchard_artifact_get_checksum (artifact),
                                error),
                  error);
}

/* Tags and notes may change after a run ended: they are the analyst's. */
static gboolean
annotate (OrchardProject  *self,
          gint64           run_id,
          const char      *sql,
          const char      *a,
          const char      *b,
          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;
  gboolean ok = FALSE;

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (!begin_write (self, error))
    goto out;
  exists = prepare (self, "SELECT 1 FROM runs WHERE id = ?", error);
  if (exists == NULL)
    goto out;
  sqlite3_bind_int64 (exists, 1, run_id);
  if (sqlite3_step (exists) != SQLITE_ROW)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                   _("%s: the project has no run %lld"), self->path, (long long) run_id);
      goto out;
    }
  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (a != NULL)
    bind_text (stmt, 2, a);
  if (b != NULL)
    bind_text (stmt, 3, b);
  ok = step_done (self, stmt, error);
out:
  return log_end (self, run_id, ok, error);
}

/**
 * orchard_project_set_tag:
 * @self: a project
 * @run_id: a run, running or ended
 * @key: the tag
 * @value: (nullable): its value, %NULL to remove it
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_set_tag (OrchardProject  *self,
                         gint64           run_id,
                         const char      *key,
                         const char      *value,
                         GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    return annotate (self, run_id, "DELETE FROM tags WHERE run_id = ?1 AND key = ?2", key, NULL,
                     error);
  return annotate (self, run_id, "INSERT OR REPLACE INTO tags (run_id, key, value) "
                                 "VALUES (?1, ?2, ?3)", key, value, error);
}

/**
 * orchard_project_set_note:
 * @self: a project
 * @run_id: a run, running or ended
 * @note: (nullable): the analyst's note, %NULL to remove it
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_set_note (OrchardProject  *self,
                          gint64           run_id,
                          const char      *note,
                          GError         **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if (note == NULL)
    return annotate (self, run_id, "UPDATE runs SET note = NULL WHERE id = ?1", NULL, NULL, error);
  return annotate (self, run_id, "UPDATE runs SET note = ?2 WHERE id = ?1", note, NULL, error);
}

static gboolean
write_finish (OrchardProject    *self,
              gint64             run_id,
              OrchardRunStatus   status,
              const char        *message,
              double             seconds,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  stmt = prepare (self, "UPDATE runs SET status = ?1, status_message = ?2, ended = ?3, "
                        "duration = coalesce (?4, (?3 - started) / 1000.0) WHERE id = ?5",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, orchard_run_status_to_string (status));
  bind_text (stmt, 2, message);
  sqlite3_bind_int64 (stmt, 3, now_ms ());
  bind_double (stmt, 4, seconds);
  sqlite3_bind_int64 (stmt, 5, run_id);
  return step_done (self, stmt, error);
}

/**
 * orchard_project_finish_run:
 * @self: a project
 * @run_id: a running run
 * @status: how it ended: finished, failed or cancelled
 * @message: (nullable): why it failed or was cancelled
 * @error: return location for a #GError
 *
 * Ends a run; its duration is the time since it began.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_finish_run (OrchardProject    *self,
                            gint64             run_id,
                            OrchardRunStatus   status,
                            const char        *message,
                            GError           **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (status != ORCHARD_RUN_RUNNING && status <= ORCHARD_RUN_CANCELLED, FALSE);

  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id, write_finish (self, run_id, status, message, NAN, error), error);
}

static gboolean
write_training (OrchardProject   *self,
                gint64            run_id,
                OrchardTrainer   *trainer,
                OrchardArtifact  *artifact,
                GBytes           *bytes,
                GError          **error)
{
  GVariant *lineage = orchard_artifact_get_lineage (artifact);
  g_autoptr(GVariant) params = NULL;
  const char *split = NULL, *pipeline = NULL, *spec = NULL, *test_hash = NULL;
  double fractions[3] = { NAN, NAN, NAN };
  const OrchardHistoryEntry *history;
  OrchardModel *model = orchard_artifact_get_model (artifact);
  guint n_history;

  g_variant_lookup (lineage, "split", "&s", &split);
  g_variant_lookup (lineage, "pipeline", "&s", &pipeline);
  g_variant_lookup (lineage, "pipeline-spec", "&s", &spec);
  g_variant_lookup (lineage, "fractions", "(ddd)", &fractions[0], &fractions[1], &fractions[2]);
  params = g_variant_lookup_value (lineage, "params", G_VARIANT_TYPE_VARDICT);

  if (!write_setup (self, run_id, split, isnan (fractions[0]) ? NULL : fractions, pipeline, spec,
                    error))
    return FALSE;
  if (params != NULL && !write_params (self, run_id, params, error))
    return FALSE;

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      OrchardMetrics *metrics = orchard_trainer_get_metrics (trainer, part);

      if (metrics != NULL &&
          !write_metrics (self, run_id, orchard_part_to_string (part), ORCHARD_RUN_FOLD_NONE,
                          metrics, error))
        return FALSE;
    }

  /* The learning curve, one curve per series. */
  history = orchard_model_get_history (model, &n_history);
  if (n_history > 0)
    {
      g_autofree double *x = g_new (double, n_history);
      g_autofree double *y = g_new (double, n_history);
      static const char * const names[] = { "history.train_loss", "history.valid_loss",
                                            "history.valid_metric" };

      for (guint s = 0; s < G_N_ELEMENTS (names); s++)
        {
          gboolean any = FALSE;

          for (guint i = 0; i < n_history; i++)
            {
              x[i] = history[i].iteration;
              y[i] = s == 0 ? history[i].train_loss
                   : s == 1 ? history[i].valid_loss : history[i].valid_metric;
              any |= !isnan (y[i]);
            }
          if (any && !write_curve (self, run_id, "train", names[s], x, y, n_history, error))
            return FALSE;
        }
    }

  if (g_variant_lookup (lineage, "test-data-hash", "&s", &test_hash))
    {
      g_autoptr(sqlite3_stmt) tag = prepare (self, "INSERT OR REPLACE INTO tags (run_id, key, "
                                                   "value) VALUES (?, 'test_data_hash', ?)", error);
      if (tag == NULL)
        return FALSE;
      sqlite3_bind_int64 (tag, 1, run_id);
      bind_text (tag, 2, test_hash);
      if (!step_done (self, tag, error))
        return FALSE;
    }

  return write_bundle (self, run_id, bytes, orchard_artifact_get_checksum (artifact), error) &&
         write_finish (self, run_id, ORCHARD_RUN_FINISHED, NULL,
                       orchard_trainer_get_seconds (trainer), error);
}

/**
 * orchard_project_record_training:
 * @self: a project
 * @run_id: the running run orchard_project_begin_run() made for it
 * @trainer: the trainer, trained
 * @artifact: the bundle it made
 * @error: return location for a #GError
 *
 * Records everything a training produced, in one transaction: the split,
 * fractions and pipeline (spec and source) of the bundle's lineage, every
 * parameter, the metrics of each part, the learning curve, the bundle, and
 * the run as finished with the training's time.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_record_training (OrchardProject   *self,
                                 gint64            run_id,
                                 OrchardTrainer   *trainer,
                                 OrchardArtifact  *artifact,
                                 GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (ORCHARD_IS_TRAINER (trainer), FALSE);
  g_return_val_if_fail (ORCHARD_IS_ARTIFACT (artifact), FALSE);

  bytes = orchard_artifact_to_bytes (artifact);
  if (!log_begin (self, run_id, error))
    return FALSE;
  return log_end (self, run_id, write_training (self, run_id, trainer, artifact, bytes, error),
                  error);
}

/* Deleting, storage, compacting, checking ---------------------------------- */

/**
 * orchard_project_delete_runs:
 * @self: a project
 * @run_ids: (array length=n_runs): the runs
 * @n_runs: how many
 * @error: return location for a #GError
 *
 * Deletes runs with their parameters, metrics, curves, tags and bundles,
 * in one transaction; runs they were the parent of keep going without a
 * parent. The pages freed are reused by the project and given back to the
 * file system by orchard_project_compact().
 *
 * Returns: %FALSE when a run does not exist (nothing is deleted), or on error
 */
gboolean
orchard_project_delete_runs (OrchardProject  *self,
                             const gint64    *run_ids,
                             guint            n_runs,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (run_ids != NULL || n_runs == 0, FALSE);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (!begin_write (self, error))
    goto fail;
  stmt = prepare (self, "DELETE FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n_runs; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, run_ids[i]);
      if (!step_done (self, stmt, error))
        goto fail;
      if (sqlite3_changes (self->db) == 0)
        {
          g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                       _("%s: the project has no run %lld; nothing was deleted"),
                       self->path, (long long) run_ids[i]);
          goto fail;
        }
    }
  if (!commit (self, error))
    goto fail;
  orchard_project_unlock_db (self);
  notify_change (self, ORCHARD_PROJECT_CHANGE_RUNS_DELETED, 0);
  return TRUE;

fail:
  rollback (self);
  orchard_project_unlock_db (self);
  return FALSE;
}

static gint64
query_int (OrchardProject *self,
           const char     *sql,
           gint64          arg)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return 0;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, arg);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/* The bytes of runs' rows: their records, parameters, metrics, tags and
 * curves, everything deleting a run removes with it but its bundle
 * (payload sizes with a rough per-row overhead; pages are not counted).
 * WHERE is "= ?1" for one run, "IS NOT NULL" for all: the sum over the
 * runs is the whole. */
#define RUN_ROWS_BYTES_SQL(WHERE) \
  "SELECT (SELECT coalesce (sum (length (uuid) + length (data_hash) + length (model) + " \
  "        coalesce (length (pipeline_spec), 0) + coalesce (length (note), 0) + 64), 0) " \
  "          FROM runs WHERE id " WHERE ")" \
  " + (SELECT coalesce (sum (length (name) + length (value) + length (variant) + 16), 0) " \
  "      FROM params WHERE run_id " WHERE ")" \
  " + (SELECT coalesce (sum (length (split) + length (name) + 24), 0) FROM metrics " \
  "      WHERE run_id " WHERE ")" \
  " + (SELECT coalesce (sum (length (key) + length (value) + 8), 0) FROM tags " \
  "      WHERE run_id " WHERE ")" \
  " + (SELECT coalesce (sum (length (points) + length (name) + 16), 0) FROM curves " \
  "      WHERE run_id " WHERE ")"
/* One run's: its rows and its bundle */
#define RUN_BYTES_SQL \
  RUN_ROWS_BYTES_SQL ("= ?1") \
  " + (SELECT coalesce (sum (length (data)), 0) FROM bundles WHERE run_id = ?1)"

/**
 * orchard_project_get_storage:
 * @self: a project
 * @storage: (out caller-allocates): where the bytes go
 * @error: return location for a #GError
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_get_storage (OrchardProject         *self,
                             OrchardProjectStorage  *storage,
                             GError                **error)
{
  gint64 page_size;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (storage != NULL, FALSE);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  exec (self, "BEGIN", NULL);
  page_size = query_int (self, "PRAGMA page_size", 0);
  storage->file_size = page_size * query_int (self, "PRAGMA page_count", 0);
  storage->free_size = page_size * query_int (self, "PRAGMA freelist_count", 0);
  storage->datasets_size = query_int (self, "SELECT coalesce (sum (length (data)), 0) "
                                            "FROM datasets", 0);
  storage->bundles_size = query_int (self, "SELECT coalesce (sum (length (data)), 0) FROM bundles",
                                     0);
  /* Payloads, with the per-row overhead a run's storage counts. */
  storage->runs_size = query_int (self, RUN_ROWS_BYTES_SQL ("IS NOT NULL"), 0);
  storage->n_datasets = query_int (self, "SELECT count(*) FROM datasets", 0);
  storage->n_runs = query_int (self, "SELECT count(*) FROM runs", 0);
  storage->references_size = query_int (self, "SELECT coalesce (sum (length (profile)), 0) "
                                              "FROM drift_references", 0);
  storage->batches_size =
    query_int (self, "SELECT (SELECT coalesce (sum (coalesce (length (report), 0) + "
                     "                             coalesce (length (name), 0) + 64), 0) "
                     "          FROM batches)"
                     " + (SELECT coalesce (sum (length (column_name) + length (test) + 40), 0) "
                     "      FROM drift_results)", 0);
  storage->n_references = query_int (self, "SELECT count(*) FROM drift_references", 0);
  storage->n_batches = query_int (self, "SELECT count(*) FROM batches", 0);
  storage->schema_version = user_version (self);
  exec (self, "COMMIT", NULL);
  orchard_project_unlock_db (self);
  return TRUE;
}

/**
 * orchard_project_get_run_storage:
 * @self: a project
 * @run_id: a run
 * @bytes: (out): the bytes its rows and blobs hold in the project
 * @error: return location for a #GError
 *
 * Returns: %FALSE when there is no such run
 */
gboolean
orchard_project_get_run_storage (OrchardProject  *self,
                                 gint64           run_id,
                                 guint64         *bytes,
                                 GError         **error)
{
  gboolean found;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  found = query_int (self, "SELECT count(*) FROM runs WHERE id = ?", run_id) > 0;
  if (found)
    *bytes = query_int (self, RUN_BYTES_SQL, run_id);
  else
    g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                 _("%s: the project has no run %lld"), self->path, (long long) run_id);
  orchard_project_unlock_db (self);
  return found;
}

/**
 * orchard_project_compact:
 * @self: a project
 * @cancellable: (nullable): a #GCancellable (checked before starting)
 * @error: return location for a #GError
 *
 * Gives the free pages back to the file system (`VACUUM`) and folds the
 * write-ahead log into the file. Waits for other connections' transactions.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_compact (OrchardProject  *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (self->read_only)
    {
      orchard_project_unlock_db (self);
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_READ_ONLY,
                   _("%s: the project is open read-only"), self->path);
      return FALSE;
    }
  ok = exec (self, "VACUUM", error) && exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", error);
  orchard_project_unlock_db (self);
  return ok;
}

static void
add_problem (GStrvBuilder *builder,
             char         *problem)
{
  g_strv_builder_add (builder, problem);
  g_free (problem);
}

/**
 * orchard_project_check:
 * @self: a project
 * @problems: (out) (transfer full): what is wrong, one sentence each; empty when nothing
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: its data
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Checks the whole file: SQLite's `integrity_check` and `foreign_key_check`,
 * that every stored data set decompresses to its recorded content hash and
 * every bundle to its SHA-256 and is a valid bundle, that every drift
 * reference's profile decompresses to its SHA-256 and is a valid profile
 * and every batch's report decompresses to a valid report (reports have
 * no recorded hash), and reports data sets stored by reference whose file
 * is gone or changed.
 *
 * Returns: %FALSE when the check could not run; problems found are not errors
 */
gboolean
orchard_project_check (OrchardProject   *self,
                       GStrv            *problems,
                       OrchardProgress   progress,
                       gpointer          progress_data,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();
  g_autoptr(GArray) datasets = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) bundles = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) references = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) batches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint total, done = 0;
  int rc;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (problems != NULL, FALSE);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  if (progress != NULL)
    progress (0.0, _("Checking the database"), progress_data);
  stmt = prepare (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    {
      orchard_project_unlock_db (self);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
      g_strv_builder_add (found, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    add_problem (found, g_strdup_printf (_("The integrity check stopped: %s"),
                                                 sqlite3_errmsg (self->db)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (self, "PRAGMA foreign_key_check", error);
  if (stmt != NULL)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      add_problem (found, g_strdup_printf (_("Table %s, row %lld refers to a missing "
                                                      "row of %s"),
                                                   sqlite3_column_text (stmt, 0),
                                                   (long long) sqlite3_column_int64 (stmt, 1),
                                                   sqlite3_column_text (stmt, 2)));
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (self, "SELECT id FROM datasets ORDER BY id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (datasets, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self, "SELECT run_id FROM bundles ORDER BY run_id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (bundles, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self, "SELECT id FROM drift_references ORDER BY id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (references, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = prepare (self, "SELECT id FROM batches WHERE report IS NOT NULL ORDER BY id", NULL);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (batches, id);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  orchard_project_unlock_db (self);

  total = datasets->len + bundles->len + references->len + batches->len + 1;
  for (guint i = 0; i < datasets->len; i++)
    {
      g_autoptr(OrchardTable) table = NULL;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) ++done / total, _("Checking the data sets"), progress_data);
      table = orchard_project_load_dataset (self, g_array_index (datasets, gint64, i), NULL, NULL,
                                            cancellable, &local);
      if (table == NULL)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          g_strv_builder_add (found, local->message);
        }
    }
  for (guint i = 0; i < bundles->len; i++)
    {
      g_autoptr(OrchardArtifact) artifact = NULL;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) ++done / total, _("Checking the model bundles"), progress_data);
      artifact = orchard_project_load_bundle (self, g_array_index (bundles, gint64, i), &local);
      if (artifact == NULL)
        g_strv_builder_add (found, local->message);
    }
  for (guint i = 0; i < references->len; i++)
    {
      g_autoptr(OrchardReferenceProfile) profile = NULL;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) ++done / total, _("Checking the drift references"), progress_data);
      profile = orchard_project_load_reference (self, g_array_index (references, gint64, i), &local);
      if (profile == NULL)
        g_strv_builder_add (found, local->message);
    }
  for (guint i = 0; i < batches->len; i++)
    {
      g_autoptr(OrchardDriftReport) report = NULL;
      g_autoptr(GError) local = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress ((double) ++done / total, _("Checking the drift reports"), progress_data);
      report = orchard_project_load_batch_report (self, g_array_index (batches, gint64, i), &local);
      if (report == NULL)
        g_strv_builder_add (found, local->message);
    }
  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  *problems = g_strv_builder_end (found);
  return TRUE;
}

/**
 * orchard_project_load_bundle:
 * @self: a project
 * @run_id: a run with a bundle
 * @error: return location for a #GError
 *
 * Reads a run's model bundle back, checking its SHA-256 against the one
 * recorded with it.
 *
 * Returns: (transfer full) (nullable): the bundle
 */
OrchardArtifact *
orchard_project_load_bundle (OrchardProject  *self,
                             gint64           run_id,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GBytes) compressed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (orchard_project_lock_db (self, error) == NULL)
    return NULL;
  stmt = prepare (self, "SELECT checksum, data FROM bundles WHERE run_id = ?", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          checksum = column_text (stmt, 0);
          compressed = g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
        }
      else
        g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                     _("%s: run %lld has no model bundle"), self->path, (long long) run_id);
    }
  orchard_project_unlock_db (self);
  if (compressed == NULL)
    return NULL;

  name = g_strdup_printf (_("%s, bundle of run %lld"), self->path, (long long) run_id);
  raw = orchard_decompress (g_bytes_get_data (compressed, NULL), g_bytes_get_size (compressed),
                            &local);
  if (raw != NULL)
    artifact = orchard_artifact_new_from_bytes (raw, name, &local);
  if (artifact == NULL)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the bundle is damaged (%s)"), name, local->message);
      return NULL;
    }
  if (g_strcmp0 (orchard_artifact_get_checksum (artifact), checksum) != 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_CORRUPT,
                   _("%s: the bundle's SHA-256 is %s, but %s was recorded"), name,
                   orchard_artifact_get_checksum (artifact), checksum);
      return NULL;
    }
  return g_steal_pointer (&artifact);
}

/**
 * orchard_project_set_bundle_threshold:
 * @self: a project
 * @run_id: a run with a stored bundle (finished or not)
 * @threshold: the binary classifier's new decision threshold, 0..1
 * @error: return location for a #GError
 *
 * Rewrites the run's stored bundle with @threshold as its decision
 * threshold, and its new SHA-256: what the Evaluate page's "Save in Bundle"
 * chooses reaches the bundle that `orchard-cli export` and serving take
 * from the project. The rest of the bundle is unchanged.
 *
 * Returns: %FALSE on error (no bundle, not a binary classifier, a
 *   threshold out of range, a read-only project)
 */
gboolean
orchard_project_set_bundle_threshold (OrchardProject  *self,
                                      gint64           run_id,
                                      double           threshold,
                                      GError         **error)
{
  g_autoptr(OrchardArtifact) artifact = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  artifact = orchard_project_load_bundle (self, run_id, error);
  if (artifact == NULL)
    return FALSE;
  if (!orchard_artifact_set_threshold (artifact, threshold, error))
    {
      g_prefix_error (error, _("%s, run %lld: "), self->path, (long long) run_id);
      return FALSE;
    }
  bytes = orchard_artifact_to_bytes (artifact);

  if (orchard_project_lock_db (self, error) == NULL)
    return FALSE;
  ok = begin_write (self, error) &&
       write_bundle (self, run_id, bytes, orchard_artifact_get_checksum (artifact), error) &&
       commit (self, error);
  if (!ok)
    rollback (self);
  orchard_project_unlock_db (self);
  if (ok)
    notify_change (self, ORCHARD_PROJECT_CHANGE_RUN_UPDATED, run_id);
  return ok;
}
