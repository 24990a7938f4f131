// Software-library baseline for tinympc-backward: each product is one call of the library's
// tiled matmul with the core sequencing every command (WS_SW).
// Products with a transposed matrix are row vector times matrix; Quu_inv v takes v as a
// column (stride 1 element); the negation uses a scale factor of -1.
void solution(elem_t Quu_inv[4][4], elem_t AmBKt[12][12], elem_t Bdyn[12][4], elem_t Kinf[4][12], elem_t q[9][12],
              elem_t r[9][4], elem_t p[10][12], elem_t d[9][4])
{
    static elem_t v[4] row_align(1);     // Bdyn^T p[i+1] + r[i]
    static elem_t qp[12] row_align(1);   // q[i] + AmBKt^T p[i+1]

    for (int i = 8; i >= 0; i--) {
        // v^T = p[i+1]^T Bdyn + r[i]^T
        tiled_matmul_auto(1, 4, 12, &p[i + 1][0], (elem_t *)Bdyn, &r[i][0], v, 12, 4, 4, 4,
                          MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS_SW);
        // d[i] = Quu_inv v
        tiled_matmul_auto(4, 1, 4, (elem_t *)Quu_inv, v, NULL, &d[i][0], 4, 1, 1, 1,
                          MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS_SW);
        // qp^T = q[i]^T + p[i+1]^T AmBKt
        tiled_matmul_auto(1, 12, 12, &p[i + 1][0], (elem_t *)AmBKt, &q[i][0], qp, 12, 12, 12, 12,
                          MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS_SW);
        // p[i]^T = (-r[i])^T Kinf + qp^T
        tiled_matmul_auto(1, 12, 4, &r[i][0], (elem_t *)Kinf, qp, &p[i][0], 4, 12, 12, 12,
                          -1.0f, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, NO_ACTIVATION,
                          ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS_SW);
    }
}
