/// Why a candidate or a harness cannot be assembled into a program. `description` is one line
/// that names what is wrong.
public struct HarnessError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// The candidate has no `solution(...) { ... }` definition.
        case noSolution = "no_solution"
        /// The candidate uses a preprocessor directive.
        case preprocessorDirective = "preprocessor_directive"
        /// The candidate has code outside its solution function.
        case codeOutsideSolution = "code_outside_solution"
        /// The candidate's inline assembly would make the assembler read a file of the worker.
        case assemblerFileDirective = "assembler_file_directive"
        /// The candidate's text cannot be scanned (unbalanced braces, unterminated comment or string).
        case malformed
        /// The solution's body returns (it runs inside the harness's timing block, not in a function).
        case returnStatement = "return_statement"
        /// The solution's parameters are not the harness's variables.
        case parameterMismatch = "parameter_mismatch"
        /// The harness lacks its substitution markers.
        case badHarness = "bad_harness"
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
