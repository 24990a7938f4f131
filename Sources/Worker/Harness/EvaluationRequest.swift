public import Simulator

/// A candidate's C text and the name it goes by (in results and compiler diagnostics).
public struct SolutionSource: Sendable {
    public var name: String
    public var text: String

    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}

/// What to evaluate: candidate solutions in a harness, on an accelerator design.
public struct EvaluationRequest: Sendable {
    /// The harness's C text, with its substitution markers.
    public var harness: String
    /// The harness's name in diagnostics.
    public var harnessName: String
    public var solutions: [SolutionSource]
    /// The design the program is compiled for and simulated with.
    public var accelerator: GemminiConfiguration
    /// Overrides the harness's REPEAT (nil keeps the problem's own).
    public var repeatCount: Int?
    /// The harness's variable names, which the solutions' parameters must match (nil: no check).
    public var expectedParameters: [String]?
    /// Wall-clock limit per simulated program, in seconds (nil: none).
    public var timeoutSeconds: Double?
    /// Simulated memory in bytes.
    public var memorySize: UInt64
    /// Keep the build directory (assembled C, programs) instead of removing it.
    public var keepFiles: Bool
    /// Put several solutions into one program (batch mode); false builds one program each.
    public var batch: Bool
    /// Model cycles with the design's timing parameters (false: count instructions, faster).
    public var modelsCycles = true
    /// Simulated instructions per program (nil: no limit).
    public var maxInstructions: UInt64?
    /// Wall-clock limit per compilation, in seconds.
    public var compileTimeoutSeconds: Double = 120
    /// Console bytes kept per program; the rest is dropped (the verdict lines come last, so a
    /// candidate that floods the console loses its verdict, not the worker its memory).
    public var outputLimit = 1 << 20
    /// Run the programs on this board instead of the simulator.
    public var board: BoardRunner?

    public init(
        harness: String, harnessName: String = "harness.c", solutions: [SolutionSource],
        accelerator: GemminiConfiguration, repeatCount: Int? = nil, expectedParameters: [String]? = nil,
        timeoutSeconds: Double? = 600, memorySize: UInt64 = 512 << 20, keepFiles: Bool = false, batch: Bool = true
    ) {
        self.harness = harness
        self.harnessName = harnessName
        self.solutions = solutions
        self.accelerator = accelerator
        self.repeatCount = repeatCount
        self.expectedParameters = expectedParameters
        self.timeoutSeconds = timeoutSeconds
        self.memorySize = memorySize
        self.keepFiles = keepFiles
        self.batch = batch
    }
}
