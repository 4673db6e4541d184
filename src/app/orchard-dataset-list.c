/* orchard-dataset-list.c: the data sets of the session's project
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-dataset-list.h"

/**
 * OrchardDatasetList:
 *
 * One row per data set of the session's project: name, rows × columns,
 * size, hash prefix, whether it is stored or referred to, and whether the
 * file it came from changed since it was added. Activating a row
 * activates `win.load-dataset` with the data set's id. The list follows
 * the project's changes, including other processes' (polled by the
 * session); it hides itself while the project has no data sets.
 */
struct _OrchardDatasetList
{
  GtkWidget       parent_instance;

  OrchardSession *session;
  guint           n_datasets;

  GtkListBox     *list;
};

G_DEFINE_FINAL_TYPE (OrchardDatasetList, orchard_dataset_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_N_DATASETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* How many characters of the content hash a person needs to tell data
 * sets apart, as git shows commits. */
#define HASH_PREFIX 8

/**
 * orchard_dataset_describe:
 * @info: a data set
 *
 * Returns: (transfer full): "344 rows × 8 columns · 13.2 kB · 3f2a9c1b"
 */
char *
orchard_dataset_describe (const OrchardDatasetInfo *info)
{
  g_autofree char *count = g_strdup_printf ("%'" G_GUINT64_FORMAT, info->n_rows);
  g_autofree char *rows = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *size = g_format_size (info->stored ? info->stored_size : info->size);
  g_autofree char *hash = g_strndup (info->hash != NULL ? info->hash : "", HASH_PREFIX);

  /* Translators: "344 rows"; %s is the number */
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", info->n_rows), count);
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns",
                                          info->n_columns), info->n_columns);
  /* Translators: a data set of the project: "344 rows × 8 columns · 13.2 kB · 3f2a9c1b"
   * (rows, columns, the size it takes, the start of its content hash) */
  return g_strdup_printf (_("%s × %s · %s · %s"), rows, columns, size, hash);
}

/**
 * orchard_dataset_check_file:
 * @info: a data set
 * @warning: (out): whether the data set cannot be loaded as it was
 *   recorded (its data is only in that file)
 *
 * Looks at the file the data set was read from. The content hash is
 * checked when the data set is loaded; this only compares the file's
 * modification time with when it was added, which costs a stat.
 *
 * Returns: (transfer full) (nullable): what changed, or %NULL
 */
char *
orchard_dataset_check_file (const OrchardDatasetInfo *info,
                            gboolean                 *warning)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) file_info = NULL;
  g_autofree char *name = NULL;
  guint64 modified;

  *warning = FALSE;
  if (info->source == NULL)
    return NULL;

  file = g_file_new_for_path (info->source);
  name = g_file_get_basename (file);
  file_info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE,
                                 NULL, NULL);
  if (file_info == NULL)
    {
      *warning = !info->stored;
      return info->stored
        /* Translators: %s is a file name */
        ? g_strdup_printf (_("%s is gone; the project keeps the data"), name)
        : g_strdup_printf (_("%s is missing; the project only refers to it"), name);
    }

  modified = g_file_info_get_attribute_uint64 (file_info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
  if ((gint64) modified * 1000 <= info->added)
    return NULL;

  *warning = !info->stored;
  return info->stored
    ? g_strdup_printf (_("%s changed on disk after it was added; the project keeps the data as "
                         "it was"), name)
    : g_strdup_printf (_("%s changed on disk after it was added; the project only refers to it"),
                       name);
}

static GtkWidget *
suffix_icon (const char *icon_name,
             const char *tooltip)
{
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (image, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (image), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  return image;
}

static GtkWidget *
make_row (OrchardDatasetList       *self,
          const OrchardDatasetInfo *info)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *description = orchard_dataset_describe (info);
  g_autofree char *note = NULL;
  g_autofree char *subtitle = NULL;
  gboolean warning;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->name);
  note = orchard_dataset_check_file (info, &warning);
  subtitle = note != NULL ? g_strdup_printf ("%s\n%s", description, note) : g_strdup (description);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_widget_set_name (GTK_WIDGET (row), info->hash);

  if (warning)
    {
      GtkWidget *icon = suffix_icon ("dialog-warning-symbolic", note);

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_suffix (row, icon);
    }
  if (!info->stored)
    adw_action_row_add_suffix (row, suffix_icon ("insert-link-symbolic",
                                                 _("Stored as a reference to its file, with its content hash")));
  if (orchard_session_get_dataset_id (self->session) == info->id)
    adw_action_row_add_suffix (row, suffix_icon ("object-select-symbolic", _("Shown now")));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.load-dataset");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (info->id));

  return GTK_WIDGET (row);
}

static void
refresh (OrchardDatasetList *self)
{
  OrchardProject *project = self->session != NULL ? orchard_session_get_project (self->session) : NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  if (project != NULL)
    datasets = orchard_project_list_datasets (project, &error);
  if (error != NULL)
    g_warning ("Could not list the project’s data sets: %s", error->message);

  for (guint i = 0; datasets != NULL && i < datasets->len; i++)
    gtk_list_box_append (self->list, make_row (self, g_ptr_array_index (datasets, i)));
  n = datasets != NULL ? datasets->len : 0;

  gtk_widget_set_visible (GTK_WIDGET (self), n > 0);
  if (self->n_datasets != n)
    {
      self->n_datasets = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DATASETS]);
    }
}

static void
project_changed_cb (OrchardDatasetList *self,
                    int                 what,
                    gint64              id)
{
  /* The rows show no run counts: only data sets matter. */
  if (what == ORCHARD_PROJECT_CHANGE_DATASETS || what == ORCHARD_PROJECT_CHANGE_EXTERNAL)
    refresh (self);
}

static void
orchard_dataset_list_dispose (GObject *object)
{
  OrchardDatasetList *self = ORCHARD_DATASET_LIST (object);
  GtkWidget *child;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_DATASET_LIST);
  /* The template's box is not one of its bound children. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (orchard_dataset_list_parent_class)->dispose (object);
}

static void
orchard_dataset_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardDatasetList *self = ORCHARD_DATASET_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_N_DATASETS:
      g_value_set_uint (value, self->n_datasets);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_dataset_list_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardDatasetList *self = ORCHARD_DATASET_LIST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_dataset_list_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_dataset_list_class_init (OrchardDatasetListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_dataset_list_dispose;
  object_class->get_property = orchard_dataset_list_get_property;
  object_class->set_property = orchard_dataset_list_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_DATASETS] =
    g_param_spec_uint ("n-datasets", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-dataset-list.ui");
  gtk_widget_class_bind_template_child (widget_class, OrchardDatasetList, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
orchard_dataset_list_init (OrchardDatasetList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

OrchardSession *
orchard_dataset_list_get_session (OrchardDatasetList *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATASET_LIST (self), NULL);
  return self->session;
}

void
orchard_dataset_list_set_session (OrchardDatasetList *self,
                                  OrchardSession     *session)
{
  g_return_if_fail (ORCHARD_IS_DATASET_LIST (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "project-changed", G_CALLBACK (project_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::project", G_CALLBACK (refresh), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::dataset-id", G_CALLBACK (refresh), self,
                               G_CONNECT_SWAPPED);
    }
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * orchard_dataset_list_get_n_datasets:
 *
 * Returns: the rows shown: the project's data sets
 */
guint
orchard_dataset_list_get_n_datasets (OrchardDatasetList *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATASET_LIST (self), 0);
  return self->n_datasets;
}

/**
 * orchard_dataset_list_get_list_box:
 *
 * Returns: (transfer none): the list box of rows (for tests)
 */
GtkListBox *
orchard_dataset_list_get_list_box (OrchardDatasetList *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATASET_LIST (self), NULL);
  return self->list;
}
