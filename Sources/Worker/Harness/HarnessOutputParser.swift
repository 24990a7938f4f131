import Foundation

/// Reads a harness's console output (the contract in Documentation/Problems.md):
/// `Generated implementation latency: N cycles` per candidate in order (N = 99999999999 for a
/// candidate that failed in batch mode), `Incorrect result` when the only candidate failed,
/// `Correct result` at the end, and `Mismatch in candidate K (repeat R): ...` explaining a failure.
public enum HarnessOutputParser {
    /// The latency a failed candidate reports in batch mode.
    public static let failedLatency: UInt64 = 99_999_999_999

    /// What the output says about each of `candidates` candidates. A run that stopped before
    /// printing every verdict gives `.failed` for all of them (the caller knows why it stopped).
    public static func parse(_ output: String, candidates: Int) -> [CandidateResult] {
        var latencies: [UInt64] = []
        var mismatches: [Int: String] = [:]
        var sawCorrect = false, sawIncorrect = false
        for rawLine in output.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if let latency = latency(in: line) {
                latencies.append(latency)
            } else if line == "Correct result" {
                sawCorrect = true
            } else if line == "Incorrect result" {
                sawIncorrect = true
            } else if let (candidate, reason) = mismatch(in: line), mismatches[candidate] == nil {
                mismatches[candidate] = reason
            }
        }
        func incorrect(_ index: Int) -> CandidateResult {
            .incorrect(reason: mismatches[index + 1] ?? "the output does not match the gold")
        }
        if candidates == 1 && sawIncorrect {
            return [incorrect(0)]
        }
        guard sawCorrect, latencies.count == candidates else {
            let reason = latencies.count > candidates
                ? "the program printed \(latencies.count) latency lines for \(candidates) candidate\(candidates == 1 ? "" : "s")"
                : "the program ended before printing every result"
            return Array(repeating: .failed(reason: reason), count: candidates)
        }
        return latencies.enumerated().map { index, latency in
            latency == failedLatency ? incorrect(index) : .correct(cycles: latency)
        }
    }

    /// N from `Generated implementation latency: N cycles`.
    static func latency(in line: String) -> UInt64? {
        let prefix = "Generated implementation latency: ", suffix = " cycles"
        guard line.hasPrefix(prefix), line.hasSuffix(suffix), line.count > prefix.count + suffix.count else { return nil }
        return UInt64(line.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// (K, "repeat R: ...") from `Mismatch in candidate K (repeat R): ...`.
    static func mismatch(in line: String) -> (Int, String)? {
        let prefix = "Mismatch in candidate "
        guard line.hasPrefix(prefix) else { return nil }
        let rest = line.dropFirst(prefix.count)
        let digits = rest.prefix { $0.isNumber }
        guard let number = Int(digits) else { return nil }
        var detail = rest.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if detail.hasPrefix("("), let close = detail.range(of: "): ") {
            detail = String(detail[detail.index(after: detail.startIndex)..<close.lowerBound]) + ": " + detail[close.upperBound...]
        }
        return (number, detail)
    }
}
