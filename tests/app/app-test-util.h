/* app-test-util.h: what every in-process UI test of the app needs
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window of a real OrchardApplication, a main loop turned until a
 * condition holds, searches through the widget tree, and screenshots of the
 * window (or of any widget) into ORCHARD_SCREENSHOT_DIR.
 */
#pragma once

#include <adwaita.h>

#include "orchard-application.h"
#include "orchard-window.h"

G_BEGIN_DECLS

typedef gboolean (*AppTestCondition) (gpointer data);

void                app_test_init              (int              *argc,
                                                char           ***argv);
OrchardWindow      *app_test_open_window       (int               width,
                                                int               height);
int                 app_test_run               (void);
OrchardApplication *app_test_get_application   (void);
OrchardWindow      *app_test_get_window        (void);
void                app_test_set_window        (OrchardWindow    *window);

gboolean            app_test_wait_for          (AppTestCondition  done,
                                                gpointer          data,
                                                guint             timeout_ms);
void                app_test_spin              (guint             ms);

gboolean            app_test_loaded            (gpointer          data);
gboolean            app_test_prepared          (gpointer          data);
gboolean            app_test_recorded          (gpointer          data);

char               *app_test_sample_path       (const char       *name);
OrchardTable       *app_test_load_table        (const char       *path);

void                app_test_resize            (int               width,
                                                int               height);
void                app_test_set_dark          (gboolean          dark);
char               *app_test_screenshot_path   (const char       *name);
void                app_test_save_screenshot   (const char       *name);
void                app_test_save_widget_screenshot (GtkWidget   *widget,
                                                const char       *name);
void                app_test_scroll_near       (GtkWidget        *widget,
                                                double            above);
void                app_test_scroll_to         (GtkWidget        *widget);

GtkWidget          *app_test_find_descendant   (GtkWidget        *widget,
                                                GType             type);
GtkWidget          *app_test_find_with_class   (GtkWidget        *widget,
                                                GType             type,
                                                const char       *css_class);
GtkWidget          *app_test_find_label        (GtkWidget        *widget,
                                                const char       *text);
GtkWidget          *app_test_find_actionable   (GtkWidget        *widget,
                                                const char       *action_name);
GtkWindow          *app_test_find_toplevel     (GType             type);
GtkWidget          *app_test_find_check        (GtkWidget        *widget);
GtkWidget          *app_test_find_run_row      (GtkWidget        *widget,
                                                const char       *title);

OrchardTrainer     *app_test_reference_trainer (OrchardSession   *session,
                                                OrchardModelRun  *run,
                                                const char       *target,
                                                OrchardArtifact **artifact_out);

G_END_DECLS
