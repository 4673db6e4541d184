/* orchard-tuner.h: hyperparameter search (grid, random, successive halving)
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-model.h"
#include "orchard-pipeline.h"
#include "orchard-progress.h"
#include "orchard-project.h"
#include "orchard-split.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * OrchardTunerStatus:
 * @ORCHARD_TUNER_STATUS_DONE: scored; with halving, in the last round
 * @ORCHARD_TUNER_STATUS_PROMOTED: scored in a halving round and kept for
 *   the next one
 * @ORCHARD_TUNER_STATUS_DROPPED: scored in a halving round and dropped
 * @ORCHARD_TUNER_STATUS_FAILED: the learner refused the settings or failed
 *   to fit; the message says why
 * @ORCHARD_TUNER_STATUS_RUNNING: being scored
 *
 * Where a candidate stands. Nicks: "done", "promoted", "dropped", "failed",
 * "running".
 */
typedef enum
{
  ORCHARD_TUNER_STATUS_DONE,
  ORCHARD_TUNER_STATUS_PROMOTED,
  ORCHARD_TUNER_STATUS_DROPPED,
  ORCHARD_TUNER_STATUS_FAILED,
  ORCHARD_TUNER_STATUS_RUNNING,
} OrchardTunerStatus;

/**
 * OrchardTunerCandidate:
 * @id: the evaluation, counted from 0 in the order they finish
 * @candidate: the settings' index in the search space (orchard_tuner_expand());
 *   with halving, one settings' evaluations in successive rounds share it
 * @round: the halving round, from 0; always 0 without halving
 * @params: the searched hyperparameters, an `a{sv}` typed as
 *   orchard_model_get_params() types them
 * @score: the metric on the validation rows, or its mean over the folds;
 *   NaN when failed
 * @std: the standard deviation of the fold scores (population, as
 *   scikit-learn's `std_test_score`); NaN without cross-validation
 * @n_folds: the number of fold scores
 * @fold_scores: (array length=n_folds): the score of each fold
 * @rows: the rows the learner was given: training rows when scored on the
 *   validation rows, rows split into folds with cross-validation
 * @status: where it stands
 * @seconds: the wall time of the evaluation (pipelines, fits, predictions)
 * @message: (nullable): why it failed
 * @run_id: the run that records it in the project
 *   (orchard_tuner_set_project()), or 0
 *
 * One evaluation of one setting of the hyperparameters.
 */
typedef struct
{
  guint               id;
  guint               candidate;
  guint               round;
  GVariant           *params;
  double              score;
  double              std;
  guint               n_folds;
  double             *fold_scores;
  gsize               rows;
  OrchardTunerStatus  status;
  double              seconds;
  char               *message;
  gint64              run_id;
} OrchardTunerCandidate;

/**
 * OrchardHalvingRound:
 * @rows: the budget of the round, in rows
 * @n_candidates: how many candidates the round scores
 *
 * One round of successive halving, see orchard_tuner_halving_schedule().
 */
typedef struct
{
  gsize rows;
  guint n_candidates;
} OrchardHalvingRound;

/**
 * OrchardTunerFunc:
 * @candidate: the evaluation that starts, finished, or whose status a
 *   halving round changed; owned by the tuner, copy it to keep it
 * @user_data: the data given to orchard_tuner_set_candidate_func()
 *
 * Called from the thread running orchard_tuner_run() as each candidate
 * starts (status running), as it finishes (done or failed), and again when
 * the end of a halving round marks it promoted or dropped; all with the
 * same @id.
 */
typedef void (*OrchardTunerFunc) (const OrchardTunerCandidate *candidate,
                                  gpointer                     user_data);

#define ORCHARD_TYPE_TUNER_STATUS (orchard_tuner_status_get_type ())
#define ORCHARD_TYPE_TUNER_CANDIDATE (orchard_tuner_candidate_get_type ())
#define ORCHARD_TYPE_TUNER (orchard_tuner_get_type ())

GType                  orchard_tuner_status_get_type    (void) G_GNUC_CONST;
GType                  orchard_tuner_candidate_get_type (void) G_GNUC_CONST;
OrchardTunerCandidate *orchard_tuner_candidate_copy     (const OrchardTunerCandidate *candidate);
void                   orchard_tuner_candidate_free     (OrchardTunerCandidate       *candidate);
const char            *orchard_tuner_status_to_string   (OrchardTunerStatus           status);

G_DECLARE_FINAL_TYPE (OrchardTuner, orchard_tuner, ORCHARD, TUNER, GObject)

OrchardTuner       *orchard_tuner_new               (OrchardTable      *data,
                                                     const char        *target,
                                                     OrchardModel      *model);
gboolean            orchard_tuner_add_param         (OrchardTuner      *self,
                                                     const char        *spec,
                                                     GError           **error);
guint               orchard_tuner_get_n_params      (OrchardTuner      *self);
void                orchard_tuner_set_random        (OrchardTuner      *self,
                                                     guint              n_draws);
gboolean            orchard_tuner_set_folds         (OrchardTuner      *self,
                                                     guint              n_folds,
                                                     GError           **error);
void                orchard_tuner_set_halving       (OrchardTuner      *self,
                                                     gboolean           halving);
void                orchard_tuner_set_seed          (OrchardTuner      *self,
                                                     guint64            seed);
void                orchard_tuner_set_metric        (OrchardTuner      *self,
                                                     const char        *metric);
void                orchard_tuner_set_pipeline      (OrchardTuner      *self,
                                                     OrchardPipeline   *pipeline);
void                orchard_tuner_set_split         (OrchardTuner      *self,
                                                     OrchardSplit      *split);
void                orchard_tuner_set_project       (OrchardTuner      *self,
                                                     OrchardProject    *project);
void                orchard_tuner_set_candidate_func (OrchardTuner     *self,
                                                     OrchardTunerFunc   func,
                                                     gpointer           user_data,
                                                     GDestroyNotify     destroy);

GPtrArray          *orchard_tuner_expand            (OrchardTuner      *self,
                                                     GError           **error);
gboolean            orchard_tuner_run               (OrchardTuner      *self,
                                                     OrchardProgress    progress,
                                                     gpointer           progress_data,
                                                     GCancellable      *cancellable,
                                                     GError           **error);

OrchardTask         orchard_tuner_get_task          (OrchardTuner      *self);
const char         *orchard_tuner_get_metric        (OrchardTuner      *self);
gboolean            orchard_tuner_get_greater_is_better (OrchardTuner  *self);
guint               orchard_tuner_get_n_candidates  (OrchardTuner      *self);
const OrchardTunerCandidate *orchard_tuner_get_candidate (OrchardTuner *self,
                                                     guint              index);
int                 orchard_tuner_get_best          (OrchardTuner      *self);
const OrchardHalvingRound *orchard_tuner_get_rounds (OrchardTuner      *self,
                                                     guint             *n_rounds);
JsonNode           *orchard_tuner_to_json           (OrchardTuner      *self);

OrchardHalvingRound *orchard_tuner_halving_schedule (guint              n_candidates,
                                                     gsize              max_rows,
                                                     gsize              min_rows,
                                                     guint              factor,
                                                     guint             *n_rounds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardTunerCandidate, orchard_tuner_candidate_free)

G_END_DECLS
