import Foundation
public import Simulator

/// Evaluates candidate solutions the way Autocomp does: assemble them into the problem's
/// harness, compile for the problem's accelerator design, run on the simulator with that design
/// attached, and read the verdicts from the console output.
///
/// Several solutions share one program (batch mode). When that program does not build or does
/// not run to its end, each solution is evaluated in a program of its own, so one broken
/// candidate cannot take the others' verdicts with it.
public struct HarnessEvaluator: Sendable {
    public let compiler: CrossCompiler
    public let pool: SimulatorPool

    public init(compiler: CrossCompiler, pool: SimulatorPool) {
        self.compiler = compiler
        self.pool = pool
    }

    /// Throws only for a harness without its markers or a build directory that cannot be
    /// made; everything wrong with a solution is in its result.
    public func evaluate(_ request: EvaluationRequest) async throws -> EvaluationReport {
        let assembler = try HarnessAssembler(harness: request.harness, name: request.harnessName)
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("autocomp-eval-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { if !request.keepFiles { try? FileManager.default.removeItem(at: directory) } }

        var report = EvaluationReport(
            solutions: request.solutions.map { .init(name: $0.name, result: .failed(reason: "not evaluated"), diagnostics: "") },
            programs: [], directory: request.keepFiles ? directory : nil)
        var accepted: [(index: Int, candidate: HarnessAssembler.Candidate)] = []
        for (index, solution) in request.solutions.enumerated() {
            do {
                let function = try SolutionFunction.extract(from: solution.text)
                if let expected = request.expectedParameters { try function.checkParameters(expected) }
                accepted.append((index, .init(name: solution.name, solution: function)))
            } catch {
                report.solutions[index].result = .failed(reason: "rejected: \(error.description)")
            }
        }

        var remaining = accepted
        if request.batch && accepted.count > 1 {
            let candidates = accepted.map(\.candidate)
            let build: Build = await onOwnThread { [self] in
                self.build(candidates, assembler: assembler, request: request, file: directory.appendingPathComponent("batch"))
            }
            if let program = build.program {
                let simulation = await run(program, from: build.executable, request: request)
                report.programs.append(.init(solutions: accepted.map(\.candidate.name), source: build.source, compileSeconds: build.seconds, simulation: simulation))
                let results = Self.results(of: simulation, candidates: accepted.count)
                if !results.contains(where: { if case .failed = $0 { true } else { false } }) {
                    for (position, entry) in accepted.enumerated() {
                        report.solutions[entry.index].result = results[position]
                        report.solutions[entry.index].region = Self.region(of: results[position], in: simulation)
                    }
                    remaining = []
                }
            } else {
                report.programs.append(.init(solutions: accepted.map(\.candidate.name), source: build.source, compileSeconds: build.seconds, simulation: nil))
            }
        }

        // One program per solution: build them in turn, run them together.
        var jobs: [(index: Int, program: ProgramImage, executable: URL, record: Int)] = []
        for entry in remaining {
            let build: Build = await onOwnThread { [self] in
                self.build([entry.candidate], assembler: assembler, request: request, file: directory.appendingPathComponent("solution-\(entry.index + 1)"))
            }
            report.programs.append(.init(solutions: [entry.candidate.name], source: build.source, compileSeconds: build.seconds, simulation: nil))
            if let program = build.program {
                jobs.append((entry.index, program, build.executable, report.programs.count - 1))
            } else {
                report.solutions[entry.index].result = .failed(reason: build.failure)
                report.solutions[entry.index].diagnostics = build.diagnostics
            }
        }
        let simulations: [SimulationResult]
        if let board = request.board {
            let programs = jobs.map(\.executable)
            simulations = await onOwnThread { programs.map { board.run(elf: $0, outputLimit: request.outputLimit) } }
        } else {
            simulations = await pool.run(jobs.map { job(for: $0.program, request: request) })
        }
        for (job, simulation) in zip(jobs, simulations) {
            report.programs[job.record].simulation = simulation
            report.solutions[job.index].result = Self.results(of: simulation, candidates: 1)[0]
            report.solutions[job.index].region = Self.region(of: report.solutions[job.index].result, in: simulation)
        }
        return report
    }

    // MARK: Building and running

    private struct Build: Sendable {
        var source: URL
        var executable: URL
        var seconds: Double
        var program: ProgramImage?
        var failure = ""
        var diagnostics = ""
    }

    private func build(_ candidates: [HarnessAssembler.Candidate], assembler: HarnessAssembler, request: EvaluationRequest, file: URL) -> Build {
        let source = file.appendingPathExtension("c")
        let executable = file.appendingPathExtension("elf")
        let started = Date()
        var build = Build(source: source, executable: executable, seconds: 0)
        defer { build.seconds = Date().timeIntervalSince(started) }
        do {
            try Data(assembler.assemble(candidates).utf8).write(to: source)
        } catch {
            build.failure = "cannot write \(source.path): \(error.localizedDescription)"
            return build
        }
        var options = CompileOptions(accelerator: request.accelerator)
        options.timeoutSeconds = request.compileTimeoutSeconds
        if let repeatCount = request.repeatCount { options.defines.append("REPEAT=\(repeatCount)") }
        do {
            try compiler.compile(sources: [source.path], output: executable.path, options: options)
            build.program = try ProgramImage(contentsOf: executable.path)
        } catch let error as ToolchainError {
            build.failure = error.code == .compileFailed ? "does not compile: \(Self.firstError(error))" : error.message
            build.diagnostics = error.diagnostics
        } catch {
            build.failure = "cannot load the program: \(error)"
        }
        build.seconds = Date().timeIntervalSince(started)
        return build
    }

    private func job(for program: ProgramImage, request: EvaluationRequest) -> SimulationJob {
        let configuration = request.accelerator
        return SimulationJob(
            program: program,
            options: SimulationOptions(
                memorySize: request.memorySize, maxInstructions: request.maxInstructions, timeoutSeconds: request.timeoutSeconds,
                outputCaptureLimit: request.outputLimit,
                timing: request.modelsCycles ? configuration.timingParameters : nil),
            makeAccelerator: { Gemmini.makeAccelerator(configuration) })
    }

    private func run(_ program: ProgramImage, from executable: URL, request: EvaluationRequest) async -> SimulationResult {
        if let board = request.board { return await onOwnThread { board.run(elf: executable, outputLimit: request.outputLimit) } }
        return await pool.run(job(for: program, request: request))
    }

    /// The timed region a correct candidate's reported cycles came from (the harness reports
    /// its fastest repeat, which is one region exactly).
    static func region(of result: CandidateResult, in simulation: SimulationResult) -> TimedRegion? {
        guard let cycles = result.cycles else { return nil }
        return simulation.hardware?.regions.first { $0.cycles == cycles }
    }

    /// The verdicts in a run's output, or why the run gave none.
    static func results(of simulation: SimulationResult, candidates: Int) -> [CandidateResult] {
        let output = simulation.standardOutputText
        let parsed = HarnessOutputParser.parse(output, candidates: candidates)
        let stopped: String?
        switch simulation.status {
        case .exited: stopped = nil
        case .fault: stopped = "the simulator stopped the program: \(simulation.fault ?? "fault")"
        case .timeout: stopped = "the program did not finish within \(String(format: "%.0f", simulation.wallSeconds)) s"
        case .instructionLimit: stopped = "the program hit the instruction limit"
        case .cancelled: stopped = "the evaluation was cancelled"
        }
        if let stopped { return Array(repeating: .failed(reason: stopped + lastLine(output)), count: candidates) }
        if candidates == 1, case .incorrect = parsed[0] { return parsed }
        guard simulation.exitCode == 0 else {
            let status = simulation.exitCode.map(String.init) ?? "?"
            return Array(repeating: .failed(reason: "the program exited with status \(status) before printing its results" + lastLine(output)), count: candidates)
        }
        return parsed
    }

    /// " (last output: ...)" naming the program's last line, which often explains a stop.
    private static func lastLine(_ output: String) -> String {
        guard let line = output.split(whereSeparator: \.isNewline).last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return "" }
        let text = line.trimmingCharacters(in: .whitespaces)
        return " (last output: \(text.count > 120 ? String(text.prefix(120)) + "..." : text))"
    }

    /// The first compiler error line. The assembled program's `#line` directives make it name
    /// the solution's own file and line (or the harness's).
    private static func firstError(_ error: ToolchainError) -> String {
        let line = error.diagnostics.split(separator: "\n").first { $0.contains("error:") } ?? Substring(error.message)
        return line.trimmingCharacters(in: .whitespaces)
    }
}
