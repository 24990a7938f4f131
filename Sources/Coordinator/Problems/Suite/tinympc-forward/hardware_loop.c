// Hardware-loop baseline for tinympc-forward: each product is one call of the library's
// tiled matmul driving Gemmini's loop_ws unroller (WS).
// Vectors are columns (stride 1 element); negations use scale factors of -1.
void solution(elem_t Adyn[12][12], elem_t Bdyn[12][4], elem_t Kinf[4][12], elem_t d[4][4], elem_t x[5][12],
              elem_t u[4][4])
{
    static elem_t Ax[12] row_align(1);   // Adyn x[i], the bias of Bdyn u[i]

    for (int i = 0; i < 4; i++) {
        // u[i] = (-Kinf) x[i] + (-1) d[i]
        tiled_matmul_auto(4, 1, 12, (elem_t *)Kinf, &x[i][0], &d[i][0], &u[i][0], 12, 1, 1, 1,
                          -1.0f, MVIN_SCALE_IDENTITY, -1.0f, NO_ACTIVATION, ACC_SCALE_IDENTITY, 0,
                          false, false, false, false, false, 3, WS);
        // Ax = Adyn x[i]
        tiled_matmul_auto(12, 1, 12, (elem_t *)Adyn, &x[i][0], NULL, Ax, 12, 1, 1, 1,
                          MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS);
        // x[i+1] = Bdyn u[i] + Ax
        tiled_matmul_auto(12, 1, 4, (elem_t *)Bdyn, &u[i][0], Ax, &x[i + 1][0], 4, 1, 1, 1,
                          MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS);
    }
}
