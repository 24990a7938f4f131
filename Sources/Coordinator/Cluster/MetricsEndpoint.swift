import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A plain-HTTP endpoint serving the coordinator's metrics in Prometheus's text format at
/// /metrics. It exposes counts only (no job contents), so it needs no TLS; bind it to an
/// address only the monitoring system reaches.
public final class MetricsEndpoint: Sendable {
    private let channel: any Channel

    /// The port it listens on (useful when asked for port 0).
    public var port: Int { channel.localAddress?.port ?? 0 }

    /// Starts listening; `render` produces the page for each scrape.
    public static func start(host: String, port: Int, render: @escaping @Sendable () async -> String) async throws -> MetricsEndpoint {
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(MetricsHandler(render: render))
                }
            }
        return MetricsEndpoint(channel: try await bootstrap.bind(host: host, port: port).get())
    }

    private init(channel: any Channel) {
        self.channel = channel
    }

    public func close() async {
        try? await channel.close()
    }
}

private final class MetricsHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let render: @Sendable () async -> String

    init(render: @escaping @Sendable () async -> String) {
        self.render = render
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else { return }
        let loop = context.eventLoop
        let bound = NIOLoopBound(context, eventLoop: loop)
        let keepAlive = head.isKeepAlive
        if head.method != .GET || head.uri.split(separator: "?").first != "/metrics" {
            Self.respond(bound.value, status: head.method == .GET ? .notFound : .methodNotAllowed, body: "see /metrics\n", keepAlive: keepAlive)
            return
        }
        let render = self.render
        let promise = loop.makePromise(of: String.self)
        promise.completeWithTask { await render() }
        promise.futureResult.whenSuccess { body in
            Self.respond(bound.value, status: .ok, body: body, keepAlive: keepAlive)
        }
    }

    private static func respond(_ context: ChannelHandlerContext, status: HTTPResponseStatus, body: String, keepAlive: Bool) {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/plain; version=0.0.4; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.utf8.count))
        headers.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(NIOAny(HTTPServerResponsePart.head(.init(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(NIOAny(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: body)))), promise: nil)
        let done = context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
