/* orchard-json.h: JSON text that is always valid and keeps every double exact
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

char     *orchard_json_to_string  (JsonNode  *node,
                                   gboolean   pretty);
gboolean  orchard_json_write_file (JsonNode  *node,
                                   GFile     *file,
                                   gboolean   pretty,
                                   GError   **error);

G_END_DECLS
