import Coordinator
import Foundation
import TestThreads
import Testing

/// The Chat Completions format, field by field: what the client sends and what it reads back.
@Suite(.onTestThreads) struct OpenAIWireFormatTests {
    @Test func theRequestCarriesEveryField() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("ok"))
            let client = try LLMTestSupport.client(environment: ["VLLM_API_KEY": "local-secret"])
            let request = ChatRequest(
                messages: [.system("You are an expert Gemmini programmer."), .user("Plan one optimization."), .assistant("Plan: tile."), .user("Now code it.")],
                temperature: 0.7, maxTokens: 1234, seed: 42)
            _ = try await client.complete(request, model: try server.model("vllm", "Qwen/Qwen3-8B"))

            let sent = try #require(server.requests.first)
            #expect(sent.method == "POST" && sent.path == "/v1/chat/completions")
            #expect(sent.headers["authorization"] == "Bearer local-secret")
            #expect(sent.headers["content-type"] == "application/json")
            let body = sent.json
            #expect(body["model"] as? String == "Qwen/Qwen3-8B")
            #expect(body["temperature"] as? Double == 0.7)
            #expect(body["max_tokens"] as? Int == 1234)
            #expect(body["max_completion_tokens"] == nil)
            #expect(body["seed"] as? Int == 42)
            #expect(body["stream"] as? Bool == false)
            #expect(body["n"] == nil)
            let messages = sent.messages
            #expect(messages.map(\.role) == ["system", "user", "assistant", "user"])
            #expect(messages.map(\.content) == ["You are an expert Gemmini programmer.", "Plan one optimization.", "Plan: tile.", "Now code it."])
            #expect(Set(body.keys) == ["model", "messages", "temperature", "max_tokens", "seed", "stream"])
        }
    }

    @Test func optionalFieldsAreLeftOutAndLocalServersGetNoKey() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("ok"))
            let client = try LLMTestSupport.client(environment: [:])
            _ = try await client.complete(ChatRequest(user: "hi", temperature: nil), model: try server.model("ollama", "qwen3:8b"))
            let sent = try #require(server.requests.first)
            #expect(sent.headers["authorization"] == nil)
            #expect(Set(sent.json.keys) == ["model", "messages", "max_tokens", "stream"])
            #expect(sent.json["max_tokens"] as? Int == 8192)
        }
    }

    @Test func openAIItselfGetsMaxCompletionTokensAndItsKey() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("ok"))
            let client = try LLMTestSupport.client()
            _ = try await client.complete(ChatRequest(user: "hi", maxTokens: 500), model: try server.model("openai", "o4-mini"))
            let sent = try #require(server.requests.first)
            #expect(sent.headers["authorization"] == "Bearer sk-test-openai")
            #expect(sent.json["max_completion_tokens"] as? Int == 500)
            #expect(sent.json["max_tokens"] == nil)
        }
    }

    @Test func theReplyIsReadFieldByField() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(
                .text("```c\nvoid solution() {}\n```", inputTokens: 1500, outputTokens: 320, model: "Qwen/Qwen3-8B-2025-04"),
                .raw(200, """
                {"model": "deepseek-r1", "choices": [{"index": 0, "message": {"role": "assistant", "content": [{"type": "text", "text": "part one, "}, {"type": "text", "text": "part two"}],
                 "reasoning_content": "thinking..."}, "finish_reason": "stop"}], "usage": {"prompt_tokens": 3, "completion_tokens": 4}}
                """))
            let client = try LLMTestSupport.client()
            let spec = try server.model("vllm", "Qwen/Qwen3-8B")
            let reply = try await client.complete(ChatRequest(user: "code"), model: spec)
            #expect(reply.text == "```c\nvoid solution() {}\n```")
            #expect(reply.finishReason == .stop && !reply.truncated && !reply.fromCache)
            #expect(reply.usage == TokenUsage(inputTokens: 1500, outputTokens: 320))
            #expect(reply.model == "Qwen/Qwen3-8B-2025-04")
            #expect(reply.reasoning == nil)

            // Content as a list of parts, and reasoning returned beside it.
            let parts = try await client.complete(ChatRequest(user: "again"), model: spec)
            #expect(parts.text == "part one, part two" && parts.reasoning == "thinking..." && parts.model == "deepseek-r1")
            #expect(parts.usage == TokenUsage(inputTokens: 3, outputTokens: 4))
        }
    }

    @Test func aLengthFinishIsATruncatedReply() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(
                .text("```c\nvoid solution() { for (int i = 0;", truncated: true),
                // A reasoning model that spent its whole budget thinking: content null.
                .raw(200, #"{"model": "o4-mini", "choices": [{"message": {"role": "assistant", "content": null}, "finish_reason": "length"}], "usage": {"prompt_tokens": 9, "completion_tokens": 500}}"#))
            let client = try LLMTestSupport.client()
            let spec = try server.model("vllm", "m")
            let cut = try await client.complete(ChatRequest(user: "code"), model: spec)
            #expect(cut.truncated && cut.finishReason == .maxTokens && cut.text.hasPrefix("```c"))
            let empty = try await client.complete(ChatRequest(user: "think"), model: spec)
            #expect(empty.truncated && empty.text == "" && empty.usage.outputTokens == 500)
        }
    }

    @Test func otherFinishReasonsAreKeptVerbatim() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(
                .raw(200, #"{"model": "m", "choices": [{"message": {"content": "no"}, "finish_reason": "content_filter"}], "usage": {}}"#),
                .raw(200, #"{"model": "m", "choices": [{"message": {"content": "x"}, "finish_reason": "tool_calls"}]}"#))
            let client = try LLMTestSupport.client()
            let spec = try server.model("vllm", "m")
            #expect(try await client.complete(ChatRequest(user: "a"), model: spec).finishReason == .contentFilter)
            let other = try await client.complete(ChatRequest(user: "b"), model: spec)
            #expect(other.finishReason == .other("tool_calls") && !other.truncated && other.usage == .zero)
        }
    }
}
