extension GemminiTimingModel {
    /// The accelerator's hardware feedback over a run of `cycles`.
    func feedback(configuration: GemminiConfiguration, cycles: UInt64) -> AcceleratorFeedback {
        feedback(configuration: configuration, statistics: statistics, cycles: cycles)
    }

    /// Feedback from counts `s` over `cycles`.
    func feedback(configuration: GemminiConfiguration, statistics s: GemminiTimingStatistics, cycles: UInt64) -> AcceleratorFeedback {
        let span = Double(max(1, cycles))
        let scratchpadRowKB = Double(configuration.dim * configuration.inputBytes) / 1024
        let accumulatorRowKB = Double(configuration.dim * configuration.accumulatorBytes) / 1024
        return AcceleratorFeedback(
            dim: dim, macs: s.macs, meshUtilization: Double(s.macs) / (span * Double(dim * dim)),
            loadBusyFraction: Double(s.load.cycles) / span, storeBusyFraction: Double(s.store.cycles) / span,
            executeBusyFraction: Double(s.execute.cycles) / span,
            waitingOnDMACycles: s.waitingOnDMACycles, waitingOnDependenciesCycles: s.waitingOnDependenciesCycles,
            reservationStationFullCycles: s.reservationStationFullCycles, waitingOnHostCycles: s.waitingOnHostCycles,
            dmaBytesRead: s.dmaBytesRead, dmaBytesWritten: s.dmaBytesWritten,
            dmaBytesPerCycle: Double(s.dmaBytesRead &+ s.dmaBytesWritten) / span,
            bankConflictCycles: s.bankConflictCycles,
            scratchpadHighWaterKB: Double(s.scratchpadRowsUsed) * scratchpadRowKB,
            scratchpadCapacityKB: Double(configuration.scratchpadKiB),
            accumulatorHighWaterKB: Double(s.accumulatorRowsUsed) * accumulatorRowKB,
            accumulatorCapacityKB: Double(configuration.accumulatorKiB),
            loopActiveCycles: s.loop.cycles)
    }
}
