/* orchard-blas-private.h: BLAS and LAPACK as OpenBLAS provides them
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cblas.h>
#include <stddef.h>

/* Debian's libopenblas-dev has no lapacke.h, so the Fortran LAPACK routines
 * OpenBLAS exports are declared here. Character arguments carry the hidden
 * length gfortran appends. */
void dposv_  (const char   *uplo,
              const int    *n,
              const int    *nrhs,
              double       *a,
              const int    *lda,
              double       *b,
              const int    *ldb,
              int          *info,
              size_t        uplo_len);
void dgelsd_ (const int    *m,
              const int    *n,
              const int    *nrhs,
              double       *a,
              const int    *lda,
              double       *b,
              const int    *ldb,
              double       *s,
              const double *rcond,
              int          *rank,
              double       *work,
              const int    *lwork,
              int          *iwork,
              int          *info);
