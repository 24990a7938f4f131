// A benchmark in the riscv-tests style: vector add with setStats bracketing and a check.
#include <stdint.h>

void printstr(const char *s);
void setStats(int enable);

#define SIZE 1000
static int64_t a[SIZE], b[SIZE], c[SIZE];

int main(int argc, char **argv) {
    (void)argc; (void)argv;
    for (int i = 0; i < SIZE; i++) { a[i] = i; b[i] = 3 * i + 1; }
    setStats(1);
    for (int i = 0; i < SIZE; i++) c[i] = a[i] + b[i];
    setStats(0);
    for (int i = 0; i < SIZE; i++)
        if (c[i] != 4 * i + 1) { printstr("vvadd: wrong result\n"); return 7; }
#ifdef RAISE_ECALL
    __asm__ volatile("ecall");
#endif
    printstr("vvadd: ok\n");
    return 0;
}
