/// Machine-mode control and status state of the hart (the CSRs that hold data).
///
/// Lives behind a pointer so that the interpreter's slow paths can change it without the
/// run loop holding a class reference.
struct ControlState {
    var mstatus: UInt64 = 0
    var mtvec: UInt64 = 0
    var mepc: UInt64 = 0
    var mcause: UInt64 = 0
    var mtval: UInt64 = 0
    var mscratch: UInt64 = 0
    var mie: UInt64 = 0
    var mip: UInt64 = 0
    var mcounteren: UInt64 = 0
    var mcountinhibit: UInt64 = 0
    var medeleg: UInt64 = 0
    var mideleg: UInt64 = 0
    var fflags: UInt8 = 0
    var frm: UInt8 = 0
    /// mcycle/minstret as written by the program minus the counts at the time of the write.
    var cycleOffset: UInt64 = 0
    var instretOffset: UInt64 = 0
    /// LR/SC reservation.
    var reservationAddress: UInt64 = 0
    var reservationValid = false
}

/// mstatus fields this hart implements.
enum MStatus {
    static let mie: UInt64 = 1 << 3
    static let mpie: UInt64 = 1 << 7
    static let mpp: UInt64 = 3 << 11
    static let fs: UInt64 = 3 << 13
    static let xs: UInt64 = 3 << 15
    static let sd: UInt64 = 1 << 63
    /// Bits a csrw may change; MPP is fixed to machine mode.
    static let writable: UInt64 = mie | mpie | fs | xs

    /// Recomputes the read-only SD summary bit.
    @inline(__always)
    static func withSummary(_ value: UInt64) -> UInt64 {
        let dirty = (value & fs) == fs || (value & xs) == xs
        return dirty ? value | sd : value & ~sd
    }
}
