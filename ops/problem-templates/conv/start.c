// ${GENERATED}
//
// Starting code for ${ID}: a direct lowering to Gemmini instructions. Every output tile (up to
// DIM pixels of one output row, DIM output channels) is computed on its own: the bias is moved
// into one accumulator tile, then for each kernel position and each DIM input channels one input
// tile and one weight tile are moved into the same scratchpad rows and multiplied into it, and
// the tile is moved out. Correct, with no reuse of data between tiles.
void solution(elem_t input[${BATCH}][${IN_ROWS}][${IN_COLS}][${IN_CH}], elem_t weights[${KERNEL}][${KERNEL}][${IN_CH}][${OUT_CH}],
              acc_t bias[${OUT_CH}], elem_t output[${BATCH}][${OUT_ROWS}][${OUT_COLS}][${OUT_CH}])
{
    config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);
    // Input tiles: one pixel per row. Weight tiles: one input channel per row.
    config_ld(${IN_CH} * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 0);
    config_ld(${OUT_CH} * sizeof(elem_t), MVIN_SCALE_IDENTITY, DIM, 1);
    // Bias: a DRAM stride of 0 repeats the one bias row for every pixel.
    config_ld(0, MVIN_SCALE_IDENTITY, DIM, 2);
    config_st(${OUT_CH} * sizeof(elem_t), ACC_SCALE_IDENTITY);

    const uint32_t a_tile = 0;                   // scratchpad row of the input tile
    const uint32_t b_tile = DIM;                 // scratchpad row of the weight tile
    const uint32_t c_tile = 1u << 31;            // accumulator row 0 (bit 31: accumulator)
    const uint32_t accumulate = 1u << 30;        // add to the accumulator instead of overwriting

    for (int b = 0; b < ${BATCH}; b++) {
        for (int orow = 0; orow < ${OUT_ROWS}; orow++) {
            for (int ocol = 0; ocol < ${OUT_COLS}; ocol += DIM) {
                const int pixels = ${OUT_COLS} - ocol < DIM ? ${OUT_COLS} - ocol : DIM;
                for (int och = 0; och < ${OUT_CH}; och += DIM) {
                    mvin3(&bias[och], c_tile, DIM, pixels);
                    for (int krow = 0; krow < ${KERNEL}; krow++) {
                        for (int kcol = 0; kcol < ${KERNEL}; kcol++) {
                            for (int ich = 0; ich < ${IN_CH}; ich += DIM) {
                                mvin(&input[b][orow + krow][ocol + kcol][ich], a_tile, DIM, pixels);
                                mvin2(&weights[krow][kcol][ich][och], b_tile, DIM, DIM);
                                preload(b_tile, c_tile | accumulate, DIM, DIM, DIM, pixels);
                                compute_preloaded(a_tile, GARBAGE_ADDR, DIM, pixels, DIM, pixels);
                            }
                        }
                    }
                    mvout(&output[b][orow][ocol][och], c_tile, DIM, pixels);
                }
            }
        }
    }
    fence();
}
