/* orchard-drop-columns-step.h: leave columns out
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_DROP_COLUMNS_STEP (orchard_drop_columns_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDropColumnsStep, orchard_drop_columns_step,
                      ORCHARD, DROP_COLUMNS_STEP, GObject)

OrchardStep *orchard_drop_columns_step_new (const char * const *columns);

G_END_DECLS
