/*
 * loop_ws (the matmul unroller) issued directly with gemmini_loop_ws, its parameters computed
 * here as Documentation/GemminiLoops.md fixes them, on the int8 designs. The expected C is
 * computed on the core from the matrices (gemmini-reference.md 3.2, 3.8).
 * -DCASE=n runs one case.
 */
#include "behaviour.h"

#define MAX_M 48
#define MAX_N 48
#define MAX_K 48
#define LD 56 /* the largest DRAM row stride used, in elements */

static elem_t A[MAX_K * LD] GB_ALIGNED, A2[MAX_K * LD] GB_ALIGNED;
static elem_t B[MAX_K * LD] GB_ALIGNED, B2[MAX_K * LD] GB_ALIGNED;
static acc_t D32[MAX_M * LD] GB_ALIGNED;
static elem_t D8[MAX_M * LD] GB_ALIGNED;
static elem_t C8[(MAX_M + 1) * LD] GB_ALIGNED;
static acc_t C32[(MAX_M + 1) * LD] GB_ALIGNED;
static int32_t expected_acc[MAX_M][MAX_N];

typedef struct {
    int M, N, K;
    int lda, ldb, ldd, ldc;
    int a_t, b_t;
    int bias;      /* 0 none, 1 int32 D, 2 int8 D (low_D) */
    int full_c;
    int store;     /* C address given */
    int ex_accumulate;
    int relu;
    float scale;
    int command_act_none; /* pass NO_ACTIVATION in loop_ws itself: config_st's activation rules */
    const elem_t *a, *b;
} Loop;

static void fill(elem_t *m, int n, int lo, int hi)
{
    for (int i = 0; i < n; i++)
        m[i] = (elem_t)gb_rand_range(lo, hi);
}

static int blocks(int x) { return (x + DIM - 1) / DIM; }

/* Issues the configuration and loop_ws for `p`, as GemminiLoops.md describes. */
static void run_loop(const Loop *p)
{
    const int I = blocks(p->M), J = blocks(p->N), K = blocks(p->K);
    const int pad_I = I * DIM - p->M, pad_J = J * DIM - p->N, pad_K = K * DIM - p->K;
    const int act = p->relu ? RELU : NO_ACTIVATION;
    gemmini_extended3_config_ex(WEIGHT_STATIONARY, act, 0, ACC_SCALE_IDENTITY, 1, 1, p->a_t, p->b_t, false);
    gemmini_extended4_config_ld(p->lda * sizeof(elem_t), MVIN_SCALE_IDENTITY, false, DIM, 0);
    gemmini_extended4_config_ld(p->ldb * sizeof(elem_t), MVIN_SCALE_IDENTITY, false, DIM, 1);
    gemmini_extended4_config_ld(p->ldd * (p->bias == 2 ? sizeof(elem_t) : sizeof(acc_t)), MVIN_SCALE_IDENTITY,
                                p->bias == 2, DIM, 2);
    gemmini_extended_config_st(p->ldc * (p->full_c ? sizeof(acc_t) : sizeof(elem_t)), act, p->scale);
    const void *d = p->bias == 1 ? (const void *)D32 : p->bias == 2 ? (const void *)D8 : NULL;
    const void *c = !p->store ? NULL : p->full_c ? (const void *)C32 : (const void *)C8;
    gemmini_loop_ws(I, J, K, pad_I, pad_J, pad_K, p->a, p->b, d, c, p->lda, p->ldb, p->ldd, p->ldc, p->a_t, p->b_t,
                    p->full_c, p->bias == 2, p->ex_accumulate, p->command_act_none ? NO_ACTIVATION : act, 0, 0, false);
    gemmini_fence();
}

/* expected_acc (+)= D + A*B. */
static void reference(const Loop *p, int accumulate)
{
    for (int i = 0; i < p->M; i++)
        for (int j = 0; j < p->N; j++) {
            int32_t sum = accumulate ? expected_acc[i][j] : 0;
            if (p->bias == 1)
                sum = gb_add32(sum, D32[i * p->ldd + j]);
            else if (p->bias == 2)
                sum = gb_add32(sum, D8[i * p->ldd + j]);
            for (int k = 0; k < p->K; k++) {
                int a = p->a_t ? p->a[k * p->lda + i] : p->a[i * p->lda + k];
                int b = p->b_t ? p->b[j * p->ldb + k] : p->b[k * p->ldb + j];
                sum = gb_add32(sum, a * b);
            }
            expected_acc[i][j] = sum;
        }
}

/* Compares C (and the guard elements right of and below it) with expected_acc. */
static void check_c(const char *what, const Loop *p)
{
    for (int i = 0; i <= p->M; i++)
        for (int j = 0; j < p->ldc; j++) {
            int inside = i < p->M && j < p->N;
            if (p->full_c)
                gb_expect(what, C32[i * p->ldc + j], inside ? expected_acc[i][j] : 0x5A5A5A5A, "C row %d col %d", i, j);
            else
                gb_expect(what, C8[i * p->ldc + j], inside ? gb_acc_out(expected_acc[i][j], p->scale, p->relu) : 0x5A,
                          "C row %d col %d", i, j);
        }
}

static void clear_c(void)
{
    memset(C8, 0x5A, sizeof C8);
    for (unsigned i = 0; i < sizeof C32 / sizeof C32[0]; i++)
        C32[i] = 0x5A5A5A5A;
}

static Loop base(int M, int N, int K)
{
    Loop p = {0};
    p.M = M; p.N = N; p.K = K;
    p.lda = K; p.ldb = N; p.ldd = N; p.ldc = N;
    p.scale = 1.0f;
    p.store = 1;
    p.a = A; p.b = B;
    return p;
}

static void run_and_check(const char *what, Loop *p)
{
    clear_c();
    run_loop(p);
    reference(p, 0);
    check_c(what, p);
}

/* ---------------------------------------------------------------------------------------- */

static void case_whole_blocks(void)
{
    gb_case_name = "whole blocks";
    fill(A, sizeof A, -128, 127);
    fill(B, sizeof B, -128, 127);
    Loop p = base(32, 48, 32);
    run_and_check("32x48x32, no bias", &p);
    /* The next loop without bias overwrites what the previous one left in the accumulator. */
    Loop q = base(16, 16, 16);
    q.a = A2; q.b = B2;
    fill(A2, sizeof A2, -128, 127);
    fill(B2, sizeof B2, -128, 127);
    run_and_check("16x16x16 after another loop", &q);
}

static void case_edges_bias(void)
{
    gb_case_name = "edge sizes with bias";
    fill(A, sizeof A, -40, 40);
    fill(B, sizeof B, -40, 40);
    for (int i = 0; i < MAX_M * LD; i++)
        D32[i] = gb_rand_range(-100000, 100000);
    Loop p = base(20, 35, 18);
    p.lda = 21; p.ldb = 40; p.ldd = 37; p.ldc = 38;
    p.bias = 1; p.relu = 1; p.scale = 0.0625f;
    run_and_check("20x35x18 int32 D, ReLU, scale 1/16", &p);
    Loop q = base(7, 5, 3);
    q.bias = 1; q.scale = 0.5f; q.ldd = 9;
    run_and_check("7x5x3 (one partial block each) int32 D, scale 1/2", &q);
}

static void case_full_c(void)
{
    gb_case_name = "full_C";
    fill(A, sizeof A, -128, 127);
    fill(B, sizeof B, -128, 127);
    for (int i = 0; i < MAX_M * LD; i++)
        D32[i] = (int32_t)gb_rand();
    Loop p = base(33, 17, 40);
    p.ldd = 20; p.ldc = 19; p.bias = 1; p.full_c = 1; p.relu = 1; p.scale = 0.25f; /* raw: no ReLU, no scale */
    run_and_check("33x17x40 int32 C", &p);
}

static void case_low_d(void)
{
    gb_case_name = "low_D";
    fill(A, sizeof A, -30, 30);
    fill(B, sizeof B, -30, 30);
    fill(D8, sizeof D8, -128, 127);
    Loop p = base(19, 21, 30);
    p.bias = 2; p.ldd = 0; p.scale = 0.125f; /* D stride 0: one bias row for every row */
    clear_c();
    run_loop(&p);
    for (int i = 0; i < p.M; i++)
        for (int j = 0; j < p.N; j++) {
            int32_t sum = D8[j];
            for (int k = 0; k < p.K; k++)
                sum += A[i * p.lda + k] * B[k * p.ldb + j];
            expected_acc[i][j] = sum;
        }
    check_c("int8 bias row repeated (D stride 0)", &p);
    Loop q = base(19, 21, 30);
    q.bias = 2; q.ldd = 23; q.scale = 0.125f;
    run_and_check("int8 D matrix", &q);
}

static void case_transpose_a(void)
{
    gb_case_name = "A transposed";
    fill(A, sizeof A, -50, 50);
    fill(B, sizeof B, -50, 50);
    for (int i = 0; i < MAX_M * LD; i++)
        D32[i] = gb_rand_range(-5000, 5000);
    Loop p = base(20, 35, 18); /* A stored K x M */
    p.a_t = 1; p.lda = 22; p.bias = 1; p.ldd = 35; p.scale = 0.03125f;
    run_and_check("A^T (stored 18x20)", &p);
}

static void case_transpose_b(void)
{
    gb_case_name = "B transposed";
    fill(A, sizeof A, -50, 50);
    fill(B, sizeof B, -50, 50);
    Loop p = base(20, 35, 18); /* B stored N x K */
    p.b_t = 1; p.ldb = 19; p.full_c = 1; p.ldc = 36;
    run_and_check("B^T (stored 35x18)", &p);
}

static void case_ex_accumulate(void)
{
    gb_case_name = "ex_accumulate";
    fill(A, sizeof A, -60, 60);
    fill(B, sizeof B, -60, 60);
    fill(A2, sizeof A2, -60, 60);
    fill(B2, sizeof B2, -60, 60);
    for (int i = 0; i < MAX_M * LD; i++)
        D32[i] = gb_rand_range(-300000, 300000);
    Loop first = base(30, 20, 25);
    first.bias = 1; first.store = 0; /* leaves D + A*B in the accumulator */
    clear_c();
    run_loop(&first);
    reference(&first, 0);
    for (unsigned i = 0; i < sizeof C8; i++)
        gb_expect("no store when the C address is 0", C8[i], 0x5A, "C8 byte %u", i);
    for (unsigned i = 0; i < sizeof C32 / sizeof C32[0]; i++)
        gb_expect("no store when the C address is 0", C32[i], 0x5A5A5A5A, "C32 element %u", i);
    Loop second = base(30, 20, 25);
    second.a = A2; second.b = B2; second.ex_accumulate = 1; second.full_c = 1;
    clear_c();
    run_loop(&second);
    reference(&second, 1);
    check_c("second loop accumulates onto the first", &second);
    Loop third = base(30, 20, 25);
    third.ex_accumulate = 1; third.relu = 1; third.scale = 0.01f; third.command_act_none = 1;
    clear_c();
    run_loop(&third);
    reference(&third, 1);
    check_c("third loop accumulates, int8 C with config_st's ReLU and scale", &third);
}

static void case_resadd(void)
{
    gb_case_name = "is_resadd";
    fill(A, sizeof A, -128, 127);
    fill(B, sizeof B, -128, 127);
    const int M = 20, N = 35, lda = 37, ldb = 36, ldc = 38;
    static const struct { float sa, sb, sc; int relu; } configs[] = {
        {1.0f, 1.0f, 1.0f, 0}, {0.5f, 2.0f, 0.5f, 1}, {-1.0f, 0.25f, 1.5f, 0},
    };
    for (unsigned n = 0; n < sizeof configs / sizeof configs[0]; n++) {
        const int act = configs[n].relu ? RELU : NO_ACTIVATION;
        gemmini_extended4_config_ld(lda, configs[n].sa, true, DIM, 0);
        gemmini_extended4_config_ld(ldb, configs[n].sb, true, DIM, 1);
        gemmini_extended_config_st(ldc, act, configs[n].sc);
        clear_c();
        gemmini_loop_ws(blocks(M), blocks(N), 1, blocks(M) * DIM - M, blocks(N) * DIM - N, 0, A, B, NULL, C8, lda, ldb, 0,
                        ldc, false, false, false, false, false, act, 0, 0, true);
        gemmini_fence();
        char what[96];
        snprintf(what, sizeof what, "C = A*%a + B*%a, scaled %a, relu %d", (double)configs[n].sa, (double)configs[n].sb,
                 (double)configs[n].sc, configs[n].relu);
        for (int i = 0; i <= M; i++)
            for (int j = 0; j < ldc; j++) {
                int8_t expected = 0x5A;
                if (i < M && j < N) {
                    int32_t sum = gb_mvin_scale(A[i * lda + j], configs[n].sa) + gb_mvin_scale(B[i * ldb + j], configs[n].sb);
                    expected = gb_acc_out(sum, configs[n].sc, configs[n].relu);
                }
                gb_expect(what, C8[i * ldc + j], expected, "C row %d col %d", i, j);
            }
    }
}

/* A loop with A address 0 skips loading A and uses what the previous loop left in the
   scratchpad (same I and K, same a_spad_id); its B is loaded over the previous B. */
static void case_reuse_a(void)
{
    gb_case_name = "A reused from the scratchpad";
    fill(A, sizeof A, -60, 60);
    fill(B, sizeof B, -60, 60);
    fill(B2, sizeof B2, -60, 60);
    Loop p = base(20, 18, 30);
    run_and_check("first loop", &p);
    Loop q = base(20, 18, 30);
    q.b = B2;
    clear_c();
    q.a = NULL;
    run_loop(&q);
    q.a = A;
    reference(&q, 0);
    check_c("second loop with A address 0: A*B2", &q);
}

int main(void)
{
    gemmini_flush(0);
    if (GB_RUN(0)) case_whole_blocks();
    if (GB_RUN(1)) case_edges_bias();
    if (GB_RUN(2)) case_full_c();
    if (GB_RUN(3)) case_low_d();
    if (GB_RUN(4)) case_transpose_a();
    if (GB_RUN(5)) case_transpose_b();
    if (GB_RUN(6)) case_ex_accumulate();
    if (GB_RUN(7)) case_resadd();
    if (GB_RUN(8)) case_reuse_a();
    return gb_finish();
}
