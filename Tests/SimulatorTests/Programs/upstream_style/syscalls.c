// Library side of the upstream-style runtime: the syscall proxy over HTIF, console output,
// counters and exit, as riscv-tests' benchmarks/common provides them (written here).
#include <stdint.h>

extern volatile uint64_t tohost, fromhost;
extern int main(int argc, char **argv);

#define SYS_write 64

static uintptr_t syscall(uintptr_t which, uint64_t arg0, uint64_t arg1, uint64_t arg2) {
    volatile uint64_t magic_mem[8] __attribute__((aligned(64)));
    magic_mem[0] = which;
    magic_mem[1] = arg0;
    magic_mem[2] = arg1;
    magic_mem[3] = arg2;
    __sync_synchronize();
    tohost = (uintptr_t)magic_mem;
    while (fromhost == 0) {}
    fromhost = 0;
    __sync_synchronize();
    return magic_mem[0];
}

void __attribute__((noreturn)) exit(int code) {
    tohost = ((uint64_t)code << 1) | 1;
    for (;;) {}
}

void printstr(const char *s) {
    uint64_t length = 0;
    while (s[length]) length++;
    syscall(SYS_write, 1, (uintptr_t)s, length);
}

void printnum(uint64_t value) {
    char digits[24];
    int at = 23;
    digits[at] = 0;
    do { digits[--at] = (char)('0' + value % 10); value /= 10; } while (value);
    printstr(&digits[at]);
}

uintptr_t __attribute__((weak)) handle_trap(uintptr_t cause, uintptr_t epc, uintptr_t regs[32]) {
    (void)cause; (void)epc; (void)regs;
    exit(1337);
}

static uint64_t counters[2];

void setStats(int enable) {
    uint64_t cycles, instructions;
    __asm__ volatile("csrr %0, mcycle" : "=r"(cycles));
    __asm__ volatile("csrr %0, minstret" : "=r"(instructions));
    if (enable) { counters[0] = cycles; counters[1] = instructions; }
    else { counters[0] = cycles - counters[0]; counters[1] = instructions - counters[1]; }
}

void _init(int cid, int nc) {
    (void)cid; (void)nc;
    int result = main(0, 0);
    if (counters[1]) {
        printstr("mcycle = "); printnum(counters[0]); printstr("\n");
        printstr("minstret = "); printnum(counters[1]); printstr("\n");
    }
    exit(result);
}
