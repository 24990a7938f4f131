import Foundation
import Simulator
import TestThreads
import Testing
import Worker

/// Builds and runs the Gemmini behaviour programs (`Programs/gemmini/*.c`) on the functional
/// model of a chosen design. The programs compute their expected results on the simulated
/// core from gemmini-reference.md's rules and report through `behaviour.h` (the summary line
/// `SelfCheck.verify` reads).
enum GemminiBehaviourPrograms {
    /// Compiles `gemmini/<source>` for `design` with the given macro definitions.
    static func build(_ source: String, design: GemminiConfiguration, defines: [String]) throws -> String {
        let tag = ([design.name] + defines).joined(separator: "-")
            .map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        let output = TestPrograms.buildDirectory
            .appendingPathComponent("gemmini-\((source as NSString).deletingPathExtension)-\(String(tag)).elf").path
        let path = TestPrograms.directory.appendingPathComponent("gemmini/\(source)").path
        let options = CompileOptions(defines: defines, accelerator: design)
        let compiler = try TestPrograms.compiler.get()
        // Parallel tests may build the same program: build to a private file, then rename.
        let staging = output + ".\(UUID().uuidString).tmp"
        do {
            try compiler.compile(sources: [path], output: staging, options: options)
        } catch {
            Issue.record("\(error.message)\n\(error.diagnostics)")
            throw error
        }
        guard rename(staging, output) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return output
    }

    /// Compiles and runs a program with a fresh accelerator of `design` on the RoCC port.
    static func run(_ source: String, design: GemminiConfiguration = .int8Default, defines: [String] = []) throws -> SimulationResult {
        let path = try build(source, design: design, defines: defines)
        return Simulation.run(
            try ProgramImage(contentsOf: path),
            options: SimulationOptions(maxInstructions: 400_000_000, timeoutSeconds: 120),
            accelerator: Gemmini.makeAccelerator(design))
    }

    /// Runs one case (`-DCASE=n`) of a self-checking program and records its verdict.
    static func expectPasses(
        _ source: String, case number: Int? = nil, design: GemminiConfiguration = .int8Default, minimumChecks: Int = 10,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let result = try run(source, design: design, defines: number.map { ["CASE=\($0)"] } ?? [])
        SelfCheck.verify(result, minimumChecks: minimumChecks, sourceLocation: sourceLocation)
    }
}

/// One `-DCASE=n` of a program, named for the test report.
struct GemminiCase: Sendable, CustomTestStringConvertible {
    let number: Int
    let name: String
    var testDescription: String { "\(number): \(name)" }

    init(_ number: Int, _ name: String) {
        self.number = number
        self.name = name
    }
}

/// Every behaviour the model must show, one program (or one case of a program) each, checked
/// against a reference computed in the program from gemmini-reference.md (sections 1-3) and
/// Documentation/GemminiLoops.md.
@Suite("Gemmini behaviour", .heavyCases)
struct GemminiBehaviourTests {
    static let moveCases = [
        GemminiCase(0, "DIM x DIM mvin/mvout with DRAM strides"),
        GemminiCase(1, "rows and columns smaller than DIM"),
        GemminiCase(2, "wide mvins of 2-4 blocks with block strides; wide mvout"),
        GemminiCase(3, "zero fill from DRAM address 0 (scratchpad and accumulator)"),
        GemminiCase(4, "mvin scale factors: ties to even, saturation, negative scales"),
        GemminiCase(5, "accumulator int32 mvin: overwrite, wrapping accumulate, no scaling; full-width mvout"),
        GemminiCase(6, "accumulator shrink mvin: int8 scaled and sign-extended"),
        GemminiCase(7, "mvin / mvin2 / mvin3 keep separate load configurations"),
        GemminiCase(8, "pixel repeats"),
        GemminiCase(9, "accumulator mvout: ReLU, then scale, then saturation; all-ones scale ignored"),
        GemminiCase(10, "max-pooling mvout via config_st (stride, size, padding)"),
    ]

    @Test("mvin / mvout on the int8 16x16 design", arguments: moveCases)
    func moves(_ testCase: GemminiCase) throws {
        try GemminiBehaviourPrograms.expectPasses("mvin_mvout.c", case: testCase.number)
    }

    static let matmulCases = [
        GemminiCase(0, "WS to the scratchpad (saturation, ReLU)"),
        GemminiCase(1, "WS with bias D"),
        GemminiCase(2, "WS to the accumulator: overwrite and accumulate"),
        GemminiCase(3, "WS with B transposed"),
        GemminiCase(4, "WS with A transposed"),
        GemminiCase(5, "WS compute_accumulated reuses the weights"),
        GemminiCase(6, "a_stride and c_stride; set_only_strides"),
        GemminiCase(7, "garbage addresses: zeros in, output discarded"),
        GemminiCase(8, "a compute without its own preload writes nothing (WS and OS)"),
        GemminiCase(9, "WS with blocks smaller than DIM"),
        GemminiCase(10, "OS with and without D, to scratchpad and accumulator"),
        GemminiCase(11, "OS with A and with A and B transposed"),
        GemminiCase(12, "OS in_shift rounds half to even"),
        GemminiCase(13, "OS compute_accumulated and int20 clipping"),
        GemminiCase(14, "WS int20 partial sums"),
    ]

    @Test("preload / compute on the int8 16x16 design", arguments: matmulCases)
    func matmul(_ testCase: GemminiCase) throws {
        try GemminiBehaviourPrograms.expectPasses("matmul.c", case: testCase.number)
    }

    static let loopMatmulCases = [
        GemminiCase(0, "whole blocks, no bias, after another loop"),
        GemminiCase(1, "edge sizes (pads) with int32 bias, ReLU and scale"),
        GemminiCase(2, "full_C"),
        GemminiCase(3, "low_D (repeated bias row and int8 D)"),
        GemminiCase(4, "A transposed"),
        GemminiCase(5, "B transposed"),
        GemminiCase(6, "ex_accumulate and no store"),
        GemminiCase(7, "is_resadd with scales and ReLU"),
        GemminiCase(8, "A address 0 reuses A from the scratchpad"),
    ]

    @Test("loop_ws on the int8 16x16 design", arguments: loopMatmulCases)
    func loopMatmul(_ testCase: GemminiCase) throws {
        try GemminiBehaviourPrograms.expectPasses("loop_ws.c", case: testCase.number)
    }

    static let convolutionCases = [
        GemminiCase(0, "baseline"),
        GemminiCase(1, "stride 2"),
        GemminiCase(2, "padding"),
        GemminiCase(3, "pooling"),
        GemminiCase(4, "input dilation"),
        GemminiCase(5, "kernel dilation"),
        GemminiCase(6, "depthwise"),
        GemminiCase(7, "wrot180"),
        GemminiCase(8, "trans_output_1203"),
        GemminiCase(9, "trans_weight_1203"),
        GemminiCase(10, "trans_weight_0132 (5 input, 7 output channels)"),
        GemminiCase(11, "trans_input_3120"),
        GemminiCase(12, "first-layer pixel repeats"),
        GemminiCase(13, "downsample"),
        GemminiCase(14, "no bias"),
        GemminiCase(15, "more than DIM input and output channels"),
        GemminiCase(16, "more than DIM output columns"),
        GemminiCase(17, "pixel repeats with stride 2"),
        GemminiCase(18, "more than 64 input and output channels (several mvins per pixel and weight row)"),
        GemminiCase(19, "trans_weight_0132 with equal channel counts"),
        GemminiCase(20, "two loops over input channels (bias first, output last)"),
        GemminiCase(21, "two loops over input channels with a pooled output"),
    ]

    @Test("loop_conv_ws on the int8 16x16 design (one tile; cases 20-21 two loops)", arguments: convolutionCases)
    func loopConvolution(_ testCase: GemminiCase) throws {
        try GemminiBehaviourPrograms.expectPasses("loop_conv.c", case: testCase.number)
    }

    static let floatCases = [
        GemminiCase(0, "mvin/mvout: fp32 scaling, wide and accumulator mvins, ReLU with -0 and NaN"),
        GemminiCase(1, "WS matmul: fused multiply-add chain in k order"),
        GemminiCase(2, "signed zeros through the array and the accumulator"),
        GemminiCase(3, "NaN propagation (including 0 x inf in the zero padding)"),
        GemminiCase(4, "OS matmul with shift"),
        GemminiCase(5, "loop_ws"),
        GemminiCase(6, "loop_conv_ws"),
    ]

    @Test("The fp32 4x4 design", arguments: floatCases)
    func float32(_ testCase: GemminiCase) throws {
        try GemminiBehaviourPrograms.expectPasses("fp32.c", case: testCase.number, design: .fp32)
    }

    @Test("The int8 32x32 design: wide moves, preload/compute (all cases), loop_ws (all cases)")
    func large() throws {
        try GemminiBehaviourPrograms.expectPasses("dim32_moves.c", design: .int8Large)
        try GemminiBehaviourPrograms.expectPasses("matmul.c", design: .int8Large)
        try GemminiBehaviourPrograms.expectPasses("loop_ws.c", design: .int8Large)
    }

    @Test("Counters: reset, external DMA byte counters 4 and 5, read, snapshot")
    func counters() throws {
        try GemminiBehaviourPrograms.expectPasses("counters.c")
    }

    struct FaultCase: Sendable, CustomTestStringConvertible {
        let number: Int
        let name: String
        /// Fragments the fault message must contain.
        let fragments: [String]
        var testDescription: String { name }
    }

    static let faultCases = [
        FaultCase(number: 0, name: "mvin of DIM + 1 rows", fragments: ["mvin", "17 rows", "DIM (16)"]),
        FaultCase(number: 1, name: "mvin from outside memory", fragments: ["mvin", "0x1000", "outside memory"]),
        FaultCase(number: 2, name: "mvout past the end of memory", fragments: ["mvout", "outside memory"]),
        FaultCase(number: 3, name: "loop_ws tile too large for the scratchpad", fragments: ["loop_ws", "9600 scratchpad rows", "8192"]),
        FaultCase(number: 4, name: "loop_ws tile too large for the accumulator", fragments: ["loop_ws", "1024 accumulator rows", "512"]),
        FaultCase(number: 5, name: "mvin of more than MAX_BLOCK_LEN blocks", fragments: ["mvin", "65 columns", "MAX_BLOCK_LEN"]),
        // wrot180 reads kernel rows from kernel_dim - krow - 1: a larger kernel tile is refused
        // (it used to turn into a negative DRAM offset that trapped the simulator process).
        FaultCase(number: 6, name: "loop_conv_ws with wrot180 and a kernel tile beyond kernel_dim", fragments: ["loop_conv_ws", "wrot180", "3x3 kernel tile", "kernel_dim 1"]),
    ]

    @Test("Commands the accelerator cannot carry out stop the run with a device fault naming the problem", arguments: faultCases)
    func faults(_ testCase: FaultCase) throws {
        let result = try GemminiBehaviourPrograms.run("faults.c", defines: ["CASE=\(testCase.number)"])
        let summary = TestPrograms.describe(result)
        #expect(result.status == .fault, "\(summary)")
        #expect(result.guestFault?.kind == .deviceFault, "\(summary)")
        #expect(result.standardOutputText == "issuing\n", "the program must fault at the command, after its setup:\n\(summary)")
        let message = result.fault ?? ""
        #expect(message.hasPrefix("Gemmini: "), "\(message)")
        for fragment in testCase.fragments {
            #expect(message.contains(fragment), "fault message \"\(message)\" lacks \"\(fragment)\"")
        }
    }
}
