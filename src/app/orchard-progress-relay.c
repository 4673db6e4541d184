/* orchard-progress-relay.c: a worker thread's progress, carried to the main loop
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "orchard-progress-relay.h"

/* What a worker shares with the main thread: the latest fraction and message
 * under a mutex, carried over by one idle at a time, so that a worker
 * reporting thousands of times a second costs the main loop one update per
 * turn. The owner is held weakly: a report that arrives after it is gone is
 * dropped. */
struct _OrchardProgressRelay
{
  gatomicrefcount           ref_count;
  GMutex                    mutex;
  GWeakRef                  owner;
  OrchardProgressRelayShow  show;
  double                    fraction;
  char                     *message;
  gboolean                  idle_queued;
};

/**
 * orchard_progress_relay_new:
 * @owner: (type GObject): the object whose @show displays the reports
 * @show: called on the main thread with the latest report
 *
 * Returns: (transfer full): a relay; pass it as the user data of
 *   orchard_progress_relay_report(), an #OrchardProgress
 */
OrchardProgressRelay *
orchard_progress_relay_new (gpointer                 owner,
                            OrchardProgressRelayShow show)
{
  OrchardProgressRelay *self = g_new0 (OrchardProgressRelay, 1);

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);
  g_return_val_if_fail (show != NULL, NULL);

  g_atomic_ref_count_init (&self->ref_count);
  g_mutex_init (&self->mutex);
  g_weak_ref_init (&self->owner, owner);
  self->show = show;
  return self;
}

OrchardProgressRelay *
orchard_progress_relay_ref (OrchardProgressRelay *self)
{
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
orchard_progress_relay_unref (OrchardProgressRelay *self)
{
  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_weak_ref_clear (&self->owner);
  g_mutex_clear (&self->mutex);
  g_free (self->message);
  g_free (self);
}

/**
 * orchard_progress_relay_show:
 * @self: the relay
 *
 * Shows the latest report now, on the main thread: for a progress bar that
 * has just been made.
 */
void
orchard_progress_relay_show (OrchardProgressRelay *self)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&self->owner);
  g_autofree char *message = NULL;
  double fraction;

  g_mutex_lock (&self->mutex);
  fraction = self->fraction;
  message = g_strdup (self->message);
  g_mutex_unlock (&self->mutex);

  if (owner != NULL)
    self->show (owner, self, CLAMP (fraction, 0.0, 1.0), message);
}

static gboolean
show_cb (gpointer data)
{
  OrchardProgressRelay *self = data;

  g_mutex_lock (&self->mutex);
  self->idle_queued = FALSE;
  g_mutex_unlock (&self->mutex);
  orchard_progress_relay_show (self);
  return G_SOURCE_REMOVE;
}

/**
 * orchard_progress_relay_report:
 * @fraction: how much of the work is done, 0 … 1
 * @message: (nullable): what is being done; %NULL keeps the last message
 * @relay: the #OrchardProgressRelay
 *
 * An #OrchardProgress callback, safe from any thread.
 */
void
orchard_progress_relay_report (double      fraction,
                               const char *message,
                               gpointer    relay)
{
  OrchardProgressRelay *self = relay;
  gboolean queue;

  g_mutex_lock (&self->mutex);
  self->fraction = fraction;
  if (message != NULL && g_strcmp0 (message, self->message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }
  queue = !self->idle_queued;
  self->idle_queued = TRUE;
  g_mutex_unlock (&self->mutex);

  if (queue)
    g_idle_add_full (G_PRIORITY_LOW, show_cb, orchard_progress_relay_ref (self),
                     (GDestroyNotify) orchard_progress_relay_unref);
}
