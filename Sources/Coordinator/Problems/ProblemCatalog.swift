public import Foundation

/// The benchmark problems: one directory per problem, each holding `problem.json`,
/// `harness.c`, `start.c`, `library.c` and `hardware_loop.c` (Documentation/Problems.md).
public struct ProblemCatalog: Sendable {
    /// Every problem, in the suite's order.
    public let problems: [Problem]

    /// The suite that ships with autocomp (this module's resources).
    public static func builtIn() throws(ProblemCatalogError) -> ProblemCatalog {
        guard let directory = Bundle.module.url(forResource: "Suite", withExtension: nil) else {
            throw ProblemCatalogError(code: .suiteMissing, message: "the problem suite is missing from this installation")
        }
        return try ProblemCatalog(directory: directory)
    }

    /// Loads every problem directory under `directory` (other files are ignored).
    public init(directory: URL) throws(ProblemCatalogError) {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles])
        } catch {
            throw ProblemCatalogError(code: .unreadable, message: "\(directory.path): cannot list problems: \(error.localizedDescription)")
        }
        var problems: [Problem] = []
        for entry in entries where (try? entry.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
            problems.append(try Self.load(entry))
        }
        self.problems = problems.sorted { ($0.manifest.order, $0.id) < ($1.manifest.order, $1.id) }
        var seen: Set<String> = []
        for problem in self.problems where !seen.insert(problem.id).inserted {
            throw ProblemCatalogError(code: .invalidProblem, message: "problem id \(problem.id) appears twice")
        }
    }

    /// The problem with this id, or an error that suggests the closest ids.
    public func problem(id: String) throws(ProblemCatalogError) -> Problem {
        if let problem = problems.first(where: { $0.id == id }) { return problem }
        let suggestions = closeMatches(to: id)
        let hint = suggestions.isEmpty
            ? "run `autocomp problems` to list them"
            : "did you mean \(suggestions.joined(separator: ", "))?"
        throw ProblemCatalogError(code: .unknownProblem, message: "no problem named \"\(id)\": \(hint)")
    }

    /// Up to five ids close to `query`, closest first: those that contain it, then those that
    /// contain its characters in order (an abbreviation), then those a few edits away.
    public func closeMatches(to query: String, limit: Int = 5) -> [String] {
        let wanted = query.lowercased()
        let threshold = max(3, wanted.count / 3)
        let scored = problems.compactMap { problem -> (id: String, tier: Int, distance: Int)? in
            let id = problem.id.lowercased()
            let distance = Self.editDistance(wanted, id)
            if id.contains(wanted) || wanted.contains(id) { return (problem.id, 0, distance) }
            if Self.isSubsequence(wanted, of: id) { return (problem.id, 1, distance) }
            return distance <= threshold ? (problem.id, 2, distance) : nil
        }
        return scored.sorted { ($0.tier, $0.distance, $0.id) < ($1.tier, $1.distance, $1.id) }.prefix(limit).map(\.id)
    }

    static func isSubsequence(_ short: String, of long: String) -> Bool {
        var remaining = short[...]
        for character in long where remaining.first == character { remaining = remaining.dropFirst() }
        return remaining.isEmpty
    }

    static func load(_ directory: URL) throws(ProblemCatalogError) -> Problem {
        let name = directory.lastPathComponent
        func read(_ file: String) throws(ProblemCatalogError) -> String {
            let url = directory.appendingPathComponent(file)
            do {
                return try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw ProblemCatalogError(code: .invalidProblem, message: "problem \(name): cannot read \(file)")
            }
        }
        let manifest: ProblemManifest
        do {
            manifest = try JSONDecoder().decode(ProblemManifest.self, from: Data(try read("problem.json").utf8))
        } catch let error as ProblemCatalogError {
            throw error
        } catch {
            throw ProblemCatalogError(code: .invalidProblem, message: "problem \(name): problem.json: \(Self.describe(error))")
        }
        guard manifest.id == name else {
            throw ProblemCatalogError(code: .invalidProblem, message: "problem \(name): problem.json names it \"\(manifest.id)\"; the directory must have the id as its name")
        }
        let harness = try read("harness.c")
        for marker in ["// SUBSTITUTE HERE", "// SUBSTITUTE END"] where !harness.split(separator: "\n").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == marker
        }) {
            throw ProblemCatalogError(code: .invalidProblem, message: "problem \(name): harness.c has no `\(marker)` line")
        }
        var baselines: [ProblemBaseline: String] = [:]
        for baseline in ProblemBaseline.allCases { baselines[baseline] = try read(baseline.fileName) }
        return Problem(manifest: manifest, harness: harness, baselines: baselines)
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _):
            return "missing field \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (field.isEmpty ? "" : "field \"\(field)\": ") + context.debugDescription
        default:
            return "\(error)"
        }
    }

    /// Levenshtein distance over characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
