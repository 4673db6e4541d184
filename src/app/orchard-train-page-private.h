/* orchard-train-page-private.h: what the Train page's files share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-train-page.h"

G_BEGIN_DECLS

/* What a worker shares with the main thread: it never touches the page,
 * only this; one idle carries the latest progress over however often the
 * engine reports. */
typedef struct
{
  gatomicrefcount  ref_count;
  GMutex           mutex;
  GWeakRef         page;
  double           fraction;
  char            *message;
  gboolean         idle_queued;
  GPtrArray       *candidates;   /* OrchardTunerCandidate, reported and not shown yet */
} OrchardTrainProgress;

struct _OrchardTrainPage
{
  GtkWidget          parent_instance;

  OrchardSession    *session;
  OrchardSplit      *split;
  gboolean           updating;

  /* The learners: one row and one draft model (the form edits it) each. */
  GPtrArray         *learner_rows;   /* AdwActionRow, in registry order */
  GPtrArray         *learner_checks; /* GtkCheckButton */
  GHashTable        *drafts;         /* name → OrchardModel */
  char              *learner;
  OrchardTask        task;
  gboolean           has_task;

  /* The form */
  GPtrArray         *param_rows;
  GHashTable        *controls;       /* parameter name → its widget */
  char              *param_problem;

  /* Training */
  GCancellable      *cancellable;
  OrchardTrainProgress          *progress;
  OrchardModel      *fitting;        /* the model the worker fits */
  OrchardModelRun   *running;        /* its run, in the session's list */
  gint64             started;
  guint              curve_timeout_id;
  gint64             last_curve_update;
  guint              n_curve_points;
  GArray            *curve_entries;  /* OrchardHistoryEntry, as drawn */
  double             curve_lo;
  double             curve_hi;
  guint              n_curve_updates;
  int                marked_iteration;
  guint              next_run;
  OrchardModelRun   *last_run;

  GPtrArray         *shown;          /* Shown, the results rows */

  /* Search */
  GPtrArray         *space_entries;  /* AdwEntryRow, one per parameter */
  GCancellable      *search_cancellable;
  OrchardTrainProgress          *search_progress;
  OrchardTuner      *tuner;
  GPtrArray         *candidates;     /* OrchardTunerCandidate, by id */
  GPtrArray         *candidate_rows; /* AdwActionRow, by id */
  char              *search_metric;
  gboolean           search_higher_better;
  int                best_candidate;

  /* Template */
  GtkStack          *stack;
  GtkRevealer       *progress_revealer;
  GtkSpinner        *spinner;
  GtkProgressBar    *progress_bar;
  GtkScrolledWindow *scrolled;
  AdwPreferencesGroup *model_group;
  GtkListBox        *model_list;
  AdwPreferencesGroup *params_group;
  AdwComboRow       *pipeline_row;
  GtkSpinButton     *train_spin;
  GtkSpinButton     *valid_spin;
  GtkLabel          *test_label;
  GtkSpinButton     *seed_spin;
  AdwPreferencesGroup *curve_group;
  GtkStack          *curve_stack;
  GtkBox            *curve_box;
  GtkWidget         *curve;
  AdwPreferencesGroup *results_group;
  GtkStack          *runs_stack;
  GtkListBox        *runs_list;
  GtkLabel          *summary_label;
  AdwPreferencesGroup *search_group;
  AdwExpanderRow    *space_row;
  AdwComboRow       *strategy_row;
  GtkWidget         *draws_row;
  GtkSpinButton     *draws_spin;
  AdwComboRow       *scoring_row;
  GtkSwitch         *halving_switch;
  GtkLabel          *search_problem;
  AdwPreferencesGroup *candidates_group;
  GtkListBox        *candidates_list;
};

/* orchard-train-page.c */
OrchardTrainProgress *orchard_train_progress_new          (OrchardTrainPage     *page);
OrchardTrainProgress *orchard_train_progress_ref          (OrchardTrainProgress *p);
void                  orchard_train_progress_unref        (OrchardTrainProgress *p);
void                  orchard_train_progress_report       (double                fraction,
                                                           const char           *message,
                                                           gpointer              user_data);
gboolean              orchard_train_progress_idle_cb      (gpointer              data);
void                  orchard_train_lower_thread_priority (void);

OrchardTable         *_orchard_train_page_get_table       (OrchardTrainPage     *self);
OrchardModel         *_orchard_train_page_get_draft       (OrchardTrainPage     *self);
const char           *_orchard_train_page_get_target_name (OrchardTrainPage     *self);
const char           *_orchard_train_page_metric_label    (const char           *key);
char                 *_orchard_train_page_format_metric   (const char           *key,
                                                           double                value);
void                  _orchard_train_page_sync_form       (OrchardTrainPage     *self);
void                  _orchard_train_page_update_actions  (OrchardTrainPage     *self);
void                  _orchard_train_page_train_action    (GtkWidget            *widget,
                                                           const char           *action_name,
                                                           GVariant             *parameter);

/* orchard-train-page-search.c */
void                  _orchard_train_page_build_space     (OrchardTrainPage     *self);
void                  _orchard_train_page_show_candidates (OrchardTrainPage     *self);
void                  _orchard_train_page_search_action   (GtkWidget            *widget,
                                                           const char           *action_name,
                                                           GVariant             *parameter);
void                  _orchard_train_page_train_best_action (GtkWidget          *widget,
                                                           const char           *action_name,
                                                           GVariant             *parameter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardTrainProgress, orchard_train_progress_unref)

G_END_DECLS
