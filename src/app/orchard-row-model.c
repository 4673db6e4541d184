/* orchard-row-model.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "orchard-row-model.h"

/* A row is only its index: list widgets ask for the few rows they show and
 * drop them again, so a million-row table costs nothing until scrolled. */
struct _OrchardRow
{
  GObject parent_instance;
  guint   index;
};

G_DEFINE_FINAL_TYPE (OrchardRow, orchard_row, G_TYPE_OBJECT)

static void
orchard_row_class_init (OrchardRowClass *klass)
{
}

static void
orchard_row_init (OrchardRow *self)
{
}

guint
orchard_row_get_index (OrchardRow *self)
{
  g_return_val_if_fail (ORCHARD_IS_ROW (self), 0);
  return self->index;
}

struct _OrchardRowModel
{
  GObject       parent_instance;
  OrchardTable *table;
  guint         n_items;
};

static GType
orchard_row_model_get_item_type (GListModel *model)
{
  return ORCHARD_TYPE_ROW;
}

static guint
orchard_row_model_get_n_items (GListModel *model)
{
  return ORCHARD_ROW_MODEL (model)->n_items;
}

static gpointer
orchard_row_model_get_item (GListModel *model,
                            guint       position)
{
  OrchardRowModel *self = ORCHARD_ROW_MODEL (model);
  OrchardRow *row;

  if (position >= self->n_items)
    return NULL;

  row = g_object_new (ORCHARD_TYPE_ROW, NULL);
  row->index = position;

  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = orchard_row_model_get_item_type;
  iface->get_n_items = orchard_row_model_get_n_items;
  iface->get_item = orchard_row_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardRowModel, orchard_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_TABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
orchard_row_model_dispose (GObject *object)
{
  OrchardRowModel *self = (OrchardRowModel *)object;

  g_clear_object (&self->table);

  G_OBJECT_CLASS (orchard_row_model_parent_class)->dispose (object);
}

static void
orchard_row_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrchardRowModel *self = ORCHARD_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      g_value_set_object (value, self->table);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_row_model_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrchardRowModel *self = ORCHARD_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_TABLE:
      orchard_row_model_set_table (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_row_model_class_init (OrchardRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = orchard_row_model_dispose;
  object_class->get_property = orchard_row_model_get_property;
  object_class->set_property = orchard_row_model_set_property;

  properties[PROP_TABLE] =
    g_param_spec_object ("table", NULL, NULL, ORCHARD_TYPE_TABLE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_row_model_init (OrchardRowModel *self)
{
}

OrchardRowModel *
orchard_row_model_new (void)
{
  return g_object_new (ORCHARD_TYPE_ROW_MODEL, NULL);
}

/**
 * orchard_row_model_get_table:
 *
 * Returns: (transfer none) (nullable): the table whose rows this lists
 */
OrchardTable *
orchard_row_model_get_table (OrchardRowModel *self)
{
  g_return_val_if_fail (ORCHARD_IS_ROW_MODEL (self), NULL);
  return self->table;
}

void
orchard_row_model_set_table (OrchardRowModel *self,
                             OrchardTable    *table)
{
  guint old_n_items;
  gsize n_rows;

  g_return_if_fail (ORCHARD_IS_ROW_MODEL (self));
  g_return_if_fail (table == NULL || ORCHARD_IS_TABLE (table));

  if (!g_set_object (&self->table, table))
    return;

  old_n_items = self->n_items;
  n_rows = table != NULL ? orchard_table_get_n_rows (table) : 0;
  /* GListModel positions are guint; tables past 4 billion rows are listed
   * up to that. */
  self->n_items = (guint) MIN (n_rows, (gsize) G_MAXUINT);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n_items, self->n_items);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TABLE]);
}
