import Coordinator
import Foundation
import TestThreads
import Testing

/// The Messages format, field by field: what the client sends and what it reads back.
@Suite(.onTestThreads) struct AnthropicWireFormatTests {
    @Test func theRequestCarriesEveryField() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("ok"))
            let client = try LLMTestSupport.client()
            let request = ChatRequest(
                messages: [.system("ISA description."), .system("Rules."), .user("Plan."), .assistant("Tile it."), .user("Code it.")],
                temperature: 1.0, maxTokens: 4096, seed: 42)
            _ = try await client.complete(request, model: try server.model("anthropic", "claude-sonnet-4-20250514"))

            let sent = try #require(server.requests.first)
            #expect(sent.method == "POST" && sent.path == "/v1/messages")
            #expect(sent.headers["x-api-key"] == "sk-ant-test")
            #expect(sent.headers["anthropic-version"] == "2023-06-01")
            #expect(sent.headers["authorization"] == nil)
            #expect(sent.headers["content-type"] == "application/json")
            let body = sent.json
            #expect(body["model"] as? String == "claude-sonnet-4-20250514")
            #expect(body["max_tokens"] as? Int == 4096)
            #expect(body["temperature"] as? Double == 1.0)
            // The system prompt is a top-level field; system messages never reach the conversation.
            #expect(body["system"] as? String == "ISA description.\n\nRules.")
            #expect(sent.messages.map(\.role) == ["user", "assistant", "user"])
            #expect(sent.messages.map(\.content) == ["Plan.", "Tile it.", "Code it."])
            // Anthropic has no seed.
            #expect(Set(body.keys) == ["model", "max_tokens", "temperature", "system", "messages"])
        }
    }

    @Test func noSystemPromptNoSystemField() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("ok"))
            let client = try LLMTestSupport.client()
            _ = try await client.complete(ChatRequest(user: "hi", temperature: nil), model: try server.model("anthropic", "claude-3-5-haiku-20241022"))
            #expect(Set(try #require(server.requests.first).json.keys) == ["model", "max_tokens", "messages"])
        }
    }

    @Test func theReplyIsReadFieldByField() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(
                .text("Plan: option 3.", inputTokens: 2100, outputTokens: 180, model: "claude-sonnet-4-20250514"),
                .raw(200, """
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5-20250929",
                 "content": [{"type": "thinking", "thinking": "hmm", "signature": "x"}, {"type": "text", "text": "first "}, {"type": "text", "text": "second"}],
                 "stop_reason": "stop_sequence", "stop_sequence": "END",
                 "usage": {"input_tokens": 10, "cache_creation_input_tokens": 5, "cache_read_input_tokens": 2, "output_tokens": 30}}
                """))
            let client = try LLMTestSupport.client()
            let spec = try server.model("anthropic", "claude-sonnet-4-20250514")
            let reply = try await client.complete(ChatRequest(user: "plan"), model: spec)
            #expect(reply.text == "Plan: option 3." && reply.finishReason == .stop && !reply.truncated)
            #expect(reply.usage == TokenUsage(inputTokens: 2100, outputTokens: 180))
            #expect(reply.model == "claude-sonnet-4-20250514" && reply.reasoning == nil)

            let blocks = try await client.complete(ChatRequest(user: "again"), model: spec)
            #expect(blocks.text == "first second" && blocks.reasoning == "hmm" && blocks.finishReason == .stop)
            #expect(blocks.usage == TokenUsage(inputTokens: 17, outputTokens: 30))
            #expect(blocks.model == "claude-sonnet-4-5-20250929")
        }
    }

    @Test func aMaxTokensStopIsATruncatedReply() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(
                .text("```c\nvoid solution(", truncated: true),
                .raw(200, #"{"type": "message", "model": "m", "content": [], "stop_reason": "refusal", "usage": {"input_tokens": 1, "output_tokens": 0}}"#))
            let client = try LLMTestSupport.client()
            let spec = try server.model("anthropic", "claude-opus-4-1")
            let cut = try await client.complete(ChatRequest(user: "code"), model: spec)
            #expect(cut.truncated && cut.finishReason == .maxTokens && cut.text == "```c\nvoid solution(")
            let refused = try await client.complete(ChatRequest(user: "code"), model: spec)
            #expect(refused.finishReason == .contentFilter && refused.text == "" && !refused.truncated)
        }
    }
}
