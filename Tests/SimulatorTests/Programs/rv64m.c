/*
 * rv64m.c: the M extension. Expected values follow the ISA manual, including its table of
 * division corner cases: x/0 = all ones (-1 signed, 2^XLEN-1 unsigned), x%0 = x, and the
 * signed overflow MIN/-1 = MIN with remainder 0. The W forms use the low 32 bits of their
 * operands and sign-extend their 32-bit result.
 */
#include <stdint.h>

#include "check.h"

typedef uint64_t u64;

#define R(op, a, b) ({ u64 r_; __asm__ volatile(#op " %0, %1, %2" : "=r"(r_) : "r"((u64)(a)), "r"((u64)(b))); r_; })
#define C(op, a, b, expected) check_eq(R(op, a, b), expected, #op "(%#llx, %#llx)", (unsigned long long)(a), (unsigned long long)(b))

#define MIN64 0x8000000000000000ull
#define MAX64 0x7fffffffffffffffull
#define ALL1 0xffffffffffffffffull

static void multiply(void)
{
    C(mul, 3, 7, 21);
    C(mul, -3, 7, 0xffffffffffffffebull);
    C(mul, -3, -7, 21);
    C(mul, 0x100000000ull, 0x100000000ull, 0);
    C(mul, MIN64, -1, MIN64);
    C(mul, 0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x236d88fe5618cf00ull);

    C(mulh, -1, -1, 0);
    C(mulh, -1, 5, ALL1);
    C(mulh, MIN64, MIN64, 0x4000000000000000ull);
    C(mulh, MIN64, 1, ALL1);
    C(mulh, 2, MIN64, ALL1);
    C(mulh, MAX64, MAX64, 0x3fffffffffffffffull);
    C(mulh, 3, ALL1, ALL1);
    C(mulh, 0x123456789abcdef0ull, 0xfedcba9876543210ull, 0xffeb49923cc09532ull);

    C(mulhu, -1, -1, 0xfffffffffffffffeull);
    C(mulhu, 2, MIN64, 1);
    C(mulhu, 0x100000000ull, 0x100000000ull, 1);
    C(mulhu, -1, 1, 0);
    C(mulhu, 0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x121fa00ad77d7422ull);

    /* rs1 signed, rs2 unsigned */
    C(mulhsu, -1, 3, ALL1);
    C(mulhsu, -1, ALL1, ALL1);
    C(mulhsu, 3, ALL1, 2);
    C(mulhsu, MIN64, ALL1, MIN64);
    C(mulhsu, 2, MIN64, 1);
    C(mulhsu, -2, MIN64, ALL1);
    C(mulhsu, MIN64, 0, 0);
    C(mulhsu, 0xfedcba9876543210ull, 0x123456789abcdef0ull, 0xffeb49923cc09532ull);
    C(mulhsu, 0x123456789abcdef0ull, 0xfedcba9876543210ull, 0x121fa00ad77d7422ull);
}

static void divide(void)
{
    C(div, 7, 2, 3);
    C(div, -7, 2, -3);
    C(div, 7, -2, -3);
    C(div, -7, -2, 3);
    C(div, MIN64, -1, MIN64);                  /* overflow */
    C(div, MIN64, 1, MIN64);
    C(div, 12345, 0, ALL1);                    /* by zero */
    C(div, 0, 0, ALL1);
    C(div, MIN64, 0, ALL1);
    C(div, -12345, 0, ALL1);

    C(divu, 100, 7, 14);
    C(divu, -7, 2, 0x7ffffffffffffffcull);
    C(divu, MIN64, -1, 0);
    C(divu, ALL1, 1, ALL1);
    C(divu, 12345, 0, ALL1);
    C(divu, 0, 0, ALL1);

    C(rem, 7, 2, 1);
    C(rem, -7, 2, -1);
    C(rem, 7, -2, 1);
    C(rem, -7, -2, -1);
    C(rem, MIN64, -1, 0);                      /* overflow */
    C(rem, -5, 0, -5);                         /* by zero: the dividend */
    C(rem, MIN64, 0, MIN64);
    C(rem, 0, 0, 0);

    C(remu, 100, 7, 2);
    C(remu, -7, 2, 1);
    C(remu, 0xfffffffffffffff9ull, 0x10, 9);
    C(remu, -5, 0, -5);
    C(remu, MIN64, -1, MIN64);
}

static void word_forms(void)
{
    C(mulw, 0x7fffffff, 2, 0xfffffffffffffffeull);
    C(mulw, 0x100000003ull, 0x100000005ull, 15);
    C(mulw, 0x10000, 0x10000, 0);
    C(mulw, -1, -1, 1);
    C(mulw, 0x40000000, 2, 0xffffffff80000000ull);
    C(mulw, 0x12345678, 0x10, 0x23456780);
    C(mulw, 0xffffffff00000007ull, 0x00000000fffffffdull, 0xffffffffffffffebull);

    C(divw, -7, 2, 0xfffffffffffffffdull);
    C(divw, 7, -2, 0xfffffffffffffffdull);
    C(divw, 0xffffffff80000000ull, -1, 0xffffffff80000000ull);   /* overflow */
    C(divw, 0x80000000ull, 0xffffffff, 0xffffffff80000000ull);   /* same, upper bits ignored */
    C(divw, 12345, 0, ALL1);
    C(divw, 0x1234500000000ull, 0x100000000ull, ALL1);          /* low words 0 / 0 */
    C(divw, 0xdead000000000006ull, 0xbeef000000000003ull, 2);
    C(divw, 0x80000000ull, 2, 0xffffffffc0000000ull);

    C(divuw, 0xffffffff, 1, ALL1);
    C(divuw, 0x80000000, 2, 0x40000000);
    C(divuw, 0xffffffff, 0x10, 0x0fffffff);
    C(divuw, 0x100000007ull, 0x200000002ull, 3);
    C(divuw, 12345, 0, ALL1);
    C(divuw, 0xfffffffe, 1, 0xfffffffffffffffeull);

    C(remw, -7, 2, ALL1);
    C(remw, 7, -2, 1);
    C(remw, 0xffffffff80000000ull, -1, 0);                       /* overflow */
    C(remw, 0x180000001ull, 0, 0xffffffff80000001ull);           /* by zero: sext of the low word */
    C(remw, 0x100000005ull, 0, 5);
    C(remw, 0x1000000007ull, 0x300000004ull, 3);

    C(remuw, 0x80000000, 0, 0xffffffff80000000ull);
    C(remuw, -7, 0x10, 9);
    C(remuw, 0xfffffff9, 2, 1);
    C(remuw, 0x100000007ull, 5, 2);
    C(remuw, 0xfffffffe, 0xffffffff, 0xfffffffffffffffeull);
}

int main(void)
{
    multiply();
    divide();
    word_forms();
    return check_finish();
}
