/* test-level-index.c: the readers' level lookup
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "orchard.h"
#include "orchard-level-index-private.h"

static guint32
intern (OrchardLevelIndex *index,
        GPtrArray         *levels,
        const char        *str,
        gsize              len)
{
  guint32 code;

  if (orchard_level_index_lookup (index, str, len, &code))
    return code;

  g_ptr_array_add (levels, g_strndup (str, len));
  orchard_level_index_add (index, levels->len - 1);
  return levels->len - 1;
}

/* Codes follow first appearance, every level is found again after the
 * table has grown many times, and a GHashTable agrees on every lookup. */
static void
test_against_hash_table (void)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrchardLevelIndex) index = orchard_level_index_new (levels);
  g_autoptr(GHashTable) reference = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < 300000; i++)
    {
      /* Short keys collide in every byte but one; long keys share long
       * prefixes; the empty string is a level too. */
      guint k = g_rand_int_range (rand, 0, 120000);
      g_autofree char *key = i % 3 == 0 ? g_strdup_printf ("%u", k)
                           : i % 3 == 1 ? g_strdup_printf ("a long shared prefix, then %u", k)
                           : k % 1000 == 0 ? g_strdup ("") : g_strdup_printf ("C%07u", k);
      gpointer expected;
      guint32 code = intern (index, levels, key, strlen (key));

      if (!g_hash_table_lookup_extended (reference, key, NULL, &expected))
        {
          g_assert_cmpuint (code, ==, g_hash_table_size (reference));
          g_hash_table_insert (reference, g_strdup (key), GUINT_TO_POINTER (code));
        }
      else
        g_assert_cmpuint (code, ==, GPOINTER_TO_UINT (expected));

      g_assert_cmpstr (g_ptr_array_index (levels, code), ==, key);
    }

  g_assert_cmpuint (levels->len, ==, g_hash_table_size (reference));
  g_rand_free (rand);
}

/* The length bounds the value: a prefix of a level, a level followed by
 * more bytes, and a value with a nul inside are all different values. */
static void
test_lengths_and_nul (void)
{
  g_autoptr(GPtrArray) levels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(OrchardLevelIndex) index = orchard_level_index_new (levels);
  guint32 code;

  g_assert_cmpuint (intern (index, levels, "abc", 3), ==, 0);
  g_assert_cmpuint (intern (index, levels, "abcdef", 3), ==, 0);
  g_assert_false (orchard_level_index_lookup (index, "ab", 2, &code));
  g_assert_false (orchard_level_index_lookup (index, "abcd", 4, &code));
  g_assert_false (orchard_level_index_lookup (index, "abc\0", 4, &code));
  g_assert_false (orchard_level_index_lookup (index, "ab\0c", 4, &code));
  g_assert_true (orchard_level_index_lookup (index, "abc", 3, &code));
  g_assert_cmpuint (code, ==, 0);

  g_assert_cmpuint (intern (index, levels, "", 0), ==, 1);
  g_assert_false (orchard_level_index_lookup (index, "\0", 1, &code));
  g_assert_true (orchard_level_index_lookup (index, "", 0, &code));
  g_assert_cmpuint (code, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/LevelIndex/against-hash-table", test_against_hash_table);
  g_test_add_func ("/engine/LevelIndex/lengths-and-nul", test_lengths_and_nul);

  return g_test_run ();
}
