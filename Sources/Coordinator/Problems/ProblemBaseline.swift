/// The solutions that ship with every problem.
public enum ProblemBaseline: String, Sendable, CaseIterable {
    /// The starting code: plain ISA calls, one tile at a time (where the search begins).
    case start
    /// The software library (tiled operations sequenced by the CPU, WS_SW).
    case library
    /// The library driving the hardware loop unrollers (WS).
    case hardwareLoop = "hardware_loop"

    /// The file that holds it in the problem's directory.
    public var fileName: String { rawValue + ".c" }
}
