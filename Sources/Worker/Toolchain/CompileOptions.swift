public import Simulator

/// Per-build settings on top of the fixed flags every target program gets.
public struct CompileOptions: Sendable {
    /// Extra header directories (`-I`), searched before the runtime's.
    public var includeDirectories: [String] = []
    /// Macro definitions (`-D`), as `NAME` or `NAME=VALUE`.
    public var defines: [String] = []
    /// Optimization level for the program's own sources (the `N` of `-ON`).
    public var optimization: String = "2"
    /// Time limit for the compiler, in seconds.
    public var timeoutSeconds: Double? = 120
    /// Address-space limit of the compiler's processes (nil: none). Candidates are untrusted:
    /// a constant array of a billion elements must not take the worker's memory.
    public var memoryLimitBytes: UInt64? = 4 << 30
    /// Link our target runtime (start-up code, C library functions, linker script). Off for
    /// programs that bring their own, such as those built on riscv-tests' benchmarks/common.
    public var linkRuntime = true
    /// A linker script to use instead of the runtime's.
    public var linkerScript: String?
    /// The accelerator design whose `gemmini_params.h` the program sees.
    public var accelerator: GemminiConfiguration = .int8Default

    public init(
        includeDirectories: [String] = [], defines: [String] = [], optimization: String = "2",
        timeoutSeconds: Double? = 120, linkRuntime: Bool = true, linkerScript: String? = nil,
        accelerator: GemminiConfiguration = .int8Default
    ) {
        self.accelerator = accelerator
        self.includeDirectories = includeDirectories
        self.defines = defines
        self.optimization = optimization
        self.timeoutSeconds = timeoutSeconds
        self.linkRuntime = linkRuntime
        self.linkerScript = linkerScript
    }
}
