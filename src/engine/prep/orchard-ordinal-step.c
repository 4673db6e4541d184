/* orchard-ordinal-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-ordinal-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "ordinal"

/**
 * OrchardOrdinalStep:
 *
 * Replaces each categorical column by a numeric one holding the index of
 * its level among the training levels in code-point order (0, 1, …), as
 * scikit-learn's `OrdinalEncoder` does; the codes tree learners split on.
 * A level unseen in training becomes #OrchardOrdinalStep:unseen-value
 * (`handle_unknown="use_encoded_value"`), a missing value stays missing.
 */
struct _OrchardOrdinalStep
{
  GObject     parent_instance;

  double      unseen_value;
  char      **columns;

  /* Fitted */
  GPtrArray  *fitted;   /* column names */
  GPtrArray  *levels;   /* GPtrArray of sorted level strings, per column */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardOrdinalStep, orchard_ordinal_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

enum {
  PROP_0,
  PROP_UNSEEN_VALUE,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
start_fit (OrchardOrdinalStep *self)
{
  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  self->fitted = g_ptr_array_new_with_free_func (g_free);
  self->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
}

static OrchardTable *
orchard_ordinal_step_transform (OrchardStep   *step,
                                OrchardTable  *table,
                                GError       **error)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->fitted->len; i++)
    {
      const char *name = g_ptr_array_index (self->fitted, i);
      OrchardColumn *column = prep_require_column (table, name,
                                                   PREP_KIND_CATEGORICAL | PREP_KIND_TEXT,
                                                   STEP_ID, error);
      g_autoptr(GHashTable) lookup = NULL;
      g_autofree guint32 *map = NULL;
      const guint32 *codes;
      gsize n_rows;
      double *out;
      GPtrArray *with;

      if (column == NULL)
        return NULL;

      lookup = prep_level_lookup (g_ptr_array_index (self->levels, i));
      map = prep_map_levels (column, lookup);
      codes = orchard_column_get_codes (column);
      n_rows = orchard_column_get_n_rows (column);
      out = g_new (double, MAX (n_rows, 1));

      for (gsize r = 0; r < n_rows; r++)
        if (codes[r] == ORCHARD_CODE_MISSING)
          out[r] = NAN;
        else if (map[codes[r]] == ORCHARD_CODE_MISSING)
          out[r] = self->unseen_value;
        else
          out[r] = map[codes[r]];

      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      g_ptr_array_add (with, orchard_column_new_numeric (name, out, n_rows));
      g_hash_table_insert (replacements, (gpointer) name, with);
    }

  return prep_table_replace_columns (table, replacements, error);
}

static OrchardTable *
orchard_ordinal_step_fit (OrchardStep   *step,
                          OrchardTable  *train,
                          GCancellable  *cancellable,
                          GError       **error)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (step);
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
      GPtrArray *levels = g_ptr_array_new_with_free_func (g_free);

      /* Training level lists hold only the levels the training rows use. */
      for (guint l = 0; l < orchard_column_get_n_levels (column); l++)
        g_ptr_array_add (levels, g_strdup (orchard_column_get_level (column, l)));
      g_ptr_array_sort (levels, prep_compare_strings);

      g_ptr_array_add (self->fitted, g_strdup (name));
      g_ptr_array_add (self->levels, levels);
    }

  return orchard_ordinal_step_transform (step, train, error);
}

static GVariant *
orchard_ordinal_step_save_state (OrchardStep *step)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a(sas)"));
  for (guint i = 0; i < self->fitted->len; i++)
    g_variant_builder_add (&columns, "(s@as)", g_ptr_array_index (self->fitted, i),
                           prep_variant_new_strings (g_ptr_array_index (self->levels, i)));
  g_variant_dict_insert_value (&dict, "columns", g_variant_builder_end (&columns));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_ordinal_step_load_state (OrchardStep  *step,
                                 GVariant     *state,
                                 GError      **error)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  GVariantIter iter;
  const char *name;
  GVariant *levels;

  if (!prep_state_lookup (state, "columns", "a(sas)", STEP_ID, &columns, error))
    return FALSE;

  start_fit (self);
  g_variant_iter_init (&iter, columns);
  while (g_variant_iter_next (&iter, "(&s@as)", &name, &levels))
    {
      g_ptr_array_add (self->fitted, g_strdup (name));
      g_ptr_array_add (self->levels, prep_variant_get_strings (levels));
      g_variant_unref (levels);
    }

  return TRUE;
}

static char *
orchard_ordinal_step_describe (OrchardStep *step)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (step);
  guint n;

  if (orchard_step_is_fitted (step))
    n = self->fitted->len;
  else if (self->columns != NULL)
    n = g_strv_length (self->columns);
  else
    return g_strdup (_("Ordinal-encode every categorical column"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ordinal-encode %u column",
                                       "Ordinal-encode %u columns", n), n);
}

static GVariant *
orchard_ordinal_step_get_report (OrchardStep *step)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;
  guint n_levels = 0;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->fitted->len; i++)
    {
      GPtrArray *levels = g_ptr_array_index (self->levels, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "levels", prep_variant_new_strings (levels));
      g_variant_builder_add (&columns, "{sa{sv}}", g_ptr_array_index (self->fitted, i), &column);
      n_levels += levels->len;
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Encoded %u column with %u levels "
                                                           "as ranks",
                                                           "Encoded %u columns with %u levels "
                                                           "as ranks", self->fitted->len),
                                              self->fitted->len, n_levels));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_ordinal_step_fit;
  iface->transform = orchard_ordinal_step_transform;
  iface->save_state = orchard_ordinal_step_save_state;
  iface->load_state = orchard_ordinal_step_load_state;
  iface->describe = orchard_ordinal_step_describe;
  iface->get_report = orchard_ordinal_step_get_report;
}

static void
orchard_ordinal_step_finalize (GObject *object)
{
  OrchardOrdinalStep *self = (OrchardOrdinalStep *)object;

  g_clear_pointer (&self->fitted, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_ordinal_step_parent_class)->finalize (object);
}

static void
orchard_ordinal_step_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (object);

  switch (prop_id)
    {
    case PROP_UNSEEN_VALUE:
      g_value_set_double (value, self->unseen_value);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_ordinal_step_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardOrdinalStep *self = ORCHARD_ORDINAL_STEP (object);

  switch (prop_id)
    {
    case PROP_UNSEEN_VALUE:
      prep_set_double (object, pspec, &self->unseen_value, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_ordinal_step_class_init (OrchardOrdinalStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_ordinal_step_finalize;
  object_class->get_property = orchard_ordinal_step_get_property;
  object_class->set_property = orchard_ordinal_step_set_property;

  properties[PROP_UNSEEN_VALUE] =
    g_param_spec_double ("unseen-value",
                         _("Unseen value"),
                         _("The code of a level not seen in training"),
                         -G_MAXDOUBLE, G_MAXDOUBLE, -1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_ordinal_step_init (OrchardOrdinalStep *self)
{
  self->unseen_value = -1.0;
}

/**
 * orchard_ordinal_step_new:
 *
 * Returns: (transfer full): a new step that ordinal-encodes every
 *   categorical feature
 */
OrchardStep *
orchard_ordinal_step_new (void)
{
  return g_object_new (ORCHARD_TYPE_ORDINAL_STEP, NULL);
}
