// Starting code for tinympc-backward: a direct lowering to Gemmini instructions. Products with
// a transposed matrix are computed as row vector times matrix (p^T Bdyn, p^T AmBKt, r^T Kinf),
// one DIM x DIM matrix tile at a time, reloading both operands each time; Quu_inv v takes v as
// a column, so v goes out to memory and back. A fence follows every result that is read back.
// The negation of Kinf^T r uses a load scale of -1.
void solution(elem_t Quu_inv[4][4], elem_t AmBKt[12][12], elem_t Bdyn[12][4], elem_t Kinf[4][12], elem_t q[9][12],
              elem_t r[9][4], elem_t p[10][12], elem_t d[9][4])
{
    static elem_t v[4] row_align(1);             // Bdyn^T p[i+1] + r[i]

    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
    config_st(sizeof(elem_t), ACC_SCALE_IDENTITY);   // column results: one element per row

    const uint32_t a_tile = 0;                   // scratchpad row of the A operand
    const uint32_t b_tile = DIM;                 // scratchpad row of the weights
    const uint32_t c_tile = 1u << 31;            // accumulator row 0 (bit 31: accumulator)
    const uint32_t accumulate = 1u << 30;        // add to the accumulator instead of overwriting

    for (int i = 8; i >= 0; i--) {
        // v^T = p[i+1]^T Bdyn + r[i]^T (a row)
        config_ld(4 * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);
        config_ld(4 * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
        config_ld(0, MVIN_SCALE_IDENTITY, DIM, 2);
        mvin3(&r[i][0], c_tile, DIM, 1);
        for (int k = 0; k < 12 / DIM; k++) {
            mvin(&p[i + 1][k * DIM], a_tile, DIM, 1);
            mvin2(&Bdyn[k * DIM][0], b_tile, DIM, DIM);
            preload(b_tile, c_tile | accumulate, DIM, DIM, DIM, 1);
            compute_preloaded(a_tile, GARBAGE_ADDR, DIM, 1, DIM, 1);
        }
        mvout(v, c_tile, DIM, 1);
        fence();  // v is read back as a column

        // d[i] = Quu_inv v (a column)
        config_ld(sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
        mvin(&Quu_inv[0][0], a_tile, DIM, DIM);
        mvin2(v, b_tile, 1, DIM);
        preload(b_tile, c_tile, 1, DIM, 1, DIM);
        compute_preloaded(a_tile, GARBAGE_ADDR, DIM, DIM, 1, DIM);
        mvout(&d[i][0], c_tile, 1, DIM);

        // p[i]^T = q[i]^T + p[i+1]^T AmBKt - r[i]^T Kinf (a row), DIM columns at a time
        for (int c = 0; c < 12 / DIM; c++) {
            mvin3(&q[i][c * DIM], c_tile, DIM, 1);
            config_ld(12 * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
            for (int k = 0; k < 12 / DIM; k++) {
                mvin(&p[i + 1][k * DIM], a_tile, DIM, 1);
                mvin2(&AmBKt[k * DIM][c * DIM], b_tile, DIM, DIM);
                preload(b_tile, c_tile | accumulate, DIM, DIM, DIM, 1);
                compute_preloaded(a_tile, GARBAGE_ADDR, DIM, 1, DIM, 1);
            }
            config_ld(12 * sizeof(elem_t), -1.0f, DIM, 1);
            mvin(&r[i][0], a_tile, DIM, 1);
            mvin2(&Kinf[0][c * DIM], b_tile, DIM, DIM);
            preload(b_tile, c_tile | accumulate, DIM, DIM, DIM, 1);
            compute_preloaded(a_tile, GARBAGE_ADDR, DIM, 1, DIM, 1);
            mvout(&p[i][c * DIM], c_tile, DIM, 1);
        }
        fence();  // p[i] is read in the next step
    }
}
