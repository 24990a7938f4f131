import Coordinator
import Foundation
import Simulator
import Testing
import Worker

/// Evaluates solutions of a suite problem the way `autocomp eval` does: the problem's harness,
/// design and parameter names, through `HarnessEvaluator`.
enum SuiteEvaluation {
    static let catalog: ProblemCatalog = {
        do { return try ProblemCatalog.builtIn() } catch { fatalError("the built-in suite does not load: \(error)") }
    }()
    static let pool = SimulatorPool()

    static func evaluate(
        _ problem: Problem, _ solutions: [SolutionSource], repeatCount: Int? = nil, timeoutSeconds: Double = 1200,
        batch: Bool = true
    ) async throws -> EvaluationReport {
        let request = EvaluationRequest(
            harness: problem.harness, harnessName: "\(problem.id)/harness.c", solutions: solutions,
            accelerator: try AcceleratorCatalog.resolve(problem.accelerator), repeatCount: repeatCount,
            expectedParameters: try SolutionFunction.parameterNames(ofSignature: problem.signature),
            timeoutSeconds: timeoutSeconds, batch: batch)
        return try await HarnessEvaluator(compiler: try CrossCompiler.locate(), pool: pool).evaluate(request)
    }

    /// The problem's three baselines as solutions.
    static func baselines(of problem: Problem) -> [SolutionSource] {
        ProblemBaseline.allCases.map { SolutionSource(name: $0.fileName, text: problem.solution($0)) }
    }

    /// The starting code with `original` replaced (it must occur).
    static func startCode(of problem: Problem, replacing original: String, with replacement: String) throws -> String {
        try #require(problem.startCode.contains(original), "\(problem.id)/start.c does not contain \(original)")
        return problem.startCode.replacingOccurrences(of: original, with: replacement)
    }
}
