// ${GENERATED}
//
// Starting code for ${ID}: a direct lowering to Gemmini instructions. Every DIM x DIM output
// tile is computed on its own: for each step along K, one A tile and one B tile are moved
// into the same scratchpad rows, multiplied into one accumulator tile, and the tile is moved
// out when K is done. Correct, with no reuse of data between tiles.
void solution(elem_t A[${I}][${K}], elem_t B[${K}][${J}], elem_t C[${I}][${J}])
{
    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
    config_ld(${K} * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);
    config_ld(${J} * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
    config_st(${J} * sizeof(elem_t), ACC_SCALE_IDENTITY);

    const uint32_t a_tile = 0;                   // scratchpad row of the A tile
    const uint32_t b_tile = DIM;                 // scratchpad row of the B tile
    const uint32_t c_tile = 1u << 31;            // accumulator row 0 (bit 31: accumulator)
    const uint32_t accumulate = 1u << 30;        // add to the accumulator instead of overwriting

    for (int i = 0; i < ${I} / DIM; i++) {
        for (int j = 0; j < ${J} / DIM; j++) {
            for (int k = 0; k < ${K} / DIM; k++) {
                mvin(&A[i * DIM][k * DIM], a_tile, DIM, DIM);
                mvin2(&B[k * DIM][j * DIM], b_tile, DIM, DIM);
                preload(b_tile, k == 0 ? c_tile : c_tile | accumulate, DIM, DIM, DIM, DIM);
                compute_preloaded(a_tile, GARBAGE_ADDR, DIM, DIM, DIM, DIM);
            }
            mvout(&C[i * DIM][j * DIM], c_tile, DIM, DIM);
        }
    }
    fence();
}
