// tiled_resadd_auto and tiled_global_average_auto on the accelerator (WS: resadd through the
// loop_ws unroller; WS_SW: the same commands from the CPU) against the references on the core.
// Exits 0 when every path agrees, 1 otherwise.
//
// Build-time parameters (-D): ROWS, COLS, A_SCALE, B_SCALE, C_SCALE, RELU, RANGE, and for the
// global average BATCHES, CHANNELS, IMAGE (IMAGE x IMAGE pixels).
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include "include/gemmini.h"
#include "include/gemmini_testutils.h"

#ifndef ROWS
#define ROWS 37
#endif
#ifndef COLS
#define COLS 45
#endif
#ifndef A_SCALE
#define A_SCALE 1.0f
#endif
#ifndef B_SCALE
#define B_SCALE 1.0f
#endif
#ifndef C_SCALE
#define C_SCALE 1.0f
#endif
#ifndef RELU
#define RELU_FLAG false
#else
#define RELU_FLAG true
#endif
#ifndef RANGE
#define RANGE 50
#endif
#ifndef BATCHES
#define BATCHES 2
#endif
#ifndef CHANNELS
#define CHANNELS 19
#endif
#ifndef IMAGE
#define IMAGE 5
#endif

static elem_t A[ROWS][COLS], B[ROWS][COLS], C[3][ROWS][COLS];
static elem_t pixels[BATCHES][IMAGE * IMAGE][CHANNELS], averages[3][BATCHES][CHANNELS];

static int value(int range) { return rand() % (2 * range + 1) - range; }

#ifdef ELEM_T_IS_FLOAT
#define SAMPLE(range) ((float)value(range) + (float)value(1 << 20) / (float)(1 << 20))
#else
#define SAMPLE(range) value(range)
#endif

static int compare(const char *what, const elem_t *reference, const elem_t *result, int count) {
    int errors = 0;
    for (int i = 0; i < count; i++)
        if (result[i] != reference[i]) {
            if (errors < 10) printf("%s differs at %d: %.9g, CPU %.9g\n", what, i, (double)result[i], (double)reference[i]);
            errors++;
        }
    return errors;
}

int main(void) {
    for (int i = 0; i < ROWS; i++)
        for (int j = 0; j < COLS; j++) {
            A[i][j] = SAMPLE(RANGE);
            B[i][j] = SAMPLE(RANGE);
        }
    tiled_resadd_auto(ROWS, COLS, A_SCALE, B_SCALE, C_SCALE, &A[0][0], &B[0][0], &C[0][0][0], RELU_FLAG, CPU);
    tiled_resadd_auto(ROWS, COLS, A_SCALE, B_SCALE, C_SCALE, &A[0][0], &B[0][0], &C[1][0][0], RELU_FLAG, WS);
    tiled_resadd_auto(ROWS, COLS, A_SCALE, B_SCALE, C_SCALE, &A[0][0], &B[0][0], &C[2][0][0], RELU_FLAG, WS_SW);
    int errors = compare("resadd WS", &C[0][0][0], &C[1][0][0], ROWS * COLS) +
                 compare("resadd WS_SW", &C[0][0][0], &C[2][0][0], ROWS * COLS);

    for (int b = 0; b < BATCHES; b++)
        for (int p = 0; p < IMAGE * IMAGE; p++)
            for (int c = 0; c < CHANNELS; c++) pixels[b][p][c] = SAMPLE(RANGE);
    tiled_global_average_auto(&pixels[0][0][0], &averages[0][0][0], BATCHES, CHANNELS, IMAGE, CPU);
    tiled_global_average_auto(&pixels[0][0][0], &averages[1][0][0], BATCHES, CHANNELS, IMAGE, WS);
    errors += compare("global average", &averages[0][0][0], &averages[1][0][0], BATCHES * CHANNELS);

    if (errors) {
        printf("%d differences\n", errors);
        return 1;
    }
    printf("resadd %dx%d and global average ok\n", ROWS, COLS);
    return 0;
}
