/*
 * htif.c: the Spike host-target interface (HTIF).
 *
 * The host watches `tohost`, which it finds by name in the ELF symbol table.
 * Writing (code << 1) | 1 ends the run; writing the address of a syscall
 * buffer asks the host to perform that call and answer through `fromhost`.
 */
#include "autocomp_rt.h"

#define SYS_write 64

/* The host looks these two up by name; the linker script places .tohost
   right after .text.init, 64-byte aligned as Spike expects. */
volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64))) = 0;
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64))) = 0;

long rt_htif_syscall(long which, long a0, long a1, long a2)
{
    /* The host reads all eight words; 64-byte alignment keeps them in one line. */
    static volatile uint64_t buf[8] __attribute__((aligned(64)));

    buf[0] = (uint64_t)which;
    buf[1] = (uint64_t)a0;
    buf[2] = (uint64_t)a1;
    buf[3] = (uint64_t)a2;
    __sync_synchronize(); /* buffer (and the data it points to) before the request */
    tohost = (uint64_t)(uintptr_t)buf;
    while (fromhost == 0)
        ;
    fromhost = 0;
    __sync_synchronize(); /* the host's answer before we read it */
    return (long)buf[0];
}

long rt_htif_write(int fd, const void *p, size_t n)
{
    if (n == 0)
        return 0;
    return rt_htif_syscall(SYS_write, fd, (long)(uintptr_t)p, (long)n);
}

void rt_htif_exit(int code)
{
    __sync_synchronize(); /* everything before it is visible to the host */
    /* As a 32-bit pattern: the command must leave the device bits (63:56)
       zero, and a code like 256 must not wrap to 0 ("success"). */
    tohost = ((uint64_t)(uint32_t)code << 1) | 1;
    for (;;)
        ; /* the host stops us; nothing to return to */
}
