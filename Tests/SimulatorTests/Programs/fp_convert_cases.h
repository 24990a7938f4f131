/*
 * fp_convert_cases.h: conversion cases for fp_convert.c, results and fflags for the five
 * rounding modes in encoding order RNE, RTZ, RDN, RUP, RMM.
 *
 * Float to integer (RISC-V F chapter, "Floating-Point Conversion and Move Instructions"):
 * a value that rounds outside the destination range, an infinity or a NaN gives NV and no NX,
 * with the result saturated (NaN and +inf to the maximum, -inf and too-negative values to the
 * minimum; 0 for the unsigned forms when negative). 32-bit results, signed or unsigned, are
 * sign-extended to 64 bits. Integer sources of the W forms are the low 32 bits of rs1.
 */
#ifndef FP_CONVERT_CASES_H
#define FP_CONVERT_CASES_H

#include <stdint.h>

enum {
    CV_W_S, CV_WU_S, CV_L_S, CV_LU_S, CV_W_D, CV_WU_D, CV_L_D, CV_LU_D,
    CV_S_W, CV_S_WU, CV_S_L, CV_S_LU, CV_D_W, CV_D_WU, CV_D_L, CV_D_LU,
    CV_S_D, CV_D_S, CV_COUNT
};

struct cv_case {
    int op;
    uint64_t in;
    uint64_t result[5];
    uint8_t flags[5];
    const char *what;
};

#define ALL5(v) {v, v, v, v, v}
#define NX 0x01
#define UF 0x02
#define OF 0x04
#define NV 0x10

#define I32_MAX 0x7fffffffull
#define I32_MIN 0xffffffff80000000ull   /* sign-extended */
#define U32_MAX 0xffffffffffffffffull   /* 0xffffffff sign-extended */
#define I64_MAX 0x7fffffffffffffffull
#define I64_MIN 0x8000000000000000ull
#define U64_MAX 0xffffffffffffffffull
#define NEG(v) ((uint64_t)-(int64_t)(v))

static const struct cv_case convert_cases[] = {
    /* float -> int32 */
    {CV_W_S, 0x3fc00000, {2, 1, 1, 2, 2}, ALL5(NX), "1.5"},
    {CV_W_S, 0x40200000, {2, 2, 2, 3, 3}, ALL5(NX), "2.5"},
    {CV_W_S, 0xbfc00000, {NEG(2), NEG(1), NEG(2), NEG(1), NEG(2)}, ALL5(NX), "-1.5"},
    {CV_W_S, 0xc0200000, {NEG(2), NEG(2), NEG(3), NEG(2), NEG(3)}, ALL5(NX), "-2.5"},
    {CV_W_S, 0xbf000000, {0, 0, NEG(1), 0, NEG(1)}, ALL5(NX), "-0.5"},
    {CV_W_S, 0x40400000, ALL5(3), ALL5(0), "3.0"},
    {CV_W_S, 0x4effffff, ALL5(0x7fffff80), ALL5(0), "2147483520.0"},
    {CV_W_S, 0xcf000000, ALL5(I32_MIN), ALL5(0), "-2^31"},
    {CV_W_S, 0x4f000000, ALL5(I32_MAX), ALL5(NV), "2^31 (too large)"},
    {CV_W_S, 0x4f32d05e, ALL5(I32_MAX), ALL5(NV), "3e9"},
    {CV_W_S, 0xcf32d05e, ALL5(I32_MIN), ALL5(NV), "-3e9"},
    {CV_W_S, 0x7f800000, ALL5(I32_MAX), ALL5(NV), "+inf"},
    {CV_W_S, 0xff800000, ALL5(I32_MIN), ALL5(NV), "-inf"},
    {CV_W_S, 0x7fc00000, ALL5(I32_MAX), ALL5(NV), "qNaN"},
    {CV_W_S, 0xffc00000, ALL5(I32_MAX), ALL5(NV), "negative qNaN"},
    {CV_W_S, 0x7f800001, ALL5(I32_MAX), ALL5(NV), "sNaN"},
    /* float -> uint32 (results sign-extended) */
    {CV_WU_S, 0x4f32d05e, ALL5(0xffffffffb2d05e00ull), ALL5(0), "3e9"},
    {CV_WU_S, 0x40200000, {2, 2, 2, 3, 3}, ALL5(NX), "2.5"},
    {CV_WU_S, 0xbf800000, ALL5(0), ALL5(NV), "-1.0"},
    {CV_WU_S, 0xbf000000, {0, 0, 0, 0, 0}, {NX, NX, NV, NX, NV}, "-0.5 (rounds to -0 or -1)"},
    {CV_WU_S, 0x4f800000, ALL5(U32_MAX), ALL5(NV), "2^32"},
    {CV_WU_S, 0x7fc00000, ALL5(U32_MAX), ALL5(NV), "qNaN"},
    {CV_WU_S, 0x7f800000, ALL5(U32_MAX), ALL5(NV), "+inf"},
    {CV_WU_S, 0xff800000, ALL5(0), ALL5(NV), "-inf"},
    {CV_WU_S, 0x80000000, ALL5(0), ALL5(0), "-0.0"},
    /* float -> int64 */
    {CV_L_S, 0x501502f9, ALL5(10000000000ull), ALL5(0), "1e10"},
    {CV_L_S, 0xbfc00000, {NEG(2), NEG(1), NEG(2), NEG(1), NEG(2)}, ALL5(NX), "-1.5"},
    {CV_L_S, 0x5f000000, ALL5(I64_MAX), ALL5(NV), "2^63"},
    {CV_L_S, 0xdf000000, ALL5(I64_MIN), ALL5(0), "-2^63"},
    {CV_L_S, 0x7fc00000, ALL5(I64_MAX), ALL5(NV), "qNaN"},
    {CV_L_S, 0xff800000, ALL5(I64_MIN), ALL5(NV), "-inf"},
    /* float -> uint64 */
    {CV_LU_S, 0x40200000, {2, 2, 2, 3, 3}, ALL5(NX), "2.5"},
    {CV_LU_S, 0x5f000000, ALL5(0x8000000000000000ull), ALL5(0), "2^63"},
    {CV_LU_S, 0x5f800000, ALL5(U64_MAX), ALL5(NV), "2^64"},
    {CV_LU_S, 0xbf800000, ALL5(0), ALL5(NV), "-1.0"},
    {CV_LU_S, 0x7fc00000, ALL5(U64_MAX), ALL5(NV), "qNaN"},
    {CV_LU_S, 0xff800000, ALL5(0), ALL5(NV), "-inf"},
    /* double -> int32 */
    {CV_W_D, 0x41dfffffffe00000ull, {I32_MAX, 0x7fffffff, 0x7fffffff, I32_MAX, I32_MAX}, {NV, NX, NX, NV, NV}, "2147483647.5"},
    {CV_W_D, 0xc1e0000000100000ull, {I32_MIN, I32_MIN, I32_MIN, I32_MIN, I32_MIN}, {NX, NX, NV, NX, NV}, "-2147483648.5"},
    {CV_W_D, 0x4004000000000000ull, {2, 2, 2, 3, 3}, ALL5(NX), "2.5"},
    {CV_W_D, 0x7ff8000000000000ull, ALL5(I32_MAX), ALL5(NV), "qNaN"},
    {CV_W_D, 0xfff0000000000000ull, ALL5(I32_MIN), ALL5(NV), "-inf"},
    {CV_W_D, 0x8000000000000000ull, ALL5(0), ALL5(0), "-0.0"},
    /* double -> uint32 */
    {CV_WU_D, 0x41efffffffe00000ull, ALL5(U32_MAX), ALL5(0), "4294967295.0"},
    {CV_WU_D, 0x41efffffff000000ull, ALL5(0xfffffffffffffff8ull), ALL5(0), "4294967288.0"},
    {CV_WU_D, 0x41effffffff00000ull, ALL5(U32_MAX), {NV, NX, NX, NV, NV}, "4294967295.5"},
    {CV_WU_D, 0x8170000000000000ull, ALL5(0), {NX, NX, NV, NX, NX}, "-2^-1000"},
    {CV_WU_D, 0x7ff0000000000001ull, ALL5(U32_MAX), ALL5(NV), "sNaN"},
    /* double -> int64 */
    {CV_L_D, 0x4340000000000001ull, ALL5(0x20000000000002ull), ALL5(0), "2^53 + 2"},
    {CV_L_D, 0x3fe0000000000000ull, {0, 0, 0, 1, 1}, ALL5(NX), "0.5"},
    {CV_L_D, 0xbfe0000000000000ull, {0, 0, NEG(1), 0, NEG(1)}, ALL5(NX), "-0.5"},
    {CV_L_D, 0x43e0000000000000ull, ALL5(I64_MAX), ALL5(NV), "2^63"},
    {CV_L_D, 0xc3e0000000000000ull, ALL5(I64_MIN), ALL5(0), "-2^63"},
    {CV_L_D, 0xfff0000000000000ull, ALL5(I64_MIN), ALL5(NV), "-inf"},
    {CV_L_D, 0x7ff8000000000000ull, ALL5(I64_MAX), ALL5(NV), "qNaN"},
    /* double -> uint64 */
    {CV_LU_D, 0x43efffffffffffffull, ALL5(0xfffffffffffff800ull), ALL5(0), "2^64 - 2048"},
    {CV_LU_D, 0x43e0000000000000ull, ALL5(0x8000000000000000ull), ALL5(0), "2^63"},
    {CV_LU_D, 0x43f0000000000000ull, ALL5(U64_MAX), ALL5(NV), "2^64"},
    {CV_LU_D, 0xbff0000000000000ull, ALL5(0), ALL5(NV), "-1.0"},
    {CV_LU_D, 0x8000000000000000ull, ALL5(0), ALL5(0), "-0.0"},
    {CV_LU_D, 0x7ff8000000000000ull, ALL5(U64_MAX), ALL5(NV), "qNaN"},
    {CV_LU_D, 0x4004000000000000ull, {2, 2, 2, 3, 3}, ALL5(NX), "2.5"},
    /* int32 -> float (only the low 32 bits of rs1 count) */
    {CV_S_W, 0x1000001, {0x4b800000, 0x4b800000, 0x4b800000, 0x4b800001, 0x4b800001}, ALL5(NX), "2^24 + 1"},
    {CV_S_W, 0x1000003, {0x4b800002, 0x4b800001, 0x4b800001, 0x4b800002, 0x4b800002}, ALL5(NX), "2^24 + 3"},
    {CV_S_W, 0xfffffffffeffffffull, {0xcb800000, 0xcb800000, 0xcb800001, 0xcb800000, 0xcb800001}, ALL5(NX), "-(2^24 + 1)"},
    {CV_S_W, 0x100000005ull, ALL5(0x40a00000), ALL5(0), "0x1_00000005 (low word 5)"},
    {CV_S_W, 0x80000000ull, ALL5(0xcf000000), ALL5(0), "low word 0x80000000 = -2^31"},
    {CV_S_W, 0, ALL5(0), ALL5(0), "0"},
    /* uint32 -> float */
    {CV_S_WU, 0xffffffff, {0x4f800000, 0x4f7fffff, 0x4f7fffff, 0x4f800000, 0x4f800000}, ALL5(NX), "2^32 - 1"},
    {CV_S_WU, 0x80000000, ALL5(0x4f000000), ALL5(0), "2^31"},
    {CV_S_WU, 0xffffffff00000003ull, ALL5(0x40400000), ALL5(0), "0xffffffff_00000003 (low word 3)"},
    /* int64 -> float */
    {CV_S_L, 0x7fffffffffffffffull, {0x5f000000, 0x5effffff, 0x5effffff, 0x5f000000, 0x5f000000}, ALL5(NX), "2^63 - 1"},
    {CV_S_L, 0x8000000000000000ull, ALL5(0xdf000000), ALL5(0), "-2^63"},
    {CV_S_L, 0xffffffffffffffffull, ALL5(0xbf800000), ALL5(0), "-1"},
    {CV_S_L, 0x100000001ull, {0x4f800000, 0x4f800000, 0x4f800000, 0x4f800001, 0x4f800000}, ALL5(NX), "2^32 + 1"},
    /* uint64 -> float */
    {CV_S_LU, 0xffffffffffffffffull, {0x5f800000, 0x5f7fffff, 0x5f7fffff, 0x5f800000, 0x5f800000}, ALL5(NX), "2^64 - 1"},
    {CV_S_LU, 0x8000000000000000ull, ALL5(0x5f000000), ALL5(0), "2^63"},
    /* int32/uint32 -> double (always exact) */
    {CV_D_W, 0xfffffffffffffffbull, ALL5(0xc014000000000000ull), ALL5(0), "-5"},
    {CV_D_W, 0x17fffffffull, ALL5(0x41dfffffffc00000ull), ALL5(0), "0x1_7fffffff (low word 2^31 - 1)"},
    {CV_D_W, 0x80000000ull, ALL5(0xc1e0000000000000ull), ALL5(0), "low word -2^31"},
    {CV_D_WU, 0xffffffff, ALL5(0x41efffffffe00000ull), ALL5(0), "2^32 - 1"},
    {CV_D_WU, 0xffffffff80000000ull, ALL5(0x41e0000000000000ull), ALL5(0), "low word 2^31"},
    /* int64/uint64 -> double */
    {CV_D_L, 0x20000000000001ull, {0x4340000000000000ull, 0x4340000000000000ull, 0x4340000000000000ull, 0x4340000000000001ull, 0x4340000000000001ull}, ALL5(NX), "2^53 + 1"},
    {CV_D_L, NEG(0x20000000000001ull), {0xc340000000000000ull, 0xc340000000000000ull, 0xc340000000000001ull, 0xc340000000000000ull, 0xc340000000000001ull}, ALL5(NX), "-(2^53 + 1)"},
    {CV_D_L, 0x7fffffffffffffffull, {0x43e0000000000000ull, 0x43dfffffffffffffull, 0x43dfffffffffffffull, 0x43e0000000000000ull, 0x43e0000000000000ull}, ALL5(NX), "2^63 - 1"},
    {CV_D_L, 0, ALL5(0), ALL5(0), "0"},
    {CV_D_LU, 0xffffffffffffffffull, {0x43f0000000000000ull, 0x43efffffffffffffull, 0x43efffffffffffffull, 0x43f0000000000000ull, 0x43f0000000000000ull}, ALL5(NX), "2^64 - 1"},
    {CV_D_LU, 0x8000000000000000ull, ALL5(0x43e0000000000000ull), ALL5(0), "2^63"},
    /* double -> float */
    {CV_S_D, 0x3fd5555555555555ull, {0x3eaaaaab, 0x3eaaaaaa, 0x3eaaaaaa, 0x3eaaaaab, 0x3eaaaaab}, ALL5(NX), "1/3"},
    {CV_S_D, 0xbfd5555555555555ull, {0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaab, 0xbeaaaaaa, 0xbeaaaaab}, ALL5(NX), "-1/3"},
    {CV_S_D, 0x3ff0000010000000ull, {0x3f800000, 0x3f800000, 0x3f800000, 0x3f800001, 0x3f800001}, ALL5(NX), "1 + 2^-24 (tie)"},
    {CV_S_D, 0x7e37e43c8800759cull, {0x7f800000, 0x7f7fffff, 0x7f7fffff, 0x7f800000, 0x7f800000}, ALL5(OF | NX), "1e300"},
    {CV_S_D, 0xfe37e43c8800759cull, {0xff800000, 0xff7fffff, 0xff800000, 0xff7fffff, 0xff800000}, ALL5(OF | NX), "-1e300"},
    {CV_S_D, 0x3370000000000000ull, {0, 0, 0, 0x00000001, 0}, ALL5(UF | NX), "2^-200"},
    {CV_S_D, 0x3730000000000000ull, ALL5(0x00000200), ALL5(0), "2^-140 (exact subnormal)"},
    {CV_S_D, 0x380ffffff0000000ull, {0x00800000, 0x007fffff, 0x007fffff, 0x00800000, 0x00800000}, {NX, UF | NX, UF | NX, NX, NX}, "2^-126 (1 - 2^-25): tininess after rounding"},
    {CV_S_D, 0x7ff0000000000001ull, ALL5(0x7fc00000), ALL5(NV), "sNaN"},
    {CV_S_D, 0x7ff8000000000123ull, ALL5(0x7fc00000), ALL5(0), "qNaN with payload"},
    {CV_S_D, 0xfff0000000000000ull, ALL5(0xff800000), ALL5(0), "-inf"},
    /* float -> double (exact) */
    {CV_D_S, 0x3dcccccd, ALL5(0x3fb99999a0000000ull), ALL5(0), "0.1f"},
    {CV_D_S, 0x00000001, ALL5(0x36a0000000000000ull), ALL5(0), "smallest subnormal"},
    {CV_D_S, 0x7f800001, ALL5(0x7ff8000000000000ull), ALL5(NV), "sNaN"},
    {CV_D_S, 0x7fc00001, ALL5(0x7ff8000000000000ull), ALL5(0), "qNaN with payload"},
    {CV_D_S, 0xff800000, ALL5(0xfff0000000000000ull), ALL5(0), "-inf"},
};

#endif
