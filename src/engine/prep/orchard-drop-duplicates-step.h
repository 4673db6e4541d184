/* orchard-drop-duplicates-step.h: train on each distinct row once
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_DROP_DUPLICATES_STEP (orchard_drop_duplicates_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDropDuplicatesStep, orchard_drop_duplicates_step,
                      ORCHARD, DROP_DUPLICATES_STEP, GObject)

OrchardStep *orchard_drop_duplicates_step_new (void);

G_END_DECLS
