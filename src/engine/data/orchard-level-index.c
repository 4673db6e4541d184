/* orchard-level-index.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "orchard-level-index-private.h"

/* A reader looks up every value of a categorical column among the levels
 * seen so far; with a million rows and nearly as many distinct values, that
 * lookup is most of the load time, and most of that is waiting for memory.
 * GHashTable keeps hashes, keys and values in three arrays; here a bucket
 * holds all a lookup needs (the hash's high half, the code, the level's
 * text) so a lookup costs one cache miss for the bucket and one for the
 * text, and orchard_level_index_prefetch() lets a reader start the first
 * one a few fields ahead. Buckets are picked by the hash's top bits, which
 * the stored half keeps, so growing never looks at the texts again.
 *
 * The levels stay in the caller's array, in order of first appearance,
 * each in its own allocation, scattered over the heap among everything
 * else the reader allocates: a lookup that finds a short level (codes,
 * names, categories) would then miss the cache and the TLB on its text.
 * The index compares against its own copies of the short levels instead,
 * packed next to each other. */

typedef struct
{
  guint64     key;     /* the hash's high half, then code + 1; 0 for an empty bucket */
  const char *level;
} Bucket;

struct _OrchardLevelIndex
{
  GPtrArray *levels;     /* not owned */
  Bucket    *buckets;
  guint      shift;      /* 64 - log2 (number of buckets) */
  gsize      n_entries;
  GPtrArray *blocks;     /* owned: the copies of the short levels */
  char      *block;      /* the last of them */
  gsize      block_used;
  gsize      block_size;
};

#define TAG_MASK      G_GUINT64_CONSTANT (0xffffffff00000000)
#define INITIAL_BITS  6
#define SHORT_LEVEL   16                  /* bytes, the longest level copied */
#define FIRST_BLOCK   ((gsize) 16 << 10)

static inline guint64
hash_bytes (const char *s,
            gsize       len)
{
  const guint64 k = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 h = len * k;
  guint64 w;

  for (; len >= 8; s += 8, len -= 8)
    {
      memcpy (&w, s, 8);
      h = (h ^ w) * k;
      h = (h << 31) | (h >> 33);
    }
  if (len > 0)
    {
      w = 0;
      for (gsize i = 0; i < len; i++)
        w |= (guint64) (guchar) s[i] << (8 * i);
      h = (h ^ w) * k;
    }

  /* murmur3's finaliser: every input bit reaches the top bits. */
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;

  return h;
}

/* @level is nul-terminated and holds no nul; @str may hold one, which
 * then never matches. */
static inline gboolean
level_equal (const char *level,
             const char *str,
             gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (level[i] != str[i] || level[i] == '\0')
      return FALSE;

  return level[len] == '\0';
}

#define HUGE_PAGE     ((gsize) 2 << 20)

/* Every lookup lands on a random bucket; in a table of many megabytes that
 * is a TLB miss too unless the table sits on huge pages, which Linux gives
 * to regions that ask (transparent huge pages in "madvise" mode). Freed
 * with g_free(). */
static gpointer
alloc_big (gsize    size,
           gboolean zero)
{
#ifdef MADV_HUGEPAGE
  void *mem = NULL;

  if (size >= HUGE_PAGE && posix_memalign (&mem, HUGE_PAGE, size) == 0)
    {
      madvise (mem, size, MADV_HUGEPAGE);
      if (zero)
        memset (mem, 0, size);
      return mem;
    }
#endif

  return zero ? g_malloc0 (size) : g_malloc (size);
}

static Bucket *
buckets_new (gsize n)
{
  return alloc_big (n * sizeof (Bucket), TRUE);
}

static const char *
copy_short (OrchardLevelIndex *index,
            const char        *level,
            gsize              len)
{
  char *copy;

  if (index->block == NULL || index->block_size - index->block_used <= len)
    {
      index->block_size = index->block == NULL ? FIRST_BLOCK
                                               : MIN (index->block_size * 2, HUGE_PAGE);
      index->block = alloc_big (index->block_size, FALSE);
      index->block_used = 0;
      g_ptr_array_add (index->blocks, index->block);
    }

  copy = index->block + index->block_used;
  memcpy (copy, level, len + 1);
  index->block_used += len + 1;

  return copy;
}

static inline gsize
n_buckets (const OrchardLevelIndex *index)
{
  return (gsize) 1 << (64 - index->shift);
}

static void
place (Bucket     *buckets,
       guint       shift,
       guint64     key,
       const char *level)
{
  gsize mask = ((gsize) 1 << (64 - shift)) - 1;
  gsize i = (key & TAG_MASK) >> shift;

  while (buckets[i].key != 0)
    i = (i + 1) & mask;

  buckets[i].key = key;
  buckets[i].level = level;
}

static void
grow (OrchardLevelIndex *index)
{
  gsize old_size = n_buckets (index);
  guint shift = index->shift - 1;
  Bucket *buckets = buckets_new (old_size * 2);

  for (gsize i = 0; i < old_size; i++)
    if (index->buckets[i].key != 0)
      place (buckets, shift, index->buckets[i].key, index->buckets[i].level);

  g_free (index->buckets);
  index->buckets = buckets;
  index->shift = shift;
}

/**
 * orchard_level_index_new:
 * @levels: (element-type utf8): the levels, nul-terminated strings without
 *   nul bytes inside; codes are their positions
 *
 * @levels must outlive every lookup; the index finds what
 * orchard_level_index_add() told it about, not what @levels holds now.
 *
 * Returns: (transfer full): an empty index
 */
OrchardLevelIndex *
orchard_level_index_new (GPtrArray *levels)
{
  OrchardLevelIndex *index = g_new0 (OrchardLevelIndex, 1);

  index->levels = levels;
  index->blocks = g_ptr_array_new_with_free_func (g_free);
  index->shift = 64 - INITIAL_BITS;
  index->buckets = buckets_new (n_buckets (index));

  return index;
}

void
orchard_level_index_free (OrchardLevelIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->buckets);
  g_ptr_array_unref (index->blocks);
  g_free (index);
}

/**
 * orchard_level_index_prefetch:
 * @index: an index
 * @str: a value that will be looked up soon
 * @len: its length in bytes
 *
 * Starts loading the bucket where the lookup of @str will begin, so that
 * the lookup does not wait for it. (Prefetching the level's text as well,
 * once the bucket has arrived, did not pay: on 4 KiB pages that costs the
 * page walk the lookup would have paid.)
 */
void
orchard_level_index_prefetch (OrchardLevelIndex *index,
                              const char        *str,
                              gsize              len)
{
#if defined(__GNUC__) || defined(__clang__)
  __builtin_prefetch (&index->buckets[hash_bytes (str, len) >> index->shift]);
#endif
}

/**
 * orchard_level_index_lookup:
 * @index: an index
 * @str: a value, not necessarily nul-terminated
 * @len: its length in bytes
 * @code: (out): the level's code when found
 *
 * Returns: whether @str (all @len bytes; a nul inside never matches) is a
 *   level
 */
gboolean
orchard_level_index_lookup (OrchardLevelIndex *index,
                            const char        *str,
                            gsize              len,
                            guint32           *code)
{
  guint64 hash = hash_bytes (str, len);
  guint64 tag = hash & TAG_MASK;
  const Bucket *buckets = index->buckets;
  gsize mask = n_buckets (index) - 1;

  for (gsize i = hash >> index->shift; buckets[i].key != 0; i = (i + 1) & mask)
    if ((buckets[i].key & TAG_MASK) == tag && level_equal (buckets[i].level, str, len))
      {
        *code = (guint32) buckets[i].key - 1;
        return TRUE;
      }

  return FALSE;
}

/**
 * orchard_level_index_add:
 * @index: an index
 * @code: the position in the levels of a level not yet in @index
 *
 * Makes the level at @code findable.
 */
void
orchard_level_index_add (OrchardLevelIndex *index,
                         guint32            code)
{
  const char *level;
  gsize len;

  g_assert (code < index->levels->len);
  g_assert (code < G_MAXUINT32);

  /* At most 70% full; linear probing slows down beyond. */
  if ((index->n_entries + 1) * 10 > n_buckets (index) * 7)
    grow (index);

  level = g_ptr_array_index (index->levels, code);
  len = strlen (level);
  place (index->buckets, index->shift,
         (hash_bytes (level, len) & TAG_MASK) | ((guint64) code + 1),
         len <= SHORT_LEVEL ? copy_short (index, level, len) : level);
  index->n_entries++;
}
