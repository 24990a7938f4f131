/*
 * trap_support.S: the trap handler described in trap.h.
 */
    .option norvc

    .section .bss
    .balign 8
    .globl trap_record
trap_record:
    .space 48           /* mcause, mepc, mtval, mstatus, count, resume */

    .section .text
    .balign 4
    .globl trap_vector
    .type trap_vector, @function
trap_vector:
    addi sp, sp, -32
    sd t0, 0(sp)
    sd t1, 8(sp)
    sd t2, 16(sp)
    la t0, trap_record
    csrr t1, mcause
    sd t1, 0(t0)
    csrr t1, mepc
    sd t1, 8(t0)
    csrr t1, mtval
    sd t1, 16(t0)
    csrr t1, mstatus
    sd t1, 24(t0)
    ld t1, 32(t0)
    addi t1, t1, 1
    sd t1, 32(t0)
    /* An explicit resume address wins. */
    ld t1, 40(t0)
    beqz t1, 1f
    sd zero, 40(t0)
    csrw mepc, t1
    j 3f
1:  /* Instruction access fault: the PC is unusable, go back to the caller. */
    csrr t1, mcause
    li t2, 1
    bne t1, t2, 2f
    csrw mepc, ra
    j 3f
2:  /* Skip the trapping instruction: 2 or 4 bytes by its low bits. */
    csrr t1, mepc
    lhu t2, 0(t1)
    andi t2, t2, 3
    addi t1, t1, 2
    li t0, 3
    bne t2, t0, 4f
    addi t1, t1, 2
4:  csrw mepc, t1
3:  ld t0, 0(sp)
    ld t1, 8(sp)
    ld t2, 16(sp)
    addi sp, sp, 32
    mret
    .size trap_vector, . - trap_vector
