public import Foundation
public import Simulator

/// The outcome of an evaluation: a verdict per solution and what was built and run.
public struct EvaluationReport: Sendable {
    /// One solution's verdict.
    public struct Solution: Sendable {
        public var name: String
        public var result: CandidateResult
        /// The compiler's errors when it did not build.
        public var diagnostics: String
        /// What the cycle model measured in the solution's timed region (its fastest repeat),
        /// when cycles were modelled and it is correct.
        public var region: TimedRegion? = nil
    }

    /// One program that was built (and run, if it built).
    public struct Program: Sendable {
        /// The solutions it holds, in timing-block order (more than one: batch mode).
        public var solutions: [String]
        /// The assembled C file (gone unless the files were kept).
        public var source: URL
        public var compileSeconds: Double
        /// The simulation, when the program built.
        public var simulation: SimulationResult?
    }

    /// In the order of the request's solutions.
    public var solutions: [Solution]
    /// In the order they were built; a batch that failed is followed by one program per solution.
    public var programs: [Program]
    /// The build directory, when the files were kept.
    public var directory: URL?

    public var allCorrect: Bool { solutions.allSatisfy { $0.result.isCorrect } }
}
