/* orchard-drift-text.h: how the Monitor page and its reports put drift into words
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard.h"

G_BEGIN_DECLS

char       *orchard_drift_format_statistic (double                    value);
char       *orchard_drift_format_p_value   (double                    value);
char       *orchard_drift_format_psi       (double                    value);
char       *orchard_drift_format_share     (double                    share);
char       *orchard_drift_dup_rows         (gsize                     n);
char       *orchard_drift_dup_columns      (guint                     n);
const char *orchard_drift_test_title       (OrchardStatTest           test);
const char *orchard_drift_test_short       (OrchardStatTest           test);
const char *orchard_drift_kind_title       (OrchardColumnKind         kind);
double      orchard_drift_shown_p_value    (const OrchardColumnDrift *column);
double      orchard_drift_severity         (const OrchardColumnDrift *column);
char       *orchard_drift_dup_badge        (const OrchardColumnDrift *column);
char       *orchard_drift_dup_verdict      (const OrchardColumnDrift *column);
char       *orchard_drift_dup_explanation  (const OrchardColumnDrift *column,
                                            OrchardCorrection         correction);
char       *orchard_drift_dup_psi_text     (const OrchardColumnDrift *column);
char       *orchard_drift_dup_summary      (OrchardDriftReport       *report);

G_END_DECLS
