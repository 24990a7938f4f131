/// A benchmark problem: its manifest and the texts of its harness and baseline solutions.
public struct Problem: Sendable, Identifiable {
    public var manifest: ProblemManifest
    /// The bare-metal C harness with the `// SUBSTITUTE HERE` / `// SUBSTITUTE END` markers.
    public var harness: String
    /// The baselines' C texts (each a `void solution(...)`), by baseline.
    public var baselines: [ProblemBaseline: String]

    public init(manifest: ProblemManifest, harness: String, baselines: [ProblemBaseline: String]) {
        self.manifest = manifest
        self.harness = harness
        self.baselines = baselines
    }

    public var id: String { manifest.id }
    public var family: ProblemManifest.Family { manifest.family }
    public var title: String { manifest.title }
    public var accelerator: String { manifest.accelerator }
    public var macs: Int { manifest.macs }
    public var repeatCount: Int { manifest.repeatCount }
    public var signature: String { manifest.signature }

    /// The starting code, where the search begins.
    public var startCode: String { solution(.start) }

    /// A baseline's C text (every problem has all three; the catalog checks on load).
    public func solution(_ baseline: ProblemBaseline) -> String { baselines[baseline] ?? "" }

    /// Cycles at full utilization of a `dim` x `dim` array: one DIM x DIM x DIM block of
    /// multiply-accumulates per DIM cycles, i.e. MACs / DIM².
    public func idealCycles(arrayDim dim: Int) -> Double { Double(macs) / Double(dim * dim) }
}
