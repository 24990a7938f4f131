import Coordinator
import Foundation
import ScriptedLLM
import TestThreads
import Testing

/// 2xx bodies that are not a reply: each becomes one line naming the model, the provider and
/// what was wrong, and none is retried.
@Suite(.onTestThreads) struct MalformedReplyTests {
    private static func error(for body: ScriptedLLMServer.Response, provider: String, model: String) async throws -> (LLMError?, ModelSpec, Int) {
        try await LLMTestSupport.withServer { server in
            server.enqueue(body)
            let client = try LLMTestSupport.client()
            let spec = try server.model(provider, model)
            let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "x"), model: spec) }
            #expect(await client.usage().failedCalls == 1)
            return (error, spec, server.requests.count)
        }
    }

    @Test(arguments: [
        (ScriptedLLMServer.Response.malformedJSON, "the reply is not a JSON object: {\"choices\": [ this is not json"),
        (.raw(200, ""), "the reply is not a JSON object: (empty body)"),
        (.raw(200, "[1, 2]"), "the reply is not a JSON object: [1, 2]"),
        (.raw(200, #"{"model": "m", "usage": {}}"#), "missing choices"),
        (.raw(200, #"{"choices": []}"#), "choices is empty"),
        (.raw(200, #"{"choices": [{"finish_reason": "stop"}]}"#), "missing choices[0].message"),
        (.raw(200, #"{"choices": [{"message": {"content": 42}}]}"#), "choices[0].message.content is not the expected shape"),
        (.raw(200, #"{"choices": [{"message": {"content": "x"}}], "usage": {"prompt_tokens": "many"}}"#), "usage.prompt_tokens is not a number"),
        (.raw(200, #"{"error": {"message": "upstream provider\nfailed", "code": 502}}"#), "error object instead of a reply: upstream provider failed"),
    ])
    func openAICompatibleReplies(body: ScriptedLLMServer.Response, problem: String) async throws {
        let (error, spec, requests) = try await Self.error(for: body, provider: "vllm", model: "m")
        #expect(error?.code == .badReply)
        #expect(error?.message == "\(spec): bad reply from vllm: \(problem)")
        #expect(requests == 1)
    }

    @Test(arguments: [
        (ScriptedLLMServer.Response.raw(200, "Internal Server Error"), "the reply is not a JSON object: Internal Server Error"),
        (.raw(200, #"{"type": "message", "model": "m", "stop_reason": "end_turn"}"#), "missing content"),
        (.raw(200, #"{"type": "message", "content": [{"text": "no type"}]}"#), "missing content[0].type"),
        (.raw(200, #"{"type": "message", "content": "just text"}"#), "content is not the expected shape"),
        (.raw(200, #"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#), "error object instead of a reply: overloaded_error: Overloaded"),
    ])
    func anthropicReplies(body: ScriptedLLMServer.Response, problem: String) async throws {
        let (error, spec, requests) = try await Self.error(for: body, provider: "anthropic", model: "claude-sonnet-4-20250514")
        #expect(error?.code == .badReply)
        #expect(error?.message == "\(spec): bad reply from anthropic: \(problem)")
        #expect(requests == 1)
    }

    @Test func aLongBodyIsCutInTheMessage() async throws {
        let (error, _, _) = try await Self.error(for: .raw(200, String(repeating: "x", count: 5000)), provider: "vllm", model: "m")
        let message = try #require(error?.message)
        #expect(message.hasSuffix(String(repeating: "x", count: 200) + "..."))
        #expect(message.count < 320)
    }
}
