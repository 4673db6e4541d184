/* orchard-plot-actions.c: "Export Plot…", the context menu, and the outcome
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every plot can be exported, so the base class owns the whole feature and
 * a new plot gets it for free:
 *
 *  - plot.export       asks where (a save dialog with PNG, SVG and PDF
 *                      filters, named after the title) and exports there;
 *  - plot.export-to s  exports to a path or URI, the format from its
 *                      extension; the dialog ends here too, and so can
 *                      menus, buttons elsewhere on the page, and tests;
 *  - menu.popup        the context menu (right click, long press,
 *                      Shift+F10 or the Menu key) with "Export Plot…".
 *
 * The file has the plot's size on screen (a PNG at twice the pixels, so it
 * is sharp on a HiDPI screen and in a document) and its light or dark
 * palette. How it ended is OrchardPlot::export-finished, whose default
 * handler tells the user: a toast with "Open" in the nearest
 * AdwToastOverlay, or a dialog with the error naming the file.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "orchard-plot-private.h"

/* Smaller than this (a plot not shown yet, say) exports at the default. */
#define MIN_EXPORT_WIDTH   320
#define MIN_EXPORT_HEIGHT  200
#define DEFAULT_EXPORT_WIDTH  800
#define DEFAULT_EXPORT_HEIGHT 500
/* Longest base name suggested, in bytes, well under NAME_MAX. */
#define MAX_NAME_BYTES 200

struct _OrchardPlotActions
{
  OrchardPlot  *plot;         /* unowned: the plot owns this */
  GtkWidget    *menu;         /* the context menu, a child of the plot */
  GCancellable *cancellable;  /* cancelled when the plot goes */
};

enum {
  EXPORT_FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The folder of the last export, for the next save dialog. */
static GFile *last_folder;
/* The toast of the last export, until it is dismissed, and when it was
 * added: the next export replaces it rather than queueing behind it. */
static AdwToast *last_toast;
static gint64 last_toast_added;

/* libadwaita 1.2 frees a toast dismissed during its show animation (up to
 * 500 ms) while the animation still refers to it, and crashes when the
 * animation ends: a younger toast is dismissed once it is that old, the new
 * one waiting behind it until then. */
#define TOAST_SETTLE_MS 600

static const char *
format_extension (OrchardPlotFormat format)
{
  switch (format)
    {
    case ORCHARD_PLOT_FORMAT_SVG:
      return "svg";
    case ORCHARD_PLOT_FORMAT_PDF:
      return "pdf";
    case ORCHARD_PLOT_FORMAT_PNG:
    default:
      return "png";
    }
}

static char *
display_basename (GFile *file)
{
  g_autofree char *base = g_file_get_basename (file);

  return g_filename_display_name (base != NULL ? base : "");
}

/**
 * orchard_plot_dup_export_name:
 * @self: a plot
 * @format: the format
 *
 * The file name an export suggests: the title, made safe as a file name
 * (no slashes or control characters), with the format's extension;
 * "plot.png" when there is no title.
 *
 * Returns: (transfer full): the name
 */
char *
orchard_plot_dup_export_name (OrchardPlot       *self,
                              OrchardPlotFormat  format)
{
  const char *title;
  g_autofree char *base = NULL;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  title = orchard_plot_get_title (self);
  if (title != NULL && g_utf8_validate (title, -1, NULL))
    {
      base = g_strstrip (g_strdup (title));
      for (char *p = base; *p != '\0'; p++)
        if (*p == '/' || *p == '\\' || (guchar) *p < 0x20 || *p == 0x7f)
          *p = '_';

      if (strlen (base) > MAX_NAME_BYTES)
        {
          char *end = base + MAX_NAME_BYTES;

          /* Cut at a character boundary. */
          while (end > base && ((guchar) *end & 0xc0) == 0x80)
            end--;
          *end = '\0';
        }
    }

  /* A name of dots would be hidden or mean a folder. */
  if (base == NULL || strspn (base, ".") == strlen (base))
    {
      g_free (base);
      /* Translators: the file name of an exported plot without a title, before ".png" */
      base = g_strdup (_("plot"));
    }

  return g_strconcat (base, ".", format_extension (format), NULL);
}

/* ---- exporting ----------------------------------------------------------- */

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  OrchardPlot *self = ORCHARD_PLOT (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;

  orchard_plot_export_finish (self, result, &error);

  /* Cancelled: the plot is gone, nobody is waiting to hear about it. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_signal_emit (self, signals[EXPORT_FINISHED], 0, file, error);
}

static void
export_to (OrchardPlot *self,
           GFile       *file)
{
  OrchardPlotActions *actions = orchard_plot_get_actions (self);
  GtkWidget *widget = GTK_WIDGET (self);
  OrchardPlotPalette palette;
  OrchardPlotFormat format;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (actions == NULL)
    return;

  if (!orchard_plot_format_for_file (file, &format))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autoptr(GError) error = NULL;

      error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           /* Translators: the file name, then the extensions known */
                           _("Could not export the plot to “%s”: the name must end in .png, .svg or .pdf"),
                           name);
      g_signal_emit (self, signals[EXPORT_FINISHED], 0, file, error);
      return;
    }

  if (width < MIN_EXPORT_WIDTH || height < MIN_EXPORT_HEIGHT)
    {
      width = DEFAULT_EXPORT_WIDTH;
      height = DEFAULT_EXPORT_HEIGHT;
    }

  /* The style the plot shows now: dark when its text is light. */
  orchard_plot_palette_init_from_widget (&palette, widget);

  orchard_plot_export_scaled_async (self, file, format, width, height,
                                    format == ORCHARD_PLOT_FORMAT_PNG ? 2.0 : 1.0,
                                    palette.dark, actions->cancellable,
                                    export_cb, g_object_ref (file));
}

static void
export_to_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (g_variant_get_string (param, NULL));

  export_to (ORCHARD_PLOT (widget), file);
}

/* ---- the save dialog ----------------------------------------------------- */

static GListStore *
make_filters (void)
{
  static const struct {
    const char        *name;
    const char        *mime_type;
    OrchardPlotFormat  format;
  } kinds[] = {
    { N_("PNG Image"), "image/png", ORCHARD_PLOT_FORMAT_PNG },
    { N_("SVG Image"), "image/svg+xml", ORCHARD_PLOT_FORMAT_SVG },
    { N_("PDF Document"), "application/pdf", ORCHARD_PLOT_FORMAT_PDF },
  };
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autofree char *lower = g_strdup_printf ("*.%s", format_extension (kinds[i].format));
      g_autofree char *upper = g_ascii_strup (lower, -1);

      gtk_file_filter_set_name (filter, _(kinds[i].name));
      gtk_file_filter_add_mime_type (filter, kinds[i].mime_type);
      gtk_file_filter_add_pattern (filter, lower);
      gtk_file_filter_add_pattern (filter, upper);
      g_object_set_data (G_OBJECT (filter), "orchard-plot-format", GUINT_TO_POINTER (kinds[i].format));
      g_list_store_append (filters, filter);
    }

  return filters;
}

/* A name without a known extension gets the one of the chosen filter, so
 * "penguins" saved as SVG becomes penguins.svg. */
static GFile *
with_extension (GFile         *file,
                GtkFileFilter *filter)
{
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;
  OrchardPlotFormat format = ORCHARD_PLOT_FORMAT_PNG;

  if (orchard_plot_format_for_file (file, &format))
    return g_object_ref (file);

  if (filter != NULL)
    format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (filter), "orchard-plot-format"));

  parent = g_file_get_parent (file);
  base = g_file_get_basename (file);
  if (parent == NULL || base == NULL)
    return g_object_ref (file);

  name = g_strconcat (base, ".", format_extension (format), NULL);
  return g_file_get_child (parent, name);
}

static void
export_chosen (OrchardPlot   *self,
               GFile         *chosen,
               GtkFileFilter *filter)
{
  g_autoptr(GFile) file = with_extension (chosen, filter);

  g_clear_object (&last_folder);
  last_folder = g_file_get_parent (file);

  export_to (self, file);
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
export_dialog_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(OrchardPlot) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  /* NULL: dismissed. GtkFileDialog does not say which filter was chosen;
   * a name without an extension becomes a PNG. */
  if (file != NULL)
    export_chosen (self, file, NULL);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    OrchardPlot     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        export_chosen (self, file, filter);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}
#endif

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  OrchardPlot *self = ORCHARD_PLOT (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  g_autoptr(GListStore) filters = make_filters ();
  g_autoptr(GtkFileFilter) png = g_list_model_get_item (G_LIST_MODEL (filters), 0);
  g_autofree char *name = orchard_plot_dup_export_name (self, ORCHARD_PLOT_FORMAT_PNG);

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, _("Export Plot"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, png);
  gtk_file_dialog_set_initial_name (dialog, name);
  if (last_folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, last_folder);
  gtk_file_dialog_save (dialog, parent, NULL, export_dialog_cb, g_object_ref (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Export Plot"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (filters)); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (G_LIST_MODEL (filters), i);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (dialog), png);
  if (last_folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), last_folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
#endif
}

/* ---- the outcome ------------------------------------------------------- */

typedef struct
{
  GFile    *file;
  GWeakRef  overlay;
} OpenRequest;

static void
open_request_free (gpointer  data,
                   GClosure *closure)
{
  OpenRequest *request = data;

  g_clear_object (&request->file);
  g_weak_ref_clear (&request->overlay);
  g_free (request);
}

static void
report_open_error (AdwToastOverlay *overlay,
                   GFile           *file,
                   const GError    *error)
{
  g_autofree char *name = display_basename (file);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;

  if (overlay == NULL)
    return;

  /* Translators: the file name, then the reason */
  title = g_strdup_printf (_("Could not open “%s”: %s"), name, error->message);
  markup = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (overlay, adw_toast_new (markup));
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error) &&
      !g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    report_open_error (overlay, gtk_file_launcher_get_file (GTK_FILE_LAUNCHER (object)), error);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
typedef struct
{
  GFile           *file;
  AdwToastOverlay *overlay;
} ShowUri;

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShowUri *show = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (object != NULL ? GTK_WINDOW (object) : NULL, result, &error))
    report_open_error (show->overlay, show->file, error);

  g_clear_object (&show->file);
  g_clear_object (&show->overlay);
  g_free (show);
}
#endif

static void
open_clicked_cb (AdwToast    *toast,
                 OpenRequest *request)
{
  g_autoptr(AdwToastOverlay) overlay = g_weak_ref_get (&request->overlay);
  GtkRoot *root = overlay != NULL ? gtk_widget_get_root (GTK_WIDGET (overlay)) : NULL;
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (request->file);

  gtk_file_launcher_launch (launcher, parent, NULL, launch_cb,
                            overlay != NULL ? g_object_ref (overlay) : NULL);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_autofree char *uri = g_file_get_uri (request->file);
  ShowUri *show = g_new0 (ShowUri, 1);

  show->file = g_object_ref (request->file);
  show->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, show_uri_cb, show);
#endif
}

static void
show_export_error (OrchardPlot  *self,
                   const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  /* The message says what failed and names the file; a dialog has room
   * for all of it, where a toast would cut it short. */
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Export the Plot"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast_dismissed_cb (AdwToast *toast)
{
  g_object_set_data (G_OBJECT (toast), "orchard-dismissed", GINT_TO_POINTER (TRUE));
  if (last_toast == toast)
    last_toast = NULL;
}

static gboolean
dismiss_later_cb (gpointer data)
{
  AdwToast *toast = data;

  if (g_object_get_data (G_OBJECT (toast), "orchard-dismissed") == NULL)
    adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* Dismisses the last export's toast now, or as soon as it is surely shown. */
static void
dismiss_last_toast (void)
{
  gint64 age = (g_get_monotonic_time () - last_toast_added) / 1000;

  if (age >= TOAST_SETTLE_MS)
    adw_toast_dismiss (last_toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (TOAST_SETTLE_MS - age), dismiss_later_cb,
                        g_object_ref (last_toast), g_object_unref);
}

static void
orchard_plot_real_export_finished (OrchardPlot  *self,
                                   GFile        *file,
                                   const GError *error)
{
  GtkWidget *overlay;
  AdwToast *toast;
  OpenRequest *request;
  g_autofree char *name = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;

  if (error != NULL)
    {
      show_export_error (self, error);
      return;
    }

  /* Without a toast overlay around the plot, the file is simply there. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;

  name = display_basename (file);
  markup = g_markup_escape_text (name, -1);
  /* Translators: a toast after the export, "Exported bill_length_mm.png" */
  title = g_strdup_printf (_("Exported %s"), markup);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  request = g_new0 (OpenRequest, 1);
  request->file = g_object_ref (file);
  g_weak_ref_init (&request->overlay, overlay);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (open_clicked_cb),
                         request, open_request_free, 0);
  g_signal_connect (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), NULL);

  if (last_toast != NULL)
    dismiss_last_toast ();
  last_toast = toast;
  last_toast_added = g_get_monotonic_time ();
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

/* ---- the context menu ---------------------------------------------------- */

static void
popup_menu_at (OrchardPlot *self,
               double       x,
               double       y)
{
  OrchardPlotActions *actions = orchard_plot_get_actions (self);

  if (actions == NULL)
    return;

  if (actions->menu == NULL)
    {
      g_autoptr(GMenu) menu = g_menu_new ();

      g_menu_append (menu, _("_Export Plot…"), "plot.export");
      actions->menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
      gtk_popover_set_has_arrow (GTK_POPOVER (actions->menu), FALSE);
      gtk_widget_set_halign (actions->menu, GTK_ALIGN_START);
      gtk_widget_set_parent (actions->menu, GTK_WIDGET (self));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (actions->menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (actions->menu));
}

static void
popup_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  OrchardPlotHit hit;
  graphene_rect_t area;
  double x = gtk_widget_get_width (widget) / 2.0;
  double y = gtk_widget_get_height (widget) / 2.0;

  /* From the keyboard: at the selected item if there is one. */
  if (orchard_plot_get_selection (ORCHARD_PLOT (widget), &hit))
    {
      orchard_plot_get_area (ORCHARD_PLOT (widget), gtk_widget_get_width (widget),
                             gtk_widget_get_height (widget), &area);
      x = area.origin.x + hit.x * area.size.width;
      y = area.origin.y + (1 - hit.y) * area.size.height;
    }

  popup_menu_at (ORCHARD_PLOT (widget), x, y);
}

static void
secondary_pressed_cb (GtkGestureClick *click,
                      int              n_press,
                      double           x,
                      double           y,
                      OrchardPlot     *self)
{
  gtk_gesture_set_state (GTK_GESTURE (click), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *press,
                 double               x,
                 double               y,
                 OrchardPlot         *self)
{
  gtk_gesture_set_state (GTK_GESTURE (press), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_menu_at (self, x, y);
}

/* ---- set-up -------------------------------------------------------------- */

void
orchard_plot_class_init_actions (OrchardPlotClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  klass->export_finished = orchard_plot_real_export_finished;

  /**
   * OrchardPlot::export-finished:
   * @self: the plot
   * @file: the file exported to
   * @error: (nullable): why it failed, or %NULL when the file is written
   *
   * An export through the plot.export or plot.export-to action ended. The
   * default handler tells the user (a toast, or a dialog for an error);
   * stop the emission to tell them differently.
   */
  signals[EXPORT_FINISHED] =
    g_signal_new ("export-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  G_STRUCT_OFFSET (OrchardPlotClass, export_finished),
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "plot.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "plot.export-to", "s", export_to_action);
  gtk_widget_class_install_action (widget_class, "menu.popup", NULL, popup_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "menu.popup", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "menu.popup", NULL);
}

OrchardPlotActions *
orchard_plot_actions_new (OrchardPlot *self)
{
  OrchardPlotActions *actions = g_new0 (OrchardPlotActions, 1);
  GtkGesture *click;
  GtkGesture *press;

  actions->plot = self;
  actions->cancellable = g_cancellable_new ();

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed", G_CALLBACK (secondary_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  press = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect_object (press, "pressed", G_CALLBACK (long_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));

  return actions;
}

void
orchard_plot_actions_free (OrchardPlotActions *actions)
{
  g_cancellable_cancel (actions->cancellable);
  g_clear_object (&actions->cancellable);
  g_clear_pointer (&actions->menu, gtk_widget_unparent);
  g_free (actions);
}

/* Exporting an empty plot would only write "No data". */
void
orchard_plot_actions_update (OrchardPlotActions *actions)
{
  gboolean has_data = orchard_plot_has_data (actions->plot);

  gtk_widget_action_set_enabled (GTK_WIDGET (actions->plot), "plot.export", has_data);
  gtk_widget_action_set_enabled (GTK_WIDGET (actions->plot), "plot.export-to", has_data);
}

void
orchard_plot_actions_allocate (OrchardPlotActions *actions)
{
  if (actions->menu != NULL)
    gtk_popover_present (GTK_POPOVER (actions->menu));
}
