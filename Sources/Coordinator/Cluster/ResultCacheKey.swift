import ClusterProtocol
import Crypto
import Foundation
import SwiftProtobuf

/// The content address of a job's result: SHA-256 over everything that decides it, the
/// harness, the candidates, the accelerator configuration, the defines, repeat count, batch
/// and timing modes, and the runtime and simulator version (JobSpec.runtime_version). Limits
/// are left out: only results that no limit cut short are cached.
enum ResultCacheKey {
    static func of(_ spec: WireJobSpec) throws -> String {
        var essential = spec
        essential.clearLimits()
        var options = BinaryEncodingOptions()
        options.useDeterministicOrdering = true
        let bytes: Data = try essential.serializedBytes(options: options)
        return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the same job would give the same result again: not when it was cut short by a
    /// wall-clock limit (load-dependent), cancelled, or failed for reasons outside the candidate.
    static func isCacheable(_ result: WireJobResult) -> Bool {
        result.error.isEmpty && !result.cancelled && !result.candidates.isEmpty
            && !result.candidates.contains { $0.status == .timeout || $0.status == .unspecified }
    }
}
