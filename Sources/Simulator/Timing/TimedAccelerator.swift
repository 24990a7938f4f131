/// An accelerator that can model cycles. `Simulation` switches timing on for a run by handing
/// it the run's parameters and the memory system it shares with the host core.
protocol TimedAccelerator: AnyObject {
    func enableTiming(_ parameters: GemminiTimingParameters, memory: MemorySystem)
    /// The accelerator's statistics so far over a run of `cycles` (nil when timing is off).
    func acceleratorFeedback(cycles: UInt64) -> AcceleratorFeedback?
    /// The counts so far, to difference over a timed region (nil when timing is off); the
    /// high-water marks of the next region start from here.
    func takeTimingSnapshot() -> GemminiTimingStatistics?
    /// Feedback for the activity between two snapshots over `cycles`.
    func acceleratorFeedback(from start: GemminiTimingStatistics, to end: GemminiTimingStatistics, cycles: UInt64) -> AcceleratorFeedback?
}
