/* orchard-prep-preview.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-column-inspector.h"
#include "orchard-plots.h"
#include "orchard-prep-preview.h"

/**
 * OrchardPrepPreview:
 *
 * One input column as the training rows hold it before the pipeline and as
 * the model will see it after: which steps changed it, its statistics side
 * by side, and two plots (a histogram of numbers, the levels of a
 * category, or the features it became). Both sides come from the profiles
 * an #OrchardPrepared computed on the training rows, before and after.
 */

#define PLOT_WIDTH  240
/* The widest a card grows; the template's clamps say the same. */
#define CARD_WIDTH  340
#define PLOT_HEIGHT 200

typedef struct
{
  char   *text;
  double  number;
} Shown;

struct _OrchardPrepPreview
{
  GtkWidget     parent_instance;

  char         *column;
  GHashTable   *shown;        /* "before:mean" → Shown */
  GtkWidget    *before_plot;
  GtkWidget    *after_plot;

  GtkWidget    *box;
  GtkLabel     *fate_label;
  GtkGrid      *stats_grid;
  GtkBox       *before_card;
  GtkBox       *after_card;
};

G_DEFINE_FINAL_TYPE (OrchardPrepPreview, orchard_prep_preview, GTK_TYPE_WIDGET)

static void
shown_free (Shown *shown)
{
  g_free (shown->text);
  g_free (shown);
}

static const OrchardColumnProfile *
find_profile (OrchardProfile *profile,
              const char     *name)
{
  int index = profile != NULL ? orchard_profile_find_column (profile, name) : -1;

  return index >= 0 ? orchard_profile_get_column (profile, index) : NULL;
}

/* The matrix columns the pipeline derived from @column under other names. */
static GPtrArray *
derived_features (OrchardPrepared *prepared,
                  const char      *column)
{
  OrchardPipeline *pipeline = orchard_prepared_get_pipeline (prepared);
  GPtrArray *features = g_ptr_array_new ();

  if (!orchard_prepared_is_fitted (prepared))
    return features;

  for (guint f = 0; f < orchard_pipeline_get_n_features (pipeline); f++)
    if (strcmp (orchard_pipeline_get_feature_source (pipeline, f), column) == 0 &&
        strcmp (orchard_pipeline_get_feature_name (pipeline, f), column) != 0)
      g_ptr_array_add (features, (gpointer) orchard_pipeline_get_feature_name (pipeline, f));

  return features;
}

static gboolean
same_number (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/**
 * orchard_prep_preview_affected_columns:
 * @prepared: a fitted preparation
 *
 * Returns: (transfer full) (element-type utf8): the feature columns the
 *   pipeline changes, in table order: those it drops, derives features
 *   from, or whose training values it changes
 */
GPtrArray *
orchard_prep_preview_affected_columns (OrchardPrepared *prepared)
{
  OrchardProfile *before;
  OrchardProfile *after;
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (ORCHARD_IS_PREPARED (prepared), columns);

  if (!orchard_prepared_is_fitted (prepared))
    return columns;

  before = orchard_prepared_get_before (prepared);
  after = orchard_prepared_get_after (prepared);

  for (guint c = 0; c < orchard_profile_get_n_columns (before); c++)
    {
      const OrchardColumnProfile *b = orchard_profile_get_column (before, c);
      const OrchardColumnProfile *a = find_profile (after, b->name);
      g_autoptr(GPtrArray) derived = NULL;

      if (b->role != ORCHARD_COLUMN_ROLE_FEATURE)
        continue;

      derived = derived_features (prepared, b->name);
      if (a == NULL || derived->len > 0 || a->kind != b->kind || a->role != b->role ||
          a->count != b->count || a->missing != b->missing || a->unique != b->unique ||
          !same_number (a->mean, b->mean) || !same_number (a->std, b->std) ||
          !same_number (a->min, b->min) || !same_number (a->max, b->max))
        g_ptr_array_add (columns, g_strdup (b->name));
    }

  return columns;
}

/* ---- what happened to it ------------------------------------------------ */

static gboolean
variant_names (GVariant   *report,
               const char *key,
               const char *column)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (report, key, NULL);

  if (value == NULL)
    return FALSE;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    {
      g_autofree const char **names = g_variant_get_strv (value, NULL);
      return g_strv_contains (names, column);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE ("a{sa{sv}}")))
    {
      g_autoptr(GVariant) entry = g_variant_lookup_value (value, column, NULL);
      return entry != NULL;
    }

  return FALSE;
}

static char *
describe_fate (OrchardPrepared *prepared,
               const char      *column,
               gboolean         kept,
               GPtrArray       *derived)
{
  OrchardPipeline *pipeline = orchard_prepared_get_pipeline (prepared);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autofree char *by = NULL;

  for (guint s = 0; s < orchard_pipeline_get_n_steps (pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (pipeline, s);
      g_autoptr(GVariant) report = orchard_step_get_report (step);

      if (report != NULL &&
          (variant_names (report, "columns", column) || variant_names (report, "dropped", column)))
        g_ptr_array_add (steps, (gpointer) orchard_step_id_get_title (orchard_step_get_id (step)));
    }
  g_ptr_array_add (steps, NULL);
  /* Translators: the separator of a list of step names */
  by = g_strjoinv (C_("list", ", "), (char **) steps->pdata);

  if (derived->len > 0)
    {
      g_autofree char *names = NULL;

      g_ptr_array_add (derived, NULL);
      names = g_strjoinv (C_("list", ", "), (char **) derived->pdata);
      g_ptr_array_set_size (derived, derived->len - 1);

      /* Translators: "Becomes 3 features: island=Biscoe, …; by One-hot encoding" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Becomes %u feature: %s (by %s)",
                                           "Becomes %u features: %s (by %s)", derived->len),
                              derived->len, names, by);
    }

  if (!kept)
    /* Translators: "Dropped by Drop columns: no feature comes from it" */
    return g_strdup_printf (_("Dropped by %s: no feature comes from it"), by);

  if (steps->len > 1)
    /* Translators: "Changed by Impute numbers, Scale" */
    return g_strdup_printf (_("Changed by %s"), by);

  return g_strdup (_("Rows were removed or added; the values are as they were"));
}

/* ---- statistics ------------------------------------------------------------ */

static void
clear_grid (OrchardPrepPreview *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stats_grid))) != NULL)
    gtk_grid_remove (self->stats_grid, child);
  g_hash_table_remove_all (self->shown);
}

static GtkWidget *
grid_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (label), css_class != NULL && g_str_equal (css_class, "numeric"));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

typedef enum
{
  STAT_COUNT,
  STAT_NUMBER,
  STAT_MODE,
} StatKind;

static const struct {
  const char *key;
  const char *title;
  StatKind    kind;
} stats[] = {
  { "count", N_("Values"), STAT_COUNT },
  { "missing", N_("Missing"), STAT_COUNT },
  { "unique", N_("Distinct"), STAT_COUNT },
  { "mean", N_("Mean"), STAT_NUMBER },
  { "std", N_("Standard deviation"), STAT_NUMBER },
  { "min", N_("Minimum"), STAT_NUMBER },
  { "median", N_("Median"), STAT_NUMBER },
  { "max", N_("Maximum"), STAT_NUMBER },
  { "mode", N_("Most frequent"), STAT_MODE },
};

/* A statistic of one side; NaN and no text when it does not apply. */
static char *
stat_text (const OrchardColumnProfile *cp,
           guint                       stat,
           double                     *number)
{
  *number = NAN;

  if (cp == NULL)
    return NULL;

  switch (stats[stat].kind)
    {
    case STAT_COUNT:
      *number = (double) (g_str_equal (stats[stat].key, "count") ? cp->count
                          : g_str_equal (stats[stat].key, "missing") ? cp->missing : cp->unique);
      return g_strdup_printf ("%'" G_GSIZE_FORMAT, (gsize) *number);

    case STAT_NUMBER:
      if (cp->kind != ORCHARD_COLUMN_KIND_NUMERIC)
        return NULL;
      if (g_str_equal (stats[stat].key, "mean"))
        *number = cp->mean;
      else if (g_str_equal (stats[stat].key, "std"))
        *number = cp->std;
      else if (g_str_equal (stats[stat].key, "min"))
        *number = cp->min;
      else if (g_str_equal (stats[stat].key, "median"))
        *number = cp->quantiles[ORCHARD_QUANTILE_P50];
      else
        *number = cp->max;
      /* A standardised mean is 0 up to rounding (1e-15): say 0, which is
       * what it is at the column's scale. */
      if (fabs (*number) < 1e-9 * MAX (fabs (cp->min), fabs (cp->max)))
        return orchard_format_statistic (0.0);
      return orchard_format_statistic (*number);

    case STAT_MODE:
      if (cp->kind != ORCHARD_COLUMN_KIND_CATEGORICAL || cp->n_levels == 0)
        return NULL;
      *number = (double) cp->levels[0].count;
      {
        g_autofree char *count = g_strdup_printf ("%'" G_GSIZE_FORMAT, cp->levels[0].count);
        /* Translators: the most frequent level and its count, "Adelie (152)" */
        return g_strdup_printf (_("%s (%s)"), cp->levels[0].value, count);
      }

    default:
      g_assert_not_reached ();
    }
}

static void
keep_shown (OrchardPrepPreview *self,
            gboolean            after,
            const char         *key,
            const char         *text,
            double              number)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->text = g_strdup (text);
  shown->number = number;
  g_hash_table_insert (self->shown, g_strdup_printf ("%s:%s", after ? "after" : "before", key),
                       shown);
}

static void
fill_grid (OrchardPrepPreview         *self,
           const OrchardColumnProfile *before,
           const OrchardColumnProfile *after)
{
  int row = 1;

  clear_grid (self);
  gtk_grid_attach (self->stats_grid, grid_label (C_("preview", "Before"), 1.0, "heading"), 1, 0, 1, 1);
  gtk_grid_attach (self->stats_grid, grid_label (C_("preview", "After"), 1.0, "heading"), 2, 0, 1, 1);

  for (guint i = 0; i < G_N_ELEMENTS (stats); i++)
    {
      double b_number, a_number;
      g_autofree char *b_text = stat_text (before, i, &b_number);
      g_autofree char *a_text = stat_text (after, i, &a_number);
      GtkWidget *title;

      if (b_text == NULL && a_text == NULL)
        continue;

      title = grid_label (_(stats[i].title), 0.0, "dim-label");
      gtk_widget_set_hexpand (title, TRUE);
      gtk_grid_attach (self->stats_grid, title, 0, row, 1, 1);
      /* Translators: a statistic that does not apply to one side */
      gtk_grid_attach (self->stats_grid,
                       grid_label (b_text != NULL ? b_text : C_("statistic", "—"), 1.0, "numeric"),
                       1, row, 1, 1);
      gtk_grid_attach (self->stats_grid,
                       grid_label (a_text != NULL ? a_text : C_("statistic", "—"), 1.0, "numeric"),
                       2, row, 1, 1);
      if (b_text != NULL)
        keep_shown (self, FALSE, stats[i].key, b_text, b_number);
      if (a_text != NULL)
        keep_shown (self, TRUE, stats[i].key, a_text, a_number);
      row++;
    }
}

/* ---- plots ------------------------------------------------------------------- */

static GtkWidget *
make_plot (const OrchardColumnProfile *cp,
           const char                 *title,
           const char                 *subtitle)
{
  GtkWidget *plot = NULL;

  if (cp->kind == ORCHARD_COLUMN_KIND_NUMERIC && cp->n_bins > 0)
    {
      g_autofree double *counts = g_new (double, cp->n_bins);

      for (guint i = 0; i < cp->n_bins; i++)
        counts[i] = (double) cp->bin_counts[i];

      plot = orchard_histogram_plot_new ();
      orchard_histogram_plot_set_name (ORCHARD_HISTOGRAM_PLOT (plot), cp->name);
      orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), cp->bin_edges, counts, cp->n_bins);
      orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), _("Rows"));
    }
  else if (cp->kind == ORCHARD_COLUMN_KIND_CATEGORICAL && cp->n_levels + cp->missing > 0)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
      double value;

      for (guint i = 0; i < cp->n_levels; i++)
        {
          g_ptr_array_add (labels, (gpointer) cp->levels[i].value);
          value = (double) cp->levels[i].count;
          g_array_append_val (values, value);
        }
      if (cp->missing > 0)
        {
          g_ptr_array_add (labels, (gpointer) _("Missing"));
          value = (double) cp->missing;
          g_array_append_val (values, value);
        }
      g_ptr_array_add (labels, NULL);

      plot = orchard_bar_plot_new ();
      gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_HORIZONTAL);
      orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (plot), ORCHARD_BAR_PLOT_SORT_NONE);
      orchard_bar_plot_set_max_bars (ORCHARD_BAR_PLOT (plot), 12);
      orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (plot), TRUE);
      orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), (const char * const *) labels->pdata,
                                 (const double *) (gpointer) values->data, values->len);
      orchard_plot_axis_set_title (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (plot)), _("Rows"));
    }

  if (plot == NULL)
    return NULL;

  orchard_plot_set_title (ORCHARD_PLOT (plot), title);
  orchard_plot_set_subtitle (ORCHARD_PLOT (plot), subtitle);
  return plot;
}

/* What a column became when it became several features: the mean of each
 * over the training rows, which for 0/1 columns is the share of rows. */
static GtkWidget *
make_features_plot (OrchardProfile *after,
                    GPtrArray      *derived,
                    const char     *title,
                    const char     *subtitle)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *plot;

  for (guint i = 0; i < derived->len; i++)
    {
      const OrchardColumnProfile *cp = find_profile (after, g_ptr_array_index (derived, i));

      if (cp == NULL || cp->kind != ORCHARD_COLUMN_KIND_NUMERIC)
        continue;
      g_ptr_array_add (labels, (gpointer) cp->name);
      g_array_append_val (values, cp->mean);
    }
  if (labels->len == 0)
    return NULL;
  g_ptr_array_add (labels, NULL);

  plot = orchard_bar_plot_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_HORIZONTAL);
  orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (plot), ORCHARD_BAR_PLOT_SORT_NONE);
  orchard_bar_plot_set_max_bars (ORCHARD_BAR_PLOT (plot), 12);
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (plot), TRUE);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), (const char * const *) labels->pdata,
                             (const double *) (gpointer) values->data, values->len);
  orchard_plot_axis_set_title (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (plot)),
                               _("Mean over the training rows"));
  orchard_plot_set_title (ORCHARD_PLOT (plot), title);
  orchard_plot_set_subtitle (ORCHARD_PLOT (plot), subtitle);

  return plot;
}

/* A column that keeps its units (imputed, clipped) is clearer in one plot:
 * its training values after the pipeline, counted in the bins of the
 * values before, drawn over them. %NULL when some value falls outside
 * those bins, as scaled values do; then the sides get a plot each. */
static GtkWidget *
make_overlay (const OrchardColumnProfile *before,
              OrchardTable               *training,
              const char                 *column,
              const char                 *title,
              const char                 *subtitle)
{
  int index = orchard_table_find_column (training, column);
  const double *edges = before->bin_edges;
  guint n_bins = before->n_bins;
  g_autofree double *after_counts = NULL;
  g_autofree double *before_counts = NULL;
  OrchardColumn *values_column;
  const double *values;
  GtkWidget *plot;

  if (index < 0 || n_bins == 0 || before->kind != ORCHARD_COLUMN_KIND_NUMERIC)
    return NULL;
  values_column = orchard_table_get_column (training, index);
  if (orchard_column_get_kind (values_column) != ORCHARD_COLUMN_KIND_NUMERIC)
    return NULL;

  after_counts = g_new0 (double, n_bins);
  values = orchard_column_get_values (values_column);
  for (gsize r = 0; r < orchard_column_get_n_rows (values_column); r++)
    {
      double v = values[r];
      guint lo = 0, hi = n_bins;

      if (isnan (v))
        continue;
      if (v < edges[0] || v > edges[n_bins])
        return NULL;

      /* The bin whose left edge is the last at or below v; the last bin
       * holds its right edge too. */
      while (hi - lo > 1)
        {
          guint mid = (lo + hi) / 2;

          if (edges[mid] <= v)
            lo = mid;
          else
            hi = mid;
        }
      after_counts[lo] += 1.0;
    }

  before_counts = g_new (double, n_bins);
  for (guint i = 0; i < n_bins; i++)
    before_counts[i] = (double) before->bin_counts[i];

  plot = orchard_histogram_plot_new ();
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), edges, after_counts, n_bins);
  orchard_histogram_plot_set_reference (ORCHARD_HISTOGRAM_PLOT (plot), edges, before_counts, n_bins);
  orchard_histogram_plot_set_name (ORCHARD_HISTOGRAM_PLOT (plot), C_("preview", "After"));
  orchard_histogram_plot_set_reference_name (ORCHARD_HISTOGRAM_PLOT (plot), C_("preview", "Before"));
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), _("Rows"));
  orchard_plot_set_title (ORCHARD_PLOT (plot), title);
  orchard_plot_set_subtitle (ORCHARD_PLOT (plot), subtitle);

  return plot;
}

static void
set_plot (OrchardPrepPreview  *self,
          GtkBox              *card,
          GtkWidget          **slot,
          GtkWidget           *plot,
          const char          *label)
{
  if (*slot != NULL)
    gtk_box_remove (card, *slot);
  *slot = plot;

  /* The flow box child, not only the card, so no empty cell remains. */
  gtk_widget_set_visible (gtk_widget_get_ancestor (GTK_WIDGET (card), GTK_TYPE_FLOW_BOX_CHILD),
                          plot != NULL);
  if (plot == NULL)
    return;

  gtk_widget_set_size_request (plot, PLOT_WIDTH, PLOT_HEIGHT);
  gtk_widget_set_vexpand (plot, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_box_append (card, plot);
}

/* One plot takes the room of two. */
static void
set_card_width (GtkBox *card,
                int     width)
{
  AdwClamp *clamp = ADW_CLAMP (gtk_widget_get_parent (GTK_WIDGET (card)));

  adw_clamp_set_maximum_size (clamp, width);
  adw_clamp_set_tightening_threshold (clamp, width);
}

static char *
rows_subtitle (OrchardProfile *profile)
{
  gsize n = orchard_profile_get_n_rows (profile);
  g_autofree char *count = g_strdup_printf ("%'" G_GSIZE_FORMAT, n);

  /* Translators: "240 training rows" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s training row", "%s training rows", n),
                          count);
}

/* ---- showing ------------------------------------------------------------------- */

/**
 * orchard_prep_preview_show:
 * @self: a preview
 * @prepared: (nullable): a preparation
 * @column: (nullable): an input column of it
 *
 * Shows @column before and after the fitted pipeline of @prepared, or
 * nothing.
 */
void
orchard_prep_preview_show (OrchardPrepPreview *self,
                           OrchardPrepared    *prepared,
                           const char         *column)
{
  const OrchardColumnProfile *before = NULL;
  const OrchardColumnProfile *after = NULL;
  g_autoptr(GPtrArray) derived = NULL;
  g_autofree char *fate = NULL;
  g_autofree char *before_title = NULL;
  g_autofree char *after_title = NULL;
  g_autofree char *before_rows = NULL;
  g_autofree char *after_rows = NULL;
  GtkWidget *plot = NULL;

  g_return_if_fail (ORCHARD_IS_PREP_PREVIEW (self));
  g_return_if_fail (prepared == NULL || ORCHARD_IS_PREPARED (prepared));

  g_free (self->column);
  self->column = g_strdup (column);

  if (prepared != NULL && column != NULL && orchard_prepared_is_fitted (prepared))
    before = find_profile (orchard_prepared_get_before (prepared), column);

  if (before == NULL)
    {
      g_clear_pointer (&self->column, g_free);
      gtk_label_set_label (self->fate_label, NULL);
      clear_grid (self);
      set_plot (self, self->before_card, &self->before_plot, NULL, NULL);
      set_plot (self, self->after_card, &self->after_plot, NULL, NULL);
      return;
    }

  after = find_profile (orchard_prepared_get_after (prepared), column);
  derived = derived_features (prepared, column);
  fate = describe_fate (prepared, column, after != NULL, derived);
  gtk_label_set_label (self->fate_label, fate);
  fill_grid (self, before, after);

  before_rows = rows_subtitle (orchard_prepared_get_before (prepared));
  after_rows = rows_subtitle (orchard_prepared_get_after (prepared));

  if (after != NULL && derived->len == 0)
    {
      OrchardTable *training = orchard_pipeline_get_training_table (orchard_prepared_get_pipeline (prepared));
      g_autofree char *title = NULL;

      /* Translators: a plot's title, "bill_length_mm before and after preparation" */
      title = g_strdup_printf (_("%s before and after preparation"), column);
      plot = make_overlay (before, training, column, title, after_rows);
      if (plot != NULL)
        {
          set_plot (self, self->before_card, &self->before_plot, plot, title);
          set_plot (self, self->after_card, &self->after_plot, NULL, NULL);
          set_card_width (self->before_card, 2 * CARD_WIDTH);
          return;
        }
    }
  set_card_width (self->before_card, CARD_WIDTH);

  /* Translators: a plot's title, "bill_length_mm before preparation" */
  before_title = g_strdup_printf (_("%s before preparation"), column);
  /* Translators: a plot's title, "bill_length_mm after preparation" */
  after_title = g_strdup_printf (_("%s after preparation"), column);

  set_plot (self, self->before_card, &self->before_plot,
            make_plot (before, before_title, before_rows), before_title);

  if (after != NULL && derived->len == 0)
    plot = make_plot (after, after_title, after_rows);
  else if (derived->len > 0)
    plot = make_features_plot (orchard_prepared_get_after (prepared), derived, after_title,
                               after_rows);
  set_plot (self, self->after_card, &self->after_plot, plot, after_title);
}

/**
 * orchard_prep_preview_get_column:
 *
 * Returns: (nullable): the column shown
 */
const char *
orchard_prep_preview_get_column (OrchardPrepPreview *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREP_PREVIEW (self), NULL);
  return self->column;
}

/**
 * orchard_prep_preview_get_fate:
 *
 * Returns: (nullable): the sentence on what the pipeline did to the column
 */
const char *
orchard_prep_preview_get_fate (OrchardPrepPreview *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREP_PREVIEW (self), NULL);
  return self->column != NULL ? gtk_label_get_label (self->fate_label) : NULL;
}

static Shown *
lookup_shown (OrchardPrepPreview *self,
              gboolean            after,
              const char         *key)
{
  g_autofree char *name = g_strdup_printf ("%s:%s", after ? "after" : "before", key);

  return g_hash_table_lookup (self->shown, name);
}

/**
 * orchard_prep_preview_get_text:
 * @self: a preview
 * @after: which side
 * @key: "count", "missing", "unique", "mean", "std", "min", "median",
 *   "max" or "mode"
 *
 * Returns: (nullable): the text shown, %NULL when the side has no such
 *   statistic
 */
const char *
orchard_prep_preview_get_text (OrchardPrepPreview *self,
                               gboolean            after,
                               const char         *key)
{
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_PREP_PREVIEW (self), NULL);

  shown = lookup_shown (self, after, key);
  return shown != NULL ? shown->text : NULL;
}

/**
 * orchard_prep_preview_get_number:
 * @self: a preview
 * @after: which side
 * @key: as for orchard_prep_preview_get_text()
 * @value: (out): the number behind the text
 *
 * Returns: whether the statistic is shown
 */
gboolean
orchard_prep_preview_get_number (OrchardPrepPreview *self,
                                 gboolean            after,
                                 const char         *key,
                                 double             *value)
{
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_PREP_PREVIEW (self), FALSE);

  shown = lookup_shown (self, after, key);
  if (shown == NULL)
    return FALSE;

  *value = shown->number;
  return TRUE;
}

/**
 * orchard_prep_preview_get_plot:
 * @self: a preview
 * @after: which side
 *
 * A column that keeps its units has one histogram, the values after over
 * those before (its reference): that is the plot of the "before" side,
 * and the "after" side has none.
 *
 * Returns: (transfer none) (nullable): the plot of that side
 */
GtkWidget *
orchard_prep_preview_get_plot (OrchardPrepPreview *self,
                               gboolean            after)
{
  g_return_val_if_fail (ORCHARD_IS_PREP_PREVIEW (self), NULL);
  return after ? self->after_plot : self->before_plot;
}

static void
orchard_prep_preview_dispose (GObject *object)
{
  OrchardPrepPreview *self = (OrchardPrepPreview *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_PREP_PREVIEW);
  self->before_plot = self->after_plot = NULL;

  G_OBJECT_CLASS (orchard_prep_preview_parent_class)->dispose (object);
}

static void
orchard_prep_preview_finalize (GObject *object)
{
  OrchardPrepPreview *self = (OrchardPrepPreview *)object;

  g_clear_pointer (&self->column, g_free);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (orchard_prep_preview_parent_class)->finalize (object);
}

static void
orchard_prep_preview_class_init (OrchardPrepPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_prep_preview_dispose;
  object_class->finalize = orchard_prep_preview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-prep-preview.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, OrchardPrepPreview, box);
  gtk_widget_class_bind_template_child (widget_class, OrchardPrepPreview, fate_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardPrepPreview, stats_grid);
  gtk_widget_class_bind_template_child (widget_class, OrchardPrepPreview, before_card);
  gtk_widget_class_bind_template_child (widget_class, OrchardPrepPreview, after_card);
}

static void
orchard_prep_preview_init (OrchardPrepPreview *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) shown_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  set_plot (self, self->before_card, &self->before_plot, NULL, NULL);
  set_plot (self, self->after_card, &self->after_plot, NULL, NULL);
}
