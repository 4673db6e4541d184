/* orchard-drift-stats.h: the statistics of drift tests, as SciPy computes them
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardKsMethod:
 * @ORCHARD_KS_EXACT: the exact distribution of the two-sample statistic
 * @ORCHARD_KS_ASYMPTOTIC: the one-sample distribution of D_n with
 *   n = round(n₁n₂ / (n₁ + n₂)), as SciPy's `method='asymp'`
 *
 * How orchard_ks_2samp() computed its p-value.
 */
typedef enum
{
  ORCHARD_KS_EXACT,
  ORCHARD_KS_ASYMPTOTIC,
} OrchardKsMethod;

/* Distributions */
double   orchard_normal_cdf               (double        x);
double   orchard_normal_sf                (double        x);
double   orchard_normal_quantile          (double        p);
double   orchard_gamma_regularized_lower  (double        a,
                                           double        x);
double   orchard_gamma_regularized_upper  (double        a,
                                           double        x);
double   orchard_chi_square_sf            (double        x,
                                           double        df);
double   orchard_chi_square_isf           (double        p,
                                           double        df);
double   orchard_smirnov_sf               (guint64       n,
                                           double        d);
double   orchard_kstwo_sf                 (double        d,
                                           guint64       n);

/* Tests and distances */
double   orchard_ks_2samp                 (const double *a,
                                           gsize         n_a,
                                           const double *b,
                                           gsize         n_b,
                                           double       *p_value,
                                           OrchardKsMethod *method);
double   orchard_ks_critical_value        (gsize         n_a,
                                           gsize         n_b,
                                           double        alpha);
double   orchard_chisquare                (const double *observed,
                                           const double *expected,
                                           gsize         n,
                                           double       *p_value);
double   orchard_proportions_z            (gsize         n_a,
                                           gsize         events_a,
                                           gsize         n_b,
                                           gsize         events_b,
                                           double       *p_value);
double   orchard_wasserstein_distance     (const double *a,
                                           gsize         n_a,
                                           const double *b,
                                           gsize         n_b);
double   orchard_jensen_shannon_distance  (const double *p,
                                           const double *q,
                                           gsize         n);
double   orchard_psi                      (const gsize  *reference_counts,
                                           const gsize  *current_counts,
                                           gsize         n_bins);
double   orchard_cohens_d                 (gsize         n_a,
                                           double        mean_a,
                                           double        var_a,
                                           gsize         n_b,
                                           double        mean_b,
                                           double        var_b);
double   orchard_cramers_v                (const gsize  *counts_a,
                                           const gsize  *counts_b,
                                           gsize         n_bins);
void     orchard_adjust_p_values          (const double *p_values,
                                           gsize         n,
                                           gboolean      benjamini_hochberg,
                                           double       *adjusted);

/**
 * ORCHARD_PSI_EMPTY_SHARE:
 *
 * The share a PSI bin with no value counts as, so that the logarithm of
 * an empty bin stays finite.
 */
#define ORCHARD_PSI_EMPTY_SHARE 1e-4

G_END_DECLS
