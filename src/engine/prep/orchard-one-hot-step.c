/* orchard-one-hot-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-one-hot-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "one-hot"

/**
 * OrchardOneHotStep:
 *
 * Replaces each categorical column by one 0/1 column per level, named
 * "column=level", in code-point order of the levels as scikit-learn's
 * `OneHotEncoder` orders them. Only the #OrchardOneHotStep:max-levels most
 * frequent training levels get a column of their own; the rest share
 * "column=(other)" (scikit-learn's infrequent category). A level unseen in
 * training goes to "(other)" or sets no column at all, as
 * #OrchardOneHotStep:unseen says; a missing value sets no column.
 */
typedef struct
{
  char      *name;
  GPtrArray *kept;           /* levels with a column, sorted */
  GArray    *kept_counts;    /* guint64 training rows per kept level */
  GPtrArray *bucketed;       /* training levels sent to "(other)", sorted */
  guint64    bucketed_rows;
  gboolean   has_other;
} Encoded;

struct _OrchardOneHotStep
{
  GObject               parent_instance;

  guint                 max_levels;
  OrchardUnseenLevels   unseen;
  char                **columns;

  /* Fitted */
  GPtrArray            *encoded;   /* Encoded */
  GHashTable           *sources;   /* output name → column name */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardOneHotStep, orchard_one_hot_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardUnseenLevels, orchard_unseen_levels,
                    G_DEFINE_ENUM_VALUE (ORCHARD_UNSEEN_OTHER, "other"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_UNSEEN_ZERO, "zero"))

enum {
  PROP_0,
  PROP_MAX_LEVELS,
  PROP_UNSEEN,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
encoded_free (Encoded *encoded)
{
  g_free (encoded->name);
  g_ptr_array_unref (encoded->kept);
  g_array_unref (encoded->kept_counts);
  g_ptr_array_unref (encoded->bucketed);
  g_free (encoded);
}

static Encoded *
encoded_new (const char *name)
{
  Encoded *encoded = g_new0 (Encoded, 1);

  encoded->name = g_strdup (name);
  encoded->kept = g_ptr_array_new_with_free_func (g_free);
  encoded->kept_counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  encoded->bucketed = g_ptr_array_new_with_free_func (g_free);

  return encoded;
}

static char *
output_name (const char *column,
             const char *level)
{
  return g_strdup_printf ("%s=%s", column, level);
}

static void
start_fit (OrchardOneHotStep *self)
{
  g_clear_pointer (&self->encoded, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  self->encoded = g_ptr_array_new_with_free_func ((GDestroyNotify) encoded_free);
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
add_sources (OrchardOneHotStep *self,
             Encoded           *encoded)
{
  for (guint k = 0; k < encoded->kept->len; k++)
    g_hash_table_insert (self->sources, output_name (encoded->name,
                                                     g_ptr_array_index (encoded->kept, k)),
                         g_strdup (encoded->name));
  if (encoded->has_other)
    g_hash_table_insert (self->sources, output_name (encoded->name, ORCHARD_OTHER_LEVEL),
                         g_strdup (encoded->name));
}

static OrchardTable *
orchard_one_hot_step_transform (OrchardStep   *step,
                                OrchardTable  *table,
                                GError       **error)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->encoded->len; i++)
    {
      Encoded *encoded = g_ptr_array_index (self->encoded, i);
      OrchardColumn *column = prep_require_column (table, encoded->name,
                                                   PREP_KIND_CATEGORICAL | PREP_KIND_TEXT,
                                                   STEP_ID, error);
      g_autoptr(GHashTable) kept = NULL;
      g_autoptr(GHashTable) bucketed = NULL;
      g_autofree guint32 *map = NULL;
      guint n_out = encoded->kept->len + (encoded->has_other ? 1 : 0);
      guint32 other = encoded->kept->len;
      const guint32 *codes;
      gsize n_rows;
      GPtrArray *with;
      double **outs;

      if (column == NULL)
        return NULL;

      kept = prep_level_lookup (encoded->kept);
      bucketed = prep_level_lookup (encoded->bucketed);
      map = prep_map_levels (column, kept);

      /* Levels without a column of their own: the bucketed ones always go
       * to "(other)", unseen ones only when asked to. */
      for (guint l = 0; l < orchard_column_get_n_levels (column); l++)
        if (map[l] == ORCHARD_CODE_MISSING && encoded->has_other &&
            (self->unseen == ORCHARD_UNSEEN_OTHER ||
             g_hash_table_contains (bucketed, orchard_column_get_level (column, l))))
          map[l] = other;

      codes = orchard_column_get_codes (column);
      n_rows = orchard_column_get_n_rows (column);
      outs = g_new (double *, MAX (n_out, 1));
      for (guint k = 0; k < n_out; k++)
        outs[k] = g_new0 (double, MAX (n_rows, 1));

      for (gsize r = 0; r < n_rows; r++)
        if (codes[r] != ORCHARD_CODE_MISSING && map[codes[r]] != ORCHARD_CODE_MISSING)
          outs[map[codes[r]]][r] = 1.0;

      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      for (guint k = 0; k < n_out; k++)
        {
          g_autofree char *name = output_name (encoded->name,
                                               k < encoded->kept->len
                                               ? g_ptr_array_index (encoded->kept, k)
                                               : ORCHARD_OTHER_LEVEL);
          g_ptr_array_add (with, orchard_column_new_numeric (name, outs[k], n_rows));
        }
      g_free (outs);

      g_hash_table_insert (replacements, encoded->name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

typedef struct
{
  const char *level;
  guint64     count;
} LevelCount;

static int
by_count_then_level (gconstpointer a,
                     gconstpointer b)
{
  const LevelCount *x = a;
  const LevelCount *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->level, y->level);
}

static int
by_level (gconstpointer a,
          gconstpointer b)
{
  return strcmp (((const LevelCount *) a)->level, ((const LevelCount *) b)->level);
}

static OrchardTable *
orchard_one_hot_step_fit (OrchardStep   *step,
                          OrchardTable  *train,
                          GCancellable  *cancellable,
                          GError       **error)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);
  g_autoptr(GPtrArray) names = NULL;

  names = prep_resolve_columns (train, (const char * const *) self->columns,
                                PREP_KIND_CATEGORICAL, STEP_ID, error);
  if (names == NULL)
    return NULL;

  start_fit (self);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      OrchardColumn *column = prep_get_column (train, name);
      const guint32 *codes = orchard_column_get_codes (column);
      gsize n_rows = orchard_column_get_n_rows (column);
      guint n_levels = orchard_column_get_n_levels (column);
      g_autofree LevelCount *counts = g_new0 (LevelCount, MAX (n_levels, 1));
      guint n_kept;
      Encoded *encoded = encoded_new (name);

      /* Training level lists hold only levels the training rows use. */
      for (guint l = 0; l < n_levels; l++)
        counts[l].level = orchard_column_get_level (column, l);
      for (gsize r = 0; r < n_rows; r++)
        if (codes[r] != ORCHARD_CODE_MISSING)
          counts[codes[r]].count++;

      qsort (counts, n_levels, sizeof (LevelCount), by_count_then_level);
      n_kept = MIN (n_levels, self->max_levels);
      qsort (counts, n_kept, sizeof (LevelCount), by_level);
      qsort (counts + n_kept, n_levels - n_kept, sizeof (LevelCount), by_level);

      for (guint l = 0; l < n_levels; l++)
        if (l < n_kept)
          {
            g_ptr_array_add (encoded->kept, g_strdup (counts[l].level));
            g_array_append_val (encoded->kept_counts, counts[l].count);
          }
        else
          {
            g_ptr_array_add (encoded->bucketed, g_strdup (counts[l].level));
            encoded->bucketed_rows += counts[l].count;
          }

      encoded->has_other = encoded->bucketed->len > 0 || self->unseen == ORCHARD_UNSEEN_OTHER;
      g_ptr_array_add (self->encoded, encoded);
      add_sources (self, encoded);
    }

  return orchard_one_hot_step_transform (step, train, error);
}

static GVariant *
orchard_one_hot_step_save_state (OrchardStep *step)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);
  GVariantBuilder columns;
  GVariantDict dict;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a(sasatastb)"));
  for (guint i = 0; i < self->encoded->len; i++)
    {
      Encoded *encoded = g_ptr_array_index (self->encoded, i);

      g_variant_builder_add (&columns, "(s@as@at@astb)", encoded->name,
                             prep_variant_new_strings (encoded->kept),
                             g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                        encoded->kept_counts->data,
                                                        encoded->kept_counts->len,
                                                        sizeof (guint64)),
                             prep_variant_new_strings (encoded->bucketed),
                             encoded->bucketed_rows, encoded->has_other);
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, "columns", g_variant_builder_end (&columns));
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_one_hot_step_load_state (OrchardStep  *step,
                                 GVariant     *state,
                                 GError      **error)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  GVariantIter iter;
  const char *name;
  GVariant *kept;
  GVariant *kept_counts;
  GVariant *bucketed;
  guint64 bucketed_rows;
  gboolean has_other;

  if (!prep_state_lookup (state, "columns", "a(sasatastb)", STEP_ID, &columns, error))
    return FALSE;

  start_fit (self);
  g_variant_iter_init (&iter, columns);
  while (g_variant_iter_next (&iter, "(&s@as@at@astb)", &name, &kept, &kept_counts, &bucketed,
                              &bucketed_rows, &has_other))
    {
      g_autoptr(GVariant) owned_kept = kept;
      g_autoptr(GVariant) owned_counts = kept_counts;
      g_autoptr(GVariant) owned_bucketed = bucketed;
      Encoded *encoded;
      const guint64 *data;
      gsize n;

      if (g_variant_n_children (kept) != g_variant_n_children (kept_counts))
        return prep_state_error (STEP_ID, "levels and counts differ in length", error);
      if (g_variant_n_children (bucketed) > 0 && !has_other)
        return prep_state_error (STEP_ID, "infrequent levels without an “(other)” column",
                                 error);

      encoded = encoded_new (name);
      g_ptr_array_unref (encoded->kept);
      encoded->kept = prep_variant_get_strings (kept);
      g_ptr_array_unref (encoded->bucketed);
      encoded->bucketed = prep_variant_get_strings (bucketed);
      data = g_variant_get_fixed_array (kept_counts, &n, sizeof (guint64));
      g_array_append_vals (encoded->kept_counts, data, n);
      encoded->bucketed_rows = bucketed_rows;
      encoded->has_other = has_other;
      g_ptr_array_add (self->encoded, encoded);
      add_sources (self, encoded);
    }

  return TRUE;
}

static char *
orchard_one_hot_step_describe (OrchardStep *step)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);
  guint n;

  if (orchard_step_is_fitted (step))
    n = self->encoded->len;
  else if (self->columns != NULL)
    n = g_strv_length (self->columns);
  else
    return g_strdup_printf (_("One-hot encode every categorical column (at most %u levels each)"),
                            self->max_levels);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "One-hot encode %u column (at most %u levels each)",
                                       "One-hot encode %u columns (at most %u levels each)", n),
                          n, self->max_levels);
}

static GVariant *
orchard_one_hot_step_get_report (OrchardStep *step)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;
  guint n_features = 0;
  guint n_bucketed = 0;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->encoded->len; i++)
    {
      Encoded *encoded = g_ptr_array_index (self->encoded, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "levels", prep_variant_new_strings (encoded->kept));
      g_variant_builder_add (&column, "{sv}", "level_rows",
                             g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                        encoded->kept_counts->data,
                                                        encoded->kept_counts->len,
                                                        sizeof (guint64)));
      g_variant_builder_add (&column, "{sv}", "other_levels",
                             prep_variant_new_strings (encoded->bucketed));
      g_variant_builder_add (&column, "{sv}", "other_rows",
                             g_variant_new_uint64 (encoded->bucketed_rows));
      g_variant_builder_add (&column, "{sv}", "other_column",
                             g_variant_new_boolean (encoded->has_other));
      g_variant_builder_add (&columns, "{sa{sv}}", encoded->name, &column);

      n_features += encoded->kept->len + (encoded->has_other ? 1 : 0);
      n_bucketed += encoded->bucketed->len;
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert (&report, "features", "u", n_features);

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Encoded %u column as %u 0/1 features "
                                                           "(%u infrequent levels put in "
                                                           "“(other)”)",
                                                           "Encoded %u columns as %u 0/1 features "
                                                           "(%u infrequent levels put in "
                                                           "“(other)”)", self->encoded->len),
                                              self->encoded->len, n_features, n_bucketed));
}

static const char *
orchard_one_hot_step_get_source (OrchardStep *step,
                                 const char  *column)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (step);

  return self->sources != NULL ? g_hash_table_lookup (self->sources, column) : NULL;
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_one_hot_step_fit;
  iface->transform = orchard_one_hot_step_transform;
  iface->save_state = orchard_one_hot_step_save_state;
  iface->load_state = orchard_one_hot_step_load_state;
  iface->describe = orchard_one_hot_step_describe;
  iface->get_report = orchard_one_hot_step_get_report;
  iface->get_source = orchard_one_hot_step_get_source;
}

static void
orchard_one_hot_step_finalize (GObject *object)
{
  OrchardOneHotStep *self = (OrchardOneHotStep *)object;

  g_clear_pointer (&self->encoded, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_one_hot_step_parent_class)->finalize (object);
}

static void
orchard_one_hot_step_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (object);

  switch (prop_id)
    {
    case PROP_MAX_LEVELS:
      g_value_set_uint (value, self->max_levels);
      break;
    case PROP_UNSEEN:
      g_value_set_enum (value, self->unseen);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_one_hot_step_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardOneHotStep *self = ORCHARD_ONE_HOT_STEP (object);

  switch (prop_id)
    {
    case PROP_MAX_LEVELS:
      prep_set_uint (object, pspec, &self->max_levels, value);
      break;
    case PROP_UNSEEN:
      prep_set_enum (object, pspec, (int *) &self->unseen, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_one_hot_step_class_init (OrchardOneHotStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_one_hot_step_finalize;
  object_class->get_property = orchard_one_hot_step_get_property;
  object_class->set_property = orchard_one_hot_step_set_property;

  properties[PROP_MAX_LEVELS] =
    g_param_spec_uint ("max-levels",
                       _("Most levels"),
                       _("How many of the most frequent levels get a column of their own; the "
                         "rest share the “(other)” column"),
                       1, 10000, 20,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNSEEN] =
    g_param_spec_enum ("unseen",
                       _("Unseen levels"),
                       _("Whether a level not seen in training counts as “(other)” or sets no "
                         "column"),
                       ORCHARD_TYPE_UNSEEN_LEVELS,
                       ORCHARD_UNSEEN_OTHER,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_one_hot_step_init (OrchardOneHotStep *self)
{
  self->max_levels = 20;
  self->unseen = ORCHARD_UNSEEN_OTHER;
}

/**
 * orchard_one_hot_step_new:
 *
 * Returns: (transfer full): a new step that one-hot encodes every
 *   categorical feature
 */
OrchardStep *
orchard_one_hot_step_new (void)
{
  return g_object_new (ORCHARD_TYPE_ONE_HOT_STEP, NULL);
}
