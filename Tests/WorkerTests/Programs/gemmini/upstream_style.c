// A test written the way gemmini-rocc-tests programs are: "include/gemmini_testutils.h",
// DIM x DIM matrices, gemmini_flush(0), explicit mvin / preload / compute / mvout, a fence,
// and the testutils reference helpers (matmul, matscale, matrelu, transpose, is_equal).
// Exits 0 on success; a failed assert prints its location and exits 1.
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "include/gemmini_testutils.h"

static elem_t A[DIM][DIM] row_align(1);
static elem_t B[DIM][DIM] row_align(1);
static elem_t D[DIM][DIM] row_align(1);
static elem_t C[DIM][DIM] row_align(1);
static elem_t gold[DIM][DIM], tmp[DIM][DIM];
static full_t gold_full[DIM][DIM];
static elem_t ZERO[DIM][DIM];

static void fill(elem_t m[DIM][DIM]) {
    for (size_t i = 0; i < DIM; i++)
        for (size_t j = 0; j < DIM; j++) m[i][j] = rand_elem(7);
}

int main(void) {
    gemmini_flush(0);
    fill(A);
    fill(B);
    fill(D);
    const uint64_t start = read_cycles();

    // Round trip through the scratchpad.
    gemmini_config_ld(DIM * sizeof(elem_t));
    gemmini_config_st(DIM * sizeof(elem_t));
    gemmini_mvin(A, 0);
    gemmini_mvout(C, 0);
    gemmini_fence();
    assert(is_equal(A, C));

    // Weight-stationary C = A B + D, result written to the scratchpad.
    gemmini_config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 0);
    gemmini_mvin(A, 0);
    gemmini_mvin(B, DIM);
    gemmini_mvin(D, 2 * DIM);
    gemmini_preload(DIM, 3 * DIM);
    gemmini_compute_preloaded(0, 2 * DIM);
    gemmini_mvout(C, 3 * DIM);
    gemmini_fence();
    matmul(A, B, D, gold_full);
    matscale(gold_full, gold, ACC_SCALE_IDENTITY);
    assert(is_equal(C, gold));

    // Through the accumulator: C = relu(A B) * 0.5 on the way out.
    gemmini_extended_config_st(DIM * sizeof(elem_t), RELU, 0.5);
    gemmini_preload(DIM, 0x80000000);
    gemmini_compute_preloaded(0, GARBAGE_ADDR);
    gemmini_mvout(C, 0x80000000);
    gemmini_fence();
    matmul(A, B, ZERO, gold_full);
    matscale(gold_full, tmp, 0.5);
    matrelu(tmp, gold);
    assert(is_equal(C, gold));

    // The same weights again, transposed on the way into the array.
    gemmini_extended_config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 0, 1, false, true);
    gemmini_config_st(DIM * sizeof(elem_t));
    gemmini_preload(DIM, 0x80000000);
    gemmini_compute_preloaded(0, GARBAGE_ADDR);
    gemmini_mvout(C, 0x80000000);
    gemmini_fence();
    transpose(B, tmp);
    matmul(A, tmp, ZERO, gold_full);
    matscale(gold_full, gold, ACC_SCALE_IDENTITY);
    assert(is_equal(C, gold));

    printf("upstream-style test passed in %llu cycles\n", (unsigned long long)(read_cycles() - start));
    return 0;
}
