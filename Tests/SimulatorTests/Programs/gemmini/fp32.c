/*
 * The FP32 4x4 design (gemmini-reference.md 3.3): mvin/mvout scaling as plain fp32 multiplies,
 * accumulator mvins scaled too, single-rounded accumulating adds, ReLU that keeps -0.0 and
 * positive NaN, the array's fused multiply-add chain in k order over all DIM rows (zero
 * padding included), output-stationary shifts as multiplies by 2^-shift, loop_ws and
 * loop_conv_ws. Floats are compared bit for bit; a NaN result only has to be a NaN (the spec
 * fixes no payload or sign for NaNs the arithmetic produces).
 * -DCASE=n runs one case.
 */
#include "behaviour.h"

#if DIM != 4 || !defined(ELEM_T_IS_FLOAT)
#error "fp32.c is written for the fp32 4x4 design"
#endif

#define SPAD_WINDOW 512
#define ACC_WINDOW 256
#define GARBAGE GARBAGE_ADDR

static float sp[SPAD_WINDOW][DIM];
static float ac[ACC_WINDOW][DIM];
static float io[16 * 16] GB_ALIGNED;

static float f(uint32_t bits) { return gb_float(bits); }
#define POS_NAN f(0x7FC00000u)
#define NEG_NAN f(0xFFC00000u)
#define NEG_ZERO f(0x80000000u)
#define POS_INF f(0x7F800000u)
#define NEG_INF f(0xFF800000u)

/* ReLU of the RTL: negative non-zero values (a negative-signed NaN too) become +0. */
static float relu_f(float x)
{
    uint32_t u = gb_bits(x);
    if ((u >> 31) && (u & 0x7FFFFFFFu) != 0)
        return 0.0f;
    return x;
}

/* A random float with a varied exponent, so that rounding differences show. */
static float rand_float(void)
{
    uint32_t sign = gb_rand() & 0x80000000u;
    uint32_t exponent = 120 + gb_rand() % 14;
    return f(sign | (exponent << 23) | (gb_rand() & 0x7FFFFF));
}

/* ---------------------------------------------------------------------------------------- */

static void spad_load(int row, const float *values, int rows)
{
    gemmini_extended4_config_ld(DIM * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < DIM; c++)
            sp[row + r][c] = values[r * DIM + c];
    gemmini_extended_mvin(values, row, DIM, rows);
}

static void spad_random(int first, int count)
{
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        for (int i = 0; i < DIM * DIM; i++)
            io[i] = rand_float();
        spad_load(r0, io, DIM);
    }
}

static void acc_random(int first, int count)
{
    gemmini_extended4_config_ld(DIM * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        for (int i = 0; i < DIM * DIM; i++)
            io[i] = ac[r0 + i / DIM][i % DIM] = rand_float();
        gemmini_extended_mvin(io, GB_ACC(r0), DIM, DIM);
    }
}

static void spad_verify(const char *what, int first, int count)
{
    gemmini_config_st(DIM * sizeof(float));
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        gemmini_extended_mvout(io, r0, DIM, DIM);
        gemmini_fence();
        for (int i = 0; i < DIM * DIM; i++)
            gb_expect_f32(what, io[i], sp[r0 + i / DIM][i % DIM], 1, "spad row %d col %d", r0 + i / DIM, i % DIM);
    }
}

static void acc_verify(const char *what, int first, int count)
{
    gemmini_config_st(DIM * sizeof(float));
    for (int r0 = first; r0 < first + count; r0 += DIM) {
        gemmini_extended_mvout(io, GB_ACC_FULL(r0), DIM, DIM);
        gemmini_fence();
        for (int i = 0; i < DIM * DIM; i++)
            gb_expect_f32(what, io[i], ac[r0 + i / DIM][i % DIM], 1, "acc row %d col %d", r0 + i / DIM, i % DIM);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Reference array                                                                            */

static struct {
    int os, relu, shift, a_t, b_t;
} ex;
static float array_w[DIM][DIM], array_pe[DIM][DIM];
static struct {
    int valid;
    uint32_t bd, c;
    int bd_rows, bd_cols, c_rows, c_cols;
} pending;

static void set_ex(int os, int relu, int shift, int a_t, int b_t)
{
    ex.os = os; ex.relu = relu; ex.shift = shift; ex.a_t = a_t; ex.b_t = b_t;
    gemmini_extended3_config_ex(os ? OUTPUT_STATIONARY : WEIGHT_STATIONARY, relu ? RELU : NO_ACTIVATION, shift,
                                ACC_SCALE_IDENTITY, 1, 1, a_t, b_t, false);
}

static void gather(uint32_t addr, int cols, int rows, int transpose, float out[DIM][DIM])
{
    for (int i = 0; i < DIM; i++)
        for (int j = 0; j < DIM; j++)
            out[i][j] = 0.0f;
    if (addr == GARBAGE)
        return;
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) {
            float v = sp[(addr & 0x3FFF) + r][c];
            if (transpose)
                out[c][r] = v;
            else
                out[r][c] = v;
        }
}

static void write_output(uint32_t c, int i, int j, float value)
{
    int row = (int)(c & 0x3FFF) + i;
    if (c & GEMMINI_ACC_ADDR)
        ac[row][j] = (c & GEMMINI_ACC_ACCUMULATE) ? gb_fadd(ac[row][j], value) : value;
    else
        sp[row][j] = ex.relu ? relu_f(value) : value;
}

static void issue_preload(uint32_t bd, uint32_t c, int bd_cols, int bd_rows, int c_cols, int c_rows)
{
    gemmini_extended_preload(bd, c, bd_cols, bd_rows, c_cols, c_rows);
    pending.valid = 1;
    pending.bd = bd; pending.bd_rows = bd_rows; pending.bd_cols = bd_cols;
    pending.c = c; pending.c_rows = c_rows; pending.c_cols = c_cols;
}

static void issue_compute(int preloaded, uint32_t a, uint32_t bd, int a_cols, int a_rows, int bd_cols, int bd_rows)
{
    if (preloaded)
        gemmini_extended_compute_preloaded(a, bd, a_cols, a_rows, bd_cols, bd_rows);
    else
        gemmini_extended_compute_accumulated(a, bd, a_cols, a_rows, bd_cols, bd_rows);
    const int have = pending.valid;
    pending.valid = 0;
    float A[DIM][DIM], X[DIM][DIM];
    gather(a, a_cols, a_rows, ex.a_t, A);
    if (!ex.os) {
        if (preloaded && have)
            gather(pending.bd, pending.bd_cols, pending.bd_rows, ex.b_t, array_w);
        if (!have || pending.c == GARBAGE)
            return;
        gather(bd, bd_cols, bd_rows, 0, X);
        for (int i = 0; i < pending.c_rows; i++)
            for (int j = 0; j < pending.c_cols; j++) {
                float acc = X[i][j];
                for (int k = 0; k < DIM; k++)
                    acc = gb_fma(A[i][k], array_w[k][j], acc);
                write_output(pending.c, i, j, acc);
            }
    } else {
        if (preloaded)
            gather(have ? pending.bd : GARBAGE, pending.bd_cols, pending.bd_rows, 0, array_pe);
        gather(bd, bd_cols, bd_rows, ex.b_t, X);
        for (int i = 0; i < DIM; i++)
            for (int j = 0; j < DIM; j++)
                for (int k = 0; k < DIM; k++)
                    array_pe[i][j] = gb_fma(A[i][k], X[k][j], array_pe[i][j]);
        if (!have || pending.c == GARBAGE)
            return;
        const float factor = gb_float((uint32_t)(127 - ex.shift) << 23); /* 2^-shift */
        for (int i = 0; i < pending.c_rows; i++)
            for (int j = 0; j < pending.c_cols; j++)
                write_output(pending.c, i, j, ex.shift ? gb_fmul(array_pe[i][j], factor) : array_pe[i][j]);
    }
}

enum { A_ROW = 0, A2_ROW = 16, B_ROW = 32, B2_ROW = 48, D_ROW = 64, C_ROW = 80, C_ROWS = 32 };

static void fresh_operands(void)
{
    spad_random(A_ROW, 16);
    spad_random(A2_ROW, 16);
    spad_random(B_ROW, 16);
    spad_random(B2_ROW, 16);
    spad_random(D_ROW, 16);
    spad_random(C_ROW, C_ROWS);
    acc_random(0, 32);
}

static void verify_all(const char *what)
{
    spad_verify(what, C_ROW, C_ROWS);
    acc_verify(what, 0, 32);
}

/* ---------------------------------------------------------------------------------------- */

static void case_move(void)
{
    gb_case_name = "mvin/mvout";
    static float src[8 * 20] GB_ALIGNED;
    static float dst[8 * 20] GB_ALIGNED;
    static const float specials[] = {0.0f, 1.0f, 1.1f, -3.3f, 3.0e38f, -3.0e38f, 1.0e-38f, 1.4e-45f};
    for (int i = 0; i < 8 * 20; i++)
        src[i] = rand_float();
    for (int i = 0; i < 8; i++)
        src[i] = specials[i];
    src[8] = NEG_ZERO; src[9] = POS_INF; src[10] = NEG_INF; src[11] = POS_NAN;
    src[12] = NEG_NAN;
    static const float scales[] = {1.0f, 1.5f, 2.0f, -0.5f, 0.1f, 0.0f};
    /* Scratchpad mvins: x * scale, no saturation. */
    for (unsigned s = 0; s < sizeof scales / sizeof scales[0]; s++) {
        gemmini_extended4_config_ld(20 * sizeof(float), scales[s], false, DIM, 0);
        gemmini_extended_mvin(src, 100 + 4 * s, DIM, DIM);
        for (int r = 0; r < DIM; r++)
            for (int c = 0; c < DIM; c++)
                sp[100 + 4 * s + r][c] = gb_fmul(src[r * 20 + c], scales[s]);
    }
    spad_verify("scratchpad mvin scaled", 100, 24);
    /* Wide mvin of 4 blocks (16 columns) with block stride 6, and a wide mvout (blocks DIM rows apart). */
    for (int i = 0; i < 64; i++) { sp[200 + i / DIM][i % DIM] = 0; }
    gemmini_extended4_config_ld(DIM * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 0);
    for (int r0 = 200; r0 < 264; r0 += DIM)
        gemmini_extended_mvin(0, r0, DIM, DIM);
    gemmini_extended4_config_ld(20 * sizeof(float), MVIN_SCALE_IDENTITY, false, 6, 0);
    gemmini_extended_mvin(src + 1, 200, 16, 3);
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 16; c++)
            sp[200 + r + (c / DIM) * 6][c % DIM] = src[1 + r * 20 + c];
    spad_verify("wide mvin (16 columns, block stride 6)", 200, 32);
    gemmini_config_st(20 * sizeof(float));
    for (int i = 0; i < 8 * 20; i++)
        dst[i] = f(0x5A5A5A5Au);
    gemmini_extended_mvout(dst, 201, 10, 3);
    gemmini_fence();
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 20; c++)
            gb_expect_f32("wide mvout (10 columns)", dst[r * 20 + c], r < 3 && c < 10 ? sp[201 + (c / DIM) * DIM + r][c % DIM] : f(0x5A5A5A5Au), 1,
                          "DRAM row %d col %d", r, c);

    /* Accumulator mvins are scaled as well (shrink or not), and may be 4 blocks wide. */
    acc_random(0, 64);
    gemmini_extended4_config_ld(20 * sizeof(float), 0.5f, false, DIM, 0);
    gemmini_extended_mvin(src, GB_ACC(0), DIM, DIM);
    gemmini_extended4_config_ld(20 * sizeof(float), -3.0f, true, DIM, 0);
    gemmini_extended_mvin(src + 4, GB_ACC_ACCUMULATE(4), DIM, DIM);
    gemmini_extended4_config_ld(20 * sizeof(float), 0.25f, false, 8, 0);
    gemmini_extended_mvin(src + 2, GB_ACC_ACCUMULATE(16), 16, 3);
    for (int r = 0; r < DIM; r++)
        for (int c = 0; c < DIM; c++) {
            ac[r][c] = gb_fmul(src[r * 20 + c], 0.5f);
            ac[4 + r][c] = gb_fadd(ac[4 + r][c], gb_fmul(src[4 + r * 20 + c], -3.0f));
        }
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 16; c++)
            ac[16 + r + (c / DIM) * 8][c % DIM] = gb_fadd(ac[16 + r + (c / DIM) * 8][c % DIM], gb_fmul(src[2 + r * 20 + c], 0.25f));
    acc_verify("accumulator mvins (scaled; accumulate is one rounded add)", 0, 64);

    /* mvout from the accumulator: ReLU (keeps -0.0 and +NaN), then the scale. */
    static const float values[16] = {0.0f, -1.5f, 2.5f, 1.0e-40f, -1.0e-40f, 3.0e38f, -3.0e38f, 7.0f};
    for (int i = 0; i < 16; i++)
        io[i] = i < 8 ? values[i] : 0.0f;
    io[8] = NEG_ZERO; io[9] = POS_NAN; io[10] = NEG_NAN; io[11] = POS_INF; io[12] = NEG_INF;
    io[13] = f(0x7FC12345u); io[14] = f(0xFF812345u); io[15] = 1.0f / 3.0f;
    float values_copy[16];
    memcpy(values_copy, io, sizeof values_copy);
    gemmini_extended4_config_ld(DIM * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended_mvin(io, GB_ACC(100), DIM, DIM);
    static const float out_scales[] = {1.0f, 0.5f, -2.0f, 3.0f};
    for (unsigned s = 0; s < sizeof out_scales / sizeof out_scales[0]; s++)
        for (int relu = 0; relu < 2; relu++) {
            gemmini_extended_config_st(DIM * sizeof(float), relu ? RELU : NO_ACTIVATION, out_scales[s]);
            gemmini_extended_mvout(dst, GB_ACC(100), DIM, DIM);
            gemmini_fence();
            char what[64];
            snprintf(what, sizeof what, "acc mvout relu %d scale %a", relu, (double)out_scales[s]);
            for (int i = 0; i < 16; i++) {
                float x = relu ? relu_f(values_copy[i]) : values_copy[i];
                gb_expect_f32(what, dst[i], gb_fmul(x, out_scales[s]), 1, "element %d (0x%08x)", i, (unsigned)gb_bits(values_copy[i]));
            }
        }
    /* The NaN and -0.0 cases once more with exact sign checks for ReLU: +NaN stays a NaN,
       -NaN becomes +0, -0.0 stays -0.0. */
    gemmini_extended_config_st(DIM * sizeof(float), RELU, 1.0f);
    gemmini_extended_mvout(dst, GB_ACC(102), DIM, 1);
    gemmini_fence();
    gb_expect_f32("ReLU of -0.0", dst[0], NEG_ZERO, 0, "element 8");
    gb_expect_true(gb_is_nan_bits(gb_bits(dst[1])), "ReLU of +NaN is a NaN: got 0x%08x", (unsigned)gb_bits(dst[1]));
    gb_expect_f32("ReLU of -NaN", dst[2], 0.0f, 0, "element 10");
}

static void case_ws(void)
{
    gb_case_name = "WS";
    fresh_operands();
    set_ex(0, 0, 0, 0, 0);
    issue_preload(B_ROW, GB_ACC(0), DIM, DIM, DIM, DIM);
    issue_compute(1, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    issue_preload(GARBAGE, GB_ACC_ACCUMULATE(0), DIM, DIM, DIM, DIM);
    issue_compute(0, A2_ROW, GARBAGE, DIM, DIM, DIM, DIM);
    set_ex(0, 1, 0, 0, 0);
    issue_preload(B2_ROW, C_ROW, DIM, DIM, DIM, DIM);
    issue_compute(1, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    issue_preload(B_ROW + 4, GB_ACC(8), 3, 2, 3, 4);
    issue_compute(1, A_ROW + 4, D_ROW + 4, 2, 4, 3, 3);
    set_ex(0, 0, 0, 0, 1);
    issue_preload(B_ROW + 8, GB_ACC(12), DIM, 3, DIM, DIM);
    issue_compute(1, A2_ROW + 4, GARBAGE, 3, DIM, DIM, DIM);
    set_ex(0, 0, 0, 1, 0);
    issue_preload(B_ROW, C_ROW + 8, DIM, DIM, DIM, DIM);
    issue_compute(1, A2_ROW + 8, D_ROW, DIM, DIM, DIM, DIM);
    verify_all("fma chain in k order from D");
}

static void case_signed_zero(void)
{
    gb_case_name = "signed zeros";
    fresh_operands();
    float a[16], w[16], d[16];
    for (int i = 0; i < 16; i++) {
        a[i] = NEG_ZERO;
        w[i] = 1.0f + i;
        d[i] = NEG_ZERO;
    }
    spad_load(A_ROW, a, DIM);
    spad_load(B_ROW, w, DIM);
    spad_load(D_ROW, d, DIM);
    set_ex(0, 0, 0, 0, 0);
    /* -0 bias and -0 * w products over all DIM columns of A: -0. */
    issue_preload(B_ROW, GB_ACC(0), DIM, DIM, DIM, DIM);
    issue_compute(1, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    /* A with 2 columns: the zero padding (+0 * w = +0) turns the -0 sum into +0. */
    issue_preload(GARBAGE, GB_ACC(4), DIM, DIM, DIM, DIM);
    issue_compute(0, A_ROW, D_ROW, 2, DIM, DIM, DIM);
    /* Weights with 2 rows: -0 * +0 products keep -0. */
    issue_preload(B_ROW, GB_ACC(8), DIM, 2, DIM, DIM);
    issue_compute(1, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    /* Garbage A: +0 * w = +0 on a -0 bias gives +0. */
    issue_preload(B_ROW, C_ROW, DIM, DIM, DIM, DIM);
    issue_compute(1, GARBAGE, D_ROW, DIM, DIM, DIM, DIM);
    /* Accumulating -0 onto -0 stays -0; onto +0 gives +0. */
    issue_preload(GARBAGE, GB_ACC_ACCUMULATE(0), DIM, DIM, DIM, DIM);
    issue_compute(0, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    issue_preload(GARBAGE, GB_ACC_ACCUMULATE(4), DIM, DIM, DIM, DIM);
    issue_compute(0, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    /* ReLU on scratchpad results keeps -0. */
    set_ex(0, 1, 0, 0, 0);
    issue_preload(GARBAGE, C_ROW + 4, DIM, DIM, DIM, DIM);
    issue_compute(0, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    verify_all("signed zeros through the array");
    /* Spot checks of the signs the spec describes. */
    gb_expect_f32("-0 bias, -0 * w over all of k", ac[0][0], NEG_ZERO, 0, "acc row 0");
    gb_expect_f32("-0 bias with zero padding in A", ac[5][0], 0.0f, 0, "acc row 5 (before accumulate: +0, then +0 + -0)");
}

static void case_nan(void)
{
    gb_case_name = "NaN propagation";
    fresh_operands();
    set_ex(0, 0, 0, 0, 0);
    /* NaN in A: the row's results are NaN. */
    sp[A_ROW + 1][2] = POS_NAN;
    spad_load(A_ROW, &sp[A_ROW][0], DIM);
    issue_preload(B_ROW, GB_ACC(0), DIM, DIM, DIM, DIM);
    issue_compute(1, A_ROW, D_ROW, DIM, DIM, DIM, DIM);
    /* Infinite weight in a row beyond A's columns: 0 (padding) * inf = NaN. */
    sp[B2_ROW + 3][1] = POS_INF;
    sp[B2_ROW + 2][2] = NEG_NAN;
    spad_load(B2_ROW, &sp[B2_ROW][0], DIM);
    issue_preload(B2_ROW, GB_ACC(4), DIM, DIM, DIM, DIM);
    issue_compute(1, A2_ROW, D_ROW, 2, DIM, DIM, DIM);
    /* NaN bias. */
    sp[D_ROW + 8][3] = POS_NAN;
    spad_load(D_ROW + 8, &sp[D_ROW + 8][0], DIM);
    issue_preload(B_ROW, C_ROW, DIM, DIM, DIM, DIM);
    issue_compute(1, A2_ROW, D_ROW + 8, DIM, DIM, DIM, DIM);
    verify_all("NaN in A, weights, bias");
    acc_verify("NaN", 0, 8);
    for (int j = 0; j < DIM; j++)
        gb_expect_true(gb_is_nan_bits(gb_bits(ac[1][j])), "reference: row 1 col %d NaN", j);
    gb_expect_true(gb_is_nan_bits(gb_bits(ac[4][1])) && gb_is_nan_bits(gb_bits(ac[4][2])), "reference: 0 * inf and 0 * NaN in the padding are NaN");
}

static void case_os(void)
{
    gb_case_name = "OS";
    fresh_operands();
    set_ex(1, 0, 0, 0, 0);
    issue_preload(D_ROW, GB_ACC(0), DIM, DIM, DIM, DIM);
    issue_compute(1, A_ROW, B_ROW, DIM, DIM, DIM, DIM);
    issue_preload(GARBAGE, GB_ACC_ACCUMULATE(4), DIM, DIM, DIM, DIM);
    issue_compute(0, A2_ROW, B2_ROW, DIM, DIM, DIM, DIM);
    set_ex(1, 1, 2, 0, 0);
    issue_preload(D_ROW + 4, C_ROW, 3, 2, DIM, DIM);
    issue_compute(1, A_ROW + 4, B_ROW + 4, 3, DIM, DIM, 3);
    set_ex(1, 0, 1, 1, 1);
    issue_preload(GARBAGE, GB_ACC(8), DIM, DIM, DIM, DIM);
    issue_compute(1, A_ROW + 8, B_ROW + 8, DIM, DIM, DIM, DIM);
    verify_all("output-stationary fma chain, shift by 2^-s");
}

/* loop_ws on fp32: per k block an fma chain from +0, added to the accumulator rows. */
static void case_loop_ws(void)
{
    gb_case_name = "loop_ws";
    enum { M = 6, N = 7, K = 9, LDA = 10, LDB = 8, LDD = 9, LDC = 8 };
    static float a[M * LDA] GB_ALIGNED, b[K * LDB] GB_ALIGNED, d[M * LDD] GB_ALIGNED, c[(M + 1) * LDC] GB_ALIGNED;
    for (int i = 0; i < M * LDA; i++) a[i] = rand_float();
    for (int i = 0; i < K * LDB; i++) b[i] = rand_float();
    for (int i = 0; i < M * LDD; i++) d[i] = rand_float();
    for (int with_bias = 0; with_bias < 2; with_bias++) {
        const float scale = with_bias ? 0.75f : 1.0f;
        const int relu = with_bias;
        gemmini_extended3_config_ex(WEIGHT_STATIONARY, relu ? RELU : NO_ACTIVATION, 0, ACC_SCALE_IDENTITY, 1, 1, false, false, false);
        gemmini_extended4_config_ld(LDA * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 0);
        gemmini_extended4_config_ld(LDB * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 1);
        gemmini_extended4_config_ld(LDD * sizeof(float), MVIN_SCALE_IDENTITY, false, DIM, 2);
        gemmini_extended_config_st(LDC * sizeof(float), relu ? RELU : NO_ACTIVATION, scale);
        for (int i = 0; i < (M + 1) * LDC; i++)
            c[i] = f(0x5A5A5A5Au);
        const int I = (M + DIM - 1) / DIM, J = (N + DIM - 1) / DIM, KB = (K + DIM - 1) / DIM;
        gemmini_loop_ws(I, J, KB, I * DIM - M, J * DIM - N, KB * DIM - K, a, b, with_bias ? d : NULL, c, LDA, LDB, LDD, LDC,
                        false, false, false, false, false, relu ? RELU : NO_ACTIVATION, 0, 0, false);
        gemmini_fence();
        for (int i = 0; i <= M; i++)
            for (int j = 0; j < LDC; j++) {
                float expected = f(0x5A5A5A5Au);
                if (i < M && j < N) {
                    float acc = with_bias ? d[i * LDD + j] : 0.0f;
                    for (int kb = 0; kb < KB; kb++) {
                        float t = 0.0f;
                        for (int k = kb * DIM; k < kb * DIM + DIM; k++)
                            t = gb_fma(k < K ? a[i * LDA + k] : 0.0f, k < K ? b[k * LDB + j] : 0.0f, t);
                        acc = (kb == 0 && !with_bias) ? t : gb_fadd(acc, t);
                    }
                    expected = gb_fmul(relu ? relu_f(acc) : acc, scale);
                }
                gb_expect_f32(with_bias ? "C = relu(D + A*B) * 0.75" : "C = A*B", c[i * LDC + j], expected, 1, "C row %d col %d", i, j);
            }
    }
}

/* loop_conv_ws on fp32: the accumulator starts from the bias and adds, per kernel position
   and block of DIM input channels, an fma chain from +0. */
static void case_conv(void)
{
    gb_case_name = "loop_conv_ws";
    enum { ROWS = 4, COLS = 5, ICH = 6, OCH = 5, KD = 3, PAD = 1, OROWS = ROWS, OCOLS = COLS };
    static float in[ROWS * COLS * ICH] GB_ALIGNED, w[KD * KD * ICH * OCH] GB_ALIGNED, bias[OCH] GB_ALIGNED;
    static float out[OROWS * OCOLS * OCH + 8] GB_ALIGNED;
    for (int i = 0; i < ROWS * COLS * ICH; i++) in[i] = rand_float();
    for (int i = 0; i < KD * KD * ICH * OCH; i++) w[i] = rand_float();
    for (int i = 0; i < OCH; i++) bias[i] = rand_float();
    for (int i = 0; i < OROWS * OCOLS * OCH + 8; i++) out[i] = f(0x5A5A5A5Au);
    const float scale = 0.5f;
    gemmini_extended3_config_ex(WEIGHT_STATIONARY, RELU, 0, ACC_SCALE_IDENTITY, 1, 1, false, false, false);
    gemmini_extended_config_st(OCH * sizeof(float), RELU, scale);
    const int irows = OROWS + KD - 1, icols = OCOLS + KD - 1;
    gemmini_loop_conv_ws(1, ROWS, COLS, ICH, OCH, OROWS, OCOLS, OROWS, OCOLS, 1, PAD, KD, 1, 1, 1, 0, 1, OROWS, OCOLS, OCH,
                         KD, KD, ICH, PAD, icols - PAD - COLS, PAD, irows - PAD - ROWS, 0, 0, 0, 0, OROWS, OCOLS, w, out,
                         bias, in, false, true, false, false, false, RELU, false, false, false, false, 1, ICH, OCH, OCH,
                         false, 0, 0);
    gemmini_fence();
    for (int orow = 0; orow < OROWS; orow++)
        for (int ocol = 0; ocol < OCOLS; ocol++)
            for (int och = 0; och < OCH; och++) {
                float acc = bias[och];
                for (int kr = 0; kr < KD; kr++)
                    for (int kc = 0; kc < KD; kc++)
                        for (int kb = 0; kb < ICH; kb += DIM) {
                            float t = 0.0f;
                            for (int ich = kb; ich < kb + DIM; ich++) {
                                int r = orow + kr - PAD, c = ocol + kc - PAD;
                                int inside = ich < ICH && r >= 0 && r < ROWS && c >= 0 && c < COLS;
                                float x = inside ? in[(r * COLS + c) * ICH + ich] : 0.0f;
                                float y = ich < ICH ? w[((kr * KD + kc) * ICH + ich) * OCH + och] : 0.0f;
                                t = gb_fma(x, y, t);
                            }
                            acc = gb_fadd(acc, t);
                        }
                int at = (orow * OCOLS + ocol) * OCH + och;
                gb_expect_f32("conv output relu(...) * 0.5", out[at], gb_fmul(relu_f(acc), scale), 1, "pixel (%d,%d) channel %d", orow, ocol, och);
            }
    for (int i = OROWS * OCOLS * OCH; i < OROWS * OCOLS * OCH + 8; i++)
        gb_expect_f32("beyond the output", out[i], f(0x5A5A5A5Au), 0, "element %d", i);
}

int main(void)
{
    gemmini_flush(0);
    if (GB_RUN(0)) case_move();
    if (GB_RUN(1)) case_ws();
    if (GB_RUN(2)) case_signed_zero();
    if (GB_RUN(3)) case_nan();
    if (GB_RUN(4)) case_os();
    if (GB_RUN(5)) case_loop_ws();
    if (GB_RUN(6)) case_conv();
    return gb_finish();
}
