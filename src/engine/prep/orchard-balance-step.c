/* orchard-balance-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-balance-step.h"
#include "orchard-error.h"
#include "orchard-prep-private.h"
#include "orchard-rng.h"

#define STEP_ID "balance"

/**
 * OrchardBalanceStep:
 *
 * Counters class imbalance in the training rows of a class target, by
 * class weights or by random oversampling (seeded by
 * #OrchardBalanceStep:seed). Oversampling adds rows to the training table
 * only, after the original rows; other tables pass through unchanged.
 * Rows with a missing target are neither counted nor copied.
 */
struct _OrchardBalanceStep
{
  GObject               parent_instance;

  OrchardBalanceMethod  method;
  guint64               seed;

  /* Fitted */
  GPtrArray            *classes;   /* sorted labels */
  GArray               *counts;    /* guint64 training rows per class */
  GArray               *added;     /* guint64 copies added per class */
  GArray               *weights;   /* double */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardBalanceStep, orchard_balance_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardBalanceMethod, orchard_balance_method,
                    G_DEFINE_ENUM_VALUE (ORCHARD_BALANCE_CLASS_WEIGHTS, "class-weights"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_BALANCE_OVERSAMPLE, "oversample"))

enum {
  PROP_0,
  PROP_METHOD,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
start_fit (OrchardBalanceStep *self)
{
  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->added, g_array_unref);
  g_clear_pointer (&self->weights, g_array_unref);
  self->classes = g_ptr_array_new_with_free_func (g_free);
  self->counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->added = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->weights = g_array_new (FALSE, FALSE, sizeof (double));
}

static OrchardTable *
orchard_balance_step_transform (OrchardStep   *step,
                                OrchardTable  *table,
                                GError       **error)
{
  return g_object_ref (table);
}

static OrchardTable *
orchard_balance_step_fit (OrchardStep   *step,
                          OrchardTable  *train,
                          GCancellable  *cancellable,
                          GError       **error)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (step);
  int target_index = prep_find_target (train);
  OrchardColumn *target;
  g_autoptr(GHashTable) lookup = NULL;
  g_autofree guint32 *map = NULL;
  g_autofree gsize *class_of = NULL;
  g_autoptr(GArray) rows = NULL;
  const guint32 *codes;
  gsize n_rows = orchard_table_get_n_rows (train);
  guint64 n_labelled = 0;
  guint64 largest = 0;
  guint n_classes;

  if (target_index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s” needs a target column", STEP_ID);
      return NULL;
    }

  target = orchard_table_get_column (train, target_index);
  if (orchard_column_get_kind (target) != ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s” balances classes, but the target “%s” is %s",
                   STEP_ID, orchard_column_get_name (target),
                   orchard_column_kind_to_string (orchard_column_get_kind (target)));
      return NULL;
    }

  start_fit (self);
  for (guint l = 0; l < orchard_column_get_n_levels (target); l++)
    g_ptr_array_add (self->classes, g_strdup (orchard_column_get_level (target, l)));
  g_ptr_array_sort (self->classes, prep_compare_strings);
  n_classes = self->classes->len;
  lookup = prep_level_lookup (self->classes);
  map = prep_map_levels (target, lookup);
  g_array_set_size (self->counts, n_classes);
  g_array_set_size (self->added, n_classes);
  memset (self->counts->data, 0, n_classes * sizeof (guint64));
  memset (self->added->data, 0, n_classes * sizeof (guint64));

  codes = orchard_column_get_codes (target);
  for (gsize r = 0; r < n_rows; r++)
    if (codes[r] != ORCHARD_CODE_MISSING)
      {
        g_array_index (self->counts, guint64, map[codes[r]])++;
        n_labelled++;
      }

  for (guint k = 0; k < n_classes; k++)
    {
      guint64 count = g_array_index (self->counts, guint64, k);
      double weight = count > 0 ? (double) n_labelled / ((double) n_classes * count) : 1.0;

      g_array_append_val (self->weights, weight);
      largest = MAX (largest, count);
    }

  if (self->method == ORCHARD_BALANCE_CLASS_WEIGHTS)
    return g_object_ref (train);

  /* Copies drawn class by class, in label order, from the class's rows in
   * table order: the same seed gives the same rows everywhere. */
  rows = g_array_sized_new (FALSE, FALSE, sizeof (gsize), n_rows);
  for (gsize r = 0; r < n_rows; r++)
    g_array_append_val (rows, r);

  class_of = g_new (gsize, MAX (n_rows, 1));
  for (guint k = 0; k < n_classes; k++)
    {
      guint64 count = g_array_index (self->counts, guint64, k);
      gsize n_members = 0;
      OrchardRng rng;

      if (count == largest)
        continue;

      for (gsize r = 0; r < n_rows; r++)
        if (codes[r] != ORCHARD_CODE_MISSING && map[codes[r]] == k)
          class_of[n_members++] = r;

      if (n_members == 0)
        continue;

      orchard_rng_init_stream (&rng, self->seed, k);
      for (guint64 i = count; i < largest; i++)
        {
          gsize pick = class_of[orchard_rng_below (&rng, n_members)];
          g_array_append_val (rows, pick);
        }
      g_array_index (self->added, guint64, k) = largest - count;
    }

  if (rows->len == n_rows)
    return g_object_ref (train);

  return prep_table_select_rows (train, (const gsize *) rows->data, rows->len);
}

static GVariant *
orchard_balance_step_save_state (OrchardStep *step)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert_value (&dict, "classes", prep_variant_new_strings (self->classes));
  g_variant_dict_insert_value (&dict, "counts",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                          self->counts->data, self->counts->len,
                                                          sizeof (guint64)));
  g_variant_dict_insert_value (&dict, "added",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                          self->added->data, self->added->len,
                                                          sizeof (guint64)));
  g_variant_dict_insert_value (&dict, "weights",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->weights->data, self->weights->len,
                                                          sizeof (double)));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_balance_step_load_state (OrchardStep  *step,
                                 GVariant     *state,
                                 GError      **error)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (step);
  g_autoptr(GVariant) classes = NULL;
  g_autoptr(GVariant) counts = NULL;
  g_autoptr(GVariant) added = NULL;
  g_autoptr(GVariant) weights = NULL;
  gconstpointer data;
  gsize n;

  if (!prep_state_lookup (state, "classes", "as", STEP_ID, &classes, error) ||
      !prep_state_lookup (state, "counts", "at", STEP_ID, &counts, error) ||
      !prep_state_lookup (state, "added", "at", STEP_ID, &added, error) ||
      !prep_state_lookup (state, "weights", "ad", STEP_ID, &weights, error))
    return FALSE;

  n = g_variant_n_children (classes);
  if (g_variant_n_children (counts) != n || g_variant_n_children (added) != n ||
      g_variant_n_children (weights) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->classes);
  self->classes = prep_variant_get_strings (classes);
  data = g_variant_get_fixed_array (counts, &n, sizeof (guint64));
  g_array_append_vals (self->counts, data, n);
  data = g_variant_get_fixed_array (added, &n, sizeof (guint64));
  g_array_append_vals (self->added, data, n);
  data = g_variant_get_fixed_array (weights, &n, sizeof (double));
  g_array_append_vals (self->weights, data, n);

  for (gsize i = 0; i < n; i++)
    if (!(g_array_index (self->weights, double, i) > 0.0) ||
        !isfinite (g_array_index (self->weights, double, i)))
      return prep_state_error (STEP_ID, "a class weight is not a positive number", error);

  return TRUE;
}

static char *
orchard_balance_step_describe (OrchardStep *step)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (step);

  if (self->method == ORCHARD_BALANCE_OVERSAMPLE)
    return g_strdup (_("Oversample the smaller classes of the training rows"));

  return g_strdup (_("Weight classes by the inverse of their frequency"));
}

static GVariant *
orchard_balance_step_get_report (OrchardStep *step)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder classes;
  guint64 added = 0;

  g_variant_builder_init (&classes, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint k = 0; k < self->classes->len; k++)
    {
      GVariantBuilder entry;

      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&entry, "{sv}", "rows",
                             g_variant_new_uint64 (g_array_index (self->counts, guint64, k)));
      g_variant_builder_add (&entry, "{sv}", "added",
                             g_variant_new_uint64 (g_array_index (self->added, guint64, k)));
      g_variant_builder_add (&entry, "{sv}", "weight",
                             g_variant_new_double (orchard_balance_step_get_class_weight (
                               self, g_ptr_array_index (self->classes, k))));
      g_variant_builder_add (&classes, "{sa{sv}}", g_ptr_array_index (self->classes, k), &entry);
      added += g_array_index (self->added, guint64, k);
    }

  g_variant_dict_insert_value (&report, "classes", g_variant_builder_end (&classes));
  g_variant_dict_insert (&report, "added", "t", added);

  if (self->method == ORCHARD_BALANCE_OVERSAMPLE)
    return prep_report_finish (&report,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Added %lu copied training row to "
                                                             "balance %u classes",
                                                             "Added %lu copied training rows to "
                                                             "balance %u classes", added),
                                                (gulong) added, self->classes->len));

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Computed weights for %u class",
                                                           "Computed weights for %u classes",
                                                           self->classes->len),
                                              self->classes->len));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_balance_step_fit;
  iface->transform = orchard_balance_step_transform;
  iface->save_state = orchard_balance_step_save_state;
  iface->load_state = orchard_balance_step_load_state;
  iface->describe = orchard_balance_step_describe;
  iface->get_report = orchard_balance_step_get_report;
}

static void
orchard_balance_step_finalize (GObject *object)
{
  OrchardBalanceStep *self = (OrchardBalanceStep *)object;

  g_clear_pointer (&self->classes, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->added, g_array_unref);
  g_clear_pointer (&self->weights, g_array_unref);

  G_OBJECT_CLASS (orchard_balance_step_parent_class)->finalize (object);
}

static void
orchard_balance_step_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_balance_step_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardBalanceStep *self = ORCHARD_BALANCE_STEP (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      prep_set_enum (object, pspec, (int *) &self->method, value);
      break;
    case PROP_SEED:
      prep_set_uint64 (object, pspec, &self->seed, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_balance_step_class_init (OrchardBalanceStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_balance_step_finalize;
  object_class->get_property = orchard_balance_step_get_property;
  object_class->set_property = orchard_balance_step_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method",
                       _("Method"),
                       _("Weight the classes for the models that accept weights, or copy "
                         "training rows of the smaller classes"),
                       ORCHARD_TYPE_BALANCE_METHOD,
                       ORCHARD_BALANCE_CLASS_WEIGHTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed",
                         _("Seed"),
                         _("Seeds which training rows are copied"),
                         0, G_MAXINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_balance_step_init (OrchardBalanceStep *self)
{
}

/**
 * orchard_balance_step_new:
 * @method: how to counter imbalance
 *
 * Returns: (transfer full): a new step
 */
OrchardStep *
orchard_balance_step_new (OrchardBalanceMethod method)
{
  return g_object_new (ORCHARD_TYPE_BALANCE_STEP, "method", method, NULL);
}

/**
 * orchard_balance_step_get_n_classes:
 * @self: a fitted step
 *
 * Returns: the number of classes in the training rows
 */
guint
orchard_balance_step_get_n_classes (OrchardBalanceStep *self)
{
  g_return_val_if_fail (ORCHARD_IS_BALANCE_STEP (self), 0);

  return self->classes != NULL && orchard_step_is_fitted (ORCHARD_STEP (self))
         ? self->classes->len : 0;
}

/**
 * orchard_balance_step_get_class:
 * @self: a fitted step
 * @index: a class index
 *
 * Returns: the label of class @index, in code-point order
 */
const char *
orchard_balance_step_get_class (OrchardBalanceStep *self,
                                guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_BALANCE_STEP (self), NULL);
  g_return_val_if_fail (index < orchard_balance_step_get_n_classes (self), NULL);

  return g_ptr_array_index (self->classes, index);
}

/**
 * orchard_balance_step_get_class_weight:
 * @self: a fitted step
 * @label: a class label
 *
 * The weight a model should give each training row of class @label. With
 * oversampling the rows are balanced already, so every weight is 1.
 *
 * Returns: n / (k · n_c) for a class seen in training, else 1
 */
double
orchard_balance_step_get_class_weight (OrchardBalanceStep *self,
                                       const char         *label)
{
  g_return_val_if_fail (ORCHARD_IS_BALANCE_STEP (self), 1.0);
  g_return_val_if_fail (label != NULL, 1.0);

  if (self->method != ORCHARD_BALANCE_CLASS_WEIGHTS ||
      orchard_balance_step_get_n_classes (self) == 0)
    return 1.0;

  for (guint k = 0; k < self->classes->len; k++)
    if (strcmp (g_ptr_array_index (self->classes, k), label) == 0)
      return g_array_index (self->weights, double, k);

  return 1.0;
}
