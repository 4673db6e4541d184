/* orchard-target-encode-step.h: a category becomes the mean target of its level
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_TARGET_ENCODE_STEP (orchard_target_encode_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardTargetEncodeStep, orchard_target_encode_step,
                      ORCHARD, TARGET_ENCODE_STEP, GObject)

OrchardStep *orchard_target_encode_step_new (void);

G_END_DECLS
