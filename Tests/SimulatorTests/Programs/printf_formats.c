/*
 * printf_formats.c: many formatted lines, printed on the simulator and, compiled natively,
 * by the host's glibc; the test compares the two outputs byte for byte.
 *
 * Portable on purpose: only standard C, fixed-width types where sizes matter (long is 64-bit
 * on both LP64 targets), and special floating-point values built from bit patterns (the
 * target build uses -ffast-math, which may fold -0.0, INFINITY or NAN written as constants).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static double from_bits(uint64_t bits)
{
    volatile uint64_t b = bits;
    uint64_t copy = b;
    double d;
    memcpy(&d, &copy, sizeof d);
    return d;
}

static void integers(void)
{
    printf("d: %d %d %d %d %d\n", 0, 1, -1, 2147483647, -2147483647 - 1);
    printf("i: %i %i\n", 42, -42);
    printf("u: %u %u\n", 0u, 4294967295u);
    printf("x: %x %X %x %#x %#X %#x\n", 0xdeadbeefu, 0xdeadbeefu, 255u, 255u, 255u, 0u);
    printf("o: %o %o %#o %#o\n", 8u, 0777u, 8u, 0u);
    printf("l: %ld %ld %lu %lx %lo\n", 9223372036854775807L, -9223372036854775807L - 1, 18446744073709551615UL,
           0x123456789abcdefUL, 01234567012345670UL);
    printf("ll: %lld %llu %llx %llX\n", -1234567890123LL, 12345678901234567890ULL, 0xfedcba9876543210ULL,
           0xfedcba9876543210ULL);
    printf("h: %hd %hd %hu %hx %hi\n", -32768, 65535, 65537, 0x12345, 40000);
    printf("hh: %hhd %hhu %hhx %hhi\n", 255, 257, 0x1ff, 128);
    printf("z: %zu %zx %zd\n", (size_t)123456789, (size_t)0xabcdef, (ptrdiff_t)-5);
    printf("j: %jd %ju\n", (intmax_t)-7, (uintmax_t)18446744073709551615ULL);
    printf("t: %td\n", (ptrdiff_t)-123456789012);
    printf("width: [%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d] [% 05d]\n", 42, 42, 42, 42, 42, 42, 42, 42);
    printf("width-: [%5d] [%-5d] [%05d] [%+d] [% d] [%+5d] [%-+5d] [% 05d]\n", -42, -42, -42, -42, -42, -42, -42, -42);
    printf("prec: [%.3d] [%8.3d] [%-8.3d] [%08.3d] [%.0d] [%5.0d] [%.0x] [%#.3o] [%#.5x]\n", 42, 42, 42, 42, 0, 0, 0u, 8u, 255u);
    printf("prec-: [%.3d] [%8.3d] [%+.3d] [% .5d]\n", -42, -42, 42, 42);
    printf("star: [%*d] [%-*d] [%.*d] [%*.*d] [%*d] [%.*d]\n", 6, 42, 6, 42, 4, 7, 8, 3, -5, -6, 42, -1, 42);
    printf("hex width: [%08x] [%-8x] [%#010x] [%#-10x] [%10.4x]\n", 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu, 0xbeefu);
    for (int i = -3; i <= 3; i++)
        printf("loop %d: [%3d] [%-3x] [%+03d] [%o]\n", i, i * 1000, (unsigned)(i * 1000), i, (unsigned)(i & 0xff));
}

static void text(void)
{
    printf("s: [%s] [%10s] [%-10s] [%.3s] [%10.3s] [%-10.3s] [%*.*s] [%s]\n", "hello", "hello", "hello", "hello",
           "hello", "hello", 8, 2, "hello", "");
    printf("c: [%c] [%3c] [%-3c] [%c%c%c]\n", 'A', 'B', 'C', 'x', 'y', 'z');
    printf("percent: [%%] [%d%%]\n", 50);
    printf("p: [%p] [%20p] [%-20p] [%p]\n", (void *)0x1234abcdUL, (void *)0xdeadbeefUL, (void *)0x10UL, (void *)0);
    char buf[16];
    int n = snprintf(buf, 5, "%d", 123456);
    printf("snprintf: %d [%s]\n", n, buf);
    n = snprintf(buf, sizeof buf, "%-6s|%4d", "ab", 7);
    printf("snprintf: %d [%s]\n", n, buf);
    n = snprintf(NULL, 0, "%s %d", "count me", 12345);
    printf("snprintf(NULL, 0): %d\n", n);
    n = printf("returned count\n");
    printf("printf returned %d\n", n);
}

static void floats(void)
{
    double neg_zero = from_bits(0x8000000000000000ull);
    double inf = from_bits(0x7ff0000000000000ull), ninf = from_bits(0xfff0000000000000ull);
    double nan = from_bits(0x7ff8000000000000ull), nnan = from_bits(0xfff8000000000000ull);
    double dmax = from_bits(0x7fefffffffffffffull), dmin = from_bits(0x0000000000000001ull);
    double nmin = from_bits(0x0010000000000000ull);

    printf("f: %f %f %f %f %f\n", 0.0, neg_zero, 1.5, -1.5, 3.14159265358979);
    printf("f: %f %f %f %f\n", 1e10, 1e-10, 123456789.125, 0.1);
    printf("f round: %.0f %.0f %.0f %.0f %.2f %.2f %.1f %.3f\n", 0.5, 1.5, 2.5, 3.5, 0.125, 0.375, 0.25, 1.0005);
    printf("f wide: [%10.3f] [%-10.3f] [%+.2f] [% .2f] [%010.2f] [%+010.2f] [%#.0f] [%.0f]\n", 3.14159, 3.14159, 2.5,
           2.5, -2.5, 2.5, 3.0, 3.0);
    printf("f big: %f\n", 1e22);
    printf("f max: %f\n", dmax);
    printf("f tiny: %.20f %.30f %f\n", 0.1, 1e-20, dmin);
    printf("e: %e %e %e %e %e\n", 0.0, 12345.678, -0.000123, 1e300, dmin);
    printf("e: %.0e %.10e %E %#.0e %+e %e\n", 12345.678, 1.0 / 3.0, 6.02214076e23, 5.0, 1.0, nmin);
    printf("e wide: [%15.4e] [%-15.4e] [%015.4e]\n", -1234.5, -1234.5, -1234.5);
    printf("g: %g %g %g %g %g %g %g\n", 100000.0, 1000000.0, 0.0001, 0.00001, 123.456, 0.0, neg_zero);
    printf("g: %.3g %#g %G %.0g %g %g %.10g %.17g\n", 1234.5678, 1.5, 1e-10, 1234.0, 1e300, 1e-300, 1.0 / 3.0, 0.1);
    printf("g wide: [%10g] [%-10g] [%010g] [%+g] [%#.3g]\n", 1.5, 1.5, -1.5, 1.5, 100.0);
    printf("G: %G %G %.2G\n", 1e20, 0.000012345, 123456.0);
    printf("a: %a %a %a %a %A %.2a\n", 1.0, 0.1, -2.5, 0.0, 255.0, 1.0 / 3.0);
    printf("special: %f %F %e %E %g %G\n", inf, inf, ninf, ninf, nan, nan);
    printf("special: [%10f] [%-10f] [%010f] [%+f] [% f] [%.3e]\n", inf, ninf, inf, inf, inf, nan);
    printf("neg nan: %f %e %g\n", nnan, nnan, nnan);
    for (int p = -12; p <= 15; p += 3) {
        double v = 1.0;
        for (int k = 0; k < (p < 0 ? -p : p); k++)
            v = p < 0 ? v / 10.0 : v * 10.0;
        printf("pow %d: %g %e %.3f %G\n", p, v * 1.2345, -v * 6.789, v * 3.25, v);
    }
}

/* Deterministic bit patterns, identical on both hosts. */
static uint64_t state = 0x243f6a8885a308d3ull;
static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static void random_doubles(void)
{
    for (int i = 0; i < 60; i++) {
        uint64_t bits = next();
        /* Mostly moderate exponents, so %f output stays short; every 10th value unrestricted. */
        if (i % 10 != 0)
            bits = (bits & 0x800fffffffffffffull) | ((uint64_t)(0x3c0 + (bits >> 52) % 0x80) << 52);
        double v = from_bits(bits);
        printf("r%02d %016llx: %.17g | %e | %.4g | %a", i, (unsigned long long)bits, v, v, v, v);
        if (i % 10 != 0)
            printf(" | %.6f", v);
        printf("\n");
    }
    for (int i = 0; i < 30; i++) {
        uint64_t bits = next();
        printf("n%02d: %d %u %x %lld %llo %+.3d %-12lx|\n", i, (int)bits, (unsigned)(bits >> 7), (unsigned)(bits >> 3),
               (long long)bits, (unsigned long long)bits, (int)(bits % 1000) - 500, (unsigned long)(bits >> 20));
    }
}

int main(void)
{
    integers();
    text();
    floats();
    random_doubles();
    return 0;
}
