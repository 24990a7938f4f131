import ClusterProtocol

/// The checks a submitted job passes before it is queued, so that a malformed request is
/// refused at once with a reason instead of failing later on some worker.
enum JobSpecValidation {
    static let maxJobsPerSubmit = 10_000
    static let maxHarnessBytes = 1 << 20
    static let maxCandidatesPerJob = 256
    static let maxCandidateBytes = 512 << 10

    /// Nil when the batch is acceptable, else what is wrong with it (naming the job).
    static func problem(with jobs: [WireJobSpec]) -> String? {
        guard !jobs.isEmpty else { return "the batch holds no jobs" }
        guard jobs.count <= maxJobsPerSubmit else { return "the batch holds \(jobs.count) jobs; at most \(maxJobsPerSubmit) per call" }
        for (index, job) in jobs.enumerated() {
            if let problem = problem(with: job) { return "job \(index + 1): \(problem)" }
        }
        return nil
    }

    static func problem(with job: WireJobSpec) -> String? {
        if job.harness.isEmpty { return "no harness text" }
        if job.harness.utf8.count > maxHarnessBytes { return "the harness is \(job.harness.utf8.count) bytes; at most \(maxHarnessBytes)" }
        if job.candidates.isEmpty { return "no candidates" }
        if job.candidates.count > maxCandidatesPerJob { return "\(job.candidates.count) candidates; at most \(maxCandidatesPerJob) per job" }
        for candidate in job.candidates {
            if candidate.body.utf8.count > maxCandidateBytes {
                return "candidate \(candidate.name): \(candidate.body.utf8.count) bytes; at most \(maxCandidateBytes)"
            }
            if candidate.name.count > 256 { return "a candidate name is longer than 256 characters" }
        }
        if job.accelerator.isEmpty { return "no accelerator configuration named" }
        if let define = job.defines.first(where: { !isDefine($0) }) { return "define \"\(define)\": expected NAME or NAME=VALUE" }
        let limits = job.limits
        if !(limits.runSeconds >= 0 && limits.compileSeconds >= 0) { return "negative or invalid time limit" }
        if !WireBackend.allCases.contains(job.backend) { return "unknown backend \(job.backend.rawValue)" }
        return nil
    }

    /// NAME or NAME=VALUE with a C identifier and a plain value (no spaces, quotes or flags).
    static func isDefine(_ text: String) -> Bool {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard let name = parts.first, let head = name.first, head == "_" || head.isLetter, head.isASCII,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return false }
        guard parts.count == 2 else { return true }
        return parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.+-".contains($0)) }
    }
}
