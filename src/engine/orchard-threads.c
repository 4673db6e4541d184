/* orchard-threads.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cblas.h>
#include <omp.h>

#include "orchard-threads.h"

/* The setting, 0 until the first call below; how many serial BLAS
 * sections are open. Both under the lock, which also orders the calls
 * into OpenBLAS's global setting. */
static GMutex lock;
static guint n_threads;
static guint n_serial;

static guint
ensure_locked (void)
{
  if (n_threads == 0)
    {
      n_threads = g_get_num_processors ();
      openblas_set_num_threads ((int) n_threads);
    }
  return n_threads;
}

/**
 * orchard_set_threads:
 * @n_threads: the number of threads, or 0 for one per processor
 *
 * Sets the number of threads of every parallel part of the engine: the
 * OpenMP loops and OpenBLAS alike. Engine code either calls BLAS outside
 * its OpenMP loops, so that one pool works at a time, or calls it from
 * inside them within orchard_blas_serial_begin() and
 * orchard_blas_serial_end(); the two never multiply into more threads than
 * this.
 *
 * The setting is process-wide; it is meant for start-up (`orchard-cli
 * --threads N`, the preferences of the app), not for changing while a
 * model is being fitted.
 */
void
orchard_set_threads (guint n_threads_)
{
  if (n_threads_ == 0)
    n_threads_ = g_get_num_processors ();
  n_threads_ = MIN (n_threads_, 1024);

  g_mutex_lock (&lock);
  n_threads = n_threads_;
  if (n_serial == 0)
    openblas_set_num_threads ((int) n_threads);
  g_mutex_unlock (&lock);

  /* OpenMP's setting is per calling thread, which is why the engine's
   * parallel loops ask orchard_get_threads() (`num_threads (…)`) rather
   * than rely on it; this serves code that does. */
  omp_set_num_threads ((int) n_threads_);
}

/**
 * orchard_get_threads:
 *
 * Returns: the number of threads parallel engine code uses; one per
 *   processor unless orchard_set_threads() said otherwise
 */
guint
orchard_get_threads (void)
{
  guint n;

  g_mutex_lock (&lock);
  n = ensure_locked ();
  g_mutex_unlock (&lock);

  return n;
}

/**
 * orchard_blas_serial_begin:
 *
 * Makes OpenBLAS single-threaded until the matching
 * orchard_blas_serial_end(), for a parallel loop whose threads each call
 * BLAS on their own block: scikit-learn's k-NN does the same through
 * threadpoolctl. Sections nest and may overlap between threads; BLAS calls
 * elsewhere meanwhile run on one thread too, which costs time but never
 * correctness.
 */
void
orchard_blas_serial_begin (void)
{
  g_mutex_lock (&lock);
  ensure_locked ();
  if (n_serial++ == 0)
    openblas_set_num_threads (1);
  g_mutex_unlock (&lock);
}

/**
 * orchard_blas_serial_end:
 *
 * Ends what orchard_blas_serial_begin() began; the last open section gives
 * OpenBLAS its threads back.
 */
void
orchard_blas_serial_end (void)
{
  g_mutex_lock (&lock);
  g_assert (n_serial > 0);
  if (--n_serial == 0)
    openblas_set_num_threads ((int) n_threads);
  g_mutex_unlock (&lock);
}
