// Autocomp-style code: the short command names (config_ex, config_ld, config_st, mvin, mvin2,
// preload, compute_preloaded, compute_accumulated, mvout, fence) and negation through a scale
// of -1.0 on the way in (config_ld) and on the way out (config_st). Computes
// y = -(-A x + -A2 x2) = A x + A2 x2 for DIM x DIM blocks, with a partial block, and checks it
// against the library's reference run on the core. Exits 0 on success.
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include "include/gemmini.h"

#define ROWS (DIM - 1)  // a partial block of rows

static elem_t A[DIM][2 * DIM], x[2 * DIM][DIM], y[DIM][DIM], expected[DIM][DIM];

static int value(int range) { return rand() % (2 * range + 1) - range; }

int main(void) {
    for (int i = 0; i < DIM; i++)
        for (int k = 0; k < 2 * DIM; k++) A[i][k] = value(9);
    for (int k = 0; k < 2 * DIM; k++)
        for (int j = 0; j < DIM; j++) x[k][j] = value(9);

    const uint32_t acc = 0x80000000, acc_add = 0xC0000000;
    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
    config_ld(2 * DIM * sizeof(elem_t), -1.0, DIM, 0);  // A, negated
    config_ld(DIM * sizeof(elem_t), 1.0, DIM, 1);       // x
    config_st(DIM * sizeof(elem_t), -1.0);              // negate again on the way out
    mvin(&A[0][0], 0, 2 * DIM, ROWS);                   // both K blocks of A in one wide mvin
    mvin2(&x[0][0], 2 * DIM, DIM, DIM);
    mvin2(&x[DIM][0], 3 * DIM, DIM, DIM);
    preload(2 * DIM, acc, DIM, DIM, DIM, ROWS);
    compute_preloaded(0, GARBAGE_ADDR, DIM, ROWS, DIM, ROWS);
    preload(3 * DIM, acc_add, DIM, DIM, DIM, ROWS);
    compute_preloaded(DIM, GARBAGE_ADDR, DIM, ROWS, DIM, ROWS);
    mvout(&y[0][0], acc, DIM, ROWS);
    fence();

    // The same computation on the core: scales -1 in, -1 out.
    tiled_matmul_auto(ROWS, DIM, 2 * DIM, &A[0][0], &x[0][0], NULL, &expected[0][0], 2 * DIM, DIM, 0, DIM, -1.0, 1.0,
                      1, NO_ACTIVATION, -1.0, 0, false, false, false, false, false, 0, CPU);
    for (int i = 0; i < ROWS; i++)
        for (int j = 0; j < DIM; j++)
            if (y[i][j] != expected[i][j]) {
                printf("y[%d][%d] = %.9g, expected %.9g\n", i, j, (double)y[i][j], (double)expected[i][j]);
                return 1;
            }
    printf("short names ok\n");
    return 0;
}
