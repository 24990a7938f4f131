/*
 * crt0.S: first code to run. The simulator starts the hart at 0x80000000,
 * where the linker script puts .text.init, with nothing set up.
 * mtvec is deliberately left alone: a trap while it is 0 is reported by the
 * simulator with the faulting PC and instruction, which beats a silent loop.
 */
    .section .text.init, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    /* Defined register state, so runs are reproducible. */
    li x1, 0
    li x2, 0
    li x3, 0
    li x4, 0
    li x5, 0
    li x6, 0
    li x7, 0
    li x8, 0
    li x9, 0
    li x10, 0
    li x11, 0
    li x12, 0
    li x13, 0
    li x14, 0
    li x15, 0
    li x16, 0
    li x17, 0
    li x18, 0
    li x19, 0
    li x20, 0
    li x21, 0
    li x22, 0
    li x23, 0
    li x24, 0
    li x25, 0
    li x26, 0
    li x27, 0
    li x28, 0
    li x29, 0
    li x30, 0
    li x31, 0

    /* Turn on the FPU (mstatus.FS) and the accelerator state (mstatus.XS);
       RoCC instructions trap while XS is 0. */
    li t0, 0x6000 | 0x18000
    csrs mstatus, t0

    /* FS is on now, so the FP registers and fcsr can be cleared. */
    fmv.d.x f0, zero
    fmv.d.x f1, zero
    fmv.d.x f2, zero
    fmv.d.x f3, zero
    fmv.d.x f4, zero
    fmv.d.x f5, zero
    fmv.d.x f6, zero
    fmv.d.x f7, zero
    fmv.d.x f8, zero
    fmv.d.x f9, zero
    fmv.d.x f10, zero
    fmv.d.x f11, zero
    fmv.d.x f12, zero
    fmv.d.x f13, zero
    fmv.d.x f14, zero
    fmv.d.x f15, zero
    fmv.d.x f16, zero
    fmv.d.x f17, zero
    fmv.d.x f18, zero
    fmv.d.x f19, zero
    fmv.d.x f20, zero
    fmv.d.x f21, zero
    fmv.d.x f22, zero
    fmv.d.x f23, zero
    fmv.d.x f24, zero
    fmv.d.x f25, zero
    fmv.d.x f26, zero
    fmv.d.x f27, zero
    fmv.d.x f28, zero
    fmv.d.x f29, zero
    fmv.d.x f30, zero
    fmv.d.x f31, zero
    csrw fcsr, zero

    /* gp must be loaded without relaxation, or the linker would turn this
       into a gp-relative load of gp itself. */
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop

    /* Thread pointer: the program's TLS block (picolibc's errno lives there),
       used in place and 64-byte aligned; see link.ld. */
    la tp, __tls_base
    la sp, __stack_top

    /* Zero .tbss, then .sbss/.bss (8-byte aligned bounds): loaders need not
       clear them. */
    la a0, __tbss_start
    la a1, __tbss_end
    call zero_range
    la a0, __bss_start
    la a1, __bss_end
    call zero_range

    /* Static constructors, in link order. */
    la s0, __preinit_array_start
    la s1, __preinit_array_end
    call run_array
    la s0, __init_array_start
    la s1, __init_array_end
    call run_array

    /* main(0, NULL); then exit flushes stdout and reports the status. */
    li a0, 0
    li a1, 0
    li a2, 0
    call main
    call exit
1:  j 1b
    .size _start, . - _start

/* zero_range(a0 = start, a1 = end): clears [start, end), both 8-byte aligned.
   64 bytes per iteration, so zeroing a static array of hundreds of MiB costs
   a simulator about one instruction per doubleword instead of three. */
    .type zero_range, @function
zero_range:
    addi t0, a1, -64
1:  bgtu a0, t0, 2f          /* fewer than 64 bytes left */
    sd zero, 0(a0)
    sd zero, 8(a0)
    sd zero, 16(a0)
    sd zero, 24(a0)
    sd zero, 32(a0)
    sd zero, 40(a0)
    sd zero, 48(a0)
    sd zero, 56(a0)
    addi a0, a0, 64
    j 1b
2:  bgeu a0, a1, 3f
    sd zero, 0(a0)
    addi a0, a0, 8
    j 2b
3:  ret
    .size zero_range, . - zero_range

/* run_array(s0 = first, s1 = end): calls each function pointer in [s0, s1).
   s0/s1 are callee-saved, so the constructors keep them intact; ra is kept in s2. */
    .type run_array, @function
run_array:
    mv s2, ra
    bgeu s0, s1, 2f
1:  ld t0, 0(s0)
    jalr t0
    addi s0, s0, 8
    bltu s0, s1, 1b
2:  mv ra, s2
    ret
    .size run_array, . - run_array

/* One TLS word, so .tdata is never empty and the TLS block always starts at
   __tls_base (see link.ld). */
    .section .tdata, "awT", @progbits
    .balign 8
__tls_anchor:
    .dword 0
