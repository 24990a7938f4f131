/*
 * kernels.S: micro-kernels for the host core's cycle model (Tests/SimulatorTests/Timing).
 * driver.c calls each one twice and reports the cycles and instructions of the second call.
 *
 * Every kernel is written so that its cost has a closed form in the core's parameters
 * (comments give it per iteration); the tests check the measured cycles against it.
 * No compressed instructions, so that code sizes (I-cache lines) are exact.
 */
    .option norvc
    .text

/* Nothing: the measurement's own overhead (the call, the return, the counter reads). */
    .globl k_empty
k_empty:
    ret

/* a0 iterations of 14 independent ALU ops + loop: 16 instructions, 16 cycles (CPI 1). */
    .globl k_alu
    .balign 64
k_alu:
1:  addi t0, t0, 1
    addi t1, t1, 1
    addi t2, t2, 1
    addi t3, t3, 1
    addi t4, t4, 1
    addi t5, t5, 1
    addi t6, t6, 1
    addi a1, a1, 1
    addi a2, a2, 1
    addi a3, a3, 1
    addi a4, a4, 1
    addi a5, a5, 1
    addi a6, a6, 1
    addi a7, a7, 1
    addi a0, a0, -1
    bnez a0, 1b
    ret

/* a0 iterations of 8 dependent loads through a1 (which points to itself): 8 x load-use
   latency per iteration (the loop's two instructions fit in the last load's shadow). */
    .globl k_load_chain
k_load_chain:
1:  ld a1, 0(a1)
    ld a1, 0(a1)
    ld a1, 0(a1)
    ld a1, 0(a1)
    ld a1, 0(a1)
    ld a1, 0(a1)
    ld a1, 0(a1)
    ld a1, 0(a1)
    addi a0, a0, -1
    bnez a0, 1b
    ret

/* Multiplies and divides: 8 per iteration, dependent (each needs the previous result) or
   independent (but one iterative unit): 8 x the unit's latency per iteration either way. */
    .globl k_mul_chain
k_mul_chain:
    li a2, 1
1:  mul a1, a1, a2
    mul a1, a1, a2
    mul a1, a1, a2
    mul a1, a1, a2
    mul a1, a1, a2
    mul a1, a1, a2
    mul a1, a1, a2
    mul a1, a1, a2
    addi a0, a0, -1
    bnez a0, 1b
    ret

    .globl k_mul_independent
k_mul_independent:
    li a2, 3
1:  mul t0, a2, a2
    mul t1, a2, a2
    mul t2, a2, a2
    mul t3, a2, a2
    mul t4, a2, a2
    mul t5, a2, a2
    mul t6, a2, a2
    mul a3, a2, a2
    addi a0, a0, -1
    bnez a0, 1b
    ret

    .globl k_div_chain
k_div_chain:
    li a1, 1000
    li a2, 1
1:  div a1, a1, a2
    div a1, a1, a2
    div a1, a1, a2
    div a1, a1, a2
    div a1, a1, a2
    div a1, a1, a2
    div a1, a1, a2
    div a1, a1, a2
    addi a0, a0, -1
    bnez a0, 1b
    ret

    .globl k_div_independent
k_div_independent:
    li a2, 1000
    li a3, 7
1:  div t0, a2, a3
    div t1, a2, a3
    div t2, a2, a3
    div t3, a2, a3
    div t4, a2, a3
    div t5, a2, a3
    div t6, a2, a3
    div a4, a2, a3
    addi a0, a0, -1
    bnez a0, 1b
    ret

/* 8 dependent fused multiply-adds per iteration: 8 x fused latency. */
    .globl k_fma_chain
k_fma_chain:
    fmv.d.x f1, zero
    fmv.d.x f2, zero
1:  fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    fmadd.d f0, f0, f1, f2
    addi a0, a0, -1
    bnez a0, 1b
    ret

/* 8 independent fused multiply-adds (each depends only on itself one iteration back, 10
   instructions earlier): the FPU is pipelined, so 10 cycles per iteration (CPI 1). */
    .globl k_fma_independent
k_fma_independent:
    fmv.d.x f10, zero
    fmv.d.x f11, zero
1:  fmadd.d f0, f0, f10, f11
    fmadd.d f1, f1, f10, f11
    fmadd.d f2, f2, f10, f11
    fmadd.d f3, f3, f10, f11
    fmadd.d f4, f4, f10, f11
    fmadd.d f5, f5, f10, f11
    fmadd.d f6, f6, f10, f11
    fmadd.d f7, f7, f10, f11
    addi a0, a0, -1
    bnez a0, 1b
    ret

/* 4 independent double divides per iteration, on one iterative unit: 4 x divide latency. */
    .globl k_fdiv_independent
k_fdiv_independent:
    li t0, 1
    fcvt.d.l f10, t0
1:  fdiv.d f0, f10, f10
    fdiv.d f1, f10, f10
    fdiv.d f2, f10, f10
    fdiv.d f3, f10, f10
    addi a0, a0, -1
    bnez a0, 1b
    ret

/* a0 iterations over the bytes at a1: a branch taken when the byte is 0, and the loop's
   own branch. Without mispredictions every instruction takes one cycle (the load's
   latency is covered by the two instructions before the branch that uses it). */
    .globl k_branch
    .balign 64
k_branch:
1:  lbu t0, 0(a1)
    addi a1, a1, 1
    addi a0, a0, -1
    beqz t0, 2f
    addi t1, t1, 1
2:  bnez a0, 1b
    ret

/* One access per 64-byte line from a0 up to a1 (3 instructions per line). */
    .globl k_stream_load
k_stream_load:
1:  ld t0, 0(a0)
    addi a0, a0, 64
    bne a0, a1, 1b
    ret

    .globl k_stream_store
k_stream_store:
1:  sd zero, 0(a0)
    addi a0, a0, 64
    bne a0, a1, 1b
    ret

/* Straight-line code: 2048 instructions (8 KiB, fits the 16 KiB I-cache) and 8192
   instructions (32 KiB, 512 lines: every line misses the I-cache on each pass). */
    .globl k_code_small
    .balign 64
k_code_small:
    .rept 2047
    addi t0, t0, 1
    .endr
    ret

    .globl k_code_large
    .balign 64
k_code_large:
    .rept 8191
    addi t0, t0, 1
    .endr
    ret

/* a0 iterations of two calls of one leaf function from two sites: its return alternates
   between two targets, which the return-address stack predicts and a last-target table
   would not. 6 instructions, 6 cycles per iteration. */
    .globl k_calls_leaf
k_calls_leaf:
    mv t6, ra
1:  jal ra, leaf
    jal ra, leaf
    addi a0, a0, -1
    bnez a0, 1b
    mv ra, t6
    ret
leaf:
    ret

/*
 * Call chains: each iteration descends a chain of nested calls twice, once through the A
 * entry of every level and once through the B entry. Both entries of a level share its
 * return, so every return alternates between two targets: the return-address stack
 * predicts the innermost `returnStackEntries` returns of each descent; the outer ones find
 * it empty, fall back to the last target seen, and mispredict. Per iteration:
 * 2 x max(0, depth - returnStackEntries) mispredictions.
 */
.macro LEVEL this, next, reg
\this\()_A:
    mv \reg, ra
    jal ra, \next\()_A
    j \this\()_tail
\this\()_B:
    mv \reg, ra
    jal ra, \next\()_B
\this\()_tail:
    mv ra, \reg
    ret
.endm

.macro LEAF this
\this\()_A:
\this\()_B:
    ret
.endm

/* Depth 4. */
    LEVEL shallow1, shallow2, t0
    LEVEL shallow2, shallow3, t1
    LEVEL shallow3, shallow4, t2
    LEAF shallow4

    .globl k_calls_shallow
k_calls_shallow:
    mv t6, ra
1:  jal ra, shallow1_A
    jal ra, shallow1_B
    addi a0, a0, -1
    bnez a0, 1b
    mv ra, t6
    ret

/* Depth 10. */
    LEVEL deep1, deep2, t0
    LEVEL deep2, deep3, t1
    LEVEL deep3, deep4, t2
    LEVEL deep4, deep5, t3
    LEVEL deep5, deep6, t4
    LEVEL deep6, deep7, t5
    LEVEL deep7, deep8, a1
    LEVEL deep8, deep9, a2
    LEVEL deep9, deep10, a3
    LEAF deep10

    .globl k_calls_deep
k_calls_deep:
    mv t6, ra
1:  jal ra, deep1_A
    jal ra, deep1_B
    addi a0, a0, -1
    bnez a0, 1b
    mv ra, t6
    ret
