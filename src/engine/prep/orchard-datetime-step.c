/* orchard-datetime-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "orchard-datetime-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "datetime"
#define SECONDS_PER_DAY 86400.0

/**
 * OrchardDatetimeStep:
 *
 * Replaces each datetime column by numeric features (see
 * #OrchardDatetimeFeatures). The origin of "elapsed-days" is the earliest
 * training value, a fitted parameter. A missing datetime makes every
 * feature missing.
 */
struct _OrchardDatetimeStep
{
  GObject                  parent_instance;

  OrchardDatetimeFeatures  features;
  char                   **columns;

  /* Fitted */
  GPtrArray               *fitted;
  GArray                  *origins;    /* double seconds */
  GArray                  *produced;   /* guint OrchardDatetimeFeatures */
  GHashTable              *sources;
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardDatetimeStep, orchard_datetime_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_FLAGS_TYPE (OrchardDatetimeFeatures, orchard_datetime_features,
                     G_DEFINE_ENUM_VALUE (ORCHARD_DATETIME_YEAR, "year"),
                     G_DEFINE_ENUM_VALUE (ORCHARD_DATETIME_MONTH, "month"),
                     G_DEFINE_ENUM_VALUE (ORCHARD_DATETIME_DAY_OF_WEEK, "day-of-week"),
                     G_DEFINE_ENUM_VALUE (ORCHARD_DATETIME_DAY_OF_YEAR, "day-of-year"),
                     G_DEFINE_ENUM_VALUE (ORCHARD_DATETIME_HOUR, "hour"),
                     G_DEFINE_ENUM_VALUE (ORCHARD_DATETIME_ELAPSED_DAYS, "elapsed-days"))

enum {
  PROP_0,
  PROP_FEATURES,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct
{
  OrchardDatetimeFeatures  flag;
  const char              *suffix;
} feature_names[] = {
  { ORCHARD_DATETIME_YEAR, "year" },
  { ORCHARD_DATETIME_MONTH, "month" },
  { ORCHARD_DATETIME_DAY_OF_WEEK, "day-of-week" },
  { ORCHARD_DATETIME_DAY_OF_YEAR, "day-of-year" },
  { ORCHARD_DATETIME_HOUR, "hour" },
  { ORCHARD_DATETIME_ELAPSED_DAYS, "elapsed-days" },
};

/* The proleptic Gregorian date of a day count since 1970-01-01 (Howard
 * Hinnant's civil_from_days), exact for any day a double can hold. */
static void
civil_from_days (gint64  z,
                 gint64 *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era;
  gint64 doe;
  gint64 yoe;
  gint64 doy;
  gint64 mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (guint) (doy - (153 * mp + 2) / 5 + 1);
  *month = (guint) (mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2);
}

static gboolean
is_leap (gint64 year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static guint
day_of_year (gint64 year,
             guint  month,
             guint  day)
{
  static const guint before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };

  return before[month - 1] + day + (month > 2 && is_leap (year) ? 1 : 0);
}

static double
feature_value (OrchardDatetimeFeatures feature,
               double                  seconds,
               double                  origin)
{
  double days_floor;
  gint64 days;
  gint64 year;
  guint month;
  guint day;

  if (isnan (seconds) || isinf (seconds))
    return NAN;

  if (feature == ORCHARD_DATETIME_ELAPSED_DAYS)
    return (seconds - origin) / SECONDS_PER_DAY;

  days_floor = floor (seconds / SECONDS_PER_DAY);
  days = (gint64) days_floor;

  switch (feature)
    {
    case ORCHARD_DATETIME_HOUR:
      return floor ((seconds - days_floor * SECONDS_PER_DAY) / 3600.0);

    case ORCHARD_DATETIME_DAY_OF_WEEK:
      /* 1970-01-01 was a Thursday, day 3 counting from Monday = 0. */
      return (double) (((days + 3) % 7 + 7) % 7);

    case ORCHARD_DATETIME_YEAR:
    case ORCHARD_DATETIME_MONTH:
    case ORCHARD_DATETIME_DAY_OF_YEAR:
      civil_from_days (days, &year, &month, &day);
      if (feature == ORCHARD_DATETIME_YEAR)
        return (double) year;
      if (feature == ORCHARD_DATETIME_MONTH)
        return month;
      return day_of_year (year, month, day);

    case ORCHARD_DATETIME_ELAPSED_DAYS:
    case ORCHARD_DATETIME_ALL:
    default:
      g_assert_not_reached ();
    }
}

static char *
output_name (const char *column,
             const char *suffix)
{
  return g_strdup_printf ("%s:%s", column, suffix);
}

static void
start_fit (OrchardDatetimeStep *self)
{
  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->origins, g_array_unref);
  g_clear_pointer (&self->produced, g_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  self->fitted = g_ptr_array_new_with_free_func (g_free);
  self->origins = g_array_new (FALSE, FALSE, sizeof (double));
  self->produced = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
add_sources (OrchardDatetimeStep *self,
             guint                index)
{
  const char *name = g_ptr_array_index (self->fitted, index);
  guint produced = g_array_index (self->produced, guint, index);

  for (guint f = 0; f < G_N_ELEMENTS (feature_names); f++)
    if (produced & feature_names[f].flag)
      g_hash_table_insert (self->sources, output_name (name, feature_names[f].suffix),
                           g_strdup (name));
}

static OrchardTable *
orchard_datetime_step_transform (OrchardStep   *step,
                                 OrchardTable  *table,
                                 GError       **error)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->fitted->len; i++)
    {
      const char *name = g_ptr_array_index (self->fitted, i);
      OrchardColumn *column = prep_require_column (table, name, PREP_KIND_DATETIME, STEP_ID,
                                                   error);
      double origin = g_array_index (self->origins, double, i);
      guint produced = g_array_index (self->produced, guint, i);
      const double *values;
      gsize n_rows;
      GPtrArray *with;

      if (column == NULL)
        return NULL;

      values = orchard_column_get_values (column);
      n_rows = orchard_column_get_n_rows (column);
      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);

      for (guint f = 0; f < G_N_ELEMENTS (feature_names); f++)
        {
          g_autofree char *out_name = NULL;
          double *out;

          if ((produced & feature_names[f].flag) == 0)
            continue;

          out = g_new (double, MAX (n_rows, 1));
          for (gsize r = 0; r < n_rows; r++)
            out[r] = feature_value (feature_names[f].flag, values[r], origin);

          out_name = output_name (name, feature_names[f].suffix);
          g_ptr_array_add (with, orchard_column_new_numeric (out_name, out, n_rows));
        }

      g_hash_table_insert (replacements, (gpointer) name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

static OrchardTable *
orchard_datetime_step_fit (OrchardStep   *step,
                           OrchardTable  *train,
                           GCancellable  *cancellable,
                           GError       **error)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);
  g_autoptr(GPtrArray) names = NULL;

  names = prep_resolve_columns (train, (const char * const *) self->columns, PREP_KIND_DATETIME,
                                STEP_ID, error);
  if (names == NULL)
    return NULL;

  start_fit (self);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      OrchardColumn *column = prep_get_column (train, name);
      const double *values = orchard_column_get_values (column);
      gsize n_rows = orchard_column_get_n_rows (column);
      double origin = INFINITY;
      gboolean has_time = FALSE;
      guint produced = self->features;

      for (gsize r = 0; r < n_rows; r++)
        if (isfinite (values[r]))
          {
            origin = MIN (origin, values[r]);
            has_time |= values[r] != floor (values[r] / SECONDS_PER_DAY) * SECONDS_PER_DAY;
          }

      if (!isfinite (origin))
        origin = 0.0;
      if (!has_time)
        produced &= ~ORCHARD_DATETIME_HOUR;

      g_ptr_array_add (self->fitted, g_strdup (name));
      g_array_append_val (self->origins, origin);
      g_array_append_val (self->produced, produced);
      add_sources (self, i);
    }

  return orchard_datetime_step_transform (step, train, error);
}

static GVariant *
orchard_datetime_step_save_state (OrchardStep *step)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert_value (&dict, "columns", prep_variant_new_strings (self->fitted));
  g_variant_dict_insert_value (&dict, "origins",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->origins->data, self->origins->len,
                                                          sizeof (double)));
  g_variant_dict_insert_value (&dict, "produced",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32,
                                                          self->produced->data,
                                                          self->produced->len, sizeof (guint32)));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_datetime_step_load_state (OrchardStep  *step,
                                  GVariant     *state,
                                  GError      **error)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  g_autoptr(GVariant) origins = NULL;
  g_autoptr(GVariant) produced = NULL;
  gconstpointer data;
  gsize n;

  if (!prep_state_lookup (state, "columns", "as", STEP_ID, &columns, error) ||
      !prep_state_lookup (state, "origins", "ad", STEP_ID, &origins, error) ||
      !prep_state_lookup (state, "produced", "au", STEP_ID, &produced, error))
    return FALSE;

  n = g_variant_n_children (columns);
  if (g_variant_n_children (origins) != n || g_variant_n_children (produced) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->fitted);
  self->fitted = prep_variant_get_strings (columns);
  data = g_variant_get_fixed_array (origins, &n, sizeof (double));
  g_array_append_vals (self->origins, data, n);
  data = g_variant_get_fixed_array (produced, &n, sizeof (guint32));
  g_array_append_vals (self->produced, data, n);

  for (guint i = 0; i < n; i++)
    {
      if (!isfinite (g_array_index (self->origins, double, i)) ||
          (g_array_index (self->produced, guint, i) & ~(guint) ORCHARD_DATETIME_ALL) != 0)
        return prep_state_error (STEP_ID, "an origin is not finite or a feature unknown",
                                 error);
      add_sources (self, i);
    }

  return TRUE;
}

static char *
orchard_datetime_step_describe (OrchardStep *step)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);
  guint n;

  if (orchard_step_is_fitted (step))
    n = self->fitted->len;
  else if (self->columns != NULL)
    n = g_strv_length (self->columns);
  else
    return g_strdup (_("Turn every date and time column into calendar features"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Turn %u date and time column into calendar features",
                                       "Turn %u date and time columns into calendar features", n),
                          n);
}

static GVariant *
orchard_datetime_step_get_report (OrchardStep *step)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;
  guint n_features = 0;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->fitted->len; i++)
    {
      guint produced = g_array_index (self->produced, guint, i);
      double origin = g_array_index (self->origins, double, i);
      g_autofree char *origin_text = orchard_format_datetime (origin);
      GVariantBuilder column;
      GVariantBuilder features;

      g_variant_builder_init (&features, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint f = 0; f < G_N_ELEMENTS (feature_names); f++)
        if (produced & feature_names[f].flag)
          {
            g_variant_builder_add (&features, "s", feature_names[f].suffix);
            n_features++;
          }

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "features", g_variant_builder_end (&features));
      g_variant_builder_add (&column, "{sv}", "origin", g_variant_new_double (origin));
      g_variant_builder_add (&column, "{sv}", "origin_text", g_variant_new_string (origin_text));
      g_variant_builder_add (&columns, "{sa{sv}}", g_ptr_array_index (self->fitted, i), &column);
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert (&report, "features", "u", n_features);

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Turned %u date and time column into "
                                                           "%u features",
                                                           "Turned %u date and time columns into "
                                                           "%u features", self->fitted->len),
                                              self->fitted->len, n_features));
}

static const char *
orchard_datetime_step_get_source (OrchardStep *step,
                                  const char  *column)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (step);

  return self->sources != NULL ? g_hash_table_lookup (self->sources, column) : NULL;
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_datetime_step_fit;
  iface->transform = orchard_datetime_step_transform;
  iface->save_state = orchard_datetime_step_save_state;
  iface->load_state = orchard_datetime_step_load_state;
  iface->describe = orchard_datetime_step_describe;
  iface->get_report = orchard_datetime_step_get_report;
  iface->get_source = orchard_datetime_step_get_source;
}

static void
orchard_datetime_step_finalize (GObject *object)
{
  OrchardDatetimeStep *self = (OrchardDatetimeStep *)object;

  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->origins, g_array_unref);
  g_clear_pointer (&self->produced, g_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_datetime_step_parent_class)->finalize (object);
}

static void
orchard_datetime_step_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (object);

  switch (prop_id)
    {
    case PROP_FEATURES:
      g_value_set_flags (value, self->features);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_datetime_step_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OrchardDatetimeStep *self = ORCHARD_DATETIME_STEP (object);

  switch (prop_id)
    {
    case PROP_FEATURES:
      prep_set_flags (object, pspec, (guint *) &self->features, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_datetime_step_class_init (OrchardDatetimeStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_datetime_step_finalize;
  object_class->get_property = orchard_datetime_step_get_property;
  object_class->set_property = orchard_datetime_step_set_property;

  properties[PROP_FEATURES] =
    g_param_spec_flags ("features",
                        _("Features"),
                        _("Which calendar features each date and time column becomes"),
                        ORCHARD_TYPE_DATETIME_FEATURES,
                        ORCHARD_DATETIME_ALL,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_datetime_step_init (OrchardDatetimeStep *self)
{
  self->features = ORCHARD_DATETIME_ALL;
}

/**
 * orchard_datetime_step_new:
 * @features: the features to make
 *
 * Returns: (transfer full): a new step over every datetime feature
 */
OrchardStep *
orchard_datetime_step_new (OrchardDatetimeFeatures features)
{
  return g_object_new (ORCHARD_TYPE_DATETIME_STEP, "features", features, NULL);
}
