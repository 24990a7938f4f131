import Coordinator
import Foundation
import ScriptedLLM
import TestThreads
import Testing

/// Retries: what is retried, how long the client waits (measured at the server), and how it
/// gives up.
@Suite(.onTestThreads) struct RetryTests {
    private static func gap(_ server: ScriptedLLMServer, _ first: Int, _ second: Int) -> Duration {
        let requests = server.requests
        return requests[second].receivedAt - requests[first].receivedAt
    }

    @Test func aRateLimitWaitsTheSecondsTheServerAsks() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.rateLimited(retryAfter: "1"), .text("done"))
            let client = try LLMTestSupport.client()
            let reply = try await client.complete(ChatRequest(user: "x"), model: try server.model("vllm", "m"))
            #expect(reply.text == "done")
            #expect(server.requests.count == 2)
            let waited = Self.gap(server, 0, 1)
            // At least the second asked for; the upper bound only rules out much longer backoffs on a loaded machine.
            #expect(waited >= .seconds(1) && waited < .seconds(30), "waited \(waited)")
            #expect(await client.usage().retries == 1)
        }
    }

    @Test func aRetryAfterDateIsHonoured() async throws {
        try await LLMTestSupport.withServer { server in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            // Whole seconds only: the wait is between 1 and 2 s.
            server.on({ _ in true }, times: 1) { _ in .rateLimited(retryAfter: formatter.string(from: Date().addingTimeInterval(2))) }
            server.enqueue(.text("done"))
            let client = try LLMTestSupport.client()
            #expect(try await client.complete(ChatRequest(user: "x"), model: try server.model("anthropic", "claude-sonnet-4-20250514")).text == "done")
            let waited = Self.gap(server, 0, 1)
            #expect(waited >= .milliseconds(900) && waited < .seconds(30), "waited \(waited)")
        }
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.error(500, message: "boom"), .error(502), .error(529, type: "overloaded_error", message: "Overloaded"), .text("finally"))
            let client = try LLMTestSupport.client(retry: RetryPolicy(maxRetries: 3, initialDelay: .milliseconds(40), maxDelay: .seconds(1), jitter: 0))
            let reply = try await client.complete(ChatRequest(user: "x"), model: try server.model("anthropic", "claude-opus-4-1"))
            #expect(reply.text == "finally" && server.requests.count == 4)
            // Without jitter the waits double: 40, 80, 160 ms.
            #expect(Self.gap(server, 0, 1) >= .milliseconds(40))
            #expect(Self.gap(server, 1, 2) >= .milliseconds(80))
            #expect(Self.gap(server, 2, 3) >= .milliseconds(160))
            let usage = await client.usage()
            #expect(usage.retries == 3 && usage.paidCalls == 1 && usage.failedCalls == 0)
        }
    }

    @Test func retriesStopAtTheCapWithAClearError() async throws {
        try await LLMTestSupport.withServer { server in
            server.on({ _ in true }, reply: .error(503, type: "server_error", message: "the engine is\nloading"))
            let client = try LLMTestSupport.client(retry: RetryPolicy(maxRetries: 2, initialDelay: .milliseconds(5)))
            let spec = try server.model("vllm", "Qwen/Qwen3-8B")
            let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "x"), model: spec) }
            #expect(error?.code == .gaveUp && error?.status == 503)
            #expect(error?.message == "\(spec): gave up after 3 attempts; last: HTTP 503 from \(server.openAIBaseURL): server_error: the engine is loading")
            #expect(server.requests.count == 3)
            let usage = await client.usage()
            #expect(usage.failedCalls == 1 && usage.retries == 2 && usage.paidCalls == 0)
        }
    }

    @Test(arguments: [400, 401, 403, 404, 422])
    func clientErrorsAreNotRetried(status: Int) async throws {
        try await LLMTestSupport.withServer { server in
            server.on({ _ in true }, reply: .error(status, type: "invalid_request_error", message: "max_tokens: too large"))
            let client = try LLMTestSupport.client()
            let spec = try server.model("anthropic", "claude-sonnet-4-20250514")
            let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "x"), model: spec) }
            #expect(error?.code == .httpStatus && error?.status == status)
            #expect(error?.message == "\(spec): HTTP \(status) from \(server.anthropicBaseURL): invalid_request_error: max_tokens: too large")
            #expect(server.requests.count == 1)
        }
    }

    @Test func anErrorBodyThatIsNotJSONIsQuoted() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.raw(404, "<html>\n<body>Not Found</body>\n</html>", headers: ["Content-Type": "text/html"]))
            let client = try LLMTestSupport.client()
            let spec = try server.model("vllm", "m")
            let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "x"), model: spec) }
            #expect(error?.message == "\(spec): HTTP 404 from \(server.openAIBaseURL): <html> <body>Not Found</body> </html>")
        }
    }

    @Test func aWaitLongerThanAllowedFailsAtOnce() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.rateLimited(retryAfter: "3600"))
            let client = try LLMTestSupport.client()
            let spec = try server.model("vllm", "m")
            let started = ContinuousClock.now
            let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "x"), model: spec) }
            // Far below the hour asked for (generous: a loaded test machine can stall tasks for seconds).
            #expect(ContinuousClock.now - started < .seconds(120))
            #expect(error?.code == .gaveUp && error?.status == 429)
            #expect(error?.message == "\(spec): HTTP 429 from \(server.openAIBaseURL): rate_limit_error: slow down; the server asks to wait 3600 s, more than the 300 s allowed")
            #expect(server.requests.count == 1)
        }
    }

    @Test func connectionFailuresAreRetried() async throws {
        // A port that was just free: nothing listens there any more.
        let closed = try await ScriptedLLMServer.start()
        let spec = try closed.model("vllm", "m")
        await closed.close()
        let client = try LLMTestSupport.client(retry: RetryPolicy(maxRetries: 2, initialDelay: .milliseconds(5)))
        let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "x"), model: spec) }
        #expect(error?.code == .gaveUp && error?.status == nil)
        #expect(error?.message == "\(spec): gave up after 3 attempts; last: cannot reach \(spec.baseURL): connection refused")
        #expect(await client.usage().retries == 2)
    }

    @Test func aSlowReplyIsAwaitedAndATooSlowOneTimesOut() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("slow").delayed(by: .milliseconds(300)), .text("too slow").delayed(by: .seconds(90)))
            let client = try LLMTestSupport.client(retry: .none, requestTimeout: .seconds(1))
            let spec = try server.model("vllm", "m")
            #expect(try await client.complete(ChatRequest(user: "a"), model: spec).text == "slow")
            let started = ContinuousClock.now
            let error = await LLMTestSupport.llmError { try await client.complete(ChatRequest(user: "b"), model: spec) }
            let elapsed = ContinuousClock.now - started
            // The reply would take 90 s; the deadline ends the wait after 1 s (upper bound generous
            // for a loaded machine).
            #expect(elapsed >= .seconds(1) && elapsed < .seconds(45), "took \(elapsed)")
            #expect(error?.code == .timedOut)
            #expect(error?.message == "\(spec): \(spec.baseURL): no reply within 1 s")
        }
    }

    @Test func cancellingTheCallerEndsTheRequest() async throws {
        try await LLMTestSupport.withServer { server in
            server.enqueue(.text("never seen").delayed(by: .seconds(300)))
            let client = try LLMTestSupport.client()
            let spec = try server.model("vllm", "m")
            let started = ContinuousClock.now
            let call = Task { try await client.complete(ChatRequest(user: "x"), model: spec) }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            let result = await call.result
            #expect(ContinuousClock.now - started < .seconds(120), "the request outlived its caller")
            #expect(throws: CancellationError.self) { try result.get() }
            #expect(await client.usage().failedCalls == 0)
        }
    }
}

/// The policy's arithmetic, without a server.
@Suite struct RetryPolicyTests {
    @Test func backoffDoublesUpToTheCapAndJitterOnlyShortensIt() {
        let policy = RetryPolicy(maxRetries: 10, initialDelay: .seconds(1), maxDelay: .seconds(8), jitter: 0.5)
        var random = SystemRandomNumberGenerator()
        for (retry, full) in [(0, 1.0), (1, 2.0), (2, 4.0), (3, 8.0), (4, 8.0), (9, 8.0)] {
            for _ in 0..<50 {
                let delay = policy.delay(beforeRetry: retry, retryAfter: nil, using: &random)
                #expect(delay <= .seconds(full) && delay >= .seconds(full / 2), "retry \(retry): \(delay)")
            }
        }
        let exact = RetryPolicy(initialDelay: .milliseconds(100), jitter: 0)
        #expect(exact.delay(beforeRetry: 2, retryAfter: nil, using: &random) == .milliseconds(400))
    }

    @Test func aServerWaitIsAFloorWithALittleJitter() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let delay = RetryPolicy.default.delay(beforeRetry: 5, retryAfter: .seconds(2), using: &random)
            #expect(delay >= .seconds(2) && delay <= .milliseconds(2200))
        }
        // "Retry-After: 0" falls back to the backoff rather than hammering.
        let policy = RetryPolicy(initialDelay: .milliseconds(100), jitter: 0)
        #expect(policy.delay(beforeRetry: 0, retryAfter: .zero, using: &random) == .milliseconds(100))
    }

    @Test func retryAfterHeadersInEveryForm() {
        let now = Date(timeIntervalSince1970: 1_750_000_000)  // Sun, 15 Jun 2025 15:06:40 GMT
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "7"], now: now) == .seconds(7))
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "1.5"], now: now) == .milliseconds(1500))
        #expect(RetryPolicy.retryAfter(in: ["retry-after-ms": "250", "retry-after": "1"], now: now) == .milliseconds(250))
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "Sun, 15 Jun 2025 15:06:50 GMT"], now: now) == .seconds(10))
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "Sunday, 15-Jun-25 15:06:45 GMT"], now: now) == .seconds(5))
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "Sun Jun 15 15:06:41 2025"], now: now) == .seconds(1))
        // A date in the past means "now".
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "Sun, 15 Jun 2025 15:00:00 GMT"], now: now) == .zero)
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "soon"], now: now) == nil)
        #expect(RetryPolicy.retryAfter(in: ["retry-after": "-3"], now: now) == nil)
        #expect(RetryPolicy.retryAfter(in: [:], now: now) == nil)
    }

    @Test func whichStatusesAreRetried() {
        #expect([408, 429, 500, 502, 503, 504, 529].allSatisfy(RetryPolicy.isRetryable(status:)))
        #expect(![400, 401, 403, 404, 409, 413, 422].contains(where: RetryPolicy.isRetryable(status:)))
    }
}
