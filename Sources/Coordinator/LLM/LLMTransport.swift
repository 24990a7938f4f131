import Foundation
import Synchronization
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Why a request got no HTTP answer. Kept apart from `LLMError` so the client can decide on
/// retries before it words the error for the model concerned.
struct TransportFailure: Error {
    var timedOut: Bool
    var message: String
}

/// Sends one HTTP request and returns whatever status came back (errors statuses included).
protocol LLMTransport: Sendable {
    func send(_ request: LLMHTTPRequest, timeout: Duration) async throws -> LLMHTTPResponse
}

/// The transport of every real call: Foundation's URLSession (libcurl on Linux).
///
/// The deadline is enforced here rather than left to URLSession, whose `timeoutInterval` is
/// an idle timeout (and 60 s by default: a reasoning model that thinks for two minutes before
/// sending a byte would be cut off). URLSession's own limits are set a little beyond ours as a
/// backstop. Cancelling the calling task cancels the underlying data task.
final class URLSessionTransport: LLMTransport {
    private let session: URLSession

    init(maxConnectionsPerHost: Int, timeout: Duration) {
        let configuration = URLSessionConfiguration.ephemeral
        // The client's limiter decides concurrency, across hosts; URLSession's per-host cap
        // (6 by default on some platforms) must never be the tighter one.
        configuration.httpMaximumConnectionsPerHost = max(maxConnectionsPerHost, 64)
        configuration.timeoutIntervalForRequest = timeout.timeInterval + 30
        configuration.timeoutIntervalForResource = timeout.timeInterval + 30
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    func send(_ request: LLMHTTPRequest, timeout: Duration) async throws -> LLMHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = "POST"
        urlRequest.httpBody = request.body
        urlRequest.timeoutInterval = timeout.timeInterval + 30
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let prepared = urlRequest
        return try await withThrowingTaskGroup(of: LLMHTTPResponse.self) { group in
            group.addTask { try await self.perform(prepared) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TransportFailure(timedOut: true, message: "no reply within \(String(format: "%g", timeout.timeInterval)) s")
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw CancellationError() }
            return first
        }
    }

    /// The data task behind one request, so a cancellation that races its creation still
    /// reaches it.
    private enum TaskState {
        case pending
        case running(URLSessionDataTask)
        case cancelled
    }

    private func perform(_ request: URLRequest) async throws -> LLMHTTPResponse {
        let state = Mutex<TaskState>(.pending)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<LLMHTTPResponse, any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: Self.failure(error))
                    } else if let http = response as? HTTPURLResponse {
                        var headers: [String: String] = [:]
                        for (name, value) in http.allHeaderFields {
                            headers[String(describing: name).lowercased()] = String(describing: value)
                        }
                        continuation.resume(returning: LLMHTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
                    } else {
                        continuation.resume(throwing: TransportFailure(timedOut: false, message: "the answer is not HTTP"))
                    }
                }
                let start = state.withLock { current -> Bool in
                    if case .cancelled = current { return false }
                    current = .running(task)
                    return true
                }
                // Cancelled before it started: cancelling the task still calls the handler once.
                if start { task.resume() } else { task.cancel() }
            }
        } onCancel: {
            let task = state.withLock { current -> URLSessionDataTask? in
                defer { current = .cancelled }
                if case .running(let task) = current { return task }
                return nil
            }
            task?.cancel()
        }
    }

    private static func failure(_ error: any Error) -> any Error {
        guard let urlError = error as? URLError else {
            return TransportFailure(timedOut: false, message: String(describing: error))
        }
        switch urlError.code {
        case .cancelled: return CancellationError()
        case .timedOut: return TransportFailure(timedOut: true, message: "the connection timed out")
        case .cannotConnectToHost: return TransportFailure(timedOut: false, message: "connection refused")
        case .networkConnectionLost: return TransportFailure(timedOut: false, message: "the connection was lost before the reply was complete")
        case .cannotFindHost, .dnsLookupFailed: return TransportFailure(timedOut: false, message: "unknown host")
        case .notConnectedToInternet: return TransportFailure(timedOut: false, message: "no network")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate, .serverCertificateNotYetValid,
             .serverCertificateHasUnknownRoot:
            return TransportFailure(timedOut: false, message: "TLS failed (\(urlError.code.rawValue))")
        case .badServerResponse: return TransportFailure(timedOut: false, message: "malformed HTTP answer")
        default: return TransportFailure(timedOut: false, message: "URL error \(urlError.code.rawValue)")
        }
    }
}

extension Duration {
    /// As a TimeInterval.
    var timeInterval: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
