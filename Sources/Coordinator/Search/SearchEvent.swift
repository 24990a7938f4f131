/// What the search reports as it goes, for progress displays and logs.
public enum SearchEvent: Sendable {
    /// The reference programs were evaluated (name -> outcome).
    case baselines([String: SearchCandidate.Outcome])
    /// A run directory resumed at this iteration.
    case resumed(iteration: Int, candidates: Int)
    case iterationStarted(iteration: Int, of: Int, beam: [SearchCandidate], replaying: String?)
    /// Counts so far in the current iteration.
    case progress(Progress)
    case iterationFinished(iteration: Int, beam: [SearchCandidate], improved: Bool)
    case stopped(reason: String)

    public struct Progress: Sendable, Equatable {
        public var iteration: Int
        public var planned = 0
        public var plansWanted = 0
        public var coded = 0
        public var codesWanted = 0
        public var evaluated = 0
        public var evaluationsWanted = 0
        public var bestCycles: UInt64 = 0
        public var inputTokens = 0
        public var outputTokens = 0

        public init(iteration: Int) {
            self.iteration = iteration
        }
    }
}
