/* orchard-project-schema-private.h: the schema migrations
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-project.h"

/* 'ORCH': PRAGMA application_id of every project file */
#define ORCHARD_PROJECT_APPLICATION_ID 0x4f524348

extern const char * const orchard_project_migrations[ORCHARD_PROJECT_SCHEMA_VERSION];
