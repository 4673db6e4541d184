/* orchard-prep-private.h: what the preprocessing steps share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-step.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/* Which column kinds a step works on. */
typedef enum
{
  PREP_KIND_NUMERIC     = 1 << ORCHARD_COLUMN_KIND_NUMERIC,
  PREP_KIND_CATEGORICAL = 1 << ORCHARD_COLUMN_KIND_CATEGORICAL,
  PREP_KIND_DATETIME    = 1 << ORCHARD_COLUMN_KIND_DATETIME,
  PREP_KIND_TEXT        = 1 << ORCHARD_COLUMN_KIND_TEXT,
} PrepKinds;

/* Statistics over the values present (NaN skipped) --------------------- */

double     *prep_present_values       (const OrchardColumn  *column,
                                       gsize                *n_present);
double     *prep_sorted_present       (const OrchardColumn  *column,
                                       gsize                *n_present);
double      prep_mean                 (const double         *values,
                                       gsize                 n);
double      prep_variance             (const double         *values,
                                       gsize                 n,
                                       double                mean);
double      prep_quantile             (const double         *sorted,
                                       gsize                 n,
                                       double                probability);
double      prep_most_frequent        (const double         *sorted,
                                       gsize                 n);
int         prep_compare_doubles      (gconstpointer         a,
                                       gconstpointer         b);
int         prep_compare_strings      (gconstpointer         a,
                                       gconstpointer         b);
int         prep_compare_sizes        (gconstpointer         a,
                                       gconstpointer         b);
gsize       prep_count_missing        (const OrchardColumn  *column);

/* Columns ----------------------------------------------------------------- */

GPtrArray  *prep_resolve_columns      (OrchardTable         *train,
                                       const char * const   *requested,
                                       PrepKinds             kinds,
                                       const char           *step_id,
                                       GError              **error);
OrchardColumn *prep_require_column    (OrchardTable         *table,
                                       const char           *name,
                                       PrepKinds             kinds,
                                       const char           *step_id,
                                       GError              **error);
int         prep_find_target          (OrchardTable         *table);
OrchardColumn *prep_get_column        (OrchardTable         *table,
                                       const char           *name);
gboolean    prep_strv_contains        (GPtrArray            *names,
                                       const char           *name);
char       *prep_kinds_to_string      (PrepKinds             kinds);
OrchardColumn *prep_column_new_numeric (const char          *name,
                                        double              *values,
                                        gsize                n_rows);
OrchardColumn *prep_column_with_levels (const OrchardColumn *column,
                                        const char          *name,
                                        GPtrArray           *levels,
                                        const guint32       *remap,
                                        guint32              missing_code);
GHashTable *prep_level_lookup         (GPtrArray            *levels);
guint32    *prep_map_levels           (const OrchardColumn  *column,
                                       GHashTable           *lookup);

/* Tables ------------------------------------------------------------------ */

typedef struct _PrepTableBuilder PrepTableBuilder;

PrepTableBuilder *prep_table_builder_new   (void);
void        prep_table_builder_add         (PrepTableBuilder     *builder,
                                            OrchardColumn        *column,
                                            OrchardColumnRole     role);
OrchardTable *prep_table_builder_finish    (PrepTableBuilder     *builder,
                                            GError              **error);
void        prep_table_builder_free        (PrepTableBuilder     *builder);

OrchardTable *prep_table_compact_levels    (OrchardTable         *table);
OrchardTable *prep_table_select_rows       (OrchardTable         *table,
                                            const gsize          *rows,
                                            gsize                 n_rows);
OrchardTable *prep_table_replace_columns   (OrchardTable         *table,
                                            GHashTable           *replacements,
                                            GError              **error);

/* Rows, compared on the feature and target columns ------------------------ */

typedef struct
{
  OrchardTable *table;
  guint        *columns;
  guint         n_columns;
} PrepRowKey;

void        prep_row_key_init              (PrepRowKey           *key,
                                            OrchardTable         *table);
void        prep_row_key_clear             (PrepRowKey           *key);
guint64     prep_row_hash                  (const PrepRowKey     *key,
                                            gsize                 row);
gboolean    prep_rows_equal                (const PrepRowKey     *key,
                                            gsize                 a,
                                            gsize                 b);
gsize      *prep_first_occurrence          (OrchardTable         *table);

/* Options ----------------------------------------------------------------- */

void        prep_set_strv                  (GObject              *object,
                                            GParamSpec           *pspec,
                                            char               ***field,
                                            const GValue         *value);
void        prep_set_double                (GObject              *object,
                                            GParamSpec           *pspec,
                                            double               *field,
                                            const GValue         *value);
void        prep_set_uint                  (GObject              *object,
                                            GParamSpec           *pspec,
                                            guint                *field,
                                            const GValue         *value);
void        prep_set_uint64                (GObject              *object,
                                            GParamSpec           *pspec,
                                            guint64              *field,
                                            const GValue         *value);
void        prep_set_enum                  (GObject              *object,
                                            GParamSpec           *pspec,
                                            int                  *field,
                                            const GValue         *value);
void        prep_set_flags                 (GObject              *object,
                                            GParamSpec           *pspec,
                                            guint                *field,
                                            const GValue         *value);
void        prep_set_boolean               (GObject              *object,
                                            GParamSpec           *pspec,
                                            gboolean             *field,
                                            const GValue         *value);
void        prep_set_string                (GObject              *object,
                                            GParamSpec           *pspec,
                                            char                **field,
                                            const GValue         *value);
GParamSpec *prep_param_spec_columns        (void);

/* Saved state ------------------------------------------------------------- */

gboolean    prep_state_lookup              (GVariant             *state,
                                            const char           *key,
                                            const char           *type,
                                            const char           *step_id,
                                            GVariant            **out,
                                            GError              **error);
gboolean    prep_state_error               (const char           *step_id,
                                            const char           *what,
                                            GError              **error);
GVariant   *prep_variant_new_strings       (GPtrArray            *strings);
GPtrArray  *prep_variant_get_strings       (GVariant             *variant);

/* Reports ----------------------------------------------------------------- */

GVariant   *prep_report_finish             (GVariantDict         *report,
                                            char                 *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrepTableBuilder, prep_table_builder_free)

G_END_DECLS
