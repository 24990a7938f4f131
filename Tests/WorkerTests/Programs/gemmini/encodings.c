// Issues every command macro of gemmini.h once, in a fixed order, with distinctive operands.
// GemminiLibraryTests attaches a recording accelerator and checks each command's funct7, rs1
// and rs2 against the field layouts of gemmini-reference.md section 1.3 (and, on the int8
// 16x16 design, the worked encodings listed there). The recording accelerator answers the
// counter read with 0x5EED0000 + rs1, which this program checks.
#include "include/gemmini.h"

// Identifiers spelled like the short-name macros but not followed by '(' are left alone.
static int mvin = 1, preload = 2, fence = 3, config_st = 4;

#define DRAM(x) (0x80100000ull + (x))

int main(void) {
    if (mvin + preload + fence + config_st != 10) return 2;

    // Worked encodings (section 1.3).
    gemmini_config_ld(16);
    gemmini_config_ex(WEIGHT_STATIONARY, 0, 0);
    gemmini_config_st(16);
    gemmini_mvin(DRAM(0), 0);
    gemmini_preload_zeros(0xC0000000);

    // Data movement.
    gemmini_extended_mvin(DRAM(0x100), 0x123, 64, 16);
    gemmini_extended_mvin2(DRAM(0x200), 0x456, 100, 7);
    gemmini_extended_mvin3(DRAM(0x300), 0x80000010, 16, 3);
    gemmini_block_mvin(DRAM(0x400), 0x40, 3);
    gemmini_extended_mvout(DRAM(0x500), 0xE0000020, 13, 5);
    gemmini_mvout(DRAM(0x600), 0x80000000);

    // Preload and compute.
    gemmini_extended_preload(0x200, 0xC0000040, 11, 12, 13, 14);
    gemmini_preload(0x300, 0x80000000);
    gemmini_extended_compute_preloaded(0x10, GARBAGE_ADDR, 9, 10, 11, 12);
    gemmini_extended_compute_accumulated(0x20, 0x30, 1, 2, 3, 4);
    gemmini_compute_preloaded(0x40, GARBAGE_ADDR);
    gemmini_compute_accumulated(0x50, GARBAGE_ADDR);

    // Configuration.
    gemmini_extended3_config_ex(WEIGHT_STATIONARY, RELU, 7, 0.5f, 3, 5, true, false, false);
    gemmini_extended3_config_ex(OUTPUT_STATIONARY, NO_ACTIVATION, 0, 1.0f, 9, 10, false, true, true);
    gemmini_extended2_config_ex(WEIGHT_STATIONARY, RELU, 0, 2, false, true);
    gemmini_extended_config_ex(OUTPUT_STATIONARY, NO_ACTIVATION, 4, 1, true, true);
    gemmini_extended5_config_ld(256, 2.0f, true, 40, 3, 2);
    gemmini_extended4_config_ld(64, -1.0f, false, 8, 1);
    gemmini_extended3_config_ld(32, 0.25f, false, 2);
    gemmini_extended2_config_ld(48, 1.5f, true);
    gemmini_extended_config_ld(80, 3.0f);
    gemmini_extended2_config_st(96, RELU, 0.125f, 2, 3, 50, 6, 7, 14, 15, 1, 2);
    gemmini_extended_config_st(24, RELU, -2.0f);
    gemmini_config_norm(0x1234, 1, 0, 1, 5, 0x777, 0x888);
    gemmini_flush(1);

    // Loops.
    gemmini_loop_ws(3, 4, 5, 6, 7, 8, DRAM(0x10000), DRAM(0x20000), DRAM(0x30000), DRAM(0x40000), 100, 200, 300, 400,
                    true, false, true, true, false, RELU, 2, 1, false);
    gemmini_loop_ws(1, 1, 1, 0, 0, 0, DRAM(0x10000), DRAM(0x20000), 0, DRAM(0x40000), 16, 16, 0, 16, false, true, false,
                    false, true, NO_ACTIVATION, 0, 0, true);
    gemmini_loop_conv_ws(2, 17, 19, 3, 33, 9, 10, 5, 6, 2, 1, 3, 2, 3, 2, 1, 1, 4, 5, 32, 3, 2, 3, 1, 2, 1, 3, 1, 2, 1,
                         2, 8, 9, DRAM(0x50000), DRAM(0x60000), DRAM(0x70000), DRAM(0x80000), true, false, true, true,
                         true, RELU, true, false, true, false, 5, 3, 33, 33, true, 2, 1);

    // Counters.
    counter_configure(3, LOAD_ACTIVE_CYCLE);
    counter_configure(7, RDMA_BYTES_REC);
    if (counter_read(5) != 0x5EED0000 + (5 << 4)) return 3;
    counter_snapshot_take();
    counter_snapshot_reset();
    counter_reset();

    // Autocomp's short names.
    config_ex(WEIGHT_STATIONARY, RELU, 1, false, true);
    config_ld(64, -1.0, 4, 2);
    config_st(128);
    config_st(128, -1.0);
    mvin(DRAM(0x1000), 0x10, 4, 4);
    mvin2(DRAM(0x2000), 0x20, 3, 2);
    mvin3(DRAM(0x3000), 0x80000000, 4, 1);
    mvout(DRAM(0x4000), 0xC0000000, 2, 3);
    preload(0x100, 0xC0000004, 4, 4, 4, 3);
    compute_preloaded(0x10, GARBAGE_ADDR, 4, 3, 4, 3);
    compute_accumulated(0x11, GARBAGE_ADDR, 2, 1, 4, 1);
    fence();
    gemmini_fence();
    return 0;
}
