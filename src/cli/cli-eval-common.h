/* cli-eval-common.h: what evaluate, curves and importance share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cli-common.h"

G_BEGIN_DECLS

OrchardTable      *cli_load_table        (const char          *path,
                                          GError             **error);
OrchardEvaluation *cli_load_evaluation   (const char          *model_path,
                                          const char          *data_path,
                                          GError             **error);
gboolean           cli_parse_unsigned    (const char          *text,
                                          const char          *option,
                                          guint64              min,
                                          guint64              max,
                                          guint64             *value,
                                          GError             **error);
void               cli_print_warnings    (OrchardEvaluation   *evaluation,
                                          const char          *data_path);

G_END_DECLS
