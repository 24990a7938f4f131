// ${GENERATED}
//
// Harness for ${ID}: ${TITLE}.
// C[${I}][${J}] = A[${I}][${K}] * B[${K}][${J}], row-major.
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
static elem_t A[${I}][${K}] row_align(1);
static elem_t B[${K}][${J}] row_align(1);
static elem_t C[${I}][${J}] row_align(1);

// The expected output, computed once with the library's hardware-loop path.
static elem_t harness_gold[${I}][${J}] row_align(1);
static uint64_t harness_sum_A, harness_sum_B;

${BOOKKEEPING}
${RANDOM01}
static void harness_prepare(void)
{
    srand(${SEED});
    harness_fill_01(&A[0][0], sizeof A);
    harness_fill_01(&B[0][0], sizeof B);
    harness_sum_A = harness_checksum(A, sizeof A);
    harness_sum_B = harness_checksum(B, sizeof B);
    gemmini_flush(0);
    tiled_matmul_auto(${I}, ${J}, ${K}, (elem_t *)A, (elem_t *)B, NULL, (elem_t *)harness_gold,
                      ${K}, ${J}, ${J}, ${J}, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY,
                      NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS);
    gemmini_fence();
}

// A value no correct output has (inputs are 0/1, so every output is at least 0), written
// before each candidate so that one that writes nothing fails.
static void harness_poison_output(void) { memset(C, 0xA5, sizeof C); }

static int harness_find_mismatch(char *reason, size_t size)
{
    if (harness_checksum(A, sizeof A) != harness_sum_A) {
        snprintf(reason, size, "the solution wrote into its input A");
        return 1;
    }
    if (harness_checksum(B, sizeof B) != harness_sum_B) {
        snprintf(reason, size, "the solution wrote into its input B");
        return 1;
    }
    size_t first = 0;
    const size_t differing = harness_compare_int8(&C[0][0], &harness_gold[0][0], sizeof C, &first);
    if (differing == 0) return 0;
    const size_t i = first / ${J}, j = first % ${J};
    snprintf(reason, size, "C[%d][%d] is %d, expected %d (%d of %d elements differ)", (int)i, (int)j,
             (int)C[i][j], (int)harness_gold[i][j], (int)differing, ${I} * ${J});
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
