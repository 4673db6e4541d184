/* orchard-parse.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-parse.h"

/* Powers of ten that are exact in a double: the fast path below is correct
 * only while both the mantissa (< 2^53) and the power are exact, because a
 * single IEEE multiplication or division of exact operands rounds correctly
 * (Clinger 1990). Everything else goes to strtod, which glibc rounds correctly. */
static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static gboolean
parse_double_slow (const char *str,
                   gsize       len,
                   double     *out)
{
  char stack_buf[128];
  g_autofree char *heap_buf = NULL;
  char *buf;
  char *end = NULL;
  double value;

  if (len < sizeof stack_buf)
    buf = stack_buf;
  else
    buf = heap_buf = g_malloc (len + 1);

  memcpy (buf, str, len);
  buf[len] = '\0';

  value = g_ascii_strtod (buf, &end);
  if (end != buf + len)
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
match_word (const char *p,
            gsize       n,
            const char *word)
{
  return strlen (word) == n && g_ascii_strncasecmp (p, word, n) == 0;
}

/**
 * orchard_parse_double:
 * @str: the token, not necessarily nul-terminated
 * @len: its length in bytes
 * @out: (out): the value
 *
 * Parses a decimal number: optional sign, digits with an optional point (a
 * leading point is fine), an optional exponent, and `inf`/`infinity`.
 * Surrounding blanks are ignored. Results are correctly rounded, so every
 * double printed with 17 significant digits reads back unchanged.
 *
 * Returns: %TRUE when the whole token is a number
 */
gboolean
orchard_parse_double (const char *str,
                      gsize       len,
                      double     *out)
{
  const char *p = str;
  const char *end = str + len;
  const char *start;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int significant = 0;
  int exp10 = 0;
  int int_digits = 0;
  int frac_digits = 0;
  gboolean overflowed = FALSE;

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;

  if (p == end)
    return FALSE;

  start = p;

  if (*p == '+' || *p == '-')
    {
      negative = (*p == '-');
      p++;
    }

  if (p < end && (*p == 'i' || *p == 'I'))
    {
      gsize n = end - p;
      if (match_word (p, n, "inf") || match_word (p, n, "infinity"))
        {
          *out = negative ? -INFINITY : INFINITY;
          return TRUE;
        }
      return FALSE;
    }

  while (p < end && *p >= '0' && *p <= '9')
    {
      if (mantissa == 0 && *p == '0')
        ; /* leading zeros carry no precision */
      else if (significant < 19)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          significant++;
        }
      else
        {
          overflowed = TRUE;
          exp10++;
        }
      int_digits++;
      p++;
    }

  if (p < end && *p == '.')
    {
      p++;
      while (p < end && *p >= '0' && *p <= '9')
        {
          if (mantissa == 0 && *p == '0')
            exp10--;
          else if (significant < 19)
            {
              mantissa = mantissa * 10 + (guint64) (*p - '0');
              significant++;
              exp10--;
            }
          else
            overflowed = TRUE;
          frac_digits++;
          p++;
        }
    }

  if (int_digits == 0 && frac_digits == 0)
    return FALSE;

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      gboolean exp_negative = FALSE;
      int e = 0;
      int e_digits = 0;

      p++;
      if (p < end && (*p == '+' || *p == '-'))
        {
          exp_negative = (*p == '-');
          p++;
        }
      while (p < end && *p >= '0' && *p <= '9')
        {
          if (e < 100000)
            e = e * 10 + (*p - '0');
          e_digits++;
          p++;
        }
      if (e_digits == 0)
        return FALSE;
      exp10 += exp_negative ? -e : e;
    }

  if (p != end)
    return FALSE;

  if (!overflowed && mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22)
    {
      double value = (double) mantissa;

      if (exp10 < 0)
        value /= exact_pow10[-exp10];
      else
        value *= exact_pow10[exp10];

      *out = negative ? -value : value;
      return TRUE;
    }

  if (mantissa == 0 && !overflowed)
    {
      *out = negative ? -0.0 : 0.0;
      return TRUE;
    }

  return parse_double_slow (start, end - start, out);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm). */
gint64
orchard_days_from_civil (gint64 year,
                         guint  month,
                         guint  day)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static gboolean
read_digits (const char **p,
             const char  *end,
             int          n,
             int         *value)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (*p >= end || **p < '0' || **p > '9')
        return FALSE;
      v = v * 10 + (**p - '0');
      (*p)++;
    }

  *value = v;
  return TRUE;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

  return month == 2 && leap ? 29 : days[month - 1];
}

/**
 * orchard_parse_datetime:
 * @str: the token, not necessarily nul-terminated
 * @len: its length in bytes
 * @out: (out): seconds since 1970-01-01T00:00:00Z
 *
 * Parses the date and time shapes found in data files: ISO 8601
 * (`2024-03-01`, `2024-03-01T12:30`, `2024-03-01 12:30:15.25`, with `Z` or
 * `±hh:mm`) and `YYYY/MM/DD` with the same optional time. A time without a
 * zone is taken as UTC.
 *
 * Returns: %TRUE when the whole token is a valid date or date-time
 */
gboolean
orchard_parse_datetime (const char *str,
                        gsize       len,
                        double     *out)
{
  const char *p = str;
  const char *end = str + len;
  int year, month, day;
  int hour = 0, minute = 0, second = 0;
  double fraction = 0.0;
  int offset_minutes = 0;
  char sep;

  while (p < end && is_blank (*p))
    p++;
  while (end > p && is_blank (end[-1]))
    end--;

  if (!read_digits (&p, end, 4, &year))
    return FALSE;
  if (p >= end || (*p != '-' && *p != '/'))
    return FALSE;
  sep = *p++;
  if (!read_digits (&p, end, 2, &month) || p >= end || *p++ != sep ||
      !read_digits (&p, end, 2, &day))
    return FALSE;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month))
    return FALSE;

  if (p < end && (*p == 'T' || *p == ' '))
    {
      p++;
      if (!read_digits (&p, end, 2, &hour) || p >= end || *p++ != ':' ||
          !read_digits (&p, end, 2, &minute))
        return FALSE;
      if (p < end && *p == ':')
        {
          p++;
          if (!read_digits (&p, end, 2, &second))
            return FALSE;
          if (p < end && (*p == '.' || *p == ','))
            {
              double scale = 0.1;

              p++;
              if (p >= end || *p < '0' || *p > '9')
                return FALSE;
              while (p < end && *p >= '0' && *p <= '9')
                {
                  fraction += (*p - '0') * scale;
                  scale /= 10.0;
                  p++;
                }
            }
        }
      if (hour > 23 || minute > 59 || second > 60)
        return FALSE;

      if (p < end && *p == 'Z')
        p++;
      else if (p < end && (*p == '+' || *p == '-'))
        {
          int sign = *p == '-' ? -1 : 1;
          int oh, om = 0;

          p++;
          if (!read_digits (&p, end, 2, &oh))
            return FALSE;
          if (p < end && *p == ':')
            p++;
          if (p < end && !read_digits (&p, end, 2, &om))
            return FALSE;
          if (oh > 23 || om > 59)
            return FALSE;
          offset_minutes = sign * (oh * 60 + om);
        }
    }

  if (p != end)
    return FALSE;

  *out = (double) orchard_days_from_civil (year, month, day) * 86400.0 +
         hour * 3600.0 + minute * 60.0 + second - offset_minutes * 60.0 + fraction;

  return TRUE;
}
