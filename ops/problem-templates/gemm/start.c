// ${GENERATED}
//
// Starting code for ${ID}: a direct lowering to Gemmini instructions. Output tiles are
// computed a row of up to four DIM x DIM tiles at a time: for each step along K, one A tile
// and the B tiles of those outputs (one mvin of up to 4 x DIM columns) are moved in and
// multiplied into the accumulator, and the tiles are moved out when K is done. Consecutive
// steps alternate between two scratchpad slots, so moving in the next operands can overlap
// the multiplies of the current ones. No data is reused between rows of output tiles.
void solution(elem_t A[${I}][${K}], elem_t B[${K}][${J}], elem_t C[${I}][${J}])
{
    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
    config_ld(${K} * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);
    config_ld(${J} * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
    config_st(${J} * sizeof(elem_t), ACC_SCALE_IDENTITY);

    const uint32_t slot_rows = 5 * DIM;          // one slot: the A tile, then up to four B tiles
    const uint32_t c_tile = 1u << 31;            // accumulator row 0 (bit 31: accumulator)
    const uint32_t accumulate = 1u << 30;        // add to the accumulator instead of overwriting

    for (int i = 0; i < ${I} / DIM; i++) {
        for (int j = 0; j < ${J} / DIM; j += 4) {
            const int tiles = ${J} / DIM - j < 4 ? ${J} / DIM - j : 4;
            for (int k = 0; k < ${K} / DIM; k++) {
                const uint32_t a_tile = (k % 2) * slot_rows;
                const uint32_t b_tiles = a_tile + DIM;
                mvin(&A[i * DIM][k * DIM], a_tile, DIM, DIM);
                mvin2(&B[k * DIM][j * DIM], b_tiles, tiles * DIM, DIM);
                for (int t = 0; t < tiles; t++) {
                    const uint32_t c = c_tile + t * DIM;
                    preload(b_tiles + t * DIM, k == 0 ? c : c | accumulate, DIM, DIM, DIM, DIM);
                    compute_preloaded(a_tile, GARBAGE_ADDR, DIM, DIM, DIM, DIM);
                }
            }
            for (int t = 0; t < tiles; t++)
                mvout(&C[i * DIM][(j + t) * DIM], c_tile + t * DIM, DIM, DIM);
        }
    }
    fence();
}
