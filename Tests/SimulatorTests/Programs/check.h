/*
 * check.h: helpers for self-checking test programs.
 *
 * Every check compares a value the simulator produced against an expected value written
 * into the program (derived from the ISA specification, never from a simulator run).
 * A failed check prints one line naming it; check_finish() prints a summary line
 *   "checks passed: N"   or   "checks failed: F of N"
 * and returns the exit status for main (0 only when every check passed).
 */
#ifndef CHECK_H
#define CHECK_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

static int check_total, check_failed;

/* Compares two 64-bit values; the name is a printf format. Returns 1 when they match. */
__attribute__((format(printf, 3, 4), unused))
static int check_eq(uint64_t got, uint64_t expected, const char *fmt, ...)
{
    check_total++;
    if (got == expected)
        return 1;
    check_failed++;
    char name[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    printf("FAIL %s: got 0x%016llx expected 0x%016llx\n", name, (unsigned long long)got,
           (unsigned long long)expected);
    return 0;
}

/* A condition that must hold. */
__attribute__((format(printf, 2, 3), unused))
static int check_true(int condition, const char *fmt, ...)
{
    check_total++;
    if (condition)
        return 1;
    check_failed++;
    char name[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(name, sizeof name, fmt, ap);
    va_end(ap);
    printf("FAIL %s\n", name);
    return 0;
}

#define CHECK(name, got, expected) check_eq((uint64_t)(got), (uint64_t)(expected), "%s", name)

__attribute__((unused))
static int check_finish(void)
{
    if (check_failed) {
        printf("checks failed: %d of %d\n", check_failed, check_total);
        return 1;
    }
    printf("checks passed: %d\n", check_total);
    return 0;
}

#endif
