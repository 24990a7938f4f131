/*
 * string.c: memory and string functions.
 *
 * memcpy/memmove/memset move whole 64-bit words once the pointers are
 * aligned, since large copies and fills dominate benchmark set-up; the
 * string functions are simple byte loops.
 */

/* These loops must stay loops: GCC would otherwise recognise the copy and
   fill loops and compile them into calls to memcpy/memset, i.e. themselves. */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

#include <string.h>

#include "autocomp_rt.h"

/* A word that may alias anything, so word accesses to byte buffers are legal. */
typedef uint64_t __attribute__((may_alias)) word;
#define WORD sizeof(word)
#define MISALIGN(p) ((uintptr_t)(p) & (WORD - 1))

RT_WEAK void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (MISALIGN(d) == MISALIGN(s)) {
        while (n && MISALIGN(d)) {
            *d++ = *s++;
            n--;
        }
        word *dw = (word *)d;
        const word *sw = (const word *)s;
        for (; n >= 4 * WORD; n -= 4 * WORD, dw += 4, sw += 4) {
            word a = sw[0], b = sw[1], c = sw[2], e = sw[3];
            dw[0] = a;
            dw[1] = b;
            dw[2] = c;
            dw[3] = e;
        }
        for (; n >= WORD; n -= WORD)
            *dw++ = *sw++;
        d = (unsigned char *)dw;
        s = (const unsigned char *)sw;
    }
    while (n--) /* tail, or everything when the alignments differ */
        *d++ = *s++;
    return dst;
}

RT_WEAK void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if (d == s || n == 0)
        return dst;
    if (d < s || d >= s + n) /* a forward copy never overwrites unread source */
        return memcpy(dst, src, n);

    /* Overlap with dst above src: copy from the end down. */
    d += n;
    s += n;
    if (MISALIGN(d) == MISALIGN(s)) {
        while (n && MISALIGN(d)) {
            *--d = *--s;
            n--;
        }
        for (; n >= WORD; n -= WORD) {
            d -= WORD;
            s -= WORD;
            *(word *)d = *(const word *)s;
        }
    }
    while (n--)
        *--d = *--s;
    return dst;
}

RT_WEAK void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    unsigned char b = (unsigned char)c;

    while (n && MISALIGN(d)) {
        *d++ = b;
        n--;
    }
    word w = b * (word)0x0101010101010101ull;
    word *dw = (word *)d;
    for (; n >= 4 * WORD; n -= 4 * WORD, dw += 4) {
        dw[0] = w;
        dw[1] = w;
        dw[2] = w;
        dw[3] = w;
    }
    for (; n >= WORD; n -= WORD)
        *dw++ = w;
    d = (unsigned char *)dw;
    while (n--)
        *d++ = b;
    return dst;
}

RT_WEAK int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

RT_WEAK void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;
    for (; n; n--, p++)
        if (*p == (unsigned char)c)
            return (void *)p;
    return NULL;
}

RT_WEAK size_t strlen(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

RT_WEAK size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;
    while (n < max && s[n])
        n++;
    return n;
}

RT_WEAK int strcmp(const char *a, const char *b)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    while (*p && *p == *q) {
        p++;
        q++;
    }
    return *p - *q;
}

RT_WEAK int strncmp(const char *a, const char *b, size_t n)
{
    const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
    for (; n; n--, p++, q++)
        if (*p != *q || !*p)
            return *p - *q;
    return 0;
}

RT_WEAK char *strcpy(char *restrict dst, const char *restrict src)
{
    char *d = dst;
    while ((*d++ = *src++))
        ;
    return dst;
}

/* Copies at most n bytes and pads with NULs up to n, as the standard says. */
RT_WEAK char *strncpy(char *restrict dst, const char *restrict src, size_t n)
{
    size_t i = 0;
    for (; i < n && src[i]; i++)
        dst[i] = src[i];
    for (; i < n; i++)
        dst[i] = '\0';
    return dst;
}

RT_WEAK char *strcat(char *restrict dst, const char *restrict src)
{
    strcpy(dst + strlen(dst), src);
    return dst;
}

/* Appends at most n bytes of src, always NUL-terminated. */
RT_WEAK char *strncat(char *restrict dst, const char *restrict src, size_t n)
{
    char *d = dst + strlen(dst);
    while (n-- && *src)
        *d++ = *src++;
    *d = '\0';
    return dst;
}

RT_WEAK char *strchr(const char *s, int c)
{
    for (;; s++) {
        if (*s == (char)c)
            return (char *)s;
        if (!*s)
            return NULL;
    }
}

RT_WEAK char *strrchr(const char *s, int c)
{
    const char *last = NULL;
    for (;; s++) {
        if (*s == (char)c)
            last = s;
        if (!*s)
            return (char *)last;
    }
}

RT_WEAK char *strstr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return (char *)hay;
    for (; *hay; hay++)
        if (*hay == *needle && strncmp(hay, needle, n) == 0)
            return (char *)hay;
    return NULL;
}
