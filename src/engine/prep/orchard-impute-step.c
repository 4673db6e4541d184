/* orchard-impute-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-impute-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "impute"

/**
 * OrchardImputeStep:
 *
 * Replaces missing values in numeric columns by a value learnt from the
 * training rows, as scikit-learn's `SimpleImputer` does. A column with no
 * value at all in the training rows is filled with
 * #OrchardImputeStep:fill-value (scikit-learn with `keep_empty_features`).
 * With #OrchardImputeStep:add-indicator, every column that had missing
 * training values gains a 0/1 column "NAME:missing" right after it
 * (`MissingIndicator(features="missing-only")`).
 */
struct _OrchardImputeStep
{
  GObject                parent_instance;

  OrchardImputeStrategy  strategy;
  double                 fill_value;
  gboolean               add_indicator;
  char                 **columns;

  /* Fitted */
  GPtrArray             *fitted;      /* column names */
  GArray                *fills;       /* double */
  GArray                *imputed;     /* guint64: missing training values */
  GArray                *indicate;    /* gboolean */
  GArray                *empty;       /* gboolean: no training value at all */
  GHashTable            *sources;     /* indicator name → column name */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardImputeStep, orchard_impute_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardImputeStrategy, orchard_impute_strategy,
                    G_DEFINE_ENUM_VALUE (ORCHARD_IMPUTE_MEAN, "mean"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_IMPUTE_MEDIAN, "median"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_IMPUTE_CONSTANT, "constant"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_IMPUTE_MOST_FREQUENT, "most-frequent"))

enum {
  PROP_0,
  PROP_STRATEGY,
  PROP_FILL_VALUE,
  PROP_ADD_INDICATOR,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_fit (OrchardImputeStep *self)
{
  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->fills, g_array_unref);
  g_clear_pointer (&self->imputed, g_array_unref);
  g_clear_pointer (&self->indicate, g_array_unref);
  g_clear_pointer (&self->empty, g_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
}

static void
start_fit (OrchardImputeStep *self)
{
  clear_fit (self);
  self->fitted = g_ptr_array_new_with_free_func (g_free);
  self->fills = g_array_new (FALSE, FALSE, sizeof (double));
  self->imputed = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->indicate = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->empty = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static char *
indicator_name (const char *column)
{
  return g_strconcat (column, ":missing", NULL);
}

static void
add_sources (OrchardImputeStep *self)
{
  for (guint i = 0; i < self->fitted->len; i++)
    if (g_array_index (self->indicate, gboolean, i))
      g_hash_table_insert (self->sources, indicator_name (g_ptr_array_index (self->fitted, i)),
                           g_strdup (g_ptr_array_index (self->fitted, i)));
}

static OrchardTable *
orchard_impute_step_transform (OrchardStep   *step,
                               OrchardTable  *table,
                               GError       **error)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->fitted->len; i++)
    {
      const char *name = g_ptr_array_index (self->fitted, i);
      OrchardColumn *column = prep_require_column (table, name, PREP_KIND_NUMERIC, STEP_ID, error);
      double fill = g_array_index (self->fills, double, i);
      const double *values;
      gsize n_rows;
      double *out;
      GPtrArray *with;

      if (column == NULL)
        return NULL;

      values = orchard_column_get_values (column);
      n_rows = orchard_column_get_n_rows (column);
      out = g_new (double, MAX (n_rows, 1));
      for (gsize r = 0; r < n_rows; r++)
        out[r] = isnan (values[r]) ? fill : values[r];

      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      g_ptr_array_add (with, orchard_column_new_numeric (name, out, n_rows));

      if (g_array_index (self->indicate, gboolean, i))
        {
          g_autofree char *indicator = indicator_name (name);
          double *flags = g_new (double, MAX (n_rows, 1));

          for (gsize r = 0; r < n_rows; r++)
            flags[r] = isnan (values[r]) ? 1.0 : 0.0;
          g_ptr_array_add (with, orchard_column_new_numeric (indicator, flags, n_rows));
        }

      g_hash_table_insert (replacements, (gpointer) name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

static OrchardTable *
orchard_impute_step_fit (OrchardStep   *step,
                         OrchardTable  *train,
                         GCancellable  *cancellable,
                         GError       **error)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);
  g_autoptr(GPtrArray) names = NULL;

  names = prep_resolve_columns (train, (const char * const *) self->columns, PREP_KIND_NUMERIC,
                                STEP_ID, error);
  if (names == NULL)
    return NULL;

  start_fit (self);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      OrchardColumn *column = prep_get_column (train, name);
      gsize n = 0;
      g_autofree double *sorted = prep_sorted_present (column, &n);
      guint64 missing = orchard_column_get_n_rows (column) - n;
      gboolean empty = n == 0;
      gboolean indicate = self->add_indicator && missing > 0;
      double fill;

      if (empty)
        fill = self->fill_value;
      else
        switch (self->strategy)
          {
          case ORCHARD_IMPUTE_MEAN:
            fill = prep_mean (sorted, n);
            break;
          case ORCHARD_IMPUTE_MEDIAN:
            fill = prep_quantile (sorted, n, 0.5);
            break;
          case ORCHARD_IMPUTE_CONSTANT:
            fill = self->fill_value;
            break;
          case ORCHARD_IMPUTE_MOST_FREQUENT:
            fill = prep_most_frequent (sorted, n);
            break;
          default:
            g_assert_not_reached ();
          }

      g_ptr_array_add (self->fitted, g_strdup (name));
      g_array_append_val (self->fills, fill);
      g_array_append_val (self->imputed, missing);
      g_array_append_val (self->indicate, indicate);
      g_array_append_val (self->empty, empty);
    }

  add_sources (self);

  return orchard_impute_step_transform (step, train, error);
}

static GVariant *
orchard_impute_step_save_state (OrchardStep *step)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert_value (&dict, "columns", prep_variant_new_strings (self->fitted));
  g_variant_dict_insert_value (&dict, "fills",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->fills->data, self->fills->len,
                                                          sizeof (double)));
  g_variant_dict_insert_value (&dict, "imputed",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                          self->imputed->data, self->imputed->len,
                                                          sizeof (guint64)));

  {
    GVariantBuilder indicate, empty;

    g_variant_builder_init (&indicate, G_VARIANT_TYPE ("ab"));
    g_variant_builder_init (&empty, G_VARIANT_TYPE ("ab"));
    for (guint i = 0; i < self->fitted->len; i++)
      {
        g_variant_builder_add (&indicate, "b", g_array_index (self->indicate, gboolean, i));
        g_variant_builder_add (&empty, "b", g_array_index (self->empty, gboolean, i));
      }
    g_variant_dict_insert_value (&dict, "indicate", g_variant_builder_end (&indicate));
    g_variant_dict_insert_value (&dict, "empty", g_variant_builder_end (&empty));
  }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_impute_step_load_state (OrchardStep  *step,
                                GVariant     *state,
                                GError      **error)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  g_autoptr(GVariant) fills = NULL;
  g_autoptr(GVariant) imputed = NULL;
  g_autoptr(GVariant) indicate = NULL;
  g_autoptr(GVariant) empty = NULL;
  gsize n;
  const double *fill_data;
  const guint64 *imputed_data;

  if (!prep_state_lookup (state, "columns", "as", STEP_ID, &columns, error) ||
      !prep_state_lookup (state, "fills", "ad", STEP_ID, &fills, error) ||
      !prep_state_lookup (state, "imputed", "at", STEP_ID, &imputed, error) ||
      !prep_state_lookup (state, "indicate", "ab", STEP_ID, &indicate, error) ||
      !prep_state_lookup (state, "empty", "ab", STEP_ID, &empty, error))
    return FALSE;

  n = g_variant_n_children (columns);
  if (g_variant_n_children (fills) != n || g_variant_n_children (imputed) != n ||
      g_variant_n_children (indicate) != n || g_variant_n_children (empty) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->fitted);
  self->fitted = prep_variant_get_strings (columns);
  fill_data = g_variant_get_fixed_array (fills, &n, sizeof (double));
  g_array_append_vals (self->fills, fill_data, n);
  imputed_data = g_variant_get_fixed_array (imputed, &n, sizeof (guint64));
  g_array_append_vals (self->imputed, imputed_data, n);

  for (gsize i = 0; i < n; i++)
    {
      gboolean b;

      if (isnan (g_array_index (self->fills, double, i)))
        return prep_state_error (STEP_ID, "a fill value is NaN", error);

      g_variant_get_child (indicate, i, "b", &b);
      g_array_append_val (self->indicate, b);
      g_variant_get_child (empty, i, "b", &b);
      g_array_append_val (self->empty, b);
    }

  add_sources (self);
  return TRUE;
}

static guint
n_described (OrchardImputeStep *self,
             gboolean          *all)
{
  *all = FALSE;
  if (orchard_step_is_fitted (ORCHARD_STEP (self)))
    return self->fitted->len;
  if (self->columns != NULL)
    return g_strv_length (self->columns);

  *all = TRUE;
  return 0;
}

static char *
orchard_impute_step_describe (OrchardStep *step)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);
  gboolean all;
  guint n = n_described (self, &all);

  switch (self->strategy)
    {
    case ORCHARD_IMPUTE_MEAN:
      if (all)
        return g_strdup (_("Mean-impute every numeric column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mean-impute %u column",
                                           "Mean-impute %u columns", n), n);

    case ORCHARD_IMPUTE_MEDIAN:
      if (all)
        return g_strdup (_("Median-impute every numeric column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Median-impute %u column",
                                           "Median-impute %u columns", n), n);

    case ORCHARD_IMPUTE_MOST_FREQUENT:
      if (all)
        return g_strdup (_("Impute the most frequent value in every numeric column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Impute the most frequent value in %u column",
                                           "Impute the most frequent value in %u columns", n), n);

    case ORCHARD_IMPUTE_CONSTANT:
    default:
      {
        g_autofree char *value = orchard_format_double (self->fill_value);

        if (all)
          return g_strdup_printf (_("Fill missing numbers with %s"), value);
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Fill missing numbers in %u column with %s",
                                             "Fill missing numbers in %u columns with %s", n),
                                n, value);
      }
    }
}

static GVariant *
orchard_impute_step_get_report (OrchardStep *step)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);
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
                             g_variant_new_double (g_array_index (self->fills, double, i)));
      g_variant_builder_add (&column, "{sv}", "imputed", g_variant_new_uint64 (imputed));
      g_variant_builder_add (&column, "{sv}", "indicator",
                             g_variant_new_boolean (g_array_index (self->indicate, gboolean, i)));
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
                                                           "Filled %lu missing training value "
                                                           "in %u of %u columns",
                                                           "Filled %lu missing training values "
                                                           "in %u of %u columns", total),
                                              (gulong) total, n_with, self->fitted->len));
}

static const char *
orchard_impute_step_get_source (OrchardStep *step,
                                const char  *column)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (step);

  return self->sources != NULL ? g_hash_table_lookup (self->sources, column) : NULL;
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_impute_step_fit;
  iface->transform = orchard_impute_step_transform;
  iface->save_state = orchard_impute_step_save_state;
  iface->load_state = orchard_impute_step_load_state;
  iface->describe = orchard_impute_step_describe;
  iface->get_report = orchard_impute_step_get_report;
  iface->get_source = orchard_impute_step_get_source;
}

static void
orchard_impute_step_finalize (GObject *object)
{
  OrchardImputeStep *self = (OrchardImputeStep *)object;

  clear_fit (self);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_impute_step_parent_class)->finalize (object);
}

static void
orchard_impute_step_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      g_value_set_enum (value, self->strategy);
      break;
    case PROP_FILL_VALUE:
      g_value_set_double (value, self->fill_value);
      break;
    case PROP_ADD_INDICATOR:
      g_value_set_boolean (value, self->add_indicator);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_impute_step_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OrchardImputeStep *self = ORCHARD_IMPUTE_STEP (object);

  switch (prop_id)
    {
    case PROP_STRATEGY:
      prep_set_enum (object, pspec, (int *) &self->strategy, value);
      break;
    case PROP_FILL_VALUE:
      prep_set_double (object, pspec, &self->fill_value, value);
      break;
    case PROP_ADD_INDICATOR:
      prep_set_boolean (object, pspec, &self->add_indicator, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_impute_step_class_init (OrchardImputeStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_impute_step_finalize;
  object_class->get_property = orchard_impute_step_get_property;
  object_class->set_property = orchard_impute_step_set_property;

  properties[PROP_STRATEGY] =
    g_param_spec_enum ("strategy",
                       _("Strategy"),
                       _("What a missing number becomes: the mean, the median or the most "
                         "frequent value of the training rows, or a constant"),
                       ORCHARD_TYPE_IMPUTE_STRATEGY,
                       ORCHARD_IMPUTE_MEDIAN,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILL_VALUE] =
    g_param_spec_double ("fill-value",
                         _("Fill value"),
                         _("The constant for the constant strategy, and for columns with no "
                           "training value at all"),
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_INDICATOR] =
    g_param_spec_boolean ("add-indicator",
                          _("Add missing indicator"),
                          _("Add a 0/1 column that says where a value was missing, for every "
                            "column with missing training values"),
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_impute_step_init (OrchardImputeStep *self)
{
  self->strategy = ORCHARD_IMPUTE_MEDIAN;
}

/**
 * orchard_impute_step_new:
 * @strategy: what a missing number becomes
 *
 * Returns: (transfer full): a new step that imputes every numeric feature
 */
OrchardStep *
orchard_impute_step_new (OrchardImputeStrategy strategy)
{
  return g_object_new (ORCHARD_TYPE_IMPUTE_STEP, "strategy", strategy, NULL);
}
