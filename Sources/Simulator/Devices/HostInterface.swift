/// Spike's host-target interface (HTIF) over the `tohost`/`fromhost` words.
///
/// A write to `tohost` is a command: device in bits 63:56, command in 55:48, payload below.
/// Device 0 is the system: an odd payload ends the program with exit code payload >> 1; an
/// even payload is the address of a 64-byte syscall block {number, arg0, arg1, arg2, ...},
/// answered in place with the result in its first word and then `fromhost = 1`.
/// Device 1 command 1 writes one character to the console (no response, as in Spike).
/// The host clears `tohost` after taking each command, as Spike's front end does.
struct HostInterface {
    let tohostAddress: UInt64?
    let fromhostAddress: UInt64?

    enum Action {
        case none
        case exit(code: Int64)
        case fault(String)
    }

    static let sysWrite: UInt64 = 64
    static let sysExit: UInt64 = 93
    static let errnoNoSystemCall: Int64 = -38
    static let errnoBadAddress: Int64 = -14

    /// Handles a store that touched `tohost`.
    func handleWrite(memory: GuestMemory, console: Console) -> Action {
        guard let tohostAddress, let value = memory.load(UInt64.self, from: tohostAddress), value != 0 else {
            return .none
        }
        memory.store(UInt64(0), to: tohostAddress)
        let device = value >> 56
        let command = (value >> 48) & 0xFF
        let payload = value & 0xFFFF_FFFF_FFFF
        switch (device, command) {
        case (0, 0):
            if payload & 1 == 1 { return .exit(code: Int64(payload >> 1)) }
            return systemCall(blockAddress: payload, memory: memory, console: console)
        case (1, 1):
            var byte = UInt8(truncatingIfNeeded: payload)
            withUnsafeBytes(of: &byte) { console.write($0, stream: 1) }
            return .none
        default:
            return .fault("unknown HTIF command \(hex(value, digits: 16)) (device \(device), command \(command)) written to tohost")
        }
    }

    private func systemCall(blockAddress: UInt64, memory: GuestMemory, console: Console) -> Action {
        guard let block = memory.pointer(to: blockAddress, length: 64) else {
            return .fault("HTIF syscall block at \(hex(blockAddress)) lies outside memory")
        }
        let words = block.bindMemory(to: UInt64.self, capacity: 8)
        let number = UInt64(littleEndian: words[0])
        let arguments = (UInt64(littleEndian: words[1]), UInt64(littleEndian: words[2]), UInt64(littleEndian: words[3]))
        var result: Int64
        switch number {
        case Self.sysWrite:
            let (fd, buffer, length) = arguments
            if fd != 1 && fd != 2 {
                result = -9  // EBADF: only the console streams exist
            } else if let source = memory.pointer(to: buffer, length: length) {
                console.write(UnsafeRawBufferPointer(start: source, count: Int(length)), stream: Int(fd))
                result = Int64(length)
            } else {
                result = Self.errnoBadAddress
            }
        case Self.sysExit:
            return .exit(code: Int64(bitPattern: arguments.0))
        default:
            result = Self.errnoNoSystemCall
        }
        words[0] = UInt64(bitPattern: result).littleEndian
        respond(1, memory: memory)
        return .none
    }

    private func respond(_ value: UInt64, memory: GuestMemory) {
        if let fromhostAddress { memory.store(value, to: fromhostAddress) }
    }
}
