import Foundation

/// The feedback part of a planning prompt: the measured latency (always), and behind options
/// the memory utilization and a compact profile from the timing model's HardwareSummary.
public enum PromptFeedback {
    /// Autocomp's sentence, with the number as a plain integer.
    public static func latencyLine(cycles: UInt64) -> String {
        "The latency of this code was \(cycles) cycles."
    }

    /// "Scratchpad utilization is X KB out of Y KB." and the accumulator's equivalent: the
    /// highest row the code used, as the summary measures it. A summary without capacities
    /// (zero) takes them from the configuration.
    public static func utilizationLines(_ summary: HardwareSummary, facts: AcceleratorFacts? = nil) -> [String] {
        let scratchpad = summary.scratchpadCapacityKB > 0 ? summary.scratchpadCapacityKB : Double(facts?.scratchpadKiB ?? 0)
        let accumulator = summary.accumulatorCapacityKB > 0 ? summary.accumulatorCapacityKB : Double(facts?.accumulatorKiB ?? 0)
        return [
            "Scratchpad utilization is \(kilobytes(summary.scratchpadKB)) KB out of \(kilobytes(scratchpad)) KB.",
            "Accumulator utilization is \(kilobytes(summary.accumulatorKB)) KB out of \(kilobytes(accumulator)) KB.",
        ]
    }

    /// A few sentences on where the accelerator's time went: unit busy fractions, the stall
    /// causes from largest to smallest, DMA traffic and bandwidth, bank conflicts.
    public static func hardwareParagraph(_ s: HardwareSummary) -> String {
        var sentences = [
            "Hardware profile of the timed code: the systolic array did useful work \(percent(s.meshUtilization)) of the cycles; the load unit was busy \(percent(s.loadBusy)), the store unit \(percent(s.storeBusy)) and the execute unit \(percent(s.executeBusy)) of the time."
        ]
        let stalls = [
            ("waiting for the CPU to issue them", s.waitingOnHostCycles),
            ("waiting for DMA data", s.waitingOnDMACycles),
            ("waiting on dependencies between commands", s.waitingOnDependenciesCycles),
            ("waiting for room in a full command queue", s.reservationStationFullCycles),
        ].filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
        if stalls.isEmpty {
            sentences.append("Commands never stalled.")
        } else {
            // Summed over commands, these can exceed the run's length; their ranking is what matters.
            let listed = stalls.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            sentences.append("Cycles commands spent stalled, summed over all commands, largest first: \(listed).")
        }
        sentences.append(
            "DMA moved \(s.dmaBytesRead) bytes in and \(s.dmaBytesWritten) bytes out, \(decimal(s.dmaBytesPerCycle)) bytes per cycle on average.")
        sentences.append(
            s.bankConflictCycles > 0
                ? "Scratchpad bank conflicts added \(s.bankConflictCycles) cycles to computes."
                : "There were no scratchpad bank conflicts.")
        return sentences.joined(separator: " ")
    }

    /// Whole numbers without decimals, others with one ("128", "30.5").
    static func kilobytes(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }

    static func percent(_ fraction: Double) -> String {
        fraction.isFinite ? "\(Int((fraction * 100).rounded()))%" : "?%"
    }

    static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }
}
