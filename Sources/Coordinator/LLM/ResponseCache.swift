import Crypto
public import Foundation

/// Replies kept on disk so that a rerun of a search with the same seed asks no model again.
///
/// One JSON file per request, `<directory>/<first two hex digits>/<sha256>.json`, holding the
/// full key next to the reply. Files rather than an SQLite table because entries are written
/// once and never updated, by possibly several processes (a rerun while another run still
/// goes), and because a cache that is a plain directory can be inspected, copied between
/// machines, merged (`cp -n`) or pruned with ordinary tools. Each file is written to a
/// temporary name and renamed into place, so a reader sees a whole entry or none. The
/// two-digit fan-out keeps directories small (a full suite run makes tens of thousands).
/// A file that does not decode, or whose stored key differs from the one asked for, is a miss.
public struct ResponseCache: Sendable {
    /// Everything that decides a reply. Two requests with equal keys are interchangeable;
    /// `sampleIndex` tells apart the K samples a search draws from one prompt, which would
    /// otherwise share an entry (and come back identical).
    public struct Key: Sendable, Hashable, Codable {
        /// Bumped when the key or the stored reply changes meaning, so old entries miss.
        public var format = 1
        public var provider: String
        public var kind: ProviderKind
        public var baseURL: String
        public var model: String
        public var messages: [ChatMessage]
        public var temperature: Double?
        public var maxTokens: Int
        public var seed: Int?
        public var sampleIndex: Int

        public init(request: ChatRequest, model: ModelSpec, sampleIndex: Int) {
            provider = model.provider
            kind = model.kind
            baseURL = model.baseURL
            self.model = model.model
            messages = request.messages
            temperature = request.temperature
            maxTokens = request.maxTokens
            seed = request.seed
            self.sampleIndex = sampleIndex
        }

        /// SHA-256 of the key's canonical JSON (sorted keys), in hex.
        public var digest: String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            // A NaN temperature must still make a key of its own rather than fail to encode.
            encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            let bytes = (try? encoder.encode(self)) ?? Data()
            return SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        }
    }

    private struct Entry: Codable {
        var key: Key
        var reply: ChatReply
    }

    public let directory: URL

    /// Creates the directory if needed; throws when it cannot be created.
    public init(directory: URL) throws {
        self.directory = directory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Where the entry for `key` lives.
    public func fileURL(for key: Key) -> URL {
        let digest = key.digest
        return directory.appendingPathComponent(String(digest.prefix(2)), isDirectory: true)
            .appendingPathComponent(digest + ".json")
    }

    /// The stored reply, or nil on a miss.
    public func reply(for key: Key) -> ChatReply? {
        guard let data = try? Data(contentsOf: fileURL(for: key)),
              let entry = try? JSONDecoder().decode(Entry.self, from: data), entry.key == key
        else { return nil }
        return entry.reply
    }

    /// Stores `reply` (without its `fromCache` mark) atomically, replacing any entry.
    public func store(_ reply: ChatReply, for key: Key) throws {
        var reply = reply
        reply.fromCache = false
        let url = fileURL(for: key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        // .atomic writes a temporary file beside the target and renames it over the target.
        try encoder.encode(Entry(key: key, reply: reply)).write(to: url, options: .atomic)
    }
}
