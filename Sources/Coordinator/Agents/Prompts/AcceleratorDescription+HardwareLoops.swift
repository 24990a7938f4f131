extension AcceleratorDescription {
    /// The matrix-multiply loop unroller and the library calls built on it.
    public static func matmulLoopCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        let halfSpad = f.scratchpadRows / 2, halfAcc = f.accumulatorRows / 2
        return [
            DocumentedCall(
                "gemmini_loop_ws(I, J, K, pad_I, pad_J, pad_K, A, B, D, C, A_stride, B_stride, D_stride, C_stride, A_transpose, B_transpose, full_C, low_D, ex_accumulate, act, a_spad_id, b_spad_id, is_resadd)",
                "Gemmini itself issues every mvin, preload, compute and mvout of C = A * B (+ D) for one tile of I x J x K blocks of DIM x DIM, one command per cycle, with no CPU work. pad_I, pad_J, pad_K: DIM minus the valid elements of the last block in that dimension (0 when the sizes are multiples of DIM). A, B, D, C: DRAM addresses of the tile's first elements; D = NULL for no bias (D holds acc_t; low_D: false); C = NULL leaves the result in the accumulator (C receives elem_t, or raw acc_t with full_C = true). Strides are in elements. ex_accumulate = true adds the result to what the accumulator already holds (for K tiles after the first). act: NO_ACTIVATION; a_spad_id, b_spad_id: 0; is_resadd: false. The tile must fit: (I*K + K*J)*DIM <= \(halfSpad) scratchpad rows and I*J*DIM <= \(halfAcc) accumulator rows, because the unroller uses half of each memory per loop so that consecutive loops overlap. Configure first: config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false); config_ld for ids 0, 1 and 2 with the byte strides of A, B and D; config_st with C's byte stride. It overwrites the scratchpad and accumulator rows it uses."
            ),
            DocumentedCall(
                "tiled_matmul_auto(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, A_scale_factor, B_scale_factor, D_scale_factor, act, scale, bert_scale, repeating_bias, transpose_A, transpose_B, full_C, low_D, weightA, tiled_matmul_type)",
                "a whole C = A * B (+ D) of any size, in elements: picks the tile sizes, configures, issues one gemmini_loop_ws per tile and fences at the end. Scale factors MVIN_SCALE_IDENTITY and ACC_SCALE_IDENTITY, bert_scale 0, weightA 0, tiled_matmul_type WS."
            ),
            DocumentedCall(
                "tiled_matmul(dim_I, dim_J, dim_K, A, B, D, C, stride_A, stride_B, stride_D, stride_C, A_scale_factor, B_scale_factor, D_scale_factor, act, scale, bert_scale, repeating_bias, tile_I, tile_J, tile_K, transpose_A, transpose_B, full_C, low_D, weightA, tiled_matmul_type)",
                "the same with the tile sizes (in DIM x DIM blocks) chosen by the caller; they must fit as for gemmini_loop_ws."
            ),
        ]
    }

    /// The convolution loop unroller's library calls.
    public static func convolutionLoopCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        [
            DocumentedCall(
                "tiled_conv_auto(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride, input_dilation, kernel_dilation, padding, kernel_dim, wrot180, trans_output_1203, trans_input_3120, trans_weight_1203, trans_weight_0132, input, weights, bias, output, act, scale, pool_size, pool_stride, pool_padding, tiled_conv_type)",
                "a whole convolution on NHWC tensors (input [batch][in_row][in_col][in_channels], weights [krow][kcol][in_channels][out_channels], acc_t bias[out_channels] or NULL, output [batch][out_row][out_col][out_channels]): picks tile sizes and drives Gemmini's convolution unroller (gemmini_loop_conv_ws) once per tile, then fences. Dilations 1, padding 0 when the input is already padded, the five layout flags false, pooling 0, 0, 0, tiled_conv_type WS."
            ),
            DocumentedCall(
                "tiled_conv(batch_size, in_row_dim, in_col_dim, in_channels, out_channels, out_row_dim, out_col_dim, stride, input_dilation, kernel_dilation, padding, kernel_dim, wrot180, trans_output_1203, trans_input_3120, trans_weight_1203, trans_weight_0132, batches, porows, pocols, pochs, krows, kcols, kchs, input, weights, bias, output, act, scale, pool_size, pool_stride, pool_padding, tiled_conv_type)",
                "the same with the tile chosen by the caller: batches, output rows, output columns and output channels per tile, and kernel rows, kernel columns and input channels accumulated per step. Input and weights of a tile must fit in the scratchpad, its outputs in half the accumulator."
            ),
        ]
    }

    static func hardwareLoops(_ f: AcceleratorFacts, family: ProblemManifest.Family?) -> String {
        var calls = matmulLoopCalls(f)
        if family != .tinympc { calls += convolutionLoopCalls(f) }
        return """
            ## Hardware loops
            Gemmini can generate the commands of a whole tiled matrix multiply or convolution \
            itself, which removes the CPU's cost of issuing them. These are ordinary calls of \
            gemmini.h and may be used inside solution():
            \(calls.map(\.bullet).joined(separator: "\n"))
            """
    }
}
