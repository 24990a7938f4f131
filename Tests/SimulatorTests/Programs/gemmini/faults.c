/*
 * Commands the accelerator cannot carry out stop the run with a device fault whose message
 * names the problem (Documentation/GemminiModel.md, "What stops a run"). Each -DCASE=n issues
 * one such command after printing "issuing"; reaching the end is a failure. Case 6 is a
 * malformed loop the spec gives no outcome for: the test only requires that it does not crash
 * the simulator.
 */
#include "behaviour.h"

#ifndef CASE
#error "faults.c needs -DCASE=n"
#endif

static elem_t buffer[64 * 64] GB_ALIGNED;

int main(void)
{
    gemmini_flush(0);
    gemmini_config_ld(DIM);
    gemmini_config_st(DIM);
    /* A well-formed command first: it must not fault. */
    gemmini_extended_mvin(buffer, 0, DIM, DIM);
    gemmini_fence();
    printf("issuing\n");
    switch (CASE) {
    case 0: /* an mvin of DIM + 1 rows */
        gemmini_extended_mvin(buffer, 0, DIM, DIM + 1);
        break;
    case 1: /* an mvin from below the start of memory (0x80000000) */
        gemmini_extended_mvin(0x1000, 0, DIM, 2);
        break;
    case 2: /* an mvout that runs past the end of the 512 MiB of memory */
        gemmini_extended_mvout(0x80000000ull + (512ull << 20) - 8, 0, DIM, 1);
        break;
    case 3: /* a loop_ws tile that does not fit half the scratchpad: (1*300 + 300*1) blocks */
        gemmini_loop_ws(1, 1, 300, 0, 0, 0, buffer, buffer, NULL, buffer, DIM, DIM, 0, DIM, false, false, false, false,
                        false, NO_ACTIVATION, 0, 0, false);
        break;
    case 5: /* an mvin of more columns than MAX_BLOCK_LEN blocks */
        gemmini_extended_mvin(buffer, 0, MAX_BLOCK_LEN * DIM + 1, 2);
        break;
    case 6: /* loop_conv_ws with wrot180 and a 3x3 kernel tile but kernel_dim 1: the rotated kernel
               row kernel_dim - krow - 1 is negative */
        gemmini_extended3_config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 0, ACC_SCALE_IDENTITY, 1, 1, false, false, false);
        gemmini_loop_conv_ws(1, 5, 5, 4, 4, 3, 3, 3, 3, 1, 0, 1, 1, 1, 1, 0, 1, 3, 3, 4, 3, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0,
                             3, 3, buffer, buffer + 2048, buffer, buffer, true, true, false, true, false, NO_ACTIVATION,
                             false, false, false, false, 1, 4, 4, 4, false, 0, 0);
        break;
    case 4: /* a loop_ws tile that does not fit half the accumulator: 8 x 8 output blocks */
        gemmini_loop_ws(8, 8, 1, 0, 0, 0, buffer, buffer, NULL, buffer, DIM, DIM, 0, DIM, false, false, false, false,
                        false, NO_ACTIVATION, 0, 0, false);
        break;
    }
    gemmini_fence();
    printf("FAIL case %d: the command did not stop the run\n", CASE);
    return 1;
}
