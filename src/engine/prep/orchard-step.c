/* orchard-step.c: the step interface, its registry and its serialisation
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-prep-private.h"
#include "orchard-step.h"
#include "orchard-balance-step.h"
#include "orchard-datetime-step.h"
#include "orchard-drop-columns-step.h"
#include "orchard-drop-duplicates-step.h"
#include "orchard-impute-categorical-step.h"
#include "orchard-impute-step.h"
#include "orchard-one-hot-step.h"
#include "orchard-ordinal-step.h"
#include "orchard-outlier-step.h"
#include "orchard-scale-step.h"
#include "orchard-select-step.h"
#include "orchard-target-encode-step.h"

G_DEFINE_INTERFACE (OrchardStep, orchard_step, G_TYPE_OBJECT)

static GQuark fitted_quark;
static GQuark watched_quark;

static void
orchard_step_default_init (OrchardStepInterface *iface)
{
  fitted_quark = g_quark_from_static_string ("orchard-step-fitted");
  watched_quark = g_quark_from_static_string ("orchard-step-watched");
}

/* Registry ---------------------------------------------------------------- */

typedef struct
{
  const char *id;
  const char *title;
  GType     (*get_type) (void);
} StepType;

/* The order is the order of a sensible pipeline, and of the GUI's menu. */
static const StepType step_types[] = {
  { "drop-columns", N_("Drop columns"), orchard_drop_columns_step_get_type },
  { "drop-duplicates", N_("Drop duplicate rows"), orchard_drop_duplicates_step_get_type },
  { "datetime", N_("Date and time features"), orchard_datetime_step_get_type },
  { "impute", N_("Impute numbers"), orchard_impute_step_get_type },
  { "impute-categorical", N_("Impute categories"), orchard_impute_categorical_step_get_type },
  { "outliers", N_("Outliers"), orchard_outlier_step_get_type },
  { "scale", N_("Scale"), orchard_scale_step_get_type },
  { "one-hot", N_("One-hot encoding"), orchard_one_hot_step_get_type },
  { "ordinal", N_("Ordinal encoding"), orchard_ordinal_step_get_type },
  { "target-encode", N_("Target encoding"), orchard_target_encode_step_get_type },
  { "select", N_("Feature selection"), orchard_select_step_get_type },
  { "balance", N_("Class balance"), orchard_balance_step_get_type },
};

static const char * const step_ids[] = {
  "drop-columns", "drop-duplicates", "datetime", "impute", "impute-categorical", "outliers",
  "scale", "one-hot", "ordinal", "target-encode", "select", "balance", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_ids) == G_N_ELEMENTS (step_types) + 1);

static const StepType *
find_step_type (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (step_types); i++)
    if (strcmp (step_types[i].id, id) == 0)
      return &step_types[i];

  return NULL;
}

/**
 * orchard_step_list_ids:
 *
 * Returns: (transfer none) (array zero-terminated=1): the id of every kind
 *   of step, in the order a pipeline usually holds them
 */
const char * const *
orchard_step_list_ids (void)
{
  return step_ids;
}

/**
 * orchard_step_id_get_title:
 * @id: a step id
 *
 * Returns: (nullable): the translated name of the kind of step, for menus
 */
const char *
orchard_step_id_get_title (const char *id)
{
  const StepType *type;

  g_return_val_if_fail (id != NULL, NULL);

  type = find_step_type (id);
  return type != NULL ? _(type->title) : NULL;
}

/**
 * orchard_step_new:
 * @id: a step id, e.g. "impute"
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new step with default options, or
 *   %NULL when @id is unknown
 */
OrchardStep *
orchard_step_new (const char  *id,
                  GError     **error)
{
  const StepType *type;

  g_return_val_if_fail (id != NULL, NULL);

  type = find_step_type (id);
  if (type == NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) step_ids);

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Unknown step “%s”; the steps are %s", id, known);
      return NULL;
    }

  return g_object_new (type->get_type (), NULL);
}

/**
 * orchard_step_get_id:
 * @self: a step
 *
 * Returns: the id of the kind of step, as in a pipeline spec
 */
const char *
orchard_step_get_id (OrchardStep *self)
{
  GType type;

  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);

  type = G_OBJECT_TYPE (self);
  for (guint i = 0; i < G_N_ELEMENTS (step_types); i++)
    if (step_types[i].get_type () == type)
      return step_types[i].id;

  return G_OBJECT_TYPE_NAME (self);
}

/* Fitting ----------------------------------------------------------------- */

static void
on_option_changed (GObject    *object,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  g_object_set_qdata (object, fitted_quark, NULL);
}

static void
mark_fitted (OrchardStep *self)
{
  if (g_object_get_qdata (G_OBJECT (self), watched_quark) == NULL)
    {
      g_signal_connect (self, "notify", G_CALLBACK (on_option_changed), NULL);
      g_object_set_qdata (G_OBJECT (self), watched_quark, GINT_TO_POINTER (1));
    }

  g_object_set_qdata (G_OBJECT (self), fitted_quark, GINT_TO_POINTER (1));
}

/**
 * orchard_step_is_fitted:
 * @self: a step
 *
 * Returns: whether the step has been fitted (or loaded fitted) and its
 *   options have not changed since
 */
gboolean
orchard_step_is_fitted (OrchardStep *self)
{
  g_return_val_if_fail (ORCHARD_IS_STEP (self), FALSE);

  return g_object_get_qdata (G_OBJECT (self), fitted_quark) != NULL;
}

/**
 * orchard_step_fit:
 * @self: a step
 * @train: the training rows, and only those
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Learns the step's parameters from @train. Pipelines call this with a
 * table of the training rows only, so no parameter can depend on a
 * validation or test row; level lists are first reduced to the levels the
 * rows of @train hold, so that a level seen only in other rows stays
 * unknown to the step.
 *
 * Returns: (transfer full) (nullable): the training rows as the next step
 *   must see them, or %NULL on error
 */
OrchardTable *
orchard_step_fit (OrchardStep   *self,
                  OrchardTable  *train,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(OrchardTable) compact = NULL;
  OrchardTable *out;

  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (train), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_object_set_qdata (G_OBJECT (self), fitted_quark, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* A level list may name levels only other rows hold (select_rows keeps
   * them all); the step must not even learn that they exist. */
  compact = prep_table_compact_levels (train);
  out = ORCHARD_STEP_GET_IFACE (self)->fit (self, compact, cancellable, error);
  if (out != NULL)
    mark_fitted (self);

  return out;
}

/**
 * orchard_step_transform:
 * @self: a fitted step
 * @table: any table with the columns the step was fitted on
 * @error: return location for a #GError
 *
 * Applies the fitted parameters to every row of @table. Safe to call from
 * several threads at once.
 *
 * Returns: (transfer full) (nullable): the transformed table, with the same
 *   rows, or %NULL on error
 */
OrchardTable *
orchard_step_transform (OrchardStep   *self,
                        OrchardTable  *table,
                        GError       **error)
{
  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!orchard_step_is_fitted (self))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s” is not fitted (or its options changed since); fit it first",
                   orchard_step_get_id (self));
      return NULL;
    }

  return ORCHARD_STEP_GET_IFACE (self)->transform (self, table, error);
}

/**
 * orchard_step_describe:
 * @self: a step
 *
 * Returns: (transfer full): a translated one-line summary, e.g.
 *   "Median-impute 3 columns"
 */
char *
orchard_step_describe (OrchardStep *self)
{
  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);

  return ORCHARD_STEP_GET_IFACE (self)->describe (self);
}

/**
 * orchard_step_get_report:
 * @self: a step
 *
 * What the last fit did: an `a{sv}` with a "summary" string and the
 * step's own keys (counts imputed, clipped, levels encoded…), documented
 * in `docs/pipeline-spec.md`.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL when not fitted
 */
GVariant *
orchard_step_get_report (OrchardStep *self)
{
  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);

  if (!orchard_step_is_fitted (self))
    return NULL;

  return ORCHARD_STEP_GET_IFACE (self)->get_report (self);
}

/**
 * orchard_step_get_source:
 * @self: a fitted step
 * @column: the name of a column of the step's output
 *
 * Returns: the name of the input column that @column was derived from:
 *   "island" for "island=Dream"; @column itself for a column the step
 *   passes through
 */
const char *
orchard_step_get_source (OrchardStep *self,
                         const char  *column)
{
  OrchardStepInterface *iface;
  const char *source = NULL;

  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  iface = ORCHARD_STEP_GET_IFACE (self);
  if (iface->get_source != NULL)
    source = iface->get_source (self, column);

  return source != NULL ? source : column;
}

/* Options ----------------------------------------------------------------- */

static GPtrArray *
option_specs (OrchardStep *self)
{
  guint n_specs;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self),
                                                                  &n_specs);
  GPtrArray *options = g_ptr_array_new ();

  for (guint i = 0; i < n_specs; i++)
    if ((specs[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
        (specs[i]->flags & G_PARAM_CONSTRUCT_ONLY) == 0)
      g_ptr_array_add (options, specs[i]);

  return options;
}

static char *
option_names (OrchardStep *self)
{
  g_autoptr(GPtrArray) specs = option_specs (self);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < specs->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                            g_param_spec_get_name (g_ptr_array_index (specs, i)));

  return specs->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE)
                        : g_strdup ("none");
}

static char *
enum_nicks (GType type)
{
  g_autoptr(GString) nicks = g_string_new (NULL);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  if (G_IS_ENUM_CLASS (klass))
    for (guint i = 0; i < G_ENUM_CLASS (klass)->n_values; i++)
      g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "",
                              G_ENUM_CLASS (klass)->values[i].value_nick);
  else
    for (guint i = 0; i < G_FLAGS_CLASS (klass)->n_values; i++)
      g_string_append_printf (nicks, "%s%s", i > 0 ? ", " : "",
                              G_FLAGS_CLASS (klass)->values[i].value_nick);

  return g_string_free (g_steal_pointer (&nicks), FALSE);
}

static GVariant *
option_to_variant (const GValue *value,
                   GParamSpec   *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      return g_variant_new_strv (strv, strv != NULL ? -1 : 0);
    }

  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *v = g_enum_get_value (klass, g_value_get_enum (value));
      return g_variant_new_string (v != NULL ? v->value_nick : "");
    }

  if (G_TYPE_IS_FLAGS (type))
    {
      g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
      GVariantBuilder builder;
      guint flags = g_value_get_flags (value);

      g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint i = 0; i < klass->n_values; i++)
        if ((flags & klass->values[i].value) == klass->values[i].value &&
            klass->values[i].value != 0)
          g_variant_builder_add (&builder, "s", klass->values[i].value_nick);
      return g_variant_builder_end (&builder);
    }

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (g_value_get_boolean (value));
    case G_TYPE_DOUBLE:
      return g_variant_new_double (g_value_get_double (value));
    case G_TYPE_UINT:
      return g_variant_new_uint32 (g_value_get_uint (value));
    case G_TYPE_INT:
      return g_variant_new_int32 (g_value_get_int (value));
    case G_TYPE_UINT64:
      return g_variant_new_uint64 (g_value_get_uint64 (value));
    case G_TYPE_STRING:
      return g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                  g_value_get_string (value) != NULL
                                  ? g_variant_new_string (g_value_get_string (value))
                                  : NULL);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
range_error (GParamSpec  *pspec,
             const char  *where,
             GError     **error)
{
  g_autofree char *range = NULL;

  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      g_autofree char *min = g_strdup_printf ("%g", G_PARAM_SPEC_DOUBLE (pspec)->minimum);
      g_autofree char *max = g_strdup_printf ("%g", G_PARAM_SPEC_DOUBLE (pspec)->maximum);
      range = g_strdup_printf ("%s … %s", min, max);
    }
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    range = g_strdup_printf ("%u … %u", G_PARAM_SPEC_UINT (pspec)->minimum,
                             G_PARAM_SPEC_UINT (pspec)->maximum);
  else if (G_IS_PARAM_SPEC_INT (pspec))
    range = g_strdup_printf ("%d … %d", G_PARAM_SPEC_INT (pspec)->minimum,
                             G_PARAM_SPEC_INT (pspec)->maximum);
  else
    range = g_strdup ("its allowed values");

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               "%s: option “%s” is out of range; it must be within %s",
               where, g_param_spec_get_name (pspec), range);
  return FALSE;
}

static gboolean
enum_from_nick (GParamSpec  *pspec,
                const char  *nick,
                GValue      *value,
                const char  *where,
                GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value_by_nick (klass, nick);

  if (v == NULL)
    {
      g_autofree char *nicks = enum_nicks (type);

      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s: option “%s” must be one of %s, not “%s”",
                   where, g_param_spec_get_name (pspec), nicks, nick);
      return FALSE;
    }

  g_value_set_enum (value, v->value);
  return TRUE;
}

static gboolean
flags_from_nicks (GParamSpec          *pspec,
                  const char * const  *nicks,
                  GValue              *value,
                  const char          *where,
                  GError             **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
  guint flags = 0;

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      GFlagsValue *v = g_flags_get_value_by_nick (klass, nicks[i]);

      if (v == NULL)
        {
          g_autofree char *all = enum_nicks (type);

          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "%s: option “%s” takes a list of %s; “%s” is not one of them",
                       where, g_param_spec_get_name (pspec), all, nicks[i]);
          return FALSE;
        }
      flags |= v->value;
    }

  g_value_set_flags (value, flags);
  return TRUE;
}

static gboolean
type_error (GParamSpec  *pspec,
            const char  *expected,
            const char  *where,
            GError     **error)
{
  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               "%s: option “%s” must be %s", where, g_param_spec_get_name (pspec), expected);
  return FALSE;
}

static const char *
expected_type (GParamSpec *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    return "a list of column names";
  if (G_TYPE_IS_ENUM (type))
    return "a string";
  if (G_TYPE_IS_FLAGS (type))
    return "a list of strings";

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return "true or false";
    case G_TYPE_DOUBLE:
      return "a number";
    case G_TYPE_UINT:
    case G_TYPE_UINT64:
      return "a whole number ≥ 0";
    case G_TYPE_INT:
      return "a whole number";
    case G_TYPE_STRING:
    default:
      return "a string";
    }
}

static gboolean
option_from_variant (GParamSpec  *pspec,
                     GVariant    *variant,
                     GValue      *value,
                     const char  *where,
                     GError     **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);

  if (type == G_TYPE_STRV)
    {
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING_ARRAY))
        return type_error (pspec, expected_type (pspec), where, error);
      g_value_take_boxed (value, g_variant_dup_strv (variant, NULL));
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
        return type_error (pspec, expected_type (pspec), where, error);
      if (!enum_from_nick (pspec, g_variant_get_string (variant, NULL), value, where, error))
        return FALSE;
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      g_autofree const char **nicks = NULL;

      if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING_ARRAY))
        return type_error (pspec, expected_type (pspec), where, error);
      nicks = g_variant_get_strv (variant, NULL);
      if (!flags_from_nicks (pspec, nicks, value, where, error))
        return FALSE;
    }
  else
    {
      const GVariantType *wanted;

      switch (G_TYPE_FUNDAMENTAL (type))
        {
        case G_TYPE_BOOLEAN:
          wanted = G_VARIANT_TYPE_BOOLEAN;
          break;
        case G_TYPE_DOUBLE:
          wanted = G_VARIANT_TYPE_DOUBLE;
          break;
        case G_TYPE_UINT:
          wanted = G_VARIANT_TYPE_UINT32;
          break;
        case G_TYPE_INT:
          wanted = G_VARIANT_TYPE_INT32;
          break;
        case G_TYPE_UINT64:
          wanted = G_VARIANT_TYPE_UINT64;
          break;
        case G_TYPE_STRING:
          wanted = G_VARIANT_TYPE ("ms");
          break;
        default:
          g_assert_not_reached ();
        }

      if (!g_variant_is_of_type (variant, wanted))
        return type_error (pspec, expected_type (pspec), where, error);

      switch (G_TYPE_FUNDAMENTAL (type))
        {
        case G_TYPE_BOOLEAN:
          g_value_set_boolean (value, g_variant_get_boolean (variant));
          break;
        case G_TYPE_DOUBLE:
          if (isnan (g_variant_get_double (variant)))
            return type_error (pspec, expected_type (pspec), where, error);
          g_value_set_double (value, g_variant_get_double (variant));
          break;
        case G_TYPE_UINT:
          g_value_set_uint (value, g_variant_get_uint32 (variant));
          break;
        case G_TYPE_INT:
          g_value_set_int (value, g_variant_get_int32 (variant));
          break;
        case G_TYPE_UINT64:
          g_value_set_uint64 (value, g_variant_get_uint64 (variant));
          break;
        case G_TYPE_STRING:
          {
            g_autoptr(GVariant) inner = g_variant_get_maybe (variant);
            g_value_set_string (value, inner != NULL ? g_variant_get_string (inner, NULL) : NULL);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (g_param_value_validate (pspec, value))
    return range_error (pspec, where, error);

  return TRUE;
}

static GParamSpec *
find_option (OrchardStep *self,
             const char  *name)
{
  g_autofree char *canonical = g_strdelimit (g_strdup (name), "_", '-');
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), canonical);

  if (pspec == NULL ||
      (pspec->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
      (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
    return NULL;

  return pspec;
}

static gboolean
unknown_option (OrchardStep  *self,
                const char   *name,
                const char   *where,
                GError      **error)
{
  g_autofree char *names = option_names (self);

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               "%s: step “%s” has no option “%s”; its options are %s",
               where, orchard_step_get_id (self), name, names);
  return FALSE;
}

/* Serialisation ----------------------------------------------------------- */

/**
 * orchard_step_to_variant:
 * @self: a step
 *
 * Serialises the step as `(sa{sv}ma{sv})`: its id, every option, and the
 * fitted state when it is fitted.
 *
 * Returns: (transfer full): a new non-floating variant
 */
GVariant *
orchard_step_to_variant (OrchardStep *self)
{
  g_autoptr(GPtrArray) specs = NULL;
  g_autoptr(GVariant) state = NULL;
  GVariantBuilder options;

  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);

  specs = option_specs (self);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < specs->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (specs, i);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (self), g_param_spec_get_name (pspec), &value);
      g_variant_builder_add (&options, "{sv}", g_param_spec_get_name (pspec),
                             option_to_variant (&value, pspec));
    }

  if (orchard_step_is_fitted (self))
    state = ORCHARD_STEP_GET_IFACE (self)->save_state (self);

  return g_variant_ref_sink (g_variant_new ("(s@a{sv}m@a{sv})", orchard_step_get_id (self),
                                            g_variant_builder_end (&options), state));
}

/**
 * orchard_step_new_from_variant:
 * @variant: what orchard_step_to_variant() returned
 * @error: return location for a #GError
 *
 * Rebuilds a step, fitted when @variant holds a fitted state. Every part of
 * @variant is checked, so a damaged or hostile file gives an error.
 *
 * Returns: (transfer full) (nullable): the step, or %NULL on error
 */
OrchardStep *
orchard_step_new_from_variant (GVariant  *variant,
                               GError   **error)
{
  g_autoptr(OrchardStep) self = NULL;
  g_autoptr(GVariant) options = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autofree char *where = NULL;
  const char *id;
  GVariantIter iter;
  const char *name;
  GVariant *child;

  g_return_val_if_fail (variant != NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE ("(sa{sv}ma{sv})")))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   "A saved step has type %s instead of (sa{sv}ma{sv})",
                   g_variant_get_type_string (variant));
      return NULL;
    }

  g_variant_get (variant, "(&s@a{sv}m@a{sv})", &id, &options, &state);
  self = orchard_step_new (id, error);
  if (self == NULL)
    return NULL;

  where = g_strdup_printf ("Saved step “%s”", id);
  g_variant_iter_init (&iter, options);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &child))
    {
      g_autoptr(GVariant) owned = child;
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = find_option (self, name);

      if (pspec == NULL)
        {
          unknown_option (self, name, where, error);
          return NULL;
        }
      if (!option_from_variant (pspec, child, &value, where, error))
        return NULL;
      g_object_set_property (G_OBJECT (self), g_param_spec_get_name (pspec), &value);
    }

  if (state != NULL)
    {
      if (!ORCHARD_STEP_GET_IFACE (self)->load_state (self, state, error))
        return NULL;
      mark_fitted (self);
    }

  return g_steal_pointer (&self);
}

/**
 * orchard_step_to_json:
 * @self: a step
 *
 * The step as it appears in a pipeline spec: `{"step": id, option: value, …}`
 * with every option (see `docs/pipeline-spec.md`). Fitted parameters are not
 * part of a spec.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
orchard_step_to_json (OrchardStep *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GPtrArray) specs = NULL;

  g_return_val_if_fail (ORCHARD_IS_STEP (self), NULL);

  specs = option_specs (self);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "step");
  json_builder_add_string_value (builder, orchard_step_get_id (self));

  for (guint i = 0; i < specs->len; i++)
    {
      GParamSpec *pspec = g_ptr_array_index (specs, i);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autoptr(GVariant) variant = NULL;
      GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

      g_value_init (&value, type);
      g_object_get_property (G_OBJECT (self), g_param_spec_get_name (pspec), &value);
      variant = g_variant_ref_sink (option_to_variant (&value, pspec));

      json_builder_set_member_name (builder, g_param_spec_get_name (pspec));
      if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING_ARRAY))
        {
          gsize n = g_variant_n_children (variant);

          json_builder_begin_array (builder);
          for (gsize k = 0; k < n; k++)
            {
              const char *s;

              g_variant_get_child (variant, k, "&s", &s);
              json_builder_add_string_value (builder, s);
            }
          json_builder_end_array (builder);
        }
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
        json_builder_add_string_value (builder, g_variant_get_string (variant, NULL));
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_BOOLEAN))
        json_builder_add_boolean_value (builder, g_variant_get_boolean (variant));
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
        json_builder_add_double_value (builder, g_variant_get_double (variant));
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT32))
        json_builder_add_int_value (builder, g_variant_get_uint32 (variant));
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT32))
        json_builder_add_int_value (builder, g_variant_get_int32 (variant));
      else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_UINT64))
        json_builder_add_int_value (builder, (gint64) g_variant_get_uint64 (variant));
      else
        {
          g_autoptr(GVariant) inner = g_variant_get_maybe (variant);

          if (inner != NULL)
            json_builder_add_string_value (builder, g_variant_get_string (inner, NULL));
          else
            json_builder_add_null_value (builder);
        }
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* A JSON value as the GVariant option_from_variant() expects, or NULL. */
static GVariant *
json_to_option_variant (GParamSpec *pspec,
                        JsonNode   *node)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV || G_TYPE_IS_FLAGS (type))
    {
      GVariantBuilder builder;
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        return NULL;

      array = json_node_get_array (node);
      g_variant_builder_init (&builder, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_variant_builder_clear (&builder);
              return NULL;
            }
          g_variant_builder_add (&builder, "s", json_node_get_string (element));
        }
      return g_variant_builder_end (&builder);
    }

  if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_STRING && JSON_NODE_HOLDS_NULL (node))
    return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (G_TYPE_IS_ENUM (type))
    return json_node_get_value_type (node) == G_TYPE_STRING
           ? g_variant_new_string (json_node_get_string (node)) : NULL;

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return json_node_get_value_type (node) == G_TYPE_BOOLEAN
             ? g_variant_new_boolean (json_node_get_boolean (node)) : NULL;

    case G_TYPE_STRING:
      return json_node_get_value_type (node) == G_TYPE_STRING
             ? g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                    g_variant_new_string (json_node_get_string (node)))
             : NULL;

    case G_TYPE_DOUBLE:
      if (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
          json_node_get_value_type (node) == G_TYPE_INT64)
        return g_variant_new_double (json_node_get_double (node));
      return NULL;

    case G_TYPE_UINT:
    case G_TYPE_INT:
    case G_TYPE_UINT64:
      {
        gint64 v;

        if (json_node_get_value_type (node) == G_TYPE_INT64)
          v = json_node_get_int (node);
        else if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
                 json_node_get_double (node) == floor (json_node_get_double (node)) &&
                 fabs (json_node_get_double (node)) < 9007199254740992.0)
          v = (gint64) json_node_get_double (node);
        else
          return NULL;

        if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_INT)
          return v >= G_MININT32 && v <= G_MAXINT32 ? g_variant_new_int32 ((gint32) v) : NULL;
        if (v < 0)
          return NULL;
        if (G_TYPE_FUNDAMENTAL (type) == G_TYPE_UINT)
          return v <= G_MAXUINT32 ? g_variant_new_uint32 ((guint32) v) : NULL;
        return g_variant_new_uint64 ((guint64) v);
      }

    default:
      return NULL;
    }
}

/**
 * orchard_step_new_from_json:
 * @node: a JSON object `{"step": id, option: value, …}`
 * @where: where @node is, for messages: "pipeline.json: steps[2]"
 * @error: return location for a #GError
 *
 * Builds an unfitted step from its pipeline spec entry. Option names may
 * use "_" for "-".
 *
 * Returns: (transfer full) (nullable): the step, or %NULL with an error
 *   that says where and what is wrong
 */
OrchardStep *
orchard_step_new_from_json (JsonNode    *node,
                            const char  *where,
                            GError     **error)
{
  g_autoptr(OrchardStep) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *here = NULL;
  JsonObject *object;
  JsonNode *id_node;
  g_autoptr(GList) members = NULL;

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s: a step must be an object such as {\"step\": \"impute\"}", where);
      return NULL;
    }

  object = json_node_get_object (node);
  id_node = json_object_get_member (object, "step");
  if (id_node == NULL || !JSON_NODE_HOLDS_VALUE (id_node) ||
      json_node_get_value_type (id_node) != G_TYPE_STRING)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "%s: a step needs a \"step\" member naming its kind, e.g. \"impute\"", where);
      return NULL;
    }

  self = orchard_step_new (json_node_get_string (id_node), &local_error);
  if (self == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT, "%s: %s", where,
                   local_error->message);
      return NULL;
    }

  here = g_strdup_printf ("%s (“%s”)", where, orchard_step_get_id (self));
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_autoptr(GVariant) variant = NULL;
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec;

      if (strcmp (name, "step") == 0)
        continue;

      pspec = find_option (self, name);
      if (pspec == NULL)
        {
          unknown_option (self, name, here, error);
          return NULL;
        }

      variant = json_to_option_variant (pspec, json_object_get_member (object, name));
      if (variant == NULL)
        {
          type_error (pspec, expected_type (pspec), here, error);
          return NULL;
        }
      g_variant_ref_sink (variant);

      if (!option_from_variant (pspec, variant, &value, here, error))
        return NULL;
      g_object_set_property (G_OBJECT (self), g_param_spec_get_name (pspec), &value);
    }

  return g_steal_pointer (&self);
}
