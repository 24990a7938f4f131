import Foundation
import Testing
@testable import Simulator

/// The host core's cycle model (RocketTiming) against closed-form costs of micro-kernels
/// (Programs/timing/kernels.S), under the default Rocket parameters and a variant with every
/// exercised latency changed. Each test states its formula and tolerance; each formula holds
/// only if the model charges the effect it names (the failure that forgetting it would cause
/// is given as "without it").
@Suite("Host core timing")
struct CoreTimingTests {
    @Test("Independent ALU ops issue one per cycle")
    func independentALU() throws {
        for run in TimingKernels.both {
            let k = try run.get(), m = try k("alu")
            // cycles = instructions + one misprediction (the loop's exit), ± 1% of the instructions.
            // Without single-cycle issue (any per-instruction extra) it is off by >= 100%.
            expectNear(m.cycles, m.instructions + k.core.branchMispredictPenalty, tolerance: m.instructions / 100, "alu")
        }
    }

    @Test("A chain of dependent loads costs the load-use latency per load")
    func loadUse() throws {
        for run in TimingKernels.both {
            let k = try run.get(), m = try k("load_chain")
            // 2000 iterations x 8 loads x load-use latency (the loop overhead hides in the last
            // load's shadow), ± 1%. Without the latency: 2000 x 10 (-58% at 3 cycles).
            let expected = 2000 * 8 * k.core.dataCache.hitLatency
            expectNear(m.cycles, expected, tolerance: expected / 100, "load chain, load-use \(k.core.dataCache.hitLatency)")
        }
    }

    @Test("Multiplies and divides: latency, and one iterative unit")
    func multiplyDivide() throws {
        for run in TimingKernels.both {
            let k = try run.get()
            // iterations x 8 x latency, ± 1%, whether or not the operations depend on each
            // other: the unit is busy for the whole operation. Without the latency the chains
            // cost 10 per iteration; without the busy unit the independent ones do.
            for (name, iterations, latency) in [
                ("mul_chain", 500, k.core.multiplyLatency), ("mul_independent", 500, k.core.multiplyLatency),
                ("div_chain", 200, k.core.divideLatency), ("div_independent", 200, k.core.divideLatency),
            ] {
                let expected = iterations * 8 * latency
                expectNear(try k(name).cycles, expected, tolerance: expected / 100, "\(name), latency \(latency)")
            }
        }
    }

    @Test("Floating point: dependent fused multiply-adds wait, independent ones pipeline, divides share a unit")
    func floatingPoint() throws {
        for run in TimingKernels.both {
            let k = try run.get()
            // 1000 x 8 x fused latency, ± 1% (without the latency: 1000 x 10).
            let chain = try k("fma_chain"), chainExpected = 1000 * 8 * k.core.floatFusedLatency
            expectNear(chain.cycles, chainExpected, tolerance: chainExpected / 100, "fma chain")
            // Independent FMAs: CPI 1, cycles = instructions + exit misprediction, ± 1% (a model
            // that treated the FPU as unpipelined would charge 8 x latency per iteration).
            let independent = try k("fma_independent")
            expectNear(
                independent.cycles, independent.instructions + k.core.branchMispredictPenalty,
                tolerance: independent.instructions / 100, "independent fma")
            // 200 x 4 independent divides x divide latency, ± 1% (the divide unit is iterative).
            let divides = try k("fdiv_independent"), dividesExpected = 200 * 4 * k.core.floatDivideLatency
            expectNear(divides.cycles, dividesExpected, tolerance: dividesExpected / 100, "independent fdiv.d")
        }
    }

    /// The mispredictions a 2-bit saturating counter per branch makes on the kernel's two
    /// branches (the data-dependent `beqz` and the loop's `bnez`) during its second pass.
    static func expectedMispredictions(_ data: [UInt8]) -> Int {
        var counters: [Int] = [1, 1]
        var missed = 0
        for pass in 0..<2 {
            for (index, byte) in data.enumerated() {
                for (branch, taken) in [byte == 0, index < data.count - 1].enumerated() {
                    if pass == 1 && (counters[branch] >= 2) != taken { missed += 1 }
                    counters[branch] = taken ? min(3, counters[branch] + 1) : max(0, counters[branch] - 1)
                }
            }
        }
        return missed
    }

    /// The driver's random branch outcomes (xorshift64; the byte is bit 32).
    static let randomBits: [UInt8] = {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<4000).map { _ in
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return UInt8((x >> 32) & 1)
        }
    }()

    @Test("An always-taken branch is predicted; a random one costs the penalty per misprediction")
    func branches() throws {
        let alwaysTaken = Self.expectedMispredictions([UInt8](repeating: 0, count: 4000))
        let random = Self.expectedMispredictions(Self.randomBits)
        #expect(alwaysTaken == 1 && random > 1000, "oracle: \(alwaysTaken) and \(random) mispredictions")
        for run in TimingKernels.both {
            let k = try run.get()
            let penalty = k.core.branchMispredictPenalty
            // The load feeding the branch is 3 instructions ahead: it stalls by load-use - 3.
            let loadStall = 4000 * max(0, k.core.dataCache.hitLatency - 3)
            for (name, mispredictions) in [("branch_taken", alwaysTaken), ("branch_random", random)] {
                let m = try k(name)
                // cycles = instructions + load stalls + penalty x the counters' mispredictions,
                // ± 4 mispredictions (other branches of the program may share a counter between
                // the passes) + 0.5%. Without the penalty the random run is ~30% short.
                let expected = m.instructions + loadStall + penalty * mispredictions
                expectNear(m.cycles, expected, tolerance: 4 * penalty + expected / 200, "\(name), penalty \(penalty)")
            }
        }
    }

    @Test("Data streams: L1 hits are free, the L2 and DRAM latencies are paid once per line")
    func dataCaches() throws {
        for run in TimingKernels.both {
            let k = try run.get()
            let penalty = k.core.branchMispredictPenalty
            let l2 = k.memory.l2.hitLatency, dram = l2 + k.memory.dramLatency
            // Second pass over each buffer, one access per 64-byte line:
            // cycles = instructions + lines x miss latency + the loop's exit misprediction, ± 1% + 2.
            //  8 KiB (fits the 16 KiB L1): no misses (without the L1 every line costs the L2's latency);
            //  64 KiB, loads and stores (write-allocate): 1024 lines from the L2 (24 cycles each);
            //  1 MiB (twice the L2): 16384 lines from DRAM (L2 + DRAM latency each).
            for (name, lines, latency) in [
                ("stream_l1", 128, 0), ("stream_l2", 1024, l2), ("store_l2", 1024, l2), ("stream_dram", 16384, dram),
            ] {
                let m = try k(name)
                let expected = m.instructions + lines * latency + penalty
                expectNear(m.cycles, expected, tolerance: expected / 100 + 2, "\(name), \(latency) cycles per line")
            }
        }
    }

    @Test("Straight-line code larger than the I-cache misses once per line")
    func instructionCache() throws {
        for run in TimingKernels.both {
            let k = try run.get()
            let l2 = k.memory.l2.hitLatency
            // 8 KiB fits: cycles = instructions, ± 1%.
            let small = try k("code_small")
            expectNear(small.cycles, small.instructions, tolerance: small.instructions / 100, "8 KiB block")
            // 32 KiB: cycles = instructions + 512 lines x L2 latency (+ I-cache hit latency - 1,
            // zero here), ± 1% (which also covers the caller's line, evicted by the block).
            // Without the I-cache the block would cost its instructions only (-60%).
            let large = try k("code_large")
            let expected = large.instructions + 512 * (l2 + k.core.instructionCache.hitLatency - 1)
            expectNear(large.cycles, expected, tolerance: expected / 100, "32 KiB block")
        }
    }

    @Test("Returns are predicted by the return-address stack, up to its depth")
    func returnAddressStack() throws {
        for run in TimingKernels.both {
            let k = try run.get()
            let penalty = k.core.branchMispredictPenalty, entries = k.core.returnStackEntries
            // cycles = instructions + penalty x (iterations x 2 descents x the returns beyond
            // the stack's depth, + the loop's exit), ± 1%.
            // A leaf called from two sites: its return alternates, so without the stack
            // (last target only) every return would mispredict.
            // Chains of depth 4 and 10 (each return alternating between two targets): beyond
            // the stack's depth returns mispredict; an unbounded stack would predict all.
            for (name, iterations, depth) in [("calls_leaf", 2000, 1), ("calls_shallow", 500, 4), ("calls_deep", 500, 10)] {
                let m = try k(name)
                let mispredictions = iterations * 2 * max(0, depth - entries) + 1
                let expected = m.instructions + penalty * mispredictions
                expectNear(m.cycles, expected, tolerance: expected / 100, "\(name), \(entries)-entry stack")
            }
        }
    }

    @Test("Hardware feedback counts the stalls and misses")
    func feedback() throws {
        let k = try TimingKernels.defaults.get()
        let core = try #require(k.result.hardware?.core)
        // At least what the measured passes alone cause (the warm-up passes add more).
        #expect(core.dataCacheMisses >= 16384 + 1024 + 1024)
        #expect(core.instructionCacheMisses >= 512)
        #expect(core.branchMispredictions >= UInt64(Self.expectedMispredictions(Self.randomBits)))
        #expect(core.branchPenaltyCycles == core.branchMispredictions * UInt64(k.core.branchMispredictPenalty))
        #expect(core.memoryStallCycles >= 16384 * UInt64(k.memory.l2.hitLatency + k.memory.dramLatency))
        #expect(core.dependencyStallCycles >= 2000 * 8 * UInt64(k.core.dataCache.hitLatency - 1))
        #expect(core.instructionsPerCycle > 0 && core.instructionsPerCycle < 1)
        #expect(k.result.cycles == k.result.hardware?.cycles)
    }
}
