/// What one model cost a run so far.
public struct ModelUsage: Sendable, Hashable, Codable {
    /// Replies the server produced this run (each one billed).
    public var paidCalls = 0
    /// Replies served from the response cache (free this run).
    public var cacheHits = 0
    /// Calls that ended in an error (after any retries).
    public var failedCalls = 0
    /// Attempts repeated after a 429, a 5xx, a connection failure or a timeout.
    public var retries = 0
    /// Tokens of the paid calls.
    public var usage = TokenUsage.zero
    /// Tokens the cache hits would have cost had they been asked again.
    public var cachedUsage = TokenUsage.zero
    /// The cost of the paid calls in USD; nil when the price table does not know the model.
    public var costUSD: Double?

    public init() {}
}

/// Token usage and cost of every model a client has called, for a run's report.
public struct UsageReport: Sendable, Hashable, Codable {
    /// By canonical model name (`ModelSpec.description`).
    public var models: [String: ModelUsage] = [:]
    /// Responses that could not be written to the cache (the call itself succeeded).
    public var cacheWriteFailures = 0

    public init() {}

    public var paidCalls: Int { models.values.reduce(0) { $0 + $1.paidCalls } }
    public var cacheHits: Int { models.values.reduce(0) { $0 + $1.cacheHits } }
    public var failedCalls: Int { models.values.reduce(0) { $0 + $1.failedCalls } }
    public var retries: Int { models.values.reduce(0) { $0 + $1.retries } }
    public var usage: TokenUsage { models.values.reduce(.zero) { $0 + $1.usage } }
    /// The cost of the models with a known price.
    public var knownCostUSD: Double { models.values.reduce(0) { $0 + ($1.costUSD ?? 0) } }
    /// Models whose paid calls have no price, so `knownCostUSD` leaves them out.
    public var unpricedModels: [String] { models.filter { $0.value.costUSD == nil && $0.value.paidCalls > 0 }.keys.sorted() }
}

/// The running totals behind `LLMClient.usage()`.
actor UsageLedger {
    private var report = UsageReport()
    private let prices: PriceTable

    init(prices: PriceTable) {
        self.prices = prices
    }

    func snapshot() -> UsageReport { report }

    func recordPaid(_ reply: ChatReply, model: ModelSpec) {
        update(model) { entry, price in
            entry.paidCalls += 1
            entry.usage = entry.usage + reply.usage
            if let price { entry.costUSD = (entry.costUSD ?? 0) + price.cost(of: reply.usage) }
        }
    }

    func recordCacheHit(_ reply: ChatReply, model: ModelSpec) {
        update(model) { entry, _ in
            entry.cacheHits += 1
            entry.cachedUsage = entry.cachedUsage + reply.usage
        }
    }

    func recordRetry(model: ModelSpec) {
        update(model) { entry, _ in entry.retries += 1 }
    }

    func recordFailure(model: ModelSpec) {
        update(model) { entry, _ in entry.failedCalls += 1 }
    }

    func recordCacheWriteFailure() {
        report.cacheWriteFailures += 1
    }

    private func update(_ model: ModelSpec, _ change: (inout ModelUsage, ModelPrice?) -> Void) {
        let price = prices.price(for: model)
        var entry = report.models[model.description] ?? ModelUsage()
        // A priced model's cost is 0, not unknown, before its first paid call.
        if price != nil, entry.costUSD == nil { entry.costUSD = 0 }
        change(&entry, price)
        report.models[model.description] = entry
    }
}
