/* orchard-prep-util.c: statistics, column and table helpers of the steps
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-prep-private.h"
#include "orchard-profile-private.h"

/* Statistics -------------------------------------------------------------- */

double *
prep_present_values (const OrchardColumn *column,
                     gsize               *n_present)
{
  const double *values = orchard_column_get_values (column);
  gsize n_rows = orchard_column_get_n_rows (column);
  double *out = g_new (double, MAX (n_rows, 1));
  gsize n = 0;

  g_assert (values != NULL || n_rows == 0);

  for (gsize r = 0; r < n_rows; r++)
    if (!isnan (values[r]))
      out[n++] = values[r];

  *n_present = n;
  return out;
}

int
prep_compare_doubles (gconstpointer a,
                      gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
prep_compare_strings (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
prep_compare_sizes (gconstpointer a,
                    gconstpointer b)
{
  gsize x = *(const gsize *) a;
  gsize y = *(const gsize *) b;

  return (x > y) - (x < y);
}

double *
prep_sorted_present (const OrchardColumn *column,
                     gsize               *n_present)
{
  double *values = prep_present_values (column, n_present);

  qsort (values, *n_present, sizeof (double), prep_compare_doubles);
  return values;
}

/* Neumaier's compensated sum, so that a mean does not depend on the order
 * rows happen to come in more than it must. */
double
prep_mean (const double *values,
           gsize         n)
{
  double sum = 0.0;
  double compensation = 0.0;

  if (n == 0)
    return NAN;

  for (gsize i = 0; i < n; i++)
    {
      double t = sum + values[i];

      if (fabs (sum) >= fabs (values[i]))
        compensation += (sum - t) + values[i];
      else
        compensation += (values[i] - t) + sum;
      sum = t;
    }

  return (sum + compensation) / (double) n;
}

/* The population variance (ddof = 0), as scikit-learn's scalers use; the
 * second pass subtracts the rounding error of the mean (Chan et al.). */
double
prep_variance (const double *values,
               gsize         n,
               double        mean)
{
  double squares = 0.0;
  double deviations = 0.0;

  if (n == 0)
    return NAN;

  for (gsize i = 0; i < n; i++)
    {
      double d = values[i] - mean;

      squares += d * d;
      deviations += d;
    }

  return MAX ((squares - deviations * deviations / (double) n) / (double) n, 0.0);
}

double
prep_quantile (const double *sorted,
               gsize         n,
               double        probability)
{
  if (n == 0)
    return NAN;

  return orchard_quantile_sorted (sorted, n, probability);
}

/* The most frequent value; the smallest of equally frequent ones, as
 * scikit-learn's SimpleImputer picks. */
double
prep_most_frequent (const double *sorted,
                    gsize         n)
{
  double best = NAN;
  gsize best_count = 0;

  for (gsize i = 0; i < n;)
    {
      gsize j = i + 1;

      while (j < n && sorted[j] == sorted[i])
        j++;
      if (j - i > best_count)
        {
          best = sorted[i];
          best_count = j - i;
        }
      i = j;
    }

  return best;
}

gsize
prep_count_missing (const OrchardColumn *column)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  gsize missing = 0;

  if (orchard_column_is_coded (column))
    {
      const guint32 *codes = orchard_column_get_codes (column);

      for (gsize r = 0; r < n_rows; r++)
        missing += codes[r] == ORCHARD_CODE_MISSING;
    }
  else
    {
      const double *values = orchard_column_get_values (column);

      for (gsize r = 0; r < n_rows; r++)
        missing += isnan (values[r]) ? 1 : 0;
    }

  return missing;
}

/* Columns ----------------------------------------------------------------- */

char *
prep_kinds_to_string (PrepKinds kinds)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (OrchardColumnKind k = ORCHARD_COLUMN_KIND_NUMERIC; k <= ORCHARD_COLUMN_KIND_TEXT; k++)
    if (kinds & (1 << k))
      {
        if (text->len > 0)
          g_string_append (text, " or ");
        g_string_append (text, orchard_column_kind_to_string (k));
      }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
prep_strv_contains (GPtrArray  *names,
                    const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return TRUE;

  return FALSE;
}

/*
 * prep_resolve_columns:
 * @train: the training table
 * @requested: (nullable): the names the user gave, or %NULL / empty for
 *   every feature column of @kinds
 *
 * Returns: (transfer full) (element-type utf8): the column names, in the
 *   order given (or the table's order)
 */
GPtrArray *
prep_resolve_columns (OrchardTable        *train,
                      const char * const  *requested,
                      PrepKinds            kinds,
                      const char          *step_id,
                      GError             **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (requested == NULL || requested[0] == NULL)
    {
      for (guint c = 0; c < orchard_table_get_n_columns (train); c++)
        {
          OrchardColumn *column = orchard_table_get_column (train, c);

          if (orchard_table_get_role (train, c) == ORCHARD_COLUMN_ROLE_FEATURE &&
              (kinds & (1 << orchard_column_get_kind (column))) != 0)
            g_ptr_array_add (names, g_strdup (orchard_column_get_name (column)));
        }

      return g_steal_pointer (&names);
    }

  for (guint i = 0; requested[i] != NULL; i++)
    {
      int index = orchard_table_find_column (train, requested[i]);
      OrchardColumn *column;
      OrchardColumnRole role;

      if (index < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Step “%s”: the data has no column “%s”", step_id, requested[i]);
          return NULL;
        }

      column = orchard_table_get_column (train, index);
      role = orchard_table_get_role (train, index);
      if (role != ORCHARD_COLUMN_ROLE_FEATURE)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Step “%s”: column “%s” is not a feature (its role is %s); "
                       "steps change features only",
                       step_id, requested[i], orchard_column_role_to_string (role));
          return NULL;
        }

      if ((kinds & (1 << orchard_column_get_kind (column))) == 0)
        {
          g_autofree char *wanted = prep_kinds_to_string (kinds);

          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Step “%s”: column “%s” is %s, but the step works on %s columns",
                       step_id, requested[i],
                       orchard_column_kind_to_string (orchard_column_get_kind (column)), wanted);
          return NULL;
        }

      if (!prep_strv_contains (names, requested[i]))
        g_ptr_array_add (names, g_strdup (requested[i]));
    }

  return g_steal_pointer (&names);
}

/*
 * prep_require_column:
 *
 * Finds a column a fitted step needs in a table it transforms.
 *
 * Returns: (transfer none): the column, or %NULL with @error set
 */
OrchardColumn *
prep_require_column (OrchardTable  *table,
                     const char    *name,
                     PrepKinds      kinds,
                     const char    *step_id,
                     GError       **error)
{
  int index = orchard_table_find_column (table, name);
  OrchardColumn *column;

  if (index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s” was fitted on column “%s”, which the data does not have",
                   step_id, name);
      return NULL;
    }

  column = orchard_table_get_column (table, index);
  if ((kinds & (1 << orchard_column_get_kind (column))) == 0)
    {
      g_autofree char *wanted = prep_kinds_to_string (kinds);

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s” was fitted on %s column “%s”, but in this data it is %s",
                   step_id, wanted, name,
                   orchard_column_kind_to_string (orchard_column_get_kind (column)));
      return NULL;
    }

  return column;
}

int
prep_find_target (OrchardTable *table)
{
  return orchard_table_get_target (table);
}

/* The column called @name, which must exist. */
OrchardColumn *
prep_get_column (OrchardTable *table,
                 const char   *name)
{
  int index = orchard_table_find_column (table, name);

  g_assert (index >= 0);
  return orchard_table_get_column (table, index);
}

OrchardColumn *
prep_column_new_numeric (const char *name,
                         double     *values,
                         gsize       n_rows)
{
  return orchard_column_new_numeric (name, values, n_rows);
}

/*
 * prep_column_with_levels:
 * @column: a coded column
 * @name: the name of the new column
 * @levels: (element-type utf8) (transfer none): the levels of the new column
 * @remap: (array): for each level of @column, its code in @levels (or
 *   %ORCHARD_CODE_MISSING)
 * @missing_code: what a missing value becomes
 */
OrchardColumn *
prep_column_with_levels (const OrchardColumn *column,
                         const char          *name,
                         GPtrArray           *levels,
                         const guint32       *remap,
                         guint32              missing_code)
{
  const guint32 *codes = orchard_column_get_codes (column);
  gsize n_rows = orchard_column_get_n_rows (column);
  guint32 *out = g_new (guint32, MAX (n_rows, 1));
  GPtrArray *copy = g_ptr_array_new_full (levels->len, g_free);

  for (gsize r = 0; r < n_rows; r++)
    out[r] = codes[r] == ORCHARD_CODE_MISSING ? missing_code : remap[codes[r]];

  for (guint l = 0; l < levels->len; l++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (levels, l)));

  return orchard_column_new_categorical (name, out, n_rows, copy,
                                         orchard_column_get_kind (column) ==
                                         ORCHARD_COLUMN_KIND_TEXT);
}

/* Maps each string of @levels to its index + 1; the keys are borrowed. */
GHashTable *
prep_level_lookup (GPtrArray *levels)
{
  GHashTable *lookup = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l < levels->len; l++)
    g_hash_table_insert (lookup, g_ptr_array_index (levels, l), GUINT_TO_POINTER (l + 1));

  return lookup;
}

/* For each level of @column, its index in @lookup, or ORCHARD_CODE_MISSING
 * for a level the lookup does not know. */
guint32 *
prep_map_levels (const OrchardColumn *column,
                 GHashTable          *lookup)
{
  guint n_levels = orchard_column_get_n_levels (column);
  guint32 *map = g_new (guint32, MAX (n_levels, 1));

  for (guint l = 0; l < n_levels; l++)
    {
      guint found = GPOINTER_TO_UINT (g_hash_table_lookup (lookup,
                                                           orchard_column_get_level (column, l)));

      map[l] = found > 0 ? found - 1 : ORCHARD_CODE_MISSING;
    }

  return map;
}

/* Tables ------------------------------------------------------------------ */

struct _PrepTableBuilder
{
  GPtrArray *columns;
  GArray    *roles;
};

PrepTableBuilder *
prep_table_builder_new (void)
{
  PrepTableBuilder *builder = g_new0 (PrepTableBuilder, 1);

  builder->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  builder->roles = g_array_new (FALSE, FALSE, sizeof (OrchardColumnRole));

  return builder;
}

/* Takes @column (transfer full). */
void
prep_table_builder_add (PrepTableBuilder  *builder,
                        OrchardColumn     *column,
                        OrchardColumnRole  role)
{
  g_ptr_array_add (builder->columns, column);
  g_array_append_val (builder->roles, role);
}

OrchardTable *
prep_table_builder_finish (PrepTableBuilder  *builder,
                           GError           **error)
{
  g_autoptr(OrchardTable) table = orchard_table_new ((OrchardColumn **) builder->columns->pdata,
                                                     builder->columns->len, error);

  if (table == NULL)
    return NULL;

  for (guint c = 0; c < builder->roles->len; c++)
    {
      OrchardColumnRole role = g_array_index (builder->roles, OrchardColumnRole, c);

      if (role != ORCHARD_COLUMN_ROLE_FEATURE)
        {
          OrchardTable *next = orchard_table_with_role (table, c, role);

          g_object_unref (table);
          table = next;
        }
    }

  return g_steal_pointer (&table);
}

void
prep_table_builder_free (PrepTableBuilder *builder)
{
  if (builder == NULL)
    return;

  g_ptr_array_unref (builder->columns);
  g_array_unref (builder->roles);
  g_free (builder);
}

/* A coded column holding only the levels its rows use, in their order. */
static OrchardColumn *
compact_levels (OrchardColumn *column)
{
  guint n_levels = orchard_column_get_n_levels (column);
  gsize n_rows = orchard_column_get_n_rows (column);
  const guint32 *codes = orchard_column_get_codes (column);
  g_autofree guint32 *remap = g_new0 (guint32, MAX (n_levels, 1));
  g_autoptr(GPtrArray) levels = g_ptr_array_new ();
  guint used = 0;

  for (gsize r = 0; r < n_rows; r++)
    if (codes[r] != ORCHARD_CODE_MISSING && remap[codes[r]] == 0)
      remap[codes[r]] = ++used;

  if (used == n_levels)
    return orchard_column_ref (column);

  for (guint l = 0; l < n_levels; l++)
    if (remap[l] > 0)
      {
        remap[l] = levels->len;
        g_ptr_array_add (levels, (gpointer) orchard_column_get_level (column, l));
      }
    else
      remap[l] = ORCHARD_CODE_MISSING;

  return prep_column_with_levels (column, orchard_column_get_name (column), levels, remap,
                                  ORCHARD_CODE_MISSING);
}

/*
 * prep_table_compact_levels:
 *
 * Returns: (transfer full): @table with level lists reduced to the levels
 *   its rows hold (@table itself, with a new reference, when they all do)
 */
OrchardTable *
prep_table_compact_levels (OrchardTable *table)
{
  g_autoptr(PrepTableBuilder) builder = prep_table_builder_new ();
  g_autoptr(GError) error = NULL;
  gboolean changed = FALSE;
  OrchardTable *compact;

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      OrchardColumn *kept = orchard_column_is_coded (column) ? compact_levels (column)
                                                             : orchard_column_ref (column);

      changed |= kept != column;
      prep_table_builder_add (builder, kept, orchard_table_get_role (table, c));
    }

  if (!changed)
    return g_object_ref (table);

  /* The columns are those of a valid table, so this cannot fail. */
  compact = prep_table_builder_finish (builder, &error);
  g_assert_no_error (error);

  return compact;
}

/*
 * prep_table_select_rows:
 *
 * The rows a step may learn from. Unlike orchard_table_select_rows(), the
 * level lists keep only the levels these rows hold, so that not even the
 * existence of a level seen only in other rows reaches a step.
 */
OrchardTable *
prep_table_select_rows (OrchardTable *table,
                        const gsize  *rows,
                        gsize         n_rows)
{
  g_autoptr(OrchardTable) picked = orchard_table_select_rows (table, rows, n_rows);

  return prep_table_compact_levels (picked);
}

/*
 * prep_table_replace_columns:
 * @replacements: column name → (element-type OrchardColumn) GPtrArray: the
 *   feature columns that take its place (none to drop it)
 *
 * Returns: (transfer full): the table with every other column (and role)
 *   kept in place
 */
OrchardTable *
prep_table_replace_columns (OrchardTable  *table,
                            GHashTable    *replacements,
                            GError       **error)
{
  g_autoptr(PrepTableBuilder) builder = prep_table_builder_new ();

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      GPtrArray *with = g_hash_table_lookup (replacements, orchard_column_get_name (column));

      if (with == NULL)
        {
          prep_table_builder_add (builder, orchard_column_ref (column),
                                  orchard_table_get_role (table, c));
          continue;
        }

      for (guint i = 0; i < with->len; i++)
        prep_table_builder_add (builder, orchard_column_ref (g_ptr_array_index (with, i)),
                                ORCHARD_COLUMN_ROLE_FEATURE);
    }

  return prep_table_builder_finish (builder, error);
}

/* Rows -------------------------------------------------------------------- */

void
prep_row_key_init (PrepRowKey   *key,
                   OrchardTable *table)
{
  guint n_columns = orchard_table_get_n_columns (table);

  key->table = table;
  key->columns = g_new (guint, MAX (n_columns, 1));
  key->n_columns = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      OrchardColumnRole role = orchard_table_get_role (table, c);

      if (role == ORCHARD_COLUMN_ROLE_FEATURE || role == ORCHARD_COLUMN_ROLE_TARGET)
        key->columns[key->n_columns++] = c;
    }
}

void
prep_row_key_clear (PrepRowKey *key)
{
  g_clear_pointer (&key->columns, g_free);
}

static guint64
value_bits (double value)
{
  guint64 bits;

  if (isnan (value))
    return G_GUINT64_CONSTANT (0x7ff8000000000000);
  if (value == 0.0)
    return 0;

  memcpy (&bits, &value, sizeof bits);
  return bits;
}

guint64
prep_row_hash (const PrepRowKey *key,
               gsize             row)
{
  guint64 h = G_GUINT64_CONSTANT (0x243f6a8885a308d3);

  for (guint i = 0; i < key->n_columns; i++)
    {
      OrchardColumn *column = orchard_table_get_column (key->table, key->columns[i]);
      guint64 v;

      if (orchard_column_is_coded (column))
        {
          guint32 code = orchard_column_get_codes (column)[row];

          v = code == ORCHARD_CODE_MISSING ? G_MAXUINT64
                                           : orchard_hash_string (orchard_column_get_level (column,
                                                                                            code));
        }
      else
        v = value_bits (orchard_column_get_values (column)[row]);

      h = orchard_hash_mix (h ^ v) + i;
    }

  return h;
}

gboolean
prep_rows_equal (const PrepRowKey *key,
                 gsize             a,
                 gsize             b)
{
  for (guint i = 0; i < key->n_columns; i++)
    {
      OrchardColumn *column = orchard_table_get_column (key->table, key->columns[i]);

      if (orchard_column_is_coded (column))
        {
          const guint32 *codes = orchard_column_get_codes (column);

          if (codes[a] != codes[b])
            return FALSE;
        }
      else
        {
          const double *values = orchard_column_get_values (column);

          if (value_bits (values[a]) != value_bits (values[b]))
            return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  guint64 hash;
  gsize   row;
} RowHash;

static int
by_hash_then_row (gconstpointer a,
                  gconstpointer b)
{
  const RowHash *x = a;
  const RowHash *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

/*
 * prep_first_occurrence:
 *
 * Returns: (array): for each row of @table, the first row equal to it in
 *   every feature and the target (the row itself when it is the first)
 */
gsize *
prep_first_occurrence (OrchardTable *table)
{
  gsize n_rows = orchard_table_get_n_rows (table);
  g_autofree RowHash *hashes = g_new (RowHash, MAX (n_rows, 1));
  gsize *first = g_new (gsize, MAX (n_rows, 1));
  PrepRowKey key;

  prep_row_key_init (&key, table);
  for (gsize r = 0; r < n_rows; r++)
    {
      hashes[r].hash = prep_row_hash (&key, r);
      hashes[r].row = r;
      first[r] = r;
    }

  qsort (hashes, n_rows, sizeof (RowHash), by_hash_then_row);

  /* Within a run of equal hashes, rows come in increasing order, so each
   * row only needs comparing with the distinct rows before it. */
  for (gsize i = 0; i < n_rows;)
    {
      gsize j = i + 1;
      gsize n_distinct = 1;

      while (j < n_rows && hashes[j].hash == hashes[i].hash)
        j++;

      /* hashes[i .. i + n_distinct) becomes the group's distinct rows. */
      for (gsize a = i + 1; a < j; a++)
        {
          gsize row = hashes[a].row;
          gboolean found = FALSE;

          for (gsize b = i; b < i + n_distinct && !found; b++)
            if (prep_rows_equal (&key, row, hashes[b].row))
              {
                first[row] = hashes[b].row;
                found = TRUE;
              }

          if (!found)
            hashes[i + n_distinct++].row = row;
        }
      i = j;
    }

  prep_row_key_clear (&key);
  return first;
}

/* Options ----------------------------------------------------------------- */

/* Setters that notify only on change (the properties are EXPLICIT_NOTIFY);
 * a change also tells the step interface that the fit is stale. */

void
prep_set_strv (GObject       *object,
               GParamSpec    *pspec,
               char        ***field,
               const GValue  *value)
{
  const char * const *strv = g_value_get_boxed (value);

  if (strv != NULL && strv[0] == NULL)
    strv = NULL;

  if (*field == NULL && strv == NULL)
    return;
  if (*field != NULL && strv != NULL && g_strv_equal ((const char * const *) *field, strv))
    return;

  g_strfreev (*field);
  *field = g_strdupv ((char **) strv);
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_double (GObject      *object,
                 GParamSpec   *pspec,
                 double       *field,
                 const GValue *value)
{
  double v = g_value_get_double (value);

  if (v == *field)
    return;

  *field = v;
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_uint (GObject      *object,
               GParamSpec   *pspec,
               guint        *field,
               const GValue *value)
{
  guint v = g_value_get_uint (value);

  if (v == *field)
    return;

  *field = v;
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_uint64 (GObject      *object,
                 GParamSpec   *pspec,
                 guint64      *field,
                 const GValue *value)
{
  guint64 v = g_value_get_uint64 (value);

  if (v == *field)
    return;

  *field = v;
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_enum (GObject      *object,
               GParamSpec   *pspec,
               int          *field,
               const GValue *value)
{
  int v = g_value_get_enum (value);

  if (v == *field)
    return;

  *field = v;
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_flags (GObject      *object,
                GParamSpec   *pspec,
                guint        *field,
                const GValue *value)
{
  guint v = g_value_get_flags (value);

  if (v == *field)
    return;

  *field = v;
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_boolean (GObject      *object,
                  GParamSpec   *pspec,
                  gboolean     *field,
                  const GValue *value)
{
  gboolean v = g_value_get_boolean (value);

  if (!v == !*field)
    return;

  *field = v;
  g_object_notify_by_pspec (object, pspec);
}

void
prep_set_string (GObject       *object,
                 GParamSpec    *pspec,
                 char         **field,
                 const GValue  *value)
{
  const char *v = g_value_get_string (value);

  if (g_strcmp0 (v, *field) == 0)
    return;

  g_free (*field);
  *field = g_strdup (v);
  g_object_notify_by_pspec (object, pspec);
}

GParamSpec *
prep_param_spec_columns (void)
{
  return g_param_spec_boxed ("columns",
                             _("Columns"),
                             _("The columns the step changes; none named means every column "
                               "of the kinds it works on"),
                             G_TYPE_STRV,
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/* Saved state ------------------------------------------------------------- */

gboolean
prep_state_error (const char  *step_id,
                  const char  *what,
                  GError     **error)
{
  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
               "The saved state of step “%s” is damaged: %s", step_id, what);
  return FALSE;
}

gboolean
prep_state_lookup (GVariant    *state,
                   const char  *key,
                   const char  *type,
                   const char  *step_id,
                   GVariant   **out,
                   GError     **error)
{
  GVariant *value = g_variant_lookup_value (state, key, G_VARIANT_TYPE (type));

  if (value == NULL)
    {
      g_autofree char *what = g_strdup_printf ("“%s” is missing or not of type %s", key, type);
      return prep_state_error (step_id, what, error);
    }

  *out = value;
  return TRUE;
}

GVariant *
prep_variant_new_strings (GPtrArray *strings)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
  for (guint i = 0; i < strings->len; i++)
    g_variant_builder_add (&builder, "s", g_ptr_array_index (strings, i));

  return g_variant_builder_end (&builder);
}

GPtrArray *
prep_variant_get_strings (GVariant *variant)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  gsize n = g_variant_n_children (variant);

  for (gsize i = 0; i < n; i++)
    {
      const char *s;

      g_variant_get_child (variant, i, "&s", &s);
      g_ptr_array_add (strings, g_strdup (s));
    }

  return strings;
}

/* Reports ----------------------------------------------------------------- */

/* Takes @summary (transfer full); returns a non-floating a{sv}. */
GVariant *
prep_report_finish (GVariantDict *report,
                    char         *summary)
{
  g_variant_dict_insert (report, "summary", "s", summary);
  g_free (summary);

  return g_variant_ref_sink (g_variant_dict_end (report));
}
