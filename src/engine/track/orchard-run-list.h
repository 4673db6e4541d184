/* orchard-run-list.h: a project's runs as light summaries, for long listings
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-run.h"

G_BEGIN_DECLS

/**
 * OrchardRunSummary:
 * @id: the run's id
 * @model: the learner
 * @target: (nullable): the target column
 * @status: where the run is in its life
 * @dataset_id: the data set it trained on
 * @data_hash: the content hash of that data
 * @dataset_name: (nullable): the data set's name
 * @parent_id: the run it retrains or reproduces, 0 for none
 * @start_time: when it began, Unix milliseconds
 * @end_time: when it ended, Unix milliseconds, 0 while it runs
 * @duration: seconds, NaN while it runs
 * @seed: the seed
 * @sort_value: the value the listing sorted by, NaN when none or the run lacks it
 *
 * One row of an #OrchardRunList: what a run table shows. The rest of the
 * run (uuid, split, pipeline, host, note, parameters, metrics…) comes from
 * orchard_project_get_run() when a run is opened. The strings belong to the
 * list.
 */
typedef struct
{
  gint64            id;
  const char       *model;
  const char       *target;
  OrchardRunStatus  status;
  gint64            dataset_id;
  const char       *data_hash;
  const char       *dataset_name;
  gint64            parent_id;
  gint64            start_time;
  gint64            end_time;
  double            duration;
  guint64           seed;
  double            sort_value;
} OrchardRunSummary;

#define ORCHARD_TYPE_RUN_LIST (orchard_run_list_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRunList, orchard_run_list, ORCHARD, RUN_LIST, GObject)

guint                    orchard_run_list_get_n_runs   (OrchardRunList *self);
const OrchardRunSummary *orchard_run_list_get_summary  (OrchardRunList *self,
                                                        guint           position);
OrchardRun              *orchard_run_list_dup_run      (OrchardRunList *self,
                                                        guint           position);

G_END_DECLS
