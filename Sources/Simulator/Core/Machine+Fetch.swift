extension Machine {
    /// Reads and decodes the instruction at `pc`; nil when it is not entirely inside memory.
    func fetchAndDecode(_ pc: UInt64) -> DecodedInstruction? {
        guard let low = memory.load(UInt16.self, from: pc) else { return nil }
        if low & 3 != 3 { return CompressedDecoder.decode(low) }
        guard let high = memory.load(UInt16.self, from: pc &+ 2) else { return nil }
        return Decoder.decode(UInt32(low) | UInt32(high) << 16)
    }
}
