/// Synchronous exception causes (mcause values, privileged spec table 3.6).
enum TrapCause: UInt64 {
    case instructionAddressMisaligned = 0
    case instructionAccessFault = 1
    case illegalInstruction = 2
    case breakpoint = 3
    case loadAddressMisaligned = 4
    case loadAccessFault = 5
    case storeAddressMisaligned = 6
    case storeAccessFault = 7
    case environmentCallFromM = 11

    var description: String {
        switch self {
        case .instructionAddressMisaligned: "instruction address misaligned"
        case .instructionAccessFault: "instruction access fault"
        case .illegalInstruction: "illegal instruction"
        case .breakpoint: "breakpoint"
        case .loadAddressMisaligned: "misaligned load"
        case .loadAccessFault: "load access fault"
        case .storeAddressMisaligned: "misaligned store/AMO"
        case .storeAccessFault: "store/AMO access fault"
        case .environmentCallFromM: "environment call from M-mode"
        }
    }
}
