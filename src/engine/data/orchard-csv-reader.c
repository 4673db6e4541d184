/* orchard-csv-reader.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <csv.h>
#include <math.h>
#include <string.h>

#include "orchard-csv-pipeline-private.h"
#include "orchard-csv-reader.h"
#include "orchard-error.h"
#include "orchard-level-index-private.h"
#include "orchard-parse.h"
#include "orchard-table-private.h"

/* How the reader works: a sample from the head of the file decides the
 * delimiter, the header and each column's kind; one streaming pass then
 * fills typed column arrays directly, so a numeric column never holds its
 * text. A column that the sample called numeric but that turns out to be
 * mostly text is the one case that needs a second pass.
 *
 * The sample only guesses; the typing rule holds on the whole file. A
 * categorical column (or one all missing in the sample) keeps each
 * distinct value once, so at the end its levels are checked against the
 * same rule the sample used: numeric, or datetime, when at most the stray
 * share of its values is something else.
 *
 * When the sample holds no complete row (a first row longer than the
 * sample, or a first row the parser rejects), the pass learns the columns
 * from the first record it reads and types them all at the end; a broken
 * first row then gets the same precise error as any other. */

#define CHUNK_SIZE        (1 << 20)
#define SAMPLE_BYTES      (1 << 20)
#define SAMPLE_ROWS       2000
#define SNIFF_BYTES       65536
#define SNIFF_ROWS        200
#define MAX_EXAMPLES      3
#define EXAMPLE_CHARS     40
#define FIRST_PASS_SHARE  0.95   /* of the progress bar; a second pass gets the rest */
#define PIPELINE_BYTES    (256 * 1024)   /* smaller inputs are converted on the caller's thread */

typedef struct csv_parser CsvParser;
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsvParser, csv_free)

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
  OrchardLevelIndex *index; /* over levels */
  GPtrArray   *levels;
  GArray      *level_lines;  /* gsize: the line where each level first appears */
  gsize        n_missing;
  gsize        n_stray;
  GPtrArray   *examples;     /* “abc” on line 5 */
} Slot;

typedef struct
{
  OrchardProgress  callback;
  gpointer         data;
  double           last;
} Progress;

typedef struct
{
  const char          *display_name;
  OrchardReadOptions  *options;
  char                 delimiter;
  gboolean             has_header;
  GPtrArray           *warnings;      /* the plan's; names learned in the pass warn here */
  Slot                *slots;
  guint                n_slots;
  gsize                capacity;
  gsize                n_rows;
  guint                field;         /* fields seen in the current record */
  gboolean             first_pending; /* the first record is collected, not stored */
  gboolean             learning;      /* … and it defines the columns */
  GPtrArray           *first;         /* GBytes: the first record's fields */
  gsize                line;          /* physical line the parser is on, 1-based */
  gsize                record_line;   /* line where the current record began */
  int                  last_term;
  GError              *error;
} Parse;

typedef struct
{
  GPtrArray *records;     /* GPtrArray of char* */
  GPtrArray *current;
  guint      max_records;
  gsize      n_seen;      /* complete records, also those past max_records */
} Sample;

static int
space_only (unsigned char c)
{
  return c == ' ';
}

static void
parser_init (CsvParser *p,
             char       delimiter)
{
  csv_init (p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL | CSV_APPEND_NULL);
  csv_set_delim (p, (unsigned char) delimiter);
  /* libcsv trims blanks around unquoted fields, tabs included; a tab that
   * delimits must not be trimmed away. Without a space function libcsv
   * tests for space or tab inline instead of calling one per byte, so only
   * TSV pays for one. */
  csv_set_space_func (p, delimiter == '\t' ? space_only : NULL);
  csv_set_blk_size (p, 1024);
}

static gboolean
too_many_strays (gsize   stray,
                 gsize   present,
                 double  share)
{
  return (double) stray > share * (double) present;
}

/* Line breaks inside a field's text: CRLF, LF and a lone CR each count once. */
static gsize
count_line_breaks (const char *s,
                   gsize       len)
{
  gsize n = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (s[i] == '\n')
        n++;
      else if (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'))
        n++;
    }

  return n;
}

static const char *
delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',': return "“,”";
    case ';': return "“;”";
    case '|': return "“|”";
    case '\t': return "a tab";
    case ' ': return "a space";
    default: return "the delimiter";
    }
}

/* A short, valid, one-line rendering of a (valid UTF-8) value for messages. */
static char *
example_text (const char *s,
              gsize       len)
{
  GString *out = g_string_sized_new (MIN (len, EXAMPLE_CHARS * 4) + 8);
  const char *p = s;
  const char *end = s + len;
  guint chars = 0;

  while (p < end && chars < EXAMPLE_CHARS)
    {
      const char *next = g_utf8_next_char (p);

      if ((guchar) *p < 0x20)
        g_string_append_c (out, ' ');
      else
        g_string_append_len (out, p, next - p);
      p = next;
      chars++;
    }
  if (p < end)
    g_string_append (out, "…");

  return g_string_free (out, FALSE);
}

/* Sampling ------------------------------------------------------------- */

static void
sample_field (void   *s,
              size_t  len,
              void   *data)
{
  Sample *sample = data;

  if (sample->records->len >= sample->max_records)
    {
      /* Still count the record, not its fields. */
      if (sample->current == NULL)
        sample->current = g_ptr_array_new ();
      return;
    }

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

  sample->n_seen++;
  if (sample->records->len < sample->max_records)
    g_ptr_array_add (sample->records, sample->current);
  else
    g_ptr_array_unref (sample->current);

  sample->current = NULL;
}

/* Parses @buf up to the first error; the record cut by the end of @buf,
 * unless @whole, is dropped. */
static GPtrArray *
sample_records (const char *buf,
                gsize       len,
                gboolean    whole,
                char        delimiter,
                guint       max_records,
                gboolean   *clean,
                gsize      *n_seen)
{
  g_auto(CsvParser) p = { 0 };
  Sample sample = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL,
                    max_records, 0 };
  gboolean ok;

  parser_init (&p, delimiter);
  ok = csv_parse (&p, buf, len, sample_field, sample_row, &sample) == len;
  if (ok && whole)
    ok = csv_fini (&p, sample_field, sample_row, &sample) == 0;

  g_clear_pointer (&sample.current, g_ptr_array_unref);

  if (clean != NULL)
    *clean = ok;
  if (n_seen != NULL)
    *n_seen = sample.n_seen;

  return sample.records;
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

/* The kind the typing rule gives to a column of these token counts. */
static SlotMode
choose_mode (guint   numbers,
             guint   dates,
             guint   others,
             double  share)
{
  guint present = numbers + dates + others;

  if (present == 0)
    return SLOT_UNDECIDED;
  if (numbers > 0 && !too_many_strays (present - numbers, present, share))
    return SLOT_NUMERIC;
  if (dates > 0 && !too_many_strays (present - dates, present, share))
    return SLOT_DATETIME;
  return SLOT_CODED;
}

typedef struct
{
  gboolean  clean;         /* the sample parses without a quoting error */
  double    consistency;   /* share of records with the modal field count */
  double    typed;         /* share of present cells that are numbers or dates */
  guint     mode;          /* the modal field count */
} DelimiterScore;

static gboolean
score_better (const DelimiterScore *a,
              const DelimiterScore *b)
{
  if (a->clean != b->clean)
    return a->clean;
  if (fabs (a->consistency - b->consistency) > 1e-9)
    return a->consistency > b->consistency;
  if (fabs (a->typed - b->typed) > 1e-9)
    return a->typed > b->typed;
  return a->mode > b->mode;
}

static char
sniff_delimiter (OrchardReadOptions *options,
                 const char         *buf,
                 gsize               len,
                 gboolean            whole)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  gsize n = MIN (len, SNIFF_BYTES);
  gboolean all = whole && len <= SNIFF_BYTES;
  DelimiterScore best = { FALSE, -1.0, 0.0, 0 };
  char best_delimiter = 0;
  gsize counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean quoted = FALSE;
  gsize best_count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      DelimiterScore score = { FALSE, 0.0, 0.0, 0 };
      g_autoptr(GPtrArray) records = sample_records (buf, n, all, candidates[i], SNIFF_ROWS,
                                                     &score.clean, NULL);
      g_autoptr(GHashTable) widths = g_hash_table_new (NULL, NULL);
      guint mode_count = 0;
      guint typed = 0;
      guint present = 0;

      for (guint r = 0; r < records->len; r++)
        {
          GPtrArray *rec = g_ptr_array_index (records, r);
          guint w = rec->len;
          guint c = GPOINTER_TO_UINT (g_hash_table_lookup (widths, GUINT_TO_POINTER (w))) + 1;

          g_hash_table_insert (widths, GUINT_TO_POINTER (w), GUINT_TO_POINTER (c));
          if (c > mode_count || (c == mode_count && w > score.mode))
            {
              score.mode = w;
              mode_count = c;
            }

          for (guint f = 0; f < rec->len; f++)
            switch (classify (options, g_ptr_array_index (rec, f)))
              {
              case TOKEN_NUMBER:
              case TOKEN_DATETIME:
                typed++;
                present++;
                break;
              case TOKEN_OTHER:
                present++;
                break;
              case TOKEN_MISSING:
              default:
                break;
              }
        }

      if (score.mode < 2)
        continue;

      score.consistency = (double) mode_count / records->len;
      score.typed = present > 0 ? (double) typed / present : 0.0;

      if (best_delimiter == 0 || score_better (&score, &best))
        {
          best = score;
          best_delimiter = candidates[i];
        }
    }

  if (best_delimiter != 0)
    return best_delimiter;

  /* No candidate splits a whole record (a single column, or a first row
   * longer than the sniffed bytes): the one seen most outside quotes. */
  for (gsize k = 0; k < n; k++)
    {
      if (buf[k] == '"')
        quoted = !quoted;
      else if (!quoted)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (buf[k] == candidates[i])
            counts[i]++;
    }
  best_delimiter = ',';
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > best_count)
      {
        best_count = counts[i];
        best_delimiter = candidates[i];
      }

  return best_delimiter;
}

static gboolean
sniff_header (OrchardReadOptions *options,
              GPtrArray          *records)
{
  GPtrArray *first;
  double share = orchard_read_options_get_stray_share (options);
  gboolean votes_no = FALSE;

  if (records->len == 0)
    return TRUE;

  first = g_ptr_array_index (records, 0);

  if (records->len == 1)
    {
      guint typed = 0;
      guint others = 0;

      /* A lone row is a header unless it holds only numbers and dates. */
      for (guint c = 0; c < first->len; c++)
        switch (classify (options, g_ptr_array_index (first, c)))
          {
          case TOKEN_NUMBER:
          case TOKEN_DATETIME:
            typed++;
            break;
          case TOKEN_OTHER:
            others++;
            break;
          case TOKEN_MISSING:
          default:
            break;
          }
      return others > 0 || typed == 0;
    }

  for (guint c = 0; c < first->len; c++)
    {
      guint numbers = 0, dates = 0, others = 0;
      SlotMode mode;
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

      mode = choose_mode (numbers, dates, others, share);
      if (mode != SLOT_NUMERIC && mode != SLOT_DATETIME)
        continue;

      head = classify (options, g_ptr_array_index (first, c));

      /* Text above a typed column names it. */
      if (head == TOKEN_OTHER)
        return TRUE;
      if ((head == TOKEN_NUMBER && mode == SLOT_NUMERIC) ||
          (head == TOKEN_DATETIME && mode == SLOT_DATETIME))
        votes_no = TRUE;
    }

  /* All-text files nearly always have a header; only a first row that
   * matches typed columns is read as data. */
  return !votes_no;
}

/* Names and kinds ---------------------------------------------------------- */

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

/* A kind set for a column the file does not have is a typo worth saying. */
static gboolean
check_kind_overrides (const char          *display_name,
                      OrchardReadOptions  *options,
                      GPtrArray           *names,
                      GError             **error)
{
  g_auto(GStrv) wanted = orchard_read_options_dup_kind_columns (options);

  for (guint i = 0; wanted[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < names->len && !found; c++)
        found = strcmp (wanted[i], g_ptr_array_index (names, c)) == 0;

      if (!found)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "%s: a kind is set for column “%s”, but the file has no such column",
                       display_name, wanted[i]);
          return FALSE;
        }
    }

  return TRUE;
}

static void
slot_setup (Slot                *slot,
            const char          *name,
            SlotMode             mode,
            OrchardReadOptions  *options)
{
  OrchardColumnKind kind;

  slot->name = g_strdup (name);
  slot->mode = mode;
  slot->levels = g_ptr_array_new_with_free_func (g_free);
  slot->level_lines = g_array_new (FALSE, FALSE, sizeof (gsize));
  slot->index = orchard_level_index_new (slot->levels);
  slot->examples = g_ptr_array_new_with_free_func (g_free);

  if (orchard_read_options_get_kind (options, name, &kind))
    {
      slot->forced = TRUE;
      slot->forced_text = kind == ORCHARD_COLUMN_KIND_TEXT;
      slot->mode = kind == ORCHARD_COLUMN_KIND_NUMERIC ? SLOT_NUMERIC :
                   kind == ORCHARD_COLUMN_KIND_DATETIME ? SLOT_DATETIME : SLOT_CODED;
    }
}

static void
slot_clear (Slot *slot)
{
  g_clear_pointer (&slot->name, g_free);
  g_clear_pointer (&slot->values, g_free);
  g_clear_pointer (&slot->codes, g_free);
  g_clear_pointer (&slot->index, orchard_level_index_free);
  g_clear_pointer (&slot->levels, g_ptr_array_unref);
  g_clear_pointer (&slot->level_lines, g_array_unref);
  g_clear_pointer (&slot->examples, g_ptr_array_unref);
}

static void
slots_allocate (Parse *st,
                gsize  capacity)
{
  for (guint c = 0; c < st->n_slots; c++)
    {
      Slot *slot = &st->slots[c];

      if (slot->mode == SLOT_NUMERIC || slot->mode == SLOT_DATETIME)
        slot->values = g_renew (double, slot->values, capacity);
      else
        slot->codes = g_renew (guint32, slot->codes, capacity);
    }

  st->capacity = capacity;
}

/* Streaming pass --------------------------------------------------------- */

static void
parse_fail (Parse      *st,
            gsize       line,
            guint       column,
            GQuark      domain,
            int         code,
            const char *format,
            ...) G_GNUC_PRINTF (6, 7);

static void
parse_fail (Parse      *st,
            gsize       line,
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
                 st->display_name, line, column, message);
  else
    g_set_error (&st->error, domain, code, "%s, line %" G_GSIZE_FORMAT ": %s",
                 st->display_name, line, message);
}

/* The current field must be UTF-8 without NUL bytes; on failure names the
 * physical line of the first bad byte. */
static gboolean
check_utf8 (Parse       *st,
            const char  *str,
            gsize        len,
            const Slot  *slot)
{
  const char *end;
  gsize line;
  g_autofree char *name = NULL;

  if (G_LIKELY (g_utf8_validate_len (str, len, &end)))
    return TRUE;

  line = st->line + count_line_breaks (str, end - str);
  if (slot == NULL)
    {
      parse_fail (st, line, st->field, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING,
                  "the column name is not valid UTF-8 (byte 0x%02X); save the file as UTF-8",
                  (guchar) *end);
      return FALSE;
    }

  name = example_text (slot->name, strlen (slot->name));
  parse_fail (st, line, st->field, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING,
              "the value in column “%s” is not valid UTF-8 (byte 0x%02X); save the file "
              "as UTF-8", name, (guchar) *end);

  return FALSE;
}

static void
advance_lines (Parse      *st,
               const char *str,
               gsize       len)
{
  st->line += count_line_breaks (str, len);
}

/* A known level was checked when it was first seen; a @str with a NUL
 * inside never matches one, and check_utf8() rejects it. */
static gboolean
slot_intern (Parse      *st,
             Slot       *slot,
             const char *str,
             gsize       len,
             guint32    *code)
{
  char *copy;

  if (G_LIKELY (orchard_level_index_lookup (slot->index, str, len, code)))
    return TRUE;

  if (!check_utf8 (st, str, len, slot))
    return FALSE;

  if (G_UNLIKELY (slot->levels->len >= ORCHARD_CODE_MISSING - 1))
    {
      parse_fail (st, st->line, st->field, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                  "column “%s” has more distinct values than Orchard can hold", slot->name);
      return FALSE;
    }

  copy = g_strndup (str, len);
  g_ptr_array_add (slot->levels, copy);
  g_array_append_val (slot->level_lines, st->line);
  orchard_level_index_add (slot->index, slot->levels->len - 1);
  *code = slot->levels->len - 1;

  return TRUE;
}

static void
slot_add_stray (Parse      *st,
                Slot       *slot,
                const char *s,
                gsize       len)
{
  slot->n_stray++;
  if (slot->examples->len < MAX_EXAMPLES)
    {
      g_autofree char *text = example_text (s, len);

      g_ptr_array_add (slot->examples,
                       g_strdup_printf ("“%s” on line %" G_GSIZE_FORMAT, text, st->line));
    }
}

/* Stores the current field (number st->field) in row st->n_rows. */
static void
store_field (Parse      *st,
             const char *str,
             gsize       len)
{
  Slot *slot;
  guint32 code;

  if (G_UNLIKELY (st->field > st->n_slots))
    {
      /* Reported as a ragged row when the record ends. */
      advance_lines (st, str, len);
      return;
    }

  if (G_UNLIKELY (st->n_rows >= st->capacity))
    slots_allocate (st, MAX (st->capacity + st->capacity / 2, 1024));

  slot = &st->slots[st->field - 1];

  switch (slot->mode)
    {
    case SLOT_NUMERIC:
      if (G_LIKELY (orchard_parse_double (str, len, &slot->values[st->n_rows])))
        return;
      slot->values[st->n_rows] = NAN;
      break;

    case SLOT_DATETIME:
      if (orchard_parse_datetime (str, len, &slot->values[st->n_rows]))
        return;
      slot->values[st->n_rows] = NAN;
      break;

    case SLOT_CODED:
    case SLOT_UNDECIDED:
      if (orchard_read_options_is_missing (st->options, str, len))
        {
          slot->codes[st->n_rows] = ORCHARD_CODE_MISSING;
          slot->n_missing++;
          advance_lines (st, str, len);
          return;
        }
      if (!slot_intern (st, slot, str, len, &code))
        return;
      slot->codes[st->n_rows] = code;
      if (G_UNLIKELY (strpbrk (str, "\r\n") != NULL))
        advance_lines (st, str, len);
      return;

    default:
      g_assert_not_reached ();
    }

  /* Not a value of the column's kind: missing, or stray. */
  if (orchard_read_options_is_missing (st->options, str, len))
    {
      slot->n_missing++;
      advance_lines (st, str, len);
      return;
    }
  if (!check_utf8 (st, str, len, slot))
    return;
  slot_add_stray (st, slot, str, len);
  advance_lines (st, str, len);
}

static void
collect_field (Parse      *st,
               const char *str,
               gsize       len)
{
  /* A header must be text now; data is checked when it is stored. */
  if (st->has_header && !check_utf8 (st, str, len, NULL))
    return;

  advance_lines (st, str, len);
  g_ptr_array_add (st->first, g_bytes_new (str, len + 1));
}

static void
on_field (void   *s,
          size_t  len,
          void   *data)
{
  Parse *st = data;
  const char *str = s ? s : "";

  if (st->error != NULL)
    return;

  if (st->field == 0)
    st->record_line = st->line;

  st->field++;

  if (G_UNLIKELY (st->first_pending))
    collect_field (st, str, len);
  else
    store_field (st, str, len);
}

/* The columns of a file whose sample held no complete record. */
static void
learn_columns (Parse *st)
{
  g_autoptr(GPtrArray) raw = NULL;
  g_autoptr(GPtrArray) names = NULL;
  guint n = st->first->len;

  if (st->has_header)
    {
      raw = g_ptr_array_new ();
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (raw, (gpointer) g_bytes_get_data (g_ptr_array_index (st->first, i), NULL));
    }

  names = make_names (raw, n, st->warnings);
  if (!check_kind_overrides (st->display_name, st->options, names, &st->error))
    return;

  st->n_slots = n;
  st->slots = g_new0 (Slot, n);
  for (guint c = 0; c < n; c++)
    slot_setup (&st->slots[c], g_ptr_array_index (names, c), SLOT_UNDECIDED, st->options);

  if (!st->has_header)
    {
      gsize line = st->line;

      /* The first record is data: store it as the pass would have. */
      st->line = st->record_line;
      st->field = 0;
      for (guint i = 0; i < n && st->error == NULL; i++)
        {
          gsize size;
          const char *str = g_bytes_get_data (g_ptr_array_index (st->first, i), &size);

          st->field++;
          store_field (st, str, size - 1);
        }
      st->line = line;
      if (st->error == NULL)
        st->n_rows++;
    }
}

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

  if (G_UNLIKELY (st->first_pending))
    {
      st->first_pending = FALSE;
      if (st->learning)
        learn_columns (st);
      g_ptr_array_set_size (st->first, 0);
    }
  else if (G_UNLIKELY (st->field != st->n_slots))
    {
      parse_fail (st, st->record_line, MIN (st->field, st->n_slots + 1),
                  ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                  "expected %u fields, found %u", st->n_slots, st->field);
      return;
    }
  else
    st->n_rows++;

  if (c != -1)
    st->line++;
  st->field = 0;
}

/* libcsv stopped: a quote where none may be, or a field too big to hold. */
static void
parser_fail (Parse     *st,
             CsvParser *p,
             guchar     c)
{
  gsize line = st->line + (p->entry_pos > 0
                           ? count_line_breaks ((const char *) p->entry_buf, p->entry_pos)
                           : 0);
  guint column = st->field + 1;
  g_autofree char *what = NULL;

  if (csv_error (p) != CSV_EPARSE)
    {
      parse_fail (st, line, column, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                  "the field is too large to hold in memory");
      return;
    }

  if (!p->quoted)
    {
      parse_fail (st, line, column, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                  "a quote inside an unquoted field; expected the whole field in quotes, "
                  "with the quote written twice");
      return;
    }

  what = c > 0x20 && c < 0x7F ? g_strdup_printf ("“%c”", c) : g_strdup_printf ("byte 0x%02X", c);
  parse_fail (st, line, column, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
              "%s after the closing quote; expected %s or the end of the line (a quote "
              "inside a quoted field is written twice)", what, delimiter_name (st->delimiter));
}

static void
progress_report (Progress *progress,
                 double    fraction,
                 gboolean  force)
{
  if (progress->callback == NULL)
    return;

  fraction = CLAMP (fraction, progress->last, 1.0);
  if (!force && fraction - progress->last < 0.005)
    return;

  progress->last = fraction;
  progress->callback (fraction, NULL, progress->data);
}

static gboolean
parse_stopped (void *data)
{
  Parse *st = data;

  return st->error != NULL;
}

static gboolean
has_coded_slots (const Parse *st)
{
  for (guint c = 0; c < st->n_slots; c++)
    if (st->slots[c].mode == SLOT_CODED || st->slots[c].mode == SLOT_UNDECIDED)
      return TRUE;

  return FALSE;
}

/* Starts loading what a coded field's lookup will read. */
static void
peek_field (const char *str,
            gsize       len,
            guint       field,
            void       *data)
{
  Parse *st = data;
  Slot *slot;

  if (field >= st->n_slots || st->first_pending)
    return;

  slot = &st->slots[field];
  if (slot->mode == SLOT_CODED || slot->mode == SLOT_UNDECIDED)
    orchard_level_index_prefetch (slot->index, str, len);
}

static gboolean
stream_pass (Parse          *st,
             GInputStream   *stream,
             gsize           bom,
             goffset         total_size,
             Progress       *progress,
             double          progress_from,
             double          progress_to,
             GCancellable   *cancellable,
             GError        **error)
{
  g_auto(CsvParser) p = { 0 };
  g_autoptr(OrchardCsvPipeline) pipeline = NULL;
  gsize chunk_size = total_size > 0 ? CLAMP ((gsize) total_size + 1, 4096, CHUNK_SIZE) : CHUNK_SIZE;
  g_autofree guint8 *buf = NULL;
  goffset done = bom;

  if (!g_seekable_seek (G_SEEKABLE (stream), bom, G_SEEK_SET, cancellable, error))
    return FALSE;

  buf = g_malloc (chunk_size);
  parser_init (&p, st->delimiter);
  /* libcsv tokenizes here while a worker converts the fields: until the
   * pipeline is waited for, st is the worker's. */
  pipeline = orchard_csv_pipeline_new (on_field, on_record, parse_stopped, st,
                                       total_size <= 0 || total_size > PIPELINE_BYTES);
  if (st->n_slots == 0 || has_coded_slots (st))
    orchard_csv_pipeline_set_peek (pipeline, peek_field);

  for (;;)
    {
      gssize n;
      gsize parsed;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      n = g_input_stream_read (stream, buf, chunk_size, cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;

      parsed = orchard_csv_pipeline_parse (pipeline, &p, buf, n);
      if (G_UNLIKELY (parsed != (gsize) n || orchard_csv_pipeline_stopped (pipeline)))
        {
          orchard_csv_pipeline_wait (pipeline);
          if (st->error == NULL)
            parser_fail (st, &p, buf[parsed]);
          g_propagate_error (error, g_steal_pointer (&st->error));
          return FALSE;
        }

      done += n;
      if (total_size > 0)
        progress_report (progress,
                         MIN (progress_from + (progress_to - progress_from) * done / total_size,
                              progress_to),
                         FALSE);
    }

  if (orchard_csv_pipeline_fini (pipeline, &p) != 0 && st->error == NULL)
    parse_fail (st, st->line, st->field + 1, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                "the quoted field that starts here is never closed; expected a closing quote "
                "before the end of the file");

  if (st->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&st->error));
      return FALSE;
    }

  return TRUE;
}

/* Plan ----------------------------------------------------------------- */

typedef struct
{
  char        delimiter;
  gboolean    has_header;
  GPtrArray  *names;        /* from the sample; NULL when learned in the pass */
  SlotMode   *modes;
  guint       n_columns;
  gsize       expected_rows;
  GPtrArray  *warnings;
} Plan;

static void
plan_free (Plan *plan)
{
  g_clear_pointer (&plan->names, g_ptr_array_unref);
  g_clear_pointer (&plan->modes, g_free);
  g_clear_pointer (&plan->warnings, g_ptr_array_unref);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

static gboolean
read_sample (GInputStream  *stream,
             GByteArray    *out,
             gsize          size,
             gboolean      *whole,
             GCancellable  *cancellable,
             GError       **error)
{
  gsize total = 0;

  g_byte_array_set_size (out, size);

  while (total < size)
    {
      gssize n = g_input_stream_read (stream, out->data + total, size - total,
                                      cancellable, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      total += n;
    }

  *whole = total < size;
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

static gboolean
is_blank_text (const guint8 *data,
               gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (data[i] != ' ' && data[i] != '\t' && data[i] != '\r' && data[i] != '\n')
      return FALSE;
  return TRUE;
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
  double share = orchard_read_options_get_stray_share (options);
  GPtrArray *first;
  guint data_start;
  gsize n_seen = 0;

  plan->warnings = g_ptr_array_new_with_free_func (g_free);

  if (len == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   "%s: the file is empty; expected a header row and data rows", display_name);
      return NULL;
    }

  if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_ENCODING,
                   "%s: the file is UTF-16 text; expected UTF-8 (save the file as UTF-8)",
                   display_name);
      return NULL;
    }

  if (whole && is_blank_text (data, len))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   "%s: the file holds only blank lines; expected a header row and data rows",
                   display_name);
      return NULL;
    }

  plan->delimiter = orchard_read_options_get_delimiter (options);
  if (plan->delimiter == 0)
    plan->delimiter = sniff_delimiter (options, (const char *) data, len, whole);

  records = sample_records ((const char *) data, len, whole, plan->delimiter, SAMPLE_ROWS,
                            NULL, &n_seen);

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

  if (records->len == 0)
    return g_steal_pointer (&plan);   /* the pass learns the columns */

  first = g_ptr_array_index (records, 0);
  plan->n_columns = first->len;
  plan->names = make_names (plan->has_header ? first : NULL, plan->n_columns, plan->warnings);
  if (!check_kind_overrides (display_name, options, plan->names, error))
    return NULL;

  plan->modes = g_new0 (SlotMode, plan->n_columns);
  data_start = plan->has_header ? 1 : 0;

  for (guint c = 0; c < plan->n_columns; c++)
    {
      guint numbers = 0, dates = 0, others = 0;

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

      /* Kind overrides win over this in slot_setup(). */
      plan->modes[c] = choose_mode (numbers, dates, others, share);
    }

  /* Size the columns once from the sample's bytes per record. */
  if (whole)
    plan->expected_rows = n_seen;
  else if (n_seen > 0)
    plan->expected_rows = (gsize) ((double) total_size / ((double) len / n_seen) * 1.02) + 16;

  return g_steal_pointer (&plan);
}

/* Columns ------------------------------------------------------------------- */

static char *
join_examples (GPtrArray *examples)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < examples->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (examples, i));
    }

  return g_string_free (out, FALSE);
}

static void
add_stray_warning (GPtrArray  *warnings,
                   const char *column,
                   gsize       n_stray,
                   gsize       n_present,
                   gboolean    dates,
                   GPtrArray  *examples,
                   gboolean    categorical)
{
  g_autofree char *list = join_examples (examples);
  const char *what;
  const char *outcome;

  if (n_stray == 1)
    what = dates ? "values is not a date" : "values is not a number";
  else
    what = dates ? "values are not dates" : "values are not numbers";

  if (categorical)
    outcome = "the column was read as categorical";
  else
    outcome = n_stray == 1 ? "it was read as missing" : "they were read as missing";

  g_ptr_array_add (warnings,
                   g_strdup_printf ("Column “%s”: %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                                    " %s (%s); %s", column, n_stray, n_present, what, list,
                                    outcome));
}

/* Each level read as a number (or a date); NAN for a level that is not
 * one, which orchard_parse_double() and orchard_parse_datetime() never
 * return for one that is. */
static double *
parse_levels (Slot     *slot,
              gboolean  dates,
              guint    *n_parsed)
{
  double *values = g_new (double, MAX (slot->levels->len, 1));

  *n_parsed = 0;
  for (guint l = 0; l < slot->levels->len; l++)
    {
      const char *level = g_ptr_array_index (slot->levels, l);
      gboolean ok = dates ? orchard_parse_datetime (level, strlen (level), &values[l])
                          : orchard_parse_double (level, strlen (level), &values[l]);

      if (ok)
        (*n_parsed)++;
      else
        values[l] = NAN;
    }

  return values;
}

static GPtrArray *
level_examples (Slot         *slot,
                const double *values)
{
  GPtrArray *examples = g_ptr_array_new_with_free_func (g_free);

  for (guint l = 0; l < slot->levels->len && examples->len < MAX_EXAMPLES; l++)
    if (isnan (values[l]))
      {
        const char *level = g_ptr_array_index (slot->levels, l);
        g_autofree char *text = example_text (level, strlen (level));

        g_ptr_array_add (examples,
                         g_strdup_printf ("“%s” on line %" G_GSIZE_FORMAT, text,
                                          g_array_index (slot->level_lines, gsize, l)));
      }

  return examples;
}

static double *
levels_to_values (Slot         *slot,
                  gsize         n_rows,
                  const double *level_values)
{
  double *values = g_new (double, MAX (n_rows, 1));

  for (gsize r = 0; r < n_rows; r++)
    values[r] = slot->codes[r] == ORCHARD_CODE_MISSING ? NAN : level_values[slot->codes[r]];

  return values;
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

/* A coded column under the typing rule, now that all its values are known. */
static OrchardColumn *
coded_to_column (Slot                *slot,
                 gsize                n_rows,
                 OrchardReadOptions  *options,
                 GPtrArray           *warnings)
{
  double share = orchard_read_options_get_stray_share (options);
  guint n_levels = slot->levels->len;
  OrchardColumn *column;
  gboolean is_text;

  if (slot->mode == SLOT_UNDECIDED && n_levels == 0)
    {
      double *values = g_new (double, MAX (n_rows, 1));

      /* Nothing but missing values: numeric, the kind that costs least. */
      for (gsize r = 0; r < n_rows; r++)
        values[r] = NAN;
      return orchard_column_new_numeric (slot->name, values, n_rows);
    }

  if (!slot->forced && n_levels > 0)
    {
      guint n_number_levels;
      guint n_date_levels;
      g_autofree double *numbers = parse_levels (slot, FALSE, &n_number_levels);
      g_autofree double *dates = parse_levels (slot, TRUE, &n_date_levels);

      if (n_number_levels > 0 || n_date_levels > 0)
        {
          g_autofree gsize *counts = g_new0 (gsize, n_levels);
          gsize present = 0;
          gsize n_numbers = 0;
          gsize n_dates = 0;

          for (gsize r = 0; r < n_rows; r++)
            if (slot->codes[r] != ORCHARD_CODE_MISSING)
              counts[slot->codes[r]]++;

          for (guint l = 0; l < n_levels; l++)
            {
              present += counts[l];
              if (!isnan (numbers[l]))
                n_numbers += counts[l];
              if (!isnan (dates[l]))
                n_dates += counts[l];
            }

          if (n_numbers > 0 && !too_many_strays (present - n_numbers, present, share))
            {
              if (n_numbers < present)
                {
                  g_autoptr(GPtrArray) examples = level_examples (slot, numbers);
                  add_stray_warning (warnings, slot->name, present - n_numbers, present, FALSE,
                                     examples, FALSE);
                }
              return orchard_column_new_numeric (slot->name,
                                                 levels_to_values (slot, n_rows, numbers), n_rows);
            }

          if (n_dates > 0 && !too_many_strays (present - n_dates, present, share))
            {
              if (n_dates < present)
                {
                  g_autoptr(GPtrArray) examples = level_examples (slot, dates);
                  add_stray_warning (warnings, slot->name, present - n_dates, present, TRUE,
                                     examples, FALSE);
                }
              return orchard_column_new_datetime (slot->name,
                                                  levels_to_values (slot, n_rows, dates), n_rows);
            }

          /* Mostly numbers (or dates) with too much else: say why it is
           * not numeric. */
          if (n_numbers * 2 > present || n_dates * 2 > present)
            {
              gboolean as_dates = n_numbers * 2 <= present;
              g_autoptr(GPtrArray) examples = level_examples (slot, as_dates ? dates : numbers);

              add_stray_warning (warnings, slot->name,
                                 present - (as_dates ? n_dates : n_numbers), present, as_dates,
                                 examples, TRUE);
            }
        }
    }

  /* Decided before the levels are handed over: argument order is unspecified. */
  is_text = slot->forced ? slot->forced_text : looks_like_text (slot, n_rows);
  column = orchard_column_new_categorical (slot->name,
                                           g_realloc_n (g_steal_pointer (&slot->codes),
                                                        MAX (n_rows, 1), sizeof (guint32)),
                                           n_rows,
                                           g_steal_pointer (&slot->levels),
                                           is_text);
  slot->levels = g_ptr_array_new ();
  return column;
}

static OrchardColumn *
slot_to_column (Slot                *slot,
                gsize                n_rows,
                OrchardReadOptions  *options,
                GPtrArray           *warnings)
{
  double *values;

  switch (slot->mode)
    {
    case SLOT_NUMERIC:
    case SLOT_DATETIME:
      if (slot->n_stray > 0)
        add_stray_warning (warnings, slot->name, slot->n_stray, n_rows - slot->n_missing,
                           slot->mode == SLOT_DATETIME, slot->examples, FALSE);
      values = g_realloc_n (g_steal_pointer (&slot->values), MAX (n_rows, 1), sizeof (double));
      if (slot->mode == SLOT_NUMERIC)
        return orchard_column_new_numeric (slot->name, values, n_rows);
      return orchard_column_new_datetime (slot->name, values, n_rows);

    case SLOT_UNDECIDED:
    case SLOT_CODED:
      return coded_to_column (slot, n_rows, options, warnings);

    default:
      g_assert_not_reached ();
    }
}

/* Reading ---------------------------------------------------------------- */

static OrchardTable *
read_stream (GInputStream        *stream,
             const char          *display_name,
             const char          *source,
             goffset              total_size,
             OrchardReadOptions  *options,
             OrchardProgress      progress_callback,
             gpointer             progress_data,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(GByteArray) head = g_byte_array_new ();
  g_autoptr(Plan) plan = NULL;
  g_autoptr(OrchardReadOptions) local_options = NULL;
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(OrchardTable) table = NULL;
  Progress progress = { progress_callback, progress_data, 0.0 };
  gsize sample_size = total_size > 0 ? MIN ((gsize) total_size + 1, SAMPLE_BYTES) : SAMPLE_BYTES;
  gboolean whole = FALSE;
  gsize bom;

  if (options == NULL)
    options = local_options = orchard_read_options_new ();

  if (!read_sample (stream, head, sample_size, &whole, cancellable, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  bom = bom_length (head->data, head->len);
  plan = make_plan (display_name, options, head->data + bom, head->len - bom, whole,
                    total_size, error);
  if (plan == NULL)
    return NULL;

  progress_report (&progress, 0.0, TRUE);

  for (guint pass = 0; pass < 2; pass++)
    {
      Parse st = { 0 };
      gboolean again = FALSE;
      gboolean ok;

      st.display_name = display_name;
      st.options = options;
      st.delimiter = plan->delimiter;
      st.has_header = plan->has_header;
      st.warnings = plan->warnings;
      st.line = 1;
      st.record_line = 1;
      st.first = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      st.learning = plan->names == NULL;
      st.first_pending = plan->has_header || st.learning;

      if (!st.learning)
        {
          st.n_slots = plan->n_columns;
          st.slots = g_new0 (Slot, st.n_slots);
          for (guint c = 0; c < st.n_slots; c++)
            slot_setup (&st.slots[c], g_ptr_array_index (plan->names, c), plan->modes[c],
                        options);
          if (plan->expected_rows > 0)
            slots_allocate (&st, plan->expected_rows);
        }

      ok = stream_pass (&st, stream, bom, total_size, &progress,
                        pass == 0 ? 0.0 : FIRST_PASS_SHARE,
                        pass == 0 ? FIRST_PASS_SHARE : 1.0,
                        cancellable, error);

      if (ok && (st.first_pending || (st.n_slots == 0)))
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                       "%s: the file holds only blank lines; expected a header row and data rows",
                       display_name);
          ok = FALSE;
        }
      else if (ok && st.n_rows == 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                       "%s, line %" G_GSIZE_FORMAT ": expected a data row after the header, "
                       "found the end of the file", display_name, st.line);
          ok = FALSE;
        }

      if (ok)
        {
          double share = orchard_read_options_get_stray_share (options);

          /* A sampled-numeric column that is mostly text after all. */
          for (guint c = 0; c < st.n_slots; c++)
            {
              Slot *slot = &st.slots[c];

              if ((slot->mode == SLOT_NUMERIC || slot->mode == SLOT_DATETIME) && !slot->forced &&
                  too_many_strays (slot->n_stray, st.n_rows - slot->n_missing, share))
                {
                  plan->modes[c] = SLOT_CODED;
                  plan->expected_rows = st.n_rows;
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
      g_ptr_array_unref (st.first);
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

  progress_report (&progress, 1.0, TRUE);

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

  path = g_file_get_path (file);
  /* Messages are UTF-8 whatever the file system calls the file. */
  display_name = path != NULL ? g_filename_display_basename (path) : g_file_get_basename (file);

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
