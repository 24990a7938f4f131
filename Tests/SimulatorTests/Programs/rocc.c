// Exercises the RoCC port (custom-3). The test attaches an accelerator that records every
// command and answers commands with xd set with funct7 + rs1 + 2 * rs2.
#include <stdint.h>
#include <stdio.h>

static uint64_t with_response(uint64_t a, uint64_t b) {
    uint64_t r;
    __asm__ volatile(".insn r CUSTOM_3, 7, 5, %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

static void without_response(uint64_t a, uint64_t b) {
    __asm__ volatile(".insn r CUSTOM_3, 3, 9, x0, %0, %1" : : "r"(a), "r"(b));
}

int main(void) {
#if MODE == 1
    uint64_t misa;
    __asm__ volatile("csrr %0, misa" : "=r"(misa));
    if (!(misa & (1 << 23))) { printf("misa lacks X\n"); return 2; }
    without_response(0x1111, 0x2222);
    uint64_t r = with_response(40, 1);
    __asm__ volatile("fence" ::: "memory");
    if (r != 5 + 40 + 2) { printf("response %llu\n", (unsigned long long)r); return 3; }
    without_response(0xFFFFFFFFFFFFFFFFULL, 0);
    printf("rocc ok\n");
    return 0;
#elif MODE == 2
    // Accelerator state off: Rocket (and this simulator) refuse custom instructions.
    __asm__ volatile("csrc mstatus, %0" : : "r"(0x18000));
    without_response(1, 2);
    return 0;
#else
    // funct7 99 is not a command the test accelerator knows.
    __asm__ volatile(".insn r CUSTOM_3, 3, 99, x0, %0, %1" : : "r"(1), "r"(2));
    return 0;
#endif
}
