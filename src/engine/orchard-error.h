/* orchard-error.h: the engine's error domain
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ORCHARD_ERROR (orchard_error_quark ())

/**
 * OrchardError:
 * @ORCHARD_ERROR_PARSE: the input is malformed (message names file, line, column)
 * @ORCHARD_ERROR_ENCODING: the input is not valid UTF-8
 * @ORCHARD_ERROR_EMPTY: the input holds no data
 * @ORCHARD_ERROR_UNSUPPORTED: a valid input uses a feature Orchard does not read
 * @ORCHARD_ERROR_INVALID_ARGUMENT: a value given by the user is wrong (unknown column, …)
 *
 * Errors the user can cause. Cancellation is reported as %G_IO_ERROR_CANCELLED
 * and I/O failures keep their #GIOError codes.
 */
typedef enum
{
  ORCHARD_ERROR_PARSE,
  ORCHARD_ERROR_ENCODING,
  ORCHARD_ERROR_EMPTY,
  ORCHARD_ERROR_UNSUPPORTED,
  ORCHARD_ERROR_INVALID_ARGUMENT,
} OrchardError;

GQuark orchard_error_quark (void);

G_END_DECLS
