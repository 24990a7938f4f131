/// Why a program could not be built. `description` is one line (diagnostics are separate).
public struct ToolchainError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case compilerMissing = "compiler_missing"
        case headersMissing = "headers_missing"
        case compileFailed = "compile_failed"
        case runtimeBuildFailed = "runtime_build_failed"
        case launchFailed = "launch_failed"
        case timedOut = "timed_out"
    }

    public var code: Code
    public var message: String
    /// The compiler's own output (errors and warnings), when it ran.
    public var diagnostics: String

    public init(code: Code, message: String, diagnostics: String = "") {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
    }

    public var description: String { message }
}
