/* cli-commands.h: the subcommands of orchard-cli
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cli-common.h"

G_BEGIN_DECLS

int cli_profile_run (int argc, char **argv);
int cli_prepare_run (int argc, char **argv);
int cli_models_run  (int argc, char **argv);
int cli_train_run   (int argc, char **argv);
int cli_predict_run (int argc, char **argv);
int cli_inspect_run (int argc, char **argv);
int cli_drift_run   (int argc, char **argv);
int cli_evaluate_run (int argc, char **argv);
int cli_cv_run      (int argc, char **argv);
int cli_curves_run  (int argc, char **argv);
int cli_importance_run (int argc, char **argv);
int cli_tune_run    (int argc, char **argv);
int cli_runs_run    (int argc, char **argv);
int cli_project_run (int argc, char **argv);

gint64   cli_project_begin_training (const char       *path,
                                     OrchardTable     *data,
                                     OrchardTable     *test,
                                     const char       *target,
                                     OrchardModel     *model,
                                     guint64           seed,
                                     OrchardProject  **project,
                                     GError          **error);
gboolean cli_project_end_training   (OrchardProject   *project,
                                     gint64            run_id,
                                     OrchardTrainer   *trainer,
                                     OrchardArtifact  *artifact,
                                     const GError     *failure,
                                     GError          **error);

G_END_DECLS
