/* orchard-project-query.c: reading, sorting, filtering and comparing runs
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-project-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)
static OrchardRunComparison *orchard_run_comparison_copy (OrchardRunComparison *comparison);

G_DEFINE_BOXED_TYPE (OrchardRunComparison, orchard_run_comparison, orchard_run_comparison_copy,
                     orchard_run_comparison_free)

/* The columns of an OrchardRunSummary, then those an OrchardRun adds: a
 * run table reads only the first (a third of the time of all of them). */
#define SUMMARY_COLUMNS \
  "r.id, r.model, r.target, r.status, r.dataset_id, r.data_hash, r.parent_id, r.started, " \
  "r.ended, r.duration, r.seed"
#define N_SUMMARY_COLUMNS 11
#define WIDE_COLUMNS \
  ", r.uuid, r.status_message, r.split, r.fractions, r.pipeline, r.app_version, r.host, r.note"
#define N_RUN_COLUMNS 19

/* A run's row of the runs table as an OrchardRun takes it. */
typedef struct
{
  OrchardRunSummary summary;
  const char       *uuid;
  const char       *status_message;
  const char       *split;
  double            fractions[3];
  const char       *pipeline;
  const char       *app_version;
  const char       *host;
  const char       *note;
} RunRow;

static char *
text_at (sqlite3_stmt *stmt,
         int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

/* A text column's bytes as they lie in the page, without the copy that
 * nul-terminating them takes (sqlite3_column_text()); NULL for SQL NULL. */
static const char *
bytes_at (sqlite3_stmt *stmt,
          int           index,
          gsize        *length)
{
  const char *bytes = sqlite3_column_blob (stmt, index);

  *length = sqlite3_column_bytes (stmt, index);
  if (bytes == NULL && sqlite3_column_type (stmt, index) != SQLITE_NULL)
    bytes = "";
  return bytes;
}

/* A string of the row copied into the pool (not shared: a uuid, a note). */
static const char *
copied_at (OrchardStringPool *pool,
           sqlite3_stmt      *stmt,
           int                index)
{
  gsize length;
  const char *bytes = bytes_at (stmt, index, &length);

  return bytes != NULL ? orchard_string_pool_copy (pool, bytes, length) : NULL;
}

/* Runs of a listing mostly repeat a recent run's model, target, host…:
 * compare with the last few values of the column before looking the string
 * up in the pool. */
typedef struct
{
  gint64      id;
  const char *name;   /* pooled */
  const char *hash;   /* pooled */
} DatasetName;

#define N_RECENT 4

typedef struct
{
  const char *text;   /* pooled */
  gsize       length;
} Recent;

typedef struct
{
  OrchardStringPool *pool;
  Recent             recent[N_RUN_COLUMNS][N_RECENT];
  guint              next[N_RUN_COLUMNS];
  GArray            *datasets;   /* DatasetName: a project holds few */
  guint              last_dataset;
  const char        *last_fractions_text;
  double             last_fractions[3];
} RowStrings;

static const DatasetName *
find_dataset (RowStrings *strings,
              gint64      id)
{
  GArray *datasets = strings->datasets;

  if (strings->last_dataset < datasets->len &&
      g_array_index (datasets, DatasetName, strings->last_dataset).id == id)
    return &g_array_index (datasets, DatasetName, strings->last_dataset);
  for (guint i = 0; i < datasets->len; i++)
    if (g_array_index (datasets, DatasetName, i).id == id)
      {
        strings->last_dataset = i;
        return &g_array_index (datasets, DatasetName, i);
      }
  return NULL;
}

static const char *
pooled_at (RowStrings   *strings,
           sqlite3_stmt *stmt,
           int           index)
{
  Recent *recent = strings->recent[index];
  gsize length;
  const char *bytes = bytes_at (stmt, index, &length);
  g_autofree char *text = NULL;
  const char *pooled;

  if (bytes == NULL)
    return NULL;
  for (guint k = 0; k < N_RECENT; k++)
    if (recent[k].text != NULL && recent[k].length == length &&
        memcmp (recent[k].text, bytes, length) == 0)
      return recent[k].text;
  text = g_strndup (bytes, length);
  pooled = orchard_string_pool_add (strings->pool, text);
  recent[strings->next[index]].text = pooled;
  recent[strings->next[index]].length = length;
  strings->next[index] = (strings->next[index] + 1) % N_RECENT;
  return pooled;
}

#define interned_at(stmt, index) pooled_at (strings, stmt, index)

/* One row of the summary columns into @run, every string in the pool: no
 * allocation of its own. */
static void
summary_from_row (sqlite3_stmt      *stmt,
                  RowStrings        *strings,
                  OrchardRunSummary *run)
{
  gsize status_length;
  const char *status = bytes_at (stmt, 3, &status_length);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->model = interned_at (stmt, 1);
  run->target = interned_at (stmt, 2);
  /* The CHECK constraint allows these four; the first letters tell them apart. */
  switch (status != NULL && status_length > 1 ? status[0] : '\0')
    {
    case 'r': run->status = ORCHARD_RUN_RUNNING; break;
    case 'f': run->status = status[1] == 'i' ? ORCHARD_RUN_FINISHED : ORCHARD_RUN_FAILED; break;
    case 'c': run->status = ORCHARD_RUN_CANCELLED; break;
    default:  run->status = ORCHARD_RUN_FAILED; break;
    }
  run->dataset_id = sqlite3_column_int64 (stmt, 4);
  {
    /* The data set's hash is the run's; read from the row only if unknown. */
    const DatasetName *dataset = find_dataset (strings, run->dataset_id);

    if (dataset != NULL)
      {
        run->data_hash = dataset->hash;
        run->dataset_name = dataset->name;
      }
    else
      {
        run->data_hash = interned_at (stmt, 5);
        run->dataset_name = NULL;
      }
  }
  run->parent_id = sqlite3_column_int64 (stmt, 6);
  run->start_time = sqlite3_column_int64 (stmt, 7);
  run->end_time = sqlite3_column_int64 (stmt, 8);
  run->duration = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? NAN
                                                               : sqlite3_column_double (stmt, 9);
  run->seed = (guint64) sqlite3_column_int64 (stmt, 10);
  run->sort_value = NAN;
}

/* The rest of the row, for OrchardRun objects. */
static void
wide_from_row (sqlite3_stmt *stmt,
               RowStrings   *strings,
               RunRow       *run)
{
  const char *fractions;

  run->uuid = copied_at (strings->pool, stmt, 11);
  run->status_message = copied_at (strings->pool, stmt, 12);
  run->split = interned_at (stmt, 13);
  /* Runs mostly share their fractions: parse each distinct text once. */
  fractions = interned_at (stmt, 14);
  if (fractions != strings->last_fractions_text || fractions == NULL)
    {
      const char *p = fractions;

      strings->last_fractions_text = fractions;
      strings->last_fractions[0] = strings->last_fractions[1] = strings->last_fractions[2] = NAN;
      for (guint k = 0; p != NULL && k < 3; k++)
        {
          char *end = NULL;

          strings->last_fractions[k] = g_ascii_strtod (p, &end);
          p = end != NULL && *end == ',' ? end + 1 : NULL;
        }
    }
  memcpy (run->fractions, strings->last_fractions, sizeof run->fractions);
  run->pipeline = interned_at (stmt, 15);
  run->app_version = interned_at (stmt, 16);
  run->host = interned_at (stmt, 17);
  run->note = copied_at (strings->pool, stmt, 18);
}

static OrchardRun *
run_from_row (OrchardStringPool *pool,
              const RunRow      *row)
{
  OrchardRun *run = orchard_run_new_from_summary (pool, &row->summary);

  run->uuid = row->uuid;
  run->status_message = row->status_message;
  run->split = row->split;
  memcpy (run->fractions, row->fractions, sizeof run->fractions);
  run->pipeline = row->pipeline;
  run->app_version = row->app_version;
  run->host = row->host;
  run->note = row->note;
  return run;
}

/* Parameter values repeat across runs: each distinct serialised value is
 * made into a GVariant once per listing. */
static GVariant *
param_from_blob (GHashTable   *cache,
                 sqlite3_stmt *stmt,
                 int           index)
{
  g_autoptr(GBytes) probe = g_bytes_new_static (sqlite3_column_blob (stmt, index),
                                                sqlite3_column_bytes (stmt, index));
  GVariant *value = g_hash_table_lookup (cache, probe);

  if (value == NULL)
    {
      GBytes *bytes = g_bytes_new (sqlite3_column_blob (stmt, index),
                                   sqlite3_column_bytes (stmt, index));
      g_autoptr(GVariant) boxed = NULL;

      boxed = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE_VARIANT, bytes, FALSE));

      if (g_variant_is_normal_form (boxed))
        value = g_variant_get_variant (boxed);
      else
        {
          const char *text = (const char *) sqlite3_column_text (stmt, index - 1);
          value = g_variant_ref_sink (g_variant_new_string (text));
        }
      g_hash_table_insert (cache, bytes, value);
    }
  return g_variant_ref (value);
}

static int
split_rank (const char *split)
{
  if (strcmp (split, "train") == 0)
    return 0;
  if (strcmp (split, "valid") == 0)
    return 1;
  if (strcmp (split, "test") == 0)
    return 2;
  return 3;
}

static int
compare_metrics (gconstpointer a,
                 gconstpointer b)
{
  const OrchardRunMetric *x = a, *y = b;
  int c = split_rank (x->split) - split_rank (y->split);

  if (c == 0)
    c = strcmp (x->split, y->split);
  if (c == 0)
    c = x->fold - y->fold;
  if (c == 0)
    c = strcmp (x->name, y->name);
  return c;
}

/* Positions by run id: a direct table when the ids are dense (they usually
 * are), else a hash table. */
typedef struct
{
  gint64      min;
  gsize       size;
  guint      *slots;   /* position + 1, 0 for none */
  GHashTable *hash;    /* id → position + 1 */
} RunIndex;

static void
run_index_init (RunIndex     *index,
                const gint64 *ids,
                gsize         stride,
                guint         n)
{
  gint64 min = G_MAXINT64, max = G_MININT64;

#define ID_AT(i) (*(const gint64 *) ((const char *) ids + (gsize) (i) * stride))
  memset (index, 0, sizeof *index);
  for (guint i = 0; i < n; i++)
    {
      min = MIN (min, ID_AT (i));
      max = MAX (max, ID_AT (i));
    }
  if (n > 0 && (guint64) (max - min) < 4 * (guint64) n + 64)
    {
      index->min = min;
      index->size = max - min + 1;
      index->slots = g_new0 (guint, index->size);
      for (guint i = 0; i < n; i++)
        index->slots[ID_AT (i) - min] = i + 1;
    }
  else
    {
      index->hash = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        g_hash_table_insert (index->hash, g_memdup2 (&ID_AT (i), sizeof (gint64)),
                             GUINT_TO_POINTER (i + 1));
    }
#undef ID_AT
}

/* The position of run @id, or -1. */
static gint64
run_index_lookup (RunIndex *index,
                  gint64    id)
{
  if (index->hash != NULL)
    return (gint64) GPOINTER_TO_UINT (g_hash_table_lookup (index->hash, &id)) - 1;
  if (id < index->min || (guint64) (id - index->min) >= index->size)
    return -1;
  return (gint64) index->slots[id - index->min] - 1;
}

static void
run_index_clear (RunIndex *index)
{
  g_clear_pointer (&index->slots, g_free);
  g_clear_pointer (&index->hash, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunIndex, run_index_clear)

/* Reads params, metrics, tags and curves for @runs, in one scan of each
 * table for long lists and by run for short ones. */
gboolean
orchard_project_fill_runs (OrchardProject   *self,
                           sqlite3          *db,
                           GPtrArray        *runs,
                           OrchardRunDetail  detail,
                           GError          **error)
{
  g_auto(RunIndex) by_id = { 0 };
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                        (GDestroyNotify) g_bytes_unref,
                                                        (GDestroyNotify) g_variant_unref);
  const char *last_split = NULL, *last_name = NULL, *last_param = NULL;
  gboolean scan = runs->len > 64;
  struct { OrchardRunDetail flag; const char *sql_all; const char *sql_one; } parts[] = {
    { ORCHARD_RUN_DETAIL_PARAMS, "SELECT run_id, name, value, variant FROM params "
                                 "ORDER BY run_id, name",
      "SELECT run_id, name, value, variant FROM params WHERE run_id = ? ORDER BY name" },
    /* In primary key order, run by run: without the ORDER BY, SQLite walks
     * the smaller metrics_by_value index, in metric order, and every row
     * then lands on another run (cache misses: 4 s instead of 1). */
    { ORCHARD_RUN_DETAIL_METRICS, "SELECT run_id, split, fold, name, value FROM metrics "
                                  "ORDER BY run_id, split, fold, name",
      "SELECT run_id, split, fold, name, value FROM metrics WHERE run_id = ?" },
    { ORCHARD_RUN_DETAIL_FULL, "SELECT run_id, key, value FROM tags ORDER BY run_id, key",
      "SELECT run_id, key, value FROM tags WHERE run_id = ?" },
    { ORCHARD_RUN_DETAIL_FULL, "SELECT run_id, split || '.' || name FROM curves "
                               "ORDER BY run_id, split, name",
      "SELECT run_id, split || '.' || name FROM curves WHERE run_id = ? ORDER BY split, name" },
  };

  {
    g_autofree gint64 *ids = g_new (gint64, MAX (runs->len, 1));

    for (guint i = 0; i < runs->len; i++)
      ids[i] = ((OrchardRun *) g_ptr_array_index (runs, i))->id;
    run_index_init (&by_id, ids, sizeof (gint64), runs->len);
  }

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GHashTable) curves = NULL;
      guint n_passes = scan ? 1 : runs->len;

      if ((detail & parts[p].flag) != parts[p].flag)
        continue;
      if (sqlite3_prepare_v2 (db, scan ? parts[p].sql_all : parts[p].sql_one, -1, &stmt,
                              NULL) != SQLITE_OK)
        return orchard_project_sql_error (self, sqlite3_errcode (db), error);
      if (p == 3)
        curves = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strv_builder_unref);

      for (guint pass = 0; pass < n_passes; pass++)
        {
          int rc;

          if (!scan)
            {
              sqlite3_reset (stmt);
              sqlite3_bind_int64 (stmt, 1, ((OrchardRun *) g_ptr_array_index (runs, pass))->id);
            }
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              gint64 position = run_index_lookup (&by_id, sqlite3_column_int64 (stmt, 0));
              OrchardRun *run;

              if (position < 0)
                continue;
              run = g_ptr_array_index (runs, position);
              if (p == 0)
                {
                  const char *param = (const char *) sqlite3_column_text (stmt, 1);

                  if (last_param == NULL || strcmp (last_param, param) != 0)
                    last_param = orchard_string_pool_add (run->pool, param);
                  orchard_run_add_param (run, last_param, param_from_blob (values, stmt, 3));
                }
              else if (p == 1)
                {
                  OrchardRunMetric m;

                  if (run->metrics == NULL)
                    run->metrics = g_array_sized_new (FALSE, FALSE, sizeof (OrchardRunMetric),
                                                      16);
                  const char *split = (const char *) sqlite3_column_text (stmt, 1);
                  const char *name = (const char *) sqlite3_column_text (stmt, 3);

                  if (last_split == NULL || strcmp (last_split, split) != 0)
                    last_split = orchard_string_pool_add (run->pool, split);
                  if (last_name == NULL || strcmp (last_name, name) != 0)
                    last_name = orchard_string_pool_add (run->pool, name);
                  m.split = last_split;
                  m.fold = sqlite3_column_int (stmt, 2);
                  m.name = last_name;
                  m.value = sqlite3_column_type (stmt, 4) == SQLITE_NULL
                              ? NAN : sqlite3_column_double (stmt, 4);
                  g_array_append_val (run->metrics, m);
                }
              else if (p == 2)
                {
                  if (run->tags == NULL)
                    run->tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
                  g_hash_table_replace (run->tags, text_at (stmt, 1), text_at (stmt, 2));
                }
              else
                {
                  GStrvBuilder *builder = g_hash_table_lookup (curves, run);

                  if (builder == NULL)
                    g_hash_table_insert (curves, run, builder = g_strv_builder_new ());
                  g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 1));
                }
            }
          if (rc != SQLITE_DONE)
            return orchard_project_sql_error (self, rc, error);
        }

      if (curves != NULL)
        {
          GHashTableIter iter;
          gpointer key, value;

          g_hash_table_iter_init (&iter, curves);
          while (g_hash_table_iter_next (&iter, &key, &value))
            ((OrchardRun *) key)->curve_names = g_strv_builder_end (value);
        }
    }

  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *run = g_ptr_array_index (runs, i);

      if (run->metrics != NULL)
        g_array_sort (run->metrics, compare_metrics);
    }
  return TRUE;
}

/* Steps a query that yields (run id, value) pairs; calls @each for every row. */
typedef void (*PairFunc) (gint64 id, sqlite3_stmt *stmt, gpointer data);

static gboolean
scan_pairs (OrchardProject  *self,
            sqlite3         *db,
            const char      *sql,
            const char      *arg1,
            const char      *arg2,
            PairFunc         each,
            gpointer         data,
            GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return orchard_project_sql_error (self, sqlite3_errcode (db), error);
  if (arg1 != NULL)
    sqlite3_bind_text (stmt, 1, arg1, -1, SQLITE_TRANSIENT);
  if (arg2 != NULL)
    sqlite3_bind_text (stmt, 2, arg2, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    each (sqlite3_column_int64 (stmt, 0), stmt, data);
  return rc == SQLITE_DONE || orchard_project_sql_error (self, rc, error);
}

static void
put_dataset_name (gint64        id,
                  sqlite3_stmt *stmt,
                  gpointer      data)
{
  RowStrings *strings = data;
  DatasetName dataset;

  dataset.id = id;
  dataset.name = orchard_string_pool_add (strings->pool, (const char *) sqlite3_column_text (stmt, 1));
  dataset.hash = orchard_string_pool_add (strings->pool, (const char *) sqlite3_column_text (stmt, 2));
  g_array_append_val (strings->datasets, dataset);
}

/* A listing's runs before they become objects: summaries in the order the
 * runs table gave them (by id, or by a column of theirs), and the order
 * asked for. */
typedef struct
{
  OrchardStringPool *pool;
  GArray            *rows;    /* RunRow when wide, else OrchardRunSummary; the
                               * summary first either way */
  guint             *order;   /* position → row, NULL for the rows' order */
  guint              n;
} Listing;

static void
listing_clear (Listing *listing)
{
  g_clear_pointer (&listing->pool, orchard_string_pool_unref);
  g_clear_pointer (&listing->rows, g_array_unref);
  g_clear_pointer (&listing->order, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Listing, listing_clear)

typedef struct
{
  guint  row;
  double value;
} SortKey;

/* Sorting by a metric or a parameter walks its index, (name, split, fold,
 * value, run_id) or (name, num, run_id), in order: no sorting in SQLite or
 * here. The index runs one way for both columns, so a descending walk
 * meets equal values with the highest id first; such runs of ties are
 * turned round afterwards to keep ids ascending. */
static gboolean
read_sort_keys (OrchardProject  *self,
                sqlite3         *db,
                const char      *kind,
                const char      *split,
                const char      *name,
                gboolean         descending,
                RunIndex        *by_id,
                GArray          *keys,
                GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *sql;
  int rc;

  if (strcmp (kind, "metric") == 0)
    sql = descending ? "SELECT run_id, value FROM metrics WHERE name = ?2 AND split = ?1 AND "
                       "fold = -1 AND value IS NOT NULL ORDER BY value DESC, run_id DESC"
                     : "SELECT run_id, value FROM metrics WHERE name = ?2 AND split = ?1 AND "
                       "fold = -1 AND value IS NOT NULL ORDER BY value, run_id";
  else
    sql = descending ? "SELECT run_id, num FROM params WHERE name = ?2 AND num IS NOT NULL "
                       "ORDER BY num DESC, run_id DESC"
                     : "SELECT run_id, num FROM params WHERE name = ?2 AND num IS NOT NULL "
                       "ORDER BY num, run_id";
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return orchard_project_sql_error (self, sqlite3_errcode (db), error);
  if (strcmp (kind, "metric") == 0)
    sqlite3_bind_text (stmt, 1, split, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 row = run_index_lookup (by_id, sqlite3_column_int64 (stmt, 0));
      SortKey key;

      if (row < 0)
        continue;
      key.row = row;
      key.value = sqlite3_column_double (stmt, 1);
      g_array_append_val (keys, key);
    }
  if (rc != SQLITE_DONE)
    return orchard_project_sql_error (self, rc, error);

  if (descending)
    for (guint i = 0; i < keys->len;)
      {
        guint j = i + 1;

        while (j < keys->len && g_array_index (keys, SortKey, j).value ==
                                g_array_index (keys, SortKey, i).value)
          j++;
        for (guint a = i, b = j - 1; a < b; a++, b--)
          {
            SortKey swap = g_array_index (keys, SortKey, a);

            g_array_index (keys, SortKey, a) = g_array_index (keys, SortKey, b);
            g_array_index (keys, SortKey, b) = swap;
          }
        i = j;
      }
  return TRUE;
}

/* Reads the summaries of the runs @filter keeps, in the order asked, into
 * @listing; @db is locked and in a read transaction. */
static gboolean
read_listing (OrchardProject    *self,
              sqlite3           *db,
              OrchardRunFilter  *where,
              const char        *kind,
              const char        *split,
              const char        *name,
              gboolean           descending,
              gint64             only_id,
              gboolean           wide,
              Listing           *listing,
              GError           **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " SUMMARY_COLUMNS);
  guint n_columns = wide ? N_RUN_COLUMNS : N_SUMMARY_COLUMNS;
  guint size = g_array_get_element_size (listing->rows);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) datasets = g_array_new (FALSE, FALSE, sizeof (DatasetName));
  g_auto(RunIndex) by_id = { 0 };
  gboolean by_column = kind != NULL && strcmp (kind, "column") == 0;
  RowStrings strings = { listing->pool, { { { NULL, 0 } } }, { 0 }, datasets, 0, NULL,
                         { NAN, NAN, NAN } };
  int rc;

  /* The runs themselves, in id order (or by a column of theirs). */
  if (wide)
    g_string_append (sql, WIDE_COLUMNS);
  if (by_column)
    g_string_append_printf (sql, ", %s", name);
  g_string_append_printf (sql, " FROM runs r WHERE %s", where->sql->str);
  if (only_id > 0)
    g_string_append_printf (sql, " AND r.id = %" G_GINT64_FORMAT, only_id);
  if (by_column)
    g_string_append_printf (sql, " ORDER BY (%s IS NULL), %s %s, r.id", name, name,
                            descending ? "DESC" : "ASC");
  else
    g_string_append (sql, " ORDER BY r.id");

  if (!scan_pairs (self, db, "SELECT id, name, hash FROM datasets", NULL, NULL, put_dataset_name,
                   &strings, error))
    return FALSE;
  if (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return orchard_project_sql_error (self, sqlite3_errcode (db), error);
  orchard_run_filter_bind (stmt, 1, where->args);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OrchardRunSummary *run;

      g_array_set_size (listing->rows, listing->rows->len + 1);
      run = (OrchardRunSummary *) (listing->rows->data + (gsize) size * (listing->rows->len - 1));
      summary_from_row (stmt, &strings, run);
      if (wide)
        wide_from_row (stmt, &strings, (RunRow *) run);
      if (by_column && sqlite3_column_type (stmt, n_columns) != SQLITE_NULL)
        run->sort_value = sqlite3_column_double (stmt, n_columns);
    }
  if (rc != SQLITE_DONE)
    return orchard_project_sql_error (self, rc, error);
  listing->n = listing->rows->len;

  if (kind != NULL && !by_column)
    {
      g_autoptr(GArray) keys = g_array_sized_new (FALSE, FALSE, sizeof (SortKey), listing->n);
      g_autofree guint8 *keyed = g_new0 (guint8, MAX (listing->n, 1));
      guint n = 0;

      /* No row, no data: nothing to point at (UBSan). */
      run_index_init (&by_id,
                      listing->n > 0 ? &((OrchardRunSummary *) listing->rows->data)->id : NULL,
                      size, listing->n);
      if (!read_sort_keys (self, db, kind, split, name, descending, &by_id, keys, error))
        return FALSE;

      /* The runs with the key, in its order; then the others, by id. */
      listing->order = g_new (guint, MAX (listing->n, 1));
      for (guint i = 0; i < keys->len; i++)
        {
          const SortKey *key = &g_array_index (keys, SortKey, i);

          ((OrchardRunSummary *) (listing->rows->data + (gsize) size * key->row))->sort_value =
            key->value;
          keyed[key->row] = 1;
          listing->order[n++] = key->row;
        }
      for (guint row = 0; row < listing->n; row++)
        if (!keyed[row])
          listing->order[n++] = row;
      g_assert (n == listing->n);
    }
  return TRUE;
}

static gboolean
parse_listing (const char        *filter,
               const char        *sort,
               OrchardSortOrder   order,
               OrchardRunFilter  *where,
               char             **kind,
               char             **split,
               char             **name,
               gboolean          *descending,
               GError           **error)
{
  *descending = order == ORCHARD_SORT_DESCENDING;
  if (!orchard_run_filter_compile (filter, where, error))
    return FALSE;
  if (sort != NULL)
    {
      if (!orchard_run_key_parse (sort, kind, split, name, error))
        return FALSE;
      if (strcmp (*kind, "metric") == 0 && order == ORCHARD_SORT_AUTO)
        *descending = orchard_metric_higher_is_better (*name);
    }
  return TRUE;
}

static void
put_checksum (gint64        id,
              sqlite3_stmt *stmt,
              gpointer      data)
{
  gpointer *args = data;
  GPtrArray *runs = args[0];
  gint64 position = run_index_lookup (args[1], id);

  if (position >= 0)
    {
      OrchardRun *run = g_ptr_array_index (runs, position);
      run->bundle_checksum = copied_at (run->pool, stmt, 1);
    }
}

static void
put_pipeline_spec (gint64        id,
                   sqlite3_stmt *stmt,
                   gpointer      data)
{
  gpointer *args = data;
  GPtrArray *runs = args[0];
  gint64 position = run_index_lookup (args[1], id);

  if (position >= 0)
    {
      OrchardRun *run = g_ptr_array_index (runs, position);

      g_free (run->pipeline_spec);
      run->pipeline_spec = text_at (stmt, 1);
    }
}

/* The full columns of %ORCHARD_RUN_DETAIL_FULL: bundle checksums and
 * pipeline specs, which a summary leaves out (a bundle row lies next to its
 * blob, a spec is long). */
static gboolean
fill_full_columns (OrchardProject  *self,
                   sqlite3         *db,
                   GPtrArray       *runs,
                   GError         **error)
{
  g_auto(RunIndex) by_id = { 0 };
  g_autofree gint64 *ids = g_new (gint64, MAX (runs->len, 1));
  gpointer args[2] = { runs, &by_id };
  gboolean scan = runs->len > 64;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = SQLITE_DONE;

  for (guint i = 0; i < runs->len; i++)
    ids[i] = ((OrchardRun *) g_ptr_array_index (runs, i))->id;
  run_index_init (&by_id, ids, sizeof (gint64), runs->len);

  if (scan)
    return scan_pairs (self, db, "SELECT run_id, checksum FROM bundles", NULL, NULL, put_checksum,
                       args, error) &&
           scan_pairs (self, db, "SELECT id, pipeline_spec FROM runs "
                                 "WHERE pipeline_spec IS NOT NULL",
                       NULL, NULL, put_pipeline_spec, args, error);

  if (sqlite3_prepare_v2 (db, "SELECT r.id, b.checksum, r.pipeline_spec FROM runs r "
                              "LEFT JOIN bundles b ON b.run_id = r.id WHERE r.id = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return orchard_project_sql_error (self, sqlite3_errcode (db), error);
  for (guint i = 0; i < runs->len; i++)
    {
      OrchardRun *run = g_ptr_array_index (runs, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, run->id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          run->bundle_checksum = copied_at (run->pool, stmt, 1);
          g_free (run->pipeline_spec);
          run->pipeline_spec = text_at (stmt, 2);
        }
      else if (rc != SQLITE_DONE)
        return orchard_project_sql_error (self, rc, error);
    }
  return TRUE;
}

static GPtrArray *
list_runs (OrchardProject    *self,
           const char        *filter,
           const char        *sort,
           OrchardSortOrder   order,
           OrchardRunDetail   detail,
           gint64             only_id,
           GError           **error)
{
  g_auto(OrchardRunFilter) where = { 0 };
  g_auto(Listing) listing = { 0 };
  g_autoptr(GPtrArray) runs = NULL;
  g_autofree char *kind = NULL, *split = NULL, *name = NULL;
  gboolean descending;
  gboolean ok;
  sqlite3 *db;

  if (!parse_listing (filter, sort, order, &where, &kind, &split, &name, &descending, error))
    return NULL;

  listing.pool = orchard_string_pool_new ();
  listing.rows = g_array_new (FALSE, FALSE, sizeof (RunRow));
  db = orchard_project_lock_db (self, error);
  if (db == NULL)
    return NULL;
  /* One read transaction: a consistent snapshot even while others write. */
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  ok = read_listing (self, db, &where, kind, split, name, descending, only_id, TRUE, &listing,
                     error);
  if (ok)
    {
      /* Objects in id order, so that filling in their details walks them
       * in the order the tables give them; then put in the order asked. */
      runs = g_ptr_array_new_full (listing.n, g_object_unref);
      for (guint row = 0; row < listing.n; row++)
        g_ptr_array_add (runs, run_from_row (listing.pool,
                                             &g_array_index (listing.rows, RunRow, row)));
    }
  if (ok && detail != ORCHARD_RUN_DETAIL_SUMMARY)
    ok = orchard_project_fill_runs (self, db, runs, detail, error);
  if (ok && (detail & ORCHARD_RUN_DETAIL_FULL) == ORCHARD_RUN_DETAIL_FULL)
    ok = fill_full_columns (self, db, runs, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  orchard_project_unlock_db (self);
  if (!ok)
    return NULL;

  if (listing.order != NULL)
    {
      gpointer *in_rows = g_ptr_array_steal (runs, NULL);

      g_ptr_array_unref (runs);
      runs = g_ptr_array_new_full (listing.n, g_object_unref);
      for (guint i = 0; i < listing.n; i++)
        g_ptr_array_add (runs, in_rows[listing.order[i]]);
      g_free (in_rows);
    }
  return g_steal_pointer (&runs);
}

/**
 * orchard_project_list_runs:
 * @self: a project
 * @filter: (nullable): which runs, e.g. `metric.valid.roc_auc>0.9 and
 *   param.max-depth=3 and model=gbdt` (docs/projects.md has the grammar);
 *   %NULL for all
 * @sort: (nullable): the key to sort by, `metric.SPLIT.NAME` (or
 *   `SPLIT.NAME`, or a bare metric name for the validation split),
 *   `param.NAME` or a run column (`started`, `duration`, `id`, `seed`,
 *   `model`, …); %NULL for the order they began in
 * @order: the direction
 * @detail: how much of each run to read; the bundle checksum and the
 *   pipeline spec come with %ORCHARD_RUN_DETAIL_FULL only
 * @error: return location for a #GError (%ORCHARD_PROJECT_ERROR_FILTER for
 *   a wrong filter or key, naming where)
 *
 * A list of many runs reads faster with orchard_project_list_run_summaries(),
 * which makes no object per run.
 *
 * Returns: (transfer full) (element-type OrchardRun) (nullable): the runs
 */
GPtrArray *
orchard_project_list_runs (OrchardProject    *self,
                           const char        *filter,
                           const char        *sort,
                           OrchardSortOrder   order,
                           OrchardRunDetail   detail,
                           GError           **error)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);
  return list_runs (self, filter, sort, order, detail, 0, error);
}

/**
 * orchard_project_list_run_summaries:
 * @self: a project
 * @filter: (nullable): which runs, as orchard_project_list_runs() takes it
 * @sort: (nullable): the key to sort by, as orchard_project_list_runs()
 *   takes it
 * @order: the direction
 * @error: return location for a #GError
 *
 * The runs' own columns and the sort value (%ORCHARD_RUN_DETAIL_SUMMARY)
 * in one array: the run table of a project of 100,000 runs, sorted by a
 * metric, in a few tens of milliseconds (bench/README.md). The same runs
 * in the same order as orchard_project_list_runs() gives.
 *
 * Returns: (transfer full) (nullable): the runs
 */
OrchardRunList *
orchard_project_list_run_summaries (OrchardProject    *self,
                                    const char        *filter,
                                    const char        *sort,
                                    OrchardSortOrder   order,
                                    GError           **error)
{
  g_auto(OrchardRunFilter) where = { 0 };
  g_auto(Listing) listing = { 0 };
  g_autofree char *kind = NULL, *split = NULL, *name = NULL;
  gboolean descending;
  gboolean ok;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (!parse_listing (filter, sort, order, &where, &kind, &split, &name, &descending, error))
    return NULL;

  listing.pool = orchard_string_pool_new ();
  listing.rows = g_array_new (FALSE, FALSE, sizeof (OrchardRunSummary));
  db = orchard_project_lock_db (self, error);
  if (db == NULL)
    return NULL;
  sqlite3_exec (db, "BEGIN", NULL, NULL, NULL);
  ok = read_listing (self, db, &where, kind, split, name, descending, 0, FALSE, &listing, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  orchard_project_unlock_db (self);
  if (!ok)
    return NULL;
  return orchard_run_list_new (listing.pool, g_steal_pointer (&listing.rows),
                               g_steal_pointer (&listing.order), listing.n);
}

/**
 * orchard_project_count_runs:
 * @self: a project
 * @filter: (nullable): which runs
 * @error: return location for a #GError
 *
 * Returns: how many runs match @filter
 */
guint
orchard_project_count_runs (OrchardProject  *self,
                            const char      *filter,
                            GError         **error)
{
  g_auto(OrchardRunFilter) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  guint n = 0;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), 0);

  if (!orchard_run_filter_compile (filter, &where, error))
    return 0;
  sql = g_strdup_printf ("SELECT count(*) FROM runs r WHERE %s", where.sql->str);
  db = orchard_project_lock_db (self, error);
  if (db == NULL)
    return 0;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      orchard_run_filter_bind (stmt, 1, where.args);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        n = sqlite3_column_int (stmt, 0);
    }
  else
    orchard_project_sql_error (self, sqlite3_errcode (db), error);
  orchard_project_unlock_db (self);
  return n;
}

/**
 * orchard_project_get_run:
 * @self: a project
 * @run_id: a run id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the run with everything recorded
 *   (%ORCHARD_RUN_DETAIL_FULL), or %NULL with %ORCHARD_PROJECT_ERROR_NOT_FOUND
 */
OrchardRun *
orchard_project_get_run (OrchardProject  *self,
                         gint64           run_id,
                         GError         **error)
{
  g_autoptr(GPtrArray) runs = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (run_id <= 0)
    goto missing;
  runs = list_runs (self, NULL, NULL, ORCHARD_SORT_AUTO, ORCHARD_RUN_DETAIL_FULL, run_id, error);
  if (runs == NULL)
    return NULL;
  if (runs->len == 1)
    return g_object_ref (g_ptr_array_index (runs, 0));

missing:
  g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
               _("%s: the project has no run %lld"),
               g_file_peek_path (orchard_project_get_file (self)), (long long) run_id);
  return NULL;
}

/**
 * orchard_project_best_run:
 * @self: a project
 * @metric: the metric, `metric.SPLIT.NAME`, `SPLIT.NAME` or a name of the
 *   validation split; best is highest or lowest as the metric has it
 * @filter: (nullable): among which runs (finished ones are always required)
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the best finished run with the
 *   metric, or %NULL (without an error when no run has it)
 */
OrchardRun *
orchard_project_best_run (OrchardProject  *self,
                          const char      *metric,
                          const char      *filter,
                          GError         **error)
{
  g_auto(OrchardRunFilter) where = { 0 };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *kind = NULL, *split = NULL, *name = NULL;
  g_autofree char *sql = NULL;
  gint64 id = 0;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);

  if (!orchard_run_key_parse (metric, &kind, &split, &name, error))
    return NULL;
  if (strcmp (kind, "metric") != 0)
    {
      g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_FILTER,
                   _("“%s” is not a metric"), metric);
      return NULL;
    }
  if (!orchard_run_filter_compile (filter, &where, error))
    return NULL;

  /* Down the metric's index to the first finished run the filter keeps. */
  sql = g_strdup_printf ("SELECT r.id FROM metrics s JOIN runs r ON r.id = s.run_id "
                         "WHERE s.name = ?2 AND s.split = ?1 AND s.fold = -1 AND "
                         "s.value IS NOT NULL AND r.status = 'finished' AND %s "
                         "ORDER BY s.value %s, r.id LIMIT 1", where.sql->str,
                         orchard_metric_higher_is_better (name) ? "DESC" : "ASC");
  db = orchard_project_lock_db (self, error);
  if (db == NULL)
    return NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      orchard_project_sql_error (self, sqlite3_errcode (db), error);
      orchard_project_unlock_db (self);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, split, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
  orchard_run_filter_bind (stmt, 3, where.args);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    orchard_project_sql_error (self, rc, error);
  g_clear_pointer (&stmt, sqlite3_finalize);
  orchard_project_unlock_db (self);

  if (id == 0)
    return NULL;
  {
    g_autoptr(GPtrArray) runs = list_runs (self, NULL, NULL, ORCHARD_SORT_AUTO,
                                           ORCHARD_RUN_DETAIL_FULL, id, error);
    OrchardRun *run;

    if (runs == NULL || runs->len == 0)
      return NULL;
    run = g_ptr_array_index (runs, 0);
    orchard_run_lookup_metric (run, split, ORCHARD_RUN_FOLD_NONE, name, &run->sort_value);
    return g_object_ref (run);
  }
}

/**
 * orchard_project_get_curve:
 * @self: a project
 * @run_id: a run
 * @split: the split
 * @name: the curve
 * @x: (out) (transfer full) (array length=n_points): x values
 * @y: (out) (transfer full) (array length=n_points): y values
 * @n_points: (out): points
 * @error: return location for a #GError
 *
 * Returns: %FALSE when the run has no such curve, or on error
 */
gboolean
orchard_project_get_curve (OrchardProject  *self,
                           gint64           run_id,
                           const char      *split,
                           const char      *name,
                           double         **x,
                           double         **y,
                           gsize           *n_points,
                           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean found = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), FALSE);

  db = orchard_project_lock_db (self, error);
  if (db == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT points FROM curves WHERE run_id = ? AND split = ? AND "
                              "name = ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, run_id);
      sqlite3_bind_text (stmt, 2, split, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gsize size = sqlite3_column_bytes (stmt, 0);
          const guint8 *data = sqlite3_column_blob (stmt, 0);
          gsize n = size / (2 * sizeof (double));

          found = TRUE;
          *n_points = n;
          *x = g_new (double, MAX (n, 1));
          *y = g_new (double, MAX (n, 1));
          for (gsize i = 0; i < n; i++)
            {
              guint64 bits[2];

              memcpy (bits, data + i * 2 * sizeof (double), sizeof bits);
              bits[0] = GUINT64_FROM_LE (bits[0]);
              bits[1] = GUINT64_FROM_LE (bits[1]);
              memcpy (&(*x)[i], &bits[0], sizeof (double));
              memcpy (&(*y)[i], &bits[1], sizeof (double));
            }
        }
    }
  orchard_project_unlock_db (self);
  if (!found)
    g_set_error (error, ORCHARD_PROJECT_ERROR, ORCHARD_PROJECT_ERROR_NOT_FOUND,
                 _("Run %lld has no curve %s.%s"), (long long) run_id, split, name);
  return found;
}

/* Comparing --------------------------------------------------------------- */

static OrchardRunComparison *
orchard_run_comparison_copy (OrchardRunComparison *comparison)
{
  OrchardRunComparison *copy = g_new0 (OrchardRunComparison, 1);

  copy->n_runs = comparison->n_runs;
  copy->runs = g_new0 (OrchardRun *, comparison->n_runs + 1);
  for (guint i = 0; i < comparison->n_runs; i++)
    copy->runs[i] = g_object_ref (comparison->runs[i]);
  copy->params = g_strdupv (comparison->params);
  copy->metrics = g_strdupv (comparison->metrics);
  return copy;
}

void
orchard_run_comparison_free (OrchardRunComparison *comparison)
{
  if (comparison == NULL)
    return;
  for (guint i = 0; i < comparison->n_runs; i++)
    g_clear_object (&comparison->runs[i]);
  g_free (comparison->runs);
  g_strfreev (comparison->params);
  g_strfreev (comparison->metrics);
  g_free (comparison);
}

static const char * const pseudo_params[] = { "model", "data_hash", "seed", "split", "pipeline",
                                              "target" };

static char *
pseudo_param (OrchardRun *run,
              const char *name)
{
  if (strcmp (name, "model") == 0)
    return g_strdup (run->model);
  if (strcmp (name, "data_hash") == 0)
    return g_strdup (run->data_hash);
  if (strcmp (name, "seed") == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT, run->seed);
  if (strcmp (name, "split") == 0)
    return g_strdup (run->split);
  if (strcmp (name, "pipeline") == 0)
    return g_strdup (run->pipeline);
  return g_strdup (run->target);
}

/**
 * orchard_run_comparison_get_param:
 * @comparison: a comparison
 * @param: one of its @params
 * @run: the index of a run
 *
 * Returns: (transfer full) (nullable): the value as text, %NULL when the
 *   run has no such parameter (another learner's)
 */
char *
orchard_run_comparison_get_param (OrchardRunComparison *comparison,
                                  const char           *param,
                                  guint                 run)
{
  g_return_val_if_fail (comparison != NULL && run < comparison->n_runs, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (pseudo_params); i++)
    if (strcmp (param, pseudo_params[i]) == 0)
      return pseudo_param (comparison->runs[run], param);
  return orchard_run_dup_param_text (comparison->runs[run],
                                     g_str_has_prefix (param, "param.") ? param + 6 : param);
}

/**
 * orchard_run_comparison_get_metric:
 * @comparison: a comparison
 * @metric: one of its @metrics, "SPLIT.NAME"
 * @run: the index of a run
 * @value: (out): the value
 *
 * Returns: whether the run has the metric
 */
gboolean
orchard_run_comparison_get_metric (OrchardRunComparison *comparison,
                                   const char           *metric,
                                   guint                 run,
                                   double               *value)
{
  const char *dot;
  g_autofree char *split = NULL;

  g_return_val_if_fail (comparison != NULL && run < comparison->n_runs, FALSE);

  dot = strchr (metric, '.');
  if (dot == NULL)
    return FALSE;
  split = g_strndup (metric, dot - metric);
  return orchard_run_lookup_metric (comparison->runs[run], split, ORCHARD_RUN_FOLD_NONE, dot + 1,
                                    value);
}

static int
compare_metric_keys (gconstpointer a,
                     gconstpointer b)
{
  const char *x = *(const char * const *) a, *y = *(const char * const *) b;
  const char *dx = strchr (x, '.'), *dy = strchr (y, '.');
  g_autofree char *sx = g_strndup (x, dx - x);
  g_autofree char *sy = g_strndup (y, dy - y);
  int c = split_rank (sx) - split_rank (sy);

  return c != 0 ? c : strcmp (x, y);
}

/**
 * orchard_project_compare_runs:
 * @self: a project
 * @run_ids: (array length=n_runs): the runs, two or more
 * @n_runs: how many
 * @all_params: show every parameter, not only those that differ
 * @error: return location for a #GError
 *
 * Puts runs side by side, on the same data or not: the parameters that
 * differ (or all) and every metric of every split.
 *
 * Returns: (transfer full) (nullable): the comparison
 */
OrchardRunComparison *
orchard_project_compare_runs (OrchardProject  *self,
                              const gint64    *run_ids,
                              guint            n_runs,
                              gboolean         all_params,
                              GError         **error)
{
  g_autoptr(OrchardRunComparison) comparison = g_new0 (OrchardRunComparison, 1);
  g_autoptr(GHashTable) param_names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) metric_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) metrics = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (self), NULL);
  g_return_val_if_fail (run_ids != NULL || n_runs == 0, NULL);

  comparison->runs = g_new0 (OrchardRun *, n_runs + 1);
  for (guint i = 0; i < n_runs; i++)
    {
      comparison->runs[i] = orchard_project_get_run (self, run_ids[i], error);
      if (comparison->runs[i] == NULL)
        return NULL;
      comparison->n_runs = i + 1;
      for (guint p = 0; comparison->runs[i]->param_names != NULL &&
                        p < comparison->runs[i]->param_names->len; p++)
        g_hash_table_add (param_names, g_ptr_array_index (comparison->runs[i]->param_names, p));
      for (guint m = 0; m < orchard_run_get_n_metrics (comparison->runs[i]); m++)
        {
          const OrchardRunMetric *metric = &g_array_index (comparison->runs[i]->metrics,
                                                           OrchardRunMetric, m);
          if (metric->fold == ORCHARD_RUN_FOLD_NONE)
            g_hash_table_add (metric_keys, g_strdup_printf ("%s.%s", metric->split, metric->name));
        }
    }

  /* A value differs when its text differs between any two runs. */
  for (guint i = 0; i < G_N_ELEMENTS (pseudo_params); i++)
    {
      gboolean differs = FALSE;
      g_autofree char *first = n_runs > 0 ? pseudo_param (comparison->runs[0], pseudo_params[i]) : NULL;

      for (guint r = 1; r < n_runs && !differs; r++)
        {
          g_autofree char *other = pseudo_param (comparison->runs[r], pseudo_params[i]);
          differs = g_strcmp0 (first, other) != 0;
        }
      if (differs || all_params)
        g_ptr_array_add (params, g_strdup (pseudo_params[i]));
    }
  names = orchard_hash_table_sorted_keys (param_names);
  for (guint p = 0; p < names->len; p++)
    {
      const char *name = g_ptr_array_index (names, p);
      g_autofree char *first = n_runs > 0 ? orchard_run_dup_param_text (comparison->runs[0], name) : NULL;
      gboolean differs = FALSE;

      for (guint r = 1; r < n_runs && !differs; r++)
        {
          g_autofree char *other = orchard_run_dup_param_text (comparison->runs[r], name);
          differs = g_strcmp0 (first, other) != 0;
        }
      if (differs || all_params)
        g_ptr_array_add (params, g_strdup_printf ("param.%s", name));
    }
  g_ptr_array_add (params, NULL);
  comparison->params = (char **) g_ptr_array_steal (params, NULL);

  metrics = orchard_hash_table_sorted_keys (metric_keys);
  g_ptr_array_sort (metrics, compare_metric_keys);
  comparison->metrics = g_new0 (char *, metrics->len + 1);
  for (guint m = 0; m < metrics->len; m++)
    comparison->metrics[m] = g_strdup (g_ptr_array_index (metrics, m));

  return g_steal_pointer (&comparison);
}

/**
 * orchard_run_comparison_to_json:
 * @comparison: a comparison
 *
 * Returns: (transfer full): `{"runs": [ids], "params": {NAME: [values]},
 *   "metrics": {"SPLIT.NAME": [values]}}`, null where a run has no value
 */
JsonNode *
orchard_run_comparison_to_json (OrchardRunComparison *comparison)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (comparison != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "runs");
  json_builder_begin_array (b);
  for (guint r = 0; r < comparison->n_runs; r++)
    json_builder_add_int_value (b, comparison->runs[r]->id);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "params");
  json_builder_begin_object (b);
  for (guint p = 0; comparison->params[p] != NULL; p++)
    {
      json_builder_set_member_name (b, comparison->params[p]);
      json_builder_begin_array (b);
      for (guint r = 0; r < comparison->n_runs; r++)
        {
          g_autofree char *value = orchard_run_comparison_get_param (comparison,
                                                                     comparison->params[p], r);
          if (value != NULL)
            json_builder_add_string_value (b, value);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint m = 0; comparison->metrics[m] != NULL; m++)
    {
      json_builder_set_member_name (b, comparison->metrics[m]);
      json_builder_begin_array (b);
      for (guint r = 0; r < comparison->n_runs; r++)
        {
          double value;

          if (orchard_run_comparison_get_metric (comparison, comparison->metrics[m], r, &value) &&
              isfinite (value))
            json_builder_add_double_value (b, value);
          else
            json_builder_add_null_value (b);
        }
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
