/* orchard-drift-sparkline.h: a column's reference and current histograms, small enough for a list row
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ORCHARD_TYPE_DRIFT_SPARKLINE (orchard_drift_sparkline_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDriftSparkline, orchard_drift_sparkline, ORCHARD, DRIFT_SPARKLINE, GtkWidget)

GtkWidget *orchard_drift_sparkline_new          (void);
void       orchard_drift_sparkline_set_counts   (OrchardDriftSparkline *self,
                                                 const gsize           *reference,
                                                 const gsize           *current,
                                                 guint                  n_bins);
guint      orchard_drift_sparkline_get_n_bins   (OrchardDriftSparkline *self);

G_END_DECLS
