/*
 * gemmini.h: the Gemmini programming library for programs that run on autocomp's simulator.
 *
 * Written for this project from the ISA description in gemmini-reference.md and the
 * loop-unroller contract in Documentation/GemminiLoops.md. It is source compatible with the
 * gemmini.h of ucb-bar/gemmini-rocc-tests (same macro and function names, argument orders and
 * instruction encodings), so existing Gemmini programs build unchanged, but none of its code.
 *
 * Layers, from the bottom up:
 *   1. Instruction emission: one `.insn r CUSTOM_3` per command (ROCC_INSTRUCTION_*).
 *   2. One macro per command (gemmini_mvin, gemmini_extended_preload, gemmini_config_ld, ...),
 *      the loop unrollers (gemmini_loop_ws, gemmini_loop_conv_ws) and the event counters.
 *   3. Autocomp's short names (mvin, preload, config_ex, ...).
 *   4. Reference arithmetic that reproduces the accelerator bit for bit (scaling, rounding,
 *      saturation, activation; fp32 fused multiply-adds in the order the array performs them).
 *   5. Tiled operations: tiled_matmul, tiled_conv, tiled_conv_dw, tiled_resadd,
 *      tiled_global_average, each with a hardware-loop path (WS), a CPU-sequenced path (WS_SW)
 *      and a reference path on the core (CPU).
 *
 * Everything is static or static inline: the header is the whole library.
 */
#ifndef GEMMINI_H
#define GEMMINI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gemmini_params.h"

/* ============================================================================================
 * 1. Constants
 * ========================================================================================== */

/* Command numbers (instruction bits 31:25), gemmini-reference.md 1.2. */
#define k_CONFIG 0
#define k_MVIN2 1
#define k_MVIN 2
#define k_MVOUT 3
#define k_COMPUTE_PRELOADED 4
#define k_COMPUTE_ACCUMULATE 5
#define k_PRELOAD 6
#define k_FLUSH 7
#define k_LOOP_WS 8
#define k_LOOP_WS_CONFIG_BOUNDS 9
#define k_LOOP_WS_CONFIG_ADDRS_AB 10
#define k_LOOP_WS_CONFIG_ADDRS_DC 11
#define k_LOOP_WS_CONFIG_STRIDES_AB 12
#define k_LOOP_WS_CONFIG_STRIDES_DC 13
#define k_MVIN3 14
#define k_LOOP_CONV_WS 15
#define k_LOOP_CONV_WS_CONFIG_1 16
#define k_LOOP_CONV_WS_CONFIG_2 17
#define k_LOOP_CONV_WS_CONFIG_3 18
#define k_LOOP_CONV_WS_CONFIG_4 19
#define k_LOOP_CONV_WS_CONFIG_5 20
#define k_LOOP_CONV_WS_CONFIG_6 21
#define k_COUNTER 126

/* Sub-operations of k_CONFIG, in rs1[1:0]. */
#define CONFIG_EX 0
#define CONFIG_LD 1
#define CONFIG_ST 2
#define CONFIG_BERT 3

/* A local address that means "zeros" as a source and "discard" as a destination. */
#define GARBAGE_ADDR ((uint32_t)0xFFFFFFFF)

#define OUTPUT_STATIONARY 0
#define WEIGHT_STATIONARY 1

#define NO_ACTIVATION 0
#define RELU 1
#define LAYERNORM 2
#define IGELU 3
#define SOFTMAX 4

/* Local address bits (section 2): accumulator, accumulate instead of overwrite, and read the
   accumulator's full-width values on mvout (no scaling, no activation). */
#define GEMMINI_ACC_ADDR ((uint32_t)0x80000000)
#define GEMMINI_ACC_ACCUMULATE ((uint32_t)0x40000000)
#define GEMMINI_ACC_READ_FULL ((uint32_t)0x20000000)

/* Capacities in rows of DIM elements. */
#define GEMMINI_SPAD_ROWS ((size_t)BANK_NUM * BANK_ROWS)
#define GEMMINI_ACC_TOTAL_ROWS ((size_t)ACC_ROWS)

/* ============================================================================================
 * 2. Instruction emission
 *
 * `.insn r CUSTOM_3, funct3, funct7, rd, rs1, rs2` makes the assembler build the R-type word on
 * the custom-3 opcode. funct3 = 3 (xs1 | xs2) for ordinary commands; 7 (xd too) for the counter
 * operation, which returns a value in rd. Every command reads memory the program wrote and may
 * write memory the program reads, so each statement clobbers "memory": the compiler must not
 * keep array contents in registers across it or move stores past it.
 * ========================================================================================== */

#define GEMMINI_STRINGIFY_(x) #x
#define GEMMINI_STRINGIFY(x) GEMMINI_STRINGIFY_(x)
#define GEMMINI_CUSTOM_OPCODE_(x) CUSTOM_##x
#define GEMMINI_CUSTOM_OPCODE(x) GEMMINI_CUSTOM_OPCODE_(x)

/* A command with two source registers and no result (funct3 = 3, rd = x0). */
#define ROCC_INSTRUCTION_0_R_R(x, rs1, rs2, funct)                                               \
    do {                                                                                          \
        uint64_t gemmini_rs1_ = (uint64_t)(rs1);                                                  \
        uint64_t gemmini_rs2_ = (uint64_t)(rs2);                                                  \
        __asm__ volatile(".insn r " GEMMINI_STRINGIFY(GEMMINI_CUSTOM_OPCODE(x)) ", 3, "          \
                         GEMMINI_STRINGIFY(funct) ", x0, %0, %1"                                  \
                         :                                                                        \
                         : "r"(gemmini_rs1_), "r"(gemmini_rs2_)                                   \
                         : "memory");                                                             \
    } while (0)

/* A command that returns a value in rd (funct3 = 7). */
#define ROCC_INSTRUCTION_R_R_R(x, rd, rs1, rs2, funct)                                           \
    do {                                                                                          \
        uint64_t gemmini_rs1_ = (uint64_t)(rs1);                                                  \
        uint64_t gemmini_rs2_ = (uint64_t)(rs2);                                                  \
        __asm__ volatile(".insn r " GEMMINI_STRINGIFY(GEMMINI_CUSTOM_OPCODE(x)) ", 7, "          \
                         GEMMINI_STRINGIFY(funct) ", %0, %1, %2"                                  \
                         : "=r"(rd)                                                               \
                         : "r"(gemmini_rs1_), "r"(gemmini_rs2_)                                   \
                         : "memory");                                                             \
    } while (0)

#define ROCC_INSTRUCTION_RS1_RS2(x, rs1, rs2, funct) ROCC_INSTRUCTION_0_R_R(x, rs1, rs2, funct)
#define ROCC_INSTRUCTION(x, rd, rs1, rs2, funct) ROCC_INSTRUCTION_R_R_R(x, rd, rs1, rs2, funct)

/* ============================================================================================
 * 3. Operand packing
 * ========================================================================================== */

/* Scale factors travel as IEEE binary32 bit patterns in both the int8 and the fp32 designs. */
static inline uint32_t gemmini_float_bits(float value)
{
    union { float f; uint32_t u; } bits = { .f = value };
    return bits.u;
}

static inline uint32_t scale_t_to_scale_t_bits(scale_t scale) { return gemmini_float_bits((float)scale); }
static inline uint32_t acc_scale_t_to_acc_scale_t_bits(acc_scale_t scale) { return gemmini_float_bits((float)scale); }

/* The "matrix operand" of mvin, mvout, preload and compute: rows [63:48], cols [47:32],
   local address [31:0]. Rows and columns are kept to their 16-bit fields, so a wide mvin
   (up to MAX_BLOCK_LEN * DIM columns) is encoded in full. */
#define GEMMINI_OPERAND(addr, cols, rows)                                                        \
    ((((uint64_t)(rows) & 0xFFFF) << 48) | (((uint64_t)(cols) & 0xFFFF) << 32) |                 \
     (uint64_t)(uint32_t)(addr))

#define GEMMINI_FLAG(x) ((uint64_t)((x) ? 1 : 0))

/* ============================================================================================
 * 4. Data movement
 * ========================================================================================== */

/* mvin / mvin2 / mvin3 use load configurations 0 / 1 / 2 (set by config_ld with that id).
   A DRAM address of 0 writes zeros. */
#define gemmini_extended_mvin(dram_addr, spad_addr, cols, rows)                                  \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram_addr, GEMMINI_OPERAND(spad_addr, cols, rows), k_MVIN)
#define gemmini_extended_mvin2(dram_addr, spad_addr, cols, rows)                                 \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram_addr, GEMMINI_OPERAND(spad_addr, cols, rows), k_MVIN2)
#define gemmini_extended_mvin3(dram_addr, spad_addr, cols, rows)                                 \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram_addr, GEMMINI_OPERAND(spad_addr, cols, rows), k_MVIN3)

#define gemmini_mvin(dram_addr, spad_addr) gemmini_extended_mvin(dram_addr, spad_addr, DIM, DIM)
#define gemmini_block_mvin(dram_addr, spad_addr, len)                                            \
    gemmini_extended_mvin(dram_addr, spad_addr, (len) * DIM, DIM)

#define gemmini_extended_mvout(dram_addr, spad_addr, cols, rows)                                 \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, dram_addr, GEMMINI_OPERAND(spad_addr, cols, rows), k_MVOUT)
#define gemmini_mvout(dram_addr, spad_addr) gemmini_extended_mvout(dram_addr, spad_addr, DIM, DIM)

/* ============================================================================================
 * 5. Matrix multiplication on the array
 * ========================================================================================== */

/* preload: B (weight-stationary) or D (output-stationary), and where C goes. */
#define gemmini_extended_preload(BD, C, BD_cols, BD_rows, C_cols, C_rows)                       \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, GEMMINI_OPERAND(BD, BD_cols, BD_rows),                 \
                             GEMMINI_OPERAND(C, C_cols, C_rows), k_PRELOAD)
#define gemmini_preload(BD, C) gemmini_extended_preload(BD, C, DIM, DIM, DIM, DIM)
#define gemmini_preload_zeros(C) gemmini_preload(GARBAGE_ADDR, C)

/* compute_preloaded takes the weights of the preceding preload; compute_accumulated keeps
   the array's current weights. */
#define gemmini_extended_compute_preloaded(A, BD, A_cols, A_rows, BD_cols, BD_rows)             \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, GEMMINI_OPERAND(A, A_cols, A_rows),                    \
                             GEMMINI_OPERAND(BD, BD_cols, BD_rows), k_COMPUTE_PRELOADED)
#define gemmini_extended_compute_accumulated(A, BD, A_cols, A_rows, BD_cols, BD_rows)           \
    ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, GEMMINI_OPERAND(A, A_cols, A_rows),                    \
                             GEMMINI_OPERAND(BD, BD_cols, BD_rows), k_COMPUTE_ACCUMULATE)
#define gemmini_compute_preloaded(A, BD) gemmini_extended_compute_preloaded(A, BD, DIM, DIM, DIM, DIM)
#define gemmini_compute_accumulated(A, BD) gemmini_extended_compute_accumulated(A, BD, DIM, DIM, DIM, DIM)

/* ============================================================================================
 * 6. Configuration
 * ========================================================================================== */

/* config_ex: rs1 = acc_scale[63:32] a_stride[31:16] b_transpose[9] a_transpose[8]
   set_only_strides[7] activation[4:3] dataflow[2]; rs2 = c_stride[63:48] in_shift[31:0]. */
#define gemmini_extended3_config_ex(dataflow, sys_act, sys_shift, sys_acc_scale, C_stride,      \
                                    A_stride, A_transpose, B_transpose, set_only_strides)       \
    ROCC_INSTRUCTION_RS1_RS2(                                                                     \
        XCUSTOM_ACC,                                                                              \
        ((uint64_t)acc_scale_t_to_acc_scale_t_bits((acc_scale_t)(sys_acc_scale)) << 32) |         \
            (((uint64_t)(A_stride) & 0xFFFF) << 16) | (GEMMINI_FLAG(B_transpose) << 9) |          \
            (GEMMINI_FLAG(A_transpose) << 8) | (GEMMINI_FLAG(set_only_strides) << 7) |            \
            (((uint64_t)(sys_act) & 3) << 3) | (((uint64_t)(dataflow) & 1) << 2) | CONFIG_EX,     \
        (((uint64_t)(C_stride) & 0xFFFF) << 48) | (uint64_t)(uint32_t)(sys_shift), k_CONFIG)

#define gemmini_extended2_config_ex(dataflow, sys_act, sys_shift, A_stride, A_transpose,        \
                                    B_transpose)                                                \
    gemmini_extended3_config_ex(dataflow, sys_act, sys_shift, ACC_SCALE_IDENTITY, 1, A_stride,   \
                                A_transpose, B_transpose, false)
#define gemmini_extended_config_ex(dataflow, sys_act, sys_shift, A_stride, A_transpose,         \
                                   B_transpose)                                                 \
    gemmini_extended2_config_ex(dataflow, sys_act, sys_shift, A_stride, A_transpose, B_transpose)
#define gemmini_config_ex(dataflow, sys_act, sys_shift)                                          \
    gemmini_extended_config_ex(dataflow, sys_act, sys_shift, 1, false, false)

/* config_ld: rs1 = scale[63:32] block_stride[31:16] pixel_repeats[15:8] id[4:3] shrink[2];
   rs2 = DRAM row stride in bytes (0: repeat the first row). */
#define gemmini_extended5_config_ld(stride, scale, shrunk, block_mvin_stride, pixel_repeats, id) \
    ROCC_INSTRUCTION_RS1_RS2(                                                                     \
        XCUSTOM_ACC,                                                                              \
        ((uint64_t)scale_t_to_scale_t_bits((scale_t)(scale)) << 32) |                             \
            (((uint64_t)(block_mvin_stride) & 0xFFFF) << 16) |                                    \
            (((uint64_t)(pixel_repeats) & 0xFF) << 8) | (((uint64_t)(id) & 3) << 3) |             \
            (GEMMINI_FLAG(shrunk) << 2) | CONFIG_LD,                                              \
        stride, k_CONFIG)
#define gemmini_extended4_config_ld(stride, scale, shrunk, block_mvin_stride, id)               \
    gemmini_extended5_config_ld(stride, scale, shrunk, block_mvin_stride, 1, id)
#define gemmini_extended3_config_ld(stride, scale, shrunk, id)                                   \
    gemmini_extended4_config_ld(stride, scale, shrunk, DIM, id)
#define gemmini_extended2_config_ld(stride, scale, shrunk)                                       \
    gemmini_extended3_config_ld(stride, scale, shrunk, 0)
#define gemmini_extended_config_ld(stride, scale) gemmini_extended2_config_ld(stride, scale, false)
#define gemmini_config_ld(stride) gemmini_extended_config_ld(stride, MVIN_SCALE_IDENTITY)

/* config_st: rs1 = ocols[63:56] orows[55:48] pocols[47:40] porows[39:32] pool_out_dim[31:24]
   lpad[11:10] upad[9:8] pool_size[7:6] pool_stride[5:4] activation[3:2];
   rs2 = acc_scale[63:32] DRAM row stride in bytes[31:0]. pool_stride 0 disables pooling. */
#define gemmini_extended2_config_st(stride, acc_act, acc_scale, pool_stride, pool_size,         \
                                    pool_out_dim, porows, pocols, orows, ocols, upad, lpad)     \
    ROCC_INSTRUCTION_RS1_RS2(                                                                     \
        XCUSTOM_ACC,                                                                              \
        (((uint64_t)(ocols) & 0xFF) << 56) | (((uint64_t)(orows) & 0xFF) << 48) |                 \
            (((uint64_t)(pocols) & 0xFF) << 40) | (((uint64_t)(porows) & 0xFF) << 32) |           \
            (((uint64_t)(pool_out_dim) & 0xFF) << 24) | (((uint64_t)(lpad) & 3) << 10) |          \
            (((uint64_t)(upad) & 3) << 8) | (((uint64_t)(pool_size) & 3) << 6) |                  \
            (((uint64_t)(pool_stride) & 3) << 4) | (((uint64_t)(acc_act) & 3) << 2) | CONFIG_ST,  \
        ((uint64_t)acc_scale_t_to_acc_scale_t_bits((acc_scale_t)(acc_scale)) << 32) |             \
            (uint64_t)(uint32_t)(stride),                                                         \
        k_CONFIG)
#define gemmini_extended_config_st(stride, acc_act, acc_scale)                                   \
    gemmini_extended2_config_st(stride, acc_act, acc_scale, 0, 0, 0, 0, 0, 0, 0, 0, 0)
#define gemmini_config_st(stride) gemmini_extended_config_st(stride, NO_ACTIVATION, ACC_SCALE_IDENTITY)

/* config_norm (designs with normalization units): rs1 = q_const[63:32] q_const_type[18]
   set_stats_id_only[17] act_msb[16] stat_id[15:8]; rs2 = igelu_qc[63:32] igelu_qb[31:0]. */
#define gemmini_config_norm(q_const, q_const_type, set_stats_id_only, act_msb, stat_id,         \
                            igelu_qb, igelu_qc)                                                 \
    ROCC_INSTRUCTION_RS1_RS2(                                                                     \
        XCUSTOM_ACC,                                                                              \
        ((uint64_t)(uint32_t)(q_const) << 32) | (GEMMINI_FLAG(q_const_type) << 18) |              \
            (GEMMINI_FLAG(set_stats_id_only) << 17) | (GEMMINI_FLAG(act_msb) << 16) |             \
            (((uint64_t)(stat_id) & 0xFF) << 8) | CONFIG_BERT,                                    \
        ((uint64_t)(uint32_t)(igelu_qc) << 32) | (uint64_t)(uint32_t)(igelu_qb), k_CONFIG)

/* ============================================================================================
 * 7. Flush and fence
 * ========================================================================================== */

/* Invalidates Gemmini's TLB; skip = 1 drops a faulting request instead of retrying it. */
#define gemmini_flush(skip) ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, skip, 0, k_FLUSH)

/* Gemmini has no fence command: the core's `fence` waits until the accelerator is idle and
   its stores are visible. */
#define gemmini_fence() __asm__ volatile("fence" ::: "memory")

/* ============================================================================================
 * 8. Loop unrollers (GemminiLoops.md)
 * ========================================================================================== */

/* Tiled matrix multiply: functs 9..13 configure, 8 starts. I, J, K count DIM x DIM blocks;
   pad_X = DIM minus the valid elements of the last block; strides are in elements. */
#define gemmini_loop_ws(I, J, K, pad_I, pad_J, pad_K, A, B, D, C, A_stride, B_stride, D_stride, \
                        C_stride, A_transpose, B_transpose, full_C, low_D, ex_accumulate, act,  \
                        a_spad_id, b_spad_id, is_resadd)                                        \
    do {                                                                                          \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(pad_K) & 0xFFFF) << 32) |                           \
                                     (((uint64_t)(pad_J) & 0xFFFF) << 16) |                       \
                                     ((uint64_t)(pad_I) & 0xFFFF),                                \
                                 (((uint64_t)(K) & 0xFFFF) << 32) |                               \
                                     (((uint64_t)(J) & 0xFFFF) << 16) | ((uint64_t)(I) & 0xFFFF), \
                                 k_LOOP_WS_CONFIG_BOUNDS);                                        \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, A, B, k_LOOP_WS_CONFIG_ADDRS_AB);                   \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, D, C, k_LOOP_WS_CONFIG_ADDRS_DC);                   \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, A_stride, B_stride, k_LOOP_WS_CONFIG_STRIDES_AB);   \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, D_stride, C_stride, k_LOOP_WS_CONFIG_STRIDES_DC);   \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(a_spad_id) & 3) << 18) |                            \
                                     (((uint64_t)(b_spad_id) & 3) << 16) |                        \
                                     (((uint64_t)(act) & 7) << 8) | (GEMMINI_FLAG(low_D) << 2) |  \
                                     (GEMMINI_FLAG(full_C) << 1) | GEMMINI_FLAG(ex_accumulate),   \
                                 (GEMMINI_FLAG(is_resadd) << 2) | (GEMMINI_FLAG(B_transpose) << 1) | \
                                     GEMMINI_FLAG(A_transpose),                                   \
                                 k_LOOP_WS);                                                      \
    } while (0)

/* Tiled convolution: functs 16..21 configure, 15 starts. The whole-tensor sizes come first,
   then the tile's sizes and pads, the tile's DRAM addresses, the flags, the DRAM row strides
   (elements) and the scratchpad halves. */
#define gemmini_loop_conv_ws(batch_size, in_row_dim, in_col_dim, in_channels, out_channels,     \
                             out_row_dim, out_col_dim, pool_out_row_dim, pool_out_col_dim,      \
                             stride, padding, kernel_dim, kernel_dilation, pool_size,           \
                             pool_stride, pool_padding, batches, porows, pocols, pochs, krows,  \
                             kcols, kchs, lpad, rpad, upad, dpad, plpad, prpad, pupad, pdpad,   \
                             orows, ocols, weights, output, bias, input, no_bias, no_pool,      \
                             downsample, wrot180, input_dilated, activation, trans_output_1203, \
                             trans_weight_1203, trans_weight_0132, trans_input_3120,            \
                             max_pixels_per_row, in_stride, weight_stride, out_stride, dw,      \
                             a_spad_id, b_spad_id)                                              \
    do {                                                                                          \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(out_channels) & 0xFFFF) << 48) |                    \
                                     (((uint64_t)(in_channels) & 0xFFFF) << 32) |                 \
                                     (((uint64_t)(in_row_dim) & 0xFFFF) << 16) |                  \
                                     ((uint64_t)(batch_size) & 0xFFFF),                           \
                                 (((uint64_t)(padding) & 0xFF) << 56) |                           \
                                     (((uint64_t)(stride) & 0xFF) << 48) |                        \
                                     (((uint64_t)(out_col_dim) & 0xFFFF) << 32) |                 \
                                     (((uint64_t)(pool_out_row_dim) & 0xFFFF) << 16) |            \
                                     ((uint64_t)(out_row_dim) & 0xFFFF),                          \
                                 k_LOOP_CONV_WS_CONFIG_1);                                        \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(kernel_dim) & 0xFFFF) << 48) |                      \
                                     (((uint64_t)(pool_out_col_dim) & 0xFFFF) << 32) |            \
                                     (((uint64_t)(pool_size) & 0xFFFF) << 16) |                   \
                                     (((uint64_t)(pool_stride) & 0xFF) << 8) |                    \
                                     ((uint64_t)(pool_padding) & 0xFF),                           \
                                 (((uint64_t)(batches) & 0xFFFF) << 48) |                         \
                                     (((uint64_t)(porows) & 0xFFFF) << 32) |                      \
                                     (((uint64_t)(pocols) & 0xFFFF) << 16) |                      \
                                     ((uint64_t)(pochs) & 0xFFFF),                                \
                                 k_LOOP_CONV_WS_CONFIG_2);                                        \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(krows) & 0xFFFF) << 48) |                           \
                                     (((uint64_t)(kcols) & 0xFFFF) << 32) |                       \
                                     (((uint64_t)(kchs) & 0xFFFF) << 16) |                        \
                                     ((uint64_t)(lpad) & 0xFFFF),                                 \
                                 (((uint64_t)(rpad) & 0xFFFF) << 48) |                            \
                                     (((uint64_t)(upad) & 0xFFFF) << 32) |                        \
                                     (((uint64_t)(dpad) & 0xFF) << 24) |                          \
                                     (((uint64_t)(plpad) & 0xFF) << 16) |                         \
                                     ((uint64_t)(in_col_dim) & 0xFFFF),                           \
                                 k_LOOP_CONV_WS_CONFIG_3);                                        \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(orows) & 0xFFFF) << 48) |                           \
                                     (((uint64_t)(prpad) & 0xFFFF) << 32) |                       \
                                     (((uint64_t)(pupad) & 0x7FF) << 21) |                        \
                                     (((uint64_t)(pdpad) & 0x7FF) << 10) |                        \
                                     ((uint64_t)(kernel_dilation) & 0x3FF),                       \
                                 (((uint64_t)(in_stride) & 0xFFFF) << 48) |                       \
                                     (((uint64_t)(weight_stride) & 0xFFFF) << 32) |               \
                                     (((uint64_t)(out_stride) & 0xFFFF) << 16) |                  \
                                     ((uint64_t)(ocols) & 0xFFFF),                                \
                                 k_LOOP_CONV_WS_CONFIG_4);                                        \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, weights, output, k_LOOP_CONV_WS_CONFIG_5);          \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, bias, input, k_LOOP_CONV_WS_CONFIG_6);              \
        ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC,                                                     \
                                 (((uint64_t)(a_spad_id) & 3) << 18) |                            \
                                     (((uint64_t)(b_spad_id) & 3) << 16) |                        \
                                     (((uint64_t)(max_pixels_per_row) & 0xFF) << 8) |             \
                                     (GEMMINI_FLAG(dw) << 6) |                                    \
                                     (GEMMINI_FLAG(trans_input_3120) << 5) |                      \
                                     (GEMMINI_FLAG(trans_weight_0132) << 4) |                     \
                                     (GEMMINI_FLAG(trans_weight_1203) << 3) |                     \
                                     (GEMMINI_FLAG(trans_output_1203) << 2) |                     \
                                     (GEMMINI_FLAG(wrot180) << 1) | GEMMINI_FLAG(no_bias),        \
                                 (((uint64_t)(activation) & 3) << 3) |                            \
                                     (GEMMINI_FLAG(input_dilated) << 2) |                         \
                                     (GEMMINI_FLAG(downsample) << 1) | GEMMINI_FLAG(no_pool),     \
                                 k_LOOP_CONV_WS);                                                 \
    } while (0)

/* ============================================================================================
 * 9. Event counters (funct 126: rs1 bit0 reset all, bit1 leave snapshot mode, bit2 take a
 *    snapshot, bit3 reconfigure, [6:4] counter, [17:12] event, bit31 external event)
 * ========================================================================================== */

#define NUM_COUNTERS 8
#define NUM_INTERNAL_COUNTERS 44

/* Internal events (ids 1..44) named in the reference. */
#define MAIN_LD_CYCLES 1
#define MAIN_ST_CYCLES 2
#define MAIN_EX_CYCLES 3
#define LOAD_ACTIVE_CYCLE 9
#define STORE_ACTIVE_CYCLE 12
#define EXE_ACTIVE_CYCLE 24
#define RESERVATION_STATION_FULL_CYCLES 41
#define LOOP_MATMUL_ACTIVE_CYCLES 43

/* External values: codes above NUM_INTERNAL_COUNTERS select entry (code - 44). */
#define RESERVATION_STATION_LD_COUNT (NUM_INTERNAL_COUNTERS + 1)
#define RESERVATION_STATION_ST_COUNT (NUM_INTERNAL_COUNTERS + 2)
#define RESERVATION_STATION_EX_COUNT (NUM_INTERNAL_COUNTERS + 3)
#define RDMA_BYTES_REC (NUM_INTERNAL_COUNTERS + 4)
#define WDMA_BYTES_SENT (NUM_INTERNAL_COUNTERS + 5)
#define RDMA_TOTAL_LATENCY (NUM_INTERNAL_COUNTERS + 6)
#define WDMA_TOTAL_LATENCY (NUM_INTERNAL_COUNTERS + 7)

static inline uint64_t gemmini_counter_op(uint64_t rs1)
{
    uint64_t value;
    ROCC_INSTRUCTION(XCUSTOM_ACC, value, rs1, 0, k_COUNTER);
    return value;
}

/* Makes counter `counter_index` count event `counter_code`. */
static inline void counter_configure(size_t counter_index, size_t counter_code)
{
    const bool external = counter_code > NUM_INTERNAL_COUNTERS;
    const uint64_t event = external ? counter_code - NUM_INTERNAL_COUNTERS : counter_code;
    gemmini_counter_op(((uint64_t)external << 31) | ((event & 0x3F) << 12) |
                       (((uint64_t)counter_index & 7) << 4) | 8);
}

static inline uint64_t counter_read(size_t counter_index)
{
    return gemmini_counter_op(((uint64_t)counter_index & 7) << 4);
}

/* Freezes the counters' values for reading until counter_snapshot_reset. */
static inline void counter_snapshot_take(void) { gemmini_counter_op(4); }
static inline void counter_snapshot_reset(void) { gemmini_counter_op(2); }
static inline void counter_reset(void) { gemmini_counter_op(1); }

/* ============================================================================================
 * 10. Autocomp's short names
 *
 * The command set in the form Autocomp's prompts and generated code use. They are
 * function-like macros, so an identifier such as `mvin` that is not followed by '(' is left
 * alone. Define GEMMINI_NO_SHORT_NAMES before including this header to leave them out.
 * ========================================================================================== */
#ifndef GEMMINI_NO_SHORT_NAMES

#define config_ex(dataflow, act, A_stride, A_transpose, B_transpose)                             \
    gemmini_extended_config_ex(dataflow, act, 0, A_stride, A_transpose, B_transpose)
#define config_ld(dram_stride_bytes, scale, spad_block_stride, id)                               \
    gemmini_extended4_config_ld(dram_stride_bytes, scale, false, spad_block_stride, id)

/* config_st(stride) or config_st(stride, scale): chosen by the number of arguments. */
#define GEMMINI_THIRD_ARGUMENT(a, b, c, ...) c
#define gemmini_short_config_st_1(dram_stride_bytes)                                             \
    gemmini_extended_config_st(dram_stride_bytes, NO_ACTIVATION, ACC_SCALE_IDENTITY)
#define gemmini_short_config_st_2(dram_stride_bytes, scale)                                      \
    gemmini_extended_config_st(dram_stride_bytes, NO_ACTIVATION, scale)
#define config_st(...)                                                                            \
    GEMMINI_THIRD_ARGUMENT(__VA_ARGS__, gemmini_short_config_st_2, gemmini_short_config_st_1, )  \
    (__VA_ARGS__)

#define mvin(dram, spad, cols, rows) gemmini_extended_mvin(dram, spad, cols, rows)
#define mvin2(dram, spad, cols, rows) gemmini_extended_mvin2(dram, spad, cols, rows)
#define mvin3(dram, spad, cols, rows) gemmini_extended_mvin3(dram, spad, cols, rows)
#define mvout(dram, spad, cols, rows) gemmini_extended_mvout(dram, spad, cols, rows)
#define preload(B, C, B_cols, B_rows, C_cols, C_rows)                                            \
    gemmini_extended_preload(B, C, B_cols, B_rows, C_cols, C_rows)
#define compute_preloaded(A, D, A_cols, A_rows, D_cols, D_rows)                                  \
    gemmini_extended_compute_preloaded(A, D, A_cols, A_rows, D_cols, D_rows)
#define compute_accumulated(A, D, A_cols, A_rows, D_cols, D_rows)                                \
    gemmini_extended_compute_accumulated(A, D, A_cols, A_rows, D_cols, D_rows)
#define fence() gemmini_fence()

#endif /* GEMMINI_NO_SHORT_NAMES */

/* ============================================================================================
 * 11. Shared helpers for the tiled operations
 * ========================================================================================== */

/* How a tiled operation runs. OS, WS and CPU keep upstream's values. WS uses the loop
   unrollers; WS_SW issues the same per-block commands from the CPU (the "vendor library"
   baseline); CPU computes the reference result on the core. This library implements the
   weight-stationary dataflow only: OS requests run as WS, which produces the same results. */
enum tiled_matmul_type_t { OS, WS, CPU, WS_SW };

/* Stops the program with a message, as upstream does for requests it cannot serve. */
static inline void gemmini_fail(const char *operation, const char *reason)
{
    printf("gemmini: %s: %s\n", operation, reason);
    exit(1);
}

static inline size_t gemmini_blocks(size_t n) { return (n + DIM - 1) / DIM; }
static inline size_t gemmini_min_size(size_t a, size_t b) { return a < b ? a : b; }
static inline int gemmini_min_int(int a, int b) { return a < b ? a : b; }
static inline int gemmini_blocks_int(int n) { return (n + DIM - 1) / DIM; }

/* Largest s with s * s <= n. */
static inline size_t gemmini_isqrt(size_t n)
{
    size_t s = 0;
    while ((s + 1) * (s + 1) <= n)
        s++;
    return s;
}

/* ============================================================================================
 * 12. Reference arithmetic: what the accelerator computes, element by element
 *
 * int8 designs (gemmini-reference.md 3.2): scaling multiplies in fp32, rounds half to even
 * and saturates; the array's partial sums wrap at 20 bits and the accumulator's at 32;
 * results leave the accumulator through ReLU, then scaled, rounded and saturated to int8.
 * fp32 designs (3.3): every scaling is one fp32 multiply; the array forms each block's
 * partial sum as a chain of fused multiply-adds over at most DIM products in k order,
 * starting from zero, and the accumulator adds that partial sum with one fp32 addition.
 * The compiler flags include -ffast-math, which would let GCC fuse a multiply into a later
 * addition; gemmini_settle() pins each rounded value so the reference rounds exactly where
 * the hardware does.
 * ========================================================================================== */

#ifdef ELEM_T_IS_FLOAT

static inline float gemmini_settle(float x)
{
    __asm__("" : "+f"(x));
    return x;
}

/* One step of the array's dot product. */
static inline acc_t gemmini_ref_mac(acc_t sum, elem_t a, elem_t b) { return __builtin_fmaf(a, b, sum); }
/* An accumulating write into the accumulator. */
static inline acc_t gemmini_ref_add(acc_t x, acc_t y) { return gemmini_settle(x + y); }
/* mvin into the scratchpad. */
static inline elem_t gemmini_ref_scale_in(elem_t x, scale_t scale) { return gemmini_settle(x * scale); }
/* mvin of accumulator-typed data (bias): fp32 designs scale it too. */
static inline acc_t gemmini_ref_scale_acc_in(acc_t x, scale_t scale) { return gemmini_settle(x * scale); }
/* mvout from the accumulator: activation, then scale (the RTL's order). */
static inline elem_t gemmini_ref_scale_out(acc_t x, acc_scale_t scale, int act)
{
    if (act == RELU && x < 0)
        x = 0;
    return gemmini_settle(x * scale);
}
/* A partial sum leaving the array (fp32 partial sums are full floats). */
static inline acc_t gemmini_ref_array_result(acc_t x) { return x; }

#else

static inline acc_t gemmini_ref_mac(acc_t sum, elem_t a, elem_t b)
{
    return (acc_t)((uint32_t)sum + (uint32_t)((int32_t)a * (int32_t)b));
}
static inline acc_t gemmini_ref_add(acc_t x, acc_t y) { return (acc_t)((uint32_t)x + (uint32_t)y); }
static inline elem_t gemmini_ref_scale_in(elem_t x, scale_t scale) { return (elem_t)MVIN_SCALE(x, scale); }
/* int8 designs have no scaling unit for accumulator-typed mvins. */
static inline acc_t gemmini_ref_scale_acc_in(acc_t x, scale_t scale)
{
    (void)scale;
    return x;
}
/* mvout from the accumulator: activation, then scale, round and saturate (the RTL's order). */
static inline elem_t gemmini_ref_scale_out(acc_t x, acc_scale_t scale, int act)
{
    if (act == RELU && x < 0)
        x = 0;
    acc_t y = ACC_SCALE(x, scale);
    if (y > elem_t_max)
        y = elem_t_max;
    if (y < elem_t_min)
        y = elem_t_min;
    return (elem_t)y;
}
/* Partial sums travel through the array in GEMMINI_PARTIAL_SUM_BITS-bit two's complement
   (the RTL's int20 adders): a DIM-long partial sum wraps there before reaching the
   accumulator. Only extreme inputs on arrays wider than 16 ever reach that width. */
#ifndef GEMMINI_PARTIAL_SUM_BITS
#define GEMMINI_PARTIAL_SUM_BITS 20
#endif
static inline acc_t gemmini_ref_array_result(acc_t x)
{
    const int unused = 32 - GEMMINI_PARTIAL_SUM_BITS;
    return (acc_t)((int32_t)((uint32_t)x << unused) >> unused);
}

#endif

/* An elem_t value moved into the accumulator (shrink): scaled like a scratchpad mvin, widened. */
static inline acc_t gemmini_ref_widen_in(elem_t x, scale_t scale)
{
#ifdef ELEM_T_IS_FLOAT
    return gemmini_ref_scale_acc_in(x, scale);
#else
    return gemmini_ref_scale_in(x, scale);
#endif
}

/* A bias element as the accumulator holds it after mvin3: acc_t values as they are (scaled
   on fp32 designs), or elem_t values with low_D. */
static inline acc_t gemmini_ref_bias(const void *D, size_t index, bool low_D, scale_acc_t D_scale)
{
    if (low_D)
        return gemmini_ref_widen_in(((const elem_t *)D)[index], (scale_t)D_scale);
    return gemmini_ref_scale_acc_in(((const acc_t *)D)[index], (scale_t)D_scale);
}

/* ============================================================================================
 * 13. Matrix multiplication: C = act(scale * (A B + D))
 * ========================================================================================== */

/* The reference, accumulating DIM-long partial sums exactly as the tiled hardware paths do
   (for any tiling, since tiles split K at multiples of DIM). D (NULL: no bias) is acc_t, or
   elem_t with low_D; repeating_bias reuses D's first row for every row of C. C is elem_t,
   or raw acc_t with full_C. Transposed operands are stored K x I (A) and J x K (B). */
static inline void gemmini_matmul_reference(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A,
                                            const elem_t *B, const void *D, void *C, size_t stride_A,
                                            size_t stride_B, size_t stride_D, size_t stride_C,
                                            scale_t A_scale_factor, scale_t B_scale_factor,
                                            scale_acc_t D_scale_factor, int act, acc_scale_t scale,
                                            bool repeating_bias, bool transpose_A, bool transpose_B,
                                            bool full_C, bool low_D)
{
    for (size_t i = 0; i < dim_I; i++) {
        for (size_t j = 0; j < dim_J; j++) {
            acc_t acc = 0;
            bool holds_value = D != NULL;
            if (D != NULL)
                acc = gemmini_ref_bias(D, (repeating_bias ? 0 : i * stride_D) + j, low_D, D_scale_factor);
            for (size_t k0 = 0; k0 < dim_K; k0 += DIM) {
                const size_t k_end = gemmini_min_size(dim_K, k0 + DIM);
                acc_t partial = 0;
                for (size_t k = k0; k < k_end; k++) {
                    const elem_t a = transpose_A ? A[k * stride_A + i] : A[i * stride_A + k];
                    const elem_t b = transpose_B ? B[j * stride_B + k] : B[k * stride_B + j];
                    partial = gemmini_ref_mac(partial, gemmini_ref_scale_in(a, A_scale_factor),
                                              gemmini_ref_scale_in(b, B_scale_factor));
                }
                partial = gemmini_ref_array_result(partial);
                /* The first block overwrites the accumulator unless a bias is there. */
                acc = holds_value ? gemmini_ref_add(acc, partial) : partial;
                holds_value = true;
            }
            if (full_C)
                ((acc_t *)C)[i * stride_C + j] = acc;
            else
                ((elem_t *)C)[i * stride_C + j] = gemmini_ref_scale_out(acc, scale, act);
        }
    }
}

/* Upstream's CPU matmul: acc_t bias (or NULL), elem_t result. */
static inline void matmul_cpu(bool transA, bool transB, size_t dim_I, size_t dim_J, size_t dim_K,
                              const elem_t *A, const elem_t *B, const acc_t *D, elem_t *C,
                              size_t stride_A, size_t stride_B, size_t stride_D, size_t stride_C,
                              scale_t A_scale_factor, scale_t B_scale_factor, scale_acc_t D_scale_factor,
                              int act, acc_scale_t scale, acc_scale_t bert_scale, bool repeating_bias)
{
    (void)bert_scale;
    gemmini_matmul_reference(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C,
                             A_scale_factor, B_scale_factor, D_scale_factor, act, scale, repeating_bias,
                             transA, transB, false, false);
}

/* One gemmini_loop_ws: the parameters of GemminiLoops.md for one tile of the product.
   Addresses are the tile's first elements; sizes count DIM x DIM blocks. */
typedef struct {
    size_t blocks_I, blocks_J, blocks_K;
    size_t pad_I, pad_J, pad_K;
    const elem_t *A;
    const elem_t *B;
    const void *D; /* NULL: no bias in this tile */
    void *C;       /* NULL: the tile's result stays in the accumulator */
    size_t A_stride, B_stride, D_stride, C_stride;
    bool A_transpose, B_transpose, full_C, low_D, ex_accumulate, is_resadd;
    int act, a_spad_id, b_spad_id;
} gemmini_matmul_tile_t;

/* A tile fits when A and B take at most half the scratchpad and C half the accumulator
   (the other halves let the hardware overlap consecutive loops). */
static inline bool gemmini_matmul_tile_fits(size_t tile_I, size_t tile_J, size_t tile_K)
{
    return (tile_I * tile_K + tile_K * tile_J) * DIM <= GEMMINI_SPAD_ROWS / 2 &&
           tile_I * tile_J * DIM <= GEMMINI_ACC_TOTAL_ROWS / 2;
}

/* WS: hand the tile to the hardware loop. */
static inline void sp_tiled_matmul_ws(const gemmini_matmul_tile_t *t)
{
    gemmini_loop_ws(t->blocks_I, t->blocks_J, t->blocks_K, t->pad_I, t->pad_J, t->pad_K, t->A, t->B, t->D, t->C,
                    t->A_stride, t->B_stride, t->D_stride, t->C_stride, t->A_transpose, t->B_transpose, t->full_C,
                    t->low_D, t->ex_accumulate, t->act, t->a_spad_id, t->b_spad_id, t->is_resadd);
}

/* WS_SW: the same tile, every mvin / preload / compute / mvout issued by the CPU, with the
   scratchpad and accumulator layout of the hardware loop (GemminiLoops.md, loop_ws). */
static inline void sp_tiled_matmul_ws_sw(const gemmini_matmul_tile_t *t)
{
    const size_t blocks_I = t->blocks_I, blocks_J = t->blocks_J, blocks_K = t->blocks_K;
    const size_t elem = sizeof(elem_t);
    const uint32_t A_start = t->a_spad_id == 2 ? GEMMINI_SPAD_ROWS / 2 : 0;
    const uint32_t B_end = t->b_spad_id == 2 ? GEMMINI_SPAD_ROWS : GEMMINI_SPAD_ROWS / 2;
    const uint32_t B_start = B_end - (uint32_t)(blocks_K * blocks_J * DIM);
    const uintptr_t A = (uintptr_t)t->A, B = (uintptr_t)t->B, D = (uintptr_t)t->D, C = (uintptr_t)t->C;

    /* Valid rows / columns of block i, j, k: the last block of each dimension is padded. */
#define GEMMINI_TILE_ROWS(i) (DIM - ((i) == blocks_I - 1 ? t->pad_I : 0))
#define GEMMINI_TILE_COLS(j) (DIM - ((j) == blocks_J - 1 ? t->pad_J : 0))
#define GEMMINI_TILE_INNER(k) (DIM - ((k) == blocks_K - 1 ? t->pad_K : 0))

    if (t->is_resadd) {
        /* C = A + B in the accumulator: overwrite with A, accumulate B, store. */
        for (size_t i = 0; i < blocks_I; i++)
            for (size_t j = 0; j < blocks_J; j++) {
                const uint32_t acc_row = GEMMINI_ACC_ADDR | (uint32_t)((i * blocks_J + j) * DIM);
                const size_t rows = GEMMINI_TILE_ROWS(i), cols = GEMMINI_TILE_COLS(j);
                gemmini_extended_mvin(A + (i * t->A_stride + j) * DIM * elem, acc_row, cols, rows);
                gemmini_extended_mvin2(B + (i * t->B_stride + j) * DIM * elem, acc_row | GEMMINI_ACC_ACCUMULATE,
                                       cols, rows);
                gemmini_extended_mvout(C + (i * t->C_stride + j) * DIM * elem, acc_row, cols, rows);
            }
        return;
    }

    const size_t D_size = t->low_D ? sizeof(elem_t) : sizeof(acc_t);
    const size_t C_size = t->full_C ? sizeof(acc_t) : sizeof(elem_t);
    if (D != 0)
        for (size_t i = 0; i < blocks_I; i++)
            for (size_t j = 0; j < blocks_J; j++)
                gemmini_extended_mvin3(D + (i * t->D_stride + j) * DIM * D_size,
                                       GEMMINI_ACC_ADDR | (uint32_t)((i * blocks_J + j) * DIM), GEMMINI_TILE_COLS(j),
                                       GEMMINI_TILE_ROWS(i));

    for (size_t k = 0; k < blocks_K; k++)
        for (size_t j = 0; j < blocks_J; j++)
            for (size_t i = 0; i < blocks_I; i++) {
                const size_t rows = GEMMINI_TILE_ROWS(i), cols = GEMMINI_TILE_COLS(j), inner = GEMMINI_TILE_INNER(k);
                const uint32_t A_sp = A_start + (uint32_t)((i * blocks_K + k) * DIM);
                const uint32_t B_sp = B_start + (uint32_t)((k * blocks_J + j) * DIM);

                /* Operands arrive the first time a tile row / column needs them. Transposed
                   operands are moved in as stored and the array reads them transposed. */
                if (j == 0 && A != 0) {
                    if (t->A_transpose)
                        gemmini_extended_mvin(A + (k * t->A_stride + i) * DIM * elem, A_sp, rows, inner);
                    else
                        gemmini_extended_mvin(A + (i * t->A_stride + k) * DIM * elem, A_sp, inner, rows);
                }
                if (i == 0 && B != 0) {
                    if (t->B_transpose)
                        gemmini_extended_mvin2(B + (j * t->B_stride + k) * DIM * elem, B_sp, inner, cols);
                    else
                        gemmini_extended_mvin2(B + (k * t->B_stride + j) * DIM * elem, B_sp, cols, inner);
                }

                /* The first k overwrites C unless a bias or an earlier tile is already there. */
                uint32_t C_acc = GEMMINI_ACC_ADDR | GEMMINI_ACC_ACCUMULATE | (t->full_C ? GEMMINI_ACC_READ_FULL : 0) |
                                 (uint32_t)((i * blocks_J + j) * DIM);
                if (k == 0 && !t->ex_accumulate && D == 0)
                    C_acc &= ~GEMMINI_ACC_ACCUMULATE;

                /* New weights for the first row of blocks; the others reuse them. */
                const uint32_t B_addr = i == 0 ? B_sp : GARBAGE_ADDR;
                if (t->B_transpose)
                    gemmini_extended_preload(B_addr, C_acc, inner, cols, cols, rows);
                else
                    gemmini_extended_preload(B_addr, C_acc, cols, inner, cols, rows);
                const size_t A_cols = t->A_transpose ? rows : inner, A_rows = t->A_transpose ? inner : rows;
                if (i == 0)
                    gemmini_extended_compute_preloaded(A_sp, GARBAGE_ADDR, A_cols, A_rows, cols, rows);
                else
                    gemmini_extended_compute_accumulated(A_sp, GARBAGE_ADDR, A_cols, A_rows, cols, rows);

                if (k == blocks_K - 1 && C != 0)
                    gemmini_extended_mvout(C + (i * t->C_stride + j) * DIM * C_size, C_acc, cols, rows);
            }
#undef GEMMINI_TILE_ROWS
#undef GEMMINI_TILE_COLS
#undef GEMMINI_TILE_INNER
}

/* Runs C = act(scale * (A B + D)) on the array, tile_I x tile_J x tile_K blocks at a time.
   Each output tile accumulates over its k tiles in the accumulator: the bias goes in with
   the first k tile (otherwise the first k tile overwrites) and C comes out with the last. */
static inline void gemmini_matmul_tiles(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A,
                                        const elem_t *B, const void *D, void *C, size_t stride_A,
                                        size_t stride_B, size_t stride_D, size_t stride_C,
                                        scale_t A_scale_factor, scale_t B_scale_factor,
                                        scale_acc_t D_scale_factor, int act, acc_scale_t scale,
                                        bool repeating_bias, size_t tile_I, size_t tile_J, size_t tile_K,
                                        bool transpose_A, bool transpose_B, bool full_C, bool low_D,
                                        bool software)
{
    const size_t elem = sizeof(elem_t);
    const size_t D_size = low_D ? sizeof(elem_t) : sizeof(acc_t);
    const size_t C_size = full_C ? sizeof(acc_t) : sizeof(elem_t);
    const size_t blocks_I = gemmini_blocks(dim_I), blocks_J = gemmini_blocks(dim_J), blocks_K = gemmini_blocks(dim_K);

    gemmini_extended_config_ex(WEIGHT_STATIONARY, act & 3, 0, 1, transpose_A, transpose_B);
    gemmini_extended_config_st(stride_C * C_size, act & 3, scale);
    gemmini_extended3_config_ld(stride_A * elem, A_scale_factor, false, 0);
    gemmini_extended3_config_ld(stride_B * elem, B_scale_factor, false, 1);
    gemmini_extended3_config_ld(repeating_bias ? 0 : stride_D * D_size, D_scale_factor, low_D, 2);

    for (size_t i0 = 0; i0 < blocks_I; i0 += tile_I)
        for (size_t j0 = 0; j0 < blocks_J; j0 += tile_J)
            for (size_t k0 = 0; k0 < blocks_K; k0 += tile_K) {
                gemmini_matmul_tile_t t;
                t.blocks_I = gemmini_min_size(tile_I, blocks_I - i0);
                t.blocks_J = gemmini_min_size(tile_J, blocks_J - j0);
                t.blocks_K = gemmini_min_size(tile_K, blocks_K - k0);
                t.pad_I = i0 + t.blocks_I == blocks_I ? blocks_I * DIM - dim_I : 0;
                t.pad_J = j0 + t.blocks_J == blocks_J ? blocks_J * DIM - dim_J : 0;
                t.pad_K = k0 + t.blocks_K == blocks_K ? blocks_K * DIM - dim_K : 0;

                const size_t row = i0 * DIM, col = j0 * DIM, depth = k0 * DIM;
                t.A = transpose_A ? A + depth * stride_A + row : A + row * stride_A + depth;
                t.B = transpose_B ? B + col * stride_B + depth : B + depth * stride_B + col;
                t.D = D != NULL && k0 == 0
                          ? (const char *)D + ((repeating_bias ? 0 : row * stride_D) + col) * D_size
                          : NULL;
                t.C = C != NULL && k0 + t.blocks_K == blocks_K ? (char *)C + (row * stride_C + col) * C_size : NULL;
                t.A_stride = stride_A;
                t.B_stride = stride_B;
                t.D_stride = repeating_bias ? 0 : stride_D;
                t.C_stride = stride_C;
                t.A_transpose = transpose_A;
                t.B_transpose = transpose_B;
                t.full_C = full_C;
                t.low_D = low_D;
                t.ex_accumulate = k0 > 0;
                t.is_resadd = false;
                t.act = act;
                t.a_spad_id = 0;
                t.b_spad_id = 0;
                if (software)
                    sp_tiled_matmul_ws_sw(&t);
                else
                    sp_tiled_matmul_ws(&t);
            }
    gemmini_fence();
}

static inline void tiled_matmul(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, const elem_t *B,
                                const void *D, void *C, size_t stride_A, size_t stride_B, size_t stride_D,
                                size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                                scale_acc_t D_scale_factor, int act, acc_scale_t scale, acc_scale_t bert_scale,
                                bool repeating_bias, size_t tile_I, size_t tile_J, size_t tile_K,
                                bool transpose_A, bool transpose_B, bool full_C, bool low_D, uint8_t weightA,
                                enum tiled_matmul_type_t tiled_matmul_type)
{
    (void)bert_scale; /* used only by the normalization activations */
    (void)weightA;    /* an output-stationary hint */
    if (act != NO_ACTIVATION && act != RELU)
        gemmini_fail("tiled_matmul", "only NO_ACTIVATION and RELU are available on this design");
    if (tiled_matmul_type == CPU) {
        gemmini_matmul_reference(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C,
                                 A_scale_factor, B_scale_factor, D_scale_factor, act, scale, repeating_bias,
                                 transpose_A, transpose_B, full_C, low_D);
        return;
    }
    if (dim_I == 0 || dim_J == 0)
        return;
    if (dim_K == 0)
        gemmini_fail("tiled_matmul", "dim_K must be at least 1");
    if (tile_I == 0 || tile_J == 0 || tile_K == 0 || !gemmini_matmul_tile_fits(tile_I, tile_J, tile_K))
        gemmini_fail("tiled_matmul", "the tile does not fit in half the scratchpad and half the accumulator");

    /* A weight-stationary array can read A or B transposed, not both: transpose A on the CPU. */
    elem_t *A_copy = NULL;
    if (transpose_A && transpose_B) {
        A_copy = (elem_t *)malloc(dim_I * dim_K * sizeof(elem_t));
        if (A_copy == NULL)
            gemmini_fail("tiled_matmul", "out of memory transposing A");
        for (size_t i = 0; i < dim_I; i++)
            for (size_t k = 0; k < dim_K; k++)
                A_copy[i * dim_K + k] = A[k * stride_A + i];
        A = A_copy;
        stride_A = dim_K;
        transpose_A = false;
    }
    gemmini_matmul_tiles(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, A_scale_factor,
                         B_scale_factor, D_scale_factor, act, scale, repeating_bias, tile_I, tile_J, tile_K,
                         transpose_A, transpose_B, full_C, low_D, tiled_matmul_type == WS_SW);
    free(A_copy);
}

/* Picks the tile: start from square-ish output tiles of about half the accumulator and a
   depth that fills about a quarter of the scratchpad, then grow J, I and K one block at a
   time while A + B still fit in half the scratchpad and C in half the accumulator. */
static inline void tiled_matmul_auto(size_t dim_I, size_t dim_J, size_t dim_K, const elem_t *A, const elem_t *B,
                                     const void *D, void *C, size_t stride_A, size_t stride_B, size_t stride_D,
                                     size_t stride_C, scale_t A_scale_factor, scale_t B_scale_factor,
                                     scale_acc_t D_scale_factor, int act, acc_scale_t scale,
                                     acc_scale_t bert_scale, bool repeating_bias, bool transpose_A,
                                     bool transpose_B, bool full_C, bool low_D, uint8_t weightA,
                                     enum tiled_matmul_type_t tiled_matmul_type)
{
    const size_t blocks_I = gemmini_blocks(dim_I), blocks_J = gemmini_blocks(dim_J), blocks_K = gemmini_blocks(dim_K);
    size_t side = gemmini_isqrt(GEMMINI_ACC_TOTAL_ROWS / 2 / DIM);
    if (side == 0)
        side = 1;
    size_t depth = GEMMINI_SPAD_ROWS / 4 / DIM / side;
    if (depth == 0)
        depth = 1;
    size_t tile_I = gemmini_min_size(blocks_I, side), tile_J = gemmini_min_size(blocks_J, side);
    size_t tile_K = gemmini_min_size(blocks_K, depth);
    if (tile_I == 0) tile_I = 1;
    if (tile_J == 0) tile_J = 1;
    if (tile_K == 0) tile_K = 1;
    while (!gemmini_matmul_tile_fits(tile_I, tile_J, tile_K) && tile_K > 1)
        tile_K--;

    for (bool grew = true; grew;) {
        grew = false;
        if (tile_J < blocks_J && gemmini_matmul_tile_fits(tile_I, tile_J + 1, tile_K)) {
            tile_J++;
            grew = true;
        }
        if (tile_I < blocks_I && gemmini_matmul_tile_fits(tile_I + 1, tile_J, tile_K)) {
            tile_I++;
            grew = true;
        }
        if (tile_K < blocks_K && gemmini_matmul_tile_fits(tile_I, tile_J, tile_K + 1)) {
            tile_K++;
            grew = true;
        }
    }

    tiled_matmul(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, A_scale_factor,
                 B_scale_factor, D_scale_factor, act, scale, bert_scale, repeating_bias, tile_I, tile_J, tile_K,
                 transpose_A, transpose_B, full_C, low_D, weightA, tiled_matmul_type);
}

/* ============================================================================================
 * 14. Residual addition: C = act(C_scale * (A_scale * A + B_scale * B)), all I x J elem_t
 * ========================================================================================== */

static inline void resadd_cpu(const size_t dim_I, const size_t dim_J, const scale_t A_scale, const scale_t B_scale,
                              const acc_scale_t C_scale, const elem_t *A, const elem_t *B, elem_t *C, bool relu)
{
    for (size_t i = 0; i < dim_I; i++)
        for (size_t j = 0; j < dim_J; j++) {
            /* A is moved into the accumulator, B accumulated onto it. */
            const acc_t a = gemmini_ref_widen_in(A[i * dim_J + j], A_scale);
            const acc_t b = gemmini_ref_widen_in(B[i * dim_J + j], B_scale);
            C[i * dim_J + j] = gemmini_ref_scale_out(gemmini_ref_add(a, b), C_scale, relu ? RELU : NO_ACTIVATION);
        }
}

/* tile_I rows by tile_J columns (elements) per loop; the sum of a tile occupies
   blocks(tile_I) * blocks(tile_J) * DIM accumulator rows, at most half the accumulator. */
static inline void tiled_resadd(const size_t dim_I, const size_t dim_J, const size_t tile_I, const size_t tile_J,
                                const scale_t A_scale, const scale_t B_scale, const acc_scale_t C_scale,
                                const elem_t *A, const elem_t *B, elem_t *C, bool relu,
                                enum tiled_matmul_type_t matadd_type)
{
    if (matadd_type == CPU) {
        resadd_cpu(dim_I, dim_J, A_scale, B_scale, C_scale, A, B, C, relu);
        return;
    }
    if (dim_I == 0 || dim_J == 0)
        return;
    if (tile_I == 0 || tile_J == 0 ||
        gemmini_blocks(tile_I) * gemmini_blocks(tile_J) * DIM > GEMMINI_ACC_TOTAL_ROWS / 2)
        gemmini_fail("tiled_resadd", "the tile does not fit in half the accumulator");
    const size_t elem = sizeof(elem_t);
    const int act = relu ? RELU : NO_ACTIVATION;

    /* A and B are elem_t moved into the accumulator: shrink, each with its own scale. */
    gemmini_extended_config_st(dim_J * elem, act, C_scale);
    gemmini_extended3_config_ld(dim_J * elem, A_scale, true, 0);
    gemmini_extended3_config_ld(dim_J * elem, B_scale, true, 1);

    for (size_t i0 = 0; i0 < dim_I; i0 += tile_I)
        for (size_t j0 = 0; j0 < dim_J; j0 += tile_J) {
            const size_t rows = gemmini_min_size(tile_I, dim_I - i0), cols = gemmini_min_size(tile_J, dim_J - j0);
            gemmini_matmul_tile_t t;
            t.blocks_I = gemmini_blocks(rows);
            t.blocks_J = gemmini_blocks(cols);
            t.blocks_K = 1;
            t.pad_I = t.blocks_I * DIM - rows;
            t.pad_J = t.blocks_J * DIM - cols;
            t.pad_K = 0;
            t.A = A + i0 * dim_J + j0;
            t.B = B + i0 * dim_J + j0;
            t.D = NULL;
            t.C = C + i0 * dim_J + j0;
            t.A_stride = t.B_stride = t.D_stride = t.C_stride = dim_J;
            t.A_transpose = t.B_transpose = t.full_C = t.low_D = t.ex_accumulate = false;
            t.is_resadd = true;
            t.act = act;
            t.a_spad_id = t.b_spad_id = 0;
            if (matadd_type == WS_SW)
                sp_tiled_matmul_ws_sw(&t);
            else
                sp_tiled_matmul_ws(&t);
        }
    gemmini_fence();
}

static inline void tiled_resadd_auto(const size_t dim_I, const size_t dim_J, const scale_t A_scale,
                                     const scale_t B_scale, const acc_scale_t C_scale, const elem_t *A,
                                     const elem_t *B, elem_t *C, bool relu, enum tiled_matmul_type_t matadd_type)
{
    /* Whole rows when possible; otherwise shrink the longer side a block at a time. */
    size_t tile_I = dim_I == 0 ? 1 : dim_I, tile_J = dim_J == 0 ? 1 : dim_J;
    while (gemmini_blocks(tile_I) * gemmini_blocks(tile_J) * DIM > GEMMINI_ACC_TOTAL_ROWS / 2) {
        if (gemmini_blocks(tile_I) >= gemmini_blocks(tile_J) && tile_I > DIM)
            tile_I = (gemmini_blocks(tile_I) - 1) * DIM;
        else
            tile_J = (gemmini_blocks(tile_J) - 1) * DIM;
    }
    tiled_resadd(dim_I, dim_J, tile_I, tile_J, A_scale, B_scale, C_scale, A, B, C, relu, matadd_type);
}

/* ============================================================================================
 * 15. Global average pooling: output[b][c] = mean over dim x dim pixels of input[b][p][c]
 * ========================================================================================== */

static inline void global_average_cpu(const elem_t *input, elem_t *output, int batches, int channels, int dim)
{
    const int pixels = dim * dim;
    const acc_scale_t scale = (acc_scale_t)1.0 / pixels;
    for (int b = 0; b < batches; b++)
        for (int c = 0; c < channels; c++) {
            acc_t sum = 0;
            for (int p = 0; p < pixels; p++) {
                const acc_t x = gemmini_ref_widen_in(input[(b * pixels + p) * channels + c], 1);
                sum = p == 0 ? x : gemmini_ref_add(sum, x);
            }
            output[b * channels + c] = gemmini_ref_scale_out(sum, scale, NO_ACTIVATION);
        }
}

/* The accumulator sums the pixels (one accumulating mvin per pixel into the same row) and
   the store scales by 1 / (dim * dim). */
static inline void tiled_global_average_auto(const elem_t *input, elem_t *output, int batches, int channels,
                                             int dim, enum tiled_matmul_type_t type)
{
    if (type == CPU) {
        global_average_cpu(input, output, batches, channels, dim);
        return;
    }
    const size_t elem = sizeof(elem_t);
    const int pixels = dim * dim;
    const int chunk = DIM * MAX_BLOCK_LEN_ACC;
    gemmini_extended3_config_ld(channels * elem, MVIN_SCALE_IDENTITY, true, 0);
    gemmini_extended_config_st(channels * elem, NO_ACTIVATION, (acc_scale_t)1.0 / pixels);
    for (int b = 0; b < batches; b++)
        for (int c0 = 0; c0 < channels; c0 += chunk) {
            const int cols = gemmini_min_int(chunk, channels - c0);
            for (int p = 0; p < pixels; p++)
                gemmini_extended_mvin(input + (b * pixels + p) * channels + c0,
                                      GEMMINI_ACC_ADDR | (p > 0 ? GEMMINI_ACC_ACCUMULATE : 0), cols, 1);
            gemmini_extended_mvout(output + b * channels + c0, GEMMINI_ACC_ADDR, cols, 1);
        }
    gemmini_fence();
}

static inline void tiled_global_average(const elem_t *input, elem_t *output, int batches, int channels, int dim)
{
    tiled_global_average_auto(input, output, batches, channels, dim, WS);
}

/* ============================================================================================
 * 16. Convolution
 *
 * Tensors: input [batch][in_row][in_col][in_channels] (trans_input_3120:
 * [in_channels][in_row][in_col][batch]); weights [krow][kcol][in_channels][out_channels]
 * (trans_weight_1203: [in_channels][krow][kcol][out_channels]; trans_weight_0132:
 * [krow][kcol][out_channels][in_channels]); bias acc_t [out_channels] or NULL; output
 * [batch][pool_out_row][pool_out_col][out_channels] (trans_output_1203:
 * [out_row][out_col][batch][out_channels], without pooling). wrot180 uses the kernel rotated
 * by 180 degrees; input_dilation inserts input_dilation - 1 zeros between input pixels.
 *
 * The output is tiled in batches x pooled rows x pooled columns x output channels; each
 * output tile accumulates over tiles of kernel rows x kernel columns x input channels. One
 * tile is one gemmini_loop_conv_ws (WS) or the same commands from the CPU (WS_SW).
 * ========================================================================================== */

/* A whole convolution, with pooling normalised (no pooling: size 1, stride 1, padding 0). */
typedef struct {
    int batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim;
    int stride, input_dilation, kernel_dilation, padding, kernel_dim;
    bool wrot180, trans_output_1203, trans_input_3120, trans_weight_1203, trans_weight_0132, dw;
    bool no_pool;
    int pool_size, pool_stride, pool_padding, pool_out_row_dim, pool_out_col_dim;
    int in_stride, weight_stride, out_stride; /* DRAM row strides in elements */
    const elem_t *input;
    const elem_t *weights;
    const acc_t *bias;
    elem_t *output;
    int act;
    acc_scale_t scale;
} gemmini_conv_problem_t;

/* Tile sizes: output batches, pooled rows, pooled columns, output channels; kernel rows,
   kernel columns, input channels. */
typedef struct {
    int batches, porows, pocols, pochs, krows, kcols, kchs;
} gemmini_conv_tiling_t;

/* One gemmini_loop_conv_ws: the parameters of GemminiLoops.md for one tile. */
typedef struct {
    int batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim;
    int pool_out_row_dim, pool_out_col_dim, stride, padding, kernel_dim, kernel_dilation;
    int pool_size, pool_stride, pool_padding;
    int batches, porows, pocols, pochs, krows, kcols, kchs;
    int lpad, rpad, upad, dpad, plpad, prpad, pupad, pdpad, orows, ocols;
    uint64_t weights, output, bias, input; /* the tile's first elements; 0: none */
    bool no_bias, no_pool, downsample, wrot180, input_dilated;
    bool trans_output_1203, trans_weight_1203, trans_weight_0132, trans_input_3120, dw;
    int act, max_pixels_per_row, in_stride, weight_stride, out_stride, a_spad_id, b_spad_id;
    acc_scale_t scale; /* the store scale, which the CPU-sequenced path re-issues around pooling */
} gemmini_conv_tile_t;

static inline gemmini_conv_problem_t gemmini_conv_problem(
    int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels, int out_row_dim,
    int out_col_dim, int stride, int input_dilation, int kernel_dilation, int padding, int kernel_dim,
    bool wrot180, bool trans_output_1203, bool trans_input_3120, bool trans_weight_1203, bool trans_weight_0132,
    const elem_t *input, const elem_t *weights, const acc_t *bias, elem_t *output, int act, acc_scale_t scale,
    int pool_size, int pool_stride, int pool_padding)
{
    gemmini_conv_problem_t p;
    p.batch_size = batch_size;
    p.in_row_dim = in_row_dim;
    p.in_col_dim = in_col_dim;
    p.in_channels = in_channels;
    p.out_channels = out_channels;
    p.out_row_dim = out_row_dim;
    p.out_col_dim = out_col_dim;
    p.stride = stride;
    p.input_dilation = input_dilation < 1 ? 1 : input_dilation;
    p.kernel_dilation = kernel_dilation < 1 ? 1 : kernel_dilation;
    p.padding = padding;
    p.kernel_dim = kernel_dim;
    p.wrot180 = wrot180;
    p.trans_output_1203 = trans_output_1203;
    p.trans_input_3120 = trans_input_3120;
    p.trans_weight_1203 = trans_weight_1203;
    p.trans_weight_0132 = trans_weight_0132;
    p.dw = false;
    p.no_pool = pool_stride == 0;
    p.pool_size = p.no_pool ? 1 : pool_size;
    p.pool_stride = p.no_pool ? 1 : pool_stride;
    p.pool_padding = p.no_pool ? 0 : pool_padding;
    p.pool_out_row_dim = (out_row_dim + 2 * p.pool_padding - p.pool_size) / p.pool_stride + 1;
    p.pool_out_col_dim = (out_col_dim + 2 * p.pool_padding - p.pool_size) / p.pool_stride + 1;
    p.in_stride = in_channels;
    p.weight_stride = out_channels;
    p.out_stride = out_channels;
    p.input = input;
    p.weights = weights;
    p.bias = bias;
    p.output = output;
    p.act = act;
    p.scale = scale;
    return p;
}

/* First-layer optimization: with few input channels, one compute covers several kernel
   columns (their pixels sit side by side in a scratchpad row, put there by the mvin's pixel
   repeats). It needs consecutive kernel columns to read consecutive pixels and the weights
   of a kernel row to be stored column after column. */
static inline int gemmini_conv_pixels_per_row(const gemmini_conv_problem_t *p)
{
#ifdef HAS_FIRST_LAYER_OPTIMIZATIONS
    if (p->kernel_dilation != 1 || p->input_dilation != 1 || p->trans_input_3120 || p->trans_weight_0132 ||
        p->dw || p->in_channels * 2 > DIM)
        return 1;
    return gemmini_min_int(DIM / p->in_channels, p->kernel_dim);
#else
    (void)p;
    return 1;
#endif
}

/* ---- The reference ---- */

/* Input value at (row, col) of the padded, dilated input; zero in padding and dilation gaps. */
static inline elem_t gemmini_conv_ref_input(const gemmini_conv_problem_t *p, int b, int row, int col, int ch)
{
    int r = row - p->padding, c = col - p->padding;
    if (r < 0 || c < 0)
        return 0;
    if (p->input_dilation > 1) {
        if (r % p->input_dilation != 0 || c % p->input_dilation != 0)
            return 0;
        r /= p->input_dilation;
        c /= p->input_dilation;
    }
    if (r >= p->in_row_dim || c >= p->in_col_dim)
        return 0;
    if (p->trans_input_3120)
        return p->input[((size_t)(ch * p->in_row_dim + r) * p->in_col_dim + c) * p->batch_size + b];
    return p->input[((size_t)(b * p->in_row_dim + r) * p->in_col_dim + c) * p->in_stride + ch];
}

/* Weight applied at kernel position (krow, kcol) from input channel ich to output channel och. */
static inline elem_t gemmini_conv_ref_weight(const gemmini_conv_problem_t *p, int krow, int kcol, int ich, int och)
{
    const int kd = p->kernel_dim;
    if (p->wrot180) {
        krow = kd - 1 - krow;
        kcol = kd - 1 - kcol;
    }
    if (p->trans_weight_1203)
        return p->weights[((size_t)(ich * kd + krow) * kd + kcol) * p->out_channels + och];
    if (p->trans_weight_0132)
        return p->weights[((size_t)(krow * kd + kcol) * p->out_channels + och) * p->in_channels + ich];
    return p->weights[((size_t)(krow * kd + kcol) * p->in_channels + ich) * p->weight_stride + och];
}

/* The convolution on the core. The accumulation follows the tiled hardware: the bias (or
   zero) first, then one partial sum per (kernel tile, kernel row, group of max_pixels_per_row
   kernel columns, DIM input channels), each a chain over its pixels and channels. Integer
   results do not depend on this order; fp32 results match the hardware bit for bit. */
static inline void gemmini_conv_reference(const gemmini_conv_problem_t *p, const gemmini_conv_tiling_t *t,
                                          int max_pixels_per_row)
{
    const int kd = p->kernel_dim, kdil = p->kernel_dilation;
    const int mppr = max_pixels_per_row < 1 ? 1 : max_pixels_per_row;
    elem_t *conv_out = p->output;
    if (!p->no_pool) {
        conv_out = (elem_t *)malloc((size_t)p->batch_size * p->out_row_dim * p->out_col_dim * p->out_channels *
                                    sizeof(elem_t));
        if (conv_out == NULL)
            gemmini_fail("conv_cpu", "out of memory for the unpooled output");
    }

    for (int b = 0; b < p->batch_size; b++)
        for (int orow = 0; orow < p->out_row_dim; orow++)
            for (int ocol = 0; ocol < p->out_col_dim; ocol++)
                for (int och = 0; och < p->out_channels; och++) {
                    acc_t acc = p->bias != NULL ? p->bias[och] : 0;
                    for (int krow0 = 0; krow0 < kd; krow0 += t->krows)
                        for (int kcol0 = 0; kcol0 < kd; kcol0 += t->kcols)
                            for (int kch0 = 0; kch0 < p->in_channels; kch0 += t->kchs) {
                                const int krow_end = gemmini_min_int(kd, krow0 + t->krows);
                                const int kcol_end = gemmini_min_int(kd, kcol0 + t->kcols);
                                const int kch_end = gemmini_min_int(p->in_channels, kch0 + t->kchs);
                                for (int krow = krow0; krow < krow_end; krow++)
                                    for (int kcol = kcol0; kcol < kcol_end; kcol += mppr)
                                        for (int kch = kch0; kch < kch_end; kch += DIM) {
                                            const int pixels = gemmini_min_int(mppr, kcol_end - kcol);
                                            const int ch_end = gemmini_min_int(kch_end, kch + DIM);
                                            acc_t partial = 0;
                                            for (int q = 0; q < pixels; q++)
                                                for (int ich = kch; ich < ch_end; ich++) {
                                                    const elem_t x = gemmini_conv_ref_input(
                                                        p, b, orow * p->stride + krow * kdil,
                                                        ocol * p->stride + (kcol + q) * kdil, ich);
                                                    const elem_t w =
                                                        gemmini_conv_ref_weight(p, krow, kcol + q, ich, och);
                                                    partial = gemmini_ref_mac(partial, x, w);
                                                }
                                            acc = gemmini_ref_add(acc, gemmini_ref_array_result(partial));
                                        }
                            }
                    const elem_t value = gemmini_ref_scale_out(acc, p->scale, p->act);
                    size_t index;
                    if (!p->no_pool)
                        index = ((size_t)(b * p->out_row_dim + orow) * p->out_col_dim + ocol) * p->out_channels + och;
                    else if (p->trans_output_1203)
                        index = ((size_t)(orow * p->out_col_dim + ocol) * p->batch_size + b) * p->out_channels + och;
                    else
                        index = ((size_t)(b * p->out_row_dim + orow) * p->out_col_dim + ocol) * p->out_stride + och;
                    conv_out[index] = value;
                }

    if (p->no_pool)
        return;
    /* Max pooling; window positions outside the convolution's output count as zero. */
    for (int b = 0; b < p->batch_size; b++)
        for (int porow = 0; porow < p->pool_out_row_dim; porow++)
            for (int pocol = 0; pocol < p->pool_out_col_dim; pocol++)
                for (int ch = 0; ch < p->out_channels; ch++) {
                    elem_t best = elem_t_min;
                    for (int wr = 0; wr < p->pool_size; wr++)
                        for (int wc = 0; wc < p->pool_size; wc++) {
                            const int orow = porow * p->pool_stride + wr - p->pool_padding;
                            const int ocol = pocol * p->pool_stride + wc - p->pool_padding;
                            elem_t v = 0;
                            if (orow >= 0 && orow < p->out_row_dim && ocol >= 0 && ocol < p->out_col_dim)
                                v = conv_out[((size_t)(b * p->out_row_dim + orow) * p->out_col_dim + ocol) *
                                                 p->out_channels + ch];
                            if (v > best)
                                best = v;
                        }
                    p->output[((size_t)(b * p->pool_out_row_dim + porow) * p->pool_out_col_dim + pocol) *
                                  p->out_stride + ch] = best;
                }
    free(conv_out);
}

/* ---- Tiling ---- */

/* Conventional (unpooled) output rows a tile of porows pooled rows needs. */
static inline int gemmini_conv_tile_orows(const gemmini_conv_problem_t *p, int porows)
{
    return (porows - 1) * p->pool_stride + p->pool_size;
}

/* Scratchpad rows (input + weights) and accumulator rows a tiling needs, as the loop lays
   them out; the tile at the image's corner is the largest. */
static inline bool gemmini_conv_tiling_fits(const gemmini_conv_problem_t *p, const gemmini_conv_tiling_t *t)
{
    const int orows = gemmini_conv_tile_orows(p, t->porows), ocols = gemmini_conv_tile_orows(p, t->pocols);
    const int dkrows = t->krows + (p->kernel_dilation - 1) * (t->krows - 1);
    const int dkcols = t->kcols + (p->kernel_dilation - 1) * (t->kcols - 1);
    const size_t irows = (size_t)orows * p->stride + dkrows - 1, icols = (size_t)ocols * p->stride + dkcols - 1;
    const size_t input_rows = p->trans_input_3120 ? gemmini_blocks(t->batches) * t->kchs * irows * icols
                                                  : gemmini_blocks(t->kchs) * t->batches * irows * icols;
    const size_t weight_rows = p->trans_weight_0132 ? gemmini_blocks(t->kchs) * t->krows * t->kcols * t->pochs
                                                    : gemmini_blocks(t->pochs) * t->krows * t->kcols * t->kchs;
    const size_t output_rows = gemmini_blocks(t->pochs) * t->batches * orows * ocols;
    /* Pooled stores describe the tile in 8-bit fields. */
    if (!p->no_pool && (orows > 255 || ocols > 255 || t->porows > 255 || t->pocols > 255))
        return false;
    return input_rows + weight_rows <= GEMMINI_SPAD_ROWS && output_rows <= GEMMINI_ACC_TOTAL_ROWS / 2;
}

/* Starts from the whole convolution and shrinks until the tile fits: batches first, then
   the largest of pooled rows, pooled columns, output-channel blocks and input-channel
   blocks, and the kernel last. */
static inline gemmini_conv_tiling_t gemmini_conv_auto_tiling(const gemmini_conv_problem_t *p)
{
    gemmini_conv_tiling_t t = {p->batch_size, p->pool_out_row_dim, p->pool_out_col_dim, p->out_channels,
                               p->kernel_dim, p->kernel_dim, p->in_channels};
    while (!gemmini_conv_tiling_fits(p, &t)) {
        if (t.batches > 1) {
            t.batches = (t.batches + 1) / 2;
            continue;
        }
        const int och_blocks = gemmini_blocks_int(t.pochs), ich_blocks = gemmini_blocks_int(t.kchs);
        int largest = 1;
        if (t.porows > largest) largest = t.porows;
        if (t.pocols > largest) largest = t.pocols;
        if (och_blocks > largest) largest = och_blocks;
        if (ich_blocks > largest) largest = ich_blocks;
        if (largest > 1) {
            if (t.porows == largest)
                t.porows--;
            else if (t.pocols == largest)
                t.pocols--;
            else if (och_blocks == largest)
                t.pochs = (och_blocks - 1) * DIM;
            else
                t.kchs = (ich_blocks - 1) * DIM;
            continue;
        }
        if (t.krows > 1) {
            t.krows--;
            continue;
        }
        if (t.kcols > 1) {
            t.kcols--;
            continue;
        }
        gemmini_fail("tiled_conv", "even the smallest tile does not fit in the scratchpad and accumulator");
    }
    return t;
}

/* ---- One tile ---- */

/* WS: hand the tile to the hardware loop. */
static inline void sp_tiled_conv(const gemmini_conv_tile_t *c)
{
    gemmini_loop_conv_ws(c->batch_size, c->in_row_dim, c->in_col_dim, c->in_channels, c->out_channels,
                         c->out_row_dim, c->out_col_dim, c->pool_out_row_dim, c->pool_out_col_dim, c->stride,
                         c->padding, c->kernel_dim, c->kernel_dilation, c->pool_size, c->pool_stride,
                         c->pool_padding, c->batches, c->porows, c->pocols, c->pochs, c->krows, c->kcols, c->kchs,
                         c->lpad, c->rpad, c->upad, c->dpad, c->plpad, c->prpad, c->pupad, c->pdpad, c->orows,
                         c->ocols, c->weights, c->output, c->bias, c->input, c->no_bias, c->no_pool, c->downsample,
                         c->wrot180, c->input_dilated, c->act, c->trans_output_1203, c->trans_weight_1203,
                         c->trans_weight_0132, c->trans_input_3120, c->max_pixels_per_row, c->in_stride,
                         c->weight_stride, c->out_stride, c->dw, c->a_spad_id, c->b_spad_id);
}

/* ---- Addresses of the loop_conv_ws layout (GemminiLoops.md), for the CPU-sequenced path ---- */

/* Scratchpad row of the input at `position` (row-major in the tile's padded window of
   `image` pixels) for batch b and input channel ich. */
static inline uint32_t gemmini_conv_input_row(const gemmini_conv_tile_t *c, uint32_t A_start, int image, int b,
                                              int ich, int position)
{
    if (c->trans_input_3120)
        return A_start + (uint32_t)((b / DIM) * c->kchs * image + ich * image + position);
    return A_start + (uint32_t)((ich / DIM) * c->batches * image + b * image + position);
}

/* Scratchpad row of the weights for output channel och, kernel position (krow, kcol) and
   input channel kch. */
static inline uint32_t gemmini_conv_weight_row(const gemmini_conv_tile_t *c, uint32_t B_start, int och, int krow,
                                               int kcol, int kch)
{
    if (c->trans_weight_0132) {
        const int per_block = c->krows * c->kcols * c->pochs;
        return B_start + (uint32_t)((kch / DIM) * per_block + (krow * c->kcols + kcol) * c->pochs + och);
    }
    const int per_block = c->krows * c->kcols * c->kchs;
    return B_start + (uint32_t)((och / DIM) * per_block + (krow * c->kcols + kcol) * c->kchs + kch);
}

/* Accumulator row (from the tile's start) of output pixel (b, orow, ocol), channel och. */
static inline uint32_t gemmini_conv_output_row(const gemmini_conv_tile_t *c, int och, int b, int orow, int ocol)
{
    const int image = c->orows * c->ocols;
    return (uint32_t)((och / DIM) * c->batches * image + b * image + orow * c->ocols + ocol);
}

/* DRAM element offset (from the tile's weights) of kernel position (krow, kcol), input
   channel kch, output channel och, in the tile's weight layout. */
static inline int64_t gemmini_conv_weight_offset(const gemmini_conv_tile_t *c, int krow, int kcol, int kch, int och)
{
    const int64_t kd = c->kernel_dim;
    const int64_t kr = c->wrot180 ? kd - krow - 1 : krow, kc = c->wrot180 ? kd - kcol - 1 : kcol;
    if (c->dw)
        return kr * kd + kc;
    if (c->trans_weight_1203)
        return ((kch * kd + kr) * kd + kc) * c->out_channels + och;
    if (c->trans_weight_0132)
        return ((kr * kd + kc) * c->out_channels + och) * c->in_channels + kch;
    return ((kr * kd + kc) * c->in_channels + kch) * c->weight_stride + och;
}

/* WS_SW: the tile's commands issued by the CPU, in the order and with the layout of the
   hardware loop (GemminiLoops.md, loop_conv_ws). Input dilation and downsampling are not
   used on this path (tiled_conv dilates the input in memory instead). */
static inline void sp_tiled_conv_sw(const gemmini_conv_tile_t *c)
{
    /* Bias and output rows alternate between the accumulator's halves, so consecutive
       tiles do not wait on each other's rows. */
    static uint32_t bias_row = 0, output_row = 0;
    const uint64_t elem = sizeof(elem_t);
    const int batches = c->batches, orows = c->orows, ocols = c->ocols, ochs = c->pochs, ichs = c->kchs;
    const int krows = c->krows, kcols = c->kcols;
    const bool in_t = c->trans_input_3120, w_t = c->trans_weight_0132;
    const int dkrows = krows + (c->kernel_dilation - 1) * (krows - 1);
    const int dkcols = kcols + (c->kernel_dilation - 1) * (kcols - 1);
    const int irows = orows * c->stride + dkrows - 1, icols = ocols * c->stride + dkcols - 1;
    const int irows_unpadded = irows - c->upad - c->dpad, icols_unpadded = icols - c->lpad - c->rpad;
    const int image = irows * icols; /* scratchpad rows of one input image (batch, channel block) */
    const int mppr = c->max_pixels_per_row < 1 ? 1 : c->max_pixels_per_row;

    const int spad_rows = (int)GEMMINI_SPAD_ROWS;
    const uint32_t A_start = c->a_spad_id == 2 ? (uint32_t)spad_rows / 2 : 0;
    const int B_rows = w_t ? gemmini_blocks_int(ichs) * kcols * krows * ochs
                           : gemmini_blocks_int(ochs) * kcols * krows * ichs;
    const uint32_t B_start = (uint32_t)((c->b_spad_id == 1 ? spad_rows / 2 : spad_rows) - B_rows);
    const uint32_t D_start = GEMMINI_ACC_ADDR | bias_row;
    const uint32_t C_start = GEMMINI_ACC_ADDR | GEMMINI_ACC_ACCUMULATE | output_row;

    /* 1. Bias: the same row for every pixel (DRAM stride 0), or zeros. */
    if (c->bias != 0) {
        gemmini_extended4_config_ld(0, MVIN_SCALE_IDENTITY, false, batches * orows * ocols, 2);
        for (int b = 0; b < batches; b++)
            for (int orow = 0; orow < orows; orow++)
                for (int ocol = 0; ocol < ocols; ocol += DIM)
                    for (int och = 0; och < ochs; och += DIM) {
                        const uint64_t dram = c->no_bias ? 0 : c->bias + (uint64_t)och * sizeof(acc_t);
                        gemmini_extended_mvin3(dram, D_start + gemmini_conv_output_row(c, och, b, orow, ocol),
                                               gemmini_min_int(DIM, ochs - och), gemmini_min_int(DIM, ocols - ocol));
                    }
    }

    /* 2. Input, padding included (address 0 moves zeros). A row of pixels goes in DIM at a
       time; each mvin carries up to MAX_BLOCK_LEN blocks of channels (of batches with
       trans_input_3120). */
    {
        const int max_chunk = gemmini_min_int(in_t ? batches : ichs, MAX_BLOCK_LEN * DIM);
        const uint64_t dram_stride = (uint64_t)(in_t ? c->batch_size : c->in_stride) * elem;
        gemmini_extended5_config_ld(dram_stride, MVIN_SCALE_IDENTITY, false, in_t ? ichs * image : batches * image,
                                    mppr, 0);
        for (int b = 0; b < batches; b += in_t ? max_chunk : 1)
            for (int irow = -c->upad; irow < irows_unpadded + c->dpad; irow++)
                for (int icol = -c->lpad; icol < icols_unpadded + c->rpad;) {
                    int pixels = gemmini_min_int(DIM, icols_unpadded - icol);
                    if (icol < 0)
                        pixels = gemmini_min_int(DIM, -icol);
                    else if (icol >= icols_unpadded)
                        pixels = gemmini_min_int(DIM, icols_unpadded + c->rpad - icol);
                    const bool padding = irow < 0 || irow >= irows_unpadded || icol < 0 || icol >= icols_unpadded;
                    const int position = (irow + c->upad) * icols + (icol + c->lpad);
                    for (int ich = 0; ich < ichs; ich += in_t ? 1 : max_chunk) {
                        const int chunk = gemmini_min_int(max_chunk, in_t ? batches - b : ichs - ich);
                        int64_t offset;
                        if (in_t)
                            offset = (((int64_t)ich * c->in_row_dim + irow) * c->in_col_dim + icol) * c->batch_size + b;
                        else
                            offset = (((int64_t)b * c->in_row_dim + irow) * c->in_col_dim + icol) * c->in_stride + ich;
                        const uint64_t dram = padding ? 0 : c->input + (uint64_t)offset * elem;
                        gemmini_extended_mvin(dram, gemmini_conv_input_row(c, A_start, image, b, ich, position), chunk,
                                              pixels);
                    }
                    icol += pixels;
                }
    }

    /* 3. Weights: DIM input channels (rows) by up to MAX_BLOCK_LEN blocks of output channels
       per mvin2 (transposed for trans_weight_0132). */
    {
        const int max_chunk = gemmini_min_int(w_t ? ichs : ochs, MAX_BLOCK_LEN * DIM);
        uint64_t dram_stride = (uint64_t)c->weight_stride * elem;
        if (c->dw)
            dram_stride = elem;
        else if (c->trans_weight_1203)
            dram_stride = (uint64_t)c->kernel_dim * c->kernel_dim * c->out_channels * elem;
        else if (w_t)
            dram_stride = (uint64_t)c->in_channels * elem;
        gemmini_extended4_config_ld(dram_stride, MVIN_SCALE_IDENTITY, false,
                                    w_t ? krows * kcols * ochs : krows * kcols * ichs, 1);
        for (int och = 0; och < ochs; och += w_t ? DIM : max_chunk)
            for (int krow = 0; krow < krows; krow++)
                for (int kcol = 0; kcol < kcols; kcol++)
                    for (int kch = 0; kch < ichs; kch += w_t ? max_chunk : DIM) {
                        const int rows = w_t ? gemmini_min_int(DIM, ochs - och) : gemmini_min_int(DIM, ichs - kch);
                        const int cols = w_t ? gemmini_min_int(max_chunk, ichs - kch)
                                             : gemmini_min_int(max_chunk, ochs - och);
                        const int64_t offset = gemmini_conv_weight_offset(c, krow, kcol, kch, och);
                        const uint32_t spad = gemmini_conv_weight_row(c, B_start, och, krow, kcol, kch);
                        gemmini_extended_mvin2(c->weights + (uint64_t)offset * elem, spad, cols, rows);
                    }
    }

    /* 4. Compute: new weights for each (output-channel block, kernel row, group of
       max_pixels_per_row kernel columns, input-channel block), then every output pixel.
       With trans_input_3120 the rows of A are batches: A is read transposed, channel rows an
       image apart, and C rows land an output image apart. */
    if (in_t)
        gemmini_extended3_config_ex(WEIGHT_STATIONARY, 0, 0, ACC_SCALE_IDENTITY, orows * ocols, image, true, false,
                                    true);
    for (int och = 0; och < ochs; och += DIM)
        for (int krow = 0; krow < krows; krow++)
            for (int kcol = 0; kcol < kcols; kcol += mppr)
                for (int kch = 0; kch < ichs; kch += DIM) {
                    const int pixels = gemmini_min_int(mppr, kcols - kcol);
                    const int n_cols = gemmini_min_int(DIM, ochs - och);             /* output channels */
                    const int n_inner = pixels * gemmini_min_int(DIM, ichs - kch);  /* products per sum */
                    const uint32_t B_sp = gemmini_conv_weight_row(c, B_start, och, krow, kcol, kch);
                    bool new_weights = true;
                    for (int b = 0; b < batches; b += in_t ? DIM : 1)
                        for (int orow = 0; orow < orows; orow++)
                            for (int ocol = 0; ocol < ocols; ocol += in_t ? 1 : DIM) {
                                const int irow = orow * c->stride + krow * c->kernel_dilation;
                                const int icol = ocol * c->stride + kcol * c->kernel_dilation;
                                const int n_rows = gemmini_min_int(DIM, in_t ? batches - b : ocols - ocol);
                                const uint32_t A_sp =
                                    gemmini_conv_input_row(c, A_start, image, b, kch, irow * icols + icol);
                                const uint32_t C_acc = C_start + gemmini_conv_output_row(c, och, b, orow, ocol);
                                const uint32_t B_addr = new_weights ? B_sp : GARBAGE_ADDR;
                                /* Operands stored transposed are described as stored. */
                                if (w_t)
                                    gemmini_extended_preload(B_addr, C_acc, n_inner, n_cols, n_cols, n_rows);
                                else
                                    gemmini_extended_preload(B_addr, C_acc, n_cols, n_inner, n_cols, n_rows);
                                const int A_cols = in_t ? n_rows : n_inner, A_rows = in_t ? n_inner : n_rows;
                                if (new_weights)
                                    gemmini_extended_compute_preloaded(A_sp, GARBAGE_ADDR, A_cols, A_rows, n_cols,
                                                                       n_rows);
                                else
                                    gemmini_extended_compute_accumulated(A_sp, GARBAGE_ADDR, A_cols, A_rows, n_cols,
                                                                         n_rows);
                                new_weights = false;
                            }
                }

    /* 5. Output, pooled by the store unit when asked. */
    if (c->output != 0) {
        const uint64_t stride_bytes = (uint64_t)c->out_stride * elem;
        if (c->no_pool) {
            for (int b = 0; b < batches; b++)
                for (int orow = 0; orow < orows; orow++)
                    for (int ocol = 0; ocol < ocols; ocol += DIM)
                        for (int och = 0; och < ochs; och += DIM) {
                            int64_t pixel;
                            if (c->trans_output_1203)
                                pixel = ((int64_t)orow * c->out_col_dim + ocol) * c->batch_size + b;
                            else
                                pixel = ((int64_t)b * c->out_row_dim + orow) * c->out_col_dim + ocol;
                            const int pixel_stride = c->trans_output_1203 ? c->out_channels : c->out_stride;
                            const int64_t offset = pixel * pixel_stride + och;
                            gemmini_extended_mvout(c->output + (uint64_t)offset * elem,
                                                   C_start + gemmini_conv_output_row(c, och, b, orow, ocol),
                                                   gemmini_min_int(DIM, ochs - och),
                                                   gemmini_min_int(DIM, ocols - ocol));
                        }
        } else {
            gemmini_extended2_config_st(stride_bytes, c->act, c->scale, c->pool_stride, c->pool_size,
                                        c->pool_out_col_dim, c->porows, c->pocols, orows, ocols, c->pupad, c->plpad);
            for (int b = 0; b < batches; b++)
                for (int poch = 0; poch < ochs; poch += DIM) {
                    const int64_t image_pixels = (int64_t)c->pool_out_row_dim * c->pool_out_col_dim;
                    const int64_t offset = b * image_pixels * c->out_stride + poch;
                    gemmini_extended_mvout(c->output + (uint64_t)offset * elem,
                                           C_start + gemmini_conv_output_row(c, poch, b, 0, 0),
                                           gemmini_min_int(DIM, ochs - poch), 0);
                }
            gemmini_extended_config_st(stride_bytes, c->act, c->scale);
        }
    }
    if (c->bias != 0)
        bias_row ^= ACC_ROWS / 2;
    if (c->output != 0)
        output_row ^= ACC_ROWS / 2;
}

/* ---- The whole convolution on the accelerator ---- */

/* A copy of the input with input_dilation - 1 zero pixels between neighbours, in the same
   layout, for paths that do not dilate in hardware. Updates p to describe it. */
static inline elem_t *gemmini_conv_dilate_input(gemmini_conv_problem_t *p)
{
    const int d = p->input_dilation;
    const int rows = (p->in_row_dim - 1) * d + 1, cols = (p->in_col_dim - 1) * d + 1;
    elem_t *dilated = (elem_t *)calloc((size_t)p->batch_size * rows * cols * p->in_channels, sizeof(elem_t));
    if (dilated == NULL)
        gemmini_fail("tiled_conv", "out of memory dilating the input");
    for (int b = 0; b < p->batch_size; b++)
        for (int r = 0; r < p->in_row_dim; r++)
            for (int c = 0; c < p->in_col_dim; c++)
                for (int ch = 0; ch < p->in_channels; ch++) {
                    if (p->trans_input_3120)
                        dilated[((size_t)(ch * rows + r * d) * cols + c * d) * p->batch_size + b] =
                            p->input[((size_t)(ch * p->in_row_dim + r) * p->in_col_dim + c) * p->batch_size + b];
                    else
                        dilated[((size_t)(b * rows + r * d) * cols + c * d) * p->in_channels + ch] =
                            p->input[((size_t)(b * p->in_row_dim + r) * p->in_col_dim + c) * p->in_stride + ch];
                }
    p->input = dilated;
    p->in_row_dim = rows;
    p->in_col_dim = cols;
    p->in_stride = p->in_channels;
    p->input_dilation = 1;
    return dilated;
}

/* Pads of a tile along one dimension: the tile reads positions [start, start + span) of the
   padded (and, with hardware dilation, dilated) input whose real part has `real` positions.
   Returns the first real position (in undilated pixels) and sets the before/after pads. With
   hardware dilation the real span must start and end on a pixel (GemminiLoops.md,
   input_dilated), so a dilation gap at either end counts as padding. */
static inline int gemmini_conv_window(int start, int span, int real, bool dilated, int *before, int *after)
{
    int lo = start < 0 ? -start : 0;
    int hi = start + span > real ? start + span - real : 0;
    if (dilated) {
        if ((start + lo) % 2 != 0)
            lo++;
        if (span - lo - hi > 0 && (start + span - hi - 1) % 2 != 0)
            hi++;
    }
    if (lo > span)
        lo = span;
    if (lo + hi > span)
        hi = span - lo;
    *before = lo;
    *after = hi;
    return dilated ? (start + lo) / 2 : start + lo;
}

/* Where a tile starts: its first output batch, pooled row, pooled column and channel, and
   its first kernel row, kernel column and input channel. */
typedef struct {
    int b, porow, pocol, poch, krow, kcol, kch;
} gemmini_conv_origin_t;

/* The loop parameters of one tile (GemminiLoops.md): its sizes, pads and DRAM addresses.
   in_rows / in_cols count the positions of the input the tiles index (dilated when the
   hardware dilates). */
static inline gemmini_conv_tile_t gemmini_conv_tile(const gemmini_conv_problem_t *p, const gemmini_conv_tiling_t *t,
                                                    gemmini_conv_origin_t o, bool input_dilated, int in_rows,
                                                    int in_cols, int max_pixels_per_row)
{
    const uint64_t elem = sizeof(elem_t);
    const int kd = p->kernel_dim;
    gemmini_conv_tile_t c;
    c.batch_size = p->batch_size;
    c.in_row_dim = p->in_row_dim;
    c.in_col_dim = p->in_col_dim;
    c.in_channels = p->in_channels;
    c.out_channels = p->out_channels;
    c.out_row_dim = p->out_row_dim;
    c.out_col_dim = p->out_col_dim;
    c.pool_out_row_dim = p->pool_out_row_dim;
    c.pool_out_col_dim = p->pool_out_col_dim;
    c.stride = p->stride;
    c.padding = p->padding;
    c.kernel_dim = kd;
    c.kernel_dilation = p->kernel_dilation;
    c.pool_size = p->pool_size;
    c.pool_stride = p->pool_stride;
    c.pool_padding = p->pool_padding;

    c.batches = gemmini_min_int(t->batches, p->batch_size - o.b);
    c.porows = gemmini_min_int(t->porows, p->pool_out_row_dim - o.porow);
    c.pocols = gemmini_min_int(t->pocols, p->pool_out_col_dim - o.pocol);
    c.pochs = gemmini_min_int(t->pochs, p->out_channels - o.poch);
    c.krows = gemmini_min_int(t->krows, kd - o.krow);
    c.kcols = gemmini_min_int(t->kcols, kd - o.kcol);
    c.kchs = gemmini_min_int(t->kchs, p->in_channels - o.kch);

    /* Unpooled output rows under the pooled tile; pooling windows reaching outside the
       image are the tile's pooling pads. */
    const int orow_span = gemmini_conv_tile_orows(p, c.porows), ocol_span = gemmini_conv_tile_orows(p, c.pocols);
    int orow0 = o.porow * p->pool_stride - p->pool_padding, ocol0 = o.pocol * p->pool_stride - p->pool_padding;
    gemmini_conv_window(orow0, orow_span, p->out_row_dim, false, &c.pupad, &c.pdpad);
    gemmini_conv_window(ocol0, ocol_span, p->out_col_dim, false, &c.plpad, &c.prpad);
    c.orows = orow_span - c.pupad - c.pdpad;
    c.ocols = ocol_span - c.plpad - c.prpad;
    orow0 += c.pupad;
    ocol0 += c.plpad;

    /* The input window, sized as the loop sizes it; its first real pixel is the tile's input. */
    const int dkrows = c.krows + (p->kernel_dilation - 1) * (c.krows - 1);
    const int dkcols = c.kcols + (p->kernel_dilation - 1) * (c.kcols - 1);
    const int irow0 = orow0 * p->stride + o.krow * p->kernel_dilation - p->padding;
    const int icol0 = ocol0 * p->stride + o.kcol * p->kernel_dilation - p->padding;
    const int64_t in_row =
        gemmini_conv_window(irow0, c.orows * p->stride + dkrows - 1, in_rows, input_dilated, &c.upad, &c.dpad);
    const int64_t in_col =
        gemmini_conv_window(icol0, c.ocols * p->stride + dkcols - 1, in_cols, input_dilated, &c.lpad, &c.rpad);

    int64_t input_offset;
    if (p->trans_input_3120)
        input_offset = ((o.kch * p->in_row_dim + in_row) * p->in_col_dim + in_col) * p->batch_size + o.b;
    else
        input_offset = (((int64_t)o.b * p->in_row_dim + in_row) * p->in_col_dim + in_col) * p->in_stride + o.kch;

    /* With wrot180 the loop counts kernel positions from the far end, so the tile's origin
       moves back by its first kernel row and column. */
    const int64_t kr0 = p->wrot180 ? -o.krow : o.krow, kc0 = p->wrot180 ? -o.kcol : o.kcol;
    int64_t weight_offset;
    if (p->trans_weight_1203)
        weight_offset = (((int64_t)o.kch * kd + kr0) * kd + kc0) * p->out_channels + o.poch;
    else if (p->trans_weight_0132)
        weight_offset = ((kr0 * kd + kc0) * p->out_channels + o.poch) * p->in_channels + o.kch;
    else
        weight_offset = ((kr0 * kd + kc0) * p->in_channels + o.kch) * p->weight_stride + o.poch;

    int64_t output_offset;
    if (p->trans_output_1203)
        output_offset = (((int64_t)orow0 * p->out_col_dim + ocol0) * p->batch_size + o.b) * p->out_channels;
    else
        output_offset = (((int64_t)o.b * p->pool_out_row_dim + o.porow) * p->pool_out_col_dim + o.pocol) *
                        p->out_stride;
    output_offset += o.poch;

    /* Bias on the first loop of an output tile (zeros without one: no_bias with any
       non-zero address), output on the last; the loops between accumulate. */
    const bool first = o.krow == 0 && o.kcol == 0 && o.kch == 0;
    const bool last = o.krow + t->krows >= kd && o.kcol + t->kcols >= kd && o.kch + t->kchs >= p->in_channels;
    c.input = (uint64_t)(uintptr_t)p->input + (uint64_t)input_offset * elem;
    c.weights = (uint64_t)(uintptr_t)p->weights + (uint64_t)weight_offset * elem;
    c.output = last ? (uint64_t)(uintptr_t)p->output + (uint64_t)output_offset * elem : 0;
    c.bias = !first ? 0 : p->bias != NULL ? (uint64_t)(uintptr_t)(p->bias + o.poch) : (uint64_t)(uintptr_t)p->input;
    c.no_bias = p->bias == NULL;
    c.no_pool = p->no_pool;
    c.downsample = false;
    c.wrot180 = p->wrot180;
    c.input_dilated = input_dilated;
    c.trans_output_1203 = p->trans_output_1203;
    c.trans_weight_1203 = p->trans_weight_1203;
    c.trans_weight_0132 = p->trans_weight_0132;
    c.trans_input_3120 = p->trans_input_3120;
    c.dw = p->dw;
    c.act = p->act;
    c.scale = p->scale;
    c.max_pixels_per_row = max_pixels_per_row;
    c.in_stride = p->in_stride;
    c.weight_stride = p->weight_stride;
    c.out_stride = p->out_stride;
    c.a_spad_id = 0;
    c.b_spad_id = 0;
    return c;
}

/* Runs a convolution tile by tile (WS: hardware loops; software: CPU-issued commands). */
static inline void gemmini_conv_run(const gemmini_conv_problem_t *problem, const gemmini_conv_tiling_t *tiling,
                                    int max_pixels_per_row, bool software)
{
    gemmini_conv_problem_t p = *problem;
    const gemmini_conv_tiling_t t = *tiling;
    const char *name = p.dw ? "tiled_conv_dw" : "tiled_conv";
    if (p.act != NO_ACTIVATION && p.act != RELU)
        gemmini_fail(name, "only NO_ACTIVATION and RELU are available on this design");
    if (p.trans_output_1203 && !p.no_pool)
        gemmini_fail(name, "trans_output_1203 cannot be combined with pooling");
    if (p.trans_input_3120 && p.trans_weight_0132)
        gemmini_fail(name, "trans_input_3120 and trans_weight_0132 together need both operands transposed");
    if (p.pool_size > 3 || p.pool_stride > 3 || p.pool_padding > 3)
        gemmini_fail(name, "pooling windows, strides and paddings above 3 do not fit the store configuration");
    if (t.batches < 1 || t.porows < 1 || t.pocols < 1 || t.pochs < 1 || t.krows < 1 || t.kcols < 1 || t.kchs < 1 ||
        !gemmini_conv_tiling_fits(&p, &t))
        gemmini_fail(name, "the tile does not fit in the scratchpad and half the accumulator");

    /* The hardware dilates the input itself for stride 1 (GemminiLoops.md); otherwise the
       input is dilated in memory first. */
    elem_t *dilated_copy = NULL;
    bool input_dilated = false;
    if (p.input_dilation > 1) {
        if (!software && p.input_dilation == 2 && p.stride == 1 && !p.trans_input_3120)
            input_dilated = true;
        else
            dilated_copy = gemmini_conv_dilate_input(&p);
    }
    const int in_rows = input_dilated ? (p.in_row_dim - 1) * 2 + 1 : p.in_row_dim;
    const int in_cols = input_dilated ? (p.in_col_dim - 1) * 2 + 1 : p.in_col_dim;

    /* A_transpose reads channel-major input; B_transpose reads weights stored with the
       input channel innermost; C_stride 2 spreads the results of a dilated input. */
    gemmini_extended3_config_ex(WEIGHT_STATIONARY, p.act & 3, 0, ACC_SCALE_IDENTITY, input_dilated ? 2 : 1, p.stride,
                                p.trans_input_3120, p.trans_weight_0132, false);
    const int out_row_stride = p.trans_output_1203 ? p.batch_size * p.out_channels : p.out_stride;
    gemmini_extended_config_st((uint64_t)out_row_stride * sizeof(elem_t), p.act & 3, p.scale);

    /* Output tiles outside, the kernel and input-channel tiles that accumulate into them inside. */
    gemmini_conv_origin_t o;
    for (o.b = 0; o.b < p.batch_size; o.b += t.batches)
        for (o.porow = 0; o.porow < p.pool_out_row_dim; o.porow += t.porows)
            for (o.pocol = 0; o.pocol < p.pool_out_col_dim; o.pocol += t.pocols)
                for (o.poch = 0; o.poch < p.out_channels; o.poch += t.pochs)
                    for (o.krow = 0; o.krow < p.kernel_dim; o.krow += t.krows)
                        for (o.kcol = 0; o.kcol < p.kernel_dim; o.kcol += t.kcols)
                            for (o.kch = 0; o.kch < p.in_channels; o.kch += t.kchs) {
                                const gemmini_conv_tile_t c =
                                    gemmini_conv_tile(&p, &t, o, input_dilated, in_rows, in_cols, max_pixels_per_row);
                                if (software)
                                    sp_tiled_conv_sw(&c);
                                else
                                    sp_tiled_conv(&c);
                            }
    gemmini_fence();
    free(dilated_copy);
}

/* ---- Public entry points ---- */

static inline void conv_cpu(int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels,
                            int out_row_dim, int out_col_dim, int stride, int input_dilation, int kernel_dilation,
                            int padding, int kernel_dim, bool wrot180, bool trans_output_1203, bool trans_input_3120,
                            bool trans_weight_1203, bool trans_weight_0132, const elem_t *input,
                            const elem_t *weights, const acc_t *bias, elem_t *output, int act, acc_scale_t scale,
                            int pool_size, int pool_stride, int pool_padding)
{
    /* The reference accumulates in the order the automatically tiled hardware does. */
    const gemmini_conv_problem_t p = gemmini_conv_problem(
        batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride,
        input_dilation, kernel_dilation, padding, kernel_dim, wrot180, trans_output_1203, trans_input_3120,
        trans_weight_1203, trans_weight_0132, input, weights, bias, output, act, scale, pool_size, pool_stride,
        pool_padding);
    const gemmini_conv_tiling_t t = gemmini_conv_auto_tiling(&p);
    gemmini_conv_reference(&p, &t, gemmini_conv_pixels_per_row(&p));
}

static inline void tiled_conv(int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels,
                              int out_row_dim, int out_col_dim, int stride, int input_dilation, int kernel_dilation,
                              int padding, int kernel_dim, bool wrot180, bool trans_output_1203,
                              bool trans_input_3120, bool trans_weight_1203, bool trans_weight_0132, int batches,
                              int porows, int pocols, int pochs, int krows, int kcols, int kchs, const elem_t *input,
                              const elem_t *weights, const acc_t *bias, elem_t *output, int act, acc_scale_t scale,
                              int pool_size, int pool_stride, int pool_padding,
                              enum tiled_matmul_type_t tiled_conv_type)
{
    const gemmini_conv_problem_t p = gemmini_conv_problem(
        batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride,
        input_dilation, kernel_dilation, padding, kernel_dim, wrot180, trans_output_1203, trans_input_3120,
        trans_weight_1203, trans_weight_0132, input, weights, bias, output, act, scale, pool_size, pool_stride,
        pool_padding);
    const gemmini_conv_tiling_t t = {batches, porows, pocols, pochs, krows, kcols, kchs};
    const int mppr = gemmini_conv_pixels_per_row(&p);
    if (tiled_conv_type == CPU)
        gemmini_conv_reference(&p, &t, mppr);
    else
        gemmini_conv_run(&p, &t, mppr, tiled_conv_type == WS_SW);
}

static inline void tiled_conv_auto(int batch_size, int in_row_dim, int in_col_dim, int in_channels, int out_channels,
                                   int out_row_dim, int out_col_dim, int stride, int input_dilation,
                                   int kernel_dilation, int padding, int kernel_dim, bool wrot180,
                                   bool trans_output_1203, bool trans_input_3120, bool trans_weight_1203,
                                   bool trans_weight_0132, const elem_t *input, const elem_t *weights,
                                   const acc_t *bias, elem_t *output, int act, acc_scale_t scale, int pool_size,
                                   int pool_stride, int pool_padding, enum tiled_matmul_type_t tiled_conv_type)
{
    const gemmini_conv_problem_t p = gemmini_conv_problem(
        batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride,
        input_dilation, kernel_dilation, padding, kernel_dim, wrot180, trans_output_1203, trans_input_3120,
        trans_weight_1203, trans_weight_0132, input, weights, bias, output, act, scale, pool_size, pool_stride,
        pool_padding);
    const gemmini_conv_tiling_t t = gemmini_conv_auto_tiling(&p);
    tiled_conv(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride,
               input_dilation, kernel_dilation, padding, kernel_dim, wrot180, trans_output_1203, trans_input_3120,
               trans_weight_1203, trans_weight_0132, t.batches, t.porows, t.pocols, t.pochs, t.krows, t.kcols, t.kchs,
               input, weights, bias, output, act, scale, pool_size, pool_stride, pool_padding, tiled_conv_type);
}

/* ---- Depthwise convolution ----
   input [batch][in_row][in_col][channels], weights [channels][kernel_dim][kernel_dim],
   bias acc_t [channels] or NULL, output [batch][pool_out_row][pool_out_col][channels].
   Runs one channel at a time: a 1-in, 1-out convolution over strided channel slices. */

static inline gemmini_conv_problem_t gemmini_conv_dw_channel(
    int batch_size, int in_row_dim, int in_col_dim, int channels, int out_row_dim, int out_col_dim, int stride,
    int padding, int kernel_dim, const elem_t *input, const elem_t *weights, const acc_t *bias, elem_t *output,
    int act, acc_scale_t scale, int pool_size, int pool_stride, int pool_padding, int channel)
{
    gemmini_conv_problem_t p = gemmini_conv_problem(
        batch_size, in_row_dim, in_col_dim, 1, 1, out_row_dim, out_col_dim, stride, 1, 1, padding, kernel_dim, false,
        false, false, false, false, input + channel, weights + (size_t)channel * kernel_dim * kernel_dim,
        bias != NULL ? bias + channel : NULL, output + channel, act, scale, pool_size, pool_stride, pool_padding);
    p.dw = true;
    p.in_stride = channels;
    p.weight_stride = 1;
    p.out_stride = channels;
    return p;
}

static inline void conv_dw_cpu(int batch_size, int in_row_dim, int in_col_dim, int channels, int out_row_dim,
                               int out_col_dim, int stride, int padding, int kernel_dim, const elem_t *input,
                               const elem_t *weights, const acc_t *bias, elem_t *output, int act, acc_scale_t scale,
                               int pool_size, int pool_stride, int pool_padding)
{
    for (int ch = 0; ch < channels; ch++) {
        const gemmini_conv_problem_t p = gemmini_conv_dw_channel(
            batch_size, in_row_dim, in_col_dim, channels, out_row_dim, out_col_dim, stride, padding, kernel_dim,
            input, weights, bias, output, act, scale, pool_size, pool_stride, pool_padding, ch);
        const gemmini_conv_tiling_t t = gemmini_conv_auto_tiling(&p);
        gemmini_conv_reference(&p, &t, 1);
    }
}

static inline void tiled_conv_dw(int batch_size, int in_row_dim, int in_col_dim, int channels, int out_row_dim,
                                 int out_col_dim, int stride, int padding, int kernel_dim, int batches, int porows,
                                 int pocols, int krows, int kcols, const elem_t *input, const elem_t *weights,
                                 const acc_t *bias, elem_t *output, int act, acc_scale_t scale, int pool_size,
                                 int pool_stride, int pool_padding, enum tiled_matmul_type_t tiled_conv_type)
{
    const gemmini_conv_tiling_t t = {batches, porows, pocols, 1, krows, kcols, 1};
    for (int ch = 0; ch < channels; ch++) {
        const gemmini_conv_problem_t p = gemmini_conv_dw_channel(
            batch_size, in_row_dim, in_col_dim, channels, out_row_dim, out_col_dim, stride, padding, kernel_dim,
            input, weights, bias, output, act, scale, pool_size, pool_stride, pool_padding, ch);
        if (tiled_conv_type == CPU)
            gemmini_conv_reference(&p, &t, 1);
        else
            gemmini_conv_run(&p, &t, 1, tiled_conv_type == WS_SW);
    }
}

static inline void tiled_conv_dw_auto(int batch_size, int in_row_dim, int in_col_dim, int channels, int out_row_dim,
                                      int out_col_dim, int stride, int padding, int kernel_dim, const elem_t *input,
                                      const elem_t *weights, const acc_t *bias, elem_t *output, int act,
                                      acc_scale_t scale, int pool_size, int pool_stride, int pool_padding,
                                      enum tiled_matmul_type_t tiled_conv_type)
{
    const gemmini_conv_problem_t p = gemmini_conv_dw_channel(
        batch_size, in_row_dim, in_col_dim, channels, out_row_dim, out_col_dim, stride, padding, kernel_dim, input,
        weights, bias, output, act, scale, pool_size, pool_stride, pool_padding, 0);
    const gemmini_conv_tiling_t t = gemmini_conv_auto_tiling(&p);
    tiled_conv_dw(batch_size, in_row_dim, in_col_dim, channels, out_row_dim, out_col_dim, stride, padding, kernel_dim,
                  t.batches, t.porows, t.pocols, t.krows, t.kcols, input, weights, bias, output, act, scale, pool_size,
                  pool_stride, pool_padding, tiled_conv_type);
}

#endif /* GEMMINI_H */
