/* orchard-prepare-page.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-column-inspector.h"
#include "orchard-plots.h"
#include "orchard-prep-labels.h"
#include "orchard-prepare-page.h"

/**
 * OrchardPreparePage:
 *
 * The Prepare phase. It edits the session's pipeline and split in place;
 * the session fits them again in a thread on every change, a newer change
 * cancelling the older fit, and the page shows what came of it: the fit
 * report, the rows and classes per part, the leakage checks, and a column
 * before and after. Without data or target it says what is needed first.
 *
 * Actions, on the page: `prepare.add-step` (s, a step id),
 * `prepare.remove-step` (u), `prepare.undo-remove`, `prepare.move-step`
 * ((uu), from and to) and `prepare.automatic`.
 */

/* Preparing shows itself only when it takes this long: most fits end
 * before the eye would notice a bar, which would then only flicker. */
#define BUSY_DELAY_MS 250

/* The width of each part's class balance plot. */
#define BALANCE_WIDTH 220

typedef struct
{
  char   *text;
  double  number;
} Shown;

struct _OrchardPreparePage
{
  GtkWidget            parent_instance;

  OrchardSession      *session;
  OrchardPipeline     *pipeline;
  OrchardSplit        *split;
  GBinding            *fraction_binding;
  GBinding            *message_binding;
  guint                busy_id;
  gboolean             updating;
  gboolean             shares_pending;

  GPtrArray           *split_columns;   /* char *, behind column_row; NULL: the default */
  GPtrArray           *note_rows;
  GPtrArray           *warning_rows;
  GPtrArray           *part_rows;
  GPtrArray           *report_rows;
  GHashTable          *report_shown;    /* "step\x1fcolumn\x1fkey" → Shown */
  GtkLabel            *part_labels[ORCHARD_N_PARTS];
  GtkWidget           *balance_plots[ORCHARD_N_PARTS];

  OrchardStep         *removed_step;
  guint                removed_position;
  AdwToast            *removed_toast;
  gint64               removed_toast_time;

  GtkStack            *stack;
  GtkRevealer         *progress_revealer;
  GtkSpinner          *spinner;
  GtkProgressBar      *progress_bar;
  GtkMenuButton       *add_button;
  GMenu               *add_section;
  GtkDropDown         *family_dropdown;
  GtkStringList       *family_labels;
  GtkLabel            *pipeline_status;
  GtkListBox          *notes_list;
  GtkListBox          *steps_list;
  GtkWidget           *fit_error;
  GtkLabel            *fit_error_title;
  GtkLabel            *fit_error_message;
  AdwComboRow         *method_row;
  GtkStringList       *method_labels;
  AdwComboRow         *column_row;
  GtkStringList       *column_labels;
  GtkSpinButton       *train_spin;
  GtkSpinButton       *valid_spin;
  GtkSpinButton       *test_spin;
  GtkSpinButton       *seed_spin;
  GtkLabel            *split_problem;
  AdwPreferencesGroup *warnings_group;
  AdwPreferencesGroup *parts_group;
  GtkFlowBox          *balance_box;
  AdwPreferencesGroup *report_group;
  AdwPreferencesGroup *preview_group;
  GtkDropDown         *preview_dropdown;
  GtkStringList       *preview_columns;
  OrchardPrepPreview  *preview;
};

G_DEFINE_FINAL_TYPE (OrchardPreparePage, orchard_prepare_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_results (OrchardPreparePage *self);
static void forget_removed (OrchardPreparePage *self);

static void
shown_free (Shown *shown)
{
  g_free (shown->text);
  g_free (shown);
}

static OrchardTable *
get_table (OrchardPreparePage *self)
{
  return self->session != NULL ? orchard_session_get_table (self->session) : NULL;
}

static OrchardPrepared *
get_prepared (OrchardPreparePage *self)
{
  return self->session != NULL ? orchard_session_get_prepared (self->session) : NULL;
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static char *
format_count (gsize count)
{
  return g_strdup_printf ("%'" G_GSIZE_FORMAT, count);
}

/* ---- which page ------------------------------------------------------- */

static void
update_stack (OrchardPreparePage *self)
{
  OrchardTable *table = get_table (self);
  const char *name = "no-data";

  if (table != NULL)
    name = orchard_table_get_target (table) >= 0 && self->pipeline != NULL ? "prepare" : "no-target";

  gtk_stack_set_visible_child_name (self->stack, name);
}

/* ---- steps ------------------------------------------------------------ */

static gboolean
same_options (OrchardStep *a,
              OrchardStep *b)
{
  g_autoptr(JsonNode) left = orchard_step_to_json (a);
  g_autoptr(JsonNode) right = orchard_step_to_json (b);

  return json_node_equal (left, right);
}

/* The fitted step at @position of the latest result, when it is the step
 * shown there with the same options: only then do its numbers hold. */
static OrchardStep *
fitted_step (OrchardPreparePage *self,
             guint               position)
{
  OrchardPrepared *prepared = get_prepared (self);
  OrchardPipeline *fitted;
  OrchardStep *step;

  if (prepared == NULL || self->pipeline == NULL)
    return NULL;

  fitted = orchard_prepared_get_pipeline (prepared);
  if (fitted == NULL || position >= orchard_pipeline_get_n_steps (fitted) ||
      orchard_pipeline_get_n_steps (fitted) != orchard_pipeline_get_n_steps (self->pipeline))
    return NULL;

  step = orchard_pipeline_get_step (fitted, position);
  if (!same_options (step, orchard_pipeline_get_step (self->pipeline, position)))
    return NULL;

  return step;
}

static void
table_inputs (OrchardTable *table,
              GArray       *columns)
{
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    if (orchard_table_get_role (table, c) == ORCHARD_COLUMN_ROLE_FEATURE)
      {
        OrchardColumn *column = orchard_table_get_column (table, c);
        OrchardPreparedColumn item = { orchard_column_get_name (column),
                                       orchard_column_get_kind (column) };

        g_array_append_val (columns, item);
      }
}

/* Numbers, descriptions, failures and column choices of every row, from
 * the latest result where it still holds. */
static void
update_step_rows (OrchardPreparePage *self)
{
  OrchardPrepared *prepared = get_prepared (self);
  OrchardTable *table = get_table (self);
  guint n = self->pipeline != NULL ? orchard_pipeline_get_n_steps (self->pipeline) : 0;

  for (guint i = 0; i < n; i++)
    {
      OrchardStepRow *row = orchard_prepare_page_get_step_row (self, i);
      OrchardStep *fitted = fitted_step (self, i);
      g_autofree char *description = NULL;

      if (row == NULL)
        continue;

      orchard_step_row_set_position (row, i, n);
      if (fitted != NULL && orchard_step_is_fitted (fitted))
        description = orchard_step_describe (fitted);
      orchard_step_row_set_description (row, description);
      orchard_step_row_set_failed (row, fitted != NULL &&
                                        orchard_prepared_get_failed_step (prepared) == (int) i);

      if (fitted != NULL && i < orchard_prepared_get_n_step_inputs (prepared))
        {
          guint n_columns;
          const OrchardPreparedColumn *columns = orchard_prepared_get_step_inputs (prepared, i,
                                                                                  &n_columns);

          orchard_step_row_set_inputs (row, columns, n_columns);
        }
      else if (table != NULL)
        {
          g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (OrchardPreparedColumn));

          table_inputs (table, columns);
          orchard_step_row_set_inputs (row, (const OrchardPreparedColumn *) (gpointer) columns->data,
                                       columns->len);
        }
    }
}

static void
row_expanded_cb (OrchardStepRow *row,
                 GParamSpec     *pspec,
                 gpointer        user_data)
{
  /* Remembered on the step, so that rows made again (after a move) open
   * as they were. */
  g_object_set_data (G_OBJECT (orchard_step_row_get_step (row)), "orchard-expanded",
                     GINT_TO_POINTER (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row))));
}

static GtkWidget *
create_step_row (gpointer item,
                 gpointer user_data)
{
  GtkWidget *row = orchard_step_row_new (ORCHARD_STEP (item));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 g_object_get_data (G_OBJECT (item), "orchard-expanded") != NULL);
  g_signal_connect (row, "notify::expanded", G_CALLBACK (row_expanded_cb), NULL);

  return row;
}

static void
update_notes (OrchardPreparePage *self)
{
  const char * const *notes = self->pipeline != NULL ? orchard_pipeline_get_notes (self->pipeline)
                                                     : NULL;

  for (guint i = 0; i < self->note_rows->len; i++)
    gtk_list_box_remove (self->notes_list, g_ptr_array_index (self->note_rows, i));
  g_ptr_array_set_size (self->note_rows, 0);

  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-information-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), notes[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Note"), -1);
      gtk_widget_add_css_class (icon, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->notes_list, row);
      g_ptr_array_add (self->note_rows, row);
    }

  /* The notes explain the automatic choices; once the steps are the
   * user's own they would explain something else. */
  gtk_widget_set_visible (GTK_WIDGET (self->notes_list),
                          self->note_rows->len > 0 && self->session != NULL &&
                          orchard_session_get_automatic (self->session));
}

static void
update_pipeline_status (OrchardPreparePage *self)
{
  OrchardModelFamily family;
  g_autofree char *text = NULL;

  if (self->session == NULL || self->pipeline == NULL)
    return;

  family = orchard_session_get_family (self->session);
  if (orchard_session_get_automatic (self->session))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (ORCHARD_TYPE_MODEL_FAMILY);
      const char *label = orchard_prep_enum_label (ORCHARD_TYPE_MODEL_FAMILY,
                                                   g_enum_get_value (klass, family)->value_nick);

      /* Translators: %s is a model family, "Trees" */
      text = g_strdup_printf (_("The automatic pipeline for the model family “%s”, built from "
                                "the profile of the training rows"), label);
    }
  else
    {
      text = g_strdup (_("Your own pipeline. Automatic replaces it with the suggestion for the "
                         "model family."));
    }

  gtk_label_set_label (self->pipeline_status, text);
  update_notes (self);
}

static void
pipeline_items_changed_cb (OrchardPreparePage *self)
{
  update_step_rows (self);
  update_notes (self);
}

static void
bind_pipeline (OrchardPreparePage *self,
               OrchardPipeline    *pipeline)
{
  if (self->pipeline == pipeline)
    return;

  if (self->pipeline != NULL)
    g_signal_handlers_disconnect_by_data (self->pipeline, self);
  g_set_object (&self->pipeline, pipeline);

  /* A removed step belongs to the pipeline it was removed from. */
  forget_removed (self);

  gtk_list_box_bind_model (self->steps_list, G_LIST_MODEL (pipeline), create_step_row, self, NULL);
  /* After the list box's own handler, so the rows are there. */
  if (pipeline != NULL)
    g_signal_connect_swapped (pipeline, "items-changed", G_CALLBACK (pipeline_items_changed_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.add-step", pipeline != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.automatic", pipeline != NULL);
  pipeline_items_changed_cb (self);
  update_pipeline_status (self);
  update_stack (self);
}

/* ---- split ------------------------------------------------------------ */

static int
find_role (OrchardTable      *table,
           OrchardColumnRole  role)
{
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    if (orchard_table_get_role (table, c) == role)
      return (int) c;

  return -1;
}

static gboolean
can_split_by (OrchardSplitMethod  method,
              OrchardColumnKind   kind)
{
  switch (method)
    {
    case ORCHARD_SPLIT_STRATIFIED:
      return kind == ORCHARD_COLUMN_KIND_CATEGORICAL;
    case ORCHARD_SPLIT_TIME:
      return kind == ORCHARD_COLUMN_KIND_NUMERIC || kind == ORCHARD_COLUMN_KIND_DATETIME;
    case ORCHARD_SPLIT_GROUP:
      return TRUE;
    case ORCHARD_SPLIT_RANDOM:
    default:
      return FALSE;
    }
}

/* The first choice stands for the column the method uses by default: the
 * target, the identifier or the time column; the others are named. */
static char *
default_column_label (OrchardSplitMethod  method,
                      OrchardTable       *table)
{
  int target = orchard_table_get_target (table);
  int index;

  switch (method)
    {
    case ORCHARD_SPLIT_STRATIFIED:
      /* Translators: the default column of a stratified split, "The target (species)" */
      return g_strdup_printf (_("The target (%s)"),
                              orchard_column_get_name (orchard_table_get_column (table, target)));

    case ORCHARD_SPLIT_GROUP:
      index = find_role (table, ORCHARD_COLUMN_ROLE_ID);
      if (index < 0)
        return g_strdup (_("The identifier column (none)"));
      /* Translators: the default column of a group split, "The identifier column (id)" */
      return g_strdup_printf (_("The identifier column (%s)"),
                              orchard_column_get_name (orchard_table_get_column (table, index)));

    case ORCHARD_SPLIT_TIME:
      index = find_role (table, ORCHARD_COLUMN_ROLE_TIME);
      if (index < 0)
        return g_strdup (_("The time column (none)"));
      /* Translators: the default column of a time split, "The time column (date)" */
      return g_strdup_printf (_("The time column (%s)"),
                              orchard_column_get_name (orchard_table_get_column (table, index)));

    case ORCHARD_SPLIT_RANDOM:
    default:
      return g_strdup ("");
    }
}

static const char *
column_subtitle (OrchardSplitMethod method)
{
  switch (method)
    {
    case ORCHARD_SPLIT_STRATIFIED:
      return _("Each class of this column is split in the same proportions");
    case ORCHARD_SPLIT_GROUP:
      return _("All rows with the same value stay in the same part");
    case ORCHARD_SPLIT_TIME:
      return _("Earlier rows train, later rows validate and test");
    case ORCHARD_SPLIT_RANDOM:
    default:
      return NULL;
    }
}

static gboolean
fractions_problem (double   train,
                   double   valid,
                   double   test,
                   char   **problem)
{
  double sum = train + valid + test;

  if (!(train > 0.0))
    {
      *problem = g_strdup (_("The training share must be above 0"));
      return TRUE;
    }

  if (fabs (sum - 1.0) > 1e-6)
    {
      g_autofree char *total = g_strdup_printf ("%.2f", sum);

      /* Translators: "The shares add up to 1.05; they must add up to 1" */
      *problem = g_strdup_printf (_("The shares add up to %s; they must add up to 1"), total);
      return TRUE;
    }

  return FALSE;
}

/* What the split form says is wrong: the shares first (they are not
 * applied until they add up), then what splitting found. */
static void
update_split_problem (OrchardPreparePage *self)
{
  OrchardPrepared *prepared = get_prepared (self);
  g_autofree char *problem = NULL;

  if (!fractions_problem (gtk_spin_button_get_value (self->train_spin),
                          gtk_spin_button_get_value (self->valid_spin),
                          gtk_spin_button_get_value (self->test_spin), &problem) &&
      prepared != NULL && orchard_prepared_get_partition (prepared) == NULL &&
      orchard_prepared_get_error (prepared) != NULL)
    /* Translators: %s is the reason, from the engine */
    problem = g_strdup_printf (_("The rows could not be split: %s"),
                               orchard_prepared_get_error (prepared)->message);

  gtk_label_set_label (self->split_problem, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->split_problem), problem != NULL);
}

static void
update_split_form (OrchardPreparePage *self)
{
  OrchardTable *table = get_table (self);
  OrchardSplitMethod method;
  const char *column;
  double fractions[ORCHARD_N_PARTS];
  g_autofree char *default_label = NULL;
  guint selected = 0;

  if (self->split == NULL || table == NULL || orchard_table_get_target (table) < 0)
    return;

  method = orchard_split_get_method (self->split);
  column = orchard_split_get_column (self->split);
  orchard_split_get_fractions (self->split, &fractions[0], &fractions[1], &fractions[2]);

  self->updating = TRUE;

  adw_combo_row_set_selected (self->method_row, method);

  /* The column choices of this method, the default first. */
  g_ptr_array_set_size (self->split_columns, 0);
  default_label = default_column_label (method, table);
  gtk_string_list_splice (self->column_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->column_labels)), NULL);
  gtk_string_list_append (self->column_labels, default_label);
  g_ptr_array_add (self->split_columns, NULL);
  for (guint c = 0; c < orchard_table_get_n_columns (table); c++)
    {
      OrchardColumn *item = orchard_table_get_column (table, c);
      const char *name = orchard_column_get_name (item);

      if ((int) c == orchard_table_get_target (table) ||
          !can_split_by (method, orchard_column_get_kind (item)))
        continue;

      if (g_strcmp0 (name, column) == 0)
        selected = self->split_columns->len;
      gtk_string_list_append (self->column_labels, name);
      g_ptr_array_add (self->split_columns, g_strdup (name));
    }
  adw_combo_row_set_selected (self->column_row, selected);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->column_row), column_subtitle (method));
  gtk_widget_set_visible (GTK_WIDGET (self->column_row), method != ORCHARD_SPLIT_RANDOM);

  /* Shares being edited toward a valid sum are left as the user has them. */
  if (!self->shares_pending)
    {
      gtk_spin_button_set_value (self->train_spin, fractions[ORCHARD_PART_TRAIN]);
      gtk_spin_button_set_value (self->valid_spin, fractions[ORCHARD_PART_VALID]);
      gtk_spin_button_set_value (self->test_spin, fractions[ORCHARD_PART_TEST]);
    }
  gtk_spin_button_set_value (self->seed_spin, (double) orchard_split_get_seed (self->split));

  self->updating = FALSE;

  update_split_problem (self);
}

static void
method_selected_cb (OrchardPreparePage *self)
{
  guint method = adw_combo_row_get_selected (self->method_row);

  if (self->updating || self->split == NULL || method > ORCHARD_SPLIT_TIME)
    return;

  /* A column chosen for one method means nothing to another. */
  g_object_set (self->split, "method", method, "column", NULL, NULL);
}

static void
column_selected_cb (OrchardPreparePage *self)
{
  guint selected = adw_combo_row_get_selected (self->column_row);

  if (self->updating || self->split == NULL || selected >= self->split_columns->len)
    return;

  g_object_set (self->split, "column", g_ptr_array_index (self->split_columns, selected), NULL);
}

static void
share_changed_cb (OrchardPreparePage *self)
{
  double train = gtk_spin_button_get_value (self->train_spin);
  double valid = gtk_spin_button_get_value (self->valid_spin);
  double test = gtk_spin_button_get_value (self->test_spin);
  g_autofree char *problem = NULL;

  if (self->updating || self->split == NULL)
    return;

  /* Shares that do not add up are shown as wrong and not applied; the
   * last ones that did stay in force. */
  self->shares_pending = fractions_problem (train, valid, test, &problem);
  if (!self->shares_pending)
    orchard_split_set_fractions (self->split, train, valid, test, NULL);

  update_split_problem (self);
}

static void
seed_changed_cb (OrchardPreparePage *self)
{
  if (self->updating || self->split == NULL)
    return;

  orchard_split_set_seed (self->split, (guint64) gtk_spin_button_get_value (self->seed_spin));
}

static void
bind_split (OrchardPreparePage *self,
            OrchardSplit       *split)
{
  if (self->split == split)
    return;

  if (self->split != NULL)
    g_signal_handlers_disconnect_by_data (self->split, self);
  g_set_object (&self->split, split);
  self->shares_pending = FALSE;

  if (split != NULL)
    g_signal_connect_swapped (split, "notify", G_CALLBACK (update_split_form), self);
  update_split_form (self);
}

/* ---- results: leakage ------------------------------------------------- */

static void
update_warnings (OrchardPreparePage *self,
                 OrchardPartition   *partition)
{
  remove_rows (self->warnings_group, self->warning_rows);
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), partition != NULL);
  if (partition == NULL)
    return;

  for (guint w = 0; w < orchard_partition_get_n_warnings (partition); w++)
    {
      const OrchardSplitWarning *warning = orchard_partition_get_warning (partition, w);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     orchard_prep_warning_title (warning->code));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), warning->message);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
      g_ptr_array_add (self->warning_rows, row);
    }

  if (self->warning_rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No leakage found"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Nothing the model learns from the training rows reveals "
                                     "the validation or test rows"));
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_group_add (self->warnings_group, row);
      /* Not a warning: kept apart so the count stays honest. */
      g_object_set_data (G_OBJECT (row), "orchard-no-warning", GINT_TO_POINTER (1));
      g_ptr_array_add (self->warning_rows, row);
    }
}

/* ---- results: rows per part ----------------------------------------------- */

static char *
part_counts (OrchardPrepared *prepared,
             OrchardPart      part)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_classes = orchard_prepared_get_n_classes (prepared);

  if (n_classes == 0)
    {
      double mean = orchard_prepared_get_target_mean (prepared, part);
      g_autofree char *value = orchard_format_statistic (mean);

      if (isnan (mean))
        return NULL;
      /* Translators: the mean of a numeric target in one part, "Target mean 4.21" */
      return g_strdup_printf (_("Target mean %s"), value);
    }

  for (guint k = 0; k < n_classes; k++)
    {
      g_autofree char *count = format_count (orchard_prepared_get_class_count (prepared, part, k));

      /* Translators: the separator between the classes of a part, "Adelie 106 · Chinstrap 48" */
      g_string_append_printf (text, "%s%s %s", k > 0 ? C_("list", " · ") : "",
                              orchard_prepared_get_class (prepared, k), count);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
make_balance_plot (OrchardPrepared *prepared,
                   OrchardPart      part)
{
  guint n_classes = orchard_prepared_get_n_classes (prepared);
  gsize n_rows = orchard_prepared_get_n_rows (prepared, part);
  g_autofree double *shares = g_new0 (double, MAX (n_classes, 1));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *count = format_count (n_rows);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  OrchardPlotAxis *axis;
  GtkWidget *plot;

  for (guint k = 0; k < n_classes; k++)
    {
      shares[k] = n_rows > 0 ? (double) orchard_prepared_get_class_count (prepared, part, k) / n_rows
                             : NAN;
      g_ptr_array_add (labels, (gpointer) orchard_prepared_get_class (prepared, k));
    }
  g_ptr_array_add (labels, NULL);

  /* Bars across, so that class names have room beside them. */
  plot = orchard_bar_plot_new ();
  gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_HORIZONTAL);
  orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (plot), ORCHARD_BAR_PLOT_SORT_NONE);
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (plot), TRUE);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), (const char * const *) labels->pdata, shares,
                             n_classes);
  axis = orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (plot));
  orchard_plot_axis_set_percent (axis, TRUE);
  /* The same scale in every part, so their balance compares at a glance. */
  orchard_plot_axis_set_range (axis, 0.0, 1.0);
  orchard_plot_axis_set_title (axis, _("Share of the rows"));

  orchard_plot_set_title (ORCHARD_PLOT (plot), orchard_prep_part_label (part));
  /* Translators: the subtitle of a part's class balance, "240 rows" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", n_rows), count);
  orchard_plot_set_subtitle (ORCHARD_PLOT (plot), subtitle);
  /* Translators: "Classes in the Training rows" */
  label = g_strdup_printf (_("Classes in the %s rows"), orchard_prep_part_label (part));
  gtk_accessible_update_property (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_size_request (plot, 160, 80 + 28 * (int) MIN (n_classes, 12));

  return plot;
}

static GtkWidget *
make_means_plot (OrchardPrepared *prepared)
{
  const char *labels[ORCHARD_N_PARTS + 1] = { NULL };
  double means[ORCHARD_N_PARTS];
  GtkWidget *plot = orchard_bar_plot_new ();

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      labels[part] = orchard_prep_part_label (part);
      means[part] = orchard_prepared_get_target_mean (prepared, part);
    }

  gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_VERTICAL);
  orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (plot), ORCHARD_BAR_PLOT_SORT_NONE);
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (plot), TRUE);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), labels, means, ORCHARD_N_PARTS);
  orchard_plot_axis_set_title (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (plot)),
                               orchard_prepared_get_target (prepared));
  orchard_plot_set_title (ORCHARD_PLOT (plot), _("Target mean per part"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (plot), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Target mean per part"), -1);
  gtk_widget_set_size_request (plot, 200, 200);

  return plot;
}

/* A flow box lines up as many children as their natural widths allow, and
 * a plot asks for 400 pixels: the clamp asks for less, so that three fit
 * side by side where there is room and they wrap where there is not. */
static GtkWidget *
plot_card (GtkWidget *plot,
           int        width)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "plot-card");
  gtk_box_append (GTK_BOX (card), plot);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), width);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), width);
  adw_clamp_set_child (ADW_CLAMP (clamp), card);

  return clamp;
}

static void
update_parts (OrchardPreparePage *self,
              OrchardPrepared    *prepared)
{
  OrchardPartition *partition = prepared != NULL ? orchard_prepared_get_partition (prepared) : NULL;
  GtkWidget *child;
  gsize total = 0;

  remove_rows (self->parts_group, self->part_rows);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->balance_box))) != NULL)
    gtk_flow_box_remove (self->balance_box, child);
  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      self->part_labels[part] = NULL;
      self->balance_plots[part] = NULL;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->parts_group), partition != NULL);
  if (partition == NULL)
    return;

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    total += orchard_prepared_get_n_rows (prepared, part);

  for (OrchardPart part = ORCHARD_PART_TRAIN; part < ORCHARD_N_PARTS; part++)
    {
      gsize n = orchard_prepared_get_n_rows (prepared, part);
      g_autofree char *count = format_count (n);
      g_autofree char *rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", n), count);
      g_autofree char *text = NULL;
      g_autofree char *counts = part_counts (prepared, part);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label;

      /* Translators: a part's size and share of all rows, "240 rows (69.8%)" */
      text = g_strdup_printf (_("%s (%.1f%%)"), rows, total > 0 ? 100.0 * n / total : 0.0);
      label = gtk_label_new (text);
      gtk_widget_add_css_class (label, "numeric");
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);

      subtitle = g_strdup (counts);
      if (part == ORCHARD_PART_TRAIN && orchard_prepared_is_fitted (prepared))
        {
          OrchardTable *training = orchard_pipeline_get_training_table (orchard_prepared_get_pipeline (prepared));
          gsize trained = orchard_table_get_n_rows (training);

          if (trained != n)
            {
              g_autofree char *trained_text = format_count (trained);
              g_autofree char *note = NULL;

              /* Translators: rows removed (outliers, duplicates) or added (oversampling) */
              note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "the model trains on %s row after the pipeline",
                                                   "the model trains on %s rows after the pipeline",
                                                   trained),
                                      trained_text);
              g_free (subtitle);
              subtitle = counts != NULL ? g_strdup_printf (C_("list", "%s; %s"), counts, note)
                                        : g_strdup (note);
            }
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), orchard_prep_part_label (part));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->parts_group, row);
      g_ptr_array_add (self->part_rows, row);
      self->part_labels[part] = GTK_LABEL (label);

      if (orchard_prepared_get_n_classes (prepared) > 0)
        {
          self->balance_plots[part] = make_balance_plot (prepared, part);
          gtk_flow_box_append (self->balance_box, plot_card (self->balance_plots[part], BALANCE_WIDTH));
        }
    }

  if (orchard_prepared_get_n_classes (prepared) == 0 &&
      !isnan (orchard_prepared_get_target_mean (prepared, ORCHARD_PART_TRAIN)))
    {
      self->balance_plots[ORCHARD_PART_TRAIN] = make_means_plot (prepared);
      gtk_flow_box_append (self->balance_box,
                           plot_card (self->balance_plots[ORCHARD_PART_TRAIN], 2 * BALANCE_WIDTH));
    }
}

/* ---- results: the fit report ------------------------------------------------- */

static char *
shown_key (guint       step,
           const char *column,
           const char *key)
{
  return g_strdup_printf ("%u\x1f%s\x1f%s", step, column != NULL ? column : "", key);
}

static void
keep_report (OrchardPreparePage *self,
             guint               step,
             const char         *column,
             const char         *key,
             const char         *text,
             GVariant           *value)
{
  Shown *shown = g_new0 (Shown, 1);

  shown->text = g_strdup (text);
  shown->number = NAN;
  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    shown->number = g_variant_get_double (value);
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT64))
    shown->number = (double) g_variant_get_uint64 (value);
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
    shown->number = g_variant_get_uint32 (value);
  else if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    shown->number = g_variant_get_boolean (value);

  g_hash_table_insert (self->report_shown, shown_key (step, column, key), shown);
}

static void
add_report_entries (OrchardPreparePage *self,
                    GtkWidget          *expander,
                    guint               step,
                    GVariant           *entries)
{
  GVariantIter iter;
  const char *name;
  GVariant *facts;

  g_variant_iter_init (&iter, entries);
  while (g_variant_iter_next (&iter, "{&s@a{sv}}", &name, &facts))
    {
      g_autoptr(GVariant) owned = facts;
      g_autoptr(GString) line = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();
      GVariantIter fact_iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&fact_iter, facts);
      while (g_variant_iter_next (&fact_iter, "{&sv}", &key, &value))
        {
          g_autoptr(GVariant) owned_value = value;
          g_autofree char *fact = orchard_prep_format_report_fact (key, value);
          g_autofree char *text = NULL;

          if (fact == NULL)
            continue;

          text = orchard_prep_format_report_value (value);
          keep_report (self, step, name, key, text, value);
          /* Translators: the separator between the facts of a column in the fit report */
          g_string_append_printf (line, "%s%s", line->len > 0 ? C_("list", " · ") : "", fact);
        }

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), line->str);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }
}

static void
update_report (OrchardPreparePage *self,
               OrchardPrepared    *prepared)
{
  OrchardPipeline *pipeline;
  gboolean fitted = prepared != NULL && orchard_prepared_is_fitted (prepared);

  remove_rows (self->report_group, self->report_rows);
  g_hash_table_remove_all (self->report_shown);
  gtk_widget_set_visible (GTK_WIDGET (self->report_group), fitted);
  if (!fitted)
    return;

  pipeline = orchard_prepared_get_pipeline (prepared);
  for (guint s = 0; s < orchard_pipeline_get_n_steps (pipeline); s++)
    {
      OrchardStep *step = orchard_pipeline_get_step (pipeline, s);
      g_autoptr(GVariant) report = orchard_step_get_report (step);
      g_autoptr(GVariant) entries = NULL;
      g_autofree char *described = orchard_step_describe (step);
      g_autofree char *title = NULL;
      const char *summary = NULL;
      GtkWidget *row = adw_expander_row_new ();

      if (report != NULL)
        {
          g_variant_lookup (report, "summary", "&s", &summary);
          entries = g_variant_lookup_value (report, "columns", G_VARIANT_TYPE ("a{sa{sv}}"));
          if (entries == NULL)
            entries = g_variant_lookup_value (report, "classes", G_VARIANT_TYPE ("a{sa{sv}}"));
        }

      /* Translators: a step in the fit report, "1. Median-impute 5 columns" */
      title = g_strdup_printf (_("%u. %s"), s + 1, described);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary);
      keep_report (self, s, NULL, "summary", summary, NULL);

      if (entries != NULL && g_variant_n_children (entries) > 0)
        add_report_entries (self, row, s, entries);
      else
        adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row), FALSE);

      adw_preferences_group_add (self->report_group, row);
      g_ptr_array_add (self->report_rows, row);
    }
}

/* ---- results: before and after ------------------------------------------------- */

static void
preview_selected_cb (OrchardPreparePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->preview_dropdown);
  const char *column = NULL;

  if (self->updating)
    return;

  if (selected < g_list_model_get_n_items (G_LIST_MODEL (self->preview_columns)))
    column = gtk_string_list_get_string (self->preview_columns, selected);

  orchard_prep_preview_show (self->preview, get_prepared (self), column);
}

static void
update_preview (OrchardPreparePage *self,
                OrchardPrepared    *prepared)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autofree char *shown = g_strdup (orchard_prep_preview_get_column (self->preview));
  guint selected = 0;

  columns = prepared != NULL ? orchard_prep_preview_affected_columns (prepared)
                             : g_ptr_array_new_with_free_func (g_free);

  self->updating = TRUE;
  gtk_string_list_splice (self->preview_columns, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->preview_columns)), NULL);
  for (guint i = 0; i < columns->len; i++)
    {
      gtk_string_list_append (self->preview_columns, g_ptr_array_index (columns, i));
      if (g_strcmp0 (g_ptr_array_index (columns, i), shown) == 0)
        selected = i;
    }
  gtk_drop_down_set_selected (self->preview_dropdown, columns->len > 0 ? selected : GTK_INVALID_LIST_POSITION);
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), columns->len > 0);
  preview_selected_cb (self);
}

/* ---- results ---------------------------------------------------------------------- */

static void
update_fit_error (OrchardPreparePage *self,
                  OrchardPrepared    *prepared)
{
  const GError *error = prepared != NULL ? orchard_prepared_get_error (prepared) : NULL;
  int failed;
  g_autofree char *title = NULL;

  /* A split that failed is the split form's to say. */
  if (error == NULL || orchard_prepared_get_partition (prepared) == NULL)
    {
      gtk_widget_set_visible (self->fit_error, FALSE);
      return;
    }

  failed = orchard_prepared_get_failed_step (prepared);
  if (failed >= 0)
    {
      OrchardStep *step = orchard_pipeline_get_step (orchard_prepared_get_pipeline (prepared), failed);

      /* Translators: "Step 3, “One-hot encoding”, could not be fitted" */
      title = g_strdup_printf (_("Step %d, “%s”, could not be fitted"), failed + 1,
                               orchard_step_id_get_title (orchard_step_get_id (step)));
    }
  else
    {
      title = g_strdup (_("The prepared data cannot go to a model yet"));
    }

  gtk_label_set_label (self->fit_error_title, title);
  gtk_label_set_label (self->fit_error_message, error->message);
  gtk_widget_set_visible (self->fit_error, TRUE);
}

static void
update_results (OrchardPreparePage *self)
{
  OrchardPrepared *prepared = get_prepared (self);

  update_step_rows (self);
  update_fit_error (self, prepared);
  update_split_problem (self);
  update_warnings (self, prepared != NULL ? orchard_prepared_get_partition (prepared) : NULL);
  update_parts (self, prepared);
  update_report (self, prepared);
  update_preview (self, prepared);
}

/* ---- busy ------------------------------------------------------------------------- */

static void
set_stale (OrchardPreparePage *self,
           gboolean            stale)
{
  GtkWidget *groups[] = {
    GTK_WIDGET (self->warnings_group), GTK_WIDGET (self->parts_group),
    GTK_WIDGET (self->report_group), GTK_WIDGET (self->preview_group),
  };

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    if (stale)
      gtk_widget_add_css_class (groups[i], "stale");
    else
      gtk_widget_remove_css_class (groups[i], "stale");
}

static gboolean
busy_cb (gpointer data)
{
  OrchardPreparePage *self = data;

  self->busy_id = 0;
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);
  set_stale (self, TRUE);

  return G_SOURCE_REMOVE;
}

static void
preparing_changed_cb (OrchardPreparePage *self)
{
  gboolean preparing = self->session != NULL && orchard_session_get_preparing (self->session);

  if (preparing)
    {
      if (self->busy_id == 0 && !gtk_revealer_get_reveal_child (self->progress_revealer))
        self->busy_id = g_timeout_add (BUSY_DELAY_MS, busy_cb, self);
      return;
    }

  g_clear_handle_id (&self->busy_id, g_source_remove);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  set_stale (self, FALSE);
}

/* ---- session ------------------------------------------------------------------------ */

static void
table_changed_cb (OrchardPreparePage *self)
{
  update_stack (self);
  update_split_form (self);
  update_step_rows (self);
}

static void
pipeline_changed_cb (OrchardPreparePage *self)
{
  bind_pipeline (self, orchard_session_get_pipeline (self->session));
}

static void
split_changed_cb (OrchardPreparePage *self)
{
  bind_split (self, orchard_session_get_split (self->session));
}

static void
family_changed_cb (OrchardPreparePage *self)
{
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->family_dropdown, orchard_session_get_family (self->session));
  self->updating = FALSE;
  update_pipeline_status (self);
}

/* ---- actions ------------------------------------------------------------------------ */

static guint
registry_index (const char *id)
{
  const char * const *ids = orchard_step_list_ids ();

  for (guint i = 0; ids[i] != NULL; i++)
    if (g_str_equal (ids[i], id))
      return i;

  return G_MAXUINT;
}

/* Where a new step goes: after the last step that usually comes before
 * it, in the order of orchard_step_list_ids(); the user can move it. */
static guint
insert_position (OrchardPipeline *pipeline,
                 const char      *id)
{
  guint wanted = registry_index (id);

  for (guint i = orchard_pipeline_get_n_steps (pipeline); i > 0; i--)
    if (registry_index (orchard_step_get_id (orchard_pipeline_get_step (pipeline, i - 1))) <= wanted)
      return i;

  return 0;
}

static void
focus_step (OrchardPreparePage *self,
            guint               position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->steps_list, position);

  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (widget);
  const char *id = g_variant_get_string (param, NULL);
  g_autoptr(OrchardStep) step = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (self->pipeline == NULL)
    return;

  step = orchard_step_new (id, &error);
  if (step == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  /* A new step opens, to show what it can be set to. */
  g_object_set_data (G_OBJECT (step), "orchard-expanded", GINT_TO_POINTER (1));
  position = insert_position (self->pipeline, id);
  orchard_pipeline_insert (self->pipeline, position, step);
  focus_step (self, position);
}

/* libadwaita 1.2 (this host's) frees a toast dismissed during its show
 * animation (up to 500 ms) while the animation still refers to it, and
 * crashes when the animation ends. A toast is therefore dismissed only
 * once it is surely shown. */
#define TOAST_SETTLE_MS 600

static gboolean
dismiss_later_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

static void
dismiss_toast (AdwToast *toast,
               gint64    shown_at)
{
  gint64 age = (g_get_monotonic_time () - shown_at) / 1000;

  if (age >= TOAST_SETTLE_MS)
    adw_toast_dismiss (toast);
  else
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (TOAST_SETTLE_MS - age), dismiss_later_cb,
                        g_object_ref (toast), g_object_unref);
}

/* The removed step can no longer come back: its toast goes. */
static void
forget_removed (OrchardPreparePage *self)
{
  g_clear_object (&self->removed_step);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.undo-remove", FALSE);

  if (self->removed_toast == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->removed_toast, self);
  dismiss_toast (self->removed_toast, self->removed_toast_time);
  g_clear_object (&self->removed_toast);
}

static void
removed_toast_dismissed_cb (OrchardPreparePage *self)
{
  /* Gone by itself (timeout, close button): nothing to dismiss. */
  g_signal_handlers_disconnect_by_data (self->removed_toast, self);
  g_clear_object (&self->removed_toast);
  g_clear_object (&self->removed_step);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.undo-remove", FALSE);
}

static void
undo_clicked_cb (OrchardPreparePage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "prepare.undo-remove", NULL);
}

static void
remove_step_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (widget);
  guint position = g_variant_get_uint32 (param);
  GtkWidget *overlay;
  OrchardStep *step;

  if (self->pipeline == NULL || position >= orchard_pipeline_get_n_steps (self->pipeline))
    return;

  forget_removed (self);

  step = orchard_pipeline_get_step (self->pipeline, position);
  self->removed_step = g_object_ref (step);
  self->removed_position = position;
  orchard_pipeline_remove (self->pipeline, position);
  gtk_widget_action_set_enabled (widget, "prepare.undo-remove", TRUE);

  if (orchard_pipeline_get_n_steps (self->pipeline) > 0)
    focus_step (self, MIN (position, orchard_pipeline_get_n_steps (self->pipeline) - 1));

  /* An outcome the user may want back: a toast with Undo. */
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      const char *title = orchard_step_id_get_title (orchard_step_get_id (step));
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      /* Translators: a toast, "Removed “Scale”" */
      g_autofree char *text = g_strdup_printf (_("Removed “%s”"), escaped);

      self->removed_toast = adw_toast_new (text);
      self->removed_toast_time = g_get_monotonic_time ();
      adw_toast_set_button_label (self->removed_toast, _("_Undo"));
      /* The toast lives in the window's overlay, outside the page, where
       * the page's actions do not reach: its button calls back instead. */
      g_signal_connect_swapped (self->removed_toast, "button-clicked",
                                G_CALLBACK (undo_clicked_cb), self);
      g_signal_connect_swapped (self->removed_toast, "dismissed",
                                G_CALLBACK (removed_toast_dismissed_cb), self);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), g_object_ref (self->removed_toast));
    }
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (widget);
  g_autoptr(OrchardStep) step = NULL;
  guint position;

  if (self->removed_step == NULL || self->pipeline == NULL)
    return;

  step = g_steal_pointer (&self->removed_step);
  position = MIN (self->removed_position, orchard_pipeline_get_n_steps (self->pipeline));
  forget_removed (self);

  orchard_pipeline_insert (self->pipeline, position, step);
  focus_step (self, position);
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (widget);
  guint from, to, n;

  g_variant_get (param, "(uu)", &from, &to);
  n = self->pipeline != NULL ? orchard_pipeline_get_n_steps (self->pipeline) : 0;
  if (from >= n || to >= n || from == to)
    return;

  orchard_pipeline_move (self->pipeline, from, to);
  /* The moved row is made anew; the keyboard stays with it. */
  focus_step (self, to);
}

static void
automatic_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (widget);
  guint family = gtk_drop_down_get_selected (self->family_dropdown);

  if (self->session == NULL || self->pipeline == NULL || family > ORCHARD_MODEL_FAMILY_NEURAL)
    return;

  orchard_session_make_automatic (self->session, family);
}

/* ---- GObject ------------------------------------------------------------------------ */

static void
orchard_prepare_page_dispose (GObject *object)
{
  OrchardPreparePage *self = (OrchardPreparePage *)object;

  orchard_prepare_page_set_session (self, NULL);
  g_clear_handle_id (&self->busy_id, g_source_remove);
  forget_removed (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_PREPARE_PAGE);

  G_OBJECT_CLASS (orchard_prepare_page_parent_class)->dispose (object);
}

static void
orchard_prepare_page_finalize (GObject *object)
{
  OrchardPreparePage *self = (OrchardPreparePage *)object;

  g_clear_pointer (&self->split_columns, g_ptr_array_unref);
  g_clear_pointer (&self->note_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->part_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_rows, g_ptr_array_unref);
  g_clear_pointer (&self->report_shown, g_hash_table_unref);

  G_OBJECT_CLASS (orchard_prepare_page_parent_class)->finalize (object);
}

static void
orchard_prepare_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_prepare_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardPreparePage *self = ORCHARD_PREPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_prepare_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_prepare_page_class_init (OrchardPreparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_prepare_page_dispose;
  object_class->finalize = orchard_prepare_page_finalize;
  object_class->get_property = orchard_prepare_page_get_property;
  object_class->set_property = orchard_prepare_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ORCHARD_TYPE_PREP_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-prepare-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "preparepage");

  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, add_section);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, family_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, family_labels);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, pipeline_status);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, notes_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, steps_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, fit_error);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, fit_error_title);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, fit_error_message);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, method_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, method_labels);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, column_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, column_labels);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, train_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, valid_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, test_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, split_problem);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, parts_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, balance_box);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, report_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, preview_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, preview_columns);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreparePage, preview);

  gtk_widget_class_install_action (widget_class, "prepare.add-step", "s", add_step_action);
  gtk_widget_class_install_action (widget_class, "prepare.remove-step", "u", remove_step_action);
  gtk_widget_class_install_action (widget_class, "prepare.undo-remove", NULL, undo_remove_action);
  gtk_widget_class_install_action (widget_class, "prepare.move-step", "(uu)", move_step_action);
  gtk_widget_class_install_action (widget_class, "prepare.automatic", NULL, automatic_action);
}

static void
orchard_prepare_page_init (OrchardPreparePage *self)
{
  g_autoptr(GEnumClass) families = g_type_class_ref (ORCHARD_TYPE_MODEL_FAMILY);
  g_autoptr(GEnumClass) methods = g_type_class_ref (ORCHARD_TYPE_SPLIT_METHOD);
  const char * const *ids = orchard_step_list_ids ();
  GtkWidget *placeholder;

  self->split_columns = g_ptr_array_new_with_free_func (g_free);
  self->note_rows = g_ptr_array_new ();
  self->warning_rows = g_ptr_array_new ();
  self->part_rows = g_ptr_array_new ();
  self->report_rows = g_ptr_array_new ();
  self->report_shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) shown_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The engine's choices, named in words. */
  for (guint i = 0; i < families->n_values; i++)
    gtk_string_list_append (self->family_labels,
                            orchard_prep_enum_label (ORCHARD_TYPE_MODEL_FAMILY,
                                                     families->values[i].value_nick));
  for (guint i = 0; i < methods->n_values; i++)
    gtk_string_list_append (self->method_labels,
                            orchard_prep_enum_label (ORCHARD_TYPE_SPLIT_METHOD,
                                                     methods->values[i].value_nick));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      /* Menu labels take mnemonics; step titles have no underscores. */
      g_autoptr(GMenuItem) item = g_menu_item_new (orchard_step_id_get_title (ids[i]), NULL);

      g_menu_item_set_action_and_target (item, "prepare.add-step", "s", ids[i]);
      g_menu_append_item (self->add_section, item);
    }

  placeholder = gtk_label_new (_("No steps: the data would go to the model as it is. Add a step "
                                 "or press Automatic."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->steps_list, placeholder);

  g_signal_connect_swapped (self->method_row, "notify::selected", G_CALLBACK (method_selected_cb), self);
  g_signal_connect_swapped (self->column_row, "notify::selected", G_CALLBACK (column_selected_cb), self);
  g_signal_connect_swapped (self->train_spin, "value-changed", G_CALLBACK (share_changed_cb), self);
  g_signal_connect_swapped (self->valid_spin, "value-changed", G_CALLBACK (share_changed_cb), self);
  g_signal_connect_swapped (self->test_spin, "value-changed", G_CALLBACK (share_changed_cb), self);
  g_signal_connect_swapped (self->seed_spin, "value-changed", G_CALLBACK (seed_changed_cb), self);
  g_signal_connect_swapped (self->preview_dropdown, "notify::selected", G_CALLBACK (preview_selected_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.add-step", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.automatic", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prepare.undo-remove", FALSE);

  update_results (self);
  update_stack (self);
}

/* ---- public ---------------------------------------------------------------------------- */

OrchardSession *
orchard_prepare_page_get_session (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return self->session;
}

void
orchard_prepare_page_set_session (OrchardPreparePage *self,
                                  OrchardSession     *session)
{
  g_return_if_fail (ORCHARD_IS_PREPARE_PAGE (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_pointer (&self->fraction_binding, g_binding_unbind);
      g_clear_pointer (&self->message_binding, g_binding_unbind);
    }

  g_set_object (&self->session, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::table", G_CALLBACK (table_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::pipeline", G_CALLBACK (pipeline_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::split", G_CALLBACK (split_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::prepared", G_CALLBACK (update_results), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::preparing", G_CALLBACK (preparing_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::automatic", G_CALLBACK (update_pipeline_status), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::family", G_CALLBACK (family_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->fraction_binding = g_object_bind_property (session, "prepare-fraction",
                                                       self->progress_bar, "fraction",
                                                       G_BINDING_SYNC_CREATE);
      self->message_binding = g_object_bind_property (session, "prepare-message",
                                                      self->progress_bar, "text",
                                                      G_BINDING_SYNC_CREATE);
      bind_pipeline (self, orchard_session_get_pipeline (session));
      bind_split (self, orchard_session_get_split (session));
      family_changed_cb (self);
      preparing_changed_cb (self);
    }
  else
    {
      bind_pipeline (self, NULL);
      bind_split (self, NULL);
    }

  update_results (self);
  update_stack (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * orchard_prepare_page_get_state:
 *
 * Returns: "no-data", "no-target" or "prepare": what the page shows
 */
const char *
orchard_prepare_page_get_state (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * orchard_prepare_page_get_n_steps:
 *
 * Returns: how many step rows the list shows
 */
guint
orchard_prepare_page_get_n_steps (OrchardPreparePage *self)
{
  guint n = 0;

  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), 0);

  while (orchard_prepare_page_get_step_row (self, n) != NULL)
    n++;

  return n;
}

/**
 * orchard_prepare_page_get_step_row:
 * @self: a page
 * @position: a row's position
 *
 * Returns: (transfer none) (nullable): the row of the step at @position
 */
OrchardStepRow *
orchard_prepare_page_get_step_row (OrchardPreparePage *self,
                                   guint               position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);

  row = gtk_list_box_get_row_at_index (self->steps_list, position);
  return ORCHARD_IS_STEP_ROW (row) ? ORCHARD_STEP_ROW (row) : NULL;
}

/**
 * orchard_prepare_page_get_n_notes:
 *
 * Returns: how many notes of the automatic pipeline are shown; none once
 *   the steps are the user's own
 */
guint
orchard_prepare_page_get_n_notes (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), 0);
  return gtk_widget_get_visible (GTK_WIDGET (self->notes_list)) ? self->note_rows->len : 0;
}

/**
 * orchard_prepare_page_get_note:
 * @self: a page
 * @index: a note shown above the steps
 *
 * Returns: its text
 */
const char *
orchard_prepare_page_get_note (OrchardPreparePage *self,
                               guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  g_return_val_if_fail (index < orchard_prepare_page_get_n_notes (self), NULL);

  return adw_preferences_row_get_title (g_ptr_array_index (self->note_rows, index));
}

/**
 * orchard_prepare_page_get_family_dropdown:
 *
 * Returns: (transfer none): the model family the Automatic button uses,
 *   in the order of #OrchardModelFamily
 */
GtkDropDown *
orchard_prepare_page_get_family_dropdown (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return self->family_dropdown;
}

/**
 * orchard_prepare_page_get_method_row:
 *
 * Returns: (transfer none): the split method, in the order of
 *   #OrchardSplitMethod
 */
AdwComboRow *
orchard_prepare_page_get_method_row (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return self->method_row;
}

/**
 * orchard_prepare_page_get_column_row:
 *
 * Returns: (transfer none): the column the split goes by: the method's
 *   default first, then the columns by name
 */
AdwComboRow *
orchard_prepare_page_get_column_row (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return self->column_row;
}

/**
 * orchard_prepare_page_get_share_spin:
 * @self: a page
 * @part: a part of the split
 *
 * Returns: (transfer none): the spin button of the share of @part
 */
GtkSpinButton *
orchard_prepare_page_get_share_spin (OrchardPreparePage *self,
                                     OrchardPart         part)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);

  switch (part)
    {
    case ORCHARD_PART_TRAIN:
      return self->train_spin;
    case ORCHARD_PART_VALID:
      return self->valid_spin;
    case ORCHARD_PART_TEST:
      return self->test_spin;
    case ORCHARD_N_PARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * orchard_prepare_page_get_seed_spin:
 *
 * Returns: (transfer none): the spin button of the split's seed
 */
GtkSpinButton *
orchard_prepare_page_get_seed_spin (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return self->seed_spin;
}

/**
 * orchard_prepare_page_get_split_problem:
 *
 * Returns: (nullable): what the split form says is wrong, if anything
 */
const char *
orchard_prepare_page_get_split_problem (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->split_problem))
         ? gtk_label_get_label (self->split_problem) : NULL;
}

/**
 * orchard_prepare_page_get_fit_error:
 *
 * Returns: (nullable): why the pipeline could not be fitted, as shown
 */
const char *
orchard_prepare_page_get_fit_error (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);

  return gtk_widget_get_visible (self->fit_error) ? gtk_label_get_label (self->fit_error_message)
                                                  : NULL;
}

static Shown *
lookup_report (OrchardPreparePage *self,
               guint               step,
               const char         *column,
               const char         *key)
{
  g_autofree char *name = shown_key (step, column, key);

  return g_hash_table_lookup (self->report_shown, name);
}

/**
 * orchard_prepare_page_get_report_text:
 * @self: a page
 * @step: a step of the fit report
 * @column: (nullable): a column (or class) of the step's report, or %NULL
 *   with @key "summary" for the step's summary
 * @key: a key of the step's report, as in `docs/pipeline-spec.md`
 *
 * Returns: (nullable): the value shown in the fit report
 */
const char *
orchard_prepare_page_get_report_text (OrchardPreparePage *self,
                                      guint               step,
                                      const char         *column,
                                      const char         *key)
{
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);

  shown = lookup_report (self, step, column, key);
  return shown != NULL ? shown->text : NULL;
}

/**
 * orchard_prepare_page_get_report_number:
 * @self: a page
 * @step: a step of the fit report
 * @column: a column (or class) of the step's report
 * @key: a key of its facts
 * @value: (out): the number behind the text shown
 *
 * Returns: whether the fact is shown
 */
gboolean
orchard_prepare_page_get_report_number (OrchardPreparePage *self,
                                        guint               step,
                                        const char         *column,
                                        const char         *key,
                                        double             *value)
{
  Shown *shown;

  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), FALSE);

  shown = lookup_report (self, step, column, key);
  if (shown == NULL)
    return FALSE;

  *value = shown->number;
  return TRUE;
}

/**
 * orchard_prepare_page_get_part_text:
 * @self: a page
 * @part: a part of the split
 *
 * Returns: (nullable): the size shown for @part, "240 rows (69.8%)"
 */
const char *
orchard_prepare_page_get_part_text (OrchardPreparePage *self,
                                    OrchardPart         part)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  return self->part_labels[part] != NULL ? gtk_label_get_label (self->part_labels[part]) : NULL;
}

/**
 * orchard_prepare_page_get_balance_plot:
 * @self: a page
 * @part: a part of the split
 *
 * Returns: (transfer none) (nullable): the #OrchardBarPlot of the class
 *   shares in @part (for a numeric target, the training part's plot shows
 *   the target mean per part)
 */
GtkWidget *
orchard_prepare_page_get_balance_plot (OrchardPreparePage *self,
                                       OrchardPart         part)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  g_return_val_if_fail (part < ORCHARD_N_PARTS, NULL);

  return self->balance_plots[part];
}

/**
 * orchard_prepare_page_get_n_warnings:
 *
 * Returns: how many leakage warnings are shown
 */
guint
orchard_prepare_page_get_n_warnings (OrchardPreparePage *self)
{
  guint n = 0;

  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), 0);

  for (guint i = 0; i < self->warning_rows->len; i++)
    n += g_object_get_data (g_ptr_array_index (self->warning_rows, i), "orchard-no-warning") == NULL;

  return n;
}

/**
 * orchard_prepare_page_get_warning_title:
 * @self: a page
 * @index: a warning shown
 *
 * Returns: its heading, which says what kind of problem it is
 */
const char *
orchard_prepare_page_get_warning_title (OrchardPreparePage *self,
                                        guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  g_return_val_if_fail (index < orchard_prepare_page_get_n_warnings (self), NULL);

  return adw_preferences_row_get_title (g_ptr_array_index (self->warning_rows, index));
}

/**
 * orchard_prepare_page_get_warning_text:
 * @self: a page
 * @index: a warning shown
 *
 * Returns: the engine's message of it, with the numbers
 */
const char *
orchard_prepare_page_get_warning_text (OrchardPreparePage *self,
                                       guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  g_return_val_if_fail (index < orchard_prepare_page_get_n_warnings (self), NULL);

  return adw_action_row_get_subtitle (g_ptr_array_index (self->warning_rows, index));
}

/**
 * orchard_prepare_page_get_preview:
 *
 * Returns: (transfer none): the before-and-after view
 */
OrchardPrepPreview *
orchard_prepare_page_get_preview (OrchardPreparePage *self)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), NULL);
  return self->preview;
}

/**
 * orchard_prepare_page_preview_column:
 * @self: a page
 * @column: a column the pipeline changes
 *
 * Chooses @column in the before-and-after view, as the drop-down does.
 *
 * Returns: whether @column is among those the view offers
 */
gboolean
orchard_prepare_page_preview_column (OrchardPreparePage *self,
                                     const char         *column)
{
  g_return_val_if_fail (ORCHARD_IS_PREPARE_PAGE (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->preview_columns)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->preview_columns, i), column))
      {
        gtk_drop_down_set_selected (self->preview_dropdown, i);
        return TRUE;
      }

  return FALSE;
}
