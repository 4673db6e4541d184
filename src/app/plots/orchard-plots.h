/* orchard-plots.h: the plot widget family
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"
#include "orchard-plot-axis.h"
#include "orchard-plot-enums.h"
#include "orchard-plot-painter.h"
#include "orchard-bar-plot.h"
#include "orchard-box-plot.h"
#include "orchard-confusion-plot.h"
#include "orchard-curve-plot.h"
#include "orchard-drift-timeline.h"
#include "orchard-grouped-bar-plot.h"
#include "orchard-histogram-plot.h"
#include "orchard-importance-plot.h"
#include "orchard-line-plot.h"
#include "orchard-scatter-plot.h"
