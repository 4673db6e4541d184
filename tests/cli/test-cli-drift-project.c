/* test-cli-drift-project.c: orchard-cli drift --project records monitoring batches
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "orchard.h"

static char *workdir;

static int
run_cli (char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("ORCHARD_CLI"));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

/* Rows of penguins.csv of one island (and the header), as a file. */
static char *
island (const char *name)
{
  g_autofree char *sample = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "penguins.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *file = g_strdup_printf ("%s.csv", name);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  char *path = g_build_filename (workdir, file, NULL);

  g_assert_true (g_file_get_contents (sample, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  g_string_append_printf (out, "%s\n", lines[0]);
  for (guint i = 1; lines[i] != NULL; i++)
    if (strstr (lines[i], name) != NULL)
      g_string_append_printf (out, "%s\n", lines[i]);
  g_assert_true (g_file_set_contents (path, out->str, -1, NULL));
  return path;
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_record (void)
{
  g_autofree char *biscoe = island ("Biscoe");
  g_autofree char *dream = island ("Dream");
  g_autofree char *sample = g_build_filename (g_getenv ("ORCHARD_SAMPLES_DIR"), "penguins.csv", NULL);
  g_autofree char *project_path = g_build_filename (workdir, "monitor.orchard", NULL);
  g_autofree char *other_path = g_build_filename (workdir, "other.orchard", NULL);
  g_autofree char *bundle = g_build_filename (workdir, "penguins.orchard-model", NULL);
  g_autofree char *out = NULL, *err = NULL, *plain = NULL, *plain_err = NULL;
  g_autofree char *recorded = NULL, *recorded_err = NULL, *data = NULL, *data_err = NULL;
  g_autofree char *other = NULL, *other_err = NULL, *text = NULL, *text_err = NULL;
  g_autoptr(JsonNode) plain_json = NULL;
  g_autoptr(JsonNode) recorded_json = NULL;
  g_autoptr(JsonNode) data_json = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (project_path);
  g_autoptr(OrchardProject) project = NULL;
  g_autoptr(GPtrArray) references = NULL;
  g_autoptr(GError) error = NULL;

  g_unlink (project_path);
  g_assert_cmpint (run_cli (&out, &err, "train", sample, "--target", "species", "--model", "logistic",
                            "-o", bundle, "-P", project_path, NULL), ==, 0);

  /* --project leaves the JSON as it is, and says what it recorded on stderr. */
  g_assert_cmpint (run_cli (&plain, &plain_err, "drift", bundle, biscoe, "--json", NULL), ==, 0);
  g_assert_cmpint (run_cli (&recorded, &recorded_err, "drift", bundle, biscoe, "--json", "--project",
                            project_path, NULL), ==, 0);
  plain_json = parse (plain);
  recorded_json = parse (recorded);
  g_assert_true (json_node_equal (plain_json, recorded_json));
  g_assert_nonnull (strstr (recorded_err, "Recorded as batch 1 of reference 1"));

  /* A data file: the reference is a data set of the project. */
  g_assert_cmpint (run_cli (&data, &data_err, "drift", biscoe, dream, "--json", "-P", project_path, NULL), ==, 0);
  data_json = parse (data);
  g_assert_cmpint (run_cli (&text, &text_err, "drift", biscoe, dream, "-P", project_path, NULL), ==, 0);

  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  references = orchard_project_list_references (project, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (references->len, ==, 2);
  {
    OrchardReferenceInfo *run = g_ptr_array_index (references, 0);
    OrchardReferenceInfo *data_set = g_ptr_array_index (references, 1);
    g_autoptr(GPtrArray) batches = orchard_project_list_batches (project, run->id, &error);
    g_autoptr(OrchardDriftReport) report = NULL;
    g_autoptr(JsonNode) stored = NULL;
    g_autoptr(OrchardDatasetInfo) info = NULL;

    /* The bundle is the run train -P recorded: its reference is the run's. */
    g_assert_cmpint (run->source, ==, ORCHARD_REFERENCE_SOURCE_RUN);
    g_assert_cmpint (run->run_id, ==, 1);
    g_assert_cmpuint (batches->len, ==, 1);
    g_assert_cmpstr (((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->name, ==, "Biscoe.csv");
    report = orchard_project_load_batch_report (project, ((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->id,
                                                &error);
    g_assert_no_error (error);
    stored = orchard_drift_report_to_json (report);
    g_assert_true (json_node_equal (stored, recorded_json));

    g_assert_cmpint (data_set->source, ==, ORCHARD_REFERENCE_SOURCE_DATASET);
    g_assert_cmpstr (data_set->name, ==, "Biscoe.csv");
    g_assert_cmpuint (data_set->n_batches, ==, 2);
    info = orchard_project_get_dataset (project, data_set->dataset_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (info->hash, ==, data_set->data_hash);
    g_clear_pointer (&batches, g_ptr_array_unref);
    batches = orchard_project_list_batches (project, data_set->id, &error);
    g_clear_object (&report);
    g_clear_pointer (&stored, json_node_unref);
    report = orchard_project_load_batch_report (project, ((OrchardBatchInfo *) g_ptr_array_index (batches, 0))->id,
                                                &error);
    g_assert_no_error (error);
    stored = orchard_drift_report_to_json (report);
    g_assert_true (json_node_equal (stored, data_json));
  }
  g_clear_object (&project);

  /* project info counts the references and batches and their bytes;
   * project check reads their profiles and reports back. */
  {
    g_autofree char *info = NULL, *info_err = NULL, *check = NULL, *human = NULL;
    g_autoptr(JsonNode) info_json = NULL;
    JsonObject *object, *monitoring;
    JsonArray *list;

    g_assert_cmpint (run_cli (&info, &info_err, "project", "info", project_path, "--json", NULL), ==, 0);
    info_json = parse (info);
    object = json_node_get_object (info_json);
    monitoring = json_object_get_object_member (object, "monitoring");
    g_assert_cmpint (json_object_get_int_member (monitoring, "references"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (monitoring, "batches"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (object, "references_size"), >, 0);
    g_assert_cmpint (json_object_get_int_member (object, "batches_size"), >, 0);
    list = json_object_get_array_member (object, "references");
    g_assert_cmpuint (json_array_get_length (list), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "source"), ==, "run");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 1), "batches"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (list, 0), "stored_size") +
                     json_object_get_int_member (json_array_get_object_element (list, 1), "stored_size"), ==,
                     json_object_get_int_member (object, "references_size"));
    g_assert_cmpint (run_cli (&human, NULL, "project", "info", project_path, NULL), ==, 0);
    g_assert_nonnull (strstr (human, "monitoring 2 drift references, 3 batches"));
    g_assert_cmpint (run_cli (&check, NULL, "project", "check", project_path, NULL), ==, 0);
    g_assert_true (g_str_has_prefix (check, "The project is sound"));
  }

  /* A bundle from elsewhere is a reference of its own. */
  g_unlink (other_path);
  g_assert_cmpint (run_cli (&other, &other_err, "drift", bundle, dream, "-P", other_path, NULL), ==, 0);
  g_clear_object (&file);
  file = g_file_new_for_path (other_path);
  project = orchard_project_open (file, ORCHARD_PROJECT_OPEN_READ_ONLY, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&references, g_ptr_array_unref);
  references = orchard_project_list_references (project, &error);
  g_assert_cmpuint (references->len, ==, 1);
  g_assert_cmpint (((OrchardReferenceInfo *) g_ptr_array_index (references, 0))->source, ==,
                   ORCHARD_REFERENCE_SOURCE_BUNDLE);
  g_assert_cmpstr (((OrchardReferenceInfo *) g_ptr_array_index (references, 0))->name, ==, "penguins.orchard-model");
  g_clear_object (&project);

  /* A project that is not one fails before any work, with its name. */
  {
    g_autofree char *bad = NULL, *bad_err = NULL;

    g_assert_cmpint (run_cli (&bad, &bad_err, "drift", biscoe, dream, "-P", biscoe, NULL), ==, 1);
    g_assert_nonnull (strstr (bad_err, "not an Orchard project"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  workdir = g_dir_make_tmp ("orchard-drift-project-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/drift/project", test_record);

  status = g_test_run ();
  g_free (workdir);
  return status;
}
