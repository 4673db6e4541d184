/* orchard-grower.c: leaf-wise histogram trees on gradients
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include "orchard-grower-private.h"

/* Histograms kept at once at most, in bytes; beyond it the least promising
 * leaves give theirs up and rebuild them if they are split after all. */
#define HIST_BUDGET (256u << 20)

/* Rows per block of the parallel partition. */
#define PARTITION_BLOCK 8192

/* A histogram of fewer row × feature updates than the grower's threshold
 * is built on one thread, and a partition of fewer rows than half of it.
 * Every parallel region ends in a barrier, and on a busy machine a barrier
 * can wait a whole time slice for a thread the system has put aside: the
 * threshold doubles when the threads of a region spend less than half of
 * it working and halves again when they spend more than 80%, between these
 * bounds (a quarter of a millisecond of work to tens of milliseconds). */
#define PARALLEL_WORK_MIN (1u << 18)
#define PARALLEL_WORK_MAX (1u << 26)
#define PARALLEL_BLOCKS 8

/* Features a histogram pass updates together: one read of a row's index
 * and gradients serves them all, and their updates do not wait on each
 * other. */
#define FEATURE_GROUP 4

/* Histograms that hold sums of g and h only (the root's, whose counts are
 * the same for every tree; any with unit hessians, whose Σ h is the
 * count) take half the bytes per update, and twice as many features share
 * a pass over the rows. */
#define PAIR_GROUP 8

/* One bin: Σ g, Σ h and the number of rows (a double, exact below 2⁵³),
 * and a pad, added as one vector of four doubles: a single load, add and
 * store per row and feature (two with SSE2 only). */
typedef double HistBin __attribute__ ((vector_size (32)));

#define BIN_G 0
#define BIN_H 1
#define BIN_N 2

/* A bin of the root while it is built: Σ g, Σ h. */
typedef double HistPair __attribute__ ((vector_size (16)));

typedef OrchardGradPair GradPair;

typedef struct
{
  double   gain;
  guint32  feature;
  guint    bin;
  gboolean missing_left;
  double   left_g;
  double   left_h;
  gsize    left_n;
} Split;

typedef struct
{
  gsize    begin;
  gsize    end;
  guint    depth;
  guint32  node;
  double   sum_g;
  double   sum_h;
  HistBin *hist;
  Split    split;
  gboolean open;
} Leaf;

struct _OrchardGrower
{
  const OrchardBins   *bins;
  OrchardGrowerParams  params;
  gboolean             unit_hessian;
  int                  n_threads;
  gsize                parallel_work;
  gsize                hist_size;

  guint32             *rows;
  guint32             *tmp;
  GradPair            *ordered;
  gsize               *block_left;

  /* Per feature and bin, the number of rows of the whole data, once
   * counted. */
  double              *root_counts;

  GPtrArray           *free_hists;
  guint                n_hists;
  guint                max_hists;

  /* The features this tree may split on, and the best split of each in a
   * child and its sibling. */
  guint               *features;
  guint                n_features;
  Split               *splits;
  Split               *sibling_splits;

  Leaf                *leaves;
  guint                n_leaves;

  OrchardGrownTree     tree;
};

OrchardGrower *
orchard_grower_new (const OrchardBins         *bins,
                    const OrchardGrowerParams *params,
                    guint                      n_threads)
{
  OrchardGrower *grower = g_new0 (OrchardGrower, 1);
  gsize n = MAX (bins->n_rows, 1);

  g_assert (params->max_leaves >= 2);

  grower->bins = bins;
  grower->params = *params;
  grower->n_threads = (int) MAX (n_threads, 1);
  grower->parallel_work = PARALLEL_WORK_MIN;
  grower->hist_size = (gsize) bins->n_features * 256;
  grower->rows = g_new (guint32, n);
  grower->tmp = g_new (guint32, n);
  grower->ordered = g_new (GradPair, n);
  grower->block_left = g_new (gsize, n / PARTITION_BLOCK + 2);
  grower->free_hists = g_ptr_array_new_with_free_func (g_aligned_free);
  grower->max_hists = (guint) CLAMP (HIST_BUDGET / (grower->hist_size * sizeof (HistBin)), 3,
                                     params->max_leaves + 1);
  grower->features = g_new (guint, MAX (bins->n_features, 1));
  grower->splits = g_new (Split, MAX (bins->n_features, 1));
  grower->sibling_splits = g_new (Split, MAX (bins->n_features, 1));
  grower->leaves = g_new0 (Leaf, params->max_leaves);

  grower->tree.nodes = g_array_new (FALSE, FALSE, sizeof (OrchardNode));
  grower->tree.gains = g_array_new (FALSE, FALSE, sizeof (double));
  grower->tree.bins = g_array_new (FALSE, FALSE, sizeof (guint8));
  grower->tree.leaves = g_array_new (FALSE, FALSE, sizeof (OrchardGrownLeaf));

  return grower;
}

static void
release_hist (OrchardGrower *grower,
              Leaf          *leaf)
{
  if (leaf->hist != NULL)
    g_ptr_array_add (grower->free_hists, g_steal_pointer (&leaf->hist));
}

/**
 * orchard_grower_set_unit_hessian:
 * @grower: a grower
 * @unit_hessian: whether every hessian the next trees grow on is 1
 *
 * Lets the histograms count the rows by their hessians (the squared,
 * absolute and Huber losses without weights): half the bytes to add per
 * row and feature, the same trees.
 */
void
orchard_grower_set_unit_hessian (OrchardGrower *grower,
                                 gboolean       unit_hessian)
{
  grower->unit_hessian = unit_hessian;
}

void
orchard_grower_free (OrchardGrower *grower)
{
  if (grower == NULL)
    return;

  for (guint i = 0; i < grower->n_leaves; i++)
    release_hist (grower, &grower->leaves[i]);
  g_ptr_array_unref (grower->free_hists);
  g_free (grower->rows);
  g_free (grower->tmp);
  g_free (grower->ordered);
  g_free (grower->block_left);
  g_free (grower->features);
  g_free (grower->root_counts);
  g_free (grower->splits);
  g_free (grower->sibling_splits);
  g_free (grower->leaves);
  g_array_unref (grower->tree.nodes);
  g_array_unref (grower->tree.gains);
  g_array_unref (grower->tree.bins);
  g_array_unref (grower->tree.leaves);
  g_free (grower);
}

const OrchardGrownTree *
orchard_grower_get_tree (OrchardGrower *grower)
{
  return &grower->tree;
}

const guint32 *
orchard_grower_get_rows (OrchardGrower *grower)
{
  return grower->rows;
}

/* A histogram for @leaf: a free one, a new one within the budget, or the
 * one of the open leaf least likely to be split next. */
static void
acquire_hist (OrchardGrower *grower,
              Leaf          *leaf)
{
  Leaf *victim = NULL;

  g_assert (leaf->hist == NULL);

  if (grower->free_hists->len > 0)
    {
      leaf->hist = g_ptr_array_steal_index_fast (grower->free_hists, grower->free_hists->len - 1);
      return;
    }
  if (grower->n_hists < grower->max_hists)
    {
      grower->n_hists++;
      leaf->hist = g_aligned_alloc (grower->hist_size, sizeof (HistBin), 64);
      return;
    }

  for (guint i = 0; i < grower->n_leaves; i++)
    {
      Leaf *other = &grower->leaves[i];

      if (other != leaf && other->hist != NULL &&
          (victim == NULL || other->split.gain < victim->split.gain))
        victim = other;
    }
  g_assert (victim != NULL);
  leaf->hist = g_steal_pointer (&victim->hist);
}

/* Histogram building --------------------------------------------------------------- */

/* The processor time of the calling thread, in microseconds: unlike the
 * wall clock, it stops while the system runs something else. */
static gint64
thread_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* Raises or lowers the size of the work worth several threads by how much
 * of the last parallel region its threads spent working. */
static void
adapt_threshold (OrchardGrower *grower,
                 double         efficiency)
{
  if (efficiency < 0.5)
    grower->parallel_work = MIN (grower->parallel_work * 2, PARALLEL_WORK_MAX);
  else if (efficiency > 0.8)
    grower->parallel_work = MAX (grower->parallel_work / 2, PARALLEL_WORK_MIN);
}

/* Adds the rows of one leaf to the histograms of features @fs[0 … n_fs-1].
 * With @rows NULL the rows are 0 … n - 1 and the gradients are read in
 * place; otherwise @ordered holds row i's gradients at i, and in a sparse
 * leaf the codes of rows a few dozen ahead are prefetched (the rows of a
 * deep leaf are scattered over the columns). */
#define PREFETCH_DISTANCE 32

/* Prefetching pays in leaves of fewer than one row in this many; in denser
 * ones the hardware sees the pattern itself and prefetches only cost. */
#define SPARSE_LEAF 10

#define ADD(k) H##k[c##k[r]] += ghn;

#define PREFETCH(k) __builtin_prefetch (&c##k[rows[i + PREFETCH_DISTANCE]]);

#define BUILD_LOOP(ADDS, PREFETCHES) \
  G_STMT_START { \
    if (rows == NULL) \
      for (gsize i = 0; i < n; i++) \
        { \
          gsize r = i; \
          HistBin ghn = { gradients[i].g, gradients[i].h, 1.0, 0.0 }; \
          ADDS \
        } \
    else \
      { \
        gsize i = 0; \
        if (n * SPARSE_LEAF < bins->n_rows) \
          for (; i + PREFETCH_DISTANCE < n; i++) \
            { \
              gsize r = rows[i]; \
              HistBin ghn = { ordered[i].g, ordered[i].h, 1.0, 0.0 }; \
              PREFETCHES \
              ADDS \
            } \
        for (; i < n; i++) \
          { \
            gsize r = rows[i]; \
            HistBin ghn = { ordered[i].g, ordered[i].h, 1.0, 0.0 }; \
            ADDS \
          } \
      } \
  } G_STMT_END

/* Compiled twice, for AVX2 and for any x86-64, the better one chosen when
 * the library loads. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
build_group (const OrchardGrower *grower,
             HistBin             *hist,
             const guint         *fs,
             guint                n_fs,
             const guint32       *rows,
             gsize                n,
             const GradPair      *ordered,
             const GradPair      *gradients)
{
  const OrchardBins *bins = grower->bins;
  const guint8 *c0, *c1, *c2, *c3;
  HistBin *H0, *H1, *H2, *H3;

  g_assert (n_fs >= 1 && n_fs <= FEATURE_GROUP);

  c0 = bins->codes + (gsize) fs[0] * bins->n_rows;
  c1 = bins->codes + (gsize) fs[MIN (1, n_fs - 1)] * bins->n_rows;
  c2 = bins->codes + (gsize) fs[MIN (2, n_fs - 1)] * bins->n_rows;
  c3 = bins->codes + (gsize) fs[MIN (3, n_fs - 1)] * bins->n_rows;
  H0 = hist + (gsize) fs[0] * 256;
  H1 = hist + (gsize) fs[MIN (1, n_fs - 1)] * 256;
  H2 = hist + (gsize) fs[MIN (2, n_fs - 1)] * 256;
  H3 = hist + (gsize) fs[MIN (3, n_fs - 1)] * 256;
  /* Only the bins a feature has, and the missing one, are ever read. */
  for (guint k = 0; k < n_fs; k++)
    {
      HistBin *H = hist + (gsize) fs[k] * 256;

      memset (H, 0, bins->n_bins[fs[k]] * sizeof (HistBin));
      memset (H + ORCHARD_BIN_MISSING, 0, sizeof (HistBin));
    }

  switch (n_fs)
    {
    case 4:
      BUILD_LOOP (ADD (0) ADD (1) ADD (2) ADD (3),
                  PREFETCH (0) PREFETCH (1) PREFETCH (2) PREFETCH (3));
      break;
    case 3:
      BUILD_LOOP (ADD (0) ADD (1) ADD (2), PREFETCH (0) PREFETCH (1) PREFETCH (2));
      break;
    case 2:
      BUILD_LOOP (ADD (0) ADD (1), PREFETCH (0) PREFETCH (1));
      break;
    default:
      BUILD_LOOP (ADD (0), PREFETCH (0));
      break;
    }
}

#undef ADD
#undef PREFETCH
#undef BUILD_LOOP

#define ADD(k) P##k[c##k[r]] += gh;

#define PREFETCH(k) __builtin_prefetch (&c##k[rows[i + PREFETCH_DISTANCE]]);

/* A pair from row i's gradients: with unit hessians, Σ h is the count. */
#define PAIR(gp) ((HistPair) { (gp).g, unit_hessian ? 1.0 : (gp).h })

#define PAIR_LOOP(ADDS, PREFETCHES) \
  G_STMT_START { \
    if (rows == NULL) \
      for (gsize i = 0; i < n; i++) \
        { \
          gsize r = i; \
          HistPair gh = PAIR (gradients[i]); \
          ADDS \
        } \
    else \
      { \
        gsize i = 0; \
        if (n * SPARSE_LEAF < bins->n_rows) \
          for (; i + PREFETCH_DISTANCE < n; i++) \
            { \
              gsize r = rows[i]; \
              HistPair gh = PAIR (ordered[i]); \
              PREFETCHES \
              ADDS \
            } \
        for (; i < n; i++) \
          { \
            gsize r = rows[i]; \
            HistPair gh = PAIR (ordered[i]); \
            ADDS \
          } \
      } \
  } G_STMT_END

/* Like build_group(), for the histograms that need only half the bytes
 * per update, eight features a pass: the root's (all rows, @rows NULL),
 * whose counts are the same for every tree, and any leaf's when every
 * hessian is 1 (Σ h is then the count). Sums of g and h go to the first
 * half of each feature's histogram, then are spread into full bins. The
 * sums are the ones build_group() would have added. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
build_pairs_group (const OrchardGrower *grower,
                   HistBin             *hist,
                   const guint         *fs,
                   guint                n_fs,
                   const guint32       *rows,
                   gsize                n,
                   const GradPair      *ordered,
                   const GradPair      *gradients)
{
  const OrchardBins *bins = grower->bins;
  gboolean unit_hessian = grower->unit_hessian;
  const guint8 *c[PAIR_GROUP];
  HistPair *P[PAIR_GROUP];

  g_assert (n_fs >= 1 && n_fs <= PAIR_GROUP);
  g_assert (unit_hessian || (rows == NULL && grower->root_counts != NULL));

  for (guint k = 0; k < PAIR_GROUP; k++)
    {
      guint f = fs[MIN (k, n_fs - 1)];

      c[k] = bins->codes + (gsize) f * bins->n_rows;
      P[k] = (HistPair *) (hist + (gsize) f * 256);
    }
  for (guint k = 0; k < n_fs; k++)
    {
      memset (P[k], 0, bins->n_bins[fs[k]] * sizeof (HistPair));
      memset (P[k] + ORCHARD_BIN_MISSING, 0, sizeof (HistPair));
    }

  {
    const guint8 *c0 = c[0], *c1 = c[1], *c2 = c[2], *c3 = c[3];
    const guint8 *c4 = c[4], *c5 = c[5], *c6 = c[6], *c7 = c[7];
    HistPair *P0 = P[0], *P1 = P[1], *P2 = P[2], *P3 = P[3];
    HistPair *P4 = P[4], *P5 = P[5], *P6 = P[6], *P7 = P[7];

    switch (n_fs)
      {
      case 8:
        PAIR_LOOP (ADD (0) ADD (1) ADD (2) ADD (3) ADD (4) ADD (5) ADD (6) ADD (7),
                   PREFETCH (0) PREFETCH (1) PREFETCH (2) PREFETCH (3)
                   PREFETCH (4) PREFETCH (5) PREFETCH (6) PREFETCH (7));
        break;
      case 7:
        PAIR_LOOP (ADD (0) ADD (1) ADD (2) ADD (3) ADD (4) ADD (5) ADD (6),
                   PREFETCH (0) PREFETCH (1) PREFETCH (2) PREFETCH (3)
                   PREFETCH (4) PREFETCH (5) PREFETCH (6));
        break;
      case 6:
        PAIR_LOOP (ADD (0) ADD (1) ADD (2) ADD (3) ADD (4) ADD (5),
                   PREFETCH (0) PREFETCH (1) PREFETCH (2) PREFETCH (3) PREFETCH (4) PREFETCH (5));
        break;
      case 5:
        PAIR_LOOP (ADD (0) ADD (1) ADD (2) ADD (3) ADD (4),
                   PREFETCH (0) PREFETCH (1) PREFETCH (2) PREFETCH (3) PREFETCH (4));
        break;
      case 4:
        PAIR_LOOP (ADD (0) ADD (1) ADD (2) ADD (3),
                   PREFETCH (0) PREFETCH (1) PREFETCH (2) PREFETCH (3));
        break;
      case 3:
        PAIR_LOOP (ADD (0) ADD (1) ADD (2), PREFETCH (0) PREFETCH (1) PREFETCH (2));
        break;
      case 2:
        PAIR_LOOP (ADD (0) ADD (1), PREFETCH (0) PREFETCH (1));
        break;
      default:
        PAIR_LOOP (ADD (0), PREFETCH (0));
        break;
      }
  }

  /* Bin b's full form takes the bytes of pairs 2b and 2b + 1: going
   * downwards (the missing bin first), no pair is overwritten before it
   * is read. */
  for (guint k = 0; k < n_fs; k++)
    {
      guint f = fs[k];
      const double *counts = unit_hessian ? NULL : grower->root_counts + (gsize) f * 256;
      HistBin *H = hist + (gsize) f * 256;
      HistPair pair = P[k][ORCHARD_BIN_MISSING];

      H[ORCHARD_BIN_MISSING] = (HistBin) { pair[0], pair[1],
                                           unit_hessian ? pair[1] : counts[ORCHARD_BIN_MISSING],
                                           0.0 };
      for (guint b = bins->n_bins[f]; b-- > 0;)
        {
          pair = P[k][b];
          H[b] = (HistBin) { pair[0], pair[1], unit_hessian ? pair[1] : counts[b], 0.0 };
        }
    }
}

#undef ADD
#undef PREFETCH
#undef PAIR
#undef PAIR_LOOP

/* The number of rows in each bin of each feature, over all rows. */
static void
count_root (OrchardGrower *grower)
{
  const OrchardBins *bins = grower->bins;

  grower->root_counts = g_new0 (double, (gsize) bins->n_features * 256);

#pragma omp parallel for num_threads (grower->n_threads) schedule (dynamic, 1)
  for (guint f = 0; f < bins->n_features; f++)
    {
      const guint8 *codes = bins->codes + (gsize) f * bins->n_rows;
      gsize counts[256] = { 0 };

      for (gsize i = 0; i < bins->n_rows; i++)
        counts[codes[i]]++;
      for (guint b = 0; b < 256; b++)
        grower->root_counts[(gsize) f * 256 + b] = (double) counts[b];
    }
}

/* @parent's histogram of feature @f minus @child's: the other child's. */
static inline void
subtract_feature (const OrchardGrower *grower,
                  HistBin             *parent,
                  const HistBin       *child,
                  guint                f)
{
  gsize off = (gsize) f * 256;

  for (guint b = 0; b < grower->bins->n_bins[f]; b++)
    parent[off + b] -= child[off + b];
  parent[off + ORCHARD_BIN_MISSING] -= child[off + ORCHARD_BIN_MISSING];
}

/* Split finding -------------------------------------------------------------------- */

static inline double
score (double g,
       double h,
       double l2)
{
  return g * g / (h + l2);
}

static inline void
consider (const OrchardGrowerParams *p,
          double                     parent,
          double                     gl,
          double                     hl,
          gsize                      nl,
          double                     g,
          double                     h,
          gsize                      n,
          guint32                    feature,
          guint                      bin,
          gboolean                   missing_left,
          Split                     *best)
{
  double gr = g - gl, hr = h - hl, gain;
  gsize nr = n - nl;

  if (nl < p->min_samples_leaf || nr < p->min_samples_leaf ||
      hl < p->min_hessian || hr < p->min_hessian)
    return;

  gain = score (gl, hl, p->l2) + score (gr, hr, p->l2) - parent;
  if (gain > best->gain)
    {
      best->gain = gain;
      best->feature = feature;
      best->bin = bin;
      best->missing_left = missing_left;
      best->left_g = gl;
      best->left_h = hl;
      best->left_n = nl;
    }
}

/* The best split of @leaf on feature @f from its histogram, into @best
 * (gain 0 when none helps): thresholds upwards, missing values first to
 * the right, then to the left; the first best wins. Without missing
 * training rows in the leaf, they go to the side with more rows. */
static void
find_feature_split (const OrchardGrower *grower,
                    const Leaf          *leaf,
                    guint32              f,
                    Split               *best)
{
  const OrchardGrowerParams *p = &grower->params;
  double g = leaf->sum_g, h = leaf->sum_h;
  gsize n = leaf->end - leaf->begin;
  double parent = score (g, h, p->l2);
  const HistBin *H = leaf->hist + (gsize) f * 256;
  const HistBin *missing = &H[ORCHARD_BIN_MISSING];
  gsize n_missing = (gsize) (*missing)[BIN_N];
  guint nb = grower->bins->n_bins[f];
  double gl = 0, hl = 0;
  gsize nl = 0;

  *best = (Split) { 0.0, 0, 0, FALSE, 0, 0, 0 };

  /* Missing values right: thresholds below the last bin, and the last
   * bin itself when the right side is then the missing values alone. */
  for (guint b = 0; b < nb; b++)
    {
      gl += H[b][BIN_G];
      hl += H[b][BIN_H];
      nl += (gsize) H[b][BIN_N];
      if (b + 1 < nb || n_missing > 0)
        consider (p, parent, gl, hl, nl, g, h, n, f, b, FALSE, best);
    }

  if (n_missing == 0)
    {
      /* No missing rows to learn from: they go where most rows go. */
      if (best->gain > 0)
        best->missing_left = best->left_n > n - best->left_n;
      return;
    }

  gl = (*missing)[BIN_G];
  hl = (*missing)[BIN_H];
  nl = n_missing;
  for (guint b = 0; b + 1 < nb; b++)
    {
      gl += H[b][BIN_G];
      hl += H[b][BIN_H];
      nl += (gsize) H[b][BIN_N];
      consider (p, parent, gl, hl, nl, g, h, n, f, b, TRUE, best);
    }
}

/* @leaf's best split: the first best of its features' in feature order,
 * as one scan of every feature in turn would find it. */
static void
choose_split (const OrchardGrower *grower,
              Leaf                *leaf,
              const Split         *per_feature)
{
  leaf->split = (Split) { 0.0, 0, 0, FALSE, 0, 0, 0 };
  for (guint i = 0; i < grower->n_features; i++)
    if (per_feature[i].gain > leaf->split.gain)
      leaf->split = per_feature[i];
}

/* Histogram building, continued ------------------------------------------------------ */

/* Builds @leaf's histograms of the tree's features, and with them, feature
 * by feature while the histograms are still in the cache, what the split
 * step needs: with @sibling (whose histograms are its parent's) the
 * sibling's by subtraction; the best split of each feature of @leaf
 * (@find_leaf) and of @sibling (@find_sibling). Each feature's histogram
 * is summed by one thread in row order, so the result does not depend on
 * the number of threads. */
static void
build_hist (OrchardGrower  *grower,
            Leaf           *leaf,
            const GradPair *gradients,
            gboolean        identity,
            Leaf           *sibling,
            gboolean        find_leaf,
            gboolean        find_sibling)
{
  const guint32 *rows = identity ? NULL : grower->rows + leaf->begin;
  gsize n = leaf->end - leaf->begin;
  guint nf = grower->n_features;
  int n_threads = n * nf >= grower->parallel_work ? MIN (grower->n_threads, (int) nf) : 1;
  gint64 start = g_get_monotonic_time ();
  gint64 busy = 0;
  gboolean pairs = identity || grower->unit_hessian;
  guint group = pairs ? PAIR_GROUP : FEATURE_GROUP;
  guint n_groups = (nf + group - 1) / group;

  g_assert (sibling != NULL || !find_sibling);
  g_assert (!identity || n == grower->bins->n_rows);

  if (identity && !grower->unit_hessian && grower->root_counts == NULL)
    count_root (grower);

  /* As many groups for each thread, of sizes differing by one at most: 28
   * features on 2 threads are 8 groups of 3 or 4, not 7 of 4. */
  if (n_threads > 1)
    n_groups = MIN (nf, (n_groups + n_threads - 1) / n_threads * n_threads);

  /* Threads gather the gradients in leaf order, then take groups of
   * features as they come free: a thread the system holds up delays the
   * others by a group at most. */
#pragma omp parallel num_threads (n_threads) reduction (+:busy)
  {
    gint64 entered = thread_time ();

    if (!identity)
      {
        GradPair *ordered = grower->ordered;

        /* The rows of a sparse leaf are far apart: fetch ahead. */
        if (n * SPARSE_LEAF < grower->bins->n_rows)
          {
#pragma omp for schedule (static)
            for (gsize i = 0; i < n; i++)
              {
                if (i + PREFETCH_DISTANCE < n)
                  __builtin_prefetch (&gradients[rows[i + PREFETCH_DISTANCE]]);
                ordered[i] = gradients[rows[i]];
              }
          }
        else
          {
#pragma omp for schedule (static)
            for (gsize i = 0; i < n; i++)
              {
                ordered[i] = gradients[rows[i]];
              }
          }
      }

#pragma omp for schedule (dynamic, 1) nowait
    for (guint g = 0; g < n_groups; g++)
      {
        guint first = (guint) ((gsize) nf * g / n_groups);
        guint last = (guint) ((gsize) nf * (g + 1) / n_groups);

        if (pairs)
          build_pairs_group (grower, leaf->hist, grower->features + first, last - first, rows,
                             n, grower->ordered, gradients);
        else
          build_group (grower, leaf->hist, grower->features + first, last - first, rows, n,
                       grower->ordered, gradients);

        for (guint i = first; i < last; i++)
          {
            guint32 f = grower->features[i];

            if (sibling != NULL)
              subtract_feature (grower, sibling->hist, leaf->hist, f);
            if (find_leaf)
              find_feature_split (grower, leaf, f, &grower->splits[i]);
            if (find_sibling)
              find_feature_split (grower, sibling, f, &grower->sibling_splits[i]);
          }
      }

    busy += thread_time () - entered;
  }

  if (n_threads > 1)
    adapt_threshold (grower, (double) busy / (n_threads * MAX (g_get_monotonic_time () - start, 1)));

  if (find_leaf)
    choose_split (grower, leaf, grower->splits);
  if (find_sibling)
    choose_split (grower, sibling, grower->sibling_splits);
}

/* Partitioning --------------------------------------------------------------------- */

/* Moves the rows of @leaf that go left to the front, keeping both sides in
 * row order. Each block of rows is split in one pass (left rows to the
 * front of its span of the scratch buffer, right rows after them); the
 * pieces are then copied to their places. Returns the number going left. */
static gsize
partition (OrchardGrower *grower,
           Leaf          *leaf)
{
  const OrchardBins *bins = grower->bins;
  const guint8 *codes = bins->codes + (gsize) leaf->split.feature * bins->n_rows;
  guint8 threshold = (guint8) leaf->split.bin;
  /* Missing values (code 255) go left when every code up to 255 does. */
  guint8 missing_left = leaf->split.missing_left;
  guint32 *rows = grower->rows + leaf->begin;
  guint32 *tmp = grower->tmp + leaf->begin;
  gsize n = leaf->end - leaf->begin;
  gsize n_blocks = (n + PARTITION_BLOCK - 1) / PARTITION_BLOCK;
  gsize *block_left = grower->block_left;
  int n_threads = n_blocks >= PARALLEL_BLOCKS && 2 * n >= grower->parallel_work
                  ? grower->n_threads : 1;
  gsize n_left = 0;

  if (n_threads == 1)
    {
      gboolean sparse = n * SPARSE_LEAF < bins->n_rows;
      gsize r = 0;

      /* Left rows move forward in place (never past the read position),
       * right ones to the scratch buffer, without a branch on the data;
       * the codes of a sparse leaf's rows are fetched ahead. */
      for (gsize i = 0; i < n; i++)
        {
          guint32 row = rows[i];

          if (sparse && i + PREFETCH_DISTANCE < n)
            __builtin_prefetch (&codes[rows[i + PREFETCH_DISTANCE]]);
          guint8 c = codes[row];
          gboolean goes_left = c == ORCHARD_BIN_MISSING ? missing_left : c <= threshold;

          rows[n_left] = row;
          tmp[r] = row;
          n_left += goes_left;
          r += !goes_left;
        }
      memcpy (rows + n_left, tmp, r * sizeof (guint32));
      return n_left;
    }

#pragma omp parallel num_threads (n_threads)
  {
#pragma omp for schedule (dynamic, 1)
    for (gsize blk = 0; blk < n_blocks; blk++)
      {
        gsize start = blk * PARTITION_BLOCK, end = MIN (start + PARTITION_BLOCK, n);
        guint32 *left = tmp + start, *right = rows + start;
        gsize l = 0, r = 0;

        /* Right rows go back into @rows behind the read position, which
         * never overtakes it. */
        for (gsize i = start; i < end; i++)
          {
            guint32 row = rows[i];
            guint8 c = codes[row];
            gboolean goes_left = c == ORCHARD_BIN_MISSING ? missing_left : c <= threshold;

            left[l] = row;
            right[r] = row;
            l += goes_left;
            r += !goes_left;
          }
        memcpy (left + l, right, r * sizeof (guint32));
        block_left[blk] = l;
      }

#pragma omp single
    {
      for (gsize blk = 0; blk < n_blocks; blk++)
        n_left += block_left[blk];
    }

#pragma omp for schedule (dynamic, 1)
    for (gsize blk = 0; blk < n_blocks; blk++)
      {
        gsize start = blk * PARTITION_BLOCK, end = MIN (start + PARTITION_BLOCK, n);
        gsize before = 0;

        for (gsize b = 0; b < blk; b++)
          before += block_left[b];
        memcpy (rows + before, tmp + start, block_left[blk] * sizeof (guint32));
        memcpy (rows + n_left + (start - before), tmp + start + block_left[blk],
                (end - start - block_left[blk]) * sizeof (guint32));
      }
  }

  return n_left;
}

/* Growing -------------------------------------------------------------------------- */

static guint32
add_node (OrchardGrower *grower)
{
  OrchardNode node = { 0.0, ORCHARD_NODE_LEAF, 0 };
  double gain = 0;
  guint8 bin = 0;

  g_array_append_val (grower->tree.nodes, node);
  g_array_append_val (grower->tree.gains, gain);
  g_array_append_val (grower->tree.bins, bin);
  return grower->tree.nodes->len - 1;
}

static gboolean
can_split (const OrchardGrower *grower,
           const Leaf          *leaf)
{
  const OrchardGrowerParams *p = &grower->params;

  return leaf->end - leaf->begin >= 2 * (gsize) p->min_samples_leaf &&
         leaf->sum_h >= 2 * p->min_hessian &&
         (p->max_depth == 0 || leaf->depth < p->max_depth);
}

/**
 * orchard_grower_grow:
 * @grower: a grower
 * @gradients: the gradient and hessian of every row of the bins
 * @rows: (nullable): the rows to grow on, in increasing order, or %NULL for all
 * @n_rows: their number
 * @sums: (nullable): Σ g and Σ h over the rows when the caller has them,
 *   added as the grower would (row after row within chunks of
 *   %ORCHARD_MODEL_CHUNK rows, the chunks in order)
 * @use_feature: (nullable): which features splits may use, or %NULL for all
 * @cancellable: (nullable): checked between splits
 *
 * Grows one tree leaf-wise: the leaf whose best split lowers the loss most
 * is split next, until @max_leaves leaves or no split helps. A child's
 * histograms are built from its rows when it is the smaller one and
 * obtained by subtraction from its parent's otherwise.
 *
 * Returns: %FALSE if cancelled
 */
gboolean
orchard_grower_grow (OrchardGrower  *grower,
                     const GradPair *gradients,
                     const guint32  *rows,
                     gsize           n_rows,
                     const double   *sums,
                     const guint8   *use_feature,
                     GCancellable   *cancellable)
{
  const OrchardBins *bins = grower->bins;
  const OrchardGrowerParams *p = &grower->params;
  Leaf *root;

  for (guint i = 0; i < grower->n_leaves; i++)
    release_hist (grower, &grower->leaves[i]);
  grower->n_leaves = 0;
  g_array_set_size (grower->tree.nodes, 0);
  g_array_set_size (grower->tree.gains, 0);
  g_array_set_size (grower->tree.bins, 0);
  g_array_set_size (grower->tree.leaves, 0);

  grower->n_features = 0;
  for (guint f = 0; f < bins->n_features; f++)
    if ((use_feature == NULL || use_feature[f]) && bins->n_bins[f] > 0)
      grower->features[grower->n_features++] = f;

  if (rows != NULL)
    memcpy (grower->rows, rows, n_rows * sizeof (guint32));
  else
    for (gsize i = 0; i < n_rows; i++)
      grower->rows[i] = (guint32) i;

  root = &grower->leaves[grower->n_leaves++];
  *root = (Leaf) { 0, n_rows, 0, add_node (grower), 0.0, 0.0, NULL, { 0 }, TRUE };

  /* Root sums, in fixed chunks added in order. */
  if (sums != NULL)
    {
      root->sum_g = sums[0];
      root->sum_h = sums[1];
    }
  else
    {
    gsize n_chunks = (n_rows + ORCHARD_MODEL_CHUNK - 1) / ORCHARD_MODEL_CHUNK;
    g_autofree double *partial = g_new0 (double, 2 * MAX (n_chunks, 1));
    int n_threads = n_chunks >= 64 ? grower->n_threads : 1;

#pragma omp parallel for num_threads (n_threads) schedule (static)
    for (gsize c = 0; c < n_chunks; c++)
      {
        gsize end = MIN ((c + 1) * ORCHARD_MODEL_CHUNK, n_rows);
        double sg = 0, sh = 0;

        for (gsize i = c * ORCHARD_MODEL_CHUNK; i < end; i++)
          {
            guint32 r = grower->rows[i];
            sg += gradients[r].g;
            sh += gradients[r].h;
          }
        partial[2 * c] = sg;
        partial[2 * c + 1] = sh;
      }
    for (gsize c = 0; c < n_chunks; c++)
      {
        root->sum_g += partial[2 * c];
        root->sum_h += partial[2 * c + 1];
      }
    }

  if (can_split (grower, root) && grower->n_features > 0)
    {
      acquire_hist (grower, root);
      build_hist (grower, root, gradients, rows == NULL, NULL, TRUE, FALSE);
    }

  while (grower->n_leaves < p->max_leaves)
    {
      Leaf *leaf = NULL, *left, *right, *small, *large;
      OrchardNode *node;
      guint32 children;
      gsize n_left;
      gboolean split_small, split_large;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;

      for (guint i = 0; i < grower->n_leaves; i++)
        if (grower->leaves[i].open && grower->leaves[i].split.gain > 0 &&
            (leaf == NULL || grower->leaves[i].split.gain > leaf->split.gain))
          leaf = &grower->leaves[i];
      if (leaf == NULL)
        break;

      /* Its histograms went to a more promising leaf: build them again. */
      if (leaf->hist == NULL)
        {
          acquire_hist (grower, leaf);
          build_hist (grower, leaf, gradients, FALSE, NULL, FALSE, FALSE);
        }

      n_left = partition (grower, leaf);
      g_assert (n_left == leaf->split.left_n);

      children = add_node (grower);
      add_node (grower);
      node = &g_array_index (grower->tree.nodes, OrchardNode, leaf->node);
      node->feature = leaf->split.feature | (leaf->split.missing_left ? ORCHARD_NODE_MISSING_LEFT : 0);
      node->next = children;
      node->threshold = MIN (orchard_bins_edges (bins, leaf->split.feature)[leaf->split.bin],
                             G_MAXDOUBLE);
      g_array_index (grower->tree.gains, double, leaf->node) = 0.5 * leaf->split.gain;
      g_array_index (grower->tree.bins, guint8, leaf->node) = (guint8) leaf->split.bin;

      /* The leaf becomes the left child; the right one is new. */
      right = &grower->leaves[grower->n_leaves++];
      left = leaf;
      *right = (Leaf) { leaf->begin + n_left, leaf->end, leaf->depth + 1, children + 1,
                        leaf->sum_g - leaf->split.left_g, leaf->sum_h - leaf->split.left_h,
                        NULL, { 0 }, TRUE };
      left->end = leaf->begin + n_left;
      left->depth++;
      left->node = children;
      left->sum_g = left->split.left_g;
      left->sum_h = left->split.left_h;

      small = left->end - left->begin <= right->end - right->begin ? left : right;
      large = small == left ? right : left;
      /* After the last split allowed, no child needs histograms. */
      split_small = grower->n_leaves < p->max_leaves && can_split (grower, small) &&
                    grower->n_features > 0;
      split_large = grower->n_leaves < p->max_leaves && can_split (grower, large) &&
                    grower->n_features > 0;

      /* The parent's histograms are the left child's now. */
      left->split = (Split) { 0 };
      right->split = (Split) { 0 };
      if (split_large)
        {
          HistBin *parent = g_steal_pointer (&left->hist);

          acquire_hist (grower, small);
          large->hist = parent;
          build_hist (grower, small, gradients, FALSE, large, split_small, TRUE);
        }
      else if (split_small)
        {
          if (small->hist == NULL)
            acquire_hist (grower, small);
          build_hist (grower, small, gradients, FALSE, NULL, TRUE, FALSE);
        }
      if (!split_small)
        release_hist (grower, small);
      if (!split_large)
        release_hist (grower, large);

      small->open = split_small && small->split.gain > 0;
      large->open = split_large && large->split.gain > 0;
      if (!small->open)
        release_hist (grower, small);
      if (!large->open)
        release_hist (grower, large);
    }

  /* Number the leaves in node order. */
  for (guint i = 0; i < grower->n_leaves; i++)
    {
      Leaf *leaf = &grower->leaves[i];
      OrchardNode *node = &g_array_index (grower->tree.nodes, OrchardNode, leaf->node);
      OrchardGrownLeaf grown = { leaf->begin, leaf->end, leaf->sum_g, leaf->sum_h };

      node->next = i;
      g_array_append_val (grower->tree.leaves, grown);
      release_hist (grower, leaf);
    }

  return TRUE;
}
