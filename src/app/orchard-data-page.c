/* orchard-data-page.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-column-inspector.h"
#include "orchard-data-page.h"
#include "orchard-dataset-list.h"
#include "orchard-quality-panel.h"
#include "orchard-row-model.h"

struct _OrchardDataPage
{
  GtkWidget         parent_instance;

  OrchardSession   *session;
  OrchardRowModel  *rows;
  /* The columns the table view shows; a table that differs only in roles
   * shares them, and then the view is left alone. */
  GPtrArray        *shown_columns;
  GPtrArray        *role_dropdowns;
  OrchardTable     *wanted_table;
  guint             table_view_id;
  gboolean          view_stale;
  int               char_width;
  int               selected_column;
  gboolean          updating;

  /* The Columns and Quality pages are only brought up to date while they
   * are shown: building their widgets for a table nobody looks at would
   * cost the main loop time right when a large file finishes loading. */
  guint             list_dirty : 1;
  guint             roles_dirty : 1;
  guint             subtitles_dirty : 1;
  guint             inspector_dirty : 1;
  guint             quality_dirty : 1;

  GtkStack         *stack;
  OrchardDatasetList *project_datasets;
  AdwViewStack     *view_stack;
  GtkColumnView    *column_view;
  AdwLeaflet       *columns_leaflet;
  GtkListBox       *column_list;
  OrchardColumnInspector *inspector;
  OrchardQualityPanel    *quality_panel;
};

G_DEFINE_FINAL_TYPE (OrchardDataPage, orchard_data_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SELECTED_COLUMN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
kind_label (OrchardColumnKind kind)
{
  switch (kind)
    {
    case ORCHARD_COLUMN_KIND_NUMERIC:
      return _("Numeric");
    case ORCHARD_COLUMN_KIND_CATEGORICAL:
      return _("Categorical");
    case ORCHARD_COLUMN_KIND_DATETIME:
      return _("Date and time");
    case ORCHARD_COLUMN_KIND_TEXT:
      return _("Text");
    default:
      g_assert_not_reached ();
    }
}

/* In the order of OrchardColumnRole. */
static const char * const role_labels[] = {
  N_("Feature"),
  N_("Target"),
  N_("Ignore"),
  N_("Time"),
  N_("ID"),
  NULL
};

/* ---- table view ------------------------------------------------------ */

typedef struct
{
  OrchardColumn *column;   /* NULL: the row-number column */
} CellBinding;

static void
cell_binding_free (gpointer data,
                   GClosure *closure)
{
  CellBinding *binding = data;

  g_clear_pointer (&binding->column, orchard_column_unref);
  g_free (binding);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               CellBinding              *binding)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);

  if (binding->column == NULL)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "dim-label");
      gtk_widget_add_css_class (inscription, "numeric");
    }
  else if (orchard_column_get_kind (binding->column) == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "numeric");
    }

  gtk_list_item_set_child (item, inscription);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CellBinding              *binding)
{
  GtkWidget *inscription = gtk_list_item_get_child (item);
  OrchardRow *row = gtk_list_item_get_item (item);
  guint index = orchard_row_get_index (row);
  g_autofree char *text = NULL;

  if (binding->column == NULL)
    {
      char buf[32];

      g_snprintf (buf, sizeof buf, "%u", index + 1);
      gtk_inscription_set_text (GTK_INSCRIPTION (inscription), buf);
      return;
    }

  if (orchard_column_is_missing (binding->column, index))
    {
      /* Translators: shown in a table cell whose value is missing */
      gtk_inscription_set_text (GTK_INSCRIPTION (inscription), C_("value", "—"));
      gtk_widget_add_css_class (inscription, "missing");
      return;
    }

  gtk_widget_remove_css_class (inscription, "missing");
  text = orchard_column_format_value (binding->column, index);
  gtk_inscription_set_text (GTK_INSCRIPTION (inscription), text);
}

static int
estimate_column_chars (OrchardColumn *column,
                       gsize          n_rows)
{
  int chars = g_utf8_strlen (orchard_column_get_name (column), -1) + 2;
  gsize step = MAX (n_rows / 200, 1);

  /* A fixed width measured on a sample keeps scrolling from re-measuring
   * every cell and the columns from jumping as rows scroll by. */
  for (gsize r = 0; r < n_rows; r += step)
    {
      g_autofree char *text = orchard_column_format_value (column, r);
      chars = MAX (chars, (int) g_utf8_strlen (text, -1));
    }

  return CLAMP (chars, 4, 32);
}

static GtkColumnViewColumn *
make_view_column (OrchardColumn *column,
                  gsize          n_rows,
                  int            char_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;
  CellBinding *binding = g_new0 (CellBinding, 1);
  int chars;

  binding->column = column != NULL ? orchard_column_ref (column) : NULL;
  g_signal_connect_data (factory, "setup", G_CALLBACK (cell_setup_cb), binding,
                         cell_binding_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), binding);

  if (column != NULL)
    {
      view_column = gtk_column_view_column_new (orchard_column_get_name (column), factory);
      chars = estimate_column_chars (column, n_rows);
      gtk_column_view_column_set_resizable (view_column, TRUE);
    }
  else
    {
      g_autofree char *last = g_strdup_printf ("%" G_GSIZE_FORMAT, n_rows);

      view_column = gtk_column_view_column_new ("#", factory);
      chars = MAX ((int) strlen (last), 2);
    }

  gtk_column_view_column_set_fixed_width (view_column, chars * char_width + 24);

  return view_column;
}

static gboolean
same_columns (GPtrArray    *shown,
              OrchardTable *table)
{
  if (shown == NULL || table == NULL)
    return shown == NULL && table == NULL;

  if (shown->len != orchard_table_get_n_columns (table))
    return FALSE;

  for (guint i = 0; i < shown->len; i++)
    if (g_ptr_array_index (shown, i) != orchard_table_get_column (table, i))
      return FALSE;

  return TRUE;
}

/* Every cell of the visible rows is a widget, and GtkColumnView makes or
 * drops a column's cells all at once. Swapping tables therefore goes one
 * column per idle: the old columns leave, then the new ones arrive, with
 * frames in between, so that a wide table never freezes the window
 * (docs/app.md has the measurements). */
static gboolean
table_view_step_cb (gpointer data)
{
  OrchardDataPage *self = data;
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = g_list_model_get_n_items (columns);
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  OrchardColumn *column;

  if (self->view_stale)
    {
      if (n > 1)
        {
          view_column = g_list_model_get_item (columns, n - 1);
          gtk_column_view_remove_column (self->column_view, view_column);
          return G_SOURCE_CONTINUE;
        }

      orchard_row_model_set_table (self->rows, NULL);
      if (n == 1)
        {
          view_column = g_list_model_get_item (columns, 0);
          gtk_column_view_remove_column (self->column_view, view_column);
          g_clear_object (&view_column);
        }
      self->view_stale = FALSE;

      if (self->wanted_table == NULL)
        {
          self->table_view_id = 0;
          return G_SOURCE_REMOVE;
        }

      view_column = make_view_column (NULL, orchard_table_get_n_rows (self->wanted_table),
                                      self->char_width);
      gtk_column_view_append_column (self->column_view, view_column);
      orchard_row_model_set_table (self->rows, self->wanted_table);

      return G_SOURCE_CONTINUE;
    }

  if (self->wanted_table != NULL && n - 1 < orchard_table_get_n_columns (self->wanted_table))
    {
      column = orchard_table_get_column (self->wanted_table, n - 1);
      view_column = make_view_column (column, orchard_column_get_n_rows (column), self->char_width);
      gtk_column_view_append_column (self->column_view, view_column);

      return G_SOURCE_CONTINUE;
    }

  self->table_view_id = 0;
  return G_SOURCE_REMOVE;
}

static void
rebuild_table_view (OrchardDataPage *self,
                    OrchardTable    *table)
{
  PangoContext *context;
  PangoFontMetrics *metrics;

  g_set_object (&self->wanted_table, table);
  g_clear_pointer (&self->shown_columns, g_ptr_array_unref);
  self->view_stale = TRUE;

  if (table != NULL)
    {
      self->shown_columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      for (guint i = 0; i < orchard_table_get_n_columns (table); i++)
        g_ptr_array_add (self->shown_columns, orchard_column_ref (orchard_table_get_column (table, i)));
    }

  context = gtk_widget_get_pango_context (GTK_WIDGET (self->column_view));
  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = PANGO_PIXELS_CEIL (pango_font_metrics_get_approximate_digit_width (metrics));
  pango_font_metrics_unref (metrics);

  if (self->table_view_id == 0)
    self->table_view_id = g_idle_add_full (G_PRIORITY_LOW, table_view_step_cb, self, NULL);
}

/* ---- column list ----------------------------------------------------- */

static void
role_selected_cb (GtkDropDown     *dropdown,
                  GParamSpec      *pspec,
                  OrchardDataPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "orchard-column"));
  guint role = gtk_drop_down_get_selected (dropdown);

  if (self->updating || self->session == NULL || role == GTK_INVALID_LIST_POSITION)
    return;

  orchard_session_set_role (self->session, index, (OrchardColumnRole) role);
}

static GtkWidget *
make_column_row (OrchardDataPage *self,
                 OrchardTable    *table,
                 guint            index)
{
  OrchardColumn *column = orchard_table_get_column (table, index);
  g_autofree char *label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkStringList *roles = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; role_labels[i] != NULL; i++)
    gtk_string_list_append (roles, _(role_labels[i]));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), orchard_column_get_name (column));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), kind_label (orchard_column_get_kind (column)));
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  dropdown = gtk_drop_down_new (G_LIST_MODEL (roles), NULL);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (dropdown, "flat");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), orchard_table_get_role (table, index));
  label = g_strdup_printf (_("Role of “%s”"), orchard_column_get_name (column));
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data (G_OBJECT (dropdown), "orchard-column", GUINT_TO_POINTER (index));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (role_selected_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
  g_ptr_array_add (self->role_dropdowns, dropdown);

  g_object_set_data (G_OBJECT (row), "orchard-column", GUINT_TO_POINTER (index));

  return row;
}

static void
rebuild_column_list (OrchardDataPage *self,
                     OrchardTable    *table)
{
  GtkWidget *child;

  self->updating = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->column_list))))
    gtk_list_box_remove (self->column_list, child);
  g_ptr_array_set_size (self->role_dropdowns, 0);

  if (table != NULL)
    for (guint i = 0; i < orchard_table_get_n_columns (table); i++)
      gtk_list_box_append (self->column_list, make_column_row (self, table, i));

  if (self->selected_column >= 0)
    gtk_list_box_select_row (self->column_list,
                             gtk_list_box_get_row_at_index (self->column_list, self->selected_column));

  self->updating = FALSE;
}

static void
update_roles (OrchardDataPage *self,
              OrchardTable    *table)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->role_dropdowns->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (self->role_dropdowns, i),
                                orchard_table_get_role (table, i));
  self->updating = FALSE;
}

static void
column_row_selected_cb (OrchardDataPage *self,
                        GtkListBoxRow   *row,
                        GtkListBox      *list)
{
  int index = -1;

  if (self->updating)
    return;

  if (row != NULL)
    index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "orchard-column"));

  if (index == self->selected_column)
    return;

  self->selected_column = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_COLUMN]);
}

static void
column_row_activated_cb (OrchardDataPage *self,
                         GtkListBoxRow   *row,
                         GtkListBox      *list)
{
  /* Folded, the inspector is a page of its own. */
  adw_leaflet_navigate (self->columns_leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* ---- inspector and quality ------------------------------------------ */

static char *
column_subtitle (OrchardColumn  *column,
                 OrchardProfile *profile)
{
  const char *kind = kind_label (orchard_column_get_kind (column));
  g_autofree char *count = NULL;
  int index = profile != NULL ? orchard_profile_find_column (profile, orchard_column_get_name (column)) : -1;
  const OrchardColumnProfile *cp;

  if (index < 0)
    return g_strdup (kind);

  cp = orchard_profile_get_column (profile, index);
  if (cp->missing == 0)
    return g_strdup (kind);

  count = g_strdup_printf ("%'" G_GSIZE_FORMAT, cp->missing);
  /* Translators: "Numeric · 2 missing" */
  return g_strdup_printf (_("%s · %s missing"), kind, count);
}

static void
update_column_subtitles (OrchardDataPage *self,
                         OrchardTable    *table,
                         OrchardProfile  *profile)
{
  GtkWidget *row;
  guint i = 0;

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->column_list));
       row != NULL && i < orchard_table_get_n_columns (table);
       row = gtk_widget_get_next_sibling (row), i++)
    {
      g_autofree char *subtitle = column_subtitle (orchard_table_get_column (table, i), profile);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
    }
}

static guint
count_quality_items (OrchardTable   *table,
                     OrchardProfile *profile)
{
  const char * const *notes = table != NULL ? orchard_table_get_load_warnings (table) : NULL;
  guint n = profile != NULL ? orchard_profile_get_n_warnings (profile) : 0;

  return n + (notes != NULL ? g_strv_length ((char **) notes) : 0);
}

static void
refresh (OrchardDataPage *self)
{
  OrchardTable *table = self->session ? orchard_session_get_table (self->session) : NULL;
  OrchardProfile *profile = self->session ? orchard_session_get_profile (self->session) : NULL;
  const char *visible = adw_view_stack_get_visible_child_name (self->view_stack);
  AdwViewStackPage *page;

  if (g_strcmp0 (visible, "columns") == 0)
    {
      if (self->list_dirty)
        {
          rebuild_column_list (self, table);
          self->list_dirty = self->roles_dirty = FALSE;
          self->subtitles_dirty = TRUE;
        }
      if (self->roles_dirty && table != NULL)
        update_roles (self, table);
      if (self->subtitles_dirty && table != NULL)
        update_column_subtitles (self, table, profile);
      if (self->inspector_dirty)
        orchard_column_inspector_show (self->inspector, table, profile, self->selected_column);
      self->roles_dirty = self->subtitles_dirty = self->inspector_dirty = FALSE;
    }
  else if (g_strcmp0 (visible, "quality") == 0 && self->quality_dirty)
    {
      orchard_quality_panel_show (self->quality_panel, table, profile);
      self->quality_dirty = FALSE;
    }

  page = adw_view_stack_get_page (self->view_stack, GTK_WIDGET (self->quality_panel));
  adw_view_stack_page_set_badge_number (page, count_quality_items (table, profile));
}

static void
inspector_role_chosen_cb (OrchardDataPage        *self,
                          guint                   column,
                          guint                   role,
                          OrchardColumnInspector *inspector)
{
  orchard_session_set_role (self->session, column, (OrchardColumnRole) role);
}

static void
inspector_kind_chosen_cb (OrchardDataPage        *self,
                          guint                   column,
                          guint                   kind,
                          OrchardColumnInspector *inspector)
{
  OrchardTable *table = orchard_session_get_table (self->session);
  const char *name = orchard_column_get_name (orchard_table_get_column (table, column));

  /* Tables are immutable and kinds are decided while reading: the window
   * reads the file again with this column's kind forced. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.set-kind", "(su)", name, kind);
}

static void
quality_column_activated_cb (OrchardDataPage     *self,
                             const char          *name,
                             OrchardQualityPanel *panel)
{
  OrchardTable *table = orchard_session_get_table (self->session);
  int index = table != NULL ? orchard_table_find_column (table, name) : -1;

  if (index < 0)
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "columns");
  orchard_data_page_select_column (self, index);
  adw_leaflet_navigate (self->columns_leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
profile_changed_cb (OrchardDataPage *self,
                    GParamSpec      *pspec,
                    OrchardSession  *session)
{
  self->subtitles_dirty = self->inspector_dirty = self->quality_dirty = TRUE;
  refresh (self);
}

/* ---- session --------------------------------------------------------- */

static void
table_changed_cb (OrchardDataPage *self,
                  GParamSpec      *pspec,
                  OrchardSession  *session)
{
  OrchardTable *table = orchard_session_get_table (session);

  gtk_stack_set_visible_child_name (self->stack, table != NULL ? "data" : "empty");

  if (!same_columns (self->shown_columns, table))
    {
      rebuild_table_view (self, table);
      self->list_dirty = self->quality_dirty = TRUE;
      self->selected_column = table != NULL && orchard_table_get_n_columns (table) > 0 ? 0 : -1;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_COLUMN]);
    }
  else
    {
      self->roles_dirty = TRUE;
    }

  self->inspector_dirty = TRUE;
  refresh (self);
}

static void
visible_page_changed_cb (OrchardDataPage *self)
{
  refresh (self);
}

static void
selected_column_changed_cb (OrchardDataPage *self)
{
  self->inspector_dirty = TRUE;
  refresh (self);
}

static void
orchard_data_page_dispose (GObject *object)
{
  OrchardDataPage *self = (OrchardDataPage *)object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->table_view_id, g_source_remove);
  g_clear_object (&self->wanted_table);

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_DATA_PAGE);

  g_clear_object (&self->rows);
  g_clear_pointer (&self->shown_columns, g_ptr_array_unref);
  g_clear_pointer (&self->role_dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_data_page_parent_class)->dispose (object);
}

static void
orchard_data_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrchardDataPage *self = ORCHARD_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SELECTED_COLUMN:
      g_value_set_int (value, self->selected_column);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_data_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrchardDataPage *self = ORCHARD_DATA_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      orchard_data_page_set_session (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_COLUMN:
      orchard_data_page_select_column (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  OrchardDataPage *self = ORCHARD_DATA_PAGE (widget);

  adw_leaflet_navigate (self->columns_leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
orchard_data_page_class_init (OrchardDataPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = orchard_data_page_dispose;
  object_class->get_property = orchard_data_page_get_property;
  object_class->set_property = orchard_data_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, ORCHARD_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_COLUMN] =
    g_param_spec_int ("selected-column", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (ORCHARD_TYPE_COLUMN_INSPECTOR);
  g_type_ensure (ORCHARD_TYPE_QUALITY_PANEL);
  g_type_ensure (ORCHARD_TYPE_DATASET_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-data-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datapage");

  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, project_datasets);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, columns_leaflet);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, column_list);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, inspector);
  gtk_widget_class_bind_template_child (widget_class, OrchardDataPage, quality_panel);
  gtk_widget_class_bind_template_callback (widget_class, quality_column_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_kind_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_role_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "data.back", NULL, back_action);
}

static void
orchard_data_page_init (OrchardDataPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  self->selected_column = -1;
  self->role_dropdowns = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = orchard_row_model_new ();
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  g_signal_connect_swapped (self, "notify::selected-column",
                            G_CALLBACK (selected_column_changed_cb), self);
  g_signal_connect_swapped (self->view_stack, "notify::visible-child",
                            G_CALLBACK (visible_page_changed_cb), self);
  self->inspector_dirty = self->quality_dirty = TRUE;
}

OrchardSession *
orchard_data_page_get_session (OrchardDataPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATA_PAGE (self), NULL);
  return self->session;
}

void
orchard_data_page_set_session (OrchardDataPage *self,
                               OrchardSession  *session)
{
  g_return_if_fail (ORCHARD_IS_DATA_PAGE (self));
  g_return_if_fail (session == NULL || ORCHARD_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_set_object (&self->session, session);
  orchard_dataset_list_set_session (self->project_datasets, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::table", G_CALLBACK (table_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::profile", G_CALLBACK (profile_changed_cb), self,
                               G_CONNECT_SWAPPED);
      table_changed_cb (self, NULL, session);
      profile_changed_cb (self, NULL, session);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * orchard_data_page_get_view_stack:
 *
 * Returns: (transfer none): the stack of Table, Columns and Quality, for
 *   the window's view switchers
 */
AdwViewStack *
orchard_data_page_get_view_stack (OrchardDataPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATA_PAGE (self), NULL);
  return self->view_stack;
}

/**
 * orchard_data_page_get_column_view:
 *
 * Returns: (transfer none): the table view; its first column numbers the rows
 */
GtkColumnView *
orchard_data_page_get_column_view (OrchardDataPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATA_PAGE (self), NULL);
  return self->column_view;
}

/**
 * orchard_data_page_resync:
 * @self: a data page
 *
 * Shows the session's table as it is again, after a change the user asked
 * for (a column's kind) could not be made.
 */
void
orchard_data_page_resync (OrchardDataPage *self)
{
  g_return_if_fail (ORCHARD_IS_DATA_PAGE (self));

  self->inspector_dirty = TRUE;
  refresh (self);
}

/**
 * orchard_data_page_get_busy:
 *
 * Returns: whether the table view is still swapping in the current table
 */
gboolean
orchard_data_page_get_busy (OrchardDataPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATA_PAGE (self), FALSE);
  return self->table_view_id != 0;
}

int
orchard_data_page_get_selected_column (OrchardDataPage *self)
{
  g_return_val_if_fail (ORCHARD_IS_DATA_PAGE (self), -1);
  return self->selected_column;
}

/**
 * orchard_data_page_select_column:
 * @self: a data page
 * @column: a column index of the session's table
 *
 * Shows @column in the inspector and selects it in the column list.
 */
void
orchard_data_page_select_column (OrchardDataPage *self,
                                 guint            column)
{
  OrchardTable *table;

  g_return_if_fail (ORCHARD_IS_DATA_PAGE (self));

  table = self->session != NULL ? orchard_session_get_table (self->session) : NULL;
  g_return_if_fail (table != NULL && column < orchard_table_get_n_columns (table));

  if (!self->list_dirty)
    {
      self->updating = TRUE;
      gtk_list_box_select_row (self->column_list, gtk_list_box_get_row_at_index (self->column_list, column));
      self->updating = FALSE;
    }

  if (self->selected_column != (int) column)
    {
      self->selected_column = column;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_COLUMN]);
    }
}
