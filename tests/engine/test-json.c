/* test-json.c: JSON text that parses and keeps every double
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <float.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "orchard.h"

static JsonNode *
double_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_double (node, value);
  return node;
}

static JsonNode *
string_node (const char *value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, value);
  return node;
}

/* Parses @text with json-glib, failing the test if it is not JSON. */
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
assert_same_double (double a,
                    double b)
{
  guint64 bits_a;
  guint64 bits_b;

  memcpy (&bits_a, &a, sizeof a);
  memcpy (&bits_b, &b, sizeof b);
  if (bits_a != bits_b)
    g_error ("%.17g (0x%016" G_GINT64_MODIFIER "x) read back as %.17g (0x%016"
             G_GINT64_MODIFIER "x)", a, bits_a, b, bits_b);
}

/* Expected texts are Python's repr() of the same doubles, an independent
 * shortest round-trip formatter; where json-glib 1.6 wrote 1e-10.0 (invalid)
 * and 0.69999999999999996. */
static void
test_known_doubles (void)
{
  const struct { double value; const char *text; } cases[] = {
    { 0.7, "0.7" },
    { 0.1, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 123456.789, "123456.789" },
    { 3.0, "3.0" },
    { -0.0, "-0.0" },
    { 0.0, "0.0" },
    { 1e-10, "1e-10" },
    { -1e-5, "-1e-05" },
    { 1e17, "1e+17" },
    { 1e300, "1e+300" },
    { 1.5e300, "1.5e+300" },
    { DBL_MAX, "1.7976931348623157e+308" },
    { DBL_MIN, "2.2250738585072014e-308" },
    { 5e-324, "5e-324" },
    { 2.225073858507201e-308, "2.225073858507201e-308" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = double_node (cases[i].value);
      g_autofree char *text = orchard_json_to_string (node, FALSE);
      g_autoptr(JsonNode) back = parse (text);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpint (json_node_get_value_type (back), ==, G_TYPE_DOUBLE);
      assert_same_double (json_node_get_double (back), cases[i].value);
    }
}

/* Any finite bit pattern, normal or subnormal, parses back to the same bits,
 * through json-glib and through g_ascii_strtod, in at most 17 digits. */
static void
test_random_doubles (void)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_auto(GStrv) tokens = NULL;
  JsonArray *back_array;
  OrchardRng rng;

  orchard_rng_init (&rng, 20260101);
  for (guint i = 0; i < 100000; i++)
    {
      guint64 bits = orchard_rng_next (&rng);
      double value;

      /* Every tenth one subnormal, every tenth one an ordinary magnitude. */
      if (i % 10 == 1)
        bits &= G_GUINT64_CONSTANT (0x800fffffffffffff);
      memcpy (&value, &bits, sizeof value);
      if (i % 10 == 2)
        value = (orchard_rng_uniform (&rng) - 0.5) * 2000.0;
      if (!isfinite (value))
        continue;

      g_array_append_val (values, value);
      json_array_add_double_element (array, value);
    }
  json_node_set_array (root, array);

  text = orchard_json_to_string (root, FALSE);
  back = parse (text);
  back_array = json_node_get_array (back);
  g_assert_cmpuint (json_array_get_length (back_array), ==, values->len);

  g_assert_true (text[0] == '[' && text[strlen (text) - 1] == ']');
  text[strlen (text) - 1] = '\0';
  tokens = g_strsplit (text + 1, ",", -1);
  g_assert_cmpuint (g_strv_length (tokens), ==, values->len);

  for (guint i = 0; i < values->len; i++)
    {
      double value = g_array_index (values, double, i);
      JsonNode *element = json_array_get_element (back_array, i);
      const char *token = tokens[i];
      char *end = NULL;
      int first = -1;
      int last = -1;

      g_assert_cmpint (json_node_get_value_type (element), ==, G_TYPE_DOUBLE);
      assert_same_double (json_node_get_double (element), value);
      assert_same_double (g_ascii_strtod (token, &end), value);
      g_assert_cmpint (*end, ==, '\0');

      /* Significant digits: from the first to the last non-zero one. */
      for (int d = 0, p = 0; token[p] != '\0' && token[p] != 'e'; p++)
        if (g_ascii_isdigit (token[p]))
          {
            if (token[p] != '0')
              {
                if (first < 0)
                  first = d;
                last = d;
              }
            d++;
          }
      g_assert_cmpint (last - first + 1, <=, 17);
    }
}

static void
test_integers (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 0);
  json_builder_add_int_value (builder, -7);
  json_builder_add_int_value (builder, G_MAXINT64);
  json_builder_add_int_value (builder, G_MININT64);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);

  text = orchard_json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==, "[0,-7,9223372036854775807,-9223372036854775808]");
}

/* JSON has no NaN or infinity; a reader must still get a document. */
static void
test_non_finite (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "nan");
  json_builder_add_double_value (builder, NAN);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, INFINITY);
  json_builder_add_double_value (builder, -INFINITY);
  json_builder_add_double_value (builder, -NAN);
  json_builder_add_double_value (builder, 1.0);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  text = orchard_json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==, "{\"nan\":null,\"values\":[null,null,null,1.0]}");
  back = parse (text);
  g_assert_true (json_node_is_null (json_object_get_member (json_node_get_object (back), "nan")));
}

static void
test_strings (void)
{
  const struct { const char *value; const char *text; } cases[] = {
    { "", "\"\"" },
    { "plain", "\"plain\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "C:\\path/to", "\"C:\\\\path/to\"" },
    { "a\nb\r\tc\b\f", "\"a\\nb\\r\\tc\\b\\f\"" },
    { "\x01\x1f\x7f", "\"\\u0001\\u001f\\u007f\"" },
    { "café 😀 \xe2\x80\xa8 中", "\"café 😀 \xe2\x80\xa8 中\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = string_node (cases[i].value);
      g_autofree char *text = orchard_json_to_string (node, TRUE);
      g_autoptr(JsonNode) back = parse (text);

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_cmpstr (json_node_get_string (back), ==, cases[i].value);
    }
}

/* Invalid UTF-8 would make the whole document unreadable to a strict
 * parser; each bad byte becomes U+FFFD instead. */
static void
test_invalid_utf8 (void)
{
  g_autoptr(JsonNode) node = string_node ("a\xff" "b\xc3");
  g_autofree char *text = orchard_json_to_string (node, FALSE);

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpstr (text, ==, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\"");
}

static JsonNode *
build_nested (gboolean with_double)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "zeta");
  json_builder_add_string_value (builder, "first");
  json_builder_set_member_name (builder, "alpha");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, 1);
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_add_null_value (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "k");
  if (with_double)
    json_builder_add_double_value (builder, 0.7);
  else
    json_builder_add_boolean_value (builder, FALSE);
  json_builder_end_object (builder);
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, -7);
  json_builder_end_array (builder);
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "name with \"quotes\"");
  json_builder_add_string_value (builder, NULL);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
test_nested (void)
{
  g_autoptr(JsonNode) root = build_nested (TRUE);
  g_autofree char *compact = orchard_json_to_string (root, FALSE);
  g_autofree char *pretty = orchard_json_to_string (root, TRUE);
  g_autoptr(JsonNode) from_compact = parse (compact);
  g_autoptr(JsonNode) from_pretty = parse (pretty);

  /* Members stay in insertion order. */
  g_assert_cmpstr (compact, ==,
                   "{\"zeta\":\"first\",\"alpha\":[1,true,null,{\"k\":0.7},[-7],[]],"
                   "\"name with \\\"quotes\\\"\":null}");
  g_assert_cmpstr (pretty, ==,
                   "{\n"
                   "  \"zeta\" : \"first\",\n"
                   "  \"alpha\" : [\n"
                   "    1,\n"
                   "    true,\n"
                   "    null,\n"
                   "    {\n"
                   "      \"k\" : 0.7\n"
                   "    },\n"
                   "    [\n"
                   "      -7\n"
                   "    ],\n"
                   "    []\n"
                   "  ],\n"
                   "  \"name with \\\"quotes\\\"\" : null\n"
                   "}");
  g_assert_true (json_node_equal (from_compact, root));
  g_assert_true (json_node_equal (from_pretty, root));
}

/* Without doubles, the layout is JsonGenerator's to the byte, so switching
 * writers changes no output but the numbers. */
static void
test_layout_matches_json_glib (void)
{
  g_autoptr(JsonNode) root = build_nested (FALSE);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, root);
  for (int pretty = 0; pretty <= 1; pretty++)
    {
      g_autofree char *ours = orchard_json_to_string (root, pretty);
      g_autofree char *theirs = NULL;

      json_generator_set_pretty (generator, pretty);
      json_generator_set_indent (generator, 2);
      theirs = json_generator_to_data (generator, NULL);
      g_assert_cmpstr (ours, ==, theirs);
    }
}

static void
test_empty_roots (void)
{
  g_autoptr(JsonNode) object = json_node_init_object (json_node_alloc (), json_object_new ());
  g_autoptr(JsonNode) array = json_node_init_array (json_node_alloc (), json_array_new ());
  g_autoptr(JsonNode) null = json_node_new (JSON_NODE_NULL);
  g_autofree char *a = orchard_json_to_string (object, TRUE);
  g_autofree char *b = orchard_json_to_string (array, TRUE);
  g_autofree char *c = orchard_json_to_string (null, TRUE);

  g_assert_cmpstr (a, ==, "{}");
  g_assert_cmpstr (b, ==, "[]");
  g_assert_cmpstr (c, ==, "null");
}

static void
test_write_file (void)
{
  g_autoptr(JsonNode) root = build_nested (TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-json-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *replaced = NULL;
  g_autoptr(JsonNode) small = double_node (1e-10);

  g_assert_no_error (error);
  path = g_build_filename (dir, "out.json", NULL);
  file = g_file_new_for_path (path);

  g_assert_true (orchard_json_write_file (root, file, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  expected = orchard_json_to_string (root, TRUE);
  g_assert_true (g_str_has_suffix (contents, "\n"));
  g_assert_cmpuint (strlen (contents), ==, strlen (expected) + 1);
  g_assert_cmpint (strncmp (contents, expected, strlen (expected)), ==, 0);

  /* Replaces, does not append. */
  g_assert_true (orchard_json_write_file (small, file, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &replaced, NULL, &error));
  g_assert_cmpstr (replaced, ==, "1e-10\n");

  missing_path = g_build_filename (dir, "no-such-dir", "out.json", NULL);
  missing = g_file_new_for_path (missing_path);
  g_assert_false (orchard_json_write_file (root, missing, TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_unlink (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Json/known-doubles", test_known_doubles);
  g_test_add_func ("/engine/Json/random-doubles", test_random_doubles);
  g_test_add_func ("/engine/Json/integers", test_integers);
  g_test_add_func ("/engine/Json/non-finite", test_non_finite);
  g_test_add_func ("/engine/Json/strings", test_strings);
  g_test_add_func ("/engine/Json/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/engine/Json/nested", test_nested);
  g_test_add_func ("/engine/Json/layout-matches-json-glib", test_layout_matches_json_glib);
  g_test_add_func ("/engine/Json/empty-roots", test_empty_roots);
  g_test_add_func ("/engine/Json/write-file", test_write_file);

  return g_test_run ();
}
