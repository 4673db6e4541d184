/* orchard-column.h: one immutable column of an OrchardTable
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * OrchardColumnKind:
 * @ORCHARD_COLUMN_KIND_NUMERIC: `double` values, NaN for missing
 * @ORCHARD_COLUMN_KIND_CATEGORICAL: `guint32` codes into a level list
 * @ORCHARD_COLUMN_KIND_DATETIME: seconds since 1970-01-01 UTC as `double`, NaN for missing
 * @ORCHARD_COLUMN_KIND_TEXT: free text, stored like a categorical column
 */
typedef enum
{
  ORCHARD_COLUMN_KIND_NUMERIC,
  ORCHARD_COLUMN_KIND_CATEGORICAL,
  ORCHARD_COLUMN_KIND_DATETIME,
  ORCHARD_COLUMN_KIND_TEXT,
} OrchardColumnKind;

/**
 * OrchardColumnRole:
 * @ORCHARD_COLUMN_ROLE_FEATURE: an input of the model
 * @ORCHARD_COLUMN_ROLE_TARGET: what the model predicts
 * @ORCHARD_COLUMN_ROLE_IGNORE: kept in the table, never used
 * @ORCHARD_COLUMN_ROLE_TIME: orders the rows (time splits, drift over time)
 * @ORCHARD_COLUMN_ROLE_ID: identifies a row or a group of rows
 */
typedef enum
{
  ORCHARD_COLUMN_ROLE_FEATURE,
  ORCHARD_COLUMN_ROLE_TARGET,
  ORCHARD_COLUMN_ROLE_IGNORE,
  ORCHARD_COLUMN_ROLE_TIME,
  ORCHARD_COLUMN_ROLE_ID,
} OrchardColumnRole;

/** ORCHARD_CODE_MISSING: the code of a missing value in a categorical column */
#define ORCHARD_CODE_MISSING G_MAXUINT32

#define ORCHARD_TYPE_COLUMN (orchard_column_get_type ())

typedef struct _OrchardColumn OrchardColumn;

GType              orchard_column_get_type         (void) G_GNUC_CONST;
OrchardColumn     *orchard_column_new_numeric      (const char         *name,
                                                    double             *values,
                                                    gsize               n_rows);
OrchardColumn     *orchard_column_new_datetime     (const char         *name,
                                                    double             *seconds,
                                                    gsize               n_rows);
OrchardColumn     *orchard_column_new_categorical  (const char         *name,
                                                    guint32            *codes,
                                                    gsize               n_rows,
                                                    GPtrArray          *levels,
                                                    gboolean            is_text);
OrchardColumn     *orchard_column_new_renamed      (OrchardColumn      *column,
                                                    const char         *name);
OrchardColumn     *orchard_column_ref              (OrchardColumn      *column);
void               orchard_column_unref            (OrchardColumn      *column);
const char        *orchard_column_get_name         (const OrchardColumn *column);
OrchardColumnKind  orchard_column_get_kind         (const OrchardColumn *column);
gboolean           orchard_column_is_coded         (const OrchardColumn *column);
gsize              orchard_column_get_n_rows       (const OrchardColumn *column);
const double      *orchard_column_get_values       (const OrchardColumn *column);
const guint32     *orchard_column_get_codes        (const OrchardColumn *column);
guint              orchard_column_get_n_levels     (const OrchardColumn *column);
const char        *orchard_column_get_level        (const OrchardColumn *column,
                                                    guint32             code);
gboolean           orchard_column_is_missing       (const OrchardColumn *column,
                                                    gsize               row);
gsize              orchard_column_get_memory_size  (const OrchardColumn *column);
char              *orchard_column_format_value     (const OrchardColumn *column,
                                                    gsize               row);

const char        *orchard_column_kind_to_string   (OrchardColumnKind   kind);
gboolean           orchard_column_kind_from_string (const char         *str,
                                                    OrchardColumnKind  *kind);
const char        *orchard_column_role_to_string   (OrchardColumnRole   role);
gboolean           orchard_column_role_from_string (const char         *str,
                                                    OrchardColumnRole  *role);

char              *orchard_format_double           (double              value);
char              *orchard_format_datetime         (double              seconds);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardColumn, orchard_column_unref)

G_END_DECLS
