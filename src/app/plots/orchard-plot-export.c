/* orchard-plot-export.c: rendering a plot without a window, and export
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "orchard-plot-private.h"

static PangoContext *
create_export_context (OrchardPlot *self,
                       cairo_t     *cr)
{
  PangoContext *context = pango_cairo_create_context (cr);
  PangoContext *widget_context = gtk_widget_get_pango_context (GTK_WIDGET (self));

  /* The widget's font (from the theme, even unrooted), at the screen's
   * 96 dpi so a plot exported at the widget's size looks like the widget. */
  pango_context_set_font_description (context, pango_context_get_font_description (widget_context));
  pango_context_set_language (context, pango_context_get_language (widget_context));
  pango_cairo_context_set_resolution (context, 96.0);

  return context;
}

static double
surface_scale (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double x_scale = 1.0, y_scale = 1.0;

  if (cairo_surface_get_type (target) == CAIRO_SURFACE_TYPE_IMAGE)
    cairo_surface_get_device_scale (target, &x_scale, &y_scale);

  return x_scale;
}

/**
 * orchard_plot_render:
 * @self: a plot
 * @cr: where to draw
 * @width: the plot's width, in user units of @cr
 * @height: its height
 * @dark: whether to use the dark palette
 *
 * Draws the plot, background included, without a window: the plot need not
 * be realized or even in a window. Colours come from libadwaita's light or
 * dark palette as @dark says, not from the current theme, so the result is
 * the same wherever it is drawn.
 */
void
orchard_plot_render (OrchardPlot *self,
                     cairo_t     *cr,
                     int          width,
                     int          height,
                     gboolean     dark)
{
  g_autoptr(OrchardPlotPainter) painter = NULL;
  g_autoptr(OrchardPlotLayout) layout = NULL;
  OrchardPlotPalette palette;
  PangoContext *context;

  g_return_if_fail (ORCHARD_IS_PLOT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);

  orchard_plot_palette_init_builtin (&palette, dark);
  context = create_export_context (self, cr);
  painter = orchard_plot_painter_new_for_cairo (cr, context, &palette, surface_scale (cr), width, height);
  g_object_unref (context);
  layout = orchard_plot_layout_compute (self, painter, width, height);
  orchard_plot_paint (self, painter, layout, TRUE, NULL, FALSE);
}

/**
 * orchard_plot_render_to_surface:
 * @self: a plot
 * @width: the width, in logical pixels
 * @height: the height, in logical pixels
 * @scale: device pixels per logical pixel (2 for a HiDPI image)
 * @dark: whether to use the dark palette
 *
 * Renders the plot into a new ARGB32 image surface of
 * @width × @scale by @height × @scale pixels. See orchard_plot_render().
 *
 * Returns: (transfer full): the image surface
 */
cairo_surface_t *
orchard_plot_render_to_surface (OrchardPlot *self,
                                int          width,
                                int          height,
                                double       scale,
                                gboolean     dark)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (scale > 0, NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                        (int) ceil (height * scale));
  cairo_surface_set_device_scale (surface, scale, scale);

  cr = cairo_create (surface);
  orchard_plot_render (self, cr, width, height, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/**
 * orchard_plot_get_area:
 * @self: a plot
 * @width: a width
 * @height: a height
 * @area: (out): where the data area lies when the plot is rendered at
 *   @width × @height with orchard_plot_render()
 */
void
orchard_plot_get_area (OrchardPlot     *self,
                       int              width,
                       int              height,
                       graphene_rect_t *area)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_if_fail (ORCHARD_IS_PLOT (self));
  g_return_if_fail (area != NULL);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);

  {
    PangoContext *context = create_export_context (self, cr);
    g_autoptr(OrchardPlotPainter) painter = NULL;
    g_autoptr(OrchardPlotLayout) layout = NULL;
    OrchardPlotPalette palette;

    orchard_plot_palette_init_builtin (&palette, FALSE);
    painter = orchard_plot_painter_new_for_cairo (cr, context, &palette, 1.0, width, height);
    g_object_unref (context);
    layout = orchard_plot_layout_compute (self, painter, width, height);
    *area = layout->area;
  }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/**
 * orchard_plot_pick:
 * @self: a plot
 * @width: a width
 * @height: a height
 * @x: a point, in pixels of the plot rendered at @width × @height
 * @y: the point's y
 * @hit: (out): the item nearest to the point, as hovering finds it
 *
 * Returns: whether the plot has an item to find
 */
gboolean
orchard_plot_pick (OrchardPlot    *self,
                   int             width,
                   int             height,
                   double          x,
                   double          y,
                   OrchardPlotHit *hit)
{
  graphene_rect_t area;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  orchard_plot_get_area (self, width, height, &area);

  return ORCHARD_PLOT_GET_CLASS (self)->nearest (self, &area, x, y, hit);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static const char *
format_name (OrchardPlotFormat format)
{
  switch (format)
    {
    case ORCHARD_PLOT_FORMAT_SVG:
      return "SVG";
    case ORCHARD_PLOT_FORMAT_PDF:
      return "PDF";
    case ORCHARD_PLOT_FORMAT_PNG:
    default:
      return "PNG";
    }
}

/**
 * orchard_plot_render_bytes:
 * @self: a plot
 * @format: PNG, SVG or PDF
 * @width: the width, in pixels (points for PDF)
 * @height: the height
 * @dark: whether to use the dark palette
 * @error: return location for a #GError
 *
 * Renders the plot into the bytes of a file; see orchard_plot_render().
 *
 * Returns: (transfer full): the file's contents, or %NULL on error
 */
GBytes *
orchard_plot_render_bytes (OrchardPlot        *self,
                           OrchardPlotFormat   format,
                           int                 width,
                           int                 height,
                           gboolean            dark,
                           GError            **error)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  return orchard_plot_render_bytes_scaled (self, format, width, height, 1.0, dark, error);
}

/*
 * orchard_plot_render_bytes_scaled:
 * @scale: device pixels per logical pixel of a PNG (2 for a HiDPI image of
 *   @width × @height logical pixels); vector formats ignore it
 *
 * orchard_plot_render_bytes() with a device scale, for the export action.
 */
GBytes *
orchard_plot_render_bytes_scaled (OrchardPlot        *self,
                                  OrchardPlotFormat   format,
                                  int                 width,
                                  int                 height,
                                  double              scale,
                                  gboolean            dark,
                                  GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface = NULL;
  cairo_status_t status;

  g_assert (ORCHARD_IS_PLOT (self));
  g_assert (width > 0 && height > 0 && scale > 0);

  switch (format)
    {
    case ORCHARD_PLOT_FORMAT_PNG:
      surface = orchard_plot_render_to_surface (self, width, height, scale, dark);
      status = cairo_surface_write_to_png_stream (surface, append_to_array, bytes);
      break;

    case ORCHARD_PLOT_FORMAT_SVG:
    case ORCHARD_PLOT_FORMAT_PDF:
      {
        cairo_t *cr;

        if (format == ORCHARD_PLOT_FORMAT_SVG)
          {
            surface = cairo_svg_surface_create_for_stream (append_to_array, bytes, width, height);
            cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
          }
        else
          {
            surface = cairo_pdf_surface_create_for_stream (append_to_array, bytes, width, height);
            cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Orchard");
            if (orchard_plot_get_title (self) != NULL)
              cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, orchard_plot_get_title (self));
          }

        cr = cairo_create (surface);
        orchard_plot_render (self, cr, width, height, dark);
        status = cairo_status (cr);
        cairo_destroy (cr);
        cairo_surface_finish (surface);
        if (status == CAIRO_STATUS_SUCCESS)
          status = cairo_surface_status (surface);
      }
      break;

    default:
      g_return_val_if_reached (NULL);
    }

  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the plot as %s: %s"),
                   format_name (format), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

static void
prefix_export_error (GError **error,
                     GFile   *file)
{
  g_autofree char *name = g_file_get_parse_name (file);

  g_prefix_error (error, _("Could not export the plot to “%s”: "), name);
}

/**
 * orchard_plot_export:
 * @self: a plot
 * @file: where to write
 * @format: PNG, SVG or PDF
 * @width: the width, in pixels (points for PDF)
 * @height: the height
 * @dark: whether to use the dark palette
 * @error: return location for a #GError
 *
 * Writes the plot to @file, atomically: the old file stays whole until the
 * new one is complete. Needs no window; see orchard_plot_render().
 *
 * Returns: whether the file was written
 */
gboolean
orchard_plot_export (OrchardPlot        *self,
                     GFile              *file,
                     OrchardPlotFormat   format,
                     int                 width,
                     int                 height,
                     gboolean            dark,
                     GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = orchard_plot_render_bytes (self, format, width, height, dark, error);
  if (bytes == NULL)
    {
      prefix_export_error (error, file);
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, error))
    {
      prefix_export_error (error, file);
      return FALSE;
    }

  return TRUE;
}

static void
export_replace_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      prefix_export_error (&error, G_FILE (object));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * orchard_plot_export_async:
 * @self: a plot
 * @file: where to write
 * @format: PNG, SVG or PDF
 * @width: the width, in pixels (points for PDF)
 * @height: the height
 * @dark: whether to use the dark palette
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Like orchard_plot_export(), but writes the file without blocking: the
 * plot is drawn at once (it is fast, and must happen on the main thread),
 * the writing happens in the background.
 */
void
orchard_plot_export_async (OrchardPlot         *self,
                           GFile               *file,
                           OrchardPlotFormat    format,
                           int                  width,
                           int                  height,
                           gboolean             dark,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (ORCHARD_IS_PLOT (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  orchard_plot_export_scaled_async (self, file, format, width, height, 1.0, dark,
                                    cancellable, callback, user_data);
}

/*
 * orchard_plot_export_scaled_async:
 * @scale: as for orchard_plot_render_bytes_scaled()
 *
 * orchard_plot_export_async() with a device scale for PNG images; finish
 * with orchard_plot_export_finish().
 */
void
orchard_plot_export_scaled_async (OrchardPlot         *self,
                                  GFile               *file,
                                  OrchardPlotFormat    format,
                                  int                  width,
                                  int                  height,
                                  double               scale,
                                  gboolean             dark,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (ORCHARD_IS_PLOT (self));
  g_assert (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, orchard_plot_export_async);

  bytes = orchard_plot_render_bytes_scaled (self, format, width, height, scale, dark, &error);
  if (bytes == NULL)
    {
      prefix_export_error (&error, file);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, export_replace_cb, g_steal_pointer (&task));
}

gboolean
orchard_plot_export_finish (OrchardPlot   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == orchard_plot_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * orchard_plot_format_for_file:
 * @file: a file
 * @format: (out): the format its name's extension says
 *
 * Returns: whether the name ends in .png, .svg or .pdf (in any case)
 */
gboolean
orchard_plot_format_for_file (GFile             *file,
                              OrchardPlotFormat *format)
{
  g_autofree char *name = NULL;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  name = g_file_get_basename (file);
  if (name == NULL)
    return FALSE;
  lower = g_ascii_strdown (name, -1);

  if (g_str_has_suffix (lower, ".png"))
    *format = ORCHARD_PLOT_FORMAT_PNG;
  else if (g_str_has_suffix (lower, ".svg"))
    *format = ORCHARD_PLOT_FORMAT_SVG;
  else if (g_str_has_suffix (lower, ".pdf"))
    *format = ORCHARD_PLOT_FORMAT_PDF;
  else
    return FALSE;

  return TRUE;
}
