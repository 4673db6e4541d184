/* orchard-outlier-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "orchard-error.h"
#include "orchard-outlier-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "outliers"

/**
 * OrchardOutlierStep:
 *
 * Finds, for each numeric column, bounds of its normal range in the
 * training rows, then clips values onto them (in every table) or removes
 * the training rows that fall outside (and no other row). Missing values
 * are never outliers; a column without training values has no bounds.
 */
struct _OrchardOutlierStep
{
  GObject               parent_instance;

  OrchardOutlierRule    rule;
  OrchardOutlierAction  action;
  double                iqr_k;
  double                z;
  double                lower_quantile;
  double                upper_quantile;
  char                **columns;

  /* Fitted */
  GPtrArray            *fitted;
  GArray               *lower;    /* double */
  GArray               *upper;    /* double */
  GArray               *below;    /* guint64: training values under the lower bound */
  GArray               *above;    /* guint64 */
  guint64               rows;
  guint64               removed;
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardOutlierStep, orchard_outlier_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardOutlierRule, orchard_outlier_rule,
                    G_DEFINE_ENUM_VALUE (ORCHARD_OUTLIER_IQR, "iqr"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_OUTLIER_Z_SCORE, "z-score"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_OUTLIER_PERCENTILE, "percentile"))

G_DEFINE_ENUM_TYPE (OrchardOutlierAction, orchard_outlier_action,
                    G_DEFINE_ENUM_VALUE (ORCHARD_OUTLIER_CLIP, "clip"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_OUTLIER_REMOVE, "remove"))

enum {
  PROP_0,
  PROP_RULE,
  PROP_ACTION,
  PROP_IQR_K,
  PROP_Z,
  PROP_LOWER_QUANTILE,
  PROP_UPPER_QUANTILE,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_fit (OrchardOutlierStep *self)
{
  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->lower, g_array_unref);
  g_clear_pointer (&self->upper, g_array_unref);
  g_clear_pointer (&self->below, g_array_unref);
  g_clear_pointer (&self->above, g_array_unref);
}

static void
start_fit (OrchardOutlierStep *self)
{
  clear_fit (self);
  self->fitted = g_ptr_array_new_with_free_func (g_free);
  self->lower = g_array_new (FALSE, FALSE, sizeof (double));
  self->upper = g_array_new (FALSE, FALSE, sizeof (double));
  self->below = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->above = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->rows = 0;
  self->removed = 0;
}

static OrchardTable *
clip (OrchardOutlierStep  *self,
      OrchardTable        *table,
      GError             **error)
{
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->fitted->len; i++)
    {
      const char *name = g_ptr_array_index (self->fitted, i);
      OrchardColumn *column = prep_require_column (table, name, PREP_KIND_NUMERIC, STEP_ID, error);
      double lower = g_array_index (self->lower, double, i);
      double upper = g_array_index (self->upper, double, i);
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
        out[r] = values[r] < lower ? lower : values[r] > upper ? upper : values[r];

      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      g_ptr_array_add (with, orchard_column_new_numeric (name, out, n_rows));
      g_hash_table_insert (replacements, (gpointer) name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

static OrchardTable *
orchard_outlier_step_transform (OrchardStep   *step,
                                OrchardTable  *table,
                                GError       **error)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (step);

  if (self->action == ORCHARD_OUTLIER_REMOVE)
    {
      for (guint i = 0; i < self->fitted->len; i++)
        if (prep_require_column (table, g_ptr_array_index (self->fitted, i), PREP_KIND_NUMERIC,
                                 STEP_ID, error) == NULL)
          return NULL;

      return g_object_ref (table);
    }

  return clip (self, table, error);
}

static void
find_bounds (OrchardOutlierStep *self,
             const double       *sorted,
             gsize               n,
             double             *lower,
             double             *upper)
{
  *lower = -INFINITY;
  *upper = INFINITY;

  if (n == 0)
    return;

  switch (self->rule)
    {
    case ORCHARD_OUTLIER_IQR:
      {
        double q1 = prep_quantile (sorted, n, 0.25);
        double q3 = prep_quantile (sorted, n, 0.75);

        *lower = q1 - self->iqr_k * (q3 - q1);
        *upper = q3 + self->iqr_k * (q3 - q1);
      }
      break;

    case ORCHARD_OUTLIER_Z_SCORE:
      {
        double mean = prep_mean (sorted, n);
        double sd = sqrt (prep_variance (sorted, n, mean));

        *lower = mean - self->z * sd;
        *upper = mean + self->z * sd;
      }
      break;

    case ORCHARD_OUTLIER_PERCENTILE:
      *lower = prep_quantile (sorted, n, self->lower_quantile);
      *upper = prep_quantile (sorted, n, self->upper_quantile);
      break;

    default:
      g_assert_not_reached ();
    }
}

static OrchardTable *
orchard_outlier_step_fit (OrchardStep   *step,
                          OrchardTable  *train,
                          GCancellable  *cancellable,
                          GError       **error)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (step);
  g_autoptr(GPtrArray) names = NULL;
  gsize n_rows = orchard_table_get_n_rows (train);
  g_autofree gboolean *outside = NULL;
  g_autofree gsize *kept = NULL;
  gsize n_kept = 0;

  if (self->rule == ORCHARD_OUTLIER_PERCENTILE && self->lower_quantile > self->upper_quantile)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s”: the lower quantile (%g) is above the upper quantile (%g)",
                   STEP_ID, self->lower_quantile, self->upper_quantile);
      return NULL;
    }

  names = prep_resolve_columns (train, (const char * const *) self->columns, PREP_KIND_NUMERIC,
                                STEP_ID, error);
  if (names == NULL)
    return NULL;

  start_fit (self);
  outside = g_new0 (gboolean, MAX (n_rows, 1));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      OrchardColumn *column = prep_get_column (train, name);
      const double *values = orchard_column_get_values (column);
      gsize n = 0;
      g_autofree double *sorted = prep_sorted_present (column, &n);
      guint64 below = 0;
      guint64 above = 0;
      double lower;
      double upper;

      find_bounds (self, sorted, n, &lower, &upper);
      for (gsize r = 0; r < n_rows; r++)
        {
          if (values[r] < lower)
            below++;
          else if (values[r] > upper)
            above++;
          else
            continue;
          outside[r] = TRUE;
        }

      g_ptr_array_add (self->fitted, g_strdup (name));
      g_array_append_val (self->lower, lower);
      g_array_append_val (self->upper, upper);
      g_array_append_val (self->below, below);
      g_array_append_val (self->above, above);
    }

  self->rows = n_rows;
  if (self->action == ORCHARD_OUTLIER_CLIP)
    return clip (self, train, error);

  kept = g_new (gsize, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    if (!outside[r])
      kept[n_kept++] = r;
  self->removed = n_rows - n_kept;

  return prep_table_select_rows (train, kept, n_kept);
}

static GVariant *
orchard_outlier_step_save_state (OrchardStep *step)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert_value (&dict, "columns", prep_variant_new_strings (self->fitted));
  g_variant_dict_insert_value (&dict, "lower",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->lower->data, self->lower->len,
                                                          sizeof (double)));
  g_variant_dict_insert_value (&dict, "upper",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->upper->data, self->upper->len,
                                                          sizeof (double)));
  g_variant_dict_insert_value (&dict, "below",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                          self->below->data, self->below->len,
                                                          sizeof (guint64)));
  g_variant_dict_insert_value (&dict, "above",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                          self->above->data, self->above->len,
                                                          sizeof (guint64)));
  g_variant_dict_insert (&dict, "rows", "t", self->rows);
  g_variant_dict_insert (&dict, "removed", "t", self->removed);

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_outlier_step_load_state (OrchardStep  *step,
                                 GVariant     *state,
                                 GError      **error)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  g_autoptr(GVariant) lower = NULL;
  g_autoptr(GVariant) upper = NULL;
  g_autoptr(GVariant) below = NULL;
  g_autoptr(GVariant) above = NULL;
  g_autoptr(GVariant) rows = NULL;
  g_autoptr(GVariant) removed = NULL;
  gconstpointer data;
  gsize n;

  if (!prep_state_lookup (state, "columns", "as", STEP_ID, &columns, error) ||
      !prep_state_lookup (state, "lower", "ad", STEP_ID, &lower, error) ||
      !prep_state_lookup (state, "upper", "ad", STEP_ID, &upper, error) ||
      !prep_state_lookup (state, "below", "at", STEP_ID, &below, error) ||
      !prep_state_lookup (state, "above", "at", STEP_ID, &above, error) ||
      !prep_state_lookup (state, "rows", "t", STEP_ID, &rows, error) ||
      !prep_state_lookup (state, "removed", "t", STEP_ID, &removed, error))
    return FALSE;

  n = g_variant_n_children (columns);
  if (g_variant_n_children (lower) != n || g_variant_n_children (upper) != n ||
      g_variant_n_children (below) != n || g_variant_n_children (above) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->fitted);
  self->fitted = prep_variant_get_strings (columns);
  data = g_variant_get_fixed_array (lower, &n, sizeof (double));
  g_array_append_vals (self->lower, data, n);
  data = g_variant_get_fixed_array (upper, &n, sizeof (double));
  g_array_append_vals (self->upper, data, n);
  data = g_variant_get_fixed_array (below, &n, sizeof (guint64));
  g_array_append_vals (self->below, data, n);
  data = g_variant_get_fixed_array (above, &n, sizeof (guint64));
  g_array_append_vals (self->above, data, n);
  self->rows = g_variant_get_uint64 (rows);
  self->removed = g_variant_get_uint64 (removed);

  for (gsize i = 0; i < n; i++)
    if (!(g_array_index (self->lower, double, i) <= g_array_index (self->upper, double, i)))
      return prep_state_error (STEP_ID, "a lower bound is above its upper bound", error);

  return TRUE;
}

static char *
orchard_outlier_step_describe (OrchardStep *step)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (step);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (self->rule)
    {
    case ORCHARD_OUTLIER_Z_SCORE:
      g_ascii_formatd (buf, sizeof buf, "%g", self->z);
      if (self->action == ORCHARD_OUTLIER_REMOVE)
        return g_strdup_printf (_("Remove training rows beyond %s standard deviations"), buf);
      return g_strdup_printf (_("Clip values beyond %s standard deviations"), buf);

    case ORCHARD_OUTLIER_PERCENTILE:
      {
        char upper[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_formatd (buf, sizeof buf, "%g", 100.0 * self->lower_quantile);
        g_ascii_formatd (upper, sizeof upper, "%g", 100.0 * self->upper_quantile);
        if (self->action == ORCHARD_OUTLIER_REMOVE)
          return g_strdup_printf (_("Remove training rows outside the %s–%s percentiles"),
                                  buf, upper);
        return g_strdup_printf (_("Winsorise at the %s and %s percentiles"), buf, upper);
      }

    case ORCHARD_OUTLIER_IQR:
    default:
      g_ascii_formatd (buf, sizeof buf, "%g", self->iqr_k);
      if (self->action == ORCHARD_OUTLIER_REMOVE)
        return g_strdup_printf (_("Remove training rows beyond %s × IQR"), buf);
      return g_strdup_printf (_("Clip values beyond %s × IQR"), buf);
    }
}

static GVariant *
orchard_outlier_step_get_report (OrchardStep *step)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;
  guint64 total = 0;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->fitted->len; i++)
    {
      guint64 below = g_array_index (self->below, guint64, i);
      guint64 above = g_array_index (self->above, guint64, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "lower",
                             g_variant_new_double (g_array_index (self->lower, double, i)));
      g_variant_builder_add (&column, "{sv}", "upper",
                             g_variant_new_double (g_array_index (self->upper, double, i)));
      g_variant_builder_add (&column, "{sv}", "below", g_variant_new_uint64 (below));
      g_variant_builder_add (&column, "{sv}", "above", g_variant_new_uint64 (above));
      g_variant_builder_add (&columns, "{sa{sv}}", g_ptr_array_index (self->fitted, i), &column);
      total += below + above;
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert (&report, "outliers", "t", total);
  g_variant_dict_insert (&report, "rows", "t", self->rows);

  if (self->action == ORCHARD_OUTLIER_REMOVE)
    {
      g_variant_dict_insert (&report, "removed", "t", self->removed);
      return prep_report_finish (&report,
                                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "Removed %lu of %lu training rows "
                                                               "(%lu outlying value in %u columns)",
                                                               "Removed %lu of %lu training rows "
                                                               "(%lu outlying values in %u "
                                                               "columns)", total),
                                                  (gulong) self->removed, (gulong) self->rows,
                                                  (gulong) total, self->fitted->len));
    }

  g_variant_dict_insert (&report, "clipped", "t", total);
  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Clipped %lu training value in %u "
                                                           "columns",
                                                           "Clipped %lu training values in %u "
                                                           "columns", total),
                                              (gulong) total, self->fitted->len));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_outlier_step_fit;
  iface->transform = orchard_outlier_step_transform;
  iface->save_state = orchard_outlier_step_save_state;
  iface->load_state = orchard_outlier_step_load_state;
  iface->describe = orchard_outlier_step_describe;
  iface->get_report = orchard_outlier_step_get_report;
}

static void
orchard_outlier_step_finalize (GObject *object)
{
  OrchardOutlierStep *self = (OrchardOutlierStep *)object;

  clear_fit (self);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_outlier_step_parent_class)->finalize (object);
}

static void
orchard_outlier_step_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_enum (value, self->rule);
      break;
    case PROP_ACTION:
      g_value_set_enum (value, self->action);
      break;
    case PROP_IQR_K:
      g_value_set_double (value, self->iqr_k);
      break;
    case PROP_Z:
      g_value_set_double (value, self->z);
      break;
    case PROP_LOWER_QUANTILE:
      g_value_set_double (value, self->lower_quantile);
      break;
    case PROP_UPPER_QUANTILE:
      g_value_set_double (value, self->upper_quantile);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_outlier_step_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardOutlierStep *self = ORCHARD_OUTLIER_STEP (object);

  switch (prop_id)
    {
    case PROP_RULE:
      prep_set_enum (object, pspec, (int *) &self->rule, value);
      break;
    case PROP_ACTION:
      prep_set_enum (object, pspec, (int *) &self->action, value);
      break;
    case PROP_IQR_K:
      prep_set_double (object, pspec, &self->iqr_k, value);
      break;
    case PROP_Z:
      prep_set_double (object, pspec, &self->z, value);
      break;
    case PROP_LOWER_QUANTILE:
      prep_set_double (object, pspec, &self->lower_quantile, value);
      break;
    case PROP_UPPER_QUANTILE:
      prep_set_double (object, pspec, &self->upper_quantile, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_outlier_step_class_init (OrchardOutlierStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_outlier_step_finalize;
  object_class->get_property = orchard_outlier_step_get_property;
  object_class->set_property = orchard_outlier_step_set_property;

  properties[PROP_RULE] =
    g_param_spec_enum ("rule",
                       _("Rule"),
                       _("Where the normal range ends: Tukey's IQR fences, a number of "
                         "standard deviations, or training percentiles"),
                       ORCHARD_TYPE_OUTLIER_RULE,
                       ORCHARD_OUTLIER_IQR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTION] =
    g_param_spec_enum ("action",
                       _("Action"),
                       _("Clip outlying values onto the bounds, or remove the training rows "
                         "that hold them"),
                       ORCHARD_TYPE_OUTLIER_ACTION,
                       ORCHARD_OUTLIER_CLIP,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IQR_K] =
    g_param_spec_double ("iqr-k",
                         _("IQR multiple"),
                         _("How many interquartile ranges beyond the quartiles a value may lie"),
                         0.0, 100.0, 1.5,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_Z] =
    g_param_spec_double ("z",
                         _("Standard deviations"),
                         _("How many standard deviations from the mean a value may lie"),
                         0.0, 100.0, 3.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOWER_QUANTILE] =
    g_param_spec_double ("lower-quantile",
                         _("Lower quantile"),
                         _("The training quantile (0 … 1) below which a value is an outlier"),
                         0.0, 1.0, 0.01,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UPPER_QUANTILE] =
    g_param_spec_double ("upper-quantile",
                         _("Upper quantile"),
                         _("The training quantile (0 … 1) above which a value is an outlier"),
                         0.0, 1.0, 0.99,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_outlier_step_init (OrchardOutlierStep *self)
{
  self->iqr_k = 1.5;
  self->z = 3.0;
  self->lower_quantile = 0.01;
  self->upper_quantile = 0.99;
}

/**
 * orchard_outlier_step_new:
 * @rule: where the normal range ends
 * @action: what happens to an outlier
 *
 * Returns: (transfer full): a new step over every numeric feature
 */
OrchardStep *
orchard_outlier_step_new (OrchardOutlierRule   rule,
                          OrchardOutlierAction action)
{
  return g_object_new (ORCHARD_TYPE_OUTLIER_STEP, "rule", rule, "action", action, NULL);
}
