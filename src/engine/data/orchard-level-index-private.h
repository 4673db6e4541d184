/* orchard-level-index-private.h: find the code of a level while reading
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OrchardLevelIndex OrchardLevelIndex;

OrchardLevelIndex *orchard_level_index_new      (GPtrArray          *levels);
void               orchard_level_index_free     (OrchardLevelIndex  *index);
void               orchard_level_index_prefetch (OrchardLevelIndex  *index,
                                                 const char         *str,
                                                 gsize               len);
gboolean           orchard_level_index_lookup   (OrchardLevelIndex  *index,
                                                 const char         *str,
                                                 gsize               len,
                                                 guint32            *code);
void               orchard_level_index_add      (OrchardLevelIndex  *index,
                                                 guint32             code);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardLevelIndex, orchard_level_index_free)

G_END_DECLS
