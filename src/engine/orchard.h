/* orchard.h: the engine, liborchard, in one include
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-error.h"
#include "orchard-progress.h"
#include "orchard-rng.h"
#include "data/orchard-arff-reader.h"
#include "data/orchard-column.h"
#include "data/orchard-csv-reader.h"
#include "data/orchard-parse.h"
#include "data/orchard-profile.h"
#include "data/orchard-read-options.h"
#include "data/orchard-reader.h"
#include "data/orchard-table.h"
#include "eval/orchard-binary-counts.h"
#include "eval/orchard-bootstrap.h"
#include "eval/orchard-comparison.h"
#include "eval/orchard-curve.h"
#include "eval/orchard-distributions.h"
#include "eval/orchard-learning-curve.h"
#include "eval/orchard-metrics.h"
#include "eval/orchard-readiness.h"
#include "eval/orchard-threshold.h"
