/*
 * mvin / mvin2 / mvin3 and mvout on the int8 16x16 design (gemmini-reference.md 3.2, 3.5, 3.6).
 *
 * The scratchpad and the accumulator are observed through plain mvouts (scratchpad rows, and
 * accumulator rows read full-width) and compared with a shadow copy the program keeps of every
 * row it touches, so each case also checks that nothing outside the addressed block changed.
 * -DCASE=n runs one case (names in main); without it every case runs.
 */
#include "behaviour.h"

#if DIM != 16
#error "mvin_mvout.c is written for the int8 16x16 design"
#endif

#define SPAD_WINDOW 4096 /* rows of bank 0 the shadow covers */
#define ACC_WINDOW 1024

static int8_t spad_shadow[SPAD_WINDOW][DIM];
static int32_t acc_shadow[ACC_WINDOW][DIM];
static elem_t io8[DIM * DIM] GB_ALIGNED;
static acc_t io32[DIM * DIM] GB_ALIGNED;

static int8_t pattern8(int row, int col, int salt) { return (int8_t)(row * 31 + col * 7 + salt * 13); }
static int32_t pattern32(int row, int col, int salt) { return (int32_t)(0x01010101u * (uint32_t)(row + 3 * col + salt) ^ (uint32_t)(row << 20)); }

/* Writes a known pattern into scratchpad rows [first, first + count) (uses load state 0). */
static void spad_fill(int first, int count, int salt)
{
    gemmini_extended4_config_ld(DIM, MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        int n = first + count - r0 < DIM ? first + count - r0 : DIM;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < DIM; c++)
                io8[r * DIM + c] = spad_shadow[r0 + r][c] = pattern8(r0 + r, c, salt);
        gemmini_extended_mvin(io8, r0, DIM, n);
    }
}

/* Reads scratchpad rows back and compares them with the shadow. */
static void spad_verify(const char *what, int first, int count)
{
    gemmini_config_st(DIM);
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        int n = first + count - r0 < DIM ? first + count - r0 : DIM;
        memset(io8, 0x77, sizeof io8);
        gemmini_extended_mvout(io8, r0, DIM, n);
        gemmini_fence();
        for (int r = 0; r < n; r++)
            for (int c = 0; c < DIM; c++)
                gb_expect(what, io8[r * DIM + c], spad_shadow[r0 + r][c], "spad row %d col %d", r0 + r, c);
    }
}

/* Writes a known pattern into accumulator rows (full-width mvin, load state 0). */
static void acc_fill(int first, int count, int salt)
{
    gemmini_extended4_config_ld(DIM * sizeof(acc_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        int n = first + count - r0 < DIM ? first + count - r0 : DIM;
        for (int r = 0; r < n; r++)
            for (int c = 0; c < DIM; c++)
                io32[r * DIM + c] = acc_shadow[r0 + r][c] = pattern32(r0 + r, c, salt);
        gemmini_extended_mvin(io32, GB_ACC(r0), DIM, n);
    }
}

/* Reads accumulator rows full-width (bit 29) and compares them with the shadow. */
static void acc_verify(const char *what, int first, int count)
{
    gemmini_config_st(DIM * sizeof(acc_t));
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        int n = first + count - r0 < DIM ? first + count - r0 : DIM;
        memset(io32, 0x77, sizeof io32);
        gemmini_extended_mvout(io32, GB_ACC_FULL(r0), DIM, n);
        gemmini_fence();
        for (int r = 0; r < n; r++)
            for (int c = 0; c < DIM; c++)
                gb_expect(what, io32[r * DIM + c], acc_shadow[r0 + r][c], "acc row %d col %d", r0 + r, c);
    }
}

/* ---------------------------------------------------------------------------------------- */

/* DIM x DIM mvin with a DRAM stride wider than a row; mvout with another stride leaves the
   bytes between rows alone. */
static void case_basic(void)
{
    gb_case_name = "basic";
    static elem_t src[DIM * 40] GB_ALIGNED;
    static elem_t dst[DIM * 24 + 8] GB_ALIGNED;
    for (int i = 0; i < DIM * 40; i++)
        src[i] = (elem_t)gb_rand();
    spad_fill(96, 32, 1);
    gemmini_extended4_config_ld(40, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(src, 100, DIM, DIM);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            spad_shadow[100 + r][c] = src[r * 40 + c];
    spad_verify("mvin with DRAM stride 40", 96, 32);

    memset(dst, 0x5A, sizeof dst);
    gemmini_config_st(24);
    gemmini_extended_mvout(dst, 100, DIM, DIM);
    gemmini_fence();
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < 24; c++)
            gb_expect("mvout with DRAM stride 24", dst[r * 24 + c], c < DIM ? src[r * 40 + c] : 0x5A, "DRAM row %d byte %d", r, c);
    for (int i = DIM * 24; i < DIM * 24 + 8; i++)
        gb_expect("mvout beyond its last row", dst[i], 0x5A, "DRAM byte %d", i);
}

/* Rows and columns smaller than DIM, for mvin and mvout. */
static void case_partial(void)
{
    gb_case_name = "partial";
    static elem_t src[DIM * 20] GB_ALIGNED;
    static elem_t dst[DIM * 16] GB_ALIGNED;
    for (int i = 0; i < DIM * 20; i++)
        src[i] = (elem_t)gb_rand();
    spad_fill(200, 32, 2);
    gemmini_extended4_config_ld(20, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(src, 203, 7, 5);
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 7; c++)
            spad_shadow[203 + r][c] = src[r * 20 + c];
    gemmini_extended_mvin(src + 3, 220, 1, 1);
    spad_shadow[220][0] = src[3];
    gemmini_extended_mvin(src + 5, 222, 1, DIM);
    for (int r = 0; r < DIM; r++)
        spad_shadow[222 + r][0] = src[5 + r * 20];
    gemmini_extended_mvin(src, 221, DIM, 1);
    for (int c = 0; c < DIM; c++)
        spad_shadow[221][c] = src[c];
    spad_verify("mvin of fewer rows/cols than DIM", 200, 40);

    memset(dst, 0x5A, sizeof dst);
    gemmini_config_st(DIM);
    gemmini_extended_mvout(dst, 204, 9, 3);
    gemmini_fence();
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            gb_expect("mvout of 3 rows x 9 cols", dst[r * DIM + c], r < 3 && c < 9 ? spad_shadow[204 + r][c] : 0x5A,
                      "DRAM row %d col %d", r, c);
    memset(dst, 0x5A, sizeof dst);
    gemmini_extended_mvout(dst, 210, 1, 1);
    gemmini_fence();
    for (int i = 0; i < DIM * 2; i++)
        gb_expect("mvout of 1 x 1", dst[i], i == 0 ? spad_shadow[210][0] : 0x5A, "DRAM byte %d", i);
}

/* Wide mvins of 2-4 blocks: columns beyond DIM go to further blocks block_stride rows apart;
   a wide mvout reads its blocks DIM rows apart. */
static void case_wide(void)
{
    gb_case_name = "wide";
    enum { STRIDE = 80 };
    static elem_t src[DIM * STRIDE] GB_ALIGNED;
    static elem_t dst[DIM * 64] GB_ALIGNED;
    for (int i = 0; i < DIM * STRIDE; i++)
        src[i] = (elem_t)gb_rand();
    spad_fill(1000, 200, 3);
    spad_fill(2000, 200, 4);

    /* 2 blocks, default block stride DIM. */
    gemmini_extended4_config_ld(STRIDE, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(src, 1000, 2 * DIM, DIM);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < 2 * DIM; c++)
            spad_shadow[1000 + r + (c / DIM) * DIM][c % DIM] = src[r * STRIDE + c];
    /* 4 full blocks, block stride DIM. */
    gemmini_extended_mvin(src + 3, 1040, 4 * DIM, 9);
    for (int r = 0; r < 9; r++)
        for (int c = 0; c < 4 * DIM; c++)
            spad_shadow[1040 + r + (c / DIM) * DIM][c % DIM] = src[3 + r * STRIDE + c];
    spad_verify("mvin of 2 and 4 blocks, block stride 16", 1000, 200);

    /* 3 blocks plus 2 columns (4 blocks, the last partial), block stride 40. */
    gemmini_extended4_config_ld(STRIDE, MVIN_SCALE_IDENTITY, false, 40, 0);
    gemmini_extended_mvin(src + 1, 2000, 50, 7);
    for (int r = 0; r < 7; r++)
        for (int c = 0; c < 50; c++)
            spad_shadow[2000 + r + (c / DIM) * 40][c % DIM] = src[1 + r * STRIDE + c];
    /* 3 blocks of 4 rows, block stride 5. */
    gemmini_extended4_config_ld(STRIDE, MVIN_SCALE_IDENTITY, false, 5, 0);
    gemmini_extended_mvin(src + 7, 2170, 3 * DIM, 4);
    for (int r = 0; r < 4; r++)
        for (int b = 0; b < 3; b++)
            for (int c = 0; c < DIM; c++)
                spad_shadow[2170 + r + b * 5][c] = src[7 + r * STRIDE + b * DIM + c];
    spad_verify("mvin of 4 blocks (last partial) with block stride 40, and of 3 blocks with block stride 5", 2000, 200);

    /* Wide mvout from the scratchpad: column c of row r comes from row base + (c/DIM)*DIM + r. */
    memset(dst, 0x5A, sizeof dst);
    gemmini_config_st(64);
    gemmini_extended_mvout(dst, 2003, 40, 5);
    gemmini_fence();
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < 64; c++)
            gb_expect("wide mvout (40 cols)", dst[r * 64 + c],
                      r < 5 && c < 40 ? spad_shadow[2003 + (c / DIM) * DIM + r][c % DIM] : 0x5A, "DRAM row %d col %d", r, c);
}

/* DRAM address 0 writes zeros (scratchpad and accumulator). */
static void case_zero_fill(void)
{
    gb_case_name = "zero fill";
    spad_fill(300, 80, 5);
    gemmini_extended4_config_ld(123, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(0, 302, 10, 4);
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 10; c++)
            spad_shadow[302 + r][c] = 0;
    gemmini_extended4_config_ld(0, 0.5f, false, 20, 0);
    gemmini_extended_mvin(0, 320, 40, 3);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 40; c++)
            spad_shadow[320 + r + (c / DIM) * 20][c % DIM] = 0;
    spad_verify("mvin from DRAM address 0", 300, 80);

    acc_fill(100, 32, 6);
    gemmini_extended4_config_ld(64, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(0, GB_ACC(101), 9, 5);
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 9; c++)
            acc_shadow[101 + r][c] = 0;
    gemmini_extended_mvin(0, GB_ACC_ACCUMULATE(110), DIM, DIM); /* adds zeros: unchanged */
    acc_verify("mvin from DRAM address 0 into the accumulator", 100, 32);
}

/* mvin scale factors into the scratchpad: every int8 value times a set of scales. */
static void case_scale(void)
{
    gb_case_name = "scale";
    static elem_t all[DIM * DIM] GB_ALIGNED;
    for (int i = 0; i < DIM * DIM; i++)
        all[i] = (elem_t)(i - 128);
    static const float scales[] = {1.0f, 0.5f, 1.5f, 2.0f, -1.0f, -0.5f, 0.25f, 0.3f, 3.0f, -2.5f, 0.0f, 100.0f, 1.0f / 3.0f, 0.00390625f};
    const int n = (int)(sizeof scales / sizeof scales[0]);
    spad_fill(400, n * DIM, 7);
    for (int s = 0; s < n; s++) {
        gemmini_extended4_config_ld(DIM, scales[s], false, DIM, 0);
        gemmini_extended_mvin(all, 400 + s * DIM, DIM, DIM);
        for (int i = 0; i < DIM * DIM; i++)
            spad_shadow[400 + s * DIM + i / DIM][i % DIM] = gb_mvin_scale(all[i], scales[s]);
    }
    for (int s = 0; s < n; s++) {
        char what[64];
        snprintf(what, sizeof what, "mvin scale %a (value = col + 16*row - 128)", (double)scales[s]);
        spad_verify(what, 400 + s * DIM, DIM);
    }
}

/* mvin into the accumulator reading int32 (shrink off): overwrite, accumulate (32-bit wrap),
   no scaling; mvout full-width with fewer rows/cols. */
static void case_acc_int32(void)
{
    gb_case_name = "accumulator int32";
    enum { STRIDE = 20 }; /* int32 elements per DRAM row */
    static acc_t a[DIM * STRIDE] GB_ALIGNED, b[DIM * STRIDE] GB_ALIGNED;
    static acc_t dst[DIM * 12] GB_ALIGNED;
    for (int i = 0; i < DIM * STRIDE; i++) {
        a[i] = (acc_t)gb_rand();
        b[i] = (acc_t)gb_rand();
    }
    a[0] = 0x7FFFFFF0; b[0] = 0x20;          /* wraps to negative */
    a[1] = (acc_t)0x80000005; b[1] = -6;     /* wraps to positive */
    a[2] = -1; b[2] = 1;
    acc_fill(200, 48, 8);
    /* The scale is not applied to full-width accumulator mvins (no mvin_scale_acc). */
    gemmini_extended4_config_ld(STRIDE * sizeof(acc_t), 0.5f, false, DIM, 0);
    gemmini_extended_mvin(a, GB_ACC(208), DIM, DIM);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            acc_shadow[208 + r][c] = a[r * STRIDE + c];
    acc_verify("mvin int32 overwrite", 200, 48);
    gemmini_extended_mvin(b, GB_ACC_ACCUMULATE(208), DIM, DIM);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            acc_shadow[208 + r][c] = gb_add32(acc_shadow[208 + r][c], b[r * STRIDE + c]);
    gemmini_extended_mvin(b + 2, GB_ACC_ACCUMULATE(230), 9, 5);
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 9; c++)
            acc_shadow[230 + r][c] = gb_add32(acc_shadow[230 + r][c], b[2 + r * STRIDE + c]);
    gemmini_extended_mvin(a + 1, GB_ACC(240), 3, 2);
    for (int r = 0; r < 2; r++)
        for (int c = 0; c < 3; c++)
            acc_shadow[240 + r][c] = a[1 + r * STRIDE + c];
    acc_verify("mvin int32 accumulate (wrapping) and partial", 200, 48);

    /* Full-width mvout of 3 rows x 7 cols with a 12-element DRAM stride. */
    for (int i = 0; i < DIM * 12; i++)
        dst[i] = 0x5A5A5A5A;
    gemmini_extended2_config_st(12 * sizeof(acc_t), RELU, 0.25f, 0, 0, 0, 0, 0, 0, 0, 0, 0); /* ignored by full-width reads */
    gemmini_extended_mvout(dst, GB_ACC_FULL(209), 7, 3);
    gemmini_fence();
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 12; c++)
            gb_expect("full-width mvout 3x7 (raw int32, no ReLU/scale)", dst[r * 12 + c],
                      r < 3 && c < 7 ? acc_shadow[209 + r][c] : 0x5A5A5A5A, "DRAM row %d col %d", r, c);
}

/* mvin into the accumulator with shrink: int8 elements, scaled like scratchpad mvins, then
   sign-extended; overwrite and accumulate. */
static void case_acc_shrink(void)
{
    gb_case_name = "accumulator shrink";
    enum { STRIDE = 20 }; /* bytes per DRAM row */
    static elem_t src[DIM * STRIDE] GB_ALIGNED;
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            src[r * STRIDE + c] = (elem_t)(r * DIM + c - 128);
    acc_fill(300, 64, 9);
    gemmini_extended4_config_ld(STRIDE, 0.5f, true, DIM, 0);
    gemmini_extended_mvin(src, GB_ACC(300), DIM, DIM);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            acc_shadow[300 + r][c] = gb_mvin_scale(src[r * STRIDE + c], 0.5f);
    gemmini_extended4_config_ld(STRIDE, 3.0f, true, DIM, 0);
    gemmini_extended_mvin(src, GB_ACC_ACCUMULATE(316), DIM, DIM);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            acc_shadow[316 + r][c] = gb_add32(acc_shadow[316 + r][c], gb_mvin_scale(src[r * STRIDE + c], 3.0f));
    gemmini_extended4_config_ld(STRIDE, MVIN_SCALE_IDENTITY, true, DIM, 0);
    gemmini_extended_mvin(src + 1, GB_ACC(340), 11, 6);
    for (int r = 0; r < 6; r++)
        for (int c = 0; c < 11; c++)
            acc_shadow[340 + r][c] = src[1 + r * STRIDE + c];
    acc_verify("shrink mvin (scale 0.5 overwrite, 3.0 accumulate, 1.0 partial)", 300, 64);
}

/* mvin, mvin2 and mvin3 keep separate load configurations (stride, scale, block stride, shrink). */
static void case_load_states(void)
{
    gb_case_name = "load states";
    enum { STRIDE = 64 };
    static elem_t src[DIM * STRIDE] GB_ALIGNED;
    for (int i = 0; i < DIM * STRIDE; i++)
        src[i] = (elem_t)gb_rand();
    spad_fill(500, 400, 10);
    acc_fill(400, 32, 11);
    gemmini_extended4_config_ld(STRIDE, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended4_config_ld(32, 0.5f, false, 20, 1);
    gemmini_extended4_config_ld(16, 2.0f, false, 24, 2);
    /* Out of order: each command must use its own set. */
    gemmini_extended_mvin3(src, 700, 2 * DIM, 8);
    gemmini_extended_mvin(src, 500, 2 * DIM, 8);
    gemmini_extended_mvin2(src, 600, 2 * DIM, 8);
    for (int r = 0; r < 8; r++)
        for (int c = 0; c < 2 * DIM; c++) {
            spad_shadow[500 + r + (c / DIM) * DIM][c % DIM] = src[r * STRIDE + c];
            spad_shadow[600 + r + (c / DIM) * 20][c % DIM] = gb_mvin_scale(src[r * 32 + c], 0.5f);
            spad_shadow[700 + r + (c / DIM) * 24][c % DIM] = gb_mvin_scale(src[r * 16 + c], 2.0f);
        }
    spad_verify("mvin / mvin2 / mvin3 with three configurations", 500, 300);

    /* Reconfiguring set 1 leaves sets 0 and 2 alone; set 2 with shrink into the accumulator. */
    gemmini_extended4_config_ld(8, -1.0f, true, 30, 1);
    gemmini_extended4_config_ld(16, 2.0f, true, 24, 2);
    gemmini_extended_mvin(src + 5, 800, DIM, 4);
    gemmini_extended_mvin2(src + 5, 810, DIM, 4);
    gemmini_extended_mvin3(src + 5, GB_ACC(400), DIM, 4);
    gemmini_extended_mvin2(src + 6, GB_ACC_ACCUMULATE(400), DIM, 4);
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < DIM; c++) {
            spad_shadow[800 + r][c] = src[5 + r * STRIDE + c];
            spad_shadow[810 + r][c] = gb_mvin_scale(src[5 + r * 8 + c], -1.0f);
            acc_shadow[400 + r][c] = gb_add32(gb_mvin_scale(src[5 + r * 16 + c], 2.0f), gb_mvin_scale(src[6 + r * 8 + c], -1.0f));
        }
    spad_verify("mvin / mvin2 after reconfiguring set 1", 800, 16);
    acc_verify("mvin3 / mvin2 shrink into the accumulator", 400, 32);
}

/* Pixel repeats (first-layer optimization): each value is also written to the rows before it,
   shifted right by another `cols` columns per row (not below row 0). */
static void case_pixel_repeats(void)
{
    gb_case_name = "pixel repeats";
    static elem_t src[DIM * 3] GB_ALIGNED;
    for (int i = 0; i < DIM * 3; i++)
        src[i] = (elem_t)gb_rand();
    spad_fill(0, 32, 12);
    spad_fill(790, 40, 13);
    /* 10 pixels of 3 channels, 4 repeats, at row 800. */
    gemmini_extended5_config_ld(3, MVIN_SCALE_IDENTITY, false, DIM, 4, 0);
    gemmini_extended_mvin(src, 800, 3, 10);
    for (int r = 0; r < 10; r++)
        for (int c = 0; c < 3; c++)
            for (int q = 0; q < 4; q++)
                spad_shadow[800 + r - q][c + q * 3] = src[r * 3 + c];
    spad_verify("mvin with 4 pixel repeats of 3 columns at row 800", 790, 40);

    /* 5 pixels of 5 channels, 3 repeats, at row 1: rows below 0 are not written (the last
       scratchpad rows, where a wrapped row -1 would land, keep their contents). */
    static elem_t top[DIM * DIM] GB_ALIGNED;
    for (int i = 0; i < DIM * DIM; i++)
        top[i] = (elem_t)(i * 5 + 1);
    const int last = BANK_NUM * BANK_ROWS - DIM;
    gemmini_extended4_config_ld(DIM, MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(top, last, DIM, DIM);
    gemmini_extended5_config_ld(5, MVIN_SCALE_IDENTITY, false, DIM, 3, 0);
    gemmini_extended_mvin(src, 1, 5, 5);
    for (int r = 0; r < 5; r++)
        for (int c = 0; c < 5; c++)
            for (int q = 0; q < 3; q++)
                if (1 + r - q >= 0)
                    spad_shadow[1 + r - q][c + q * 5] = src[r * 5 + c];
    spad_verify("mvin with 3 pixel repeats of 5 columns at row 1", 0, 32);
    gemmini_config_st(DIM);
    memset(io8, 0, sizeof io8);
    gemmini_extended_mvout(io8, last, DIM, DIM);
    gemmini_fence();
    for (int i = 0; i < DIM * DIM; i++)
        gb_expect("last scratchpad rows after pixel repeats at row 1", io8[i], top[i], "spad row %d col %d", last + i / DIM, i % DIM);
}

/* mvout from the accumulator: ReLU, then the scale, then round-half-even saturation to int8. */
static void case_acc_mvout(void)
{
    gb_case_name = "accumulator mvout";
    static const int32_t values[DIM * DIM / 4] = {
        0, 1, -1, 2, 3, 5, 7, -3, -5, -7, 127, 128, 255, 256, -256, -257,
        1000, -1000, 2147483647, -2147483647 - 1, 16777217, 16777219, 50331649, -16777219,
        33554435, 254, 253, -254, -253, 381, 383, -383, 9, 10, 11, -9, -10, -11, 13, 14,
        126, -127, -128, -129, 131, 129, 130, 510, 511, 512, -511, -512, 65535, -65536, 4, -4,
        6, -6, 15, 17, -15, -17, 63, 65,
    };
    static acc_t src[DIM * DIM] GB_ALIGNED;
    static elem_t dst[DIM * 20] GB_ALIGNED;
    for (int i = 0; i < DIM * DIM; i++)
        src[i] = i < DIM * DIM / 4 ? values[i] : (acc_t)gb_rand() >> (gb_rand() % 28);
    gemmini_extended4_config_ld(DIM * sizeof(acc_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(src, GB_ACC(500), DIM, DIM);
    static const struct { float scale; int relu; } configs[] = {
        {1.0f, 0}, {0.5f, 0}, {0.5f, 1}, {-1.0f, 0}, {-1.0f, 1}, {0.25f, 1}, {1.0f / 16777216.0f, 0},
        {1.0f / 33554432.0f, 0}, {1.0f / 3.0f, 0}, {-0.5f, 0}, {0.0f, 0}, {3.0f, 1},
    };
    for (unsigned k = 0; k < sizeof configs / sizeof configs[0]; k++) {
        gemmini_extended_config_st(20, configs[k].relu ? RELU : NO_ACTIVATION, configs[k].scale);
        memset(dst, 0x5A, sizeof dst);
        gemmini_extended_mvout(dst, GB_ACC(500), DIM, DIM);
        gemmini_fence();
        char what[80];
        snprintf(what, sizeof what, "acc mvout scale %a relu %d", (double)configs[k].scale, configs[k].relu);
        for (int r = 0; r < DIM; r++)
            for (int c = 0; c < 20; c++)
                gb_expect(what, dst[r * 20 + c], c < DIM ? gb_acc_out(src[r * DIM + c], configs[k].scale, configs[k].relu) : 0x5A,
                          "DRAM row %d col %d (acc value %ld)", r, c, c < DIM ? (long)src[r * DIM + c] : 0L);
    }
    /* Fewer rows and columns. */
    gemmini_extended_config_st(DIM, NO_ACTIVATION, 0.5f);
    memset(dst, 0x5A, sizeof dst);
    gemmini_extended_mvout(dst, GB_ACC(503), 5, 2);
    gemmini_fence();
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < DIM; c++)
            gb_expect("acc mvout 2x5 scale 0.5", dst[r * DIM + c], r < 2 && c < 5 ? gb_acc_out(src[(3 + r) * DIM + c], 0.5f, 0) : 0x5A,
                      "DRAM row %d col %d", r, c);
    /* A wide mvout from the accumulator: its second block comes from DIM rows further on. */
    static acc_t second[DIM * DIM] GB_ALIGNED;
    static elem_t wide[DIM * 2 * DIM] GB_ALIGNED;
    for (int i = 0; i < DIM * DIM; i++)
        second[i] = gb_rand_range(-2000, 2000);
    gemmini_extended4_config_ld(DIM * sizeof(acc_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(second, GB_ACC(500 + DIM), DIM, DIM);
    gemmini_extended_config_st(2 * DIM, RELU, 0.125f);
    memset(wide, 0x5A, sizeof wide);
    gemmini_extended_mvout(wide, GB_ACC(502), 2 * DIM, 9);
    gemmini_fence();
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < 2 * DIM; c++) {
            int8_t expected = 0x5A;
            if (r < 9)
                expected = gb_acc_out(c < DIM ? src[(2 + r) * DIM + c] : second[(2 + r) * DIM + c - DIM], 0.125f, 1);
            gb_expect("acc mvout of 2 blocks (relu, scale 1/8)", wide[r * 2 * DIM + c], expected, "DRAM row %d col %d", r, c);
        }
    gemmini_extended_config_st(DIM, NO_ACTIVATION, 0.5f);
    /* A config_st scale whose 32 bits are all ones is ignored (the RTL keeps the previous scale). */
    GB_RAW(k_CONFIG, CONFIG_ST, ((uint64_t)0xFFFFFFFFu << 32) | DIM);
    memset(dst, 0x5A, sizeof dst);
    gemmini_extended_mvout(dst, GB_ACC(500), DIM, DIM);
    gemmini_fence();
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++)
            gb_expect("acc mvout after config_st with scale bits 0xFFFFFFFF (keeps 0.5)", dst[r * DIM + c],
                      gb_acc_out(src[r * DIM + c], 0.5f, 0), "DRAM row %d col %d", r, c);
}

/* Max pooling on mvout, configured by config_st: windows over rows base + orow*ocols + ocol,
   padding positions count as 0, accumulator values scaled and activated first. */
static void pool_reference(const int8_t *image, int orows, int ocols, int channels, int size, int stride, int upad,
                           int lpad, int porow, int pocol, int ch, int8_t *out)
{
    int8_t best = -128;
    for (int wr = 0; wr < size; wr++)
        for (int wc = 0; wc < size; wc++) {
            int orow = porow * stride + wr - upad, ocol = pocol * stride + wc - lpad;
            int8_t v = 0;
            if (orow >= 0 && orow < orows && ocol >= 0 && ocol < ocols)
                v = image[(orow * ocols + ocol) * channels + ch];
            if (v > best)
                best = v;
        }
    *out = best;
}

static void case_pooling(void)
{
    gb_case_name = "pooling";
    enum { OROWS = 5, OCOLS = 6, CH = 10, POROWS = 3, POCOLS = 3, OUT_DIM = 4, PIX = 12 };
    static acc_t src[OROWS * OCOLS * DIM] GB_ALIGNED;
    static int8_t image[OROWS * OCOLS * CH];
    static elem_t dst[POROWS * OUT_DIM * PIX + 16] GB_ALIGNED;
    for (int i = 0; i < OROWS * OCOLS * DIM; i++)
        src[i] = gb_rand_range(-400, 150);
    gemmini_extended4_config_ld(DIM * sizeof(acc_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int p = 0; p < OROWS * OCOLS; p += DIM) {
        int n = OROWS * OCOLS - p < DIM ? OROWS * OCOLS - p : DIM;
        gemmini_extended_mvin(src + p * DIM, GB_ACC(600 + p), DIM, n);
    }
    for (int relu = 0; relu < 2; relu++) {
        for (int p = 0; p < OROWS * OCOLS; p++)
            for (int ch = 0; ch < CH; ch++)
                image[p * CH + ch] = gb_acc_out(src[p * DIM + ch], 0.5f, relu);
        /* pool stride 2, size 3, upad 1, lpad 1, 3x3 pooled pixels written OUT_DIM per pooled row,
           PIX bytes apart. */
        gemmini_extended2_config_st(PIX, relu ? RELU : NO_ACTIVATION, 0.5f, 2, 3, OUT_DIM, POROWS, POCOLS, OROWS, OCOLS, 1, 1);
        memset(dst, 0x5A, sizeof dst);
        gemmini_extended_mvout(dst, GB_ACC(600), CH, 0);
        gemmini_fence();
        for (int porow = 0; porow < POROWS; porow++)
            for (int slot = 0; slot < OUT_DIM; slot++)
                for (int b = 0; b < PIX; b++) {
                    int8_t expected = 0x5A;
                    if (slot < POCOLS && b < CH)
                        pool_reference(image, OROWS, OCOLS, CH, 3, 2, 1, 1, porow, slot, b, &expected);
                    gb_expect(relu ? "pooled acc mvout (relu, scale 0.5)" : "pooled acc mvout (scale 0.5)",
                              dst[(porow * OUT_DIM + slot) * PIX + b], expected, "pooled row %d col %d byte %d", porow, slot, b);
                }
    }

    /* From the scratchpad: 4x4 pixels of 16 channels, size 2 stride 2, no padding. */
    spad_fill(1200, 16, 14);
    static int8_t simage[16 * DIM];
    for (int p = 0; p < 16; p++)
        for (int ch = 0; ch < DIM; ch++)
            simage[p * DIM + ch] = spad_shadow[1200 + p][ch];
    gemmini_extended2_config_st(DIM, NO_ACTIVATION, 1.0f, 2, 2, 2, 2, 2, 4, 4, 0, 0);
    memset(dst, 0x5A, sizeof dst);
    gemmini_extended_mvout(dst, 1200, DIM, 0);
    gemmini_fence();
    for (int i = 0; i < 5 * DIM; i++) {
        int8_t expected = 0x5A;
        if (i < 4 * DIM)
            pool_reference(simage, 4, 4, DIM, 2, 2, 0, 0, i / DIM / 2, i / DIM % 2, i % DIM, &expected);
        gb_expect("pooled scratchpad mvout (2x2 stride 2)", dst[i], expected, "DRAM byte %d", i);
    }

    /* pool_stride 0 turns pooling off again. */
    gemmini_config_st(DIM);
    memset(dst, 0x5A, sizeof dst);
    gemmini_extended_mvout(dst, 1200, DIM, 3);
    gemmini_fence();
    for (int i = 0; i < 4 * DIM; i++)
        gb_expect("plain mvout after pooling", dst[i], i < 3 * DIM ? spad_shadow[1200 + i / DIM][i % DIM] : 0x5A, "DRAM byte %d", i);
}

int main(void)
{
    gemmini_flush(0);
    if (GB_RUN(0)) case_basic();
    if (GB_RUN(1)) case_partial();
    if (GB_RUN(2)) case_wide();
    if (GB_RUN(3)) case_zero_fill();
    if (GB_RUN(4)) case_scale();
    if (GB_RUN(5)) case_acc_int32();
    if (GB_RUN(6)) case_acc_shrink();
    if (GB_RUN(7)) case_load_states();
    if (GB_RUN(8)) case_pixel_repeats();
    if (GB_RUN(9)) case_acc_mvout();
    if (GB_RUN(10)) case_pooling();
    return gb_finish();
}
