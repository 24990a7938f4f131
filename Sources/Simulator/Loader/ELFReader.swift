/// Bounds-checked little-endian reads from an ELF file's bytes.
struct ELFReader {
    let bytes: [UInt8]

    func u8(_ offset: Int) -> UInt8? {
        offset >= 0 && offset < bytes.count ? bytes[offset] : nil
    }

    func u16(_ offset: Int) -> UInt16? { integer(offset, UInt16.self) }
    func u32(_ offset: Int) -> UInt32? { integer(offset, UInt32.self) }
    func u64(_ offset: Int) -> UInt64? { integer(offset, UInt64.self) }

    private func integer<T: FixedWidthInteger>(_ offset: Int, _ type: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset <= bytes.count - size else { return nil }
        var value: T = 0
        for index in (0..<size).reversed() { value = (value << 8) | T(bytes[offset + index]) }
        return value
    }

    /// The NUL-terminated string starting at `offset`.
    func string(_ offset: Int) -> String? {
        guard offset >= 0, offset < bytes.count else { return nil }
        guard let end = bytes[offset...].firstIndex(of: 0) else { return nil }
        return String(decoding: bytes[offset..<end], as: UTF8.self)
    }

    /// True when `[offset, offset + length)` lies inside the file.
    func contains(_ offset: UInt64, length: UInt64) -> Bool {
        offset <= UInt64(bytes.count) && length <= UInt64(bytes.count) - offset
    }
}
