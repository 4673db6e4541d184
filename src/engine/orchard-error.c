/* orchard-error.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "orchard-error.h"

G_DEFINE_QUARK (orchard-error-quark, orchard_error)
