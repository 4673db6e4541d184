/* test-csv-pipeline.c: the threaded pipeline delivers exactly what libcsv does
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "orchard.h"
#include "orchard-csv-pipeline-private.h"

/* Every callback is logged, so two runs compare as two strings. */
typedef struct
{
  GString *log;
  gsize    n_fields;
  gsize    stop_after;   /* 0: never */
  gsize    n_peeks;
} Log;

static void
log_field (void   *s,
           size_t  len,
           void   *data)
{
  Log *log = data;

  /* libcsv appends a nul (CSV_APPEND_NULL); the pipeline must too. */
  g_assert_true (len == 0 || s != NULL);
  if (s != NULL)
    g_assert_cmpint (((const char *) s)[len], ==, '\0');

  /* The log is compared as a string: no nul inside. */
  g_string_append_printf (log->log, "F%" G_GSIZE_FORMAT ":", (gsize) len);
  for (gsize i = 0; i < len; i++)
    if (((const char *) s)[i] == '\0')
      g_string_append (log->log, "\\0");
    else
      g_string_append_c (log->log, ((const char *) s)[i]);
  g_string_append_c (log->log, '|');
  log->n_fields++;
}

static void
log_record (int   c,
            void *data)
{
  Log *log = data;

  g_string_append_printf (log->log, "R%d\n", c);
}

static gboolean
log_stop (void *data)
{
  Log *log = data;

  return log->stop_after > 0 && log->n_fields >= log->stop_after;
}

static void
log_peek (const char *str,
          gsize       len,
          guint       field,
          void       *data)
{
  Log *log = data;

  log->n_peeks++;
}

/* The dialects the pipeline must treat exactly as libcsv does: the
 * reader's CSV and TSV, and settings the reader does not use (no empty
 * records, its own line ends, another quote). */
typedef enum
{
  DIALECT_CSV,
  DIALECT_TSV,
  DIALECT_LF_ONLY,
  DIALECT_SEMICOLON,
  N_DIALECTS
} Dialect;

static const char delimiters[N_DIALECTS] = { ',', '\t', ',', ';' };

static int
space_only (unsigned char c)
{
  return c == ' ';
}

static int
lf_only (unsigned char c)
{
  return c == '\n';
}

static void
parser_init (struct csv_parser *p,
             Dialect            dialect)
{
  csv_init (p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
               (dialect == DIALECT_LF_ONLY ? 0 : CSV_REPALL_NL));
  csv_set_delim (p, delimiters[dialect]);
  if (dialect == DIALECT_TSV)
    csv_set_space_func (p, space_only);
  if (dialect == DIALECT_LF_ONLY)
    csv_set_term_func (p, lf_only);
  if (dialect == DIALECT_SEMICOLON)
    csv_set_quote (p, '\'');
}

/* Bytes that exercise every parser state: quotes, doubled quotes, quoted
 * delimiters and line ends, blanks around and inside fields, empty fields
 * and blank lines, CR, LF, CRLF, a NUL, and a stray quote now and then (a
 * strict error). */
static GByteArray *
random_csv (GRand   *rand,
            gsize    size,
            double   stray_quote,
            Dialect  dialect)
{
  static const char *const pieces[] = {
    "1.5", "abc", "", " x ", "\"q,u\"", "\"a\"\"b\"", "\"line\nbreak\"", "-2e-3",
    "2024-01-02", "NA", "\"\"", "long text with spaces", "\t y\t", "  ", "a\tb",
    "'s;q'", " \"x\" ", "\r", "1,2", "semi;colon",
  };
  char delimiter = delimiters[dialect];
  GByteArray *out = g_byte_array_new ();

  while (out->len < size)
    {
      guint n = g_rand_int_range (rand, 1, 6);

      for (guint f = 0; f < n; f++)
        {
          guint which = g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces) + 1);

          if (f > 0)
            g_byte_array_append (out, (const guint8 *) &delimiter, 1);
          if (g_rand_double (rand) < stray_quote)
            g_byte_array_append (out, (const guint8 *) "a\"b", 3);
          else if (which == G_N_ELEMENTS (pieces))
            g_byte_array_append (out, (const guint8 *) "z\0z", 3);
          else
            g_byte_array_append (out, (const guint8 *) pieces[which], strlen (pieces[which]));
        }
      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0: g_byte_array_append (out, (const guint8 *) "\r\n", 2); break;
        case 1: g_byte_array_append (out, (const guint8 *) "\r", 1); break;
        case 2: g_byte_array_append (out, (const guint8 *) "\n\n", 2); break;
        case 3: g_byte_array_append (out, (const guint8 *) " \t\n", 3); break;
        default: g_byte_array_append (out, (const guint8 *) "\n", 1); break;
        }
    }

  /* Sometimes end inside a quoted field: csv_fini() then fails. */
  if (g_rand_boolean (rand))
    g_byte_array_append (out, (const guint8 *) "x,\"open", 7);

  return out;
}

/* Feeds @data in random chunks as the reader does; returns the log, with
 * where libcsv stopped and what csv_fini() said. */
static char *
run (const GByteArray *data,
     Dialect           dialect,
     guint32           seed,
     gboolean          through_pipeline,
     gboolean          threaded,
     gsize             stop_after,
     gsize            *n_peeks)
{
  struct csv_parser p;
  Log log = { g_string_new (NULL), 0, stop_after, 0 };
  g_autoptr(OrchardCsvPipeline) pipeline = NULL;
  GRand *chunks = g_rand_new_with_seed (seed);
  gsize pos = 0;

  parser_init (&p, dialect);
  if (through_pipeline)
    {
      pipeline = orchard_csv_pipeline_new (log_field, log_record, log_stop, &log, threaded);
      orchard_csv_pipeline_set_peek (pipeline, log_peek);
    }

  while (pos < data->len)
    {
      gsize want = g_rand_int_range (chunks, 1, 700000);   /* MIN() evaluates twice */
      gsize n = MIN (want, data->len - pos);
      gsize parsed;

      if (pipeline != NULL)
        parsed = orchard_csv_pipeline_parse (pipeline, &p, data->data + pos, n);
      else
        parsed = csv_parse (&p, data->data + pos, n, log_field, log_record, &log);

      if (parsed != n)
        {
          if (pipeline != NULL)
            orchard_csv_pipeline_wait (pipeline);
          g_string_append_printf (log.log, "STOP@%" G_GSIZE_FORMAT " %d", pos + parsed,
                                  csv_error (&p));
          goto done;
        }
      pos += n;

      if (pipeline != NULL ? orchard_csv_pipeline_stopped (pipeline) : log_stop (&log))
        {
          if (pipeline != NULL)
            orchard_csv_pipeline_wait (pipeline);
          g_string_append (log.log, "STOPPED");
          goto done;
        }
    }

  {
    int fini = pipeline != NULL ? orchard_csv_pipeline_fini (pipeline, &p)
                                : csv_fini (&p, log_field, log_record, &log);
    g_string_append_printf (log.log, "FINI %d", fini);
  }

done:
  csv_free (&p);
  g_rand_free (chunks);
  if (n_peeks != NULL)
    *n_peeks = log.n_peeks;
  return g_string_free (log.log, FALSE);
}

static void
test_same_calls (void)
{
  GRand *rand = g_rand_new_with_seed (20261127);

  for (guint i = 0; i < 16; i++)
    {
      Dialect dialect = i % N_DIALECTS;
      gsize size = g_rand_int_range (rand, 1, 2 * 1024 * 1024);
      g_autoptr(GByteArray) data = random_csv (rand, size, i % 3 == 0 ? 2e-5 : 0.0, dialect);
      guint32 seed = g_rand_int (rand);
      gsize n_peeks = 0;
      g_autofree char *direct = run (data, dialect, seed, FALSE, FALSE, 0, NULL);
      g_autofree char *threaded = run (data, dialect, seed, TRUE, TRUE, 0, &n_peeks);
      g_autofree char *inline_ = run (data, dialect, seed, TRUE, FALSE, 0, NULL);

      g_assert_cmpstr (threaded, ==, direct);
      g_assert_cmpstr (inline_, ==, direct);
      /* The peek is only a hint, but it is called on the threaded path. */
      g_assert_cmpuint (n_peeks, >, 0);
    }

  g_rand_free (rand);
}

/* Once the stop function says so, no callback runs any more; what was
 * delivered before is a prefix of the direct run. */
static void
test_stop (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  g_autoptr(GByteArray) data = random_csv (rand, 2 * 1024 * 1024, 0.0, DIALECT_CSV);
  g_autofree char *direct = run (data, DIALECT_CSV, 1, FALSE, FALSE, 0, NULL);
  g_autofree char *stopped = run (data, DIALECT_CSV, 1, TRUE, TRUE, 1000, NULL);
  const char *end = g_strrstr (stopped, "STOPPED");

  /* The input may all be parsed before the worker has said stop; then the
   * last fields and the end were dropped. */
  if (end == NULL)
    end = g_strrstr (stopped, "FINI");
  g_assert_nonnull (end);
  g_assert_cmpint (end - stopped, <, strlen (direct));
  g_assert_true (strncmp (stopped, direct, end - stopped) == 0);

  g_rand_free (rand);
}

/* A pipeline dropped mid-stream (cancelled) joins its worker cleanly. */
static void
test_abandon (void)
{
  GRand *rand = g_rand_new_with_seed (11);
  g_autoptr(GByteArray) data = random_csv (rand, 1024 * 1024, 0.0, DIALECT_CSV);
  Log log = { g_string_new (NULL), 0, 0, 0 };
  struct csv_parser p;
  OrchardCsvPipeline *pipeline;

  parser_init (&p, DIALECT_CSV);
  pipeline = orchard_csv_pipeline_new (log_field, log_record, NULL, &log, TRUE);
  orchard_csv_pipeline_parse (pipeline, &p, data->data, data->len / 2);
  orchard_csv_pipeline_free (pipeline);
  csv_free (&p);

  g_assert_cmpuint (log.n_fields, >, 0);
  g_string_free (log.log, TRUE);
  g_rand_free (rand);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/CsvPipeline/same-calls", test_same_calls);
  g_test_add_func ("/engine/CsvPipeline/stop", test_stop);
  g_test_add_func ("/engine/CsvPipeline/abandon", test_abandon);

  return g_test_run ();
}
