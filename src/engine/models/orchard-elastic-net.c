/* orchard-elastic-net.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "orchard-elastic-net.h"
#include "orchard-linear-model-private.h"

/**
 * OrchardElasticNet:
 *
 * The elastic net (`elastic-net`): β minimises
 * (1 / 2n) Σ wᵢ (yᵢ − xᵢ·β − β₀)² + α ρ ‖β‖₁ + ½ α (1 − ρ) ‖β‖², with the
 * weights rescaled to sum to n and ρ the `l1-ratio`: scikit-learn's
 * `ElasticNet` objective, by the same cyclic coordinate descent and
 * duality-gap test. Each pass over the features is an entry of the
 * learning curve.
 */
struct _OrchardElasticNet
{
  OrchardLinearModel parent_instance;

  double alpha;
  double l1_ratio;
  double tol;
  guint  max_iter;
  guint  patience;
};

enum {
  PROP_0,
  PROP_ALPHA,
  PROP_L1_RATIO,
  PROP_TOL,
  PROP_MAX_ITER,
  PROP_PATIENCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardElasticNet, orchard_elastic_net, ORCHARD_TYPE_LINEAR_MODEL)

static gboolean
orchard_elastic_net_fit (OrchardModel    *model,
                         OrchardFitData  *data,
                         GError         **error)
{
  OrchardElasticNet *self = ORCHARD_ELASTIC_NET (model);

  return orchard_coordinate_descent (ORCHARD_LINEAR_MODEL (self), data, self->alpha, self->l1_ratio,
                                     self->tol, self->max_iter, self->patience, error);
}

static void
orchard_elastic_net_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OrchardElasticNet *self = ORCHARD_ELASTIC_NET (object);

  switch (prop_id)
    {
    case PROP_ALPHA:
      g_value_set_double (value, self->alpha);
      break;
    case PROP_L1_RATIO:
      g_value_set_double (value, self->l1_ratio);
      break;
    case PROP_TOL:
      g_value_set_double (value, self->tol);
      break;
    case PROP_MAX_ITER:
      g_value_set_uint (value, self->max_iter);
      break;
    case PROP_PATIENCE:
      g_value_set_uint (value, self->patience);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define SET_FIELD(field, value) \
  G_STMT_START { \
    if (self->field != (value)) \
      { \
        self->field = (value); \
        g_object_notify_by_pspec (object, pspec); \
      } \
  } G_STMT_END

static void
orchard_elastic_net_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OrchardElasticNet *self = ORCHARD_ELASTIC_NET (object);

  switch (prop_id)
    {
    case PROP_ALPHA:
      SET_FIELD (alpha, g_value_get_double (value));
      break;
    case PROP_L1_RATIO:
      SET_FIELD (l1_ratio, g_value_get_double (value));
      break;
    case PROP_TOL:
      SET_FIELD (tol, g_value_get_double (value));
      break;
    case PROP_MAX_ITER:
      SET_FIELD (max_iter, g_value_get_uint (value));
      break;
    case PROP_PATIENCE:
      SET_FIELD (patience, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_elastic_net_class_init (OrchardElasticNetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = orchard_elastic_net_get_property;
  object_class->set_property = orchard_elastic_net_set_property;

  model_class->fit = orchard_elastic_net_fit;

  orchard_model_class_set_metadata (model_class, "elastic-net",
                                    _("Linear regression with L1 and L2 penalties (elastic net)"),
                                    ORCHARD_TASK_FLAGS_REGRESSION,
                                    ORCHARD_MODEL_FAMILY_LINEAR, 1);

  properties[PROP_ALPHA] =
    g_param_spec_double ("alpha",
                         _("Penalty strength"),
                         _("Overall weight α of the penalty; larger values shrink the coefficients more"),
                         0.0, G_MAXDOUBLE, 1.0, flags);
  properties[PROP_L1_RATIO] =
    g_param_spec_double ("l1-ratio",
                         _("L1 ratio"),
                         _("The share ρ of the L1 penalty: 1 is the lasso, 0 ridge regression"),
                         0.0, 1.0, 0.5, flags);
  properties[PROP_TOL] =
    g_param_spec_double ("tol",
                         _("Tolerance"),
                         _("Check convergence when no coefficient changes by more than this share "
                           "of the largest; stop when the duality gap is below it times ‖y‖²"),
                         0.0, G_MAXDOUBLE, 1e-4, flags);
  properties[PROP_MAX_ITER] =
    g_param_spec_uint ("max-iter",
                       _("Maximum iterations"),
                       _("Passes over the features at most"),
                       1, 10000000, 1000, flags);
  properties[PROP_PATIENCE] =
    g_param_spec_uint ("patience",
                       _("Patience"),
                       _("With validation rows, stop after this many passes without a lower "
                         "validation loss and keep the best; 0 solves to the tolerance"),
                       0, 100000, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_elastic_net_init (OrchardElasticNet *self)
{
  self->alpha = 1.0;
  self->l1_ratio = 0.5;
  self->tol = 1e-4;
  self->max_iter = 1000;
  self->patience = 0;
}

/**
 * orchard_elastic_net_new:
 *
 * Returns: (transfer full): a new elastic-net regressor
 */
OrchardModel *
orchard_elastic_net_new (void)
{
  return g_object_new (ORCHARD_TYPE_ELASTIC_NET, NULL);
}
