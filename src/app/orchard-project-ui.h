/* orchard-project-ui.h: what the window does with project files
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard.h"

G_BEGIN_DECLS

GFile          *orchard_project_ui_dup_untitled_dir  (void);
OrchardProject *orchard_project_ui_create_untitled   (GError              **error);
gboolean        orchard_project_ui_is_untitled       (OrchardProject       *project);
char           *orchard_project_ui_dup_title         (OrchardProject       *project);
char           *orchard_project_ui_dup_summary       (OrchardProject       *project);
gboolean        orchard_project_ui_is_empty          (OrchardProject       *project);
gboolean        orchard_project_ui_discard           (OrchardProject       *project,
                                                      GError              **error);

void            orchard_project_ui_open_async        (GFile                *file,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
OrchardProject *orchard_project_ui_open_finish       (GAsyncResult         *result,
                                                      GError              **error);
void            orchard_project_ui_save_as_async     (OrchardProject       *project,
                                                      GFile                *file,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
OrchardProject *orchard_project_ui_save_as_finish    (GAsyncResult         *result,
                                                      GError              **error);

typedef void (*OrchardProjectFileChosen) (GtkWindow *parent,
                                          GFile     *file,
                                          gpointer   user_data);

void            orchard_project_ui_choose_file       (GtkWindow            *parent,
                                                      gboolean              save,
                                                      const char           *suggested_name,
                                                      OrchardProjectFileChosen chosen,
                                                      gpointer              user_data);
GtkWidget      *orchard_project_ui_show_error        (GtkWindow            *parent,
                                                      const char           *heading,
                                                      const GError         *error);
GtkWidget      *orchard_project_ui_rename            (GtkWindow            *parent,
                                                      OrchardProject       *project);

G_END_DECLS
