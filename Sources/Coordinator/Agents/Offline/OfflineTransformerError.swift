/// Why the offline agent cannot transform a problem's code.
public struct OfflineTransformerError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The problem's family has no schedule representation (TinyMPC).
        case unsupportedFamily
        /// The problem runs on a design the schedules are not sized for.
        case unsupportedAccelerator
        /// The problem's dimensions are missing or not what the family's code assumes.
        case unsupportedShape
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
