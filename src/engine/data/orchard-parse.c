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

/* A decimal becomes a double by the first of these that applies; each one
 * rounds correctly (to nearest, ties to even):
 *
 * 1. the digits form an integer w < 2^53 and the exponent is within ±22:
 *    w and 10^|e| are exact doubles, and one IEEE multiplication or division
 *    of exact operands rounds correctly (Clinger 1990);
 * 2. w has at most 19 digits and the exponent is within ±27: exact integer
 *    arithmetic on 128 bits (w·5^e, or w·2^s / 5^-e with the remainder kept
 *    as a sticky bit) and one explicit rounding to 53 bits. Full-precision
 *    doubles ("0.40298087084652756", what printf %.17g and Python's repr()
 *    write) land here;
 * 3. everything else: strtod, which glibc rounds correctly. */
static const double exact_pow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static inline gboolean
is_digit (char c)
{
  return (unsigned char) (c - '0') < 10;
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

#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 u128;

/* 5^0 … 5^27, the powers below 2^63. */
static const guint64 pow5[] = {
  G_GUINT64_CONSTANT (1),
  G_GUINT64_CONSTANT (5),
  G_GUINT64_CONSTANT (25),
  G_GUINT64_CONSTANT (125),
  G_GUINT64_CONSTANT (625),
  G_GUINT64_CONSTANT (3125),
  G_GUINT64_CONSTANT (15625),
  G_GUINT64_CONSTANT (78125),
  G_GUINT64_CONSTANT (390625),
  G_GUINT64_CONSTANT (1953125),
  G_GUINT64_CONSTANT (9765625),
  G_GUINT64_CONSTANT (48828125),
  G_GUINT64_CONSTANT (244140625),
  G_GUINT64_CONSTANT (1220703125),
  G_GUINT64_CONSTANT (6103515625),
  G_GUINT64_CONSTANT (30517578125),
  G_GUINT64_CONSTANT (152587890625),
  G_GUINT64_CONSTANT (762939453125),
  G_GUINT64_CONSTANT (3814697265625),
  G_GUINT64_CONSTANT (19073486328125),
  G_GUINT64_CONSTANT (95367431640625),
  G_GUINT64_CONSTANT (476837158203125),
  G_GUINT64_CONSTANT (2384185791015625),
  G_GUINT64_CONSTANT (11920928955078125),
  G_GUINT64_CONSTANT (59604644775390625),
  G_GUINT64_CONSTANT (298023223876953125),
  G_GUINT64_CONSTANT (1490116119384765625),
  G_GUINT64_CONSTANT (7450580596923828125),
};

/* The double nearest to (n + δ)·2^e2, where n > 0 and 0 < δ < 1 exactly when
 * @sticky; the result must lie in the normal range. */
static double
round_to_double (u128     n,
                 gboolean sticky,
                 int      e2)
{
  guint64 hi = (guint64) (n >> 64);
  guint64 top;
  guint64 mant;
  guint64 rest;
  guint64 bits;
  double value;

  /* Normalise to 64 bits with the top one set, folding what falls off
   * into the sticky bit. */
  if (hi == 0)
    {
      int lz = __builtin_clzll ((guint64) n);

      top = (guint64) n << lz;
      e2 -= lz;
    }
  else
    {
      int drop = 64 - __builtin_clzll (hi);

      top = (guint64) (n >> drop);
      sticky |= (n << (128 - drop)) != 0;
      e2 += drop;
    }

  /* 53 bits survive; the 11 below them and the sticky bit decide. */
  mant = top >> 11;
  rest = top & 0x7ff;
  e2 += 11;
  if (rest > 0x400 || (rest == 0x400 && (sticky || (mant & 1))))
    {
      mant++;
      if (mant == G_GUINT64_CONSTANT (1) << 53)
        {
          mant >>= 1;
          e2++;
        }
    }

  bits = ((guint64) (e2 + 52 + 1023) << 52) | (mant & ((G_GUINT64_CONSTANT (1) << 52) - 1));
  memcpy (&value, &bits, sizeof value);

  return value;
}

/* w·10^e10 for w > 0 and |e10| ≤ 27. */
static double
decimal_to_double (guint64 w,
                   int     e10)
{
  if (e10 >= 0)
    return round_to_double ((u128) w * pow5[e10], FALSE, e10);
  else
    {
      /* w / 10^k = w·2^s / 5^k · 2^-(s+k), with s putting w's top bit at
       * bit 127 so that the quotient keeps at least 64 bits. */
      int s = 64 + __builtin_clzll (w);
      u128 num = (u128) w << s;
      u128 q = num / pow5[-e10];
      gboolean sticky = q * pow5[-e10] != num;

      return round_to_double (q, sticky, -s + e10);
    }
}
#endif

/* Reads 8 ASCII digits at once when @p holds them (SWAR, as in Lemire's
 * fast_float): the digit loops below spend most of their time on long
 * fractions such as those of full-precision doubles. */
static inline gboolean
eight_digits (const char *p,
              guint64    *value)
{
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
  const guint64 high = G_GUINT64_CONSTANT (0xf0f0f0f0f0f0f0f0);
  const guint64 low = G_GUINT64_CONSTANT (0x000000ff000000ff);
  guint64 v;

  memcpy (&v, p, 8);
  if (((v & high) | (((v + G_GUINT64_CONSTANT (0x0606060606060606)) & high) >> 4)) !=
      G_GUINT64_CONSTANT (0x3333333333333333))
    return FALSE;

  v -= G_GUINT64_CONSTANT (0x3030303030303030);
  v = v * 10 + (v >> 8);
  *value = ((v & low) * (100 + (G_GUINT64_CONSTANT (1000000) << 32)) +
            ((v >> 16) & low) * (1 + (G_GUINT64_CONSTANT (10000) << 32))) >> 32;
  return TRUE;
#else
  return FALSE;
#endif
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
  const char *digits;
  gboolean negative = FALSE;
  guint64 mantissa = 0;
  int significant = 0;
  int exp10 = 0;
  int int_digits;
  int frac_digits = 0;
  gboolean dropped = FALSE;
  guint64 eight;

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

  /* The first 19 significant digits fit a guint64; later ones only scale
   * the value, and when one of them is not zero the value is inexact here. */
  digits = p;
  while (p < end && *p == '0')
    p++;
  while (significant <= 11 && end - p >= 8 && eight_digits (p, &eight))
    {
      mantissa = mantissa * 100000000 + eight;
      significant += 8;
      p += 8;
    }
  for (; p < end && is_digit (*p); p++)
    {
      if (significant < 19)
        {
          mantissa = mantissa * 10 + (guint64) (*p - '0');
          significant++;
        }
      else
        {
          exp10++;
          dropped |= *p != '0';
        }
    }
  int_digits = p - digits;

  if (p < end && *p == '.')
    {
      p++;
      digits = p;
      if (significant == 0)
        {
          while (p < end && *p == '0')
            p++;
          exp10 -= p - digits;
        }
      while (significant <= 11 && end - p >= 8 && eight_digits (p, &eight))
        {
          mantissa = mantissa * 100000000 + eight;
          significant += 8;
          exp10 -= 8;
          p += 8;
        }
      for (; p < end && is_digit (*p); p++)
        {
          if (significant < 19)
            {
              mantissa = mantissa * 10 + (guint64) (*p - '0');
              significant++;
              exp10--;
            }
          else
            dropped |= *p != '0';
        }
      frac_digits = p - digits;
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
      while (p < end && is_digit (*p))
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

  if (mantissa == 0)
    {
      *out = negative ? -0.0 : 0.0;
      return TRUE;
    }

  if (!dropped)
    {
      if (mantissa <= (G_GUINT64_CONSTANT (1) << 53) && exp10 >= -22 && exp10 <= 22)
        {
          double value = (double) mantissa;

          if (exp10 < 0)
            value /= exact_pow10[-exp10];
          else
            value *= exact_pow10[exp10];

          *out = negative ? -value : value;
          return TRUE;
        }

#ifdef __SIZEOF_INT128__
      if (exp10 >= -27 && exp10 <= 27)
        {
          double value = decimal_to_double (mantissa, exp10);

          *out = negative ? -value : value;
          return TRUE;
        }
#endif
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
