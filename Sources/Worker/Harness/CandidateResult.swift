/// The verdict on one candidate.
public enum CandidateResult: Sendable, Equatable {
    /// Its output matched the gold in every repeat; `cycles` is the fastest repeat.
    case correct(cycles: UInt64)
    /// It ran and its output did not match (the reason names the first wrong element).
    case incorrect(reason: String)
    /// It produced no verdict: rejected, did not compile, crashed, or hit a limit.
    case failed(reason: String)

    public var isCorrect: Bool {
        if case .correct = self { return true }
        return false
    }

    public var cycles: UInt64? {
        if case .correct(let cycles) = self { return cycles }
        return nil
    }

    /// Why it is not correct (nil when it is).
    public var reason: String? {
        switch self {
        case .correct: nil
        case .incorrect(let reason), .failed(let reason): reason
        }
    }
}
