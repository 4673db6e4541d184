/* orchard-csv-pipeline-private.h: tokenize on one thread, convert on another
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <csv.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _OrchardCsvPipeline OrchardCsvPipeline;

typedef void     (*OrchardCsvFieldFunc)  (void   *str,
                                          size_t  len,
                                          void   *data);
typedef void     (*OrchardCsvRecordFunc) (int     c,
                                          void   *data);
typedef gboolean (*OrchardCsvStopFunc)   (void   *data);
typedef void     (*OrchardCsvPeekFunc)   (const char *str,
                                          gsize       len,
                                          guint       field,
                                          void       *data);

OrchardCsvPipeline *orchard_csv_pipeline_new     (OrchardCsvFieldFunc   on_field,
                                                  OrchardCsvRecordFunc  on_record,
                                                  OrchardCsvStopFunc    stop,
                                                  gpointer              data,
                                                  gboolean              threaded);
void                orchard_csv_pipeline_free    (OrchardCsvPipeline   *pipeline);
void                orchard_csv_pipeline_set_peek (OrchardCsvPipeline  *pipeline,
                                                  OrchardCsvPeekFunc    peek);
gsize               orchard_csv_pipeline_parse   (OrchardCsvPipeline   *pipeline,
                                                  struct csv_parser    *parser,
                                                  const void           *buf,
                                                  gsize                 len);
int                 orchard_csv_pipeline_fini    (OrchardCsvPipeline   *pipeline,
                                                  struct csv_parser    *parser);
gboolean            orchard_csv_pipeline_stopped (OrchardCsvPipeline   *pipeline);
void                orchard_csv_pipeline_wait    (OrchardCsvPipeline   *pipeline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardCsvPipeline, orchard_csv_pipeline_free)

G_END_DECLS
