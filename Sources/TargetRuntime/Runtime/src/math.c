/*
 * math.c: the small, exact part of <math.h>.
 *
 * GCC inlines most of these at -O2 -ffast-math, but emits calls at -O0 and
 * for floor/ceil/trunc/round/fmod always. Rounding works on the bits, so
 * -ffast-math (which assumes no inf/nan and ignores the sign of zero)
 * cannot change results. Float versions go through double: every float
 * result here is exactly representable, so that is exact too.
 * Not provided: exp, log, pow, trigonometric and hyperbolic functions.
 */
#include <math.h>

#include "autocomp_rt.h"

static uint64_t bits_of(double x)
{
    union { double d; uint64_t u; } v = {x};
    return v.u;
}

static double from_bits(uint64_t u)
{
    union { uint64_t u; double d; } v = {u};
    return v.d;
}

#define SIGN ((uint64_t)1 << 63)
#define EXP(u) ((int)(((u) >> 52) & 0x7ff) - 1023) /* unbiased exponent */
#define ONE 0x3ff0000000000000ull                  /* bits of 1.0 */

RT_WEAK double trunc(double x)
{
    uint64_t u = bits_of(x);
    int e = EXP(u);
    if (e >= 52) /* already integral, or inf/nan */
        return x;
    if (e < 0)
        return from_bits(u & SIGN);
    return from_bits(u & ~(((uint64_t)1 << (52 - e)) - 1));
}

RT_WEAK double floor(double x)
{
    uint64_t u = bits_of(x);
    int e = EXP(u);
    if (e >= 52)
        return x;
    if (e < 0) /* |x| < 1: 0 keeps its sign, negatives go to -1 */
        return (u & SIGN) && (u << 1) ? from_bits(SIGN | ONE) : from_bits(u & SIGN);
    uint64_t frac = ((uint64_t)1 << (52 - e)) - 1;
    if (!(u & frac))
        return x;
    double t = from_bits(u & ~frac);
    return (u & SIGN) ? t - 1.0 : t;
}

RT_WEAK double ceil(double x)
{
    uint64_t u = bits_of(x);
    int e = EXP(u);
    if (e >= 52)
        return x;
    if (e < 0) /* |x| < 1: positives go to 1, the rest to a signed 0 */
        return !(u & SIGN) && u ? from_bits(ONE) : from_bits(u & SIGN);
    uint64_t frac = ((uint64_t)1 << (52 - e)) - 1;
    if (!(u & frac))
        return x;
    double t = from_bits(u & ~frac);
    return (u & SIGN) ? t : t + 1.0;
}

/* Halfway cases go away from zero. */
RT_WEAK double round(double x)
{
    uint64_t u = bits_of(x);
    int e = EXP(u);
    if (e >= 52)
        return x;
    if (e < -1) /* |x| < 0.5 */
        return from_bits(u & SIGN);
    if (e == -1) /* 0.5 <= |x| < 1 */
        return from_bits((u & SIGN) | ONE);
    /* Add half a unit to the magnitude (a carry correctly bumps the
       exponent), then drop the fraction. */
    uint64_t frac = ((uint64_t)1 << (52 - e)) - 1;
    u += (uint64_t)1 << (51 - e);
    return from_bits(u & ~frac);
}

/* Exact remainder x - n*y with n = trunc(x/y), by binary long division. */
RT_WEAK double fmod(double x, double y)
{
    uint64_t ux = bits_of(x), uy = bits_of(y);
    uint64_t sx = ux & SIGN;
    int ex = (int)((ux >> 52) & 0x7ff), ey = (int)((uy >> 52) & 0x7ff);

    if (ex == 0x7ff || ey == 0x7ff || !(uy << 1)) { /* inf or nan involved, or y == 0 */
        if (ey == 0x7ff && (uy << 12) == 0 && ex != 0x7ff)
            return x; /* finite x mod inf */
        return from_bits(0x7ff8000000000000ull);
    }
    ux &= ~SIGN;
    uy &= ~SIGN;
    if (ux < uy) /* |x| < |y| */
        return x;

    /* Integer mantissas with explicit leading bit; subnormals get exponent 1. */
    uint64_t mx = ux & ((1ull << 52) - 1), my = uy & ((1ull << 52) - 1);
    if (ex) mx |= 1ull << 52; else ex = 1;
    if (ey) my |= 1ull << 52; else ey = 1;

    uint64_t r = mx % my;
    for (int i = ex - ey; i > 0; i--) { /* r < my <= 2^53 throughout */
        r <<= 1;
        if (r >= my)
            r -= my;
    }
    if (r == 0)
        return from_bits(sx);

    /* r * 2^(ey - 1075): normalise, or leave subnormal at exponent 1. */
    int e = ey;
    while (r < (1ull << 52) && e > 1) {
        r <<= 1;
        e--;
    }
    if (r < (1ull << 52))
        e = 0; /* subnormal result */
    return from_bits(sx | ((uint64_t)e << 52) | (r & ((1ull << 52) - 1)));
}

RT_WEAK float truncf(float x) { return (float)trunc(x); }
RT_WEAK float floorf(float x) { return (float)floor(x); }
RT_WEAK float ceilf(float x) { return (float)ceil(x); }
RT_WEAK float roundf(float x) { return (float)round(x); }
RT_WEAK float fmodf(float x, float y) { return (float)fmod(x, y); }

RT_WEAK long lround(double x) { return (long)round(x); }
RT_WEAK long long llround(double x) { return (long long)round(x); }
RT_WEAK long lroundf(float x) { return (long)round(x); }
RT_WEAK long long llroundf(float x) { return (long long)round(x); }

/*
 * These compile to single instructions. The bodies use the instructions
 * directly: written as the C builtins, a build without -ffast-math could
 * turn them back into calls to the very functions being defined.
 */
#ifdef __riscv
RT_WEAK double sqrt(double x) { double r; __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(x)); return r; }
RT_WEAK float sqrtf(float x) { float r; __asm__("fsqrt.s %0, %1" : "=f"(r) : "f"(x)); return r; }
RT_WEAK double fabs(double x) { double r; __asm__("fabs.d %0, %1" : "=f"(r) : "f"(x)); return r; }
RT_WEAK float fabsf(float x) { float r; __asm__("fabs.s %0, %1" : "=f"(r) : "f"(x)); return r; }
RT_WEAK double fmin(double a, double b) { double r; __asm__("fmin.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
RT_WEAK double fmax(double a, double b) { double r; __asm__("fmax.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
RT_WEAK float fminf(float a, float b) { float r; __asm__("fmin.s %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
RT_WEAK float fmaxf(float a, float b) { float r; __asm__("fmax.s %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
RT_WEAK double copysign(double a, double b) { double r; __asm__("fsgnj.d %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
RT_WEAK float copysignf(float a, float b) { float r; __asm__("fsgnj.s %0, %1, %2" : "=f"(r) : "f"(a), "f"(b)); return r; }
/* Current rounding mode (fcsr.frm), as lrint requires. */
RT_WEAK long lrint(double x) { long r; __asm__("fcvt.l.d %0, %1, dyn" : "=r"(r) : "f"(x)); return r; }
RT_WEAK long long llrint(double x) { long long r; __asm__("fcvt.l.d %0, %1, dyn" : "=r"(r) : "f"(x)); return r; }
RT_WEAK long lrintf(float x) { long r; __asm__("fcvt.l.s %0, %1, dyn" : "=r"(r) : "f"(x)); return r; }
#endif
