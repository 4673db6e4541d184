/* orchard-dataset-list.h: the data sets of the session's project
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_DATASET_LIST (orchard_dataset_list_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDatasetList, orchard_dataset_list, ORCHARD, DATASET_LIST, GtkWidget)

OrchardSession *orchard_dataset_list_get_session    (OrchardDatasetList *self);
void            orchard_dataset_list_set_session    (OrchardDatasetList *self,
                                                     OrchardSession     *session);
guint           orchard_dataset_list_get_n_datasets (OrchardDatasetList *self);
GtkListBox     *orchard_dataset_list_get_list_box   (OrchardDatasetList *self);
char           *orchard_dataset_describe            (const OrchardDatasetInfo *info);
char           *orchard_dataset_check_file          (const OrchardDatasetInfo *info,
                                                     gboolean                 *warning);

G_END_DECLS
