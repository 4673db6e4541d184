/* orchard-threads.h: how many threads the engine's dense math uses
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  orchard_set_threads       (guint n_threads);
guint orchard_get_threads       (void);
void  orchard_blas_serial_begin (void);
void  orchard_blas_serial_end   (void);

G_END_DECLS
