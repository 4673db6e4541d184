/* cli-models.c: orchard-cli models [--json]
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "orchard.h"

#include "cli-commands.h"

/* A JSON scalar as the command line spells it. */
static char *
scalar_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return orchard_format_double (json_node_get_double (node));
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    default:
      return NULL;
    }
}

static char *
range_text (JsonObject *param)
{
  JsonNode *choices = json_object_get_member (param, "choices");
  g_autofree char *min = scalar_text (json_object_get_member (param, "min"));
  g_autofree char *max = scalar_text (json_object_get_member (param, "max"));
  const char *type = json_object_get_string_member (param, "type");

  if (choices != NULL && JSON_NODE_HOLDS_ARRAY (choices))
    {
      JsonArray *array = json_node_get_array (choices);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? " / " : "",
                                json_array_get_string_element (array, i));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  if (strcmp (type, "boolean") == 0)
    return g_strdup ("true / false");
  if (min == NULL && max == NULL)
    return g_strdup (strcmp (type, "string") == 0 ? "text" : "any");

  return g_strdup_printf ("%s … %s", min != NULL ? min : "−∞", max != NULL ? max : "∞");
}

static void
print_learners (JsonArray *learners)
{
  for (guint i = 0; i < json_array_get_length (learners); i++)
    {
      JsonObject *learner = json_array_get_object_element (learners, i);
      JsonArray *tasks = json_object_get_array_member (learner, "tasks");
      JsonArray *params = json_object_get_array_member (learner, "params");
      g_autoptr(GString) task_text = g_string_new (NULL);

      for (guint t = 0; t < json_array_get_length (tasks); t++)
        g_string_append_printf (task_text, "%s%s", t > 0 ? ", " : "",
                                json_array_get_string_element (tasks, t));

      g_print ("%s%s: %s\n", i > 0 ? "\n" : "", json_object_get_string_member (learner, "name"),
               json_object_get_string_member (learner, "description"));
      g_print ("  tasks: %s; family: %s; --set:\n", task_text->str,
               json_object_get_string_member (learner, "family"));

      for (guint p = 0; p < json_array_get_length (params); p++)
        {
          JsonObject *param = json_array_get_object_element (params, p);
          g_autofree char *def = scalar_text (json_object_get_member (param, "default"));
          g_autofree char *range = range_text (param);

          /* printf pads bytes, not characters: "…" and "∞" are three each. */
          glong pad = MAX (0, 22 - g_utf8_strlen (range, -1));

          g_print ("    %-16s %-8s %s%*s default %s\n",
                   json_object_get_string_member (param, "name"),
                   json_object_get_string_member (param, "type"), range, (int) pad, "",
                   def != NULL ? def : "none");
          g_print ("      %s\n", json_object_get_string_member (param, "description"));
        }
    }
}

int
cli_models_run (int    argc,
                char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      "Print the learners as JSON on standard output", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(JsonNode) root = NULL;
  int status;

  g_set_prgname ("orchard-cli models");
  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                "List every learner “orchard-cli train --model” takes, with the\n"
                                "tasks it does and its hyperparameters for --set: type, range\n"
                                "and default.");
  g_option_context_set_description (context, "Exit status: 0 success, 2 wrong usage.");
  g_option_context_add_main_entries (context, entries, NULL);

  if ((status = cli_parse_options (context, &argc, &argv)) >= 0)
    return status;
  if (argc > 1)
    return cli_usage_error (context, "models takes no arguments, but was given %d", argc - 1);

  root = orchard_model_registry_to_json ();

  if (json)
    {
      g_autofree char *text = orchard_json_to_string (root, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_learners (json_node_get_array (root));

  return CLI_EXIT_OK;
}
