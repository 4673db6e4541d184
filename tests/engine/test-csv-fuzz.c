/* test-csv-fuzz.c: the CSV reader on arbitrary bytes
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input here must give a table or an error that says where, never a
 * crash, a hang or a leak; run under AddressSanitizer (build-aux/orchard-dev
 * test does) the last two are checked too. The seed is fixed, so a failure
 * reproduces; the input that failed is printed with its case number.
 */
#include <string.h>

#include "orchard.h"

#define SEED 0x0c5a2026

/* How the inputs ended, to check that the fuzzing reaches past the first
 * error path. */
static guint n_tables;
static guint n_errors;

static void
tally_reset (void)
{
  n_tables = n_errors = 0;
}

static void
tally_check (guint min_tables,
             guint min_errors)
{
  g_test_message ("%u tables, %u errors", n_tables, n_errors);
  g_assert_cmpuint (n_tables, >=, min_tables);
  g_assert_cmpuint (n_errors, >=, min_errors);
}

/* Bytes a CSV parser has opinions about, most of them more than once. */
static const char *const specials[] = {
  "\"", "\"", "\"\"", ",", ",", ";", "\t", "|", "\n", "\n", "\r", "\r\n", " ", "\0",
  "\xff", "\xEF\xBB\xBF", "\xc3", "\xc3\xa9", "\xe2\x80", "NA", "?", "-", ".", "e",
  "1e308", "-0", "2024-02-29", "2024/01/01 12:00:00Z", "\"\"\"", "\\",
};

static void
dump_input (const guint8 *data,
            gsize         len)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (gsize i = 0; i < MIN (len, 400); i++)
    {
      if (data[i] >= 0x20 && data[i] < 0x7f && data[i] != '\\')
        g_string_append_c (text, data[i]);
      else
        g_string_append_printf (text, "\\x%02x", data[i]);
    }
  g_printerr ("input (%" G_GSIZE_FORMAT " bytes): %s%s\n", len, text->str,
              len > 400 ? "…" : "");
}

static void
assert_table_sane (OrchardTable *table)
{
  gsize n_rows = orchard_table_get_n_rows (table);
  guint n_columns = orchard_table_get_n_columns (table);
  const char * const *warnings = orchard_table_get_load_warnings (table);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const char *hash;

  g_assert_cmpuint (n_columns, >=, 1);
  g_assert_cmpuint (n_rows, >=, 1);
  g_assert_true (g_strcmp0 (orchard_table_get_format (table), "csv") == 0 ||
                 g_strcmp0 (orchard_table_get_format (table), "tsv") == 0);

  for (guint c = 0; c < n_columns; c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      const char *name = orchard_column_get_name (column);

      g_assert_cmpuint (orchard_column_get_n_rows (column), ==, n_rows);
      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpstr (name, !=, "");
      g_assert_true (g_hash_table_add (names, (gpointer) name));

      if (orchard_column_is_coded (column))
        {
          const guint32 *codes = orchard_column_get_codes (column);
          guint n_levels = orchard_column_get_n_levels (column);

          for (guint l = 0; l < n_levels; l++)
            g_assert_true (g_utf8_validate (orchard_column_get_level (column, l), -1, NULL));
          for (gsize r = 0; r < n_rows; r++)
            g_assert_true (codes[r] == ORCHARD_CODE_MISSING || codes[r] < n_levels);
        }
      else
        g_assert_nonnull (orchard_column_get_values (column));
    }

  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_assert_true (g_utf8_validate (warnings[i], -1, NULL));

  hash = orchard_table_get_hash (table);
  g_assert_cmpuint (strlen (hash), ==, 64);
}

/* Reads @data; returns the table's hash or the error's message, to compare runs. */
static char *
read_one (const guint8       *data,
          gsize               len,
          OrchardReadOptions *options,
          guint               case_number)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardTable) table = NULL;

  table = orchard_csv_read_bytes (bytes, "fuzz.csv", options, NULL, NULL, NULL, &error);

  if (table == NULL)
    {
      if (error == NULL || error->domain != ORCHARD_ERROR || error->message[0] == '\0' ||
          !g_str_has_prefix (error->message, "fuzz.csv") ||
          !g_utf8_validate (error->message, -1, NULL))
        {
          g_printerr ("case %u: %s\n", case_number,
                      error != NULL ? error->message : "no table and no error");
          dump_input (data, len);
          g_assert_not_reached ();
        }
      n_errors++;
      return g_strdup (error->message);
    }

  n_tables++;
  g_assert_no_error (error);
  assert_table_sane (table);

  return g_strdup (orchard_table_get_hash (table));
}

static OrchardReadOptions *
random_options (GRand *rand)
{
  static const char delimiters[] = { 0, 0, ',', ';', '\t', '|' };
  static const double shares[] = { 0.0, 0.05, 0.5, 1.0 };
  static const char *const tokens[] = { "", "x", "NA", NULL };
  OrchardReadOptions *options;

  if (g_rand_boolean (rand))
    return NULL;

  options = orchard_read_options_new ();
  orchard_read_options_set_delimiter (options, delimiters[g_rand_int_range (rand, 0, 6)]);
  orchard_read_options_set_header (options, g_rand_int_range (rand, 0, 3));
  orchard_read_options_set_stray_share (options, shares[g_rand_int_range (rand, 0, 4)]);
  if (g_rand_int_range (rand, 0, 4) == 0)
    orchard_read_options_set_missing_tokens (options, tokens);
  if (g_rand_int_range (rand, 0, 8) == 0)
    orchard_read_options_set_kind (options, "column_1",
                                   (OrchardColumnKind) g_rand_int_range (rand, 0, 4));

  return options;
}

static void
append_random_piece (GString *out,
                     GRand   *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      {
        const char *s = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];

        /* The NUL special has length 1 although strlen says 0. */
        g_string_append_len (out, s, s[0] == '\0' ? 1 : (gssize) strlen (s));
      }
      break;
    case 1:
      g_string_append_c (out, (char) g_rand_int_range (rand, 0, 256));
      break;
    case 2:
      g_string_append_c (out, (char) g_rand_int_range (rand, '0', '9' + 1));
      break;
    default:
      g_string_append_c (out, (char) g_rand_int_range (rand, 'a', 'z' + 1));
      break;
    }
}

/* A random cell of a CSV-shaped file: mostly well formed, so the reader
 * gets past the header into sniffing, typing and the stray rules. */
static void
append_random_cell (GString  *out,
                    char      delimiter,
                    gboolean  damaged,
                    GRand    *rand)
{
  static const char *const words[] = {
    "red", "green", "NA", "", "?", "null", "true", "FALSE", "Zoë", "a b c", "x", "-", "inf",
  };

  if (damaged && g_rand_int_range (rand, 0, 30) == 0)
    {
      append_random_piece (out, rand);
      return;
    }

  switch (g_rand_int_range (rand, 0, 7))
    {
    case 0:
      g_string_append_printf (out, "%d", g_rand_int_range (rand, -1000, 1000));
      break;
    case 1:
      g_string_append_printf (out, "%.17g", g_rand_double_range (rand, -1e6, 1e6));
      break;
    case 2:
      g_string_append_printf (out, "%.3e", g_rand_double_range (rand, -1e-300, 1e300));
      break;
    case 3:
      g_string_append_printf (out, "20%02d-%02d-%02d", g_rand_int_range (rand, 0, 100),
                              g_rand_int_range (rand, 0, 14), g_rand_int_range (rand, 0, 33));
      break;
    case 4:
      g_string_append_printf (out, "\"%s%c%s\"\"\n\"", words[g_rand_int_range (rand, 0, 13)],
                              delimiter, words[g_rand_int_range (rand, 0, 13)]);
      break;
    default:
      g_string_append (out, words[g_rand_int_range (rand, 0, 13)]);
      break;
    }
}

static GString *
random_table_text (GRand *rand)
{
  static const char delimiters[] = { ',', ';', '\t', '|' };
  static const char *const ends[] = { "\n", "\r\n", "\r" };
  GString *out = g_string_new (NULL);
  char delimiter = delimiters[g_rand_int_range (rand, 0, 4)];
  const char *end = ends[g_rand_int_range (rand, 0, 3)];
  guint n_columns = g_rand_int_range (rand, 1, 6);
  guint n_rows = g_rand_int_range (rand, 1, 40);
  gboolean ragged = g_rand_int_range (rand, 0, 10) == 0;
  gboolean damaged = g_rand_int_range (rand, 0, 3) == 0;

  if (g_rand_boolean (rand))
    for (guint c = 0; c < n_columns; c++)
      g_string_append_printf (out, "%scol%u", c > 0 ? (char[]) { delimiter, 0 } : "",
                              g_rand_int_range (rand, 0, 4));
  for (guint r = 0; r < n_rows; r++)
    {
      guint width = ragged ? g_rand_int_range (rand, 1, n_columns + 2) : n_columns;

      if (out->len > 0)
        g_string_append (out, end);
      for (guint c = 0; c < width; c++)
        {
          if (c > 0)
            g_string_append_c (out, delimiter);
          append_random_cell (out, delimiter, damaged, rand);
        }
    }

  return out;
}

static void
test_random_bytes (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  tally_reset ();
  for (guint i = 0; i < 4000; i++)
    {
      g_autoptr(GString) input = NULL;
      g_autoptr(OrchardReadOptions) options = random_options (rand);
      guint pieces = g_rand_int_range (rand, 0, 120);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      if (i % 4 == 0)
        {
          /* Plain noise. */
          input = g_string_new (NULL);
          for (guint k = 0; k < pieces; k++)
            g_string_append_c (input, (char) g_rand_int_range (rand, 0, 256));
        }
      else if (i % 4 == 1)
        {
          /* CSV-flavoured noise. */
          input = g_string_new (NULL);
          for (guint k = 0; k < pieces; k++)
            append_random_piece (input, rand);
        }
      else
        input = random_table_text (rand);

      first = read_one ((const guint8 *) input->str, input->len, options, i);
      if (i % 16 == 0)
        {
          /* Same bytes, same answer. */
          second = read_one ((const guint8 *) input->str, input->len, options, i);
          g_assert_cmpstr (first, ==, second);
        }
    }
  tally_check (1000, 2000);
}

static void
insert_bytes (GByteArray   *array,
              gsize         at,
              const guint8 *bytes,
              gsize         n)
{
  gsize old_len = array->len;

  g_assert_cmpuint (at, <=, old_len);
  g_byte_array_set_size (array, old_len + n);
  memmove (array->data + at + n, array->data + at, old_len - at);
  memcpy (array->data + at, bytes, n);
}

static void
mutate (GByteArray *data,
        GRand      *rand)
{
  guint n = g_rand_int_range (rand, 1, 5);

  for (guint k = 0; k < n; k++)
    {
      gsize at = data->len > 0 ? g_rand_int_range (rand, 0, data->len) : 0;

      /* Weighted so that many mutants still load and reach the typing rules. */
      switch (g_rand_int_range (rand, 0, 10))
        {
        case 0:   /* flip a byte */
          if (data->len > 0)
            data->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;

        case 6:
        case 7:
        case 8:   /* a letter where a digit may have been: stray text */
          if (data->len > 0 && data->data[at] != '\n' && data->data[at] != ',')
            data->data[at] = (guint8) g_rand_int_range (rand, 'a', 'z' + 1);
          break;

        case 1:   /* insert a special */
          {
            const char *s = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];
            insert_bytes (data, at, (const guint8 *) s, s[0] == '\0' ? 1 : strlen (s));
          }
          break;

        case 2:   /* delete a span */
          if (data->len > 0)
            {
              gsize span = g_rand_int_range (rand, 1, 64);
              g_byte_array_remove_range (data, at, MIN (data->len - at, span));
            }
          break;

        case 3:   /* duplicate a span */
          if (data->len > 0)
            {
              gsize want = g_rand_int_range (rand, 1, 200);
              gsize span = MIN (data->len - at, want);
              g_autofree guint8 *copy = g_memdup2 (data->data + at, span);
              gsize to = g_rand_int_range (rand, 0, data->len + 1);

              insert_bytes (data, to, copy, span);
            }
          break;

        case 4:   /* truncate */
          g_byte_array_set_size (data, at);
          break;

        default:  /* a run of 0xFF or of quotes */
          {
            guint8 run[16];
            memset (run, g_rand_boolean (rand) ? 0xFF : '"', sizeof run);
            insert_bytes (data, at, run, g_rand_int_range (rand, 1, sizeof run));
          }
          break;
        }
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
load_samples (void)
{
  const char *dir_name = g_getenv ("ORCHARD_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *samples = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir_name);
  dir = g_dir_open (dir_name, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".csv"))
      g_ptr_array_add (names, g_strdup (name));
  /* Directory order differs between machines; the seed must not. */
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_name, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize len;

      g_file_get_contents (path, &contents, &len, &error);
      g_assert_no_error (error);
      g_ptr_array_add (samples, g_bytes_new_take (g_steal_pointer (&contents), len));
    }

  g_assert_cmpuint (samples->len, >=, 3);
  return samples;
}

static void
test_mutated_samples (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  g_autoptr(GPtrArray) samples = load_samples ();
  guint case_number = 0;

  tally_reset ();
  for (guint s = 0; s < samples->len; s++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (g_ptr_array_index (samples, s), &len);
      g_autofree char *original = read_one (data, len, NULL, case_number++);

      /* The samples themselves load. */
      g_assert_cmpuint (strlen (original), ==, 64);

      for (guint m = 0; m < 150; m++)
        {
          g_autoptr(GByteArray) mutant = g_byte_array_sized_new (len + 64);
          g_autoptr(OrchardReadOptions) options = random_options (rand);
          g_autofree char *result = NULL;

          g_byte_array_append (mutant, data, len);
          mutate (mutant, rand);
          result = read_one (mutant->data, mutant->len, options, case_number++);
        }
    }
  tally_check (150, 400);
}

static void
test_large_mutations (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 2);
  g_autoptr(GPtrArray) samples = load_samples ();
  g_autoptr(GByteArray) big = g_byte_array_new ();
  gsize len;
  const guint8 *data = g_bytes_get_data (g_ptr_array_index (samples, 0), &len);
  const guint8 *body = memchr (data, '\n', len);

  /* Large enough for the reader's threaded path and more than one chunk. */
  g_assert_nonnull (body);
  g_byte_array_append (big, data, len);
  while (big->len < 3 * 1024 * 1024)
    g_byte_array_append (big, body + 1, len - (body + 1 - data));

  tally_reset ();
  for (guint m = 0; m < 24; m++)
    {
      g_autoptr(GByteArray) mutant = g_byte_array_sized_new (big->len + 64);
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      g_byte_array_append (mutant, big->data, big->len);
      switch (m % 4)
        {
        case 0:   /* damage near the far end, beyond the sample */
        case 2:   /* damage anywhere */
          for (guint k = 0; k < 3; k++)
            {
              gsize at = g_rand_int_range (rand, 0, mutant->len);
              const char *s = specials[g_rand_int_range (rand, 0, G_N_ELEMENTS (specials))];

              if (m % 4 == 0)
                at = mutant->len - 1 - at / 16;
              insert_bytes (mutant, at, (const guint8 *) s, s[0] == '\0' ? 1 : strlen (s));
            }
          break;

        case 1:   /* text in the numbers past the sample: the second pass */
          for (gsize i = mutant->len / 2; i < mutant->len; i++)
            if (g_ascii_isdigit (mutant->data[i]) && g_rand_int_range (rand, 0, 4) == 0)
              mutant->data[i] = 'x';
          break;

        default:  /* cut anywhere, mid-field included */
          g_byte_array_set_size (mutant, g_rand_int_range (rand, 1, mutant->len));
          break;
        }

      first = read_one (mutant->data, mutant->len, NULL, m);
      second = read_one (mutant->data, mutant->len, NULL, m);
      g_assert_cmpstr (first, ==, second);
    }
  tally_check (12, 12);
}

/* Every quoting and typing rule in a few hundred bytes. */
static const char tricky_csv[] =
  "\xEF\xBB\xBF" "id,\"na,me\",x,x,,when,\"note\"\r\n"
  "1,\"Ada \"\"the\"\" first\",1.5e-3,-.5,NA,2024-02-29,\"multi\r\nline, with \"\"quotes\"\"\"\r\n"
  "2,Bob,0.40298087084652756,+7,N/A,2024/03/01 12:30:15.25,plain\r\n"
  "3,\"Zoë\",?,1e308,null,2024-03-01T12:30+02:00,\"\"\r\n"
  "\r\n"
  "4,  spaced  ,nan,-0,,2024-03-02Z,\"ünïcödé ✓\"\r\n"
  "5,\"\",\"12\",\"x\",\"\",NaN,\"a\nb\rc\"\r\n"
  "6,last,17,18,19,2024-12-31,end";

static const char tricky_tsv[] =
  "name\tscore\tlabel\n"
  "\"tab\there\"\t1\t\"a \"\"q\"\"\"\n"
  "plain\t.25\tb\r\n"
  "\"new\nline\"\t-3e2\t\n"
  "last\t4\t\"c\"";

static void
truncations_of (const char *text,
                gsize       len)
{
  g_autoptr(OrchardReadOptions) absent = orchard_read_options_new ();

  orchard_read_options_set_header (absent, ORCHARD_HEADER_ABSENT);

  for (gsize n = 0; n <= len; n++)
    {
      g_free (read_one ((const guint8 *) text, n, NULL, n));
      g_free (read_one ((const guint8 *) text, n, absent, n));
    }
}

static void
test_truncations (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (tricky_csv, sizeof tricky_csv - 1);
  g_autoptr(OrchardTable) table = orchard_csv_read_bytes (bytes, "fuzz.csv", NULL, NULL, NULL,
                                                          NULL, &error);

  /* The whole file is valid: it is the cut-offs that are tested. */
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_table_get_n_rows (table), ==, 6);
  g_assert_cmpuint (orchard_table_get_n_columns (table), ==, 7);

  tally_reset ();
  truncations_of (tricky_csv, sizeof tricky_csv - 1);
  truncations_of (tricky_tsv, sizeof tricky_tsv - 1);
  tally_check (100, 500);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/CsvFuzz/random-bytes", test_random_bytes);
  g_test_add_func ("/engine/CsvFuzz/mutated-samples", test_mutated_samples);
  g_test_add_func ("/engine/CsvFuzz/large-mutations", test_large_mutations);
  g_test_add_func ("/engine/CsvFuzz/truncations", test_truncations);

  return g_test_run ();
}
