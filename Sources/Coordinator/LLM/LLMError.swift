/// Why an LLM call (or a model name) failed. `message` is one line and names the model or
/// provider concerned, so a run's log says which of several ensemble members went wrong.
public struct LLMError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        /// The model name is not `provider::model` or `provider@URL::model`.
        case invalidModelName = "invalid_model_name"
        /// The provider part names no provider this build knows.
        case unknownProvider = "unknown_provider"
        /// The provider needs an API key and its environment variable is unset or empty.
        case missingAPIKey = "missing_api_key"
        /// The server answered with a status that is not retried (e.g. 400, 401, 404).
        case httpStatus = "http_status"
        /// A 2xx reply whose body is not the provider's reply format.
        case badReply = "bad_reply"
        /// The request never got an HTTP answer (refused, reset, DNS, TLS).
        case connection
        /// No complete answer within the per-request timeout.
        case timedOut = "timed_out"
        /// Retryable failures went on past the retry cap.
        case gaveUp = "gave_up"
    }

    public var code: Code
    public var message: String
    /// The HTTP status of the (last) answer, when there was one.
    public var status: Int?

    public init(code: Code, message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    public var description: String { message }
}
