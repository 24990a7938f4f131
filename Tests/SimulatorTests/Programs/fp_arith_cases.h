/*
 * fp_arith_cases.h: F and D arithmetic cases for fp_arith.c.
 *
 * Each case lists the result and the fflags for the five rounding modes in encoding order
 * RNE, RTZ, RDN, RUP, RMM, worked out by hand from IEEE 754-2008 and the RISC-V F/D chapters:
 * overflow gives infinity or the largest finite number by direction, tininess is detected
 * after rounding and UF needs an inexact result, an exact zero sum is -0 only under RDN,
 * invalid operations give the canonical NaN (0x7fc00000 / 0x7ff8000000000000) with NV, and
 * a fused multiply-add rounds once (inf * 0 + qNaN raises NV, as RISC-V requires).
 */
#ifndef FP_ARITH_CASES_H
#define FP_ARITH_CASES_H

#include <stdint.h>

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_MADD, OP_MSUB, OP_NMSUB, OP_NMADD, OP_COUNT };

struct fp_case {
    int op;
    uint64_t a, b, c;
    uint64_t result[5];
    uint8_t flags[5];
    const char *what;
};

#define ALL5(v) {v, v, v, v, v}
#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

/* Single precision bit patterns. */
#define S_ONE 0x3f800000u
#define S_MONE 0xbf800000u
#define S_TWO 0x40000000u
#define S_THREE 0x40400000u
#define S_MAX 0x7f7fffffu
#define S_INF 0x7f800000u
#define S_NINF 0xff800000u
#define S_QNAN 0x7fc00000u
#define S_SNAN 0x7f800001u

static const struct fp_case single_cases[] = {
    /* Rounding of a sum: tie, quarter and three-quarter ulp, tie next to an odd value. */
    {OP_ADD, S_ONE, 0x33800000u, 0, {0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800001u, 0x3f800001u}, ALL5(NX), "1 + 2^-24 (tie)"},
    {OP_ADD, S_MONE, 0xb3800000u, 0, {0xbf800000u, 0xbf800000u, 0xbf800001u, 0xbf800000u, 0xbf800001u}, ALL5(NX), "-1 - 2^-24 (tie)"},
    {OP_ADD, S_ONE, 0x33000000u, 0, {0x3f800000u, 0x3f800000u, 0x3f800000u, 0x3f800001u, 0x3f800000u}, ALL5(NX), "1 + 2^-25 (quarter ulp)"},
    {OP_ADD, S_ONE, 0x33c00000u, 0, {0x3f800001u, 0x3f800000u, 0x3f800000u, 0x3f800001u, 0x3f800001u}, ALL5(NX), "1 + 3*2^-25 (3/4 ulp)"},
    {OP_ADD, 0x3f800001u, 0x33800000u, 0, {0x3f800002u, 0x3f800001u, 0x3f800001u, 0x3f800002u, 0x3f800002u}, ALL5(NX), "(1 + 2^-23) + 2^-24 (tie to even)"},
    {OP_ADD, 0x3fc00000u, 0x40100000u, 0, ALL5(0x40700000u), ALL5(0), "1.5 + 2.25 exact"},
    {OP_ADD, S_ONE, S_MONE, 0, {0, 0, 0x80000000u, 0, 0}, ALL5(0), "1 + -1 (exact zero: -0 only in RDN)"},
    {OP_ADD, S_MAX, S_MAX, 0, {S_INF, S_MAX, S_MAX, S_INF, S_INF}, ALL5(OF | NX), "max + max (overflow)"},
    {OP_ADD, S_QNAN | 0x1234u, S_ONE, 0, ALL5(S_QNAN), ALL5(0), "qNaN(payload) + 1 (canonical NaN, quiet)"},
    {OP_ADD, S_SNAN, S_ONE, 0, ALL5(S_QNAN), ALL5(NV), "sNaN + 1"},
    {OP_SUB, 0xff7fffffu, S_MAX, 0, {S_NINF, 0xff7fffffu, S_NINF, 0xff7fffffu, S_NINF}, ALL5(OF | NX), "-max - max (overflow)"},
    {OP_SUB, S_INF, S_INF, 0, ALL5(S_QNAN), ALL5(NV), "inf - inf"},
    {OP_SUB, S_ONE, 0x33000000u, 0, {0x3f800000u, 0x3f7fffffu, 0x3f7fffffu, 0x3f800000u, 0x3f800000u}, ALL5(NX), "1 - 2^-25 (tie below 1)"},
    {OP_SUB, S_THREE, S_THREE, 0, {0, 0, 0x80000000u, 0, 0}, ALL5(0), "3 - 3"},
    {OP_MUL, 0x0d800000u, 0x0d800000u, 0, {0, 0, 0, 0x00000001u, 0}, ALL5(UF | NX), "2^-100 * 2^-100 (underflow)"},
    {OP_MUL, 0x8d800000u, 0x0d800000u, 0, {0x80000000u, 0x80000000u, 0x80000001u, 0x80000000u, 0x80000000u}, ALL5(UF | NX), "-2^-100 * 2^-100 (underflow)"},
    {OP_MUL, 0x00800000u, 0x3e800000u, 0, ALL5(0x00200000u), ALL5(0), "2^-126 * 0.25 (exact subnormal: no UF)"},
    {OP_MUL, 0x71800000u, 0x71800000u, 0, {S_INF, S_MAX, S_MAX, S_INF, S_INF}, ALL5(OF | NX), "2^100 * 2^100 (overflow)"},
    {OP_MUL, S_INF, 0, 0, ALL5(S_QNAN), ALL5(NV), "inf * 0"},
    {OP_MUL, 0x3f7fffffu, 0x00800000u, 0, {0x00800000u, 0x007fffffu, 0x007fffffu, 0x00800000u, 0x00800000u}, ALL5(UF | NX), "(1 - 2^-24) * 2^-126 (tiny, may round to the smallest normal)"},
    {OP_MUL, 0x3f800001u, 0x3f800001u, 0, {0x3f800002u, 0x3f800002u, 0x3f800002u, 0x3f800003u, 0x3f800002u}, ALL5(NX), "(1 + 2^-23)^2"},
    {OP_MUL, 0xc0400000u, S_TWO, 0, ALL5(0xc0c00000u), ALL5(0), "-3 * 2 exact"},
    {OP_DIV, S_ONE, S_THREE, 0, {0x3eaaaaabu, 0x3eaaaaaau, 0x3eaaaaaau, 0x3eaaaaabu, 0x3eaaaaabu}, ALL5(NX), "1 / 3"},
    {OP_DIV, S_MONE, S_THREE, 0, {0xbeaaaaabu, 0xbeaaaaaau, 0xbeaaaaabu, 0xbeaaaaaau, 0xbeaaaaabu}, ALL5(NX), "-1 / 3"},
    {OP_DIV, S_TWO, S_THREE, 0, {0x3f2aaaabu, 0x3f2aaaaau, 0x3f2aaaaau, 0x3f2aaaabu, 0x3f2aaaabu}, ALL5(NX), "2 / 3"},
    {OP_DIV, S_ONE, 0, 0, ALL5(S_INF), ALL5(DZ), "1 / 0"},
    {OP_DIV, S_ONE, 0x80000000u, 0, ALL5(S_NINF), ALL5(DZ), "1 / -0"},
    {OP_DIV, 0, 0, 0, ALL5(S_QNAN), ALL5(NV), "0 / 0"},
    {OP_DIV, 0x40c00000u, S_THREE, 0, ALL5(S_TWO), ALL5(0), "6 / 3 exact"},
    {OP_DIV, S_MAX, 0x3e800000u, 0, {S_INF, S_MAX, S_MAX, S_INF, S_INF}, ALL5(OF | NX), "max / 0.25 (overflow)"},
    {OP_SQRT, S_TWO, 0, 0, {0x3fb504f3u, 0x3fb504f3u, 0x3fb504f3u, 0x3fb504f4u, 0x3fb504f3u}, ALL5(NX), "sqrt(2)"},
    {OP_SQRT, S_THREE, 0, 0, {0x3fddb3d7u, 0x3fddb3d7u, 0x3fddb3d7u, 0x3fddb3d8u, 0x3fddb3d7u}, ALL5(NX), "sqrt(3)"},
    {OP_SQRT, 0x40800000u, 0, 0, ALL5(S_TWO), ALL5(0), "sqrt(4) exact"},
    {OP_SQRT, S_MONE, 0, 0, ALL5(S_QNAN), ALL5(NV), "sqrt(-1)"},
    {OP_SQRT, 0x80000000u, 0, 0, ALL5(0x80000000u), ALL5(0), "sqrt(-0)"},
    {OP_SQRT, S_INF, 0, 0, ALL5(S_INF), ALL5(0), "sqrt(inf)"},
    {OP_SQRT, S_SNAN, 0, 0, ALL5(S_QNAN), ALL5(NV), "sqrt(sNaN)"},
    /* Fused multiply-add: the sign conventions, then single rounding. */
    {OP_MADD, S_TWO, S_THREE, S_ONE, ALL5(0x40e00000u), ALL5(0), "fmadd 2*3 + 1 = 7"},
    {OP_MSUB, S_TWO, S_THREE, S_ONE, ALL5(0x40a00000u), ALL5(0), "fmsub 2*3 - 1 = 5"},
    {OP_NMSUB, S_TWO, S_THREE, S_ONE, ALL5(0xc0a00000u), ALL5(0), "fnmsub -(2*3) + 1 = -5"},
    {OP_NMADD, S_TWO, S_THREE, S_ONE, ALL5(0xc0e00000u), ALL5(0), "fnmadd -(2*3) - 1 = -7"},
    {OP_MADD, 0x3f800001u, 0x3f800001u, S_MONE, {0x34800000u, 0x34800000u, 0x34800000u, 0x34800001u, 0x34800001u}, ALL5(NX), "fmadd (1+2^-23)^2 - 1 (one rounding)"},
    {OP_MSUB, 0x3f800001u, 0x3f800001u, S_ONE, {0x34800000u, 0x34800000u, 0x34800000u, 0x34800001u, 0x34800001u}, ALL5(NX), "fmsub (1+2^-23)^2 - 1"},
    {OP_NMSUB, 0x3f800001u, 0x3f800001u, S_ONE, {0xb4800000u, 0xb4800000u, 0xb4800001u, 0xb4800000u, 0xb4800001u}, ALL5(NX), "fnmsub -(1+2^-23)^2 + 1"},
    {OP_NMADD, 0x3f800001u, 0x3f800001u, S_MONE, {0xb4800000u, 0xb4800000u, 0xb4800001u, 0xb4800000u, 0xb4800001u}, ALL5(NX), "fnmadd -(1+2^-23)^2 + 1"},
    {OP_MADD, S_ONE, S_ONE, S_MONE, {0, 0, 0x80000000u, 0, 0}, ALL5(0), "fmadd 1*1 - 1 (exact zero)"},
    {OP_MADD, S_MAX, S_TWO, 0, {S_INF, S_MAX, S_MAX, S_INF, S_INF}, ALL5(OF | NX), "fmadd max*2 + 0 (overflow)"},
    {OP_MADD, 0x0d800000u, 0x0d800000u, 0, {0, 0, 0, 0x00000001u, 0}, ALL5(UF | NX), "fmadd 2^-100*2^-100 + 0 (underflow)"},
    {OP_MADD, S_INF, 0, S_QNAN, ALL5(S_QNAN), ALL5(NV), "fmadd inf*0 + qNaN"},
    {OP_MADD, S_INF, 0, S_ONE, ALL5(S_QNAN), ALL5(NV), "fmadd inf*0 + 1"},
    {OP_MADD, S_INF, S_ONE, S_NINF, ALL5(S_QNAN), ALL5(NV), "fmadd inf*1 - inf"},
    {OP_MADD, S_QNAN, S_ONE, S_ONE, ALL5(S_QNAN), ALL5(0), "fmadd qNaN*1 + 1"},
    {OP_MADD, S_ONE, S_ONE, S_SNAN, ALL5(S_QNAN), ALL5(NV), "fmadd 1*1 + sNaN"},
};

/* Double precision bit patterns. */
#define D_ONE 0x3ff0000000000000ull
#define D_MONE 0xbff0000000000000ull
#define D_TWO 0x4000000000000000ull
#define D_THREE 0x4008000000000000ull
#define D_MAX 0x7fefffffffffffffull
#define D_NMAX 0xffefffffffffffffull
#define D_INF 0x7ff0000000000000ull
#define D_NINF 0xfff0000000000000ull
#define D_QNAN 0x7ff8000000000000ull
#define D_SNAN 0x7ff0000000000001ull
#define D_NZERO 0x8000000000000000ull

static const struct fp_case double_cases[] = {
    {OP_ADD, D_ONE, 0x3ca0000000000000ull, 0, {D_ONE, D_ONE, D_ONE, 0x3ff0000000000001ull, 0x3ff0000000000001ull}, ALL5(NX), "1 + 2^-53 (tie)"},
    {OP_ADD, D_MONE, 0xbca0000000000000ull, 0, {D_MONE, D_MONE, 0xbff0000000000001ull, D_MONE, 0xbff0000000000001ull}, ALL5(NX), "-1 - 2^-53 (tie)"},
    {OP_ADD, D_ONE, 0x3c90000000000000ull, 0, {D_ONE, D_ONE, D_ONE, 0x3ff0000000000001ull, D_ONE}, ALL5(NX), "1 + 2^-54 (quarter ulp)"},
    {OP_ADD, 0x3ff0000000000001ull, 0x3ca0000000000000ull, 0,
     {0x3ff0000000000002ull, 0x3ff0000000000001ull, 0x3ff0000000000001ull, 0x3ff0000000000002ull, 0x3ff0000000000002ull}, ALL5(NX), "(1 + 2^-52) + 2^-53 (tie to even)"},
    {OP_ADD, D_ONE, D_MONE, 0, {0, 0, D_NZERO, 0, 0}, ALL5(0), "1 + -1 (exact zero)"},
    {OP_ADD, D_MAX, D_MAX, 0, {D_INF, D_MAX, D_MAX, D_INF, D_INF}, ALL5(OF | NX), "max + max (overflow)"},
    {OP_ADD, D_QNAN | 0x123, D_ONE, 0, ALL5(D_QNAN), ALL5(0), "qNaN(payload) + 1"},
    {OP_ADD, D_SNAN, D_ONE, 0, ALL5(D_QNAN), ALL5(NV), "sNaN + 1"},
    {OP_SUB, D_NMAX, D_MAX, 0, {D_NINF, D_NMAX, D_NINF, D_NMAX, D_NINF}, ALL5(OF | NX), "-max - max (overflow)"},
    {OP_SUB, D_INF, D_INF, 0, ALL5(D_QNAN), ALL5(NV), "inf - inf"},
    {OP_SUB, D_ONE, 0x3c90000000000000ull, 0, {D_ONE, 0x3fefffffffffffffull, 0x3fefffffffffffffull, D_ONE, D_ONE}, ALL5(NX), "1 - 2^-54 (tie below 1)"},
    {OP_MUL, 0x1a70000000000000ull, 0x1a70000000000000ull, 0, {0, 0, 0, 1, 0}, ALL5(UF | NX), "2^-600 * 2^-600 (underflow)"},
    {OP_MUL, 0x9a70000000000000ull, 0x1a70000000000000ull, 0, {D_NZERO, D_NZERO, 0x8000000000000001ull, D_NZERO, D_NZERO}, ALL5(UF | NX), "-2^-600 * 2^-600"},
    {OP_MUL, 0x0010000000000000ull, 0x3fe0000000000000ull, 0, ALL5(0x0008000000000000ull), ALL5(0), "2^-1022 * 0.5 (exact subnormal)"},
    {OP_MUL, D_INF, 0, 0, ALL5(D_QNAN), ALL5(NV), "inf * 0"},
    {OP_MUL, 0x3ff0000000000001ull, 0x3ff0000000000001ull, 0,
     {0x3ff0000000000002ull, 0x3ff0000000000002ull, 0x3ff0000000000002ull, 0x3ff0000000000003ull, 0x3ff0000000000002ull}, ALL5(NX), "(1 + 2^-52)^2"},
    {OP_MUL, D_MAX, D_TWO, 0, {D_INF, D_MAX, D_MAX, D_INF, D_INF}, ALL5(OF | NX), "max * 2 (overflow)"},
    {OP_DIV, D_ONE, D_THREE, 0, {0x3fd5555555555555ull, 0x3fd5555555555555ull, 0x3fd5555555555555ull, 0x3fd5555555555556ull, 0x3fd5555555555555ull}, ALL5(NX), "1 / 3"},
    {OP_DIV, D_MONE, D_THREE, 0, {0xbfd5555555555555ull, 0xbfd5555555555555ull, 0xbfd5555555555556ull, 0xbfd5555555555555ull, 0xbfd5555555555555ull}, ALL5(NX), "-1 / 3"},
    {OP_DIV, D_TWO, D_THREE, 0, {0x3fe5555555555555ull, 0x3fe5555555555555ull, 0x3fe5555555555555ull, 0x3fe5555555555556ull, 0x3fe5555555555555ull}, ALL5(NX), "2 / 3"},
    {OP_DIV, D_ONE, 0, 0, ALL5(D_INF), ALL5(DZ), "1 / 0"},
    {OP_DIV, D_MONE, 0, 0, ALL5(D_NINF), ALL5(DZ), "-1 / 0"},
    {OP_DIV, 0, 0, 0, ALL5(D_QNAN), ALL5(NV), "0 / 0"},
    {OP_DIV, 0x4018000000000000ull, D_THREE, 0, ALL5(D_TWO), ALL5(0), "6 / 3 exact"},
    {OP_SQRT, D_TWO, 0, 0, {0x3ff6a09e667f3bcdull, 0x3ff6a09e667f3bccull, 0x3ff6a09e667f3bccull, 0x3ff6a09e667f3bcdull, 0x3ff6a09e667f3bcdull}, ALL5(NX), "sqrt(2)"},
    {OP_SQRT, 0x4010000000000000ull, 0, 0, ALL5(D_TWO), ALL5(0), "sqrt(4) exact"},
    {OP_SQRT, D_MONE, 0, 0, ALL5(D_QNAN), ALL5(NV), "sqrt(-1)"},
    {OP_SQRT, D_NZERO, 0, 0, ALL5(D_NZERO), ALL5(0), "sqrt(-0)"},
    {OP_SQRT, D_QNAN | 5, 0, 0, ALL5(D_QNAN), ALL5(0), "sqrt(qNaN)"},
    {OP_MADD, D_TWO, D_THREE, D_ONE, ALL5(0x401c000000000000ull), ALL5(0), "fmadd 2*3 + 1 = 7"},
    {OP_MSUB, D_TWO, D_THREE, D_ONE, ALL5(0x4014000000000000ull), ALL5(0), "fmsub 2*3 - 1 = 5"},
    {OP_NMSUB, D_TWO, D_THREE, D_ONE, ALL5(0xc014000000000000ull), ALL5(0), "fnmsub -(2*3) + 1 = -5"},
    {OP_NMADD, D_TWO, D_THREE, D_ONE, ALL5(0xc01c000000000000ull), ALL5(0), "fnmadd -(2*3) - 1 = -7"},
    {OP_MADD, 0x3ff0000000000001ull, 0x3ff0000000000001ull, D_MONE,
     {0x3cc0000000000000ull, 0x3cc0000000000000ull, 0x3cc0000000000000ull, 0x3cc0000000000001ull, 0x3cc0000000000001ull}, ALL5(NX), "fmadd (1+2^-52)^2 - 1 (one rounding)"},
    {OP_MSUB, 0x3ff0000000000001ull, 0x3ff0000000000001ull, D_ONE,
     {0x3cc0000000000000ull, 0x3cc0000000000000ull, 0x3cc0000000000000ull, 0x3cc0000000000001ull, 0x3cc0000000000001ull}, ALL5(NX), "fmsub (1+2^-52)^2 - 1"},
    {OP_NMSUB, 0x3ff0000000000001ull, 0x3ff0000000000001ull, D_ONE,
     {0xbcc0000000000000ull, 0xbcc0000000000000ull, 0xbcc0000000000001ull, 0xbcc0000000000000ull, 0xbcc0000000000001ull}, ALL5(NX), "fnmsub -(1+2^-52)^2 + 1"},
    {OP_NMADD, 0x3ff0000000000001ull, 0x3ff0000000000001ull, D_MONE,
     {0xbcc0000000000000ull, 0xbcc0000000000000ull, 0xbcc0000000000001ull, 0xbcc0000000000000ull, 0xbcc0000000000001ull}, ALL5(NX), "fnmadd -(1+2^-52)^2 + 1"},
    {OP_MADD, D_ONE, D_ONE, D_MONE, {0, 0, D_NZERO, 0, 0}, ALL5(0), "fmadd 1*1 - 1 (exact zero)"},
    {OP_MADD, D_MAX, D_TWO, D_MONE, {D_INF, D_MAX, D_MAX, D_INF, D_INF}, ALL5(OF | NX), "fmadd max*2 - 1 (overflow)"},
    {OP_MADD, D_INF, 0, D_QNAN, ALL5(D_QNAN), ALL5(NV), "fmadd inf*0 + qNaN"},
    {OP_MADD, D_ONE, D_ONE, D_SNAN, ALL5(D_QNAN), ALL5(NV), "fmadd 1*1 + sNaN"},
};

#endif
