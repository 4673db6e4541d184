/* orchard-preferences-window.h
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ORCHARD_TYPE_PREFERENCES_WINDOW (orchard_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (OrchardPreferencesWindow, orchard_preferences_window, ORCHARD, PREFERENCES_WINDOW, AdwPreferencesWindow)

OrchardPreferencesWindow *orchard_preferences_window_new (GSettings *settings);

G_END_DECLS
