// ${GENERATED}
//
// Harness for ${ID}: ${TITLE}.
// output[b][r][c][o] = bias[o] + sum over kr, kc < ${KERNEL} and i < ${IN_CH} of
//     input[b][r + kr][c + kc][i] * weights[kr][kc][i][o]
// NHWC, stride 1, the padding already in the input (${IN_ROWS}x${IN_COLS} for a ${OUT_ROWS}x${OUT_COLS} output);
// int8 input, weights and output, int32 bias and accumulation, no activation, scale 1.
//
// The evaluator replaces everything between the SUBSTITUTE markers with one timing block per
// candidate (Documentation/Problems.md). The block there now runs the starting code, so this
// file also builds and runs on its own.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gemmini.h"
#include "gemmini_testutils.h"

#ifndef REPEAT
#define REPEAT ${REPEAT}
#endif

// The solution's parameters are these globals: its body runs inside main() under their names.
static elem_t input[${BATCH}][${IN_ROWS}][${IN_COLS}][${IN_CH}] row_align(1);
static elem_t weights[${KERNEL}][${KERNEL}][${IN_CH}][${OUT_CH}] row_align(1);
static acc_t bias[${OUT_CH}] row_align_acc(1);
static elem_t output[${BATCH}][${OUT_ROWS}][${OUT_COLS}][${OUT_CH}] row_align(1);

// The expected output, computed once with the library's hardware-loop path.
static elem_t harness_gold[${BATCH}][${OUT_ROWS}][${OUT_COLS}][${OUT_CH}] row_align(1);
static uint64_t harness_sum_input, harness_sum_weights, harness_sum_bias;

${BOOKKEEPING}
${RANDOM01}
static void harness_prepare(void)
{
    srand(${SEED});
    harness_fill_01(&input[0][0][0][0], sizeof input);
    harness_fill_01(&weights[0][0][0][0], sizeof weights);
    for (int o = 0; o < ${OUT_CH}; o++) bias[o] = harness_random_01();
    harness_sum_input = harness_checksum(input, sizeof input);
    harness_sum_weights = harness_checksum(weights, sizeof weights);
    harness_sum_bias = harness_checksum(bias, sizeof bias);
    gemmini_flush(0);
    tiled_conv_auto(${BATCH}, ${IN_ROWS}, ${IN_COLS}, ${IN_CH}, ${OUT_CH}, ${OUT_ROWS}, ${OUT_COLS},
                    1, 1, 1, 0, ${KERNEL}, false, false, false, false, false,
                    (elem_t *)input, (elem_t *)weights, bias, (elem_t *)harness_gold,
                    NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, 0, 0, WS);
    gemmini_fence();
}

// A value no correct output has (inputs and bias are 0/1, so every output is at least 0),
// written before each candidate so that one that writes nothing fails.
static void harness_poison_output(void) { memset(output, 0xA5, sizeof output); }

static int harness_find_mismatch(char *reason, size_t size)
{
    if (harness_checksum(input, sizeof input) != harness_sum_input) {
        snprintf(reason, size, "the solution wrote into its input `input`");
        return 1;
    }
    if (harness_checksum(weights, sizeof weights) != harness_sum_weights) {
        snprintf(reason, size, "the solution wrote into its input `weights`");
        return 1;
    }
    if (harness_checksum(bias, sizeof bias) != harness_sum_bias) {
        snprintf(reason, size, "the solution wrote into its input `bias`");
        return 1;
    }
    size_t first = 0;
    const size_t differing = harness_compare_int8(&output[0][0][0][0], &harness_gold[0][0][0][0], sizeof output, &first);
    if (differing == 0) return 0;
    const int o = (int)(first % ${OUT_CH}), c = (int)(first / ${OUT_CH} % ${OUT_COLS});
    const int r = (int)(first / ${OUT_CH} / ${OUT_COLS} % ${OUT_ROWS}), b = (int)(first / ${OUT_CH} / ${OUT_COLS} / ${OUT_ROWS});
    snprintf(reason, size, "output[%d][%d][%d][%d] is %d, expected %d (%d of %d elements differ)", b, r, c, o,
             (int)output[b][r][c][o], (int)harness_gold[b][r][c][o], (int)differing, (int)sizeof output);
    return 1;
}

int main(void)
{
    harness_prepare();
    for (int candidate = 0; candidate < HARNESS_CANDIDATES; candidate++) harness_best[candidate] = UINT64_MAX;
    uint64_t start, end;
    for (harness_repeat = 0; harness_repeat < REPEAT; harness_repeat++) {
        // SUBSTITUTE HERE
        if (harness_should_run(0)) {
            harness_poison_output();
            gemmini_flush(0);
            fence();
            start = read_cycles();
            {
${START_BODY}
            }
            fence();
            end = read_cycles();
            harness_check(0, end - start);
        }
        // SUBSTITUTE END
    }
    harness_report();
    return 0;
}
