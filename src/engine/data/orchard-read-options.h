/* orchard-read-options.h: what the user may tell a reader
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "orchard-column.h"

G_BEGIN_DECLS

/**
 * OrchardHeaderMode:
 * @ORCHARD_HEADER_AUTO: sniff whether the first row names the columns
 * @ORCHARD_HEADER_PRESENT: the first row is a header
 * @ORCHARD_HEADER_ABSENT: the first row is data
 */
typedef enum
{
  ORCHARD_HEADER_AUTO,
  ORCHARD_HEADER_PRESENT,
  ORCHARD_HEADER_ABSENT,
} OrchardHeaderMode;

#define ORCHARD_TYPE_READ_OPTIONS (orchard_read_options_get_type ())

typedef struct _OrchardReadOptions OrchardReadOptions;

GType               orchard_read_options_get_type           (void) G_GNUC_CONST;
OrchardReadOptions *orchard_read_options_new                (void);
OrchardReadOptions *orchard_read_options_ref                (OrchardReadOptions *options);
void                orchard_read_options_unref              (OrchardReadOptions *options);
void                orchard_read_options_set_delimiter      (OrchardReadOptions *options,
                                                             char                delimiter);
char                orchard_read_options_get_delimiter      (const OrchardReadOptions *options);
void                orchard_read_options_set_header         (OrchardReadOptions *options,
                                                             OrchardHeaderMode   mode);
OrchardHeaderMode   orchard_read_options_get_header         (const OrchardReadOptions *options);
void                orchard_read_options_set_missing_tokens (OrchardReadOptions *options,
                                                             const char * const *tokens);
const char * const *orchard_read_options_get_missing_tokens (const OrchardReadOptions *options);
gboolean            orchard_read_options_is_missing         (const OrchardReadOptions *options,
                                                             const char         *token,
                                                             gsize               len);
void                orchard_read_options_set_kind           (OrchardReadOptions *options,
                                                             const char         *column,
                                                             OrchardColumnKind   kind);
gboolean            orchard_read_options_get_kind           (const OrchardReadOptions *options,
                                                             const char         *column,
                                                             OrchardColumnKind  *kind);
GStrv               orchard_read_options_dup_kind_columns (const OrchardReadOptions *options);
void                orchard_read_options_set_stray_share    (OrchardReadOptions *options,
                                                             double              share);
double              orchard_read_options_get_stray_share    (const OrchardReadOptions *options);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardReadOptions, orchard_read_options_unref)

G_END_DECLS
