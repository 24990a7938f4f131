import Coordinator
import Foundation
import TestThreads
import Testing

/// The response cache: a repeated request never reaches the server, samples stay distinct,
/// and a rerun on the same directory costs nothing.
@Suite(.onTestThreads) struct ResponseCacheTests {
    @Test func aRepeatedRequestIsServedFromTheCache() async throws {
        let directory = try LLMTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("plan A", inputTokens: 100, outputTokens: 50))
            let client = try LLMTestSupport.client(cacheDirectory: directory)
            let spec = try server.model("openai", "gpt-4o")
            let request = ChatRequest(system: "isa", user: "plan", seed: 7)
            let first = try await client.complete(request, model: spec, sampleIndex: 0)
            let second = try await client.complete(request, model: spec, sampleIndex: 0)
            #expect(server.requests.count == 1)
            #expect(!first.fromCache && second.fromCache)
            #expect(second.text == "plan A" && second.usage == first.usage && second.model == first.model && second.finishReason == first.finishReason)
            let usage = await client.usage()
            #expect(usage.paidCalls == 1 && usage.cacheHits == 1)
            let gpt = try #require(usage.models[spec.description])
            #expect(gpt.usage == TokenUsage(inputTokens: 100, outputTokens: 50))
            #expect(gpt.cachedUsage == TokenUsage(inputTokens: 100, outputTokens: 50))
        }
    }

    @Test func samplesOfOnePromptAreDistinctEntries() async throws {
        let directory = try LLMTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("sample 0"), .text("sample 1"), .text("sample 2"))
            let client = try LLMTestSupport.client(cacheDirectory: directory)
            let spec = try server.model("anthropic", "claude-sonnet-4-20250514")
            let request = ChatRequest(user: "code the plan", seed: 1)
            var texts: [String] = []
            for k in 0..<3 { texts.append(try await client.complete(request, model: spec, sampleIndex: k).text) }
            #expect(texts == ["sample 0", "sample 1", "sample 2"])
            #expect(server.requests.count == 3)
            for k in 0..<3 {
                let again = try await client.complete(request, model: spec, sampleIndex: k)
                #expect(again.fromCache && again.text == "sample \(k)")
            }
            #expect(server.requests.count == 3)
        }
    }

    @Test func aRerunWithTheSameSeedCostsNothing() async throws {
        let directory = try LLMTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await LLMTestSupport.withServer { server in
            server.on({ _ in true }) { request in .text("reply to \(request.lastUserText ?? "")", inputTokens: 1000, outputTokens: 1000) }
            let spec = try server.model("openai", "gpt-4o")
            let requests = (0..<4).map { ChatRequest(system: "isa", user: "prompt \($0)", seed: 99) }
            let firstRun = try LLMTestSupport.client(cacheDirectory: directory)
            for request in requests { _ = try await firstRun.complete(request, model: spec) }
            #expect(await firstRun.usage().knownCostUSD > 0)

            // A new process (a new client) over the same directory, without even a key.
            let rerun = try LLMTestSupport.client(cacheDirectory: directory, environment: [:])
            for request in requests {
                let reply = try await rerun.complete(request, model: spec)
                #expect(reply.fromCache && reply.text == "reply to \(request.messages.last!.content)")
            }
            let usage = await rerun.usage()
            #expect(usage.paidCalls == 0 && usage.cacheHits == 4 && usage.knownCostUSD == 0)
            #expect(server.requests.count == 4)
        }
    }

    @Test func everyPartOfTheRequestIsInTheKey() async throws {
        let spec = try ModelSpec(parsing: "vllm::Qwen/Qwen3-8B")
        let request = ChatRequest(system: "s", user: "u", temperature: 1.0, maxTokens: 100, seed: 1)
        let base = ResponseCache.Key(request: request, model: spec, sampleIndex: 0)
        var variants: [ResponseCache.Key] = []
        func variant(_ change: (inout ChatRequest) -> Void) {
            var changed = request
            change(&changed)
            variants.append(ResponseCache.Key(request: changed, model: spec, sampleIndex: 0))
        }
        variant { $0.messages[0].content = "s2" }
        variant { $0.messages[1] = .assistant("u") }
        variant { $0.messages.append(.user("more")) }
        variant { $0.temperature = 0.5 }
        variant { $0.temperature = nil }
        variant { $0.maxTokens = 101 }
        variant { $0.seed = 2 }
        variant { $0.seed = nil }
        variants.append(ResponseCache.Key(request: request, model: spec, sampleIndex: 1))
        variants.append(ResponseCache.Key(request: request, model: try ModelSpec(parsing: "vllm::Qwen/Qwen3-14B"), sampleIndex: 0))
        variants.append(ResponseCache.Key(request: request, model: try ModelSpec(parsing: "vllm@http://other:8000/v1::Qwen/Qwen3-8B"), sampleIndex: 0))
        variants.append(ResponseCache.Key(request: request, model: try ModelSpec(parsing: "ollama::Qwen/Qwen3-8B"), sampleIndex: 0))
        let digests = Set(([base] + variants).map(\.digest))
        #expect(digests.count == variants.count + 1)
        // Equal requests have equal keys, whatever object built them.
        #expect(ResponseCache.Key(request: request, model: try ModelSpec(parsing: "vllm::Qwen/Qwen3-8B"), sampleIndex: 0).digest == base.digest)
    }

    @Test func entriesAreWholeFilesAndABrokenOneIsAMiss() throws {
        let directory = try LLMTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = try ResponseCache(directory: directory)
        let key = ResponseCache.Key(request: ChatRequest(user: "u"), model: try ModelSpec(parsing: "vllm::m"), sampleIndex: 0)
        let reply = ChatReply(text: "t", finishReason: .maxTokens, usage: TokenUsage(inputTokens: 1, outputTokens: 2), model: "m", fromCache: true)
        #expect(cache.reply(for: key) == nil)
        try cache.store(reply, for: key)
        let url = cache.fileURL(for: key)
        #expect(url.lastPathComponent == key.digest + ".json" && url.deletingLastPathComponent().lastPathComponent == String(key.digest.prefix(2)))
        var stored = reply
        stored.fromCache = false
        #expect(cache.reply(for: key) == stored)
        // Nothing but the entry: no temporary files left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path) == [url.lastPathComponent])

        try Data("{\"key\": trunc".utf8).write(to: url)
        #expect(cache.reply(for: key) == nil)
        // An entry stored under this digest for another key (a collision, or a hand edit) misses too.
        let other = ResponseCache.Key(request: ChatRequest(user: "other"), model: try ModelSpec(parsing: "vllm::m"), sampleIndex: 0)
        try cache.store(reply, for: other)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.copyItem(at: cache.fileURL(for: other), to: url)
        #expect(cache.reply(for: key) == nil)
    }

    @Test func failuresAreNotCached() async throws {
        let directory = try LLMTestSupport.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await LLMTestSupport.withServer { server in
            server.enqueue(.error(400, message: "bad"), .malformedJSON, .text("good"))
            let client = try LLMTestSupport.client(cacheDirectory: directory)
            let spec = try server.model("vllm", "m")
            let request = ChatRequest(user: "x")
            #expect(await LLMTestSupport.llmError { try await client.complete(request, model: spec) }?.code == .httpStatus)
            #expect(await LLMTestSupport.llmError { try await client.complete(request, model: spec) }?.code == .badReply)
            #expect(try await client.complete(request, model: spec).text == "good")
            #expect(try await client.complete(request, model: spec).fromCache)
            #expect(server.requests.count == 3)
        }
    }
}
