/* orchard-datetime-step.h: numbers a model can use from dates and times
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardDatetimeFeatures:
 * @ORCHARD_DATETIME_YEAR: the year, e.g. 2014
 * @ORCHARD_DATETIME_MONTH: 1 … 12
 * @ORCHARD_DATETIME_DAY_OF_WEEK: 0 (Monday) … 6 (Sunday), as pandas' `dayofweek`
 * @ORCHARD_DATETIME_DAY_OF_YEAR: 1 … 366
 * @ORCHARD_DATETIME_HOUR: 0 … 23; left out when every training value is at midnight
 * @ORCHARD_DATETIME_ELAPSED_DAYS: days (with fractions) since the earliest
 *   training value
 * @ORCHARD_DATETIME_ALL: all of them
 *
 * The features a datetime column turns into, each a numeric column named
 * "column:year", "column:month", "column:day-of-week", "column:day-of-year",
 * "column:hour" and "column:elapsed-days". Computed in UTC, as the table
 * stores datetimes.
 */
typedef enum /*< flags >*/
{
  ORCHARD_DATETIME_YEAR         = 1 << 0,
  ORCHARD_DATETIME_MONTH        = 1 << 1,
  ORCHARD_DATETIME_DAY_OF_WEEK  = 1 << 2,
  ORCHARD_DATETIME_DAY_OF_YEAR  = 1 << 3,
  ORCHARD_DATETIME_HOUR         = 1 << 4,
  ORCHARD_DATETIME_ELAPSED_DAYS = 1 << 5,
  ORCHARD_DATETIME_ALL          = (1 << 6) - 1,
} OrchardDatetimeFeatures;

#define ORCHARD_TYPE_DATETIME_FEATURES (orchard_datetime_features_get_type ())
GType orchard_datetime_features_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_DATETIME_STEP (orchard_datetime_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDatetimeStep, orchard_datetime_step, ORCHARD, DATETIME_STEP, GObject)

OrchardStep *orchard_datetime_step_new (OrchardDatetimeFeatures features);

G_END_DECLS
