/* orchard-progress.h: how long engine work reports progress
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardProgress:
 * @fraction: work done so far, 0.0 … 1.0
 * @message: (nullable): what is being done, translated, or %NULL to keep the last one
 * @user_data: closure data
 *
 * Called from the thread that runs the work, at most a few hundred times per
 * call; receivers that drive widgets coalesce it into one idle on the main thread.
 */
typedef void (*OrchardProgress) (double      fraction,
                                 const char *message,
                                 gpointer    user_data);

/**
 * OrchardProgressStage:
 * @progress: (nullable): where the whole work reports
 * @data: its closure data
 * @start: where this stage begins, as a fraction of the whole
 * @span: how much of the whole it covers
 * @last: the last fraction reported: reports never go back, not even by rounding
 * @fixed_message: report @message instead of what the stage's worker says
 * @message: with @fixed_message, what every report of the stage says (or %NULL)
 *
 * One stage of a longer piece of work: a worker's own 0 … 1 mapped to
 * @start … @start + @span of the whole. Zero-initialise, then set the fields.
 */
typedef struct
{
  OrchardProgress  progress;
  gpointer         data;
  double           start;
  double           span;
  double           last;
  gboolean         fixed_message;
  const char      *message;
} OrchardProgressStage;

void orchard_progress_stage_report (OrchardProgressStage *stage,
                                    double                fraction,
                                    const char           *message);
void orchard_progress_stage_relay  (double                fraction,
                                    const char           *message,
                                    gpointer              stage);

G_END_DECLS
