@testable import Coordinator
import Foundation
import Testing

/// `autocomp report` end to end: the page for a run directory, and one-line errors.
@Suite("autocomp report")
struct ReportCommandTests {
    /// A minimal run directory: the starting code and one finished iteration.
    static func makeRun(_ name: String) throws -> URL {
        let directory = CommandLineTool.scratch.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try RunStore(path: directory.appendingPathComponent("run.sqlite").path)
        try store.setValue("gemm-I256-J256-K256", for: "problem")
        try store.setJSON(SearchConfiguration(), for: "configuration")
        try store.setJSON([[String](), [String]()], for: "models")
        try store.saveBaseline("start", outcome: .init(status: .correct, cycles: 240_000))
        try store.saveBaseline("library", outcome: .init(status: .correct, cycles: 340_000))
        try store.saveBaseline("hardware_loop", outcome: .init(status: .incorrect, reason: "mismatch at C[0][0]"))
        let start = SearchCandidate(id: "start", iteration: 0, parentID: nil, planID: nil, optionID: nil, model: "start", code: "void solution() {}",
                                    outcome: .init(status: .correct, cycles: 240_000))
        let child = SearchCandidate(id: "i1-b0-p0-c0", iteration: 1, parentID: "start", planID: nil, optionID: "tiling", model: "offline",
                                    code: "void solution() { /* </script><b>& */ }", outcome: .init(status: .correct, cycles: 120_000))
        for candidate in [start, child] {
            try store.insert(CandidateRecord(candidate: candidate, slot: candidate.id, prompt: "", reply: "", usage: .zero, generationSeconds: 0, evaluation: nil))
        }
        try store.saveBeam([start], iteration: 0)
        try store.saveBeam([child, start], iteration: 1)
        return directory
    }

    @Test("writes report.html into the run directory and prints its path")
    func defaultOutput() throws {
        let directory = try Self.makeRun("report-default")
        let result = try CommandLineTool.autocomp(["report", directory.path])
        #expect(result.status == 0, "\(result.summary)")
        let page = directory.appendingPathComponent("report.html")
        #expect(result.standardOutput == page.path + "\n")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("GEMM") && html.contains("<svg class=\"chart\""))
        #expect(html.contains("offline agent (built in)") && html.contains("hardware loop</th><td colspan=\"3\" class=\"missing\">incorrect: mismatch at C[0][0]"))
        #expect(html.contains("/* &lt;/script&gt;&lt;b&gt;&amp; */") && !html.contains("</script><b>&"))
        #expect(html.contains("2.00×"))
    }

    @Test("--output chooses the file")
    func explicitOutput() throws {
        let directory = try Self.makeRun("report-output")
        let page = CommandLineTool.path("elsewhere/page.html")
        try FileManager.default.createDirectory(atPath: CommandLineTool.path("elsewhere"), withIntermediateDirectories: true)
        let result = try CommandLineTool.autocomp(["report", directory.path, "--output", page])
        #expect(result.status == 0 && result.standardOutput == page + "\n", "\(result.summary)")
        #expect(FileManager.default.fileExists(atPath: page))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.html").path))
    }

    @Test("a directory without run.sqlite is not a run directory")
    func notARunDirectory() throws {
        let directory = CommandLineTool.scratch.appendingPathComponent("report-empty")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try CommandLineTool.autocomp(["report", directory.path])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.errorLines == ["autocomp report: \(directory.path): not a run directory (no run.sqlite)"], "\(result.summary)")
        #expect(result.standardOutput.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("report.html").path))

        let missing = try CommandLineTool.autocomp(["report", directory.appendingPathComponent("nope").path])
        #expect(missing.status == 1 && missing.errorLines == ["autocomp report: \(directory.path)/nope: no such directory"], "\(missing.summary)")
    }

    @Test("an unreadable database and an unwritable output are one-line errors")
    func unreadableDatabase() throws {
        let directory = CommandLineTool.scratch.appendingPathComponent("report-garbage")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(String(repeating: "not a database ", count: 20).utf8).write(to: directory.appendingPathComponent("run.sqlite"))
        let result = try CommandLineTool.autocomp(["report", directory.path])
        #expect(result.status == 1, "\(result.summary)")
        #expect(result.errorLines.count == 1 && result.errorLines[0].hasPrefix("autocomp report: \(directory.path)/run.sqlite: cannot open the run database ("),
                "\(result.summary)")

        let run = try Self.makeRun("report-unwritable")
        let unwritable = try CommandLineTool.autocomp(["report", run.path, "--output", run.appendingPathComponent("no/such/dir/page.html").path])
        #expect(unwritable.status == 1 && unwritable.errorLines.count == 1, "\(unwritable.summary)")
        #expect(unwritable.errorLines.first?.hasPrefix("autocomp report: cannot write \(run.path)/no/such/dir/page.html: ") == true, "\(unwritable.summary)")
    }
}
