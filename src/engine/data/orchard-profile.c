/* orchard-profile.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#ifdef _OPENMP
# include <omp.h>
#endif

#include "orchard-error.h"
#include "orchard-parse.h"
#include "orchard-profile-private.h"

/* Thresholds; docs/profiling.md explains each choice. */
#define HIGH_MISSING_SHARE       0.20
#define HIGH_CARDINALITY_LEVELS  50
#define ID_LIKE_MIN_VALUES       20
#define OUTLIER_SHARE            0.05
#define SKEWNESS_LIMIT           2.0
#define MIXED_MINORITY_SHARE     0.01
#define LEAKAGE_SCORE            0.99
#define LEAKAGE_MIN_ROWS         10
#define LEAKAGE_MAX_CLASSES      20
#define IMBALANCE_RATIO          9.0

typedef enum
{
  TARGET_NONE,
  TARGET_CLASSES,
  TARGET_VALUES,
} TargetKind;

typedef struct
{
  int            index;
  TargetKind     kind;
  /* TARGET_CLASSES: the class of each row, ORCHARD_LABEL_NONE when missing. */
  guint32       *labels;
  guint          n_classes;
  gsize         *class_counts;
  char         **class_names;
  /* TARGET_VALUES */
  const double  *values;
} Target;

/* What a column task finds beyond the public column profile. */
typedef struct
{
  gboolean     integral;
  double       number_share;
} ColumnExtra;

/* Per-thread buffers, sized for one column and reused for the next. */
typedef struct
{
  guint64            *keys;
  guint64            *keys_scratch;
  double             *values;
  OrchardLabelledKey *items;
  OrchardLabelledKey *items_scratch;
} Scratch;

/**
 * OrchardProfile:
 *
 * What a table holds, column by column, and the quality problems it has:
 * an immutable result of orchard_profile_compute(), safe to read from any
 * thread. The definitions of every statistic and warning are in
 * `docs/profiling.md`.
 */
struct _OrchardProfile
{
  GObject                parent_instance;

  gsize                  n_rows;
  guint                  n_columns;
  OrchardColumnProfile  *columns;
  gsize                  duplicate_rows;
  gsize                  memory_bytes;
  char                  *hash;
  char                  *source;
  char                  *format;
  char                  *target;
  GArray                *warnings;   /* OrchardProfileWarning */
};

G_DEFINE_FINAL_TYPE (OrchardProfile, orchard_profile, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_ROWS,
  PROP_N_COLUMNS,
  PROP_DUPLICATE_ROWS,
  PROP_MEMORY_BYTES,
  PROP_HASH,
  PROP_SOURCE,
  PROP_FORMAT,
  PROP_TARGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const warning_codes[] = {
  "constant",
  "high_missing",
  "high_cardinality",
  "id_like",
  "duplicate_rows",
  "duplicate_columns",
  "outliers",
  "mixed_types",
  "skewed",
  "target_leakage",
  "imbalanced_target",
};

static const char * const target_scores[] = {
  "none",
  "roc_auc",
  "correlation",
  "pure_levels",
  "correlation_ratio",
};

static const struct
{
  double      probability;
  const char *name;
} quantiles[ORCHARD_N_QUANTILES] = {
  { 0.01, "p1" },
  { 0.05, "p5" },
  { 0.25, "p25" },
  { 0.50, "p50" },
  { 0.75, "p75" },
  { 0.95, "p95" },
  { 0.99, "p99" },
};

static void
column_profile_clear (OrchardColumnProfile *column)
{
  g_free ((char *) column->name);
  g_free ((double *) column->bin_edges);
  g_free ((gsize *) column->bin_counts);
  for (guint i = 0; i < column->n_levels; i++)
    g_free ((char *) column->levels[i].value);
  g_free ((OrchardLevelCount *) column->levels);
}

static void
warning_clear (gpointer data)
{
  OrchardProfileWarning *warning = data;

  g_free ((char *) warning->column);
  g_free ((char *) warning->message);
  g_free ((char *) warning->action);
}

static void
orchard_profile_finalize (GObject *object)
{
  OrchardProfile *self = (OrchardProfile *)object;

  for (guint i = 0; i < self->n_columns; i++)
    column_profile_clear (&self->columns[i]);
  g_clear_pointer (&self->columns, g_free);
  g_clear_pointer (&self->warnings, g_array_unref);
  g_clear_pointer (&self->hash, g_free);
  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->format, g_free);
  g_clear_pointer (&self->target, g_free);

  G_OBJECT_CLASS (orchard_profile_parent_class)->finalize (object);
}

static void
orchard_profile_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  OrchardProfile *self = ORCHARD_PROFILE (object);

  switch (prop_id)
    {
    case PROP_N_ROWS:
      g_value_set_uint64 (value, self->n_rows);
      break;

    case PROP_N_COLUMNS:
      g_value_set_uint (value, self->n_columns);
      break;

    case PROP_DUPLICATE_ROWS:
      g_value_set_uint64 (value, self->duplicate_rows);
      break;

    case PROP_MEMORY_BYTES:
      g_value_set_uint64 (value, self->memory_bytes);
      break;

    case PROP_HASH:
      g_value_set_string (value, self->hash);
      break;

    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;

    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;

    case PROP_TARGET:
      g_value_set_string (value, self->target);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_profile_class_init (OrchardProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_profile_finalize;
  object_class->get_property = orchard_profile_get_property;

  /**
   * OrchardProfile:n-rows:
   *
   * The rows of the profiled table.
   */
  properties[PROP_N_ROWS] =
    g_param_spec_uint64 ("n-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:n-columns:
   *
   * The columns of the profiled table.
   */
  properties[PROP_N_COLUMNS] =
    g_param_spec_uint ("n-columns", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:duplicate-rows:
   *
   * Rows that repeat an earlier row exactly.
   */
  properties[PROP_DUPLICATE_ROWS] =
    g_param_spec_uint64 ("duplicate-rows", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:memory-bytes:
   *
   * Bytes the profiled table holds in memory.
   */
  properties[PROP_MEMORY_BYTES] =
    g_param_spec_uint64 ("memory-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:hash:
   *
   * The data version of the profiled table, see orchard_table_get_hash().
   */
  properties[PROP_HASH] =
    g_param_spec_string ("hash", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:source:
   *
   * The file the profiled table was read from, if any.
   */
  properties[PROP_SOURCE] =
    g_param_spec_string ("source", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:format:
   *
   * The format of that file, if any.
   */
  properties[PROP_FORMAT] =
    g_param_spec_string ("format", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardProfile:target:
   *
   * The name of the target column, or %NULL when profiled without one.
   */
  properties[PROP_TARGET] =
    g_param_spec_string ("target", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_profile_init (OrchardProfile *self)
{
  self->warnings = g_array_new (FALSE, TRUE, sizeof (OrchardProfileWarning));
  g_array_set_clear_func (self->warnings, warning_clear);
}

/* Target ------------------------------------------------------------------ */

static void
target_clear (Target *target)
{
  g_clear_pointer (&target->labels, g_free);
  g_clear_pointer (&target->class_counts, g_free);
  g_clear_pointer (&target->class_names, g_strfreev);
}

/* A categorical or text target, or a numeric one with exactly two values,
 * is a class target; any other numeric or datetime target is a value. */
static void
target_prepare (Target        *target,
                OrchardColumn *column,
                gsize          n_rows)
{
  if (orchard_column_is_coded (column))
    {
      const guint32 *codes = orchard_column_get_codes (column);
      guint n_levels = orchard_column_get_n_levels (column);
      g_autofree guint32 *class_of = g_new (guint32, MAX (n_levels, 1));
      g_autofree gsize *level_counts = g_new0 (gsize, MAX (n_levels, 1));
      guint k = 0;

      for (gsize r = 0; r < n_rows; r++)
        if (codes[r] != ORCHARD_CODE_MISSING)
          level_counts[codes[r]]++;

      /* Classes are the levels that occur, in level order. */
      target->class_names = g_new0 (char *, n_levels + 1);
      target->class_counts = g_new0 (gsize, MAX (n_levels, 1));
      for (guint l = 0; l < n_levels; l++)
        {
          class_of[l] = ORCHARD_LABEL_NONE;
          if (level_counts[l] == 0)
            continue;
          class_of[l] = k;
          target->class_names[k] = g_strdup (orchard_column_get_level (column, l));
          target->class_counts[k] = level_counts[l];
          k++;
        }

      target->kind = TARGET_CLASSES;
      target->n_classes = k;
      target->labels = g_new (guint32, MAX (n_rows, 1));
      for (gsize r = 0; r < n_rows; r++)
        target->labels[r] = codes[r] == ORCHARD_CODE_MISSING ? ORCHARD_LABEL_NONE
                                                             : class_of[codes[r]];
    }
  else
    {
      const double *values = orchard_column_get_values (column);
      double low = NAN;
      double high = NAN;
      gboolean binary = orchard_column_get_kind (column) == ORCHARD_COLUMN_KIND_NUMERIC;

      for (gsize r = 0; r < n_rows && binary; r++)
        {
          double v = values[r];

          if (isnan (v) || v == low || v == high)
            continue;
          if (isnan (low))
            low = v;
          else if (isnan (high))
            high = v;
          else
            binary = FALSE;
        }

      if (binary && !isnan (high))
        {
          double lo = MIN (low, high);
          double hi = MAX (low, high);

          target->kind = TARGET_CLASSES;
          target->n_classes = 2;
          target->class_names = g_new0 (char *, 3);
          target->class_names[0] = orchard_format_double (lo);
          target->class_names[1] = orchard_format_double (hi);
          target->class_counts = g_new0 (gsize, 2);
          target->labels = g_new (guint32, MAX (n_rows, 1));
          for (gsize r = 0; r < n_rows; r++)
            {
              if (isnan (values[r]))
                {
                  target->labels[r] = ORCHARD_LABEL_NONE;
                  continue;
                }
              target->labels[r] = values[r] == hi;
              target->class_counts[target->labels[r]]++;
            }
        }
      else
        {
          target->kind = TARGET_VALUES;
          target->values = values;
        }
    }
}

/* Column tasks ------------------------------------------------------------ */

static void
scratch_reserve (Scratch  *scratch,
                 gsize     n_rows,
                 gboolean  labelled)
{
  gsize n = MAX (n_rows, 1);

  if (scratch->values == NULL)
    {
      scratch->values = g_new (double, n);
      scratch->keys = g_new (guint64, n);
      scratch->keys_scratch = g_new (guint64, n);
    }

  if (labelled && scratch->items == NULL)
    {
      scratch->items = g_new (OrchardLabelledKey, n);
      scratch->items_scratch = g_new (OrchardLabelledKey, n);
    }
}

static void
scratch_clear (Scratch *scratch)
{
  g_clear_pointer (&scratch->values, g_free);
  g_clear_pointer (&scratch->keys, g_free);
  g_clear_pointer (&scratch->keys_scratch, g_free);
  g_clear_pointer (&scratch->items, g_free);
  g_clear_pointer (&scratch->items_scratch, g_free);
}

static gboolean
is_leakage_candidate (OrchardColumnProfile *profile,
                      guint                 index,
                      const Target         *target)
{
  return target->kind != TARGET_NONE && (int) index != target->index &&
         profile->role == ORCHARD_COLUMN_ROLE_FEATURE;
}

static void
profile_values (OrchardColumn        *column,
                guint                 index,
                gsize                 n_rows,
                const Target         *target,
                Scratch              *scratch,
                OrchardColumnProfile *profile,
                ColumnExtra          *extra)
{
  const double *v = orchard_column_get_values (column);
  gboolean leakage = is_leakage_candidate (profile, index, target);
  gboolean by_class = leakage && target->kind == TARGET_CLASSES;
  gsize n = 0;

  scratch_reserve (scratch, n_rows, by_class);

  if (by_class)
    {
      OrchardLabelledKey *sorted;
      gsize complete = 0;

      for (gsize r = 0; r < n_rows; r++)
        if (!isnan (v[r]))
          {
            scratch->items[n].key = orchard_sort_key_from_double (v[r]);
            scratch->items[n].label = target->labels[r];
            complete += target->labels[r] != ORCHARD_LABEL_NONE;
            n++;
          }

      sorted = orchard_radix_sort_labelled (scratch->items, scratch->items_scratch, n);
      for (gsize i = 0; i < n; i++)
        scratch->values[i] = orchard_sort_key_to_double (sorted[i].key);

      if (complete >= LEAKAGE_MIN_ROWS && target->n_classes <= LEAKAGE_MAX_CLASSES)
        {
          profile->target_score = orchard_min_pairwise_auc (sorted, n, target->n_classes);
          if (!isnan (profile->target_score))
            profile->target_score_kind = ORCHARD_TARGET_SCORE_ROC_AUC;
        }
    }
  else
    {
      guint64 *sorted;

      for (gsize r = 0; r < n_rows; r++)
        if (!isnan (v[r]))
          scratch->keys[n++] = orchard_sort_key_from_double (v[r]);

      sorted = orchard_radix_sort_keys (scratch->keys, scratch->keys_scratch, n);
      for (gsize i = 0; i < n; i++)
        scratch->values[i] = orchard_sort_key_to_double (sorted[i]);
    }

  profile->count = n;
  profile->missing = n_rows - n;
  orchard_profile_describe_sorted (profile, scratch->values, n);

  extra->integral = TRUE;
  for (gsize i = 0; i < n && extra->integral; i++)
    extra->integral = scratch->values[i] == floor (scratch->values[i]);

  if (leakage && target->kind == TARGET_VALUES)
    {
      gsize complete = 0;
      double r = orchard_pearson (v, target->values, n_rows, &complete);

      if (complete >= LEAKAGE_MIN_ROWS && !isnan (r))
        {
          profile->target_score_kind = ORCHARD_TARGET_SCORE_CORRELATION;
          profile->target_score = fabs (r);
        }
    }
}

static int
compare_level_counts (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const gsize *counts = user_data;
  guint la = *(const guint *) a;
  guint lb = *(const guint *) b;

  /* Most frequent first; ties keep the column's level order. */
  if (counts[la] != counts[lb])
    return counts[la] > counts[lb] ? -1 : 1;
  return la < lb ? -1 : la > lb;
}

static void
profile_codes (OrchardColumn        *column,
               guint                 index,
               gsize                 n_rows,
               const Target         *target,
               OrchardColumnProfile *profile,
               ColumnExtra          *extra)
{
  const guint32 *codes = orchard_column_get_codes (column);
  guint n_levels = orchard_column_get_n_levels (column);
  g_autofree gsize *counts = g_new0 (gsize, MAX (n_levels, 1));
  g_autofree guint *order = NULL;
  OrchardLevelCount *levels;
  gsize present;
  guint unique = 0;

  profile->mean = profile->std = profile->min = profile->max = NAN;
  profile->skewness = profile->lower_fence = profile->upper_fence = NAN;
  for (guint q = 0; q < ORCHARD_N_QUANTILES; q++)
    profile->quantiles[q] = NAN;

  for (gsize r = 0; r < n_rows; r++)
    if (codes[r] == ORCHARD_CODE_MISSING)
      profile->missing++;
    else
      counts[codes[r]]++;
  present = n_rows - profile->missing;
  profile->count = present;

  order = g_new (guint, MAX (n_levels, 1));
  for (guint l = 0; l < n_levels; l++)
    if (counts[l] > 0)
      order[unique++] = l;
  profile->unique = unique;
  g_qsort_with_data (order, unique, sizeof (guint), compare_level_counts, counts);

  profile->n_levels = MIN (unique, ORCHARD_PROFILE_TOP_LEVELS);
  levels = g_new0 (OrchardLevelCount, MAX (profile->n_levels, 1));
  for (guint i = 0; i < profile->n_levels; i++)
    {
      levels[i].value = g_strdup (orchard_column_get_level (column, order[i]));
      levels[i].count = counts[order[i]];
    }
  profile->levels = levels;
  profile->n_other_levels = unique - profile->n_levels;
  for (guint i = profile->n_levels; i < unique; i++)
    profile->other_count += counts[order[i]];

  if (profile->kind == ORCHARD_COLUMN_KIND_CATEGORICAL && present > 0)
    {
      gsize numbers = 0;

      for (guint i = 0; i < unique; i++)
        {
          const char *level = orchard_column_get_level (column, order[i]);
          double ignored;

          if (orchard_parse_double (level, strlen (level), &ignored))
            numbers += counts[order[i]];
        }
      extra->number_share = (double) numbers / (double) present;
    }

  if (is_leakage_candidate (profile, index, target))
    {
      gsize complete = 0;
      guint used = 0;

      if (target->kind == TARGET_CLASSES)
        {
          g_autofree guint32 *class_of = g_new (guint32, MAX (n_levels, 1));
          guint32 first_class = ORCHARD_LABEL_NONE;
          gboolean several_classes = FALSE;
          gboolean pure = TRUE;

          for (guint l = 0; l < n_levels; l++)
            class_of[l] = ORCHARD_LABEL_NONE;

          for (gsize r = 0; r < n_rows; r++)
            {
              guint32 label = target->labels[r];

              if (codes[r] == ORCHARD_CODE_MISSING || label == ORCHARD_LABEL_NONE)
                continue;

              complete++;
              if (first_class == ORCHARD_LABEL_NONE)
                first_class = label;
              else if (label != first_class)
                several_classes = TRUE;

              if (class_of[codes[r]] == ORCHARD_LABEL_NONE)
                {
                  class_of[codes[r]] = label;
                  used++;
                }
              else if (class_of[codes[r]] != label)
                pure = FALSE;
            }

          /* An identifier is trivially pure; levels must group rows. */
          if (complete >= LEAKAGE_MIN_ROWS && several_classes && (gsize) used * 2 <= complete)
            {
              profile->target_score_kind = ORCHARD_TARGET_SCORE_PURE_LEVELS;
              profile->target_score = pure ? 1.0 : 0.0;
            }
        }
      else
        {
          g_autofree double *sums = g_new0 (double, MAX (n_levels, 1));
          g_autofree gsize *sizes = g_new0 (gsize, MAX (n_levels, 1));
          double total = 0.0;
          double mean;
          double between = 0.0;
          double within_total = 0.0;

          for (gsize r = 0; r < n_rows; r++)
            if (codes[r] != ORCHARD_CODE_MISSING && !isnan (target->values[r]))
              {
                used += sizes[codes[r]]++ == 0;
                sums[codes[r]] += target->values[r];
                total += target->values[r];
                complete++;
              }

          if (complete >= LEAKAGE_MIN_ROWS && (gsize) used * 2 <= complete)
            {
              mean = total / (double) complete;
              for (gsize r = 0; r < n_rows; r++)
                if (codes[r] != ORCHARD_CODE_MISSING && !isnan (target->values[r]))
                  within_total += (target->values[r] - mean) * (target->values[r] - mean);
              for (guint l = 0; l < n_levels; l++)
                if (sizes[l] > 0)
                  {
                    double d = sums[l] / (double) sizes[l] - mean;
                    between += (double) sizes[l] * d * d;
                  }

              if (within_total > 0.0)
                {
                  profile->target_score_kind = ORCHARD_TARGET_SCORE_CORRELATION_RATIO;
                  profile->target_score = sqrt (MIN (between / within_total, 1.0));
                }
            }
        }
    }
}

/* Duplicates -------------------------------------------------------------- */

static gboolean
cells_equal (OrchardColumn *a,
             gsize          ra,
             OrchardColumn *b,
             gsize          rb)
{
  if (orchard_column_is_coded (a))
    {
      guint32 ca = orchard_column_get_codes (a)[ra];
      guint32 cb = orchard_column_get_codes (b)[rb];

      if (ca == ORCHARD_CODE_MISSING || cb == ORCHARD_CODE_MISSING)
        return ca == cb;
      if (a == b && ca == cb)
        return TRUE;
      return strcmp (orchard_column_get_level (a, ca), orchard_column_get_level (b, cb)) == 0;
    }
  else
    {
      double va = orchard_column_get_values (a)[ra];
      double vb = orchard_column_get_values (b)[rb];

      return va == vb || (isnan (va) && isnan (vb));
    }
}

static gboolean
rows_equal (OrchardTable *table,
            gsize         a,
            gsize         b)
{
  guint n_columns = orchard_table_get_n_columns (table);

  for (guint c = 0; c < n_columns; c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);

      if (!cells_equal (column, a, column, b))
        return FALSE;
    }

  return TRUE;
}

/* Cells that compare equal give equal bits: every NaN alike, -0 as +0. */
static inline guint64
cell_bits (double value)
{
  guint64 bits;

  if (isnan (value))
    return G_GUINT64_CONSTANT (0x7ff8000000000000);
  if (value == 0.0)
    return 0;

  memcpy (&bits, &value, sizeof bits);
  return bits;
}

/* One multiply per cell; the row's hash is mixed once, at the end. */
static inline guint64
hash_combine (guint64 h,
              guint64 bits)
{
  return ((h << 23 | h >> 41) ^ bits) * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
}

/* pandas' DataFrame.duplicated().sum(): rows equal to an earlier row in
 * every column, NaN equal to NaN. Rows are hashed column by column, then
 * placed in an open-addressing table; equal hashes are confirmed cell by cell. */
static gsize
count_duplicate_rows (OrchardTable *table,
                      GCancellable *cancellable)
{
  gsize n_rows = orchard_table_get_n_rows (table);
  guint n_columns = orchard_table_get_n_columns (table);
  g_autofree guint64 *hashes = NULL;
  g_autofree gsize *slots = NULL;
  gsize mask;
  gsize duplicates = 0;

  if (n_rows < 2 || n_columns == 0)
    return 0;

  hashes = g_new0 (guint64, n_rows);

  for (guint c = 0; c < n_columns; c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);

      if (g_cancellable_is_cancelled (cancellable))
        return 0;

      if (orchard_column_is_coded (column))
        {
          const guint32 *codes = orchard_column_get_codes (column);
          guint n_levels = orchard_column_get_n_levels (column);
          g_autofree guint64 *level_hash = g_new (guint64, MAX (n_levels, 1));

          for (guint l = 0; l < n_levels; l++)
            level_hash[l] = orchard_hash_string (orchard_column_get_level (column, l));
          for (gsize r = 0; r < n_rows; r++)
            hashes[r] = hash_combine (hashes[r], codes[r] == ORCHARD_CODE_MISSING
                                                 ? 1 : level_hash[codes[r]]);
        }
      else
        {
          const double *values = orchard_column_get_values (column);

          for (gsize r = 0; r < n_rows; r++)
            hashes[r] = hash_combine (hashes[r], cell_bits (values[r]));
        }
    }

  for (gsize r = 0; r < n_rows; r++)
    hashes[r] = orchard_hash_mix (hashes[r]);

  mask = 1;
  while (mask < n_rows * 2)
    mask <<= 1;
  slots = g_new0 (gsize, mask);
  mask--;

  for (gsize r = 0; r < n_rows; r++)
    {
      for (gsize slot = hashes[r] & mask;; slot = (slot + 1) & mask)
        {
          gsize other = slots[slot];

          if (other == 0)
            {
              slots[slot] = r + 1;
              break;
            }
          if (hashes[other - 1] == hashes[r] && rows_equal (table, other - 1, r))
            {
              duplicates++;
              break;
            }
        }
    }

  return duplicates;
}

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* Equal columns have equal profiles, computed the same way from the same
 * sorted values; only columns whose profiles agree are compared cell by cell. */
static gboolean
profiles_agree (const OrchardColumnProfile *a,
                const OrchardColumnProfile *b)
{
  if (a->kind != b->kind || a->count != b->count || a->unique != b->unique)
    return FALSE;

  if (a->kind == ORCHARD_COLUMN_KIND_NUMERIC || a->kind == ORCHARD_COLUMN_KIND_DATETIME)
    return same_double (a->min, b->min) && same_double (a->max, b->max) &&
           same_double (a->mean, b->mean) && same_double (a->std, b->std);

  /* Counts only: how ties are ordered depends on the level numbering. */
  for (guint l = 0; l < a->n_levels; l++)
    if (a->levels[l].count != b->levels[l].count)
      return FALSE;

  return TRUE;
}

static gboolean
columns_equal (OrchardColumn *a,
               OrchardColumn *b)
{
  gsize n_rows = orchard_column_get_n_rows (a);

  if (orchard_column_get_kind (a) != orchard_column_get_kind (b))
    return FALSE;

  for (gsize r = 0; r < n_rows; r++)
    if (!cells_equal (a, r, b, r))
      return FALSE;

  return TRUE;
}

/* Warnings ---------------------------------------------------------------- */

static void
add_warning (OrchardProfile            *self,
             OrchardProfileWarningCode  code,
             const char                *column,
             char                      *message,
             const char                *action)
{
  OrchardProfileWarning warning;

  warning.code = code;
  warning.column = g_strdup (column);
  warning.message = message;
  warning.action = g_strdup (action);
  g_array_append_val (self->warnings, warning);
}

/* Messages read the same in every locale: they end up in JSON and logs. */
static char *
format_number (const char *format,
               double      value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buf, sizeof buf, format, value));
}

static char *
format_share (double share)
{
  g_autofree char *number = NULL;

  /* Enough digits to tell 0.04% from 0%, never more than needed. */
  number = format_number (share > 0.0 && share < 0.001 ? "%.2f" : "%.1f", share * 100.0);
  return g_strconcat (number, "%", NULL);
}

static char *
format_value (const OrchardColumnProfile *column,
              double                      value)
{
  if (column->kind == ORCHARD_COLUMN_KIND_DATETIME)
    return orchard_format_datetime (value);
  return format_number ("%.6g", value);
}

static const char *
find_stray_warning (const char * const *load_warnings,
                    const char         *name)
{
  g_autofree char *needle = NULL;

  if (load_warnings == NULL)
    return NULL;

  /* The readers name the column in quotes and say which values are not
   * numbers (or dates) and how they were read. */
  needle = g_strdup_printf ("“%s”", name);
  for (guint i = 0; load_warnings[i] != NULL; i++)
    if (strstr (load_warnings[i], needle) != NULL &&
        (strstr (load_warnings[i], "not a number") != NULL ||
         strstr (load_warnings[i], "not numbers") != NULL ||
         strstr (load_warnings[i], "not a date") != NULL ||
         strstr (load_warnings[i], "not dates") != NULL))
      return load_warnings[i];

  return NULL;
}

static gboolean
is_id_like (const OrchardColumnProfile *column,
            const ColumnExtra          *extra)
{
  if (column->count < ID_LIKE_MIN_VALUES || column->unique != column->count)
    return FALSE;

  switch (column->kind)
    {
    case ORCHARD_COLUMN_KIND_CATEGORICAL:
      return TRUE;

    case ORCHARD_COLUMN_KIND_NUMERIC:
      /* Distinct whole numbers that fill most of their range: row numbers,
       * sequential keys. Distinct measurements are not identifiers. */
      return extra->integral && column->max - column->min + 1.0 <= 2.0 * (double) column->count;

    case ORCHARD_COLUMN_KIND_DATETIME:
    case ORCHARD_COLUMN_KIND_TEXT:
    default:
      return FALSE;
    }
}

static void
add_column_warnings (OrchardProfile       *self,
                     OrchardTable         *table,
                     guint                 index,
                     const ColumnExtra    *extra,
                     int                   duplicate_of,
                     const Target         *target)
{
  const OrchardColumnProfile *column = &self->columns[index];
  const char *name = column->name;
  gboolean valued = column->kind == ORCHARD_COLUMN_KIND_NUMERIC ||
                    column->kind == ORCHARD_COLUMN_KIND_DATETIME;
  const char *stray;

  if (column->unique == 0)
    add_warning (self, ORCHARD_PROFILE_WARNING_CONSTANT, name,
                 g_strdup_printf ("Column “%s” has no values at all", name),
                 "Drop it: it carries no information.");
  else if (column->unique == 1)
    {
      g_autofree char *value = column->n_levels > 0 ? g_strdup (column->levels[0].value)
                                                    : format_value (column, column->min);
      add_warning (self, ORCHARD_PROFILE_WARNING_CONSTANT, name,
                   g_strdup_printf ("Column “%s” holds the single value “%s”%s", name, value,
                                    column->missing > 0 ? " where it is not missing" : ""),
                   column->missing > 0
                   ? "Drop it, or keep only a missing-value indicator if missingness matters."
                   : "Drop it: it carries no information.");
    }

  if (self->n_rows > 0 && column->missing_share > HIGH_MISSING_SHARE)
    {
      g_autofree char *share = format_share (column->missing_share);
      add_warning (self, ORCHARD_PROFILE_WARNING_HIGH_MISSING, name,
                   g_strdup_printf ("Column “%s” is missing in %s of rows (%" G_GSIZE_FORMAT
                                    " of %" G_GSIZE_FORMAT ")",
                                    name, share, column->missing, self->n_rows),
                   "Impute it and add a missing-value indicator, or drop it if the gaps "
                   "carry no signal.");
    }

  if (column->kind == ORCHARD_COLUMN_KIND_CATEGORICAL &&
      column->unique > HIGH_CARDINALITY_LEVELS && !is_id_like (column, extra))
    add_warning (self, ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY, name,
                 g_strdup_printf ("Column “%s” has %" G_GSIZE_FORMAT " distinct levels",
                                  name, column->unique),
                 "Group rare levels into “other”, or use target or frequency encoding "
                 "instead of one-hot.");

  if (is_id_like (column, extra))
    add_warning (self, ORCHARD_PROFILE_WARNING_ID_LIKE, name,
                 g_strdup_printf ("Column “%s” has a different value in every row, like an "
                                  "identifier", name),
                 "Give it the id role or ignore it; a model would only memorise it.");

  if (duplicate_of >= 0)
    add_warning (self, ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS, name,
                 g_strdup_printf ("Column “%s” is identical to column “%s”",
                                  name, self->columns[duplicate_of].name),
                 "Drop one of the two.");

  /* Fences mean little for a binary column or when half the values tie. */
  if (valued && column->unique > 2 && column->count > 0 &&
      column->quantiles[ORCHARD_QUANTILE_P75] > column->quantiles[ORCHARD_QUANTILE_P25] &&
      (double) column->outliers > OUTLIER_SHARE * (double) column->count)
    {
      g_autofree char *share = format_share ((double) column->outliers / (double) column->count);
      g_autofree char *low = format_value (column, column->lower_fence);
      g_autofree char *high = format_value (column, column->upper_fence);
      add_warning (self, ORCHARD_PROFILE_WARNING_OUTLIERS, name,
                   g_strdup_printf ("Column “%s” has %" G_GSIZE_FORMAT " values (%s) outside "
                                    "the 1.5×IQR fences [%s, %s]",
                                    name, column->outliers, share, low, high),
                   "Check them for entry errors; consider clipping, a log transform or a "
                   "robust scaler.");
    }

  stray = find_stray_warning (orchard_table_get_load_warnings (table), name);
  if (stray != NULL)
    add_warning (self, ORCHARD_PROFILE_WARNING_MIXED_TYPES, name, g_strdup (stray),
                 "Fix the stray values at the source, or declare them as missing-value "
                 "tokens when reading.");
  else if (column->kind == ORCHARD_COLUMN_KIND_CATEGORICAL &&
           MIN (extra->number_share, 1.0 - extra->number_share) >= MIXED_MINORITY_SHARE)
    {
      g_autofree char *share = format_share (extra->number_share);
      add_warning (self, ORCHARD_PROFILE_WARNING_MIXED_TYPES, name,
                   g_strdup_printf ("Column “%s” mixes numbers (%s of its values) with text",
                                    name, share),
                   "Decide what the column is: clean the text into numbers, or the numbers "
                   "into named levels.");
    }

  if (column->kind == ORCHARD_COLUMN_KIND_NUMERIC && column->unique > 2 &&
      fabs (column->skewness) > SKEWNESS_LIMIT)
    {
      g_autofree char *skewness = format_number ("%.2f", column->skewness);
      add_warning (self, ORCHARD_PROFILE_WARNING_SKEWED, name,
                   g_strdup_printf ("Column “%s” is strongly %s-skewed (skewness %s)", name,
                                    column->skewness > 0 ? "right" : "left", skewness),
                   column->skewness > 0 && column->min >= 0
                   ? "Consider a log or Yeo–Johnson transform for linear and distance-based "
                     "models."
                   : "Consider a Yeo–Johnson transform for linear and distance-based models.");
    }

  /* Scores are ratios of counts; forgive their last bit at the threshold. */
  if (column->target_score_kind != ORCHARD_TARGET_SCORE_NONE &&
      column->target_score >= LEAKAGE_SCORE - 1e-12)
    {
      const char *target_name = self->target;
      g_autofree char *score = format_number ("%.4f", column->target_score);
      g_autofree char *evidence = NULL;

      switch (column->target_score_kind)
        {
        case ORCHARD_TARGET_SCORE_ROC_AUC:
          evidence = target->n_classes == 2
                     ? g_strdup_printf ("ROC AUC %s", score)
                     : g_strdup_printf ("ROC AUC at least %s for every pair of classes",
                                        score);
          break;

        case ORCHARD_TARGET_SCORE_CORRELATION:
          evidence = g_strdup_printf ("|correlation| %s", score);
          break;

        case ORCHARD_TARGET_SCORE_PURE_LEVELS:
          evidence = g_strdup ("each of its levels holds a single target class");
          break;

        case ORCHARD_TARGET_SCORE_CORRELATION_RATIO:
          evidence = g_strdup_printf ("correlation ratio %s", score);
          break;

        case ORCHARD_TARGET_SCORE_NONE:
        default:
          g_assert_not_reached ();
        }

      add_warning (self, ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE, name,
                   g_strdup_printf ("Column “%s” alone predicts the target “%s” almost "
                                    "perfectly (%s)", name, target_name, evidence),
                   "Check that it is known at prediction time and not derived from the "
                   "target; if it is not, drop it.");
    }

  if ((int) index == target->index && target->kind == TARGET_CLASSES && target->n_classes >= 2)
    {
      guint largest = 0;
      guint smallest = 0;

      for (guint k = 1; k < target->n_classes; k++)
        {
          if (target->class_counts[k] > target->class_counts[largest])
            largest = k;
          if (target->class_counts[k] < target->class_counts[smallest])
            smallest = k;
        }

      if ((double) target->class_counts[largest] >
          IMBALANCE_RATIO * (double) target->class_counts[smallest])
        {
          g_autofree char *ratio = format_number ("%.1f", (double) target->class_counts[largest] /
                                                          (double) target->class_counts[smallest]);
          add_warning (self, ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET, name,
                       g_strdup_printf ("Target “%s” is imbalanced: its largest class “%s” has "
                                        "%" G_GSIZE_FORMAT " rows, its smallest “%s” %"
                                        G_GSIZE_FORMAT " (%s:1)",
                                        name, target->class_names[largest],
                                        target->class_counts[largest],
                                        target->class_names[smallest],
                                        target->class_counts[smallest], ratio),
                       "Use stratified splits and class weights or resampling, and judge "
                       "models by PR AUC or balanced accuracy rather than accuracy.");
        }
    }
}

/* Computing --------------------------------------------------------------- */

/**
 * orchard_profile_compute:
 * @table: a table
 * @target: (nullable): the name of the target column, or %NULL for the
 *   table's own target (if it has one)
 * @progress: (nullable) (scope call): progress callback, called from the
 *   calling thread only
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Profiles every column of @table and lists its quality problems; the
 * definitions and thresholds are in `docs/profiling.md`. Columns are
 * profiled in parallel (OpenMP) when the engine is built with it.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error
 *   set: %ORCHARD_ERROR_INVALID_ARGUMENT for an unknown target column,
 *   %G_IO_ERROR_CANCELLED when cancelled
 */
OrchardProfile *
orchard_profile_compute (OrchardTable     *table,
                         const char       *target,
                         OrchardProgress   progress,
                         gpointer          progress_data,
                         GCancellable     *cancellable,
                         GError          **error)
{
  g_autoptr(OrchardProfile) self = NULL;
  g_autofree ColumnExtra *extras = NULL;
  g_autofree int *duplicate_of = NULL;
  Target tgt = { .index = -1, .kind = TARGET_NONE };
  gsize duplicate_rows = 0;
  guint n_columns;
  gsize n_rows;
  int n_tasks;
  int n_done = 0;

  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_columns = orchard_table_get_n_columns (table);
  n_rows = orchard_table_get_n_rows (table);

  if (target != NULL)
    {
      tgt.index = orchard_table_find_column (table, target);
      if (tgt.index < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The target column “%s” is not in %s", target,
                       orchard_table_get_source (table) != NULL
                       ? orchard_table_get_source (table) : "the table");
          return NULL;
        }
    }
  else
    tgt.index = orchard_table_get_target (table);

  self = g_object_new (ORCHARD_TYPE_PROFILE, NULL);
  self->n_rows = n_rows;
  self->n_columns = n_columns;
  self->columns = g_new0 (OrchardColumnProfile, MAX (n_columns, 1));
  self->memory_bytes = orchard_table_get_memory_size (table);
  self->source = g_strdup (orchard_table_get_source (table));
  self->format = g_strdup (orchard_table_get_format (table));

  for (guint c = 0; c < n_columns; c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      OrchardColumnProfile *profile = &self->columns[c];
      OrchardColumnRole role = orchard_table_get_role (table, c);

      /* The target named here replaces the table's own. */
      if (tgt.index >= 0 && role == ORCHARD_COLUMN_ROLE_TARGET && (int) c != tgt.index)
        role = ORCHARD_COLUMN_ROLE_FEATURE;
      if ((int) c == tgt.index)
        role = ORCHARD_COLUMN_ROLE_TARGET;

      profile->name = g_strdup (orchard_column_get_name (column));
      profile->kind = orchard_column_get_kind (column);
      profile->role = role;
      profile->memory_bytes = orchard_column_get_memory_size (column);
      profile->target_score_kind = ORCHARD_TARGET_SCORE_NONE;
      profile->target_score = NAN;
    }

  if (tgt.index >= 0)
    {
      self->target = g_strdup (self->columns[tgt.index].name);
      target_prepare (&tgt, orchard_table_get_column (table, tgt.index), n_rows);
    }

  extras = g_new0 (ColumnExtra, MAX (n_columns, 1));
  duplicate_of = g_new (int, MAX (n_columns, 1));

  if (progress != NULL)
    progress (0.0, "Profiling columns", progress_data);

  /* Task 0 hashes the table and task 1 looks for duplicate rows, the two
   * longest; they start first so that the columns fill in around them. */
  n_tasks = (int) n_columns + 2;

#pragma omp parallel
  {
    Scratch scratch = { 0 };

#pragma omp for schedule(dynamic, 1)
    for (int task = 0; task < n_tasks; task++)
      {
        int done;

        if (g_cancellable_is_cancelled (cancellable))
          continue;

        if (task == 0)
          {
            orchard_table_get_hash (table);
          }
        else if (task == 1)
          {
            duplicate_rows = count_duplicate_rows (table, cancellable);
          }
        else
          {
            guint c = (guint) task - 2;
            OrchardColumn *column = orchard_table_get_column (table, c);

            if (orchard_column_is_coded (column))
              profile_codes (column, c, n_rows, &tgt, &self->columns[c], &extras[c]);
            else
              profile_values (column, c, n_rows, &tgt, &scratch, &self->columns[c], &extras[c]);

            self->columns[c].missing_share = n_rows > 0 ? (double) self->columns[c].missing /
                                                          (double) n_rows : 0.0;
          }

        done = g_atomic_int_add (&n_done, 1) + 1;

#ifdef _OPENMP
        if (omp_get_thread_num () == 0)
#endif
          if (progress != NULL)
            progress (0.95 * done / n_tasks, NULL, progress_data);
      }

    scratch_clear (&scratch);
  }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      target_clear (&tgt);
      return NULL;
    }

  self->duplicate_rows = duplicate_rows;
  self->hash = g_strdup (orchard_table_get_hash (table));

  for (guint c = 0; c < n_columns; c++)
    {
      duplicate_of[c] = -1;
      for (guint d = 0; d < c && duplicate_of[c] < 0; d++)
        if (profiles_agree (&self->columns[d], &self->columns[c]) &&
            columns_equal (orchard_table_get_column (table, d),
                           orchard_table_get_column (table, c)))
          duplicate_of[c] = (int) d;
    }

  if (duplicate_rows > 0)
    {
      g_autofree char *share = format_share ((double) duplicate_rows / (double) n_rows);
      add_warning (self, ORCHARD_PROFILE_WARNING_DUPLICATE_ROWS, NULL,
                   g_strdup_printf ("%" G_GSIZE_FORMAT " %s (%s) %s an earlier row exactly",
                                    duplicate_rows, duplicate_rows == 1 ? "row" : "rows", share,
                                    duplicate_rows == 1 ? "repeats" : "repeat"),
                   "Drop them unless they are genuine repeated observations; duplicates "
                   "leak between training and test rows.");
    }

  for (guint c = 0; c < n_columns; c++)
    add_column_warnings (self, table, c, &extras[c], duplicate_of[c], &tgt);

  target_clear (&tgt);

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  return g_steal_pointer (&self);
}

/* Accessors --------------------------------------------------------------- */

/**
 * orchard_profile_get_n_rows:
 * @self: a profile
 *
 * Returns: the rows of the profiled table
 */
gsize
orchard_profile_get_n_rows (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), 0);
  return self->n_rows;
}

/**
 * orchard_profile_get_n_columns:
 * @self: a profile
 *
 * Returns: the columns of the profiled table, each with an #OrchardColumnProfile
 */
guint
orchard_profile_get_n_columns (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), 0);
  return self->n_columns;
}

/**
 * orchard_profile_get_column:
 * @self: a profile
 * @index: a column index, as in the profiled table
 *
 * Returns: (transfer none): the profile of that column
 */
const OrchardColumnProfile *
orchard_profile_get_column (OrchardProfile *self,
                            guint           index)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->n_columns, NULL);

  return &self->columns[index];
}

/**
 * orchard_profile_find_column:
 * @self: a profile
 * @name: a column name
 *
 * Returns: the index of the column called @name, or -1
 */
int
orchard_profile_find_column (OrchardProfile *self,
                             const char     *name)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->n_columns; i++)
    if (strcmp (self->columns[i].name, name) == 0)
      return (int) i;

  return -1;
}

/**
 * orchard_profile_get_duplicate_rows:
 * @self: a profile
 *
 * Returns: the rows that repeat an earlier row in every column (missing
 *   equal to missing), as pandas' `DataFrame.duplicated().sum()`
 */
gsize
orchard_profile_get_duplicate_rows (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), 0);
  return self->duplicate_rows;
}

/**
 * orchard_profile_get_memory_bytes:
 * @self: a profile
 *
 * Returns: the bytes the profiled table holds, see orchard_table_get_memory_size()
 */
gsize
orchard_profile_get_memory_bytes (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), 0);
  return self->memory_bytes;
}

/**
 * orchard_profile_get_hash:
 * @self: a profile
 *
 * Returns: the data version of the profiled table, see orchard_table_get_hash()
 */
const char *
orchard_profile_get_hash (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);
  return self->hash;
}

/**
 * orchard_profile_get_source:
 * @self: a profile
 *
 * Returns: (nullable): the file the profiled table was read from
 */
const char *
orchard_profile_get_source (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);
  return self->source;
}

/**
 * orchard_profile_get_format:
 * @self: a profile
 *
 * Returns: (nullable): the format of that file
 */
const char *
orchard_profile_get_format (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);
  return self->format;
}

/**
 * orchard_profile_get_target:
 * @self: a profile
 *
 * Returns: (nullable): the name of the target column, or %NULL
 */
const char *
orchard_profile_get_target (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);
  return self->target;
}

/**
 * orchard_profile_get_n_warnings:
 * @self: a profile
 *
 * Returns: the number of warnings, see orchard_profile_get_warning()
 */
guint
orchard_profile_get_n_warnings (OrchardProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), 0);
  return self->warnings->len;
}

/**
 * orchard_profile_get_warning:
 * @self: a profile
 * @index: a warning index, less than orchard_profile_get_n_warnings()
 *
 * Warnings come in table order: the whole table first, then column by
 * column, and within a column in the order of #OrchardProfileWarningCode.
 *
 * Returns: (transfer none): the warning
 */
const OrchardProfileWarning *
orchard_profile_get_warning (OrchardProfile *self,
                             guint           index)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->warnings->len, NULL);

  return &g_array_index (self->warnings, OrchardProfileWarning, index);
}

/**
 * orchard_profile_has_warning:
 * @self: a profile
 * @code: a warning code
 * @column: (nullable): a column name, or %NULL for a table-wide warning
 *
 * Returns: whether the profile holds a warning with @code about @column
 */
gboolean
orchard_profile_has_warning (OrchardProfile            *self,
                             OrchardProfileWarningCode  code,
                             const char                *column)
{
  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), FALSE);

  for (guint i = 0; i < self->warnings->len; i++)
    {
      const OrchardProfileWarning *warning =
        &g_array_index (self->warnings, OrchardProfileWarning, i);

      if (warning->code == code && g_strcmp0 (warning->column, column) == 0)
        return TRUE;
    }

  return FALSE;
}

/* JSON -------------------------------------------------------------------- */

static void
add_number (JsonBuilder *builder,
            const char  *key,
            double       value)
{
  json_builder_set_member_name (builder, key);
  /* JSON has no NaN or infinity. */
  if (isfinite (value))
    json_builder_add_double_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_count (JsonBuilder *builder,
           const char  *key,
           gsize        value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_int_value (builder, (gint64) value);
}

static void
add_null (JsonBuilder *builder,
          const char  *key)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date_text (JsonBuilder *builder,
               const char  *key,
               double       seconds)
{
  g_autofree char *text = isfinite (seconds) ? orchard_format_datetime (seconds) : NULL;

  add_string (builder, key, text);
}

static void
column_to_json (const OrchardColumnProfile *column,
                JsonBuilder                *builder)
{
  gboolean valued = column->kind == ORCHARD_COLUMN_KIND_NUMERIC ||
                    column->kind == ORCHARD_COLUMN_KIND_DATETIME;
  gboolean numeric = column->kind == ORCHARD_COLUMN_KIND_NUMERIC;

  json_builder_begin_object (builder);
  add_string (builder, "name", column->name);
  add_string (builder, "kind", orchard_column_kind_to_string (column->kind));
  add_string (builder, "role", orchard_column_role_to_string (column->role));
  add_count (builder, "count", column->count);
  add_count (builder, "missing", column->missing);
  add_number (builder, "missing_share", column->missing_share);
  add_count (builder, "unique", column->unique);
  add_count (builder, "memory_bytes", column->memory_bytes);

  add_number (builder, "mean", column->mean);
  add_number (builder, "std", column->std);
  add_number (builder, "min", column->min);
  add_number (builder, "max", column->max);

  json_builder_set_member_name (builder, "quantiles");
  if (valued && column->count > 0)
    {
      json_builder_begin_object (builder);
      for (guint q = 0; q < ORCHARD_N_QUANTILES; q++)
        add_number (builder, orchard_quantile_to_string (q), column->quantiles[q]);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_number (builder, "skewness", column->skewness);
  if (numeric)
    add_count (builder, "zeros", column->zeros);
  else
    add_null (builder, "zeros");

  if (valued)
    {
      add_count (builder, "outliers", column->outliers);
      json_builder_set_member_name (builder, "outlier_fences");
      json_builder_begin_array (builder);
      if (isfinite (column->lower_fence))
        json_builder_add_double_value (builder, column->lower_fence);
      else
        json_builder_add_null_value (builder);
      if (isfinite (column->upper_fence))
        json_builder_add_double_value (builder, column->upper_fence);
      else
        json_builder_add_null_value (builder);
      json_builder_end_array (builder);
    }
  else
    {
      add_null (builder, "outliers");
      add_null (builder, "outlier_fences");
    }

  json_builder_set_member_name (builder, "histogram");
  if (valued)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "edges");
      json_builder_begin_array (builder);
      for (guint b = 0; column->n_bins > 0 && b <= column->n_bins; b++)
        json_builder_add_double_value (builder, column->bin_edges[b]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "counts");
      json_builder_begin_array (builder);
      for (guint b = 0; b < column->n_bins; b++)
        json_builder_add_int_value (builder, (gint64) column->bin_counts[b]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  if (column->kind == ORCHARD_COLUMN_KIND_DATETIME)
    {
      add_date_text (builder, "min_text", column->min);
      add_date_text (builder, "max_text", column->max);
      add_date_text (builder, "mean_text", column->mean);
    }

  json_builder_set_member_name (builder, "levels");
  if (!valued)
    {
      json_builder_begin_array (builder);
      for (guint l = 0; l < column->n_levels; l++)
        {
          json_builder_begin_object (builder);
          add_string (builder, "value", column->levels[l].value);
          add_count (builder, "count", column->levels[l].count);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      add_count (builder, "other_levels", column->n_other_levels);
      add_count (builder, "other_count", column->other_count);
    }
  else
    {
      json_builder_add_null_value (builder);
      add_null (builder, "other_levels");
      add_null (builder, "other_count");
    }

  add_string (builder, "target_score_kind",
              column->target_score_kind != ORCHARD_TARGET_SCORE_NONE
              ? orchard_target_score_to_string (column->target_score_kind) : NULL);
  add_number (builder, "target_score", column->target_score);

  json_builder_end_object (builder);
}

/**
 * orchard_profile_to_json:
 * @self: a profile
 *
 * The profile as the JSON document `orchard-cli profile --json` prints:
 * `file`, `format`, `rows`, `columns` (one object per column), `duplicate_rows`,
 * `hash` and `warnings`, plus further keys described in `docs/profiling.md`.
 * Statistics that do not apply, or are not finite, are `null`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_profile_to_json (OrchardProfile *self)
{
  g_autoptr(JsonBuilder) builder = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROFILE (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "file", self->source);
  add_string (builder, "format", self->format);
  add_count (builder, "rows", self->n_rows);
  add_count (builder, "n_columns", self->n_columns);
  add_string (builder, "target", self->target);
  add_count (builder, "duplicate_rows", self->duplicate_rows);
  add_count (builder, "memory_bytes", self->memory_bytes);
  add_string (builder, "hash", self->hash);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < self->n_columns; c++)
    column_to_json (&self->columns[c], builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->warnings->len; i++)
    {
      const OrchardProfileWarning *warning =
        &g_array_index (self->warnings, OrchardProfileWarning, i);

      json_builder_begin_object (builder);
      add_string (builder, "code", orchard_profile_warning_code_to_string (warning->code));
      add_string (builder, "column", warning->column);
      add_string (builder, "message", warning->message);
      add_string (builder, "action", warning->action);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* Names ------------------------------------------------------------------- */

/**
 * orchard_profile_warning_code_to_string:
 * @code: a warning code
 *
 * Returns: the machine code of @code: "constant", "high_missing", …
 */
const char *
orchard_profile_warning_code_to_string (OrchardProfileWarningCode code)
{
  g_return_val_if_fail ((guint) code < G_N_ELEMENTS (warning_codes), NULL);
  return warning_codes[code];
}

/**
 * orchard_target_score_to_string:
 * @score: a kind of target score
 *
 * Returns: its name: "none", "roc_auc", "correlation", "pure_levels" or
 *   "correlation_ratio"
 */
const char *
orchard_target_score_to_string (OrchardTargetScore score)
{
  g_return_val_if_fail ((guint) score < G_N_ELEMENTS (target_scores), NULL);
  return target_scores[score];
}

/**
 * orchard_quantile_get_probability:
 * @quantile: a quantile
 *
 * Returns: its probability: 0.01 for %ORCHARD_QUANTILE_P1, …
 */
double
orchard_quantile_get_probability (OrchardQuantile quantile)
{
  g_return_val_if_fail ((guint) quantile < ORCHARD_N_QUANTILES, NAN);
  return quantiles[quantile].probability;
}

/**
 * orchard_quantile_to_string:
 * @quantile: a quantile
 *
 * Returns: its name: "p1", "p5", …, "p99"
 */
const char *
orchard_quantile_to_string (OrchardQuantile quantile)
{
  g_return_val_if_fail ((guint) quantile < ORCHARD_N_QUANTILES, NULL);
  return quantiles[quantile].name;
}
