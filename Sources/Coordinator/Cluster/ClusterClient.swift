public import ClusterProtocol
import Foundation
import GRPCCore

/// What the search and the command line use to evaluate on a cluster: submit a batch of jobs,
/// wait for all their results. Works the same over mutual TLS to a remote coordinator or
/// in-process to the embedded one.
public struct ClusterClient: Sendable {
    public let client: any WireCluster.ClientProtocol

    public init(client: any WireCluster.ClientProtocol) {
        self.client = client
    }

    /// Submits the jobs and returns their results in the same order. `progress` is called with
    /// (finished, total) whenever more results arrive. Cancelling the calling task cancels the
    /// jobs still pending.
    public func run(_ jobs: [WireJobSpec], label: String = "", progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [WireJobResult] {
        try await results(of: try await submit(jobs, label: label), progress: progress)
    }

    /// Queues the jobs; returns their ids in order. Large batches go in several requests, each
    /// well under the message limit (a job carries its harness, tens of KB).
    public func submit(_ jobs: [WireJobSpec], label: String = "") async throws -> [String] {
        var ids: [String] = []
        var chunk: [WireJobSpec] = []
        var bytes = 0
        func send() async throws {
            guard !chunk.isEmpty else { return }
            let reply = try await client.submit(.with { $0.jobs = chunk; $0.label = label }, options: Self.callOptions(seconds: 120))
            ids += reply.jobIds
            chunk.removeAll(keepingCapacity: true)
            bytes = 0
        }
        for job in jobs {
            let size = (try job.serializedBytes() as [UInt8]).count
            if !chunk.isEmpty, bytes + size > ClusterTransport.maxMessageBytes / 2 || chunk.count == JobSpecValidation.maxJobsPerSubmit {
                try await send()
            }
            chunk.append(job)
            bytes += size
        }
        try await send()
        return ids
    }

    /// Waits for the results of submitted jobs, in the order of `ids`.
    public func results(of ids: [String], progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws -> [WireJobResult] {
        var results: [String: WireJobResult] = [:]
        var pending = ids
        progress(0, ids.count)
        do {
            while !pending.isEmpty {
                let waiting = pending
                let reply = try await Self.retryingTransientFailures {
                    try await client.await(.with { $0.jobIds = waiting; $0.waitMs = 10_000 }, options: Self.callOptions(seconds: 40))
                }
                if !reply.unknownJobIds.isEmpty {
                    throw ClusterSetupError("the coordinator does not know \(reply.unknownJobIds.count) of the submitted jobs (was its database replaced?)")
                }
                for result in reply.results { results[result.jobID] = result }
                pending = reply.pendingJobIds
                if !reply.results.isEmpty { progress(results.count, ids.count) }
                try Task.checkCancellation()
            }
        } catch is CancellationError {
            _ = try? await client.cancel(.with { $0.jobIds = pending }, options: Self.callOptions(seconds: 10))
            throw CancellationError()
        }
        return ids.map { results[$0]! }
    }

    /// The ids among `ids` the coordinator does not know (another coordinator, or a new job store).
    public func unknown(_ ids: [String]) async throws -> Set<String> {
        var unknown = Set<String>()
        for start in stride(from: 0, to: ids.count, by: 5_000) {
            let chunk = Array(ids[start..<min(start + 5_000, ids.count)])
            let reply = try await client.await(.with { $0.jobIds = chunk; $0.waitMs = 0 }, options: Self.callOptions(seconds: 30))
            unknown.formUnion(reply.unknownJobIds)
        }
        return unknown
    }

    /// Cancels queued or running jobs; returns how many were still unfinished.
    @discardableResult
    public func cancel(_ ids: [String]) async throws -> Int {
        Int(try await client.cancel(.with { $0.jobIds = ids }, options: Self.callOptions(seconds: 15)).cancelled)
    }

    public func status() async throws -> WireStatusResponse {
        try await Self.retryingTransientFailures { try await client.status(.init(), options: Self.callOptions(seconds: 15)) }
    }

    /// Repeats an idempotent call that timed out or found the coordinator unreachable (a busy
    /// or restarting coordinator), for up to ten minutes with growing pauses.
    static func retryingTransientFailures<Reply: Sendable>(_ call: () async throws -> Reply) async throws -> Reply {
        let deadline = ContinuousClock.now + .seconds(600)
        var pause = Duration.milliseconds(200)
        while true {
            do {
                return try await call()
            } catch let error as RPCError where error.code == .deadlineExceeded || error.code == .unavailable {
                guard ContinuousClock.now + pause < deadline else { throw error }
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(10))
            }
        }
    }

    static func callOptions(seconds: Double) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = .milliseconds(Int64(seconds * 1000))
        // The transport's default (4 MiB) is below what the coordinator may send.
        options.maxRequestMessageBytes = ClusterTransport.maxMessageBytes
        options.maxResponseMessageBytes = ClusterTransport.maxMessageBytes
        return options
    }
}
