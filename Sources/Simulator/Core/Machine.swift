/// One RV64GC hart in machine mode with its memory, host interface and optional accelerator.
///
/// All mutable hart state lives in manually allocated buffers so that the interpreter loop
/// can work on raw pointers copied into locals (no ARC, no class-property access per
/// instruction). A machine is used by one thread at a time.
final class Machine {
    let program: ProgramImage
    let memory: GuestMemory
    /// x0...x31 and the sink for writes to x0.
    let x: UnsafeMutablePointer<UInt64>
    /// f0...f31 as raw 64-bit patterns (single-precision values NaN-boxed).
    let f: UnsafeMutablePointer<UInt64>
    let control: UnsafeMutablePointer<ControlState>
    var pc: UInt64
    /// Instructions retired so far.
    var retired: UInt64 = 0
    /// Traps taken so far (each consumes run budget without retiring).
    var trapsTaken: UInt64 = 0
    let decodeCache: DecodeCache
    let hostInterface: HostInterface
    let console: Console
    let accelerator: (any RoCCAccelerator)?

    /// Set when the program ends through HTIF.
    var exitCode: Int64?
    /// Set when the run stops on a fault.
    var fault: SimulationFault?
    /// CSRs that are accepted and stored but have no effect (PMP, debug triggers).
    var storedCSRs: [UInt32: UInt64] = [:]
    /// Reads of the cycle counter when cycles are modelled, with the accelerator's counts at
    /// that moment: successive pairs delimit the program's timed regions.
    var cycleReads: [(cycle: UInt64, accelerator: GemminiTimingStatistics?)] = []
    /// Whether reads of the cycle counter are recorded (timed runs only).
    var recordsCycleReads = false
    static let cycleReadLimit = 100_000

    init(
        program: ProgramImage, memorySize: UInt64, console: Console, accelerator: (any RoCCAccelerator)?
    ) throws(ProgramLoadError) {
        guard let memory = GuestMemory(size: memorySize) else {
            throw ProgramLoadError(code: .memoryUnavailable, file: program.name,
                                   reason: "cannot reserve \(memorySize >> 20) MiB of simulated memory")
        }
        for segment in program.segments {
            guard memory.contains(segment.address, length: segment.memorySize) else {
                throw ProgramLoadError(
                    code: .outsideMemory, file: program.name,
                    reason: "segment at \(hex(segment.address)) (\(segment.memorySize) bytes) lies outside simulated memory \(hex(memory.base))-\(hex(memory.end)) (\(memorySize >> 20) MiB; give it more memory)")
            }
            segment.data.withUnsafeBytes { _ = memory.write($0, to: segment.address) }
        }
        guard let cache = DecodeCache(memoryBase: memory.base, memorySize: memory.size) else {
            throw ProgramLoadError(code: .memoryUnavailable, file: program.name, reason: "cannot reserve the decoded-instruction cache")
        }
        self.program = program
        self.memory = memory
        self.decodeCache = cache
        self.console = console
        self.accelerator = accelerator
        self.hostInterface = HostInterface(tohostAddress: program.tohost, fromhostAddress: program.fromhost)
        self.pc = program.entry
        x = .allocate(capacity: RegisterFile.integerSlots)
        x.initialize(repeating: 0, count: RegisterFile.integerSlots)
        f = .allocate(capacity: 32)
        f.initialize(repeating: 0, count: 32)
        control = .allocate(capacity: 1)
        control.initialize(to: ControlState())
        // Machine mode; the accelerator's XS state starts off as on Rocket (crt0 enables it).
        control.pointee.mstatus = MStatus.mpp
    }

    deinit {
        x.deallocate()
        f.deallocate()
        control.deallocate()
        decodeCache.release()
    }

    /// Names an address for messages.
    func location(of address: UInt64) -> String? {
        program.location(of: address)
    }
}
