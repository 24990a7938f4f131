// ${GENERATED}
//
// Hardware-loop baseline for ${ID}: the library's tiled matmul driving Gemmini's loop_ws
// unroller, one command per tile (WS).
void solution(elem_t A[${I}][${K}], elem_t B[${K}][${J}], elem_t C[${I}][${J}])
{
    tiled_matmul_auto(${I}, ${J}, ${K}, (elem_t *)A, (elem_t *)B, NULL, (elem_t *)C,
                      ${K}, ${J}, ${J}, ${J}, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY, MVIN_SCALE_IDENTITY,
                      NO_ACTIVATION, ACC_SCALE_IDENTITY, 0, false, false, false, false, false, 3, WS);
}
