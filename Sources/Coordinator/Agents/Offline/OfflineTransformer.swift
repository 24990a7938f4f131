import Foundation

/// The engine behind the offline agent: a parametric schedule for each problem family
/// (GEMM, convolution), moves that implement the menu options as real program
/// transformations, and a C code generator. It follows the same plan-then-code contract as
/// an LLM: `proposals(for:from:)` plans (one option, plans specific to the parent code), and
/// `code(for:)` implements a plan's schedule, which `schedule(fromPlan:)` reads back from the
/// plan text alone.
///
/// Every schedule it proposes fits the scratchpad (256 KiB) and accumulator (64 KiB) of the
/// int8 16x16 design, and its code computes the same result as the starting code.
public struct OfflineTransformer: Sendable {
    private enum Family: Sendable {
        case gemm(GemmShape)
        case conv(ConvShape)
    }

    private let family: Family
    /// The problem's id, for messages.
    public let problemID: String

    /// Throws a one-line error for families it cannot transform (TinyMPC), designs other
    /// than int8_16x16 and shapes its code does not cover.
    public init(problem: Problem) throws {
        problemID = problem.id
        guard problem.family != .tinympc else {
            throw OfflineTransformerError(.unsupportedFamily, "\(problem.id): the offline agent transforms GEMM and convolution code only, not the tinympc family")
        }
        guard let hardware = OfflineHardware.forAccelerator(problem.accelerator) else {
            throw OfflineTransformerError(.unsupportedAccelerator, "\(problem.id): the offline agent's schedules are sized for int8_16x16, not \(problem.accelerator)")
        }
        switch problem.family {
        case .gemm: family = .gemm(try GemmShape(problem: problem, hardware: hardware))
        case .conv: family = .conv(try ConvShape(problem: problem, hardware: hardware))
        case .tinympc: fatalError("checked above")
        }
    }

    /// The schedule of the problem's starting code (start.c): GEMM one row of up to four
    /// output tiles at a time with two operand slots; convolution one 16-pixel x 16-channel
    /// output tile at a time, every operand moved in before its multiply.
    public var startSchedule: OfflineSchedule {
        switch family {
        case .gemm(let shape): .gemm(shape.clipped(GemmSchedule()))
        case .conv(let shape): .conv(ConvSchedule(tc: shape.NC))
        }
    }

    /// The schedule a program follows: decoded from the marker comment the generator writes,
    /// or the problem's starting schedule when there is none (the problem's start.c, or code
    /// from elsewhere) or the marker does not describe a valid schedule for this problem.
    public func schedule(of code: String) -> OfflineSchedule {
        if let text = OfflineMarker.text(in: code), let schedule = OfflineSchedule(text: text), isValid(schedule) {
            return schedule
        }
        return startSchedule
    }

    /// Whether a schedule belongs to this problem's family and its data fit.
    public func isValid(_ schedule: OfflineSchedule) -> Bool {
        switch (family, schedule) {
        case (.gemm(let shape), .gemm(let s)): shape.isValid(s)
        case (.conv(let shape), .conv(let s)): shape.isValid(s)
        default: false
        }
    }

    /// Concrete ways to apply one menu option to a schedule (each a different, valid,
    /// semantically-equivalent transformation), with a plan text written for this code;
    /// empty when the option does not apply (already maximal, etc.). Deterministic; the
    /// caller samples among them.
    public func proposals(for option: OptimizationMenu.Option, from schedule: OfflineSchedule) -> [OfflineProposal] {
        switch (family, schedule) {
        case (.gemm(let shape), .gemm(let s)): GemmMoves(shape: shape).proposals(for: option, from: s)
        case (.conv(let shape), .conv(let s)): ConvMoves(shape: shape).proposals(for: option, from: s)
        default: []
        }
    }

    /// Reads back the schedule a plan text describes (its last `schedule: ...` line), so the
    /// coding phase needs only the plan text. Nil when there is none or it is not valid for
    /// this problem.
    public func schedule(fromPlan text: String) -> OfflineSchedule? {
        let lines = text.split(whereSeparator: \.isNewline)
        guard let line = lines.last(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("schedule:") }) else { return nil }
        let body = line.trimmingCharacters(in: .whitespaces).dropFirst("schedule:".count)
        guard let schedule = OfflineSchedule(text: String(body)), isValid(schedule) else { return nil }
        return schedule
    }

    /// The complete C code (a comment with the marker + `void solution(...) {...}`)
    /// implementing a schedule. A schedule of the other family yields the starting schedule's code.
    public func code(for schedule: OfflineSchedule) -> String {
        switch (family, schedule) {
        case (.gemm(let shape), .gemm(let s)): GemmCodeGenerator(shape: shape).code(for: s)
        case (.conv(let shape), .conv(let s)): ConvCodeGenerator(shape: shape).code(for: s)
        default: code(for: startSchedule)
        }
    }

    /// Scratchpad and accumulator rows a schedule's code uses (for reports and tests).
    public func footprint(of schedule: OfflineSchedule) -> (scratchpadRows: Int, accumulatorRows: Int) {
        switch (family, schedule) {
        case (.gemm(let shape), .gemm(let s)):
            (s.loop ? shape.scratchpadRows(s) : GemmLayout(shape: shape, schedule: s).scratchpadEnd, shape.accumulatorRows(s))
        case (.conv(let shape), .conv(let s)):
            s.loop ? (shape.loopScratchpadRows(s), shape.loopAccumulatorRows(s))
                : (shape.layout(s).scratchpadEnd, s.abuf * shape.accumulatorRegionRows(s))
        default: (0, 0)
        }
    }
}
