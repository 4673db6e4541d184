/* orchard-parse.h: exact, fast parsing of the tokens found in data files
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean orchard_parse_double   (const char *str,
                                 gsize       len,
                                 double     *out);
gboolean orchard_parse_datetime (const char *str,
                                 gsize       len,
                                 double     *out);
gint64   orchard_days_from_civil (gint64     year,
                                  guint      month,
                                  guint      day);

G_END_DECLS
