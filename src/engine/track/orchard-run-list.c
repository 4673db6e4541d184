/* orchard-run-list.c: a project's runs as light summaries, for long listings
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "orchard-project-private.h"

/**
 * OrchardRunList:
 *
 * The runs of orchard_project_list_run_summaries(), in the order asked: one
 * array of #OrchardRunSummary whose strings live in one pool, so that a
 * list of 100,000 runs costs a few allocations rather than several per run.
 * It is a #GListModel of #OrchardRun too, for list widgets: a run object is
 * made when a position is first asked for, with the summary's columns only
 * (orchard_project_get_run() reads everything). The summaries never change
 * and may be read from any thread; the #GListModel side belongs to one.
 */
struct _OrchardRunList
{
  GObject            parent_instance;

  OrchardStringPool *pool;
  GArray            *rows;    /* OrchardRunSummary, in id order */
  guint             *order;   /* position → row; NULL: the rows' own order */
  guint              n;
  OrchardRun       **items;   /* made on demand by the GListModel */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardRunList, orchard_run_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
orchard_run_list_finalize (GObject *object)
{
  OrchardRunList *self = (OrchardRunList *) object;

  if (self->items != NULL)
    for (guint i = 0; i < self->n; i++)
      g_clear_object (&self->items[i]);
  g_free (self->items);
  g_free (self->order);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->pool, orchard_string_pool_unref);

  G_OBJECT_CLASS (orchard_run_list_parent_class)->finalize (object);
}

static void
orchard_run_list_class_init (OrchardRunListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = orchard_run_list_finalize;
}

static void
orchard_run_list_init (OrchardRunList *self)
{
}

/* Takes @rows and @order (g_malloc'ed, @n positions, or NULL for the rows'
 * order); the summaries' strings are in @pool. */
OrchardRunList *
orchard_run_list_new (OrchardStringPool *pool,
                      GArray            *rows,
                      guint             *order,
                      guint              n)
{
  OrchardRunList *self = g_object_new (ORCHARD_TYPE_RUN_LIST, NULL);

  g_assert (order != NULL || n <= rows->len);
  self->pool = orchard_string_pool_ref (pool);
  self->rows = rows;
  self->order = order;
  self->n = n;
  return self;
}

/**
 * orchard_run_list_get_n_runs:
 * @self: a run list
 *
 * Returns: how many runs it holds
 */
guint
orchard_run_list_get_n_runs (OrchardRunList *self)
{
  g_return_val_if_fail (ORCHARD_IS_RUN_LIST (self), 0);
  return self->n;
}

/**
 * orchard_run_list_get_summary:
 * @self: a run list
 * @position: below orchard_run_list_get_n_runs()
 *
 * Returns: (transfer none): the run at @position, valid as long as @self
 */
const OrchardRunSummary *
orchard_run_list_get_summary (OrchardRunList *self,
                              guint           position)
{
  g_return_val_if_fail (ORCHARD_IS_RUN_LIST (self), NULL);
  g_return_val_if_fail (position < self->n, NULL);

  return &g_array_index (self->rows, OrchardRunSummary,
                         self->order != NULL ? self->order[position] : position);
}

/**
 * orchard_run_list_dup_run:
 * @self: a run list
 * @position: below orchard_run_list_get_n_runs()
 *
 * Returns: (transfer full): the run at @position as an #OrchardRun with
 *   the columns of its #OrchardRunSummary (its uuid, split, pipeline, host
 *   and note are %NULL)
 */
OrchardRun *
orchard_run_list_dup_run (OrchardRunList *self,
                          guint           position)
{
  g_return_val_if_fail (ORCHARD_IS_RUN_LIST (self), NULL);
  g_return_val_if_fail (position < self->n, NULL);

  return orchard_run_new_from_summary (self->pool, orchard_run_list_get_summary (self, position));
}

static GType
list_model_get_item_type (GListModel *model)
{
  return ORCHARD_TYPE_RUN;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return ORCHARD_RUN_LIST (model)->n;
}

/* The same object each time a position is asked for, as list widgets expect. */
static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  OrchardRunList *self = ORCHARD_RUN_LIST (model);

  if (position >= self->n)
    return NULL;
  if (self->items == NULL)
    self->items = g_new0 (OrchardRun *, self->n);
  if (self->items[position] == NULL)
    self->items[position] = orchard_run_list_dup_run (self, position);
  return g_object_ref (self->items[position]);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}
