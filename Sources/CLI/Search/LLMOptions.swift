import ArgumentParser
import Coordinator
import Foundation

/// Options of the LLM clients behind `--model`.
struct LLMOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Directory of the LLM response cache (default: the run directory's llm-cache).", valueName: "dir"))
    var llmCache: String?

    @Option(help: ArgumentHelp("LLM requests in flight at once (default 8).", valueName: "N"))
    var maxRequests: Int = 8

    @Option(help: ArgumentHelp("Seconds an LLM request may take (reasoning models are slow; default 600).", valueName: "seconds"))
    var requestTimeout: Double = 600

    func makeAgent(planning: [String], coding: [String], configuration: SearchConfiguration, cacheRoot: URL) throws -> any Agent {
        throw SearchError("LLM agents are not wired in yet")
    }
}
