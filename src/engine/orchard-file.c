/* orchard-file.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "orchard-file.h"

static gboolean
fail (GError     **error,
      int          saved_errno,
      const char  *name)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write %s: %s"), name, g_strerror (saved_errno));
  return FALSE;
}

/**
 * orchard_file_write_atomic:
 * @file: the file to write
 * @data: (array length=size): its new content
 * @size: the number of bytes
 * @cancellable: (nullable): a #GCancellable, checked before the file is replaced
 * @error: return location for a #GError
 *
 * Replaces @file with @data so that a reader sees either the old content
 * or all of the new: the bytes go to a temporary file next to @file, are
 * flushed to the disk, and the temporary file is renamed over @file. Any
 * failure on the way (a full disk, a file-size limit, cancellation) leaves
 * @file as it was and removes the temporary file.
 *
 * g_file_replace_contents() is not enough: when a write fails it still
 * closes its stream, which renames the partial temporary file over the
 * original.
 *
 * Files without a local path are written with g_file_replace_contents().
 *
 * Returns: %TRUE on success; the error names the file
 */
gboolean
orchard_file_write_atomic (GFile         *file,
                           const void    *data,
                           gsize          size,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  const char *path;
  const char *p = data;
  gsize left = size;
  int fd;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_peek_path (file);
  if (path == NULL)
    return g_file_replace_contents (file, data, size, NULL, FALSE,
                                    G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, error);

  name = g_file_get_parse_name (file);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return fail (error, errno, name);

  while (left > 0)
    {
      gssize written = write (fd, p, left);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        {
          int saved = written < 0 ? errno : ENOSPC;

          close (fd);
          g_unlink (tmp);
          return fail (error, saved, name);
        }
      p += written;
      left -= written;
    }

  /* On the disk before the rename, or a crash could leave an empty file. */
  if (fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp);
      return fail (error, saved, name);
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return fail (error, saved, name);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      g_unlink (tmp);
      return FALSE;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      return fail (error, saved, name);
    }

  return TRUE;
}
