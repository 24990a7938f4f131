import ArgumentParser
import ClusterProtocol
import Coordinator
import Foundation
import Simulator
import Worker

/// `autocomp optimize`: Autocomp's search on one problem.
struct OptimizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "optimize",
        abstract: "Optimize a benchmark problem's code: beam search over plans and code from an agent, evaluated on the simulator.",
        discussion: """
            Each iteration, every beam entry gets --plans plans (each choosing one option of the \
            optimization menu, options kept with probability --keep) and each plan --codes \
            implementations; correct programs faster than their parent compete for the --beam \
            places. With no --model, the built-in offline agent plans and codes (GEMM and \
            convolution problems); models are named provider::model (openai::gpt-4o, \
            anthropic::claude-sonnet-4-20250514, vllm@http://host:8000/v1::Qwen/Qwen3-8B).

            Programs run on an embedded cluster (a local worker pool, job store in the run \
            directory) unless --coordinator names a running one. Everything is recorded in the \
            run directory as it happens (run.sqlite, Autocomp's trace files); --resume DIR \
            continues an interrupted run, or extends a finished one with --iterations.
            """
    )

    @Option(help: ArgumentHelp("The problem (see `autocomp problems`).", valueName: "id"))
    var problem: String?

    @Option(name: .customLong("model"), help: ArgumentHelp("A planning model (repeatable: samples are split across them); also codes unless --code-model is given.", valueName: "provider::model"))
    var models: [String] = []

    @Option(name: .customLong("code-model"), help: ArgumentHelp("A coding model (repeatable).", valueName: "provider::model"))
    var codeModels: [String] = []

    @Option(help: ArgumentHelp("Iterations (default 8).", valueName: "T"))
    var iterations: Int?

    @Option(help: ArgumentHelp("Beam width (default 4).", valueName: "B"))
    var beam: Int?

    @Option(help: ArgumentHelp("Plans per beam entry (default 4).", valueName: "N"))
    var plans: Int?

    @Option(help: ArgumentHelp("Code samples per plan (default 2).", valueName: "K"))
    var codes: Int?

    @Option(help: ArgumentHelp("Probability of keeping each menu option (default 0.25).", valueName: "P"))
    var keep: Double?

    @Option(help: ArgumentHelp("Random seed (menus, the offline agent, LLM seeds).", valueName: "S"))
    var seed: UInt64?

    @Flag(help: "Plan and code in one request instead of two.")
    var singlePhase = false

    @Option(help: ArgumentHelp("Stop after this many iterations without a faster program.", valueName: "E"))
    var earlyStop: Int?

    @Option(help: ArgumentHelp("Attempts to re-implement a failed candidate given its error (default 1; LLM agents only).", valueName: "N"))
    var repairs: Int?

    @Option(help: ArgumentHelp("Sampling temperature for LLM agents (default 1).", valueName: "T"))
    var temperature: Double?

    @Flag(help: "Give the planner only the latency, not utilization and the hardware feedback.")
    var latencyOnly = false

    @Option(help: ArgumentHelp("Replay this trajectory first (a trajectory.json, or a run directory).", valueName: "file"))
    var reuse: String?

    @Option(help: ArgumentHelp("The run directory (default: runs/PROBLEM-TIME).", valueName: "dir"))
    var out: String?

    @Option(help: ArgumentHelp("Continue the run in this directory.", valueName: "dir"))
    var resume: String?

    @Option(help: ArgumentHelp("Evaluate on this cluster coordinator instead of an embedded one.", valueName: "host:port"))
    var coordinator: String?

    @OptionGroup var certificates: CertificateOptions

    @Option(help: ArgumentHelp("Jobs the embedded cluster runs at once (default: one per core).", valueName: "N"))
    var slots: Int?

    @OptionGroup var llm: LLMOptions

    func validate() throws {
        if problem == nil && resume == nil { throw ValidationError("give --problem ID (see `autocomp problems`), or --resume DIR") }
        if resume != nil {
            let fixed: [(String, Bool)] = [
                ("--problem", problem != nil), ("--model", !models.isEmpty), ("--code-model", !codeModels.isEmpty), ("--beam", beam != nil),
                ("--plans", plans != nil), ("--codes", codes != nil), ("--keep", keep != nil), ("--seed", seed != nil),
                ("--single-phase", singlePhase), ("--reuse", reuse != nil), ("--out", out != nil), ("--latency-only", latencyOnly),
            ]
            if let given = fixed.first(where: \.1) {
                throw ValidationError("\(given.0) cannot change a resumed run (its settings are in the run directory); only --iterations, --early-stop and the cluster options can")
            }
        }
        if let coordinator {
            _ = try parseAddress(coordinator, option: "--coordinator")
            if slots != nil { throw ValidationError("--slots configures the embedded cluster; not with --coordinator") }
        } else if certificates.anyGiven {
            throw ValidationError("--cert, --key and --ca are for --coordinator")
        }
        if let slots, !(1...1024).contains(slots) { throw ValidationError("--slots \(slots): must be from 1 to 1024") }
    }

    func run() async throws {
        let session = try OptimizeSession(command: self)
        try await session.run()
    }
}
