/*
 * rocc_timing.c: RoCC commands and a fence under the host core's cycle model. The test
 * attaches an accelerator that accepts funct7 1 at once, answers funct7 2 as if its command
 * queue were full for 20 cycles, and makes `fence` wait 500 cycles. Each region runs twice
 * (the first warms the caches) and prints its second run as
 *   NAME CYCLES INSTRUCTIONS
 */
#include <stdint.h>
#include <stdio.h>

static inline uint64_t read_cycles(void) {
    uint64_t value;
    __asm__ volatile("rdcycle %0" : "=r"(value) : : "memory");
    return value;
}

static inline uint64_t read_instructions(void) {
    uint64_t value;
    __asm__ volatile("rdinstret %0" : "=r"(value) : : "memory");
    return value;
}

#define REGION(name, body)                                                                \
    do {                                                                                  \
        uint64_t cycles = 0, instructions = 0;                                            \
        for (volatile int i = 0; i < 2; i++) {                                            \
            uint64_t c0 = read_cycles(), i0 = read_instructions();                        \
            body;                                                                         \
            uint64_t i1 = read_instructions(), c1 = read_cycles();                        \
            cycles = c1 - c0;                                                             \
            instructions = i1 - i0;                                                       \
        }                                                                                 \
        printf("%s %llu %llu\n", name, (unsigned long long)cycles, (unsigned long long)instructions); \
    } while (0)

int main(void) {
    REGION("empty", (void)0);
    REGION("accepted", __asm__ volatile(".rept 64\n .insn r CUSTOM_3, 3, 1, x0, x0, x0\n .endr" ::: "memory"));
    REGION("queue_full", __asm__ volatile(".rept 64\n .insn r CUSTOM_3, 3, 2, x0, x0, x0\n .endr" ::: "memory"));
    REGION("fence", __asm__ volatile("fence" ::: "memory"));
    return 0;
}
