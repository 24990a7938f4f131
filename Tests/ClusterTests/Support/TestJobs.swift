import ClusterProtocol
import Coordinator
import Foundation
import Worker

/// Small real jobs: the TinyMPC forward-rollout problem (fp32 4x4, about a second per job in a
/// debug build) with its starting code, each made distinct by a comment so that none is
/// answered from the result cache.
enum TestJobs {
    static let problem: Problem = {
        do { return try ProblemCatalog.builtIn().problem(id: "tinympc-forward") } catch { fatalError("\(error)") }
    }()

    static func job(_ index: Int, body: String? = nil, runSeconds: Double = 120) -> WireJobSpec {
        .with {
            $0.harness = problem.harness
            $0.harnessName = "\(problem.id)/harness.c"
            $0.candidates = [.with {
                $0.name = "candidate-\(index).c"
                $0.body = body ?? "/* variant \(index) */\n" + problem.startCode
            }]
            $0.accelerator = problem.accelerator
            $0.repeatCount = 1
            $0.modelCycles = true
            $0.limits.runSeconds = runSeconds
            $0.runtimeVersion = RuntimeIdentity.version
        }
    }

    static func jobs(_ count: Int, from first: Int = 0) -> [WireJobSpec] {
        (first..<first + count).map { job($0) }
    }
}
