public import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A fake LLM provider on 127.0.0.1 (ephemeral port) for tests: it speaks both the
/// OpenAI-compatible (`POST /v1/chat/completions`) and the Anthropic (`POST /v1/messages`)
/// wire formats, serves scripted responses, and records every request it receives.
///
/// Responses come from rules first (a matcher on the request, in the order the rules were
/// added, optionally for a limited number of uses), then from a queue in order. A request
/// nothing answers gets 418 with a body that says so (418 because the client never retries it).
///
/// ```swift
/// let server = try await ScriptedLLMServer.start()
/// server.enqueue(.text("first"), .rateLimited(retryAfter: "1"), .text("second"))
/// server.on({ $0.lastUserText?.contains("Optimized code:") == true }, reply: .text("```c\n...\n```"))
/// let spec = server.model("vllm", "Qwen/Qwen3-8B")      // vllm@http://127.0.0.1:PORT/v1::Qwen/Qwen3-8B
/// ```
public final class ScriptedLLMServer: Sendable {
    /// Which wire format a request used (from its path).
    public enum WireFormat: Sendable {
        case openAI, anthropic, unknown
    }

    /// One request as it arrived.
    public struct RecordedRequest: Sendable {
        public var method: String
        public var path: String
        /// Names lower-cased; repeated headers joined with ", ".
        public var headers: [String: String]
        public var body: Data
        public var receivedAt: ContinuousClock.Instant

        public var format: WireFormat {
            if path.hasSuffix("/chat/completions") { return .openAI }
            if path.hasSuffix("/v1/messages") { return .anthropic }
            return .unknown
        }

        /// The body as a JSON object ([:] when it is not one).
        public var json: [String: Any] {
            ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any]) ?? [:]
        }

        public var model: String? { json["model"] as? String }

        /// The conversation's messages as (role, content), in order, as sent.
        public var messages: [(role: String, content: String)] {
            ((json["messages"] as? [[String: Any]]) ?? []).map {
                (($0["role"] as? String) ?? "", ($0["content"] as? String) ?? "")
            }
        }

        /// The system prompt: Anthropic's top-level field, or the OpenAI system messages joined.
        public var systemPrompt: String? {
            if format == .anthropic { return json["system"] as? String }
            let system = messages.filter { $0.role == "system" }.map(\.content)
            return system.isEmpty ? nil : system.joined(separator: "\n\n")
        }

        public var lastUserText: String? { messages.last { $0.role == "user" }?.content }
    }

    /// What to answer one request with.
    public struct Response: Sendable {
        public enum Content: Sendable {
            /// A successful completion, rendered in the wire format of the request.
            case reply(text: String, truncated: Bool, inputTokens: Int, outputTokens: Int, model: String?)
            /// An error in the request's wire format (`{"error": {"type", "message"}}`).
            case error(status: Int, type: String, message: String)
            /// Exactly these bytes.
            case raw(status: Int, body: Data)
        }

        public var content: Content
        public var headers: [String: String] = [:]
        public var delay: Duration = .zero

        /// A completion; `model` defaults to the model the request asked for.
        public static func text(_ text: String, truncated: Bool = false, inputTokens: Int = 11, outputTokens: Int = 7, model: String? = nil) -> Response {
            Response(content: .reply(text: text, truncated: truncated, inputTokens: inputTokens, outputTokens: outputTokens, model: model))
        }

        public static func error(_ status: Int, type: String = "error", message: String = "scripted error", headers: [String: String] = [:]) -> Response {
            Response(content: .error(status: status, type: type, message: message), headers: headers)
        }

        /// 429 with `Retry-After: value` (seconds or an HTTP date).
        public static func rateLimited(retryAfter: String) -> Response {
            .error(429, type: "rate_limit_error", message: "slow down", headers: ["Retry-After": retryAfter])
        }

        public static func raw(_ status: Int, _ body: String, headers: [String: String] = ["Content-Type": "application/json"]) -> Response {
            Response(content: .raw(status: status, body: Data(body.utf8)), headers: headers)
        }

        /// A 200 whose body is not JSON.
        public static let malformedJSON = raw(200, "{\"choices\": [ this is not json")

        /// The same response, sent after `delay`.
        public func delayed(by delay: Duration) -> Response {
            var copy = self
            copy.delay = delay
            return copy
        }
    }

    private struct Rule {
        var matcher: @Sendable (RecordedRequest) -> Bool
        var reply: @Sendable (RecordedRequest) -> Response
        var remaining: Int?
    }

    private struct State {
        var rules: [Rule] = []
        var queue: [Response] = []
        var requests: [RecordedRequest] = []
        var inFlight = 0
        var maxInFlight = 0
        var connections: [any Channel] = []
    }

    private let state = Mutex(State())
    private let channel = Mutex<(any Channel)?>(nil)
    private let boundPort = Mutex(0)

    private init() {}

    /// Listens on 127.0.0.1 at a port the system picks.
    public static func start() async throws -> ScriptedLLMServer {
        let server = ScriptedLLMServer()
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [server] channel in
                server.state.withLock { $0.connections.append(channel) }
                return channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(Handler(server: server))
                    }
                }
            }
        let listening = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
        server.channel.withLock { $0 = listening }
        server.boundPort.withLock { $0 = listening.localAddress?.port ?? 0 }
        return server
    }

    public var port: Int { boundPort.withLock { $0 } }
    /// For OpenAI-compatible model specs (requests go to `/v1/chat/completions`).
    public var openAIBaseURL: String { "http://127.0.0.1:\(port)/v1" }
    /// For Anthropic model specs (requests go to `/v1/messages`).
    public var anthropicBaseURL: String { "http://127.0.0.1:\(port)" }

    /// A model of a known provider pointed at this server: `provider@URL::model`.
    public func modelName(_ provider: String, _ model: String) -> String {
        let base = provider == "anthropic" ? anthropicBaseURL : openAIBaseURL
        return "\(provider)@\(base)::\(model)"
    }

    /// Queues responses, served in order to requests no rule answers.
    public func enqueue(_ responses: Response...) {
        state.withLock { $0.queue.append(contentsOf: responses) }
    }

    /// Answers requests that `matcher` accepts (up to `times`, or always) with `reply(request)`.
    public func on(_ matcher: @escaping @Sendable (RecordedRequest) -> Bool, times: Int? = nil, reply: @escaping @Sendable (RecordedRequest) -> Response) {
        state.withLock { $0.rules.append(Rule(matcher: matcher, reply: reply, remaining: times)) }
    }

    public func on(_ matcher: @escaping @Sendable (RecordedRequest) -> Bool, times: Int? = nil, reply: Response) {
        on(matcher, times: times) { _ in reply }
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLock { $0.requests } }

    /// The most requests that were being answered at the same moment.
    public var maxInFlight: Int { state.withLock { $0.maxInFlight } }

    public func close() async {
        let (listening, connections) = (channel.withLock { $0 }, state.withLock { $0.connections })
        for connection in connections { try? await connection.close() }
        try? await listening?.close()
    }

    // MARK: - Serving

    fileprivate func received(_ request: RecordedRequest) -> Response {
        state.withLock { state in
            state.requests.append(request)
            state.inFlight += 1
            state.maxInFlight = max(state.maxInFlight, state.inFlight)
            if let index = state.rules.firstIndex(where: { $0.matcher(request) }) {
                let rule = state.rules[index]
                if let remaining = rule.remaining {
                    if remaining <= 1 { state.rules.remove(at: index) } else { state.rules[index].remaining = remaining - 1 }
                }
                return rule.reply(request)
            }
            if !state.queue.isEmpty { return state.queue.removeFirst() }
            return .error(418, type: "unscripted", message: "scripted server has no reply for \(request.method) \(request.path)")
        }
    }

    fileprivate func answered() {
        state.withLock { $0.inFlight -= 1 }
    }

    /// The bytes and headers of `response` to `request`, in the request's wire format.
    fileprivate static func render(_ response: Response, for request: RecordedRequest) -> (status: Int, body: Data) {
        switch response.content {
        case .raw(let status, let body):
            return (status, body)
        case .error(let status, let type, let message):
            let object: [String: Any] = request.format == .anthropic
                ? ["type": "error", "error": ["type": type, "message": message]]
                : ["error": ["type": type, "message": message, "code": NSNull()]]
            return (status, json(object))
        case .reply(let text, let truncated, let inputTokens, let outputTokens, let model):
            let model = model ?? request.model ?? "unknown"
            if request.format == .anthropic {
                return (200, json([
                    "id": "msg_scripted", "type": "message", "role": "assistant", "model": model,
                    "content": [["type": "text", "text": text]],
                    "stop_reason": truncated ? "max_tokens" : "end_turn", "stop_sequence": NSNull(),
                    "usage": ["input_tokens": inputTokens, "output_tokens": outputTokens],
                ]))
            }
            return (200, json([
                "id": "chatcmpl-scripted", "object": "chat.completion", "created": 1_750_000_000, "model": model,
                "choices": [["index": 0, "message": ["role": "assistant", "content": text], "finish_reason": truncated ? "length" : "stop"]],
                "usage": ["prompt_tokens": inputTokens, "completion_tokens": outputTokens, "total_tokens": inputTokens + outputTokens],
            ]))
        }
    }

    private static func json(_ object: [String: Any]) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
    }
}

/// One connection: gathers a request, asks the server what to answer, answers (after the
/// scripted delay, without blocking the event loop).
private final class Handler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let server: ScriptedLLMServer
    private var head: HTTPRequestHead?
    private var body = Data()
    /// False once the client hung up (say, after its timeout): a delayed answer is dropped.
    private var open = true

    init(server: ScriptedLLMServer) {
        self.server = server
    }

    func channelInactive(context: ChannelHandlerContext) {
        open = false
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = Data()
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let head else { return }
            self.head = nil
            var headers: [String: String] = [:]
            for (name, value) in head.headers {
                let key = name.lowercased()
                headers[key] = headers[key].map { "\($0), \(value)" } ?? value
            }
            let request = ScriptedLLMServer.RecordedRequest(
                method: head.method.rawValue, path: head.uri, headers: headers, body: body, receivedAt: .now)
            let response = server.received(request)
            let keepAlive = head.isKeepAlive
            if response.delay > .zero {
                let (seconds, attoseconds) = response.delay.components
                let delay = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
                context.eventLoop.assumeIsolated().scheduleTask(in: delay) { [self] in
                    self.respond(context: context, response, to: request, keepAlive: keepAlive)
                }
            } else {
                respond(context: context, response, to: request, keepAlive: keepAlive)
            }
        }
    }

    private func respond(context: ChannelHandlerContext, _ response: ScriptedLLMServer.Response, to request: ScriptedLLMServer.RecordedRequest, keepAlive: Bool) {
        guard open else {
            server.answered()
            return
        }
        let (status, bytes) = ScriptedLLMServer.render(response, for: request)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        for (name, value) in response.headers { headers.replaceOrAdd(name: name, value: value) }
        headers.add(name: "Content-Length", value: String(bytes.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: bytes)))), promise: nil)
        let server = server
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            server.answered()
            if !keepAlive { channel.close(promise: nil) }
        }
    }
}
