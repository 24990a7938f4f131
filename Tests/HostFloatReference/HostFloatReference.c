// Reference results from the host FPU; see include/HostFloatReference.h.
// The operations themselves are inline assembly, so the compiler can neither fold them nor
// move them across the fenv calls; FENV_ACCESS documents the intent for the C parts.
#include "HostFloatReference.h"

#if defined(__x86_64__)

#include <fenv.h>
#include <float.h>
#include <math.h>
#include <string.h>

#pragma STDC FENV_ACCESS ON

int hfr_available(void) { return 1; }

// FMA3 instructions when the CPU has them, else the C library's fma (correctly rounded, and
// it raises the IEEE exceptions).
static int has_fma(void) { return __builtin_cpu_supports("fma"); }

typedef __float128 quad;

static const int x86_modes[4] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};

static void begin(int rm) {
    // RMM is computed as RNE and fixed up afterwards.
    fesetround(x86_modes[rm == 4 ? 0 : rm]);
    feclearexcept(FE_ALL_EXCEPT);
}

static uint8_t end(void) {
    int ex = fetestexcept(FE_ALL_EXCEPT);
    fesetround(FE_TONEAREST);
    feclearexcept(FE_ALL_EXCEPT);
    uint8_t flags = 0;
    if (ex & FE_INEXACT) flags |= 0x01;
    if (ex & FE_UNDERFLOW) flags |= 0x02;
    if (ex & FE_OVERFLOW) flags |= 0x04;
    if (ex & FE_DIVBYZERO) flags |= 0x08;
    if (ex & FE_INVALID) flags |= 0x10;
    return flags;
}

static float f32(uint32_t bits) { float f; memcpy(&f, &bits, 4); return f; }
static double f64(uint64_t bits) { double d; memcpy(&d, &bits, 8); return d; }
static uint32_t bits32(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }
static uint64_t bits64(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }

static float op32(int op, float a, float b, float c) {
    float r = a;
    switch (op) {
    case HFR_ADD: __asm__ volatile("addss %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_SUB: __asm__ volatile("subss %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_MUL: __asm__ volatile("mulss %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_DIV: __asm__ volatile("divss %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_SQRT: __asm__ volatile("sqrtss %1, %0" : "=x"(r) : "x"(a)); break;
    case HFR_FMA:
        if (has_fma()) __asm__ volatile("vfmadd213ss %2, %1, %0" : "+x"(r) : "x"(b), "x"(c));  // r = b*r + c
        else r = fmaf(a, b, c);
        break;
    }
    return r;
}

static double op64(int op, double a, double b, double c) {
    double r = a;
    switch (op) {
    case HFR_ADD: __asm__ volatile("addsd %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_SUB: __asm__ volatile("subsd %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_MUL: __asm__ volatile("mulsd %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_DIV: __asm__ volatile("divsd %1, %0" : "+x"(r) : "x"(b)); break;
    case HFR_SQRT: __asm__ volatile("sqrtsd %1, %0" : "=x"(r) : "x"(a)); break;
    case HFR_FMA:
        if (has_fma()) __asm__ volatile("vfmadd213sd %2, %1, %0" : "+x"(r) : "x"(b), "x"(c));
        else r = fma(a, b, c);
        break;
    }
    return r;
}

// ---- Round-to-nearest-max-magnitude ----------------------------------------------------------
// RMM differs from RNE only when the exact result v lies exactly halfway between two adjacent
// representable values (the flags are the same in that case). v is computed exactly, or shown
// not to be a midpoint, in a wider format: binary64 for binary32 operations, binary128 for
// binary64 ones. The helpers below run in round-to-nearest.

// Exact value of a op b (op c) in double for binary32 operands; returns 0 when v is certainly
// not a midpoint of binary32 values.
static int exact32(int op, double a, double b, double c, double *v) {
    volatile double x = a, y = b, z = c;
    switch (op) {
    case HFR_ADD:
    case HFR_SUB: {
        if (op == HFR_SUB) y = -y;
        double s = x + y, bb = s - x;
        double e = (x - (s - bb)) + (y - bb);  // TwoSum
        *v = s;
        return e == 0;  // a midpoint has at most 25 significant bits, so it is exact in double
    }
    case HFR_MUL: *v = x * y; return 1;  // exact (48 bits)
    case HFR_DIV: *v = x / y; return 1;  // a midpoint quotient is exact; anything else differs
                                         // from every midpoint by more than the double rounding
    case HFR_FMA: {
        double p = x * y;  // exact
        double s = p + z, bb = s - p;
        double e = (p - (s - bb)) + (z - bb);
        *v = s;
        return e == 0;
    }
    default: return 0;  // square roots are never midpoints
    }
}

static int exact64(int op, quad a, quad b, quad c, quad *v) {
    volatile quad x = a, y = b, z = c;
    switch (op) {
    case HFR_ADD:
    case HFR_SUB: {
        if (op == HFR_SUB) y = -y;
        quad s = x + y, bb = s - x;
        quad e = (x - (s - bb)) + (y - bb);
        *v = s;
        return e == 0;
    }
    case HFR_MUL: *v = x * y; return 1;  // exact (106 bits)
    case HFR_DIV: *v = x / y; return 1;
    case HFR_FMA: {
        quad p = x * y;
        quad s = p + z, bb = s - p;
        quad e = (p - (s - bb)) + (z - bb);
        *v = s;
        return e == 0;
    }
    default: return 0;
    }
}

// Given the exact value v and its round-to-nearest-even binary32 result r, returns the RMM result.
static float rmm_fix32(double v, float r) {
    if ((double)r == v) return r;
    float lo, hi;
    if ((double)r < v) { lo = r; hi = nextafterf(r, INFINITY); } else { hi = r; lo = nextafterf(r, -INFINITY); }
    double mid;
    if (isinf(hi)) mid = (double)FLT_MAX + ldexp(1.0, 103);
    else if (isinf(lo)) mid = -(double)FLT_MAX - ldexp(1.0, 103);
    else mid = ((double)lo + (double)hi) / 2;
    if (v != mid) return r;
    return v > 0 ? hi : lo;
}

static double rmm_fix64(quad v, double r) {
    if ((quad)r == v) return r;
    double lo, hi;
    if ((quad)r < v) { lo = r; hi = nextafter(r, INFINITY); } else { hi = r; lo = nextafter(r, -INFINITY); }
    quad mid;
    if (isinf(hi)) mid = (quad)DBL_MAX + (quad)ldexp(1.0, 970);
    else if (isinf(lo)) mid = -(quad)DBL_MAX - (quad)ldexp(1.0, 970);
    else mid = ((quad)lo + (quad)hi) / 2;
    if (v != mid) return r;
    return v > 0 ? hi : lo;
}

// ---- Arithmetic -------------------------------------------------------------------------------

uint32_t hfr_f32_op(int op, uint32_t a, uint32_t b, uint32_t c, int rm, uint8_t *flags) {
    float fa = f32(a), fb = f32(b), fc = f32(c);
    begin(rm);
    float r = op32(op, fa, fb, fc);
    *flags = end();
    if (rm == 4 && !isnan(r)) {
        double v;
        if (exact32(op, fa, fb, fc, &v)) r = rmm_fix32(v, r);
    }
    return bits32(r);
}

uint64_t hfr_f64_op(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint8_t *flags) {
    double da = f64(a), db = f64(b), dc = f64(c);
    begin(rm);
    double r = op64(op, da, db, dc);
    *flags = end();
    if (rm == 4 && !isnan(r)) {
        quad v;
        if (exact64(op, da, db, dc, &v)) r = rmm_fix64(v, r);
    }
    return bits64(r);
}

// ---- Conversions ------------------------------------------------------------------------------

uint32_t hfr_f64_to_f32(uint64_t a, int rm, uint8_t *flags) {
    double x = f64(a);
    float r;
    begin(rm);
    __asm__ volatile("cvtsd2ss %1, %0" : "=x"(r) : "x"(x));
    *flags = end();
    if (rm == 4 && !isnan(r)) r = rmm_fix32(x, r);
    return bits32(r);
}

uint64_t hfr_f32_to_f64(uint32_t a, uint8_t *flags) {
    float x = f32(a);
    double r;
    begin(0);
    __asm__ volatile("cvtss2sd %1, %0" : "=x"(r) : "x"(x));
    *flags = end();
    return bits64(r);
}

// Number of significant bits of a nonzero magnitude beyond `precision` form an exact tie?
static int integer_is_tie(uint64_t m, int precision) {
    int width = 64 - __builtin_clzll(m);
    if (width <= precision) return 0;
    int drop = width - precision;
    uint64_t rem = drop == 64 ? m : m & ((1ull << drop) - 1);
    return rem == 1ull << (drop - 1);
}

// RMM for integer sources: a tie rounds the magnitude up, i.e. RUP for positive, RDN for negative.
static int integer_mode(int rm, int negative, uint64_t magnitude, int precision) {
    if (rm != 4) return rm;
    if (magnitude != 0 && integer_is_tie(magnitude, precision)) return negative ? 2 : 3;
    return 0;
}

uint32_t hfr_i64_to_f32(int64_t v, int rm, uint8_t *flags) {
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    float r;
    begin(integer_mode(rm, v < 0, m, 24));
    __asm__ volatile("cvtsi2ssq %1, %0" : "=x"(r) : "r"(v));
    *flags = end();
    return bits32(r);
}

uint64_t hfr_i64_to_f64(int64_t v, int rm, uint8_t *flags) {
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    double r;
    begin(integer_mode(rm, v < 0, m, 53));
    __asm__ volatile("cvtsi2sdq %1, %0" : "=x"(r) : "r"(v));
    *flags = end();
    return bits64(r);
}

// Values ≥ 2^63 are halved first with the shifted-out bit OR-ed back in (it stays far below the
// rounding position, so rounding is unaffected in every mode); doubling back is exact.
uint32_t hfr_u64_to_f32(uint64_t v, int rm, uint8_t *flags) {
    float r;
    begin(integer_mode(rm, 0, v, 24));
    if (v >> 63) {
        int64_t h = (int64_t)((v >> 1) | (v & 1));
        __asm__ volatile("cvtsi2ssq %1, %0\n\taddss %0, %0" : "=&x"(r) : "r"(h));
    } else {
        __asm__ volatile("cvtsi2ssq %1, %0" : "=x"(r) : "r"((int64_t)v));
    }
    *flags = end();
    return bits32(r);
}

uint64_t hfr_u64_to_f64(uint64_t v, int rm, uint8_t *flags) {
    double r;
    begin(integer_mode(rm, 0, v, 53));
    if (v >> 63) {
        int64_t h = (int64_t)((v >> 1) | (v & 1));
        __asm__ volatile("cvtsi2sdq %1, %0\n\taddsd %0, %0" : "=&x"(r) : "r"(h));
    } else {
        __asm__ volatile("cvtsi2sdq %1, %0" : "=x"(r) : "r"((int64_t)v));
    }
    *flags = end();
    return bits64(r);
}

int64_t hfr_f64_round_to_i64(uint64_t a, int rm, uint8_t *flags) {
    double x = f64(a);
    if (rm == 4) {
        // Ties away from zero, by hand: trunc and the fraction are exact.
        volatile double t = trunc(x);
        double frac = x - t;
        *flags = frac != 0 ? 0x01 : 0;
        if (fabs(frac) >= 0.5) t += x < 0 ? -1.0 : 1.0;
        return (int64_t)t;
    }
    int64_t r;
    begin(rm);
    __asm__ volatile("cvtsd2si %1, %0" : "=r"(r) : "x"(x));
    *flags = end();
    return r;
}

#else  // not x86-64: no reference (other FPUs differ, e.g. in when they detect tininess)

int hfr_available(void) { return 0; }
uint32_t hfr_f32_op(int op, uint32_t a, uint32_t b, uint32_t c, int rm, uint8_t *flags) { *flags = 0; return 0; }
uint64_t hfr_f64_op(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint8_t *flags) { *flags = 0; return 0; }
uint32_t hfr_f64_to_f32(uint64_t a, int rm, uint8_t *flags) { *flags = 0; return 0; }
uint64_t hfr_f32_to_f64(uint32_t a, uint8_t *flags) { *flags = 0; return 0; }
uint32_t hfr_i64_to_f32(int64_t v, int rm, uint8_t *flags) { *flags = 0; return 0; }
uint32_t hfr_u64_to_f32(uint64_t v, int rm, uint8_t *flags) { *flags = 0; return 0; }
uint64_t hfr_i64_to_f64(int64_t v, int rm, uint8_t *flags) { *flags = 0; return 0; }
uint64_t hfr_u64_to_f64(uint64_t v, int rm, uint8_t *flags) { *flags = 0; return 0; }
int64_t hfr_f64_round_to_i64(uint64_t a, int rm, uint8_t *flags) { *flags = 0; return 0; }

#endif
