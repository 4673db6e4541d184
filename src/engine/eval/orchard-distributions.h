/* orchard-distributions.h: special functions and distributions for statistical tests
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double orchard_beta_regularized (double a,
                                 double b,
                                 double x);
double orchard_student_t_cdf    (double t,
                                 double df);
double orchard_student_t_sf     (double t,
                                 double df);

G_END_DECLS
