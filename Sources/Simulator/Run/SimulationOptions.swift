/// How to run one program.
public struct SimulationOptions: Sendable {
    /// Simulated memory in bytes (starting at 0x8000_0000). Committed lazily.
    public var memorySize: UInt64 = 512 << 20
    /// Stop after this many retired instructions (nil: no limit).
    public var maxInstructions: UInt64?
    /// Stop after this much wall-clock time in seconds (nil: no limit).
    public var timeoutSeconds: Double?
    /// Most bytes of console output kept in the result (stdout and stderr together).
    public var outputCaptureLimit: Int = 1 << 20
    /// Also write console output straight to this process's stdout/stderr as it happens.
    public var passthroughOutput = false
    /// Model cycles with these parameters (nil: functional only, cycles = instructions).
    public var timing: TimingParameters?

    public init(
        memorySize: UInt64 = 512 << 20, maxInstructions: UInt64? = nil, timeoutSeconds: Double? = nil,
        outputCaptureLimit: Int = 1 << 20, passthroughOutput: Bool = false, timing: TimingParameters? = nil
    ) {
        self.timing = timing
        self.memorySize = memorySize
        self.maxInstructions = maxInstructions
        self.timeoutSeconds = timeoutSeconds
        self.outputCaptureLimit = outputCaptureLimit
        self.passthroughOutput = passthroughOutput
    }
}
