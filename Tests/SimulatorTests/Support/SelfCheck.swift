import Foundation
import Simulator
import Testing
import Worker

/// Runs the self-checking programs in `Programs/` (those built on `check.h`) and turns their
/// verdict into test expectations.
///
/// A self-checking program prints one `FAIL ...` line per failed check and ends with
/// `checks passed: N` (exit 0) or `checks failed: F of N` (exit 1). The test passes only when
/// the program exited 0, printed the summary line, and ran at least `minimumChecks` checks
/// (so a program that silently skipped its work does not pass).
enum SelfCheck {
    /// Compiles and runs a self-checking program, and records the verdict.
    @discardableResult
    static func expectPasses(
        _ sources: [String], defines: [String] = [], variant: String = "", minimumChecks: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SimulationResult {
        let result = try runShowingDiagnostics(
            sources, defines: defines, variant: variant,
            options: SimulationOptions(maxInstructions: 200_000_000, timeoutSeconds: 60), sourceLocation: sourceLocation)
        verify(result, minimumChecks: minimumChecks, sourceLocation: sourceLocation)
        return result
    }

    /// `TestPrograms.run`, recording the compiler's diagnostics when the build fails.
    static func runShowingDiagnostics(
        _ sources: [String], defines: [String] = [], variant: String = "",
        options: SimulationOptions = SimulationOptions(maxInstructions: 200_000_000, timeoutSeconds: 60),
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> SimulationResult {
        do {
            return try TestPrograms.run(sources, defines: defines, variant: variant, options: options)
        } catch let error as ToolchainError {
            Issue.record("\(error.message)\n\(error.diagnostics)", sourceLocation: sourceLocation)
            throw error
        }
    }

    /// Checks the outcome of a self-checking program.
    static func verify(_ result: SimulationResult, minimumChecks: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let summary = TestPrograms.describe(result)
        #expect(result.status == .exited, "\(summary)", sourceLocation: sourceLocation)
        #expect(result.exitCode == 0, "\(summary)", sourceLocation: sourceLocation)
        let failures = result.standardOutputText.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        let shown = failures.prefix(25).joined(separator: "\n") + (failures.count > 25 ? "\n... \(failures.count - 25) more" : "")
        #expect(failures.isEmpty, "\(failures.count) failed checks:\n\(shown)", sourceLocation: sourceLocation)
        let passed = passedCount(result.standardOutputText)
        #expect(passed != nil, "no 'checks passed' line:\n\(summary)", sourceLocation: sourceLocation)
        if let passed {
            #expect(passed >= minimumChecks, "only \(passed) checks ran (expected at least \(minimumChecks))", sourceLocation: sourceLocation)
        }
    }

    /// The N of the final `checks passed: N` line.
    static func passedCount(_ output: String) -> Int? {
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("checks passed: ") }) else { return nil }
        return Int(line.dropFirst("checks passed: ".count))
    }
}
