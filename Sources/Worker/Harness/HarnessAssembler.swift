import Foundation

/// Puts candidate solutions into a harness: everything between the harness's
/// `// SUBSTITUTE HERE` and `// SUBSTITUTE END` lines (inside main's repeat loop) is replaced
/// by one timing block per candidate, and `HARNESS_CANDIDATES` tells the harness how many
/// there are (more than one is batch mode). `#line` directives make compiler diagnostics name
/// the candidate's own file and line.
public struct HarnessAssembler: Sendable {
    public static let beginMarker = "// SUBSTITUTE HERE"
    public static let endMarker = "// SUBSTITUTE END"

    /// A candidate to substitute: its solution function and the name diagnostics use for it.
    public struct Candidate: Sendable {
        public var name: String
        public var solution: SolutionFunction

        public init(name: String, solution: SolutionFunction) {
            self.name = name
            self.solution = solution
        }
    }

    let lines: [Substring]
    let beginLine: Int
    let endLine: Int
    let harnessName: String

    /// Checks that the harness has exactly one pair of markers, in order.
    public init(harness: String, name: String = "harness.c") throws(HarnessError) {
        let lines = harness.split(separator: "\n", omittingEmptySubsequences: false)
        self.lines = lines
        harnessName = name
        let begins = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces) == Self.beginMarker }
        let ends = lines.indices.filter { lines[$0].trimmingCharacters(in: .whitespaces) == Self.endMarker }
        guard begins.count == 1, ends.count == 1, begins[0] < ends[0] else {
            throw HarnessError(
                .badHarness,
                "\(name): expected one `\(Self.beginMarker)` line followed by one `\(Self.endMarker)` line (found \(begins.count) and \(ends.count))")
        }
        beginLine = begins[0]
        endLine = ends[0]
    }

    /// The program that times `candidates` (at least one) in order.
    public func assemble(_ candidates: [Candidate]) -> String {
        let indent = String(lines[beginLine].prefix { $0 == " " || $0 == "\t" })
        var output = ["#define HARNESS_CANDIDATES \(max(1, candidates.count))", "#line 1 \"\(Self.quoted(harnessName))\""]
        output += lines[...beginLine].map(String.init)
        for (index, candidate) in candidates.enumerated() {
            output += [
                "\(indent)// Candidate \(index + 1): \(candidate.name.replacingOccurrences(of: "\n", with: " "))",
                "\(indent)if (harness_should_run(\(index))) {",
                "\(indent)    harness_poison_output();",
                "\(indent)    gemmini_flush(0);",
                "\(indent)    fence();",
                "\(indent)    start = read_cycles();",
                "\(indent)    {",
                "#line \(candidate.solution.bodyLine) \"\(Self.quoted(candidate.name))\"",
                candidate.solution.body,
                // Wrapper lines after a body point at the harness's marker.
                "#line \(endLine + 1) \"\(Self.quoted(harnessName))\"",
                "\(indent)    }",
                "\(indent)    fence();",
                "\(indent)    end = read_cycles();",
                "\(indent)    harness_check(\(index), end - start);",
                "\(indent)}",
            ]
        }
        output.append("#line \(endLine + 1) \"\(Self.quoted(harnessName))\"")
        output += lines[endLine...].map(String.init)
        return output.joined(separator: "\n")
    }

    /// A file name as a C string literal's contents.
    static func quoted(_ name: String) -> String {
        name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: " ")
    }
}
