/* orchard-column-inspector.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "orchard-column-inspector.h"
#ifdef HAVE_ORCHARD_PLOTS
# include "orchard-plots.h"
#endif

typedef struct
{
  char   *text;
  double  number;
} Shown;

struct _OrchardColumnInspector
{
  GtkWidget            parent_instance;

  /* What each statistic row shows, by key, so that tests read what the
   * user reads. */
  GHashTable          *shown;
  GPtrArray           *rows;
  GtkWidget           *plot;
  int                  column;
  gboolean             updating;

  GtkStack            *stack;
  GtkStack            *details;
  GtkLabel            *title;
  GtkLabel            *subtitle;
  AdwComboRow         *kind_row;
  AdwComboRow         *role_row;
  GtkBox              *plot_box;
  GtkOverlay          *plot_overlay;
  GtkLevelBar         *missing_bar;
  GtkLabel            *missing_label;
  AdwPreferencesGroup *stats_group;
};

G_DEFINE_FINAL_TYPE (OrchardColumnInspector, orchard_column_inspector, GTK_TYPE_WIDGET)

enum {
  KIND_CHOSEN,
  ROLE_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
shown_free (Shown *shown)
{
  g_free (shown->text);
  g_free (shown);
}

/**
 * orchard_format_statistic:
 * @value: a statistic
 *
 * Five significant digits in fixed notation for everyday magnitudes, so a
 * column of statistics reads at a glance; exact integers stay exact.
 *
 * Returns: (transfer full): the text, "—" for NaN
 */
char *
orchard_format_statistic (double value)
{
  double magnitude;
  int decimals;
  char *text;

  if (isnan (value))
    return g_strdup (C_("statistic", "—"));
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  magnitude = fabs (value);
  if (value == rint (value) && magnitude < 1e15)
    return g_strdup_printf ("%.0f", value);
  if (magnitude < 1e-4 || magnitude >= 1e12)
    return g_strdup_printf ("%.4e", value);

  decimals = MAX (0, 4 - (int) floor (log10 (magnitude)));
  text = g_strdup_printf ("%.*f", decimals, value);

  /* 32.1 rather than 32.100: trailing zeros claim a precision the value
   * does not have. */
  if (decimals > 0)
    {
      const char *point = localeconv ()->decimal_point;
      gsize len = strlen (text);

      while (len > 0 && text[len - 1] == '0')
        text[--len] = '\0';
      if (len >= strlen (point) && strcmp (text + len - strlen (point), point) == 0)
        text[len - strlen (point)] = '\0';
    }

  return text;
}

static inline gboolean
orchard_column_kind_is_coded_kind (OrchardColumnKind kind)
{
  return kind == ORCHARD_COLUMN_KIND_CATEGORICAL || kind == ORCHARD_COLUMN_KIND_TEXT;
}

static char *
format_count (gsize count)
{
  return g_strdup_printf ("%'" G_GSIZE_FORMAT, count);
}

static void
clear_rows (OrchardColumnInspector *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->stats_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->shown);
}

static void
add_row (OrchardColumnInspector *self,
         const char             *key,
         const char             *title,
         char                   *text,
         double                  number)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (text);
  Shown *shown = g_new0 (Shown, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_add_css_class (value, "inspector-value");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  adw_preferences_group_add (self->stats_group, row);
  g_ptr_array_add (self->rows, row);

  shown->text = text;
  shown->number = number;
  g_hash_table_insert (self->shown, g_strdup (key), shown);
}

static void
add_number (OrchardColumnInspector *self,
            const char             *key,
            const char             *title,
            double                  value)
{
  add_row (self, key, title, orchard_format_statistic (value), value);
}

static void
add_count (OrchardColumnInspector *self,
           const char             *key,
           const char             *title,
           gsize                   count)
{
  add_row (self, key, title, format_count (count), (double) count);
}

static void
add_datetime (OrchardColumnInspector *self,
              const char             *key,
              const char             *title,
              double                  seconds)
{
  add_row (self, key, title,
           isnan (seconds) ? g_strdup (C_("statistic", "—")) : orchard_format_datetime (seconds),
           seconds);
}

static void
show_missing (OrchardColumnInspector     *self,
              const OrchardColumnProfile *cp,
              gsize                       n_rows)
{
  g_autofree char *missing = format_count (cp->missing);
  g_autofree char *rows = format_count (n_rows);
  g_autofree char *text = NULL;

  /* Translators: "2 of 344 values missing (0.6%)" */
  text = g_strdup_printf (_("%s of %s values missing (%.1f%%)"),
                          missing, rows, cp->missing_share * 100.0);
  gtk_label_set_label (self->missing_label, text);
  gtk_level_bar_set_value (self->missing_bar, cp->missing_share);
}

#ifdef HAVE_ORCHARD_PLOTS
static GtkWidget *
make_histogram (const OrchardColumnProfile *cp)
{
  GtkWidget *plot = orchard_histogram_plot_new ();
  g_autofree double *counts = g_new (double, MAX (cp->n_bins, 1));

  for (guint i = 0; i < cp->n_bins; i++)
    counts[i] = (double) cp->bin_counts[i];

  orchard_histogram_plot_set_name (ORCHARD_HISTOGRAM_PLOT (plot), cp->name);
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), cp->bin_edges, counts, cp->n_bins);
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), _("Rows"));

  return plot;
}

static GtkWidget *
make_bar_chart (const OrchardColumnProfile *cp)
{
  GtkWidget *plot = orchard_bar_plot_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double value;

  /* Levels by count as the profile gives them, then the rest and the
   * missing values, so that every row is somewhere in the chart. */
  for (guint i = 0; i < cp->n_levels; i++)
    {
      g_ptr_array_add (labels, g_strdup (cp->levels[i].value));
      value = (double) cp->levels[i].count;
      g_array_append_val (values, value);
    }
  if (cp->n_other_levels > 0)
    {
      g_autofree char *count = format_count (cp->n_other_levels);

      /* Translators: a bar for the levels not shown by name, "17 other levels" */
      g_ptr_array_add (labels, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s other level",
                                                             "%s other levels", cp->n_other_levels),
                                                count));
      value = (double) cp->other_count;
      g_array_append_val (values, value);
    }
  if (cp->missing > 0)
    {
      g_ptr_array_add (labels, g_strdup (_("Missing")));
      value = (double) cp->missing;
      g_array_append_val (values, value);
    }
  g_ptr_array_add (labels, NULL);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_HORIZONTAL);
  orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (plot), ORCHARD_BAR_PLOT_SORT_NONE);
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (plot), TRUE);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), (const char * const *) labels->pdata,
                             (const double *) (gpointer) values->data, values->len);
  orchard_plot_axis_set_title (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (plot)), _("Rows"));

  return plot;
}
#endif

static void
show_plot (OrchardColumnInspector     *self,
           const OrchardColumnProfile *cp)
{
  GtkWidget *plot = NULL;

  if (self->plot != NULL)
    {
      gtk_overlay_set_child (self->plot_overlay, NULL);
      self->plot = NULL;
    }

#ifdef HAVE_ORCHARD_PLOTS
  if (cp != NULL && cp->kind == ORCHARD_COLUMN_KIND_NUMERIC && cp->n_bins > 0)
    plot = make_histogram (cp);
  else if (cp != NULL && orchard_column_kind_is_coded_kind (cp->kind) && cp->n_levels + cp->missing > 0)
    plot = make_bar_chart (cp);

  if (plot != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Distribution of “%s”"), cp->name);

      /* The title names the column in an exported file, and is the name
       * the export suggests. */
      orchard_plot_set_title (ORCHARD_PLOT (plot), cp->name);
      /* Many levels need room for their labels; a histogram does not. */
      gtk_widget_set_size_request (plot, -1,
                                   cp->kind == ORCHARD_COLUMN_KIND_NUMERIC
                                   ? 220 : 60 + 24 * (int) MIN (cp->n_levels + 2, 22));
      gtk_accessible_update_property (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_overlay_set_child (self->plot_overlay, plot);
      self->plot = plot;
    }
#endif

  gtk_widget_set_visible (GTK_WIDGET (self->plot_box), plot != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.export-plot", plot != NULL);
}

static void
export_plot_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  OrchardColumnInspector *self = ORCHARD_COLUMN_INSPECTOR (widget);

  /* The plot asks where and exports; see orchard-plot-actions.c. */
  if (self->plot != NULL)
    gtk_widget_activate_action (self->plot, "plot.export", NULL);
}

/**
 * orchard_column_inspector_show:
 * @self: an inspector
 * @table: (nullable): the table
 * @profile: (nullable): its profile
 * @column: a column index, or -1 for none
 *
 * Shows the profile of one column; without a profile (still computing)
 * the inspector says so.
 */
void
orchard_column_inspector_show (OrchardColumnInspector *self,
                               OrchardTable           *table,
                               OrchardProfile         *profile,
                               int                     column)
{
  const OrchardColumnProfile *cp;
  OrchardColumn *col;
  g_autofree char *subtitle = NULL;
  int index;

  g_return_if_fail (ORCHARD_IS_COLUMN_INSPECTOR (self));

  clear_rows (self);
  self->column = column;

  if (table == NULL || column < 0 || (guint) column >= orchard_table_get_n_columns (table))
    {
      self->column = -1;
      gtk_stack_set_visible_child_name (self->stack, "none");
      show_plot (self, NULL);
      return;
    }

  col = orchard_table_get_column (table, column);
  gtk_label_set_label (self->title, orchard_column_get_name (col));
  /* Translators: "Column 3 of 8" */
  subtitle = g_strdup_printf (_("Column %u of %u"), (guint) column + 1,
                              orchard_table_get_n_columns (table));
  gtk_label_set_label (self->subtitle, subtitle);

  self->updating = TRUE;
  adw_combo_row_set_selected (self->kind_row, orchard_column_get_kind (col));
  adw_combo_row_set_selected (self->role_row, orchard_table_get_role (table, column));
  self->updating = FALSE;

  index = profile != NULL ? orchard_profile_find_column (profile, orchard_column_get_name (col)) : -1;
  if (index < 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "column");
      gtk_stack_set_visible_child_name (self->details, "computing");
      show_plot (self, NULL);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "column");
  gtk_stack_set_visible_child_name (self->details, "profile");
  cp = orchard_profile_get_column (profile, index);
  show_missing (self, cp, orchard_profile_get_n_rows (profile));
  show_plot (self, cp);

  add_count (self, "count", _("Values"), cp->count);
  add_count (self, "missing", _("Missing"), cp->missing);
  add_count (self, "unique", _("Distinct"), cp->unique);

  switch (cp->kind)
    {
    case ORCHARD_COLUMN_KIND_NUMERIC:
      add_number (self, "mean", _("Mean"), cp->mean);
      add_number (self, "std", _("Standard deviation"), cp->std);
      add_number (self, "min", _("Minimum"), cp->min);
      add_number (self, "p25", _("First quartile"), cp->quantiles[ORCHARD_QUANTILE_P25]);
      add_number (self, "median", _("Median"), cp->quantiles[ORCHARD_QUANTILE_P50]);
      add_number (self, "p75", _("Third quartile"), cp->quantiles[ORCHARD_QUANTILE_P75]);
      add_number (self, "max", _("Maximum"), cp->max);
      add_number (self, "skewness", _("Skewness"), cp->skewness);
      add_count (self, "zeros", _("Zeros"), cp->zeros);
      add_count (self, "outliers", _("Outside 1.5 × IQR"), cp->outliers);
      break;

    case ORCHARD_COLUMN_KIND_DATETIME:
      add_datetime (self, "min", _("Earliest"), cp->min);
      add_datetime (self, "median", _("Median"), cp->quantiles[ORCHARD_QUANTILE_P50]);
      add_datetime (self, "max", _("Latest"), cp->max);
      break;

    case ORCHARD_COLUMN_KIND_CATEGORICAL:
    case ORCHARD_COLUMN_KIND_TEXT:
      if (cp->n_levels > 0)
        {
          g_autofree char *count = format_count (cp->levels[0].count);
          /* Translators: the most frequent level and its count, "Adelie (152)" */
          add_row (self, "mode", _("Most frequent"),
                   g_strdup_printf (_("%s (%s)"), cp->levels[0].value, count),
                   (double) cp->levels[0].count);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

/**
 * orchard_column_inspector_get_text:
 * @self: an inspector
 * @key: "count", "missing", "unique", "mean", "std", "min", "p25",
 *   "median", "p75", "max", "skewness", "zeros", "outliers" or "mode"
 *
 * Returns: (nullable): the text shown for @key, or %NULL when not shown
 */
const char *
orchard_column_inspector_get_text (OrchardColumnInspector *self,
                                   const char             *key)
{
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_COLUMN_INSPECTOR (self), NULL);

  shown = g_hash_table_lookup (self->shown, key);
  return shown != NULL ? shown->text : NULL;
}

/**
 * orchard_column_inspector_get_number:
 * @self: an inspector
 * @key: as for orchard_column_inspector_get_text()
 * @value: (out): the number behind the text
 *
 * Returns: whether @key is shown
 */
gboolean
orchard_column_inspector_get_number (OrchardColumnInspector *self,
                                     const char             *key,
                                     double                 *value)
{
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_COLUMN_INSPECTOR (self), FALSE);

  shown = g_hash_table_lookup (self->shown, key);
  if (shown == NULL)
    return FALSE;

  *value = shown->number;
  return TRUE;
}

/**
 * orchard_column_inspector_get_plot:
 *
 * Returns: (transfer none) (nullable): the distribution plot shown
 */
GtkWidget *
orchard_column_inspector_get_plot (OrchardColumnInspector *self)
{
  g_return_val_if_fail (ORCHARD_IS_COLUMN_INSPECTOR (self), NULL);
  return self->plot;
}

static void
kind_selected_cb (OrchardColumnInspector *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (!self->updating && self->column >= 0 && kind != GTK_INVALID_LIST_POSITION)
    g_signal_emit (self, signals[KIND_CHOSEN], 0, (guint) self->column, kind);
}

static void
role_selected_cb (OrchardColumnInspector *self)
{
  guint role = adw_combo_row_get_selected (self->role_row);

  if (!self->updating && self->column >= 0 && role != GTK_INVALID_LIST_POSITION)
    g_signal_emit (self, signals[ROLE_CHOSEN], 0, (guint) self->column, role);
}

static void
orchard_column_inspector_dispose (GObject *object)
{
  OrchardColumnInspector *self = (OrchardColumnInspector *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_COLUMN_INSPECTOR);
  self->plot = NULL;
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (orchard_column_inspector_parent_class)->dispose (object);
}

static void
orchard_column_inspector_class_init (OrchardColumnInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_column_inspector_dispose;

  /**
   * OrchardColumnInspector::kind-chosen:
   * @self: the inspector
   * @column: the column shown
   * @kind: the #OrchardColumnKind the user chose
   */
  signals[KIND_CHOSEN] =
    g_signal_new ("kind-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * OrchardColumnInspector::role-chosen:
   * @self: the inspector
   * @column: the column shown
   * @role: the #OrchardColumnRole the user chose
   */
  signals[ROLE_CHOSEN] =
    g_signal_new ("role-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-column-inspector.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "columninspector");

  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, details);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, title);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, subtitle);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, kind_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, role_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, plot_box);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, plot_overlay);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, missing_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, missing_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardColumnInspector, stats_group);

  gtk_widget_class_install_action (widget_class, "inspector.export-plot", NULL, export_plot_action);
}

static void
orchard_column_inspector_init (OrchardColumnInspector *self)
{
  self->rows = g_ptr_array_new ();
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) shown_free);

  self->column = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inspector.export-plot", FALSE);

  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (kind_selected_cb), self);
  g_signal_connect_swapped (self->role_row, "notify::selected", G_CALLBACK (role_selected_cb), self);

  /* The bar shows a share of missing values: more is worse. */
  gtk_level_bar_set_mode (self->missing_bar, GTK_LEVEL_BAR_MODE_CONTINUOUS);
  gtk_level_bar_remove_offset_value (self->missing_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->missing_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->missing_bar, GTK_LEVEL_BAR_OFFSET_FULL);
}
