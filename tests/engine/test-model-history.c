/* test-model-history.c: the learning curve, read while a fit runs
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * orchard_model_copy_history() is what the Train page polls from the main
 * thread while a learner fits in a worker. Whatever moment a snapshot is
 * taken at, it must be a prefix of the final curve (no torn or reordered
 * entries), and the best iteration must only appear once the learner
 * settles on one.
 */
#include "config.h"

#include <math.h>

#include "orchard.h"

typedef struct
{
  OrchardModel  *model;
  OrchardMatrix *X;
  double        *y;
  OrchardMatrix *X_valid;
  double        *y_valid;
  GError        *error;
  gboolean       done;
} Fit;

static gpointer
fit_thread (gpointer data)
{
  Fit *fit = data;

  orchard_model_fit (fit->model, fit->X, fit->y, fit->X_valid, fit->y_valid, NULL, NULL, NULL,
                     NULL, &fit->error);
  g_atomic_int_set (&fit->done, TRUE);
  return NULL;
}

/* Three noisy classes on two features: enough for a curve that improves,
 * then stalls, so that early stopping ends it. */
static void
make_data (gsize           n_rows,
           guint32         seed,
           OrchardMatrix **X_out,
           double        **y_out)
{
  OrchardMatrix *X = orchard_matrix_new (n_rows, 2);
  double *values = orchard_matrix_get_data (X);
  double *y = g_new (double, n_rows);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

  orchard_matrix_set_feature (X, 0, "a", NULL, -1);
  orchard_matrix_set_feature (X, 1, "b", NULL, -1);
  for (gsize i = 0; i < n_rows; i++)
    {
      guint k = i % 3;

      values[i * 2] = k + g_rand_double_range (rand, -1.2, 1.2);
      values[i * 2 + 1] = (k == 1) + g_rand_double_range (rand, -1.0, 1.0);
      y[i] = k;
    }

  *X_out = X;
  *y_out = y;
}

static void
test_snapshots_are_prefixes (void)
{
  const char *labels[] = { "a", "b", "c", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (OrchardHistoryEntry));
  const OrchardHistoryEntry *final;
  Fit fit = { 0 };
  GThread *thread;
  guint n_final, n_polls = 0, n_growing = 0;
  int best = -1;

  fit.model = orchard_model_new_by_name ("gbdt", &error);
  g_assert_no_error (error);
  g_object_set (fit.model, "n-trees", 400, "learning-rate", 0.3, "patience", 5, NULL);
  g_assert_true (orchard_model_set_target (fit.model, ORCHARD_TASK_MULTICLASS, labels, &error));
  make_data (6000, 1, &fit.X, &fit.y);
  make_data (1500, 2, &fit.X_valid, &fit.y_valid);

  thread = g_thread_new ("fit", fit_thread, &fit);
  while (!g_atomic_int_get (&fit.done))
    {
      guint n = 0, total = 0;
      g_autofree OrchardHistoryEntry *entries = orchard_model_copy_history (fit.model, seen->len,
                                                                           &n, &total, &best);

      /* Only new entries are copied; they continue the curve. */
      g_assert_cmpuint (total, ==, seen->len + n);
      for (guint i = 0; i < n; i++)
        g_assert_cmpuint (entries[i].iteration, ==, seen->len + i + 1);
      if (n > 0)
        {
          g_array_append_vals (seen, entries, n);
          n_growing++;
        }
      /* gbdt settles on its best iteration only once it stops. */
      if (!g_atomic_int_get (&fit.done))
        g_assert_true (best == -1 || best >= 1);
      n_polls++;
      g_usleep (200);
    }
  g_thread_join (thread);
  g_assert_no_error (fit.error);

  final = orchard_model_get_history (fit.model, &n_final);
  g_assert_cmpuint (seen->len, <=, n_final);
  for (guint i = 0; i < seen->len; i++)
    {
      const OrchardHistoryEntry *a = &g_array_index (seen, OrchardHistoryEntry, i);

      g_assert_cmpuint (a->iteration, ==, final[i].iteration);
      g_assert_cmpfloat (a->train_loss, ==, final[i].train_loss);
      g_assert_cmpfloat (a->valid_loss, ==, final[i].valid_loss);
    }

  {
    guint n = 0, total = 0;
    g_autofree OrchardHistoryEntry *rest = orchard_model_copy_history (fit.model, 0, &n, &total,
                                                                       &best);

    g_assert_cmpuint (n, ==, n_final);
    g_assert_cmpuint (total, ==, n_final);
    g_assert_cmpint (best, ==, orchard_model_get_best_iteration (fit.model));
    /* It stopped early: the best iteration is before the last. */
    g_assert_cmpint (best, >=, 1);
    g_assert_cmpint (best, <, (int) n_final);
    g_assert_cmpint (n_final, <, 400);
    for (guint i = 0; i < n; i++)
      g_assert_true (isfinite (rest[i].train_loss) && isfinite (rest[i].valid_loss));
  }

  /* Asking beyond the curve copies nothing and says where it ends. */
  {
    guint n = 1, total = 0;
    g_autofree OrchardHistoryEntry *none = orchard_model_copy_history (fit.model, n_final + 5,
                                                                       &n, &total, NULL);
    g_assert_null (none);
    g_assert_cmpuint (n, ==, 0);
    g_assert_cmpuint (total, ==, n_final);
  }

  g_test_message ("%u polls, %u saw the curve grow, %u iterations, best %d",
                  n_polls, n_growing, n_final, best);

  g_object_unref (fit.model);
  orchard_matrix_unref (fit.X);
  orchard_matrix_unref (fit.X_valid);
  g_free (fit.y);
  g_free (fit.y_valid);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/Model/history-snapshots", test_snapshots_are_prefixes);

  return g_test_run ();
}
