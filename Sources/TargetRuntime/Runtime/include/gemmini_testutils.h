/*
 * gemmini_testutils.h: helpers for Gemmini test programs, source compatible with the
 * gemmini_testutils.h of ucb-bar/gemmini-rocc-tests (written for this project).
 *
 * DIM x DIM reference operations on fixed-size matrices (matmul, matadd, matshift, matscale,
 * matrelu, transpose), comparisons and printing, the cycle counter, alignment attributes, and
 * an assert that prints and exits with status 1 in bare-metal builds.
 */
#ifndef GEMMINI_TESTUTILS_H
#define GEMMINI_TESTUTILS_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gemmini.h"

/* Bare-metal programs have no debugger attached: a failed assertion says where and exits 1. */
#ifdef BAREMETAL
#undef assert
#define assert(expr)                                                                              \
    do {                                                                                          \
        if (!(expr)) {                                                                            \
            printf("Failed assertion: %s\n  %s:%d\n", #expr, __FILE__, __LINE__);                 \
            exit(1);                                                                              \
        }                                                                                         \
    } while (0)
#endif

/* Alignment of `blocks` scratchpad rows (DIM elem_t each) or accumulator rows (DIM acc_t). */
#define row_align(blocks) __attribute__((aligned((blocks) * DIM * sizeof(elem_t))))
#define row_align_acc(blocks) __attribute__((aligned((blocks) * DIM * sizeof(acc_t))))

/* The core's cycle counter (rdcycle, CSR 0xC00). */
static inline uint64_t read_cycles(void)
{
    uint64_t cycles;
    __asm__ volatile("rdcycle %0" : "=r"(cycles));
    return cycles;
}

/* ---- Element helpers ---- */

/* Saturates a wide value to elem_t's range. */
static inline elem_t gemmini_testutils_clamp(full_t x)
{
    if (x > (full_t)elem_t_max)
        return elem_t_max;
    if (x < (full_t)elem_t_min)
        return elem_t_min;
    return (elem_t)x;
}

/* One dot product of row i of A and column j of B, added to `initial` in k order, as a
   single weight-stationary compute does (fused multiply-adds on fp32 designs). */
static inline full_t gemmini_testutils_dot(elem_t A[DIM][DIM], elem_t B[DIM][DIM], int i, int j, full_t initial,
                                           bool transpose_A)
{
#ifdef ELEM_T_IS_FLOAT
    float sum = (float)initial;
    for (int k = 0; k < DIM; k++)
        sum = __builtin_fmaf(transpose_A ? A[k][i] : A[i][k], B[k][j], sum);
    return sum;
#else
    full_t sum = initial;
    for (int k = 0; k < DIM; k++)
        sum += (full_t)(transpose_A ? A[k][i] : A[i][k]) * B[k][j];
    return sum;
#endif
}

/* ---- DIM x DIM reference operations ---- */

/* C_full = A B + D. */
static inline void matmul(elem_t A[DIM][DIM], elem_t B[DIM][DIM], elem_t D[DIM][DIM], full_t C_full[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            C_full[i][j] = gemmini_testutils_dot(A, B, i, j, D[i][j], false);
}

/* C_full = A^T B + D (A given transposed). */
static inline void matmul_A_transposed(elem_t A[DIM][DIM], elem_t B[DIM][DIM], elem_t D[DIM][DIM],
                                       full_t C_full[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            C_full[i][j] = gemmini_testutils_dot(A, B, i, j, D[i][j], true);
}

/* C = A B + D, kept to elem_t by truncation (the low bits, as a narrow register would). */
static inline void matmul_short(elem_t A[DIM][DIM], elem_t B[DIM][DIM], elem_t D[DIM][DIM], elem_t C[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            C[i][j] = (elem_t)gemmini_testutils_dot(A, B, i, j, D[i][j], false);
}

/* C_full = A B + D with a wide D. */
static inline void matmul_full(elem_t A[DIM][DIM], elem_t B[DIM][DIM], full_t D[DIM][DIM], full_t C_full[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            C_full[i][j] = gemmini_testutils_dot(A, B, i, j, D[i][j], false);
}

static inline void matadd(full_t sum[DIM][DIM], full_t m1[DIM][DIM], full_t m2[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            sum[i][j] = m1[i][j] + m2[i][j];
}

/* Rounding right shift (ties to even; a division by 2^shift on fp32 designs), saturated. */
static inline void matshift(full_t full[DIM][DIM], elem_t out[DIM][DIM], int shift)
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            out[i][j] = gemmini_testutils_clamp(ROUNDING_RIGHT_SHIFT(full[i][j], shift));
}

/* Accumulator scaling as mvout applies it (round half to even, saturate). */
static inline void matscale(full_t full[DIM][DIM], elem_t out[DIM][DIM], acc_scale_t scale)
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            out[i][j] = gemmini_testutils_clamp(ACC_SCALE(full[i][j], scale));
}

static inline void matrelu(elem_t in[DIM][DIM], elem_t out[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            out[i][j] = in[i][j] > 0 ? in[i][j] : 0;
}

static inline void transpose(elem_t in[DIM][DIM], elem_t out[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            out[j][i] = in[i][j];
}

/* ---- Comparison and printing ---- */

static inline bool is_equal(elem_t x[DIM][DIM], elem_t y[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            if (x[i][j] != y[i][j])
                return false;
    return true;
}

/* x equals the transpose of y. */
static inline bool is_equal_transposed(elem_t x[DIM][DIM], elem_t y[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            if (x[i][j] != y[j][i])
                return false;
    return true;
}

static inline void gemmini_print_value(double value)
{
#ifdef ELEM_T_IS_FLOAT
    printf("%g ", value);
#else
    printf("%lld ", (long long)value);
#endif
}

static inline void printMatrix(elem_t m[DIM][DIM])
{
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++)
            gemmini_print_value((double)m[i][j]);
        printf("\n");
    }
}

static inline void printMatrixAcc(acc_t m[DIM][DIM])
{
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++)
            gemmini_print_value((double)m[i][j]);
        printf("\n");
    }
}

static inline void printMatrixFull(full_t m[DIM][DIM])
{
    for (int i = 0; i < DIM; i++) {
        for (int j = 0; j < DIM; j++)
            gemmini_print_value((double)m[i][j]);
        printf("\n");
    }
}

/* ---- Test data ---- */

/* A pseudo-random element in [-range, range] (rand() from the C library: reproducible). */
static inline elem_t rand_elem(int range)
{
    return (elem_t)(rand() % (2 * range + 1) - range);
}

/* Fills `count` elements with rand_elem(range). */
static inline void rand_matrix(elem_t *m, size_t count, int range)
{
    for (size_t i = 0; i < count; i++)
        m[i] = rand_elem(range);
}

static inline void rand_matrix_acc(acc_t *m, size_t count, int range)
{
    for (size_t i = 0; i < count; i++)
        m[i] = (acc_t)(rand() % (2 * range + 1) - range);
}

#endif /* GEMMINI_TESTUTILS_H */
