/*
 * stdlib.c: exit, abort, the heap, rand, qsort/bsearch, abs and string-to-number
 * conversion.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "autocomp_rt.h"

/* picolibc declares errno thread-local; crt0 points tp at the TLS block. */
RT_WEAK __thread int errno;

/* For code written against newlib's errno accessor. */
RT_WEAK int *__errno(void)
{
    return &errno;
}

/* ---- leaving ---- */

RT_WEAK void exit(int status)
{
    rt_flush_stdout(); /* nothing else runs: no atexit handlers, no destructors */
    rt_htif_exit(status);
}

RT_WEAK void _exit(int status)
{
    rt_htif_exit(status);
}

RT_WEAK void _Exit(int status)
{
    rt_htif_exit(status);
}

RT_WEAK void abort(void)
{
    fputs("abort()\n", stderr); /* stderr flushes stdout first */
    rt_htif_exit(134);          /* 128 + SIGABRT, what a shell reports */
}

/* ---- heap: a bump allocator from __heap_start to __heap_end (see link.ld) ---- */

extern char __heap_start[], __heap_end[];

/* Sits just below every block; 16 bytes, so blocks stay 16-byte aligned. */
struct block {
    size_t size;  /* bytes requested */
    char *start;  /* where the block's space begins (before any alignment gap) */
};

static char *heap_top; /* first free byte; set on first use */

#define ROUND16(n) (((n) + 15) & ~(size_t)15)

/* Block of n bytes whose address is a multiple of align (a power of two >= 16). */
static void *heap_alloc(size_t n, size_t align)
{
    if (!heap_top)
        heap_top = __heap_start;
    uintptr_t top = (uintptr_t)heap_top, end = (uintptr_t)__heap_end;
    uintptr_t p = (top + sizeof(struct block) + align - 1) & ~(uintptr_t)(align - 1);

    if (n > end || p > end || ROUND16(n) > end - p) { /* exhausted (or absurd size) */
        errno = ENOMEM;
        return NULL;
    }
    struct block *b = (struct block *)p - 1;
    b->size = n;
    b->start = heap_top;
    heap_top = (char *)(p + ROUND16(n));
    return (void *)p;
}

static struct block *block_of(void *p)
{
    return (struct block *)p - 1;
}

static int is_last(void *p)
{
    return (char *)p + ROUND16(block_of(p)->size) == heap_top;
}

RT_WEAK void *malloc(size_t n)
{
    return heap_alloc(n, 16);
}

RT_WEAK void *aligned_alloc(size_t align, size_t n)
{
    if (align & (align - 1))
        return NULL;
    return heap_alloc(n, align < 16 ? 16 : align);
}

RT_WEAK void *memalign(size_t align, size_t n)
{
    return aligned_alloc(align, n);
}

RT_WEAK int posix_memalign(void **out, size_t align, size_t n)
{
    if (align < sizeof(void *) || (align & (align - 1)))
        return EINVAL;
    void *p = aligned_alloc(align, n);
    if (!p)
        return ENOMEM;
    *out = p;
    return 0;
}

RT_WEAK void *calloc(size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size)
        return NULL;
    /* heap_alloc, not malloc: GCC rewrites malloc + memset into a call to
       calloc, which here would be this very function. */
    void *p = heap_alloc(count * size, 16);
    if (p) /* the space may be a freed block's, so clear it */
        memset(p, 0, count * size);
    return p;
}

/* Only the most recent block can be given back; others stay allocated. */
RT_WEAK void free(void *p)
{
    if (p && is_last(p))
        heap_top = block_of(p)->start;
}

RT_WEAK void *realloc(void *p, size_t n)
{
    if (!p)
        return malloc(n);
    struct block *b = block_of(p);
    if (is_last(p) && n <= (size_t)(__heap_end - (char *)p) && ROUND16(n) <= (size_t)(__heap_end - (char *)p)) {
        b->size = n; /* the last block grows or shrinks in place */
        heap_top = (char *)p + ROUND16(n);
        return p;
    }
    if (n <= b->size) {
        b->size = n;
        return p;
    }
    void *q = malloc(n);
    if (q)
        memcpy(q, p, b->size);
    return q;
}

/* ---- rand: a 64-bit linear congruential generator (Knuth's MMIX constants).
   state = state * 6364136223846793005 + 1442695040888963407, and rand()
   returns bits 62..32 of the new state (0..RAND_MAX = 2^31 - 1). The state
   starts as if srand(1) had been called, so every run sees the same sequence. ---- */

static uint64_t rand_state = 1;

RT_WEAK void srand(unsigned seed)
{
    rand_state = seed;
}

RT_WEAK int rand(void)
{
    rand_state = rand_state * 6364136223846793005ull + 1442695040888963407ull;
    return (int)((rand_state >> 32) & RAND_MAX);
}

/* ---- sorting and searching ---- */

static void swap_bytes(char *a, char *b, size_t n)
{
    while (n--) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

/* Moves element i down the max-heap of n elements until both children are smaller. */
static void sift_down(char *base, size_t i, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    for (size_t child; (child = 2 * i + 1) < n; i = child) {
        if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size) < 0)
            child++;
        if (cmp(base + i * size, base + child * size) >= 0)
            return;
        swap_bytes(base + i * size, base + child * size, size);
    }
}

/* Heapsort: O(n log n) in the worst case, no recursion, no extra memory. */
RT_WEAK void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    char *b = base;
    if (n < 2 || size == 0)
        return;
    for (size_t i = n / 2; i-- > 0;)
        sift_down(b, i, n, size, cmp);
    for (size_t end = n - 1; end > 0; end--) {
        swap_bytes(b, b + end * size, size);
        sift_down(b, 0, end, size, cmp);
    }
}

RT_WEAK void *bsearch(const void *key, const void *base, size_t n, size_t size,
                      int (*cmp)(const void *, const void *))
{
    const char *lo = base;
    while (n > 0) {
        const char *mid = lo + (n / 2) * size;
        int c = cmp(key, mid);
        if (c == 0)
            return (void *)mid;
        if (c > 0) {
            lo = mid + size;
            n -= n / 2 + 1;
        } else {
            n /= 2;
        }
    }
    return NULL;
}

/* ---- abs ---- */

RT_WEAK int abs(int v)
{
    return v < 0 ? -v : v;
}

RT_WEAK long labs(long v)
{
    return v < 0 ? -v : v;
}

RT_WEAK long long llabs(long long v)
{
    return v < 0 ? -v : v;
}

/* ---- string to number ---- */

static int digit_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

/*
 * Shared by the strto* family: parses [space][sign][prefix]digits, returning
 * the magnitude (saturated at ULLONG_MAX with *overflow set) and the sign.
 */
static unsigned long long parse_int(const char *s, char **end, int base, int *neg, int *overflow)
{
    const char *p = s;
    unsigned long long v = 0;
    int any = 0;

    *neg = 0;
    *overflow = 0;
    if (base < 0 || base == 1 || base > 36) {
        errno = EINVAL;
        if (end)
            *end = (char *)s;
        return 0;
    }
    while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        p++;
    if (*p == '+' || *p == '-')
        *neg = *p++ == '-';
    /* "0x" counts as a prefix only when a hex digit follows it */
    if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16) {
        p += 2;
        base = 16;
    } else if (base == 0) {
        base = *p == '0' ? 8 : 10;
    }
    for (int d; (d = digit_value(*p)) < base; p++) {
        any = 1;
        if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base)
            *overflow = 1;
        else
            v = v * (unsigned)base + (unsigned)d;
    }
    if (end)
        *end = (char *)(any ? p : s);
    return *overflow ? ULLONG_MAX : v;
}

/* Signed conversion clamped to [min, max]. */
static long long to_signed(const char *s, char **end, int base, long long min, long long max)
{
    int neg, overflow;
    unsigned long long v = parse_int(s, end, base, &neg, &overflow);
    unsigned long long limit = neg ? (unsigned long long)-(min + 1) + 1 : (unsigned long long)max;

    if (overflow || v > limit) {
        errno = ERANGE;
        return neg ? min : max;
    }
    return neg ? (long long)(0 - v) : (long long)v;
}

/* Unsigned conversion; a minus sign negates in the unsigned type, as C specifies. */
static unsigned long long to_unsigned(const char *s, char **end, int base, unsigned long long max)
{
    int neg, overflow;
    unsigned long long v = parse_int(s, end, base, &neg, &overflow);

    if (overflow || v > max) {
        errno = ERANGE;
        return max;
    }
    return neg ? (0 - v) & max : v;
}

RT_WEAK long strtol(const char *restrict s, char **restrict end, int base)
{
    return (long)to_signed(s, end, base, LONG_MIN, LONG_MAX);
}

RT_WEAK long long strtoll(const char *restrict s, char **restrict end, int base)
{
    return to_signed(s, end, base, LLONG_MIN, LLONG_MAX);
}

RT_WEAK unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
    return (unsigned long)to_unsigned(s, end, base, ULONG_MAX);
}

RT_WEAK unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
    return to_unsigned(s, end, base, ULLONG_MAX);
}

RT_WEAK int atoi(const char *s)
{
    return (int)strtol(s, NULL, 10);
}

RT_WEAK long atol(const char *s)
{
    return strtol(s, NULL, 10);
}

RT_WEAK long long atoll(const char *s)
{
    return strtoll(s, NULL, 10);
}
