import Foundation

/// One macro or function of gemmini.h as the description presents it: the call with the
/// header's own parameter names, in the header's order, and what it does.
public struct DocumentedCall: Sendable, Equatable {
    /// `name(parameter, ...)`, exactly as gemmini.h declares it (a test compares the two).
    public var signature: String
    public var meaning: String

    public init(_ signature: String, _ meaning: String) {
        self.signature = signature
        self.meaning = meaning
    }

    /// The name before the parenthesis.
    public var name: String { String(signature.prefix { $0 != "(" }) }

    /// The parameter names between the parentheses.
    public var parameters: [String] {
        guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")") else { return [] }
        let inside = signature[signature.index(after: open)..<close]
        return inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    var bullet: String { "- `\(signature)`: \(meaning)" }
}

extension AcceleratorDescription {
    /// The primitive commands (Autocomp's short names), grouped as the description lists them.
    public static func configurationCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        let loadScale = f.arithmetic == .int8
            ? "scale multiplies every value moved into the scratchpad, then rounds and saturates to int8 (MVIN_SCALE_IDENTITY = 1.0 leaves values unchanged, -1.0f negates); int32 values moved into the accumulator are not scaled."
            : "scale multiplies every value loaded, into the scratchpad or the accumulator (MVIN_SCALE_IDENTITY = 1.0 leaves values unchanged, -1.0f negates)."
        return [
            DocumentedCall(
                "config_ex(dataflow, act, A_stride, A_transpose, B_transpose)",
                "sets up the array. dataflow: WEIGHT_STATIONARY, the mode described below. act: NO_ACTIVATION, or RELU to clamp negative matmul results written to the scratchpad to 0. A_stride: scratchpad rows between consecutive rows of A fed to the array (1 for a tile stored in consecutive rows). A_transpose / B_transpose: true makes the array read A, or B, transposed (not both). config_ex waits until the array has drained, so issue it once, before the computes, never inside loops."
            ),
            DocumentedCall(
                "config_ld(dram_stride_bytes, scale, spad_block_stride, id)",
                "sets up one of three independent load channels: id 0 is used by mvin, id 1 by mvin2, id 2 by mvin3. dram_stride_bytes: distance in bytes between consecutive rows in DRAM (a row-major array with N columns: N * sizeof(elem_t); 0 repeats the first row for every row). \(loadScale) spad_block_stride: local rows between the DIM-column blocks of a wide mvin (normally DIM, so the blocks land in consecutive tiles)."
            ),
            DocumentedCall(
                "config_st(dram_stride_bytes)",
                "sets up mvout: distance in bytes between consecutive rows written to DRAM; accumulator values leave with scale ACC_SCALE_IDENTITY (1.0)."
            ),
            DocumentedCall(
                "config_st(dram_stride_bytes, scale)",
                "the same with a scale that multiplies accumulator values on their way out (-1.0f negates)."
            ),
        ]
    }

    public static func dataMovementCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        let accumulatorSource = f.arithmetic == .int8
            ? "int32 values (4 bytes each, e.g. an int32 bias)"
            : "float values"
        return [
            DocumentedCall(
                "mvin(dram, spad, cols, rows)",
                "copies rows x cols elements from DRAM to local memory with load channel 0. rows is at most DIM. DRAM row r starts at dram + r * (the channel's dram_stride_bytes); column c goes to local row spad + r + (c / DIM) * spad_block_stride, column c % DIM. So up to \(f.maxBlockLength * f.dim) columns load \(f.maxBlockLength) tiles side by side in one command (into the accumulator at most \(f.maxBlockLengthAccumulator * f.dim) columns). spad is any local address: into the accumulator, DRAM holds \(accumulatorSource), and bit 30 adds them to the rows instead of overwriting. dram is an ordinary pointer such as &A[i][k]; a dram address of 0 writes zeros without reading memory."
            ),
            DocumentedCall("mvin2(dram, spad, cols, rows)", "the same with load channel 1 (config_ld id 1)."),
            DocumentedCall("mvin3(dram, spad, cols, rows)", "the same with load channel 2 (config_ld id 2)."),
            DocumentedCall(
                "mvout(dram, spad, cols, rows)",
                "copies rows (at most DIM) x cols (at most \(f.maxBlockLength * f.dim)) elements from local memory to DRAM; row r goes to dram + r * (config_st's dram_stride_bytes) and column c comes from local row spad + (c / DIM) * DIM + r. From the scratchpad the elements are copied as they are; from the accumulator they are multiplied by the config_st scale\(f.arithmetic == .int8 ? ", rounded and saturated to elem_t" : ""), or written as raw acc_t (at most DIM columns) when bit 29 is set."
            ),
        ]
    }

    public static func matmulCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        [
            DocumentedCall(
                "preload(B, C, B_cols, B_rows, C_cols, C_rows)",
                "names the weights and the output of the next compute. B: local address of the B_rows x B_cols weight block (K x J), or GARBAGE_ADDR. C: where the C_rows x C_cols result (I x J) goes: an accumulator address (bit 30: add to it), a scratchpad address (overwrite), or GARBAGE_ADDR (discard). Result row i goes to C + i."
            ),
            DocumentedCall(
                "compute_preloaded(A, D, A_cols, A_rows, D_cols, D_rows)",
                "loads the preloaded B into the array and computes C = A * B + D: A is the A_rows x A_cols block (I x K) whose row i is at local address A + i * A_stride; D is a D_rows x D_cols block added to the result (GARBAGE_ADDR: none, the usual choice)."
            ),
            DocumentedCall(
                "compute_accumulated(A, D, A_cols, A_rows, D_cols, D_rows)",
                "the same, but keeps the weights already in the array (those of the last compute_preloaded) and ignores the preload's B: give that preload GARBAGE_ADDR as B. Use it to multiply several A blocks by the same weights."
            ),
        ]
    }

    public static func synchronizationCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        [
            DocumentedCall(
                "fence()",
                "waits until every Gemmini command issued so far has finished and its stores have reached DRAM. It is needed only where the CPU, or a later mvin, uses DRAM that an mvout writes (or the CPU overwrites DRAM that an earlier mvin reads). The harness fences after solution(), so a final fence is not needed."
            )
        ]
    }

    /// Every primitive call the description documents.
    public static func primitiveCalls(_ f: AcceleratorFacts) -> [DocumentedCall] {
        configurationCalls(f) + dataMovementCalls(f) + matmulCalls(f) + synchronizationCalls(f)
    }

    static func commands(_ f: AcceleratorFacts) -> String {
        func list(_ calls: [DocumentedCall]) -> String { calls.map(\.bullet).joined(separator: "\n") }
        return """
            ## Commands
            These are the short names gemmini.h defines (the long names such as \
            gemmini_extended_mvin are the same commands); arguments go in the order shown. Rows \
            and columns count elements; a block has at most DIM rows and, in a matmul, at most \
            DIM columns; smaller blocks are padded with zeros.

            Configuration (issue once before the commands that use it; a channel keeps its \
            setting until it is configured again):
            \(list(configurationCalls(f)))

            Data movement (DMA):
            \(list(dataMovementCalls(f)))

            Matrix multiplication, weight-stationary: the array holds a block of weights B (K x J, \
            up to DIM x DIM) and streams the rows of A (I x K) through it, producing C = A * B \
            (I x J). Each multiply is a preload followed by a compute:
            \(list(matmulCalls(f)))
            Every compute needs its own preload immediately before it; a compute without one \
            writes nothing. To accumulate over K in the accumulator, write the first K block's \
            product without bit 30 (or on top of a bias already moved in) and every later one \
            with bit 30. Example, two DIM x DIM products that share the weights B_sp:
            ```c
            preload(B_sp, C_acc, DIM, DIM, DIM, DIM);                   // C_acc = A1_sp * B_sp
            compute_preloaded(A1_sp, GARBAGE_ADDR, DIM, DIM, DIM, DIM);
            preload(GARBAGE_ADDR, C2_acc | (1u << 30), DIM, DIM, DIM, DIM); // C2_acc += A2_sp * B_sp
            compute_accumulated(A2_sp, GARBAGE_ADDR, DIM, DIM, DIM, DIM);
            ```

            Synchronization:
            \(list(synchronizationCalls(f)))
            """
    }
}
