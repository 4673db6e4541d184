/* orchard-progress.h: how long engine work reports progress
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardProgress:
 * @fraction: work done so far, 0.0 … 1.0
 * @message: (nullable): what is being done, translated, or %NULL to keep the last one
 * @user_data: closure data
 *
 * Called from the thread that runs the work, at most a few hundred times per
 * call; receivers that drive widgets coalesce it into one idle on the main thread.
 */
typedef void (*OrchardProgress) (double      fraction,
                                 const char *message,
                                 gpointer    user_data);

G_END_DECLS
