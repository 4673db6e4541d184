/* test-projects.c: the window's project: untitled, data sets, Save As,
 * reopening, bad files, other processes' runs
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "app-test-util.h"
#include "orchard-application.h"
#include "orchard-dataset-list.h"
#include "orchard-project-ui.h"
#include "orchard-window.h"

static OrchardApplication *app;
static OrchardWindow *window;
static char *tmp_dir;

/* ---- helpers ------------------------------------------------------------ */

static OrchardSession *
session (void)
{
  return orchard_window_get_session (window);
}

static OrchardProject *
project (void)
{
  return orchard_session_get_project (session ());
}

static gboolean
settled (gpointer data)
{
  OrchardSession *s = orchard_window_get_session (data);

  return !orchard_session_get_loading (s) && !orchard_session_get_profiling (s) &&
         !orchard_session_get_recording (s) && !orchard_window_get_project_busy (data);
}

static char *
copy_sample (const char *name,
             const char *as)
{
  g_autofree char *from = app_test_sample_path (name);
  g_autofree char *contents = NULL;
  char *to = g_build_filename (tmp_dir, as, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (to, contents, length, NULL));
  return to;
}

static void
open_data (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-uri", "s", uri);
  app_test_spin (50);
  g_assert_true (app_test_wait_for (settled, window, 60000));
}

static void
open_project_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-project-uri", "s", uri));
  g_assert_true (app_test_wait_for (settled, window, 30000));
}

static GPtrArray *
list_datasets (OrchardProject *p)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *datasets = orchard_project_list_datasets (p, &error);

  g_assert_no_error (error);
  return datasets;
}

/* The message dialog a window shows, if any. */
static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (toplevel);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static void
close_dialog (AdwMessageDialog *dialog,
              const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  app_test_spin (100);
}

/* ---- tests ---------------------------------------------------------------- */

static char *untitled_path;

static void
test_untitled (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "orchard", "projects",
                                                "Untitled-1.orchard", NULL);
  GFile *file;

  g_assert_nonnull (project ());
  file = orchard_project_get_file (project ());
  untitled_path = g_file_get_path (file);
  /* A fresh data folder: the first untitled name. */
  g_assert_cmpstr (untitled_path, ==, expected);
  g_assert_true (g_file_test (untitled_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (orchard_project_ui_is_untitled (project ()));
  g_assert_false (orchard_project_is_read_only (project ()));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Project — Orchard");
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "0 data sets · 0 runs");
  g_assert_true (orchard_window_is_pristine (window));
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), ==, 0);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "project-untitled-light.png");
}

static char *penguins_path;
static char *penguins_hash;

static void
test_dataset_once (void)
{
  g_autoptr(OrchardTable) reference = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autofree char *copy = NULL;
  OrchardDatasetInfo *info;

  penguins_path = copy_sample ("penguins.csv", "penguins.csv");
  reference = app_test_load_table (penguins_path);
  penguins_hash = g_strdup (orchard_table_get_hash (reference));

  open_data (penguins_path);
  datasets = list_datasets (project ());
  g_assert_cmpuint (datasets->len, ==, 1);
  info = g_ptr_array_index (datasets, 0);
  g_assert_cmpstr (info->hash, ==, penguins_hash);
  g_assert_cmpstr (info->name, ==, "penguins.csv");
  g_assert_cmpstr (info->source, ==, penguins_path);
  g_assert_cmpuint (info->n_rows, ==, 344);
  g_assert_cmpuint (info->n_columns, ==, 8);
  g_assert_true (info->stored);
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), ==, info->id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "penguins.csv — Untitled Project — Orchard");
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "1 data set · 0 runs");
  g_assert_cmpuint (orchard_dataset_list_get_n_datasets (orchard_window_get_dataset_list (window)), ==, 1);
  {
    g_autofree char *text = orchard_dataset_describe (info);
    g_autofree char *size = g_format_size (info->stored_size);
    g_autofree char *expected = g_strdup_printf ("344 rows × 8 columns · %s · %.8s", size,
                                                 penguins_hash);

    g_assert_cmpuint (info->stored_size, >, 0);
    g_assert_cmpstr (text, ==, expected);
  }

  /* The same content under another name is the same data set. */
  copy = copy_sample ("penguins.csv", "penguins-copy.csv");
  open_data (copy);
  g_clear_pointer (&datasets, g_ptr_array_unref);
  datasets = list_datasets (project ());
  g_assert_cmpuint (datasets->len, ==, 1);
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), ==,
                   ((OrchardDatasetInfo *) g_ptr_array_index (datasets, 0))->id);

  /* A role change keeps the data version (the hash is of names, kinds, values). */
  orchard_session_set_role (session (), 0, ORCHARD_COLUMN_ROLE_TARGET);
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), ==,
                   ((OrchardDatasetInfo *) g_ptr_array_index (datasets, 0))->id);
}

static char *saved_path;

static void
test_save_as (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(OrchardProject) independent = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *uri = NULL;

  saved_path = g_build_filename (tmp_dir, "Penguin Study.orchard", NULL);
  file = g_file_new_for_path (saved_path);
  orchard_window_save_project_as (window, file);
  g_assert_true (app_test_wait_for (settled, window, 30000));
  g_assert_null (find_dialog ());

  /* The window follows the new file, named after it. */
  g_assert_true (g_file_equal (orchard_project_get_file (project ()), file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "penguins-copy.csv — Penguin Study — Orchard");
  g_assert_false (orchard_project_ui_is_untitled (project ()));
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), >, 0);

  /* An untitled project is moved, not copied. */
  g_assert_false (g_file_test (untitled_path, G_FILE_TEST_EXISTS));

  /* What another program finds in the file. */
  independent = orchard_project_open (file, ORCHARD_PROJECT_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  datasets = list_datasets (independent);
  g_assert_cmpuint (datasets->len, ==, 1);
  g_assert_cmpstr (((OrchardDatasetInfo *) g_ptr_array_index (datasets, 0))->hash, ==, penguins_hash);
  {
    g_autofree char *name = orchard_project_dup_name (independent);
    g_assert_cmpstr (name, ==, "Penguin Study");
  }

  recent = g_settings_get_strv (orchard_application_get_settings (app), "recent-projects");
  uri = g_file_get_uri (file);
  g_assert_cmpstr (recent[0], ==, uri);

  /* Saving onto its own file is refused with a dialog, and nothing changes. */
  orchard_window_save_project_as (window, file);
  g_assert_true (app_test_wait_for (dialog_shown, NULL, 10000));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (find_dialog ()), "own file"));
  close_dialog (find_dialog (), "close");
  g_assert_true (g_file_equal (orchard_project_get_file (project ()), file));
  g_assert_true (g_file_test (saved_path, G_FILE_TEST_IS_REGULAR));
}

static void
test_rename (void)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *name = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-project", NULL));
  g_assert_true (app_test_wait_for (dialog_shown, NULL, 5000));
  dialog = find_dialog ();
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Penguin Study");
  /* An empty name cannot be chosen. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "  ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Penguins & Co");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  close_dialog (dialog, "rename");

  name = orchard_project_dup_name (project ());
  g_assert_cmpstr (name, ==, "Penguins & Co");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "penguins-copy.csv — Penguins & Co — Orchard");
  /* The file stays where it is. */
  g_assert_true (g_file_test (saved_path, G_FILE_TEST_IS_REGULAR));
}

static gint64 external_changes;

static void
project_changed_cb (OrchardSession *s,
                    int             what,
                    gint64          id)
{
  if (what == ORCHARD_PROJECT_CHANGE_EXTERNAL)
    external_changes++;
}

static gboolean
subtitle_is (gpointer data)
{
  return g_strcmp0 (orchard_window_get_project_subtitle (window), data) == 0;
}

static void
test_external_run (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (saved_path);
  g_autoptr(OrchardProject) other = NULL;
  g_autoptr(OrchardModel) model = orchard_model_new_by_name ("ridge", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  gulong handler;
  gint64 id;

  handler = g_signal_connect (session (), "project-changed", G_CALLBACK (project_changed_cb), NULL);
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "1 data set · 0 runs");

  /* Another connection, as orchard-cli train --project is. */
  other = orchard_project_open (file, ORCHARD_PROJECT_OPEN_DEFAULT, NULL, &error);
  g_assert_no_error (error);
  id = orchard_project_begin_run (other, orchard_session_get_dataset_id (session ()), "species",
                                  model, 7, 0, &error);
  g_assert_no_error (error);
  g_assert_true (orchard_project_log_metric (other, id, "test", ORCHARD_RUN_FOLD_NONE, "accuracy",
                                             0.97, &error));
  g_assert_true (orchard_project_finish_run (other, id, ORCHARD_RUN_FINISHED, NULL, &error));
  g_assert_no_error (error);

  /* The window polls every second. */
  g_assert_true (app_test_wait_for (subtitle_is, (gpointer) "1 data set · 1 run", 10000));
  g_assert_cmpint (external_changes, >, 0);
  runs = orchard_project_list_runs (project (), NULL, NULL, ORCHARD_SORT_AUTO,
                                    ORCHARD_RUN_DETAIL_SUMMARY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpint (orchard_run_get_id (g_ptr_array_index (runs, 0)), ==, id);
  g_signal_handler_disconnect (session (), handler);
}

/* The header of the SQLite file keeps the schema version at offset 60. */
static char *
write_newer_schema_project (void)
{
  char *path = g_build_filename (tmp_dir, "from-the-future.orchard", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  {
    g_autoptr(OrchardProject) p = orchard_project_open (file, ORCHARD_PROJECT_OPEN_CREATE, NULL, &error);
    g_assert_no_error (error);
    /* Checkpointed into the main file when the last connection closes. */
  }
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 100);
  contents[60] = 0;
  contents[61] = 0;
  contents[62] = 0;
  contents[63] = 99;
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
expect_open_error (const char *path,
                   const char *fragment)
{
  GFile *before = orchard_project_get_file (project ());
  g_autoptr(GFile) kept = g_object_ref (before);
  g_autofree char *contents_before = NULL;
  g_autofree char *contents_after = NULL;
  gsize length_before, length_after;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_get_contents (path, &contents_before, &length_before, NULL));
  open_project_file (path);
  g_assert_true (app_test_wait_for (dialog_shown, NULL, 10000));
  dialog = find_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Open the Project");
  g_test_message ("%s: %s", path, adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), fragment));
  close_dialog (dialog, "close");

  /* The window keeps its project, and the bad file is as it was. */
  g_assert_true (g_file_equal (orchard_project_get_file (project ()), kept));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "penguins-copy.csv — Penguins & Co — Orchard");
  g_assert_true (g_file_get_contents (path, &contents_after, &length_after, NULL));
  g_assert_cmpmem (contents_before, length_before, contents_after, length_after);
}

static void
test_bad_files (void)
{
  g_autofree char *newer = write_newer_schema_project ();
  g_autofree char *garbage = g_build_filename (tmp_dir, "garbage.orchard", NULL);
  g_autofree char *text = g_build_filename (tmp_dir, "notes.orchard", NULL);
  g_autoptr(OrchardProject) reopened = NULL;
  g_autofree char *data = g_malloc (8192);

  expect_open_error (newer, "newer Orchard");

  /* A damaged file: an SQLite header followed by noise. */
  memcpy (data, "SQLite format 3", 16);
  for (guint i = 16; i < 8192; i++)
    data[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (garbage, data, 8192, NULL));
  expect_open_error (garbage, "garbage.orchard");

  g_assert_true (g_file_set_contents (text, "name,value\na,1\n", -1, NULL));
  expect_open_error (text, "not an Orchard project");
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
table_is (gpointer data)
{
  OrchardTable *table = orchard_session_get_table (session ());

  return table != NULL && settled (window) && g_str_equal (orchard_table_get_hash (table), data);
}

static void
test_reopen (void)
{
  gpointer weak = window;
  g_autofree char *pristine_path = NULL;
  OrchardDatasetList *list;
  GtkListBoxRow *row;
  g_autoptr(GPtrArray) datasets = NULL;

  /* Close the window: everything was saved as it happened. */
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (app_test_wait_for (window_gone, &weak, 5000));

  /* A new window starts a new untitled project. */
  g_application_activate (G_APPLICATION (app));
  window = ORCHARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  app_test_set_window (window);
  g_assert_nonnull (window);
  app_test_resize (1100, 720);
  g_assert_true (orchard_window_is_pristine (window));
  pristine_path = g_file_get_path (orchard_project_get_file (project ()));
  g_assert_true (g_file_test (pristine_path, G_FILE_TEST_IS_REGULAR));

  /* Opening the saved project there replaces the empty untitled one,
   * which is deleted. */
  open_project_file (saved_path);
  g_assert_null (find_dialog ());
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Penguins & Co — Orchard");
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "1 data set · 1 run");
  g_assert_false (g_file_test (pristine_path, G_FILE_TEST_EXISTS));
  list = orchard_window_get_dataset_list (window);
  g_assert_cmpuint (orchard_dataset_list_get_n_datasets (list), ==, 1);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "project-reopened-light.png");

  /* Activating the data set's row reads it back from the project. */
  row = gtk_list_box_get_row_at_index (orchard_dataset_list_get_list_box (list), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "penguins.csv");
  g_assert_true (gtk_widget_activate (GTK_WIDGET (row)));
  g_assert_true (app_test_wait_for (table_is, penguins_hash, 30000));
  datasets = list_datasets (project ());
  g_assert_cmpuint (datasets->len, ==, 1);
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), ==,
                   ((OrchardDatasetInfo *) g_ptr_array_index (datasets, 0))->id);
  g_assert_cmpuint (orchard_table_get_n_rows (orchard_session_get_table (session ())), ==, 344);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   "penguins.csv — Penguins & Co — Orchard");
  g_assert_null (orchard_window_get_error_message (window));
}

static void
test_reference_changed_on_disk (void)
{
  g_autofree char *path = copy_sample ("seattle-weather.csv", "weather.csv");
  g_autoptr(OrchardDatasetInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) times = g_file_info_new ();
  g_autofree char *note = NULL;
  gboolean warning;
  gint64 id;

  /* Above the limit only a reference is stored. */
  orchard_project_set_inline_limit (project (), 1024);
  open_data (path);
  id = orchard_session_get_dataset_id (session ());
  g_assert_cmpint (id, >, 0);
  info = orchard_project_get_dataset (project (), id, &error);
  g_assert_no_error (error);
  g_assert_false (info->stored);
  g_assert_cmpuint (info->stored_size, ==, 0);
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "2 data sets · 1 run");
  note = orchard_dataset_check_file (info, &warning);
  g_assert_null (note);
  g_assert_false (warning);

  /* Change the file behind the project's back. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    contents[length - 2] = contents[length - 2] == 'n' ? 'm' : 'n';
    g_assert_true (g_file_set_contents (path, contents, length, NULL));
  }
  g_file_info_set_attribute_uint64 (times, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                    (guint64) (info->added / 1000 + 60));
  g_assert_true (g_file_set_attributes_from_info (file, times, G_FILE_QUERY_INFO_NONE, NULL, &error));
  g_assert_no_error (error);
  note = orchard_dataset_check_file (info, &warning);
  g_assert_nonnull (note);
  g_assert_true (warning);
  g_assert_cmpstr (note, ==, "weather.csv changed on disk after it was added; the project only refers to it");

  /* Loading it says so, and the table shown stays. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-dataset", "x", id);
  app_test_spin (50);
  g_assert_true (app_test_wait_for (settled, window, 30000));
  g_assert_nonnull (orchard_window_get_error_message (window));
  g_test_message ("%s", orchard_window_get_error_message (window));
  g_assert_nonnull (strstr (orchard_window_get_error_message (window), "changed since it was recorded"));
  g_assert_cmpstr (orchard_table_get_hash (orchard_session_get_table (session ())), ==,
                   info->hash);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-error", NULL);
}

static GtkMenuButton *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the menu, or one of its sections and submenus, has @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          gboolean found = menu_has_action (link, action);

          g_object_unref (link);
          if (found)
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_screenshots (void)
{
  GtkMenuButton *button;
  GtkWidget *popover;

  /* The list in the Data page's header. */
  orchard_window_show_phase (window, "data");
  app_test_spin (200);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (orchard_window_get_dataset_list (window)),
                                     GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  button = GTK_MENU_BUTTON (gtk_widget_get_parent (popover));
  g_assert_true (GTK_IS_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  app_test_spin (300);
  app_test_save_widget_screenshot (popover, "project-datasets-popover-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_spin (300);
  app_test_save_widget_screenshot (popover, "project-datasets-popover-dark.png");
  gtk_menu_button_popdown (button);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);

  /* The primary menu has the project's actions and the recent projects. */
  button = find_primary_menu (GTK_WIDGET (window));
  g_assert_nonnull (button);
  {
    GMenuModel *model = gtk_menu_button_get_menu_model (button);
    const char *actions[] = { "app.new-project", "app.open-project", "win.save-project-as",
                              "win.rename-project" };
    g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
    g_autofree char *uri = g_file_get_uri (saved);
    g_auto(GStrv) recent = g_settings_get_strv (orchard_application_get_settings (app),
                                                "recent-projects");

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      g_assert_true (menu_has_action (model, actions[i]));
    g_assert_true (menu_has_action (model, "win.open-project-uri"));
    g_assert_cmpstr (recent[0], ==, uri);
  }
  gtk_menu_button_popup (button);
  app_test_spin (300);
  app_test_save_widget_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (button)), "project-menu-light.png");
  gtk_menu_button_popdown (button);
}

static void
test_empty_page_lists_datasets (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (saved_path);
  OrchardWindow *first = window;
  OrchardWindow *second;

  /* Open Project from a window with data opens a new window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
  app_test_spin (300);
  second = ORCHARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (second != first);
  window = second;
  app_test_set_window (window);
  app_test_resize (1100, 720);
  g_assert_true (orchard_window_is_pristine (window));

  /* The project is open in the first window: that one comes forward. */
  orchard_application_open_project (app, file, GTK_WINDOW (window));
  app_test_spin (200);
  g_assert_true (orchard_window_is_pristine (window));
  g_assert_true (orchard_window_has_project (first, file));

  /* Closing the first, the project opens in this empty one: its Data page
   * offers the project's data sets. */
  {
    gpointer weak = first;

    g_object_add_weak_pointer (G_OBJECT (first), &weak);
    gtk_window_close (GTK_WINDOW (first));
    g_assert_true (app_test_wait_for (window_gone, &weak, 5000));
  }
  open_project_file (saved_path);
  g_assert_null (orchard_session_get_table (session ()));
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "2 data sets · 1 run");
  app_test_save_widget_screenshot (GTK_WIDGET (window), "project-empty-data-page-light.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "project-empty-data-page-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_resize (400, 720);
  app_test_save_widget_screenshot (GTK_WIDGET (window), "project-narrow-light.png");
  orchard_window_show_phase (window, "data");
  app_test_save_widget_screenshot (GTK_WIDGET (window), "project-narrow-data-light.png");
  app_test_resize (1100, 720);
}

static void
test_read_only (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (saved_path);
  g_autoptr(OrchardProject) read_only = NULL;
  g_autoptr(GPtrArray) datasets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  /* A project opened read-only says so and records nothing. */
  read_only = orchard_project_open (file, ORCHARD_PROJECT_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  orchard_window_set_project (window, read_only);
  g_assert_true (orchard_session_get_project (session ()) == read_only);
  g_assert_cmpstr (orchard_window_get_project_subtitle (window), ==, "Read-Only · 2 data sets · 1 run");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-project", NULL) &&
                  find_dialog () != NULL);

  /* Content the project does not have yet. */
  path = g_build_filename (tmp_dir, "two-rows.csv", NULL);
  g_assert_true (g_file_set_contents (path, "a,b\n1,x\n2,y\n", -1, NULL));
  open_data (path);
  g_assert_cmpuint (orchard_table_get_n_rows (orchard_session_get_table (session ())), ==, 2);
  g_assert_cmpint (orchard_session_get_dataset_id (session ()), ==, 0);
  datasets = list_datasets (read_only);
  g_assert_cmpuint (datasets->len, ==, 2);
}

static void
test_close_discards_empty_untitled (void)
{
  OrchardWindow *first = window;
  OrchardWindow *second;
  g_autofree char *path = NULL;
  gpointer weak;

  g_action_group_activate_action (G_ACTION_GROUP (app), "new-project", NULL);
  app_test_spin (300);
  second = ORCHARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (second != first);
  g_assert_true (orchard_window_is_pristine (second));
  path = g_file_get_path (orchard_project_get_file (orchard_session_get_project (orchard_window_get_session (second))));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* New Project in a window that has nothing yet makes no other window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "new-project", NULL);
  app_test_spin (300);
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) == GTK_WINDOW (second));

  weak = second;
  g_object_add_weak_pointer (G_OBJECT (second), &weak);
  gtk_window_close (GTK_WINDOW (second));
  g_assert_true (app_test_wait_for (window_gone, &weak, 5000));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  window = first;
  app_test_set_window (window);
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return g_unlink (path) == 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  return g_rmdir (path) == 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* Untitled projects go to a data folder of the test's own. */
  tmp_dir = g_dir_make_tmp ("orchard-projects-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  data_home = g_build_filename (tmp_dir, "data-home", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  app_test_init (&argc, &argv);

  window = app_test_open_window (1100, 720);
  app = app_test_get_application ();

  g_test_add_func ("/app/projects/untitled", test_untitled);
  g_test_add_func ("/app/projects/dataset-once", test_dataset_once);
  g_test_add_func ("/app/projects/save-as", test_save_as);
  g_test_add_func ("/app/projects/rename", test_rename);
  g_test_add_func ("/app/projects/external-run", test_external_run);
  g_test_add_func ("/app/projects/bad-files", test_bad_files);
  g_test_add_func ("/app/projects/reopen", test_reopen);
  g_test_add_func ("/app/projects/reference-changed-on-disk", test_reference_changed_on_disk);
  g_test_add_func ("/app/projects/screenshots", test_screenshots);
  g_test_add_func ("/app/projects/empty-page-lists-data-sets", test_empty_page_lists_datasets);
  g_test_add_func ("/app/projects/read-only", test_read_only);
  g_test_add_func ("/app/projects/close-discards-empty-untitled", test_close_discards_empty_untitled);

  status = app_test_run ();

  remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (untitled_path);
  g_free (penguins_path);
  g_free (penguins_hash);
  g_free (saved_path);

  return status;
}
