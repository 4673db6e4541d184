/* orchard-file.h: files written whole or not at all
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean orchard_file_write_atomic (GFile         *file,
                                    const void    *data,
                                    gsize          size,
                                    GCancellable  *cancellable,
                                    GError       **error);

G_END_DECLS
