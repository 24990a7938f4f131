/*
 * mvin / mvout on the int8 32x32 design (128-byte DMA requests, so MAX_BLOCK_LEN is 4 and
 * MAX_BLOCK_LEN_ACC is 1): wide mvins of up to 4 blocks of 32 columns, a wide mvout, and
 * 32-column accumulator rows (gemmini-reference.md 3.5, 3.6). The matmuls of this design run
 * matmul.c and loop_ws.c, which are written for any DIM.
 */
#include "behaviour.h"

#if DIM != 32 || MAX_BLOCK_LEN != 4
#error "dim32_moves.c is written for the int8 32x32 design"
#endif

#define WINDOW 1024
static int8_t sp[WINDOW][DIM];
static elem_t io8[DIM * DIM] GB_ALIGNED;

static void spad_fill(int first, int count)
{
    gemmini_extended4_config_ld(DIM, MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        for (int i = 0; i < DIM * DIM; i++)
            io8[i] = sp[r0 + i / DIM][i % DIM] = (int8_t)(i * 7 + r0);
        gemmini_extended_mvin(io8, r0, DIM, DIM);
    }
}

static void spad_verify(const char *what, int first, int count)
{
    gemmini_config_st(DIM);
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        gemmini_extended_mvout(io8, r0, DIM, DIM);
        gemmini_fence();
        for (int i = 0; i < DIM * DIM; i++)
            gb_expect(what, io8[i], sp[r0 + i / DIM][i % DIM], "spad row %d col %d", r0 + i / DIM, i % DIM);
    }
}

int main(void)
{
    enum { STRIDE = 136 };
    static elem_t src[DIM * STRIDE] GB_ALIGNED;
    static elem_t dst[DIM * 128] GB_ALIGNED;
    gemmini_flush(0);
    for (int i = 0; i < DIM * STRIDE; i++)
        src[i] = (elem_t)gb_rand();

    gb_case_name = "32x32 wide mvin";
    spad_fill(0, 512);
    gemmini_extended4_config_ld(STRIDE, MVIN_SCALE_IDENTITY, false, 40, 0);
    gemmini_extended_mvin(src, 0, 4 * DIM, DIM); /* 128 columns: 4 blocks, 40 rows apart */
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < 4 * DIM; c++)
            sp[r + (c / DIM) * 40][c % DIM] = src[r * STRIDE + c];
    gemmini_extended4_config_ld(STRIDE, 0.5f, false, DIM, 0);
    gemmini_extended_mvin(src + 3, 256, 100, 20); /* 3 blocks and 4 columns, scaled */
    for (int r = 0; r < 20; r++)
        for (int c = 0; c < 100; c++)
            sp[256 + r + (c / DIM) * DIM][c % DIM] = gb_mvin_scale(src[3 + r * STRIDE + c], 0.5f);
    spad_verify("mvin of 4 blocks (block stride 40) and of 100 columns (scale 0.5)", 0, 512);

    gb_case_name = "32x32 wide mvout";
    memset(dst, 0x5A, sizeof dst);
    gemmini_config_st(128);
    gemmini_extended_mvout(dst, 256, 4 * DIM, 17);
    gemmini_fence();
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < 128; c++)
            gb_expect("mvout of 128 columns", dst[r * 128 + c], r < 17 ? sp[256 + (c / DIM) * DIM + r][c % DIM] : 0x5A,
                      "DRAM row %d col %d", r, c);

    gb_case_name = "32x32 accumulator rows";
    static acc_t wide[DIM * DIM] GB_ALIGNED, back[DIM * DIM] GB_ALIGNED;
    for (int i = 0; i < DIM * DIM; i++)
        wide[i] = (acc_t)gb_rand() >> (gb_rand() % 24);
    gemmini_extended4_config_ld(DIM * sizeof(acc_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(wide, GB_ACC(100), DIM, DIM);
    gemmini_config_st(DIM * sizeof(acc_t));
    gemmini_extended_mvout(back, GB_ACC_FULL(100), DIM, DIM);
    gemmini_fence();
    for (int i = 0; i < DIM * DIM; i++)
        gb_expect("full-width round trip of 32-column rows", back[i], wide[i], "row %d col %d", i / DIM, i % DIM);
    gemmini_extended_config_st(DIM, RELU, 1.0f / 1024);
    gemmini_extended_mvout(dst, GB_ACC(100), DIM, DIM);
    gemmini_fence();
    for (int i = 0; i < DIM * DIM; i++)
        gb_expect("scaled mvout of 32-column rows", dst[i], gb_acc_out(wide[i], 1.0f / 1024, 1), "row %d col %d", i / DIM, i % DIM);
    return gb_finish();
}
