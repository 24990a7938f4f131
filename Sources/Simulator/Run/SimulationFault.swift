/// Why a simulation stopped abnormally: a guest trap with no handler, or a device failure.
/// `description` is one line naming the PC and the instruction word.
public struct SimulationFault: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case illegalInstruction = "illegal_instruction"
        case accessFault = "access_fault"
        case misalignedAccess = "misaligned_access"
        case unhandledTrap = "unhandled_trap"
        case deviceFault = "device_fault"
    }

    public var kind: Kind
    /// The PC of the faulting instruction.
    public var pc: UInt64
    /// The instruction word, when it could be fetched.
    public var instruction: UInt32?
    /// The function containing `pc`, when the program has symbols.
    public var location: String?
    /// What went wrong, without the PC/instruction part.
    public var reason: String

    public var description: String {
        var text = "\(reason) at pc \(hex(pc))"
        if let location { text += " (\(location))" }
        if let instruction {
            text += ", instruction \(hex(UInt64(instruction), digits: instruction & 3 == 3 ? 8 : 4))"
        }
        return text
    }
}
