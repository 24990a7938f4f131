/// An accelerator that can model cycles. `Simulation` switches timing on for a run by handing
/// it the run's parameters and the memory system it shares with the host core.
protocol TimedAccelerator: AnyObject {
    func enableTiming(_ parameters: GemminiTimingParameters, memory: MemorySystem)
    /// The accelerator's statistics so far (nil when timing is off).
    var acceleratorFeedback: AcceleratorFeedback? { get }
}
