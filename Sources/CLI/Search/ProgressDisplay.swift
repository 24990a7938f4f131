import Coordinator
import Foundation
import Synchronization

/// The search's progress on the terminal: a status line redrawn in place (iteration,
/// planned/coded/evaluated counts, best cycles and speedup, LLM tokens) with permanent lines
/// above it for each finished iteration. When standard output is not a terminal it degrades to
/// plain lines: one per iteration start and end, and a progress line at most every 15 s.
final class ProgressDisplay: Sendable {
    private struct State {
        var startCycles: UInt64 = 0
        var lastDraw = Date.distantPast
        var statusShown = false
        var progress: SearchEvent.Progress?
    }

    private let interactive: Bool
    private let totalIterations: Int
    private let idealCycles: Double
    private let state = Mutex(State())

    init(totalIterations: Int, idealCycles: Double) {
        self.interactive = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
        self.totalIterations = totalIterations
        self.idealCycles = idealCycles
    }

    /// A permanent line.
    func line(_ text: String) {
        state.withLock { state in
            clearStatus(&state)
            print(text)
            fflush(nil)
        }
    }

    func handle(_ event: SearchEvent) {
        switch event {
        case .baselines(let baselines):
            state.withLock { $0.startCycles = baselines["start"]?.cycles ?? 0 }
            let parts = [("start", "starting code"), ("library", "software library"), ("hardware_loop", "hardware loop")].map { key, name in
                "\(name) \(baselines[key].flatMap { $0.status == .correct ? $0.cycles : nil }.map { describe($0) } ?? "(\(baselines[key]?.status.rawValue ?? "?"))")"
            }
            line("  reference: " + parts.joined(separator: "; "))
        case .resumed(let iteration, let candidates):
            line("  resumed after iteration \(iteration) (\(candidates) candidates recorded)")
        case .iterationStarted(let iteration, let total, let beam, let replaying):
            if !interactive {
                line("iteration \(iteration)/\(total): beam of \(beam.count), best \(describe(beam[0].cycles ?? 0))" +
                     (replaying.map { " (replaying \($0))" } ?? ""))
            }
        case .progress(let progress):
            state.withLock { state in
                state.progress = progress
                let now = Date()
                let interval = interactive ? 0.1 : 15
                guard now.timeIntervalSince(state.lastDraw) >= interval else { return }
                state.lastDraw = now
                let text = status(progress, startCycles: state.startCycles)
                if interactive {
                    print("\r\u{1B}[2K" + text, terminator: "")
                    state.statusShown = true
                } else {
                    print("  " + text)
                }
                fflush(nil)
            }
        case .iterationFinished(let iteration, let beam, let improved):
            let counts = state.withLock { $0.progress }
            var text = "iteration \(iteration)/\(totalIterations): best \(describe(beam[0].cycles ?? 0))" + (improved ? " (improved)" : "")
            if let counts { text += "; \(counts.planned) plans, \(counts.coded) codes, \(counts.evaluated) evaluated" }
            line(text)
        case .stopped(let reason):
            line("  stopped: \(reason)")
        }
    }

    /// Clears the status line before the summary.
    func finish() {
        state.withLock { clearStatus(&$0) }
    }

    private func clearStatus(_ state: inout State) {
        guard state.statusShown else { return }
        print("\r\u{1B}[2K", terminator: "")
        state.statusShown = false
    }

    private func status(_ progress: SearchEvent.Progress, startCycles: UInt64) -> String {
        var parts = ["iteration \(progress.iteration)/\(totalIterations)"]
        if progress.plansWanted > 0 { parts.append("planned \(progress.planned)/\(progress.plansWanted)") }
        parts.append("coded \(progress.coded)/\(progress.codesWanted)")
        parts.append("evaluated \(progress.evaluated)/\(progress.evaluationsWanted)")
        parts.append("best \(describe(progress.bestCycles, start: startCycles))")
        if progress.inputTokens + progress.outputTokens > 0 {
            parts.append("tokens \(progress.inputTokens / 1000)k in, \(progress.outputTokens / 1000)k out")
        }
        return parts.joined(separator: " | ")
    }

    private func describe(_ cycles: UInt64, start: UInt64? = nil) -> String {
        guard cycles > 0 else { return "-" }
        let startCycles = start ?? state.withLock { $0.startCycles }
        var text = "\(cycles) cycles (\(String(format: "%.1f%%", idealCycles / Double(cycles) * 100))"
        if startCycles > 0 { text += String(format: ", %.2fx", Double(startCycles) / Double(cycles)) }
        return text + ")"
    }
}
