/*
 * format_host_check.c: checks the target runtime's formatting core against glibc.
 *
 * Built on the host together with Sources/TargetRuntime/Runtime/src/format.c:
 *   cc -O2 -I Runtime/include format_host_check.c Runtime/src/format.c
 * Every case is formatted by glibc's vsnprintf and by rt_vsnformat; any
 * difference (text or return value) is printed, and the exit status is 1.
 */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "autocomp_rt.h"

#ifndef MAX_SHOWN
#define MAX_SHOWN 100
#endif
#ifndef RANDOM_DOUBLES
#define RANDOM_DOUBLES 300000
#endif

static long checks, failures;
static char note[128]; /* describes the argument of the current case */

static void check(const char *fmt, ...)
{
    static char want[16384], got[16384];
    va_list ap, aq;

    va_start(ap, fmt);
    va_copy(aq, ap);
    int rw = vsnprintf(want, sizeof want, fmt, ap);
    int rg = rt_vsnformat(got, sizeof got, fmt, aq);
    va_end(aq);
    va_end(ap);
    checks++;
    if (rw != rg || strcmp(want, got) != 0) {
        if (failures < MAX_SHOWN)
            printf("MISMATCH format \"%s\" %s\n  glibc: [%s] (%d)\n  ours:  [%s] (%d)\n", fmt, note, want, rw, got, rg);
        failures++;
    }
}

/* Truncation and return value with small buffers. */
static void check_bounded(size_t size, const char *fmt, ...)
{
    char want[64], got[64];
    va_list ap, aq;

    memset(want, 'W', sizeof want);
    memset(got, 'W', sizeof got);
    va_start(ap, fmt);
    va_copy(aq, ap);
    int rw = vsnprintf(size ? want : NULL, size, fmt, ap);
    int rg = rt_vsnformat(size ? got : NULL, size, fmt, aq);
    va_end(aq);
    va_end(ap);
    checks++;
    if (rw != rg || memcmp(want, got, sizeof want) != 0) {
        if (failures < MAX_SHOWN)
            printf("MISMATCH bounded size %zu format \"%s\": glibc [%.*s] (%d) ours [%.*s] (%d)\n", size, fmt,
                   (int)sizeof want, want, rw, (int)sizeof got, got, rg);
        failures++;
    }
}

/* xorshift64*: fixed seed, same cases on every run. */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static uint64_t to_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static const char *const flag_sets[] = {
    "", "-", "+", " ", "#", "0", "-+", "- ", "-#", "-0", "+ ", "+#", "+0", " #", " 0", "#0",
    "-+ ", "-+#", "-+0", "- #", "- 0", "-#0", "+ #", "+ 0", "+#0", " #0", "-+ #", "-+ 0", "-+#0", "- #0", "+ #0", "-+ #0",
};
#define NFLAGS (sizeof flag_sets / sizeof flag_sets[0])

/* ---- integers ---- */

static void int_case(const char *fmt, int stars, int s0, int s1, int len, long long v)
{
    snprintf(note, sizeof note, "(value %lld, stars %d %d)", v, s0, s1);
#define CALL(T)                                          \
    do {                                                 \
        T x = (T)v;                                      \
        if (stars == 0) check(fmt, x);                   \
        else if (stars == 1) check(fmt, s0, x);          \
        else check(fmt, s0, s1, x);                      \
    } while (0)
    switch (len) {
    case 3: CALL(long); break;
    case 4: CALL(long long); break;
    case 5: CALL(size_t); break;
    case 6: CALL(intmax_t); break;
    case 7: CALL(ptrdiff_t); break;
    default: CALL(int); break;
    }
#undef CALL
}

static void test_integers(void)
{
    static const char *const widths[] = {"", "1", "6", "23", "*"};
    static const char *const precs[] = {"", ".", ".0", ".1", ".5", ".22", ".*"};
    static const char *const lens[] = {"hh", "h", "", "l", "ll", "z", "j", "t"};
    static const int len_kind[] = {0, 1, 2, 3, 4, 5, 6, 7};
    static const char convs[] = "diuoxX";
    static const long long values[] = {
        0, 1, -1, 7, -7, 8, 255, 256, -128, 65535, 12345, -12345, 0x7fff, -32768, 1234567890,
        INT_MAX, INT_MIN, (long long)UINT_MAX, 0x123456789abcdefLL, LLONG_MAX, LLONG_MIN, -2, 077, 0xff,
    };
    static const int star_values[][2] = {{8, 3}, {-8, -1}, {0, 0}, {30, 25}};
    char fmt[64];

    for (size_t f = 0; f < NFLAGS; f++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            for (size_t p = 0; p < sizeof precs / sizeof precs[0]; p++)
                for (size_t l = 0; l < sizeof lens / sizeof lens[0]; l++)
                    for (const char *c = convs; *c; c++) {
                        snprintf(fmt, sizeof fmt, "<%%%s%s%s%s%c>", flag_sets[f], widths[w], precs[p], lens[l], *c);
                        int stars = (widths[w][0] == '*') + (precs[p][1] == '*');
                        for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
                            for (size_t s = 0; s < (stars ? 4u : 1u); s++) {
                                int s0 = star_values[s][0], s1 = star_values[s][1];
                                if (stars == 1 && precs[p][1] == '*')
                                    s0 = star_values[s][1];
                                int_case(fmt, stars, s0, s1, len_kind[l], values[v]);
                            }
                    }
    note[0] = 0;
    /* Random values through a few common shapes. */
    for (int i = 0; i < 20000; i++) {
        long long v = (long long)rnd() >> (rnd() % 64);
        snprintf(note, sizeof note, "(value %lld)", v);
        check("%lld %llu %llx %llo %+lld %20lld %-20lld| %.15lld %#llx", v, v, v, v, v, v, v, v, v);
        check("%d %u %x %hd %hhu %ld", (int)v, (unsigned)v, (unsigned)v, (int)v, (int)v, (long)v);
    }
    note[0] = 0;
}

/* ---- strings, characters, pointers, %n, %% ---- */

/* rt_vsnformat with a variable argument list of its own. */
static int call_rt(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = rt_vsnformat(buf, size, fmt, ap);
    va_end(ap);
    return r;
}


static void test_misc(void)
{
    static const char *const widths[] = {"", "1", "3", "8", "*"};
    static const char *const precs[] = {"", ".", ".0", ".2", ".5", ".6", ".9", ".*"};
    static const char *const strs[] = {"", "a", "hello", "hello, world", NULL};
    char fmt[64];

    for (size_t f = 0; f < NFLAGS; f++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            for (size_t p = 0; p < sizeof precs / sizeof precs[0]; p++) {
                int wstar = widths[w][0] == '*', pstar = precs[p][1] == '*';
                for (size_t s = 0; s < sizeof strs / sizeof strs[0]; s++) {
                    snprintf(fmt, sizeof fmt, "[%%%s%s%ss]", flag_sets[f], widths[w], precs[p]);
                    snprintf(note, sizeof note, "(string %s)", strs[s] ? strs[s] : "NULL");
                    if (wstar && pstar) { check(fmt, 10, 3, strs[s]); check(fmt, -10, -2, strs[s]); }
                    else if (wstar) { check(fmt, 7, strs[s]); check(fmt, -7, strs[s]); }
                    else if (pstar) { check(fmt, 4, strs[s]); check(fmt, -4, strs[s]); }
                    else check(fmt, strs[s]);
                }
                snprintf(fmt, sizeof fmt, "[%%%s%s%sc]", flag_sets[f], widths[w], precs[p]);
                note[0] = 0;
                if (wstar && pstar) check(fmt, -5, 2, 'x');
                else if (wstar) check(fmt, 5, 'x');
                else if (pstar) check(fmt, 2, 'x');
                else check(fmt, 'x');

                snprintf(fmt, sizeof fmt, "[%%%s%s%sp]", flag_sets[f], widths[w], precs[p]);
                static void *const ptrs[] = {NULL, (void *)1, (void *)0xdeadbeef, (void *)0x7fffffffffffull};
                for (size_t q = 0; q < 4; q++) {
                    snprintf(note, sizeof note, "(pointer %p)", ptrs[q]);
                    if (wstar && pstar) check(fmt, 20, 12, ptrs[q]);
                    else if (wstar) check(fmt, -20, ptrs[q]);
                    else if (pstar) check(fmt, 9, ptrs[q]);
                    else check(fmt, ptrs[q]);
                }
            }
    note[0] = 0;

    check("plain text");
    check("");
    check("100%%");
    check("%%%d%%", 5);
    check("%c%c%c", 'a', 0x80 + 'b', 'c');
    check("%s|%s", "x", "y");
    check("%ls", L"wide ascii");
    check("%5ls|%.3ls", L"ab", L"abcdef");

    /* %n stores the count so far. */
    {
        int n1 = -1, n2 = -1, e1 = -1, e2 = -1;
        long ln = -1;
        char buf[64], want[64];
        snprintf(want, sizeof want, "abc%nde%5d%n", &e1, 42, &e2);
        call_rt(buf, sizeof buf, "abc%nde%5d%n", &n1, 42, &n2);
        call_rt(buf, sizeof buf, "%ln", &ln);
        checks++;
        if (n1 != e1 || n2 != e2 || ln != 0 || buf[0] != 0) {
            printf("MISMATCH %%n: glibc %d %d, ours %d %d %ld\n", e1, e2, n1, n2, ln);
            failures++;
        }
    }

    /* Truncation into small buffers. */
    for (size_t size = 0; size < 12; size++) {
        check_bounded(size, "hello %d world", 12345);
        check_bounded(size, "%s", "abcdefghij");
        check_bounded(size, "%.3f", 3.14159);
        check_bounded(size, "%20s", "x");
    }
}

/* ---- floating point ---- */

static void dcheck(const char *fmt, double x)
{
    snprintf(note, sizeof note, "(double bits 0x%016" PRIx64 ", %.17g)", to_bits(x), x);
    check(fmt, x);
}

static void dcheck_prec(char conv, int prec, double x)
{
    char fmt[32];
    snprintf(fmt, sizeof fmt, "%%.%d%c", prec, conv);
    dcheck(fmt, x);
}

static void test_float_grid(void)
{
    static const char *const widths[] = {"", "1", "12", "30"};
    static const char *const precs[] = {"", ".", ".0", ".1", ".2", ".3", ".6", ".10", ".17", ".20", ".30", ".60"};
    static const char convs[] = "fFeEgGaA";
    const double values[] = {
        0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3,
        9.5, 99.5, 999.5, 0.05, 0.0005, 123456789.0, 1e-5, 1e-4, 9.9999e-5, 0.00001234, 1e15, 1e16, 1e17,
        1e21, 1e22, 1e23, 1e100, 1e-100, 1e300, 1e-300, 1.7976931348623157e308, 2.2250738585072014e-308,
        2.2250738585072009e-308, 4.9406564584124654e-324, 1e-320, 3.141592653589793, 2.718281828459045,
        6.02214076e23, 1.602176634e-19, 100.0, 1000000.0, 999999.5, 9999995.0, 0.999999, 0.9999995,
        INFINITY, -INFINITY, NAN, -NAN, from_bits(0x7ff0000000000001ull), from_bits(0xfff8000000000123ull),
        1.9999999999999998, 0x1.fffffffffffffp+0, 0x1.8p+0, 0x1.08p+0, 0x1.0000000000008p+0,
        0x1.0000000000018p+0, 0x1.ffp-1022, 0x0.8p-1022, 4503599627370496.5, 9007199254740993.0,
        5e-324, -5e-324, 65536.0, 0.015625, 1.0e-7, 123.456, -987.654321,
    };
    char fmt[48];

    for (size_t f = 0; f < NFLAGS; f++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            for (size_t p = 0; p < sizeof precs / sizeof precs[0]; p++)
                for (const char *c = convs; *c; c++) {
                    snprintf(fmt, sizeof fmt, "<%%%s%s%s%c>", flag_sets[f], widths[w], precs[p], *c);
                    for (size_t v = 0; v < sizeof values / sizeof values[0]; v++)
                        dcheck(fmt, values[v]);
                }

    /* Star width/precision, and long double narrowed to double. */
    for (size_t v = 0; v < sizeof values / sizeof values[0]; v++) {
        snprintf(note, sizeof note, "(double bits 0x%016" PRIx64 ")", to_bits(values[v]));
        check("%*.*f|%-*.*e|%*.*g", 15, 4, values[v], 15, 3, values[v], -15, -1, values[v]);
        check("%Lf %Le %Lg", (long double)values[v], (long double)values[v], (long double)values[v]);
    }

    /* Very long expansions of extreme values. */
    const double extremes[] = {5e-324, 2.2250738585072009e-308, 1e-300, 1.7976931348623157e308, 1e308, 0.1};
    for (size_t v = 0; v < sizeof extremes / sizeof extremes[0]; v++) {
        dcheck_prec('f', 1100, extremes[v]);
        dcheck_prec('e', 800, extremes[v]);
        dcheck_prec('g', 800, extremes[v]);
        dcheck_prec('a', 30, extremes[v]);
        dcheck("%#.0f", extremes[v]);
        dcheck("%#.0e", extremes[v]);
        dcheck("%#.0g", extremes[v]);
    }
}

static void test_float_random(void)
{
    static const char convs[] = "feg";
    static const int big_precs[] = {20, 25, 30, 40, 60};

    for (int i = 0; i < RANDOM_DOUBLES; i++) {
        double x;
        int kind = i % 3;
        if (kind == 0) { /* any bit pattern */
            x = from_bits(rnd());
        } else if (kind == 1) { /* a "nice" decimal: integer / 10^k */
            double scale = 1;
            for (int k = (int)(rnd() % 12); k > 0; k--)
                scale *= 10;
            x = (double)(int64_t)(rnd() % 2000000001) / scale;
            if (rnd() & 1)
                x = -x;
        } else { /* moderate magnitudes, where most output lands */
            x = ldexp((double)(rnd() >> 11), (int)(rnd() % 140) - 110);
        }
        for (const char *c = convs; *c; c++) {
            dcheck_prec(*c, (int)(rnd() % 18), x);
            if (i % 8 == 0)
                dcheck_prec(*c, big_precs[rnd() % 5], x);
        }
        if (i % 4 == 0) {
            dcheck("%f", x);
            dcheck("%e", x);
            dcheck("%g", x);
            dcheck("%.17g", x);
            dcheck("%a", x);
            dcheck_prec('a', (int)(rnd() % 14), x);
        }
    }

    /* Exact ties: odd n / 2^k has k decimals ending in 5; print with one fewer. */
    for (int i = 0; i < 100000; i++) {
        int k = 1 + (int)(rnd() % 30);
        double x = ldexp((double)((rnd() % 10000000) | 1), -k);
        dcheck_prec('f', k - 1, x);
        int sig = (int)(rnd() % 17);
        dcheck_prec('e', sig, x);
        dcheck_prec('g', sig + 1, x);
    }
    /* Ties in integers above 2^53 and small halves. */
    for (int i = 0; i < 20000; i++) {
        double x = (double)(rnd() % 100000) + 0.5;
        dcheck("%.0f", x);
        dcheck_prec('e', (int)(rnd() % 6), x);
        x = ldexp((double)((rnd() >> 11) | 1), (int)(rnd() % 40));
        dcheck_prec('e', (int)(rnd() % 17), x);
        dcheck_prec('g', (int)(rnd() % 17), x);
    }
    note[0] = 0;
}

int main(void)
{
    test_integers();
    test_misc();
    test_float_grid();
    test_float_random();
    printf("%ld checks, %ld mismatches\n", checks, failures);
    return failures ? 1 : 0;
}
