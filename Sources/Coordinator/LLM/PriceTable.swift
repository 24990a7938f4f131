/// A model's list price in US dollars per million tokens.
public struct ModelPrice: Sendable, Hashable, Codable {
    public var inputPerMillion: Double
    public var outputPerMillion: Double

    public init(inputPerMillion: Double, outputPerMillion: Double) {
        self.inputPerMillion = inputPerMillion
        self.outputPerMillion = outputPerMillion
    }

    public static let free = ModelPrice(inputPerMillion: 0, outputPerMillion: 0)

    public func cost(of usage: TokenUsage) -> Double {
        (Double(usage.inputTokens) * inputPerMillion + Double(usage.outputTokens) * outputPerMillion) / 1_000_000
    }
}

/// Prices by `provider::model`. Local servers (vLLM, Ollama, ...) cost nothing; a model not
/// in the table has an unknown cost (its tokens are still counted).
///
/// The built-in figures are the providers' published standard (non-batch) rates as of
/// mid-2025 and will drift: pass your own table to `LLMClient.Configuration` where it matters.
public struct PriceTable: Sendable, Hashable {
    public var prices: [String: ModelPrice]

    public init(_ prices: [String: ModelPrice]) {
        self.prices = prices
    }

    /// The price of `model`: exact name first, then the name without a date or `-latest`
    /// suffix (`gpt-4o-2024-08-06` is priced as `gpt-4o`, `claude-sonnet-4-20250514` as
    /// `claude-sonnet-4`).
    public func price(for model: ModelSpec) -> ModelPrice? {
        if model.isLocal { return .free }
        if let price = prices["\(model.provider)::\(model.model)"] { return price }
        let base = Self.withoutSnapshotSuffix(model.model)
        return base == model.model ? nil : prices["\(model.provider)::\(base)"]
    }

    static func withoutSnapshotSuffix(_ name: String) -> String {
        if name.hasSuffix("-latest") { return String(name.dropLast("-latest".count)) }
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        // -YYYYMMDD (Anthropic) or -YYYY-MM-DD (OpenAI).
        if let last = parts.last, last.count == 8, last.allSatisfy(\.isNumber), parts.count > 1 {
            return parts.dropLast().joined(separator: "-")
        }
        if parts.count > 3, parts.suffix(3).map(\.count) == [4, 2, 2], parts.suffix(3).allSatisfy({ $0.allSatisfy(\.isNumber) }) {
            return parts.dropLast(3).joined(separator: "-")
        }
        return name
    }

    private static func price(_ input: Double, _ output: Double) -> ModelPrice {
        ModelPrice(inputPerMillion: input, outputPerMillion: output)
    }

    public static let builtIn = PriceTable([
        "openai::gpt-4o": price(2.50, 10.00),
        "openai::gpt-4o-mini": price(0.15, 0.60),
        "openai::gpt-4.1": price(2.00, 8.00),
        "openai::gpt-4.1-mini": price(0.40, 1.60),
        "openai::gpt-4.1-nano": price(0.10, 0.40),
        "openai::o1": price(15.00, 60.00),
        "openai::o3": price(2.00, 8.00),
        "openai::o3-mini": price(1.10, 4.40),
        "openai::o4-mini": price(1.10, 4.40),
        "openai::gpt-5": price(1.25, 10.00),
        "openai::gpt-5-mini": price(0.25, 2.00),
        "openai::gpt-5-nano": price(0.05, 0.40),
        "anthropic::claude-3-5-haiku": price(0.80, 4.00),
        "anthropic::claude-3-5-sonnet": price(3.00, 15.00),
        "anthropic::claude-3-7-sonnet": price(3.00, 15.00),
        "anthropic::claude-sonnet-4": price(3.00, 15.00),
        "anthropic::claude-sonnet-4-5": price(3.00, 15.00),
        "anthropic::claude-opus-4": price(15.00, 75.00),
        "anthropic::claude-opus-4-1": price(15.00, 75.00),
        "together::meta-llama/Llama-3.3-70B-Instruct-Turbo": price(0.88, 0.88),
        "together::deepseek-ai/DeepSeek-V3": price(1.25, 1.25),
    ])
}
