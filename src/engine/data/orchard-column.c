/* orchard-column.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "orchard-column.h"

struct _OrchardColumn
{
  gatomicrefcount    ref_count;
  OrchardColumnKind  kind;
  char              *name;
  gsize              n_rows;
  /* Exactly one of values / codes is set; a renamed column shares its
   * storage with the original through @shared. */
  double            *values;
  guint32           *codes;
  GPtrArray         *levels;
  OrchardColumn     *shared;
};

G_DEFINE_BOXED_TYPE (OrchardColumn, orchard_column, orchard_column_ref, orchard_column_unref)

static OrchardColumn *
orchard_column_alloc (const char        *name,
                      OrchardColumnKind  kind,
                      gsize              n_rows)
{
  OrchardColumn *self = g_new0 (OrchardColumn, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->name = g_strdup (name);
  self->kind = kind;
  self->n_rows = n_rows;

  return self;
}

/**
 * orchard_column_new_numeric:
 * @name: the column name
 * @values: (transfer full) (array length=n_rows): values allocated with g_malloc(), NaN for missing
 * @n_rows: number of rows
 *
 * Returns: (transfer full): a new numeric column owning @values
 */
OrchardColumn *
orchard_column_new_numeric (const char *name,
                            double     *values,
                            gsize       n_rows)
{
  OrchardColumn *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (values != NULL || n_rows == 0, NULL);

  self = orchard_column_alloc (name, ORCHARD_COLUMN_KIND_NUMERIC, n_rows);
  self->values = values;

  return self;
}

/**
 * orchard_column_new_datetime:
 * @name: the column name
 * @seconds: (transfer full) (array length=n_rows): seconds since the epoch (UTC), NaN for missing
 * @n_rows: number of rows
 *
 * Returns: (transfer full): a new datetime column owning @seconds
 */
OrchardColumn *
orchard_column_new_datetime (const char *name,
                             double     *seconds,
                             gsize       n_rows)
{
  OrchardColumn *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (seconds != NULL || n_rows == 0, NULL);

  self = orchard_column_alloc (name, ORCHARD_COLUMN_KIND_DATETIME, n_rows);
  self->values = seconds;

  return self;
}

/**
 * orchard_column_new_categorical:
 * @name: the column name
 * @codes: (transfer full) (array length=n_rows): codes into @levels, %ORCHARD_CODE_MISSING for missing
 * @n_rows: number of rows
 * @levels: (transfer full) (element-type utf8): the distinct values; must free its strings
 * @is_text: whether the column is free text rather than a category
 *
 * Returns: (transfer full): a new categorical (or text) column owning @codes and @levels
 */
OrchardColumn *
orchard_column_new_categorical (const char *name,
                                guint32    *codes,
                                gsize       n_rows,
                                GPtrArray  *levels,
                                gboolean    is_text)
{
  OrchardColumn *self;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (codes != NULL || n_rows == 0, NULL);
  g_return_val_if_fail (levels != NULL, NULL);
  g_return_val_if_fail (levels->len < ORCHARD_CODE_MISSING, NULL);

  self = orchard_column_alloc (name,
                               is_text ? ORCHARD_COLUMN_KIND_TEXT : ORCHARD_COLUMN_KIND_CATEGORICAL,
                               n_rows);
  self->codes = codes;
  self->levels = levels;

  return self;
}

/**
 * orchard_column_new_renamed:
 * @column: a column
 * @name: the new name
 *
 * Returns: (transfer full): a column with the data of @column (shared, not copied) under @name
 */
OrchardColumn *
orchard_column_new_renamed (OrchardColumn *column,
                            const char    *name)
{
  OrchardColumn *self;

  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  self = orchard_column_alloc (name, column->kind, column->n_rows);
  self->values = column->values;
  self->codes = column->codes;
  self->levels = column->levels;
  self->shared = orchard_column_ref (column->shared ? column->shared : column);

  return self;
}

OrchardColumn *
orchard_column_ref (OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  g_atomic_ref_count_inc (&column->ref_count);

  return column;
}

void
orchard_column_unref (OrchardColumn *column)
{
  g_return_if_fail (column != NULL);

  if (!g_atomic_ref_count_dec (&column->ref_count))
    return;

  if (column->shared != NULL)
    {
      orchard_column_unref (column->shared);
    }
  else
    {
      g_free (column->values);
      g_free (column->codes);
      g_clear_pointer (&column->levels, g_ptr_array_unref);
    }
  g_free (column->name);
  g_free (column);
}

const char *
orchard_column_get_name (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  return column->name;
}

OrchardColumnKind
orchard_column_get_kind (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, ORCHARD_COLUMN_KIND_NUMERIC);
  return column->kind;
}

/**
 * orchard_column_is_coded:
 * @column: a column
 *
 * Returns: %TRUE when the column stores codes (categorical and text), %FALSE
 *   when it stores doubles (numeric and datetime)
 */
gboolean
orchard_column_is_coded (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, FALSE);
  return column->kind == ORCHARD_COLUMN_KIND_CATEGORICAL ||
         column->kind == ORCHARD_COLUMN_KIND_TEXT;
}

gsize
orchard_column_get_n_rows (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, 0);
  return column->n_rows;
}

/**
 * orchard_column_get_values:
 * @column: a numeric or datetime column
 *
 * Returns: (array) (transfer none) (nullable): the values, or %NULL for a coded column
 */
const double *
orchard_column_get_values (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  return column->values;
}

/**
 * orchard_column_get_codes:
 * @column: a categorical or text column
 *
 * Returns: (array) (transfer none) (nullable): the codes, or %NULL for a numeric column
 */
const guint32 *
orchard_column_get_codes (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, NULL);
  return column->codes;
}

guint
orchard_column_get_n_levels (const OrchardColumn *column)
{
  g_return_val_if_fail (column != NULL, 0);
  return column->levels != NULL ? column->levels->len : 0;
}

/**
 * orchard_column_get_level:
 * @column: a categorical or text column
 * @code: a code
 *
 * Returns: (nullable): the level of @code, or %NULL for %ORCHARD_CODE_MISSING
 */
const char *
orchard_column_get_level (const OrchardColumn *column,
                          guint32              code)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (column->levels != NULL, NULL);

  if (code == ORCHARD_CODE_MISSING)
    return NULL;

  g_return_val_if_fail (code < column->levels->len, NULL);

  return g_ptr_array_index (column->levels, code);
}

gboolean
orchard_column_is_missing (const OrchardColumn *column,
                           gsize                row)
{
  g_return_val_if_fail (column != NULL, TRUE);
  g_return_val_if_fail (row < column->n_rows, TRUE);

  if (column->codes != NULL)
    return column->codes[row] == ORCHARD_CODE_MISSING;

  return isnan (column->values[row]);
}

/**
 * orchard_column_get_memory_size:
 * @column: a column
 *
 * Returns: bytes held by the column's data (shared storage counted in full)
 */
gsize
orchard_column_get_memory_size (const OrchardColumn *column)
{
  gsize size;

  g_return_val_if_fail (column != NULL, 0);

  size = sizeof *column + strlen (column->name) + 1;

  if (column->values != NULL)
    size += column->n_rows * sizeof (double);

  if (column->codes != NULL)
    size += column->n_rows * sizeof (guint32);

  if (column->levels != NULL)
    {
      size += column->levels->len * sizeof (gpointer);
      for (guint i = 0; i < column->levels->len; i++)
        size += strlen (g_ptr_array_index (column->levels, i)) + 1;
    }

  return size;
}

/**
 * orchard_format_double:
 * @value: a number
 *
 * Formats @value with the fewest significant digits (up to 17) that read
 * back as the same double, so what the user sees is what the file said.
 *
 * Returns: (transfer full): the text, "NaN" for NaN
 */
char *
orchard_format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return g_strdup ("NaN");

  if (isinf (value))
    return g_strdup (value > 0 ? "inf" : "-inf");

  for (int digits = 15; digits <= 17; digits++)
    {
      g_ascii_formatd (buf, sizeof buf, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }

  return g_strdup (buf);
}

/**
 * orchard_format_datetime:
 * @seconds: seconds since the epoch, UTC
 *
 * Returns: (transfer full): ISO 8601 text: a date alone when the time is
 *   midnight, else date and time
 */
char *
orchard_format_datetime (double seconds)
{
  g_autoptr(GDateTime) dt = NULL;
  double whole;
  double frac;

  if (isnan (seconds))
    return g_strdup ("");

  whole = floor (seconds);
  frac = seconds - whole;
  dt = g_date_time_new_from_unix_utc ((gint64) whole);
  if (dt == NULL)
    return orchard_format_double (seconds);

  if (frac == 0.0 && g_date_time_get_hour (dt) == 0 &&
      g_date_time_get_minute (dt) == 0 && g_date_time_get_second (dt) == 0)
    return g_date_time_format (dt, "%Y-%m-%d");

  if (frac != 0.0)
    {
      g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
      return g_strdup_printf ("%s.%03d", base, (int) round (frac * 1000.0) % 1000);
    }

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
}

/**
 * orchard_column_format_value:
 * @column: a column
 * @row: a row index
 *
 * Returns: (transfer full): the value as text for display, "" when missing
 */
char *
orchard_column_format_value (const OrchardColumn *column,
                             gsize                row)
{
  g_return_val_if_fail (column != NULL, NULL);
  g_return_val_if_fail (row < column->n_rows, NULL);

  switch (column->kind)
    {
    case ORCHARD_COLUMN_KIND_NUMERIC:
      if (isnan (column->values[row]))
        return g_strdup ("");
      return orchard_format_double (column->values[row]);

    case ORCHARD_COLUMN_KIND_DATETIME:
      return orchard_format_datetime (column->values[row]);

    case ORCHARD_COLUMN_KIND_CATEGORICAL:
    case ORCHARD_COLUMN_KIND_TEXT:
      if (column->codes[row] == ORCHARD_CODE_MISSING)
        return g_strdup ("");
      return g_strdup (g_ptr_array_index (column->levels, column->codes[row]));

    default:
      g_assert_not_reached ();
    }
}

static const char * const kind_names[] = { "numeric", "categorical", "datetime", "text" };
static const char * const role_names[] = { "feature", "target", "ignore", "time", "id" };

const char *
orchard_column_kind_to_string (OrchardColumnKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

gboolean
orchard_column_kind_from_string (const char        *str,
                                 OrchardColumnKind *kind)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_ascii_strcasecmp (str, kind_names[i]) == 0)
      {
        *kind = (OrchardColumnKind) i;
        return TRUE;
      }

  return FALSE;
}

const char *
orchard_column_role_to_string (OrchardColumnRole role)
{
  g_return_val_if_fail ((guint) role < G_N_ELEMENTS (role_names), NULL);
  return role_names[role];
}

gboolean
orchard_column_role_from_string (const char        *str,
                                 OrchardColumnRole *role)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (role_names); i++)
    if (g_ascii_strcasecmp (str, role_names[i]) == 0)
      {
        *role = (OrchardColumnRole) i;
        return TRUE;
      }

  return FALSE;
}
