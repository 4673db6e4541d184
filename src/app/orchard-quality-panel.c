/* orchard-quality-panel.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-quality-panel.h"

struct _OrchardQualityPanel
{
  GtkWidget   parent_instance;

  guint       n_items;

  GtkStack   *stack;
  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (OrchardQualityPanel, orchard_quality_panel, GTK_TYPE_WIDGET)

enum {
  COLUMN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The engine says what it found and what to do; the panel adds why it
 * matters for a model, which is the same for every data set. */
static void
describe (OrchardProfileWarningCode   code,
          const char                **title,
          const char                **why,
          const char                **icon)
{
  *icon = "dialog-warning-symbolic";

  switch (code)
    {
    case ORCHARD_PROFILE_WARNING_CONSTANT:
      *title = _("Constant column");
      *why = _("A column with a single value cannot tell one row from another, so it tells a model nothing.");
      break;
    case ORCHARD_PROFILE_WARNING_HIGH_MISSING:
      *title = _("Many missing values");
      *why = _("Most learners cannot use missing values: the rows are dropped or the gaps must be filled in.");
      break;
    case ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY:
      *title = _("Many levels");
      *why = _("Each level becomes a feature of its own; many rare levels invite overfitting.");
      break;
    case ORCHARD_PROFILE_WARNING_ID_LIKE:
      *title = _("Looks like an identifier");
      *why = _("A value unique to each row predicts nothing about rows the model has not seen.");
      break;
    case ORCHARD_PROFILE_WARNING_DUPLICATE_ROWS:
      *title = _("Duplicate rows");
      *why = _("Repeated rows count twice in training and can land on both sides of a train/test split.");
      break;
    case ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS:
      *title = _("Duplicate column");
      *why = _("An identical column adds no information, only weight.");
      break;
    case ORCHARD_PROFILE_WARNING_OUTLIERS:
      *title = _("Outliers");
      *why = _("Extreme values pull on scale-sensitive learners such as linear models and k-nearest neighbours.");
      break;
    case ORCHARD_PROFILE_WARNING_MIXED_TYPES:
      *title = _("Numbers mixed with text");
      *why = _("A few stray texts in a numeric column usually come from data entry or export, and hide the numbers.");
      break;
    case ORCHARD_PROFILE_WARNING_SKEWED:
      *title = _("Strongly skewed");
      *why = _("A long tail squeezes most values together for linear models; a log or rank transform often helps.");
      break;
    case ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE:
      *title = _("Possible target leakage");
      *why = _("A feature that gives the answer away makes evaluation look far better than the model will do in use.");
      *icon = "dialog-error-symbolic";
      break;
    case ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET:
      *title = _("Imbalanced target");
      *why = _("With a rare class, accuracy flatters a model; judge it by per-class metrics and consider class weights.");
      break;
    default:
      *title = _("Data-quality warning");
      *why = NULL;
      break;
    }
}

static GtkWidget *
make_label (const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static GtkWidget *
make_row (const char *icon_name,
          const char *heading,
          const char *column,
          const char *message,
          const char *why,
          const char *action)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *suggestion = NULL;

  gtk_widget_add_css_class (box, "quality-row");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, g_str_equal (icon_name, "dialog-error-symbolic") ? "error" : "warning");
  gtk_box_append (GTK_BOX (box), icon);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (top), make_label (heading, "heading"));
  if (column != NULL)
    {
      GtkWidget *tag = make_label (column, "quality-column");
      gtk_label_set_ellipsize (GTK_LABEL (tag), PANGO_ELLIPSIZE_MIDDLE);
      gtk_label_set_wrap (GTK_LABEL (tag), FALSE);
      gtk_box_append (GTK_BOX (top), tag);
    }
  gtk_box_append (GTK_BOX (text), top);
  gtk_box_append (GTK_BOX (text), make_label (message, NULL));
  if (why != NULL)
    gtk_box_append (GTK_BOX (text), make_label (why, "dim-label"));
  if (action != NULL)
    {
      /* Translators: a suggested remedy follows */
      suggestion = g_strdup_printf (_("Suggestion: %s"), action);
      gtk_box_append (GTK_BOX (text), make_label (suggestion, "quality-action"));
    }
  gtk_box_append (GTK_BOX (box), text);

  if (column != NULL)
    {
      GtkWidget *go = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (go, "dim-label");
      gtk_box_append (GTK_BOX (box), go);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), column != NULL);
  if (column != NULL)
    g_object_set_data_full (G_OBJECT (row), "orchard-column", g_strdup (column), g_free);

  return row;
}

/**
 * orchard_quality_panel_show:
 * @self: a panel
 * @table: (nullable): the table, whose reader notes are listed too
 * @profile: (nullable): its profile, or %NULL while it is computed
 */
void
orchard_quality_panel_show (OrchardQualityPanel *self,
                            OrchardTable        *table,
                            OrchardProfile      *profile)
{
  const char * const *notes;
  GtkWidget *child;

  g_return_if_fail (ORCHARD_IS_QUALITY_PANEL (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))))
    gtk_list_box_remove (self->list, child);
  self->n_items = 0;

  if (profile == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, table != NULL ? "computing" : "empty");
      return;
    }

  for (guint i = 0; i < orchard_profile_get_n_warnings (profile); i++)
    {
      const OrchardProfileWarning *warning = orchard_profile_get_warning (profile, i);
      const char *title, *why, *icon;

      describe (warning->code, &title, &why, &icon);
      gtk_list_box_append (self->list, make_row (icon, title, warning->column, warning->message,
                                                 why, warning->action));
      self->n_items++;
    }

  notes = table != NULL ? orchard_table_get_load_warnings (table) : NULL;
  for (guint i = 0; notes != NULL && notes[i] != NULL; i++)
    {
      gtk_list_box_append (self->list,
                           make_row ("dialog-information-symbolic", _("Reading note"), NULL,
                                     notes[i], _("The reader decided this for you while opening the file."),
                                     NULL));
      self->n_items++;
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_items > 0 ? "list" : "empty");
}

guint
orchard_quality_panel_get_n_items (OrchardQualityPanel *self)
{
  g_return_val_if_fail (ORCHARD_IS_QUALITY_PANEL (self), 0);
  return self->n_items;
}

/**
 * orchard_quality_panel_get_list:
 *
 * Returns: (transfer none): the list of warnings
 */
GtkListBox *
orchard_quality_panel_get_list (OrchardQualityPanel *self)
{
  g_return_val_if_fail (ORCHARD_IS_QUALITY_PANEL (self), NULL);
  return self->list;
}

static void
row_activated_cb (OrchardQualityPanel *self,
                  GtkListBoxRow       *row,
                  GtkListBox          *list)
{
  const char *column = g_object_get_data (G_OBJECT (row), "orchard-column");

  if (column != NULL)
    g_signal_emit (self, signals[COLUMN_ACTIVATED], 0, column);
}

static void
orchard_quality_panel_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), ORCHARD_TYPE_QUALITY_PANEL);

  G_OBJECT_CLASS (orchard_quality_panel_parent_class)->dispose (object);
}

static void
orchard_quality_panel_class_init (OrchardQualityPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_quality_panel_dispose;

  /**
   * OrchardQualityPanel::column-activated:
   * @self: the panel
   * @column: the name of the column the warning is about
   *
   * The user chose a warning about one column.
   */
  signals[COLUMN_ACTIVATED] =
    g_signal_new ("column-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-quality-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "qualitypanel");
  gtk_widget_class_bind_template_child (widget_class, OrchardQualityPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardQualityPanel, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
orchard_quality_panel_init (OrchardQualityPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
