/* orchard-table.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-table-private.h"

struct _OrchardTable
{
  GObject             parent_instance;

  GPtrArray          *columns;   /* OrchardColumn */
  OrchardColumnRole  *roles;
  gsize               n_rows;

  char               *source;
  char               *format;
  GStrv               warnings;

  /* Computed on first use, published atomically. */
  char               *hash;
};

G_DEFINE_FINAL_TYPE (OrchardTable, orchard_table, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_ROWS,
  PROP_N_COLUMNS,
  PROP_SOURCE,
  PROP_FORMAT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
orchard_table_finalize (GObject *object)
{
  OrchardTable *self = (OrchardTable *)object;

  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->roles, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->warnings, g_strfreev);
  g_clear_pointer (&self->hash, g_free);

  G_OBJECT_CLASS (orchard_table_parent_class)->finalize (object);
}

static void
orchard_table_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OrchardTable *self = ORCHARD_TABLE (object);

  switch (prop_id)
    {
    case PROP_N_ROWS:
      g_value_set_uint64 (value, self->n_rows);
      break;

    case PROP_N_COLUMNS:
      g_value_set_uint (value, self->columns->len);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_table_class_init (OrchardTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_table_finalize;
  object_class->get_property = orchard_table_get_property;

  properties[PROP_N_ROWS] =
    g_param_spec_uint64 ("n-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_COLUMNS] =
    g_param_spec_uint ("n-columns", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_table_init (OrchardTable *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
}

/**
 * orchard_table_new:
 * @columns: (array length=n_columns) (transfer none): the columns
 * @n_columns: number of columns
 * @error: return location for a #GError
 *
 * Builds a table from columns of equal length and distinct names; every
 * column starts with the feature role.
 *
 * Returns: (transfer full) (nullable): a new table, or %NULL when the columns
 *   disagree in length or repeat a name
 */
OrchardTable *
orchard_table_new (OrchardColumn **columns,
                   guint           n_columns,
                   GError        **error)
{
  g_autoptr(OrchardTable) self = NULL;
  g_autoptr(GHashTable) names = NULL;

  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);

  self = g_object_new (ORCHARD_TYPE_TABLE, NULL);
  self->roles = g_new0 (OrchardColumnRole, MAX (n_columns, 1));
  names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = orchard_column_get_name (columns[i]);
      gsize n_rows = orchard_column_get_n_rows (columns[i]);

      if (i == 0)
        self->n_rows = n_rows;
      else if (n_rows != self->n_rows)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Column “%s” has %" G_GSIZE_FORMAT " rows, but column “%s” has %"
                       G_GSIZE_FORMAT,
                       name, n_rows, orchard_column_get_name (columns[0]), self->n_rows);
          return NULL;
        }

      if (!g_hash_table_add (names, (gpointer) name))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Column name “%s” appears more than once", name);
          return NULL;
        }

      g_ptr_array_add (self->columns, orchard_column_ref (columns[i]));
      self->roles[i] = ORCHARD_COLUMN_ROLE_FEATURE;
    }

  return g_steal_pointer (&self);
}

void
orchard_table_set_origin (OrchardTable *self,
                          const char   *source,
                          const char   *format,
                          GPtrArray    *warnings)
{
  g_return_if_fail (ORCHARD_IS_TABLE (self));

  g_free (self->source);
  self->source = g_strdup (source);
  g_free (self->format);
  self->format = g_strdup (format);
  g_clear_pointer (&self->warnings, g_strfreev);

  if (warnings != NULL && warnings->len > 0)
    {
      self->warnings = g_new0 (char *, warnings->len + 1);
      for (guint i = 0; i < warnings->len; i++)
        self->warnings[i] = g_strdup (g_ptr_array_index (warnings, i));
    }
}

gsize
orchard_table_get_n_rows (OrchardTable *self)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), 0);
  return self->n_rows;
}

guint
orchard_table_get_n_columns (OrchardTable *self)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), 0);
  return self->columns->len;
}

/**
 * orchard_table_get_column:
 * @self: a table
 * @index: a column index
 *
 * Returns: (transfer none): the column at @index
 */
OrchardColumn *
orchard_table_get_column (OrchardTable *self,
                          guint         index)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  return g_ptr_array_index (self->columns, index);
}

/**
 * orchard_table_find_column:
 * @self: a table
 * @name: a column name
 *
 * Returns: the index of the column called @name, or -1
 */
int
orchard_table_find_column (OrchardTable *self,
                           const char   *name)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (strcmp (orchard_column_get_name (g_ptr_array_index (self->columns, i)), name) == 0)
      return (int) i;

  return -1;
}

OrchardColumnRole
orchard_table_get_role (OrchardTable *self,
                        guint         index)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), ORCHARD_COLUMN_ROLE_IGNORE);
  g_return_val_if_fail (index < self->columns->len, ORCHARD_COLUMN_ROLE_IGNORE);

  return self->roles[index];
}

/**
 * orchard_table_get_target:
 * @self: a table
 *
 * Returns: the index of the target column, or -1 when there is none
 */
int
orchard_table_get_target (OrchardTable *self)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (self->roles[i] == ORCHARD_COLUMN_ROLE_TARGET)
      return (int) i;

  return -1;
}

static OrchardTable *
orchard_table_new_sharing (OrchardTable *self,
                           GPtrArray    *columns)
{
  OrchardTable *copy = g_object_new (ORCHARD_TYPE_TABLE, NULL);

  g_clear_pointer (&copy->columns, g_ptr_array_unref);
  copy->columns = columns;
  copy->n_rows = columns->len > 0 ? orchard_column_get_n_rows (g_ptr_array_index (columns, 0)) : 0;
  copy->roles = g_memdup2 (self->roles, sizeof (OrchardColumnRole) * MAX (columns->len, 1));
  copy->source = g_strdup (self->source);
  copy->format = g_strdup (self->format);
  copy->warnings = g_strdupv (self->warnings);

  return copy;
}

/**
 * orchard_table_with_role:
 * @self: a table
 * @index: a column index
 * @role: the new role of the column
 *
 * Tables are immutable; this returns a table that shares every column with
 * @self and differs only in roles. There is at most one target, so giving a
 * column the target role makes the previous target a feature.
 *
 * Returns: (transfer full): the new table
 */
OrchardTable *
orchard_table_with_role (OrchardTable      *self,
                         guint              index,
                         OrchardColumnRole  role)
{
  OrchardTable *copy;

  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);

  copy = orchard_table_new_sharing (self, g_ptr_array_ref (self->columns));

  if (role == ORCHARD_COLUMN_ROLE_TARGET)
    for (guint i = 0; i < copy->columns->len; i++)
      if (copy->roles[i] == ORCHARD_COLUMN_ROLE_TARGET)
        copy->roles[i] = ORCHARD_COLUMN_ROLE_FEATURE;

  copy->roles[index] = role;

  /* Roles are not part of the content, so the data version carries over. */
  if (self->hash != NULL)
    copy->hash = g_strdup (self->hash);

  return copy;
}

/**
 * orchard_table_select_rows:
 * @self: a table
 * @rows: (array length=n_rows): row indices, in the order wanted; may repeat
 * @n_rows: number of indices
 *
 * Returns: (transfer full): a new table holding the given rows, with the
 *   same columns, levels and roles
 */
OrchardTable *
orchard_table_select_rows (OrchardTable *self,
                           const gsize  *rows,
                           gsize         n_rows)
{
  GPtrArray *columns;

  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  columns = g_ptr_array_new_full (self->columns->len, (GDestroyNotify) orchard_column_unref);

  for (guint c = 0; c < self->columns->len; c++)
    {
      OrchardColumn *column = g_ptr_array_index (self->columns, c);
      const char *name = orchard_column_get_name (column);
      OrchardColumn *picked;

      if (orchard_column_is_coded (column))
        {
          const guint32 *codes = orchard_column_get_codes (column);
          guint32 *out = g_new (guint32, MAX (n_rows, 1));
          GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);

          for (gsize r = 0; r < n_rows; r++)
            {
              g_return_val_if_fail (rows[r] < self->n_rows, NULL);
              out[r] = codes[rows[r]];
            }

          for (guint l = 0; l < orchard_column_get_n_levels (column); l++)
            g_ptr_array_add (levels, g_strdup (orchard_column_get_level (column, l)));

          picked = orchard_column_new_categorical (name, out, n_rows, levels,
                                                   orchard_column_get_kind (column) ==
                                                   ORCHARD_COLUMN_KIND_TEXT);
        }
      else
        {
          const double *values = orchard_column_get_values (column);
          double *out = g_new (double, MAX (n_rows, 1));

          for (gsize r = 0; r < n_rows; r++)
            {
              g_return_val_if_fail (rows[r] < self->n_rows, NULL);
              out[r] = values[rows[r]];
            }

          if (orchard_column_get_kind (column) == ORCHARD_COLUMN_KIND_DATETIME)
            picked = orchard_column_new_datetime (name, out, n_rows);
          else
            picked = orchard_column_new_numeric (name, out, n_rows);
        }

      g_ptr_array_add (columns, picked);
    }

  return orchard_table_new_sharing (self, columns);
}

typedef struct
{
  GChecksum *checksum;
  guint8     buf[1 << 16];
  gsize      len;
} HashBuffer;

static inline void
hash_buffer_flush (HashBuffer *hb)
{
  g_checksum_update (hb->checksum, hb->buf, hb->len);
  hb->len = 0;
}

static inline void
hash_buffer_add (HashBuffer *hb,
                 const void *data,
                 gsize       len)
{
  if (len > sizeof hb->buf - hb->len)
    {
      hash_buffer_flush (hb);
      if (len > sizeof hb->buf)
        {
          g_checksum_update (hb->checksum, data, len);
          return;
        }
    }

  memcpy (hb->buf + hb->len, data, len);
  hb->len += len;
}

static inline void
hash_buffer_add_u64 (HashBuffer *hb,
                     guint64     v)
{
  guint64 le = GUINT64_TO_LE (v);
  hash_buffer_add (hb, &le, sizeof le);
}

static inline void
hash_buffer_add_string (HashBuffer *hb,
                        const char *str)
{
  gsize len = strlen (str);

  hash_buffer_add_u64 (hb, len);
  hash_buffer_add (hb, str, len);
}

static char *
orchard_table_compute_hash (OrchardTable *self)
{
  g_autofree HashBuffer *hb = g_new0 (HashBuffer, 1);
  char *result;

  /* The canonical form is independent of how the file was written and of
   * the order in which a reader numbered the levels: names, kinds and the
   * values themselves, row by row, in a fixed little-endian layout. */
  hb->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  hash_buffer_add_string (hb, "orchard-table-v1");
  hash_buffer_add_u64 (hb, self->columns->len);
  hash_buffer_add_u64 (hb, self->n_rows);

  for (guint c = 0; c < self->columns->len; c++)
    {
      OrchardColumn *column = g_ptr_array_index (self->columns, c);

      hash_buffer_add_string (hb, orchard_column_get_name (column));
      hash_buffer_add_string (hb, orchard_column_kind_to_string (orchard_column_get_kind (column)));

      if (orchard_column_is_coded (column))
        {
          const guint32 *codes = orchard_column_get_codes (column);
          guint n_levels = orchard_column_get_n_levels (column);
          g_autofree gsize *lens = g_new (gsize, MAX (n_levels, 1));

          for (guint l = 0; l < n_levels; l++)
            lens[l] = strlen (orchard_column_get_level (column, l));

          for (gsize r = 0; r < self->n_rows; r++)
            {
              if (codes[r] == ORCHARD_CODE_MISSING)
                {
                  hash_buffer_add_u64 (hb, G_MAXUINT64);
                }
              else
                {
                  hash_buffer_add_u64 (hb, lens[codes[r]]);
                  hash_buffer_add (hb, orchard_column_get_level (column, codes[r]), lens[codes[r]]);
                }
            }
        }
      else
        {
          const double *values = orchard_column_get_values (column);

          for (gsize r = 0; r < self->n_rows; r++)
            {
              double v = values[r];
              guint64 bits;

              if (isnan (v))
                v = NAN;
              else if (v == 0.0)
                v = 0.0;   /* -0 and +0 compare equal: one canonical zero */

              memcpy (&bits, &v, sizeof bits);
              hash_buffer_add_u64 (hb, bits);
            }
        }
    }

  hash_buffer_flush (hb);
  result = g_strdup (g_checksum_get_string (hb->checksum));
  g_checksum_free (hb->checksum);

  return result;
}

/**
 * orchard_table_get_hash:
 * @self: a table
 *
 * The data version: a SHA-256 (hex) of the canonical content, the column
 * names, kinds and values. The same data gives the same hash whatever the
 * delimiter, quoting or line endings of the file it came from. Computed on
 * first use; safe to call from several threads.
 *
 * Returns: (transfer none): 64 hex digits
 */
const char *
orchard_table_get_hash (OrchardTable *self)
{
  char *hash;

  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);

  hash = g_atomic_pointer_get (&self->hash);
  if (hash != NULL)
    return hash;

  hash = orchard_table_compute_hash (self);
  if (!g_atomic_pointer_compare_and_exchange (&self->hash, NULL, hash))
    g_free (hash);

  return g_atomic_pointer_get (&self->hash);
}

/**
 * orchard_table_get_memory_size:
 * @self: a table
 *
 * Returns: bytes held by the table and its columns
 */
gsize
orchard_table_get_memory_size (OrchardTable *self)
{
  gsize size;

  g_return_val_if_fail (ORCHARD_IS_TABLE (self), 0);

  size = sizeof *self + self->columns->len * (sizeof (gpointer) + sizeof (OrchardColumnRole));
  for (guint i = 0; i < self->columns->len; i++)
    size += orchard_column_get_memory_size (g_ptr_array_index (self->columns, i));

  return size;
}

/**
 * orchard_table_get_source:
 * @self: a table
 *
 * Returns: (nullable): the path the table was read from
 */
const char *
orchard_table_get_source (OrchardTable *self)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);
  return self->source;
}

/**
 * orchard_table_get_format:
 * @self: a table
 *
 * Returns: (nullable): the format it was read from: "csv", "tsv" or "arff"
 */
const char *
orchard_table_get_format (OrchardTable *self)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);
  return self->format;
}

/**
 * orchard_table_get_load_warnings:
 * @self: a table
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): what the
 *   reader had to decide for the user (renamed headers, stray tokens, …)
 */
const char * const *
orchard_table_get_load_warnings (OrchardTable *self)
{
  g_return_val_if_fail (ORCHARD_IS_TABLE (self), NULL);
  return (const char * const *) self->warnings;
}
