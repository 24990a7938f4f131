// The bundled example: an int8 matrix multiply with int32 accumulation on the RISC-V core,
// checked against a second, differently ordered computation. It prints its cycle count the
// way Autocomp's harnesses do.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 64

static int8_t a[N][N], b[N][N];
static int32_t c[N][N], reference[N][N];

static inline uint64_t read_cycles(void) {
    uint64_t cycles;
    __asm__ volatile("rdcycle %0" : "=r"(cycles));
    return cycles;
}

int main(void) {
    srand(1);
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            a[i][j] = (int8_t)(rand() % 16 - 8);
            b[i][j] = (int8_t)(rand() % 16 - 8);
        }

    uint64_t start = read_cycles();
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            int32_t scale = a[i][k];
            for (int j = 0; j < N; j++) c[i][j] += scale * b[k][j];
        }
    uint64_t end = read_cycles();

    for (int j = 0; j < N; j++)
        for (int i = 0; i < N; i++) {
            int32_t sum = 0;
            for (int k = 0; k < N; k++) sum += a[i][k] * b[k][j];
            reference[i][j] = sum;
        }
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            if (c[i][j] != reference[i][j]) {
                printf("Incorrect result at (%d, %d): %d != %d\n", i, j, c[i][j], reference[i][j]);
                return 1;
            }

    printf("%dx%dx%d int8 matmul on the RISC-V core\n", N, N, N);
    printf("Generated implementation latency: %llu cycles\n", (unsigned long long)(end - start));
    printf("Correct result\n");
    return 0;
}
