/* orchard-select-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>

#include "orchard-error.h"
#include "orchard-prep-private.h"
#include "orchard-profile-private.h"
#include "orchard-select-step.h"

#define STEP_ID "select"

/**
 * OrchardSelectStep:
 *
 * Drops features by a score computed on the training rows (see
 * #OrchardSelectMethod). Columns outside #OrchardSelectStep:columns (by
 * default every numeric feature, and for mutual information every numeric
 * and categorical one) are always kept.
 */
struct _OrchardSelectStep
{
  GObject              parent_instance;

  OrchardSelectMethod  method;
  double               variance_threshold;
  double               correlation_threshold;
  guint                k;
  guint                bins;
  char               **columns;

  /* Fitted */
  GPtrArray           *candidates;  /* names */
  GArray              *scores;      /* double */
  GArray              *kept;        /* gboolean */
  GPtrArray           *partners;    /* correlation: the kept column that made it go, or "" */
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardSelectStep, orchard_select_step, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

G_DEFINE_ENUM_TYPE (OrchardSelectMethod, orchard_select_method,
                    G_DEFINE_ENUM_VALUE (ORCHARD_SELECT_VARIANCE, "variance"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SELECT_CORRELATION, "correlation"),
                    G_DEFINE_ENUM_VALUE (ORCHARD_SELECT_MUTUAL_INFO, "mutual-info"))

enum {
  PROP_0,
  PROP_METHOD,
  PROP_VARIANCE_THRESHOLD,
  PROP_CORRELATION_THRESHOLD,
  PROP_K,
  PROP_BINS,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_fit (OrchardSelectStep *self)
{
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_clear_pointer (&self->scores, g_array_unref);
  g_clear_pointer (&self->kept, g_array_unref);
  g_clear_pointer (&self->partners, g_ptr_array_unref);
}

static void
start_fit (OrchardSelectStep *self)
{
  clear_fit (self);
  self->candidates = g_ptr_array_new_with_free_func (g_free);
  self->scores = g_array_new (FALSE, FALSE, sizeof (double));
  self->kept = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->partners = g_ptr_array_new_with_free_func (g_free);
}

static OrchardTable *
orchard_select_step_transform (OrchardStep   *step,
                               OrchardTable  *table,
                               GError       **error)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->candidates->len; i++)
    if (!g_array_index (self->kept, gboolean, i))
      g_hash_table_insert (replacements, g_ptr_array_index (self->candidates, i),
                           g_ptr_array_new ());

  return prep_table_replace_columns (table, replacements, error);
}

/* Discretises a column for mutual information: level codes, or the index
 * of the training-quantile bin; the last code, @n_codes − 1, is missing. */
static guint32 *
discretise (OrchardColumn *column,
            guint          bins,
            guint         *n_codes)
{
  gsize n_rows = orchard_column_get_n_rows (column);
  guint32 *codes = g_new (guint32, MAX (n_rows, 1));

  if (orchard_column_is_coded (column))
    {
      const guint32 *in = orchard_column_get_codes (column);
      guint n_levels = orchard_column_get_n_levels (column);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
      g_autoptr(GHashTable) lookup = NULL;
      g_autofree guint32 *rank = NULL;

      /* Levels in code-point order, not in the order a reader met them, so
       * that the sums below run in the same order for the same data. */
      for (guint l = 0; l < n_levels; l++)
        g_ptr_array_add (sorted, (gpointer) orchard_column_get_level (column, l));
      g_ptr_array_sort (sorted, prep_compare_strings);
      lookup = prep_level_lookup (sorted);
      rank = prep_map_levels (column, lookup);

      for (gsize r = 0; r < n_rows; r++)
        codes[r] = in[r] == ORCHARD_CODE_MISSING ? n_levels : rank[in[r]];
      *n_codes = n_levels + 1;
    }
  else
    {
      const double *values = orchard_column_get_values (column);
      gsize n = 0;
      g_autofree double *sorted = prep_sorted_present (column, &n);
      g_autofree double *edges = g_new (double, bins);
      guint n_edges = 0;

      if (n > 0)
        for (guint j = 1; j < bins; j++)
          edges[n_edges++] = prep_quantile (sorted, n, (double) j / bins);

      for (gsize r = 0; r < n_rows; r++)
        {
          guint lo = 0;
          guint hi = n_edges;

          if (isnan (values[r]))
            {
              codes[r] = bins;
              continue;
            }

          /* How many edges are ≤ the value (numpy.searchsorted, side="right"). */
          while (lo < hi)
            {
              guint mid = (lo + hi) / 2;

              if (edges[mid] <= values[r])
                lo = mid + 1;
              else
                hi = mid;
            }
          codes[r] = lo;
        }
      *n_codes = bins + 1;
    }

  return codes;
}

/* Mutual information in nats over the rows where @y is not missing. */
static double
mutual_information (const guint32 *x,
                    guint          n_x,
                    const guint32 *y,
                    guint          n_y,
                    gsize          n_rows)
{
  g_autofree double *joint = g_new0 (double, (gsize) n_x * n_y);
  g_autofree double *px = g_new0 (double, n_x);
  g_autofree double *py = g_new0 (double, n_y);
  double n = 0.0;
  double mi = 0.0;

  for (gsize r = 0; r < n_rows; r++)
    if (y[r] != n_y - 1)
      {
        joint[(gsize) x[r] * n_y + y[r]] += 1.0;
        px[x[r]] += 1.0;
        py[y[r]] += 1.0;
        n += 1.0;
      }

  if (n == 0.0)
    return 0.0;

  for (guint a = 0; a < n_x; a++)
    for (guint b = 0; b < n_y; b++)
      {
        double c = joint[(gsize) a * n_y + b];

        if (c > 0.0)
          mi += c / n * log (c * n / (px[a] * py[b]));
      }

  return MAX (mi, 0.0);
}

typedef struct
{
  guint  index;
  double score;
} Ranked;

static int
by_score (gconstpointer a,
          gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static OrchardTable *
orchard_select_step_fit (OrchardStep   *step,
                         OrchardTable  *train,
                         GCancellable  *cancellable,
                         GError       **error)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (step);
  g_autoptr(GPtrArray) names = NULL;
  gsize n_rows = orchard_table_get_n_rows (train);
  PrepKinds kinds = PREP_KIND_NUMERIC;
  int target_index = prep_find_target (train);

  if (self->method == ORCHARD_SELECT_MUTUAL_INFO)
    {
      kinds |= PREP_KIND_CATEGORICAL;
      if (target_index < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "Step “%s”: mutual information needs a target column", STEP_ID);
          return NULL;
        }
    }

  names = prep_resolve_columns (train, (const char * const *) self->columns, kinds, STEP_ID,
                                error);
  if (names == NULL)
    return NULL;

  start_fit (self);
  for (guint i = 0; i < names->len; i++)
    {
      gboolean keep = TRUE;
      double nan = NAN;

      g_ptr_array_add (self->candidates, g_strdup (g_ptr_array_index (names, i)));
      g_array_append_val (self->kept, keep);
      g_array_append_val (self->scores, nan);
      g_ptr_array_add (self->partners, g_strdup (""));
    }

  switch (self->method)
    {
    case ORCHARD_SELECT_VARIANCE:
      for (guint i = 0; i < names->len; i++)
        {
          OrchardColumn *column = prep_get_column (train, g_ptr_array_index (names, i));
          gsize n = 0;
          g_autofree double *values = prep_present_values (column, &n);
          double variance = prep_variance (values, n, prep_mean (values, n));

          g_array_index (self->scores, double, i) = variance;
          g_array_index (self->kept, gboolean, i) = variance > self->variance_threshold;
        }
      break;

    case ORCHARD_SELECT_CORRELATION:
      for (guint j = 0; j < names->len; j++)
        {
          const double *xj =
            orchard_column_get_values (prep_get_column (train, g_ptr_array_index (names, j)));
          double worst = 0.0;
          int partner = -1;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return NULL;

          for (guint i = 0; i < j; i++)
            {
              const double *xi;
              gsize n_complete;
              double r;

              if (!g_array_index (self->kept, gboolean, i))
                continue;

              xi = orchard_column_get_values (prep_get_column (train,
                                                               g_ptr_array_index (names, i)));
              r = fabs (orchard_pearson (xi, xj, n_rows, &n_complete));
              if (!isnan (r) && r > worst)
                {
                  worst = r;
                  partner = (int) i;
                }
            }

          g_array_index (self->scores, double, j) = worst;
          if (worst > self->correlation_threshold)
            {
              g_array_index (self->kept, gboolean, j) = FALSE;
              g_free (g_ptr_array_index (self->partners, j));
              g_ptr_array_index (self->partners, j) = g_strdup (g_ptr_array_index (names,
                                                                                   partner));
            }
        }
      break;

    case ORCHARD_SELECT_MUTUAL_INFO:
      {
        OrchardColumn *target = orchard_table_get_column (train, target_index);
        guint n_y;
        g_autofree guint32 *y = discretise (target, self->bins, &n_y);
        g_autofree Ranked *ranked = g_new (Ranked, MAX (names->len, 1));

        for (guint i = 0; i < names->len; i++)
          {
            OrchardColumn *column = prep_get_column (train, g_ptr_array_index (names, i));
            guint n_x;
            g_autofree guint32 *x = discretise (column, self->bins, &n_x);

            ranked[i].index = i;
            ranked[i].score = mutual_information (x, n_x, y, n_y, n_rows);
            g_array_index (self->scores, double, i) = ranked[i].score;
          }

        qsort (ranked, names->len, sizeof (Ranked), by_score);
        for (guint i = self->k; i < names->len; i++)
          g_array_index (self->kept, gboolean, ranked[i].index) = FALSE;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return orchard_select_step_transform (step, train, error);
}

static GVariant *
orchard_select_step_save_state (OrchardStep *step)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder kept;

  g_variant_dict_insert_value (&dict, "candidates", prep_variant_new_strings (self->candidates));
  g_variant_dict_insert_value (&dict, "scores",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->scores->data, self->scores->len,
                                                          sizeof (double)));
  g_variant_builder_init (&kept, G_VARIANT_TYPE ("ab"));
  for (guint i = 0; i < self->candidates->len; i++)
    g_variant_builder_add (&kept, "b", g_array_index (self->kept, gboolean, i));
  g_variant_dict_insert_value (&dict, "kept", g_variant_builder_end (&kept));
  g_variant_dict_insert_value (&dict, "partners", prep_variant_new_strings (self->partners));

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_select_step_load_state (OrchardStep  *step,
                                GVariant     *state,
                                GError      **error)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (step);
  g_autoptr(GVariant) candidates = NULL;
  g_autoptr(GVariant) scores = NULL;
  g_autoptr(GVariant) kept = NULL;
  g_autoptr(GVariant) partners = NULL;
  const double *data;
  gsize n;

  if (!prep_state_lookup (state, "candidates", "as", STEP_ID, &candidates, error) ||
      !prep_state_lookup (state, "scores", "ad", STEP_ID, &scores, error) ||
      !prep_state_lookup (state, "kept", "ab", STEP_ID, &kept, error) ||
      !prep_state_lookup (state, "partners", "as", STEP_ID, &partners, error))
    return FALSE;

  n = g_variant_n_children (candidates);
  if (g_variant_n_children (scores) != n || g_variant_n_children (kept) != n ||
      g_variant_n_children (partners) != n)
    return prep_state_error (STEP_ID, "its lists differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->candidates);
  self->candidates = prep_variant_get_strings (candidates);
  g_ptr_array_unref (self->partners);
  self->partners = prep_variant_get_strings (partners);
  data = g_variant_get_fixed_array (scores, &n, sizeof (double));
  g_array_append_vals (self->scores, data, n);
  for (gsize i = 0; i < n; i++)
    {
      gboolean b;

      g_variant_get_child (kept, i, "b", &b);
      g_array_append_val (self->kept, b);
    }

  return TRUE;
}

static char *
orchard_select_step_describe (OrchardStep *step)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (step);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  switch (self->method)
    {
    case ORCHARD_SELECT_CORRELATION:
      g_ascii_formatd (buf, sizeof buf, "%g", self->correlation_threshold);
      return g_strdup_printf (_("Drop features correlated above %s with an earlier one"), buf);

    case ORCHARD_SELECT_MUTUAL_INFO:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Keep the %u feature most informative of the target",
                                           "Keep the %u features most informative of the target",
                                           self->k),
                              self->k);

    case ORCHARD_SELECT_VARIANCE:
    default:
      g_ascii_formatd (buf, sizeof buf, "%g", self->variance_threshold);
      return g_strdup_printf (_("Drop features with a variance of at most %s"), buf);
    }
}

static GVariant *
orchard_select_step_get_report (OrchardStep *step)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GPtrArray) dropped = g_ptr_array_new ();
  GVariantBuilder columns;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->candidates->len; i++)
    {
      gboolean kept = g_array_index (self->kept, gboolean, i);
      const char *partner = g_ptr_array_index (self->partners, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "score",
                             g_variant_new_double (g_array_index (self->scores, double, i)));
      g_variant_builder_add (&column, "{sv}", "kept", g_variant_new_boolean (kept));
      if (partner[0] != '\0')
        g_variant_builder_add (&column, "{sv}", "correlated_with",
                               g_variant_new_string (partner));
      g_variant_builder_add (&columns, "{sa{sv}}", g_ptr_array_index (self->candidates, i),
                             &column);
      if (!kept)
        g_ptr_array_add (dropped, g_ptr_array_index (self->candidates, i));
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert_value (&report, "dropped", prep_variant_new_strings (dropped));

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Dropped %u of %u candidate feature",
                                                           "Dropped %u of %u candidate features",
                                                           self->candidates->len),
                                              dropped->len, self->candidates->len));
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_select_step_fit;
  iface->transform = orchard_select_step_transform;
  iface->save_state = orchard_select_step_save_state;
  iface->load_state = orchard_select_step_load_state;
  iface->describe = orchard_select_step_describe;
  iface->get_report = orchard_select_step_get_report;
}

static void
orchard_select_step_finalize (GObject *object)
{
  OrchardSelectStep *self = (OrchardSelectStep *)object;

  clear_fit (self);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_select_step_parent_class)->finalize (object);
}

static void
orchard_select_step_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      g_value_set_enum (value, self->method);
      break;
    case PROP_VARIANCE_THRESHOLD:
      g_value_set_double (value, self->variance_threshold);
      break;
    case PROP_CORRELATION_THRESHOLD:
      g_value_set_double (value, self->correlation_threshold);
      break;
    case PROP_K:
      g_value_set_uint (value, self->k);
      break;
    case PROP_BINS:
      g_value_set_uint (value, self->bins);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_select_step_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OrchardSelectStep *self = ORCHARD_SELECT_STEP (object);

  switch (prop_id)
    {
    case PROP_METHOD:
      prep_set_enum (object, pspec, (int *) &self->method, value);
      break;
    case PROP_VARIANCE_THRESHOLD:
      prep_set_double (object, pspec, &self->variance_threshold, value);
      break;
    case PROP_CORRELATION_THRESHOLD:
      prep_set_double (object, pspec, &self->correlation_threshold, value);
      break;
    case PROP_K:
      prep_set_uint (object, pspec, &self->k, value);
      break;
    case PROP_BINS:
      prep_set_uint (object, pspec, &self->bins, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_select_step_class_init (OrchardSelectStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_select_step_finalize;
  object_class->get_property = orchard_select_step_get_property;
  object_class->set_property = orchard_select_step_set_property;

  properties[PROP_METHOD] =
    g_param_spec_enum ("method",
                       _("Method"),
                       _("Drop low-variance features, drop features correlated with an earlier "
                         "one, or keep those most informative of the target"),
                       ORCHARD_TYPE_SELECT_METHOD,
                       ORCHARD_SELECT_VARIANCE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VARIANCE_THRESHOLD] =
    g_param_spec_double ("variance-threshold",
                         _("Variance threshold"),
                         _("Features with a training variance at or below this are dropped"),
                         0.0, G_MAXDOUBLE, 0.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CORRELATION_THRESHOLD] =
    g_param_spec_double ("correlation-threshold",
                         _("Correlation threshold"),
                         _("A feature whose absolute correlation with an earlier kept one "
                           "exceeds this is dropped"),
                         0.0, 1.0, 0.95,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_K] =
    g_param_spec_uint ("k",
                       _("Features to keep"),
                       _("How many of the features most informative of the target to keep"),
                       1, G_MAXUINT, 10,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BINS] =
    g_param_spec_uint ("bins",
                       _("Bins"),
                       _("Into how many quantile bins numbers are cut to measure mutual "
                         "information"),
                       2, 1000, 10,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_select_step_init (OrchardSelectStep *self)
{
  self->correlation_threshold = 0.95;
  self->k = 10;
  self->bins = 10;
}

/**
 * orchard_select_step_new:
 * @method: how to select
 *
 * Returns: (transfer full): a new step over every numeric feature
 */
OrchardStep *
orchard_select_step_new (OrchardSelectMethod method)
{
  return g_object_new (ORCHARD_TYPE_SELECT_STEP, "method", method, NULL);
}
