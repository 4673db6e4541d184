/* test-parse.c: number and date tokens
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "orchard.h"

static double
parse_ok (const char *s)
{
  double v = 0;
  g_assert_true (orchard_parse_double (s, strlen (s), &v));
  return v;
}

static void
test_number_shapes (void)
{
  double v;

  g_assert_cmpfloat (parse_ok ("42"), ==, 42.0);
  g_assert_cmpfloat (parse_ok ("-3.5"), ==, -3.5);
  g_assert_cmpfloat (parse_ok ("+.5"), ==, 0.5);
  g_assert_cmpfloat (parse_ok (".25"), ==, 0.25);
  g_assert_cmpfloat (parse_ok ("7."), ==, 7.0);
  g_assert_cmpfloat (parse_ok ("1e3"), ==, 1000.0);
  g_assert_cmpfloat (parse_ok ("1.5E-3"), ==, 0.0015);
  g_assert_cmpfloat (parse_ok ("  12  "), ==, 12.0);
  g_assert_cmpfloat (parse_ok ("0.000"), ==, 0.0);
  g_assert_true (isinf (parse_ok ("-inf")) && parse_ok ("-inf") < 0);
  g_assert_cmpfloat (parse_ok ("1e-400"), ==, 0.0);
  g_assert_true (isinf (parse_ok ("1e400")));
  g_assert_cmpfloat (parse_ok ("123456789012345678901234567890"), ==, 1.2345678901234568e29);

  g_assert_false (orchard_parse_double ("", 0, &v));
  g_assert_false (orchard_parse_double ("-", 1, &v));
  g_assert_false (orchard_parse_double (".", 1, &v));
  g_assert_false (orchard_parse_double ("1e", 2, &v));
  g_assert_false (orchard_parse_double ("1,5", 3, &v));
  g_assert_false (orchard_parse_double ("12abc", 5, &v));
  g_assert_false (orchard_parse_double ("0x10", 4, &v));
  g_assert_false (orchard_parse_double ("nan", 3, &v));
  /* The length bounds the token: trailing bytes are not read. */
  g_assert_true (orchard_parse_double ("12345", 2, &v));
  g_assert_cmpfloat (v, ==, 12.0);
}

/* Every double printed with 17 significant digits must read back exactly,
 * and so must the shortest forms; strtod is the reference. */
static void
test_number_round_trip (void)
{
  GRand *rand = g_rand_new_with_seed (20261127);

  for (int i = 0; i < 200000; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double x;
      double y = 0;
      char buf[64];

      if (i % 2 == 0)
        memcpy (&x, &bits, sizeof x);
      else
        x = g_rand_double_range (rand, -1e6, 1e6);

      if (!isfinite (x))
        continue;

      g_snprintf (buf, sizeof buf, "%.17g", x);
      g_assert_true (orchard_parse_double (buf, strlen (buf), &y));
      g_assert_true (memcmp (&x, &y, sizeof x) == 0 || (x == 0 && y == 0));

      g_snprintf (buf, sizeof buf, "%.6f", x);
      g_assert_true (orchard_parse_double (buf, strlen (buf), &y));
      g_assert_cmpfloat (y, ==, g_ascii_strtod (buf, NULL));
    }

  g_rand_free (rand);
}

/* Mantissas of 16 to 19 digits take exact 128-bit arithmetic instead of
 * strtod, and long digit runs are read 8 at a time: strtod must agree on
 * every one, halfway cases included (2^53 + 1 lies halfway between two
 * doubles and rounds to the even one). */
static void
test_number_long_mantissa (void)
{
  static const char *const cases[] = {
    "9007199254740993", "9007199254740995", "-9007199254740993", "18014398509481987",
    "9223372036854775807", "9999999999999999999", "1000000000000000000e-27",
    "4503599627370497.5", "0.40298087084652756", "1.7976931348623157e308",
    "2.2250738585072014e-308", "8.692932128906250000e-01", "123456789.12345678",
    "0.000000000000000000000000012345678901234567", "12345678901234567890",
    "1234567890123456789012345678901234567890e-20", "00000000000000000000001.5",
  };
  GRand *rand = g_rand_new_with_seed (20261128);
  char buf[64];
  double v;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (orchard_parse_double (cases[i], strlen (cases[i]), &v));
      g_assert_cmpfloat (v, ==, g_ascii_strtod (cases[i], NULL));
    }

  for (int i = 0; i < 300000; i++)
    {
      guint64 m = ((guint64) g_rand_int (rand) << 32 | g_rand_int (rand)) >>
                  g_rand_int_range (rand, 0, 20);
      int e = g_rand_int_range (rand, -30, 31);

      /* An exact tie at 53 bits now and then. */
      if (i % 4 == 0)
        m = (m | G_GUINT64_CONSTANT (1) << 63) >> 10 << 10 | G_GUINT64_CONSTANT (1) << 10;

      g_snprintf (buf, sizeof buf, "%" G_GUINT64_FORMAT "e%d", m, e);
      g_assert_true (orchard_parse_double (buf, strlen (buf), &v));
      g_assert_cmpfloat (v, ==, g_ascii_strtod (buf, NULL));
    }

  g_rand_free (rand);
}

static void
test_datetime (void)
{
  double v;

  g_assert_true (orchard_parse_datetime ("1970-01-01", 10, &v));
  g_assert_cmpfloat (v, ==, 0.0);
  g_assert_true (orchard_parse_datetime ("2012/01/02", 10, &v));
  g_assert_cmpfloat (v, ==, 1325462400.0);
  g_assert_true (orchard_parse_datetime ("2024-02-29T12:30:15Z", 20, &v));
  g_assert_cmpfloat (v, ==, 1709209815.0);
  g_assert_true (orchard_parse_datetime ("2024-02-29 12:30:15.5+02:00", 27, &v));
  g_assert_cmpfloat (v, ==, 1709209815.5 - 7200);
  g_assert_true (orchard_parse_datetime ("1969-12-31T23:59", 16, &v));
  g_assert_cmpfloat (v, ==, -60.0);

  g_assert_false (orchard_parse_datetime ("2023-02-29", 10, &v));
  g_assert_false (orchard_parse_datetime ("2023-13-01", 10, &v));
  g_assert_false (orchard_parse_datetime ("2023-01-01T25:00", 16, &v));
  g_assert_false (orchard_parse_datetime ("2023-01/01", 10, &v));
  g_assert_false (orchard_parse_datetime ("20230101", 8, &v));
  g_assert_false (orchard_parse_datetime ("2023-01-01x", 11, &v));
}

static void
test_format_double (void)
{
  g_autofree char *a = orchard_format_double (0.1);
  g_autofree char *b = orchard_format_double (1.0 / 3.0);
  g_autofree char *c = orchard_format_datetime (1325462400.0);
  g_autofree char *d = orchard_format_datetime (1709209815.0);

  g_assert_cmpstr (a, ==, "0.1");
  g_assert_cmpfloat (g_ascii_strtod (b, NULL), ==, 1.0 / 3.0);
  g_assert_cmpstr (c, ==, "2012-01-02");
  g_assert_cmpstr (d, ==, "2024-02-29T12:30:15");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Parse/number-shapes", test_number_shapes);
  g_test_add_func ("/engine/Parse/number-round-trip", test_number_round_trip);
  g_test_add_func ("/engine/Parse/number-long-mantissa", test_number_long_mantissa);
  g_test_add_func ("/engine/Parse/datetime", test_datetime);
  g_test_add_func ("/engine/Parse/format", test_format_double);

  return g_test_run ();
}
