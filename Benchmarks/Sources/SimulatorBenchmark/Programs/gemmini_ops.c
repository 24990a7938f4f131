// Gemmini command throughput: OPERATION 1 repeats a 16x16x16 int8 preload + compute_preloaded
// (new weights every time, dense operands), OPERATION 2 a 1 KiB mvin (16 rows x 64 int8
// columns into four scratchpad blocks). Raw instruction words, so the figure is the model's
// cost plus a few guest instructions per command.
#include <stdint.h>
#include <stdio.h>
#ifdef QUIET
__attribute__((noipa)) static int quiet_printf(const char *format, ...) { (void)format; return 0; }
#define printf quiet_printf
#endif

#define DIM 16
static int8_t source[DIM][4 * DIM] __attribute__((aligned(64)));

#define COMMAND(funct, rs1, rs2) \
    __asm__ volatile(".insn r CUSTOM_3, 3, %2, x0, %0, %1" ::"r"((uint64_t)(rs1)), "r"((uint64_t)(rs2)), "i"(funct))
#define OPERAND(rows, cols, address) (((uint64_t)(rows) << 48) | ((uint64_t)(cols) << 32) | (uint32_t)(address))

int main(void) {
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < 4 * DIM; j++) source[i][j] = (int8_t)((i * 3 + j) % 7 - 3);
    COMMAND(0, 0x3F80000000010004ULL, 0x0001000000000000ULL);  // config_ex: WS, A stride 1, C stride 1
    COMMAND(0, 0x3F80000000100101ULL, 4 * DIM);                // config_ld: 64-byte rows, block stride 16
    COMMAND(2, source, OPERAND(DIM, 4 * DIM, 0));              // A and B in the scratchpad
    for (long n = 0; n < ITERATIONS; n++) {
#if OPERATION == 1
        COMMAND(6, OPERAND(DIM, DIM, 16), OPERAND(DIM, DIM, 0xC0000000));
        COMMAND(4, OPERAND(DIM, DIM, 0), OPERAND(DIM, DIM, 0xFFFFFFFF));
#else
        COMMAND(2, source, OPERAND(DIM, 4 * DIM, 64));
#endif
    }
    __asm__ volatile("fence");
    printf("done\n");
    return 0;
}
