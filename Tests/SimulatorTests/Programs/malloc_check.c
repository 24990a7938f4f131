/*
 * malloc_check.c: malloc/calloc/realloc/free/aligned_alloc basics: alignment suitable for
 * any object (16 bytes on RV64), no overlap, contents preserved by realloc, calloc zeroing
 * (even of reused space), NULL for impossible sizes, free(NULL) a no-op.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return 0;
    return 1;
}

int main(void)
{
    unsigned char *p = malloc(100), *q = malloc(200);
    check_true(p && q, "malloc returns memory");
    check_eq((uintptr_t)p % 16, 0, "malloc(100) is 16-byte aligned");
    check_eq((uintptr_t)q % 16, 0, "malloc(200) is 16-byte aligned");
    check_true(q >= p + 100 || q + 200 <= p, "blocks do not overlap");
    memset(p, 0xaa, 100);
    memset(q, 0x55, 200);
    check_true(all_bytes(p, 100, 0xaa) && all_bytes(q, 200, 0x55), "blocks keep their contents");

    unsigned char *r = realloc(p, 1000);
    check_true(r != NULL, "realloc grows");
    check_true(all_bytes(r, 100, 0xaa), "realloc keeps the old contents");
    check_true(all_bytes(q, 200, 0x55), "realloc did not touch the other block");
    memset(r, 0xbb, 1000);
    unsigned char *s = realloc(r, 10);
    check_true(s != NULL && all_bytes(s, 10, 0xbb), "realloc shrinks and keeps the contents");
    unsigned char *t = realloc(NULL, 24);
    check_true(t != NULL && (uintptr_t)t % 16 == 0, "realloc(NULL, n) allocates");
    free(NULL);

    /* A dirty block given back, then calloc of the same size: zeroed anyway. */
    unsigned char *dirty = malloc(256);
    memset(dirty, 0xcc, 256);
    free(dirty);
    uint32_t *z = calloc(64, 4);
    check_true(z != NULL && all_bytes((unsigned char *)z, 256, 0), "calloc returns zeroed memory");
    volatile size_t half_of_everything = SIZE_MAX / 2, one_tebibyte = (size_t)1 << 40;
    check_true(calloc(half_of_everything, 4) == NULL, "calloc with an overflowing size fails");
    check_true(malloc(one_tebibyte) == NULL, "malloc of 1 TiB fails");

    /* Many small blocks, each distinct and intact. */
    static uint64_t *blocks[1000];
    int ok = 1;
    for (int i = 0; i < 1000; i++) {
        blocks[i] = malloc(24);
        if (!blocks[i] || (uintptr_t)blocks[i] % 16) {
            ok = 0;
            break;
        }
        blocks[i][0] = (uint64_t)i * 3;
        blocks[i][1] = ~(uint64_t)i;
        blocks[i][2] = (uint64_t)i << 32;
    }
    for (int i = 0; ok && i < 1000; i++)
        ok = blocks[i][0] == (uint64_t)i * 3 && blocks[i][1] == ~(uint64_t)i && blocks[i][2] == (uint64_t)i << 32;
    check_true(ok, "1000 small blocks keep their contents");

    void *a = aligned_alloc(256, 100);
    check_true(a != NULL && (uintptr_t)a % 256 == 0, "aligned_alloc(256) is aligned");
    void *b = NULL;
    check_eq(posix_memalign(&b, 64, 10), 0, "posix_memalign succeeds");
    check_true(b != NULL && (uintptr_t)b % 64 == 0, "posix_memalign(64) is aligned");

    /* A large block in the heap (the heap reaches to the end of RAM). */
    size_t big = 64u << 20;
    unsigned char *m = malloc(big);
    check_true(m != NULL, "malloc(64 MiB)");
    if (m) {
        m[0] = 1;
        m[big - 1] = 2;
        check_true(m[0] == 1 && m[big - 1] == 2, "both ends of a 64 MiB block are usable");
    }
    return check_finish();
}
