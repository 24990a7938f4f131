public import Foundation

/// When and how long to wait before trying a failed call again.
///
/// Retried: 408, 429 and every 5xx (including Anthropic's 529 "overloaded"), connection
/// failures and timeouts. Not retried: other 4xx (a bad key or a bad request stays bad) and
/// malformed 2xx replies. A `Retry-After` (seconds or an HTTP date; OpenAI's `retry-after-ms`
/// too) sets the wait; otherwise the wait doubles from `initialDelay` up to `maxDelay`, with jitter so
/// that many samples rate-limited together do not all come back at the same instant.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt; the call fails once they are used up.
    public var maxRetries: Int
    public var initialDelay: Duration
    public var maxDelay: Duration
    /// A server asking for a longer wait than this (a spent daily quota, say) makes the call
    /// fail at once instead of stalling the search.
    public var maxRetryAfter: Duration
    /// The exponential backoff is scaled by a random factor in [1 - jitter, 1].
    public var jitter: Double

    public init(
        maxRetries: Int = 6, initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
        maxRetryAfter: Duration = .seconds(300), jitter: Double = 0.5
    ) {
        self.maxRetries = maxRetries
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
        self.jitter = min(max(jitter, 0), 1)
    }

    public static let `default` = RetryPolicy()

    /// Never retry (one attempt).
    public static let none = RetryPolicy(maxRetries: 0)

    /// Whether an answer with this status is worth asking again.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The wait before retry number `retry` (0 for the first). With a server-given
    /// `retryAfter` it is at least that, plus up to 10% of it as jitter; without one it is the
    /// exponential backoff, scaled down by up to `jitter`.
    public func delay(beforeRetry retry: Int, retryAfter: Duration?, using random: inout some RandomNumberGenerator) -> Duration {
        if let retryAfter, retryAfter > .zero {
            return retryAfter + retryAfter * Double.random(in: 0...0.1, using: &random)
        }
        let doubling = initialDelay * Double(1 << min(retry, 30))
        let capped = min(doubling, maxDelay)
        return capped * (1 - Double.random(in: 0...jitter, using: &random))
    }

    /// The server's requested wait, from `retry-after-ms` (milliseconds) or `Retry-After`
    /// (delta-seconds or an HTTP date, measured from `now`). Header names are lower-case.
    public static func retryAfter(in headers: [String: String], now: Date = Date()) -> Duration? {
        if let text = headers["retry-after-ms"]?.trimmingCharacters(in: .whitespaces), let ms = Double(text), ms >= 0, ms.isFinite {
            return .milliseconds(Int64(ms.rounded()))
        }
        guard let text = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text) {
            return seconds >= 0 && seconds.isFinite ? wholeMilliseconds(seconds) : nil
        }
        guard let date = httpDate(text) else { return nil }
        return wholeMilliseconds(max(0, date.timeIntervalSince(now)))
    }

    private static func wholeMilliseconds(_ seconds: Double) -> Duration {
        .milliseconds(Int64((min(seconds, 1e9) * 1000).rounded()))
    }

    /// RFC 9110's preferred date format (IMF-fixdate), plus the obsolete RFC 850 and asctime
    /// forms it still requires recipients to accept.
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
