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

G_END_DECLS
