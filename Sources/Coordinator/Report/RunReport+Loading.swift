public import Foundation

extension RunReport {
    /// Reads a run directory without writing to it. `catalog` fills in what an older or
    /// partial directory lacks (the accelerator and MAC count when `run_metadata.json` is
    /// missing, the problem's title).
    public static func load(directory: URL, catalog: ProblemCatalog? = nil) throws(RunReportError) -> RunReport {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) else {
            throw RunReportError("\(directory.path): no such directory")
        }
        guard isDirectory.boolValue else { throw RunReportError("\(directory.path): not a directory") }
        let database = directory.appendingPathComponent("run.sqlite").path
        guard FileManager.default.fileExists(atPath: database) else {
            throw RunReportError("\(directory.path): not a run directory (no run.sqlite)")
        }
        guard FileManager.default.isReadableFile(atPath: database) else {
            throw RunReportError("\(database): cannot read the run database (permission denied)")
        }
        let store: RunStore
        do {
            store = try RunStore(path: database, readOnly: true)
        } catch {
            throw RunReportError("\(error)")
        }
        let metadata = readJSON(directory.appendingPathComponent("run_metadata.json"))
        let metrics = readJSON(directory.appendingPathComponent("run_metrics.json"))
        do {
            return try load(store: store, metadata: metadata, metrics: metrics, catalog: catalog)
        } catch let error as RunReportError {
            throw error
        } catch {
            throw RunReportError("\(database): cannot read the run database (\(RunStore.oneLine(error)))")
        }
    }

    /// Builds the report from an open store and the trace's JSON objects (either may be empty).
    public static func load(store: RunStore, metadata: [String: Any] = [:], metrics: [String: Any] = [:], catalog: ProblemCatalog? = nil) throws -> RunReport {
        let candidates = try store.candidates().map(\.candidate)
        let recordedProblem = try store.value(for: "problem") ?? metadata["problem"] as? String
        guard let problemID = recordedProblem ?? (candidates.isEmpty ? nil : "unknown problem") else {
            throw RunReportError("\(store.path): the run database holds no run (no settings, no candidates)")
        }
        let problem = try? catalog?.problem(id: problemID)
        let configuration = try? store.json(SearchConfiguration.self, for: "configuration")
        let models = (try? store.json([[String]].self, for: "models")) ?? nil
        let recordedBeams = try store.beams()
        var beams: [[String]] = []
        while let beam = recordedBeams[beams.count], !beam.isEmpty { beams.append(beam) }
        let usage = try store.totalUsage()
        return RunReport(
            problemID: problemID, title: problem?.title,
            accelerator: metadata["accelerator"] as? String ?? problem?.accelerator,
            macs: (metadata["macs"] as? NSNumber)?.intValue ?? problem?.macs,
            configuration: configuration,
            planningModels: models?.first ?? metadata["planning_models"] as? [String] ?? [],
            codingModels: models.flatMap { $0.count > 1 ? $0[1] : nil } ?? metadata["coding_models"] as? [String] ?? [],
            wallSeconds: (metrics["wall_seconds"] as? NSNumber)?.doubleValue,
            usage: Usage(calls: usage.calls, cachedCalls: usage.cachedCalls, inputTokens: usage.input, outputTokens: usage.output, costUSD: usage.cost),
            baselines: try store.baselines(), candidates: candidates, plans: try store.plans(), beams: beams)
    }

    private static func readJSON(_ url: URL) -> [String: Any] {
        guard let data = FileManager.default.contents(atPath: url.path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }
}
