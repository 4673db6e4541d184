/* orchard-progress-relay.h: a worker thread's progress, carried to the main loop
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _OrchardProgressRelay OrchardProgressRelay;

/**
 * OrchardProgressRelayShow:
 * @owner: the object the relay was made for, alive
 * @relay: the relay, so that the owner can tell a finished job's late report
 *   from its current job's
 * @fraction: the latest fraction, 0 … 1
 * @message: the latest message, or %NULL
 *
 * Shows a report on the main thread.
 */
typedef void (*OrchardProgressRelayShow) (gpointer              owner,
                                          OrchardProgressRelay *relay,
                                          double                fraction,
                                          const char           *message);

OrchardProgressRelay *orchard_progress_relay_new    (gpointer                  owner,
                                                     OrchardProgressRelayShow  show);
OrchardProgressRelay *orchard_progress_relay_ref    (OrchardProgressRelay     *self);
void                  orchard_progress_relay_unref  (OrchardProgressRelay     *self);
void                  orchard_progress_relay_report (double                    fraction,
                                                     const char               *message,
                                                     gpointer                  relay);
void                  orchard_progress_relay_show   (OrchardProgressRelay     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardProgressRelay, orchard_progress_relay_unref)

G_END_DECLS
