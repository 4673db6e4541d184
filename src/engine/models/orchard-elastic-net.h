/* orchard-elastic-net.h: least squares with an L1 and an L2 penalty
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-linear-model.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_ELASTIC_NET (orchard_elastic_net_get_type ())

G_DECLARE_FINAL_TYPE (OrchardElasticNet, orchard_elastic_net, ORCHARD, ELASTIC_NET, OrchardLinearModel)

OrchardModel *orchard_elastic_net_new (void);

G_END_DECLS
