import Coordinator
import Foundation
import TestThreads
import Testing

/// Tokens and dollars per model for a run's report.
@Suite(.onTestThreads) struct CostAccountingTests {
    @Test func pricedModelsCostTheirTokens() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(
                .text("a", inputTokens: 1_000_000, outputTokens: 100_000),
                .text("b", inputTokens: 200_000, outputTokens: 0),
                .text("c", inputTokens: 10_000, outputTokens: 2_000))
            let client = try LLMTestSupport.client()
            let gpt = try server.model("openai", "gpt-4o")
            let claude = try server.model("anthropic", "claude-sonnet-4-20250514")  // priced as claude-sonnet-4
            _ = try await client.complete(ChatRequest(user: "1"), model: gpt)
            _ = try await client.complete(ChatRequest(user: "2"), model: gpt)
            _ = try await client.complete(ChatRequest(user: "3"), model: claude)
            let usage = await client.usage()
            let gptUsage = try #require(usage.models[gpt.description])
            #expect(gptUsage.paidCalls == 2 && gptUsage.usage == TokenUsage(inputTokens: 1_200_000, outputTokens: 100_000))
            // 1.2 M input at $2.50 + 0.1 M output at $10.
            #expect(abs(try #require(gptUsage.costUSD) - 4.0) < 1e-9)
            let claudeUsage = try #require(usage.models[claude.description])
            // 10k input at $3 + 2k output at $15 per million.
            #expect(abs(try #require(claudeUsage.costUSD) - 0.06) < 1e-9)
            #expect(abs(usage.knownCostUSD - 4.06) < 1e-9)
            #expect(usage.usage == TokenUsage(inputTokens: 1_210_000, outputTokens: 102_000))
            #expect(usage.unpricedModels.isEmpty)
        }
    }

    @Test func unknownModelsCountTokensWithCostUnknown() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("a", inputTokens: 500, outputTokens: 70), .text("b", inputTokens: 500, outputTokens: 70))
            let client = try LLMTestSupport.client()
            let mystery = try server.model("together", "some-org/brand-new-model")
            let local = try server.model("vllm", "Qwen/Qwen3-8B")
            _ = try await client.complete(ChatRequest(user: "1"), model: mystery)
            _ = try await client.complete(ChatRequest(user: "2"), model: local)
            let usage = await client.usage()
            let unknown = try #require(usage.models[mystery.description])
            #expect(unknown.costUSD == nil && unknown.usage == TokenUsage(inputTokens: 500, outputTokens: 70))
            // Your own server is free.
            #expect(usage.models[local.description]?.costUSD == 0)
            #expect(usage.unpricedModels == [mystery.description])
            #expect(usage.knownCostUSD == 0 && usage.paidCalls == 2)
        }
    }

    @Test func aCallersOwnPriceTableIsUsed() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("a", inputTokens: 2_000_000, outputTokens: 1_000_000))
            let prices = PriceTable(["together::some-org/brand-new-model": ModelPrice(inputPerMillion: 0.5, outputPerMillion: 1.5)])
            let client = try LLMTestSupport.client(prices: prices)
            let spec = try server.model("together", "some-org/brand-new-model")
            _ = try await client.complete(ChatRequest(user: "1"), model: spec)
            #expect(abs((await client.usage().models[spec.description]?.costUSD ?? -1) - 2.5) < 1e-9)
        }
    }

    @Test func snapshotNamesArePricedAsTheirModel() throws {
        let table = PriceTable.builtIn
        let price = { (name: String) in table.price(for: try ModelSpec(parsing: name)) }
        #expect(try price("openai::gpt-4o-2024-08-06") == price("openai::gpt-4o"))
        #expect(try price("openai::gpt-4o-mini-2024-07-18") == ModelPrice(inputPerMillion: 0.15, outputPerMillion: 0.60))
        #expect(try price("anthropic::claude-3-7-sonnet-latest") == price("anthropic::claude-3-7-sonnet"))
        #expect(try price("anthropic::claude-opus-4-1-20250805") == ModelPrice(inputPerMillion: 15, outputPerMillion: 75))
        #expect(try price("openai::gpt-4o-turbo-preview") == nil)
        #expect(try price("ollama::anything:7b") == .free)
    }
}
