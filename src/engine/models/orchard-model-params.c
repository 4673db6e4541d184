/* orchard-model-params.c: hyperparameters by name, and the registry
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-decision-tree.h"
#include "orchard-elastic-net.h"
#include "orchard-error.h"
#include "orchard-gbdt.h"
#include "orchard-knn.h"
#include "orchard-lasso.h"
#include "orchard-linear-regression.h"
#include "orchard-logistic-regression.h"
#include "orchard-mlp.h"
#include "orchard-model.h"
#include "orchard-naive-bayes.h"
#include "orchard-random-forest.h"
#include "orchard-ridge.h"

/* Hyperparameters -------------------------------------------------------------- */

static guint
type_depth (GType type)
{
  return g_type_depth (type);
}

static int
compare_params (gconstpointer a,
                gconstpointer b)
{
  GParamSpec *pa = *(GParamSpec **) a;
  GParamSpec *pb = *(GParamSpec **) b;
  guint da = type_depth (pa->owner_type), db = type_depth (pb->owner_type);

  /* The learner's own parameters first, then those of its base classes,
   * each in the order they were declared. */
  if (da != db)
    return da > db ? -1 : 1;
  return pa->param_id < pb->param_id ? -1 : pa->param_id > pb->param_id;
}

/**
 * orchard_model_class_list_params:
 * @klass: a learner's class
 * @n_params: (out): return location for the number of hyperparameters
 *
 * The hyperparameters of a learner: its read-write properties, the
 * learner's own first, each group in declaration order (the order forms and
 * `orchard-cli models` show them in).
 *
 * Returns: (transfer container) (array length=n_params): the specs; free the
 *   array with g_free()
 */
GParamSpec **
orchard_model_class_list_params (OrchardModelClass *klass,
                                 guint             *n_params)
{
  guint n_all = 0, n = 0;
  g_autofree GParamSpec **all = NULL;
  GParamSpec **params;

  g_return_val_if_fail (ORCHARD_IS_MODEL_CLASS (klass), NULL);
  g_return_val_if_fail (n_params != NULL, NULL);

  all = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_all);
  params = g_new0 (GParamSpec *, n_all + 1);
  for (guint i = 0; i < n_all; i++)
    if ((all[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE &&
        (all[i]->flags & G_PARAM_CONSTRUCT_ONLY) == 0 &&
        g_type_is_a (all[i]->owner_type, ORCHARD_TYPE_MODEL))
      params[n++] = all[i];

  qsort (params, n, sizeof (GParamSpec *), compare_params);

  *n_params = n;
  return params;
}

static gboolean
is_supported (GParamSpec *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  return G_TYPE_IS_ENUM (type) || type == G_TYPE_BOOLEAN || type == G_TYPE_INT ||
         type == G_TYPE_UINT || type == G_TYPE_UINT64 || type == G_TYPE_DOUBLE ||
         type == G_TYPE_STRING;
}

static GVariant *
value_to_variant (const GValue *value,
                  GParamSpec   *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *v = g_enum_get_value (klass, g_value_get_enum (value));
      return g_variant_new_string (v != NULL ? v->value_nick : "");
    }

  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_BOOLEAN:
      return g_variant_new_boolean (g_value_get_boolean (value));
    case G_TYPE_INT:
      return g_variant_new_int32 (g_value_get_int (value));
    case G_TYPE_UINT:
      return g_variant_new_uint32 (g_value_get_uint (value));
    case G_TYPE_UINT64:
      return g_variant_new_uint64 (g_value_get_uint64 (value));
    case G_TYPE_DOUBLE:
      return g_variant_new_double (g_value_get_double (value));
    case G_TYPE_STRING:
      return g_variant_new_string (g_value_get_string (value) != NULL
                                   ? g_value_get_string (value) : "");
    default:
      g_assert_not_reached ();
    }
}

/**
 * orchard_model_get_params:
 * @self: a model
 *
 * Returns: (transfer floating): every hyperparameter of @self as an `a{sv}`:
 *   booleans `b`, integers `i`/`u`/`t`, numbers `d`, choices as the nick
 *   string `s`, strings `s`
 */
GVariant *
orchard_model_get_params (OrchardModel *self)
{
  g_autofree GParamSpec **params = NULL;
  GVariantBuilder builder;
  guint n_params;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), NULL);

  params = orchard_model_class_list_params (ORCHARD_MODEL_GET_CLASS (self), &n_params);
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n_params; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if (!is_supported (params[i]))
        continue;
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (params[i]));
      g_object_get_property (G_OBJECT (self), params[i]->name, &value);
      g_variant_builder_add (&builder, "{sv}", params[i]->name,
                             value_to_variant (&value, params[i]));
    }

  return g_variant_builder_end (&builder);
}

static GParamSpec *
find_param (OrchardModel  *self,
            const char    *name,
            GError       **error)
{
  g_autofree GParamSpec **params = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  guint n_params;

  params = orchard_model_class_list_params (ORCHARD_MODEL_GET_CLASS (self), &n_params);
  for (guint i = 0; i < n_params; i++)
    if (strcmp (params[i]->name, name) == 0 && is_supported (params[i]))
      return params[i];

  for (guint i = 0; i < n_params; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", params[i]->name);

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               _("Learner “%s” has no parameter “%s” (it has: %s)"),
               orchard_model_get_name (self), name, n_params > 0 ? names->str : _("none"));
  return NULL;
}

static char *
describe_range (GParamSpec *pspec)
{
  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      GParamSpecDouble *d = G_PARAM_SPEC_DOUBLE (pspec);
      char min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (min, sizeof min, "%g", d->minimum);
      g_ascii_formatd (max, sizeof max, "%g", d->maximum);
      return g_strdup_printf (_("a number from %s to %s"), min,
                              d->maximum >= G_MAXDOUBLE ? "∞" : max);
    }
  if (G_IS_PARAM_SPEC_INT (pspec))
    return g_strdup_printf (_("a whole number from %d to %d"), G_PARAM_SPEC_INT (pspec)->minimum,
                            G_PARAM_SPEC_INT (pspec)->maximum);
  if (G_IS_PARAM_SPEC_UINT (pspec))
    return g_strdup_printf (_("a whole number from %u to %u"),
                            G_PARAM_SPEC_UINT (pspec)->minimum,
                            G_PARAM_SPEC_UINT (pspec)->maximum);
  if (G_IS_PARAM_SPEC_UINT64 (pspec))
    {
      g_autofree char *min = g_strdup_printf ("%" G_GUINT64_FORMAT, G_PARAM_SPEC_UINT64 (pspec)->minimum);
      g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, G_PARAM_SPEC_UINT64 (pspec)->maximum);
      return g_strdup_printf (_("a whole number from %s to %s"), min, max);
    }
  if (G_IS_PARAM_SPEC_ENUM (pspec))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      g_autoptr(GString) s = g_string_new (_("one of "));

      for (guint i = 0; i < klass->n_values; i++)
        g_string_append_printf (s, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
      return g_string_free (g_steal_pointer (&s), FALSE);
    }
  if (G_IS_PARAM_SPEC_BOOLEAN (pspec))
    return g_strdup (_("true or false"));

  return g_strdup (_("a valid value"));
}

static gboolean
out_of_range (OrchardModel  *self,
              GParamSpec    *pspec,
              GError       **error)
{
  g_autofree char *range = describe_range (pspec);

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               _("Parameter “%s” of learner “%s” must be %s"),
               pspec->name, orchard_model_get_name (self), range);
  return FALSE;
}

/* Sets @value if it is within @pspec's range. */
static gboolean
set_checked (OrchardModel  *self,
             GParamSpec    *pspec,
             GValue        *value,
             GError       **error)
{
  if ((G_IS_PARAM_SPEC_DOUBLE (pspec) && !isfinite (g_value_get_double (value))) ||
      g_param_value_validate (pspec, value))
    return out_of_range (self, pspec, error);

  g_object_set_property (G_OBJECT (self), pspec->name, value);
  return TRUE;
}

static gboolean
value_from_variant (OrchardModel  *self,
                    GParamSpec    *pspec,
                    GVariant      *variant,
                    GValue        *value,
                    GError       **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  const GVariantType *expected;

  if (G_TYPE_IS_ENUM (type) || type == G_TYPE_STRING)
    expected = G_VARIANT_TYPE_STRING;
  else if (type == G_TYPE_BOOLEAN)
    expected = G_VARIANT_TYPE_BOOLEAN;
  else if (type == G_TYPE_INT)
    expected = G_VARIANT_TYPE_INT32;
  else if (type == G_TYPE_UINT)
    expected = G_VARIANT_TYPE_UINT32;
  else if (type == G_TYPE_UINT64)
    expected = G_VARIANT_TYPE_UINT64;
  else
    expected = G_VARIANT_TYPE_DOUBLE;

  if (!g_variant_is_of_type (variant, expected))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("Parameter “%s” of learner “%s” has type %s, not %s"),
                   pspec->name, orchard_model_get_name (self),
                   g_variant_get_type_string (variant), (const char *) expected);
      return FALSE;
    }

  g_value_init (value, type);
  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *v = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                                g_variant_get_string (variant, NULL));
      if (v == NULL)
        return out_of_range (self, pspec, error);
      g_value_set_enum (value, v->value);
    }
  else if (type == G_TYPE_STRING)
    g_value_set_string (value, g_variant_get_string (variant, NULL));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, g_variant_get_boolean (variant));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, g_variant_get_int32 (variant));
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, g_variant_get_uint32 (variant));
  else if (type == G_TYPE_UINT64)
    g_value_set_uint64 (value, g_variant_get_uint64 (variant));
  else
    g_value_set_double (value, g_variant_get_double (variant));

  return TRUE;
}

/**
 * orchard_model_set_params:
 * @self: a model
 * @params: an `a{sv}` as orchard_model_get_params() returns, possibly from
 *   an untrusted file; parameters it does not name keep their values
 * @error: return location for an error
 *
 * Sets hyperparameters, checking names, types and ranges.
 *
 * Returns: %FALSE if one is wrong; the parameters before it are set
 */
gboolean
orchard_model_set_params (OrchardModel  *self,
                          GVariant      *params,
                          GError       **error)
{
  OrchardModelClass *klass;
  GVariantIter iter;
  const char *name;
  GVariant *v;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_variant_is_of_type (params, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("Parameters must be an a{sv}, not %s"), g_variant_get_type_string (params));
      return FALSE;
    }

  g_variant_iter_init (&iter, params);
  while (g_variant_iter_next (&iter, "{&sv}", &name, &v))
    {
      g_autoptr(GVariant) value_variant = v;
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = find_param (self, name, error);

      if (pspec == NULL ||
          !value_from_variant (self, pspec, value_variant, &value, error) ||
          !set_checked (self, pspec, &value, error))
        return FALSE;
    }

  klass = ORCHARD_MODEL_GET_CLASS (self);
  return klass->check_params == NULL || klass->check_params (self, error);
}

static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  const char *yes[] = { "true", "yes", "on", "1" };
  const char *no[] = { "false", "no", "off", "0" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        return (*value = TRUE);
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        return !(*value = FALSE);
    }
  return FALSE;
}

/**
 * orchard_model_set_param_from_string:
 * @self: a model
 * @name: a hyperparameter name, e.g. "alpha" or "hidden-layers"
 * @value: its value as typed: a number (C locale), true/false, a choice's
 *   name ("distance") or the text of a string parameter ("100,50")
 * @error: return location for an error
 *
 * What `orchard-cli train --set NAME=VALUE` calls.
 *
 * Returns: %FALSE, leaving the parameter as it was, if the name is unknown
 *   or the value does not parse or is out of range
 */
gboolean
orchard_model_set_param_from_string (OrchardModel  *self,
                                     const char    *name,
                                     const char    *value,
                                     GError       **error)
{
  OrchardModelClass *klass;
  g_auto(GValue) old = G_VALUE_INIT;
  g_auto(GValue) parsed = G_VALUE_INIT;
  GParamSpec *pspec;
  GType type;
  gboolean ok = TRUE;

  g_return_val_if_fail (ORCHARD_IS_MODEL (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = find_param (self, name, error);
  if (pspec == NULL)
    return FALSE;

  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&parsed, type);

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *v = g_enum_get_value_by_nick (G_PARAM_SPEC_ENUM (pspec)->enum_class, value);
      if ((ok = v != NULL))
        g_value_set_enum (&parsed, v->value);
    }
  else if (type == G_TYPE_STRING)
    g_value_set_string (&parsed, value);
  else if (type == G_TYPE_BOOLEAN)
    {
      gboolean b = FALSE;
      if ((ok = parse_boolean (value, &b)))
        g_value_set_boolean (&parsed, b);
    }
  else if (type == G_TYPE_INT)
    {
      gint64 i;
      if ((ok = g_ascii_string_to_signed (value, 10, G_MININT, G_MAXINT, &i, NULL)))
        g_value_set_int (&parsed, (int) i);
    }
  else if (type == G_TYPE_UINT || type == G_TYPE_UINT64)
    {
      guint64 u;
      if ((ok = g_ascii_string_to_unsigned (value, 10, 0,
                                            type == G_TYPE_UINT ? G_MAXUINT : G_MAXUINT64,
                                            &u, NULL)))
        {
          if (type == G_TYPE_UINT)
            g_value_set_uint (&parsed, (guint) u);
          else
            g_value_set_uint64 (&parsed, u);
        }
    }
  else
    {
      char *end = NULL;
      double d;

      errno = 0;
      d = g_ascii_strtod (value, &end);
      if ((ok = *value != '\0' && end != NULL && *end == '\0' && errno == 0 && isfinite (d)))
        g_value_set_double (&parsed, d);
    }

  if (!ok)
    return out_of_range (self, pspec, error);

  g_value_init (&old, type);
  g_object_get_property (G_OBJECT (self), name, &old);

  if (!set_checked (self, pspec, &parsed, error))
    return FALSE;

  klass = ORCHARD_MODEL_GET_CLASS (self);
  if (klass->check_params != NULL && !klass->check_params (self, error))
    {
      g_object_set_property (G_OBJECT (self), name, &old);
      return FALSE;
    }

  return TRUE;
}

/* Registry --------------------------------------------------------------------- */

static GType (* const learner_types[]) (void) = {
  orchard_linear_regression_get_type,
  orchard_ridge_get_type,
  orchard_lasso_get_type,
  orchard_elastic_net_get_type,
  orchard_logistic_regression_get_type,
  orchard_naive_bayes_get_type,
  orchard_knn_get_type,
  orchard_mlp_get_type,
  orchard_decision_tree_get_type,
  orchard_random_forest_get_type,
  orchard_gbdt_get_type,
};

static OrchardModelInfo registry[G_N_ELEMENTS (learner_types)];

static const OrchardModelInfo *
ensure_registry (void)
{
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint i = 0; i < G_N_ELEMENTS (learner_types); i++)
        {
          /* The class of a static type lives as long as the process. */
          OrchardModelClass *klass = g_type_class_ref (learner_types[i] ());

          registry[i].type = G_TYPE_FROM_CLASS (klass);
          registry[i].name = klass->name;
          registry[i].description = klass->description;
          registry[i].tasks = klass->tasks;
          registry[i].family = klass->family;
        }
      g_once_init_leave (&initialised, 1);
    }

  return registry;
}

/**
 * orchard_model_registry_list:
 * @n_models: (out): return location for the number of learners
 *
 * Every learner Orchard has, in the order the app and `orchard-cli models`
 * list them.
 *
 * Returns: (transfer none) (array length=n_models): the learners
 */
const OrchardModelInfo *
orchard_model_registry_list (guint *n_models)
{
  g_return_val_if_fail (n_models != NULL, NULL);

  *n_models = G_N_ELEMENTS (registry);
  return ensure_registry ();
}

/**
 * orchard_model_registry_lookup:
 * @name: a learner name, e.g. "knn"
 *
 * Returns: (transfer none) (nullable): the learner called @name, or %NULL
 */
const OrchardModelInfo *
orchard_model_registry_lookup (const char *name)
{
  const OrchardModelInfo *infos = ensure_registry ();

  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
    if (strcmp (infos[i].name, name) == 0)
      return &infos[i];

  return NULL;
}

/**
 * orchard_model_new_by_name:
 * @name: a learner name
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): a new unfitted learner with default
 *   hyperparameters, or %NULL if there is none called @name
 */
OrchardModel *
orchard_model_new_by_name (const char  *name,
                           GError     **error)
{
  const OrchardModelInfo *info;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  info = orchard_model_registry_lookup (name);
  if (info == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (registry); i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", registry[i].name);
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("There is no learner “%s” (there are: %s)"), name, names->str);
      return NULL;
    }

  return g_object_new (info->type, NULL);
}

static void
add_value (JsonBuilder  *builder,
           GParamSpec   *pspec,
           const GValue *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumValue *v = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class,
                                        g_value_get_enum (value));
      json_builder_add_string_value (builder, v != NULL ? v->value_nick : "");
    }
  else if (type == G_TYPE_STRING)
    json_builder_add_string_value (builder, g_value_get_string (value));
  else if (type == G_TYPE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_value_get_boolean (value));
  else if (type == G_TYPE_INT)
    json_builder_add_int_value (builder, g_value_get_int (value));
  else if (type == G_TYPE_UINT)
    json_builder_add_int_value (builder, g_value_get_uint (value));
  else if (type == G_TYPE_UINT64)
    json_builder_add_int_value (builder, (gint64) MIN (g_value_get_uint64 (value), G_MAXINT64));
  else
    json_builder_add_double_value (builder, g_value_get_double (value));
}

static void
add_bound (JsonBuilder *builder,
           const char  *member,
           GParamSpec  *pspec,
           gboolean     is_max)
{
  json_builder_set_member_name (builder, member);

  /* The extremes of double and int mean "no bound": JSON has no infinity.
   * Unsigned bounds are real ones (a 32-bit seed). */
  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      double v = is_max ? G_PARAM_SPEC_DOUBLE (pspec)->maximum : G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      if (fabs (v) >= G_MAXDOUBLE)
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, v);
    }
  else if (G_IS_PARAM_SPEC_INT (pspec))
    {
      int v = is_max ? G_PARAM_SPEC_INT (pspec)->maximum : G_PARAM_SPEC_INT (pspec)->minimum;
      if (v == G_MAXINT || v == G_MININT)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, v);
    }
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      guint v = is_max ? G_PARAM_SPEC_UINT (pspec)->maximum : G_PARAM_SPEC_UINT (pspec)->minimum;
      json_builder_add_int_value (builder, v);
    }
  else if (G_IS_PARAM_SPEC_UINT64 (pspec))
    {
      guint64 v = is_max ? G_PARAM_SPEC_UINT64 (pspec)->maximum
                         : G_PARAM_SPEC_UINT64 (pspec)->minimum;
      if (v > G_MAXINT64)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, (gint64) v);
    }
  else
    json_builder_add_null_value (builder);
}

static const char *
type_name (GParamSpec *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (G_TYPE_IS_ENUM (type))
    return "enum";
  if (type == G_TYPE_BOOLEAN)
    return "boolean";
  if (type == G_TYPE_DOUBLE)
    return "number";
  if (type == G_TYPE_STRING)
    return "string";
  return "integer";
}

/**
 * orchard_model_params_to_json:
 * @type: a learner type
 *
 * The hyperparameters of a learner as `orchard-cli models --json` prints
 * them: an array of `{"name", "type", "default", "min", "max", "choices",
 * "description"}`. "type" is "number", "integer", "boolean", "enum" or
 * "string"; "min" and "max" are null when unbounded or not numeric;
 * "choices" lists the names an enum takes, null otherwise.
 *
 * Returns: (transfer full): a JSON array
 */
JsonNode *
orchard_model_params_to_json (GType type)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GTypeClass) klass = NULL;
  g_autofree GParamSpec **params = NULL;
  guint n_params;

  g_return_val_if_fail (g_type_is_a (type, ORCHARD_TYPE_MODEL), NULL);

  klass = g_type_class_ref (type);
  params = orchard_model_class_list_params (ORCHARD_MODEL_CLASS (klass), &n_params);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_params; i++)
    {
      GParamSpec *pspec = params[i];
      const GValue *def = g_param_spec_get_default_value (pspec);

      if (!is_supported (pspec))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, pspec->name);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, type_name (pspec));
      json_builder_set_member_name (builder, "default");
      add_value (builder, pspec, def);
      add_bound (builder, "min", pspec, FALSE);
      add_bound (builder, "max", pspec, TRUE);
      json_builder_set_member_name (builder, "choices");
      if (G_IS_PARAM_SPEC_ENUM (pspec))
        {
          GEnumClass *enum_class = G_PARAM_SPEC_ENUM (pspec)->enum_class;

          json_builder_begin_array (builder);
          for (guint k = 0; k < enum_class->n_values; k++)
            json_builder_add_string_value (builder, enum_class->values[k].value_nick);
          json_builder_end_array (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, g_param_spec_get_blurb (pspec));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/**
 * orchard_model_registry_to_json:
 *
 * Every learner as `orchard-cli models --json` prints it: an array of
 * `{"name", "description", "tasks", "family", "params"}`, "tasks" an array
 * of "binary", "multiclass", "regression", "params" as
 * orchard_model_params_to_json() gives them.
 *
 * Returns: (transfer full): a JSON array
 */
JsonNode *
orchard_model_registry_to_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const OrchardModelInfo *infos;
  guint n_infos;

  infos = orchard_model_registry_list (&n_infos);

  json_builder_begin_array (builder);
  for (guint i = 0; i < n_infos; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, infos[i].name);
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, infos[i].description);
      json_builder_set_member_name (builder, "tasks");
      json_builder_begin_array (builder);
      for (OrchardTask task = ORCHARD_TASK_BINARY; task <= ORCHARD_TASK_REGRESSION; task++)
        if (infos[i].tasks & (1 << task))
          json_builder_add_string_value (builder, orchard_task_to_string (task));
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "family");
      json_builder_add_string_value (builder, orchard_model_family_to_string (infos[i].family));
      json_builder_set_member_name (builder, "params");
      json_builder_add_value (builder, orchard_model_params_to_json (infos[i].type));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}
