import Coordinator
import Foundation
import Simulator
import Testing

/// The accelerator descriptions: facts that agree with the simulator's designs, and every
/// macro they mention spelled and called as gemmini.h defines it.
@Suite struct AcceleratorDescriptionTests {
    static let families: [ProblemManifest.Family?] = [nil, .gemm, .conv, .tinympc]
    static let optionSets = [
        AcceleratorDescription.Options(), AcceleratorDescription.Options(hardwareLoops: false, performanceAdvice: false),
    ]

    /// Every description the prompts can contain.
    static func allTexts() -> [(label: String, text: String)] {
        var texts: [(String, String)] = []
        for facts in AcceleratorFacts.builtIn {
            for family in families {
                for options in optionSets {
                    texts.append(("\(facts.name) \(family?.rawValue ?? "any") \(options)",
                                  AcceleratorDescription.text(for: facts, family: family, options: options)))
                }
            }
        }
        return texts
    }

    @Test func factsAgreeWithTheSimulatorsDesigns() throws {
        #expect(AcceleratorFacts.builtIn.map(\.name).sorted() == GemminiConfiguration.builtIn.map(\.name).sorted())
        for facts in AcceleratorFacts.builtIn {
            let design = try #require(GemminiConfiguration.builtIn.first { $0.name == facts.name })
            #expect(facts.dim == design.dim, "\(facts.name)")
            #expect(facts.arithmetic.rawValue == design.arithmetic.rawValue)
            #expect(facts.elementBytes == design.inputBytes)
            #expect(facts.scratchpadRows == design.scratchpadRows)
            #expect(facts.scratchpadBankRows == design.scratchpadBankRows)
            #expect(facts.scratchpadBanks == design.scratchpadBanks)
            #expect(facts.accumulatorRows == design.accumulatorRows)
            #expect(facts.accumulatorBankRows == design.accumulatorBankRows)
            #expect(facts.accumulatorBanks == design.accumulatorBanks)
            #expect(facts.maxBlockLength == design.maxBlockLength)
            #expect(facts.maxBlockLengthAccumulator == design.maxBlockLengthAccumulator)
            // The execution section's numbers are the timing model's.
            let timing = design.timingParameters
            #expect(facts.pipelineLatency == timing.gemmini.meshPipelineLatency, "\(facts.name)")
            let text = AcceleratorDescription.text(for: facts)
            #expect(text.contains("At most \(timing.gemmini.loadEntries) loads, \(timing.gemmini.executeEntries) execute commands and \(timing.gemmini.storeEntries) stores"))
            #expect(text.contains("at most \(timing.gemmini.beatBytes) bytes per cycle") && text.contains("up to \(timing.gemmini.dmaTransactions)"))
            #expect((10...20).contains(timing.core.roccCommandCycles), "the text says ten to twenty cycles per command")
        }
        #expect(AcceleratorFacts.builtIn(named: "default") == .int8_16x16)
        #expect(AcceleratorFacts.builtIn(named: "int8_64x64") == nil)
    }

    @Test func unitFactsForThePlanner() {
        let int8 = AcceleratorFacts.int8_16x16
        #expect(int8.scratchpadRows == 16384 && int8.scratchpadBankRows == 4096 && int8.accumulatorRows == 1024)
        #expect(int8.scratchpadTiles == 1024 && int8.scratchpadBankTiles == 256 && int8.accumulatorTiles == 64)
        #expect(int8.maxBlockLength == 4 && int8.maxBlockLengthAccumulator == 1 && int8.pipelineLatency == 37)
        let large = AcceleratorFacts.int8_32x32
        #expect(large.scratchpadRows == 8192 && large.accumulatorRows == 512 && large.accumulatorTiles == 16)
        #expect(large.maxBlockLength == 4 && large.maxBlockLengthAccumulator == 1)
        let fp32 = AcceleratorFacts.fp32_4x4
        #expect(fp32.scratchpadRows == 16384 && fp32.accumulatorRows == 4096 && fp32.accumulatorBanks == 1)
        #expect(fp32.scratchpadTiles == 4096 && fp32.accumulatorTiles == 1024)
        #expect(fp32.maxBlockLength == 4 && fp32.maxBlockLengthAccumulator == 4 && fp32.pipelineLatency == 26)
    }

    @Test func eachDescriptionStatesItsOwnConfiguration() {
        let int8 = AcceleratorDescription.text(for: .int8_16x16)
        #expect(int8.contains("configuration int8_16x16"))
        #expect(int8.contains("DIM x DIM = 16 x 16"))
        #expect(int8.contains("elem_t is int8_t") && int8.contains("acc_t is int32_t"))
        #expect(int8.contains("256 KB = 16384 rows") && int8.contains("4 banks of 4096 rows"))
        #expect(int8.contains("64 KB = 1024 rows") && int8.contains("2 banks of 512 rows"))
        #expect(int8.contains("the scratchpad holds 1024 tiles (256 per bank), the accumulator 64 tiles"))
        #expect(int8.contains("MAX_BLOCK_LEN = 4 tiles side by side (64 columns)"))
        #expect(int8.contains("(1u << 31) | row, row 0 to 1023"))
        #expect(!int8.contains("float"))

        let large = AcceleratorDescription.text(for: .int8_32x32)
        #expect(large.contains("DIM x DIM = 32 x 32") && large.contains("8192 rows") && large.contains("512 rows"))
        #expect(large.contains("(128 columns)") && !large.contains("16 x 16"))

        let fp32 = AcceleratorDescription.text(for: .fp32_4x4, family: .tinympc)
        #expect(fp32.contains("DIM x DIM = 4 x 4") && fp32.contains("elem_t and acc_t are both float"))
        #expect(fp32.contains("64 KB = 4096 rows") && fp32.contains("One bank"))
        #expect(!fp32.contains("int8_t") && !fp32.contains("saturated to [-128, 127]"))
    }

    @Test func everyInstructionIsDescribed() {
        let text = AcceleratorDescription.text(for: .int8_16x16)
        for call in ["config_ex(", "config_ld(", "config_st(", "mvin(", "mvin2(", "mvin3(", "mvout(", "preload(",
                     "compute_preloaded(", "compute_accumulated(", "fence()", "gemmini_loop_ws(", "tiled_matmul_auto(",
                     "tiled_conv_auto("] {
            #expect(text.contains(call), "\(call)")
        }
        for fact in ["Bit 30", "Bit 29", "GARBAGE_ADDR (0xFFFFFFFF)", "load (config_ld, mvin, mvin2", "in parallel",
                     "Gemmini does not track DRAM", "same scratchpad bank", "about 37 cycles"] {
            #expect(text.contains(fact), "\(fact)")
        }
    }

    @Test func familiesAndOptionsChooseTheSections() {
        let tinympc = AcceleratorDescription.text(for: .fp32_4x4, family: .tinympc)
        #expect(tinympc.contains("stored as a column") && tinympc.contains("gemmini_loop_ws("))
        #expect(!tinympc.contains("tiled_conv_auto(") && !tinympc.contains("kernel position"))
        let conv = AcceleratorDescription.text(for: .int8_16x16, family: .conv)
        #expect(conv.contains("kernel position") && conv.contains("tiled_conv_auto("))
        let gemm = AcceleratorDescription.text(for: .int8_16x16, family: .gemm)
        #expect(!gemm.contains("kernel position") && gemm.contains("double buffering"))
        let bare = AcceleratorDescription.text(
            for: .int8_16x16, family: .gemm, options: .init(hardwareLoops: false, performanceAdvice: false))
        #expect(!bare.contains("## Hardware loops") && !bare.contains("## Performance advice"))
        #expect(!bare.contains("gemmini_loop_ws") && bare.contains("compute_accumulated("))
    }

    @Test func documentedSignaturesAreGemminiHs() throws {
        let header = try GemminiHeader.load()
        for facts in AcceleratorFacts.builtIn {
            let calls = AcceleratorDescription.primitiveCalls(facts) + AcceleratorDescription.matmulLoopCalls(facts)
                + AcceleratorDescription.convolutionLoopCalls(facts)
            for call in calls {
                let declared = try #require(header.callables[call.name], "\(call.name) is not in gemmini.h")
                if declared == ["..."] {
                    // A macro that dispatches on its argument count to NAME_<n> helpers.
                    let helper = header.callables.first { $0.key.hasSuffix("_\(call.name)_\(call.parameters.count)") }
                    #expect(helper?.value == call.parameters, "\(call.signature)")
                } else {
                    #expect(declared == call.parameters, "\(call.signature) vs gemmini.h (\(declared.joined(separator: ", ")))")
                }
            }
        }
    }

    @Test func everyCallInTheTextExistsWithItsArity() throws {
        let header = try GemminiHeader.load()
        let notGemmini: Set<String> = ["solution", "sizeof"]
        var checked = 0
        for (label, text) in Self.allTexts() {
            for call in Self.calls(in: text) where !notGemmini.contains(call.name) {
                checked += 1
                guard let parameters = header.callables[call.name] else {
                    Issue.record("\(label): \(call.name)( is not a macro or function of gemmini.h")
                    continue
                }
                if parameters == ["..."] {
                    #expect(header.callables.keys.contains { $0.hasSuffix("_\(call.name)_\(call.arguments)") },
                            "\(label): \(call.name) with \(call.arguments) arguments")
                } else {
                    #expect(parameters.count == call.arguments, "\(label): \(call.name) takes \(parameters.count) arguments, the text passes \(call.arguments)")
                }
            }
        }
        #expect(checked > 100)
    }

    @Test func predefinedNamesExist() throws {
        var header = try GemminiHeader.load()
        for design in GemminiConfiguration.builtIn { header.add(design.paramsHeader) }
        for name in AcceleratorDescription.predefinedNames {
            #expect(header.defines(name), "\(name) is not defined by gemmini.h or gemmini_params.h")
        }
    }

    @Test func theHeaderReaderFindsWhatItShould() throws {
        let header = try GemminiHeader.load()
        #expect(header.callables["mvin"] == ["dram", "spad", "cols", "rows"])
        #expect(header.callables["config_st"] == ["..."])
        #expect(header.callables["tiled_matmul_auto"]?.count == 24)
        #expect(header.callables["fence"] == [])
        #expect(header.names.contains("GARBAGE_ADDR") && header.names.contains("WS"))
        #expect(header.callables["mvin4"] == nil)
    }

    /// `name(args)` occurrences: the name and the number of top-level arguments.
    static func calls(in text: String) -> [(name: String, arguments: Int)] {
        let bytes = Array(text.utf8)
        var found: [(String, Int)] = []
        for match in text.matches(of: /\b([A-Za-z_]\w*)\(/) {
            let name = String(match.1)
            var index = text.utf8.distance(from: text.utf8.startIndex, to: match.range.upperBound.samePosition(in: text.utf8)!)
            var depth = 1, commas = 0, sawArgument = false
            while index < bytes.count, depth > 0 {
                switch bytes[index] {
                case UInt8(ascii: "("): depth += 1
                case UInt8(ascii: ")"): depth -= 1
                case UInt8(ascii: ","): if depth == 1 { commas += 1 }
                case UInt8(ascii: " "), UInt8(ascii: "\n"): break
                default: sawArgument = true
                }
                index += 1
            }
            found.append((name, sawArgument ? commas + 1 : 0))
        }
        return found
    }
}
