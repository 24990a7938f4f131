/*
 * driver.c: runs each kernel of kernels.S twice (the first call warms caches and
 * predictors, or is the first pass over a buffer) and prints for the second call one line
 *   NAME CYCLES INSTRUCTIONS
 * measured between cycle-counter reads around the call. The `empty` line is the
 * measurement's own cost; the tests subtract it.
 */
#include <stdint.h>
#include <stdio.h>

/* Every kernel takes two arguments (those that need fewer ignore the rest). */
typedef void kernel(uint64_t, uint64_t);
kernel k_empty, k_alu, k_load_chain, k_mul_chain, k_mul_independent, k_div_chain, k_div_independent,
    k_fma_chain, k_fma_independent, k_fdiv_independent, k_branch, k_stream_load, k_stream_store,
    k_code_small, k_code_large, k_calls_leaf, k_calls_shallow, k_calls_deep;

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

/* Calls the kernel `repeats` times and reports the last call. One copy of this code serves
   every kernel, so after the first measurement the measuring code itself is in the caches
   and predicted, and costs exactly what it costs around the empty kernel. */
__attribute__((noinline, noipa))
static void measure(const char *name, kernel *run, uint64_t a, uint64_t b, int repeats) {
    uint64_t cycles = 0, instructions = 0;
    for (int i = 0; i < repeats; i++) {
        uint64_t c0 = read_cycles(), i0 = read_instructions();
        run(a, b);
        uint64_t i1 = read_instructions(), c1 = read_cycles();
        cycles = c1 - c0;
        instructions = i1 - i0;
    }
    printf("%s %llu %llu\n", name, (unsigned long long)cycles, (unsigned long long)instructions);
}

/* The first call warms caches and predictors (or is the first pass over a buffer). */
#define MEASURE(name, run, a, b) measure(name, run, (uint64_t)(a), (uint64_t)(b), 2)

/* Branch outcomes: all zeros (always taken) and random bits from xorshift64 (the test
   regenerates the same sequence to count the mispredictions a 2-bit counter makes). */
#define BRANCH_BYTES 4000
static uint8_t zeros[BRANCH_BYTES];
static uint8_t random_bits[BRANCH_BYTES];

/* Buffers in memory the program never writes (the heap's far end), so no line is dirty:
   1 MiB (twice the L2), 64 KiB (L1 < 64 KiB < L2), 8 KiB (fits the L1). */
#define DRAM_BUFFER ((uint8_t *)0x98000000)
#define L2_BUFFER ((uint8_t *)0x9C000000)
#define L1_BUFFER ((uint8_t *)0x9E000000)
#define STORE_BUFFER ((uint8_t *)0x9F000000)

static void *cell;

int main(void) {
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < BRANCH_BYTES; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        random_bits[i] = (x >> 32) & 1;
    }
    cell = &cell;

    MEASURE("empty", k_empty, 0, 0);
    MEASURE("alu", k_alu, 10000, 0);
    MEASURE("load_chain", k_load_chain, 2000, &cell);
    MEASURE("mul_chain", k_mul_chain, 500, 0);
    MEASURE("mul_independent", k_mul_independent, 500, 0);
    MEASURE("div_chain", k_div_chain, 200, 0);
    MEASURE("div_independent", k_div_independent, 200, 0);
    MEASURE("fma_chain", k_fma_chain, 1000, 0);
    MEASURE("fma_independent", k_fma_independent, 1000, 0);
    MEASURE("fdiv_independent", k_fdiv_independent, 200, 0);
    MEASURE("branch_taken", k_branch, BRANCH_BYTES, zeros);
    MEASURE("branch_random", k_branch, BRANCH_BYTES, random_bits);
    MEASURE("stream_l1", k_stream_load, L1_BUFFER, L1_BUFFER + (8 << 10));
    MEASURE("stream_l2", k_stream_load, L2_BUFFER, L2_BUFFER + (64 << 10));
    MEASURE("stream_dram", k_stream_load, DRAM_BUFFER, DRAM_BUFFER + (1 << 20));
    MEASURE("store_l2", k_stream_store, STORE_BUFFER, STORE_BUFFER + (64 << 10));
    MEASURE("code_small", k_code_small, 0, 0);
    MEASURE("code_large", k_code_large, 0, 0);
    MEASURE("calls_leaf", k_calls_leaf, 2000, 0);
    MEASURE("calls_shallow", k_calls_shallow, 500, 0);
    MEASURE("calls_deep", k_calls_deep, 500, 0);
    return 0;
}
