import ArgumentParser
import Coordinator
import Foundation

/// Options of the LLM clients behind `--model`.
struct LLMOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Directory of the LLM response cache, or `none` (default: AUTOCOMP_CACHE_DIR/llm, else ~/.cache/autocomp/llm).", valueName: "dir"))
    var llmCache: String?

    @Option(help: ArgumentHelp("LLM requests in flight at once (default 8).", valueName: "N"))
    var maxRequests: Int = 8

    @Option(help: ArgumentHelp("Seconds one LLM request may take (reasoning models are slow; default 600).", valueName: "seconds"))
    var requestTimeout: Double = 600

    @Option(help: ArgumentHelp("Most tokens per LLM reply (default 16384).", valueName: "N"))
    var maxTokens: Int = 16_384

    /// The response cache: shared across runs, so rerunning a run with the same seed costs nothing.
    var cacheDirectory: URL? {
        if let llmCache { return llmCache == "none" ? nil : URL(fileURLWithPath: llmCache) }
        let environment = ProcessInfo.processInfo.environment
        if let root = environment["AUTOCOMP_CACHE_DIR"] { return URL(fileURLWithPath: root).appendingPathComponent("llm") }
        if let xdg = environment["XDG_CACHE_HOME"] { return URL(fileURLWithPath: xdg).appendingPathComponent("autocomp/llm") }
        if let home = environment["HOME"] { return URL(fileURLWithPath: home).appendingPathComponent(".cache/autocomp/llm") }
        return nil
    }

    func makeAgent(planning: [String], coding: [String], configuration: SearchConfiguration) throws -> any Agent {
        guard (1...256).contains(maxRequests) else { throw SearchError("--max-requests \(maxRequests): must be from 1 to 256") }
        guard requestTimeout > 0 else { throw SearchError("--request-timeout \(requestTimeout): must be positive") }
        guard (256...1_000_000).contains(maxTokens) else { throw SearchError("--max-tokens \(maxTokens): must be from 256 to 1000000") }
        let planningSpecs = try planning.map { try ModelSpec(parsing: $0) }
        let codingSpecs = try coding.map { try ModelSpec(parsing: $0) }
        let client = try LLMClient(configuration: .init(
            requestTimeout: .milliseconds(Int64(requestTimeout * 1000)), maxConcurrentRequests: maxRequests, cacheDirectory: cacheDirectory))
        try client.checkCredentials(for: planningSpecs + codingSpecs)
        var options = PromptBuilder.Options()
        options.memoryUtilization = configuration.utilizationFeedback
        options.hardwareFeedback = configuration.hardwareFeedback
        return LLMAgent(
            client: client, planning: planningSpecs, coding: codingSpecs, prompts: PromptBuilder(options: options),
            temperature: configuration.temperature, seed: configuration.seed, maxTokens: maxTokens)
    }
}
