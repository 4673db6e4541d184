/* orchard-prep-labels.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "orchard-column-inspector.h"
#include "orchard-prep-labels.h"

/* The engine names the values of its options with nicks ("most-frequent"),
 * which are the words of the pipeline spec and are not translated. The
 * forms show these labels instead, keyed by the enum or flags type and the
 * nick; tests/app/test-prepare-page.c checks that every value of every
 * option of every step has one. */
typedef struct
{
  const char *type;
  const char *nick;
  const char *label;
} EnumLabel;

static const EnumLabel enum_labels[] = {
  { "OrchardImputeStrategy", "mean", NC_("option value", "Mean") },
  { "OrchardImputeStrategy", "median", NC_("option value", "Median") },
  { "OrchardImputeStrategy", "constant", NC_("option value", "Constant") },
  { "OrchardImputeStrategy", "most-frequent", NC_("option value", "Most frequent value") },

  { "OrchardImputeCategoricalStrategy", "most-frequent", NC_("option value", "Most frequent level") },
  { "OrchardImputeCategoricalStrategy", "constant", NC_("option value", "A level of its own") },

  { "OrchardOutlierRule", "iqr", NC_("option value", "IQR fences") },
  { "OrchardOutlierRule", "z-score", NC_("option value", "Standard deviations") },
  { "OrchardOutlierRule", "percentile", NC_("option value", "Percentiles") },

  { "OrchardOutlierAction", "clip", NC_("option value", "Clip to the bounds") },
  { "OrchardOutlierAction", "remove", NC_("option value", "Remove training rows") },

  { "OrchardScaleMethod", "standard", NC_("option value", "Standard") },
  { "OrchardScaleMethod", "min-max", NC_("option value", "Min-max") },
  { "OrchardScaleMethod", "robust", NC_("option value", "Robust") },

  { "OrchardUnseenLevels", "other", NC_("option value", "Count as “(other)”") },
  { "OrchardUnseenLevels", "zero", NC_("option value", "Set no column") },

  { "OrchardSelectMethod", "variance", NC_("option value", "Variance threshold") },
  { "OrchardSelectMethod", "correlation", NC_("option value", "Correlation filter") },
  { "OrchardSelectMethod", "mutual-info", NC_("option value", "Mutual information") },

  { "OrchardBalanceMethod", "class-weights", NC_("option value", "Class weights") },
  { "OrchardBalanceMethod", "oversample", NC_("option value", "Oversample") },

  { "OrchardDatetimeFeatures", "year", NC_("option value", "Year") },
  { "OrchardDatetimeFeatures", "month", NC_("option value", "Month") },
  { "OrchardDatetimeFeatures", "day-of-week", NC_("option value", "Day of week") },
  { "OrchardDatetimeFeatures", "day-of-year", NC_("option value", "Day of year") },
  { "OrchardDatetimeFeatures", "hour", NC_("option value", "Hour") },
  { "OrchardDatetimeFeatures", "elapsed-days", NC_("option value", "Days elapsed") },

  { "OrchardSplitMethod", "random", NC_("option value", "Random") },
  { "OrchardSplitMethod", "stratified", NC_("option value", "Stratified") },
  { "OrchardSplitMethod", "group", NC_("option value", "By group") },
  { "OrchardSplitMethod", "time", NC_("option value", "By time") },

  { "OrchardModelFamily", "trees", NC_("option value", "Trees") },
  { "OrchardModelFamily", "linear", NC_("option value", "Linear") },
  { "OrchardModelFamily", "knn", NC_("option value", "Nearest neighbours") },
  { "OrchardModelFamily", "neural", NC_("option value", "Neural network") },
};

/**
 * orchard_prep_lookup_enum_label:
 * @type: an enum or flags type of the engine
 * @nick: the nick of one of its values
 *
 * Returns: (nullable): the translated label, or %NULL when there is none
 */
const char *
orchard_prep_lookup_enum_label (GType       type,
                                const char *nick)
{
  const char *name = g_type_name (type);

  g_return_val_if_fail (nick != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    if (g_strcmp0 (enum_labels[i].type, name) == 0 && strcmp (enum_labels[i].nick, nick) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "option value", enum_labels[i].label);

  return NULL;
}

/**
 * orchard_prep_enum_label:
 * @type: an enum or flags type
 * @nick: the nick of one of its values
 *
 * Returns: the translated label, or @nick for a value without one
 */
const char *
orchard_prep_enum_label (GType       type,
                         const char *nick)
{
  const char *label = orchard_prep_lookup_enum_label (type, nick);

  return label != NULL ? label : nick;
}

/* The keys of the steps' reports (docs/pipeline-spec.md). */
static const struct {
  const char *key;
  const char *label;
} report_labels[] = {
  { "fill", NC_("report", "Fill value") },
  { "imputed", NC_("report", "Imputed") },
  { "indicator", NC_("report", "Indicator column") },
  { "empty", NC_("report", "No training value") },
  { "lower", NC_("report", "Lower bound") },
  { "upper", NC_("report", "Upper bound") },
  { "below", NC_("report", "Below") },
  { "above", NC_("report", "Above") },
  { "center", NC_("report", "Center") },
  { "scale", NC_("report", "Scale") },
  { "constant", NC_("report", "Constant") },
  { "levels", NC_("report", "Levels") },
  { "level_rows", NC_("report", "Rows per level") },
  { "other_levels", NC_("report", "Levels in “(other)”") },
  { "other_rows", NC_("report", "Rows in “(other)”") },
  { "other_column", NC_("report", "“(other)” column") },
  { "features", NC_("report", "Features") },
  { "origin_text", NC_("report", "Origin") },
  { "score", NC_("report", "Score") },
  { "kept", NC_("report", "Kept") },
  { "correlated_with", NC_("report", "Correlated with") },
  { "missing_rows", NC_("report", "Rows with a missing level") },
  { "rows", NC_("report", "Rows") },
  { "added", NC_("report", "Added") },
  { "weight", NC_("report", "Weight") },
};

/**
 * orchard_prep_lookup_report_label:
 * @key: a key of a step's per-column report
 *
 * Returns: (nullable): its translated label, or %NULL when the page does
 *   not show the key ("origin", which "origin_text" says in words)
 */
const char *
orchard_prep_lookup_report_label (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (report_labels); i++)
    if (strcmp (report_labels[i].key, key) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "report", report_labels[i].label);

  return NULL;
}

#define LIST_SHOWN 6

/**
 * orchard_prep_format_report_value:
 * @value: a value of a step's report
 *
 * Returns: (transfer full): @value as the page shows it: numbers as the
 *   inspector writes statistics, counts with thousands grouped, lists
 *   shortened after six items
 */
char *
orchard_prep_format_report_value (GVariant *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return orchard_format_statistic (g_variant_get_double (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    return g_strdup_printf ("%'" G_GUINT64_FORMAT, g_variant_get_uint64 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    return g_strdup_printf ("%'u", g_variant_get_uint32 (value));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? C_("report", "yes") : C_("report", "no"));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return g_variant_dup_string (value, NULL);

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY))
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gsize n = g_variant_n_children (value);

      if (n == 0)
        return g_strdup (C_("report", "none"));

      for (gsize i = 0; i < n && i < LIST_SHOWN; i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
          g_autofree char *item = orchard_prep_format_report_value (child);

          /* Translators: the separator of a list in the fit report */
          g_string_append_printf (text, "%s%s", i > 0 ? C_("report", ", ") : "", item);
        }
      if (n > LIST_SHOWN)
        {
          g_autofree char *count = g_strdup_printf ("%'" G_GSIZE_FORMAT, n);

          /* Translators: a shortened list, "Biscoe, Dream, … (12 in all)" */
          g_string_append_printf (text, C_("report", " … (%s in all)"), count);
        }

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return g_variant_print (value, FALSE);
}

/**
 * orchard_prep_format_report_fact:
 * @key: a key of a step's per-column report
 * @value: its value
 *
 * Returns: (transfer full) (nullable): "Fill value: 44.1", or %NULL for a
 *   key the page does not show
 */
char *
orchard_prep_format_report_fact (const char *key,
                                 GVariant   *value)
{
  const char *label = orchard_prep_lookup_report_label (key);
  g_autofree char *text = NULL;

  if (label == NULL)
    return NULL;

  text = orchard_prep_format_report_value (value);
  /* Translators: one fact of the fit report, "Fill value: 44.1" */
  return g_strdup_printf (C_("report", "%s: %s"), label, text);
}

/**
 * orchard_prep_warning_title:
 * @code: what a leakage warning is about
 *
 * Returns: a translated heading for it; the engine's message says the rest
 */
const char *
orchard_prep_warning_title (OrchardSplitWarningCode code)
{
  switch (code)
    {
    case ORCHARD_SPLIT_WARNING_DUPLICATES:
      return _("Duplicate rows across parts");
    case ORCHARD_SPLIT_WARNING_TIME_ORDER:
      return _("Held-out rows older than training rows");
    case ORCHARD_SPLIT_WARNING_TARGET_PROXY:
      return _("A feature gives the target away");
    case ORCHARD_SPLIT_WARNING_CLASS_ABSENT:
      return _("A class is missing from a part");
    case ORCHARD_SPLIT_WARNING_SMALL_CLASS:
      return _("A class has fewer rows than folds");
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * orchard_prep_part_label:
 * @part: a part of a split
 *
 * Returns: "Training", "Validation" or "Test", translated
 */
const char *
orchard_prep_part_label (OrchardPart part)
{
  switch (part)
    {
    case ORCHARD_PART_TRAIN:
      return C_("part", "Training");
    case ORCHARD_PART_VALID:
      return C_("part", "Validation");
    case ORCHARD_PART_TEST:
      return C_("part", "Test");
    case ORCHARD_N_PARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}
