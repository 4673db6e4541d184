/* cli-common.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include "cli-common.h"

struct _CliProgress
{
  char    *label;
  gint64   started;
  gint64   last_draw;
  gboolean drawn;
  gboolean tty;
};

/**
 * cli_progress_new:
 * @label: what is being done ("Reading penguins.csv")
 *
 * A progress bar on stderr; drawn only when stderr is a terminal and only
 * once the work has taken longer than half a second.
 */
CliProgress *
cli_progress_new (const char *label)
{
  CliProgress *self = g_new0 (CliProgress, 1);

  self->label = g_strdup (label);
  self->started = g_get_monotonic_time ();
  self->tty = isatty (STDERR_FILENO);

  return self;
}

void
cli_progress_update (double      fraction,
                     const char *message,
                     gpointer    user_data)
{
  CliProgress *self = user_data;
  gint64 now = g_get_monotonic_time ();
  const int width = 30;
  int filled;

  if (!self->tty || now - self->started < G_USEC_PER_SEC / 2)
    return;
  if (self->drawn && now - self->last_draw < G_USEC_PER_SEC / 10 && fraction < 1.0)
    return;

  filled = (int) (CLAMP (fraction, 0.0, 1.0) * width);
  fprintf (stderr, "\r%s [", message != NULL ? message : self->label);
  for (int i = 0; i < width; i++)
    fputc (i < filled ? '#' : '.', stderr);
  fprintf (stderr, "] %3d%%", (int) (CLAMP (fraction, 0.0, 1.0) * 100));
  fflush (stderr);

  self->drawn = TRUE;
  self->last_draw = now;
}

void
cli_progress_free (CliProgress *self)
{
  if (self == NULL)
    return;

  if (self->drawn)
    fputs ("\r\033[K", stderr);

  g_free (self->label);
  g_free (self);
}

/* Prints the error and returns the exit status of a user error. */
int
cli_fail (GError *error)
{
  g_printerr ("orchard-cli: %s\n", error->message);
  g_error_free (error);
  return CLI_EXIT_ERROR;
}

int
cli_usage_error (GOptionContext *context,
                 const char     *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("orchard-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("\n%s", help);
    }

  return CLI_EXIT_USAGE;
}

/* Returns -1 when parsing succeeded, else the exit status. */
int
cli_parse_options (GOptionContext   *context,
                   int              *argc,
                   char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_usage_error (context, "%s", error->message);

  return -1;
}
