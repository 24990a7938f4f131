@testable import CLI
import Coordinator
import Foundation
import ScriptedLLM
import Synchronization
import TestThreads
import Testing

/// The whole search with the LLM agent, against a scripted server speaking both the
/// OpenAI-compatible and the Anthropic APIs (the same client code that talks to real
/// providers), evaluated by the scripted worker on an in-process cluster.
@Suite(.onTestThreads) struct LLMSearchTests {
    static let problem = try! ProblemCatalog.builtIn().problem(id: "gemm-I256-J256-K256")

    /// Serves plans and code: a plan picks the menu's last option; code reports
    /// (latency x factor) cycles, the factor set by the sample's position.
    static func script(_ server: ScriptedLLMServer) {
        let codings = Mutex(0)
        server.on({ $0.lastUserText?.hasSuffix("Optimized code:") == true }) { request in
            let prompt = request.lastUserText ?? ""
            let latency = prompt.firstMatch(of: /The latency of this code was (\d+) cycles/).map { UInt64($0.1)! }
                ?? prompt.firstMatch(of: /cycles: (\d+)/).map { UInt64($0.1)! } ?? 100_000
            let index = codings.withLock { count in
                count += 1
                return count
            }
            let cycles = UInt64(Double(latency) * [0.9, 1.2, 0.8, 0.95][index % 4])
            let code = ScriptedAgent.program(cycles: cycles, tag: "llm-\(index)")
            return .text("Here is the optimized code.\n\n```c\n\(code)```\n\nIt should be faster.")
        }
        server.on({ $0.lastUserText?.contains("Option:") == true }) { request in
            let prompt = request.lastUserText ?? ""
            let numbers = prompt.matches(of: #/(?m)^(\d+)\. /#).map { Int($0.1)! }
            return .text("Option: \(numbers.max() ?? 1)\nPlan: tile the loops so that more of B stays in the scratchpad.")
        }
    }

    @Test("plans and code from OpenAI-compatible and Anthropic models; rate limits, errors and bad replies do not stop the run")
    func searchWithScriptedProviders() async throws {
        let server = try await ScriptedLLMServer.start()
        defer { Task { await server.close() } }
        // The first requests meet trouble, which the client and the search must ride out.
        let trouble: [ScriptedLLMServer.Response] = [
            .rateLimited(retryAfter: "1"),  // retried after a second
            .error(500, message: "overloaded"),  // retried
            .malformedJSON,  // not retried: a bad reply, recorded
            .text("I would rather not write code today."),  // no plan / no code block
            .text("```c\nvoid solution(elem_t A[256][256], elem_t B[256][256], elem_t C[256][256]) {\n  for (;;) {", truncated: true),
        ]
        let served = Mutex(0)
        server.on({ _ in true }, times: trouble.count) { _ in
            trouble[served.withLock { count in
                defer { count += 1 }
                return count
            }]
        }
        Self.script(server)

        let directory = try temporaryDirectory("llm-search")
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        var configuration = SearchConfiguration()
        configuration.iterations = 2
        configuration.beamWidth = 2
        configuration.plansPerEntry = 3
        configuration.codesPerPlan = 2
        configuration.repairAttempts = 0
        configuration.seed = 11
        let client = try LLMClient(configuration: .init(
            retry: RetryPolicy(maxRetries: 3, initialDelay: .milliseconds(20), maxDelay: .milliseconds(100)), maxConcurrentRequests: 1,
            environment: ["ANTHROPIC_API_KEY": "sk-ant-test"]))
        let openAI = try ModelSpec(parsing: server.modelName("vllm", "Qwen/Qwen3-8B"))
        let anthropic = try ModelSpec(parsing: server.modelName("anthropic", "claude-sonnet-4-20250514"))
        var promptOptions = PromptBuilder.Options()
        promptOptions.memoryUtilization = true
        let agent = LLMAgent(
            client: client, planning: [openAI, anthropic], coding: [anthropic, openAI], prompts: PromptBuilder(options: promptOptions),
            temperature: 1, seed: configuration.seed)
        let worker = ScriptedWorker()
        let outcome = try await runSearch(
            problem: Self.problem, configuration: configuration, agent: agent, store: store, worker: worker,
            database: directory.appendingPathComponent("jobs.sqlite").path)

        // The run finished every iteration and improved.
        #expect(outcome.beams.count == 3)
        #expect(outcome.best.cycles! < 100_000)
        // Both wire formats were spoken; the 429 was honoured (the retry came a second later).
        let requests = server.requests
        #expect(requests.contains { $0.format == .openAI } && requests.contains { $0.format == .anthropic })
        let retry = requests.dropFirst().first { $0.body == requests[0].body }
        #expect(retry.map { $0.receivedAt - requests[0].receivedAt >= .milliseconds(900) } == true, "the 429's Retry-After was not honoured")

        // Planning prompts: the ISA, the parent's code, its latency, a menu after dropout.
        let plans = requests.filter { $0.lastUserText?.contains("Option:") == true && $0.lastUserText?.hasSuffix("Optimized code:") == false }
        #expect(!plans.isEmpty)
        for request in plans {
            let system = request.systemPrompt ?? ""
            let user = request.lastUserText ?? ""
            #expect(system.contains("16x16") && system.contains("mvin") && system.contains("scratchpad"), "no ISA description")
            #expect(user.contains("The latency of this code was "), "no latency feedback")
            #expect(user.contains("void solution(elem_t A[256][256]"), "no code")
            #expect(user.contains("KB out of 256"), "no scratchpad utilization")
            let menu = user.matches(of: #/(?m)^(\d+)\. /#).count
            #expect(menu >= 1 && menu < OptimizationMenu.gemmConv.options.count, "menu of \(menu) options is not dropped out")
        }
        #expect(plans.contains { $0.lastUserText!.contains("The latency of this code was 100000 cycles.") })
        #expect(Set(plans.map { $0.lastUserText!.matches(of: #/(?m)^\d+\. .*$/#).map { String($0.0) } }).count > 1, "every plan saw the same menu")

        // Bad replies became failed candidates (or plans) with reasons; the run went on.
        let failedPlans = try store.plans().compactMap(\.failure)
        let badCodes = try store.candidates().filter { $0.candidate.outcome.status == .badReply }.compactMap(\.candidate.outcome.reason)
        let reasons = failedPlans + badCodes
        #expect(reasons.count >= 2, "\(reasons)")
        #expect(reasons.contains { $0.contains("not JSON") || $0.contains("malformed") || $0.contains("JSON") }, "\(reasons)")
        #expect(reasons.contains { $0.lowercased().contains("truncated") }, "\(reasons)")

        // The beam follows the selection rule.
        for iteration in 1..<outcome.beams.count {
            let children = try store.candidates(iteration: iteration).map(\.candidate).filter(\.isCorrect)
            #expect(BeamSelection.select(beam: outcome.beams[iteration - 1], children: children, width: 2).map(\.id) == outcome.beams[iteration].map(\.id))
        }
        // Every reply is on record with its prompt; tokens were counted.
        #expect(try store.candidates().filter { $0.candidate.id != "start" }.allSatisfy { !$0.prompt.isEmpty })
        #expect(try store.totalUsage().input > 0)
        #expect(worker.maxRunsOfOneProgram == 1)
    }
}
