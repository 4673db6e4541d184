/* orchard-profile-private.h: the numeric kernels behind OrchardProfile
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-profile.h"

G_BEGIN_DECLS

/* A value with the class of its row, for one-feature ROC AUC. */
typedef struct
{
  guint64 key;
  guint32 label;
} OrchardLabelledKey;

#define ORCHARD_LABEL_NONE G_MAXUINT32

guint64       orchard_sort_key_from_double   (double                    value);
double        orchard_sort_key_to_double     (guint64                   key);
guint64      *orchard_radix_sort_keys        (guint64                  *keys,
                                              guint64                  *scratch,
                                              gsize                     n);
OrchardLabelledKey *
              orchard_radix_sort_labelled    (OrchardLabelledKey       *items,
                                              OrchardLabelledKey       *scratch,
                                              gsize                     n);

double        orchard_quantile_sorted        (const double             *sorted,
                                              gsize                     n,
                                              double                    probability);
guint         orchard_histogram_n_bins       (const double             *sorted,
                                              gsize                     n,
                                              guint                     max_bins);
void          orchard_histogram_fill         (const double             *values,
                                              gsize                     n,
                                              double                    first_edge,
                                              double                    last_edge,
                                              guint                     n_bins,
                                              double                   *edges,
                                              gsize                    *counts);
void          orchard_profile_describe_sorted (OrchardColumnProfile    *column,
                                               const double            *sorted,
                                               gsize                    n);
double        orchard_min_pairwise_auc       (const OrchardLabelledKey *sorted,
                                              gsize                     n,
                                              guint                     n_classes);
double        orchard_pearson                (const double             *x,
                                              const double             *y,
                                              gsize                     n_rows,
                                              gsize                    *n_complete);

guint64       orchard_hash_mix               (guint64                   h);
guint64       orchard_hash_string            (const char               *str);

G_END_DECLS
