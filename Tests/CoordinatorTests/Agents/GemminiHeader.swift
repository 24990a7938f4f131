import Foundation

/// The names gemmini.h defines, read from the header in the source tree: function-like macros
/// and functions with their parameter names, and object-like macros and types.
struct GemminiHeader {
    /// Function-like macros and functions: name -> parameter names ("..." for a variadic macro).
    var callables: [String: [String]] = [:]
    /// Object-like macros, typedef names, enum constants.
    var names: Set<String> = []

    /// gemmini.h of our target runtime, found from this file's place in the package.
    static func load() throws -> GemminiHeader {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let url = root.appendingPathComponent("Sources/TargetRuntime/Runtime/include/gemmini.h")
        return GemminiHeader(text: try String(contentsOf: url, encoding: .utf8))
    }

    init(text: String) {
        add(text)
    }

    /// Adds the definitions of another header (gemmini_params.h).
    mutating func add(_ text: String) {
        // Line continuations joined, so that a macro's parameter list is on one line.
        let joined = text.replacingOccurrences(of: "\\\n", with: " ")
        for match in joined.matches(of: /#define\s+([A-Za-z_]\w*)\(([^)]*)\)/) {
            callables[String(match.1)] = Self.parameters(String(match.2))
        }
        for match in joined.matches(of: /#define\s+([A-Za-z_]\w*)(?=[\s\n])/) {
            names.insert(String(match.1))
        }
        // static inline <type> name(<params>) — parameters may span lines.
        for match in joined.matches(of: /static\s+inline\s+[\w\s\*]*?\b([A-Za-z_]\w*)\s*\(([^)]*)\)\s*\{/) {
            callables[String(match.1)] = Self.parameters(String(match.2))
        }
        for match in joined.matches(of: /typedef\s+[^;{]*?\b([A-Za-z_]\w*)\s*;/) {
            names.insert(String(match.1))
        }
        for match in joined.matches(of: /enum\s+\w+\s*\{([^}]*)\}/) {
            for constant in match.1.split(separator: ",") {
                names.insert(constant.trimmingCharacters(in: .whitespacesAndNewlines))
            }
        }
    }

    /// The last identifier of each comma-separated parameter (its name), or "..." / "void".
    private static func parameters(_ list: String) -> [String] {
        let trimmed = list.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed == "void" { return [] }
        return trimmed.split(separator: ",").map { parameter in
            let text = parameter.trimmingCharacters(in: .whitespacesAndNewlines)
            if text == "..." { return "..." }
            let identifiers = text.matches(of: /[A-Za-z_]\w*/).map { String(text[$0.range]) }
            return identifiers.last ?? text
        }
    }

    func defines(_ name: String) -> Bool { callables[name] != nil || names.contains(name) }
}
