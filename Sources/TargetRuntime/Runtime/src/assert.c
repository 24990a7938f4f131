/*
 * assert.c: what picolibc's assert() macro calls when an assertion fails.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "autocomp_rt.h"

RT_WEAK void __assert_func(const char *file, int line, const char *func, const char *expr)
{
    fprintf(stderr, "Assertion failed: %s (%s: %s: %d)\n", expr, file, func ? func : "?", line);
    abort();
}

/* The older entry point, argument order as picolibc's header declares it. */
RT_WEAK void __assert(const char *expr, const char *file, int line)
{
    fprintf(stderr, "Assertion failed: %s (%s: %d)\n", expr, file, line);
    abort();
}
