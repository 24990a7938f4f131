#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs programs on the simulator, one at a time on the calling thread.
public enum Simulation {
    /// Instructions between checks of the wall clock and cancellation (a few milliseconds).
    static let sliceInstructions: UInt64 = 1 << 22

    /// Loads and runs a program to completion or to a limit.
    public static func run(
        _ program: ProgramImage, options: SimulationOptions = SimulationOptions(),
        accelerator: (any RoCCAccelerator)? = nil, cancellation: CancellationFlag? = nil
    ) -> SimulationResult {
        let start = monotonicSeconds()
        let console = Console(captureLimit: options.outputCaptureLimit, passthrough: options.passthroughOutput)
        let machine: Machine
        do {
            machine = try Machine(program: program, memorySize: options.memorySize, console: console, accelerator: accelerator)
        } catch {
            return SimulationResult(
                status: .fault, exitCode: nil, fault: error.description, guestFault: nil, standardOutput: [],
                standardError: [], droppedOutputBytes: 0, instret: 0, cycles: 0, hardware: nil,
                wallSeconds: monotonicSeconds() - start)
        }
        let status: SimulationStatus
        let cycles: UInt64
        var hardware: HardwareFeedback?
        if let parameters = options.timing {
            // One memory system per run, shared by the core's caches and the accelerator's DMA.
            let memory = MemorySystem(parameters.memory)
            let timedAccelerator = accelerator as? any TimedAccelerator
            timedAccelerator?.enableTiming(parameters.gemmini, memory: memory)
            var timing = RocketTiming(parameters: parameters.core, memory: memory)
            machine.recordsCycleReads = true
            status = drive(machine, options: options, timing: &timing, cancellation: cancellation, start: start)
            cycles = timing.cycles(retired: machine.retired)
            hardware = timing.feedback(retired: machine.retired, accelerator: timedAccelerator?.acceleratorFeedback(cycles: cycles))
            hardware?.regions = machine.timedRegions()
        } else {
            var timing = FunctionalTiming()
            status = drive(machine, options: options, timing: &timing, cancellation: cancellation, start: start)
            cycles = timing.cycles(retired: machine.retired)
        }
        return SimulationResult(
            status: status, exitCode: status == .exited ? machine.exitCode : nil,
            fault: machine.fault?.description, guestFault: machine.fault,
            standardOutput: console.standardOutput, standardError: console.standardError,
            droppedOutputBytes: console.droppedBytes, instret: machine.retired,
            cycles: cycles, hardware: hardware, wallSeconds: monotonicSeconds() - start)
    }

    /// Runs the machine slice by slice, checking limits between slices.
    static func drive<Timing: CoreTimingModel>(
        _ machine: Machine, options: SimulationOptions, timing: inout Timing, cancellation: CancellationFlag?,
        start: Double
    ) -> SimulationStatus {
        let deadline = options.timeoutSeconds.map { start + $0 }
        let limit = options.maxInstructions ?? UInt64.max
        while true {
            if machine.retired >= limit { return .instructionLimit }
            if let deadline, monotonicSeconds() >= deadline { return .timeout }
            if let cancellation, cancellation.isCancelled { return .cancelled }
            let budget = min(sliceInstructions, limit - machine.retired)
            switch machine.run(budget: budget, timing: &timing) {
            case .budgetExhausted: continue
            case .exited: return .exited
            case .faulted: return .fault
            }
        }
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}
