import Coordinator
import Foundation
import ScriptedLLM

/// Shared set-up for the LLM tests: clients with test-sized waits, a scripted server that is
/// closed whatever the test does, and scratch directories.
enum LLMTestSupport {
    /// Keys for the hosted providers, so tests never read the machine's real environment.
    static let environment = ["OPENAI_API_KEY": "sk-test-openai", "ANTHROPIC_API_KEY": "sk-ant-test", "TOGETHER_API_KEY": "tg-test"]

    /// Retries after 10-50 ms instead of seconds.
    static let quickRetries = RetryPolicy(maxRetries: 3, initialDelay: .milliseconds(10), maxDelay: .milliseconds(50))

    static func client(
        retry: RetryPolicy = quickRetries, maxConcurrentRequests: Int = 8, cacheDirectory: URL? = nil,
        requestTimeout: Duration = .seconds(30), environment: [String: String] = environment, prices: PriceTable = .builtIn
    ) throws -> LLMClient {
        try LLMClient(configuration: .init(
            requestTimeout: requestTimeout, retry: retry, maxConcurrentRequests: maxConcurrentRequests,
            cacheDirectory: cacheDirectory, prices: prices, environment: environment))
    }

    /// Runs `body` against a fresh server and closes it afterwards.
    static func withServer<T>(_ body: (ScriptedLLMServer) async throws -> T) async throws -> T {
        let server = try await ScriptedLLMServer.start()
        do {
            let result = try await body(server)
            await server.close()
            return result
        } catch {
            await server.close()
            throw error
        }
    }

    /// A new empty directory under the system's temporary directory.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-llm-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The error `body` throws, as an LLMError (nil when it throws nothing or something else).
    static func llmError(_ body: () async throws -> some Any) async -> LLMError? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error as? LLMError
        }
    }
}

extension ScriptedLLMServer {
    /// A model of a known provider pointed at this server: `provider@URL::model`.
    func model(_ provider: String, _ model: String) throws -> ModelSpec {
        try ModelSpec(parsing: modelName(provider, model))
    }
}
