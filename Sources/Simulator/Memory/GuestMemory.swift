/// The guest's physical memory: one flat, lazily committed region starting at `base`.
///
/// The interpreter accesses it through `bytes` and the bounds it copies into locals; this
/// type's methods are for the loader, devices and accelerators (slow paths).
public final class GuestMemory {
    /// Guest physical address of the first byte (0x8000_0000 on Spike-compatible platforms).
    public let base: UInt64
    /// Size in bytes.
    public let size: UInt64
    /// Host address of the first byte.
    let bytes: UnsafeMutableRawPointer
    private let mapping: AnonymousMapping

    public static let defaultBase: UInt64 = 0x8000_0000

    init?(base: UInt64 = GuestMemory.defaultBase, size: UInt64) {
        guard size >= 4096, let mapping = AnonymousMapping(byteCount: Int(size)) else { return nil }
        self.base = base
        self.size = size
        self.mapping = mapping
        self.bytes = mapping.base
    }

    deinit { mapping.unmap() }

    /// The last guest address plus one.
    public var end: UInt64 { base &+ size }

    /// True when `[address, address + length)` lies inside memory.
    @inline(__always)
    public func contains(_ address: UInt64, length: UInt64) -> Bool {
        let offset = address &- base
        return offset < size && length <= size - offset
    }

    /// Host pointer for a guest range, or nil when it is not entirely inside memory.
    public func pointer(to address: UInt64, length: UInt64) -> UnsafeMutableRawPointer? {
        guard contains(address, length: length) else { return nil }
        return bytes + Int(address &- base)
    }

    /// Reads a little-endian value; nil when outside memory.
    public func load<T: FixedWidthInteger>(_ type: T.Type, from address: UInt64) -> T? {
        guard let p = pointer(to: address, length: UInt64(MemoryLayout<T>.size)) else { return nil }
        return T(littleEndian: p.loadUnaligned(as: T.self))
    }

    /// Writes a little-endian value; false when outside memory.
    @discardableResult
    public func store<T: FixedWidthInteger>(_ value: T, to address: UInt64) -> Bool {
        guard let p = pointer(to: address, length: UInt64(MemoryLayout<T>.size)) else { return false }
        p.storeBytes(of: value.littleEndian, as: T.self)
        return true
    }

    /// Copies bytes into guest memory; false when the range is outside memory.
    @discardableResult
    public func write(_ source: UnsafeRawBufferPointer, to address: UInt64) -> Bool {
        guard let p = pointer(to: address, length: UInt64(source.count)) else { return false }
        if let sourceBase = source.baseAddress { p.copyMemory(from: sourceBase, byteCount: source.count) }
        return true
    }

    /// Copies bytes out of guest memory; nil when the range is outside memory.
    public func read(from address: UInt64, count: Int) -> [UInt8]? {
        guard let p = pointer(to: address, length: UInt64(count)) else { return nil }
        return Array(UnsafeRawBufferPointer(start: p, count: count))
    }
}
