// tiled_conv_auto (or tiled_conv with explicit tiles, or the depthwise tiled_conv_dw_auto) on
// the accelerator, through the hardware loop (WS) and the CPU-sequenced path (WS_SW), against
// the reference computed on the core (CPU). Exits 0 when all three agree, 1 otherwise.
//
// Build-time parameters (-D): BATCH, IN_ROW, IN_COL, IN_CH, OUT_CH, KERNEL, STRIDE, PADDING,
// KDIL (kernel dilation), IDIL (input dilation), POOL_SIZE, POOL_STRIDE, POOL_PAD (stride 0:
// no pooling), BIAS, ACT, SCALE, WROT180, TRANS_OUT (1203), TRANS_IN (3120), TRANS_W1203,
// TRANS_W0132, DW (depthwise: OUT_CH = IN_CH), RANGE; explicit tiles with TILES=1 and
// T_BATCHES, T_POROWS, T_POCOLS, T_POCHS, T_KROWS, T_KCOLS, T_KCHS.
#pragma GCC diagnostic warning "-Wall"
#pragma GCC diagnostic warning "-Wextra"
#include "include/gemmini.h"
#include "include/gemmini_testutils.h"

#ifndef BATCH
#define BATCH 2
#endif
#ifndef IN_ROW
#define IN_ROW 9
#endif
#ifndef IN_COL
#define IN_COL IN_ROW
#endif
#ifndef IN_CH
#define IN_CH 5
#endif
#ifndef DW
#define DW 0
#endif
#ifndef OUT_CH
#define OUT_CH (DW ? IN_CH : 7)
#endif
#ifndef KERNEL
#define KERNEL 3
#endif
#ifndef STRIDE
#define STRIDE 1
#endif
#ifndef PADDING
#define PADDING 1
#endif
#ifndef KDIL
#define KDIL 1
#endif
#ifndef IDIL
#define IDIL 1
#endif
#ifndef POOL_SIZE
#define POOL_SIZE 0
#endif
#ifndef POOL_STRIDE
#define POOL_STRIDE 0
#endif
#ifndef POOL_PAD
#define POOL_PAD 0
#endif
#ifndef BIAS
#define BIAS 1
#endif
#ifndef ACT
#define ACT NO_ACTIVATION
#endif
#ifndef SCALE
#define SCALE 1.0f
#endif
#ifndef WROT180
#define WROT180 0
#endif
#ifndef TRANS_OUT
#define TRANS_OUT 0
#endif
#ifndef TRANS_IN
#define TRANS_IN 0
#endif
#ifndef TRANS_W1203
#define TRANS_W1203 0
#endif
#ifndef TRANS_W0132
#define TRANS_W0132 0
#endif
#ifndef RANGE
#define RANGE 4
#endif

// Output sizes: the convolution over the dilated, padded input, then pooling.
#define DILATED_ROW ((IN_ROW - 1) * IDIL + 1)
#define DILATED_COL ((IN_COL - 1) * IDIL + 1)
#define OUT_ROW ((DILATED_ROW + 2 * PADDING - KDIL * (KERNEL - 1) - 1) / STRIDE + 1)
#define OUT_COL ((DILATED_COL + 2 * PADDING - KDIL * (KERNEL - 1) - 1) / STRIDE + 1)
#if POOL_STRIDE
#define POOL_OUT_ROW ((OUT_ROW + 2 * POOL_PAD - POOL_SIZE) / POOL_STRIDE + 1)
#define POOL_OUT_COL ((OUT_COL + 2 * POOL_PAD - POOL_SIZE) / POOL_STRIDE + 1)
#else
#define POOL_OUT_ROW OUT_ROW
#define POOL_OUT_COL OUT_COL
#endif

#define INPUT_SIZE (BATCH * IN_ROW * IN_COL * IN_CH)
#define WEIGHT_SIZE (DW ? IN_CH * KERNEL * KERNEL : KERNEL * KERNEL * IN_CH * OUT_CH)
#define OUTPUT_SIZE (BATCH * POOL_OUT_ROW * POOL_OUT_COL * OUT_CH)

static elem_t input[INPUT_SIZE];
static elem_t weights[WEIGHT_SIZE];
static acc_t bias[OUT_CH];
static elem_t output[3][OUTPUT_SIZE];

static int value(int range) { return rand() % (2 * range + 1) - range; }

#ifdef ELEM_T_IS_FLOAT
// About 20 random significant bits, so products and sums round and the accumulation order
// shows in the last bits.
#define SAMPLE(range) ((float)value(range) + (float)value(1 << 20) / (float)(1 << 20))
#else
#define SAMPLE(range) value(range)
#endif

static void run(int which, enum tiled_matmul_type_t type) {
    const acc_t *b = BIAS ? bias : NULL;
#if DW
    tiled_conv_dw_auto(BATCH, IN_ROW, IN_COL, IN_CH, OUT_ROW, OUT_COL, STRIDE, PADDING, KERNEL, input, weights, b,
                       output[which], ACT, SCALE, POOL_SIZE, POOL_STRIDE, POOL_PAD, type);
#elif defined(TILES)
    tiled_conv(BATCH, IN_ROW, IN_COL, IN_CH, OUT_CH, OUT_ROW, OUT_COL, STRIDE, IDIL, KDIL, PADDING, KERNEL, WROT180,
               TRANS_OUT, TRANS_IN, TRANS_W1203, TRANS_W0132, T_BATCHES, T_POROWS, T_POCOLS, T_POCHS, T_KROWS, T_KCOLS,
               T_KCHS, input, weights, b, output[which], ACT, SCALE, POOL_SIZE, POOL_STRIDE, POOL_PAD, type);
#else
    tiled_conv_auto(BATCH, IN_ROW, IN_COL, IN_CH, OUT_CH, OUT_ROW, OUT_COL, STRIDE, IDIL, KDIL, PADDING, KERNEL,
                    WROT180, TRANS_OUT, TRANS_IN, TRANS_W1203, TRANS_W0132, input, weights, b, output[which], ACT,
                    SCALE, POOL_SIZE, POOL_STRIDE, POOL_PAD, type);
#endif
}

int main(void) {
    for (int i = 0; i < INPUT_SIZE; i++) input[i] = SAMPLE(RANGE);
    for (int i = 0; i < WEIGHT_SIZE; i++) weights[i] = SAMPLE(RANGE);
    for (int i = 0; i < OUT_CH; i++) bias[i] = SAMPLE(RANGE * RANGE * 4);
    for (int w = 0; w < 3; w++)
        for (int i = 0; i < OUTPUT_SIZE; i++) output[w][i] = 99;

    run(0, CPU);
    run(1, WS);
    run(2, WS_SW);

    int errors = 0, nonzero = 0;
    const char *names[3] = {"CPU", "WS", "WS_SW"};
    for (int i = 0; i < OUTPUT_SIZE; i++) nonzero += output[0][i] != 0;
    for (int w = 1; w < 3; w++)
        for (int i = 0; i < OUTPUT_SIZE; i++)
            if (output[w][i] != output[0][i]) {
                if (errors < 10) {
                    const int ch = i % OUT_CH, pixel = i / OUT_CH;
                    printf("%s differs at pixel %d channel %d: %.9g, CPU %.9g\n", names[w], pixel, ch,
                           (double)output[w][i], (double)output[0][i]);
                }
                errors++;
            }
    if (errors) {
        printf("%d differences of %d\n", errors, 2 * OUTPUT_SIZE);
        return 1;
    }
    printf("conv %dx%dx%dx%d -> %dx%dx%dx%d ok (%d nonzero)\n", BATCH, IN_ROW, IN_COL, IN_CH, BATCH, POOL_OUT_ROW,
           POOL_OUT_COL, OUT_CH, nonzero);
    return 0;
}
