/* orchard-one-hot-step.h: one 0/1 column per level
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardUnseenLevels:
 * @ORCHARD_UNSEEN_OTHER: a level not seen in the training rows counts as
 *   "(other)", which then always has a column
 * @ORCHARD_UNSEEN_ZERO: a level not seen in the training rows sets no column
 *
 * What an encoder does with a level that did not occur in the training
 * rows. Neither is an error: new data may always hold new levels.
 */
typedef enum
{
  ORCHARD_UNSEEN_OTHER,
  ORCHARD_UNSEEN_ZERO,
} OrchardUnseenLevels;

#define ORCHARD_TYPE_UNSEEN_LEVELS (orchard_unseen_levels_get_type ())
GType orchard_unseen_levels_get_type (void) G_GNUC_CONST;

/**
 * ORCHARD_OTHER_LEVEL:
 *
 * The level name of the bucket for infrequent and unseen levels, as in the
 * feature name "island=(other)".
 */
#define ORCHARD_OTHER_LEVEL "(other)"

#define ORCHARD_TYPE_ONE_HOT_STEP (orchard_one_hot_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardOneHotStep, orchard_one_hot_step, ORCHARD, ONE_HOT_STEP, GObject)

OrchardStep *orchard_one_hot_step_new (void);

G_END_DECLS
