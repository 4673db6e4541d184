/* test-split.c: splits, folds and the leakage guard
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "prep-test-util.h"

static JsonObject *
reference (void)
{
  static JsonParser *parser;

  if (parser == NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("ORCHARD_TEST_DATA_DIR"),
                                                "prep-reference.json", NULL);
      g_autoptr(GError) error = NULL;

      parser = json_parser_new ();
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
    }

  return json_node_get_object (json_parser_get_root (parser));
}

static OrchardTable *
numbered (gsize n)
{
  g_autofree double *x = g_new (double, n);

  for (gsize i = 0; i < n; i++)
    x[i] = (double) i;
  return table_of (numbers ("x", x, n), NULL);
}

static OrchardPartition *
apply (OrchardSplit *split,
       OrchardTable *table)
{
  g_autoptr(GError) error = NULL;
  OrchardPartition *partition = orchard_split_apply (split, table, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (partition);
  return partition;
}

static void
assert_rows (OrchardPartition *partition,
             OrchardPart       part,
             const gsize      *expected,
             gsize             n_expected)
{
  gsize n;
  const gsize *rows = orchard_partition_get_rows (partition, part, &n);

  g_assert_cmpuint (n, ==, n_expected);
  for (gsize i = 0; i < n; i++)
    {
      g_assert_cmpuint (rows[i], ==, expected[i]);
      g_assert_cmpint (orchard_partition_get_part (partition, rows[i]), ==, part);
    }
}

static gboolean
has_warning (OrchardPartition        *partition,
             OrchardSplitWarningCode  code,
             const char              *column)
{
  for (guint w = 0; w < orchard_partition_get_n_warnings (partition); w++)
    {
      const OrchardSplitWarning *warning = orchard_partition_get_warning (partition, w);

      if (warning->code == code && g_strcmp0 (warning->column, column) == 0)
        {
          g_test_message ("%s: %s", orchard_split_warning_code_to_string (code), warning->message);
          return TRUE;
        }
    }

  return FALSE;
}

/* Seeds ------------------------------------------------------------------- */

/* Rows from tests/reference/split_reference.py, an independent Python
 * transcription of the documented algorithm and of xoshiro256**: the same
 * seed gives these rows on every machine. */
static void
test_seed_reference (void)
{
  g_autoptr(OrchardTable) table = numbered (20);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  const gsize train42[] = { 0, 2, 3, 4, 5, 6, 8, 9, 10, 13, 14, 17, 18, 19 };
  const gsize valid42[] = { 11, 15, 16 };
  const gsize test42[] = { 1, 7, 12 };
  const gsize train7[] = { 0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 18, 19 };
  const gsize valid7[] = { 13, 16, 17 };
  const gsize test7[] = { 5, 14, 15 };

  orchard_split_set_seed (split, 42);
  {
    g_autoptr(OrchardPartition) partition = apply (split, table);

    assert_rows (partition, ORCHARD_PART_TRAIN, train42, G_N_ELEMENTS (train42));
    assert_rows (partition, ORCHARD_PART_VALID, valid42, G_N_ELEMENTS (valid42));
    assert_rows (partition, ORCHARD_PART_TEST, test42, G_N_ELEMENTS (test42));
  }

  orchard_split_set_seed (split, 7);
  {
    g_autoptr(OrchardPartition) partition = apply (split, table);

    assert_rows (partition, ORCHARD_PART_TRAIN, train7, G_N_ELEMENTS (train7));
    assert_rows (partition, ORCHARD_PART_VALID, valid7, G_N_ELEMENTS (valid7));
    assert_rows (partition, ORCHARD_PART_TEST, test7, G_N_ELEMENTS (test7));
  }
}

static void
test_fold_seed_reference (void)
{
  g_autoptr(OrchardTable) table = numbered (10);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(OrchardFolds) folds = NULL;
  g_autoptr(GError) error = NULL;
  /* Rows given in a scrambled order: the folds must not depend on it. */
  const gsize rows[] = { 9, 3, 0, 1, 2, 4, 8, 5, 6, 7 };
  const gsize expected[3][4] = { { 0, 3, 4, 5 }, { 1, 2, 8 }, { 6, 7, 9 } };
  const gsize sizes[3] = { 4, 3, 3 };

  orchard_split_set_seed (split, 42);
  folds = orchard_split_make_folds (split, table, rows, G_N_ELEMENTS (rows), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orchard_folds_get_n_folds (folds), ==, 3);

  for (guint f = 0; f < 3; f++)
    {
      gsize n_valid, n_train;
      const gsize *valid = orchard_folds_get_valid (folds, f, &n_valid);

      orchard_folds_get_train (folds, f, &n_train);
      g_assert_cmpuint (n_valid, ==, sizes[f]);
      g_assert_cmpuint (n_train, ==, 10 - sizes[f]);
      for (gsize i = 0; i < n_valid; i++)
        g_assert_cmpuint (valid[i], ==, expected[f][i]);
    }
}

static void
test_reproducible (void)
{
  g_autoptr(OrchardTable) table = with_role (load_sample ("penguins.csv"), "species",
                                             ORCHARD_COLUMN_ROLE_TARGET);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
  g_autoptr(OrchardPartition) a = NULL;
  g_autoptr(OrchardPartition) b = NULL;
  g_autoptr(OrchardPartition) c = NULL;
  gsize differ = 0;

  orchard_split_set_seed (split, 2026);
  a = apply (split, table);
  b = apply (split, table);
  orchard_split_set_seed (split, 2027);
  c = apply (split, table);

  for (gsize r = 0; r < orchard_table_get_n_rows (table); r++)
    {
      g_assert_cmpint (orchard_partition_get_part (a, r), ==, orchard_partition_get_part (b, r));
      differ += orchard_partition_get_part (a, r) != orchard_partition_get_part (c, r);
    }
  g_assert_cmpuint (differ, >, 0);
}

/* Methods ----------------------------------------------------------------- */

static void
test_fractions (void)
{
  g_autoptr(OrchardTable) table = numbered (344);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(GError) error = NULL;
  gsize n;

  {
    g_autoptr(OrchardPartition) partition = apply (split, table);

    /* round(344 · 0.15) = 52 each for validation and test. */
    orchard_partition_get_rows (partition, ORCHARD_PART_TRAIN, &n);
    g_assert_cmpuint (n, ==, 240);
    orchard_partition_get_rows (partition, ORCHARD_PART_VALID, &n);
    g_assert_cmpuint (n, ==, 52);
    orchard_partition_get_rows (partition, ORCHARD_PART_TEST, &n);
    g_assert_cmpuint (n, ==, 52);
    g_assert_cmpuint (orchard_partition_get_n_warnings (partition), ==, 0);
  }

  g_assert_true (orchard_split_set_fractions (split, 0.8, 0.0, 0.2, &error));
  g_assert_no_error (error);
  {
    g_autoptr(OrchardPartition) partition = apply (split, table);

    orchard_partition_get_rows (partition, ORCHARD_PART_VALID, &n);
    g_assert_cmpuint (n, ==, 0);
    orchard_partition_get_rows (partition, ORCHARD_PART_TEST, &n);
    g_assert_cmpuint (n, ==, 69);
  }

  g_assert_false (orchard_split_set_fractions (split, 0.7, 0.2, 0.2, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (orchard_split_set_fractions (split, 0.0, 0.5, 0.5, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

static void
test_stratified (void)
{
  g_autoptr(OrchardTable) table = with_role (load_sample ("penguins.csv"), "species",
                                             ORCHARD_COLUMN_ROLE_TARGET);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
  g_autoptr(OrchardPartition) partition = apply (split, table);
  OrchardColumn *species = column_named (table, "species");
  const guint32 *codes = orchard_column_get_codes (species);
  guint n_levels = orchard_column_get_n_levels (species);

  for (guint l = 0; l < n_levels; l++)
    {
      gsize counts[ORCHARD_N_PARTS] = { 0 };
      gsize total = 0;

      for (gsize r = 0; r < orchard_table_get_n_rows (table); r++)
        if (codes[r] == l)
          {
            counts[orchard_partition_get_part (partition, r)]++;
            total++;
          }

      /* Each class split in the proportions asked, to the nearest row. */
      g_assert_cmpfloat (fabs ((double) counts[ORCHARD_PART_TEST] - 0.15 * total), <=, 0.5);
      g_assert_cmpfloat (fabs ((double) counts[ORCHARD_PART_VALID] - 0.15 * total), <=, 0.5);
    }

  g_assert_cmpuint (orchard_partition_get_n_warnings (partition), ==, 0);
}

static void
test_group (void)
{
  const gsize n = 100;
  g_autofree double *x = g_new (double, n);
  g_autofree double *group = g_new (double, n);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_GROUP);
  g_autoptr(OrchardPartition) partition = NULL;
  gsize n_test;

  /* 25 patients with 1 … 7 rows each. */
  for (gsize i = 0, g = 0; i < n; g++)
    for (gsize k = 0; k < 1 + g % 7 && i < n; k++, i++)
      {
        x[i] = (double) i;
        group[i] = (double) (1000 + g);
      }
  table = with_role (table_of (numbers ("x", x, n), numbers ("patient", group, n), NULL),
                     "patient", ORCHARD_COLUMN_ROLE_ID);

  /* The identifier column is the default group column. */
  partition = apply (split, table);
  for (gsize a = 0; a < n; a++)
    for (gsize b = a + 1; b < n; b++)
      if (group[a] == group[b])
        g_assert_cmpint (orchard_partition_get_part (partition, a), ==,
                         orchard_partition_get_part (partition, b));

  /* Whole groups fill the test part until it holds its 15 rows, so it
   * overshoots by less than the largest group. */
  orchard_partition_get_rows (partition, ORCHARD_PART_TEST, &n_test);
  g_assert_cmpuint (n_test, >=, 15);
  g_assert_cmpuint (n_test, <, 15 + 7);
}

static void
test_time (void)
{
  g_autoptr(OrchardTable) weather = load_sample ("seattle-weather.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new_parse ("time:date", &error);
  g_autoptr(OrchardPartition) partition = NULL;
  const double *date;
  double newest[ORCHARD_N_PARTS] = { -INFINITY, -INFINITY, -INFINITY };
  double oldest[ORCHARD_N_PARTS] = { INFINITY, INFINITY, INFINITY };
  gsize n;

  g_assert_no_error (error);
  g_assert_cmpint (orchard_split_get_method (split), ==, ORCHARD_SPLIT_TIME);
  g_assert_cmpstr (orchard_split_get_column (split), ==, "date");

  partition = apply (split, weather);
  date = values_of (weather, "date");
  for (gsize r = 0; r < orchard_table_get_n_rows (weather); r++)
    {
      OrchardPart p = orchard_partition_get_part (partition, r);

      newest[p] = MAX (newest[p], date[r]);
      oldest[p] = MIN (oldest[p], date[r]);
    }

  /* Earlier rows train, later rows validate, the latest test. */
  g_assert_cmpfloat (newest[ORCHARD_PART_TRAIN], <, oldest[ORCHARD_PART_VALID]);
  g_assert_cmpfloat (newest[ORCHARD_PART_VALID], <, oldest[ORCHARD_PART_TEST]);
  orchard_partition_get_rows (partition, ORCHARD_PART_TEST, &n);
  g_assert_cmpuint (n, ==, 219);   /* round(1461 · 0.15) */
  g_assert_false (has_warning (partition, ORCHARD_SPLIT_WARNING_TIME_ORDER, "date"));
}

static void
test_time_ties (void)
{
  /* Ten rows at five times; the 70 % boundary (row 7) falls inside the
   * tie at t = 3, which must stay whole. */
  const double t[] = { 4, 0, 1, 3, 2, 3, 3, 0, 1, 4 };
  g_autoptr(OrchardTable) table = table_of (dates ("t", t, G_N_ELEMENTS (t)), NULL);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_TIME);
  g_autoptr(OrchardPartition) partition = NULL;
  g_autoptr(GError) error = NULL;

  /* Without a time column and without a name there is nothing to order by. */
  g_assert_null (orchard_split_apply (split, table, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  table = with_role (g_steal_pointer (&table), "t", ORCHARD_COLUMN_ROLE_TIME);
  g_assert_true (orchard_split_set_fractions (split, 0.7, 0.0, 0.3, &error));
  partition = apply (split, table);

  for (gsize a = 0; a < G_N_ELEMENTS (t); a++)
    for (gsize b = 0; b < G_N_ELEMENTS (t); b++)
      {
        if (t[a] == t[b])
          g_assert_cmpint (orchard_partition_get_part (partition, a), ==,
                           orchard_partition_get_part (partition, b));
        if (t[a] < t[b])
          g_assert_cmpint (orchard_partition_get_part (partition, a), <=,
                           orchard_partition_get_part (partition, b));
      }
  g_assert_cmpint (orchard_partition_get_part (partition, 3), ==, ORCHARD_PART_TRAIN);
  g_assert_cmpint (orchard_partition_get_part (partition, 0), ==, ORCHARD_PART_TEST);
}

static void
test_time_missing (void)
{
  const double t[] = { 0, 1, NAN, 3, 4 };
  g_autoptr(OrchardTable) table = table_of (dates ("t", t, G_N_ELEMENTS (t)), NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new_parse ("time:t", &error);

  g_assert_no_error (error);
  g_assert_null (orchard_split_apply (split, table, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "“t” has 1 missing value"));
}

static void
test_parse (void)
{
  const char * const bad[] = { "shuffled", "random:x", "group:", "time:" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_null (orchard_split_new_parse (bad[i], &error));
      g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
    }

  {
    g_autoptr(OrchardSplit) split = orchard_split_new_parse ("group:patient", &error);

    g_assert_no_error (error);
    g_assert_cmpint (orchard_split_get_method (split), ==, ORCHARD_SPLIT_GROUP);
    g_assert_cmpstr (orchard_split_get_column (split), ==, "patient");
  }
}

static void
test_stratified_needs_classes (void)
{
  g_autoptr(OrchardTable) table = with_role (load_sample ("diabetes.csv"), "target",
                                             ORCHARD_COLUMN_ROLE_TARGET);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
  g_autoptr(GError) error = NULL;

  g_assert_null (orchard_split_apply (split, table, NULL, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "categorical"));
}

/* Warnings ---------------------------------------------------------------- */

static void
test_class_absent (void)
{
  /* 19 rows of "common" and one "rare": with 15 % held out per part, the
   * rare class rounds to no validation and no test row. */
  const char *labels[20];
  double x[20];
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
  g_autoptr(OrchardPartition) partition = NULL;
  guint absent = 0;

  for (guint i = 0; i < 20; i++)
    {
      labels[i] = i == 7 ? "rare" : "common";
      x[i] = i;
    }
  table = with_role (table_of (numbers ("x", x, 20), strings ("y", labels, 20), NULL), "y",
                     ORCHARD_COLUMN_ROLE_TARGET);

  partition = apply (split, table);
  g_assert_cmpint (orchard_partition_get_part (partition, 7), ==, ORCHARD_PART_TRAIN);
  for (guint w = 0; w < orchard_partition_get_n_warnings (partition); w++)
    {
      const OrchardSplitWarning *warning = orchard_partition_get_warning (partition, w);

      if (warning->code == ORCHARD_SPLIT_WARNING_CLASS_ABSENT)
        {
          g_assert_cmpstr (warning->column, ==, "y");
          g_assert_nonnull (strstr (warning->message, "“rare”"));
          absent++;
        }
    }
  g_assert_cmpuint (absent, ==, 2);
}

static void
test_duplicates_across_parts (void)
{
  /* Every row twice: a random split puts many pairs on both sides. */
  double x[40];
  const char *y[40];
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(OrchardPartition) partition = NULL;
  g_autoptr(OrchardTable) distinct = numbered (40);
  g_autoptr(OrchardPartition) clean = NULL;

  for (guint i = 0; i < 40; i++)
    {
      x[i] = i % 20;
      y[i] = i % 3 == 0 ? "a" : "b";
    }
  /* The label depends on i, not on x: rows i and i + 20 are duplicates only
   * when their labels agree too. */
  table = table_of (numbers ("x", x, 40), strings ("y", y, 40), NULL);

  partition = apply (split, table);
  g_assert_true (has_warning (partition, ORCHARD_SPLIT_WARNING_DUPLICATES, NULL));

  clean = apply (split, distinct);
  g_assert_false (has_warning (clean, ORCHARD_SPLIT_WARNING_DUPLICATES, NULL));
}

static void
test_time_order_warning (void)
{
  g_autoptr(OrchardTable) weather = with_role (load_sample ("seattle-weather.csv"), "date",
                                               ORCHARD_COLUMN_ROLE_TIME);
  g_autoptr(OrchardSplit) random = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(OrchardSplit) in_time = orchard_split_new (ORCHARD_SPLIT_TIME);
  g_autoptr(OrchardPartition) shuffled = apply (random, weather);
  g_autoptr(OrchardPartition) ordered = apply (in_time, weather);

  g_assert_true (has_warning (shuffled, ORCHARD_SPLIT_WARNING_TIME_ORDER, "date"));
  g_assert_false (has_warning (ordered, ORCHARD_SPLIT_WARNING_TIME_ORDER, "date"));
}

static void
test_target_proxy (void)
{
  /* "leak" is the class itself, as a number; "noise" is not. */
  const gsize n = 60;
  g_autofree double *leak = g_new (double, n);
  g_autofree double *noise = g_new (double, n);
  g_autofree const char **y = g_new (const char *, n);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
  g_autoptr(OrchardPartition) partition = NULL;
  OrchardRng rng;

  orchard_rng_init (&rng, 3);
  for (gsize i = 0; i < n; i++)
    {
      y[i] = i % 2 ? "yes" : "no";
      leak[i] = i % 2 ? 1.0 : 0.0;
      noise[i] = orchard_rng_uniform (&rng);
    }
  table = with_role (table_of (numbers ("leak", leak, n), numbers ("noise", noise, n),
                               strings ("y", y, n), NULL),
                     "y", ORCHARD_COLUMN_ROLE_TARGET);

  partition = apply (split, table);
  g_assert_true (has_warning (partition, ORCHARD_SPLIT_WARNING_TARGET_PROXY, "leak"));
  g_assert_false (has_warning (partition, ORCHARD_SPLIT_WARNING_TARGET_PROXY, "noise"));
}

/* Folds ------------------------------------------------------------------- */

static gsize *
all_rows (gsize n)
{
  gsize *rows = g_new (gsize, n);

  for (gsize i = 0; i < n; i++)
    rows[i] = i;
  return rows;
}

/* Every row validated exactly once and trained on in every other fold. */
static void
assert_partitioned (OrchardFolds *folds,
                    gsize         n_rows)
{
  g_autofree guint *validated = g_new0 (guint, n_rows);

  for (guint f = 0; f < orchard_folds_get_n_folds (folds); f++)
    {
      gsize n_valid, n_train;
      const gsize *valid = orchard_folds_get_valid (folds, f, &n_valid);
      const gsize *train = orchard_folds_get_train (folds, f, &n_train);

      g_assert_cmpuint (n_valid + n_train, ==, n_rows);
      for (gsize i = 0; i < n_valid; i++)
        {
          validated[valid[i]]++;
          if (i > 0)
            g_assert_cmpuint (valid[i], >, valid[i - 1]);
        }
      for (gsize i = 1; i < n_train; i++)
        g_assert_cmpuint (train[i], >, train[i - 1]);
    }

  for (gsize r = 0; r < n_rows; r++)
    g_assert_cmpuint (validated[r], ==, 1);
}

/* Class counts of every validation fold equal scikit-learn's StratifiedKFold. */
static void
test_stratified_folds_sklearn (void)
{
  JsonObject *cases = json_object_get_object_member (reference (), "stratified_kfold");
  g_autoptr(GList) names = json_object_get_members (cases);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonObject *expected = json_object_get_object_member (cases, l->data);
      const char *target = json_object_get_string_member (expected, "target");
      JsonArray *per_fold = json_object_get_array_member (expected, "valid_class_counts");
      g_autoptr(OrchardTable) table = with_role (load_sample (l->data), target,
                                                 ORCHARD_COLUMN_ROLE_TARGET);
      gsize n_rows = orchard_table_get_n_rows (table);
      g_autofree gsize *rows = all_rows (n_rows);
      g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
      g_autoptr(OrchardFolds) folds = NULL;
      g_autoptr(GError) error = NULL;
      OrchardColumn *labels = column_named (table, target);

      g_test_message ("%s", (const char *) l->data);
      orchard_split_set_seed (split, 11);
      folds = orchard_split_make_folds (split, table, rows, n_rows, 5, &error);
      g_assert_no_error (error);
      assert_partitioned (folds, n_rows);
      g_assert_cmpuint (orchard_folds_get_n_warnings (folds), ==, 0);

      for (guint f = 0; f < 5; f++)
        {
          JsonObject *counts = json_array_get_object_element (per_fold, f);
          g_autoptr(GHashTable) got = g_hash_table_new (g_str_hash, g_str_equal);
          g_autoptr(GList) classes = json_object_get_members (counts);
          gsize n_valid;
          const gsize *valid = orchard_folds_get_valid (folds, f, &n_valid);

          for (gsize i = 0; i < n_valid; i++)
            {
              const char *label = label_at (labels, valid[i]);
              guint count = GPOINTER_TO_UINT (g_hash_table_lookup (got, label));

              g_hash_table_insert (got, (gpointer) label, GUINT_TO_POINTER (count + 1));
            }

          g_assert_cmpuint (g_hash_table_size (got), ==, g_list_length (classes));
          for (GList *c = classes; c != NULL; c = c->next)
            g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (got, c->data)), ==,
                              json_object_get_int_member (counts, c->data));
        }
    }
}

/* Validation blocks of scikit-learn's TimeSeriesSplit(5) on seattle-weather. */
static void
test_time_folds_sklearn (void)
{
  JsonArray *expected = json_object_get_array_member (json_object_get_object_member (reference (),
                                                                                     "time_series"),
                                                      "valid");
  g_autoptr(OrchardTable) weather = load_sample ("seattle-weather.csv");
  gsize n_rows = orchard_table_get_n_rows (weather);
  g_autofree gsize *rows = all_rows (n_rows);
  g_autoptr(OrchardSplit) split = orchard_split_new_parse ("time:date", NULL);
  g_autoptr(OrchardFolds) folds = NULL;
  g_autoptr(GError) error = NULL;

  folds = orchard_split_make_folds (split, weather, rows, n_rows, 5, &error);
  g_assert_no_error (error);

  for (guint f = 0; f < 5; f++)
    {
      JsonArray *range = json_array_get_array_element (expected, f);
      gsize start = json_array_get_int_element (range, 0);
      gsize end = json_array_get_int_element (range, 1);
      gsize n_valid, n_train;
      const gsize *valid = orchard_folds_get_valid (folds, f, &n_valid);
      const gsize *train = orchard_folds_get_train (folds, f, &n_train);

      /* The file is in date order, so positions in time are row numbers. */
      g_assert_cmpuint (n_valid, ==, end - start);
      for (gsize i = 0; i < n_valid; i++)
        g_assert_cmpuint (valid[i], ==, start + i);
      g_assert_cmpuint (n_train, ==, start);
      for (gsize i = 0; i < n_train; i++)
        g_assert_cmpuint (train[i], ==, i);
    }
}

static void
test_group_folds (void)
{
  const gsize n = 90;
  g_autofree double *group = g_new (double, n);
  g_autofree gsize *rows = all_rows (n);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new_parse ("group:g", NULL);
  g_autoptr(OrchardFolds) folds = NULL;
  g_autoptr(GError) error = NULL;
  gsize smallest = G_MAXSIZE, largest = 0;

  for (gsize i = 0; i < n; i++)
    group[i] = (double) (i * 7 % 12);   /* 12 groups of 7 or 8 rows */
  table = table_of (numbers ("g", group, n), NULL);

  folds = orchard_split_make_folds (split, table, rows, n, 4, &error);
  g_assert_no_error (error);
  assert_partitioned (folds, n);

  for (guint f = 0; f < 4; f++)
    {
      gsize n_valid;
      const gsize *valid = orchard_folds_get_valid (folds, f, &n_valid);

      smallest = MIN (smallest, n_valid);
      largest = MAX (largest, n_valid);

      /* A group validated in this fold has no training row in it. */
      {
        gsize n_train;
        const gsize *train = orchard_folds_get_train (folds, f, &n_train);

        for (gsize i = 0; i < n_valid; i++)
          for (gsize j = 0; j < n_train; j++)
            g_assert_cmpfloat (group[valid[i]], !=, group[train[j]]);
      }
    }
  /* Balanced to within one group. */
  g_assert_cmpuint (largest - smallest, <=, 8);

  g_clear_pointer (&folds, orchard_folds_unref);
  folds = orchard_split_make_folds (split, table, rows, n, 13, &error);
  g_assert_null (folds);
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

static void
test_kfold_sizes (void)
{
  g_autoptr(OrchardTable) table = numbered (23);
  g_autofree gsize *rows = all_rows (23);
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_RANDOM);
  g_autoptr(OrchardFolds) folds = NULL;
  g_autoptr(GError) error = NULL;
  const gsize sizes[5] = { 5, 5, 5, 4, 4 };

  folds = orchard_split_make_folds (split, table, rows, 23, 5, &error);
  g_assert_no_error (error);
  assert_partitioned (folds, 23);
  for (guint f = 0; f < 5; f++)
    {
      gsize n_valid;

      orchard_folds_get_valid (folds, f, &n_valid);
      g_assert_cmpuint (n_valid, ==, sizes[f]);
    }

  g_assert_null (orchard_split_make_folds (split, table, rows, 23, 1, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_null (orchard_split_make_folds (split, table, rows, 3, 4, &error));
  g_assert_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT);
}

static void
test_small_class_folds (void)
{
  const char *labels[12];
  g_autofree gsize *rows = all_rows (12);
  g_autoptr(OrchardTable) table = NULL;
  g_autoptr(OrchardSplit) split = orchard_split_new (ORCHARD_SPLIT_STRATIFIED);
  g_autoptr(OrchardFolds) folds = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 12; i++)
    labels[i] = i < 2 ? "rare" : "common";
  table = with_role (table_of (strings ("y", labels, 12), NULL), "y",
                     ORCHARD_COLUMN_ROLE_TARGET);

  folds = orchard_split_make_folds (split, table, rows, 12, 4, &error);
  g_assert_no_error (error);
  assert_partitioned (folds, 12);
  g_assert_cmpuint (orchard_folds_get_n_warnings (folds), ==, 1);
  g_assert_cmpint (orchard_folds_get_warning (folds, 0)->code, ==,
                   ORCHARD_SPLIT_WARNING_SMALL_CLASS);
  g_assert_nonnull (strstr (orchard_folds_get_warning (folds, 0)->message, "“rare” has 2 rows"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Split/seed-reference", test_seed_reference);
  g_test_add_func ("/engine/Split/fold-seed-reference", test_fold_seed_reference);
  g_test_add_func ("/engine/Split/reproducible", test_reproducible);
  g_test_add_func ("/engine/Split/fractions", test_fractions);
  g_test_add_func ("/engine/Split/stratified", test_stratified);
  g_test_add_func ("/engine/Split/group", test_group);
  g_test_add_func ("/engine/Split/time", test_time);
  g_test_add_func ("/engine/Split/time-ties", test_time_ties);
  g_test_add_func ("/engine/Split/time-missing", test_time_missing);
  g_test_add_func ("/engine/Split/parse", test_parse);
  g_test_add_func ("/engine/Split/stratified-needs-classes", test_stratified_needs_classes);
  g_test_add_func ("/engine/Split/class-absent", test_class_absent);
  g_test_add_func ("/engine/Split/duplicates-across-parts", test_duplicates_across_parts);
  g_test_add_func ("/engine/Split/time-order-warning", test_time_order_warning);
  g_test_add_func ("/engine/Split/target-proxy", test_target_proxy);
  g_test_add_func ("/engine/Folds/stratified-sklearn", test_stratified_folds_sklearn);
  g_test_add_func ("/engine/Folds/time-series-sklearn", test_time_folds_sklearn);
  g_test_add_func ("/engine/Folds/group", test_group_folds);
  g_test_add_func ("/engine/Folds/kfold-sizes", test_kfold_sizes);
  g_test_add_func ("/engine/Folds/small-class", test_small_class_folds);

  return g_test_run ();
}
