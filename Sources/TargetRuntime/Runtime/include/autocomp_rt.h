/*
 * autocomp_rt.h: declarations shared by the runtime's own files.
 * Programs never need it; it sits on the include path only because the runtime does.
 */
#ifndef AUTOCOMP_RT_H
#define AUTOCOMP_RT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Library entry points are weak, so a program that brings its own printf, rand,
   memcpy... links cleanly against the runtime's objects instead of clashing. */
#define RT_WEAK __attribute__((weak))

/* --- format.c: portable formatting core (also built on the host for testing) --- */

/* Receives each run of formatted characters, in order. */
typedef void rt_sink(void *ctx, const char *s, size_t n);

/* printf-style formatting into `sink`; returns the number of characters produced. */
int rt_vformat(rt_sink *sink, void *ctx, const char *fmt, va_list ap);

/* vsnprintf semantics: writes at most size-1 characters plus a NUL (if size > 0)
   and returns the length the full result would have. */
int rt_vsnformat(char *buf, size_t size, const char *fmt, va_list ap);

/* --- htif.c: the Spike host interface --- */

/* Proxies a system call to the host; returns the host's result. */
long rt_htif_syscall(long which, long a0, long a1, long a2);

/* Writes n bytes to host file descriptor fd (1 stdout, 2 stderr). */
long rt_htif_write(int fd, const void *p, size_t n);

/* Stops the simulation with exit status `code`. */
void rt_htif_exit(int code) __attribute__((noreturn));

/* --- stdio.c --- */

/* Writes out whatever stdout still holds (used by exit). */
void rt_flush_stdout(void);

#endif
