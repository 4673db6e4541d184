/* orchard-plot-axis.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "orchard-plot-axis.h"
#include "orchard-plot-enums.h"

/* How many intervals an automatic range may be cut into at most when it is
 * widened to nice bounds: small enough steps that the widening stays tight
 * (0..97 becomes 0..100, not 0..200), independent of the pixel size, so the
 * normalised series do not depend on the widget's allocation. */
#define RANGE_INTERVALS 10

struct _OrchardPlotAxis
{
  GObject              parent_instance;

  OrchardPlotAxisKind  kind;
  char                *title;
  GStrv                categories;
  double               padding;

  /* explicit range, used when !auto_range */
  double               min;
  double               max;
  /* what the plot's data spans, NaN when there is none */
  double               data_min;
  double               data_max;

  /* the effective range */
  double               lo;
  double               hi;

  /* ticks for tick_max, labels owned by tick_labels */
  GArray              *ticks;
  GPtrArray           *tick_labels;
  guint                tick_max;

  guint                auto_range : 1;
  guint                include_zero : 1;
  guint                nice : 1;
  guint                reversed : 1;
  guint                percent : 1;
  guint                range_valid : 1;
  guint                ticks_valid : 1;
};

G_DEFINE_FINAL_TYPE (OrchardPlotAxis, orchard_plot_axis, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_AUTO_RANGE,
  PROP_MIN,
  PROP_MAX,
  PROP_INCLUDE_ZERO,
  PROP_NICE,
  PROP_REVERSED,
  PROP_PERCENT,
  PROP_CATEGORIES,
  PROP_PADDING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
orchard_plot_axis_invalidate (OrchardPlotAxis *self)
{
  self->range_valid = FALSE;
  self->ticks_valid = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * orchard_plot_nice_step:
 * @span: the length of the range to cut, > 0
 * @max_intervals: at most this many intervals of the step fit in @span
 *
 * Returns: the smallest step of the form {1, 2, 5} × 10^k that cuts @span
 *   into at most @max_intervals intervals
 */
double
orchard_plot_nice_step (double span,
                        guint  max_intervals)
{
  double raw, magnitude, fraction;

  if (!(span > 0) || !isfinite (span))
    return 1.0;

  raw = span / MAX (max_intervals, 1);
  magnitude = pow (10.0, floor (log10 (raw)));
  fraction = raw / magnitude;

  /* The tolerance keeps 0.2 / 0.1 (which is 2.0000000000000004) at 2. */
  if (fraction <= 1.0 + 1e-9)
    return magnitude;
  else if (fraction <= 2.0 + 1e-9)
    return 2.0 * magnitude;
  else if (fraction <= 5.0 + 1e-9)
    return 5.0 * magnitude;
  else
    return 10.0 * magnitude;
}

static void
replace_minus (GString *str)
{
  /* A real minus sign: a hyphen is too short next to digits. */
  if (str->len > 0 && str->str[0] == '-')
    {
      g_string_erase (str, 0, 1);
      g_string_prepend (str, "−");
    }
}

/**
 * orchard_plot_format_number:
 * @value: the number
 * @step: the distance to its neighbours (a tick step), which sets the precision
 *
 * Formats a tick label: as many decimals as @step needs, grouped thousands in
 * the user's locale, "k", "M" and "G" for large steps, and a real minus sign.
 *
 * Returns: (transfer full): the label
 */
char *
orchard_plot_format_number (double value,
                            double step)
{
  g_autoptr(GString) str = NULL;
  const char *suffix = "";
  double unit = 1.0;
  int decimals = 0;

  if (!isfinite (value))
    return g_strdup ("–");

  step = fabs (step);
  if (!(step > 0) || !isfinite (step))
    step = fabs (value) > 0 ? fabs (value) : 1.0;

  /* i * step can be 1e-17 where 0 is meant; and no "−0.0". */
  if (fabs (value) < step * 1e-9)
    value = 0.0;

  if (step >= 1e8)
    unit = 1e9, suffix = "G";
  else if (step >= 1e5)
    unit = 1e6, suffix = "M";
  else if (step >= 1e4)
    unit = 1e3, suffix = "k";

  if (step / unit < 1.0)
    decimals = (int) ceil (-log10 (step / unit) - 1e-9);
  decimals = CLAMP (decimals, 0, 12);

  str = g_string_new (NULL);
  g_string_printf (str, "%'.*f%s", decimals, value / unit, suffix);
  replace_minus (str);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

/**
 * orchard_plot_format_value:
 * @value: a data value
 *
 * Formats a value for a tooltip or a description: integers in full with
 * grouped thousands, others with four significant digits.
 *
 * Returns: (transfer full): the text
 */
char *
orchard_plot_format_value (double value)
{
  g_autoptr(GString) str = g_string_new (NULL);
  double magnitude;

  if (!isfinite (value))
    return g_strdup ("–");

  magnitude = fabs (value);

  if (value == floor (value) && magnitude < 1e15)
    {
      g_string_printf (str, "%'.0f", value);
    }
  else if (magnitude >= 1e9 || magnitude < 1e-4)
    {
      g_string_printf (str, "%.3e", value);
    }
  else
    {
      int decimals = CLAMP (3 - (int) floor (log10 (magnitude)), 0, 8);
      const char *point = localeconv ()->decimal_point;
      const char *dot;

      g_string_printf (str, "%'.*f", decimals, value);

      /* Trailing zeros say nothing; keep one digit after the point. */
      dot = point != NULL && *point != '\0' ? strstr (str->str, point) : NULL;
      if (dot != NULL)
        {
          gsize keep = (gsize) (dot - str->str) + strlen (point) + 1;

          while (str->len > keep && str->str[str->len - 1] == '0')
            g_string_truncate (str, str->len - 1);
        }
    }

  replace_minus (str);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
orchard_plot_axis_ensure_range (OrchardPlotAxis *self)
{
  double lo, hi;

  if (self->range_valid)
    return;

  self->range_valid = TRUE;

  if (self->kind == ORCHARD_PLOT_AXIS_BAND)
    {
      self->lo = 0;
      self->hi = MAX (1, orchard_plot_axis_get_n_categories (self));
      return;
    }

  if (!self->auto_range)
    {
      lo = self->min;
      hi = self->max;
    }
  else
    {
      lo = self->data_min;
      hi = self->data_max;

      if (!isfinite (lo) || !isfinite (hi))
        {
          lo = self->kind == ORCHARD_PLOT_AXIS_LOG ? 1.0 : 0.0;
          hi = self->kind == ORCHARD_PLOT_AXIS_LOG ? 10.0 : 1.0;
        }

      if (self->include_zero && self->kind == ORCHARD_PLOT_AXIS_LINEAR)
        {
          lo = MIN (lo, 0.0);
          hi = MAX (hi, 0.0);
        }
    }

  if (self->kind == ORCHARD_PLOT_AXIS_LOG)
    {
      /* Non-positive values have no place on a log scale: keep three decades. */
      if (!(hi > 0))
        hi = 10.0;
      if (!(lo > 0) || lo > hi)
        lo = hi / 1000.0;
      if (lo == hi)
        {
          lo = pow (10.0, floor (log10 (lo)));
          hi = lo * 10.0;
          if (hi <= self->data_max)
            hi *= 10.0;
        }
      if (self->auto_range && self->nice)
        {
          lo = pow (10.0, floor (log10 (lo) + 1e-9));
          hi = pow (10.0, ceil (log10 (hi) - 1e-9));
        }
    }
  else
    {
      if (lo > hi)
        {
          double tmp = lo;
          lo = hi;
          hi = tmp;
        }

      if (lo == hi)
        {
          /* A single value sits in the middle of a small range around it. */
          double delta = lo == 0 ? 1.0 : fabs (lo) * 0.1;

          if (lo == 0 && (self->include_zero || !self->auto_range))
            hi = 1.0;
          else
            lo -= delta, hi += delta;
        }

      if (self->auto_range && self->nice)
        {
          double step = orchard_plot_nice_step (hi - lo, RANGE_INTERVALS);

          lo = floor (lo / step + 1e-9) * step;
          hi = ceil (hi / step - 1e-9) * step;
        }
    }

  self->lo = lo;
  self->hi = hi;
}

static void
orchard_plot_axis_finalize (GObject *object)
{
  OrchardPlotAxis *self = (OrchardPlotAxis *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->categories, g_strfreev);
  g_clear_pointer (&self->ticks, g_array_unref);
  g_clear_pointer (&self->tick_labels, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_plot_axis_parent_class)->finalize (object);
}

static void
orchard_plot_axis_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrchardPlotAxis *self = ORCHARD_PLOT_AXIS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_AUTO_RANGE:
      g_value_set_boolean (value, self->auto_range);
      break;

    case PROP_MIN:
      g_value_set_double (value, self->min);
      break;

    case PROP_MAX:
      g_value_set_double (value, self->max);
      break;

    case PROP_INCLUDE_ZERO:
      g_value_set_boolean (value, self->include_zero);
      break;

    case PROP_NICE:
      g_value_set_boolean (value, self->nice);
      break;

    case PROP_REVERSED:
      g_value_set_boolean (value, self->reversed);
      break;

    case PROP_PERCENT:
      g_value_set_boolean (value, self->percent);
      break;

    case PROP_CATEGORIES:
      g_value_set_boxed (value, self->categories);
      break;

    case PROP_PADDING:
      g_value_set_double (value, self->padding);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_plot_axis_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrchardPlotAxis *self = ORCHARD_PLOT_AXIS (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_TITLE:
      orchard_plot_axis_set_title (self, g_value_get_string (value));
      break;

    case PROP_AUTO_RANGE:
      orchard_plot_axis_set_auto_range (self, g_value_get_boolean (value));
      break;

    case PROP_MIN:
      orchard_plot_axis_set_range (self, g_value_get_double (value), self->max);
      break;

    case PROP_MAX:
      orchard_plot_axis_set_range (self, self->min, g_value_get_double (value));
      break;

    case PROP_INCLUDE_ZERO:
      orchard_plot_axis_set_include_zero (self, g_value_get_boolean (value));
      break;

    case PROP_NICE:
      orchard_plot_axis_set_nice (self, g_value_get_boolean (value));
      break;

    case PROP_REVERSED:
      orchard_plot_axis_set_reversed (self, g_value_get_boolean (value));
      break;

    case PROP_PERCENT:
      orchard_plot_axis_set_percent (self, g_value_get_boolean (value));
      break;

    case PROP_CATEGORIES:
      orchard_plot_axis_set_categories (self, g_value_get_boxed (value));
      break;

    case PROP_PADDING:
      orchard_plot_axis_set_padding (self, g_value_get_double (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_plot_axis_class_init (OrchardPlotAxisClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_plot_axis_finalize;
  object_class->get_property = orchard_plot_axis_get_property;
  object_class->set_property = orchard_plot_axis_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ORCHARD_TYPE_PLOT_AXIS_KIND,
                       ORCHARD_PLOT_AXIS_LINEAR,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlotAxis:auto-range:
   *
   * Whether the range follows the plot's data; setting #OrchardPlotAxis:min
   * or #OrchardPlotAxis:max turns it off.
   */
  properties[PROP_AUTO_RANGE] =
    g_param_spec_boolean ("auto-range", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MIN] =
    g_param_spec_double ("min", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX] =
    g_param_spec_double ("max", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlotAxis:include-zero:
   *
   * Whether an automatic range always reaches zero, as counts and bars need.
   */
  properties[PROP_INCLUDE_ZERO] =
    g_param_spec_boolean ("include-zero", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlotAxis:nice:
   *
   * Whether an automatic range is widened to round numbers.
   */
  properties[PROP_NICE] =
    g_param_spec_boolean ("nice", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlotAxis:reversed:
   *
   * Whether the axis runs from its maximum to its minimum; a vertical band
   * axis uses it to list its first category at the top.
   */
  properties[PROP_REVERSED] =
    g_param_spec_boolean ("reversed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlotAxis:percent:
   *
   * Whether values are fractions shown as percentages (0.25 reads "25%").
   */
  properties[PROP_PERCENT] =
    g_param_spec_boolean ("percent", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_CATEGORIES] =
    g_param_spec_boxed ("categories", NULL, NULL,
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlotAxis:padding:
   *
   * The share of each band left empty between bars on a band axis.
   */
  properties[PROP_PADDING] =
    g_param_spec_double ("padding", NULL, NULL,
                         0.0, 0.9, 0.2,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OrchardPlotAxis::changed:
   *
   * Emitted when the mapping, the ticks or the labels change.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
orchard_plot_axis_init (OrchardPlotAxis *self)
{
  self->auto_range = TRUE;
  self->nice = TRUE;
  self->min = 0.0;
  self->max = 1.0;
  self->padding = 0.2;
  self->data_min = NAN;
  self->data_max = NAN;
  self->ticks = g_array_new (FALSE, FALSE, sizeof (OrchardPlotTick));
  self->tick_labels = g_ptr_array_new_with_free_func (g_free);
}

/**
 * orchard_plot_axis_new:
 * @kind: linear, log or band
 *
 * Returns: (transfer full): a new axis
 */
OrchardPlotAxis *
orchard_plot_axis_new (OrchardPlotAxisKind kind)
{
  return g_object_new (ORCHARD_TYPE_PLOT_AXIS, "kind", kind, NULL);
}

OrchardPlotAxisKind
orchard_plot_axis_get_kind (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), ORCHARD_PLOT_AXIS_LINEAR);

  return self->kind;
}

const char *
orchard_plot_axis_get_title (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), NULL);

  return self->title;
}

void
orchard_plot_axis_set_title (OrchardPlotAxis *self,
                             const char      *title)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  if (g_strcmp0 (self->title, title) != 0)
    {
      g_free (self->title);
      self->title = g_strdup (title);
      g_signal_emit (self, signals[CHANGED], 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

gboolean
orchard_plot_axis_get_auto_range (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), FALSE);

  return self->auto_range;
}

void
orchard_plot_axis_set_auto_range (OrchardPlotAxis *self,
                                  gboolean         auto_range)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  auto_range = !!auto_range;

  if (self->auto_range != auto_range)
    {
      self->auto_range = auto_range;
      orchard_plot_axis_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RANGE]);
    }
}

/**
 * orchard_plot_axis_set_range:
 * @self: an axis
 * @min: the value at the start of the axis
 * @max: the value at its end
 *
 * Fixes the range, whatever the data, and turns #OrchardPlotAxis:auto-range
 * off. Data beyond it is clipped by the plot.
 */
void
orchard_plot_axis_set_range (OrchardPlotAxis *self,
                             double           min,
                             double           max)
{
  gboolean changed = FALSE;

  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));
  g_return_if_fail (isfinite (min) && isfinite (max));

  g_object_freeze_notify (G_OBJECT (self));

  if (self->min != min)
    {
      self->min = min;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN]);
    }

  if (self->max != max)
    {
      self->max = max;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX]);
    }

  if (self->auto_range)
    {
      self->auto_range = FALSE;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_RANGE]);
    }

  if (changed)
    orchard_plot_axis_invalidate (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * orchard_plot_axis_get_range:
 * @self: an axis
 * @min: (out) (optional): the value at the start of the axis
 * @max: (out) (optional): the value at its end
 *
 * Gets the effective range: the fixed one, or the data's widened as the
 * properties say. A band axis spans 0 to the number of categories.
 */
void
orchard_plot_axis_get_range (OrchardPlotAxis *self,
                             double          *min,
                             double          *max)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  orchard_plot_axis_ensure_range (self);

  if (min != NULL)
    *min = self->lo;
  if (max != NULL)
    *max = self->hi;
}

/**
 * orchard_plot_axis_set_data_extent:
 * @self: an axis
 * @min: the smallest data value, or NaN when there is no data
 * @max: the largest data value, or NaN
 *
 * Tells an automatic axis what its plot's data spans. #OrchardPlot calls
 * this whenever its data changes.
 */
void
orchard_plot_axis_set_data_extent (OrchardPlotAxis *self,
                                   double           min,
                                   double           max)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  /* NaN != NaN, so compare the way that treats two NaNs as equal. */
  if ((self->data_min == min || (isnan (self->data_min) && isnan (min))) &&
      (self->data_max == max || (isnan (self->data_max) && isnan (max))))
    return;

  self->data_min = min;
  self->data_max = max;

  if (self->auto_range)
    orchard_plot_axis_invalidate (self);
}

gboolean
orchard_plot_axis_get_include_zero (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), FALSE);

  return self->include_zero;
}

void
orchard_plot_axis_set_include_zero (OrchardPlotAxis *self,
                                    gboolean         include_zero)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  include_zero = !!include_zero;

  if (self->include_zero != include_zero)
    {
      self->include_zero = include_zero;
      orchard_plot_axis_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCLUDE_ZERO]);
    }
}

gboolean
orchard_plot_axis_get_nice (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), FALSE);

  return self->nice;
}

void
orchard_plot_axis_set_nice (OrchardPlotAxis *self,
                            gboolean         nice)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  nice = !!nice;

  if (self->nice != nice)
    {
      self->nice = nice;
      orchard_plot_axis_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NICE]);
    }
}

gboolean
orchard_plot_axis_get_reversed (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), FALSE);

  return self->reversed;
}

void
orchard_plot_axis_set_reversed (OrchardPlotAxis *self,
                                gboolean         reversed)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  reversed = !!reversed;

  if (self->reversed != reversed)
    {
      self->reversed = reversed;
      orchard_plot_axis_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVERSED]);
    }
}

gboolean
orchard_plot_axis_get_percent (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), FALSE);

  return self->percent;
}

void
orchard_plot_axis_set_percent (OrchardPlotAxis *self,
                               gboolean         percent)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  percent = !!percent;

  if (self->percent != percent)
    {
      self->percent = percent;
      orchard_plot_axis_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERCENT]);
    }
}

/**
 * orchard_plot_axis_get_categories:
 * @self: a band axis
 *
 * Returns: (transfer none) (nullable): the category labels, in axis order
 */
const char * const *
orchard_plot_axis_get_categories (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), NULL);

  return (const char * const *) self->categories;
}

void
orchard_plot_axis_set_categories (OrchardPlotAxis    *self,
                                  const char * const *categories)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  if (self->categories == NULL && categories == NULL)
    return;
  if (self->categories != NULL && categories != NULL &&
      g_strv_equal ((const char * const *) self->categories, categories))
    return;

  g_strfreev (self->categories);
  self->categories = g_strdupv ((char **) categories);

  orchard_plot_axis_invalidate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORIES]);
}

guint
orchard_plot_axis_get_n_categories (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), 0);

  return self->categories ? g_strv_length (self->categories) : 0;
}

double
orchard_plot_axis_get_padding (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), 0.0);

  return self->padding;
}

void
orchard_plot_axis_set_padding (OrchardPlotAxis *self,
                               double           padding)
{
  g_return_if_fail (ORCHARD_IS_PLOT_AXIS (self));

  padding = CLAMP (padding, 0.0, 0.9);

  if (self->padding != padding)
    {
      self->padding = padding;
      orchard_plot_axis_invalidate (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PADDING]);
    }
}

/**
 * orchard_plot_axis_map:
 * @self: an axis
 * @value: a data value; on a band axis, a category index (its centre)
 *
 * Returns: where @value lies along the axis: 0 at its start, 1 at its end,
 *   outside 0..1 beyond the range; NaN for a value with no place (NaN, or
 *   not positive on a log axis)
 */
double
orchard_plot_axis_map (OrchardPlotAxis *self,
                       double           value)
{
  double f;

  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), NAN);

  orchard_plot_axis_ensure_range (self);

  switch (self->kind)
    {
    case ORCHARD_PLOT_AXIS_BAND:
      f = (value + 0.5 - self->lo) / (self->hi - self->lo);
      break;

    case ORCHARD_PLOT_AXIS_LOG:
      if (!(value > 0))
        return NAN;
      f = (log10 (value) - log10 (self->lo)) / (log10 (self->hi) - log10 (self->lo));
      break;

    case ORCHARD_PLOT_AXIS_LINEAR:
    default:
      f = (value - self->lo) / (self->hi - self->lo);
      break;
    }

  return self->reversed ? 1.0 - f : f;
}

/**
 * orchard_plot_axis_unmap:
 * @self: an axis
 * @position: a position along the axis, 0..1
 *
 * The inverse of orchard_plot_axis_map().
 *
 * Returns: the data value at @position
 */
double
orchard_plot_axis_unmap (OrchardPlotAxis *self,
                         double           position)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), NAN);

  orchard_plot_axis_ensure_range (self);

  if (self->reversed)
    position = 1.0 - position;

  switch (self->kind)
    {
    case ORCHARD_PLOT_AXIS_BAND:
      return self->lo + position * (self->hi - self->lo) - 0.5;

    case ORCHARD_PLOT_AXIS_LOG:
      return pow (10.0, log10 (self->lo) + position * (log10 (self->hi) - log10 (self->lo)));

    case ORCHARD_PLOT_AXIS_LINEAR:
    default:
      return self->lo + position * (self->hi - self->lo);
    }
}

/**
 * orchard_plot_axis_get_band_width:
 * @self: an axis
 *
 * Returns: the width of a bar on a band axis, as a share of the axis
 *   (bands less padding); 0 on other axes
 */
double
orchard_plot_axis_get_band_width (OrchardPlotAxis *self)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), 0.0);

  if (self->kind != ORCHARD_PLOT_AXIS_BAND)
    return 0.0;

  orchard_plot_axis_ensure_range (self);

  return (1.0 - self->padding) / (self->hi - self->lo);
}

static char *
orchard_plot_axis_format_tick (OrchardPlotAxis *self,
                               double           value,
                               double           step)
{
  if (self->percent)
    {
      g_autofree char *number = orchard_plot_format_number (value * 100.0, step * 100.0);

      /* Translators: a percentage on a plot axis, e.g. "25%" */
      return g_strdup_printf (_("%s%%"), number);
    }

  return orchard_plot_format_number (value, step);
}

static void
add_tick (OrchardPlotAxis *self,
          double           value,
          char            *label)
{
  OrchardPlotTick tick;

  tick.value = value;
  tick.position = orchard_plot_axis_map (self, value);
  tick.label = label;
  g_ptr_array_add (self->tick_labels, label);
  g_array_append_val (self->ticks, tick);
}

static void
compute_linear_ticks (OrchardPlotAxis *self,
                      guint            max_ticks)
{
  double span = self->hi - self->lo;
  double step = orchard_plot_nice_step (span, MAX (max_ticks, 2) - 1);
  double first = ceil (self->lo / step - 1e-9);
  double last = floor (self->hi / step + 1e-9);

  /* The step above assumes ticks at both ends of the range, which a range
   * that is no multiple of it lacks (0..180 by 60 → 100 holds only 0 and
   * 100): step down the 1-2-5 ladder while the ticks inside still fit, and
   * in any case until two do, since one tick says nothing of the scale. */
  for (guint guard = 0; guard < 64; guard++)
    {
      double magnitude = pow (10.0, floor (log10 (step) + 1e-9));
      double mantissa = round (step / magnitude);
      double smaller = mantissa == 1 ? magnitude / 2 : mantissa == 2 ? magnitude : 2 * magnitude;
      double smaller_first = ceil (self->lo / smaller - 1e-9);
      double smaller_last = floor (self->hi / smaller + 1e-9);

      if (last - first >= 1 && smaller_last - smaller_first + 1 > MAX (max_ticks, 2))
        break;

      step = smaller;
      first = smaller_first;
      last = smaller_last;
    }

  for (double i = first; i <= last; i++)
    {
      double value = i * step;

      /* i * step can be 1e-17 where 0 is meant. */
      if (fabs (value) < step * 1e-9)
        value = 0.0;

      add_tick (self, value, orchard_plot_axis_format_tick (self, value, step));
    }
}

static void
compute_log_ticks (OrchardPlotAxis *self,
                   guint            max_ticks)
{
  static const double mantissas[] = { 1, 2, 5 };
  int first = (int) ceil (log10 (self->lo) - 1e-9);
  int last = (int) floor (log10 (self->hi) + 1e-9);
  int n_decades = last - first + 1;
  int stride = 1;

  max_ticks = MAX (max_ticks, 2);

  /* Less than two decades: 1-2-5 within them reads better than one tick. */
  if (n_decades < 2 && max_ticks >= 3)
    {
      for (int e = first - 1; e <= last; e++)
        for (guint m = 0; m < G_N_ELEMENTS (mantissas); m++)
          {
            double value = mantissas[m] * pow (10.0, e);

            if (value >= self->lo * (1 - 1e-9) && value <= self->hi * (1 + 1e-9))
              add_tick (self, value, orchard_plot_format_number (value, value));
          }
      return;
    }

  while ((n_decades + stride - 1) / stride > (int) max_ticks)
    stride++;

  for (int e = first; e <= last; e += stride)
    {
      double value = pow (10.0, e);

      add_tick (self, value, orchard_plot_format_number (value, value));
    }
}

static void
compute_band_ticks (OrchardPlotAxis *self,
                    guint            max_ticks)
{
  guint n = orchard_plot_axis_get_n_categories (self);

  for (guint i = 0; i < n; i++)
    add_tick (self, i, g_strdup (self->categories[i]));
}

/**
 * orchard_plot_axis_get_ticks:
 * @self: an axis
 * @max_ticks: how many ticks fit along the axis at most (a band axis has one
 *   per category whatever this says)
 * @n_ticks: (out): the number of ticks returned
 *
 * Gets the ticks inside the effective range: multiples of the smallest step
 * of the form {1, 2, 5} × 10^k that gives no more than @max_ticks ticks.
 *
 * Returns: (transfer none) (array length=n_ticks): the ticks, valid until
 *   the next call or the next change of the axis
 */
const OrchardPlotTick *
orchard_plot_axis_get_ticks (OrchardPlotAxis *self,
                             guint            max_ticks,
                             guint           *n_ticks)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), NULL);
  g_return_val_if_fail (n_ticks != NULL, NULL);

  orchard_plot_axis_ensure_range (self);

  /* More would not be legible anyway, and it bounds the work. */
  max_ticks = MIN (max_ticks, 100);

  if (!self->ticks_valid || self->tick_max != max_ticks)
    {
      g_array_set_size (self->ticks, 0);
      g_ptr_array_set_size (self->tick_labels, 0);

      switch (self->kind)
        {
        case ORCHARD_PLOT_AXIS_BAND:
          compute_band_ticks (self, max_ticks);
          break;

        case ORCHARD_PLOT_AXIS_LOG:
          compute_log_ticks (self, max_ticks);
          break;

        case ORCHARD_PLOT_AXIS_LINEAR:
        default:
          compute_linear_ticks (self, max_ticks);
          break;
        }

      self->tick_max = max_ticks;
      self->ticks_valid = TRUE;
    }

  *n_ticks = self->ticks->len;

  return (const OrchardPlotTick *) (gpointer) self->ticks->data;
}

/**
 * orchard_plot_axis_format_value:
 * @self: an axis
 * @value: a data value
 *
 * Formats @value the way this axis speaks, for tooltips and descriptions:
 * the category name on a band axis, a percentage on a percent axis.
 *
 * Returns: (transfer full): the text
 */
char *
orchard_plot_axis_format_value (OrchardPlotAxis *self,
                                double           value)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT_AXIS (self), NULL);

  if (self->kind == ORCHARD_PLOT_AXIS_BAND)
    {
      guint n = orchard_plot_axis_get_n_categories (self);
      double index = round (value);

      if (index >= 0 && index < n)
        return g_strdup (self->categories[(guint) index]);

      return g_strdup ("–");
    }

  if (self->percent)
    {
      g_autofree char *number = NULL;

      if (!isfinite (value))
        return g_strdup ("–");

      number = orchard_plot_format_number (value * 100.0, 0.1);

      /* Translators: a percentage in a plot's tooltip, e.g. "25.3%" */
      return g_strdup_printf (_("%s%%"), number);
    }

  return orchard_plot_format_value (value);
}
