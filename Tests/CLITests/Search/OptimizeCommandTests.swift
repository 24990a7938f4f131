import Coordinator
import Foundation
import ScriptedLLM
import Synchronization
import TestThreads
import Testing

/// `autocomp optimize` as users run it: a separate process, real compilation and simulation on
/// the embedded cluster, the run directory on disk.
@Suite(.serialized, .onTestThreads) struct OptimizeCommandTests {
    nonisolated(unsafe) static let summaryLine = /^best: (\d+) cycles, speedup ([0-9.]+) x over the starting code, utilization ([0-9.]+)%$/

    @Test("offline, on embedded defaults: a speedup, the summary line last, the run directory in Autocomp's layout")
    func offlineRun() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-optimize-\(UUID().uuidString.prefix(8))")
        let result = try await CommandLineTool.runDetached(
            CommandLineTool.autocomp,
            ["optimize", "--problem", "gemm-I256-J256-K256", "--iterations", "2", "--beam", "2", "--plans", "2", "--codes", "1",
             "--seed", "3", "--out", directory.path, "--slots", "2"],
            limitSeconds: 900)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        let last = try #require(lines.last.map(String.init))
        let match = try #require(last.wholeMatch(of: Self.summaryLine), "last line: \(last)")
        #expect(Double(match.2)! > 1, "no speedup: \(last)")
        #expect(result.standardOutput.contains("hardware loop"))
        for file in ["run.sqlite", "jobs.sqlite", "run_metadata.json", "run_metrics.json", "best.c", "trajectory.json",
                     "candidates-iter-1/candidate_0.txt", "eval-results-iter-1/candidate_0.json", "metrics-iter-1.json", "metrics-iter-2.json"] {
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(file).path), "missing \(file)")
        }
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("run_metrics.json"))) as! [String: Any]
        #expect((metrics["best_latency"] as? Int).map(String.init) == String(match.1))
        let best = try String(contentsOf: directory.appendingPathComponent("best.c"), encoding: .utf8)
        #expect(best.contains("void solution(elem_t A[256][256]"))

        // Resuming a finished run with more iterations extends it.
        let more = try await CommandLineTool.runDetached(
            CommandLineTool.autocomp, ["optimize", "--resume", directory.path, "--iterations", "3", "--slots", "2"], limitSeconds: 900)
        #expect(more.status == 0, "\(more.standardError)")
        #expect(more.standardOutput.contains("resumed after iteration 2"))
        #expect(more.standardOutput.contains("iteration 3/3"))
        #expect(!more.standardOutput.contains("iteration 1/3"))

        // Clear one-line errors.
        let again = try CommandLineTool.autocomp(["optimize", "--problem", "gemm-I256-J256-K256", "--out", directory.path])
        #expect(again.status != 0 && again.standardError.contains("already holds a run"))
        let tinympc = try CommandLineTool.autocomp(["optimize", "--problem", "tinympc-forward", "--out", directory.path + "-t"])
        #expect(tinympc.status != 0 && tinympc.standardError.contains("give --model"), "\(tinympc.standardError)")
        let unknown = try CommandLineTool.autocomp(["optimize", "--problem", "gemm-nope"])
        #expect(unknown.status != 0 && unknown.standardError.contains("gemm-nope"))
        let noKey = try CommandLineTool.autocomp(
            ["optimize", "--problem", "gemm-I256-J256-K256", "--model", "openai::gpt-4o", "--out", directory.path + "-k"],
            environment: ["OPENAI_API_KEY": ""])
        #expect(noKey.status != 0 && noKey.standardError.contains("OPENAI_API_KEY"), "\(noKey.standardError)")
    }

    @Test("an LLM run killed with SIGKILL and resumed asks nothing twice and evaluates nothing twice")
    func killedAndResumed() async throws {
        let server = try await ScriptedLLMServer.start()
        let problem = try ProblemCatalog.builtIn().problem(id: "tinympc-forward")
        let variants = Mutex(0)
        // Code: the starting code after a busy loop of a different length each time (correct, slower).
        server.on({ $0.lastUserText?.hasSuffix("Optimized code:") == true }) { _ in
            let spin = variants.withLock { count in
                count += 1
                return count * 7
            }
            let body = problem.startCode.replacingOccurrences(
                of: "    config_ex(", with: "    for (volatile int spin = 0; spin < \(spin); spin++) {}\n    config_ex(")
            return .text("```c\n\(body)\n```").delayed(by: .milliseconds(200))
        }
        server.on({ _ in true }) { request in
            .text("Option: 1\nPlan: overlap the loads of step i+1 with the computation of step i.")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-resume-\(UUID().uuidString.prefix(8))")
        let arguments = ["optimize", "--problem", "tinympc-forward", "--model", server.modelName("vllm", "scripted"), "--iterations", "3",
                         "--beam", "2", "--plans", "2", "--codes", "2", "--llm-cache", "none", "--slots", "2", "--out", directory.path]

        // First run: killed once the second iteration has begun.
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("first.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTool.autocomp)
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Iteration 1 asks 2 plans and 4 codings; kill during iteration 2's requests.
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline, process.isRunning, server.requests.count < 8 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(process.isRunning, "the first run ended before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let requestsBefore = server.requests.count
        let recordedBefore = try Self.recordedRequests(directory)

        // Second run: resumes and finishes.
        let resumed = try await CommandLineTool.runDetached(
            CommandLineTool.autocomp, ["optimize", "--resume", directory.path, "--slots", "2"], limitSeconds: 900)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("resumed after iteration 1"))
        #expect(resumed.standardOutput.split(separator: "\n").last.map { String($0).wholeMatch(of: Self.summaryLine) != nil } == true)

        // Nothing recorded was asked again: every request after the kill made a new plan or coding.
        #expect(server.requests.count - requestsBefore == (try Self.recordedRequests(directory)) - recordedBefore)
        #expect(server.requests.count > requestsBefore)
        // Nothing was evaluated twice: one executed job per distinct program.
        let jobs = try JobStoreProbe(path: directory.appendingPathComponent("jobs.sqlite").path)
        #expect(jobs.maxExecutionsOfOneProgram == 1, "a program ran \(jobs.maxExecutionsOfOneProgram) times")
        await server.close()
    }
}

extension OptimizeCommandTests {
    /// Plans and codings recorded in a run directory (each one LLM request).
    static func recordedRequests(_ directory: URL) throws -> Int {
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        return try store.plans().count + store.candidates().filter { $0.candidate.id != "start" }.count
    }
}

/// Reads the embedded coordinator's job store: how many jobs ran (not answered from the cache)
/// per distinct program.
struct JobStoreProbe {
    let maxExecutionsOfOneProgram: Int

    init(path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            from collections import Counter
            db = sqlite3.connect(sys.argv[1])
            counts = Counter(key for (key,) in db.execute("SELECT cache_key FROM jobs WHERE state = 'done' AND worker_id IS NOT NULL"))
            print(max(counts.values()) if counts else 0)
            """, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        maxExecutionsOfOneProgram = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
