/*
 * timing.c: micro-programs for the Gemmini cycle model (gemmini-reference.md section 5).
 * Every region runs twice, so the second run finds the host's caches and the L2 warm, and
 * prints the second run's cycles as
 *     NAME CYCLES
 * GemminiTimingTests compares the figures with the section 5 formulas evaluated on the
 * design's timing parameters.
 */
#include "gemmini.h"

#include <stdint.h>
#include <stdio.h>

#if DIM != 16
#error "timing.c is written for the int8 16x16 design"
#endif

static elem_t rows[64 * DIM * DIM] __attribute__((aligned(64)));
static elem_t results[DIM * DIM] __attribute__((aligned(64)));

static inline uint64_t cycle_now(void)
{
    uint64_t value;
    __asm__ volatile("rdcycle %0" : "=r"(value) : : "memory");
    return value;
}

/* Runs `body` twice after a fence (so nothing of an earlier region is still in flight) and
 * prints the cycles of the second run. */
#define REGION(name, body)                                                                \
    do {                                                                                  \
        uint64_t cycles = 0;                                                              \
        for (volatile int pass = 0; pass < 2; pass++) {                                   \
            gemmini_fence();                                                              \
            uint64_t start = cycle_now();                                                 \
            body;                                                                         \
            cycles = cycle_now() - start;                                                 \
        }                                                                                 \
        gemmini_fence();                                                                  \
        printf("%s %llu\n", name, (unsigned long long)cycles);                            \
    } while (0)

/* Scratchpad rows of bank b (4 banks of 4096 rows in the default design). */
#define BANK(b) ((uint32_t)(b) * 4096)
#define ACC(row) (GEMMINI_ACC_ADDR | (uint32_t)(row))

static void mvins(int count, int rows_each)
{
    for (int i = 0; i < count; i++)
        gemmini_extended_mvin(rows + i * DIM * DIM, i * DIM, DIM, rows_each);
}

/* A chain of eight weight-stationary preload/compute pairs; the A operands sit in bank
 * `a_bank`, the weights in bank 0. */
static void matmul_chain(int a_bank)
{
    for (int i = 0; i < 8; i++) {
        gemmini_extended_preload(BANK(0) + i * DIM, ACC(i * DIM), DIM, DIM, DIM, DIM);
        gemmini_extended_compute_preloaded(BANK(a_bank) + 512 + i * DIM, GARBAGE_ADDR, DIM, DIM, DIM, DIM);
    }
}

static void one_matmul(void)
{
    gemmini_extended_preload(BANK(0), ACC(0), DIM, DIM, DIM, DIM);
    gemmini_extended_compute_preloaded(BANK(1), GARBAGE_ADDR, DIM, DIM, DIM, DIM);
}

int main(void)
{
    gemmini_flush(0);
    gemmini_config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 0);
    gemmini_config_ld(DIM);
    gemmini_config_st(DIM);
    gemmini_fence();

    REGION("empty", (void)0);
    REGION("fence_idle", gemmini_fence());

    /* Loads: one 16-row and one 8-row mvin, waited for. */
    REGION("mvin16", { mvins(1, 16); gemmini_fence(); });
    REGION("mvin8", { mvins(1, 8); gemmini_fence(); });

    /* The host's view of a burst of mvins with no fence: a few fit the queues, many fill
     * the load reservation-station pool and the host waits. */
    REGION("issue4", mvins(4, 16));
    REGION("issue24", mvins(24, 16));

    /* A 16-row mvout alone, issued only and waited for. */
    REGION("mvout_issue", gemmini_extended_mvout(results, ACC(256), DIM, DIM));
    REGION("mvout_fence", { gemmini_extended_mvout(results, ACC(256), DIM, DIM); gemmini_fence(); });

    /* One matmul, then an mvout of its result (waits for the array's pipeline) or of
     * unrelated accumulator rows (does not). */
    REGION("matmul", { one_matmul(); gemmini_fence(); });
    REGION("matmul_mvout_dependent", { one_matmul(); gemmini_extended_mvout(results, ACC(0), DIM, DIM); gemmini_fence(); });
    REGION("matmul_mvout_independent", { one_matmul(); gemmini_extended_mvout(results, ACC(256), DIM, DIM); gemmini_fence(); });

    /* Eight chained matmuls with A and the next weights in different banks or one bank. */
    REGION("chain_banks_differ", { matmul_chain(1); gemmini_fence(); });
    REGION("chain_banks_same", { matmul_chain(0); gemmini_fence(); });

    /* The counter op reports the modelled activity: one 16-row mvin, one matmul, one
     * 16-row mvout, each waited for. */
    counter_configure(0, LOAD_ACTIVE_CYCLE);
    counter_configure(1, EXE_ACTIVE_CYCLE);
    counter_configure(2, STORE_ACTIVE_CYCLE);
    counter_configure(3, RESERVATION_STATION_FULL_CYCLES);
    counter_reset();
    printf("counter_idle_load %llu\n", (unsigned long long)counter_read(0));
    mvins(1, 16);
    gemmini_fence();
    one_matmul();
    gemmini_fence();
    gemmini_extended_mvout(results, ACC(256), DIM, DIM);
    gemmini_fence();
    printf("counter_load %llu\n", (unsigned long long)counter_read(0));
    printf("counter_execute %llu\n", (unsigned long long)counter_read(1));
    printf("counter_store %llu\n", (unsigned long long)counter_read(2));
    printf("counter_full %llu\n", (unsigned long long)counter_read(3));
    return 0;
}
