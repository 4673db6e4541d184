/* orchard-project-ui.c: what the window does with project files
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "orchard-project-ui.h"

/* A window always has a project: without one chosen it is an untitled one
 * in the user's data folder, Untitled-N.orchard, which Save As moves to
 * where the user wants it, and which is deleted when its window closes
 * while it is still empty. */

#define UNTITLED_PREFIX "Untitled-"
#define PROJECT_SUFFIX ".orchard"

/**
 * orchard_project_ui_dup_untitled_dir:
 *
 * Returns: (transfer full): where untitled projects live:
 *   `$XDG_DATA_HOME/orchard/projects`
 */
GFile *
orchard_project_ui_dup_untitled_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "orchard", "projects", NULL);

  return g_file_new_for_path (path);
}

/**
 * orchard_project_ui_create_untitled:
 * @error: return location for a #GError
 *
 * Creates the first free `Untitled-N.orchard` in the untitled folder.
 *
 * Returns: (transfer full) (nullable): the new project
 */
OrchardProject *
orchard_project_ui_create_untitled (GError **error)
{
  g_autoptr(GFile) dir = orchard_project_ui_dup_untitled_dir ();
  g_autofree char *dir_path = g_file_get_path (dir);

  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not create the folder %s: %s"), dir_path, g_strerror (saved));
      return NULL;
    }

  for (guint n = 1; n < 100000; n++)
    {
      g_autofree char *name = g_strdup_printf (UNTITLED_PREFIX "%u" PROJECT_SUFFIX, n);
      g_autoptr(GFile) file = g_file_get_child (dir, name);

      /* Another window's untitled project may be empty and not written
       * yet; the names are taken by their files, which exist at once. */
      if (g_file_query_exists (file, NULL))
        continue;
      return orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, error);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("%s has too many untitled projects"),
               dir_path);
  return NULL;
}

static char *
file_stem (GFile *file)
{
  char *name = g_file_get_basename (file);
  char *dot = name != NULL ? strrchr (name, '.') : NULL;

  if (dot != NULL && dot != name)
    *dot = '\0';
  return name;
}

static gboolean
is_untitled_file (GFile *file)
{
  g_autoptr(GFile) dir = orchard_project_ui_dup_untitled_dir ();
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  const char *digits;

  if (parent == NULL || !g_file_equal (parent, dir) || name == NULL ||
      !g_str_has_prefix (name, UNTITLED_PREFIX) || !g_str_has_suffix (name, PROJECT_SUFFIX))
    return FALSE;
  digits = name + strlen (UNTITLED_PREFIX);
  if (!g_ascii_isdigit (*digits))
    return FALSE;
  while (g_ascii_isdigit (*digits))
    digits++;
  return g_str_equal (digits, PROJECT_SUFFIX);
}

/**
 * orchard_project_ui_is_untitled:
 *
 * Returns: whether @project is an untitled one the user has not saved
 *   anywhere yet
 */
gboolean
orchard_project_ui_is_untitled (OrchardProject *project)
{
  g_return_val_if_fail (ORCHARD_IS_PROJECT (project), FALSE);
  return is_untitled_file (orchard_project_get_file (project));
}

/**
 * orchard_project_ui_dup_title:
 *
 * Returns: (transfer full): the project's name, or "Untitled Project"
 *   while it is untitled and nobody named it
 */
char *
orchard_project_ui_dup_title (OrchardProject *project)
{
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (project), NULL);

  name = orchard_project_dup_name (project);
  stem = file_stem (orchard_project_get_file (project));
  if (orchard_project_ui_is_untitled (project) && (name == NULL || g_strcmp0 (name, stem) == 0))
    return g_strdup (_("Untitled Project"));
  if (name == NULL || name[0] == '\0')
    return g_steal_pointer (&stem);
  return g_steal_pointer (&name);
}

/**
 * orchard_project_ui_dup_summary:
 *
 * Returns: (transfer full): "2 data sets · 5 runs"
 */
char *
orchard_project_ui_dup_summary (OrchardProject *project)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autofree char *n_datasets_text = NULL;
  g_autofree char *n_runs_text = NULL;
  guint n_datasets, n_runs;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (project), NULL);

  datasets = orchard_project_list_datasets (project, NULL);
  n_datasets = datasets != NULL ? datasets->len : 0;
  n_runs = orchard_project_count_runs (project, NULL, NULL);
  n_datasets_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u data set", "%u data sets",
                                                  n_datasets), n_datasets);
  n_runs_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u run", "%u runs", n_runs),
                                 n_runs);
  /* Translators: the project's contents, "2 data sets · 5 runs" */
  return g_strdup_printf (_("%s · %s"), n_datasets_text, n_runs_text);
}

/**
 * orchard_project_ui_is_empty:
 *
 * Returns: whether @project has neither data sets nor runs
 */
gboolean
orchard_project_ui_is_empty (OrchardProject *project)
{
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (project), FALSE);

  datasets = orchard_project_list_datasets (project, &error);
  if (datasets == NULL)
    return FALSE;
  return datasets->len == 0 && orchard_project_count_runs (project, NULL, &error) == 0 &&
         error == NULL;
}

static gboolean
delete_if_exists (const char  *path,
                  GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Could not delete %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/**
 * orchard_project_ui_discard:
 * @project: an untitled project
 * @error: return location for a #GError
 *
 * Closes @project and deletes its file (with SQLite's write-ahead log and
 * shared-memory index beside it). Only untitled projects are discarded:
 * the user never chose where they are.
 *
 * Returns: %FALSE on error
 */
gboolean
orchard_project_ui_discard (OrchardProject  *project,
                            GError         **error)
{
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  g_return_val_if_fail (ORCHARD_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (orchard_project_ui_is_untitled (project), FALSE);

  path = g_file_get_path (orchard_project_get_file (project));
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  orchard_project_close (project);
  return delete_if_exists (path, error) && delete_if_exists (wal, NULL) &&
         delete_if_exists (shm, NULL);
}

/* ---- opening and saving, in a thread ---------------------------------------- */

static gboolean
can_write (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInfo) dir_info = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL && !g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    return FALSE;
  /* SQLite's write-ahead log goes next to the file. */
  if (parent != NULL)
    dir_info = g_file_query_info (parent, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                                  G_FILE_QUERY_INFO_NONE, NULL, NULL);
  return dir_info == NULL ||
         g_file_info_get_attribute_boolean (dir_info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GError *error = NULL;
  OrchardProject *project;

  /* A file the user cannot write is opened read-only, and says so. */
  project = orchard_project_open (file,
                                  can_write (file) ? ORCHARD_PROJECT_OPEN_DEFAULT
                                                   : ORCHARD_PROJECT_OPEN_READ_ONLY,
                                  cancellable, &error);
  if (project == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, project, g_object_unref);
}

/**
 * orchard_project_ui_open_async:
 * @file: a `*.orchard` file
 *
 * Opens a project in a thread (an older schema is upgraded, which may
 * take a while), read-only when the user cannot write it. A newer or
 * damaged file is an error and stays as it is.
 */
void
orchard_project_ui_open_async (GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (G_IS_FILE (file));

  g_task_set_source_tag (task, orchard_project_ui_open_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, open_worker);
}

OrchardProject *
orchard_project_ui_open_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  OrchardProject *project;
  GFile          *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->project);
  g_clear_object (&data->file);
  g_free (data);
}

static void
save_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GFile *old_file = orchard_project_get_file (data->project);
  g_autoptr(OrchardProject) copy = NULL;
  g_autofree char *path = g_file_get_path (data->file);
  g_autofree char *name = orchard_project_dup_name (data->project);
  g_autofree char *old_stem = file_stem (old_file);
  GError *error = NULL;

  if (g_file_equal (old_file, data->file))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                               _("%s: this is the project’s own file; it is saved already"), path);
      return;
    }
  /* The file chooser asked whether to replace it. */
  if (path != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      if (!delete_if_exists (path, &error) || !delete_if_exists (wal, &error) ||
          !delete_if_exists (shm, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  if (!orchard_project_save_as (data->project, data->file, cancellable, &error) ||
      (copy = orchard_project_open (data->file, ORCHARD_PROJECT_OPEN_DEFAULT, cancellable,
                                    &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* A name that was the old file's follows the file; one the user gave stays. */
  if (name == NULL || g_str_equal (name, old_stem))
    {
      g_autofree char *stem = file_stem (data->file);

      if (!orchard_project_set_name (copy, stem, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
}

/**
 * orchard_project_ui_save_as_async:
 * @project: the window's project
 * @file: where to save it (replaced if it exists: the chooser asked)
 *
 * Writes a compact copy of @project to @file and opens it, in a thread.
 * The window then follows the copy; an untitled original is discarded by
 * the caller, so that Save As moves it.
 */
void
orchard_project_ui_save_as_async (OrchardProject      *project,
                                  GFile               *file,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveData *data = g_new0 (SaveData, 1);

  g_return_if_fail (ORCHARD_IS_PROJECT (project));
  g_return_if_fail (G_IS_FILE (file));

  data->project = g_object_ref (project);
  data->file = g_object_ref (file);
  g_task_set_source_tag (task, orchard_project_ui_save_as_async);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_worker);
}

OrchardProject *
orchard_project_ui_save_as_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- dialogs ------------------------------------------------------------------ */

typedef struct
{
  GtkWindow                *parent;
  gboolean                  save;
  OrchardProjectFileChosen  chosen;
  gpointer                  user_data;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->parent);
  g_free (choice);
}

static void
choice_done (Choice *choice,
             GFile  *file)
{
  g_autoptr(GFile) with_suffix = NULL;

  if (file != NULL && choice->save)
    {
      g_autofree char *name = g_file_get_basename (file);

      /* A project is known by its extension. */
      if (name != NULL && !g_str_has_suffix (name, PROJECT_SUFFIX))
        {
          g_autoptr(GFile) parent = g_file_get_parent (file);
          g_autofree char *fixed = g_strconcat (name, PROJECT_SUFFIX, NULL);

          if (parent != NULL)
            file = with_suffix = g_file_get_child (parent, fixed);
        }
    }
  if (file != NULL)
    choice->chosen (choice->parent, file, choice->user_data);
  choice_free (choice);
}

static GListStore *
make_filters (GtkFileFilter **project_filter)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) projects = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (projects, _("Orchard Projects"));
  gtk_file_filter_add_pattern (projects, "*" PROJECT_SUFFIX);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  g_list_store_append (filters, projects);
  g_list_store_append (filters, all);
  *project_filter = g_object_ref (projects);
  return filters;
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
dialog_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Choice *choice = user_data;
  g_autoptr(GFile) file = NULL;

  if (choice->save)
    file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);
  else
    file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);
  choice_done (choice, file);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     Choice          *choice)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  choice_done (choice, file);
}
#endif

/**
 * orchard_project_ui_choose_file:
 * @parent: the window asking
 * @save: %TRUE to choose where to save, %FALSE a project to open
 * @suggested_name: (nullable): the name to start with when saving
 * @chosen: called with the file once chosen (not when cancelled)
 * @user_data: data for @chosen
 *
 * Shows the file chooser, filtered to `*.orchard`: `GtkFileChooserNative`
 * on GTK 4.8 (the portal in the Flatpak), `GtkFileDialog` from GTK 4.10.
 */
void
orchard_project_ui_choose_file (GtkWindow                *parent,
                                gboolean                  save,
                                const char               *suggested_name,
                                OrchardProjectFileChosen  chosen,
                                gpointer                  user_data)
{
  g_autoptr(GtkFileFilter) project_filter = NULL;
  g_autoptr(GListStore) filters = make_filters (&project_filter);
  Choice *choice = g_new0 (Choice, 1);
  const char *title = save ? _("Save Project As") : _("Open Project");
  const char *accept = save ? _("_Save") : _("_Open");

  choice->parent = g_object_ref (parent);
  choice->save = save;
  choice->chosen = chosen;
  choice->user_data = user_data;

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

    gtk_file_dialog_set_title (dialog, title);
    gtk_file_dialog_set_accept_label (dialog, accept);
    gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
    gtk_file_dialog_set_default_filter (dialog, project_filter);
    if (save)
      {
        gtk_file_dialog_set_initial_name (dialog, suggested_name);
        gtk_file_dialog_save (dialog, parent, NULL, dialog_cb, choice);
      }
    else
      gtk_file_dialog_open (dialog, parent, NULL, dialog_cb, choice);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkFileChooserNative *dialog;

    dialog = gtk_file_chooser_native_new (title, parent,
                                          save ? GTK_FILE_CHOOSER_ACTION_SAVE
                                               : GTK_FILE_CHOOSER_ACTION_OPEN,
                                          accept, _("_Cancel"));
    gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
        gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
      }
    gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), project_filter);
    if (save && suggested_name != NULL)
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
    g_signal_connect (dialog, "response", G_CALLBACK (chooser_response_cb), choice);
    gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
  }
#endif
}

/**
 * orchard_project_ui_show_error:
 * @parent: the window
 * @heading: what failed, "Could Not Open the Project"
 * @error: why, with the file named
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
orchard_project_ui_show_error (GtkWindow    *parent,
                               const char   *heading,
                               const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    OrchardProject   *project)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "rename") || name[0] == '\0')
    return;
  if (!orchard_project_set_name (project, name, &error))
    orchard_project_ui_show_error (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                   _("Could Not Rename the Project"), error);
}

static void
rename_entry_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "rename", name[0] != '\0');
}

/**
 * orchard_project_ui_rename:
 * @parent: the window
 * @project: its project
 *
 * Asks for a new name for @project; the file stays where it is.
 *
 * Returns: (transfer none): the dialog, shown; its "response" is
 *   "rename" once the name is set, "cancel" otherwise
 */
GtkWidget *
orchard_project_ui_rename (GtkWindow      *parent,
                           OrchardProject *project)
{
  g_autofree char *title = orchard_project_ui_dup_title (project);
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Rename Project"),
                                              _("The name shows in the title bar; the file keeps its name and place."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), title);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Project name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (rename_response_cb),
                         g_object_ref (project), (GClosureNotify) g_object_unref, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
