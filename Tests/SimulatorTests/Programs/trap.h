/*
 * trap.h: a machine-mode trap handler for test programs (trap_support.S).
 *
 * install_trap_handler() points mtvec at the handler. For every trap the handler records
 * mcause, mepc, mtval and mstatus (as seen inside the handler) and counts it, then returns
 * with mret to the instruction after the trapping one (mepc + 2 or + 4, by the length of the
 * instruction at mepc), or to trap_record.resume when that is non-zero (it is then cleared),
 * or, for an instruction access fault, to the address in ra (the caller of the bad jump).
 * All registers but t0-t2 (restored) are left alone.
 */
#ifndef TRAP_H
#define TRAP_H

#include <stdint.h>

struct trap_record {
    uint64_t mcause;
    uint64_t mepc;
    uint64_t mtval;
    uint64_t mstatus;
    uint64_t count;
    uint64_t resume;
};

extern volatile struct trap_record trap_record;
extern char trap_vector[];

static inline void install_trap_handler(void)
{
    __asm__ volatile("csrw mtvec, %0" :: "r"(trap_vector));
}

#define MCAUSE_MISALIGNED_FETCH 0
#define MCAUSE_FETCH_ACCESS 1
#define MCAUSE_ILLEGAL_INSTRUCTION 2
#define MCAUSE_BREAKPOINT 3
#define MCAUSE_MISALIGNED_LOAD 4
#define MCAUSE_LOAD_ACCESS 5
#define MCAUSE_MISALIGNED_STORE 6
#define MCAUSE_STORE_ACCESS 7
#define MCAUSE_ECALL_M 11

#endif
