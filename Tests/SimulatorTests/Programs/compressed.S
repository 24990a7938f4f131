/*
 * compressed.S: every RV64C instruction (except c.ebreak, which traps: see traps.c), each
 * written as an explicit c.* mnemonic so the assembler must emit the 16-bit encoding.
 * Everything else is assembled with .option norvc, so the reference computations and the
 * checks themselves are ordinary 32-bit instructions.
 *
 * Each check compares a register with an expected value; a failure prints
 * "FAIL check N" (N identifies the EXPECT below) and main returns 1. Success prints
 * "checks passed: N" like the C programs built on check.h.
 */
    .option norvc

/* Assembles one instruction with compression enabled. */
.macro RVC insn:vararg
    .option push
    .option rvc
    \insn
    .option pop
.endm

/* Fails check \id unless \reg == \value (t0/t1 are scratch). */
.macro EXPECT reg, value, id
    li t0, \value
    beq \reg, t0, 1f
    li a1, \id
    j fail
1:
    addi s11, s11, 1
.endm

/* Fails check \id unless \reg == \other. */
.macro EXPECT_REG reg, other, id
    beq \reg, \other, 1f
    li a1, \id
    j fail
1:
    addi s11, s11, 1
.endm

    .section .bss
    .balign 16
buffer:
    .space 256

    .section .text
    .globl main
    .type main, @function
main:
    addi sp, sp, -512
    sd ra, 0(sp)
    sd s0, 8(sp)
    sd s1, 16(sp)
    sd s11, 24(sp)
    li s11, 0                       /* checks passed */

    /* c.addi4spn: rd' = sp + nzuimm (multiple of 4, up to 1020). */
    RVC c.addi4spn s0, sp, 16
    addi t1, sp, 16
    EXPECT_REG s0, t1, 1
    RVC c.addi4spn a5, sp, 1020
    addi t1, sp, 1020
    EXPECT_REG a5, t1, 2

    /* c.li, c.addi, c.nop */
    RVC c.li a0, -5
    EXPECT a0, -5, 3
    RVC c.li a1, 31
    EXPECT a1, 31, 4
    RVC c.addi a0, 7
    EXPECT a0, 2, 5
    RVC c.nop
    RVC c.addi a0, -32
    EXPECT a0, -30, 6

    /* c.addiw: 32-bit add, sign-extended; c.addiw rd, 0 is sext.w. */
    li a2, 0x7fffffff
    RVC c.addiw a2, 1
    EXPECT a2, 0xffffffff80000000, 7
    li a3, 0x123456789
    RVC c.addiw a3, 0
    EXPECT a3, 0x23456789, 8
    li a3, 0xffffffff
    RVC c.addiw a3, -1
    EXPECT a3, -2, 9

    /* c.addi16sp: sp += nzimm (multiple of 16, -512..496). */
    mv s1, sp
    RVC c.addi16sp sp, -512
    addi t1, s1, -512
    EXPECT_REG sp, t1, 10
    RVC c.addi16sp sp, 496
    addi t1, s1, -16
    EXPECT_REG sp, t1, 11
    RVC c.addi16sp sp, 16
    EXPECT_REG sp, s1, 12

    /* c.lui: rd = sign-extended nzimm << 12. */
    RVC c.lui a4, 0x12
    EXPECT a4, 0x12000, 13
    RVC c.lui a4, 0x1f
    EXPECT a4, 0x1f000, 14
    RVC c.lui a4, 0xfffff
    EXPECT a4, 0xfffffffffffff000, 15
    RVC c.lui a4, 0xfffe0
    EXPECT a4, 0xfffffffffffe0000, 16

    /* c.srli, c.srai, c.slli (6-bit shift amounts on RV64). */
    li s0, 0x8000000000000000
    RVC c.srli s0, 63
    EXPECT s0, 1, 17
    li s1, 0xffffffff00000000
    RVC c.srli s1, 32
    EXPECT s1, 0xffffffff, 18
    li a0, 0x8000000000000000
    RVC c.srai a0, 62
    EXPECT a0, -2, 19
    li a0, 0x8000000000000000
    RVC c.srai a0, 32
    EXPECT a0, 0xffffffff80000000, 20
    li a0, 1
    RVC c.slli a0, 63
    EXPECT a0, 0x8000000000000000, 21
    li a0, 0xffffffff
    RVC c.slli a0, 32
    EXPECT a0, 0xffffffff00000000, 22
    li a0, 3
    RVC c.slli a0, 1
    EXPECT a0, 6, 23

    /* c.andi (sign-extended 6-bit immediate) */
    li a1, 0x1234
    RVC c.andi a1, 0x1f
    EXPECT a1, 0x14, 24
    li a1, 0x12345
    RVC c.andi a1, -16
    EXPECT a1, 0x12340, 25

    /* c.sub, c.xor, c.or, c.and, c.subw, c.addw on x8-x15 */
    li a2, 10
    li a3, 3
    RVC c.sub a2, a3
    EXPECT a2, 7, 26
    li a2, 0xff00
    li a3, 0x0ff0
    RVC c.xor a2, a3
    EXPECT a2, 0xf0f0, 27
    li a2, 0xff00
    RVC c.or a2, a3
    EXPECT a2, 0xfff0, 28
    li a2, 0xff00
    RVC c.and a2, a3
    EXPECT a2, 0x0f00, 29
    li a4, 0x80000000
    li a5, 1
    RVC c.subw a4, a5
    EXPECT a4, 0x7fffffff, 30
    li a4, 0
    RVC c.subw a4, a5
    EXPECT a4, -1, 31
    li a4, 0x7fffffff
    RVC c.addw a4, a5
    EXPECT a4, 0xffffffff80000000, 32
    li a4, 0x1ffffffff
    RVC c.addw a4, a5
    EXPECT a4, 0, 33

    /* c.mv and c.add: full 64-bit, any registers. */
    li t2, 0x123456789abcdef0
    RVC c.mv a2, t2
    EXPECT a2, 0x123456789abcdef0, 34
    li t3, 0x1111111111111111
    RVC c.add a2, t3
    EXPECT a2, 0x23456789abcdf001, 35
    RVC c.mv t4, a2
    EXPECT_REG t4, a2, 36

    /* c.j forward (skips the li) */
    li a0, 1
    RVC c.j 2f
    li a0, 99
2:  EXPECT a0, 1, 37

    /* c.beqz / c.bnez, taken and not taken, forward and backward */
    li a0, 0
    li a1, 0
    RVC c.beqz a0, 3f
    li a1, 1
3:  EXPECT a1, 0, 38
    li a0, 5
    RVC c.beqz a0, 4f
    li a1, 2
4:  EXPECT a1, 2, 39
    li a0, 5
    li a1, 0
    RVC c.bnez a0, 5f
    li a1, 3
5:  EXPECT a1, 0, 40
    li a0, 0
    RVC c.bnez a0, 6f
    li a1, 4
6:  EXPECT a1, 4, 41
    li a0, 6
    li a2, 0
7:  addi a2, a2, 1
    RVC c.addi a0, -1
    RVC c.bnez a0, 7b
    EXPECT a2, 6, 42
    li a0, 3
8:  addi a0, a0, -1
    RVC c.beqz a0, 9f
    j 8b
9:  EXPECT a0, 0, 43

    /* Stack-pointer-relative loads and stores, cross-checked with 32-bit ones. */
    li a0, 0x80000001
    RVC c.swsp a0, 252(sp)
    lwu t1, 252(sp)
    EXPECT t1, 0x80000001, 44
    RVC c.lwsp a1, 252(sp)
    EXPECT a1, 0xffffffff80000001, 45
    li t1, 0x7eadbeef
    sw t1, 36(sp)
    RVC c.lwsp a1, 36(sp)
    EXPECT a1, 0x7eadbeef, 46
    li a0, 0x0123456789abcdef
    RVC c.sdsp a0, 504(sp)
    ld t1, 504(sp)
    EXPECT t1, 0x0123456789abcdef, 47
    RVC c.ldsp a1, 504(sp)
    EXPECT a1, 0x0123456789abcdef, 48
    li t1, 0xfedcba9876543210
    sd t1, 40(sp)
    RVC c.ldsp a1, 40(sp)
    EXPECT a1, 0xfedcba9876543210, 49
    li a0, 0x400921fb54442d18
    fmv.d.x fa0, a0
    RVC c.fsdsp fa0, 496(sp)
    ld t1, 496(sp)
    EXPECT t1, 0x400921fb54442d18, 50
    li t1, 0x3ff0000000000001
    sd t1, 48(sp)
    RVC c.fldsp ft5, 48(sp)
    fmv.x.d a1, ft5
    EXPECT a1, 0x3ff0000000000001, 51

    /* Register-relative loads and stores on x8-x15 / f8-f15. */
    la s0, buffer
    li a0, 0x80000002
    RVC c.sw a0, 124(s0)
    lwu t1, 124(s0)
    EXPECT t1, 0x80000002, 52
    RVC c.lw a1, 124(s0)
    EXPECT a1, 0xffffffff80000002, 53
    li t1, 0x12345678
    sw t1, 4(s0)
    RVC c.lw a1, 4(s0)
    EXPECT a1, 0x12345678, 54
    li a0, 0x1122334455667788
    RVC c.sd a0, 248(s0)
    ld t1, 248(s0)
    EXPECT t1, 0x1122334455667788, 55
    RVC c.ld a1, 248(s0)
    EXPECT a1, 0x1122334455667788, 56
    li t1, 0x8877665544332211
    sd t1, 8(s0)
    RVC c.ld a1, 8(s0)
    EXPECT a1, 0x8877665544332211, 57
    li a0, 0xc00921fb54442d18
    fmv.d.x fa2, a0
    RVC c.fsd fa2, 240(s0)
    ld t1, 240(s0)
    EXPECT t1, 0xc00921fb54442d18, 58
    li t1, 0x7ff0000000000001
    sd t1, 16(s0)
    RVC c.fld fa5, 16(s0)
    fmv.x.d a1, fa5
    EXPECT a1, 0x7ff0000000000001, 59

    /* c.jr and c.jalr; c.jalr links pc + 2. */
    la a0, 10f
    li a1, 0
    RVC c.jr a0
    li a1, 1
10: EXPECT a1, 0, 60
    la a0, helper
    li a1, 0
    RVC c.jalr a0
11: la t1, 11b
    EXPECT_REG a1, t1, 61
    EXPECT a2, 0x5a, 62
    /* c.jalr where the target register is ra itself. */
    la ra, helper
    li a2, 0
    RVC c.jalr ra
12: la t1, 12b
    EXPECT_REG a1, t1, 63
    EXPECT a2, 0x5a, 64

    /* Compressed and 32-bit instructions mixed at 2-byte alignment. */
    RVC c.li a0, 1
    addi a0, a0, 1
    RVC c.addi a0, 1
    addi a0, a0, 1
    EXPECT a0, 4, 65

    la a0, pass_message
    mv a1, s11
    call printf
    li a0, 0
    j done

fail:
    la a0, fail_message
    call printf
    li a0, 1
done:
    ld ra, 0(sp)
    ld s0, 8(sp)
    ld s1, 16(sp)
    ld s11, 24(sp)
    addi sp, sp, 512
    ret
    .size main, . - main

/* Called through c.jalr: records its return address in a1, sets a2, returns with c.jr. */
    .type helper, @function
helper:
    mv a1, ra
    li a2, 0x5a
    RVC c.jr ra
    .size helper, . - helper

    .section .rodata
pass_message:
    .asciz "checks passed: %d\n"
fail_message:
    .asciz "FAIL check %d\n"
