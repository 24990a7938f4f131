/// The optimization menus the planner chooses from (product.md, as Autocomp words them).
/// An option's `id` is stable: traces, trajectories and the offline agent refer to it.
public struct OptimizationMenu: Sendable, Equatable {
    public struct Option: Sendable, Equatable, Hashable, Codable {
        public var id: String
        public var text: String

        public init(_ id: String, _ text: String) {
            self.id = id
            self.text = text
        }
    }

    public var options: [Option]

    public init(options: [Option]) {
        self.options = options
    }

    /// The option with this id.
    public func option(_ id: String) -> Option? { options.first { $0.id == id } }

    /// The menu of a problem's kind.
    public static func forMenu(_ menu: ProblemManifest.Menu) -> OptimizationMenu {
        switch menu {
        case .gemmConv: gemmConv
        case .tinympc: tinympc
        }
    }

    /// GEMM and convolution: 17 options.
    public static let gemmConv = OptimizationMenu(options: [
        .init("tiling", "modify loop tiling"),
        .init("reorder-loops", "loop reordering"),
        .init("split-loops", "split loops"),
        .init("fuse-loops", "fuse loops"),
        .init("simplify-arithmetic", "simplify arithmetic and propagate constants to simplify expressions"),
        .init("reorder-computations", "reorder computations or blocks of computations"),
        .init("unroll", "loop unrolling"),
        .init("double-buffer", "double buffering"),
        .init("outer-reuse", "move more data to the scratchpad in a more outer loop to increase data reuse"),
        .init("spread-scratchpad", "spread data throughout the scratchpad rather than loading to the same location repeatedly"),
        .init("guarded-loads", "load data to the scratchpad across outer loop iterations and use if statements to prevent redundant loads on loops inner to those"),
        .init("hoist", "hoist redundant operations out of loops"),
        .init("substitute", "substitute operations with equivalent operations that are faster"),
        .init("pipeline", "pipeline operations to better overlap computation and data movement"),
        .init("minimize-data-movement", "minimize data movement"),
        .init("minimize-loop-overhead", "minimize loop overhead"),
        .init("other", "other methods not listed here"),
    ])

    /// TinyMPC linear algebra: 14 options.
    public static let tinympc = OptimizationMenu(options: [
        .init("remove-unnecessary", "remove unnecessary code"),
        .init("simplify-arithmetic", "simplify arithmetic and propagate constants to simplify expressions"),
        .init("merge-instructions", "merge instructions"),
        .init("merge-operations", "merge high-level operations"),
        .init("reorder-operations", "reorder operations or blocks of operations"),
        .init("move-to-accelerator", "move CPU-based computation to the accelerator"),
        .init("bias-add", "add or subtract a matrix using the bias"),
        .init("hoist", "hoist redundant operations out of loops"),
        .init("substitute", "substitute operations with equivalent operations that are faster"),
        .init("pipeline", "pipeline operations to better overlap computation and data movement"),
        .init("eliminate-fences", "eliminate data dependencies and fence operations"),
        .init("minimize-data-movement", "minimize data movement"),
        .init("minimize-loop-overhead", "minimize loop overhead"),
        .init("other", "other methods not listed here"),
    ])
}
