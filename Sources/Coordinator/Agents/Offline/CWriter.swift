import Foundation

/// Builds indented C text line by line.
struct CWriter {
    private(set) var text = ""
    private var depth = 0

    mutating func line(_ s: String = "") {
        text += s.isEmpty ? "\n" : String(repeating: "    ", count: depth) + s + "\n"
    }

    /// `header {`, the body one level deeper, then `}`.
    mutating func block(_ header: String, _ body: (inout CWriter) -> Void) {
        line(header.isEmpty ? "{" : header + " {")
        depth += 1
        body(&self)
        depth -= 1
        line("}")
    }

    /// Comment lines (`// ...`), wrapped at about 96 columns.
    mutating func comment(_ s: String) {
        var current = ""
        for word in s.split(separator: " ") {
            if !current.isEmpty && current.count + word.count + 1 > 92 {
                line("// " + current)
                current = ""
            }
            current += current.isEmpty ? String(word) : " " + word
        }
        if !current.isEmpty { line("// " + current) }
    }
}

/// The marker comment generated code carries (Offline agent: the schedule it follows).
enum OfflineMarker {
    static let prefix = "autocomp-offline-schedule:"

    static func line(_ schedule: OfflineSchedule) -> String { "// \(prefix) \(schedule)" }

    /// The code without its comment lines: what a move must change.
    static func body(of code: String) -> String {
        code.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
    }

    /// The schedule text of the marker in `code`, if there is one.
    static func text(in code: String) -> String? {
        for line in code.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let range = line.range(of: prefix) else { continue }
            return line[range.upperBound...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
