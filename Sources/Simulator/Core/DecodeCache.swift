/// Decoded instructions for the executable part of memory, one slot per halfword.
///
/// Decoding happens once per address: an empty slot holds `Op.undecoded` (all-zero bytes),
/// which the interpreter executes by decoding into the slot. The slots live in a lazily
/// committed mapping, so only pages of code that actually run cost memory. Code outside the
/// window still runs, decoded on every execution (slow but correct). `fence.i` empties the cache.
struct DecodeCache {
    /// Guest address of the first covered halfword.
    let windowBase: UInt64
    /// Bytes of guest memory covered.
    let windowSize: UInt64
    let slots: UnsafeMutablePointer<DecodedInstruction>
    private let mapping: AnonymousMapping?

    init?(windowBase: UInt64, windowSize: UInt64) {
        self.windowBase = windowBase
        self.windowSize = windowSize
        let slotCount = Int(windowSize / 2)
        if slotCount == 0 {
            mapping = nil
            slots = UnsafeMutablePointer<DecodedInstruction>.allocate(capacity: 1)
            return
        }
        guard let mapping = AnonymousMapping(byteCount: slotCount * MemoryLayout<DecodedInstruction>.stride) else {
            return nil
        }
        self.mapping = mapping
        slots = mapping.base.bindMemory(to: DecodedInstruction.self, capacity: slotCount)
    }

    /// Forgets every decoded instruction (after the program may have written code).
    func invalidate() {
        mapping?.discardContents()
    }

    func release() {
        if let mapping { mapping.unmap() } else { slots.deallocate() }
    }
}
