/* orchard-application.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-application.h"
#include "orchard-preferences-window.h"
#include "orchard-project-ui.h"
#include "orchard-window.h"

#define SCHEMA_ID "io.github.orchardml.Orchard"
#define MAX_RECENT 10

struct _OrchardApplication
{
  AdwApplication  parent_instance;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (OrchardApplication, orchard_application, ADW_TYPE_APPLICATION)

static GSettings *
new_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);

#ifdef ORCHARD_BUILD_SCHEMA_DIR
  /* Run from the build directory without `meson devenv`: the schema
   * compiled next to the build is the one that matches this binary. */
  if (schema == NULL)
    {
      g_autoptr(GSettingsSchemaSource) build = NULL;

      build = g_settings_schema_source_new_from_directory (ORCHARD_BUILD_SCHEMA_DIR, source,
                                                           FALSE, NULL);
      if (build != NULL)
        schema = g_settings_schema_source_lookup (build, SCHEMA_ID, FALSE);
    }
#endif

  if (schema == NULL)
    g_error ("The GSettings schema %s is not installed", SCHEMA_ID);

  return g_settings_new_full (schema, NULL, NULL);
}

static void
apply_color_scheme (OrchardApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwStyleManager *manager = adw_style_manager_get_default ();

  if (g_str_equal (scheme, "light"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  else if (g_str_equal (scheme, "dark"))
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  else
    adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
}

static GtkWindow *
new_window (OrchardApplication *self)
{
  return GTK_WINDOW (orchard_window_new (ADW_APPLICATION (self)));
}

static void
orchard_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = new_window (ORCHARD_APPLICATION (app));

  gtk_window_present (window);
}

static void
orchard_application_open (GApplication  *app,
                          GFile        **files,
                          int            n_files,
                          const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    orchard_application_open_file (ORCHARD_APPLICATION (app), files[i], NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* Closing through close-request lets each window save its size. */
  while (windows != NULL)
    {
      GtkWindow *window = windows->data;
      windows = windows->next;
      gtk_window_close (window);
    }
}

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  gtk_window_present (new_window (ORCHARD_APPLICATION (user_data)));
}

/* A window is a project: a new project is a new window, unless the active
 * one has nothing yet, which is a new untitled project already. */
static void
new_project_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  if (ORCHARD_IS_WINDOW (active) && orchard_window_is_pristine (ORCHARD_WINDOW (active)))
    gtk_window_present (active);
  else
    gtk_window_present (new_window (ORCHARD_APPLICATION (user_data)));
}

static void
project_chosen_cb (GtkWindow *parent,
                   GFile     *file,
                   gpointer   user_data)
{
  orchard_application_open_project (ORCHARD_APPLICATION (user_data), file, parent);
}

static void
open_project_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  OrchardApplication *self = user_data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active == NULL)
    active = new_window (self);
  orchard_project_ui_choose_file (active, FALSE, NULL, project_chosen_cb, self);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  OrchardApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  OrchardPreferencesWindow *prefs = orchard_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Orchard authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Orchard"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Orchard authors"),
                        "developers", developers,
                        "version", PACKAGE_VERSION,
                        "comments", _("Build, evaluate, deploy and monitor predictive models"),
                        "copyright", "© 2026 The Orchard authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "new-window", new_window_action },
  { "new-project", new_project_action },
  { "open-project", open_project_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
orchard_application_startup (GApplication *app)
{
  OrchardApplication *self = ORCHARD_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *new_window_accels[] = { "<Control>n", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *new_project_accels[] = { "<Control><Shift>n", NULL };
  static const char *open_project_accels[] = { "<Control><Shift>o", NULL };

  G_APPLICATION_CLASS (orchard_application_parent_class)->startup (app);

  self->settings = new_settings ();
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window", new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-project", new_project_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.open-project", open_project_accels);
}

static void
orchard_application_dispose (GObject *object)
{
  OrchardApplication *self = (OrchardApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (orchard_application_parent_class)->dispose (object);
}

static void
orchard_application_class_init (OrchardApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = orchard_application_dispose;
  app_class->startup = orchard_application_startup;
  app_class->activate = orchard_application_activate;
  app_class->open = orchard_application_open;
}

static void
orchard_application_init (OrchardApplication *self)
{
}

OrchardApplication *
orchard_application_new (void)
{
  /* The resource path stays the same in .Devel builds, so set it rather
   * than let GApplication derive it from the application id. */
  return g_object_new (ORCHARD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/orchardml/Orchard",
                       NULL);
}

/**
 * orchard_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
orchard_application_get_settings (OrchardApplication *self)
{
  g_return_val_if_fail (ORCHARD_IS_APPLICATION (self), NULL);
  return self->settings;
}

static gboolean
is_project_file (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL && g_str_has_suffix (name, ".orchard");
}

typedef struct
{
  OrchardApplication *self;
  GWeakRef            hint;
} OpenRequest;

static void
open_project_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OpenRequest *request = user_data;
  g_autoptr(GtkWindow) hint = g_weak_ref_get (&request->hint);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GError) error = NULL;

  project = orchard_project_ui_open_finish (result, &error);
  if (project != NULL)
    {
      GtkWindow *window = new_window (request->self);

      orchard_window_set_project (ORCHARD_WINDOW (window), project);
      gtk_window_present (window);
    }
  else
    {
      GtkWindow *parent = hint;

      /* With no window to say it in, the error gets one of its own. */
      if (parent == NULL)
        parent = gtk_application_get_active_window (GTK_APPLICATION (request->self));
      if (parent == NULL)
        {
          parent = new_window (request->self);
          gtk_window_present (parent);
        }
      orchard_project_ui_show_error (parent, _("Could Not Open the Project"), error);
    }

  g_application_release (G_APPLICATION (request->self));
  g_weak_ref_clear (&request->hint);
  g_object_unref (request->self);
  g_free (request);
}

/**
 * orchard_application_open_project:
 * @self: the application
 * @file: a `*.orchard` project
 * @hint: (nullable): the window the user asked from, if any
 *
 * Shows the project: a window that has it already is brought forward;
 * otherwise it opens in @hint (or the active window) when that window has
 * nothing yet, or else in a new window, so no window loses its work.
 */
void
orchard_application_open_project (OrchardApplication *self,
                                  GFile              *file,
                                  GtkWindow          *hint)
{
  OpenRequest *request;

  g_return_if_fail (ORCHARD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (ORCHARD_IS_WINDOW (l->data) && orchard_window_has_project (l->data, file))
      {
        gtk_window_present (l->data);
        return;
      }

  if (hint == NULL)
    hint = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (ORCHARD_IS_WINDOW (hint) && orchard_window_is_pristine (ORCHARD_WINDOW (hint)))
    {
      orchard_window_open_project (ORCHARD_WINDOW (hint), file);
      gtk_window_present (hint);
      return;
    }

  /* A window with work keeps it: the project gets a window of its own
   * once it opened, and a file that does not open makes no window. */
  request = g_new0 (OpenRequest, 1);
  request->self = g_object_ref (self);
  g_weak_ref_init (&request->hint, hint);
  /* `orchard P.orchard` has no window yet: keep running until it has. */
  g_application_hold (G_APPLICATION (self));
  orchard_project_ui_open_async (file, NULL, open_project_cb, request);
}

/**
 * orchard_application_add_recent_project:
 * @self: the application
 * @file: a project that was just opened or saved
 *
 * Puts @file first in the recent projects.
 */
void
orchard_application_add_recent_project (OrchardApplication *self,
                                        GFile              *file)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  g_autofree char *uri = NULL;
  guint n = 1;

  g_return_if_fail (ORCHARD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  old = g_settings_get_strv (self->settings, "recent-projects");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-projects", (const char * const *) recent);
}

/**
 * orchard_application_open_file:
 * @self: the application
 * @file: a data file
 * @hint: (nullable): the window the user asked from, if any
 *
 * Shows @file: a window that already has it is brought forward; otherwise
 * it loads into @hint, or into the active window while that is empty, or
 * into a new window.
 */
void
orchard_application_open_file (OrchardApplication *self,
                               GFile              *file,
                               GtkWindow          *hint)
{
  GtkWindow *target = NULL;
  GtkWindow *active;

  g_return_if_fail (ORCHARD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  if (is_project_file (file))
    {
      orchard_application_open_project (self, file, hint);
      return;
    }

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (ORCHARD_IS_WINDOW (l->data) && orchard_window_has_file (l->data, file))
      {
        gtk_window_present (l->data);
        return;
      }

  active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (ORCHARD_IS_WINDOW (hint))
    target = hint;
  else if (ORCHARD_IS_WINDOW (active) && orchard_window_is_empty (ORCHARD_WINDOW (active)))
    target = active;
  else
    target = new_window (self);

  orchard_window_open (ORCHARD_WINDOW (target), file);
  gtk_window_present (target);
}

/**
 * orchard_application_add_recent:
 * @self: the application
 * @file: a file that was just opened
 *
 * Puts @file first in the recent files and remembers its folder.
 */
void
orchard_application_add_recent (OrchardApplication *self,
                                GFile              *file)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) recent = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *uri = NULL;
  guint n = 1;

  g_return_if_fail (ORCHARD_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));

  uri = g_file_get_uri (file);
  old = g_settings_get_strv (self->settings, "recent-files");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, uri);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (old[i], uri))
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);

  g_settings_delay (self->settings);
  g_settings_set_strv (self->settings, "recent-files", (const char * const *) recent);
  parent = g_file_get_parent (file);
  if (parent != NULL)
    {
      g_autofree char *folder = g_file_get_uri (parent);
      g_settings_set_string (self->settings, "last-folder", folder);
    }
  g_settings_apply (self->settings);
}

/**
 * orchard_application_dup_read_options:
 * @self: the application
 * @file: the file about to be read
 *
 * The reading preferences, as options for the engine's readers.
 *
 * Returns: (transfer full): new options
 */
OrchardReadOptions *
orchard_application_dup_read_options (OrchardApplication *self,
                                      GFile              *file)
{
  g_autoptr(OrchardReadOptions) options = orchard_read_options_new ();
  g_auto(GStrv) tokens = NULL;
  g_autofree char *header = NULL;

  g_return_val_if_fail (ORCHARD_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (!g_settings_get_boolean (self->settings, "detect-delimiter"))
    {
      g_autofree char *name = g_file_get_basename (file);
      gboolean tabs = name != NULL &&
                      (g_str_has_suffix (name, ".tsv") || g_str_has_suffix (name, ".TSV") ||
                       g_str_has_suffix (name, ".tab"));

      /* Without sniffing, the extension decides: TSV is tabs, all else commas. */
      orchard_read_options_set_delimiter (options, tabs ? '\t' : ',');
    }

  header = g_settings_get_string (self->settings, "header-row");
  if (g_str_equal (header, "present"))
    orchard_read_options_set_header (options, ORCHARD_HEADER_PRESENT);
  else if (g_str_equal (header, "absent"))
    orchard_read_options_set_header (options, ORCHARD_HEADER_ABSENT);
  else
    orchard_read_options_set_header (options, ORCHARD_HEADER_AUTO);

  tokens = g_settings_get_strv (self->settings, "missing-tokens");
  orchard_read_options_set_missing_tokens (options, (const char * const *) tokens);

  return g_steal_pointer (&options);
}
