/// One program for the pool to run, with its own limits.
public struct SimulationJob: Sendable {
    public var program: ProgramImage
    public var options: SimulationOptions
    /// Builds a fresh accelerator for this run (on the simulation thread), or nil for none.
    public var makeAccelerator: (@Sendable () -> (any RoCCAccelerator)?)?

    public init(
        program: ProgramImage, options: SimulationOptions = SimulationOptions(),
        makeAccelerator: (@Sendable () -> (any RoCCAccelerator)?)? = nil
    ) {
        self.program = program
        self.options = options
        self.makeAccelerator = makeAccelerator
    }
}
