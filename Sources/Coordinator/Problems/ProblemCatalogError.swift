/// Why a problem could not be found or loaded. `description` is one line.
public struct ProblemCatalogError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case unknownProblem = "unknown_problem"
        case suiteMissing = "suite_missing"
        case unreadable
        case invalidProblem = "invalid_problem"
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
