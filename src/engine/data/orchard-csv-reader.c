/* orchard-csv-reader.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <math.h>
#include <string.h>

#include "orchard-csv-reader.h"
#include "orchard-error.h"
#include "orchard-parse.h"
#include "orchard-table-private.h"

/* How the reader works: a sample from the head of the file decides the
 * delimiter, the header and each column's kind; one streaming pass then
 * fills typed column arrays directly, so a numeric column never holds its
 * text. A column that the sample called numeric but that turns out to be
 * mostly text is the one case that needs a second pass. */

#define CHUNK_SIZE       (1 << 20)
#define SAMPLE_BYTES     (1 << 20)
#define SAMPLE_ROWS      2000
#define MAX_EXAMPLES     3

typedef enum
{
  SLOT_NUMERIC,
  SLOT_DATETIME,
  SLOT_CODED,
  SLOT_UNDECIDED,   /* all missing in the sample: collected as levels, typed at the end */
} SlotMode;

typedef struct
{
  char        *name;
  SlotMode     mode;
  gboolean     forced;
  gboolean     forced_text;
  double      *values;
  guint32     *codes;
  GHashTable  *index;        /* level → code + 1 */
  GPtrArray   *levels;
  gsize        n_missing;
  gsize        n_stray;
  GPtrArray   *examples;     /* "“abc” (line 5)" */
} Slot;

typedef struct
{
  const char          *display_name;
  OrchardReadOptions  *options;
  Slot                *slots;
  guint                n_slots;
  gsize                capacity;
  gsize                n_rows;
  guint                field;
  gboolean             header_pending;
  GPtrArray           *header;
  gsize                line;          /* physical line the parser is on, 1-based */
  gsize                record_line;   /* line where the current record began */
  int                  last_term;
  gsize                last_field_len;
  GError              *error;
} Parse;

typedef struct
{
  GPtrArray *records;     /* GPtrArray of char* */
  GPtrArray *current;
  guint      max_records;
} Sample;

static int
space_blank (unsigned char c)
{
  return c == ' ' || c == '\t';
}

static int
space_only (unsigned char c)
{
  return c == ' ';
}

static void
parser_init (struct csv_parser *p,
             char               delimiter)
{
  csv_init (p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL);
  csv_set_delim (p, (unsigned char) delimiter);
  /* libcsv trims blanks around unquoted fields, tabs included; a tab that
   * delimits must not be trimmed away. */
  csv_set_space_func (p, delimiter == '\t' ? space_only : space_blank);
}

/* Sampling ------------------------------------------------------------- */

static void
sample_field (void   *s,
              size_t  len,
              void   *data)
{
  Sample *sample = data;

  if (sample->records->len >= sample->max_records)
    return;

  if (sample->current == NULL)
    sample->current = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (sample->current, g_strndup (s ? s : "", len));
}

static void
sample_row (int   c,
            void *data)
{
  Sample *sample = data;

  if (sample->current == NULL)
    return;

  if (sample->records->len < sample->max_records)
    g_ptr_array_add (sample->records, sample->current);
  else
    g_ptr_array_unref (sample->current);

  sample->current = NULL;
}

static GPtrArray *
sample_records (const char *buf,
                gsize       len,
                gboolean    whole,
                char        delimiter,
                guint       max_records)
{
  struct csv_parser p;
  Sample sample = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL, max_records };

  parser_init (&p, delimiter);
  csv_parse (&p, buf, len, sample_field, sample_row, &sample);
  if (whole)
    csv_fini (&p, sample_field, sample_row, &sample);
  csv_free (&p);

  /* The record cut by the end of the sample never completed; drop it. */
  g_clear_pointer (&sample.current, g_ptr_array_unref);

  return sample.records;
}

static char
sniff_delimiter (const char *buf,
                 gsize       len,
                 gboolean    whole)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  double best_score = 0.0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autoptr(GPtrArray) records = sample_records (buf, MIN (len, 65536), whole && len <= 65536,
                                                     candidates[i], 200);
      g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
      guint mode = 0;
      guint mode_count = 0;
      double score;

      for (guint r = 0; r < records->len; r++)
        {
          guint n = ((GPtrArray *) g_ptr_array_index (records, r))->len;
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (n))) + 1;

          g_hash_table_insert (counts, GUINT_TO_POINTER (n), GUINT_TO_POINTER (c));
          if (c > mode_count || (c == mode_count && n > mode))
            {
              mode = n;
              mode_count = c;
            }
        }

      if (mode < 2 || records->len == 0)
        continue;

      /* Consistency first; among equally consistent delimiters, the one
       * that splits into more fields. */
      score = (double) mode_count / records->len + mode * 1e-6;
      if (score > best_score + 1e-9)
        {
          best_score = score;
          best = candidates[i];
        }
    }

  return best;
}

typedef enum { TOKEN_MISSING, TOKEN_NUMBER, TOKEN_DATETIME, TOKEN_OTHER } TokenClass;

static TokenClass
classify (OrchardReadOptions *options,
          const char         *token)
{
  gsize len = strlen (token);
  double v;

  if (orchard_read_options_is_missing (options, token, len))
    return TOKEN_MISSING;
  if (orchard_parse_double (token, len, &v))
    return TOKEN_NUMBER;
  if (orchard_parse_datetime (token, len, &v))
    return TOKEN_DATETIME;
  return TOKEN_OTHER;
}

static gboolean
sniff_header (OrchardReadOptions *options,
              GPtrArray          *records)
{
  GPtrArray *first;
  guint n_columns;
  gboolean votes_no = FALSE;

  if (records->len < 2)
    return TRUE;

  first = g_ptr_array_index (records, 0);
  n_columns = first->len;

  for (guint c = 0; c < n_columns; c++)
    {
      guint numbers = 0, dates = 0, others = 0;
      TokenClass head;

      for (guint r = 1; r < records->len; r++)
        {
          GPtrArray *rec = g_ptr_array_index (records, r);

          if (c >= rec->len)
            continue;

          switch (classify (options, g_ptr_array_index (rec, c)))
            {
            case TOKEN_NUMBER: numbers++; break;
            case TOKEN_DATETIME: dates++; break;
            case TOKEN_OTHER: others++; break;
            case TOKEN_MISSING:
            default:
              break;
            }
        }

      head = classify (options, g_ptr_array_index (first, c));

      if (others == 0 && (numbers > 0 || dates > 0))
        {
          TokenClass column = numbers >= dates ? TOKEN_NUMBER : TOKEN_DATETIME;

          /* Text above a typed column names it. */
          if (head == TOKEN_OTHER)
            return TRUE;
          if (head == column)
            votes_no = TRUE;
        }
    }

  /* All-text files nearly always have a header; only a first row that
   * matches typed columns is read as data. */
  return !votes_no;
}

/* Streaming pass --------------------------------------------------------- */

static void
parse_fail (Parse      *st,
            guint       column,
            GQuark      domain,
            int         code,
            const char *format,
            ...) G_GNUC_PRINTF (5, 6);

static void
parse_fail (Parse      *st,
            guint       column,
            GQuark      domain,
            int         code,
            const char *format,
            ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (st->error != NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (column > 0)
    g_set_error (&st->error, domain, code, "%s, line %" G_GSIZE_FORMAT ", column %u: %s",
                 st->display_name, st->record_line, column, message);
  else
    g_set_error (&st->error, domain, code, "%s, line %" G_GSIZE_FORMAT ": %s",
                 st->display_name, st->record_line, message);
}

static gsize
count_newlines (const char *s,
                gsize       len)
{
  gsize n = 0;
  const char *p = s;
  const char *end = s + len;

  while ((p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }

  return n;
}

static void
slot_grow (Parse *st)
{
  gsize capacity = MAX (st->capacity + st->capacity / 2, 1024);

  for (guint i = 0; i < st->n_slots; i++)
    {
      Slot *slot = &st->slots[i];

      if (slot->mode == SLOT_NUMERIC || slot->mode == SLOT_DATETIME)
        slot->values = g_renew (double, slot->values, capacity);
      else
        slot->codes = g_renew (guint32, slot->codes, capacity);
    }

  st->capacity = capacity;
}

static guint32
slot_intern (Slot       *slot,
             const char *s,
             gsize       len)
{
  gpointer code = g_hash_table_lookup (slot->index, s);
  char *copy;

  if (code != NULL)
    return GPOINTER_TO_UINT (code) - 1;

  copy = g_strndup (s, len);
  g_ptr_array_add (slot->levels, copy);
  g_hash_table_insert (slot->index, copy, GUINT_TO_POINTER (slot->levels->len));

  return slot->levels->len - 1;
}

static void
slot_add_stray (Parse      *st,
                Slot       *slot,
                const char *s,
                gsize       len)
{
  slot->n_stray++;
  if (slot->examples->len < MAX_EXAMPLES)
    g_ptr_array_add (slot->examples,
                     g_strdup_printf ("“%.*s” (line %" G_GSIZE_FORMAT ")",
                                      (int) MIN (len, 40), s, st->record_line));
}

static void
on_field (void   *s,
          size_t  len,
          void   *data)
{
  Parse *st = data;
  const char *str = s ? s : "";
  Slot *slot;

  if (st->error != NULL)
    return;

  if (st->field == 0)
    st->record_line = st->line;

  st->field++;
  st->last_field_len = len;

  if (st->header_pending)
    {
      if (!g_utf8_validate_len (str, len, NULL))
        {
          parse_fail (st, st->field, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING,
                      "the column name is not valid UTF-8");
          return;
        }
      st->line += count_newlines (str, len);
      g_ptr_array_add (st->header, g_strndup (str, len));
      return;
    }

  if (st->field > st->n_slots)
    return;   /* reported as a ragged row when the record ends */

  if (st->n_rows >= st->capacity)
    slot_grow (st);

  slot = &st->slots[st->field - 1];

  switch (slot->mode)
    {
    case SLOT_NUMERIC:
      if (G_LIKELY (orchard_parse_double (str, len, &slot->values[st->n_rows])))
        return;
      slot->values[st->n_rows] = NAN;
      if (orchard_read_options_is_missing (st->options, str, len))
        {
          slot->n_missing++;
          return;
        }
      break;

    case SLOT_DATETIME:
      if (orchard_parse_datetime (str, len, &slot->values[st->n_rows]))
        return;
      slot->values[st->n_rows] = NAN;
      if (orchard_read_options_is_missing (st->options, str, len))
        {
          slot->n_missing++;
          return;
        }
      break;

    case SLOT_CODED:
    case SLOT_UNDECIDED:
      if (orchard_read_options_is_missing (st->options, str, len))
        {
          slot->codes[st->n_rows] = ORCHARD_CODE_MISSING;
          slot->n_missing++;
          return;
        }
      if (!g_utf8_validate_len (str, len, NULL))
        {
          parse_fail (st, st->field, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING,
                      "the value in column “%s” is not valid UTF-8", slot->name);
          return;
        }
      if (memchr (str, '\n', len) != NULL)
        st->line += count_newlines (str, len);
      slot->codes[st->n_rows] = slot_intern (slot, str, len);
      return;

    default:
      g_assert_not_reached ();
    }

  /* A token that is neither a value of the column's kind nor missing. */
  if (!g_utf8_validate_len (str, len, NULL))
    {
      parse_fail (st, st->field, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING,
                  "the value in column “%s” is not valid UTF-8", slot->name);
      return;
    }
  st->line += count_newlines (str, len);
  slot_add_stray (st, slot, str, len);
}

static void finish_header (Parse *st);

static void
on_record (int   c,
           void *data)
{
  Parse *st = data;
  gboolean crlf_tail = (c == '\n' && st->last_term == '\r');

  if (st->error != NULL)
    return;

  st->last_term = c;

  if (st->field == 0)
    {
      /* A blank line, or the LF of a CRLF. */
      if (c != -1 && !crlf_tail)
        st->line++;
      return;
    }

  if (c != -1)
    st->line++;

  if (st->header_pending)
    {
      finish_header (st);
      st->field = 0;
      return;
    }

  if (st->field != st->n_slots)
    {
      /* A line of blanks trims to one empty field: skip it like a blank line. */
      if (st->field == 1 && st->last_field_len == 0)
        {
          st->field = 0;
          return;
        }

      parse_fail (st, MIN (st->field, st->n_slots) + (st->field > st->n_slots ? 1 : 0),
                  ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                  "expected %u fields, found %u", st->n_slots, st->field);
      return;
    }

  st->n_rows++;
  st->field = 0;
}

/* Names ------------------------------------------------------------------- */

static GPtrArray *
make_names (GPtrArray  *raw,
            guint       n_columns,
            GPtrArray  *warnings)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_columns; i++)
    {
      const char *given = raw != NULL && i < raw->len ? g_ptr_array_index (raw, i) : NULL;
      g_autofree char *base = given != NULL ? g_strstrip (g_strdup (given)) : NULL;
      char *name;

      if (base == NULL || base[0] == '\0')
        {
          g_free (base);
          base = g_strdup_printf ("column_%u", i + 1);
          if (raw != NULL)
            g_ptr_array_add (warnings,
                             g_strdup_printf ("Column %u has no name; it is called “%s”",
                                              i + 1, base));
        }

      name = g_strdup (base);
      for (guint k = 1; g_hash_table_contains (seen, name); k++)
        {
          g_free (name);
          name = g_strdup_printf ("%s.%u", base, k);
        }

      if (strcmp (name, base) != 0)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("Column %u repeats the name “%s”; it is called “%s”",
                                          i + 1, base, name));

      g_ptr_array_add (names, name);
      g_hash_table_add (seen, name);
    }

  return names;
}

typedef struct
{
  OrchardReadOptions *options;
  char                delimiter;
  gboolean            has_header;
  GPtrArray          *names;        /* from the sample; NULL when read in the pass */
  SlotMode           *modes;
  gboolean           *forced;
  gboolean           *forced_text;
  guint               n_columns;
  gsize               expected_rows;
  GPtrArray          *warnings;
} Plan;

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->names, g_ptr_array_unref);
  g_clear_pointer (&plan->modes, g_free);
  g_clear_pointer (&plan->forced, g_free);
  g_clear_pointer (&plan->forced_text, g_free);
  g_clear_pointer (&plan->warnings, g_ptr_array_unref);
  g_clear_pointer (&plan->options, orchard_read_options_unref);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static void
slot_setup (Slot     *slot,
            char     *name,
            SlotMode  mode)
{
  slot->name = name;
  slot->mode = mode;
  slot->levels = g_ptr_array_new_with_free_func (g_free);
  slot->index = g_hash_table_new (g_str_hash, g_str_equal);
  slot->examples = g_ptr_array_new_with_free_func (g_free);
}

static void
slot_clear (Slot *slot)
{
  g_clear_pointer (&slot->name, g_free);
  g_clear_pointer (&slot->values, g_free);
  g_clear_pointer (&slot->codes, g_free);
  g_clear_pointer (&slot->index, g_hash_table_unref);
  g_clear_pointer (&slot->levels, g_ptr_array_unref);
  g_clear_pointer (&slot->examples, g_ptr_array_unref);
}

static void
finish_header (Parse *st)
{
  /* Only reached when the plan did not know the names (no sample rows). */
  st->header_pending = FALSE;
}

/* Reading ---------------------------------------------------------------- */

static gboolean
read_sample (GInputStream  *stream,
             GByteArray    *out,
             gboolean      *whole,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize total = 0;

  g_byte_array_set_size (out, SAMPLE_BYTES);

  while (total < SAMPLE_BYTES)
    {
      gssize n = g_input_stream_read (stream, out->data + total, SAMPLE_BYTES - total,
                                      cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      total += n;
    }

  *whole = total < SAMPLE_BYTES;
  g_byte_array_set_size (out, total);

  return TRUE;
}

static gsize
bom_length (const guint8 *data,
            gsize         len)
{
  if (len >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    return 3;
  return 0;
}

static Plan *
make_plan (const char          *display_name,
           OrchardReadOptions  *options,
           const guint8        *data,
           gsize                len,
           gboolean             whole,
           goffset              total_size,
           GError             **error)
{
  g_autoptr(Plan) plan = g_new0 (Plan, 1);
  g_autoptr(GPtrArray) records = NULL;
  GPtrArray *first;
  guint data_start;

  plan->options = orchard_read_options_ref (options);
  plan->warnings = g_ptr_array_new_with_free_func (g_free);

  if (len == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY, "%s is empty", display_name);
      return NULL;
    }

  plan->delimiter = orchard_read_options_get_delimiter (options);
  if (plan->delimiter == 0)
    plan->delimiter = sniff_delimiter ((const char *) data, len, whole);

  records = sample_records ((const char *) data, len, whole, plan->delimiter, SAMPLE_ROWS);

  if (records->len == 0)
    {
      if (whole)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                       "%s holds no rows", display_name);
          return NULL;
        }
      /* A first record longer than the sample: let the streaming pass see it. */
      plan->has_header = orchard_read_options_get_header (options) != ORCHARD_HEADER_ABSENT;
      plan->n_columns = 0;
      return g_steal_pointer (&plan);
    }

  switch (orchard_read_options_get_header (options))
    {
    case ORCHARD_HEADER_PRESENT:
      plan->has_header = TRUE;
      break;
    case ORCHARD_HEADER_ABSENT:
      plan->has_header = FALSE;
      break;
    case ORCHARD_HEADER_AUTO:
    default:
      plan->has_header = sniff_header (options, records);
      break;
    }

  first = g_ptr_array_index (records, 0);
  plan->n_columns = first->len;
  plan->names = make_names (plan->has_header ? first : NULL, plan->n_columns, plan->warnings);
  plan->modes = g_new0 (SlotMode, plan->n_columns);
  plan->forced = g_new0 (gboolean, plan->n_columns);
  plan->forced_text = g_new0 (gboolean, plan->n_columns);
  data_start = plan->has_header ? 1 : 0;

  for (guint c = 0; c < plan->n_columns; c++)
    {
      const char *name = g_ptr_array_index (plan->names, c);
      double stray_share = orchard_read_options_get_stray_share (options);
      guint numbers = 0, dates = 0, others = 0;
      guint present;
      OrchardColumnKind kind;

      if (orchard_read_options_get_kind (options, name, &kind))
        {
          plan->forced[c] = TRUE;
          plan->forced_text[c] = kind == ORCHARD_COLUMN_KIND_TEXT;
          plan->modes[c] = kind == ORCHARD_COLUMN_KIND_NUMERIC ? SLOT_NUMERIC :
                           kind == ORCHARD_COLUMN_KIND_DATETIME ? SLOT_DATETIME : SLOT_CODED;
          continue;
        }

      for (guint r = data_start; r < records->len; r++)
        {
          GPtrArray *rec = g_ptr_array_index (records, r);

          if (c >= rec->len)
            continue;

          switch (classify (options, g_ptr_array_index (rec, c)))
            {
            case TOKEN_NUMBER: numbers++; break;
            case TOKEN_DATETIME: dates++; break;
            case TOKEN_OTHER: others++; break;
            case TOKEN_MISSING:
            default:
              break;
            }
        }

      present = numbers + dates + others;
      if (present == 0)
        plan->modes[c] = SLOT_UNDECIDED;
      else if (numbers >= present * (1.0 - stray_share))
        plan->modes[c] = SLOT_NUMERIC;
      else if (dates >= present * (1.0 - stray_share))
        plan->modes[c] = SLOT_DATETIME;
      else
        plan->modes[c] = SLOT_CODED;
    }

  /* Size the columns once from the sample's bytes per row. */
  if (whole)
    plan->expected_rows = records->len;
  else if (records->len > data_start)
    plan->expected_rows = (gsize) ((double) total_size / ((double) len / records->len) * 1.02) + 16;

  return g_steal_pointer (&plan);
}

static void
report (OrchardProgress  progress,
        gpointer         progress_data,
        double           fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), NULL, progress_data);
}

static gboolean
stream_pass (Parse            *st,
             const Plan       *plan,
             GInputStream     *stream,
             goffset           total_size,
             OrchardProgress   progress,
             gpointer          progress_data,
             double            progress_from,
             double            progress_to,
             GCancellable     *cancellable,
             GError          **error)
{
  struct csv_parser p;
  g_autofree guint8 *buf = g_malloc (CHUNK_SIZE);
  goffset done = 0;
  gboolean first_chunk = TRUE;

  parser_init (&p, plan->delimiter);

  for (;;)
    {
      gssize n;
      gsize skip = 0;
      gsize parsed;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          csv_free (&p);
          return FALSE;
        }

      n = g_input_stream_read (stream, buf, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        {
          csv_free (&p);
          return FALSE;
        }
      if (n == 0)
        break;

      if (first_chunk)
        {
          skip = bom_length (buf, n);
          first_chunk = FALSE;
        }

      parsed = csv_parse (&p, buf + skip, n - skip, on_field, on_record, st);
      if (st->error == NULL && parsed != (gsize) (n - skip))
        {
          parse_fail (st, st->field + 1, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                      "misplaced quote: a quote inside an unquoted field, or text after a "
                      "closing quote");
        }
      if (st->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&st->error));
          csv_free (&p);
          return FALSE;
        }

      done += n;
      if (total_size > 0)
        report (progress, progress_data,
                progress_from + (progress_to - progress_from) * done / (double) total_size);
    }

  if (csv_fini (&p, on_field, on_record, st) != 0 && st->error == NULL)
    {
      gsize open_line = st->field > 0 ? st->record_line : st->line;

      st->record_line = open_line;
      parse_fail (st, st->field + 1, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                  "unterminated quoted field: the quote opened here is never closed");
    }
  csv_free (&p);

  if (st->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&st->error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
levels_as_numbers (Slot                *slot,
                   gsize                n_rows,
                   OrchardReadOptions  *options,
                   gboolean             datetime,
                   GPtrArray           *warnings,
                   double             **values_out)
{
  guint n_levels = slot->levels->len;
  g_autofree double *level_values = g_new (double, MAX (n_levels, 1));
  g_autofree gsize *level_counts = g_new0 (gsize, MAX (n_levels, 1));
  g_autoptr(GPtrArray) bad = g_ptr_array_new ();
  gsize present = 0;
  gsize stray = 0;
  double *values;

  for (gsize r = 0; r < n_rows; r++)
    if (slot->codes[r] != ORCHARD_CODE_MISSING)
      {
        level_counts[slot->codes[r]]++;
        present++;
      }

  for (guint l = 0; l < n_levels; l++)
    {
      const char *level = g_ptr_array_index (slot->levels, l);
      gboolean ok = datetime ? orchard_parse_datetime (level, strlen (level), &level_values[l])
                             : orchard_parse_double (level, strlen (level), &level_values[l]);
      if (!ok)
        {
          level_values[l] = NAN;
          stray += level_counts[l];
          g_ptr_array_add (bad, (gpointer) level);
        }
    }

  if (present == 0 || stray == present ||
      stray > present * orchard_read_options_get_stray_share (options))
    return FALSE;

  values = g_new (double, MAX (n_rows, 1));
  for (gsize r = 0; r < n_rows; r++)
    values[r] = slot->codes[r] == ORCHARD_CODE_MISSING ? NAN : level_values[slot->codes[r]];

  if (stray > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("Column “%s”: %" G_GSIZE_FORMAT " values are not %s "
                                      "(for example “%s”); they were read as missing",
                                      slot->name, stray, datetime ? "dates" : "numbers",
                                      (const char *) g_ptr_array_index (bad, 0)));

  *values_out = values;
  return TRUE;
}

static gboolean
looks_like_text (Slot  *slot,
                 gsize  n_rows)
{
  gsize total_len = 0;
  guint with_space = 0;
  guint n_levels = slot->levels->len;

  if (n_levels < 2 || n_levels * 2 < n_rows - slot->n_missing)
    return FALSE;

  for (guint l = 0; l < n_levels; l++)
    {
      const char *level = g_ptr_array_index (slot->levels, l);

      total_len += strlen (level);
      if (strchr (level, ' ') != NULL)
        with_space++;
    }

  /* Mostly distinct values that read like sentences. */
  return total_len >= 25 * (gsize) n_levels && with_space * 2 >= n_levels;
}

static OrchardColumn *
slot_to_column (Slot                *slot,
                gsize                n_rows,
                OrchardReadOptions  *options,
                GPtrArray           *warnings)
{
  double *values = NULL;
  OrchardColumn *column;

  switch (slot->mode)
    {
    case SLOT_NUMERIC:
    case SLOT_DATETIME:
      if (slot->n_stray > 0)
        {
          g_autofree char *examples = NULL;

          g_ptr_array_add (slot->examples, NULL);
          examples = g_strjoinv (", ", (char **) slot->examples->pdata);
          g_ptr_array_add (warnings,
                           g_strdup_printf ("Column “%s”: %" G_GSIZE_FORMAT " values are not "
                                            "%s (%s); they were read as missing",
                                            slot->name, slot->n_stray,
                                            slot->mode == SLOT_NUMERIC ? "numbers" : "dates",
                                            examples));
        }
      values = g_realloc_n (g_steal_pointer (&slot->values), MAX (n_rows, 1), sizeof (double));
      if (slot->mode == SLOT_NUMERIC)
        return orchard_column_new_numeric (slot->name, values, n_rows);
      return orchard_column_new_datetime (slot->name, values, n_rows);

    case SLOT_UNDECIDED:
      if (slot->levels->len == 0)
        {
          values = g_new (double, MAX (n_rows, 1));
          for (gsize r = 0; r < n_rows; r++)
            values[r] = NAN;
          return orchard_column_new_numeric (slot->name, values, n_rows);
        }
      if (levels_as_numbers (slot, n_rows, options, FALSE, warnings, &values))
        return orchard_column_new_numeric (slot->name, values, n_rows);
      if (levels_as_numbers (slot, n_rows, options, TRUE, warnings, &values))
        return orchard_column_new_datetime (slot->name, values, n_rows);
      G_GNUC_FALLTHROUGH;

    case SLOT_CODED:
      column = orchard_column_new_categorical (slot->name,
                                               g_realloc_n (g_steal_pointer (&slot->codes),
                                                            MAX (n_rows, 1), sizeof (guint32)),
                                               n_rows,
                                               g_steal_pointer (&slot->levels),
                                               slot->forced ? slot->forced_text
                                                            : looks_like_text (slot, n_rows));
      slot->levels = g_ptr_array_new ();
      return column;

    default:
      g_assert_not_reached ();
    }
}

static OrchardTable *
read_stream (GInputStream        *stream,
             const char          *display_name,
             const char          *source,
             goffset              total_size,
             OrchardReadOptions  *options,
             OrchardProgress      progress,
             gpointer             progress_data,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(Plan) plan = NULL;
  g_autoptr(OrchardReadOptions) local_options = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(OrchardTable) table = NULL;
  gboolean whole = FALSE;
  gsize bom;
  guint pass;

  if (options == NULL)
    options = local_options = orchard_read_options_new ();

  if (!read_sample (stream, head, &whole, cancellable, error))
    return NULL;

  bom = bom_length (head->data, head->len);
  plan = make_plan (display_name, options, head->data + bom, head->len - bom, whole,
                    total_size, error);
  if (plan == NULL)
    return NULL;

  if (progress != NULL)
    progress (0.0, NULL, progress_data);

  for (pass = 0; pass < 2; pass++)
    {
      Parse st = { 0 };
      gboolean again = FALSE;
      gboolean ok;

      if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
        return NULL;

      st.display_name = display_name;
      st.options = options;
      st.line = 1;
      st.record_line = 1;
      st.header = g_ptr_array_new_with_free_func (g_free);

      if (plan->names == NULL)
        {
          /* The sample held no complete record: the first one is huge. */
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                       "%s, line 1: the first row is longer than %d bytes; is this a CSV file?",
                       display_name, SAMPLE_BYTES);
          g_ptr_array_unref (st.header);
          return NULL;
        }

      st.n_slots = plan->n_columns;
      st.slots = g_new0 (Slot, st.n_slots);
      for (guint c = 0; c < st.n_slots; c++)
        {
          slot_setup (&st.slots[c], g_strdup (g_ptr_array_index (plan->names, c)), plan->modes[c]);
          st.slots[c].forced = plan->forced[c];
          st.slots[c].forced_text = plan->forced_text[c];
        }
      /* The header's names are already known from the sample; the pass
       * skips the first record through header_pending. */
      st.header_pending = plan->has_header;

      if (plan->expected_rows > 0)
        {
          st.capacity = plan->expected_rows;
          for (guint c = 0; c < st.n_slots; c++)
            {
              if (st.slots[c].mode == SLOT_NUMERIC || st.slots[c].mode == SLOT_DATETIME)
                st.slots[c].values = g_new (double, st.capacity);
              else
                st.slots[c].codes = g_new (guint32, st.capacity);
            }
        }

      ok = stream_pass (&st, plan, stream, total_size, progress, progress_data,
                        pass == 0 ? 0.0 : 0.5, 1.0, cancellable, error);

      if (ok && st.n_rows == 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                       plan->has_header ? "%s has a header but no data rows"
                                        : "%s holds no rows", display_name);
          ok = FALSE;
        }

      if (ok)
        {
          /* A sampled-numeric column that is mostly text after all. */
          for (guint c = 0; c < st.n_slots; c++)
            {
              Slot *slot = &st.slots[c];
              gsize present = st.n_rows - slot->n_missing;

              if ((slot->mode == SLOT_NUMERIC || slot->mode == SLOT_DATETIME) && !slot->forced &&
                  slot->n_stray > present * orchard_read_options_get_stray_share (options))
                {
                  plan->modes[c] = SLOT_CODED;
                  again = TRUE;
                }
            }
        }

      if (ok && !again)
        {
          columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
          for (guint c = 0; c < st.n_slots; c++)
            g_ptr_array_add (columns, slot_to_column (&st.slots[c], st.n_rows, options,
                                                      plan->warnings));
        }

      for (guint c = 0; c < st.n_slots; c++)
        slot_clear (&st.slots[c]);
      g_free (st.slots);
      g_ptr_array_unref (st.header);
      g_clear_error (&st.error);

      if (!ok)
        return NULL;
      if (!again)
        break;
    }

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, error);
  if (table == NULL)
    return NULL;

  orchard_table_set_origin (table, source, plan->delimiter == '\t' ? "tsv" : "csv",
                            plan->warnings);

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  return g_steal_pointer (&table);
}

/**
 * orchard_csv_read_file:
 * @file: a CSV or TSV file
 * @options: (nullable): reading options, or %NULL to sniff everything
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads a delimited text file. Errors in the file are reported with the
 * file name, line and column; the reader never crashes on arbitrary bytes.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OrchardTable *
orchard_csv_read_file (GFile               *file,
                       OrchardReadOptions  *options,
                       OrchardProgress      progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_basename (file);
  path = g_file_get_path (file);

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);

  return read_stream (G_INPUT_STREAM (stream), display_name, path != NULL ? path : display_name,
                      info != NULL ? g_file_info_get_size (info) : 0, options,
                      progress, progress_data, cancellable, error);
}

/**
 * orchard_csv_read_bytes:
 * @bytes: the content of a CSV or TSV file
 * @display_name: the name to use in messages
 * @options: (nullable): reading options, or %NULL to sniff everything
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like orchard_csv_read_file() on data already in memory.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OrchardTable *
orchard_csv_read_bytes (GBytes              *bytes,
                        const char          *display_name,
                        OrchardReadOptions  *options,
                        OrchardProgress      progress,
                        gpointer             progress_data,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GInputStream) stream = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = g_memory_input_stream_new_from_bytes (bytes);

  return read_stream (stream, display_name, display_name, g_bytes_get_size (bytes), options,
                      progress, progress_data, cancellable, error);
}
