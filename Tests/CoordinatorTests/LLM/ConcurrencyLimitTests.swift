import Coordinator
import Foundation
import TestThreads
import Testing

/// The global limit on requests in flight, observed at the server.
@Suite(.onTestThreads) struct ConcurrencyLimitTests {
    @Test func noMoreThanTheLimitReachTheServerAtOnce() async throws {
        try await LLMTestSupport.withServer { server in
            server.on({ _ in true }) { request in .text("answer to \(request.lastUserText ?? "")").delayed(by: .milliseconds(250)) }
            let client = try LLMTestSupport.client(maxConcurrentRequests: 3)
            // Two models, one limit: it is per client, not per provider.
            let models = [try server.model("vllm", "a"), try server.model("anthropic", "claude-opus-4-1")]
            let texts = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<12 {
                    group.addTask { try await client.complete(ChatRequest(user: "q\(i)"), model: models[i % 2]).text }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(texts == Set((0..<12).map { "answer to q\($0)" }))
            #expect(server.requests.count == 12)
            #expect(server.maxInFlight == 3)
        }
    }

    @Test func aBigLimitIsNotCappedBelow() async throws {
        // URLSession has its own per-host connection cap; the client raises it to its limit.
        try await LLMTestSupport.withServer { server in
            server.on({ _ in true }, reply: .text("ok").delayed(by: .milliseconds(500)))
            let client = try LLMTestSupport.client(maxConcurrentRequests: 10)
            let spec = try server.model("vllm", "m")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<10 {
                    group.addTask { _ = try await client.complete(ChatRequest(user: "q\(i)"), model: spec) }
                }
                try await group.waitForAll()
            }
            #expect(server.maxInFlight == 10)
        }
    }
}
