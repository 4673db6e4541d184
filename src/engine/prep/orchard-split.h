/* orchard-split.h: which rows train, which validate, which test
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * OrchardSplitMethod:
 * @ORCHARD_SPLIT_RANDOM: rows shuffled at random
 * @ORCHARD_SPLIT_STRATIFIED: each class (of the target, or of
 *   #OrchardSplit:column) split in the same proportions; the default for a
 *   class target
 * @ORCHARD_SPLIT_GROUP: all rows of a group (equal values of
 *   #OrchardSplit:column, by default the identifier column) in the same part
 * @ORCHARD_SPLIT_TIME: rows ordered by time (#OrchardSplit:column, by
 *   default the time column): earlier rows train, later rows test
 *
 * How rows are assigned to parts, and to folds.
 */
typedef enum
{
  ORCHARD_SPLIT_RANDOM,
  ORCHARD_SPLIT_STRATIFIED,
  ORCHARD_SPLIT_GROUP,
  ORCHARD_SPLIT_TIME,
} OrchardSplitMethod;

#define ORCHARD_TYPE_SPLIT_METHOD (orchard_split_method_get_type ())
GType orchard_split_method_get_type (void) G_GNUC_CONST;

/**
 * OrchardPart:
 * @ORCHARD_PART_TRAIN: rows the pipeline and the model learn from
 * @ORCHARD_PART_VALID: rows that choose between models and settings
 * @ORCHARD_PART_TEST: rows kept for the final, unbiased estimate
 * @ORCHARD_N_PARTS: the number of parts
 */
typedef enum
{
  ORCHARD_PART_TRAIN,
  ORCHARD_PART_VALID,
  ORCHARD_PART_TEST,
  ORCHARD_N_PARTS
} OrchardPart;

const char *orchard_part_to_string (OrchardPart part);

/**
 * OrchardSplitWarningCode:
 * @ORCHARD_SPLIT_WARNING_DUPLICATES: validation or test rows that repeat a
 *   training row exactly
 * @ORCHARD_SPLIT_WARNING_TIME_ORDER: validation or test rows older than the
 *   newest training row
 * @ORCHARD_SPLIT_WARNING_TARGET_PROXY: a feature that alone predicts the
 *   target almost perfectly in the training rows
 * @ORCHARD_SPLIT_WARNING_CLASS_ABSENT: a class with no row in a part
 * @ORCHARD_SPLIT_WARNING_SMALL_CLASS: a class with fewer rows than folds
 *
 * The machine-readable kind of an #OrchardSplitWarning.
 */
typedef enum
{
  ORCHARD_SPLIT_WARNING_DUPLICATES,
  ORCHARD_SPLIT_WARNING_TIME_ORDER,
  ORCHARD_SPLIT_WARNING_TARGET_PROXY,
  ORCHARD_SPLIT_WARNING_CLASS_ABSENT,
  ORCHARD_SPLIT_WARNING_SMALL_CLASS,
} OrchardSplitWarningCode;

const char *orchard_split_warning_code_to_string (OrchardSplitWarningCode code);

/**
 * OrchardSplitWarning:
 * @code: what kind of problem
 * @column: (nullable): the column concerned
 * @message: one line that says what was found, with the numbers
 *
 * A leakage or balance problem of a split. Owned by its partition or folds.
 */
typedef struct
{
  OrchardSplitWarningCode  code;
  const char              *column;
  const char              *message;
} OrchardSplitWarning;

#define ORCHARD_TYPE_PARTITION (orchard_partition_get_type ())

typedef struct _OrchardPartition OrchardPartition;

GType                      orchard_partition_get_type        (void) G_GNUC_CONST;
OrchardPartition          *orchard_partition_ref             (OrchardPartition *self);
void                       orchard_partition_unref           (OrchardPartition *self);
gsize                      orchard_partition_get_n_rows      (OrchardPartition *self);
OrchardPart                orchard_partition_get_part        (OrchardPartition *self,
                                                              gsize             row);
const gsize               *orchard_partition_get_rows        (OrchardPartition *self,
                                                              OrchardPart       part,
                                                              gsize            *n_rows);
guint                      orchard_partition_get_n_warnings  (OrchardPartition *self);
const OrchardSplitWarning *orchard_partition_get_warning     (OrchardPartition *self,
                                                              guint             index);

#define ORCHARD_TYPE_FOLDS (orchard_folds_get_type ())

typedef struct _OrchardFolds OrchardFolds;

GType                      orchard_folds_get_type            (void) G_GNUC_CONST;
OrchardFolds              *orchard_folds_ref                 (OrchardFolds     *self);
void                       orchard_folds_unref               (OrchardFolds     *self);
guint                      orchard_folds_get_n_folds         (OrchardFolds     *self);
const gsize               *orchard_folds_get_train           (OrchardFolds     *self,
                                                              guint             fold,
                                                              gsize            *n_rows);
const gsize               *orchard_folds_get_valid           (OrchardFolds     *self,
                                                              guint             fold,
                                                              gsize            *n_rows);
guint                      orchard_folds_get_n_warnings      (OrchardFolds     *self);
const OrchardSplitWarning *orchard_folds_get_warning         (OrchardFolds     *self,
                                                              guint             index);

#define ORCHARD_TYPE_SPLIT (orchard_split_get_type ())

G_DECLARE_FINAL_TYPE (OrchardSplit, orchard_split, ORCHARD, SPLIT, GObject)

OrchardSplit      *orchard_split_new          (OrchardSplitMethod   method);
OrchardSplit      *orchard_split_new_parse    (const char          *text,
                                               GError             **error);
OrchardSplitMethod orchard_split_get_method   (OrchardSplit        *self);
const char        *orchard_split_get_column   (OrchardSplit        *self);
gboolean           orchard_split_set_fractions (OrchardSplit       *self,
                                               double               train,
                                               double               valid,
                                               double               test,
                                               GError             **error);
void               orchard_split_get_fractions (OrchardSplit       *self,
                                               double              *train,
                                               double              *valid,
                                               double              *test);
guint64            orchard_split_get_seed     (OrchardSplit        *self);
void               orchard_split_set_seed     (OrchardSplit        *self,
                                               guint64              seed);
OrchardPartition  *orchard_split_apply        (OrchardSplit        *self,
                                               OrchardTable        *table,
                                               GCancellable        *cancellable,
                                               GError             **error);
OrchardFolds      *orchard_split_make_folds   (OrchardSplit        *self,
                                               OrchardTable        *table,
                                               const gsize         *rows,
                                               gsize                n_rows,
                                               guint                n_folds,
                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardPartition, orchard_partition_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardFolds, orchard_folds_unref)

G_END_DECLS
