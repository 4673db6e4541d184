/* orchard-project-private.h: what the parts of OrchardProject share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "orchard-project.h"
#include "orchard-run-list.h"

G_BEGIN_DECLS

/* The strings runs of one listing share (model, data hash, metric names…):
 * stored once, freed with the last run. Written only while listing. */
typedef struct _OrchardStringPool OrchardStringPool;

OrchardStringPool *orchard_string_pool_new   (void);
OrchardStringPool *orchard_string_pool_ref   (OrchardStringPool *pool);
void               orchard_string_pool_unref (OrchardStringPool *pool);
const char        *orchard_string_pool_add   (OrchardStringPool *pool,
                                              const char        *text);
const char        *orchard_string_pool_copy  (OrchardStringPool *pool,
                                              const char        *text,
                                              gssize             length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardStringPool, orchard_string_pool_unref)

/* OrchardRun's fields: a snapshot filled by the project's queries. */
struct _OrchardRun
{
  GObject           parent_instance;

  OrchardStringPool *pool;        /* holds the pooled strings below */
  gint64            id;
  const char       *uuid;   /* pooled */
  const char       *model;   /* pooled */
  const char       *target;   /* pooled */
  OrchardRunStatus  status;
  const char       *status_message;   /* pooled */
  gint64            dataset_id;
  const char       *data_hash;   /* pooled */
  const char       *dataset_name;   /* pooled */
  gint64            parent_id;
  gint64            start_time;
  gint64            end_time;
  double            duration;
  guint64           seed;
  const char       *split;   /* pooled */
  double            fractions[3];
  const char       *pipeline;   /* pooled */
  char             *pipeline_spec;
  const char       *app_version;   /* pooled */
  const char       *host;   /* pooled */
  const char       *note;   /* pooled */
  const char       *bundle_checksum;   /* pooled */
  double            sort_value;

  /* pooled names in name order, and their GVariant values */
  GPtrArray        *param_names;
  GPtrArray        *param_values;
  GArray           *metrics;       /* RunMetric */
  GHashTable       *tags;
  GStrv             curve_names;
};

typedef struct
{
  const char *split;    /* pooled */
  int         fold;
  const char *name;     /* pooled */
  double      value;
} OrchardRunMetric;

OrchardRun   *orchard_run_new_empty          (OrchardStringPool *pool);
OrchardRun   *orchard_run_new_from_summary   (OrchardStringPool       *pool,
                                              const OrchardRunSummary *summary);
OrchardRunList *orchard_run_list_new         (OrchardStringPool *pool,
                                              GArray            *rows,
                                              guint             *order,
                                              guint              n);
char         *orchard_variant_to_text        (GVariant     *value);
GPtrArray    *orchard_hash_table_sorted_keys (GHashTable   *table);
int           orchard_compare_strv_items     (gconstpointer a,
                                              gconstpointer b);
char         *orchard_format_time            (gint64        ms);
void          orchard_run_add_param          (OrchardRun   *self,
                                              const char   *name,
                                              GVariant     *value);
GVariant     *orchard_run_lookup_param       (OrchardRun   *self,
                                              const char   *name);

/* The run filter language, compiled to a WHERE clause over `runs AS r`. */
typedef struct
{
  GString   *sql;
  GPtrArray *args;   /* GVariant: s, d or x */
} OrchardRunFilter;

gboolean      orchard_run_filter_compile     (const char        *filter,
                                              OrchardRunFilter  *out,
                                              GError           **error);
void          orchard_run_filter_clear       (OrchardRunFilter  *filter);
gboolean      orchard_run_key_parse          (const char        *key,
                                              char             **kind,
                                              char             **split,
                                              char             **name,
                                              GError           **error);
gboolean      orchard_run_filter_bind        (sqlite3_stmt      *stmt,
                                              int                first,
                                              GPtrArray         *args);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OrchardRunFilter, orchard_run_filter_clear)

/* Tables as bytes */
GVariant     *orchard_table_codec_serialise   (OrchardTable  *table);
OrchardTable *orchard_table_codec_deserialise (GVariant      *variant,
                                               const char    *what,
                                               GError       **error);
GBytes       *orchard_compress                (const void    *data,
                                               gsize          size);
GBytes       *orchard_decompress              (const void    *data,
                                               gsize          size,
                                               GError       **error);

/* The project's connection, locked, for its other files */
sqlite3      *orchard_project_lock_db         (OrchardProject  *self,
                                               GError         **error);
void          orchard_project_unlock_db       (OrchardProject  *self);
gboolean      orchard_project_sql_error       (OrchardProject  *self,
                                               int              rc,
                                               GError         **error);
gboolean      orchard_project_begin_write     (OrchardProject  *self,
                                               GError         **error);
gboolean      orchard_project_commit          (OrchardProject  *self,
                                               GError         **error);
void          orchard_project_rollback        (OrchardProject  *self);
void          orchard_project_notify          (OrchardProject       *self,
                                               OrchardProjectChange  what,
                                               gint64                id);
const char   *orchard_project_get_path        (OrchardProject  *self);
gboolean      orchard_project_fill_runs       (OrchardProject  *self,
                                               sqlite3         *db,
                                               GPtrArray       *runs,
                                               OrchardRunDetail detail,
                                               GError         **error);

/* Statement helpers shared by the project's source files. */

/* Runs a statement to its end. */
static inline gboolean
step_done (OrchardProject  *self,
           sqlite3_stmt    *stmt,
           GError         **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ;
  return rc == SQLITE_DONE || orchard_project_sql_error (self, rc, error);
}

/* Binds @text, or NULL for %NULL. */
static inline void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* A copy of a text column, %NULL for NULL. */
static inline char *
column_text (sqlite3_stmt *stmt,
             int           index)
{
  const unsigned char *text = sqlite3_column_text (stmt, index);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

G_END_DECLS
