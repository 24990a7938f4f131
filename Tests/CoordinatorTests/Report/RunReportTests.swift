import Coordinator
import Foundation
import Testing

/// Reading a run directory into the report's model, and the one-line errors when it cannot.
@Suite struct RunReportTests {
    @Test func loadsTheRunsSettingsBaselinesAndBeams() throws {
        let directory = try ReportFixture.makeRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let report = try RunReport.load(directory: directory)
        #expect(report.problemID == "gemm-synthetic" && report.accelerator == "int8_16x16" && report.macs == 2_560_000)
        #expect(report.arrayDim == 16 && report.wallSeconds == 83)
        #expect(report.configuration?.beamWidth == 2 && report.configuration?.seed == 7)
        #expect(report.beams.count == 4 && report.candidates.count == 13 && report.plans.count == 7)
        #expect(report.bestPerIteration.map(\.cycles) == [100_000, 60_000, 30_000, 25_000])
        #expect(report.best?.id == "i3-b0-p0-c0" && report.startCycles == 100_000)
        #expect(report.utilization(cycles: 25_000) == 0.4 && report.speedup(cycles: 25_000) == 4)
    }

    @Test func beamTreeHoldsBeamMembersAndTheirAncestorsOnly() throws {
        let directory = try ReportFixture.makeRun()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tree = try RunReport.load(directory: directory).beamTree
        #expect(tree.roots.map(\.candidate.id) == ["start"])
        let nodes = tree.roots[0].all
        #expect(Set(nodes.map(\.candidate.id)) == ["start", "i1-b0-p0-c0", "i1-b0-p1-c0", "i2-b0-p0-c0", "i3-b0-p0-c0"])
        #expect(nodes.filter(\.onBestPath).map(\.candidate.id) == ["start", "i1-b0-p0-c0", "i2-b0-p0-c0", "i3-b0-p0-c0"])
        #expect(Set(nodes.filter(\.inFinalBeam).map(\.candidate.id)) == ["i2-b0-p0-c0", "i3-b0-p0-c0"])
        let kept = try #require(nodes.first { $0.candidate.id == "i1-b0-p0-c0" })
        #expect(kept.beamIterations == [1, 2] && kept.speedupOverParent.map { abs($0 - 100.0 / 60) < 1e-9 } == true)
    }

    @Test func iterationSummaries() throws {
        let directory = try ReportFixture.makeRun(inProgress: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let summaries = try RunReport.load(directory: directory).iterationSummaries
        #expect(summaries.map(\.iteration) == [1, 2, 3, 4])
        #expect(summaries[2].count(.crash) == 1 && summaries[2].count(.badReply) == 1 && summaries[2].failedPlans == 1)
        #expect(summaries[1].options.map(\.id) == ["substitute", "tiling"] && summaries[1].fastest?.cycles == 30_000 && summaries[1].improved)
        #expect(summaries[3].beamBest == nil && summaries[3].count(.pending) == 1 && !summaries[3].improved)
    }

    @Test func arrayDimensionFromTheAcceleratorName() {
        #expect(RunReport.arrayDim(fromName: "int8_16x16") == 16)
        #expect(RunReport.arrayDim(fromName: "int8_32x32") == 32)
        #expect(RunReport.arrayDim(fromName: "fp32_4x4") == 4)
        #expect(RunReport.arrayDim(fromName: "mine.json") == nil)
    }

    @Test func withoutTraceFilesUtilizationIsUnknownUnlessTheCatalogKnowsTheProblem() throws {
        let directory = try ReportFixture.makeRun(traceFiles: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let bare = try RunReport.load(directory: directory)
        #expect(bare.accelerator == nil && bare.macs == nil && bare.wallSeconds == nil && bare.utilization(cycles: 1_000) == nil)
        let html = HTMLReport.render(bare)
        #expect(html.contains("<td class=\"num\">25,000</td><td class=\"num\">–</td><td class=\"num\">4.00×</td>"))

        let known = try ReportFixture.makeRun(problem: "gemm-I256-J256-K256", traceFiles: false)
        defer { try? FileManager.default.removeItem(at: known) }
        let report = try RunReport.load(directory: known, catalog: try ProblemCatalog.builtIn())
        #expect(report.accelerator == "int8_16x16" && report.macs == 16_777_216 && report.title != nil)
        // 16,777,216 / (25,000 x 256)
        #expect(report.utilization(cycles: 25_000).map { abs($0 - 2.62144) < 1e-9 } == true)
    }

    @Test func errorsNameTheProblemInOneLine() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("autocomp-report-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func message(_ directory: URL) -> String {
            do {
                _ = try RunReport.load(directory: directory)
                return "loaded"
            } catch {
                return error.description
            }
        }
        #expect(message(root.appendingPathComponent("missing")) == "\(root.path)/missing: no such directory")
        try Data("x".utf8).write(to: root.appendingPathComponent("file"))
        #expect(message(root.appendingPathComponent("file")) == "\(root.path)/file: not a directory")
        #expect(message(root) == "\(root.path): not a run directory (no run.sqlite)")

        let database = root.appendingPathComponent("run.sqlite")
        try Data("this is not a database, just some text that is long enough to have a header".utf8).write(to: database)
        let garbage = message(root)
        #expect(garbage.hasPrefix("\(database.path): cannot open the run database (") && !garbage.contains("\n"), "\(garbage)")

        // An empty file is an empty SQLite database: reported, and left as it was.
        try Data().write(to: database)
        let empty = message(root)
        #expect(empty.hasPrefix("\(database.path): not an autocomp run database (no run, plans, candidates"), "\(empty)")
        #expect((try FileManager.default.attributesOfItem(atPath: database.path)[.size] as? NSNumber)?.intValue == 0)

        // A run database with no run in it.
        try FileManager.default.removeItem(at: database)
        _ = try RunStore(path: database.path)
        #expect(message(root) == "\(database.path): the run database holds no run (no settings, no candidates)")
    }
}
