// Quicksort of one million pseudo-random 32-bit integers, then a sortedness check.
#include <stdint.h>
#include <stdio.h>
#ifdef QUIET  // for runs on QEMU, whose HTIF has no SYS_write: no console output
// An opaque sink, so the compiler still computes everything that would have been printed.
__attribute__((noipa)) static int quiet_printf(const char *format, ...) { (void)format; return 0; }
#define printf quiet_printf
#endif

#define COUNT 1000000
static int32_t values[COUNT];

static uint32_t state = 12345;
static uint32_t next_random(void) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static void sort(int32_t *v, long low, long high) {
    while (low < high) {
        int32_t pivot = v[low + (high - low) / 2];
        long i = low, j = high;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                int32_t t = v[i]; v[i] = v[j]; v[j] = t;
                i++; j--;
            }
        }
        // Recurse into the smaller side, loop on the larger: bounded stack depth.
        if (j - low < high - i) { sort(v, low, j); low = i; }
        else { sort(v, i, high); high = j; }
    }
}

int main(void) {
    for (long i = 0; i < COUNT; i++) values[i] = (int32_t)next_random();
    sort(values, 0, COUNT - 1);
    for (long i = 1; i < COUNT; i++)
        if (values[i - 1] > values[i]) { printf("not sorted at %ld\n", i); return 1; }
    printf("sorted %d values, median %d\n", COUNT, values[COUNT / 2]);
    return 0;
}
