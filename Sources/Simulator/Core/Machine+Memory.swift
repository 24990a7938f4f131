extension Machine {
    /// Loads near the end of memory or outside it; nil means an access fault.
    @inline(never)
    func loadSlow(_ address: UInt64, bytes: Int) -> UInt64? {
        guard let p = memory.pointer(to: address, length: UInt64(bytes)) else { return nil }
        var value: UInt64 = 0
        for index in (0..<bytes).reversed() { value = value << 8 | UInt64(p.load(fromByteOffset: index, as: UInt8.self)) }
        return value
    }

    /// Stores near the end of memory or outside it; false means an access fault.
    @inline(never)
    func storeSlow(_ address: UInt64, value: UInt64, bytes: Int) -> Bool {
        guard let p = memory.pointer(to: address, length: UInt64(bytes)) else { return false }
        for index in 0..<bytes { p.storeBytes(of: UInt8(truncatingIfNeeded: value >> (8 * index)), toByteOffset: index, as: UInt8.self) }
        return true
    }

    /// Handles a store that touched `tohost`. True when the run must stop (exit or fault).
    @inline(never)
    func serviceHostInterface(pc: UInt64) -> Bool {
        switch hostInterface.handleWrite(memory: memory, console: console) {
        case .none:
            return false
        case .exit(let code):
            exitCode = code
            return true
        case .fault(let reason):
            fault = SimulationFault(kind: .deviceFault, pc: pc, instruction: nil, location: location(of: pc), reason: reason)
            return true
        }
    }
}
