/* cli-common.h: what every orchard-cli command shares
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard.h"

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

gboolean     cli_parse_fractions   (const char  *text,
                                    guint        n_fractions,
                                    double      *fractions,
                                    GError     **error);
gboolean     cli_parse_pipeline    (const char  *text,
                                    gboolean    *automatic,
                                    OrchardModelFamily *family,
                                    gboolean    *explicit_family,
                                    GError     **error);
JsonNode    *cli_variant_to_json   (GVariant    *value);
char        *cli_format_number     (double       value);
void         cli_append_csv_field  (GString     *out,
                                    const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliProgress, cli_progress_free)

G_END_DECLS
