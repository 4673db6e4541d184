/* orchard-prep-labels.h: what the Prepare page calls the engine's choices
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "orchard.h"

G_BEGIN_DECLS

const char *orchard_prep_lookup_enum_label   (GType                    type,
                                              const char              *nick);
const char *orchard_prep_enum_label          (GType                    type,
                                              const char              *nick);
const char *orchard_prep_lookup_report_label (const char              *key);
char       *orchard_prep_format_report_fact  (const char              *key,
                                              GVariant                *value);
char       *orchard_prep_format_report_value (GVariant                *value);
const char *orchard_prep_warning_title       (OrchardSplitWarningCode  code);
const char *orchard_prep_part_label          (OrchardPart              part);

G_END_DECLS
