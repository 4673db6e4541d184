/* orchard-mlp.h: multilayer perceptron
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

/**
 * OrchardMlpActivation:
 * @ORCHARD_MLP_ACTIVATION_RELU: max(0, z)
 * @ORCHARD_MLP_ACTIVATION_TANH: tanh z
 *
 * The activation of the hidden layers.
 */
typedef enum
{
  ORCHARD_MLP_ACTIVATION_RELU,
  ORCHARD_MLP_ACTIVATION_TANH,
} OrchardMlpActivation;

#define ORCHARD_TYPE_MLP_ACTIVATION (orchard_mlp_activation_get_type ())
#define ORCHARD_TYPE_MLP (orchard_mlp_get_type ())

GType orchard_mlp_activation_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OrchardMlp, orchard_mlp, ORCHARD, MLP, OrchardModel)

OrchardModel *orchard_mlp_new (const char *hidden_layers);

G_END_DECLS
