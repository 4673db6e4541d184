/* orchard-project.h: the *.orchard project file (SQLite): data sets, runs, lineage
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-artifact.h"
#include "orchard-drift-report.h"
#include "orchard-metrics.h"
#include "orchard-model.h"
#include "orchard-progress.h"
#include "orchard-run.h"
#include "orchard-run-list.h"
#include "orchard-table.h"
#include "orchard-trainer.h"

G_BEGIN_DECLS

/**
 * ORCHARD_PROJECT_SCHEMA_VERSION:
 *
 * The schema version (`PRAGMA user_version`) this Orchard writes. Older
 * files are migrated forward when opened for writing; newer ones are refused
 * and left untouched.
 */
#define ORCHARD_PROJECT_SCHEMA_VERSION 3

/**
 * ORCHARD_PROJECT_DEFAULT_INLINE_LIMIT:
 *
 * Data sets up to this many bytes (serialised, before compression) are
 * stored inside the project; larger ones only as a reference to their file
 * with the content hash.
 */
#define ORCHARD_PROJECT_DEFAULT_INLINE_LIMIT (G_GUINT64_CONSTANT (256) * 1024 * 1024)

#define ORCHARD_PROJECT_ERROR (orchard_project_error_quark ())

/**
 * OrchardProjectError:
 * @ORCHARD_PROJECT_ERROR_NOT_A_PROJECT: the file is not an Orchard project
 *   (not SQLite, or SQLite without Orchard's tables)
 * @ORCHARD_PROJECT_ERROR_CORRUPT: the file is damaged
 * @ORCHARD_PROJECT_ERROR_TOO_NEW: the file was written by a newer Orchard
 * @ORCHARD_PROJECT_ERROR_NOT_FOUND: no such run or data set
 * @ORCHARD_PROJECT_ERROR_DATA_CHANGED: a data set stored by reference no
 *   longer has the content hash it was recorded with
 * @ORCHARD_PROJECT_ERROR_DATA_MISSING: a data set stored by reference cannot be read
 * @ORCHARD_PROJECT_ERROR_FILTER: a filter or sort expression is wrong (the
 *   message names the column of the mistake)
 * @ORCHARD_PROJECT_ERROR_BUSY: another process held the file for too long
 * @ORCHARD_PROJECT_ERROR_READ_ONLY: the project was opened read-only
 * @ORCHARD_PROJECT_ERROR_STATE: the run is not in a state that allows this
 *   (logging to a finished run, reproducing one without data)
 */
typedef enum
{
  ORCHARD_PROJECT_ERROR_NOT_A_PROJECT,
  ORCHARD_PROJECT_ERROR_CORRUPT,
  ORCHARD_PROJECT_ERROR_TOO_NEW,
  ORCHARD_PROJECT_ERROR_NOT_FOUND,
  ORCHARD_PROJECT_ERROR_DATA_CHANGED,
  ORCHARD_PROJECT_ERROR_DATA_MISSING,
  ORCHARD_PROJECT_ERROR_FILTER,
  ORCHARD_PROJECT_ERROR_BUSY,
  ORCHARD_PROJECT_ERROR_READ_ONLY,
  ORCHARD_PROJECT_ERROR_STATE,
} OrchardProjectError;

GQuark orchard_project_error_quark (void);

/**
 * OrchardProjectOpenFlags:
 * @ORCHARD_PROJECT_OPEN_DEFAULT: open an existing project for reading and
 *   writing, migrating an older schema
 * @ORCHARD_PROJECT_OPEN_CREATE: create the project when the file does not exist
 * @ORCHARD_PROJECT_OPEN_READ_ONLY: never write (an older schema is read
 *   without migrating only when it is the current one; interrupted runs are
 *   reported as they are)
 */
typedef enum
{
  ORCHARD_PROJECT_OPEN_DEFAULT   = 0,
  ORCHARD_PROJECT_OPEN_CREATE    = 1 << 0,
  ORCHARD_PROJECT_OPEN_READ_ONLY = 1 << 1,
} OrchardProjectOpenFlags;

/**
 * OrchardProjectChange:
 * @ORCHARD_PROJECT_CHANGE_DATASETS: a data set was added or removed
 * @ORCHARD_PROJECT_CHANGE_RUN_ADDED: a run began (the id is the run's)
 * @ORCHARD_PROJECT_CHANGE_RUN_UPDATED: a run logged something or ended
 * @ORCHARD_PROJECT_CHANGE_RUNS_DELETED: runs were deleted (id 0)
 * @ORCHARD_PROJECT_CHANGE_EXTERNAL: another connection (another process)
 *   changed the file; re-read everything (id 0)
 * @ORCHARD_PROJECT_CHANGE_BATCHES: a monitoring batch or reference was
 *   recorded or deleted (the id is the reference's)
 *
 * What the #OrchardProject::changed signal reports.
 */
typedef enum
{
  ORCHARD_PROJECT_CHANGE_DATASETS,
  ORCHARD_PROJECT_CHANGE_RUN_ADDED,
  ORCHARD_PROJECT_CHANGE_RUN_UPDATED,
  ORCHARD_PROJECT_CHANGE_RUNS_DELETED,
  ORCHARD_PROJECT_CHANGE_EXTERNAL,
  ORCHARD_PROJECT_CHANGE_BATCHES,
} OrchardProjectChange;

/**
 * OrchardSortOrder:
 * @ORCHARD_SORT_AUTO: best first for a metric (by
 *   orchard_metric_higher_is_better()), ascending for anything else
 * @ORCHARD_SORT_ASCENDING: smallest first
 * @ORCHARD_SORT_DESCENDING: largest first
 *
 * Runs without the sort key always come last.
 */
typedef enum
{
  ORCHARD_SORT_AUTO,
  ORCHARD_SORT_ASCENDING,
  ORCHARD_SORT_DESCENDING,
} OrchardSortOrder;

/**
 * OrchardRunDetail:
 * @ORCHARD_RUN_DETAIL_SUMMARY: the run's own columns (id, model, status,
 *   data hash, times, seed, …) and the sort value
 * @ORCHARD_RUN_DETAIL_PARAMS: with every parameter
 * @ORCHARD_RUN_DETAIL_METRICS: with every metric of every split and fold
 * @ORCHARD_RUN_DETAIL_FULL: with tags, note and the names of its curves as well
 *
 * How much of each run a listing reads. A run table of 100,000 runs reads
 * fastest with orchard_project_list_run_summaries(), which makes no object
 * per run.
 */
typedef enum
{
  ORCHARD_RUN_DETAIL_SUMMARY = 0,
  ORCHARD_RUN_DETAIL_PARAMS  = 1 << 0,
  ORCHARD_RUN_DETAIL_METRICS = 1 << 1,
  ORCHARD_RUN_DETAIL_FULL    = 0xff,
} OrchardRunDetail;

/**
 * OrchardDatasetInfo:
 * @id: the data set's id in the project
 * @name: a name for people (the file's base name by default)
 * @source: (nullable): the path the data was read from
 * @hash: the content hash, orchard_table_get_hash()
 * @n_rows: rows
 * @n_columns: columns
 * @schema: the columns as JSON, `[{"name", "kind", "role"}]`
 * @stored: %TRUE when the data itself is in the project, %FALSE when only
 *   a reference to @source is
 * @size: the serialised size of the data, in bytes
 * @stored_size: the bytes it takes in the project (compressed), 0 for a reference
 * @added: when it was added, Unix time in milliseconds
 * @n_runs: the runs trained on it
 *
 * One data set of a project.
 */
typedef struct
{
  gint64   id;
  char    *name;
  char    *source;
  char    *hash;
  guint64  n_rows;
  guint    n_columns;
  char    *schema;
  gboolean stored;
  guint64  size;
  guint64  stored_size;
  gint64   added;
  guint    n_runs;
} OrchardDatasetInfo;

#define ORCHARD_TYPE_DATASET_INFO (orchard_dataset_info_get_type ())

GType               orchard_dataset_info_get_type (void) G_GNUC_CONST;
OrchardDatasetInfo *orchard_dataset_info_copy     (const OrchardDatasetInfo *info);
void                orchard_dataset_info_free     (OrchardDatasetInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardDatasetInfo, orchard_dataset_info_free)

/**
 * OrchardProjectStorage:
 * @file_size: bytes of the database file (without its write-ahead log)
 * @free_size: bytes of free pages that orchard_project_compact() gives back
 * @datasets_size: bytes of stored data sets (compressed)
 * @bundles_size: bytes of stored model bundles (compressed)
 * @runs_size: bytes of run records, parameters, metrics, tags and curves
 *   (with the bundles, what deleting every run removes)
 * @n_datasets: data sets
 * @n_runs: runs
 * @schema_version: the file's schema version
 * @references_size: bytes of the drift references' profiles (compressed)
 * @batches_size: bytes of the monitoring batches: their reports
 *   (compressed) and per-column results
 * @n_references: drift references
 * @n_batches: monitoring batches
 *
 * Where a project's bytes go.
 */
typedef struct
{
  guint64 file_size;
  guint64 free_size;
  guint64 datasets_size;
  guint64 bundles_size;
  guint64 runs_size;
  guint   n_datasets;
  guint   n_runs;
  guint   schema_version;
  guint64 references_size;
  guint64 batches_size;
  guint   n_references;
  guint   n_batches;
} OrchardProjectStorage;

/**
 * OrchardRunComparison:
 * @n_runs: the runs compared, in the order asked
 * @runs: (array length=n_runs): the runs, with params and metrics
 * @params: (array zero-terminated=1): the parameter names shown: those whose
 *   values differ between the runs (all of them when asked), sorted; the
 *   pseudo-parameters "model", "data_hash", "seed", "split" and "pipeline"
 *   come first when they differ
 * @metrics: (array zero-terminated=1): the metric keys "SPLIT.NAME" any run
 *   has, sorted by split (train, valid, test, others) and name
 *
 * N runs side by side: orchard_run_comparison_get_param() and
 * orchard_run_comparison_get_metric() give the cells.
 */
typedef struct
{
  guint        n_runs;
  OrchardRun **runs;
  char       **params;
  char       **metrics;
} OrchardRunComparison;

#define ORCHARD_TYPE_RUN_COMPARISON (orchard_run_comparison_get_type ())

GType     orchard_run_comparison_get_type   (void) G_GNUC_CONST;
void      orchard_run_comparison_free       (OrchardRunComparison *comparison);
char     *orchard_run_comparison_get_param  (OrchardRunComparison *comparison,
                                             const char           *param,
                                             guint                 run);
gboolean  orchard_run_comparison_get_metric (OrchardRunComparison *comparison,
                                             const char           *metric,
                                             guint                 run,
                                             double               *value);
JsonNode *orchard_run_comparison_to_json    (OrchardRunComparison *comparison);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardRunComparison, orchard_run_comparison_free)

/**
 * OrchardMetricMatch:
 * @split: the split ("train", "valid", "test")
 * @name: the metric
 * @recorded: the value the run recorded
 * @reproduced: the value of the new training (NaN when it has none)
 * @equal: whether both are the same double (or both NaN)
 *
 * One metric of a reproduction.
 */
typedef struct
{
  char     *split;
  char     *name;
  double    recorded;
  double    reproduced;
  gboolean  equal;
} OrchardMetricMatch;

/**
 * OrchardReproduction:
 * @run_id: the run reproduced
 * @new_run_id: the run that recorded the reproduction (its parent is
 *   @run_id), 0 when it was not recorded
 * @n_metrics: metrics compared
 * @metrics: (array length=n_metrics): the comparison, metric by metric
 * @identical: every recorded metric came out the same
 * @data_hash: the content hash of the data trained on again
 *
 * The result of orchard_project_reproduce_run().
 */
typedef struct
{
  gint64              run_id;
  gint64              new_run_id;
  guint               n_metrics;
  OrchardMetricMatch *metrics;
  gboolean            identical;
  char               *data_hash;
} OrchardReproduction;

#define ORCHARD_TYPE_REPRODUCTION (orchard_reproduction_get_type ())

GType     orchard_reproduction_get_type (void) G_GNUC_CONST;
void      orchard_reproduction_free     (OrchardReproduction *reproduction);
JsonNode *orchard_reproduction_to_json  (OrchardReproduction *reproduction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardReproduction, orchard_reproduction_free)

#define ORCHARD_TYPE_PROJECT (orchard_project_get_type ())

G_DECLARE_FINAL_TYPE (OrchardProject, orchard_project, ORCHARD, PROJECT, GObject)

/* Opening */
OrchardProject     *orchard_project_open             (GFile                    *file,
                                                      OrchardProjectOpenFlags   flags,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
void                orchard_project_close            (OrchardProject           *self);
GFile              *orchard_project_get_file         (OrchardProject           *self);
const char         *orchard_project_get_uuid         (OrchardProject           *self);
char               *orchard_project_dup_name         (OrchardProject           *self);
gboolean            orchard_project_set_name         (OrchardProject           *self,
                                                      const char               *name,
                                                      GError                  **error);
guint               orchard_project_get_opened_version (OrchardProject         *self);
gboolean            orchard_project_is_read_only     (OrchardProject           *self);
const char * const *orchard_project_get_open_notes   (OrchardProject           *self);
guint64             orchard_project_get_inline_limit (OrchardProject           *self);
void                orchard_project_set_inline_limit (OrchardProject           *self,
                                                      guint64                   bytes);
gboolean            orchard_project_save_as          (OrchardProject           *self,
                                                      GFile                    *file,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
gboolean            orchard_project_poll             (OrchardProject           *self);

/* Data sets */
gint64              orchard_project_add_dataset      (OrchardProject           *self,
                                                      OrchardTable             *table,
                                                      const char               *name,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
GPtrArray          *orchard_project_list_datasets    (OrchardProject           *self,
                                                      GError                  **error);
OrchardDatasetInfo *orchard_project_get_dataset      (OrchardProject           *self,
                                                      gint64                    dataset_id,
                                                      GError                  **error);
gint64              orchard_project_find_dataset     (OrchardProject           *self,
                                                      const char               *hash,
                                                      GError                  **error);
OrchardTable       *orchard_project_load_dataset     (OrchardProject           *self,
                                                      gint64                    dataset_id,
                                                      OrchardProgress           progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
gboolean            orchard_project_delete_dataset   (OrchardProject           *self,
                                                      gint64                    dataset_id,
                                                      GError                  **error);

/* Writing runs: begin, log, finish */
gint64              orchard_project_begin_run        (OrchardProject           *self,
                                                      gint64                    dataset_id,
                                                      const char               *target,
                                                      OrchardModel             *model,
                                                      guint64                   seed,
                                                      gint64                    parent_id,
                                                      GError                  **error);
gboolean            orchard_project_log_setup        (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *split,
                                                      const double             *fractions,
                                                      const char               *pipeline,
                                                      const char               *pipeline_spec,
                                                      GError                  **error);
gboolean            orchard_project_log_params       (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      GVariant                 *params,
                                                      GError                  **error);
gboolean            orchard_project_log_metric       (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *split,
                                                      int                       fold,
                                                      const char               *name,
                                                      double                    value,
                                                      GError                  **error);
gboolean            orchard_project_log_metric_values (OrchardProject          *self,
                                                      gint64                    run_id,
                                                      const char               *split,
                                                      int                       fold,
                                                      const char * const       *names,
                                                      const double             *values,
                                                      guint                     n_values,
                                                      GError                  **error);
gboolean            orchard_project_log_metrics      (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *split,
                                                      int                       fold,
                                                      OrchardMetrics           *metrics,
                                                      GError                  **error);
gboolean            orchard_project_log_curve        (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *split,
                                                      const char               *name,
                                                      const double             *x,
                                                      const double             *y,
                                                      gsize                     n_points,
                                                      GError                  **error);
gboolean            orchard_project_log_bundle       (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      OrchardArtifact          *artifact,
                                                      GError                  **error);
gboolean            orchard_project_set_tag          (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *key,
                                                      const char               *value,
                                                      GError                  **error);
gboolean            orchard_project_set_note         (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *note,
                                                      GError                  **error);
gboolean            orchard_project_finish_run       (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      OrchardRunStatus          status,
                                                      const char               *message,
                                                      GError                  **error);
gboolean            orchard_project_record_training  (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      OrchardTrainer           *trainer,
                                                      OrchardArtifact          *artifact,
                                                      GError                  **error);

/* Reading runs */
OrchardRun         *orchard_project_get_run          (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      GError                  **error);
GPtrArray          *orchard_project_list_runs        (OrchardProject           *self,
                                                      const char               *filter,
                                                      const char               *sort,
                                                      OrchardSortOrder          order,
                                                      OrchardRunDetail          detail,
                                                      GError                  **error);
OrchardRunList     *orchard_project_list_run_summaries (OrchardProject         *self,
                                                      const char               *filter,
                                                      const char               *sort,
                                                      OrchardSortOrder          order,
                                                      GError                  **error);
guint               orchard_project_count_runs       (OrchardProject           *self,
                                                      const char               *filter,
                                                      GError                  **error);
OrchardRun         *orchard_project_best_run         (OrchardProject           *self,
                                                      const char               *metric,
                                                      const char               *filter,
                                                      GError                  **error);
OrchardRunComparison *orchard_project_compare_runs   (OrchardProject           *self,
                                                      const gint64             *run_ids,
                                                      guint                     n_runs,
                                                      gboolean                  all_params,
                                                      GError                  **error);
OrchardArtifact    *orchard_project_load_bundle      (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      GError                  **error);
gboolean            orchard_project_get_curve        (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      const char               *split,
                                                      const char               *name,
                                                      double                  **x,
                                                      double                  **y,
                                                      gsize                    *n_points,
                                                      GError                  **error);

/* Reproducing */
gboolean            orchard_project_configure_trainer (OrchardProject        *self,
                                                      OrchardRun               *run,
                                                      OrchardTrainer           *trainer,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
OrchardReproduction *orchard_project_reproduce_run   (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      gboolean                  record,
                                                      OrchardProgress           progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);

/* Storage */
gboolean            orchard_project_delete_runs      (OrchardProject           *self,
                                                      const gint64             *run_ids,
                                                      guint                     n_runs,
                                                      GError                  **error);
gboolean            orchard_project_get_storage      (OrchardProject           *self,
                                                      OrchardProjectStorage    *storage,
                                                      GError                  **error);
gboolean            orchard_project_get_run_storage  (OrchardProject           *self,
                                                      gint64                    run_id,
                                                      guint64                  *bytes,
                                                      GError                  **error);
gboolean            orchard_project_compact          (OrchardProject           *self,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
gboolean            orchard_project_check            (OrchardProject           *self,
                                                      GStrv                    *problems,
                                                      OrchardProgress           progress,
                                                      gpointer                  progress_data,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);

/* Export */
gboolean            orchard_project_export_mlflow    (OrchardProject           *self,
                                                      GPtrArray                *runs,
                                                      GFile                    *mlruns,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);
gboolean            orchard_project_export_csv       (OrchardProject           *self,
                                                      GPtrArray                *runs,
                                                      GFile                    *file,
                                                      GCancellable             *cancellable,
                                                      GError                  **error);

/* Monitoring: reference profiles and the batches compared with them
 * (orchard-project-monitor.c) */

/**
 * OrchardReferenceSource:
 * @ORCHARD_REFERENCE_SOURCE_DATASET: a data set of the project
 * @ORCHARD_REFERENCE_SOURCE_RUN: a run's training rows (its bundle's profile)
 * @ORCHARD_REFERENCE_SOURCE_BUNDLE: a model bundle file from outside the project
 *
 * Where a reference profile comes from.
 */
typedef enum
{
  ORCHARD_REFERENCE_SOURCE_DATASET,
  ORCHARD_REFERENCE_SOURCE_RUN,
  ORCHARD_REFERENCE_SOURCE_BUNDLE,
} OrchardReferenceSource;

/**
 * OrchardReferenceInfo:
 * @id: the reference's id in the project
 * @source: where its profile comes from
 * @dataset_id: the data set it profiles, 0 when none (or deleted)
 * @run_id: the run whose training rows it profiles, 0 when none (or deleted)
 * @name: a name for people
 * @data_hash: (nullable): the content hash of the data profiled
 * @target: (nullable): the target column of the profile
 * @n_rows: rows profiled
 * @created: when it was added, Unix time in milliseconds
 * @checksum: the SHA-256 of the stored profile
 * @stored_size: the bytes the profile takes in the project (compressed)
 * @n_batches: batches compared with it
 * @last_batch: when the latest was recorded (ms), 0 without batches
 *
 * One reference of a project.
 */
typedef struct
{
  gint64                  id;
  OrchardReferenceSource  source;
  gint64                  dataset_id;
  gint64                  run_id;
  char                   *name;
  char                   *data_hash;
  char                   *target;
  guint64                 n_rows;
  gint64                  created;
  char                   *checksum;
  guint64                 stored_size;
  guint                   n_batches;
  gint64                  last_batch;
} OrchardReferenceInfo;

/**
 * OrchardBatchInfo:
 * @id: the batch's id
 * @reference_id: the reference it was compared with
 * @name: (nullable): a name for people (the current file's)
 * @data_hash: (nullable): the content hash of the current data
 * @received: when it was recorded, Unix time in milliseconds
 * @n_rows: current rows
 * @dataset_drift: the verdict
 * @drift_share: the share of drifted feature columns
 * @n_drifted: drifted feature columns
 * @n_columns: tested feature columns
 *
 * One monitoring batch: a comparison with a reference.
 */
typedef struct
{
  gint64    id;
  gint64    reference_id;
  char     *name;
  char     *data_hash;
  gint64    received;
  guint64   n_rows;
  gboolean  dataset_drift;
  double    drift_share;
  guint     n_drifted;
  guint     n_columns;
} OrchardBatchInfo;

#define ORCHARD_TYPE_REFERENCE_INFO (orchard_reference_info_get_type ())
#define ORCHARD_TYPE_BATCH_INFO     (orchard_batch_info_get_type ())

GType                 orchard_reference_info_get_type (void) G_GNUC_CONST;
OrchardReferenceInfo *orchard_reference_info_copy     (const OrchardReferenceInfo *info);
void                  orchard_reference_info_free     (OrchardReferenceInfo       *info);
GType                 orchard_batch_info_get_type     (void) G_GNUC_CONST;
OrchardBatchInfo     *orchard_batch_info_copy         (const OrchardBatchInfo     *info);
void                  orchard_batch_info_free         (OrchardBatchInfo           *info);
const char           *orchard_reference_source_to_string (OrchardReferenceSource   source);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardReferenceInfo, orchard_reference_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardBatchInfo, orchard_batch_info_free)

gint64                   orchard_project_add_reference         (OrchardProject          *self,
                                                                OrchardReferenceSource   source,
                                                                gint64                   source_id,
                                                                const char              *name,
                                                                const char              *data_hash,
                                                                OrchardReferenceProfile *profile,
                                                                GError                 **error);
gint64                   orchard_project_add_dataset_reference (OrchardProject          *self,
                                                                gint64                   dataset_id,
                                                                const char              *target,
                                                                OrchardProgress          progress,
                                                                gpointer                 progress_data,
                                                                GCancellable            *cancellable,
                                                                GError                 **error);
gint64                   orchard_project_add_run_reference     (OrchardProject          *self,
                                                                gint64                   run_id,
                                                                GError                 **error);
GPtrArray               *orchard_project_list_references       (OrchardProject          *self,
                                                                GError                 **error);
OrchardReferenceInfo    *orchard_project_get_reference         (OrchardProject          *self,
                                                                gint64                   reference_id,
                                                                GError                 **error);
OrchardReferenceProfile *orchard_project_load_reference        (OrchardProject          *self,
                                                                gint64                   reference_id,
                                                                GError                 **error);
gboolean                 orchard_project_delete_reference      (OrchardProject          *self,
                                                                gint64                   reference_id,
                                                                GError                 **error);
gint64                   orchard_project_record_batch          (OrchardProject          *self,
                                                                gint64                   reference_id,
                                                                const char              *name,
                                                                const char              *data_hash,
                                                                OrchardDriftReport      *report,
                                                                GError                 **error);
GPtrArray               *orchard_project_list_batches          (OrchardProject          *self,
                                                                gint64                   reference_id,
                                                                GError                 **error);
OrchardDriftReport      *orchard_project_load_batch_report     (OrchardProject          *self,
                                                                gint64                   batch_id,
                                                                GError                 **error);
gboolean                 orchard_project_delete_batches        (OrchardProject          *self,
                                                                const gint64            *batch_ids,
                                                                guint                    n_batches,
                                                                GError                 **error);
gint64                   orchard_project_find_bundle_run       (OrchardProject          *self,
                                                                const char              *checksum,
                                                                GError                 **error);

/**
 * OrchardBundleRunInfo:
 * @run_id: a finished run with a model bundle
 * @model: its learner
 * @dataset_name: (nullable): the name of the data set it was trained on
 *
 * A run whose training data can be a reference.
 */
typedef struct
{
  gint64  run_id;
  char   *model;
  char   *dataset_name;
} OrchardBundleRunInfo;

void                     orchard_bundle_run_info_free          (OrchardBundleRunInfo    *info);
GPtrArray               *orchard_project_list_bundle_runs      (OrchardProject          *self,
                                                                guint                    limit,
                                                                GError                 **error);

gboolean                 orchard_project_set_bundle_threshold  (OrchardProject          *self,
                                                                gint64                   run_id,
                                                                double                   threshold,
                                                                GError                 **error);

G_END_DECLS
