/* orchard-preferences-window.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "orchard-preferences-window.h"

struct _OrchardPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *style_row;
  GtkSwitch            *delimiter_switch;
  AdwComboRow          *header_row;
  GtkSwitch            *empty_switch;
  AdwEntryRow          *tokens_row;
};

G_DEFINE_FINAL_TYPE (OrchardPreferencesWindow, orchard_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Combo rows list these in order; the settings store the names. */
static const char * const style_values[] = { "default", "light", "dark", NULL };
static const char * const header_values[] = { "auto", "present", "absent", NULL };

static gboolean
string_to_index (GValue   *value,
                 GVariant *variant,
                 gpointer  user_data)
{
  const char * const *values = user_data;
  const char *str = g_variant_get_string (variant, NULL);

  for (guint i = 0; values[i] != NULL; i++)
    if (g_str_equal (values[i], str))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  g_value_set_uint (value, 0);
  return TRUE;
}

static GVariant *
index_to_string (const GValue       *value,
                 const GVariantType *type,
                 gpointer            user_data)
{
  const char * const *values = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) values))
    return NULL;

  return g_variant_new_string (values[index]);
}

static void
load_tokens (OrchardPreferencesWindow *self)
{
  g_auto(GStrv) tokens = g_settings_get_strv (self->settings, "missing-tokens");
  g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;
  g_autofree char *text = NULL;
  gboolean empty = FALSE;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      if (tokens[i][0] == '\0')
        empty = TRUE;
      else
        g_strv_builder_add (shown, tokens[i]);
    }

  list = g_strv_builder_end (shown);
  text = g_strjoinv (", ", list);
  gtk_editable_set_text (GTK_EDITABLE (self->tokens_row), text);
  gtk_switch_set_active (self->empty_switch, empty);
}

static void
save_tokens (OrchardPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->tokens_row));
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tokens = NULL;

  /* The empty token has a switch of its own: an empty entry could not be
   * told from "no tokens" otherwise. */
  if (gtk_switch_get_active (self->empty_switch))
    g_strv_builder_add (builder, "");

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *token = g_strstrip (parts[i]);
      if (token[0] != '\0')
        g_strv_builder_add (builder, token);
    }

  tokens = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "missing-tokens", (const char * const *) tokens);
}

static void
tokens_apply_cb (OrchardPreferencesWindow *self)
{
  save_tokens (self);
}

static void
empty_switch_cb (OrchardPreferencesWindow *self)
{
  save_tokens (self);
}

static void
orchard_preferences_window_constructed (GObject *object)
{
  OrchardPreferencesWindow *self = (OrchardPreferencesWindow *)object;

  G_OBJECT_CLASS (orchard_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->style_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string,
                                (gpointer) style_values, NULL);
  g_settings_bind_with_mapping (self->settings, "header-row", self->header_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, string_to_index, index_to_string,
                                (gpointer) header_values, NULL);
  g_settings_bind (self->settings, "detect-delimiter", self->delimiter_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);

  load_tokens (self);
  g_signal_connect_swapped (self->tokens_row, "apply", G_CALLBACK (tokens_apply_cb), self);
  g_signal_connect_swapped (self->empty_switch, "notify::active", G_CALLBACK (empty_switch_cb), self);
}

static void
orchard_preferences_window_dispose (GObject *object)
{
  OrchardPreferencesWindow *self = (OrchardPreferencesWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), ORCHARD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (orchard_preferences_window_parent_class)->dispose (object);
}

static void
orchard_preferences_window_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  OrchardPreferencesWindow *self = ORCHARD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_preferences_window_class_init (OrchardPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = orchard_preferences_window_constructed;
  object_class->dispose = orchard_preferences_window_dispose;
  object_class->set_property = orchard_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/orchardml/Orchard/ui/orchard-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OrchardPreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreferencesWindow, delimiter_switch);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreferencesWindow, header_row);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreferencesWindow, empty_switch);
  gtk_widget_class_bind_template_child (widget_class, OrchardPreferencesWindow, tokens_row);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
orchard_preferences_window_init (OrchardPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OrchardPreferencesWindow *
orchard_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (ORCHARD_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
