/* orchard-monitor-report.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Monitor page shows of a report, made without the page: the
 * overlay plot of a column, the timeline, the order of the list, and the
 * exported files. The PDF draws the same plot widgets the page shows, with
 * the plots' own Cairo rendering, so paper and screen agree.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-drift-text.h"
#include "orchard-monitor-report.h"

/* ---- plots ------------------------------------------------------------- */

/**
 * orchard_monitor_plot_new:
 * @column: a column's drift
 *
 * The reference against the current data in the report's bins: a histogram
 * overlay for a numeric column, side-by-side bars per category for a
 * categorical one; shares of each side's total, since the two sizes differ.
 *
 * Returns: (transfer floating): an #OrchardHistogramPlot or an #OrchardGroupedBarPlot
 */
GtkWidget *
orchard_monitor_plot_new (const OrchardColumnDrift *c)
{
  g_autofree double *reference = g_new0 (double, MAX (c->n_bins, 1));
  g_autofree double *current = g_new0 (double, MAX (c->n_bins, 1));
  OrchardPlot *plot;

  for (guint i = 0; i < c->n_bins; i++)
    {
      reference[i] = c->reference_counts[i];
      current[i] = c->current_counts[i];
    }

  if (c->labels != NULL)
    {
      OrchardGroupedBarPlot *bars = ORCHARD_GROUPED_BAR_PLOT (orchard_grouped_bar_plot_new ());

      orchard_grouped_bar_plot_set_categories (bars, c->labels, c->n_bins);
      /* In the colours of the histogram: the current batch first. */
      orchard_grouped_bar_plot_add_series (bars, _("Current"), current);
      orchard_grouped_bar_plot_add_series (bars, _("Reference"), reference);
      orchard_grouped_bar_plot_set_shares (bars, TRUE);
      orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (bars)), _("Share of rows"));
      plot = ORCHARD_PLOT (bars);
    }
  else
    {
      OrchardHistogramPlot *histogram = ORCHARD_HISTOGRAM_PLOT (orchard_histogram_plot_new ());

      if (c->edges != NULL && c->n_bins > 0)
        {
          orchard_histogram_plot_set_bins (histogram, c->edges, current, c->n_bins);
          orchard_histogram_plot_set_reference (histogram, c->edges, reference, c->n_bins);
        }
      orchard_histogram_plot_set_name (histogram, _("Current"));
      orchard_histogram_plot_set_reference_name (histogram, _("Reference"));
      /* The bins are the reference's deciles, of unequal widths: as a
       * density, a wide bin does not look like a peak. */
      orchard_histogram_plot_set_shares (histogram, TRUE);
      orchard_histogram_plot_set_density (histogram, TRUE);
      orchard_plot_set_show_legend (ORCHARD_PLOT (histogram), TRUE);
      orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (histogram)), c->name);
      orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (histogram)), _("Share of rows per unit"));
      plot = ORCHARD_PLOT (histogram);
    }

  orchard_plot_set_title (plot, c->name);
  {
    g_autofree char *verdict = orchard_drift_dup_verdict (c);
    g_autofree char *psi = orchard_drift_format_psi (c->psi);
    /* Translators: a plot subtitle, "Kolmogorov–Smirnov: p = 0.001 ≤ 0.05 · PSI 0.31" */
    g_autofree char *subtitle = g_strdup_printf (_("%s: %s · PSI %s"), orchard_drift_test_title (c->test),
                                                 verdict, psi);
    orchard_plot_set_subtitle (plot, subtitle);
  }

  return GTK_WIDGET (plot);
}

/**
 * orchard_monitor_timeline_fill:
 * @timeline: a timeline
 * @report: a report, with or without chunks
 *
 * Shows the report's chunks: the drifted share and, per feature column
 * (most drifted first, as the list), its verdict in each chunk.
 */
void
orchard_monitor_timeline_fill (OrchardDriftTimeline *timeline,
                               OrchardDriftReport   *report)
{
  guint n_chunks = orchard_drift_report_get_n_chunks (report);
  g_autofree const char **labels = g_new0 (const char *, n_chunks + 1);
  g_autofree double *shares = g_new0 (double, n_chunks + 1);
  g_autofree double *statistics = g_new0 (double, n_chunks + 1);
  g_autofree double *p_values = g_new0 (double, n_chunks + 1);
  g_autofree gboolean *drifted = g_new0 (gboolean, n_chunks + 1);
  g_autofree int *order = NULL;
  guint n_order = 0;

  for (guint k = 0; k < n_chunks; k++)
    {
      const OrchardDriftChunk *chunk = orchard_drift_report_get_chunk (report, k);

      labels[k] = chunk->label;
      shares[k] = chunk->drift_share;
    }
  orchard_drift_timeline_set_chunks (timeline, labels, shares, n_chunks,
                                     orchard_drift_report_get_drift_share_threshold (report));
  if (n_chunks == 0)
    return;

  order = orchard_monitor_sorted_columns (report, FALSE, &n_order);
  for (guint i = 0; i < n_order; i++)
    {
      const OrchardColumnDrift *c = orchard_drift_report_get_column (report, order[i]);
      gboolean has_p = orchard_stat_test_has_p_value (c->test);

      for (guint k = 0; k < n_chunks; k++)
        {
          const OrchardChunkColumnDrift *cell = &orchard_drift_report_get_chunk (report, k)->columns[order[i]];

          statistics[k] = cell->tested ? cell->statistic : NAN;
          p_values[k] = !cell->tested ? NAN : !isnan (cell->p_value_adjusted) ? cell->p_value_adjusted
                                                                                : cell->p_value;
          drifted[k] = cell->drifted;
        }
      orchard_drift_timeline_add_feature (timeline, c->name, orchard_stat_test_to_string (c->test),
                                          statistics, has_p ? p_values : NULL, drifted, c->threshold);
    }
}

typedef struct
{
  int    index;
  double severity;
  int    drifted;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->drifted != rb->drifted)
    return rb->drifted - ra->drifted;
  if (ra->severity != rb->severity)
    return ra->severity < rb->severity ? 1 : -1;
  return ra->index - rb->index;
}

/**
 * orchard_monitor_sorted_columns:
 * @report: a report
 * @predictions: the prediction columns rather than the data's
 * @n: (out): how many
 *
 * The columns by drift: drifted ones first, then by how far each went
 * towards (or past) its threshold, untested ones last.
 *
 * Returns: (transfer full) (array length=n): indices into the report's
 *   columns (or predictions)
 */
int *
orchard_monitor_sorted_columns (OrchardDriftReport *report,
                                gboolean            predictions,
                                guint              *n)
{
  guint count = predictions ? orchard_drift_report_get_n_predictions (report)
                            : orchard_drift_report_get_n_columns (report);
  g_autofree Ranked *ranked = g_new0 (Ranked, MAX (count, 1));
  int *order = g_new0 (int, MAX (count, 1));

  for (guint i = 0; i < count; i++)
    {
      const OrchardColumnDrift *c = predictions ? orchard_drift_report_get_prediction (report, i)
                                                : orchard_drift_report_get_column (report, i);

      ranked[i].index = i;
      ranked[i].severity = orchard_drift_severity (c);
      ranked[i].drifted = c->drifted;
    }
  qsort (ranked, count, sizeof (Ranked), compare_ranked);
  for (guint i = 0; i < count; i++)
    order[i] = ranked[i].index;

  *n = count;
  return order;
}

/* ---- CSV and JSON ------------------------------------------------------ */

static void
csv_text (GString    *out,
          const char *text)
{
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\n\r") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Numbers in their shortest exact form, in every locale; missing ones empty. */
static void
csv_number (GString *out,
            double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    return;
  if (isinf (value))
    g_string_append (out, value > 0 ? "inf" : "-inf");
  else
    g_string_append (out, g_ascii_dtostr (buf, sizeof buf, value));
}

static void
csv_row (GString                  *out,
         const char               *group,
         const OrchardColumnDrift *c)
{
  csv_text (out, group);
  g_string_append_c (out, ',');
  csv_text (out, c->name);
  g_string_append_c (out, ',');
  csv_text (out, orchard_column_kind_to_string (c->kind));
  g_string_append_c (out, ',');
  csv_text (out, orchard_column_role_to_string (c->role));
  g_string_append_c (out, ',');
  csv_text (out, orchard_stat_test_to_string (c->test));
  g_string_append_printf (out, ",%s,%s,", c->chosen ? "true" : "false", c->tested ? "true" : "false");
  csv_number (out, c->statistic);
  g_string_append_c (out, ',');
  csv_number (out, c->p_value);
  g_string_append_c (out, ',');
  csv_number (out, c->p_value_adjusted);
  g_string_append_c (out, ',');
  csv_number (out, c->threshold);
  g_string_append_printf (out, ",%s,", c->drifted ? "true" : "false");
  csv_number (out, c->psi);
  g_string_append_c (out, ',');
  csv_text (out, orchard_psi_tier (c->psi));
  g_string_append_c (out, ',');
  csv_text (out, orchard_effect_size_to_string (c->effect_size_kind));
  g_string_append_c (out, ',');
  csv_number (out, c->effect_size);
  g_string_append_c (out, ',');
  csv_number (out, c->detectable_effect);
  g_string_append_printf (out, ",%" G_GSIZE_FORMAT ",%" G_GSIZE_FORMAT ",", c->reference_count, c->current_count);
  csv_text (out, c->note);
  g_string_append (out, "\r\n");
}

/**
 * orchard_monitor_report_csv:
 * @report: a report
 *
 * One row per column, in the report's order, then one per prediction
 * column; RFC 4180 with a header. The chunks are in the JSON.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
orchard_monitor_report_csv (OrchardDriftReport *report)
{
  GString *out = g_string_new ("group,name,kind,role,test,chosen,tested,statistic,p_value,"
                               "p_value_adjusted,threshold,drifted,psi,psi_tier,effect_size_kind,"
                               "effect_size,detectable_effect,reference_count,current_count,note\r\n");

  for (guint i = 0; i < orchard_drift_report_get_n_columns (report); i++)
    csv_row (out, "column", orchard_drift_report_get_column (report, i));
  for (guint i = 0; i < orchard_drift_report_get_n_predictions (report); i++)
    csv_row (out, "prediction", orchard_drift_report_get_prediction (report, i));

  return g_string_free_to_bytes (out);
}

/**
 * orchard_monitor_report_json:
 * @report: a report
 *
 * Returns: (transfer full): the report as `orchard-cli drift --json` writes it
 */
GBytes *
orchard_monitor_report_json (OrchardDriftReport *report)
{
  g_autoptr(JsonNode) root = orchard_drift_report_to_json (report);
  char *text = orchard_json_to_string (root, TRUE);
  gsize len = strlen (text);

  /* A text file ends with a newline, as the CLI prints it. */
  text = g_realloc (text, len + 2);
  text[len] = '\n';
  text[len + 1] = '\0';
  return g_bytes_new_take (text, len + 1);
}

/* ---- PDF --------------------------------------------------------------- */

#define PAGE_WIDTH   595.0   /* A4, in points */
#define PAGE_HEIGHT  842.0
#define MARGIN       48.0
#define TEXT_WIDTH   (PAGE_WIDTH - 2 * MARGIN)
#define PLOT_HEIGHT  250.0
#define ROW_HEIGHT   15.0

typedef struct
{
  cairo_t *cr;
  double   y;
} Pdf;

static cairo_status_t
write_bytes (void                *closure,
             const unsigned char *data,
             unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
new_page (Pdf *pdf)
{
  cairo_show_page (pdf->cr);
  pdf->y = MARGIN;
}

static void
ensure_room (Pdf    *pdf,
             double  height)
{
  if (pdf->y + height > PAGE_HEIGHT - MARGIN && pdf->y > MARGIN)
    new_page (pdf);
}

static PangoLayout *
text_layout (Pdf        *pdf,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (pdf->cr);
  PangoFontDescription *description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_font_description_free (description);
  pango_layout_set_text (layout, text, -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

/* A paragraph at the left margin; moves down past it. */
static void
paragraph (Pdf        *pdf,
           const char *font,
           const char *text,
           double      gap_after)
{
  g_autoptr(PangoLayout) layout = text_layout (pdf, font, text, TEXT_WIDTH);
  double height = layout_height (layout);

  ensure_room (pdf, height);
  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += height + gap_after;
}

/* A cell of the table, clipped to its width, optionally right-aligned. */
static void
cell (Pdf        *pdf,
      const char *font,
      const char *text,
      double      x,
      double      width,
      gboolean    right)
{
  g_autoptr(PangoLayout) layout = text_layout (pdf, font, text, 0);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (pdf->cr, right ? MARGIN + x + width - w : MARGIN + x, pdf->y);
  pango_cairo_show_layout (pdf->cr, layout);
}

enum { COL_NAME, COL_KIND, COL_TEST, COL_STATISTIC, COL_P, COL_THRESHOLD, COL_PSI, COL_DRIFT, N_COLS };

static const struct {
  double   x;
  double   width;
  gboolean right;
} table_columns[N_COLS] = {
  { 0, 124, FALSE },
  { 128, 56, FALSE },
  { 188, 68, FALSE },
  { 260, 50, TRUE },
  { 314, 54, TRUE },
  { 372, 58, TRUE },
  { 434, 40, TRUE },
  { 480, 59, FALSE },
};

static void
table_rule (Pdf *pdf)
{
  cairo_set_line_width (pdf->cr, 0.5);
  cairo_move_to (pdf->cr, MARGIN, pdf->y - 2.5);
  cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, pdf->y - 2.5);
  cairo_set_source_rgb (pdf->cr, 0.7, 0.7, 0.7);
  cairo_stroke (pdf->cr);
}

static void
table_header (Pdf *pdf)
{
  const char *titles[N_COLS] = {
    _("Column"), _("Kind"), _("Test"), _("Statistic"), _("p-value"), _("Threshold"), C_("column", "PSI"), _("Drift"),
  };

  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  for (guint i = 0; i < N_COLS; i++)
    cell (pdf, "Sans Bold 7.5", titles[i], table_columns[i].x, table_columns[i].width, table_columns[i].right);
  pdf->y += ROW_HEIGHT;
  table_rule (pdf);
}

static void
table (Pdf                *pdf,
       OrchardDriftReport *report,
       gboolean            predictions)
{
  g_autofree int *order = NULL;
  guint n = 0;

  order = orchard_monitor_sorted_columns (report, predictions, &n);
  ensure_room (pdf, 3 * ROW_HEIGHT);
  table_header (pdf);

  for (guint i = 0; i < n; i++)
    {
      const OrchardColumnDrift *c = predictions ? orchard_drift_report_get_prediction (report, order[i])
                                                : orchard_drift_report_get_column (report, order[i]);
      g_autofree char *statistic = orchard_drift_format_statistic (c->statistic);
      g_autofree char *p = orchard_drift_format_p_value (orchard_drift_shown_p_value (c));
      g_autofree char *threshold = g_strdup_printf ("%g", c->threshold);
      g_autofree char *psi = orchard_drift_format_psi (c->psi);
      g_autofree char *badge = orchard_drift_dup_badge (c);
      g_autofree char *name = c->role == ORCHARD_COLUMN_ROLE_TARGET
                              /* Translators: a column that is the model's target, "species (target)" */
                              ? g_strdup_printf (_("%s (target)"), c->name) : g_strdup (c->name);
      const char *cells[N_COLS] = {
        name, orchard_drift_kind_title (c->kind), orchard_drift_test_short (c->test), statistic, p, threshold,
        psi, badge,
      };

      if (pdf->y + ROW_HEIGHT > PAGE_HEIGHT - MARGIN)
        {
          new_page (pdf);
          table_header (pdf);
        }

      for (guint k = 0; k < N_COLS; k++)
        {
          if (k == COL_DRIFT && c->drifted)
            cairo_set_source_rgb (pdf->cr, 0.75, 0.11, 0.14);
          else
            cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
          cell (pdf, k == COL_DRIFT && c->drifted ? "Sans Bold 7.5" : "Sans 7.5", cells[k],
                table_columns[k].x, table_columns[k].width, table_columns[k].right);
        }
      pdf->y += ROW_HEIGHT;
    }
  pdf->y += 12;
}

static void
plot_block (Pdf                      *pdf,
            const OrchardColumnDrift *c,
            OrchardCorrection         correction)
{
  g_autoptr(GtkWidget) plot = g_object_ref_sink (orchard_monitor_plot_new (c));
  g_autofree char *explanation = orchard_drift_dup_explanation (c, correction);
  g_autofree char *psi = orchard_drift_dup_psi_text (c);
  g_autofree char *text = g_strdup_printf ("%s %s", explanation, psi);
  g_autoptr(PangoLayout) layout = text_layout (pdf, "Sans 8", text, TEXT_WIDTH);
  double height = PLOT_HEIGHT + 6 + layout_height (layout);

  ensure_room (pdf, height);

  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  /* The plot paints its background over everything it may: only its box. */
  cairo_rectangle (pdf->cr, 0, 0, TEXT_WIDTH, PLOT_HEIGHT);
  cairo_clip (pdf->cr);
  orchard_plot_render (ORCHARD_PLOT (plot), pdf->cr, (int) TEXT_WIDTH, (int) PLOT_HEIGHT, FALSE);
  cairo_restore (pdf->cr);
  pdf->y += PLOT_HEIGHT + 6;

  cairo_move_to (pdf->cr, MARGIN, pdf->y);
  cairo_set_source_rgb (pdf->cr, 0.1, 0.1, 0.1);
  pango_cairo_show_layout (pdf->cr, layout);
  pdf->y += layout_height (layout) + 18;
}

static void
timeline_block (Pdf                *pdf,
                OrchardDriftReport *report)
{
  g_autoptr(GtkWidget) timeline = g_object_ref_sink (orchard_drift_timeline_new ());
  guint n_features = orchard_drift_report_get_n_columns (report);
  double height = MIN (90 + 16.0 * (5 + n_features), PAGE_HEIGHT - 2 * MARGIN - 30);

  orchard_monitor_timeline_fill (ORCHARD_DRIFT_TIMELINE (timeline), report);
  orchard_plot_set_title (ORCHARD_PLOT (timeline), _("Drift over Time"));

  ensure_room (pdf, height);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, MARGIN, pdf->y);
  cairo_rectangle (pdf->cr, 0, 0, TEXT_WIDTH, height);
  cairo_clip (pdf->cr);
  orchard_plot_render (ORCHARD_PLOT (timeline), pdf->cr, (int) TEXT_WIDTH, (int) height, FALSE);
  cairo_restore (pdf->cr);
  pdf->y += height + 18;
}

/**
 * orchard_monitor_report_pdf:
 * @report: a report
 * @reference_name: what the reference was, for the heading
 * @current_name: what the current batch was
 * @error: where a failure of Cairo goes
 *
 * An A4 report: the summary, the table of columns by drift, the timeline
 * when there are chunks, the prediction drift, then every column's overlay
 * plot with its statistic in words. Makes plot widgets, so it runs on the
 * main thread.
 *
 * Returns: (transfer full): the PDF's bytes, or %NULL with @error set
 */
GBytes *
orchard_monitor_report_pdf (OrchardDriftReport *report,
                            const char         *reference_name,
                            const char         *current_name,
                            GError            **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  OrchardCorrection correction = orchard_drift_report_get_correction (report);
  const OrchardMultivariateDrift *m = orchard_drift_report_get_multivariate (report);
  cairo_surface_t *surface;
  cairo_status_t status;
  Pdf pdf = { NULL, MARGIN };

  surface = cairo_pdf_surface_create_for_stream (write_bytes, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Drift Report"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Orchard " PACKAGE_VERSION);
  pdf.cr = cairo_create (surface);

  paragraph (&pdf, "Sans Bold 18", _("Drift Report"), 6);
  {
    g_autofree char *reference_rows = orchard_drift_dup_rows (orchard_drift_report_get_reference_rows (report));
    g_autofree char *current_rows = orchard_drift_dup_rows (orchard_drift_report_get_current_rows (report));
    /* Translators: the PDF report's sources, "Reference: train.csv (1,000 rows)" */
    g_autofree char *reference = g_strdup_printf (_("Reference: %s (%s)"), reference_name, reference_rows);
    g_autofree char *current = g_strdup_printf (_("Current: %s (%s)"), current_name, current_rows);
    /* Translators: when the PDF report was made */
    g_autofree char *made = g_strdup_printf (_("Made with Orchard on %s"), date);

    paragraph (&pdf, "Sans 9", reference, 2);
    paragraph (&pdf, "Sans 9", current, 2);
    paragraph (&pdf, "Sans 9", made, 14);
  }

  {
    g_autofree char *summary = orchard_drift_dup_summary (report);

    paragraph (&pdf, "Sans Bold 12",
               orchard_drift_report_get_dataset_drift (report) ? _("Dataset drift detected") : _("No dataset drift"), 4);
    paragraph (&pdf, "Sans 9", summary, 4);
  }
  if (correction != ORCHARD_CORRECTION_NONE)
    paragraph (&pdf, "Sans 9",
               correction == ORCHARD_CORRECTION_BONFERRONI
               ? _("p-values are adjusted for testing many columns (Bonferroni).")
               : _("p-values are adjusted for testing many columns (Benjamini–Hochberg)."), 4);
  if (m != NULL)
    {
      g_autofree char *text = NULL;

      if (isnan (m->error))
        /* Translators: %s says why */
        text = g_strdup_printf (_("Multivariate drift not computed: %s"), m->note != NULL ? m->note : "");
      else
        /* Translators: the PCA reconstruction error and the band of the reference's */
        text = g_strdup_printf (_("Multivariate drift (PCA reconstruction error): %.4g, reference band %.4g–%.4g: %s."),
                                m->error, m->lower, m->upper, m->drifted ? _("drifted") : _("no drift"));
      paragraph (&pdf, "Sans 9", text, 4);
    }
  pdf.y += 10;

  table (&pdf, report, FALSE);

  if (orchard_drift_report_get_n_chunks (report) > 0)
    timeline_block (&pdf, report);

  if (orchard_drift_report_get_n_predictions (report) > 0)
    {
      paragraph (&pdf, "Sans Bold 12",
                 orchard_drift_report_get_prediction_drift (report) ? _("Prediction drift detected")
                                                                    : _("No prediction drift"), 6);
      table (&pdf, report, TRUE);
    }

  new_page (&pdf);
  paragraph (&pdf, "Sans Bold 12", _("Columns"), 10);
  {
    g_autofree int *order = NULL;
    guint n = 0;

    order = orchard_monitor_sorted_columns (report, FALSE, &n);
    for (guint i = 0; i < n; i++)
      plot_block (&pdf, orchard_drift_report_get_column (report, order[i]), correction);
    g_clear_pointer (&order, g_free);

    order = orchard_monitor_sorted_columns (report, TRUE, &n);
    for (guint i = 0; i < n; i++)
      plot_block (&pdf, orchard_drift_report_get_prediction (report, order[i]), correction);
  }

  cairo_destroy (pdf.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not draw the PDF report: %s"), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/**
 * orchard_monitor_report_export:
 * @report: a report
 * @format: the file format
 * @reference_name: what the reference was (for the PDF)
 * @current_name: what the current batch was
 * @error: where an error goes
 *
 * Returns: (transfer full): the file's bytes, or %NULL with @error set
 */
GBytes *
orchard_monitor_report_export (OrchardDriftReport    *report,
                               OrchardMonitorExport   format,
                               const char            *reference_name,
                               const char            *current_name,
                               GError               **error)
{
  switch (format)
    {
    case ORCHARD_MONITOR_EXPORT_PDF:
      return orchard_monitor_report_pdf (report, reference_name, current_name, error);
    case ORCHARD_MONITOR_EXPORT_CSV:
      return orchard_monitor_report_csv (report);
    case ORCHARD_MONITOR_EXPORT_JSON:
    default:
      return orchard_monitor_report_json (report);
    }
}

/**
 * orchard_monitor_export_for_file:
 * @file: where a report goes
 * @format: (out): the format its name asks for
 *
 * Returns: whether the name ends in .pdf, .csv or .json
 */
gboolean
orchard_monitor_export_for_file (GFile                *file,
                                 OrchardMonitorExport *format)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  if (lower == NULL)
    return FALSE;
  if (g_str_has_suffix (lower, ".pdf"))
    *format = ORCHARD_MONITOR_EXPORT_PDF;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = ORCHARD_MONITOR_EXPORT_CSV;
  else if (g_str_has_suffix (lower, ".json"))
    *format = ORCHARD_MONITOR_EXPORT_JSON;
  else
    return FALSE;
  return TRUE;
}
