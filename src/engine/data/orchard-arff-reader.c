/* orchard-arff-reader.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-arff-reader.h"
#include "orchard-error.h"
#include "orchard-parse.h"
#include "orchard-table-private.h"

/* How the reader works: ARFF declares every column's type in its header,
 * so one streaming pass over the lines is enough. The header builds one
 * typed column buffer per attribute; each @data line (dense or sparse) is
 * tokenised and written straight into those buffers. Lines are cut by the
 * reader itself (LF, CRLF or CR) because, as in Weka, a quoted value never
 * spans lines; every line is checked as UTF-8 before it is looked at, so
 * all text that reaches a message or a level is valid. */

#define CHUNK_SIZE        (1 << 20)
#define SNIFF_BYTES       (1 << 16)
#define MAX_SHOWN_CHARS   40
#define MAX_SHOWN_LEVELS  10

/* Java's SimpleDateFormat pattern, the date format of Weka's date attributes */

typedef enum
{
  DF_LITERAL,
  DF_YEAR,
  DF_MONTH,
  DF_MONTH_NAME,
  DF_DAY,
  DF_HOUR_0_23,     /* H */
  DF_HOUR_1_24,     /* k */
  DF_HOUR_0_11,     /* K */
  DF_HOUR_1_12,     /* h */
  DF_MINUTE,
  DF_SECOND,
  DF_MILLISECOND,
  DF_AM_PM,
  DF_WEEKDAY,
  DF_ZONE_RFC822,   /* Z */
  DF_ZONE_ISO8601,  /* X */
} DfKind;

typedef struct
{
  DfKind  kind;
  guint   count;
  char   *literal;
  gsize   literal_len;
} DfItem;

typedef struct
{
  char   *pattern;
  GArray *items;          /* DfItem */
  int     century_start;  /* first year of the window for two-digit years */
} DateFormat;

static const char * const month_names[] = {
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
};

static const char * const weekday_names[] = {
  "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

static void
df_item_clear (gpointer data)
{
  DfItem *item = data;

  g_clear_pointer (&item->literal, g_free);
}

static void
date_format_free (DateFormat *format)
{
  g_clear_pointer (&format->pattern, g_free);
  g_clear_pointer (&format->items, g_array_unref);
  g_free (format);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DateFormat, date_format_free)

static gboolean
df_is_numeric (DfKind kind)
{
  switch (kind)
    {
    case DF_YEAR:
    case DF_MONTH:
    case DF_DAY:
    case DF_HOUR_0_23:
    case DF_HOUR_1_24:
    case DF_HOUR_0_11:
    case DF_HOUR_1_12:
    case DF_MINUTE:
    case DF_SECOND:
    case DF_MILLISECOND:
      return TRUE;

    case DF_LITERAL:
    case DF_MONTH_NAME:
    case DF_AM_PM:
    case DF_WEEKDAY:
    case DF_ZONE_RFC822:
    case DF_ZONE_ISO8601:
    default:
      return FALSE;
    }
}

static void
df_add_literal (GArray     *items,
                const char *text,
                gsize       len)
{
  DfItem *last = items->len > 0 ? &g_array_index (items, DfItem, items->len - 1) : NULL;

  if (last != NULL && last->kind == DF_LITERAL)
    {
      last->literal = g_realloc (last->literal, last->literal_len + len + 1);
      memcpy (last->literal + last->literal_len, text, len);
      last->literal_len += len;
      last->literal[last->literal_len] = '\0';
    }
  else
    {
      DfItem item = { DF_LITERAL, 0, g_strndup (text, len), len };

      g_array_append_val (items, item);
    }
}

static const char *
df_unsupported_letter (char letter)
{
  switch (letter)
    {
    case 'G': return "era";
    case 'Y': return "week year";
    case 'w': return "week in year";
    case 'W': return "week in month";
    case 'D': return "day in year";
    case 'F': return "day of week in month";
    case 'u': return "day number of week";
    case 'z': return "time zone name";
    default: return "not a SimpleDateFormat letter";
    }
}

/* Compiles a SimpleDateFormat pattern; on failure returns NULL with a
 * sentence in @problem and the error code in @code. */
static DateFormat *
date_format_compile (const char  *pattern,
                     int          century_start,
                     char       **problem,
                     int         *code)
{
  g_autoptr(DateFormat) format = g_new0 (DateFormat, 1);
  gsize len = strlen (pattern);
  gsize i = 0;

  format->pattern = g_strdup (pattern);
  format->items = g_array_new (FALSE, FALSE, sizeof (DfItem));
  format->century_start = century_start;
  g_array_set_clear_func (format->items, df_item_clear);

  while (i < len)
    {
      char c = pattern[i];

      if (c == '\'')
        {
          g_autoptr(GString) text = g_string_new (NULL);

          if (i + 1 < len && pattern[i + 1] == '\'')
            {
              df_add_literal (format->items, "'", 1);
              i += 2;
              continue;
            }

          /* Quoted literal text; '' inside it is one quote. */
          for (i++; ; i++)
            {
              if (i >= len)
                {
                  *problem = g_strdup ("the quoted text in it is never closed");
                  *code = ORCHARD_ERROR_PARSE;
                  return NULL;
                }
              if (pattern[i] == '\'')
                {
                  if (i + 1 < len && pattern[i + 1] == '\'')
                    {
                      g_string_append_c (text, '\'');
                      i++;
                      continue;
                    }
                  i++;
                  break;
                }
              g_string_append_c (text, pattern[i]);
            }

          if (text->len > 0)
            df_add_literal (format->items, text->str, text->len);
        }
      else if (g_ascii_isalpha (c))
        {
          DfItem item = { DF_LITERAL, 0, NULL, 0 };
          guint count = 0;

          while (i < len && pattern[i] == c)
            {
              count++;
              i++;
            }

          item.count = count;
          switch (c)
            {
            case 'y': item.kind = DF_YEAR; break;
            case 'M':
            case 'L': item.kind = count >= 3 ? DF_MONTH_NAME : DF_MONTH; break;
            case 'd': item.kind = DF_DAY; break;
            case 'H': item.kind = DF_HOUR_0_23; break;
            case 'k': item.kind = DF_HOUR_1_24; break;
            case 'K': item.kind = DF_HOUR_0_11; break;
            case 'h': item.kind = DF_HOUR_1_12; break;
            case 'm': item.kind = DF_MINUTE; break;
            case 's': item.kind = DF_SECOND; break;
            case 'S': item.kind = DF_MILLISECOND; break;
            case 'a': item.kind = DF_AM_PM; break;
            case 'E': item.kind = DF_WEEKDAY; break;
            case 'Z': item.kind = DF_ZONE_RFC822; break;
            case 'X': item.kind = DF_ZONE_ISO8601; break;
            default:
              *problem = g_strdup_printf ("uses the letter “%c” (%s), which Orchard does not read; "
                                          "supported letters: y M d H k K h m s S a E Z X",
                                          c, df_unsupported_letter (c));
              *code = ORCHARD_ERROR_UNSUPPORTED;
              return NULL;
            }

          g_array_append_val (format->items, item);
        }
      else
        {
          df_add_literal (format->items, &pattern[i], 1);
          i++;
        }
    }

  if (format->items->len == 0)
    {
      *problem = g_strdup ("is empty");
      *code = ORCHARD_ERROR_PARSE;
      return NULL;
    }

  return g_steal_pointer (&format);
}

/* At most @width digits (any number up to 9 when @width is 0), at least one. */
static gboolean
df_read_number (const char **pp,
                const char  *end,
                guint        width,
                int         *value,
                guint       *n_digits)
{
  const char *p = *pp;
  guint max = width > 0 ? MIN (width, 9) : 9;
  guint n = 0;
  int v = 0;

  while (p < end && n < max && g_ascii_isdigit (*p))
    {
      v = v * 10 + (*p - '0');
      n++;
      p++;
    }

  if (n == 0 || (width == 0 && p < end && g_ascii_isdigit (*p)))
    return FALSE;

  *pp = p;
  *value = v;
  *n_digits = n;
  return TRUE;
}

static gboolean
df_read_name (const char         **pp,
              const char          *end,
              const char * const  *names,
              guint                n_names,
              int                 *index)
{
  gsize avail = end - *pp;

  /* Full names first, so "May" and "Mon" do not cut "Monday" short. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n_names; i++)
      {
        gsize n = pass == 0 ? strlen (names[i]) : 3;

        if (n <= avail && g_ascii_strncasecmp (*pp, names[i], n) == 0)
          {
            *pp += n;
            *index = i;
            return TRUE;
          }
      }

  return FALSE;
}

static gboolean
df_read_zone (const char **pp,
              const char  *end,
              gboolean     iso,
              int         *offset_minutes)
{
  const char *p = *pp;
  int sign;
  int hours = 0;
  int minutes = 0;
  guint n;

  if (iso && p < end && *p == 'Z')
    {
      *offset_minutes = 0;
      *pp = p + 1;
      return TRUE;
    }

  if (!iso && end - p >= 3 &&
      (strncmp (p, "GMT", 3) == 0 || strncmp (p, "UTC", 3) == 0))
    {
      p += 3;
      if (p >= end || (*p != '+' && *p != '-'))
        {
          *offset_minutes = 0;
          *pp = p;
          return TRUE;
        }
    }

  if (p >= end || (*p != '+' && *p != '-'))
    return FALSE;
  sign = *p == '-' ? -1 : 1;
  p++;

  if (!df_read_number (&p, end, 2, &hours, &n) || n != 2)
    return FALSE;
  if (p < end && *p == ':')
    p++;
  if (p < end && g_ascii_isdigit (*p))
    {
      if (!df_read_number (&p, end, 2, &minutes, &n) || n != 2)
        return FALSE;
    }
  else if (!iso || p[-1] == ':')
    return FALSE;   /* RFC 822 needs hhmm; an ISO colon needs minutes */

  if (hours > 23 || minutes > 59)
    return FALSE;

  *offset_minutes = sign * (hours * 60 + minutes);
  *pp = p;
  return TRUE;
}

static int
days_in_month (gint64 year,
               int    month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/* Parses like a non-lenient SimpleDateFormat, except that the whole token
 * must match (Java ignores trailing text) and a time without a zone is UTC,
 * as everywhere in Orchard. */
static gboolean
date_format_parse (const DateFormat *format,
                   const char       *str,
                   gsize             len,
                   double           *out)
{
  const char *p = str;
  const char *end = str + len;
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  int pm = -1;
  DfKind hour_kind = DF_HOUR_0_23;
  int offset_minutes = 0;

  for (guint i = 0; i < format->items->len; i++)
    {
      const DfItem *item = &g_array_index (format->items, DfItem, i);
      gboolean abutting = i + 1 < format->items->len &&
                          df_is_numeric (g_array_index (format->items, DfItem, i + 1).kind);
      int value = 0;
      guint n_digits = 0;
      int index;

      if (df_is_numeric (item->kind) &&
          !df_read_number (&p, end, abutting ? item->count : 0, &value, &n_digits))
        return FALSE;

      switch (item->kind)
        {
        case DF_LITERAL:
          if ((gsize) (end - p) < item->literal_len ||
              memcmp (p, item->literal, item->literal_len) != 0)
            return FALSE;
          p += item->literal_len;
          break;

        case DF_YEAR:
          year = value;
          if (item->count <= 2 && n_digits == 2)
            {
              /* Java's rule: the century that puts the year within 80
               * years before and 20 years after today. */
              year = format->century_start / 100 * 100 + value;
              if (year < format->century_start)
                year += 100;
            }
          break;

        case DF_MONTH:
          month = value;
          break;

        case DF_MONTH_NAME:
          if (!df_read_name (&p, end, month_names, G_N_ELEMENTS (month_names), &index))
            return FALSE;
          month = index + 1;
          break;

        case DF_DAY:
          day = value;
          break;

        case DF_HOUR_0_23:
        case DF_HOUR_1_24:
        case DF_HOUR_0_11:
        case DF_HOUR_1_12:
          hour = value;
          hour_kind = item->kind;
          break;

        case DF_MINUTE:
          minute = value;
          break;

        case DF_SECOND:
          second = value;
          break;

        case DF_MILLISECOND:
          millisecond = value;
          break;

        case DF_AM_PM:
          if (end - p >= 2 && g_ascii_strncasecmp (p, "AM", 2) == 0)
            pm = 0;
          else if (end - p >= 2 && g_ascii_strncasecmp (p, "PM", 2) == 0)
            pm = 1;
          else
            return FALSE;
          p += 2;
          break;

        case DF_WEEKDAY:
          if (!df_read_name (&p, end, weekday_names, G_N_ELEMENTS (weekday_names), &index))
            return FALSE;
          break;

        case DF_ZONE_RFC822:
        case DF_ZONE_ISO8601:
          if (!df_read_zone (&p, end, item->kind == DF_ZONE_ISO8601, &offset_minutes))
            return FALSE;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (p != end)
    return FALSE;

  if (year < 1 || month < 1 || month > 12 || day < 1 || day > days_in_month (year, month) ||
      minute > 59 || second > 59 || millisecond > 999)
    return FALSE;

  switch (hour_kind)
    {
    case DF_HOUR_0_23:
      if (hour > 23)
        return FALSE;
      break;

    case DF_HOUR_1_24:
      if (hour < 1 || hour > 24)
        return FALSE;
      hour %= 24;
      break;

    case DF_HOUR_0_11:
      if (hour > 11)
        return FALSE;
      hour += pm == 1 ? 12 : 0;
      break;

    case DF_HOUR_1_12:
      if (hour < 1 || hour > 12)
        return FALSE;
      hour = hour % 12 + (pm == 1 ? 12 : 0);
      break;

    default:
      g_assert_not_reached ();
    }

  *out = (double) orchard_days_from_civil (year, month, day) * 86400.0 +
         hour * 3600.0 + minute * 60.0 + second + millisecond / 1000.0 -
         offset_minutes * 60.0;

  return TRUE;
}

/* The reader ---------------------------------------------------------------- */

typedef enum
{
  ATTR_NUMERIC,
  ATTR_NOMINAL,
  ATTR_STRING,
  ATTR_DATE,
} AttrType;

typedef struct
{
  char        *name;
  AttrType     type;
  const char  *type_word;     /* as declared: "numeric", "real", "integer", … */
  gsize        line;          /* where it was declared */
  DateFormat  *date_format;   /* NULL: ISO 8601 */
  double      *values;        /* numeric and date */
  guint32     *codes;         /* nominal and string */
  GPtrArray   *levels;
  GHashTable  *index;         /* level → code + 1 */
  gsize        n_sparse_empty;
} Attr;

typedef enum
{
  SECTION_START,    /* before @relation */
  SECTION_HEADER,
  SECTION_DATA,
} Section;

typedef struct
{
  const char  *display_name;
  Section      section;
  GPtrArray   *attrs;         /* Attr */
  GHashTable  *names;         /* name → index + 1 */
  gsize        line;          /* the line being read, 1-based */
  gsize        last_content_line;
  gboolean     saw_comment;
  const char  *line_start;    /* columns count characters from here */
  gsize        data_line;
  gsize        n_rows;
  gsize        capacity;
  gsize        n_weighted;
  int          century_start;
  GString     *scratch;       /* the unescaped text of a quoted token */
  GString     *key;           /* a bare token, nul-terminated for lookups */
  GError      *error;
} Arff;

typedef struct
{
  const char *start;    /* where the token begins on the line */
  const char *text;
  gsize       len;
  gboolean    quoted;
} Token;

static void
attr_free (Attr *attr)
{
  g_clear_pointer (&attr->name, g_free);
  g_clear_pointer (&attr->date_format, date_format_free);
  g_clear_pointer (&attr->values, g_free);
  g_clear_pointer (&attr->codes, g_free);
  g_clear_pointer (&attr->index, g_hash_table_unref);
  g_clear_pointer (&attr->levels, g_ptr_array_unref);
  g_free (attr);
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\f' || c == '\v';
}

static inline const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && is_blank (*p))
    p++;
  return p;
}

/* A value for a message: at most MAX_SHOWN_CHARS characters of valid UTF-8. */
static char *
shown (const char *text,
       gsize       len)
{
  const char *p = text;
  const char *end = text + len;
  guint n = 0;

  while (p < end && n < MAX_SHOWN_CHARS)
    {
      p = g_utf8_next_char (p);
      n++;
    }

  if (p < end)
    return g_strdup_printf ("%.*s…", (int) (p - text), text);
  return g_strndup (text, len);
}

static gboolean
fail (Arff       *st,
      const char *at,
      int         code,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

/* Sets the error once, with the file, the line and, when @at points into
 * the line, the column in characters. Returns %FALSE for convenience. */
static gboolean
fail (Arff       *st,
      const char *at,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (st->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (at != NULL)
    g_set_error (&st->error, ORCHARD_ERROR, code,
                 "%s, line %" G_GSIZE_FORMAT ", column %ld: %s",
                 st->display_name, st->line,
                 g_utf8_strlen (st->line_start, at - st->line_start) + 1, message);
  else
    g_set_error (&st->error, ORCHARD_ERROR, code, "%s, line %" G_GSIZE_FORMAT ": %s",
                 st->display_name, st->line, message);

  return FALSE;
}

static gboolean
append_code_point (Arff        *st,
                   const char  *at,
                   gunichar     c)
{
  if (c == 0 || !g_unichar_validate (c))
    return fail (st, at, ORCHARD_ERROR_PARSE,
                 "the escape \\u%04X is not a character that can be stored", c);

  g_string_append_unichar (st->scratch, c);
  return TRUE;
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           gunichar   *out)
{
  gunichar v = 0;

  if (end - p < 4)
    return FALSE;

  for (int i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      v = v * 16 + g_ascii_xdigit_value (p[i]);
    }

  *out = v;
  return TRUE;
}

/* A token in single or double quotes, with backslash escapes as Weka
 * writes them; the text goes to st->scratch. */
static gboolean
read_quoted (Arff        *st,
             const char **pp,
             const char  *end)
{
  const char *open = *pp;
  const char *p = open + 1;
  char quote = *open;

  g_string_truncate (st->scratch, 0);

  while (p < end)
    {
      if (*p == quote)
        {
          *pp = p + 1;
          return TRUE;
        }

      if (*p == '\\' && p + 1 < end)
        {
          const char *escape = p;
          gunichar c;

          p++;
          switch (*p)
            {
            case 'n': g_string_append_c (st->scratch, '\n'); p++; break;
            case 't': g_string_append_c (st->scratch, '\t'); p++; break;
            case 'r': g_string_append_c (st->scratch, '\r'); p++; break;
            case 'u':
              if (!read_hex4 (p + 1, end, &c))
                {
                  g_string_append_c (st->scratch, 'u');
                  p++;
                  break;
                }
              p += 5;
              /* Java strings are UTF-16: a surrogate pair is two escapes. */
              if (c >= 0xD800 && c <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
                {
                  gunichar low;

                  if (read_hex4 (p + 2, end, &low) && low >= 0xDC00 && low <= 0xDFFF)
                    {
                      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                      p += 6;
                    }
                }
              if (!append_code_point (st, escape, c))
                return FALSE;
              break;
            default:
              /* \\ \' \" \% and any other character stand for themselves. */
              g_string_append_c (st->scratch, *p);
              p++;
              break;
            }
          continue;
        }

      g_string_append_c (st->scratch, *p);
      p++;
    }

  return fail (st, open, ORCHARD_ERROR_PARSE,
               "the quote opened here is not closed on this line");
}

/* A name, a relation name or a date format: quoted, or bare up to a blank
 * (or a brace, which may follow an attribute name directly). */
static gboolean
read_word (Arff        *st,
           const char **pp,
           const char  *end,
           gboolean     stop_at_brace,
           const char  *what,
           Token       *tok)
{
  const char *p = *pp;

  tok->start = p;
  tok->quoted = FALSE;

  if (p == end || *p == '%' || (stop_at_brace && *p == '{'))
    return fail (st, p, ORCHARD_ERROR_PARSE, "expected %s", what);

  if (*p == '\'' || *p == '"')
    {
      if (!read_quoted (st, &p, end))
        return FALSE;
      tok->text = st->scratch->str;
      tok->len = st->scratch->len;
      tok->quoted = TRUE;
    }
  else
    {
      while (p < end && !is_blank (*p) && *p != '%' && !(stop_at_brace && *p == '{'))
        p++;
      tok->text = tok->start;
      tok->len = p - tok->start;
    }

  *pp = skip_blanks (p, end);
  return TRUE;
}

/* A value on a data line: quoted, or bare up to a comma, a comment or (in a
 * sparse row) a closing brace, without surrounding blanks. */
static gboolean
read_value (Arff        *st,
            const char **pp,
            const char  *end,
            gboolean     sparse,
            Token       *tok)
{
  const char *p = skip_blanks (*pp, end);

  tok->start = p;
  tok->quoted = FALSE;

  if (p < end && (*p == '\'' || *p == '"'))
    {
      if (!read_quoted (st, &p, end))
        return FALSE;
      tok->text = st->scratch->str;
      tok->len = st->scratch->len;
      tok->quoted = TRUE;
    }
  else
    {
      const char *t;

      while (p < end && *p != ',' && *p != '%' && !(sparse && *p == '}'))
        p++;
      for (t = p; t > tok->start && is_blank (t[-1]); t--)
        ;
      tok->text = tok->start;
      tok->len = t - tok->start;
    }

  *pp = p;
  return TRUE;
}

/* The token as a nul-terminated string, for hash lookups. */
static const char *
token_key (Arff        *st,
           const Token *tok)
{
  if (tok->quoted)
    return tok->text;

  g_string_truncate (st->key, 0);
  g_string_append_len (st->key, tok->text, tok->len);
  return st->key->str;
}

static gboolean
intern (Arff        *st,
        Attr        *attr,
        const char  *at,
        const char  *key,
        guint32     *code)
{
  gpointer found = g_hash_table_lookup (attr->index, key);
  char *copy;

  if (found != NULL)
    {
      *code = GPOINTER_TO_UINT (found) - 1;
      return TRUE;
    }

  if (attr->levels->len >= G_MAXUINT32 - 1)
    return fail (st, at, ORCHARD_ERROR_UNSUPPORTED,
                 "attribute “%s” has more distinct values than Orchard can hold", attr->name);

  copy = g_strdup (key);
  g_ptr_array_add (attr->levels, copy);
  g_hash_table_insert (attr->index, copy, GUINT_TO_POINTER (attr->levels->len));
  *code = attr->levels->len - 1;
  return TRUE;
}

static char *
levels_summary (Attr *attr)
{
  GString *out = g_string_new ("{");

  for (guint i = 0; i < attr->levels->len && i < MAX_SHOWN_LEVELS; i++)
    {
      const char *level = g_ptr_array_index (attr->levels, i);
      g_autofree char *text = shown (level, strlen (level));

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, text);
    }

  if (attr->levels->len > MAX_SHOWN_LEVELS)
    g_string_append_printf (out, ", … (%u values)", attr->levels->len);
  g_string_append_c (out, '}');

  return g_string_free (out, FALSE);
}

static gboolean
store_value (Arff        *st,
             Attr        *attr,
             const Token *tok)
{
  gsize row = st->n_rows;
  g_autofree char *text = NULL;
  gpointer found;

  if (!tok->quoted)
    {
      if (tok->len == 0)
        return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                     "no value for attribute “%s”; a missing value is written ?", attr->name);

      if (tok->len == 1 && tok->text[0] == '?')
        {
          if (attr->type == ATTR_NUMERIC || attr->type == ATTR_DATE)
            attr->values[row] = NAN;
          else
            attr->codes[row] = ORCHARD_CODE_MISSING;
          return TRUE;
        }
    }

  switch (attr->type)
    {
    case ATTR_NUMERIC:
      if (G_LIKELY (orchard_parse_double (tok->text, tok->len, &attr->values[row])))
        return TRUE;
      /* Java's Double.valueOf reads NaN, and Weka takes NaN as missing. */
      if (tok->len == 3 && memcmp (tok->text, "NaN", 3) == 0)
        {
          attr->values[row] = NAN;
          return TRUE;
        }
      text = shown (tok->text, tok->len);
      return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                   "“%s” is not a number, but attribute “%s” is %s",
                   text, attr->name, attr->type_word);

    case ATTR_DATE:
      if (attr->date_format != NULL
          ? date_format_parse (attr->date_format, tok->text, tok->len, &attr->values[row])
          : orchard_parse_datetime (tok->text, tok->len, &attr->values[row]))
        return TRUE;
      text = shown (tok->text, tok->len);
      if (attr->date_format != NULL)
        return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                     "“%s” does not match the date format “%s” of attribute “%s”",
                     text, attr->date_format->pattern, attr->name);
      return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                   "“%s” is not an ISO 8601 date (yyyy-MM-dd'T'HH:mm:ss), which attribute “%s” "
                   "expects because it declares no date format",
                   text, attr->name);

    case ATTR_NOMINAL:
      found = g_hash_table_lookup (attr->index, token_key (st, tok));
      if (found != NULL)
        {
          attr->codes[row] = GPOINTER_TO_UINT (found) - 1;
          return TRUE;
        }
      text = shown (tok->text, tok->len);
      if (attr->levels->len == 0)
        return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                     "“%s” is not a declared value of attribute “%s”, which declares none",
                     text, attr->name);
      else
        {
          g_autofree char *allowed = levels_summary (attr);

          return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                       "“%s” is not a declared value of attribute “%s”; expected one of %s",
                       text, attr->name, allowed);
        }

    case ATTR_STRING:
      return intern (st, attr, tok->start, token_key (st, tok), &attr->codes[row]);

    default:
      g_assert_not_reached ();
    }
}

/* Header ---------------------------------------------------------------------- */

static gboolean
expect_end (Arff       *st,
            const char *p,
            const char *end,
            const char *after)
{
  g_autofree char *text = NULL;

  p = skip_blanks (p, end);
  if (p == end || *p == '%')
    return TRUE;

  text = shown (p, end - p);
  return fail (st, p, ORCHARD_ERROR_PARSE, "unexpected “%s” after %s", text, after);
}

static gboolean
read_nominal_levels (Arff        *st,
                     const char **pp,
                     const char  *end,
                     Attr        *attr)
{
  const char *open = *pp;
  const char *p = skip_blanks (open + 1, end);

  if (p < end && *p == '}')
    {
      *pp = p + 1;
      return TRUE;
    }

  for (;;)
    {
      Token tok;
      g_autofree char *level = NULL;

      p = skip_blanks (p, end);
      if (p == end || *p == '%')
        return fail (st, open, ORCHARD_ERROR_PARSE,
                     "the list of values of attribute “%s” is not closed with } on this line",
                     attr->name);
      if (*p == ',' || *p == '}')
        return fail (st, p, ORCHARD_ERROR_PARSE,
                     "an empty value in the list of values of attribute “%s”", attr->name);

      tok.start = p;
      if (*p == '\'' || *p == '"')
        {
          if (!read_quoted (st, &p, end))
            return FALSE;
          level = g_strndup (st->scratch->str, st->scratch->len);
        }
      else
        {
          const char *t;

          while (p < end && *p != ',' && *p != '}' && *p != '%')
            p++;
          for (t = p; t > tok.start && is_blank (t[-1]); t--)
            ;
          level = g_strndup (tok.start, t - tok.start);
        }

      if (g_hash_table_contains (attr->index, level))
        {
          g_autofree char *text = shown (level, strlen (level));

          return fail (st, tok.start, ORCHARD_ERROR_PARSE,
                       "the value “%s” of attribute “%s” is declared twice", text, attr->name);
        }
      if (attr->levels->len >= G_MAXUINT32 - 1)
        return fail (st, tok.start, ORCHARD_ERROR_UNSUPPORTED,
                     "attribute “%s” declares more values than Orchard can hold", attr->name);

      g_hash_table_insert (attr->index, level, GUINT_TO_POINTER (attr->levels->len + 1));
      g_ptr_array_add (attr->levels, g_steal_pointer (&level));

      p = skip_blanks (p, end);
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '}')
        {
          *pp = p + 1;
          return TRUE;
        }
      if (p == end || *p == '%')
        continue;   /* reported as an unclosed list */

      return fail (st, p, ORCHARD_ERROR_PARSE,
                   "expected a comma or } in the list of values of attribute “%s”", attr->name);
    }
}

static gboolean
read_attribute (Arff       *st,
                const char *p,
                const char *end)
{
  g_autoptr(GString) type_word = NULL;
  Attr *attr;
  Token tok = { NULL, NULL, 0, FALSE };
  const char *type_at;
  gpointer first;

  if (!read_word (st, &p, end, TRUE, "an attribute name", &tok))
    return FALSE;
  if (tok.len == 0 || memchr (tok.text, '\0', tok.len) != NULL)
    return fail (st, tok.start, ORCHARD_ERROR_PARSE, "an attribute needs a name");

  attr = g_new0 (Attr, 1);
  attr->name = g_strndup (tok.text, tok.len);
  attr->line = st->line;
  attr->levels = g_ptr_array_new_with_free_func (g_free);
  attr->index = g_hash_table_new (g_str_hash, g_str_equal);
  g_ptr_array_add (st->attrs, attr);   /* owned by st from here, even on failure */

  first = g_hash_table_lookup (st->names, attr->name);
  if (first != NULL)
    {
      Attr *earlier = g_ptr_array_index (st->attrs, GPOINTER_TO_UINT (first) - 1);

      return fail (st, tok.start, ORCHARD_ERROR_PARSE,
                   "attribute “%s” is declared twice (first on line %" G_GSIZE_FORMAT ")",
                   attr->name, earlier->line);
    }

  type_at = p;
  if (p == end || *p == '%')
    return fail (st, p, ORCHARD_ERROR_PARSE,
                 "attribute “%s” has no type; expected numeric, real, integer, string, date "
                 "or a list of values in braces", attr->name);

  if (*p == '{')
    {
      attr->type = ATTR_NOMINAL;
      attr->type_word = "nominal";
      if (!read_nominal_levels (st, &p, end, attr))
        return FALSE;
      if (!expect_end (st, p, end, "the list of values"))
        return FALSE;
    }
  else
    {
      const char *w = p;

      if (*p == '\'' || *p == '"')
        {
          /* Weka's tokenizer takes a quoted type word too. */
          if (!read_word (st, &p, end, FALSE, "a type", &tok))
            return FALSE;
          type_word = g_string_new_len (tok.text, tok.len);
        }
      else
        {
          while (w < end && !is_blank (*w) && *w != '%' && *w != '{' && *w != '\'' && *w != '"')
            w++;
          type_word = g_string_new_len (p, w - p);
          p = skip_blanks (w, end);
        }

      if (g_ascii_strcasecmp (type_word->str, "numeric") == 0 ||
          g_ascii_strcasecmp (type_word->str, "real") == 0 ||
          g_ascii_strcasecmp (type_word->str, "integer") == 0)
        {
          attr->type = ATTR_NUMERIC;
          attr->type_word = g_ascii_tolower (type_word->str[0]) == 'n' ? "numeric" :
                            g_ascii_tolower (type_word->str[0]) == 'r' ? "real" : "integer";
          if (!expect_end (st, p, end, "the type"))
            return FALSE;
        }
      else if (g_ascii_strcasecmp (type_word->str, "string") == 0)
        {
          attr->type = ATTR_STRING;
          attr->type_word = "string";
          if (!expect_end (st, p, end, "the type"))
            return FALSE;
        }
      else if (g_ascii_strcasecmp (type_word->str, "date") == 0)
        {
          attr->type = ATTR_DATE;
          attr->type_word = "date";
          if (p < end && *p != '%')
            {
              g_autofree char *pattern = NULL;
              g_autofree char *problem = NULL;
              int code = ORCHARD_ERROR_PARSE;

              if (!read_word (st, &p, end, FALSE, "a date format", &tok))
                return FALSE;
              pattern = g_strndup (tok.text, tok.len);
              attr->date_format = date_format_compile (pattern, st->century_start, &problem, &code);
              if (attr->date_format == NULL)
                return fail (st, tok.start, code, "the date format “%s” of attribute “%s” %s",
                             pattern, attr->name, problem);
              if (!expect_end (st, p, end, "the date format"))
                return FALSE;
            }
        }
      else if (g_ascii_strcasecmp (type_word->str, "relational") == 0)
        {
          return fail (st, type_at, ORCHARD_ERROR_UNSUPPORTED,
                       "attribute “%s” is relational (multi-instance data), which Orchard does "
                       "not read", attr->name);
        }
      else
        {
          g_autofree char *text = shown (type_word->str, type_word->len);

          return fail (st, type_at, ORCHARD_ERROR_PARSE,
                       "unknown type “%s” for attribute “%s”; expected numeric, real, integer, "
                       "string, date or a list of values in braces", text, attr->name);
        }
    }

  g_hash_table_insert (st->names, attr->name, GUINT_TO_POINTER (st->attrs->len));
  return TRUE;
}

static gboolean
match_keyword (const char *word,
               gsize       len,
               const char *keyword)
{
  return strlen (keyword) == len && g_ascii_strncasecmp (word, keyword, len) == 0;
}

static gboolean
header_line (Arff       *st,
             const char *p,
             const char *end)
{
  const char *at = p;
  const char *word = p + 1;
  const char *w = word;
  gsize n;

  if (*p != '@')
    {
      g_autofree char *text = shown (p, end - p);

      if (st->section == SECTION_START)
        return fail (st, p, ORCHARD_ERROR_PARSE,
                     "expected @relation, found “%s”; an ARFF file starts with @relation", text);
      return fail (st, p, ORCHARD_ERROR_PARSE,
                   "expected @attribute or @data, found “%s”", text);
    }

  while (w < end && g_ascii_isalpha (*w))
    w++;
  n = w - word;

  if (w < end && !is_blank (*w) && *w != '%' && *w != '\'' && *w != '"')
    n = 0;   /* "@attribute2": not a keyword */
  p = skip_blanks (w, end);

  if (match_keyword (word, n, "relation"))
    {
      if (st->section != SECTION_START)
        return fail (st, at, ORCHARD_ERROR_PARSE,
                     "a second @relation; @relation comes once, at the start");
      /* The relation name is not used: whatever follows is accepted. */
      st->section = SECTION_HEADER;
      return TRUE;
    }

  if (st->section == SECTION_START)
    {
      g_autofree char *text = shown (at, MAX (w - at, 1));

      return fail (st, at, ORCHARD_ERROR_PARSE,
                   "expected @relation, found “%s”; an ARFF file starts with @relation", text);
    }

  if (match_keyword (word, n, "attribute"))
    return read_attribute (st, p, end);

  if (match_keyword (word, n, "data"))
    {
      if (st->attrs->len == 0)
        return fail (st, at, ORCHARD_ERROR_PARSE, "@data before any @attribute");
      if (!expect_end (st, p, end, "@data"))
        return FALSE;
      st->section = SECTION_DATA;
      st->data_line = st->line;
      return TRUE;
    }

  if (match_keyword (word, n, "end"))
    return fail (st, at, ORCHARD_ERROR_UNSUPPORTED,
                 "@end closes a relational attribute, which Orchard does not read");

  {
    const char *e = at;
    g_autofree char *text = NULL;

    while (e < end && !is_blank (*e))
      e++;
    text = shown (at, e - at);
    return fail (st, at, ORCHARD_ERROR_PARSE,
                 "unknown declaration “%s”; expected @attribute or @data", text);
  }
}

/* Data ---------------------------------------------------------------------- */

static void
grow (Arff *st)
{
  /* Sparse files can declare tens of thousands of attributes: start with
   * about a megabyte of rows, whatever the width. */
  gsize first = CLAMP ((1 << 17) / st->attrs->len, 16, 1024);
  gsize capacity = MAX (st->capacity + st->capacity / 2, first);

  for (guint i = 0; i < st->attrs->len; i++)
    {
      Attr *attr = g_ptr_array_index (st->attrs, i);

      if (attr->type == ATTR_NUMERIC || attr->type == ATTR_DATE)
        attr->values = g_renew (double, attr->values, capacity);
      else
        attr->codes = g_renew (guint32, attr->codes, capacity);
    }

  st->capacity = capacity;
}

/* An instance weight, "{2.5}", which Weka allows after the values. */
static gboolean
read_weight (Arff        *st,
             const Token *tok)
{
  const char *p = tok->text;
  const char *end = tok->text + tok->len;
  double weight;

  if (tok->quoted || tok->len < 3 || p[0] != '{' || end[-1] != '}' ||
      !orchard_parse_double (p + 1, tok->len - 2, &weight) || !(weight >= 0.0))
    {
      g_autofree char *text = shown (tok->text, tok->len);

      return fail (st, tok->start, ORCHARD_ERROR_PARSE,
                   "“%s” is not an instance weight; expected a number in braces, like {2.5}",
                   text);
    }

  st->n_weighted++;
  return TRUE;
}

static gboolean
dense_row (Arff       *st,
           const char *p,
           const char *end)
{
  guint n = st->attrs->len;
  guint field = 0;
  const char *first_extra = NULL;
  Token weight = { NULL, NULL, 0, FALSE };

  for (;;)
    {
      Token tok;

      if (!read_value (st, &p, end, FALSE, &tok))
        return FALSE;

      if (field < n)
        {
          if (!store_value (st, g_ptr_array_index (st->attrs, field), &tok))
            return FALSE;
        }
      else if (field == n && !tok.quoted && tok.len > 0 && tok.text[0] == '{')
        weight = tok;
      else if (first_extra == NULL)
        first_extra = field == n + 1 && weight.start != NULL ? weight.start : tok.start;

      field++;
      p = skip_blanks (p, end);
      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p == end || *p == '%')
        break;

      return fail (st, p, ORCHARD_ERROR_PARSE,
                   "unexpected text after the closing quote; values are separated by commas");
    }

  if (field < n)
    return fail (st, p, ORCHARD_ERROR_PARSE, "expected %u values, found %u", n, field);
  if (first_extra != NULL)
    return fail (st, first_extra, ORCHARD_ERROR_PARSE, "expected %u values, found %u", n, field);
  if (weight.start != NULL)
    return read_weight (st, &weight);

  return TRUE;
}

/* Values a sparse row leaves out are Weka's internal 0: the number 0, the
 * first declared nominal value, 1970-01-01T00:00:00. */
static gboolean
fill_sparse_defaults (Arff       *st,
                      const char *at,
                      guint       from,
                      guint       to)
{
  for (guint i = from; i < to; i++)
    {
      Attr *attr = g_ptr_array_index (st->attrs, i);

      switch (attr->type)
        {
        case ATTR_NUMERIC:
        case ATTR_DATE:
          attr->values[st->n_rows] = 0.0;
          break;

        case ATTR_NOMINAL:
          if (attr->levels->len == 0)
            return fail (st, at, ORCHARD_ERROR_PARSE,
                         "the sparse row leaves out attribute “%s”, whose default is its first "
                         "declared value, but it declares none", attr->name);
          attr->codes[st->n_rows] = 0;
          break;

        case ATTR_STRING:
          /* Weka would use whichever string it stored first; there is no
           * such thing in a file, so the empty string, with a warning. */
          if (!intern (st, attr, at, "", &attr->codes[st->n_rows]))
            return FALSE;
          attr->n_sparse_empty++;
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return TRUE;
}

static gboolean
sparse_row (Arff       *st,
            const char *p,
            const char *end)
{
  const char *open = p;
  guint n = st->attrs->len;
  guint next = 0;

  p = skip_blanks (p + 1, end);
  if (p < end && *p == '}')
    p++;
  else
    for (;;)
      {
        const char *index_at = skip_blanks (p, end);
        guint64 index = 0;
        Token tok;

        p = index_at;
        while (p < end && g_ascii_isdigit (*p))
          {
            index = MIN (index * 10 + (guint64) (*p - '0'), G_MAXUINT32);
            p++;
          }

        if (p == index_at)
          {
            if (p == end || *p == '%')
              return fail (st, open, ORCHARD_ERROR_PARSE,
                           "the sparse row's { is not closed with } on this line");
            return fail (st, p, ORCHARD_ERROR_PARSE,
                         "expected an attribute index in the sparse row, like {0 X, 3 Y}");
          }
        if (p == end || !is_blank (*p))
          return fail (st, p, ORCHARD_ERROR_PARSE,
                       "expected a blank and a value after index %" G_GUINT64_FORMAT
                       " in the sparse row, like {0 X, 3 Y}", index);
        if (index >= n)
          return fail (st, index_at, ORCHARD_ERROR_PARSE,
                       "index %" G_GUINT64_FORMAT " in the sparse row is out of range: the file "
                       "declares %u attributes, indices 0 to %u", index, n, n - 1);
        if (index < next)
          return fail (st, index_at, ORCHARD_ERROR_PARSE,
                       "index %" G_GUINT64_FORMAT " in the sparse row comes after index %u; "
                       "indices must increase", index, next - 1);

        if (!fill_sparse_defaults (st, open, next, (guint) index))
          return FALSE;
        if (!read_value (st, &p, end, TRUE, &tok))
          return FALSE;
        if (!store_value (st, g_ptr_array_index (st->attrs, index), &tok))
          return FALSE;
        next = (guint) index + 1;

        p = skip_blanks (p, end);
        if (p < end && *p == ',')
          {
            p++;
            continue;
          }
        if (p < end && *p == '}')
          {
            p++;
            break;
          }
        if (p == end || *p == '%')
          return fail (st, open, ORCHARD_ERROR_PARSE,
                       "the sparse row's { is not closed with } on this line");

        return fail (st, p, ORCHARD_ERROR_PARSE,
                     "unexpected text after the closing quote; values are separated by commas");
      }

  if (!fill_sparse_defaults (st, open, next, n))
    return FALSE;

  p = skip_blanks (p, end);
  if (p < end && *p == ',')
    {
      Token tok;

      p++;
      if (!read_value (st, &p, end, FALSE, &tok) || !read_weight (st, &tok))
        return FALSE;
    }

  return expect_end (st, p, end, "the sparse row");
}

static gboolean
data_line (Arff       *st,
           const char *p,
           const char *end)
{
  if (*p == '@')
    {
      const char *w = p + 1;

      while (w < end && g_ascii_isalpha (*w))
        w++;
      if (match_keyword (p + 1, w - p - 1, "attribute") ||
          match_keyword (p + 1, w - p - 1, "relation") ||
          match_keyword (p + 1, w - p - 1, "data"))
        return fail (st, p, ORCHARD_ERROR_PARSE,
                     "“@%.*s” after @data (line %" G_GSIZE_FORMAT "); declarations come before it",
                     (int) (w - p - 1), p + 1, st->data_line);
    }

  if (st->n_rows == st->capacity)
    grow (st);

  if (!(*p == '{' ? sparse_row (st, p, end) : dense_row (st, p, end)))
    return FALSE;

  st->n_rows++;
  return TRUE;
}

static gboolean
process_line (Arff       *st,
              const char *line,
              gsize       len)
{
  const char *end = line + len;
  const char *p = line;
  const char *bad = NULL;

  if (st->line == 1 && len >= 3 && memcmp (line, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  st->line_start = p;

  if (!g_utf8_validate_len (p, end - p, &bad))
    {
      if (*bad == '\0')
        return fail (st, bad, ORCHARD_ERROR_ENCODING,
                     "a NUL byte; this looks like a binary file, not ARFF");
      return fail (st, bad, ORCHARD_ERROR_ENCODING,
                   "invalid UTF-8 (byte 0x%02X); ARFF files are read as UTF-8",
                   (guint) (guchar) *bad);
    }

  p = skip_blanks (p, end);
  if (p == end)
    return TRUE;
  if (*p == '%')
    {
      st->saw_comment = TRUE;
      return TRUE;
    }

  st->last_content_line = st->line;

  if (st->section == SECTION_DATA)
    return data_line (st, p, end);
  return header_line (st, p, end);
}

static gboolean
emit_line (Arff       *st,
           GByteArray *carry,
           const char *data,
           gsize       len)
{
  gboolean ok;

  if (carry->len > 0)
    {
      g_byte_array_append (carry, (const guint8 *) data, len);
      ok = process_line (st, (const char *) carry->data, carry->len);
      g_byte_array_set_size (carry, 0);
    }
  else
    ok = process_line (st, data, len);

  st->line++;
  return ok;
}

/* Cuts a chunk into lines ending in LF, CRLF or CR; the unfinished last
 * line waits in @carry for the next chunk. */
static gboolean
split_lines (Arff       *st,
             GByteArray *carry,
             const char *data,
             gsize       len,
             gboolean   *skip_lf)
{
  gsize start = 0;
  gsize i = 0;

  if (*skip_lf)
    {
      *skip_lf = FALSE;
      if (len > 0 && data[0] == '\n')
        start = i = 1;
    }

  for (; i < len; i++)
    {
      char c = data[i];

      if (G_LIKELY (c != '\n' && c != '\r'))
        continue;

      if (!emit_line (st, carry, data + start, i - start))
        return FALSE;

      if (c == '\r')
        {
          if (i + 1 < len)
            {
              if (data[i + 1] == '\n')
                i++;
            }
          else
            *skip_lf = TRUE;
        }
      start = i + 1;
    }

  g_byte_array_append (carry, (const guint8 *) data + start, len - start);
  return TRUE;
}

static void
report (OrchardProgress  progress,
        gpointer         progress_data,
        double           fraction)
{
  if (progress != NULL)
    progress (CLAMP (fraction, 0.0, 1.0), NULL, progress_data);
}

static OrchardColumn *
attr_to_column (Attr                *attr,
                gsize                n_rows,
                OrchardReadOptions  *options,
                GPtrArray           *warnings)
{
  OrchardColumnKind declared;
  OrchardColumnKind wanted;
  gboolean is_text;
  OrchardColumn *column;

  switch (attr->type)
    {
    case ATTR_NUMERIC: declared = ORCHARD_COLUMN_KIND_NUMERIC; break;
    case ATTR_DATE: declared = ORCHARD_COLUMN_KIND_DATETIME; break;
    case ATTR_NOMINAL: declared = ORCHARD_COLUMN_KIND_CATEGORICAL; break;
    case ATTR_STRING: declared = ORCHARD_COLUMN_KIND_TEXT; break;
    default: g_assert_not_reached ();
    }

  is_text = declared == ORCHARD_COLUMN_KIND_TEXT;

  /* Types are declared; the one override that needs no conversion is
   * between categories and free text, which are stored alike. */
  if (options != NULL && orchard_read_options_get_kind (options, attr->name, &wanted) &&
      wanted != declared)
    {
      if ((declared == ORCHARD_COLUMN_KIND_CATEGORICAL || declared == ORCHARD_COLUMN_KIND_TEXT) &&
          (wanted == ORCHARD_COLUMN_KIND_CATEGORICAL || wanted == ORCHARD_COLUMN_KIND_TEXT))
        is_text = wanted == ORCHARD_COLUMN_KIND_TEXT;
      else
        g_ptr_array_add (warnings,
                         g_strdup_printf ("Column “%s”: the ARFF header declares it %s; the "
                                          "requested kind “%s” was ignored",
                                          attr->name, attr->type_word,
                                          orchard_column_kind_to_string (wanted)));
    }

  if (attr->n_sparse_empty > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("Column “%s”: %" G_GSIZE_FORMAT " sparse rows leave out "
                                      "this string attribute; they were read as the empty "
                                      "string", attr->name, attr->n_sparse_empty));

  switch (attr->type)
    {
    case ATTR_NUMERIC:
    case ATTR_DATE:
      {
        double *values = g_realloc_n (g_steal_pointer (&attr->values), MAX (n_rows, 1),
                                      sizeof (double));

        if (attr->type == ATTR_NUMERIC)
          return orchard_column_new_numeric (attr->name, values, n_rows);
        return orchard_column_new_datetime (attr->name, values, n_rows);
      }

    case ATTR_NOMINAL:
    case ATTR_STRING:
      column = orchard_column_new_categorical (attr->name,
                                               g_realloc_n (g_steal_pointer (&attr->codes),
                                                            MAX (n_rows, 1), sizeof (guint32)),
                                               n_rows,
                                               g_steal_pointer (&attr->levels),
                                               is_text);
      attr->levels = g_ptr_array_new ();
      return column;

    default:
      g_assert_not_reached ();
    }
}

static OrchardTable *
finish (Arff                *st,
        const char          *source,
        OrchardReadOptions  *options,
        GError             **error)
{
  g_autoptr(GPtrArray) columns = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrchardTable) table = NULL;

  switch (st->section)
    {
    case SECTION_START:
      /* Anything else in this section would have been @relation or an error. */
      g_assert (st->last_content_line == 0);
      if (!st->saw_comment)
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY, "%s is empty", st->display_name);
      else
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                     "%s holds only blank lines and comments; an ARFF file starts with @relation",
                     st->display_name);
      return NULL;

    case SECTION_HEADER:
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   "%s, line %" G_GSIZE_FORMAT ": the file ends without @data; the header "
                   "declares %u attributes but no data section",
                   st->display_name, st->last_content_line, st->attrs->len);
      return NULL;

    case SECTION_DATA:
    default:
      break;
    }

  if (st->n_rows == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   "%s, line %" G_GSIZE_FORMAT ": the @data section holds no rows",
                   st->display_name, st->data_line);
      return NULL;
    }

  columns = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
  for (guint i = 0; i < st->attrs->len; i++)
    g_ptr_array_add (columns, attr_to_column (g_ptr_array_index (st->attrs, i), st->n_rows,
                                              options, warnings));

  if (st->n_weighted > 0)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("%" G_GSIZE_FORMAT " rows carry an instance weight ({w} "
                                      "after the values); the values were read and the weights "
                                      "ignored", st->n_weighted));

  table = orchard_table_new ((OrchardColumn **) columns->pdata, columns->len, error);
  if (table == NULL)
    return NULL;

  orchard_table_set_origin (table, source, "arff", warnings);
  return g_steal_pointer (&table);
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
  g_autoptr(GByteArray) carry = g_byte_array_new ();
  g_autofree char *buf = g_malloc (CHUNK_SIZE);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  OrchardTable *table = NULL;
  gboolean skip_lf = FALSE;
  goffset done = 0;
  double reported = 0.0;
  Arff st = { 0 };

  st.display_name = display_name;
  st.section = SECTION_START;
  st.attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) attr_free);
  st.names = g_hash_table_new (g_str_hash, g_str_equal);
  st.line = 1;
  st.scratch = g_string_new (NULL);
  st.key = g_string_new (NULL);
  st.century_start = g_date_time_get_year (now) - 80;

  report (progress, progress_data, 0.0);

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;

      n = g_input_stream_read (stream, buf, CHUNK_SIZE, cancellable, error);
      if (n < 0)
        goto out;
      if (n == 0)
        break;

      if (!split_lines (&st, carry, buf, n, &skip_lf))
        {
          g_propagate_error (error, g_steal_pointer (&st.error));
          goto out;
        }

      done += n;
      /* A few hundred calls at most, however large the file. */
      if (total_size > 0 && 0.99 * done / (double) total_size >= reported + 0.005)
        {
          reported = 0.99 * done / (double) total_size;
          report (progress, progress_data, reported);
        }
    }

  if (carry->len > 0 && !process_line (&st, (const char *) carry->data, carry->len))
    {
      g_propagate_error (error, g_steal_pointer (&st.error));
      goto out;
    }

  table = finish (&st, source, options, error);
  if (table != NULL)
    report (progress, progress_data, 1.0);

out:
  g_clear_pointer (&st.attrs, g_ptr_array_unref);
  g_clear_pointer (&st.names, g_hash_table_unref);
  g_string_free (st.scratch, TRUE);
  g_string_free (st.key, TRUE);
  g_clear_error (&st.error);

  return table;
}

/**
 * orchard_arff_read_file:
 * @file: a Weka ARFF file
 * @options: (nullable): reading options; column kinds are declared by the
 *   file, so only a categorical ↔ text override is honoured
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads an ARFF file: numeric, real and integer attributes become numeric
 * columns, nominal attributes categorical columns whose levels are the
 * declared values in declared order, string attributes text columns and
 * date attributes datetime columns. Dense and sparse rows are read; `?` is
 * missing. Errors in the file are reported with the file name, line and
 * column (in characters); the reader never crashes on arbitrary bytes.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OrchardTable *
orchard_arff_read_file (GFile               *file,
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
 * orchard_arff_read_bytes:
 * @bytes: the content of an ARFF file
 * @display_name: the name to use in messages
 * @options: (nullable): reading options, as for orchard_arff_read_file()
 * @progress: (nullable) (scope call): progress callback
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like orchard_arff_read_file() on data already in memory.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
OrchardTable *
orchard_arff_read_bytes (GBytes              *bytes,
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

/**
 * orchard_arff_sniff:
 * @data: the first bytes of a file
 * @len: their length
 *
 * Returns: %TRUE when the first line that is neither blank nor a `%`
 *   comment starts with the `@relation` keyword (in any case)
 */
gboolean
orchard_arff_sniff (const char *data,
                    gsize       len)
{
  const char *p = data;
  const char *end = data + len;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;

  while (p < end)
    {
      while (p < end && (is_blank (*p) || *p == '\r' || *p == '\n'))
        p++;
      if (p == end)
        return FALSE;

      if (*p == '%')
        {
          while (p < end && *p != '\r' && *p != '\n')
            p++;
          continue;
        }

      return end - p >= 9 && g_ascii_strncasecmp (p, "@relation", 9) == 0 &&
             (end - p == 9 || is_blank (p[9]) || p[9] == '\r' || p[9] == '\n' ||
              p[9] == '\'' || p[9] == '"' || p[9] == '%');
    }

  return FALSE;
}

/**
 * orchard_arff_detect_file:
 * @file: a data file
 * @cancellable: (nullable): a #GCancellable
 *
 * Whether @file should be read as ARFF: its name ends in `.arff` (in any
 * case), or its first line that is not a comment starts with `@relation`.
 * A file that cannot be read is not ARFF; reading it again reports why.
 *
 * Returns: %TRUE for an ARFF file
 */
gboolean
orchard_arff_detect_file (GFile        *file,
                          GCancellable *cancellable)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *head = NULL;
  gsize n = 0;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_basename (file);
  len = name != NULL ? strlen (name) : 0;
  if (len >= 5 && g_ascii_strcasecmp (name + len - 5, ".arff") == 0)
    return TRUE;

  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL)
    return FALSE;

  head = g_malloc (SNIFF_BYTES);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, SNIFF_BYTES, &n, cancellable, NULL))
    return FALSE;

  return orchard_arff_sniff (head, n);
}
