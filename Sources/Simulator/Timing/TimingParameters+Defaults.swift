extension TimingParameters {
    /// A Rocket-based SoC (Chipyard's GemminiRocketConfig: one Rocket core with 16 KiB L1s, a
    /// 512 KiB L2, DRAM) around a Gemmini design. Gemmini's values come from the RTL facts of
    /// gemmini-reference.md section 5; the core and memory values are Rocket/Chipyard defaults
    /// and calibrations, each explained in Documentation/TimingModel.md.
    public static func rocketSoC(for design: GemminiConfiguration) -> TimingParameters {
        let int8 = design.arithmetic == .int8
        // Pipeline latency from a row's SRAM read to its result at the accumulator:
        // 3 + (tile_latency + 1)(2 DIM - 1) + mesh_output_delay + 2 (reference 5.5).
        let tileLatency = int8 ? 0 : 2
        let meshOutputDelay = int8 ? 1 : 0
        let pipeline = 3 + (tileLatency + 1) * (2 * design.dim - 1) + meshOutputDelay + 2
        return TimingParameters(
            core: CoreParameters(
                multiplyLatency: 8, divideLatency: 40, floatAddLatency: 4, floatMultiplyLatency: 4,
                floatFusedLatency: 4, floatDivideLatency: 20, floatSqrtLatency: 25, floatMiscLatency: 2,
                branchMispredictPenalty: 3, branchHistoryEntries: 512, returnStackEntries: 6, roccCommandCycles: 16,
                instructionCache: CacheParameters(sizeKiB: 16, ways: 4, lineBytes: 64, hitLatency: 1),
                dataCache: CacheParameters(sizeKiB: 16, ways: 4, lineBytes: 64, hitLatency: 3)),
            memory: MemoryParameters(
                l2: CacheParameters(sizeKiB: 512, ways: 8, lineBytes: 64, hitLatency: 24),
                dramLatency: 80, dramBytesPerCycle: 16),
            gemmini: GemminiTimingParameters(
                frontEndLatency: 5, frontEndQueueEntries: 8, loadEntries: 8, executeEntries: 16, storeEntries: 4,
                dmaTransactions: 16, beatBytes: 16, loadCommandsInFlight: 16 / design.dim + 1,
                loadWriteLatency: 6, completionLatency: 2, mvinScaleCyclesPerRow: int8 ? 4 : 1, mvinScaleLatency: 4,
                accumulatorReadLatency: int8 ? 9 : 5, meshPipelineLatency: pipeline,
                meshTagEntries: int8 ? 5 : 15, minimumComputeRows: 4))
    }
}
