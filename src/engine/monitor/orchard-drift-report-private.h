/* orchard-drift-report-private.h: what the parts of OrchardDriftReport share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-drift-report.h"

G_BEGIN_DECLS

/* Each public struct with the memory it points into, which it owns: freed
 * with g_free (strings, arrays) and g_strfreev (string arrays). */
typedef struct
{
  OrchardColumnDrift  pub;
  char               *name;
  double             *edges;
  char              **labels;
  gsize              *reference_counts;
  gsize              *current_counts;
  char               *note;
} ColumnResult;

typedef struct
{
  OrchardDriftChunk        pub;
  char                    *label;
  OrchardChunkColumnDrift *columns;
} ChunkResult;

typedef struct
{
  OrchardMultivariateDrift  pub;
  char                    **features;
  double                   *reference_errors;
  char                     *note;
} MultivariateResult;

typedef struct
{
  OrchardSkippedColumn  pub;
  char                 *name;
  char                 *reason;
} SkippedResult;

struct _OrchardDriftReport
{
  GObject              parent_instance;

  gboolean             dataset_drift;
  double               drift_share;
  double               drift_share_threshold;
  guint                n_drifted;
  guint                n_tested;
  OrchardCorrection    correction;
  gsize                reference_rows;
  gsize                current_rows;
  char                *reference_source;
  char                *current_source;
  GPtrArray           *columns;       /* ColumnResult */
  GPtrArray           *predictions;   /* ColumnResult */
  gboolean             prediction_drift;
  MultivariateResult  *multivariate;
  OrchardChunking      chunking;
  GArray              *chunks;        /* ChunkResult */
  GArray              *skipped;       /* SkippedResult */
};

G_END_DECLS
