/* orchard-scale-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "orchard-prep-private.h"
#include "orchard-scale-step.h"

#define STEP_ID "scale"

/**
 * OrchardScaleStep:
 *
 * Scales numeric columns with a center and a scale learnt from the
 * training rows: (x − center) / scale. Missing values stay missing; a
 * column with no training value is left as it is (center 0, scale 1).
 */
struct _OrchardScaleStep
{
  GObject              parent_instance;

  OrchardScaleMethod   method;
  char               **columns;

  /* Fitted */
  GPtrArray           *fitted;
  GArray              *centers;   /* double */
  GArray              *scales;    /* double */
  GArray              *constant;  /* gboolean: the scale was 0 and became 1 */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardScaleStep, orchard_scale_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardScaleMethod, orchard_scale_method,
                    G_DEFINE_ENUM_VALUE (ORCHARD_SCALE_STANDARD, "standard"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SCALE_MIN_MAX, "min-max"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SCALE_ROBUST, "robust"))

enum {
  PROP_0,
  PROP_METHOD,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_fit (OrchardScaleStep *self)
{
  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->centers, g_array_unref);
  g_clear_pointer (&self->scales, g_array_unref);
  g_clear_pointer (&self->constant, g_array_unref);
}

static void
start_fit (OrchardScaleStep *self)
{
  clear_fit (self);
  self->fitted = g_ptr_array_new_with_free_func (g_free);
  self->centers = g_array_new (FALSE, FALSE, sizeof (double));
  self->scales = g_array_new (FALSE, FALSE, sizeof (double));
  self->constant = g_array_new (FALSE, FALSE, sizeof (gboolean));
}

static OrchardTable *
orchard_scale_step_transform (OrchardStep   *step,
                              OrchardTable  *table,
                              GError       **error)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->fitted->len; i++)
    {
      const char *name = g_ptr_array_index (self->fitted, i);
      OrchardColumn *column = prep_require_column (table, name, PREP_KIND_NUMERIC, STEP_ID, error);
      double center = g_array_index (self->centers, double, i);
      double scale = g_array_index (self->scales, double, i);
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
        out[r] = (values[r] - center) / scale;

      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      g_ptr_array_add (with, orchard_column_new_numeric (name, out, n_rows));
      g_hash_table_insert (replacements, (gpointer) name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

/* scikit-learn's test for a constant feature under rounding error
 * (sklearn.preprocessing._data._is_constant_feature). */
static gboolean
is_constant_variance (double variance,
                      double mean,
                      gsize  n)
{
  double bound = (double) n * DBL_EPSILON * variance +
                 ((double) n * mean * DBL_EPSILON) * ((double) n * mean * DBL_EPSILON);

  return variance <= bound;
}

static OrchardTable *
orchard_scale_step_fit (OrchardStep   *step,
                        OrchardTable  *train,
                        GCancellable  *cancellable,
                        GError       **error)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (step);
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
      double center = 0.0;
      double scale = 1.0;
      gboolean constant = FALSE;

      if (n > 0)
        switch (self->method)
          {
          case ORCHARD_SCALE_STANDARD:
            {
              double variance;

              center = prep_mean (sorted, n);
              variance = prep_variance (sorted, n, center);
              constant = is_constant_variance (variance, center, n);
              scale = constant ? 1.0 : sqrt (variance);
            }
            break;

          case ORCHARD_SCALE_MIN_MAX:
            center = sorted[0];
            scale = sorted[n - 1] - sorted[0];
            break;

          case ORCHARD_SCALE_ROBUST:
            center = prep_quantile (sorted, n, 0.5);
            scale = prep_quantile (sorted, n, 0.75) - prep_quantile (sorted, n, 0.25);
            break;

          default:
            g_assert_not_reached ();
          }

      /* sklearn.preprocessing._data._handle_zeros_in_scale */
      if (self->method != ORCHARD_SCALE_STANDARD && scale < 10.0 * DBL_EPSILON)
        {
          constant = TRUE;
          scale = 1.0;
        }

      g_ptr_array_add (self->fitted, g_strdup (name));
      g_array_append_val (self->centers, center);
      g_array_append_val (self->scales, scale);
      g_array_append_val (self->constant, constant);
    }

  return orchard_scale_step_transform (step, train, error);
}

static GVariant *
orchard_scale_step_save_state (OrchardStep *step)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder constant;

  g_variant_dict_insert_value (&dict, "columns", prep_variant_new_strings (self->fitted));
  g_variant_dict_insert_value (&dict, "centers",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->centers->data, self->centers->len,
                                                          sizeof (double)));
  g_variant_dict_insert_value (&dict, "scales",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->scales->data, self->scales->len,
                                                          sizeof (double)));
  g_variant_builder_init (&constant, G_VARIANT_TYPE ("ab"));
  for (guint i = 0; i < self->fitted->len; i++)
    g_variant_builder_add (&constant, "b", g_array_index (self->constant, gboolean, i));
  g_variant_dict_insert_value (&dict, "constant", g_variant_builder_end (&constant));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_scale_step_load_state (OrchardStep  *step,
                               GVariant     *state,
                               GError      **error)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  g_autoptr(GVariant) centers = NULL;
  g_autoptr(GVariant) scales = NULL;
  g_autoptr(GVariant) constant = NULL;
  const double *data;
  gsize n;

  if (!prep_state_lookup (state, "columns", "as", STEP_ID, &columns, error) ||
      !prep_state_lookup (state, "centers", "ad", STEP_ID, &centers, error) ||
      !prep_state_lookup (state, "scales", "ad", STEP_ID, &scales, error) ||
      !prep_state_lookup (state, "constant", "ab", STEP_ID, &constant, error))
    return FALSE;

  n = g_variant_n_children (columns);
  if (g_variant_n_children (centers) != n || g_variant_n_children (scales) != n ||
      g_variant_n_children (constant) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->fitted);
  self->fitted = prep_variant_get_strings (columns);
  data = g_variant_get_fixed_array (centers, &n, sizeof (double));
  g_array_append_vals (self->centers, data, n);
  data = g_variant_get_fixed_array (scales, &n, sizeof (double));
  g_array_append_vals (self->scales, data, n);

  for (gsize i = 0; i < n; i++)
    {
      double center = g_array_index (self->centers, double, i);
      double scale = g_array_index (self->scales, double, i);
      gboolean b;

      if (!isfinite (center) || !isfinite (scale) || scale <= 0.0)
        return prep_state_error (STEP_ID, "a center is not finite or a scale not positive",
                                 error);
      g_variant_get_child (constant, i, "b", &b);
      g_array_append_val (self->constant, b);
    }

  return TRUE;
}

static char *
orchard_scale_step_describe (OrchardStep *step)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (step);
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

  switch (self->method)
    {
    case ORCHARD_SCALE_MIN_MAX:
      if (all)
        return g_strdup (_("Min-max scale every numeric column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Min-max scale %u column",
                                           "Min-max scale %u columns", n), n);

    case ORCHARD_SCALE_ROBUST:
      if (all)
        return g_strdup (_("Robust-scale every numeric column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Robust-scale %u column",
                                           "Robust-scale %u columns", n), n);

    case ORCHARD_SCALE_STANDARD:
    default:
      if (all)
        return g_strdup (_("Standardise every numeric column"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Standardise %u column",
                                           "Standardise %u columns", n), n);
    }
}

static GVariant *
orchard_scale_step_get_report (OrchardStep *step)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;
  guint n_constant = 0;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->fitted->len; i++)
    {
      gboolean constant = g_array_index (self->constant, gboolean, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "center",
                             g_variant_new_double (g_array_index (self->centers, double, i)));
      g_variant_builder_add (&column, "{sv}", "scale",
                             g_variant_new_double (g_array_index (self->scales, double, i)));
      g_variant_builder_add (&column, "{sv}", "constant", g_variant_new_boolean (constant));
      g_variant_builder_add (&columns, "{sa{sv}}", g_ptr_array_index (self->fitted, i), &column);
      n_constant += constant;
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert (&report, "constant", "u", n_constant);

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Scaled %u column (%u constant, left "
                                                           "unscaled)",
                                                           "Scaled %u columns (%u constant, left "
                                                           "unscaled)", self->fitted->len),
                                              self->fitted->len, n_constant));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_scale_step_fit;
  iface->transform = orchard_scale_step_transform;
  iface->save_state = orchard_scale_step_save_state;
  iface->load_state = orchard_scale_step_load_state;
  iface->describe = orchard_scale_step_describe;
  iface->get_report = orchard_scale_step_get_report;
}

static void
orchard_scale_step_finalize (GObject *object)
{
  OrchardScaleStep *self = (OrchardScaleStep *)object;

  clear_fit (self);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_scale_step_parent_class)->finalize (object);
}

static void
orchard_scale_step_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_scale_step_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OrchardScaleStep *self = ORCHARD_SCALE_STEP (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      prep_set_enum (object, pspec, (int *) &self->method, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_scale_step_class_init (OrchardScaleStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_scale_step_finalize;
  object_class->get_property = orchard_scale_step_get_property;
  object_class->set_property = orchard_scale_step_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method",
                       _("Method"),
                       _("Standard (mean and standard deviation), min-max (to 0 … 1) or robust "
                         "(median and interquartile range)"),
                       ORCHARD_TYPE_SCALE_METHOD,
                       ORCHARD_SCALE_STANDARD,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_scale_step_init (OrchardScaleStep *self)
{
}

/**
 * orchard_scale_step_new:
 * @method: how to scale
 *
 * Returns: (transfer full): a new step that scales every numeric feature
 */
OrchardStep *
orchard_scale_step_new (OrchardScaleMethod method)
{
  return g_object_new (ORCHARD_TYPE_SCALE_STEP, "method", method, NULL);
}
