/* orchard-drop-duplicates-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "orchard-drop-duplicates-step.h"
#include "orchard-prep-private.h"

#define STEP_ID "drop-duplicates"

/**
 * OrchardDropDuplicatesStep:
 *
 * Removes training rows that repeat an earlier training row in every
 * feature and the target (identifier, time and ignored columns are not
 * compared), keeping the first. Only the training rows: validation, test
 * and new data are scored row for row.
 */
struct _OrchardDropDuplicatesStep
{
  GObject  parent_instance;

  /* Fitted */
  guint64  rows;
  guint64  removed;
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardDropDuplicatesStep, orchard_drop_duplicates_step,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

static OrchardTable *
orchard_drop_duplicates_step_transform (OrchardStep   *step,
                                        OrchardTable  *table,
                                        GError       **error)
{
  return g_object_ref (table);
}

static OrchardTable *
orchard_drop_duplicates_step_fit (OrchardStep   *step,
                                  OrchardTable  *train,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  OrchardDropDuplicatesStep *self = ORCHARD_DROP_DUPLICATES_STEP (step);
  gsize n_rows = orchard_table_get_n_rows (train);
  g_autofree gsize *first = prep_first_occurrence (train);
  g_autofree gsize *kept = g_new (gsize, MAX (n_rows, 1));
  gsize n_kept = 0;

  for (gsize r = 0; r < n_rows; r++)
    if (first[r] == r)
      kept[n_kept++] = r;

  self->rows = n_rows;
  self->removed = n_rows - n_kept;

  if (n_kept == n_rows)
    return g_object_ref (train);

  return prep_table_select_rows (train, kept, n_kept);
}

static GVariant *
orchard_drop_duplicates_step_save_state (OrchardStep *step)
{
  OrchardDropDuplicatesStep *self = ORCHARD_DROP_DUPLICATES_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&dict, "rows", "t", self->rows);
  g_variant_dict_insert (&dict, "removed", "t", self->removed);
  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_drop_duplicates_step_load_state (OrchardStep  *step,
                                         GVariant     *state,
                                         GError      **error)
{
  OrchardDropDuplicatesStep *self = ORCHARD_DROP_DUPLICATES_STEP (step);
  g_autoptr(GVariant) rows = NULL;
  g_autoptr(GVariant) removed = NULL;

  if (!prep_state_lookup (state, "rows", "t", STEP_ID, &rows, error) ||
      !prep_state_lookup (state, "removed", "t", STEP_ID, &removed, error))
    return FALSE;

  self->rows = g_variant_get_uint64 (rows);
  self->removed = g_variant_get_uint64 (removed);
  if (self->removed > self->rows)
    return prep_state_error (STEP_ID, "more rows removed than there were", error);

  return TRUE;
}

static char *
orchard_drop_duplicates_step_describe (OrchardStep *step)
{
  return g_strdup (_("Drop duplicate training rows"));
}

static GVariant *
orchard_drop_duplicates_step_get_report (OrchardStep *step)
{
  OrchardDropDuplicatesStep *self = ORCHARD_DROP_DUPLICATES_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);

  g_variant_dict_insert (&report, "rows", "t", self->rows);
  g_variant_dict_insert (&report, "removed", "t", self->removed);

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Removed %lu duplicate of %lu training "
                                                           "rows",
                                                           "Removed %lu duplicates of %lu training "
                                                           "rows", self->removed),
                                              (gulong) self->removed, (gulong) self->rows));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_drop_duplicates_step_fit;
  iface->transform = orchard_drop_duplicates_step_transform;
  iface->save_state = orchard_drop_duplicates_step_save_state;
  iface->load_state = orchard_drop_duplicates_step_load_state;
  iface->describe = orchard_drop_duplicates_step_describe;
  iface->get_report = orchard_drop_duplicates_step_get_report;
}

static void
orchard_drop_duplicates_step_class_init (OrchardDropDuplicatesStepClass *klass)
{
}

static void
orchard_drop_duplicates_step_init (OrchardDropDuplicatesStep *self)
{
}

/**
 * orchard_drop_duplicates_step_new:
 *
 * Returns: (transfer full): a new step
 */
OrchardStep *
orchard_drop_duplicates_step_new (void)
{
  return g_object_new (ORCHARD_TYPE_DROP_DUPLICATES_STEP, NULL);
}
