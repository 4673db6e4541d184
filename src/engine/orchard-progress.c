/* orchard-progress.c: stages of a longer piece of work
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orchard-progress.h"

/**
 * orchard_progress_stage_report:
 * @stage: the stage
 * @fraction: how much of the whole work is done
 * @message: (nullable): what is being done
 *
 * Reports @fraction of the whole, never less than the last report.
 */
void
orchard_progress_stage_report (OrchardProgressStage *stage,
                               double                fraction,
                               const char           *message)
{
  fraction = MAX (CLAMP (fraction, 0.0, 1.0), stage->last);
  stage->last = fraction;
  if (stage->progress != NULL)
    stage->progress (fraction, message, stage->data);
}

/**
 * orchard_progress_stage_relay:
 * @fraction: how much of the stage is done, 0 … 1
 * @message: (nullable): what the stage's worker says
 * @stage: the #OrchardProgressStage
 *
 * An #OrchardProgress for the stage's worker.
 */
void
orchard_progress_stage_relay (double      fraction,
                              const char *message,
                              gpointer    stage)
{
  OrchardProgressStage *self = stage;

  orchard_progress_stage_report (self, self->start + self->span * CLAMP (fraction, 0.0, 1.0),
                                 self->fixed_message ? self->message : message);
}
