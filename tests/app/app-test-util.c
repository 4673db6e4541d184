/* app-test-util.c: what every in-process UI test of the app needs
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "app-test-util.h"

static OrchardApplication *app;
static OrchardWindow *window;

/* Sets the environment every UI test runs in and initialises GTK. */
void
app_test_init (int    *argc,
               char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* GTK 4 talks to the accessibility bus on its own; there is none here. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* Dates and numbers as the expectations write them (no thousands grouped). */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  gtk_test_init (argc, argv, NULL);
}

/* Starts the application in-process, in light mode, with one window of
 * @width × @height. */
OrchardWindow *
app_test_open_window (int width,
                      int height)
{
  g_autoptr(GError) error = NULL;

  g_assert_null (app);
  app = orchard_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  /* Under a bare Xvfb there is no session bus: GtkApplication warns and
   * goes on without one, which is all a test needs. */
  {
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK);
    GLogLevelFlags gtk_fatal = g_log_set_fatal_mask ("Gtk", G_LOG_FATAL_MASK);

    g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
    g_log_set_fatal_mask ("Gtk", gtk_fatal);
    g_log_set_always_fatal (fatal);
  }
  g_assert_no_error (error);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_application_activate (G_APPLICATION (app));

  window = ORCHARD_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  app_test_resize (width, height);

  return window;
}

/* Runs the registered tests, then closes the window and the application. */
int
app_test_run (void)
{
  int status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (window));
  window = NULL;
  g_application_quit (G_APPLICATION (app));
  g_clear_object (&app);

  return status;
}

OrchardApplication *
app_test_get_application (void)
{
  return app;
}

OrchardWindow *
app_test_get_window (void)
{
  return window;
}

/* The window the helpers resize and capture, when a test moves to another. */
void
app_test_set_window (OrchardWindow *new_window)
{
  window = new_window;
}

/* ---- the main loop -------------------------------------------------------- */

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Turns the main loop until @done holds or @timeout_ms pass; a 10 ms tick
 * wakes the loop so that conditions set by threads are seen. */
gboolean
app_test_wait_for (AppTestCondition done,
                   gpointer         data,
                   guint            timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (10, tick_cb, NULL);
  gboolean ok;

  while (!(ok = done (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (tick);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

void
app_test_spin (guint ms)
{
  app_test_wait_for (never, NULL, ms);
}

/* ---- data ----------------------------------------------------------------- */

char *
app_test_sample_path (const char *name)
{
  const char *dir = g_getenv ("ORCHARD_SAMPLES_DIR");

  g_assert_nonnull (dir);
  return g_build_filename (dir, name, NULL);
}

/* The table the engine reads from @path on its own: the reference. */
OrchardTable *
app_test_load_table (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OrchardTable *table = orchard_table_load (file, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return table;
}

/* ---- the session's work, as conditions for app_test_wait_for() -------------- */

/* The file is read and profiled, and the Data page shows it. */
gboolean
app_test_loaded (gpointer data)
{
  OrchardSession *session = orchard_window_get_session (window);

  return !orchard_session_get_loading (session) && !orchard_session_get_profiling (session) &&
         orchard_session_get_table (session) != NULL && orchard_session_get_profile (session) != NULL &&
         !orchard_data_page_get_busy (orchard_window_get_data_page (window));
}

/* The pipeline is fitted and the rows split. */
gboolean
app_test_prepared (gpointer data)
{
  OrchardSession *session = orchard_window_get_session (window);

  return !orchard_session_get_preparing (session) && orchard_session_get_prepared (session) != NULL;
}

/* The project has the data set, so runs are recorded on it. */
gboolean
app_test_recorded (gpointer data)
{
  return !orchard_session_get_recording (orchard_window_get_session (window));
}

/* ---- size, style and screenshots ------------------------------------------ */

static gboolean
has_size (gpointer data)
{
  int *size = data;

  /* Client-side decorations take a few pixels of the default size. */
  return ABS (gtk_widget_get_width (GTK_WIDGET (window)) - size[0]) <= 40 &&
         ABS (gtk_widget_get_height (GTK_WIDGET (window)) - size[1]) <= 40;
}

void
app_test_resize (int width,
                 int height)
{
  int size[2] = { width, height };

  gtk_window_unmaximize (GTK_WINDOW (window));
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_widget_queue_resize (GTK_WIDGET (window));
  app_test_wait_for (has_size, size, 3000);
  /* Let transitions and lazily built rows settle. */
  app_test_spin (600);
}

void
app_test_set_dark (gboolean dark)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_FORCE_LIGHT);
  app_test_spin (300);
}

char *
app_test_screenshot_path (const char *name)
{
  const char *dir = g_getenv ("ORCHARD_SCREENSHOT_DIR");
  g_autofree char *fallback = NULL;

  if (dir == NULL)
    dir = fallback = g_build_filename (g_get_tmp_dir (), "orchard-screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);

  return g_build_filename (dir, name, NULL);
}

typedef struct
{
  GtkWidget     *widget;
  GdkPaintable  *paintable;
  GskRenderNode *node;
  int            width;
  int            height;
} Capture;

/* Right after a frame is painted the layout is valid and the paintable
 * holds exactly what is on screen. */
static void
after_paint_cb (GdkFrameClock *clock,
                Capture       *capture)
{
  GtkSnapshot *snapshot;

  if (capture->node != NULL)
    return;

  capture->width = gtk_widget_get_width (capture->widget);
  capture->height = gtk_widget_get_height (capture->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (capture->paintable, snapshot, capture->width, capture->height);
  capture->node = gtk_snapshot_free_to_node (snapshot);
  if (capture->node == NULL)
    gtk_widget_queue_draw (capture->widget);
}

static gboolean
captured (gpointer data)
{
  return ((Capture *) data)->node != NULL;
}

/* Saves what @widget (a window or a dialog) shows as the PNG @name. */
void
app_test_save_widget_screenshot (GtkWidget  *widget,
                                 const char *name)
{
  GdkFrameClock *clock;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = app_test_screenshot_path (name);
  Capture capture = { widget, NULL, NULL, 0, 0 };
  gulong handler;

  /* Let transitions finish, then take the next frame. */
  app_test_spin (300);
  clock = gtk_widget_get_frame_clock (widget);
  capture.paintable = gtk_widget_paintable_new (widget);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &capture);
  gtk_widget_queue_draw (widget);
  g_assert_true (app_test_wait_for (captured, &capture, 5000));
  g_signal_handler_disconnect (clock, handler);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         capture.node,
                                         &GRAPHENE_RECT_INIT (0, 0, capture.width, capture.height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d×%d)", path, capture.width, capture.height);

  gsk_render_node_unref (capture.node);
  g_object_unref (capture.paintable);
}

void
app_test_save_screenshot (const char *name)
{
  app_test_save_widget_screenshot (GTK_WIDGET (window), name);
}

/* Scrolls the page so that @widget is @above pixels below the top of the view. */
void
app_test_scroll_near (GtkWidget *widget,
                      double     above)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  graphene_point_t point;

  app_test_spin (200);
  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - above);
  app_test_spin (200);
}

/* Scrolls the page so that @widget is at the top of the view. */
void
app_test_scroll_to (GtkWidget *widget)
{
  app_test_scroll_near (widget, 12);
}

/* ---- the widget tree -------------------------------------------------------- */

GtkWidget *
app_test_find_descendant (GtkWidget *widget,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
app_test_find_with_class (GtkWidget  *widget,
                          GType       type,
                          const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_with_class (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The first label showing @text, as displayed or as written (markup). */
GtkWidget *
app_test_find_label (GtkWidget  *widget,
                     const char *text)
{
  if (GTK_IS_LABEL (widget) &&
      (g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0 ||
       g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
app_test_find_actionable (GtkWidget  *widget,
                          const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The visible toplevel of @type (a dialog the app opened), or NULL. */
GtkWindow *
app_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return toplevel;
    }

  return NULL;
}

GtkWidget *
app_test_find_check (GtkWidget *widget)
{
  return app_test_find_descendant (widget, GTK_TYPE_CHECK_BUTTON);
}

/* The row of the run titled @title in a page's list of runs. */
GtkWidget *
app_test_find_run_row (GtkWidget  *widget,
                       const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && GTK_IS_LIST_BOX (gtk_widget_get_parent (widget)) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0 &&
      g_object_get_data (G_OBJECT (widget), "orchard-run") != NULL)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = app_test_find_run_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* ---- the engine on its own -------------------------------------------------- */

/* A trainer of its own for @run, with what the Train page trained it with:
 * the learner and its parameters, the automatic pipeline for the learner's
 * family, and the session's split and seed. */
OrchardTrainer *
app_test_reference_trainer (OrchardSession   *session,
                            OrchardModelRun  *run,
                            const char       *target,
                            OrchardArtifact **artifact_out)
{
  OrchardSplit *split = orchard_session_get_split (session);
  g_autoptr(OrchardModel) model = orchard_model_new_by_name (orchard_model_run_get_model_name (run), NULL);
  g_autoptr(OrchardSplit) copy = orchard_split_new (orchard_split_get_method (split));
  OrchardTrainer *trainer;
  g_autoptr(GError) error = NULL;
  double f[3];

  g_assert_true (orchard_model_set_params (model, orchard_model_run_get_params (run), &error));
  g_assert_no_error (error);
  trainer = orchard_trainer_new (orchard_session_get_table (session), target, model);
  orchard_trainer_set_automatic_pipeline (trainer, orchard_model_get_family (model));
  orchard_split_get_fractions (split, &f[0], &f[1], &f[2]);
  g_assert_true (orchard_split_set_fractions (copy, f[0], f[1], f[2], NULL));
  orchard_trainer_set_split (trainer, copy);
  orchard_trainer_set_seed (trainer, orchard_split_get_seed (split));
  *artifact_out = orchard_trainer_train (trainer, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return trainer;
}
