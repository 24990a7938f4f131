/// Builds the functional Gemmini model for an accelerator design.
public enum Gemmini {
    /// A fresh accelerator (zeroed scratchpad and accumulator) to attach to the core's RoCC port.
    public static func makeAccelerator(_ configuration: GemminiConfiguration) -> any RoCCAccelerator {
        switch configuration.arithmetic {
        case .int8: Int8Gemmini(GemminiCore(configuration))
        case .fp32: Float32Gemmini(GemminiCore(configuration))
        }
    }
}

// The RoCC port reaches the accelerator through an existential. Conforming a generic class
// directly would run the whole model as unspecialized generic code (measured: 8.6 us per
// 16x16x16 compute instead of under 1); these concrete adapters make every call into the
// model a call on a concrete type, which the compiler specializes.

/// The int8 model on the RoCC port.
final class Int8Gemmini: RoCCAccelerator, TimedAccelerator {
    let core: GemminiCore<Int8Arithmetic>
    init(_ core: GemminiCore<Int8Arithmetic>) { self.core = core }
    func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome { core.execute(command, memory: memory, cycle: cycle) }
    func fence(memory: GuestMemory, cycle: UInt64) -> UInt64 { core.timing?.fence(at: cycle) ?? cycle }
    func enableTiming(_ parameters: GemminiTimingParameters, memory: MemorySystem) { core.enableTiming(parameters, memory: memory) }
    func acceleratorFeedback(cycles: UInt64) -> AcceleratorFeedback? { core.acceleratorFeedback(cycles: cycles) }
    func takeTimingSnapshot() -> GemminiTimingStatistics? { core.takeTimingSnapshot() }
    func acceleratorFeedback(from start: GemminiTimingStatistics, to end: GemminiTimingStatistics, cycles: UInt64) -> AcceleratorFeedback? {
        core.timing?.feedback(configuration: core.configuration, statistics: end.subtracting(start), cycles: cycles)
    }
}

/// The fp32 model on the RoCC port.
final class Float32Gemmini: RoCCAccelerator, TimedAccelerator {
    let core: GemminiCore<Float32Arithmetic>
    init(_ core: GemminiCore<Float32Arithmetic>) { self.core = core }
    func execute(_ command: RoCCCommand, memory: GuestMemory, cycle: UInt64) -> RoCCOutcome { core.execute(command, memory: memory, cycle: cycle) }
    func fence(memory: GuestMemory, cycle: UInt64) -> UInt64 { core.timing?.fence(at: cycle) ?? cycle }
    func enableTiming(_ parameters: GemminiTimingParameters, memory: MemorySystem) { core.enableTiming(parameters, memory: memory) }
    func acceleratorFeedback(cycles: UInt64) -> AcceleratorFeedback? { core.acceleratorFeedback(cycles: cycles) }
    func takeTimingSnapshot() -> GemminiTimingStatistics? { core.takeTimingSnapshot() }
    func acceleratorFeedback(from start: GemminiTimingStatistics, to end: GemminiTimingStatistics, cycles: UInt64) -> AcceleratorFeedback? {
        core.timing?.feedback(configuration: core.configuration, statistics: end.subtracting(start), cycles: cycles)
    }
}

/// Gemmini command numbers (funct7), gemmini-reference.md section 1.2.
enum GemminiFunct {
    static let config: UInt8 = 0
    static let mvin2: UInt8 = 1
    static let mvin: UInt8 = 2
    static let mvout: UInt8 = 3
    static let computePreloaded: UInt8 = 4
    static let computeAccumulated: UInt8 = 5
    static let preload: UInt8 = 6
    static let flush: UInt8 = 7
    static let loopWS: UInt8 = 8
    static let loopWSConfigBounds: UInt8 = 9
    static let loopWSConfigAddressesAB: UInt8 = 10
    static let loopWSConfigAddressesDC: UInt8 = 11
    static let loopWSConfigStridesAB: UInt8 = 12
    static let loopWSConfigStridesDC: UInt8 = 13
    static let mvin3: UInt8 = 14
    static let loopConvWS: UInt8 = 15
    static let loopConvWSConfig1: UInt8 = 16
    static let loopConvWSConfig6: UInt8 = 21
    static let clockGate: UInt8 = 22
    static let storeSpad: UInt8 = 23
    static let loopWSConfigSpadAB: UInt8 = 24
    static let loopWSConfigSpadC: UInt8 = 25
    static let counter: UInt8 = 126
}
