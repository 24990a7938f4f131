/*
 * loop_conv_ws (the convolution unroller) issued directly with gemmini_loop_conv_ws for one
 * tile that covers the whole convolution (or, for the `split` cases, two loops over halves of
 * the input channels accumulating into the same output rows), its parameters computed here as
 * Documentation/GemminiLoops.md fixes them. The expected output is a direct convolution on the
 * core (then scale/activation/int8 saturation as in gemmini-reference.md 3.2, and max pooling
 * as in 3.6), written out in the tensor layout the options select; the whole output buffer,
 * including the bytes around the output, is compared.
 *
 * -DCASE=n runs one configuration (the table in main); without it every one runs.
 */
#include "behaviour.h"

typedef struct {
    const char *name;
    int batch, in_rows, in_cols, in_ch, out_ch, k, stride, pad, kdil;
    int input_dilated, dw, wrot180, t_out_1203, t_w_1203, t_w_0132, t_in_3120, mppr, downsample;
    int pool_size, pool_stride, pool_pad; /* pool_stride 0: no pooling */
    int relu;
    float scale;
    int no_bias;
    /* > 0: two loops over the input channels [0, split) and [split, in_ch), the first with the
       bias and no output, the second without bias (accumulating) and with the output. */
    int split;
} Conv;

#define MAX_IN (3 * 8 * 20 * 20)
#define MAX_W (70 * 70)
#define MAX_OUT (3 * 8 * 20 * 20)
#define GUARD 64

static int8_t in_log[MAX_IN];  /* [b][r][c][ch] */
static int8_t w_log[MAX_W];    /* [kr][kc][ich][och]; depthwise: [ch][kr][kc] */
static acc_t bias[128] GB_ALIGNED;
static elem_t in_dram[MAX_IN] GB_ALIGNED;
static elem_t w_dram[MAX_W] GB_ALIGNED;
static elem_t out_dram[MAX_OUT + GUARD] GB_ALIGNED;
static int8_t expected_dram[MAX_OUT + GUARD];
static int8_t conv_out[MAX_OUT]; /* [b][orow][ocol][och] */

static int max(int a, int b) { return a > b ? a : b; }

static int in_index(const Conv *p, int b, int r, int c, int ch) { return ((b * p->in_rows + r) * p->in_cols + c) * p->in_ch + ch; }

static int8_t input_at(const Conv *p, int b, int r, int c, int ch)
{
    /* (r, c) in the padded, possibly dilated input. */
    r -= p->pad;
    c -= p->pad;
    if (p->input_dilated) {
        if (r < 0 || c < 0 || (r & 1) || (c & 1))
            return 0;
        r >>= 1;
        c >>= 1;
    }
    if (r < 0 || c < 0 || r >= p->in_rows || c >= p->in_cols)
        return 0;
    return in_log[in_index(p, b, r, c, ch)];
}

static int8_t weight_at(const Conv *p, int kr, int kc, int ich, int och)
{
    if (p->wrot180) {
        kr = p->k - 1 - kr;
        kc = p->k - 1 - kc;
    }
    if (p->dw)
        return w_log[(och * p->k + kr) * p->k + kc];
    return w_log[((kr * p->k + kc) * p->in_ch + ich) * p->out_ch + och];
}

static void run_case(const Conv *p)
{
    gb_case_name = p->name;
    const int dk = p->k + (p->kdil - 1) * (p->k - 1);
    const int in_d_rows = p->input_dilated ? 2 * p->in_rows - 1 : p->in_rows;
    const int in_d_cols = p->input_dilated ? 2 * p->in_cols - 1 : p->in_cols;
    const int out_rows = (in_d_rows + 2 * p->pad - dk) / p->stride + 1;
    const int out_cols = (in_d_cols + 2 * p->pad - dk) / p->stride + 1;
    const int pooling = p->pool_stride != 0;
    const int pool_rows = pooling ? (out_rows + 2 * p->pool_pad - p->pool_size) / p->pool_stride + 1 : out_rows;
    const int pool_cols = pooling ? (out_cols + 2 * p->pool_pad - p->pool_size) / p->pool_stride + 1 : out_cols;

    /* Data. */
    for (int i = 0; i < p->batch * p->in_rows * p->in_cols * p->in_ch; i++)
        in_log[i] = (int8_t)gb_rand_range(-20, 20);
    const int weights = p->dw ? p->in_ch * p->k * p->k : p->k * p->k * p->in_ch * p->out_ch;
    for (int i = 0; i < weights; i++)
        w_log[i] = (int8_t)gb_rand_range(-20, 20);
    for (int i = 0; i < p->out_ch; i++)
        bias[i] = gb_rand_range(-3000, 3000);

    /* Input in DRAM: NHWC, or [ch][r][c][b] with trans_input_3120. */
    for (int b = 0; b < p->batch; b++)
        for (int r = 0; r < p->in_rows; r++)
            for (int c = 0; c < p->in_cols; c++)
                for (int ch = 0; ch < p->in_ch; ch++) {
                    int at = p->t_in_3120 ? ((ch * p->in_rows + r) * p->in_cols + c) * p->batch + b : in_index(p, b, r, c, ch);
                    in_dram[at] = in_log[in_index(p, b, r, c, ch)];
                }
    /* Weights in DRAM: [kr][kc][ich][och], [ich][kr][kc][och] (1203), [kr][kc][och][ich] (0132),
       or one k x k kernel per channel (depthwise). */
    if (p->dw) {
        memcpy(w_dram, w_log, weights);
    } else {
        for (int kr = 0; kr < p->k; kr++)
            for (int kc = 0; kc < p->k; kc++)
                for (int ich = 0; ich < p->in_ch; ich++)
                    for (int och = 0; och < p->out_ch; och++) {
                        int at = p->t_w_1203   ? ((ich * p->k + kr) * p->k + kc) * p->out_ch + och
                                 : p->t_w_0132 ? ((kr * p->k + kc) * p->out_ch + och) * p->in_ch + ich
                                               : ((kr * p->k + kc) * p->in_ch + ich) * p->out_ch + och;
                        w_dram[at] = w_log[((kr * p->k + kc) * p->in_ch + ich) * p->out_ch + och];
                    }
    }

    /* Reference convolution. */
    for (int b = 0; b < p->batch; b++)
        for (int orow = 0; orow < out_rows; orow++)
            for (int ocol = 0; ocol < out_cols; ocol++)
                for (int och = 0; och < p->out_ch; och++) {
                    int32_t acc = p->no_bias ? 0 : bias[och];
                    for (int kr = 0; kr < p->k; kr++)
                        for (int kc = 0; kc < p->k; kc++) {
                            int r = orow * p->stride + kr * p->kdil, c = ocol * p->stride + kc * p->kdil;
                            if (p->dw) {
                                acc += input_at(p, b, r, c, och) * weight_at(p, kr, kc, och, och);
                            } else {
                                for (int ich = 0; ich < p->in_ch; ich++)
                                    acc += input_at(p, b, r, c, ich) * weight_at(p, kr, kc, ich, och);
                            }
                        }
                    conv_out[((b * out_rows + orow) * out_cols + ocol) * p->out_ch + och] = gb_acc_out(acc, p->scale, p->relu);
                }

    /* The expected output buffer. */
    memset(expected_dram, 0x5A, sizeof expected_dram);
    int used = 0;
    for (int b = 0; b < p->batch; b++)
        for (int r = 0; r < pool_rows; r++)
            for (int c = 0; c < pool_cols; c++)
                for (int och = 0; och < p->out_ch; och++) {
                    int8_t value;
                    if (pooling) {
                        value = -128;
                        for (int wr = 0; wr < p->pool_size; wr++)
                            for (int wc = 0; wc < p->pool_size; wc++) {
                                int orow = r * p->pool_stride + wr - p->pool_pad, ocol = c * p->pool_stride + wc - p->pool_pad;
                                int8_t v = 0;
                                if (orow >= 0 && orow < out_rows && ocol >= 0 && ocol < out_cols)
                                    v = conv_out[((b * out_rows + orow) * out_cols + ocol) * p->out_ch + och];
                                if (v > value)
                                    value = v;
                            }
                    } else {
                        value = conv_out[((b * out_rows + r) * out_cols + c) * p->out_ch + och];
                    }
                    int at = p->t_out_1203 ? ((r * pool_cols + c) * p->batch + b) * p->out_ch + och
                                           : ((b * pool_rows + r) * pool_cols + c) * p->out_ch + och;
                    expected_dram[at] = value;
                    used = max(used, at + 1);
                }
    if (used + GUARD > (int)sizeof out_dram) {
        gb_expect_true(0, "configuration too large for the buffers");
        return;
    }
    memset(out_dram, 0x5A, sizeof out_dram);

    /* Loop parameters for one tile covering everything (GemminiLoops.md). */
    const int irows = out_rows * p->stride + dk - 1, icols = out_cols * p->stride + dk - 1;
    const int upad = p->pad, lpad = p->pad;
    const int dpad = max(0, irows - upad - in_d_rows), rpad = max(0, icols - lpad - in_d_cols);
    const int pupad = pooling ? p->pool_pad : 0, plpad = pupad;
    const int pdpad = pooling ? max(0, (pool_rows - 1) * p->pool_stride + p->pool_size - pupad - out_rows) : 0;
    const int prpad = pooling ? max(0, (pool_cols - 1) * p->pool_stride + p->pool_size - plpad - out_cols) : 0;
    const int act = p->relu ? RELU : NO_ACTIVATION;
    gemmini_extended3_config_ex(WEIGHT_STATIONARY, act, 0, ACC_SCALE_IDENTITY, p->input_dilated ? 2 : 1,
                                p->stride >> p->downsample, p->t_in_3120, p->t_w_0132, false);
    const int out_stride = p->out_ch;
    gemmini_extended_config_st((p->t_out_1203 ? p->batch * p->out_ch : out_stride) * sizeof(elem_t), act, p->scale);

    const int loops = p->dw ? p->in_ch : p->split ? 2 : 1;
    for (int n = 0; n < loops; n++) {
        const int first = n == 0, last = n == loops - 1;
        const int ich0 = p->split && !first ? p->split : 0;
        const int kchs = p->dw ? 1 : p->split ? (first ? p->split : p->in_ch - p->split) : p->in_ch;
        const int in_channels = p->dw ? 1 : p->in_ch, och = p->dw ? 1 : p->out_ch;
        const elem_t *input = in_dram + (p->dw ? n : ich0);
        const elem_t *w = w_dram + (p->dw ? n * p->k * p->k : ich0 * p->out_ch);
        const acc_t *b = bias + (p->dw ? n : 0);
        elem_t *output = p->split && !last ? NULL : out_dram + (p->dw ? n : 0);
        /* A convolution without bias passes no_bias and a non-zero bias address (the input's);
           later loops of a split convolution pass 0 and accumulate. */
        const void *bias_address = p->split && !first ? NULL : p->no_bias ? (const void *)input : (const void *)b;
        gemmini_loop_conv_ws(p->batch, p->in_rows, p->in_cols, in_channels, och, out_rows, out_cols, pool_rows, pool_cols,
                             p->stride, p->pad, p->k, p->kdil, pooling ? p->pool_size : 1, pooling ? p->pool_stride : 1,
                             pooling ? p->pool_pad : 0, p->batch, pool_rows, pool_cols, och, p->k, p->k, kchs, lpad, rpad,
                             upad, dpad, plpad, prpad, pupad, pdpad, out_rows, out_cols, w, output, bias_address, input,
                             p->no_bias, !pooling, p->downsample, p->wrot180, p->input_dilated, act, p->t_out_1203,
                             p->t_w_1203, p->t_w_0132, p->t_in_3120, p->mppr, p->in_ch, p->dw ? 1 : p->out_ch,
                             out_stride, p->dw, 0, 0);
    }
    gemmini_fence();

    for (int i = 0; i < used + GUARD; i++)
        gb_expect("output", out_dram[i], expected_dram[i], "DRAM byte %d (%s)", i, i < used ? "output" : "beyond");
}

static const Conv cases[] = {
    /* name                batch rows cols ich och k str pad kdil idil dw rot o1203 w1203 w0132 i3120 mppr ds  psize pstr ppad relu scale nob */
    {"baseline",             2,  5,  5,  3,  4, 3, 1, 0, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"stride 2",             1,  7,  7,  5,  6, 3, 2, 1, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   1, 0.0625f, 0},
    {"padding",              1,  4,  5,  3,  5, 3, 1, 2, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"pooling",              2,  6,  6,  3,  5, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    3,   2,   1,   0, 0.0625f, 0},
    {"input dilation",       1,  4,  4,  3,  4, 3, 1, 1, 1,   1,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"kernel dilation",      1,  7,  6,  3,  4, 3, 1, 1, 2,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"depthwise",            1,  5,  5,  3,  3, 3, 1, 1, 1,   0,   1, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.125f,  0},
    {"wrot180",              1,  5,  5,  3,  4, 3, 1, 1, 1,   0,   0, 1,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"trans_output_1203",    2,  4,  4,  3,  5, 3, 1, 1, 1,   0,   0, 0,  1,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"trans_weight_1203",    1,  5,  5,  5,  7, 3, 1, 1, 1,   0,   0, 0,  0,    1,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"trans_weight_0132",    1,  5,  5,  5,  7, 3, 1, 1, 1,   0,   0, 0,  0,    0,    1,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"trans_input_3120",     3,  4,  4,  4,  5, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    1,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"pixel repeats",        1,  6,  6,  3,  8, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    0,    3,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"downsample",           2,  6,  8,  5,  6, 1, 2, 0, 1,   0,   0, 0,  0,    0,    0,    0,    0,   1,    0,   0,   0,   0, 0.125f,  0},
    {"no bias",              1,  5,  5,  3,  4, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 1},
    {"many channels",        1,  4,  4, 20, 20, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   1, 0.03125f, 0},
    {"wide rows",            1,  3, 20,  4,  3, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"pixel repeats stride 2", 1, 7, 9,  2,  5, 3, 2, 1, 1,   0,   0, 0,  0,    0,    0,    0,    2,   0,    0,   0,   0,   1, 0.0625f, 0},
    {"more than 64 channels", 1,  3,  3, 70, 70, 1, 1, 0, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"trans_weight_0132 equal channels", 1, 5, 5, 6, 6, 3, 1, 1, 1, 0, 0, 0,  0,    0,    1,    0,    0,   0,    0,   0,   0,   0, 0.0625f, 0},
    {"two loops over input channels", 2, 5, 4, 5, 6, 3, 1, 1, 1,  0,   0, 0,  0,    0,    0,    0,    0,   0,    0,   0,   0,   1, 0.0625f, 0, 2},
    {"two loops, pooled output", 1,   6,  6, 20,  5, 3, 1, 1, 1,   0,   0, 0,  0,    0,    0,    0,    0,   0,    2,   2,   0,   0, 0.0625f, 0, 16},
};

int main(void)
{
    gemmini_flush(0);
    for (int i = 0; i < (int)(sizeof cases / sizeof cases[0]); i++)
        if (GB_RUN(i))
            run_case(&cases[i]);
    return gb_finish();
}
