import Foundation

/// Schedule reuse: the menu choices (and plans) that led from the starting code to a run's
/// best program, in order. Replayed on a similar problem (same aspect ratio, or two shared
/// dimensions), they give the search a head start (Autocomp: +24% mean speedup at a
/// 100-sample budget).
public struct Trajectory: Sendable, Codable, Equatable {
    public struct Step: Sendable, Codable, Equatable {
        public var optionID: String
        /// The plan that implemented it on the source problem (a hint, not an instruction).
        public var plan: String

        public init(optionID: String, plan: String) {
            self.optionID = optionID
            self.plan = plan
        }
    }

    /// The problem it was recorded on.
    public var problemID: String
    public var steps: [Step]

    public init(problemID: String, steps: [Step]) {
        self.problemID = problemID
        self.steps = steps
    }

    /// Reads a trajectory file, or the `trajectory.json` of a run directory.
    public static func load(path: String) throws -> Trajectory {
        var isDirectory: ObjCBool = false
        var file = path
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            file = URL(fileURLWithPath: path).appendingPathComponent("trajectory.json").path
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw SearchError("--reuse \(path): cannot read \(file)")
        }
        do {
            return try JSONDecoder().decode(Trajectory.self, from: data)
        } catch {
            throw SearchError("--reuse \(path): not a trajectory file (\(error.localizedDescription))")
        }
    }
}
