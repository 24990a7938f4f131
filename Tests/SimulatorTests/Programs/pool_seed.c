/*
 * pool_seed.c: a seed-dependent computation for the pool test (built with -DSEED=n).
 * Fills an array from a xorshift64 generator seeded by SEED, reduces each value modulo a
 * prime, and folds the array into an FNV-1a style checksum in a strided order. Prints the
 * checksum and exits with checksum % 251. PoolTests computes the same in Swift.
 * With -DFAULT the program executes an illegal instruction instead of exiting.
 */
#include <stdint.h>
#include <stdio.h>

#ifndef SEED
#error "build with -DSEED=n"
#endif

#define COUNT 4096

static uint64_t values[COUNT];

int main(void)
{
    uint64_t x = (uint64_t)SEED * 0x9e3779b97f4a7c15ull + 1;
    for (int i = 0; i < COUNT; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        values[i] = x % 1000003u;
    }
    uint64_t h = 0xcbf29ce484222325ull;
    for (int i = 0; i < COUNT; i++)
        h = (h ^ values[(i * 31) % COUNT]) * 0x100000001b3ull;
    printf("seed %d checksum %016llx\n", SEED, (unsigned long long)h);
#ifdef FAULT
    __asm__ volatile(".word 0xffffffff");
#endif
    return (int)(h % 251);
}
