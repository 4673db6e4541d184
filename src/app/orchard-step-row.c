/* orchard-step-row.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-prep-labels.h"
#include "orchard-step-row.h"

/**
 * OrchardStepRow:
 *
 * A step of the pipeline on the Prepare page: its name, what it does, and,
 * expanded, a form of its options. The form is built from the step's
 * GParamSpecs (nick as title, blurb as subtitle, the range of numbers), so
 * a new option of a step shows up without a line here. Changing a control
 * sets the property on the step; the session sees the change and fits the
 * pipeline again.
 *
 * The buttons and Alt+↑/↓ activate `prepare.move-step` and
 * `prepare.remove-step` on the page with the row's position; the handle
 * drags the row onto another.
 */

/* Beyond these, spin buttons lose precision (a double holds every integer
 * up to 2⁵³) or become unusable. */
#define MAX_WHOLE  9007199254740992.0
#define MAX_NUMBER 1e12

struct _OrchardStepRow
{
  AdwExpanderRow  parent_instance;

  OrchardStep    *step;
  guint           position;
  guint           n_steps;
  char           *description;
  GHashTable     *controls;       /* option name → the widget that edits it */
  GPtrArray      *candidates;     /* char *: columns the "columns" option offers */
  GPtrArray      *column_checks;  /* GtkCheckButton, while the picker is built */
  gboolean        updating;

  GtkImage       *handle;
  GtkLabel       *position_label;
  GtkImage       *error_icon;
};

G_DEFINE_FINAL_TYPE (OrchardStepRow, orchard_step_row, ADW_TYPE_EXPANDER_ROW)

/* Which kinds of column a step's "columns" option can name. */
static guint
step_kinds (const char *id)
{
  static const struct {
    const char *id;
    guint       kinds;
  } kinds[] = {
    { "datetime", 1 << ORCHARD_COLUMN_KIND_DATETIME },
    { "impute", 1 << ORCHARD_COLUMN_KIND_NUMERIC },
    { "outliers", 1 << ORCHARD_COLUMN_KIND_NUMERIC },
    { "scale", 1 << ORCHARD_COLUMN_KIND_NUMERIC },
    { "impute-categorical", 1 << ORCHARD_COLUMN_KIND_CATEGORICAL },
    { "one-hot", 1 << ORCHARD_COLUMN_KIND_CATEGORICAL },
    { "ordinal", 1 << ORCHARD_COLUMN_KIND_CATEGORICAL },
    { "target-encode", 1 << ORCHARD_COLUMN_KIND_CATEGORICAL },
    { "select", 1 << ORCHARD_COLUMN_KIND_NUMERIC | 1 << ORCHARD_COLUMN_KIND_CATEGORICAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].id, id))
      return kinds[i].kinds;

  return G_MAXUINT;
}

static GParamSpec *
find_option (OrchardStepRow *self,
             const char     *name)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (self->step), name);
}

static GParamSpec *
control_pspec (GtkWidget *control)
{
  return g_object_get_data (G_OBJECT (control), "orchard-option");
}

static void
register_control (OrchardStepRow *self,
                  GParamSpec     *pspec,
                  GtkWidget      *control)
{
  g_object_set_data (G_OBJECT (control), "orchard-option", pspec);
  g_hash_table_insert (self->controls, (gpointer) g_param_spec_get_name (pspec), control);
}

static void
set_row_text (GtkWidget  *row,
              GParamSpec *pspec)
{
  /* Blurbs are plain text ("Q1 − k·IQR"), never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_param_spec_get_nick (pspec));
  if (ADW_IS_ACTION_ROW (row))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_param_spec_get_blurb (pspec));
}

/* ---- the description ------------------------------------------------- */

static void
update_title (OrchardStepRow *self)
{
  g_autofree char *described = NULL;
  const char *title = orchard_step_id_get_title (orchard_step_get_id (self->step));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  if (self->description == NULL)
    described = orchard_step_describe (self->step);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 self->description != NULL ? self->description : described);
}

/* ---- enum options ---------------------------------------------------- */

static void
enum_selected_cb (AdwComboRow    *row,
                  GParamSpec     *notify_pspec,
                  OrchardStepRow *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (row));
  GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating || selected >= klass->n_values)
    return;

  g_object_set (self->step, g_param_spec_get_name (pspec), klass->values[selected].value, NULL);
}

static GtkWidget *
make_enum_row (OrchardStepRow *self,
               GParamSpec     *pspec)
{
  GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < klass->n_values; i++)
    gtk_string_list_append (labels, orchard_prep_enum_label (G_PARAM_SPEC_VALUE_TYPE (pspec),
                                                             klass->values[i].value_nick));

  set_row_text (row, pspec);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  register_control (self, pspec, row);
  g_signal_connect (row, "notify::selected", G_CALLBACK (enum_selected_cb), self);

  return row;
}

/* ---- flags options --------------------------------------------------- */

static void
flag_toggled_cb (GtkToggleButton *button,
                 OrchardStepRow  *self)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (button), "orchard-flags-box");
  GParamSpec *pspec = control_pspec (box);
  guint flags = 0;

  if (self->updating)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (toggle)))
        flags |= GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "orchard-flag"));
    }

  g_object_set (self->step, g_param_spec_get_name (pspec), flags, NULL);
}

static GtkWidget *
make_flags_row (OrchardStepRow *self,
                GParamSpec     *pspec)
{
  GFlagsClass *klass = G_PARAM_SPEC_FLAGS (pspec)->flags_class;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *title = gtk_label_new (g_param_spec_get_nick (pspec));
  GtkWidget *subtitle = gtk_label_new (g_param_spec_get_blurb (pspec));
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  gtk_widget_set_margin_top (flow, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (flow), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_param_spec_get_nick (pspec), -1);

  for (guint i = 0; i < klass->n_values; i++)
    {
      const GFlagsValue *value = &klass->values[i];
      GtkWidget *toggle;

      /* Only single flags: combinations ("all") are for the spec. */
      if (value->value == 0 || (value->value & (value->value - 1)) != 0)
        continue;

      toggle = gtk_toggle_button_new_with_label (orchard_prep_enum_label (G_PARAM_SPEC_VALUE_TYPE (pspec),
                                                                          value->value_nick));
      g_object_set_data (G_OBJECT (toggle), "orchard-flag", GUINT_TO_POINTER (value->value));
      g_object_set_data (G_OBJECT (toggle), "orchard-flags-box", flow);
      g_signal_connect (toggle, "toggled", G_CALLBACK (flag_toggled_cb), self);
      gtk_flow_box_append (GTK_FLOW_BOX (flow), toggle);
    }

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_box_append (GTK_BOX (box), flow);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  register_control (self, pspec, flow);

  return row;
}

/* ---- numbers and switches -------------------------------------------- */

static void
number_changed_cb (GtkSpinButton  *spin,
                   OrchardStepRow *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (spin));
  g_auto(GValue) value = G_VALUE_INIT;
  double number = gtk_spin_button_get_value (spin);

  if (self->updating)
    return;

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_DOUBLE:
      g_value_set_double (&value, number);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (&value, (guint) number);
      break;
    case G_TYPE_INT:
      g_value_set_int (&value, (int) number);
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (&value, (guint64) number);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (&value, (gint64) number);
      break;
    default:
      g_assert_not_reached ();
    }

  g_object_set_property (G_OBJECT (self->step), g_param_spec_get_name (pspec), &value);
}

static void
number_range (GParamSpec *pspec,
              double     *lower,
              double     *upper,
              gboolean   *whole)
{
  *whole = TRUE;

  if (G_IS_PARAM_SPEC_DOUBLE (pspec))
    {
      *lower = G_PARAM_SPEC_DOUBLE (pspec)->minimum;
      *upper = G_PARAM_SPEC_DOUBLE (pspec)->maximum;
      *whole = FALSE;
    }
  else if (G_IS_PARAM_SPEC_UINT (pspec))
    {
      *lower = G_PARAM_SPEC_UINT (pspec)->minimum;
      *upper = G_PARAM_SPEC_UINT (pspec)->maximum;
    }
  else if (G_IS_PARAM_SPEC_INT (pspec))
    {
      *lower = G_PARAM_SPEC_INT (pspec)->minimum;
      *upper = G_PARAM_SPEC_INT (pspec)->maximum;
    }
  else if (G_IS_PARAM_SPEC_UINT64 (pspec))
    {
      *lower = (double) G_PARAM_SPEC_UINT64 (pspec)->minimum;
      *upper = (double) G_PARAM_SPEC_UINT64 (pspec)->maximum;
    }
  else
    {
      *lower = (double) G_PARAM_SPEC_INT64 (pspec)->minimum;
      *upper = (double) G_PARAM_SPEC_INT64 (pspec)->maximum;
    }

  if (*whole)
    {
      *lower = MAX (*lower, -MAX_WHOLE);
      *upper = MIN (*upper, MAX_WHOLE);
    }
  else
    {
      *lower = MAX (*lower, -MAX_NUMBER);
      *upper = MIN (*upper, MAX_NUMBER);
    }
}

static GtkWidget *
make_number_row (OrchardStepRow *self,
                 GParamSpec     *pspec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkAdjustment *adjustment;
  GtkWidget *spin;
  double lower, upper, step;
  gboolean whole;
  guint digits;

  number_range (pspec, &lower, &upper, &whole);
  if (whole)
    {
      step = 1.0;
      digits = 0;
    }
  else if (upper - lower <= 1.0)
    {
      /* Shares and quantiles. */
      step = 0.01;
      digits = 3;
    }
  else
    {
      step = upper - lower <= 100.0 ? 0.1 : 1.0;
      digits = 3;
    }

  adjustment = gtk_adjustment_new (lower, lower, upper, step, step * 10, 0);
  spin = gtk_spin_button_new (adjustment, step, digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_param_spec_get_nick (pspec), -1);

  set_row_text (row, pspec);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  register_control (self, pspec, spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (number_changed_cb), self);

  return row;
}

static void
switch_changed_cb (GtkSwitch      *toggle,
                   GParamSpec     *notify_pspec,
                   OrchardStepRow *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (toggle));

  if (!self->updating)
    g_object_set (self->step, g_param_spec_get_name (pspec), gtk_switch_get_active (toggle), NULL);
}

static GtkWidget *
make_switch_row (OrchardStepRow *self,
                 GParamSpec     *pspec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  set_row_text (row, pspec);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  register_control (self, pspec, toggle);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (switch_changed_cb), self);

  return row;
}

/* ---- text ------------------------------------------------------------ */

static void
text_changed_cb (GtkEditable    *entry,
                 OrchardStepRow *self)
{
  GParamSpec *pspec = control_pspec (GTK_WIDGET (entry));

  if (!self->updating)
    g_object_set (self->step, g_param_spec_get_name (pspec), gtk_editable_get_text (entry), NULL);
}

static GtkWidget *
make_text_row (OrchardStepRow *self,
               GParamSpec     *pspec)
{
  GtkWidget *row = adw_entry_row_new ();

  set_row_text (row, pspec);
  gtk_widget_set_tooltip_text (row, g_param_spec_get_blurb (pspec));
  register_control (self, pspec, row);
  g_signal_connect (row, "changed", G_CALLBACK (text_changed_cb), self);

  return row;
}

/* ---- columns --------------------------------------------------------- */

static char *
columns_summary (const char * const *columns)
{
  if (columns == NULL || columns[0] == NULL)
    return g_strdup (_("Every column of the kinds this step handles"));

  /* Translators: the separator of a list of column names */
  return g_strjoinv (C_("list", ", "), (char **) columns);
}

static void
column_toggled_cb (GtkCheckButton *check,
                   OrchardStepRow *self)
{
  GtkWidget *control = g_object_get_data (G_OBJECT (check), "orchard-columns-row");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) columns = NULL;

  if (self->updating)
    return;

  for (guint i = 0; i < self->column_checks->len; i++)
    {
      GtkCheckButton *item = g_ptr_array_index (self->column_checks, i);

      if (gtk_check_button_get_active (item))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (item), "orchard-column"));
    }

  columns = g_strv_builder_end (builder);
  g_object_set (self->step, g_param_spec_get_name (control_pspec (control)),
                columns[0] != NULL ? columns : NULL, NULL);
}

/* The picker lists the columns the step can work on, as of the last fit,
 * and any it names that are not among them (so they can be unchecked). */
static void
columns_popover_show_cb (GtkPopover     *popover,
                         OrchardStepRow *self)
{
  GtkWidget *control = g_object_get_data (G_OBJECT (popover), "orchard-columns-row");
  GParamSpec *pspec = control_pspec (control);
  g_auto(GStrv) chosen = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *hint = gtk_label_new (_("None checked: every column of the kinds this step handles"));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  g_object_get (self->step, g_param_spec_get_name (pspec), &chosen, NULL);

  for (guint i = 0; i < self->candidates->len; i++)
    g_ptr_array_add (names, g_ptr_array_index (self->candidates, i));
  for (guint i = 0; chosen != NULL && chosen[i] != NULL; i++)
    if (!g_ptr_array_find_with_equal_func (self->candidates, chosen[i], g_str_equal, NULL))
      g_ptr_array_add (names, chosen[i]);

  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 32);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_margin_bottom (hint, 6);
  gtk_box_append (GTK_BOX (box), hint);

  self->updating = TRUE;
  g_ptr_array_set_size (self->column_checks, 0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      GtkWidget *check = gtk_check_button_new_with_label (name);

      g_object_set_data_full (G_OBJECT (check), "orchard-column", g_strdup (name), g_free);
      g_object_set_data (G_OBJECT (check), "orchard-columns-row", control);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   chosen != NULL && g_strv_contains ((const char * const *) chosen, name));
      g_signal_connect (check, "toggled", G_CALLBACK (column_toggled_cb), self);
      gtk_box_append (GTK_BOX (list), check);
      g_ptr_array_add (self->column_checks, check);
    }
  self->updating = FALSE;

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (popover, box);
}

static void
columns_popover_closed_cb (GtkPopover     *popover,
                           OrchardStepRow *self)
{
  g_ptr_array_set_size (self->column_checks, 0);
}

static GtkWidget *
make_columns_row (OrchardStepRow *self,
                  GParamSpec     *pspec)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  set_row_text (row, pspec);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Choose…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  g_param_spec_get_nick (pspec), -1);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  g_object_set_data (G_OBJECT (popover), "orchard-columns-row", row);
  g_signal_connect (popover, "show", G_CALLBACK (columns_popover_show_cb), self);
  g_signal_connect (popover, "closed", G_CALLBACK (columns_popover_closed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  register_control (self, pspec, row);

  return row;
}

/* ---- step to form ---------------------------------------------------- */

static void
refresh_control (OrchardStepRow *self,
                 GParamSpec     *pspec)
{
  GtkWidget *control = g_hash_table_lookup (self->controls, g_param_spec_get_name (pspec));
  g_auto(GValue) value = G_VALUE_INIT;
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (control == NULL)
    return;

  g_value_init (&value, type);
  g_object_get_property (G_OBJECT (self->step), g_param_spec_get_name (pspec), &value);

  self->updating = TRUE;

  if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      for (guint i = 0; i < klass->n_values; i++)
        if (klass->values[i].value == g_value_get_enum (&value))
          adw_combo_row_set_selected (ADW_COMBO_ROW (control), i);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (control); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *toggle = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
          guint flag = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toggle), "orchard-flag"));

          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle),
                                        (g_value_get_flags (&value) & flag) != 0);
        }
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      gtk_switch_set_active (GTK_SWITCH (control), g_value_get_boolean (&value));
    }
  else if (type == G_TYPE_STRING)
    {
      const char *text = g_value_get_string (&value);

      /* Rewriting the same text would move the cursor while typing. */
      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (control)), text != NULL ? text : "") != 0)
        gtk_editable_set_text (GTK_EDITABLE (control), text != NULL ? text : "");
    }
  else if (type == G_TYPE_STRV)
    {
      g_autofree char *summary = columns_summary (g_value_get_boxed (&value));

      adw_action_row_set_subtitle (ADW_ACTION_ROW (control), summary);
    }
  else
    {
      g_auto(GValue) number = G_VALUE_INIT;

      g_value_init (&number, G_TYPE_DOUBLE);
      g_value_transform (&value, &number);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (control), g_value_get_double (&number));
    }

  self->updating = FALSE;
}

static void
step_notify_cb (OrchardStepRow *self,
                GParamSpec     *pspec,
                OrchardStep    *step)
{
  refresh_control (self, pspec);

  /* What the last fit described no longer holds. */
  g_clear_pointer (&self->description, g_free);
  update_title (self);
}

static GtkWidget *
make_option_row (OrchardStepRow *self,
                 GParamSpec     *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (G_TYPE_IS_ENUM (type))
    return make_enum_row (self, pspec);
  if (G_TYPE_IS_FLAGS (type))
    return make_flags_row (self, pspec);
  if (type == G_TYPE_BOOLEAN)
    return make_switch_row (self, pspec);
  if (type == G_TYPE_STRING)
    return make_text_row (self, pspec);
  if (type == G_TYPE_STRV)
    return make_columns_row (self, pspec);
  if (type == G_TYPE_DOUBLE || type == G_TYPE_UINT || type == G_TYPE_INT ||
      type == G_TYPE_UINT64 || type == G_TYPE_INT64)
    return make_number_row (self, pspec);

  g_critical ("Step “%s”: option “%s” has a type the form cannot edit (%s)",
              orchard_step_get_id (self->step), g_param_spec_get_name (pspec), g_type_name (type));
  return NULL;
}

static void
build_form (OrchardStepRow *self)
{
  guint n_specs;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (self->step),
                                                                  &n_specs);
  guint n_rows = 0;

  /* The options are exactly what the pipeline spec serialises: every
   * read-write property that is not construct-only. */
  for (guint i = 0; i < n_specs; i++)
    {
      GtkWidget *row;

      if ((specs[i]->flags & G_PARAM_READWRITE) != G_PARAM_READWRITE ||
          (specs[i]->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      row = make_option_row (self, specs[i]);
      if (row == NULL)
        continue;

      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      refresh_control (self, specs[i]);
      n_rows++;
    }

  if (n_rows == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("This step has no options"));
      gtk_widget_add_css_class (row, "dim-label");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
    }
}

/* ---- moving ------------------------------------------------------------ */

static void
move_up_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  OrchardStepRow *self = ORCHARD_STEP_ROW (widget);

  if (self->position > 0)
    gtk_widget_activate_action (widget, "prepare.move-step", "(uu)", self->position,
                                self->position - 1);
}

static void
move_down_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  OrchardStepRow *self = ORCHARD_STEP_ROW (widget);

  if (self->position + 1 < self->n_steps)
    gtk_widget_activate_action (widget, "prepare.move-step", "(uu)", self->position,
                                self->position + 1);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_widget_activate_action (widget, "prepare.remove-step", "u",
                              ORCHARD_STEP_ROW (widget)->position);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource  *source,
                 double          x,
                 double          y,
                 OrchardStepRow *self)
{
  return gdk_content_provider_new_typed (ORCHARD_TYPE_STEP_ROW, self);
}

static void
drag_begin_cb (GtkDragSource  *source,
               GdkDrag        *drag,
               OrchardStepRow *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         OrchardStepRow *self)
{
  OrchardStepRow *source;

  if (!G_VALUE_HOLDS (value, ORCHARD_TYPE_STEP_ROW))
    return FALSE;

  source = g_value_get_object (value);
  if (source == self)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "prepare.move-step", "(uu)", source->position,
                              self->position);
  return TRUE;
}

/* ---- GObject ----------------------------------------------------------- */

static void
orchard_step_row_dispose (GObject *object)
{
  OrchardStepRow *self = (OrchardStepRow *)object;

  if (self->step != NULL)
    g_signal_handlers_disconnect_by_data (self->step, self);
  g_clear_object (&self->step);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_STEP_ROW);

  G_OBJECT_CLASS (orchard_step_row_parent_class)->dispose (object);
}

static void
orchard_step_row_finalize (GObject *object)
{
  OrchardStepRow *self = (OrchardStepRow *)object;

  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->controls, g_hash_table_unref);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->column_checks, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_step_row_parent_class)->finalize (object);
}

static void
orchard_step_row_class_init (OrchardStepRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_step_row_dispose;
  object_class->finalize = orchard_step_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-step-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OrchardStepRow, handle);
  gtk_widget_class_bind_template_child (widget_class, OrchardStepRow, position_label);
  gtk_widget_class_bind_template_child (widget_class, OrchardStepRow, error_icon);

  gtk_widget_class_install_action (widget_class, "step.move-up", NULL, move_up_action);
  gtk_widget_class_install_action (widget_class, "step.move-down", NULL, move_down_action);
  gtk_widget_class_install_action (widget_class, "step.remove", NULL, remove_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "step.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Up, GDK_ALT_MASK, "step.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "step.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Down, GDK_ALT_MASK, "step.move-down", NULL);
}

static void
orchard_step_row_init (OrchardStepRow *self)
{
  GtkDragSource *source;
  GtkDropTarget *target;

  self->controls = g_hash_table_new (g_str_hash, g_str_equal);
  self->candidates = g_ptr_array_new_with_free_func (g_free);
  self->column_checks = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->handle), "grab");

  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->handle), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (ORCHARD_TYPE_STEP_ROW, GDK_ACTION_MOVE);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * orchard_step_row_new:
 * @step: the step to show and edit
 *
 * Returns: (transfer floating): a new row
 */
GtkWidget *
orchard_step_row_new (OrchardStep *step)
{
  OrchardStepRow *self;

  g_return_val_if_fail (ORCHARD_IS_STEP (step), NULL);

  self = g_object_new (ORCHARD_TYPE_STEP_ROW, NULL);
  self->step = g_object_ref (step);
  build_form (self);
  update_title (self);
  g_signal_connect_object (step, "notify", G_CALLBACK (step_notify_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * orchard_step_row_get_step:
 *
 * Returns: (transfer none): the step the row edits
 */
OrchardStep *
orchard_step_row_get_step (OrchardStepRow *self)
{
  g_return_val_if_fail (ORCHARD_IS_STEP_ROW (self), NULL);
  return self->step;
}

guint
orchard_step_row_get_position (OrchardStepRow *self)
{
  g_return_val_if_fail (ORCHARD_IS_STEP_ROW (self), 0);
  return self->position;
}

/**
 * orchard_step_row_set_position:
 * @self: a row
 * @position: the step's position in the pipeline
 * @n_steps: how many steps the pipeline has
 *
 * Numbers the row and enables moving it where there is room.
 */
void
orchard_step_row_set_position (OrchardStepRow *self,
                               guint           position,
                               guint           n_steps)
{
  char text[16];

  g_return_if_fail (ORCHARD_IS_STEP_ROW (self));

  self->position = position;
  self->n_steps = n_steps;
  g_snprintf (text, sizeof text, "%u", position + 1);
  gtk_label_set_label (self->position_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.move-up", position > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "step.move-down", position + 1 < n_steps);
}

/**
 * orchard_step_row_set_description:
 * @self: a row
 * @description: (nullable): what the fitted step did, or %NULL for the
 *   step's own description
 *
 * A fitted step describes itself with its numbers ("Median-impute 5
 * columns"); the row shows that until an option changes.
 */
void
orchard_step_row_set_description (OrchardStepRow *self,
                                  const char     *description)
{
  g_return_if_fail (ORCHARD_IS_STEP_ROW (self));

  g_free (self->description);
  self->description = g_strdup (description);
  update_title (self);
}

/**
 * orchard_step_row_set_failed:
 * @self: a row
 * @failed: whether fitting stopped at this step
 */
void
orchard_step_row_set_failed (OrchardStepRow *self,
                             gboolean        failed)
{
  g_return_if_fail (ORCHARD_IS_STEP_ROW (self));

  gtk_widget_set_visible (GTK_WIDGET (self->error_icon), failed);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self), "failed-step");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "failed-step");
}

/**
 * orchard_step_row_set_inputs:
 * @self: a row
 * @columns: (array length=n_columns): the feature columns that reach the
 *   step
 * @n_columns: how many
 *
 * Sets the columns the "columns" option offers: those of @columns of the
 * kinds the step works on.
 */
void
orchard_step_row_set_inputs (OrchardStepRow              *self,
                             const OrchardPreparedColumn *columns,
                             guint                        n_columns)
{
  guint kinds;

  g_return_if_fail (ORCHARD_IS_STEP_ROW (self));

  kinds = step_kinds (orchard_step_get_id (self->step));
  g_ptr_array_set_size (self->candidates, 0);
  for (guint i = 0; i < n_columns; i++)
    if ((kinds & (1u << columns[i].kind)) != 0)
      g_ptr_array_add (self->candidates, g_strdup (columns[i].name));
}

/**
 * orchard_step_row_get_option_widget:
 * @self: a row
 * @option: the name of an option of the step
 *
 * Returns: (transfer none) (nullable): what edits @option: an
 *   #AdwComboRow (choices), #GtkSpinButton (numbers), #GtkSwitch, an
 *   #AdwEntryRow (text), a #GtkFlowBox of toggle buttons (flags) or an
 *   #AdwActionRow with a column picker (column lists)
 */
GtkWidget *
orchard_step_row_get_option_widget (OrchardStepRow *self,
                                    const char     *option)
{
  g_return_val_if_fail (ORCHARD_IS_STEP_ROW (self), NULL);
  g_return_val_if_fail (option != NULL, NULL);

  if (find_option (self, option) == NULL)
    return NULL;

  return g_hash_table_lookup (self->controls, option);
}
