// Starting code for tinympc-forward: a direct lowering to Gemmini instructions. Vectors are
// columns (one element per scratchpad row); every product is computed one DIM x DIM matrix tile
// at a time, reloading both operands each time, with a fence whenever a result is read back.
// Negations use load scales of -1.
void solution(elem_t Adyn[12][12], elem_t Bdyn[12][4], elem_t Kinf[4][12], elem_t d[4][4], elem_t x[5][12],
              elem_t u[4][4])
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
