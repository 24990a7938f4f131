import Foundation
import Simulator
import TestThreads
import Testing
import Worker

/// The Gemmini C library (`Sources/TargetRuntime/Runtime/include/gemmini.h` and
/// `gemmini_testutils.h`), built for each accelerator design and run on the simulator:
///
/// - every command macro against the operand layouts of gemmini-reference.md section 1.3
///   (through a recording accelerator), including the worked encodings listed there;
/// - warning-free builds (the test programs turn on -Wall -Wextra with pragmas);
/// - the tiled operations end to end on the functional Gemmini model: the hardware-loop path
///   (WS) and the CPU-sequenced path (WS_SW) must reproduce, element for element, the
///   reference the library computes on the simulated core (CPU).
///
/// The programs are in `Programs/gemmini/`; their parameters are -D definitions.
@Suite("Gemmini library", .heavyCases)
struct GemminiLibraryTests {
    static let designNames = GemminiConfiguration.builtIn.map(\.name)

    // MARK: Encodings

    @Test("Every command macro encodes funct7, rs1 and rs2 as section 1.3 lays them out", arguments: designNames)
    func encodings(designName: String) throws {
        let design = try #require(GemminiConfiguration.builtIn(named: designName))
        for optimization in ["2", "0"] {
            let build = try Programs.build("encodings.c", design: design, optimization: optimization)
            #expect(build.warnings.isEmpty, "\(build.warnings)")
            let recorder = RecordingAccelerator()
            let result = try Programs.run(build, accelerator: recorder)
            #expect(result.status == .exited && result.exitCode == 0, "\(Programs.describe(result))")

            let expected = ExpectedCommands.encodingsProgram(dim: UInt64(design.dim))
            let recorded = recorder.commands
            #expect(recorded.count == expected.count, "recorded \(recorded.count) commands, expected \(expected.count)")
            for (index, (command, wanted)) in zip(recorded, expected).enumerated() {
                #expect(command.funct7 == wanted.funct && command.funct3 == wanted.funct3
                            && command.rs1Value == wanted.rs1 && command.rs2Value == wanted.rs2,
                        "command \(index) (\(wanted.name)): got funct \(command.funct7)/\(command.funct3) rs1 \(hex(command.rs1Value)) rs2 \(hex(command.rs2Value)), expected funct \(wanted.funct)/\(wanted.funct3) rs1 \(hex(wanted.rs1)) rs2 \(hex(wanted.rs2))")
                #expect(command.instruction & 0x7F == 0x7B, "command \(index) is not on custom-3")
                #expect(command.expectsResponse == (wanted.funct3 == 7))
            }
            #expect(recorder.fences >= 2, "fence() and gemmini_fence() are the core's fence")
        }
    }

    @Test("The worked encodings of section 1.3 come out bit for bit on the default design")
    func workedEncodings() throws {
        let build = try Programs.build("encodings.c", design: .int8Default)
        let recorder = RecordingAccelerator()
        let result = try Programs.run(build, accelerator: recorder)
        try #require(result.exitCode == 0, "\(Programs.describe(result))")
        try #require(recorder.commands.count >= 5)
        let worked: [(funct: UInt8, rs1: UInt64, rs2: UInt64)] = [
            (0, 0x3F80_0000_0010_0101, 16),                        // gemmini_config_ld(16)
            (0, 0x3F80_0000_0001_0004, 0x0001_0000_0000_0000),     // gemmini_config_ex(WEIGHT_STATIONARY, 0, 0)
            (0, 2, 0x3F80_0000_0000_0010),                         // gemmini_config_st(16)
            (2, 0x8010_0000, 0x0010_0010_0000_0000),               // gemmini_mvin(p, 0)
            (6, 0x0010_0010_FFFF_FFFF, 0x0010_0010_C000_0000),     // gemmini_preload_zeros(0xC0000000)
        ]
        for (command, wanted) in zip(recorder.commands, worked) {
            #expect(command.funct7 == wanted.funct && command.rs1Value == wanted.rs1 && command.rs2Value == wanted.rs2,
                    "got funct \(command.funct7) rs1 \(hex(command.rs1Value)) rs2 \(hex(command.rs2Value))")
        }
    }

    // MARK: Builds

    /// Every header path (gemmini.h, gemmini_testutils.h, their include/ forwards and the
    /// generated parameters) and every test program, on every design, with -Wall -Wextra.
    @Test("Headers and test programs build without warnings", arguments: designNames)
    func warningFreeBuilds(designName: String) throws {
        let design = try #require(GemminiConfiguration.builtIn(named: designName))
        for source in ["headers.c", "encodings.c", "matmul_check.c", "conv_check.c", "resadd_check.c", "upstream_style.c",
                       "short_names.c", "assert_check.c"] {
            let build = try Programs.build(source, design: design)
            #expect(build.warnings.isEmpty, "\(source) on \(designName):\n\(build.warnings)")
        }
        let headers = try Programs.run(try Programs.build("headers.c", design: design), accelerator: RecordingAccelerator())
        #expect(headers.exitCode == 0 && headers.standardOutputText == "DIM \(design.dim), \(designName)\n",
                "\(Programs.describe(headers))")
        let variants = [["FULL_C=1", "BIAS=1", "LOW_D=1", "TRANS_A=1", "TRANS_B=1", "ACT=1"], ["TILE_I=1", "TILE_J=1", "TILE_K=1"]]
        for defines in variants {
            let build = try Programs.build("matmul_check.c", design: design, defines: defines)
            #expect(build.warnings.isEmpty, "matmul_check.c \(defines):\n\(build.warnings)")
        }
        for defines in [["DW=1"], ["TILES=1", "T_BATCHES=1", "T_POROWS=1", "T_POCOLS=1", "T_POCHS=1", "T_KROWS=1", "T_KCOLS=1", "T_KCHS=1"]] {
            let build = try Programs.build("conv_check.c", design: design, defines: defines)
            #expect(build.warnings.isEmpty, "conv_check.c \(defines):\n\(build.warnings)")
        }
    }

    // MARK: End to end on the model

    /// tiled_matmul_auto / tiled_matmul: edge sizes, bias kinds, full_C, transposes,
    /// activation, scales, strides wider than the matrices, explicit tilings.
    static let matmulCases: [String] = [
        "MAT_DIM_I=1 MAT_DIM_J=1 MAT_DIM_K=1",
        "MAT_DIM_I=15 MAT_DIM_J=17 MAT_DIM_K=33",
        "MAT_DIM_I=64 MAT_DIM_J=48 MAT_DIM_K=80",
        "BIAS=1",
        "BIAS=2",
        "BIAS=1 LOW_D=1",
        "BIAS=2 LOW_D=1 D_SCALE=2",
        "FULL_C=1",
        "FULL_C=1 BIAS=1",
        "TRANS_A=1",
        "TRANS_B=1 BIAS=1",
        "TRANS_A=1 TRANS_B=1",
        "ACT=1 BIAS=1",
        "C_SCALE=0.25f BIAS=1 RANGE=30",
        "A_SCALE=0.5f B_SCALE=2.0f RANGE=60",
        "C_SCALE=-1.0f ACT=1 BIAS=1",
        "PAD=5 BIAS=1 TRANS_B=1",
        "MAT_DIM_I=100 MAT_DIM_J=70 MAT_DIM_K=300 BIAS=1 TILE_I=2 TILE_J=1 TILE_K=3",
        "MAT_DIM_I=40 MAT_DIM_J=40 MAT_DIM_K=200 TILE_I=1 TILE_J=2 TILE_K=1 FULL_C=1",
    ]

    @Test("tiled_matmul: WS and WS_SW equal the CPU reference", arguments: designNames, matmulCases)
    func matmul(designName: String, parameters: String) throws {
        try Programs.expectSuccess("matmul_check.c", designName: designName, parameters: parameters)
    }

    /// tiled_conv_auto / tiled_conv / tiled_conv_dw_auto: strides, padding, pooling, kernel and
    /// input dilation, small input channels (the first-layer path), wrot180, the transposed
    /// layouts, depthwise, and explicit tilings that split the kernel and the channels over
    /// several loops.
    static let convolutionCases: [String] = [
        "BIAS=1",
        "BIAS=0",
        "STRIDE=2",
        "STRIDE=2 PADDING=0 IN_ROW=10",
        "PADDING=2 KERNEL=5 IN_ROW=7 IN_COL=11",
        "POOL_SIZE=3 POOL_STRIDE=2 POOL_PAD=1 ACT=1",
        "POOL_SIZE=2 POOL_STRIDE=2 POOL_PAD=0",
        "KDIL=2 IN_ROW=11",
        "IN_CH=3 OUT_CH=20",
        "IN_CH=1 OUT_CH=4 KERNEL=5 PADDING=2",
        "WROT180=1",
        "TRANS_OUT=1",
        "TRANS_IN=1 BATCH=3",
        "TRANS_W1203=1",
        "TRANS_W0132=1 IN_CH=8 OUT_CH=8",
        "IDIL=2 PADDING=1",
        "IDIL=2 STRIDE=2",
        "DW=1 IN_CH=6",
        "DW=1 IN_CH=3 STRIDE=2 POOL_SIZE=3 POOL_STRIDE=2 POOL_PAD=1",
        "SCALE=0.125f RANGE=20 ACT=1",
        "IN_CH=40 OUT_CH=36 IN_ROW=6 BATCH=1",
        "BATCH=4 IN_ROW=12 IN_CH=16 OUT_CH=16 POOL_SIZE=2 POOL_STRIDE=2",
        "BATCH=1 IN_ROW=20 IN_CH=3 OUT_CH=16 KERNEL=7 STRIDE=2 PADDING=3 POOL_SIZE=3 POOL_STRIDE=2 POOL_PAD=1 ACT=1",
        "TILES=1 T_BATCHES=1 T_POROWS=3 T_POCOLS=4 T_POCHS=8 T_KROWS=2 T_KCOLS=2 T_KCHS=3 IN_CH=9 OUT_CH=12 BIAS=1",
        "TILES=1 T_BATCHES=1 T_POROWS=3 T_POCOLS=4 T_POCHS=8 T_KROWS=2 T_KCOLS=2 T_KCHS=3 IN_CH=9 OUT_CH=12 BIAS=0",
        "TILES=1 T_BATCHES=1 T_POROWS=2 T_POCOLS=5 T_POCHS=5 T_KROWS=1 T_KCOLS=3 T_KCHS=4 IN_CH=9 OUT_CH=12 WROT180=1",
        "TILES=1 T_BATCHES=1 T_POROWS=2 T_POCOLS=2 T_POCHS=7 T_KROWS=3 T_KCOLS=1 T_KCHS=5 POOL_SIZE=3 POOL_STRIDE=2 POOL_PAD=1 ACT=1",
        "TILES=1 T_BATCHES=1 T_POROWS=2 T_POCOLS=3 T_POCHS=7 T_KROWS=2 T_KCOLS=2 T_KCHS=2 STRIDE=2 PADDING=2 KERNEL=5 IN_ROW=12",
        "TILES=1 T_BATCHES=1 T_POROWS=4 T_POCOLS=4 T_POCHS=3 T_KROWS=2 T_KCOLS=3 T_KCHS=5 TRANS_IN=1 BATCH=3",
        "TILES=1 T_BATCHES=1 T_POROWS=4 T_POCOLS=4 T_POCHS=3 T_KROWS=2 T_KCOLS=3 T_KCHS=5 TRANS_OUT=1 TRANS_W1203=1",
        "TILES=1 T_BATCHES=1 T_POROWS=5 T_POCOLS=3 T_POCHS=7 T_KROWS=2 T_KCOLS=2 T_KCHS=5 IDIL=2 PADDING=1",
        "TILES=1 T_BATCHES=1 T_POROWS=3 T_POCOLS=3 T_POCHS=4 T_KROWS=2 T_KCOLS=3 T_KCHS=3 KDIL=2 IN_ROW=11",
        "TILES=1 T_BATCHES=2 T_POROWS=2 T_POCOLS=9 T_POCHS=7 T_KROWS=3 T_KCOLS=2 T_KCHS=1 IN_CH=1 OUT_CH=7",
        "TILES=1 T_BATCHES=3 T_POROWS=9 T_POCOLS=9 T_POCHS=7 T_KROWS=3 T_KCOLS=3 T_KCHS=5 BATCH=3",
    ]

    @Test("tiled_conv: WS and WS_SW equal the CPU reference", arguments: designNames, convolutionCases)
    func convolution(designName: String, parameters: String) throws {
        try Programs.expectSuccess("conv_check.c", designName: designName, parameters: parameters)
    }

    /// trans_weight_0132 with unequal channel blocks: the loop must describe each weight block to
    /// preload as stored (J rows of K input channels), not by its logical shape.
    @Test("tiled_conv with trans_weight_0132 and unequal channel blocks", arguments: designNames)
    func convolutionTransposedWeights(designName: String) throws {
        try Programs.expectSuccess("conv_check.c", designName: designName, parameters: "TRANS_W0132=1")
    }

    static let residualCases: [String] = [
        "ROWS=1 COLS=1",
        "ROWS=37 COLS=45",
        "RELU=1 A_SCALE=0.5f B_SCALE=1.5f C_SCALE=0.75f",
        "ROWS=100 COLS=300 RELU=1",
        "C_SCALE=-1.0f A_SCALE=2.0f CHANNELS=40 IMAGE=3",
    ]

    @Test("tiled_resadd and tiled_global_average equal the CPU reference", arguments: designNames, residualCases)
    func residualAddition(designName: String, parameters: String) throws {
        try Programs.expectSuccess("resadd_check.c", designName: designName, parameters: parameters)
    }

    @Test("An upstream-style test and Autocomp-style short names run correctly", arguments: designNames)
    func programStyles(designName: String) throws {
        try Programs.expectSuccess("upstream_style.c", designName: designName, parameters: "")
        try Programs.expectSuccess("short_names.c", designName: designName, parameters: "")
    }

    @Test("A failed assertion in a bare-metal program prints its location and exits 1")
    func assertion() throws {
        let build = try Programs.build("assert_check.c", design: .int8Default)
        let result = try Programs.run(build, accelerator: Gemmini.makeAccelerator(.int8Default))
        #expect(result.exitCode == 1, "\(Programs.describe(result))")
        #expect(result.standardOutputText.contains("Failed assertion: two + two == 5"), "\(result.standardOutputText)")
        #expect(result.standardOutputText.contains("assert_check.c:10"), "\(result.standardOutputText)")
        #expect(!result.standardOutputText.contains("not reached"))
    }
}

// MARK: - Support

private func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

/// Records every command; answers the counter operation with 0x5EED0000 + rs1.
private final class RecordingAccelerator: RoCCAccelerator, @unchecked Sendable {
    var commands: [RoCCCommand] = []
    var fences = 0

    func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome {
        commands.append(command)
        return .completed(response: command.funct7 == 126 ? 0x5EED_0000 &+ command.rs1Value : 0, resumeCycle: cycle)
    }

    func fence(memory: GuestMemory, cycle: UInt64) -> UInt64 { fences += 1; return cycle }
}

/// Builds and runs the programs in `Programs/gemmini/`.
private enum Programs {
    static var directory: URL {
        Bundle.module.url(forResource: "Programs", withExtension: nil)!.appendingPathComponent("gemmini")
    }

    static let buildDirectory: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-gemmini-library-\(getpid())")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    static let compiler: Result<CrossCompiler, ToolchainError> = Result { () throws(ToolchainError) in
        try CrossCompiler.locate()
    }

    struct Build {
        let path: String
        /// The compiler's warnings (the programs enable -Wall -Wextra themselves).
        let warnings: String
    }

    static func build(_ source: String, design: GemminiConfiguration, defines: [String] = [], optimization: String = "2") throws -> Build {
        let key = ([source, design.name, optimization] + defines).joined(separator: " ")
        let stem = (source as NSString).deletingPathExtension
        let output = buildDirectory.appendingPathComponent("\(stem)-\(design.name)-\(fingerprint(key)).elf").path
        let options = CompileOptions(defines: defines, optimization: optimization, accelerator: design)
        // Parallel tests may build the same program: build to a private file, then rename.
        let staging = output + ".\(UUID().uuidString).tmp"
        let warnings = try compiler.get().compile(sources: [directory.appendingPathComponent(source).path], output: staging, options: options)
        guard rename(staging, output) == 0 else { throw CocoaError(.fileWriteUnknown) }
        return Build(path: output, warnings: warnings)
    }

    static func run(_ build: Build, accelerator: any RoCCAccelerator) throws -> SimulationResult {
        let options = SimulationOptions(maxInstructions: 4_000_000_000, timeoutSeconds: 600)
        return Simulation.run(try ProgramImage(contentsOf: build.path), options: options, accelerator: accelerator)
    }

    /// Builds `source` with `parameters` (space-separated NAME=VALUE definitions) for the
    /// design and runs it on a fresh functional model; the program must exit 0.
    static func expectSuccess(_ source: String, designName: String, parameters: String) throws {
        let design = try #require(GemminiConfiguration.builtIn(named: designName))
        let defines = parameters.split(separator: " ").map(String.init)
        let build = try build(source, design: design, defines: defines)
        #expect(build.warnings.isEmpty, "\(build.warnings)")
        let result = try run(build, accelerator: Gemmini.makeAccelerator(design))
        #expect(result.status == .exited && result.exitCode == 0, "\(source) [\(parameters)] on \(designName): \(describe(result))")
    }

    static func describe(_ result: SimulationResult) -> String {
        var text = "status \(result.status.rawValue), exit code \(result.exitCode.map(String.init) ?? "-"), \(result.instret) instructions"
        if let fault = result.fault { text += "\nfault: \(fault)" }
        if !result.standardOutput.isEmpty { text += "\nstdout:\n\(result.standardOutputText)" }
        if !result.standardError.isEmpty { text += "\nstderr:\n\(result.standardErrorText)" }
        return text
    }

    /// FNV-1a of the build's key, for distinct output names.
    static func fingerprint(_ key: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01B3
        }
        return String(hash, radix: 16)
    }
}

/// The commands `encodings.c` issues, computed from the operand layouts of
/// gemmini-reference.md section 1.3 (written independently of gemmini.h's macros).
private enum ExpectedCommands {
    struct Command {
        let name: String
        let funct: UInt8
        let rs1: UInt64
        let rs2: UInt64
        var funct3: UInt8 = 3
    }

    static func bits(_ value: Float) -> UInt64 { UInt64(value.bitPattern) }
    static func flag(_ value: Bool) -> UInt64 { value ? 1 : 0 }
    static func dram(_ offset: UInt64) -> UInt64 { 0x8010_0000 + offset }

    /// rows [63:48], cols [47:32], local address [31:0].
    static func operand(_ address: UInt64, cols: UInt64, rows: UInt64) -> UInt64 { rows << 48 | cols << 32 | address }

    static func configEx(dataflow: UInt64, act: UInt64, shift: UInt64, scale: Float, cStride: UInt64, aStride: UInt64,
                         aTranspose: Bool, bTranspose: Bool, setOnlyStrides: Bool) -> (UInt64, UInt64) {
        (bits(scale) << 32 | aStride << 16 | flag(bTranspose) << 9 | flag(aTranspose) << 8 | flag(setOnlyStrides) << 7
            | act << 3 | dataflow << 2 | 0,
         cStride << 48 | shift)
    }

    static func configLd(stride: UInt64, scale: Float, shrink: Bool, blockStride: UInt64, pixelRepeats: UInt64 = 1, id: UInt64) -> (UInt64, UInt64) {
        (bits(scale) << 32 | blockStride << 16 | pixelRepeats << 8 | id << 3 | flag(shrink) << 2 | 1, stride)
    }

    static func configSt(stride: UInt64, act: UInt64, scale: Float, poolStride: UInt64 = 0, poolSize: UInt64 = 0,
                         poolOutDim: UInt64 = 0, porows: UInt64 = 0, pocols: UInt64 = 0, orows: UInt64 = 0,
                         ocols: UInt64 = 0, upad: UInt64 = 0, lpad: UInt64 = 0) -> (UInt64, UInt64) {
        (ocols << 56 | orows << 48 | pocols << 40 | porows << 32 | poolOutDim << 24 | lpad << 10 | upad << 8
            | poolSize << 6 | poolStride << 4 | act << 2 | 2,
         bits(scale) << 32 | stride)
    }

    static func config(_ name: String, _ words: (UInt64, UInt64)) -> Command {
        Command(name: name, funct: 0, rs1: words.0, rs2: words.1)
    }

    static func encodingsProgram(dim: UInt64) -> [Command] {
        var c: [Command] = []
        // Worked encodings (exact constants for DIM 16; the same layouts for any DIM).
        c.append(config("gemmini_config_ld(16)", configLd(stride: 16, scale: 1, shrink: false, blockStride: dim, id: 0)))
        c.append(config("gemmini_config_ex(WS, 0, 0)", configEx(dataflow: 1, act: 0, shift: 0, scale: 1, cStride: 1, aStride: 1,
                                                                 aTranspose: false, bTranspose: false, setOnlyStrides: false)))
        c.append(config("gemmini_config_st(16)", configSt(stride: 16, act: 0, scale: 1)))
        c.append(Command(name: "gemmini_mvin", funct: 2, rs1: dram(0), rs2: operand(0, cols: dim, rows: dim)))
        c.append(Command(name: "gemmini_preload_zeros", funct: 6, rs1: operand(0xFFFF_FFFF, cols: dim, rows: dim),
                         rs2: operand(0xC000_0000, cols: dim, rows: dim)))
        // Data movement.
        c.append(Command(name: "gemmini_extended_mvin", funct: 2, rs1: dram(0x100), rs2: operand(0x123, cols: 64, rows: 16)))
        c.append(Command(name: "gemmini_extended_mvin2", funct: 1, rs1: dram(0x200), rs2: operand(0x456, cols: 100, rows: 7)))
        c.append(Command(name: "gemmini_extended_mvin3", funct: 14, rs1: dram(0x300), rs2: operand(0x8000_0010, cols: 16, rows: 3)))
        c.append(Command(name: "gemmini_block_mvin", funct: 2, rs1: dram(0x400), rs2: operand(0x40, cols: 3 * dim, rows: dim)))
        c.append(Command(name: "gemmini_extended_mvout", funct: 3, rs1: dram(0x500), rs2: operand(0xE000_0020, cols: 13, rows: 5)))
        c.append(Command(name: "gemmini_mvout", funct: 3, rs1: dram(0x600), rs2: operand(0x8000_0000, cols: dim, rows: dim)))
        // Preload and compute.
        c.append(Command(name: "gemmini_extended_preload", funct: 6, rs1: operand(0x200, cols: 11, rows: 12),
                         rs2: operand(0xC000_0040, cols: 13, rows: 14)))
        c.append(Command(name: "gemmini_preload", funct: 6, rs1: operand(0x300, cols: dim, rows: dim),
                         rs2: operand(0x8000_0000, cols: dim, rows: dim)))
        c.append(Command(name: "gemmini_extended_compute_preloaded", funct: 4, rs1: operand(0x10, cols: 9, rows: 10),
                         rs2: operand(0xFFFF_FFFF, cols: 11, rows: 12)))
        c.append(Command(name: "gemmini_extended_compute_accumulated", funct: 5, rs1: operand(0x20, cols: 1, rows: 2),
                         rs2: operand(0x30, cols: 3, rows: 4)))
        c.append(Command(name: "gemmini_compute_preloaded", funct: 4, rs1: operand(0x40, cols: dim, rows: dim),
                         rs2: operand(0xFFFF_FFFF, cols: dim, rows: dim)))
        c.append(Command(name: "gemmini_compute_accumulated", funct: 5, rs1: operand(0x50, cols: dim, rows: dim),
                         rs2: operand(0xFFFF_FFFF, cols: dim, rows: dim)))
        // Configuration.
        c.append(config("gemmini_extended3_config_ex", configEx(dataflow: 1, act: 1, shift: 7, scale: 0.5, cStride: 3, aStride: 5,
                                                                aTranspose: true, bTranspose: false, setOnlyStrides: false)))
        c.append(config("gemmini_extended3_config_ex (strides only)", configEx(dataflow: 0, act: 0, shift: 0, scale: 1, cStride: 9, aStride: 10,
                                                                               aTranspose: false, bTranspose: true, setOnlyStrides: true)))
        c.append(config("gemmini_extended2_config_ex", configEx(dataflow: 1, act: 1, shift: 0, scale: 1, cStride: 1, aStride: 2,
                                                                aTranspose: false, bTranspose: true, setOnlyStrides: false)))
        c.append(config("gemmini_extended_config_ex", configEx(dataflow: 0, act: 0, shift: 4, scale: 1, cStride: 1, aStride: 1,
                                                               aTranspose: true, bTranspose: true, setOnlyStrides: false)))
        c.append(config("gemmini_extended5_config_ld", configLd(stride: 256, scale: 2, shrink: true, blockStride: 40, pixelRepeats: 3, id: 2)))
        c.append(config("gemmini_extended4_config_ld", configLd(stride: 64, scale: -1, shrink: false, blockStride: 8, id: 1)))
        c.append(config("gemmini_extended3_config_ld", configLd(stride: 32, scale: 0.25, shrink: false, blockStride: dim, id: 2)))
        c.append(config("gemmini_extended2_config_ld", configLd(stride: 48, scale: 1.5, shrink: true, blockStride: dim, id: 0)))
        c.append(config("gemmini_extended_config_ld", configLd(stride: 80, scale: 3, shrink: false, blockStride: dim, id: 0)))
        c.append(config("gemmini_extended2_config_st", configSt(stride: 96, act: 1, scale: 0.125, poolStride: 2, poolSize: 3, poolOutDim: 50,
                                                                porows: 6, pocols: 7, orows: 14, ocols: 15, upad: 1, lpad: 2)))
        c.append(config("gemmini_extended_config_st", configSt(stride: 24, act: 1, scale: -2)))
        // config_norm: q_const [63:32], q_const_type [18], set_stats_id_only [17], act_msb [16],
        // stat_id [15:8], CONFIG_BERT; rs2 = igelu_qc [63:32], igelu_qb [31:0].
        c.append(Command(name: "gemmini_config_norm", funct: 0, rs1: 0x1234 << 32 | 1 << 18 | 0 << 17 | 1 << 16 | 5 << 8 | 3,
                         rs2: 0x888 << 32 | 0x777))
        c.append(Command(name: "gemmini_flush", funct: 7, rs1: 1, rs2: 0))
        // loop_ws: bounds, addresses, strides, then the start word.
        c.append(Command(name: "loop_ws bounds", funct: 9, rs1: 8 << 32 | 7 << 16 | 6, rs2: 5 << 32 | 4 << 16 | 3))
        c.append(Command(name: "loop_ws A, B", funct: 10, rs1: dram(0x10000), rs2: dram(0x20000)))
        c.append(Command(name: "loop_ws D, C", funct: 11, rs1: dram(0x30000), rs2: dram(0x40000)))
        c.append(Command(name: "loop_ws strides A, B", funct: 12, rs1: 100, rs2: 200))
        c.append(Command(name: "loop_ws strides D, C", funct: 13, rs1: 300, rs2: 400))
        c.append(Command(name: "loop_ws", funct: 8, rs1: 2 << 18 | 1 << 16 | 1 << 8 | 1 << 2 | 1 << 1 | 0, rs2: 0 << 2 | 0 << 1 | 1))
        c.append(Command(name: "loop_ws bounds (resadd)", funct: 9, rs1: 0, rs2: 1 << 32 | 1 << 16 | 1))
        c.append(Command(name: "loop_ws A, B (resadd)", funct: 10, rs1: dram(0x10000), rs2: dram(0x20000)))
        c.append(Command(name: "loop_ws D, C (resadd)", funct: 11, rs1: 0, rs2: dram(0x40000)))
        c.append(Command(name: "loop_ws strides A, B (resadd)", funct: 12, rs1: 16, rs2: 16))
        c.append(Command(name: "loop_ws strides D, C (resadd)", funct: 13, rs1: 0, rs2: 16))
        c.append(Command(name: "loop_ws (resadd)", funct: 8, rs1: 1, rs2: 1 << 2 | 1 << 1 | 0))
        // loop_conv_ws, with the arguments of encodings.c.
        c.append(Command(name: "loop_conv_ws config 1", funct: 16, rs1: 33 << 48 | 3 << 32 | 17 << 16 | 2,
                         rs2: 1 << 56 | 2 << 48 | 10 << 32 | 5 << 16 | 9))
        c.append(Command(name: "loop_conv_ws config 2", funct: 17, rs1: 3 << 48 | 6 << 32 | 3 << 16 | 2 << 8 | 1,
                         rs2: 1 << 48 | 4 << 32 | 5 << 16 | 32))
        c.append(Command(name: "loop_conv_ws config 3", funct: 18, rs1: 3 << 48 | 2 << 32 | 3 << 16 | 1,
                         rs2: 2 << 48 | 1 << 32 | 3 << 24 | 1 << 16 | 19))
        c.append(Command(name: "loop_conv_ws config 4", funct: 19, rs1: 8 << 48 | 2 << 32 | 1 << 21 | 2 << 10 | 2,
                         rs2: 3 << 48 | 33 << 32 | 33 << 16 | 9))
        c.append(Command(name: "loop_conv_ws config 5", funct: 20, rs1: dram(0x50000), rs2: dram(0x60000)))
        c.append(Command(name: "loop_conv_ws config 6", funct: 21, rs1: dram(0x70000), rs2: dram(0x80000)))
        c.append(Command(name: "loop_conv_ws", funct: 15,
                         rs1: 2 << 18 | 1 << 16 | 5 << 8 | 1 << 6 | 0 << 5 | 1 << 4 | 0 << 3 | 1 << 2 | 1 << 1 | 1,
                         rs2: 1 << 3 | 1 << 2 | 1 << 1 | 0))
        // Counters (funct3 7: a response in rd). Configure: event [17:12], counter [6:4], bit 3;
        // external events set bit 31 and count from 1 after the 44 internal ones.
        c.append(Command(name: "counter_configure", funct: 126, rs1: 9 << 12 | 3 << 4 | 8, rs2: 0, funct3: 7))
        c.append(Command(name: "counter_configure (external)", funct: 126, rs1: 1 << 31 | 4 << 12 | 7 << 4 | 8, rs2: 0, funct3: 7))
        c.append(Command(name: "counter_read", funct: 126, rs1: 5 << 4, rs2: 0, funct3: 7))
        c.append(Command(name: "counter_snapshot_take", funct: 126, rs1: 4, rs2: 0, funct3: 7))
        c.append(Command(name: "counter_snapshot_reset", funct: 126, rs1: 2, rs2: 0, funct3: 7))
        c.append(Command(name: "counter_reset", funct: 126, rs1: 1, rs2: 0, funct3: 7))
        // Autocomp's short names.
        c.append(config("config_ex", configEx(dataflow: 1, act: 1, shift: 0, scale: 1, cStride: 1, aStride: 1,
                                              aTranspose: false, bTranspose: true, setOnlyStrides: false)))
        c.append(config("config_ld", configLd(stride: 64, scale: -1, shrink: false, blockStride: 4, id: 2)))
        c.append(config("config_st(stride)", configSt(stride: 128, act: 0, scale: 1)))
        c.append(config("config_st(stride, scale)", configSt(stride: 128, act: 0, scale: -1)))
        c.append(Command(name: "mvin", funct: 2, rs1: dram(0x1000), rs2: operand(0x10, cols: 4, rows: 4)))
        c.append(Command(name: "mvin2", funct: 1, rs1: dram(0x2000), rs2: operand(0x20, cols: 3, rows: 2)))
        c.append(Command(name: "mvin3", funct: 14, rs1: dram(0x3000), rs2: operand(0x8000_0000, cols: 4, rows: 1)))
        c.append(Command(name: "mvout", funct: 3, rs1: dram(0x4000), rs2: operand(0xC000_0000, cols: 2, rows: 3)))
        c.append(Command(name: "preload", funct: 6, rs1: operand(0x100, cols: 4, rows: 4), rs2: operand(0xC000_0004, cols: 4, rows: 3)))
        c.append(Command(name: "compute_preloaded", funct: 4, rs1: operand(0x10, cols: 4, rows: 3), rs2: operand(0xFFFF_FFFF, cols: 4, rows: 3)))
        c.append(Command(name: "compute_accumulated", funct: 5, rs1: operand(0x11, cols: 2, rows: 1), rs2: operand(0xFFFF_FFFF, cols: 4, rows: 1)))
        return c
    }
}
