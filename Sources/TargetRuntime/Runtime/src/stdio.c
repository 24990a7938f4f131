/*
 * stdio.c: console streams and the printf family.
 *
 * stdout is line buffered (written out at '\n', when full, by fflush and at
 * exit) because every host write is an HTIF round trip. stderr is
 * unbuffered and flushes stdout first, so the two interleave in program order.
 * Streams a program sets up itself with picolibc's FDEV_SETUP_STREAM work
 * too, one character at a time through their put function.
 */
#include <stdio.h>
#include <string.h>

#include "autocomp_rt.h"

/* picolibc's FILE comes first, so a FILE * to one of ours leads back to it. */
struct console {
    FILE file;
    int fd;
    size_t len, cap; /* cap 0: unbuffered */
    char *buf;
};

static int console_put(char c, FILE *f);
static int console_get(FILE *f);
static int console_flush(FILE *f);

static char stdout_buf[4096];

static struct console con_in = {
    .file = FDEV_SETUP_STREAM(NULL, console_get, NULL, _FDEV_SETUP_READ), .fd = 0};
static struct console con_out = {
    .file = FDEV_SETUP_STREAM(console_put, NULL, console_flush, _FDEV_SETUP_WRITE),
    .fd = 1, .cap = sizeof stdout_buf, .buf = stdout_buf};
static struct console con_err = {
    .file = FDEV_SETUP_STREAM(console_put, NULL, console_flush, _FDEV_SETUP_WRITE), .fd = 2};

/* picolibc declares these as constant pointers the platform defines. */
RT_WEAK FILE *const stdin = &con_in.file;
RT_WEAK FILE *const stdout = &con_out.file;
RT_WEAK FILE *const stderr = &con_err.file;

static struct console *console_of(FILE *f)
{
    return f && f->put == console_put ? (struct console *)f : NULL;
}

static void console_drain(struct console *c)
{
    if (c->len) {
        rt_htif_write(c->fd, c->buf, c->len);
        c->len = 0;
    }
}

static void console_write(struct console *c, const char *s, size_t n)
{
    if (c->cap == 0) { /* stderr: keep order with what stdout already holds */
        console_drain(&con_out);
        rt_htif_write(c->fd, s, n);
        return;
    }
    int newline = memchr(s, '\n', n) != NULL;
    while (n) {
        if (c->len == 0 && n >= c->cap) { /* too big to buffer: straight out */
            rt_htif_write(c->fd, s, n);
            break;
        }
        size_t k = c->cap - c->len < n ? c->cap - c->len : n;
        memcpy(c->buf + c->len, s, k);
        c->len += k;
        s += k;
        n -= k;
        if (c->len == c->cap)
            console_drain(c);
    }
    if (newline)
        console_drain(c);
}

static int console_put(char ch, FILE *f)
{
    console_write((struct console *)f, &ch, 1);
    return (unsigned char)ch;
}

static int console_get(FILE *f)
{
    (void)f;
    return _FDEV_EOF; /* no console input on the simulator */
}

static int console_flush(FILE *f)
{
    console_drain((struct console *)f);
    return 0;
}

void rt_flush_stdout(void)
{
    struct console *c = console_of(stdout);
    if (c)
        console_drain(c);
}

/* Writes n bytes to any stream; returns 0, or EOF if a foreign stream fails. */
static int stream_write(FILE *f, const char *s, size_t n)
{
    struct console *c = console_of(f);
    if (c) {
        console_write(c, s, n);
        return 0;
    }
    if (!f || !f->put)
        return EOF;
    for (size_t i = 0; i < n; i++)
        if (f->put(s[i], f) < 0)
            return EOF;
    return 0;
}

static void stream_sink(void *ctx, const char *s, size_t n)
{
    stream_write(ctx, s, n);
}

/* ---- character and string output ---- */

RT_WEAK int fputc(int c, FILE *f)
{
    char ch = (char)c;
    return stream_write(f, &ch, 1) ? EOF : (unsigned char)ch;
}

#undef putc
RT_WEAK int putc(int c, FILE *f)
{
    return fputc(c, f);
}

#undef putchar
RT_WEAK int putchar(int c)
{
    return fputc(c, stdout);
}

RT_WEAK int fputs(const char *s, FILE *f)
{
    return stream_write(f, s, strlen(s)) ? EOF : 0;
}

RT_WEAK int puts(const char *s)
{
    /* the newline sends the whole line in one host write */
    if (stream_write(stdout, s, strlen(s)))
        return EOF;
    return stream_write(stdout, "\n", 1) ? EOF : 0;
}

RT_WEAK size_t fwrite(const void *p, size_t size, size_t count, FILE *f)
{
    if (size == 0 || count == 0)
        return 0;
    if (count > (size_t)-1 / size)
        return 0;
    return stream_write(f, p, size * count) ? 0 : count;
}

RT_WEAK int fflush(FILE *f)
{
    if (!f) { /* all streams we know of */
        fflush(stdout);
        fflush(stderr);
        return 0;
    }
    struct console *c = console_of(f);
    if (c)
        console_drain(c);
    else if (f->flush)
        return f->flush(f);
    return 0;
}

/* ---- input: there is none ---- */

RT_WEAK int fgetc(FILE *f)
{
    (void)f;
    return EOF;
}

#undef getc
RT_WEAK int getc(FILE *f)
{
    return fgetc(f);
}

#undef getchar
RT_WEAK int getchar(void)
{
    return EOF;
}

/* ---- printf family ---- */

RT_WEAK int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    return rt_vformat(stream_sink, f, fmt, ap);
}

RT_WEAK int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

RT_WEAK int vprintf(const char *fmt, va_list ap)
{
    return vfprintf(stdout, fmt, ap);
}

RT_WEAK int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

RT_WEAK int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return rt_vsnformat(buf, size, fmt, ap);
}

RT_WEAK int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = rt_vsnformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

RT_WEAK int vsprintf(char *buf, const char *fmt, va_list ap)
{
    return rt_vsnformat(buf, (size_t)-1 >> 1, fmt, ap); /* "unbounded" */
}

RT_WEAK int sprintf(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsprintf(buf, fmt, ap);
    va_end(ap);
    return n;
}
