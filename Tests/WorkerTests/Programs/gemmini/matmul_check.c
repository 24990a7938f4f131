// tiled_matmul_auto on the accelerator (the hardware loop, WS, and the CPU-sequenced path,
// WS_SW) against the reference computed on the core (CPU). Exits 0 when all three agree
// element for element, 1 otherwise (printing the first differences).
//
// Build-time parameters (-D): MAT_DIM_I, MAT_DIM_J, MAT_DIM_K; BIAS (0 none, 1 full, 2 repeating);
// LOW_D, FULL_C, TRANS_A, TRANS_B, ACT (0 or 1); A_SCALE, B_SCALE, D_SCALE, C_SCALE; PAD
// (extra elements at the end of every row, so strides exceed the widths); RANGE (inputs in
// [-RANGE, RANGE], with random fractions on fp32 designs); TILE_I/J/K (explicit tile sizes in
// blocks instead of tiled_matmul_auto's choice).
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include "include/gemmini.h"
#include "include/gemmini_testutils.h"

#ifndef MAT_DIM_I
#define MAT_DIM_I 33
#endif
#ifndef MAT_DIM_J
#define MAT_DIM_J 17
#endif
#ifndef MAT_DIM_K
#define MAT_DIM_K 21
#endif
#ifndef BIAS
#define BIAS 0
#endif
#ifndef LOW_D
#define LOW_D 0
#endif
#ifndef FULL_C
#define FULL_C 0
#endif
#ifndef TRANS_A
#define TRANS_A 0
#endif
#ifndef TRANS_B
#define TRANS_B 0
#endif
#ifndef ACT
#define ACT NO_ACTIVATION
#endif
#ifndef A_SCALE
#define A_SCALE 1.0f
#endif
#ifndef B_SCALE
#define B_SCALE 1.0f
#endif
#ifndef D_SCALE
#define D_SCALE 1
#endif
#ifndef C_SCALE
#define C_SCALE 1.0f
#endif
#ifndef PAD
#define PAD 0
#endif
#ifndef RANGE
#define RANGE 8
#endif

// Stored shapes: A is I x K (K x I transposed), B is K x J (J x K transposed).
#define A_ROWS (TRANS_A ? MAT_DIM_K : MAT_DIM_I)
#define A_COLS (TRANS_A ? MAT_DIM_I : MAT_DIM_K)
#define B_ROWS (TRANS_B ? MAT_DIM_J : MAT_DIM_K)
#define B_COLS (TRANS_B ? MAT_DIM_K : MAT_DIM_J)
#define STRIDE_A (A_COLS + PAD)
#define STRIDE_B (B_COLS + PAD)
#define STRIDE_D (MAT_DIM_J + PAD)
#define STRIDE_C (MAT_DIM_J + PAD)

#if LOW_D
typedef elem_t d_t;
#else
typedef acc_t d_t;
#endif
#if FULL_C
typedef acc_t c_t;
#else
typedef elem_t c_t;
#endif

static elem_t A[A_ROWS][STRIDE_A] row_align(1);
static elem_t B[B_ROWS][STRIDE_B] row_align(1);
static d_t D[MAT_DIM_I][STRIDE_D] row_align_acc(1);
static c_t C[3][MAT_DIM_I][STRIDE_C] row_align_acc(1);

static int value(int range) { return rand() % (2 * range + 1) - range; }

#ifdef ELEM_T_IS_FLOAT
// About 20 random significant bits, so products and sums round and the accumulation order
// shows in the last bits.
#define SAMPLE(range) ((float)value(range) + (float)value(1 << 20) / (float)(1 << 20))
#else
#define SAMPLE(range) value(range)
#endif

static void run(int which, enum tiled_matmul_type_t type) {
    const void *bias = BIAS ? (const void *)D : NULL;
#ifdef TILE_I
    tiled_matmul(MAT_DIM_I, MAT_DIM_J, MAT_DIM_K, &A[0][0], &B[0][0], bias, &C[which][0][0], STRIDE_A, STRIDE_B, STRIDE_D,
                 STRIDE_C, A_SCALE, B_SCALE, D_SCALE, ACT, C_SCALE, 0, BIAS == 2, TILE_I, TILE_J, TILE_K, TRANS_A,
                 TRANS_B, FULL_C, LOW_D, 0, type);
#else
    tiled_matmul_auto(MAT_DIM_I, MAT_DIM_J, MAT_DIM_K, &A[0][0], &B[0][0], bias, &C[which][0][0], STRIDE_A, STRIDE_B, STRIDE_D,
                      STRIDE_C, A_SCALE, B_SCALE, D_SCALE, ACT, C_SCALE, 0, BIAS == 2, TRANS_A, TRANS_B, FULL_C,
                      LOW_D, 0, type);
#endif
}

int main(void) {
    for (int i = 0; i < A_ROWS; i++)
        for (int k = 0; k < STRIDE_A; k++) A[i][k] = SAMPLE(RANGE);
    for (int k = 0; k < B_ROWS; k++)
        for (int j = 0; j < STRIDE_B; j++) B[k][j] = SAMPLE(RANGE);
    for (int i = 0; i < MAT_DIM_I; i++)
        for (int j = 0; j < STRIDE_D; j++) D[i][j] = SAMPLE(LOW_D ? RANGE : 8 * RANGE * RANGE);
    // Padding columns of C must survive untouched: give all three copies the same marker.
    for (int w = 0; w < 3; w++)
        for (int i = 0; i < MAT_DIM_I; i++)
            for (int j = 0; j < STRIDE_C; j++) C[w][i][j] = (c_t)(7 + i);

    run(0, CPU);
    run(1, WS);
    run(2, WS_SW);

    int errors = 0;
    const char *names[3] = {"CPU", "WS", "WS_SW"};
    for (int w = 1; w < 3; w++)
        for (int i = 0; i < MAT_DIM_I; i++)
            for (int j = 0; j < STRIDE_C; j++)
                if (C[w][i][j] != C[0][i][j]) {
                    if (errors < 10)
                        printf("%s differs at (%d, %d): %.9g, CPU %.9g\n", names[w], i, j, (double)C[w][i][j],
                               (double)C[0][i][j]);
                    errors++;
                }
    if (errors) {
        printf("%d differences\n", errors);
        return 1;
    }
    printf("matmul %dx%dx%d ok\n", MAT_DIM_I, MAT_DIM_J, MAT_DIM_K);
    return 0;
}
