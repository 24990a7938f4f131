/*
 * rand_check.c: rand/srand determinism. The C standard requires srand(s) to restart the same
 * sequence, and rand() before any srand to behave as after srand(1). Prints the sequence so
 * the test can also compare two separate runs.
 */
#include <stdlib.h>

#include "check.h"

int main(void)
{
    int initial[8], first[8], again[8], one[8], other[8];
    for (int i = 0; i < 8; i++)
        initial[i] = rand();
    srand(42);
    for (int i = 0; i < 8; i++)
        first[i] = rand();
    srand(42);
    for (int i = 0; i < 8; i++)
        again[i] = rand();
    srand(1);
    for (int i = 0; i < 8; i++)
        one[i] = rand();
    srand(43);
    for (int i = 0; i < 8; i++)
        other[i] = rand();
    int same42 = 1, same1 = 1, differ = 0, in_range = 1, distinct = 0;
    for (int i = 0; i < 8; i++) {
        same42 &= first[i] == again[i];
        same1 &= initial[i] == one[i];
        differ |= first[i] != other[i];
        in_range &= first[i] >= 0 && first[i] <= RAND_MAX && initial[i] >= 0 && initial[i] <= RAND_MAX;
        int seen = 0;
        for (int j = 0; j < i; j++)
            seen |= first[j] == first[i];
        distinct += !seen;
    }
    check_true(same42, "srand(42) twice gives the same sequence");
    check_true(same1, "rand before srand equals the srand(1) sequence");
    check_true(differ, "srand(43) gives another sequence than srand(42)");
    check_true(in_range, "values lie in 0..RAND_MAX");
    check_true(distinct >= 6, "the sequence varies (%d distinct of 8)", distinct);
    printf("seed 42:");
    for (int i = 0; i < 8; i++)
        printf(" %d", first[i]);
    printf("\nunseeded:");
    for (int i = 0; i < 8; i++)
        printf(" %d", initial[i]);
    printf("\n");
    return check_finish();
}
