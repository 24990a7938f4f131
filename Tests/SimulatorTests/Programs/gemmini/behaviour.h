/*
 * behaviour.h: shared helpers for the Gemmini behaviour programs in this directory.
 *
 * Each program drives the accelerator with gemmini.h's command macros, computes the expected
 * result on the simulated core with the reference arithmetic below (written from
 * gemmini-reference.md sections 3.2/3.3, not from the model), and compares.
 *
 * A mismatch prints one line
 *     FAIL <what> at <where>: got X expected Y
 * (the first GB_MAX_REPORTED of them), and gb_finish() ends with
 *     checks passed: N        (exit status 0)   or
 *     checks failed: F of N   (exit status 1),
 * the summary SelfCheck.verify reads.
 *
 * The programs are compiled with -ffast-math (the flags upstream Gemmini programs use), so the
 * floating-point reference operations are single RISC-V instructions with an explicit
 * round-to-nearest-even mode, and floats are compared by their bit patterns.
 */
#ifndef GEMMINI_BEHAVIOUR_H
#define GEMMINI_BEHAVIOUR_H

#if __has_include("include/gemmini.h")
#include "include/gemmini.h"
#else
#include "gemmini.h"
#endif

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#ifndef CASE
#define CASE -1 /* all cases */
#endif

#define GB_MAX_REPORTED 40
#define GB_ALIGNED __attribute__((aligned(64)))

/* Local addresses. */
#define GB_ACC(row) (GEMMINI_ACC_ADDR | (uint32_t)(row))
#define GB_ACC_ACCUMULATE(row) (GEMMINI_ACC_ADDR | GEMMINI_ACC_ACCUMULATE | (uint32_t)(row))
#define GB_ACC_FULL(row) (GEMMINI_ACC_ADDR | GEMMINI_ACC_READ_FULL | (uint32_t)(row))

static int gb_checks, gb_failures;
static const char *gb_case_name = "";

/* ------------------------------------------------------------------------------------------
 * Checks
 * ---------------------------------------------------------------------------------------- */

static void gb_vreport(const char *what, const char *got, const char *expected, const char *where, va_list ap)
{
    if (gb_failures > GB_MAX_REPORTED)
        return;
    if (gb_failures == GB_MAX_REPORTED) {
        printf("FAIL (further failures not shown)\n");
        return;
    }
    char place[200];
    vsnprintf(place, sizeof place, where, ap);
    printf("FAIL %s%s%s at %s: got %s expected %s\n", gb_case_name, *gb_case_name ? ": " : "", what, place, got,
           expected);
}

/* Integer comparison; `where` is a printf format. Returns 1 on a match. */
__attribute__((format(printf, 4, 5), unused))
static int gb_expect(const char *what, long long got, long long expected, const char *where, ...)
{
    gb_checks++;
    if (got == expected)
        return 1;
    char g[32], e[32];
    snprintf(g, sizeof g, "%lld", got);
    snprintf(e, sizeof e, "%lld", expected);
    va_list ap;
    va_start(ap, where);
    gb_vreport(what, g, e, where, ap);
    va_end(ap);
    gb_failures++;
    return 0;
}

static inline uint32_t gb_bits(float x)
{
    uint32_t u;
    memcpy(&u, &x, 4);
    return u;
}

static inline float gb_float(uint32_t u)
{
    float x;
    memcpy(&x, &u, 4);
    return x;
}

static inline int gb_is_nan_bits(uint32_t u) { return (u & 0x7F800000u) == 0x7F800000u && (u & 0x007FFFFFu) != 0; }

/* Float comparison by bit pattern; any NaN matches any NaN when `any_nan` is set (the spec
   does not fix NaN payloads or signs produced by arithmetic). */
__attribute__((format(printf, 5, 6), unused))
static int gb_expect_f32(const char *what, float got, float expected, int any_nan, const char *where, ...)
{
    gb_checks++;
    uint32_t gb = gb_bits(got), eb = gb_bits(expected);
    if (gb == eb || (any_nan && gb_is_nan_bits(gb) && gb_is_nan_bits(eb)))
        return 1;
    char g[48], e[48];
    snprintf(g, sizeof g, "%a (0x%08x)", (double)got, (unsigned)gb);
    snprintf(e, sizeof e, "%a (0x%08x)", (double)expected, (unsigned)eb);
    va_list ap;
    va_start(ap, where);
    gb_vreport(what, g, e, where, ap);
    va_end(ap);
    gb_failures++;
    return 0;
}

/* A condition that must hold. */
__attribute__((format(printf, 2, 3), unused))
static int gb_expect_true(int condition, const char *what, ...)
{
    gb_checks++;
    if (condition)
        return 1;
    gb_failures++;
    if (gb_failures <= GB_MAX_REPORTED) {
        char text[200];
        va_list ap;
        va_start(ap, what);
        vsnprintf(text, sizeof text, what, ap);
        va_end(ap);
        printf("FAIL %s%s%s\n", gb_case_name, *gb_case_name ? ": " : "", text);
    }
    return 0;
}

__attribute__((unused))
static int gb_finish(void)
{
    if (gb_checks == 0) {
        printf("FAIL no checks ran\n");
        printf("checks failed: 1 of 1\n");
        return 1;
    }
    if (gb_failures) {
        printf("checks failed: %d of %d\n", gb_failures, gb_checks);
        return 1;
    }
    printf("checks passed: %d\n", gb_checks);
    return 0;
}

/* Whether case `n` runs (all of them when CASE is -1). */
#define GB_RUN(n) (CASE == -1 || CASE == (n))

/* ------------------------------------------------------------------------------------------
 * Deterministic data
 * ---------------------------------------------------------------------------------------- */

static uint64_t gb_seed = 0x9E3779B97F4A7C15ull;

static inline uint32_t gb_rand(void)
{
    gb_seed = gb_seed * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(gb_seed >> 32);
}

/* A value in [lo, hi]. */
static inline int32_t gb_rand_range(int32_t lo, int32_t hi)
{
    return lo + (int32_t)(gb_rand() % (uint32_t)(hi - lo + 1));
}

/* ------------------------------------------------------------------------------------------
 * Reference floating-point operations: one instruction each, rounding to nearest even.
 * ---------------------------------------------------------------------------------------- */

static inline float gb_fmul(float a, float b)
{
    float r;
    __asm__ volatile("fmul.s %0, %1, %2, rne" : "=f"(r) : "f"(a), "f"(b));
    return r;
}

static inline float gb_fadd(float a, float b)
{
    float r;
    __asm__ volatile("fadd.s %0, %1, %2, rne" : "=f"(r) : "f"(a), "f"(b));
    return r;
}

/* a * b + c with one rounding. */
static inline float gb_fma(float a, float b, float c)
{
    float r;
    __asm__ volatile("fmadd.s %0, %1, %2, %3, rne" : "=f"(r) : "f"(a), "f"(b), "f"(c));
    return r;
}

/* int32 -> float32, rounding to nearest even (exact below 2^24). */
static inline float gb_i2f(int32_t x)
{
    float r;
    __asm__ volatile("fcvt.s.w %0, %1, rne" : "=f"(r) : "r"(x));
    return r;
}

/* ------------------------------------------------------------------------------------------
 * Reference integer numerics (gemmini-reference.md 3.2)
 * ---------------------------------------------------------------------------------------- */

/* Rounds a finite float to the nearest integer, ties to even, saturating to [lo, hi]. Works on
   the bit pattern: no floating-point comparison the compiler could fold. */
static int64_t gb_round_even_saturate(float x, int64_t lo, int64_t hi)
{
    uint32_t u = gb_bits(x);
    int negative = (u >> 31) != 0;
    int exponent = (int)((u >> 23) & 0xFF);
    uint32_t mantissa = u & 0x7FFFFF;
    if (exponent == 0xFF && mantissa != 0)
        return 0; /* NaN: not used by the tests' expectations */
    if (exponent == 0xFF || exponent >= 127 + 40)
        return negative ? lo : hi;
    int64_t magnitude;
    if (exponent == 0) {
        magnitude = 0; /* subnormal: |x| < 0.5 */
    } else {
        uint64_t significand = (uint64_t)(mantissa | 0x800000); /* value = significand * 2^(exponent-150) */
        int shift = 150 - exponent;
        if (shift <= 0) {
            magnitude = (int64_t)(significand << -shift);
        } else if (shift > 25) {
            magnitude = 0; /* below 0.5 */
        } else {
            uint64_t whole = significand >> shift;
            uint64_t rest = significand & ((1ull << shift) - 1);
            uint64_t half = 1ull << (shift - 1);
            if (rest > half || (rest == half && (whole & 1)))
                whole++;
            magnitude = (int64_t)whole;
        }
    }
    int64_t value = negative ? -magnitude : magnitude;
    return value < lo ? lo : value > hi ? hi : value;
}

static inline int8_t gb_sat8(int64_t x) { return (int8_t)(x < -128 ? -128 : x > 127 ? 127 : x); }

/* mvin scaling into the scratchpad (and shrink mvins): round_half_even(float32(x) * scale),
   saturated to int8; a scale of exactly 1.0 copies. */
static inline int8_t gb_mvin_scale(int8_t x, float scale)
{
    if (gb_bits(scale) == 0x3F800000u)
        return x;
    return (int8_t)gb_round_even_saturate(gb_fmul((float)x, scale), -128, 127);
}

/* mvout from the accumulator: ReLU (RTL order: first), then float32(x) * scale rounded half
   to even and saturated to int8. */
static inline int8_t gb_acc_out(int32_t x, float scale, int relu)
{
    if (relu && x < 0)
        x = 0;
    return (int8_t)gb_round_even_saturate(gb_fmul(gb_i2f(x), scale), -128, 127);
}

/* The array's 20-bit partial sums, two's complement. */
static inline int32_t gb_wrap20(int64_t x) { return (int32_t)((uint32_t)x << 12) >> 12; }

/* Clipping (saturating) to int20, as the output-stationary PE output. */
static inline int32_t gb_clip20(int64_t x) { return (int32_t)(x < -524288 ? -524288 : x > 524287 ? 524287 : x); }

/* Rounding right shift, ties to even: (x >> s) + (bit[s-1] & (any of bits[s-2:0] | bit[s])). */
static inline int64_t gb_round_shift(int64_t x, int s)
{
    if (s == 0)
        return x;
    int64_t shifted = x >> s;
    int64_t half = (x >> (s - 1)) & 1;
    int64_t sticky = (x & ((1ll << (s - 1)) - 1)) != 0;
    return shifted + (half & (sticky | (shifted & 1)));
}

/* An array result written to the scratchpad: saturate to int8, then ReLU. */
static inline int8_t gb_array_to_spad(int32_t x, int relu)
{
    int8_t y = gb_sat8(x);
    return relu && y < 0 ? 0 : y;
}

/* Wrapping 32-bit add (accumulating writes). */
static inline int32_t gb_add32(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }

/* Raw command with hand-built operands (for encodings the macros do not offer). */
#define GB_RAW(funct, rs1, rs2) ROCC_INSTRUCTION_RS1_RS2(XCUSTOM_ACC, rs1, rs2, funct)

#endif
