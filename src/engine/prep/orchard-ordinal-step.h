/* orchard-ordinal-step.h: a category becomes its rank among the levels
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_ORDINAL_STEP (orchard_ordinal_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardOrdinalStep, orchard_ordinal_step, ORCHARD, ORDINAL_STEP, GObject)

OrchardStep *orchard_ordinal_step_new (void);

G_END_DECLS
