// Harness for tinympc-forward: TinyMPC's forward rollout on the fp32 4x4 design.
// For i = 0..3 (a horizon of 5 states): u[i] = -Kinf x[i] - d[i]; x[i+1] = Adyn x[i] + Bdyn u[i]
// with 12 states and 4 inputs (TinyMPC's quadrotor sizes). Row-major arrays; x[i], u[i] and
// d[i] are vectors.
//
// Data: seeded random values (exact binary fractions) with quadrotor-like magnitudes: Adyn
// close to the identity, |Bdyn| <= 1/4, |Kinf| <= 1/2, |d| <= 1/4, |x[0]| <= 1.
// Comparison: the gold is computed on the core in fp32 with fused multiply-adds in index
// order, as one array pass would; an accelerator result may sum in another order (tiles, the
// accumulator's separately rounded adds), so each output must be within 1e-4 * (1 + |gold|)
// of the gold instead of equal to it (Documentation/Problems.md).
//
// The evaluator replaces everything between the SUBSTITUTE markers with one timing block per
// candidate. The block there now runs the starting code, so this file also builds and runs
// on its own.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gemmini.h"
#include "gemmini_testutils.h"

#ifndef REPEAT
#define REPEAT 5
#endif

// The solution's parameters are these globals: its body runs inside main() under their names.
static elem_t Adyn[12][12] row_align(1);
static elem_t Bdyn[12][4] row_align(1);
static elem_t Kinf[4][12] row_align(1);
static elem_t d[4][4] row_align(1);
static elem_t x[5][12] row_align(1);  // x[0] is given, x[1..4] are computed
static elem_t u[4][4] row_align(1);

static elem_t harness_gold_x[5][12];
static elem_t harness_gold_u[4][4];
static uint64_t harness_sum_inputs;

// ---- Candidate bookkeeping (the same in every harness) ----
//
// The evaluator defines HARNESS_CANDIDATES (the number of timing blocks it put between the
// SUBSTITUTE markers) and may define REPEAT. One candidate: a mismatch prints the reason and
// `Incorrect result` and exits 1. Several (batch mode): a failing candidate is skipped in later
// repeats and reports the sentinel latency; the others continue.

#ifndef HARNESS_CANDIDATES
#define HARNESS_CANDIDATES 1
#endif
#if REPEAT < 1
#error "REPEAT must be at least 1"
#endif

#define HARNESS_FAILED_LATENCY 99999999999ull

static uint64_t harness_best[HARNESS_CANDIDATES];
static int harness_failed[HARNESS_CANDIDATES];
static int harness_repeat;

static int harness_find_mismatch(char *reason, size_t size);

// A candidate that failed once is not run again (it may have left the accelerator or memory
// in any state).
static int harness_should_run(int candidate) { return !harness_failed[candidate]; }

// Called after each timing block: compares with the gold output and keeps the fastest run.
static void harness_check(int candidate, uint64_t cycles)
{
    char reason[200];
    if (harness_find_mismatch(reason, sizeof reason)) {
        printf("Mismatch in candidate %d (repeat %d): %s\n", candidate + 1, harness_repeat + 1, reason);
        if (HARNESS_CANDIDATES == 1) {
            printf("Incorrect result\n");
            exit(1);
        }
        harness_failed[candidate] = 1;
        return;
    }
    if (cycles < harness_best[candidate]) harness_best[candidate] = cycles;
}

// One latency line per candidate, in order: the minimum over the repeats, or the sentinel.
static void harness_report(void)
{
    for (int candidate = 0; candidate < HARNESS_CANDIDATES; candidate++) {
        const uint64_t latency = harness_failed[candidate] ? HARNESS_FAILED_LATENCY : harness_best[candidate];
        printf("Generated implementation latency: %llu cycles\n", (unsigned long long)latency);
    }
    printf("Correct result\n");
}

// A 64-bit FNV-style checksum, to notice a solution that writes into its inputs.
static uint64_t harness_checksum(const void *data, size_t bytes)
{
    const uint64_t *words = (const uint64_t *)data;
    uint64_t sum = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < bytes / 8; i++) sum = (sum ^ words[i]) * 0x100000001b3ull;
    const unsigned char *tail = (const unsigned char *)data + bytes / 8 * 8;
    for (size_t i = 0; i < bytes % 8; i++) sum = (sum ^ tail[i]) * 0x100000001b3ull;
    return sum;
}

// A random multiple of scale/128 in [-scale, scale] (exact in fp32).
static float harness_random(float scale) { return (float)(rand() % 257 - 128) / 128.0f * scale; }

static uint64_t harness_input_checksum(void)
{
    return harness_checksum(Adyn, sizeof Adyn) ^ harness_checksum(Bdyn, sizeof Bdyn) * 3 ^
           harness_checksum(Kinf, sizeof Kinf) * 5 ^ harness_checksum(d, sizeof d) * 7 ^
           harness_checksum(x[0], sizeof x[0]) * 11;
}

// y = M v + bias for a rows x cols row-major M, summed with fused multiply-adds in index order.
static void harness_matvec(int rows, int cols, const float *m, const float *v, const float *bias, float sign, float *y)
{
    for (int r = 0; r < rows; r++) {
        float sum = 0.0f;
        for (int c = 0; c < cols; c++) sum = __builtin_fmaf(sign * m[r * cols + c], v[c], sum);
        y[r] = bias ? sum + sign * bias[r] : sum;
    }
}

static void harness_prepare(void)
{
    srand(1);
    for (int r = 0; r < 12; r++)
        for (int c = 0; c < 12; c++) Adyn[r][c] = (r == c ? 1.0f : 0.0f) + harness_random(0.0625f);
    for (int r = 0; r < 12; r++)
        for (int c = 0; c < 4; c++) Bdyn[r][c] = harness_random(0.25f);
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 12; c++) Kinf[r][c] = harness_random(0.5f);
    for (int i = 0; i < 4; i++)
        for (int c = 0; c < 4; c++) d[i][c] = harness_random(0.25f);
    for (int c = 0; c < 12; c++) x[0][c] = harness_random(1.0f);
    harness_sum_inputs = harness_input_checksum();

    memcpy(harness_gold_x[0], x[0], sizeof x[0]);
    for (int i = 0; i < 4; i++) {
        float ax[12], bu[12];
        harness_matvec(4, 12, &Kinf[0][0], harness_gold_x[i], d[i], -1.0f, harness_gold_u[i]);
        harness_matvec(12, 12, &Adyn[0][0], harness_gold_x[i], NULL, 1.0f, ax);
        harness_matvec(12, 4, &Bdyn[0][0], harness_gold_u[i], NULL, 1.0f, bu);
        for (int r = 0; r < 12; r++) harness_gold_x[i + 1][r] = ax[r] + bu[r];
    }
}

// NaN (all bits set) in every output, so that a solution that writes nothing fails.
static void harness_poison_output(void)
{
    memset(x[1], 0xFF, sizeof x - sizeof x[0]);
    memset(u, 0xFF, sizeof u);
}

// Programs are built with -ffast-math, which lets the compiler assume there are no NaNs, so
// a NaN (the poison) is recognized by its bits rather than by a comparison.
static int harness_is_finite(float value)
{
    uint32_t bits;
    memcpy(&bits, &value, sizeof bits);
    return (bits & 0x7F800000u) != 0x7F800000u;
}

static int harness_close(float got, float want)
{
    if (!harness_is_finite(got)) return 0;
    const float difference = got - want;
    return (difference < 0 ? -difference : difference) <= 1e-4f * (1.0f + (want < 0 ? -want : want));
}

static int harness_find_mismatch(char *reason, size_t size)
{
    if (harness_input_checksum() != harness_sum_inputs) {
        snprintf(reason, size, "the solution wrote into its inputs (Adyn, Bdyn, Kinf, d or x[0])");
        return 1;
    }
    for (int i = 0; i < 4; i++)
        for (int c = 0; c < 4; c++)
            if (!harness_close(u[i][c], harness_gold_u[i][c])) {
                snprintf(reason, size, "u[%d][%d] is %.9g, expected %.9g", i, c, u[i][c], harness_gold_u[i][c]);
                return 1;
            }
    for (int i = 1; i < 5; i++)
        for (int c = 0; c < 12; c++)
            if (!harness_close(x[i][c], harness_gold_x[i][c])) {
                snprintf(reason, size, "x[%d][%d] is %.9g, expected %.9g", i, c, x[i][c], harness_gold_x[i][c]);
                return 1;
            }
    return 0;
}

int main(void)
{
    harness_prepare();
    for (int candidate = 0; candidate < HARNESS_CANDIDATES; candidate++) harness_best[candidate] = UINT64_MAX;
    uint64_t start, end;
    for (harness_repeat = 0; harness_repeat < REPEAT; harness_repeat++) {
        // SUBSTITUTE HERE
        if (harness_should_run(0)) {
            harness_poison_output();
            gemmini_flush(0);
            fence();
            start = read_cycles();
            {
    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
    config_st(sizeof(elem_t), ACC_SCALE_IDENTITY);   // results leave as columns

    const uint32_t a_tile = 0;                   // scratchpad row of the matrix tile
    const uint32_t b_tile = DIM;                 // scratchpad row of the vector piece
    const uint32_t c_tile = 1u << 31;            // accumulator row 0 (bit 31: accumulator)
    const uint32_t accumulate = 1u << 30;        // add to the accumulator instead of overwriting

    for (int i = 0; i < 4; i++) {
        // u[i] = -Kinf x[i] - d[i]: d[i] (negated) starts the accumulator, Kinf is negated as it loads.
        config_ld(12 * sizeof(elem_t), -1.0f, DIM, 0);
        config_ld(sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
        config_ld(sizeof(elem_t), -1.0f, DIM, 2);
        mvin3(&d[i][0], c_tile, 1, DIM);
        for (int k = 0; k < 12 / DIM; k++) {
            mvin(&Kinf[0][k * DIM], a_tile, DIM, DIM);
            mvin2(&x[i][k * DIM], b_tile, 1, DIM);
            preload(b_tile, c_tile | accumulate, 1, DIM, 1, DIM);
            compute_preloaded(a_tile, GARBAGE_ADDR, DIM, DIM, 1, DIM);
        }
        mvout(&u[i][0], c_tile, 1, DIM);
        fence();  // u[i] is read back below

        // x[i+1] = Adyn x[i] + Bdyn u[i], DIM states at a time.
        for (int r = 0; r < 12 / DIM; r++) {
            config_ld(12 * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);
            for (int k = 0; k < 12 / DIM; k++) {
                mvin(&Adyn[r * DIM][k * DIM], a_tile, DIM, DIM);
                mvin2(&x[i][k * DIM], b_tile, 1, DIM);
                preload(b_tile, k == 0 ? c_tile : c_tile | accumulate, 1, DIM, 1, DIM);
                compute_preloaded(a_tile, GARBAGE_ADDR, DIM, DIM, 1, DIM);
            }
            config_ld(4 * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);
            mvin(&Bdyn[r * DIM][0], a_tile, DIM, DIM);
            mvin2(&u[i][0], b_tile, 1, DIM);
            preload(b_tile, c_tile | accumulate, 1, DIM, 1, DIM);
            compute_preloaded(a_tile, GARBAGE_ADDR, DIM, DIM, 1, DIM);
            mvout(&x[i + 1][r * DIM], c_tile, 1, DIM);
        }
        fence();  // x[i+1] is read in the next step
    }
            }
            fence();
            end = read_cycles();
            harness_check(0, end - start);
        }
        // SUBSTITUTE END
    }
    harness_report();
    return 0;
}
