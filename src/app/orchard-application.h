/* orchard-application.h
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_APPLICATION (orchard_application_get_type ())

G_DECLARE_FINAL_TYPE (OrchardApplication, orchard_application, ORCHARD, APPLICATION, AdwApplication)

#define ORCHARD_APPLICATION_DEFAULT (ORCHARD_APPLICATION (g_application_get_default ()))

OrchardApplication *orchard_application_new            (void);
GSettings          *orchard_application_get_settings   (OrchardApplication *self);
void                orchard_application_open_file      (OrchardApplication *self,
                                                        GFile              *file,
                                                        GtkWindow          *hint);
void                orchard_application_add_recent     (OrchardApplication *self,
                                                        GFile              *file);
void                orchard_application_open_project   (OrchardApplication *self,
                                                        GFile              *file,
                                                        GtkWindow          *hint);
void                orchard_application_add_recent_project (OrchardApplication *self,
                                                        GFile              *file);
OrchardReadOptions *orchard_application_dup_read_options (OrchardApplication *self,
                                                        GFile              *file);

G_END_DECLS
