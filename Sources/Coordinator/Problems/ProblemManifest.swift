/// A problem's `problem.json`: what the problem computes and how it is evaluated.
public struct ProblemManifest: Codable, Sendable, Equatable {
    /// The kind of kernel.
    public enum Family: String, Codable, Sendable, CaseIterable {
        case gemm, conv, tinympc
    }

    /// The optimization menu the planner offers for this problem.
    public enum Menu: String, Codable, Sendable {
        case gemmConv = "gemm_conv"
        case tinympc
    }

    /// The problem's element types.
    public struct DataTypes: Codable, Sendable, Equatable {
        public var input: String
        public var output: String
        public var accumulator: String
        /// The bias type, for problems with a bias.
        public var bias: String?
    }

    /// A stable identifier, also the problem's directory name (e.g. `gemm-I512-J512-K512`).
    public var id: String
    /// Position in the suite's listing.
    public var order: Int
    public var family: Family
    /// "autocomp" (the paper's main benchmarks) or "schedule-reuse" (its schedule-reuse study).
    public var set: String
    public var title: String
    /// What the solution computes, in a few sentences.
    public var description: String
    /// The accelerator design the problem runs on (a built-in design name).
    public var accelerator: String
    /// The shape in one short line, for listings.
    public var shape: String
    /// The named sizes (I, J, K; batch, channels, ...).
    public var dimensions: [String: Int]
    public var dataTypes: DataTypes
    /// Multiply-accumulates the problem performs.
    public var macs: Int
    /// How many times the harness runs each candidate (the reported latency is the minimum).
    public var repeatCount: Int
    public var menu: Menu
    /// How outputs are compared with the gold ("exact", or the tolerance).
    public var comparison: String
    /// The solution function's signature; its parameter names are the harness's variables.
    public var signature: String
    /// Set on generated problems: the generator and how to rerun it.
    public var generatedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, order, family, set, title, description, accelerator, shape, dimensions, dataTypes, macs
        case repeatCount = "repeat"
        case menu, comparison, signature, generatedBy
    }
}
