public import Foundation

/// The one door the search uses to reach language models: any provider, with a deadline,
/// retries, a global limit on requests in flight, a response cache and a running account of
/// tokens and dollars.
///
/// ```swift
/// let llm = try LLMClient(configuration: .init(cacheDirectory: runDirectory.appendingPathComponent("llm-cache")))
/// let spec = try ModelSpec(parsing: "openai::gpt-4o")
/// try llm.checkCredentials(for: [spec])            // fail at start, not at the first call
/// let reply = try await llm.complete(ChatRequest(system: isa, user: prompt, seed: runSeed), model: spec, sampleIndex: k)
/// if reply.truncated { ... }                       // reply.text, reply.usage, reply.fromCache
/// let report = await llm.usage()                  // paid calls, cache hits, tokens, cost
/// ```
///
/// Share one client across the whole run: the concurrency limit and the account are per client.
public final class LLMClient: Sendable {
    public struct Configuration: Sendable {
        /// The deadline for one attempt. Reasoning models may think for minutes before they
        /// answer, hence the generous default.
        public var requestTimeout: Duration
        public var retry: RetryPolicy
        /// Requests on the wire at once, across all models and tasks.
        public var maxConcurrentRequests: Int
        /// Where replies are kept between runs; nil disables the cache.
        public var cacheDirectory: URL?
        public var prices: PriceTable
        /// Where API keys are read from (the process environment unless a test says otherwise).
        public var environment: [String: String]

        public init(
            requestTimeout: Duration = .seconds(600), retry: RetryPolicy = .default, maxConcurrentRequests: Int = 8,
            cacheDirectory: URL? = nil, prices: PriceTable = .builtIn,
            environment: [String: String] = ProcessInfo.processInfo.environment
        ) {
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.maxConcurrentRequests = maxConcurrentRequests
            self.cacheDirectory = cacheDirectory
            self.prices = prices
            self.environment = environment
        }
    }

    public let configuration: Configuration
    private let transport: any LLMTransport
    private let limiter: ConcurrencyLimiter
    private let ledger: UsageLedger
    private let cache: ResponseCache?

    /// Throws only when the cache directory cannot be created.
    public init(configuration: Configuration = Configuration()) throws {
        self.configuration = configuration
        transport = URLSessionTransport(maxConnectionsPerHost: configuration.maxConcurrentRequests, timeout: configuration.requestTimeout)
        limiter = ConcurrencyLimiter(limit: configuration.maxConcurrentRequests)
        ledger = UsageLedger(prices: configuration.prices)
        cache = try configuration.cacheDirectory.map { try ResponseCache(directory: $0) }
    }

    /// Throws the first missing-key error among `models`, so a run stops before it starts.
    public func checkCredentials(for models: [ModelSpec]) throws {
        for model in models { _ = try model.apiKey(in: configuration.environment) }
    }

    /// One sample from `model`. `sampleIndex` tells apart repeated samples of the same request
    /// (the K code samples of one plan): each index is its own cache entry. A cached reply
    /// comes back with `fromCache` set and costs nothing; a missing key is only an error when
    /// the reply is not cached.
    ///
    /// Throws `LLMError` (one line naming the model): `.missingAPIKey`, `.httpStatus` for a
    /// status that is not retried, `.badReply`, `.gaveUp` when retries ran out (or the server
    /// asked for a wait beyond `RetryPolicy.maxRetryAfter`), and with retries off
    /// (`RetryPolicy.none`) the failure itself (`.httpStatus`, `.timedOut`, `.connection`);
    /// `CancellationError` if the calling task is cancelled.
    public func complete(_ request: ChatRequest, model: ModelSpec, sampleIndex: Int = 0) async throws -> ChatReply {
        let key = ResponseCache.Key(request: request, model: model, sampleIndex: sampleIndex)
        if let cached = cache?.reply(for: key) {
            var reply = cached
            reply.fromCache = true
            await ledger.recordCacheHit(reply, model: model)
            return reply
        }
        do {
            let apiKey = try model.apiKey(in: configuration.environment)
            let http = try model.wireFormat.makeRequest(request, model: model, apiKey: apiKey)
            let reply = try await send(http, model: model)
            await ledger.recordPaid(reply, model: model)
            if let cache {
                do { try cache.store(reply, for: key) } catch { await ledger.recordCacheWriteFailure() }
            }
            return reply
        } catch {
            if !(error is CancellationError) { await ledger.recordFailure(model: model) }
            throw error
        }
    }

    /// The account so far.
    public func usage() async -> UsageReport {
        await ledger.snapshot()
    }

    /// Attempts until a 2xx reply parses, a failure that is not worth retrying, or the cap.
    private func send(_ http: LLMHTTPRequest, model: ModelSpec) async throws -> ChatReply {
        let policy = configuration.retry
        var random = SystemRandomNumberGenerator()
        var retry = 0
        while true {
            let (failure, retryAfter): (LLMError, Duration?)
            switch try await attempt(http, model: model) {
            case .reply(let reply): return reply
            case .retryable(let error, let wait): (failure, retryAfter) = (error, wait)
            }
            if let retryAfter, retryAfter > policy.maxRetryAfter {
                throw LLMError(
                    code: .gaveUp,
                    message: "\(failure.message); the server asks to wait \(Self.format(retryAfter)), more than the \(Self.format(policy.maxRetryAfter)) allowed",
                    status: failure.status)
            }
            guard retry < policy.maxRetries else {
                if retry == 0 { throw failure }
                let attempts = retry + 1
                throw LLMError(
                    code: .gaveUp, message: "\(model): gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"); last: \(Self.withoutModelPrefix(failure.message, model))",
                    status: failure.status)
            }
            await ledger.recordRetry(model: model)
            try await Task.sleep(for: policy.delay(beforeRetry: retry, retryAfter: retryAfter, using: &random))
            retry += 1
        }
    }

    private enum Outcome {
        case reply(ChatReply)
        case retryable(LLMError, retryAfter: Duration?)
    }

    /// One attempt: the reply, a failure worth retrying, or a thrown failure that is not.
    private func attempt(_ http: LLMHTTPRequest, model: ModelSpec) async throws -> Outcome {
        let response: LLMHTTPResponse
        do {
            response = try await limiter.withSlot { [transport, configuration] in
                try await transport.send(http, timeout: configuration.requestTimeout)
            }
        } catch let failure as TransportFailure {
            let error = failure.timedOut
                ? LLMError(code: .timedOut, message: "\(model): \(model.baseURL): \(failure.message)")
                : LLMError(code: .connection, message: "\(model): cannot reach \(model.baseURL): \(failure.message)")
            return .retryable(error, retryAfter: nil)
        }
        if (200...299).contains(response.status) {
            return .reply(try model.wireFormat.parseReply(response.body, model: model))
        }
        let error = LLMError(
            code: .httpStatus, message: "\(model): HTTP \(response.status) from \(model.baseURL): \(WireJSON.errorMessage(in: response.body))",
            status: response.status)
        guard RetryPolicy.isRetryable(status: response.status) else { throw error }
        return .retryable(error, retryAfter: RetryPolicy.retryAfter(in: response.headers))
    }

    private static func format(_ duration: Duration) -> String {
        "\(String(format: "%g", duration.timeInterval)) s"
    }

    private static func withoutModelPrefix(_ message: String, _ model: ModelSpec) -> String {
        let prefix = "\(model): "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}
