/// A 128-bit FNV-1a style hash that is stable across runs and machines (Swift's Hasher is
/// seeded per process), for cache keys. Not for security.
public struct StableHash: Sendable {
    private var low: UInt64 = 0xCBF2_9CE4_8422_2325
    private var high: UInt64 = 0x6C62_272E_07BB_0142

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            low = (low ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            high = (high ^ UInt64(byte) ^ (low >> 29)) &* 0x0000_0100_0000_01B3
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        low = (low ^ 0xFF) &* 0x0000_0100_0000_01B3
        high = (high ^ 0xFE) &* 0x0000_0100_0000_01B3
    }

    public mutating func add(_ text: String) { add(text.utf8) }

    public var hexDigest: String {
        func hex(_ value: UInt64) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        return hex(high) + hex(low)
    }
}
