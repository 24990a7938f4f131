// A Dhrystone-like mix written here: record copies, string copies and compares, small
// function calls, integer arithmetic and branches, repeated many times.
#include <stdint.h>
#include <stdio.h>
#ifdef QUIET  // for runs on QEMU, whose HTIF has no SYS_write: no console output
// An opaque sink, so the compiler still computes everything that would have been printed.
__attribute__((noipa)) static int quiet_printf(const char *format, ...) { (void)format; return 0; }
#define printf quiet_printf
#endif
#include <string.h>

typedef struct Record {
    struct Record *next;
    int kind;
    int value;
    char text[40];
} Record;

static Record records[2];
static char buffer_a[40], buffer_b[40];
static int array_one[64];
static int array_two[64][64];

__attribute__((noinline)) static int combine(int a, int b) { return a * 3 + (b ^ 5) - (a >> 2); }

__attribute__((noinline)) static int classify(char c) {
    if (c >= 'A' && c <= 'Z') return 1;
    if (c >= 'a' && c <= 'z') return 2;
    return 0;
}

__attribute__((noinline)) static void update(Record *r, int step) {
    *r->next = *r;
    r->value = combine(r->value, step) & 0xFFFF;
    r->kind = (r->kind + step) % 7;
}

int main(void) {
#ifndef ITERATIONS
#define ITERATIONS 2000000
#endif
    const long iterations = ITERATIONS;
    records[0].next = &records[1];
    records[1].next = &records[0];
    strcpy(records[0].text, "DHRYSTONE-LIKE PROGRAM, 1'ST STRING");
    int sum = 0;
    for (long run = 0; run < iterations; run++) {
        int step = (int)(run & 15);
        update(&records[run & 1], step);
        strcpy(buffer_a, "DHRYSTONE-LIKE PROGRAM, 2'ND STRING");
        buffer_a[0] = (char)('A' + step);
        strcpy(buffer_b, buffer_a);
        if (strcmp(buffer_a, buffer_b) == 0) sum += classify(buffer_a[(run >> 4) & 7]);
        array_one[step + 8] = step;
        array_two[step + 8][step + 9] += array_one[step + 8];
        for (int k = 0; k < 3; k++) sum += combine(step, k) > 10 ? 1 : -1;
        sum += records[0].value - records[1].kind;
    }
    printf("dhrystone-like checksum %d, %d\n", sum, array_two[10][11]);
    return 0;
}
