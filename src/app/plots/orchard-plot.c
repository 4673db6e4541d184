/* orchard-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OrchardPlot owns everything a plot has besides its data: the two axes,
 * the layout of titles, legend, tick labels and the data area, the grid,
 * hovering and keyboard navigation, the accessible description and export.
 * A subclass keeps its data normalised to 0..1 (in ->normalize, whenever
 * data or axes change) and draws it in ->draw_series; the same drawing code
 * serves the screen (a GtkSnapshot) and files (a cairo_t), see
 * orchard-plot-painter.c. The layout and drawing are in
 * orchard-plot-layout.c, rendering without a window and export in
 * orchard-plot-export.c, the export actions and the context menu in
 * orchard-plot-actions.c.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-plot-private.h"

/* How far outside the data area the pointer still hovers items. */
#define HOVER_SLACK 6.0

typedef struct
{
  char               *title;
  char               *subtitle;
  OrchardPlotAxis    *x_axis;
  OrchardPlotAxis    *y_axis;
  gulong              x_axis_changed_id;
  gulong              y_axis_changed_id;

  OrchardPlotPalette  palette;
  OrchardPlotLayout  *layout;
  OrchardPlotActions *actions;

  guint               selected_series;
  guint               selected_index;

  guint               has_selection : 1;
  guint               show_callout : 1;
  guint               show_legend : 1;
  guint               show_grid : 1;
  guint               in_data_changed : 1;
} OrchardPlotPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (OrchardPlot, orchard_plot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_X_AXIS,
  PROP_Y_AXIS,
  PROP_SHOW_LEGEND,
  PROP_SHOW_GRID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Items, for the layout, hovering and keyboard navigation */

guint
orchard_plot_count_series (OrchardPlot *self)
{
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);

  return klass->get_n_series ? klass->get_n_series (self) : 0;
}

guint
orchard_plot_count_items (OrchardPlot *self,
                          guint        series)
{
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);

  return klass->get_n_items ? klass->get_n_items (self, series) : 0;
}

gboolean
orchard_plot_has_data (OrchardPlot *self)
{
  guint n_series = orchard_plot_count_series (self);

  for (guint i = 0; i < n_series; i++)
    if (orchard_plot_count_items (self, i) > 0)
      return TRUE;

  return FALSE;
}

gboolean
orchard_plot_fetch_item (OrchardPlot    *self,
                         guint           series,
                         guint           index,
                         OrchardPlotHit *hit)
{
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);

  memset (hit, 0, sizeof *hit);
  hit->series = series;
  hit->index = index;

  if (klass->get_item == NULL || series >= orchard_plot_count_series (self) || index >= orchard_plot_count_items (self, series))
    return FALSE;

  return klass->get_item (self, series, index, hit);
}

/* The widget */

static void
orchard_plot_invalidate_layout (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_clear_pointer (&priv->layout, orchard_plot_layout_free);
}

static OrchardPlotLayout *
orchard_plot_ensure_layout (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (priv->layout != NULL && (priv->layout->width != width || priv->layout->height != height))
    orchard_plot_invalidate_layout (self);

  if (priv->layout == NULL)
    {
      g_autoptr(OrchardPlotPainter) painter =
        orchard_plot_painter_new_for_snapshot (NULL, gtk_widget_get_pango_context (widget), &priv->palette,
                                               gtk_widget_get_scale_factor (widget), width, height);

      priv->layout = orchard_plot_layout_compute (self, painter, width, height);
    }

  return priv->layout;
}

static void
orchard_plot_update_accessible (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  g_autofree char *description = orchard_plot_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  priv->title != NULL ? priv->title : _("Plot"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
orchard_plot_refresh_selection (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  OrchardPlotHit hit;

  if (priv->has_selection && !orchard_plot_fetch_item (self, priv->selected_series, priv->selected_index, &hit))
    priv->has_selection = FALSE;
}

static void
orchard_plot_axis_changed_cb (OrchardPlot     *self,
                              OrchardPlotAxis *axis)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);

  /* orchard_plot_data_changed() normalises once when it is done. */
  if (priv->in_data_changed)
    return;

  if (klass->normalize != NULL)
    klass->normalize (self);

  orchard_plot_refresh_selection (self);
  orchard_plot_invalidate_layout (self);
  orchard_plot_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_axis (OrchardPlot      *self,
          OrchardPlotAxis **slot,
          gulong           *handler,
          OrchardPlotAxis  *axis,
          GParamSpec       *pspec)
{
  if (axis != NULL && *slot == axis)
    return;

  if (*slot != NULL)
    {
      g_clear_signal_handler (handler, *slot);
      g_clear_object (slot);
    }

  *slot = axis != NULL ? g_object_ref (axis) : orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  *handler = g_signal_connect_object (*slot, "changed",
                                      G_CALLBACK (orchard_plot_axis_changed_cb),
                                      self, G_CONNECT_SWAPPED);

  orchard_plot_data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
orchard_plot_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  OrchardPlot *self = ORCHARD_PLOT (widget);
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  g_autoptr(OrchardPlotPainter) painter = NULL;
  OrchardPlotLayout *layout;
  OrchardPlotHit hit;
  gboolean selected;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  if (width <= 0 || height <= 0)
    return;

  layout = orchard_plot_ensure_layout (self);
  selected = priv->has_selection && orchard_plot_fetch_item (self, priv->selected_series, priv->selected_index, &hit);

  painter = orchard_plot_painter_new_for_snapshot (snapshot, gtk_widget_get_pango_context (widget),
                                                   &priv->palette, gtk_widget_get_scale_factor (widget),
                                                   width, height);
  orchard_plot_paint (self, painter, layout, FALSE, selected ? &hit : NULL, selected && priv->show_callout);

  if (gtk_widget_has_visible_focus (widget))
    {
      cairo_t *cr = orchard_plot_painter_get_cairo (painter);
      double r = 8, x = 1, y = 1, w = width - 2, h = height - 2;

      cairo_new_sub_path (cr);
      cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
      cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
      cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
      cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
      cairo_close_path (cr);
      cairo_set_line_width (cr, 2);
      orchard_plot_painter_set_source (painter, &priv->palette.accent, 0.5);
      cairo_stroke (cr);
    }
}

static void
orchard_plot_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 400;
    }
  else
    {
      *minimum = 120;
      *natural = 260;
    }
}

static void
orchard_plot_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (ORCHARD_PLOT (widget));

  /* The layout follows the size lazily, in ensure_layout(). */
  GTK_WIDGET_CLASS (orchard_plot_parent_class)->size_allocate (widget, width, height, baseline);

  if (priv->actions != NULL)
    orchard_plot_actions_allocate (priv->actions);
}

static void
orchard_plot_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  OrchardPlot *self = ORCHARD_PLOT (widget);
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  GTK_WIDGET_CLASS (orchard_plot_parent_class)->css_changed (widget, change);

  /* Colours and fonts come from the theme: re-read them, so switching to
   * dark (or a larger font) just works. */
  orchard_plot_palette_init_from_widget (&priv->palette, widget);
  orchard_plot_invalidate_layout (self);
  gtk_widget_queue_draw (widget);
}

static void
orchard_plot_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (orchard_plot_parent_class)->system_setting_changed (widget, setting);

  orchard_plot_invalidate_layout (ORCHARD_PLOT (widget));
  gtk_widget_queue_draw (widget);
}

static void
orchard_plot_state_flags_changed (GtkWidget     *widget,
                                  GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (orchard_plot_parent_class)->state_flags_changed (widget, previous);

  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);
}

static gboolean
orchard_plot_query_tooltip (GtkWidget  *widget,
                            int         x,
                            int         y,
                            gboolean    keyboard_tooltip,
                            GtkTooltip *tooltip)
{
  OrchardPlot *self = ORCHARD_PLOT (widget);
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);
  OrchardPlotLayout *layout = orchard_plot_ensure_layout (self);
  g_autofree char *text = NULL;
  graphene_rect_t hot;
  OrchardPlotHit hit = { 0 };
  const graphene_rect_t *area = &layout->area;
  GdkRectangle tip;

  graphene_rect_inset_r (area, -HOVER_SLACK, -HOVER_SLACK, &hot);
  if (!graphene_rect_contains_point (&hot, &GRAPHENE_POINT_INIT (x, y)) ||
      !klass->nearest (self, area, x, y, &hit))
    return FALSE;

  text = orchard_plot_dup_item_text (self, hit.series, hit.index);
  if (text == NULL)
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);

  /* The tooltip stays while the pointer is over the same item. */
  if (hit.flags & ORCHARD_PLOT_HIT_BAND)
    {
      double x0 = area->origin.x + MIN (hit.x0, hit.x1) * area->size.width;
      double x1 = area->origin.x + MAX (hit.x0, hit.x1) * area->size.width;
      double y0 = area->origin.y + (1 - MAX (hit.y0, hit.y1)) * area->size.height;
      double y1 = area->origin.y + (1 - MIN (hit.y0, hit.y1)) * area->size.height;

      tip = (GdkRectangle) { floor (x0), floor (y0), MAX (1, ceil (x1 - x0)), MAX (1, ceil (y1 - y0)) };
    }
  else
    {
      double px = area->origin.x + hit.x * area->size.width;
      double py = area->origin.y + (1 - hit.y) * area->size.height;

      tip = (GdkRectangle) { floor (px) - 4, floor (py) - 4, 8, 8 };
    }
  gtk_tooltip_set_tip_area (tooltip, &tip);

  return TRUE;
}

static void
set_selection (OrchardPlot *self,
               gboolean     selected,
               guint        series,
               guint        index,
               gboolean     callout)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  if (priv->has_selection == selected &&
      (!selected || (priv->selected_series == series && priv->selected_index == index &&
                     priv->show_callout == callout)))
    return;

  priv->has_selection = selected;
  priv->selected_series = series;
  priv->selected_index = index;
  priv->show_callout = callout;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
motion_cb (OrchardPlot              *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *motion)
{
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);
  OrchardPlotLayout *layout = orchard_plot_ensure_layout (self);
  graphene_rect_t hot;
  OrchardPlotHit hit;

  graphene_rect_inset_r (&layout->area, -HOVER_SLACK, -HOVER_SLACK, &hot);

  if (graphene_rect_contains_point (&hot, &GRAPHENE_POINT_INIT (x, y)) &&
      klass->nearest (self, &layout->area, x, y, &hit))
    set_selection (self, TRUE, hit.series, hit.index, FALSE);
  else
    set_selection (self, FALSE, 0, 0, FALSE);
}

static void
leave_cb (OrchardPlot              *self,
          GtkEventControllerMotion *motion)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  /* A keyboard selection outlives the pointer passing by. */
  if (!priv->show_callout)
    set_selection (self, FALSE, 0, 0, FALSE);
}

static gboolean
select_first_item (OrchardPlot *self,
                   gboolean     last)
{
  guint n_series = orchard_plot_count_series (self);

  for (guint s = 0; s < n_series; s++)
    {
      guint n = orchard_plot_count_items (self, s);

      if (n > 0)
        return orchard_plot_select_item (self, s, last ? n - 1 : 0);
    }

  return FALSE;
}

static gboolean
key_pressed_cb (OrchardPlot           *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *key)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  guint series = priv->selected_series;
  guint index = priv->selected_index;
  guint n_series = orchard_plot_count_series (self);
  int step = 0, series_step = 0;

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = -1;
      break;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = 1;
      break;

    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      series_step = -1;
      break;

    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      series_step = 1;
      break;

    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      return select_first_item (self, FALSE);

    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      return select_first_item (self, TRUE);

    case GDK_KEY_Escape:
      if (!priv->has_selection)
        return GDK_EVENT_PROPAGATE;
      orchard_plot_clear_selection (self);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (!priv->has_selection)
    return select_first_item (self, FALSE);

  if (series_step != 0)
    {
      guint n;

      if ((series_step < 0 && series == 0) || series + series_step >= n_series)
        return GDK_EVENT_STOP;
      series += series_step;
      n = orchard_plot_count_items (self, series);
      if (n == 0)
        return GDK_EVENT_STOP;
      index = MIN (index, n - 1);
    }
  else
    {
      if ((step < 0 && index == 0) || index + step >= orchard_plot_count_items (self, series))
        return GDK_EVENT_STOP;
      index += step;
    }

  orchard_plot_select_item (self, series, index);

  return GDK_EVENT_STOP;
}

static void
focus_leave_cb (OrchardPlot             *self,
                GtkEventControllerFocus *focus)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  if (priv->show_callout)
    orchard_plot_clear_selection (self);
}

static void
pressed_cb (OrchardPlot     *self,
            int              n_press,
            double           x,
            double           y,
            GtkGestureClick *click)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
orchard_plot_real_nearest (OrchardPlot           *self,
                           const graphene_rect_t *area,
                           double                 x,
                           double                 y,
                           OrchardPlotHit        *hit)
{
  guint n_series = orchard_plot_count_series (self);
  double best = G_MAXDOUBLE;

  for (guint s = 0; s < n_series; s++)
    {
      guint n = orchard_plot_count_items (self, s);

      for (guint i = 0; i < n; i++)
        {
          OrchardPlotHit item;
          double px, py, d;

          if (!orchard_plot_fetch_item (self, s, i, &item))
            continue;

          px = area->origin.x + item.x * area->size.width;
          py = area->origin.y + (1 - item.y) * area->size.height;
          d = hypot (px - x, py - y);

          /* Inside a band wins; the anchor breaks ties between overlaid bands. */
          if (item.flags & ORCHARD_PLOT_HIT_BAND)
            {
              double x0 = area->origin.x + MIN (item.x0, item.x1) * area->size.width;
              double x1 = area->origin.x + MAX (item.x0, item.x1) * area->size.width;
              double y0 = area->origin.y + (1 - MAX (item.y0, item.y1)) * area->size.height;
              double y1 = area->origin.y + (1 - MIN (item.y0, item.y1)) * area->size.height;
              double dx = x < x0 ? x0 - x : x > x1 ? x - x1 : 0;
              double dy = y < y0 ? y0 - y : y > y1 ? y - y1 : 0;

              d = hypot (dx, dy) * 1e4 + d;
            }

          if (d < best)
            {
              best = d;
              *hit = item;
            }
        }
    }

  return best < G_MAXDOUBLE;
}

static char *
orchard_plot_real_describe (OrchardPlot *self)
{
  guint n_series = orchard_plot_count_series (self);

  if (!orchard_plot_has_data (self))
    return g_strdup (_("No data"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u series", "%u series", n_series), n_series);
}

static void
orchard_plot_dispose (GObject *object)
{
  OrchardPlot *self = (OrchardPlot *)object;
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  if (priv->x_axis != NULL)
    g_clear_signal_handler (&priv->x_axis_changed_id, priv->x_axis);
  if (priv->y_axis != NULL)
    g_clear_signal_handler (&priv->y_axis_changed_id, priv->y_axis);
  g_clear_object (&priv->x_axis);
  g_clear_object (&priv->y_axis);
  g_clear_pointer (&priv->layout, orchard_plot_layout_free);
  g_clear_pointer (&priv->actions, orchard_plot_actions_free);

  G_OBJECT_CLASS (orchard_plot_parent_class)->dispose (object);
}

static void
orchard_plot_finalize (GObject *object)
{
  OrchardPlot *self = (OrchardPlot *)object;
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_clear_pointer (&priv->title, g_free);
  g_clear_pointer (&priv->subtitle, g_free);

  G_OBJECT_CLASS (orchard_plot_parent_class)->finalize (object);
}

static void
orchard_plot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OrchardPlot *self = ORCHARD_PLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, orchard_plot_get_title (self));
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, orchard_plot_get_subtitle (self));
      break;

    case PROP_X_AXIS:
      g_value_set_object (value, orchard_plot_get_x_axis (self));
      break;

    case PROP_Y_AXIS:
      g_value_set_object (value, orchard_plot_get_y_axis (self));
      break;

    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, orchard_plot_get_show_legend (self));
      break;

    case PROP_SHOW_GRID:
      g_value_set_boolean (value, orchard_plot_get_show_grid (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_plot_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OrchardPlot *self = ORCHARD_PLOT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      orchard_plot_set_title (self, g_value_get_string (value));
      break;

    case PROP_SUBTITLE:
      orchard_plot_set_subtitle (self, g_value_get_string (value));
      break;

    case PROP_X_AXIS:
      orchard_plot_set_x_axis (self, g_value_get_object (value));
      break;

    case PROP_Y_AXIS:
      orchard_plot_set_y_axis (self, g_value_get_object (value));
      break;

    case PROP_SHOW_LEGEND:
      orchard_plot_set_show_legend (self, g_value_get_boolean (value));
      break;

    case PROP_SHOW_GRID:
      orchard_plot_set_show_grid (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_plot_class_init (OrchardPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_plot_dispose;
  object_class->finalize = orchard_plot_finalize;
  object_class->get_property = orchard_plot_get_property;
  object_class->set_property = orchard_plot_set_property;

  widget_class->snapshot = orchard_plot_snapshot;
  widget_class->measure = orchard_plot_measure;
  widget_class->size_allocate = orchard_plot_size_allocate;
  widget_class->css_changed = orchard_plot_css_changed;
  widget_class->system_setting_changed = orchard_plot_system_setting_changed;
  widget_class->state_flags_changed = orchard_plot_state_flags_changed;
  widget_class->query_tooltip = orchard_plot_query_tooltip;

  klass->nearest = orchard_plot_real_nearest;
  klass->describe = orchard_plot_real_describe;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardPlot:subtitle:
   *
   * A dim line under the title, for what the plot leaves out (such as the
   * share of missing values).
   */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_X_AXIS] =
    g_param_spec_object ("x-axis", NULL, NULL,
                         ORCHARD_TYPE_PLOT_AXIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_Y_AXIS] =
    g_param_spec_object ("y-axis", NULL, NULL,
                         ORCHARD_TYPE_PLOT_AXIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SHOW_GRID] =
    g_param_spec_boolean ("show-grid", NULL, NULL,
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  orchard_plot_class_init_actions (klass);

  gtk_widget_class_set_css_name (widget_class, "orchard-plot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
orchard_plot_init (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  GtkEventController *controller;
  GtkGesture *click;

  priv->show_legend = TRUE;
  priv->show_grid = TRUE;
  orchard_plot_palette_init_builtin (&priv->palette, FALSE);

  set_axis (self, &priv->x_axis, &priv->x_axis_changed_id, NULL, properties[PROP_X_AXIS]);
  set_axis (self, &priv->y_axis, &priv->y_axis_changed_id, NULL, properties[PROP_Y_AXIS]);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  click = gtk_gesture_click_new ();
  g_signal_connect_object (click, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  priv->actions = orchard_plot_actions_new (self);
  orchard_plot_actions_update (priv->actions);
}

OrchardPlotActions *
orchard_plot_get_actions (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  return priv->actions;
}

/* Public API */

const char *
orchard_plot_get_title (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  return priv->title;
}

void
orchard_plot_set_title (OrchardPlot *self,
                        const char  *title)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_PLOT (self));

  if (g_strcmp0 (priv->title, title) == 0)
    return;

  g_free (priv->title);
  priv->title = g_strdup (title);

  orchard_plot_invalidate_layout (self);
  orchard_plot_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
orchard_plot_get_subtitle (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  return priv->subtitle;
}

void
orchard_plot_set_subtitle (OrchardPlot *self,
                           const char  *subtitle)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_PLOT (self));

  if (g_strcmp0 (priv->subtitle, subtitle) == 0)
    return;

  g_free (priv->subtitle);
  priv->subtitle = g_strdup (subtitle);

  orchard_plot_invalidate_layout (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/**
 * orchard_plot_get_x_axis:
 * @self: a plot
 *
 * Returns: (transfer none): the horizontal axis
 */
OrchardPlotAxis *
orchard_plot_get_x_axis (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  return priv->x_axis;
}

/**
 * orchard_plot_set_x_axis:
 * @self: a plot
 * @axis: (nullable): the horizontal axis; %NULL for a new linear one
 */
void
orchard_plot_set_x_axis (OrchardPlot     *self,
                         OrchardPlotAxis *axis)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_PLOT (self));
  g_return_if_fail (!axis || ORCHARD_IS_PLOT_AXIS (axis));

  set_axis (self, &priv->x_axis, &priv->x_axis_changed_id, axis, properties[PROP_X_AXIS]);
}

/**
 * orchard_plot_get_y_axis:
 * @self: a plot
 *
 * Returns: (transfer none): the vertical axis
 */
OrchardPlotAxis *
orchard_plot_get_y_axis (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  return priv->y_axis;
}

/**
 * orchard_plot_set_y_axis:
 * @self: a plot
 * @axis: (nullable): the vertical axis; %NULL for a new linear one
 */
void
orchard_plot_set_y_axis (OrchardPlot     *self,
                         OrchardPlotAxis *axis)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_PLOT (self));
  g_return_if_fail (!axis || ORCHARD_IS_PLOT_AXIS (axis));

  set_axis (self, &priv->y_axis, &priv->y_axis_changed_id, axis, properties[PROP_Y_AXIS]);
}

gboolean
orchard_plot_get_show_legend (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);

  return priv->show_legend;
}

/**
 * orchard_plot_set_show_legend:
 * @self: a plot
 * @show_legend: whether to show the legend
 *
 * A legend only ever shows for two series or more.
 */
void
orchard_plot_set_show_legend (OrchardPlot *self,
                              gboolean     show_legend)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_PLOT (self));

  show_legend = !!show_legend;

  if (priv->show_legend != show_legend)
    {
      priv->show_legend = show_legend;
      orchard_plot_invalidate_layout (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
    }
}

gboolean
orchard_plot_get_show_grid (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);

  return priv->show_grid;
}

void
orchard_plot_set_show_grid (OrchardPlot *self,
                            gboolean     show_grid)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_PLOT (self));

  show_grid = !!show_grid;

  if (priv->show_grid != show_grid)
    {
      priv->show_grid = show_grid;
      orchard_plot_invalidate_layout (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_GRID]);
    }
}

/**
 * orchard_plot_data_changed:
 * @self: a plot
 *
 * For subclasses: call after changing the data. Widens the axes to the new
 * extent, has the data normalised, and refreshes the drawing and the
 * accessible description.
 */
void
orchard_plot_data_changed (OrchardPlot *self)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);
  double x_min = NAN, x_max = NAN, y_min = NAN, y_max = NAN;

  g_return_if_fail (ORCHARD_IS_PLOT (self));

  /* During init, before both axes exist. */
  if (priv->x_axis == NULL || priv->y_axis == NULL)
    return;

  priv->in_data_changed = TRUE;

  if (klass->get_extent != NULL)
    klass->get_extent (self, &x_min, &x_max, &y_min, &y_max);

  orchard_plot_axis_set_data_extent (priv->x_axis, x_min, x_max);
  orchard_plot_axis_set_data_extent (priv->y_axis, y_min, y_max);

  priv->in_data_changed = FALSE;

  if (klass->normalize != NULL)
    klass->normalize (self);

  orchard_plot_refresh_selection (self);
  orchard_plot_invalidate_layout (self);
  orchard_plot_update_accessible (self);
  if (priv->actions != NULL)
    orchard_plot_actions_update (priv->actions);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * orchard_plot_dup_description:
 * @self: a plot
 *
 * Returns: (transfer full): the summary of the data that is the plot's
 *   accessible description
 */
char *
orchard_plot_dup_description (OrchardPlot *self)
{
  OrchardPlotClass *klass;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  klass = ORCHARD_PLOT_GET_CLASS (self);

  return klass->describe (self);
}

/**
 * orchard_plot_dup_item_text:
 * @self: a plot
 * @series: a series
 * @index: an item of it
 *
 * Returns: (transfer full) (nullable): the tooltip text of the item
 */
char *
orchard_plot_dup_item_text (OrchardPlot *self,
                            guint        series,
                            guint        index)
{
  OrchardPlotClass *klass;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), NULL);

  klass = ORCHARD_PLOT_GET_CLASS (self);

  if (klass->describe_item == NULL || series >= orchard_plot_count_series (self) || index >= orchard_plot_count_items (self, series))
    return NULL;

  return klass->describe_item (self, series, index);
}

/**
 * orchard_plot_select_item:
 * @self: a plot
 * @series: a series
 * @index: an item of it
 *
 * Marks an item the way keyboard navigation does: highlighted, with its
 * values written beside it.
 *
 * Returns: whether there is such an item
 */
gboolean
orchard_plot_select_item (OrchardPlot *self,
                          guint        series,
                          guint        index)
{
  OrchardPlotHit hit;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);

  if (!orchard_plot_fetch_item (self, series, index, &hit))
    return FALSE;

  set_selection (self, TRUE, series, index, TRUE);

  return TRUE;
}

void
orchard_plot_clear_selection (OrchardPlot *self)
{
  g_return_if_fail (ORCHARD_IS_PLOT (self));

  set_selection (self, FALSE, 0, 0, FALSE);
}

/**
 * orchard_plot_get_selection:
 * @self: a plot
 * @hit: (out) (optional): where the hovered or selected item lies
 *
 * Returns: whether an item is hovered or selected
 */
gboolean
orchard_plot_get_selection (OrchardPlot    *self,
                            OrchardPlotHit *hit)
{
  OrchardPlotPrivate *priv = orchard_plot_get_instance_private (self);
  OrchardPlotHit item;

  g_return_val_if_fail (ORCHARD_IS_PLOT (self), FALSE);

  if (!priv->has_selection || !orchard_plot_fetch_item (self, priv->selected_series, priv->selected_index, &item))
    return FALSE;

  if (hit != NULL)
    *hit = item;

  return TRUE;
}
