/* orchard-csv-pipeline.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "orchard-csv-pipeline-private.h"

/* Loading a CSV file is two jobs of about equal cost: libcsv splits bytes
 * into fields, and the reader turns each field into a number, a date or a
 * level code. The pipeline runs them on two threads. On the caller's
 * thread libcsv's callbacks only record what they are given (the field's
 * bytes, or the end of a record with its terminator) into a batch; a worker
 * thread replays each batch, in order, through the real callbacks. The
 * callbacks therefore see exactly the calls, with exactly the bytes, that
 * libcsv would have made to them directly, and the result is identical;
 * only the thread differs. Three batches circulate, so memory stays at a
 * few slices of input whatever the file's size.
 *
 * Without a worker (small inputs, or no thread to be had) the callbacks are
 * handed to libcsv directly.
 *
 * With a worker, the calling thread is the bottleneck on numeric files:
 * libcsv spends some 3 ns on every byte. Most records hold no quote, and
 * for those libcsv's rules are short: blanks before a field are skipped,
 * blanks after it trimmed, and a delimiter or a line end closes it. The
 * producer applies those rules itself to every whole quote-free record,
 * with the same byte classes libcsv would use (its own space and
 * terminator functions included) and with exactly the calls libcsv would
 * make; a record with a quote, or cut by the end of the input so far, goes
 * to libcsv, which keeps the final word on everything else (quotes, errors,
 * the end of the input). tests/engine/test-csv-pipeline.c compares the
 * calls with libcsv's on random input. */

#define SLICE_SIZE  (256 * 1024)   /* input bytes per batch */
#define N_BATCHES   3
#define PEEK_AHEAD  32               /* events */

/* A batch is the fields' texts, each followed by a nul as libcsv gives
 * them, and one 32-bit word per event: a field's length, the end of a
 * record (RECORD_END + its terminator + 1, the terminator being a byte or
 * -1 at the end of the input), or LONG_FIELD and then a length too large
 * for one word, in two. Where a field's text starts follows from the
 * lengths before it. Every byte the producer writes is one the worker's
 * core must fetch from the producer's, so the encoding is tight. */
#define RECORD_END  ((guint32) 0xfffffe00)
#define LONG_FIELD  ((guint32) 0xffffffff)

typedef struct
{
  char    *bytes;
  gsize    n_bytes;
  gsize    bytes_size;
  guint32 *words;
  gsize    n_words;
  gsize    words_size;
  gsize    n_records;
  /* The producer writes one batch at every field while the worker reads
   * another: keep them off each other's cache lines. */
  char     padding[128 - 7 * sizeof (gsize)];
} Batch;

/* How libcsv's csv_parse() treats a byte outside quotes, in the order it
 * tests: at the start of a field, and inside an unquoted one. */
enum
{
  BYTE_OTHER,
  BYTE_SKIP,     /* start: a blank, skipped */
  BYTE_BLANK,    /* inside: a blank, trimmed if nothing else follows */
  BYTE_TERM,
  BYTE_DELIM,
  BYTE_QUOTE,
};

typedef struct
{
  guchar   start[256];
  guchar   inside[256];
  gboolean term[256];
  gboolean repall_nl;
  gboolean usable;
  /* The parser settings the tables are for. */
  gboolean built;
  guchar   delim;
  guchar   quote;
  guchar   options;
  int    (*is_space) (unsigned char);
  int    (*is_term) (unsigned char);
} ByteClasses;

struct _OrchardCsvPipeline
{
  OrchardCsvFieldFunc   on_field;
  OrchardCsvRecordFunc  on_record;
  OrchardCsvStopFunc    stop;
  OrchardCsvPeekFunc    peek;
  gpointer              data;

  GThread              *worker;
  GAsyncQueue          *full;      /* Batch, to replay; the pipeline itself ends the stream */
  GAsyncQueue          *empty;     /* Batch, to fill */

  /* The producer's. */
  ByteClasses           classes;
  gboolean              at_record_start;   /* libcsv holds no part of a record */

  Batch                 batches[N_BATCHES];

  /* The worker's, after the batches' padding: it writes them often. */
  gint                  stopped;   /* atomic */
  guint                 peek_field; /* field number of the next event peeked at */
};

static void
batch_clear (Batch *batch)
{
  g_clear_pointer (&batch->bytes, g_free);
  g_clear_pointer (&batch->words, g_free);
}

static inline void
batch_add_word (Batch   *batch,
                guint32  word)
{
  if (G_UNLIKELY (batch->n_words == batch->words_size))
    {
      batch->words_size = MAX (batch->words_size * 2, 16384);
      batch->words = g_renew (guint32, batch->words, batch->words_size);
    }
  batch->words[batch->n_words++] = word;
}

static void
record_field (void   *str,
              size_t  len,
              void   *data)
{
  Batch *batch = data;

  if (G_UNLIKELY (batch->bytes_size - batch->n_bytes <= len))
    {
      batch->bytes_size = MAX (MAX (batch->bytes_size * 2, 65536), batch->n_bytes + len + 1);
      batch->bytes = g_realloc (batch->bytes, batch->bytes_size);
    }
  if (len > 0)
    memcpy (batch->bytes + batch->n_bytes, str, len);
  batch->bytes[batch->n_bytes + len] = '\0';
  batch->n_bytes += len + 1;

  if (G_LIKELY (len < RECORD_END))
    batch_add_word (batch, (guint32) len);
  else
    {
      batch_add_word (batch, LONG_FIELD);
      batch_add_word (batch, (guint32) len);
      batch_add_word (batch, (guint32) ((guint64) len >> 32));
    }
}

static void
record_end (int   c,
            void *data)
{
  Batch *batch = data;

  /* c is a byte, or -1 at the end of the input. */
  batch_add_word (batch, RECORD_END + (guint32) (c + 1));
  batch->n_records++;
}

static void
classes_update (ByteClasses             *k,
                const struct csv_parser *parser)
{
  if (k->built && k->delim == parser->delim_char && k->quote == parser->quote_char &&
      k->options == parser->options && k->is_space == parser->is_space &&
      k->is_term == parser->is_term)
    return;

  k->built = TRUE;
  k->delim = parser->delim_char;
  k->quote = parser->quote_char;
  k->options = parser->options;
  k->is_space = parser->is_space;
  k->is_term = parser->is_term;
  k->repall_nl = (parser->options & CSV_REPALL_NL) != 0;
  /* An empty field would be NULL, which a batch cannot say. */
  k->usable = (parser->options & CSV_EMPTY_IS_NULL) == 0;

  for (guint c = 0; c < 256; c++)
    {
      gboolean space = k->is_space != NULL ? k->is_space (c) != 0 : c == CSV_SPACE || c == CSV_TAB;
      gboolean term = k->is_term != NULL ? k->is_term (c) != 0 : c == CSV_CR || c == CSV_LF;

      k->term[c] = term;

      /* ROW_NOT_BEGUN and FIELD_NOT_BEGUN */
      if (space && c != k->delim)
        k->start[c] = BYTE_SKIP;
      else if (term)
        k->start[c] = BYTE_TERM;
      else if (c == k->delim)
        k->start[c] = BYTE_DELIM;
      else if (c == k->quote)
        k->start[c] = BYTE_QUOTE;
      else
        k->start[c] = BYTE_OTHER;

      /* FIELD_BEGUN, not quoted */
      if (c == k->quote)
        k->inside[c] = BYTE_QUOTE;
      else if (c == k->delim)
        k->inside[c] = BYTE_DELIM;
      else if (term)
        k->inside[c] = BYTE_TERM;
      else if (space)
        k->inside[c] = BYTE_BLANK;
      else
        k->inside[c] = BYTE_OTHER;
    }
}

/* Records the whole quote-free records from @pos on, as libcsv would,
 * starting where libcsv holds no part of a record. Returns where the first
 * record it left alone begins (one with a quote, or not complete in @buf),
 * or @len. */
static gsize
fast_records (const ByteClasses *k,
              const guchar      *buf,
              gsize              pos,
              gsize              len,
              Batch             *batch)
{
  for (;;)
    {
      gsize record = pos;
      gsize n_bytes = batch->n_bytes;
      gsize n_words = batch->n_words;
      gsize n_records = batch->n_records;
      gboolean row_begun = FALSE;

      if (pos == len)
        return len;

      for (;;)
        {
          guchar what;
          gsize start;
          gsize text_end;

          while (pos < len && k->start[buf[pos]] == BYTE_SKIP)
            pos++;
          if (pos == len)
            goto leave;

          what = k->start[buf[pos]];
          if (what == BYTE_TERM)
            {
              /* An empty last field, or a blank line. */
              if (row_begun)
                record_field ((void *) "", 0, batch);
              if (row_begun || k->repall_nl)
                record_end (buf[pos], batch);
              pos++;
              break;
            }
          if (what == BYTE_DELIM)
            {
              record_field ((void *) "", 0, batch);
              row_begun = TRUE;
              pos++;
              continue;
            }
          if (what == BYTE_QUOTE)
            goto leave;

          /* An unquoted field; blanks at its end are not part of it. */
          start = pos++;
          text_end = pos;
          while (pos < len)
            {
              what = k->inside[buf[pos]];
              if (what == BYTE_OTHER)
                text_end = ++pos;
              else if (what == BYTE_BLANK)
                pos++;
              else
                break;
            }
          if (pos == len || what == BYTE_QUOTE)
            goto leave;

          record_field ((void *) (buf + start), text_end - start, batch);
          row_begun = TRUE;
          if (what == BYTE_TERM)
            {
              record_end (buf[pos++], batch);
              break;
            }
          pos++;   /* the delimiter */
        }
      continue;

    leave:
      batch->n_bytes = n_bytes;
      batch->n_words = n_words;
      batch->n_records = n_records;
      return record;
    }
}

/* Parses @buf into @batch: the fast path where it can, libcsv elsewhere.
 * Returns the bytes parsed, fewer than @len where libcsv stopped. */
static gsize
produce (OrchardCsvPipeline *self,
         struct csv_parser  *parser,
         const guchar       *buf,
         gsize               len,
         Batch              *batch)
{
  gsize pos = 0;

  classes_update (&self->classes, parser);

  while (pos < len)
    {
      gsize stop;
      gsize n_records;
      gsize parsed;

      if (self->at_record_start && self->classes.usable)
        {
          pos = fast_records (&self->classes, buf, pos, len, batch);
          if (pos == len)
            break;
        }

      /* libcsv, up to the next line end: if it ends a record there, libcsv
       * holds nothing and the fast path can go on. */
      for (stop = pos; stop < len && !self->classes.term[buf[stop]]; stop++)
        ;
      stop = MIN (stop + 1, len);
      n_records = batch->n_records;
      parsed = csv_parse (parser, buf + pos, stop - pos, record_field, record_end, batch);
      if (parsed != stop - pos)
        {
          self->at_record_start = FALSE;
          return pos + parsed;
        }
      self->at_record_start = self->classes.term[buf[stop - 1]] && batch->n_records > n_records;
      pos = stop;
    }

  return len;
}

/* Reads the event at @i: returns the field's length, or G_MAXSIZE for the
 * end of a record with its terminator in @c; moves @i past it. */
static inline gsize
next_event (const guint32 *words,
            gsize         *i,
            int           *c)
{
  guint32 word = words[(*i)++];

  if (G_LIKELY (word < RECORD_END))
    return word;

  if (word == LONG_FIELD)
    {
      gsize len = words[*i] | (gsize) ((guint64) words[*i + 1] << 32);

      *i += 2;
      return len;
    }

  *c = (int) (word - RECORD_END) - 1;
  return G_MAXSIZE;
}

static void
replay (OrchardCsvPipeline *self,
        const Batch        *batch)
{
  const guint32 *words = batch->words;
  const gsize n_words = batch->n_words;
  char *bytes = batch->bytes;
  gsize i = 0, offset = 0, n_events = 0;
  gsize peek_i = 0, peek_offset = 0, n_peeked = 0;

  while (i < n_words)
    {
      gsize len;
      int c = 0;

      if (self->peek != NULL)
        for (; peek_i < n_words && n_peeked <= n_events + PEEK_AHEAD; n_peeked++)
          {
            int peek_c;
            gsize ahead = next_event (words, &peek_i, &peek_c);

            if (ahead == G_MAXSIZE)
              self->peek_field = 0;
            else
              {
                self->peek (bytes + peek_offset, ahead, self->peek_field++, self->data);
                peek_offset += ahead + 1;
              }
          }

      len = next_event (words, &i, &c);
      n_events++;
      if (len == G_MAXSIZE)
        self->on_record (c, self->data);
      else
        {
          self->on_field (bytes + offset, len, self->data);
          offset += len + 1;
        }
    }
}

static gpointer
worker_run (gpointer data)
{
  OrchardCsvPipeline *self = data;
  gboolean stopped = FALSE;

  for (;;)
    {
      Batch *batch = g_async_queue_pop (self->full);

      if (batch == (gpointer) self)
        break;

      /* Once stopped the callbacks would only ignore what follows. */
      if (!stopped)
        {
          replay (self, batch);
          if (self->stop != NULL && self->stop (self->data))
            {
              stopped = TRUE;
              g_atomic_int_set (&self->stopped, TRUE);
            }
        }

      batch->n_bytes = 0;
      batch->n_words = 0;
      batch->n_records = 0;
      g_async_queue_push (self->empty, batch);
    }

  return NULL;
}

/**
 * orchard_csv_pipeline_new:
 * @on_field: libcsv's field callback
 * @on_record: libcsv's end-of-record callback
 * @stop: (nullable): asked after each batch, on the callbacks' thread,
 *   whether the callbacks are done (after an error, say); from then on they
 *   are not called any more
 * @data: for the callbacks and @stop
 * @threaded: whether to run the callbacks on a worker thread
 *
 * Until orchard_csv_pipeline_wait(), @data belongs to the callbacks' thread:
 * the caller must not touch it.
 *
 * Returns: (transfer full): a new pipeline
 */
OrchardCsvPipeline *
orchard_csv_pipeline_new (OrchardCsvFieldFunc   on_field,
                          OrchardCsvRecordFunc  on_record,
                          OrchardCsvStopFunc    stop,
                          gpointer              data,
                          gboolean              threaded)
{
  OrchardCsvPipeline *self = g_new0 (OrchardCsvPipeline, 1);

  self->on_field = on_field;
  self->on_record = on_record;
  self->stop = stop;
  self->data = data;

  if (threaded)
    {
      self->full = g_async_queue_new ();
      self->empty = g_async_queue_new ();
      for (guint i = 0; i < N_BATCHES; i++)
        g_async_queue_push (self->empty, &self->batches[i]);

      /* No thread to be had is no error: the callbacks run inline. */
      self->worker = g_thread_try_new ("orchard-csv", worker_run, self, NULL);
    }

  return self;
}

/**
 * orchard_csv_pipeline_set_peek:
 * @self: a pipeline
 * @peek: (nullable): told about each field some 30 fields before the field
 *   callback gets it, with the field's 0-based position in its record, on
 *   the callbacks' thread
 *
 * A peek is a hint, to start loading memory the field will need: it may see
 * fields out of order, miss some, or see some that are never delivered (the
 * callbacks stopped); it must not change what the callbacks do.
 */
void
orchard_csv_pipeline_set_peek (OrchardCsvPipeline *self,
                               OrchardCsvPeekFunc  peek)
{
  g_return_if_fail (self != NULL);

  self->peek = peek;
}

/**
 * orchard_csv_pipeline_wait:
 * @self: a pipeline
 *
 * Returns once the callbacks have seen every field and record parsed so
 * far, and ends the worker: @data is the caller's again, and later calls
 * run the callbacks inline.
 */
void
orchard_csv_pipeline_wait (OrchardCsvPipeline *self)
{
  g_return_if_fail (self != NULL);

  if (self->worker == NULL)
    return;

  g_async_queue_push (self->full, self);
  g_thread_join (self->worker);
  self->worker = NULL;
}

void
orchard_csv_pipeline_free (OrchardCsvPipeline *self)
{
  if (self == NULL)
    return;

  orchard_csv_pipeline_wait (self);

  for (guint i = 0; i < N_BATCHES; i++)
    batch_clear (&self->batches[i]);
  g_clear_pointer (&self->full, g_async_queue_unref);
  g_clear_pointer (&self->empty, g_async_queue_unref);
  g_free (self);
}

static void
check_stop (OrchardCsvPipeline *self)
{
  if (self->stop != NULL && self->stop (self->data))
    g_atomic_int_set (&self->stopped, TRUE);
}

/**
 * orchard_csv_pipeline_parse:
 * @self: a pipeline
 * @parser: the libcsv parser
 * @buf: the next bytes of the input
 * @len: their number
 *
 * Like csv_parse() with the pipeline's callbacks, which may not have seen
 * the fields yet when this returns.
 *
 * Returns: the number of bytes parsed: @len, or where libcsv stopped
 */
gsize
orchard_csv_pipeline_parse (OrchardCsvPipeline *self,
                            struct csv_parser  *parser,
                            const void         *buf,
                            gsize               len)
{
  const char *bytes = buf;
  gsize done = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->worker == NULL)
    {
      done = csv_parse (parser, buf, len, self->on_field, self->on_record, self->data);
      check_stop (self);
      return done;
    }

  while (done < len)
    {
      gsize n = MIN (len - done, SLICE_SIZE);
      Batch *batch = g_async_queue_pop (self->empty);
      gsize parsed = produce (self, parser, (const guchar *) bytes + done, n, batch);

      g_async_queue_push (self->full, batch);
      done += parsed;
      if (parsed != n)
        break;
    }

  return done;
}

/**
 * orchard_csv_pipeline_fini:
 * @self: a pipeline
 * @parser: the libcsv parser
 *
 * Like csv_fini() with the pipeline's callbacks, then
 * orchard_csv_pipeline_wait().
 *
 * Returns: what csv_fini() returns
 */
int
orchard_csv_pipeline_fini (OrchardCsvPipeline *self,
                           struct csv_parser  *parser)
{
  Batch *batch;
  int result;

  g_return_val_if_fail (self != NULL, -1);

  if (self->worker == NULL)
    {
      result = csv_fini (parser, self->on_field, self->on_record, self->data);
      check_stop (self);
      return result;
    }

  batch = g_async_queue_pop (self->empty);
  result = csv_fini (parser, record_field, record_end, batch);
  self->at_record_start = TRUE;   /* csv_fini() resets the parser */
  g_async_queue_push (self->full, batch);
  orchard_csv_pipeline_wait (self);

  return result;
}

/**
 * orchard_csv_pipeline_stopped:
 * @self: a pipeline
 *
 * Returns: whether the stop function has said so; when it has, the caller
 *   can stop feeding input and call orchard_csv_pipeline_wait()
 */
gboolean
orchard_csv_pipeline_stopped (OrchardCsvPipeline *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return g_atomic_int_get (&self->stopped);
}
