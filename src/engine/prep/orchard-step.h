/* orchard-step.h: one preprocessing step of a pipeline
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-table.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_STEP (orchard_step_get_type ())

G_DECLARE_INTERFACE (OrchardStep, orchard_step, ORCHARD, STEP, GObject)

/**
 * OrchardStepInterface:
 * @fit: learn the step's parameters from @train, which holds the training
 *   rows and nothing else, and return the training rows as the next step
 *   must see them: usually the transformed @train, but a row filter drops
 *   rows here, oversampling adds them, and an out-of-fold encoder encodes
 *   each row without its own target
 * @transform: apply the fitted parameters to any table, row for row; never
 *   drops or adds a row
 * @save_state: the fitted parameters as an `a{sv}` dictionary
 * @load_state: restore what @save_state saved; validate everything, the
 *   variant may come from an untrusted file
 * @describe: a translated one-line summary of what the step does, e.g.
 *   "Median-impute 3 columns"
 * @get_report: what the last fit did, as an `a{sv}` with at least a
 *   "summary" string (see `docs/pipeline-spec.md` for the keys)
 * @get_source: the input column an output column was derived from
 *
 * A step's options are its GObject properties (read-write, with translated
 * nick and blurb): the pipeline serialises them generically, the GUI builds
 * its forms from them. Changing an option makes a fitted step unfitted.
 *
 * Leakage cannot happen by construction: a step learns only inside @fit,
 * and @fit is only ever given the training rows (with level lists reduced
 * to the levels those rows hold).
 */
struct _OrchardStepInterface
{
  GTypeInterface parent_iface;

  OrchardTable * (*fit)        (OrchardStep   *self,
                                OrchardTable  *train,
                                GCancellable  *cancellable,
                                GError       **error);
  OrchardTable * (*transform)  (OrchardStep   *self,
                                OrchardTable  *table,
                                GError       **error);
  GVariant *     (*save_state) (OrchardStep   *self);
  gboolean       (*load_state) (OrchardStep   *self,
                                GVariant      *state,
                                GError       **error);
  char *         (*describe)   (OrchardStep   *self);
  GVariant *     (*get_report) (OrchardStep   *self);
  const char *   (*get_source) (OrchardStep   *self,
                                const char    *column);
};

OrchardStep        *orchard_step_new                (const char          *id,
                                                     GError             **error);
const char         *orchard_step_get_id             (OrchardStep         *self);
const char * const *orchard_step_list_ids           (void);
const char         *orchard_step_id_get_title       (const char          *id);

OrchardTable       *orchard_step_fit                (OrchardStep         *self,
                                                     OrchardTable        *train,
                                                     GCancellable        *cancellable,
                                                     GError             **error);
OrchardTable       *orchard_step_transform          (OrchardStep         *self,
                                                     OrchardTable        *table,
                                                     GError             **error);
gboolean            orchard_step_is_fitted          (OrchardStep         *self);
char               *orchard_step_describe           (OrchardStep         *self);
GVariant           *orchard_step_get_report         (OrchardStep         *self);
const char         *orchard_step_get_source         (OrchardStep         *self,
                                                     const char          *column);

GVariant           *orchard_step_to_variant         (OrchardStep         *self);
OrchardStep        *orchard_step_new_from_variant   (GVariant            *variant,
                                                     GError             **error);
JsonNode           *orchard_step_to_json            (OrchardStep         *self);
OrchardStep        *orchard_step_new_from_json      (JsonNode            *node,
                                                     const char          *where,
                                                     GError             **error);

G_END_DECLS
