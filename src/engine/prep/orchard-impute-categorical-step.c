/* orchard-impute-categorical-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-impute-categorical-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "impute-categorical"

/**
 * OrchardImputeCategoricalStep:
 *
 * Replaces missing values in categorical columns by the most frequent
 * training level (scikit-learn's `SimpleImputer(strategy="most_frequent")`,
 * which also breaks ties by taking the smallest string) or by an explicit
 * level such as "missing" (`strategy="constant"`), so that missingness can
 * carry information. A column with no value in the training rows gets the
 * fill value.
 */
struct _OrchardImputeCategoricalStep
{
  GObject                           parent_instance;

  OrchardImputeCategoricalStrategy  strategy;
  char                             *fill_value;
  char                            **columns;

  /* Fitted */
  GPtrArray                        *fitted;   /* column names */
  GPtrArray                        *fills;    /* levels */
  GArray                           *imputed;  /* guint64 */
  GArray                           *empty;    /* gboolean */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardImputeCategoricalStep, orchard_impute_categorical_step,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardImputeCategoricalStrategy, orchard_impute_categorical_strategy,
                    G_DEFINE_ENUM_VALUE (ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT, "most-frequent"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_IMPUTE_CATEGORICAL_CONSTANT, "constant"))

enum {
  PROP_0,
  PROP_STRATEGY,
  PROP_FILL_VALUE,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
fill_value (OrchardImputeCategoricalStep *self)
{
  return self->fill_value != NULL && self->fill_value[0] != '\0' ? self->fill_value : "missing";
}

static void
clear_fit (OrchardImputeCategoricalStep *self)
{
  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->fills, g_ptr_array_unref);
  g_clear_pointer (&self->imputed, g_array_unref);
  g_clear_pointer (&self->empty, g_array_unref);
}

static void
start_fit (OrchardImputeCategoricalStep *self)
{
  clear_fit (self);
  self->fitted = g_ptr_array_new_with_free_func (g_free);
  self->fills = g_ptr_array_new_with_free_func (g_free);
  self->imputed = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->empty = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

static OrchardTable *
orchard_impute_categorical_step_transform (OrchardStep   *step,
                                           OrchardTable  *table,
                                           GError       **error)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->fitted->len; i++)
    {
      const char *name = g_ptr_array_index (self->fitted, i);
      const char *fill = g_ptr_array_index (self->fills, i);
      OrchardColumn *column = prep_require_column (table, name,
                                                   PREP_KIND_CATEGORICAL | PREP_KIND_TEXT,
                                                   STEP_ID, error);
      g_autoptr(GPtrArray) levels = NULL;
      g_autofree guint32 *remap = NULL;
      guint32 fill_code = ORCHARD_CODE_MISSING;
      guint n_levels;
      GPtrArray *with;

      if (column == NULL)
        return NULL;

      n_levels = orchard_column_get_n_levels (column);
      levels = g_ptr_array_new ();
      remap = g_new (guint32, MAX (n_levels, 1));
      for (guint l = 0; l < n_levels; l++)
        {
          const char *level = orchard_column_get_level (column, l);

          g_ptr_array_add (levels, (gpointer) level);
          remap[l] = l;
          if (strcmp (level, fill) == 0)
            fill_code = l;
        }
      if (fill_code == ORCHARD_CODE_MISSING)
        {
          fill_code = levels->len;
          g_ptr_array_add (levels, (gpointer) fill);
        }

      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      g_ptr_array_add (with, prep_column_with_levels (column, name, levels, remap, fill_code));
      g_hash_table_insert (replacements, (gpointer) name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

static OrchardTable *
orchard_impute_categorical_step_fit (OrchardStep   *step,
                                     OrchardTable  *train,
                                     GCancellable  *cancellable,
                                     GError       **error)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (step);
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
      g_autofree gsize *counts = g_new0 (gsize, MAX (n_levels, 1));
      const char *fill = NULL;
      guint64 missing = 0;
      gsize best = 0;
      gboolean empty;

      for (gsize r = 0; r < n_rows; r++)
        if (codes[r] == ORCHARD_CODE_MISSING)
          missing++;
        else
          counts[codes[r]]++;

      for (guint l = 0; l < n_levels; l++)
        {
          const char *level = orchard_column_get_level (column, l);

          if (counts[l] > best || (counts[l] == best && best > 0 && strcmp (level, fill) < 0))
            {
              best = counts[l];
              fill = level;
            }
        }

      empty = missing == n_rows;
      if (self->strategy == ORCHARD_IMPUTE_CATEGORICAL_CONSTANT || fill == NULL)
        fill = fill_value (self);

      g_ptr_array_add (self->fitted, g_strdup (name));
      g_ptr_array_add (self->fills, g_strdup (fill));
      g_array_append_val (self->imputed, missing);
      g_array_append_val (self->empty, empty);
    }

  return orchard_impute_categorical_step_transform (step, train, error);
}

static GVariant *
orchard_impute_categorical_step_save_state (OrchardStep *step)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder empty;

  g_variant_dict_insert_value (&dict, "columns", prep_variant_new_strings (self->fitted));
  g_variant_dict_insert_value (&dict, "fills", prep_variant_new_strings (self->fills));
  g_variant_dict_insert_value (&dict, "imputed",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                          self->imputed->data, self->imputed->len,
                                                          sizeof (guint64)));
  g_variant_builder_init (&empty, G_VARIANT_TYPE ("ab"));
  for (guint i = 0; i < self->fitted->len; i++)
    g_variant_builder_add (&empty, "b", g_array_index (self->empty, gboolean, i));
  g_variant_dict_insert_value (&dict, "empty", g_variant_builder_end (&empty));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_impute_categorical_step_load_state (OrchardStep  *step,
                                            GVariant     *state,
                                            GError      **error)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  g_autoptr(GVariant) fills = NULL;
  g_autoptr(GVariant) imputed = NULL;
  g_autoptr(GVariant) empty = NULL;
  const guint64 *imputed_data;
  gsize n;

  if (!prep_state_lookup (state, "columns", "as", STEP_ID, &columns, error) ||
      !prep_state_lookup (state, "fills", "as", STEP_ID, &fills, error) ||
      !prep_state_lookup (state, "imputed", "at", STEP_ID, &imputed, error) ||
      !prep_state_lookup (state, "empty", "ab", STEP_ID, &empty, error))
    return FALSE;

  n = g_variant_n_children (columns);
  if (g_variant_n_children (fills) != n || g_variant_n_children (imputed) != n ||
      g_variant_n_children (empty) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->fitted);
  self->fitted = prep_variant_get_strings (columns);
  g_ptr_array_unref (self->fills);
  self->fills = prep_variant_get_strings (fills);
  imputed_data = g_variant_get_fixed_array (imputed, &n, sizeof (guint64));
  g_array_append_vals (self->imputed, imputed_data, n);
  for (gsize i = 0; i < n; i++)
    {
      gboolean b;

      g_variant_get_child (empty, i, "b", &b);
      g_array_append_val (self->empty, b);
    }

  return TRUE;
}

static char *
orchard_impute_categorical_step_describe (OrchardStep *step)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (step);
  gboolean all = FALSE;
  guint n;

  if (orchard_step_is_fitted (step))
    n = self->fitted->len;
  else if (self->columns != NULL)
    n = g_strv_length (self->columns);
  else
    {
      all = TRUE;
      n = 0;
    }

  if (self->strategy == ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT)
    {
      if (all)
        return g_strdup (_("Impute the most frequent level in every categorical column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Impute the most frequent level in %u column",
                                           "Impute the most frequent level in %u columns", n), n);
    }

  if (all)
    return g_strdup_printf (_("Mark missing categories as “%s”"), fill_value (self));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Mark missing categories in %u column as “%s”",
                                       "Mark missing categories in %u columns as “%s”", n),
                          n, fill_value (self));
}

static GVariant *
orchard_impute_categorical_step_get_report (OrchardStep *step)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;
  guint64 total = 0;
  guint n_with = 0;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->fitted->len; i++)
    {
      guint64 imputed = g_array_index (self->imputed, guint64, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "fill",
                             g_variant_new_string (g_ptr_array_index (self->fills, i)));
      g_variant_builder_add (&column, "{sv}", "imputed", g_variant_new_uint64 (imputed));
      g_variant_builder_add (&column, "{sv}", "empty",
                             g_variant_new_boolean (g_array_index (self->empty, gboolean, i)));
      g_variant_builder_add (&columns, "{sa{sv}}", g_ptr_array_index (self->fitted, i), &column);

      total += imputed;
      n_with += imputed > 0;
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert (&report, "imputed", "t", total);

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Filled %lu missing training category "
                                                           "in %u of %u columns",
                                                           "Filled %lu missing training categories "
                                                           "in %u of %u columns", total),
                                              (gulong) total, n_with, self->fitted->len));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_impute_categorical_step_fit;
  iface->transform = orchard_impute_categorical_step_transform;
  iface->save_state = orchard_impute_categorical_step_save_state;
  iface->load_state = orchard_impute_categorical_step_load_state;
  iface->describe = orchard_impute_categorical_step_describe;
  iface->get_report = orchard_impute_categorical_step_get_report;
}

static void
orchard_impute_categorical_step_finalize (GObject *object)
{
  OrchardImputeCategoricalStep *self = (OrchardImputeCategoricalStep *)object;

  clear_fit (self);
  g_clear_pointer (&self->fill_value, g_free);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_impute_categorical_step_parent_class)->finalize (object);
}

static void
orchard_impute_categorical_step_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_enum (value, self->strategy);
      break;
    case PROP_FILL_VALUE:
      g_value_set_string (value, self->fill_value);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_impute_categorical_step_set_property (GObject      *object,
                                              guint         prop_id,
                                              const GValue *value,
                                              GParamSpec   *pspec)
{
  OrchardImputeCategoricalStep *self = ORCHARD_IMPUTE_CATEGORICAL_STEP (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      prep_set_enum (object, pspec, (int *) &self->strategy, value);
      break;
    case PROP_FILL_VALUE:
      prep_set_string (object, pspec, &self->fill_value, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_impute_categorical_step_class_init (OrchardImputeCategoricalStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_impute_categorical_step_finalize;
  object_class->get_property = orchard_impute_categorical_step_get_property;
  object_class->set_property = orchard_impute_categorical_step_set_property;

  properties[PROP_STRATEGY] =
    g_param_spec_enum ("strategy",
                       _("Strategy"),
                       _("What a missing category becomes: the most frequent training level, "
                         "or an explicit level of its own"),
                       ORCHARD_TYPE_IMPUTE_CATEGORICAL_STRATEGY,
                       ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILL_VALUE] =
    g_param_spec_string ("fill-value",
                         _("Fill level"),
                         _("The level for the constant strategy, and for columns with no "
                           "training value at all"),
                         "missing",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_impute_categorical_step_init (OrchardImputeCategoricalStep *self)
{
  self->strategy = ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT;
  self->fill_value = g_strdup ("missing");
}

/**
 * orchard_impute_categorical_step_new:
 * @strategy: what a missing category becomes
 *
 * Returns: (transfer full): a new step that imputes every categorical feature
 */
OrchardStep *
orchard_impute_categorical_step_new (OrchardImputeCategoricalStrategy strategy)
{
  return g_object_new (ORCHARD_TYPE_IMPUTE_CATEGORICAL_STEP, "strategy", strategy, NULL);
}
