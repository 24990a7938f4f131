/*
 * string_mem.c: the runtime's string and memory functions against the C standard's
 * definitions (literal expected results, or byte patterns given by a formula).
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static unsigned char src[96], dst[96];

static unsigned char pattern(int i) { return (unsigned char)(i * 37 + 11); }

static void copy_and_fill(void)
{
    for (int i = 0; i < 96; i++)
        src[i] = pattern(i);
    /* memcpy for every length 0..40 at every source/destination alignment 0..7. */
    int bad = 0;
    for (int len = 0; len <= 40; len++)
        for (int so = 0; so < 8; so++)
            for (int d = 0; d < 8; d++) {
                memset(dst, 0xee, sizeof dst);
                void *r = memcpy(dst + d, src + so, (size_t)len);
                if (r != dst + d)
                    bad++;
                for (int i = 0; i < 96; i++) {
                    unsigned char want = (i >= d && i < d + len) ? pattern(i - d + so) : 0xee;
                    if (dst[i] != want) {
                        if (bad < 5)
                            printf("  memcpy len %d src+%d dst+%d: byte %d is %#x, expected %#x\n", len, so, d, i, dst[i], want);
                        bad++;
                    }
                }
            }
    check_eq(bad, 0, "memcpy over all lengths 0..40 and alignments");

    /* memset: only the requested bytes, value converted to unsigned char. */
    bad = 0;
    for (int len = 0; len <= 40; len++)
        for (int d = 0; d < 8; d++) {
            memset(dst, 0x11, sizeof dst);
            if (memset(dst + d, 0x1a5, (size_t)len) != dst + d)
                bad++;
            for (int i = 0; i < 96; i++)
                if (dst[i] != ((i >= d && i < d + len) ? 0xa5 : 0x11))
                    bad++;
        }
    check_eq(bad, 0, "memset over all lengths 0..40 and alignments");

    /* memmove with overlap in both directions. */
    char buf[32];
    strcpy(buf, "0123456789");
    check_true(memmove(buf + 2, buf, 5) == buf + 2, "memmove returns dst");
    check_true(strcmp(buf, "0101234789") == 0, "memmove forward overlap: %s", buf);
    strcpy(buf, "0123456789");
    memmove(buf, buf + 2, 5);
    check_true(strcmp(buf, "2345656789") == 0, "memmove backward overlap: %s", buf);
    bad = 0;
    for (int shift = -9; shift <= 9; shift++)
        for (int len = 0; len <= 48; len += 3) {
            for (int i = 0; i < 96; i++)
                dst[i] = pattern(i);
            memmove(dst + 20 + shift, dst + 20, (size_t)len);
            for (int i = 0; i < 96; i++) {
                unsigned char want = (i >= 20 + shift && i < 20 + shift + len) ? pattern(i - shift) : pattern(i);
                if (dst[i] != want)
                    bad++;
            }
        }
    check_eq(bad, 0, "memmove with overlaps of every shift -9..9");
}

static int sign(int v) { return (v > 0) - (v < 0); }

static void compare(void)
{
    check_eq(sign(memcmp("abc", "abc", 3)), 0, "memcmp equal");
    check_eq(sign(memcmp("abc", "abd", 3)), -1, "memcmp less");
    check_eq(sign(memcmp("abd", "abc", 3)), 1, "memcmp greater");
    check_eq(sign(memcmp("\x80", "\x01", 1)), 1, "memcmp compares unsigned bytes");
    check_eq(sign(memcmp("abc", "xyz", 0)), 0, "memcmp of 0 bytes");
    check_eq(sign(memcmp("abcdefgh12345678X", "abcdefgh12345678Y", 17)), -1, "memcmp difference at byte 16");
    check_eq(strlen(""), 0, "strlen empty");
    check_eq(strlen("hello"), 5, "strlen hello");
    static char long_text[1001];
    memset(long_text, 'q', 1000);
    check_eq(strlen(long_text), 1000, "strlen 1000");
    check_eq(strlen(long_text + 3), 997, "strlen from an odd address");
    check_eq(sign(strcmp("abc", "abc")), 0, "strcmp equal");
    check_eq(sign(strcmp("abc", "abd")), -1, "strcmp less");
    check_eq(sign(strcmp("abc", "abcd")), -1, "strcmp prefix is less");
    check_eq(sign(strcmp("abcd", "abc")), 1, "strcmp longer is greater");
    check_eq(sign(strcmp("\xff", "a")), 1, "strcmp compares as unsigned char");
    check_eq(sign(strcmp("", "")), 0, "strcmp empty");
    check_eq(sign(strncmp("abcdef", "abcxyz", 3)), 0, "strncmp first 3 equal");
    check_eq(sign(strncmp("abcdef", "abcxyz", 4)), -1, "strncmp 4");
    check_eq(sign(strncmp("abc", "abd", 0)), 0, "strncmp 0");
    check_eq(sign(strncmp("ab", "abc", 5)), -1, "strncmp stops at the shorter string");
    const char *h = "hello world";
    check_eq((uintptr_t)memchr(h, 'o', 11), (uintptr_t)(h + 4), "memchr first o");
    check_eq((uintptr_t)memchr(h, 'z', 11), 0, "memchr missing");
    check_eq((uintptr_t)strchr(h, 'o'), (uintptr_t)(h + 4), "strchr first o");
    check_eq((uintptr_t)strrchr(h, 'o'), (uintptr_t)(h + 7), "strrchr last o");
    check_eq((uintptr_t)strchr(h, '\0'), (uintptr_t)(h + 11), "strchr finds the terminator");
    check_eq((uintptr_t)strchr(h, 'z'), 0, "strchr missing");
    check_eq((uintptr_t)strstr(h, "wor"), (uintptr_t)(h + 6), "strstr");
    check_eq((uintptr_t)strstr(h, ""), (uintptr_t)h, "strstr of an empty needle");
    check_eq((uintptr_t)strstr(h, "worlds"), 0, "strstr missing");
}

static void copy_strings(void)
{
    char buf[16];
    memset(buf, 'z', sizeof buf);
    check_true(strcpy(buf, "abc") == buf, "strcpy returns dst");
    check_true(memcmp(buf, "abc\0zz", 6) == 0, "strcpy copies the terminator and no more");
    memset(buf, 'z', sizeof buf);
    strncpy(buf, "ab", 5);
    check_true(memcmp(buf, "ab\0\0\0z", 6) == 0, "strncpy pads with NULs");
    memset(buf, 'z', sizeof buf);
    strncpy(buf, "abcdef", 3);
    check_true(memcmp(buf, "abcz", 4) == 0, "strncpy does not terminate a truncated copy");
    strcpy(buf, "foo");
    check_true(strcat(buf, "bar") == buf && strcmp(buf, "foobar") == 0, "strcat");
    strncat(buf, "bazqux", 3);
    check_true(strcmp(buf, "foobarbaz") == 0, "strncat appends at most n and terminates");
}

static void numbers(void)
{
    char *end;
    check_eq(strtol("  -123abc", &end, 10), (uint64_t)-123, "strtol -123");
    check_true(*end == 'a', "strtol end pointer");
    check_eq(strtol("0x1F", NULL, 0), 31, "strtol base 0 hex");
    check_eq(strtol("0777", NULL, 0), 511, "strtol base 0 octal");
    check_eq(strtol("z", NULL, 36), 35, "strtol base 36");
    errno = 0;
    check_eq(strtol("99999999999999999999", NULL, 10), LONG_MAX, "strtol overflow saturates");
    check_eq(errno, ERANGE, "strtol overflow sets ERANGE");
    check_eq(strtoul("18446744073709551615", NULL, 10), ULONG_MAX, "strtoul max");
    check_eq(atoi("  42x"), 42, "atoi");
    check_eq(strtol("xyz", &end, 10), 0, "strtol no digits");
    check_eq(labs(-5), 5, "labs");
}

int main(void)
{
    copy_and_fill();
    compare();
    copy_strings();
    numbers();
    return check_finish();
}
