/* orchard-drop-columns-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "orchard-drop-columns-step.h"
#include "orchard-error.h"
#include "orchard-prep-private.h"

#define STEP_ID "drop-columns"

/**
 * OrchardDropColumnsStep:
 *
 * Removes the named columns. Fitting checks that they exist and that none
 * is the target; new data that lacks one of them is fine.
 */
struct _OrchardDropColumnsStep
{
  GObject     parent_instance;

  char      **columns;

  /* Fitted */
  GPtrArray  *dropped;
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardDropColumnsStep, orchard_drop_columns_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

enum {
  PROP_0,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static OrchardTable *
orchard_drop_columns_step_transform (OrchardStep   *step,
                                     OrchardTable  *table,
                                     GError       **error)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->dropped->len; i++)
    g_hash_table_insert (replacements, g_ptr_array_index (self->dropped, i), g_ptr_array_new ());

  return prep_table_replace_columns (table, replacements, error);
}

static OrchardTable *
orchard_drop_columns_step_fit (OrchardStep   *step,
                               OrchardTable  *train,
                               GCancellable  *cancellable,
                               GError       **error)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (step);

  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  self->dropped = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->columns != NULL && self->columns[i] != NULL; i++)
    {
      int index = orchard_table_find_column (train, self->columns[i]);

      if (index < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Step “%s”: the data has no column “%s”", STEP_ID, self->columns[i]);
          return NULL;
        }
      if (orchard_table_get_role (train, index) == ORCHARD_COLUMN_ROLE_TARGET)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Step “%s”: column “%s” is the target and cannot be dropped",
                       STEP_ID, self->columns[i]);
          return NULL;
        }
      if (!prep_strv_contains (self->dropped, self->columns[i]))
        g_ptr_array_add (self->dropped, g_strdup (self->columns[i]));
    }

  return orchard_drop_columns_step_transform (step, train, error);
}

static GVariant *
orchard_drop_columns_step_save_state (OrchardStep *step)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert_value (&dict, "dropped", prep_variant_new_strings (self->dropped));
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_drop_columns_step_load_state (OrchardStep  *step,
                                      GVariant     *state,
                                      GError      **error)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (step);
  g_autoptr(GVariant) dropped = NULL;

  if (!prep_state_lookup (state, "dropped", "as", STEP_ID, &dropped, error))
    return FALSE;

  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  self->dropped = prep_variant_get_strings (dropped);
  return TRUE;
}

static char *
orchard_drop_columns_step_describe (OrchardStep *step)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (step);
  guint n = self->columns != NULL ? g_strv_length (self->columns) : 0;

  if (n == 1)
    return g_strdup_printf (_("Drop column “%s”"), self->columns[0]);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Drop %u column", "Drop %u columns", n),
                          n);
}

static GVariant *
orchard_drop_columns_step_get_report (OrchardStep *step)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < self->dropped->len; i++)
    g_string_append_printf (names, "%s“%s”", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (self->dropped, i));

  g_variant_dict_insert_value (&report, "dropped", prep_variant_new_strings (self->dropped));

  if (self->dropped->len == 0)
    return prep_report_finish (&report, g_strdup (_("Dropped no column")));

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Dropped %u column: %s",
                                                           "Dropped %u columns: %s",
                                                           self->dropped->len),
                                              self->dropped->len, names->str));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_drop_columns_step_fit;
  iface->transform = orchard_drop_columns_step_transform;
  iface->save_state = orchard_drop_columns_step_save_state;
  iface->load_state = orchard_drop_columns_step_load_state;
  iface->describe = orchard_drop_columns_step_describe;
  iface->get_report = orchard_drop_columns_step_get_report;
}

static void
orchard_drop_columns_step_finalize (GObject *object)
{
  OrchardDropColumnsStep *self = (OrchardDropColumnsStep *)object;

  g_clear_pointer (&self->dropped, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_drop_columns_step_parent_class)->finalize (object);
}

static void
orchard_drop_columns_step_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_drop_columns_step_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  OrchardDropColumnsStep *self = ORCHARD_DROP_COLUMNS_STEP (object);

  switch (prop_id)
    {
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_drop_columns_step_class_init (OrchardDropColumnsStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_drop_columns_step_finalize;
  object_class->get_property = orchard_drop_columns_step_get_property;
  object_class->set_property = orchard_drop_columns_step_set_property;

  properties[PROP_COLUMNS] =
    g_param_spec_boxed ("columns",
                        _("Columns"),
                        _("The columns to leave out"),
                        G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_drop_columns_step_init (OrchardDropColumnsStep *self)
{
}

/**
 * orchard_drop_columns_step_new:
 * @columns: (nullable) (array zero-terminated=1): the columns to drop
 *
 * Returns: (transfer full): a new step
 */
OrchardStep *
orchard_drop_columns_step_new (const char * const *columns)
{
  return g_object_new (ORCHARD_TYPE_DROP_COLUMNS_STEP, "columns", columns, NULL);
}
