import Foundation
import Simulator
import Testing

@Suite("Simulator pool")
struct PoolTests {
    /// The checksum `pool_seed.c` computes for a seed, by the same algorithm.
    static func checksum(seed: Int) -> UInt64 {
        var x = UInt64(seed) &* 0x9e37_79b9_7f4a_7c15 &+ 1
        var values = [UInt64](repeating: 0, count: 4096)
        for i in 0..<4096 {
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            values[i] = x % 1_000_003
        }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<4096 { h = (h ^ values[(i * 31) % 4096]) &* 0x0000_0100_0000_01b3 }
        return h
    }

    static func hex16(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    @Test("Two threads run 14 jobs: 12 seeds each with its own result, one stopped by its limit, one fault")
    func moreJobsThanThreads() async throws {
        let seeds = Array(1...12)
        // Build every variant (the 12 seeds and a faulting one) concurrently.
        let variants: [(defines: [String], variant: String)] =
            seeds.map { (["SEED=\($0)"], "-seed\($0)") } + [(["SEED=99", "FAULT"], "-fault")]
        let paths = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, item) in variants.enumerated() {
                group.addTask { (index, try TestPrograms.build(["pool_seed.c"], defines: item.defines, variant: item.variant)) }
            }
            var paths = [String](repeating: "", count: variants.count)
            for try await (index, path) in group { paths[index] = path }
            return paths
        }
        let images = try paths.map { try ProgramImage(contentsOf: $0) }

        let options = SimulationOptions(maxInstructions: 50_000_000, timeoutSeconds: 60)
        var jobs = seeds.indices.map { SimulationJob(program: images[$0], options: options) }
        // Seed 5 again, but with too small an instruction budget.
        let limited = SimulationJob(program: images[4], options: SimulationOptions(maxInstructions: 10_000))
        jobs.insert(limited, at: 3)
        jobs.insert(SimulationJob(program: images[12], options: options), at: 8)

        let pool = SimulatorPool(threads: 2)
        #expect(pool.threadCount == 2)
        let results = await pool.run(jobs)
        pool.shutdown()
        #expect(results.count == 14)

        let limitedResult = results[3]
        #expect(limitedResult.status == .instructionLimit, "\(TestPrograms.describe(limitedResult))")
        #expect(limitedResult.instret == 10_000)
        #expect(limitedResult.exitCode == nil)
        #expect(limitedResult.standardOutput.isEmpty)

        let faultResult = results[8]
        #expect(faultResult.status == .fault, "\(TestPrograms.describe(faultResult))")
        #expect(faultResult.guestFault?.kind == .illegalInstruction)
        #expect(faultResult.guestFault?.instruction == 0xffff_ffff)
        #expect(faultResult.standardOutputText == "seed 99 checksum \(Self.hex16(Self.checksum(seed: 99)))\n")

        let seedResults = results.enumerated().filter { $0.offset != 3 && $0.offset != 8 }.map(\.element)
        #expect(seedResults.count == 12)
        for (seed, result) in zip(seeds, seedResults) {
            let expected = Self.checksum(seed: seed)
            #expect(result.status == .exited, "seed \(seed): \(TestPrograms.describe(result))")
            #expect(result.standardOutputText == "seed \(seed) checksum \(Self.hex16(expected))\n", "seed \(seed)")
            #expect(result.exitCode == Int64(expected % 251), "seed \(seed): \(TestPrograms.describe(result))")
        }
        // The checksums really depend on the seed.
        #expect(Set(seeds.map { Self.checksum(seed: $0) }).count == 12)
    }
}
