/* cli-common.h: what every orchard-cli command shares
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Exit statuses: 0 success, 1 a user error (message on stderr), 2 wrong usage. */
#define CLI_EXIT_OK     0
#define CLI_EXIT_ERROR  1
#define CLI_EXIT_USAGE  2

typedef struct
{
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} CliCommand;

typedef struct _CliProgress CliProgress;

CliProgress *cli_progress_new      (const char  *label);
void         cli_progress_update   (double       fraction,
                                    const char  *message,
                                    gpointer     user_data);
void         cli_progress_free     (CliProgress *progress);

int          cli_fail              (GError      *error);
int          cli_usage_error       (GOptionContext *context,
                                    const char  *format,
                                    ...) G_GNUC_PRINTF (2, 3);
int          cli_parse_options     (GOptionContext *context,
                                    int         *argc,
                                    char      ***argv);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliProgress, cli_progress_free)

G_END_DECLS
