/// One message of a chat prompt.
public struct PromptMessage: Sendable, Equatable, Hashable, Codable {
    public enum Role: String, Sendable, Codable {
        case system, user, assistant
    }

    public var role: Role
    public var content: String

    public init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    public static func system(_ content: String) -> PromptMessage { PromptMessage(role: .system, content: content) }
    public static func user(_ content: String) -> PromptMessage { PromptMessage(role: .user, content: content) }

    /// The messages as one string, for the run's record and for providers that take a single
    /// prompt: each message under a `[role]` line, separated by blank lines.
    public static func flatten(_ messages: [PromptMessage]) -> String {
        messages.map { "[\($0.role.rawValue)]\n\($0.content)" }.joined(separator: "\n\n")
    }
}

extension Array where Element == PromptMessage {
    /// `PromptMessage.flatten(self)`.
    public var flattened: String { PromptMessage.flatten(self) }
}
