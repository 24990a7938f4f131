// ${GENERATED}
//
// Hardware-loop baseline for ${ID}: the library's tiled convolution driving Gemmini's
// loop_conv_ws unroller, one command per tile (WS).
void solution(elem_t input[${BATCH}][${IN_ROWS}][${IN_COLS}][${IN_CH}], elem_t weights[${KERNEL}][${KERNEL}][${IN_CH}][${OUT_CH}],
              acc_t bias[${OUT_CH}], elem_t output[${BATCH}][${OUT_ROWS}][${OUT_COLS}][${OUT_CH}])
{
    tiled_conv_auto(${BATCH}, ${IN_ROWS}, ${IN_COLS}, ${IN_CH}, ${OUT_CH}, ${OUT_ROWS}, ${OUT_COLS},
                    1, 1, 1, 0, ${KERNEL}, false, false, false, false, false,
                    (elem_t *)input, (elem_t *)weights, bias, (elem_t *)output,
                    NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, 0, 0, WS);
}
