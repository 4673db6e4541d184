/* orchard-split.c
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
#include "orchard-profile.h"
#include "orchard-rng.h"
#include "orchard-split.h"

/* Folds draw from this stream of the seed (orchard_rng_init_stream), so that
 * they do not repeat the shuffle of the split. */
#define FOLD_STREAM 1

G_DEFINE_ENUM_TYPE (OrchardSplitMethod, orchard_split_method,
                    G_DEFINE_ENUM_VALUE (ORCHARD_SPLIT_RANDOM, "random"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SPLIT_STRATIFIED, "stratified"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SPLIT_GROUP, "group"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SPLIT_TIME, "time"))

static const char * const part_names[ORCHARD_N_PARTS] = { "train", "valid", "test" };

/**
 * orchard_part_to_string:
 * @part: a part
 *
 * Returns: "train", "valid" or "test"
 */
const char *
orchard_part_to_string (OrchardPart part)
{
  g_return_val_if_fail ((guint) part < ORCHARD_N_PARTS, NULL);
  return part_names[part];
}

static const char * const warning_names[] = {
  "duplicates_across_parts", "time_order", "target_proxy", "class_absent", "small_class",
};

/**
 * orchard_split_warning_code_to_string:
 * @code: a warning code
 *
 * Returns: the code as in JSON output, e.g. "duplicates_across_parts"
 */
const char *
orchard_split_warning_code_to_string (OrchardSplitWarningCode code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (warning_names), NULL);
  return warning_names[code];
}

static void
warning_clear (OrchardSplitWarning *warning)
{
  g_free ((char *) warning->column);
  g_free ((char *) warning->message);
}

static GArray *
warnings_new (void)
{
  GArray *warnings = g_array_new (FALSE, FALSE, sizeof (OrchardSplitWarning));

  g_array_set_clear_func (warnings, (GDestroyNotify) warning_clear);
  return warnings;
}

/* Takes @message (transfer full). */
static void
add_warning (GArray                  *warnings,
             OrchardSplitWarningCode  code,
             const char              *column,
             char                    *message)
{
  OrchardSplitWarning warning = { code, g_strdup (column), message };

  g_array_append_val (warnings, warning);
}

/* Partition --------------------------------------------------------------- */

/**
 * OrchardPartition:
 *
 * The result of a split: the part of every row, the rows of every part in
 * increasing order, and the leakage warnings found. Immutable.
 */
struct _OrchardPartition
{
  gatomicrefcount  ref_count;
  gsize            n_rows;
  guint8          *parts;
  GArray          *rows[ORCHARD_N_PARTS];
  GArray          *warnings;
};

G_DEFINE_BOXED_TYPE (OrchardPartition, orchard_partition, orchard_partition_ref,
                     orchard_partition_unref)

static OrchardPartition *
partition_new (guint8 *parts,
               gsize   n_rows)
{
  OrchardPartition *self = g_new0 (OrchardPartition, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_rows = n_rows;
  self->parts = parts;
  self->warnings = warnings_new ();

  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    self->rows[p] = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize r = 0; r < n_rows; r++)
    g_array_append_val (self->rows[parts[r]], r);

  return self;
}

OrchardPartition *
orchard_partition_ref (OrchardPartition *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
orchard_partition_unref (OrchardPartition *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->parts);
  for (guint p = 0; p < ORCHARD_N_PARTS; p++)
    g_array_unref (self->rows[p]);
  g_array_unref (self->warnings);
  g_free (self);
}

gsize
orchard_partition_get_n_rows (OrchardPartition *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_rows;
}

/**
 * orchard_partition_get_part:
 * @self: a partition
 * @row: a row of the split table
 *
 * Returns: the part @row belongs to
 */
OrchardPart
orchard_partition_get_part (OrchardPartition *self,
                            gsize             row)
{
  g_return_val_if_fail (self != NULL, ORCHARD_PART_TRAIN);
  g_return_val_if_fail (row < self->n_rows, ORCHARD_PART_TRAIN);

  return self->parts[row];
}

/**
 * orchard_partition_get_rows:
 * @self: a partition
 * @part: a part
 * @n_rows: (out): how many rows it has
 *
 * Returns: (array length=n_rows) (transfer none): the rows of @part, in
 *   increasing order
 */
const gsize *
orchard_partition_get_rows (OrchardPartition *self,
                            OrchardPart       part,
                            gsize            *n_rows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail ((guint) part < ORCHARD_N_PARTS, NULL);
  g_return_val_if_fail (n_rows != NULL, NULL);

  *n_rows = self->rows[part]->len;
  return (const gsize *) self->rows[part]->data;
}

guint
orchard_partition_get_n_warnings (OrchardPartition *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->warnings->len;
}

/**
 * orchard_partition_get_warning:
 * @self: a partition
 * @index: a warning index
 *
 * Returns: (transfer none): the warning, owned by @self
 */
const OrchardSplitWarning *
orchard_partition_get_warning (OrchardPartition *self,
                               guint             index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);

  return &g_array_index (self->warnings, OrchardSplitWarning, index);
}

/* Folds ------------------------------------------------------------------- */

/**
 * OrchardFolds:
 *
 * Cross-validation folds over a set of rows: for each fold, the rows that
 * train and the rows that validate, in increasing order. Immutable.
 */
struct _OrchardFolds
{
  gatomicrefcount  ref_count;
  guint            n_folds;
  GArray         **train;
  GArray         **valid;
  GArray          *warnings;
};

G_DEFINE_BOXED_TYPE (OrchardFolds, orchard_folds, orchard_folds_ref, orchard_folds_unref)

static OrchardFolds *
folds_new (guint n_folds)
{
  OrchardFolds *self = g_new0 (OrchardFolds, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_folds = n_folds;
  self->train = g_new (GArray *, n_folds);
  self->valid = g_new (GArray *, n_folds);
  self->warnings = warnings_new ();
  for (guint f = 0; f < n_folds; f++)
    {
      self->train[f] = g_array_new (FALSE, FALSE, sizeof (gsize));
      self->valid[f] = g_array_new (FALSE, FALSE, sizeof (gsize));
    }

  return self;
}

OrchardFolds *
orchard_folds_ref (OrchardFolds *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
orchard_folds_unref (OrchardFolds *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint f = 0; f < self->n_folds; f++)
    {
      g_array_unref (self->train[f]);
      g_array_unref (self->valid[f]);
    }
  g_free (self->train);
  g_free (self->valid);
  g_array_unref (self->warnings);
  g_free (self);
}

guint
orchard_folds_get_n_folds (OrchardFolds *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_folds;
}

/**
 * orchard_folds_get_train:
 * @self: folds
 * @fold: a fold index
 * @n_rows: (out): how many rows
 *
 * Returns: (array length=n_rows) (transfer none): the rows that train in
 *   @fold, in increasing order
 */
const gsize *
orchard_folds_get_train (OrchardFolds *self,
                         guint         fold,
                         gsize        *n_rows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (fold < self->n_folds, NULL);

  *n_rows = self->train[fold]->len;
  return (const gsize *) self->train[fold]->data;
}

/**
 * orchard_folds_get_valid:
 * @self: folds
 * @fold: a fold index
 * @n_rows: (out): how many rows
 *
 * Returns: (array length=n_rows) (transfer none): the rows held out in
 *   @fold, in increasing order
 */
const gsize *
orchard_folds_get_valid (OrchardFolds *self,
                         guint         fold,
                         gsize        *n_rows)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (fold < self->n_folds, NULL);

  *n_rows = self->valid[fold]->len;
  return (const gsize *) self->valid[fold]->data;
}

guint
orchard_folds_get_n_warnings (OrchardFolds *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->warnings->len;
}

/**
 * orchard_folds_get_warning:
 * @self: folds
 * @index: a warning index
 *
 * Returns: (transfer none): the warning, owned by @self
 */
const OrchardSplitWarning *
orchard_folds_get_warning (OrchardFolds *self,
                           guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);

  return &g_array_index (self->warnings, OrchardSplitWarning, index);
}

/* Split ------------------------------------------------------------------- */

/**
 * OrchardSplit:
 *
 * The settings of a split: method, column, fractions and seed. Every
 * random choice comes from #OrchardRng seeded with #OrchardSplit:seed (the
 * seed itself for the split, its stream 1 for folds), and the order of rows and groups is
 * fixed before shuffling, so the same seed gives the same rows on every
 * machine. The algorithms are spelled out in `docs/pipeline-spec.md`.
 */
struct _OrchardSplit
{
  GObject             parent_instance;

  OrchardSplitMethod  method;
  char               *column;
  double              fractions[ORCHARD_N_PARTS];
  guint64             seed;
};

G_DEFINE_FINAL_TYPE (OrchardSplit, orchard_split, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_METHOD,
  PROP_COLUMN,
  PROP_TRAIN_FRACTION,
  PROP_VALID_FRACTION,
  PROP_TEST_FRACTION,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
orchard_split_finalize (GObject *object)
{
  OrchardSplit *self = (OrchardSplit *)object;

  g_clear_pointer (&self->column, g_free);

  G_OBJECT_CLASS (orchard_split_parent_class)->finalize (object);
}

static void
orchard_split_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OrchardSplit *self = ORCHARD_SPLIT (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_COLUMN:
      g_value_set_string (value, self->column);
      break;
    case PROP_TRAIN_FRACTION:
    case PROP_VALID_FRACTION:
    case PROP_TEST_FRACTION:
      g_value_set_double (value, self->fractions[prop_id - PROP_TRAIN_FRACTION]);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_split_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OrchardSplit *self = ORCHARD_SPLIT (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      prep_set_enum (object, pspec, (int *) &self->method, value);
      break;
    case PROP_COLUMN:
      prep_set_string (object, pspec, &self->column, value);
      break;
    case PROP_TRAIN_FRACTION:
    case PROP_VALID_FRACTION:
    case PROP_TEST_FRACTION:
      prep_set_double (object, pspec, &self->fractions[prop_id - PROP_TRAIN_FRACTION], value);
      break;
    case PROP_SEED:
      prep_set_uint64 (object, pspec, &self->seed, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_split_class_init (OrchardSplitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_split_finalize;
  object_class->get_property = orchard_split_get_property;
  object_class->set_property = orchard_split_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method",
                       _("Method"),
                       _("Random, stratified by class, by group, or ordered in time"),
                       ORCHARD_TYPE_SPLIT_METHOD,
                       ORCHARD_SPLIT_RANDOM,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMN] =
    g_param_spec_string ("column",
                         _("Column"),
                         _("The column to stratify by, group by or order by; none means the "
                           "target, the identifier or the time column"),
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAIN_FRACTION] =
    g_param_spec_double ("train-fraction",
                         _("Training share"),
                         _("The share of rows that train"),
                         0.0, 1.0, 0.7,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALID_FRACTION] =
    g_param_spec_double ("valid-fraction",
                         _("Validation share"),
                         _("The share of rows that validate"),
                         0.0, 1.0, 0.15,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEST_FRACTION] =
    g_param_spec_double ("test-fraction",
                         _("Test share"),
                         _("The share of rows kept for the final test"),
                         0.0, 1.0, 0.15,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed",
                         _("Seed"),
                         _("The same seed gives the same rows on every machine"),
                         0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_split_init (OrchardSplit *self)
{
  self->fractions[ORCHARD_PART_TRAIN] = 0.7;
  self->fractions[ORCHARD_PART_VALID] = 0.15;
  self->fractions[ORCHARD_PART_TEST] = 0.15;
}

/**
 * orchard_split_new:
 * @method: how to split
 *
 * Returns: (transfer full): a split with fractions 0.7 / 0.15 / 0.15 and seed 0
 */
OrchardSplit *
orchard_split_new (OrchardSplitMethod method)
{
  return g_object_new (ORCHARD_TYPE_SPLIT, "method", method, NULL);
}

/**
 * orchard_split_new_parse:
 * @text: "random", "stratified", "group", "group:COLUMN", "time" or
 *   "time:COLUMN" (also "stratified:COLUMN")
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the split, or %NULL when @text is
 *   not one of those
 */
OrchardSplit *
orchard_split_new_parse (const char  *text,
                         GError     **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autofree char *method = NULL;
  const char *colon;
  GEnumValue *value;
  OrchardSplit *self;

  g_return_val_if_fail (text != NULL, NULL);

  colon = strchr (text, ':');
  method = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);
  klass = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  value = g_enum_get_value_by_nick (klass, method);

  if (value == NULL ||
      (colon != NULL && (colon[1] == '\0' || value->value == ORCHARD_SPLIT_RANDOM)))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Unknown split “%s”; use random, stratified, group:COLUMN or time:COLUMN",
                   text);
      return NULL;
    }

  self = orchard_split_new (value->value);
  if (colon != NULL)
    g_object_set (self, "column", colon + 1, NULL);

  return self;
}

OrchardSplitMethod
orchard_split_get_method (OrchardSplit *self)
{
  g_return_val_if_fail (ORCHARD_IS_SPLIT (self), ORCHARD_SPLIT_RANDOM);
  return self->method;
}

/**
 * orchard_split_get_column:
 * @self: a split
 *
 * Returns: (nullable): the column named for the split, if any
 */
const char *
orchard_split_get_column (OrchardSplit *self)
{
  g_return_val_if_fail (ORCHARD_IS_SPLIT (self), NULL);
  return self->column;
}

/**
 * orchard_split_set_fractions:
 * @self: a split
 * @train: the training share, above 0
 * @valid: the validation share, 0 or more
 * @test: the test share, 0 or more
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the shares are valid and sum to 1 (within 10⁻⁶)
 */
gboolean
orchard_split_set_fractions (OrchardSplit  *self,
                             double         train,
                             double         valid,
                             double         test,
                             GError       **error)
{
  g_return_val_if_fail (ORCHARD_IS_SPLIT (self), FALSE);

  if (!(train > 0.0 && train <= 1.0) || !(valid >= 0.0 && valid < 1.0) ||
      !(test >= 0.0 && test < 1.0) || fabs (train + valid + test - 1.0) > 1e-6)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The fractions %g, %g and %g must each be between 0 and 1, the training "
                   "one above 0, and sum to 1", train, valid, test);
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_object_set (self, "train-fraction", train, "valid-fraction", valid, "test-fraction", test,
                NULL);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

void
orchard_split_get_fractions (OrchardSplit *self,
                             double       *train,
                             double       *valid,
                             double       *test)
{
  g_return_if_fail (ORCHARD_IS_SPLIT (self));

  if (train != NULL)
    *train = self->fractions[ORCHARD_PART_TRAIN];
  if (valid != NULL)
    *valid = self->fractions[ORCHARD_PART_VALID];
  if (test != NULL)
    *test = self->fractions[ORCHARD_PART_TEST];
}

guint64
orchard_split_get_seed (OrchardSplit *self)
{
  g_return_val_if_fail (ORCHARD_IS_SPLIT (self), 0);
  return self->seed;
}

/**
 * orchard_split_set_seed:
 * @self: a split
 * @seed: any value; the same seed gives the same rows on every machine
 */
void
orchard_split_set_seed (OrchardSplit *self,
                        guint64       seed)
{
  g_return_if_fail (ORCHARD_IS_SPLIT (self));
  g_object_set (self, "seed", seed, NULL);
}

static const char *
method_nick (OrchardSplitMethod method)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);

  return g_enum_get_value (klass, method)->value_nick;
}

/* Keys -------------------------------------------------------------------- */

typedef struct
{
  guint32 *keys;       /* per row, 0 … n_keys − 1 in value order; missing last */
  guint    n_keys;
  char   **labels;     /* per key, for messages; "" for missing */
} Keys;

static void
keys_clear (Keys *keys)
{
  g_clear_pointer (&keys->keys, g_free);
  g_clear_pointer (&keys->labels, g_strfreev);
}

typedef struct
{
  double value;
  gsize  row;
} ValueRow;

static int
by_value_then_row (gconstpointer a,
                   gconstpointer b)
{
  const ValueRow *x = a;
  const ValueRow *y = b;

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return (x->row > y->row) - (x->row < y->row);
}

typedef struct
{
  const char *label;
  guint32     code;
} LabelCode;

static int
by_label (gconstpointer a,
          gconstpointer b)
{
  return strcmp (((const LabelCode *) a)->label, ((const LabelCode *) b)->label);
}

/* Numbers each distinct value of @column in value order (labels in
 * code-point order), independently of how the reader numbered levels. */
static void
keys_init (Keys          *keys,
           OrchardColumn *column)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  GPtrArray *labels = g_ptr_array_new ();
  gboolean any_missing = FALSE;

  keys->keys = g_new (guint32, MAX (n_rows, 1));

  if (orchard_column_is_coded (column))
    {
      const guint32 *codes = orchard_column_get_codes (column);
      guint n_levels = orchard_column_get_n_levels (column);
      g_autofree gboolean *used = g_new0 (gboolean, MAX (n_levels, 1));
      g_autofree LabelCode *present = g_new (LabelCode, MAX (n_levels, 1));
      g_autofree guint32 *rank = g_new (guint32, MAX (n_levels, 1));
      guint n_present = 0;

      for (gsize r = 0; r < n_rows; r++)
        {
          if (codes[r] == ORCHARD_CODE_MISSING)
            any_missing = TRUE;
          else
            used[codes[r]] = TRUE;
        }

      for (guint l = 0; l < n_levels; l++)
        if (used[l])
          {
            present[n_present].label = orchard_column_get_level (column, l);
            present[n_present++].code = l;
          }
      qsort (present, n_present, sizeof (LabelCode), by_label);
      for (guint k = 0; k < n_present; k++)
        {
          rank[present[k].code] = k;
          g_ptr_array_add (labels, g_strdup (present[k].label));
        }

      for (gsize r = 0; r < n_rows; r++)
        keys->keys[r] = codes[r] == ORCHARD_CODE_MISSING ? n_present : rank[codes[r]];
      keys->n_keys = n_present;
    }
  else
    {
      const double *values = orchard_column_get_values (column);
      g_autofree ValueRow *sorted = g_new (ValueRow, MAX (n_rows, 1));
      gsize n = 0;
      guint32 key = 0;

      for (gsize r = 0; r < n_rows; r++)
        if (isnan (values[r]))
          any_missing = TRUE;
        else
          {
            sorted[n].value = values[r] == 0.0 ? 0.0 : values[r];
            sorted[n++].row = r;
          }
      qsort (sorted, n, sizeof (ValueRow), by_value_then_row);

      for (gsize i = 0; i < n; i++)
        {
          if (i > 0 && sorted[i].value != sorted[i - 1].value)
            key++;
          if (i == 0 || sorted[i].value != sorted[i - 1].value)
            g_ptr_array_add (labels, orchard_format_double (sorted[i].value));
          keys->keys[sorted[i].row] = key;
        }
      keys->n_keys = n > 0 ? key + 1 : 0;

      for (gsize r = 0; r < n_rows; r++)
        if (isnan (values[r]))
          keys->keys[r] = keys->n_keys;
    }

  if (any_missing)
    {
      g_ptr_array_add (labels, g_strdup (""));
      keys->n_keys++;
    }

  g_ptr_array_add (labels, NULL);
  keys->labels = (char **) g_ptr_array_free (labels, FALSE);
}

/* Columns ----------------------------------------------------------------- */

static int
find_role (OrchardTable      *table,
           OrchardColumnRole  role)
{
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    if (orchard_table_get_role (table, c) == role)
      return (int) c;

  return -1;
}

/* The column the method needs: the one named, or the target (stratified),
 * the identifier (group) or the time column (time). */
static OrchardColumn *
split_column (OrchardSplit  *self,
              OrchardTable  *table,
              GError       **error)
{
  OrchardColumn *column;
  int index;

  if (self->column != NULL)
    {
      index = orchard_table_find_column (table, self->column);
      if (index < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The data has no column “%s” to split by", self->column);
          return NULL;
        }
    }
  else
    {
      switch (self->method)
        {
        case ORCHARD_SPLIT_STRATIFIED:
          index = orchard_table_get_target (table);
          break;
        case ORCHARD_SPLIT_GROUP:
          index = find_role (table, ORCHARD_COLUMN_ROLE_ID);
          break;
        case ORCHARD_SPLIT_TIME:
          index = find_role (table, ORCHARD_COLUMN_ROLE_TIME);
          break;
        case ORCHARD_SPLIT_RANDOM:
        default:
          return NULL;
        }

      if (index < 0)
        {
          static const char * const wanted[] = { NULL, "a target", "an identifier column",
                                                 "a time column" };

          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "A %s split needs %s; name the column to split by",
                       method_nick (self->method), wanted[self->method]);
          return NULL;
        }
    }

  column = orchard_table_get_column (table, index);

  if (self->method == ORCHARD_SPLIT_STRATIFIED &&
      orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "A stratified split needs a categorical column, but “%s” is %s; use a "
                   "random split", orchard_column_get_name (column),
                   orchard_column_kind_to_string (orchard_column_get_kind (column)));
      return NULL;
    }

  if (self->method == ORCHARD_SPLIT_TIME)
    {
      OrchardColumnKind kind = orchard_column_get_kind (column);
      gsize missing;

      if (kind != ORCHARD_COLUMN_KIND_DATETIME && kind != ORCHARD_COLUMN_KIND_NUMERIC)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "A time split needs a date or number column to order by, but “%s” is %s",
                       orchard_column_get_name (column), orchard_column_kind_to_string (kind));
          return NULL;
        }

      missing = prep_count_missing (column);
      if (missing > 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Column “%s” has %" G_GSIZE_FORMAT " missing values; a time split needs "
                       "the time of every row", orchard_column_get_name (column), missing);
          return NULL;
        }
    }

  return column;
}

static gsize
share_of (gsize  n,
          double fraction)
{
  return (gsize) floor ((double) n * fraction + 0.5);
}

/* Rows in time order, ties by row; @rows (NULL for all) are the candidates. */
static gsize *
time_order (OrchardColumn *column,
            const gsize   *rows,
            gsize          n)
{
  const double *values = orchard_column_get_values (column);
  g_autofree ValueRow *sorted = g_new (ValueRow, MAX (n, 1));
  gsize *order = g_new (gsize, MAX (n, 1));

  for (gsize i = 0; i < n; i++)
    {
      sorted[i].row = rows != NULL ? rows[i] : i;
      sorted[i].value = values[sorted[i].row];
    }
  qsort (sorted, n, sizeof (ValueRow), by_value_then_row);
  for (gsize i = 0; i < n; i++)
    order[i] = sorted[i].row;

  return order;
}

/* Leakage checks ---------------------------------------------------------- */

static void
check_duplicates (OrchardPartition *partition,
                  OrchardTable     *table)
{
  g_autofree gsize *first = prep_first_occurrence (table);
  g_autofree gboolean *has_train = g_new0 (gboolean, MAX (partition->n_rows, 1));
  gsize repeated[ORCHARD_N_PARTS] = { 0 };

  for (gsize r = 0; r < partition->n_rows; r++)
    if (partition->parts[r] == ORCHARD_PART_TRAIN)
      has_train[first[r]] = TRUE;

  for (gsize r = 0; r < partition->n_rows; r++)
    if (partition->parts[r] != ORCHARD_PART_TRAIN && has_train[first[r]])
      repeated[partition->parts[r]]++;

  if (repeated[ORCHARD_PART_VALID] + repeated[ORCHARD_PART_TEST] == 0)
    return;

  {
    gsize valid = repeated[ORCHARD_PART_VALID];
    gsize test = repeated[ORCHARD_PART_TEST];
    g_autofree char *which = NULL;

    if (valid > 0 && test > 0)
      which = g_strdup_printf ("%" G_GSIZE_FORMAT " validation and %" G_GSIZE_FORMAT " test rows",
                               valid, test);
    else if (valid > 0)
      which = g_strdup_printf ("%" G_GSIZE_FORMAT " validation row%s", valid, valid > 1 ? "s" : "");
    else
      which = g_strdup_printf ("%" G_GSIZE_FORMAT " test row%s", test, test > 1 ? "s" : "");

    add_warning (partition->warnings, ORCHARD_SPLIT_WARNING_DUPLICATES, NULL,
                 g_strdup_printf ("%s repeat%s a training row exactly; scores on them will look "
                                  "better than on new data (drop duplicates before splitting, "
                                  "or split by group)",
                                  which, valid + test > 1 ? "" : "s"));
  }
}

static void
check_time_order (OrchardPartition *partition,
                  OrchardTable     *table)
{
  gboolean has_time_role = find_role (table, ORCHARD_COLUMN_ROLE_TIME) >= 0;

  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      OrchardColumnRole role = orchard_table_get_role (table, c);
      const double *values;
      double newest = -INFINITY;
      gsize older = 0;
      gsize held_out = 0;

      /* The time column; failing one, every date that is a feature. */
      if (has_time_role ? role != ORCHARD_COLUMN_ROLE_TIME
                        : (role != ORCHARD_COLUMN_ROLE_FEATURE ||
                           orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_DATETIME))
        continue;
      if (orchard_column_is_coded (column))
        continue;

      values = orchard_column_get_values (column);
      for (gsize r = 0; r < partition->n_rows; r++)
        if (partition->parts[r] == ORCHARD_PART_TRAIN && values[r] > newest)
          newest = values[r];

      for (gsize r = 0; r < partition->n_rows; r++)
        if (partition->parts[r] != ORCHARD_PART_TRAIN && !isnan (values[r]))
          {
            held_out++;
            older += values[r] < newest;
          }

      if (older == 0)
        continue;

      {
        g_autofree char *when = orchard_column_get_kind (column) == ORCHARD_COLUMN_KIND_DATETIME
                                ? orchard_format_datetime (newest)
                                : orchard_format_double (newest);

        add_warning (partition->warnings, ORCHARD_SPLIT_WARNING_TIME_ORDER,
                     orchard_column_get_name (column),
                     g_strdup_printf ("%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " validation and "
                                      "test rows are older than the newest training row (“%s” "
                                      "%s): the model would be judged on a past after having "
                                      "seen its future; split by time:%s",
                                      older, held_out, orchard_column_get_name (column), when,
                                      orchard_column_get_name (column)));
      }
    }
}

static gboolean
check_target_proxies (OrchardPartition  *partition,
                      OrchardTable      *table,
                      GCancellable      *cancellable,
                      GError           **error)
{
  int target = orchard_table_get_target (table);
  g_autoptr(OrchardTable) train = NULL;
  g_autoptr(OrchardProfile) profile = NULL;
  gsize n_train;
  const gsize *rows;

  if (target < 0)
    return TRUE;

  rows = orchard_partition_get_rows (partition, ORCHARD_PART_TRAIN, &n_train);
  train = orchard_table_select_rows (table, rows, n_train);
  profile = orchard_profile_compute (train,
                                     orchard_column_get_name (orchard_table_get_column (table,
                                                                                        target)),
                                     NULL, NULL, cancellable, error);
  if (profile == NULL)
    return FALSE;

  for (guint w = 0; w < orchard_profile_get_n_warnings (profile); w++)
    {
      const OrchardProfileWarning *warning = orchard_profile_get_warning (profile, w);

      if (warning->code == ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE)
        add_warning (partition->warnings, ORCHARD_SPLIT_WARNING_TARGET_PROXY, warning->column,
                     g_strdup_printf ("In the training rows: %s", warning->message));
    }

  return TRUE;
}

static void
check_classes (OrchardPartition *partition,
               OrchardTable     *table)
{
  int target = orchard_table_get_target (table);
  OrchardColumn *column;
  Keys keys = { NULL, 0, NULL };
  g_autofree gsize *counts = NULL;
  gsize part_rows[ORCHARD_N_PARTS] = { 0 };

  if (target < 0)
    return;
  column = orchard_table_get_column (table, target);
  if (orchard_column_get_kind (column) != ORCHARD_COLUMN_KIND_CATEGORICAL)
    return;

  keys_init (&keys, column);
  counts = g_new0 (gsize, (gsize) MAX (keys.n_keys, 1) * ORCHARD_N_PARTS);
  for (gsize r = 0; r < partition->n_rows; r++)
    {
      counts[keys.keys[r] * ORCHARD_N_PARTS + partition->parts[r]]++;
      part_rows[partition->parts[r]]++;
    }

  for (guint k = 0; k < keys.n_keys; k++)
    {
      const char *label = keys.labels[k];
      gsize total = 0;

      if (label[0] == '\0')
        continue;   /* missing targets are not a class */

      for (guint p = 0; p < ORCHARD_N_PARTS; p++)
        total += counts[k * ORCHARD_N_PARTS + p];

      for (guint p = 0; p < ORCHARD_N_PARTS; p++)
        {
          if (part_rows[p] == 0 || counts[k * ORCHARD_N_PARTS + p] > 0)
            continue;

          if (p == ORCHARD_PART_TRAIN)
            add_warning (partition->warnings, ORCHARD_SPLIT_WARNING_CLASS_ABSENT,
                         orchard_column_get_name (column),
                         g_strdup_printf ("Class “%s” (%" G_GSIZE_FORMAT " rows) has no training "
                                          "row: no model can learn it", label, total));
          else
            add_warning (partition->warnings, ORCHARD_SPLIT_WARNING_CLASS_ABSENT,
                         orchard_column_get_name (column),
                         g_strdup_printf ("Class “%s” (%" G_GSIZE_FORMAT " rows) has no %s row: "
                                          "its errors will go unmeasured there", label, total,
                                          p == ORCHARD_PART_VALID ? "validation" : "test"));
        }
    }

  keys_clear (&keys);
}

/* Splitting --------------------------------------------------------------- */

static void
assign_in_order (guint8       *parts,
                 const gsize  *order,
                 gsize         n,
                 gsize         n_train,
                 gsize         n_valid)
{
  for (gsize i = 0; i < n; i++)
    parts[order[i]] = i < n_train ? ORCHARD_PART_TRAIN
                      : i < n_train + n_valid ? ORCHARD_PART_VALID : ORCHARD_PART_TEST;
}

static void
split_stratified (OrchardSplit  *self,
                  OrchardColumn *column,
                  guint8        *parts,
                  OrchardRng    *rng)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  Keys keys = { NULL, 0, NULL };
  g_autofree gsize *members = g_new (gsize, MAX (n_rows, 1));

  keys_init (&keys, column);

  for (guint k = 0; k < keys.n_keys; k++)
    {
      gsize n = 0;
      gsize n_test;
      gsize n_valid;

      for (gsize r = 0; r < n_rows; r++)
        if (keys.keys[r] == k)
          members[n++] = r;

      orchard_rng_shuffle (rng, members, n);
      n_test = MIN (share_of (n, self->fractions[ORCHARD_PART_TEST]), n);
      n_valid = MIN (share_of (n, self->fractions[ORCHARD_PART_VALID]), n - n_test);
      assign_in_order (parts, members, n, n - n_test - n_valid, n_valid);
    }

  keys_clear (&keys);
}

static void
split_groups (OrchardSplit  *self,
              OrchardColumn *column,
              guint8        *parts,
              OrchardRng    *rng)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  gsize want_test = share_of (n_rows, self->fractions[ORCHARD_PART_TEST]);
  gsize want_valid = share_of (n_rows, self->fractions[ORCHARD_PART_VALID]);
  gsize got_test = 0;
  gsize got_valid = 0;
  Keys keys = { NULL, 0, NULL };
  g_autofree gsize *order = NULL;
  g_autofree gsize *sizes = NULL;
  g_autofree guint8 *group_part = NULL;

  keys_init (&keys, column);
  order = g_new (gsize, MAX (keys.n_keys, 1));
  sizes = g_new0 (gsize, MAX (keys.n_keys, 1));
  group_part = g_new (guint8, MAX (keys.n_keys, 1));

  for (gsize r = 0; r < n_rows; r++)
    sizes[keys.keys[r]]++;
  for (guint k = 0; k < keys.n_keys; k++)
    order[k] = k;
  orchard_rng_shuffle (rng, order, keys.n_keys);

  /* Whole groups, in shuffled order, fill the test part, then the
   * validation part; the rest train. */
  for (guint i = 0; i < keys.n_keys; i++)
    {
      gsize g = order[i];

      if (got_test < want_test)
        {
          group_part[g] = ORCHARD_PART_TEST;
          got_test += sizes[g];
        }
      else if (got_valid < want_valid)
        {
          group_part[g] = ORCHARD_PART_VALID;
          got_valid += sizes[g];
        }
      else
        group_part[g] = ORCHARD_PART_TRAIN;
    }

  for (gsize r = 0; r < n_rows; r++)
    parts[r] = group_part[keys.keys[r]];

  keys_clear (&keys);
}

static void
split_time (OrchardSplit  *self,
            OrchardColumn *column,
            guint8        *parts)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  const double *values = orchard_column_get_values (column);
  g_autofree gsize *order = time_order (column, NULL, n_rows);
  gsize n_test = share_of (n_rows, self->fractions[ORCHARD_PART_TEST]);
  gsize n_valid = share_of (n_rows, self->fractions[ORCHARD_PART_VALID]);
  gsize train_end = n_rows - MIN (n_rows, n_test + n_valid);
  gsize valid_end = n_rows - MIN (n_rows, n_test);

  /* Rows at the same time go to the same part: a boundary never splits a tie. */
  while (train_end > 0 && train_end < n_rows &&
         values[order[train_end]] == values[order[train_end - 1]])
    train_end++;
  valid_end = MAX (valid_end, train_end);
  while (valid_end > 0 && valid_end < n_rows &&
         values[order[valid_end]] == values[order[valid_end - 1]])
    valid_end++;

  assign_in_order (parts, order, n_rows, train_end, valid_end - train_end);
}

/**
 * orchard_split_apply:
 * @self: a split
 * @table: the data, with its target (and identifier or time column) roles set
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Splits the rows of @table into training, validation and test parts,
 * then looks for leakage: duplicate rows across parts, held-out rows older
 * than training rows, features that are near-perfect proxies of the target
 * in the training rows, and classes missing from a part. Each finding is a
 * warning of the partition, not an error.
 *
 * Returns: (transfer full) (nullable): the partition, or %NULL on error
 */
OrchardPartition *
orchard_split_apply (OrchardSplit  *self,
                     OrchardTable  *table,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(OrchardPartition) partition = NULL;
  OrchardColumn *column = NULL;
  gsize n_rows;
  guint8 *parts;
  OrchardRng rng;

  g_return_val_if_fail (ORCHARD_IS_SPLIT (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(self->fractions[ORCHARD_PART_TRAIN] > 0.0) ||
      fabs (self->fractions[ORCHARD_PART_TRAIN] + self->fractions[ORCHARD_PART_VALID] +
            self->fractions[ORCHARD_PART_TEST] - 1.0) > 1e-6)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The split fractions %g, %g and %g must sum to 1, the training one above 0",
                   self->fractions[ORCHARD_PART_TRAIN], self->fractions[ORCHARD_PART_VALID],
                   self->fractions[ORCHARD_PART_TEST]);
      return NULL;
    }

  n_rows = orchard_table_get_n_rows (table);
  if (n_rows == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY, "The data has no rows to split");
      return NULL;
    }

  if (self->method != ORCHARD_SPLIT_RANDOM)
    {
      column = split_column (self, table, error);
      if (column == NULL)
        return NULL;
    }

  parts = g_new0 (guint8, n_rows);
  orchard_rng_init (&rng, self->seed);

  switch (self->method)
    {
    case ORCHARD_SPLIT_RANDOM:
      {
        g_autofree gsize *order = g_new (gsize, n_rows);
        gsize n_test = share_of (n_rows, self->fractions[ORCHARD_PART_TEST]);
        gsize n_valid = share_of (n_rows, self->fractions[ORCHARD_PART_VALID]);

        for (gsize r = 0; r < n_rows; r++)
          order[r] = r;
        orchard_rng_shuffle (&rng, order, n_rows);
        n_test = MIN (n_test, n_rows);
        n_valid = MIN (n_valid, n_rows - n_test);
        assign_in_order (parts, order, n_rows, n_rows - n_test - n_valid, n_valid);
      }
      break;

    case ORCHARD_SPLIT_STRATIFIED:
      split_stratified (self, column, parts, &rng);
      break;

    case ORCHARD_SPLIT_GROUP:
      split_groups (self, column, parts, &rng);
      break;

    case ORCHARD_SPLIT_TIME:
      split_time (self, column, parts);
      break;

    default:
      g_assert_not_reached ();
    }

  partition = partition_new (parts, n_rows);
  if (partition->rows[ORCHARD_PART_TRAIN]->len == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The split leaves no training row; the data has %" G_GSIZE_FORMAT " rows",
                   n_rows);
      return NULL;
    }

  check_classes (partition, table);
  check_duplicates (partition, table);
  check_time_order (partition, table);
  if (!check_target_proxies (partition, table, cancellable, error))
    return NULL;

  return g_steal_pointer (&partition);
}

/* Folds ------------------------------------------------------------------- */

static void
finish_folds (OrchardFolds *folds,
              const gsize  *rows,
              const guint  *fold_of,
              gsize         n)
{
  /* @rows are in increasing order, so every list comes out sorted. */
  for (gsize i = 0; i < n; i++)
    for (guint f = 0; f < folds->n_folds; f++)
      {
        if (fold_of[i] == f)
          g_array_append_val (folds->valid[f], rows[i]);
        else if (fold_of[i] != G_MAXUINT)
          g_array_append_val (folds->train[f], rows[i]);
      }
}

/* scikit-learn's StratifiedKFold: classes numbered by first appearance,
 * the class counts of fold f are those of every k-th element of the
 * sorted labels starting at f; which rows of a class go to which fold is
 * then shuffled. Same fold sizes and class counts as scikit-learn. */
static void
stratified_folds (const guint32 *keys,
                  guint          n_keys,
                  gsize          n,
                  guint          n_folds,
                  guint         *fold_of,
                  OrchardRng    *rng)
{
  g_autofree guint32 *appearance = g_new (guint32, MAX (n_keys, 1));
  g_autofree gsize *class_counts = g_new0 (gsize, MAX (n_keys, 1));
  g_autofree gsize *allocation = g_new0 (gsize, (gsize) n_folds * MAX (n_keys, 1));
  guint n_classes = 0;
  gsize position = 0;

  for (guint k = 0; k < n_keys; k++)
    appearance[k] = G_MAXUINT32;
  for (gsize i = 0; i < n; i++)
    if (appearance[keys[i]] == G_MAXUINT32)
      appearance[keys[i]] = n_classes++;
  for (gsize i = 0; i < n; i++)
    class_counts[appearance[keys[i]]]++;

  /* The sorted encoded labels are class 0 repeated, then class 1, …; the
   * element at position p goes to fold p mod k. */
  for (guint c = 0; c < n_classes; c++)
    for (gsize j = 0; j < class_counts[c]; j++, position++)
      allocation[(position % n_folds) * n_classes + c]++;

  for (guint c = 0; c < n_classes; c++)
    {
      g_autofree gsize *assigned = g_new (gsize, MAX (class_counts[c], 1));
      gsize a = 0;
      gsize m = 0;

      for (guint f = 0; f < n_folds; f++)
        for (gsize j = 0; j < allocation[f * n_classes + c]; j++)
          assigned[a++] = f;
      orchard_rng_shuffle (rng, assigned, class_counts[c]);

      for (gsize i = 0; i < n; i++)
        if (appearance[keys[i]] == c)
          fold_of[i] = (guint) assigned[m++];
    }
}

typedef struct
{
  gsize size;
  gsize position;
  guint key;
} GroupSize;

static int
by_size_then_position (gconstpointer a,
                       gconstpointer b)
{
  const GroupSize *x = a;
  const GroupSize *y = b;

  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return (x->position > y->position) - (x->position < y->position);
}

/**
 * orchard_split_make_folds:
 * @self: a split
 * @table: the data
 * @rows: (array length=n_rows): the rows to fold (usually the training and
 *   validation rows); their order does not matter
 * @n_rows: how many
 * @n_folds: how many folds, at least 2
 * @error: return location for a #GError
 *
 * Cross-validation folds by the split's method: k-fold over shuffled rows
 * (random), stratified k-fold (stratified), group k-fold with whole groups
 * balanced across folds (group), or an expanding window in time order
 * where each fold trains on everything before its validation block (time).
 *
 * Returns: (transfer full) (nullable): the folds, or %NULL on error
 */
OrchardFolds *
orchard_split_make_folds (OrchardSplit  *self,
                          OrchardTable  *table,
                          const gsize   *rows,
                          gsize          n_rows,
                          guint          n_folds,
                          GError       **error)
{
  g_autoptr(OrchardFolds) folds = NULL;
  g_autofree gsize *sorted = NULL;
  g_autofree guint *fold_of = NULL;
  OrchardColumn *column = NULL;
  gsize table_rows;
  OrchardRng rng;

  g_return_val_if_fail (ORCHARD_IS_SPLIT (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (rows != NULL || n_rows == 0, NULL);

  if (n_folds < 2 || n_folds > n_rows)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%u folds need between 2 and %" G_GSIZE_FORMAT " (the number of rows)",
                   n_folds, n_rows);
      return NULL;
    }

  table_rows = orchard_table_get_n_rows (table);
  sorted = g_memdup2 (rows, n_rows * sizeof (gsize));
  qsort (sorted, n_rows, sizeof (gsize), prep_compare_sizes);
  for (gsize i = 0; i < n_rows; i++)
    if (sorted[i] >= table_rows || (i > 0 && sorted[i] == sorted[i - 1]))
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "Row %" G_GSIZE_FORMAT " is out of range or given twice", sorted[i]);
        return NULL;
      }

  if (self->method != ORCHARD_SPLIT_RANDOM)
    {
      column = split_column (self, table, error);
      if (column == NULL)
        return NULL;
    }

  folds = folds_new (n_folds);
  fold_of = g_new (guint, n_rows);
  orchard_rng_init_stream (&rng, self->seed, FOLD_STREAM);

  switch (self->method)
    {
    case ORCHARD_SPLIT_RANDOM:
      {
        g_autofree gsize *order = g_new (gsize, n_rows);
        gsize start = 0;

        for (gsize i = 0; i < n_rows; i++)
          order[i] = i;
        orchard_rng_shuffle (&rng, order, n_rows);

        /* As scikit-learn's KFold: the first n mod k folds hold one more. */
        for (guint f = 0; f < n_folds; f++)
          {
            gsize size = n_rows / n_folds + (f < n_rows % n_folds ? 1 : 0);

            for (gsize j = start; j < start + size; j++)
              fold_of[order[j]] = f;
            start += size;
          }
      }
      break;

    case ORCHARD_SPLIT_STRATIFIED:
    case ORCHARD_SPLIT_GROUP:
      {
        Keys keys = { NULL, 0, NULL };
        g_autofree guint32 *picked = g_new (guint32, n_rows);
        g_autofree gsize *class_sizes = NULL;

        keys_init (&keys, column);
        for (gsize i = 0; i < n_rows; i++)
          picked[i] = keys.keys[sorted[i]];

        class_sizes = g_new0 (gsize, MAX (keys.n_keys, 1));
        for (gsize i = 0; i < n_rows; i++)
          class_sizes[picked[i]]++;

        if (self->method == ORCHARD_SPLIT_STRATIFIED)
          {
            stratified_folds (picked, keys.n_keys, n_rows, n_folds, fold_of, &rng);

            for (guint k = 0; k < keys.n_keys; k++)
              if (class_sizes[k] > 0 && class_sizes[k] < n_folds)
                add_warning (folds->warnings, ORCHARD_SPLIT_WARNING_SMALL_CLASS,
                             orchard_column_get_name (column),
                             g_strdup_printf ("Class “%s” has %" G_GSIZE_FORMAT " rows, fewer "
                                              "than the %u folds: some folds will not "
                                              "validate it", keys.labels[k], class_sizes[k],
                                              n_folds));
          }
        else
          {
            g_autofree GroupSize *groups = g_new (GroupSize, MAX (keys.n_keys, 1));
            g_autofree gsize *order = g_new (gsize, MAX (keys.n_keys, 1));
            g_autofree gsize *fold_rows = g_new0 (gsize, n_folds);
            g_autofree guint *group_fold = g_new (guint, MAX (keys.n_keys, 1));
            guint n_groups = 0;

            for (guint k = 0; k < keys.n_keys; k++)
              order[k] = k;
            orchard_rng_shuffle (&rng, order, keys.n_keys);
            for (guint k = 0; k < keys.n_keys; k++)
              if (class_sizes[order[k]] > 0)
                {
                  groups[n_groups].size = class_sizes[order[k]];
                  groups[n_groups].position = k;
                  groups[n_groups++].key = order[k];
                }

            if (n_groups < n_folds)
              {
                g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                             "Column “%s” has %u groups among these rows, fewer than the %u "
                             "folds", orchard_column_get_name (column), n_groups, n_folds);
                keys_clear (&keys);
                return NULL;
              }

            /* Largest groups first, each into the fold with the fewest rows. */
            qsort (groups, n_groups, sizeof (GroupSize), by_size_then_position);
            for (guint g = 0; g < n_groups; g++)
              {
                guint lightest = 0;

                for (guint f = 1; f < n_folds; f++)
                  if (fold_rows[f] < fold_rows[lightest])
                    lightest = f;
                group_fold[groups[g].key] = lightest;
                fold_rows[lightest] += groups[g].size;
              }

            for (gsize i = 0; i < n_rows; i++)
              fold_of[i] = group_fold[picked[i]];
          }

        keys_clear (&keys);
      }
      break;

    case ORCHARD_SPLIT_TIME:
      {
        g_autofree gsize *order = time_order (column, sorted, n_rows);
        g_autofree gsize *position = g_new (gsize, table_rows);
        gsize block = n_rows / (n_folds + 1);

        if (block == 0)
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         "%" G_GSIZE_FORMAT " rows are too few for %u time-series folds",
                         n_rows, n_folds);
            return NULL;
          }

        /* As scikit-learn's TimeSeriesSplit: fold f validates the block
         * starting at n − (k − f)·block and trains on every earlier row. */
        for (gsize i = 0; i < n_rows; i++)
          position[order[i]] = i;

        for (guint f = 0; f < n_folds; f++)
          {
            gsize valid_start = n_rows - (n_folds - f) * block;

            for (gsize i = 0; i < n_rows; i++)
              {
                gsize p = position[sorted[i]];

                if (p >= valid_start && p < valid_start + block)
                  g_array_append_val (folds->valid[f], sorted[i]);
                else if (p < valid_start)
                  g_array_append_val (folds->train[f], sorted[i]);
              }
          }

        return g_steal_pointer (&folds);
      }

    default:
      g_assert_not_reached ();
    }

  finish_folds (folds, sorted, fold_of, n_rows);
  return g_steal_pointer (&folds);
}
