import Foundation

/// Finds the menu option a planning reply chose. In order of trust:
/// 1. a line that starts with a label and a number ("Option: 7", "**Option 7:** ...",
///    "## Chosen option - (7)", "Selected optimization: #7");
/// 2. the first line being a bare menu entry ("7. loop unrolling", "7");
/// 3. "option 7" anywhere in the prose ("I choose option 7 because ...");
/// 4. the earliest place the reply quotes an option's text.
/// A number outside the menu is ignored. When the labelled line quotes a different option's
/// text than its number names, the text wins: models misnumber a shortened menu more often
/// than they misname an option.
struct OptionReader {
    struct Choice {
        /// nil when the reply labels a number that names no option and quotes none.
        var optionID: String?
        var number: Int?
        /// The index of the line that only carries the choice (dropped from the plan).
        var labelLine: Int?
    }

    let menu: OptimizationMenu

    func read(_ reply: String) -> Choice? {
        let lines = reply.components(separatedBy: "\n")
        let cleaned = lines.map(Self.clean)

        // A labelled number outside the menu: kept in case nothing else names an option.
        var unresolved: (number: Int, line: Int)?
        let label = /^(?:(?:my|the|final|chosen|selected|picked)\s+)*(?:option|choice|optimization|selection)(?:\s+(?:number|no\.?|chosen|selected|id))?[\s:#=\-–—(\[.]*(\d+)(?!\d)/
        for (index, line) in cleaned.enumerated() {
            guard let match = line.prefixMatch(of: label), let number = Int(match.1) else { continue }
            if let choice = choice(number: number, line: line, index: index) { return choice }
            if unresolved == nil { unresolved = (number, index) }
        }

        if unresolved == nil, let index = cleaned.firstIndex(where: { !$0.isEmpty }) {
            let entry = /^(\d+)\s*(?:[.):\-–—]\s*(.*))?$/
            if let match = cleaned[index].wholeMatch(of: entry), let number = Int(match.1),
               let option = option(numbered: number) {
                let rest = match.2.map(String.init) ?? ""
                if rest.isEmpty || normalized(rest).contains(normalized(option.text)) {
                    return Choice(optionID: option.id, number: number, labelLine: index)
                }
            }
        }

        let mention = /\b(?:option|choice)(?:\s+number|\s+no\.?)?[ \t:#=\-–—(\[]*(\d+)(?!\d)/
        let prose = normalized(cleaned.joined(separator: "\n"))
        if let match = prose.firstMatch(of: mention), let number = Int(match.1), let option = option(numbered: number) {
            return Choice(optionID: option.id, number: number, labelLine: unresolved?.line)
        }

        if let option = quoted(in: prose) {
            return Choice(optionID: option.id, number: unresolved?.number, labelLine: unresolved?.line)
        }
        return unresolved.map { Choice(optionID: nil, number: $0.number, labelLine: $0.line) }
    }

    /// The option a labelled line names, preferring its quoted text over its number.
    private func choice(number: Int, line: String, index: Int) -> Choice? {
        let numbered = option(numbered: number)
        let text = normalized(line)
        if let numbered, text.contains(normalized(numbered.text)) {
            return Choice(optionID: numbered.id, number: number, labelLine: index)
        }
        if let named = quoted(in: text) {
            return Choice(optionID: named.id, number: number, labelLine: index)
        }
        return numbered.map { Choice(optionID: $0.id, number: number, labelLine: index) }
    }

    private func option(numbered number: Int) -> OptimizationMenu.Option? {
        number >= 1 && number <= menu.options.count ? menu.options[number - 1] : nil
    }

    /// The option whose text appears first (the longest one among options quoted at the same
    /// place, so that a text containing another wins).
    private func quoted(in text: String) -> OptimizationMenu.Option? {
        var best: (option: OptimizationMenu.Option, offset: Int, length: Int)?
        for option in menu.options {
            let needle = normalized(option.text)
            guard !needle.isEmpty, let range = text.range(of: needle) else { continue }
            let offset = text.distance(from: text.startIndex, to: range.lowerBound)
            if best == nil || offset < best!.offset || (offset == best!.offset && needle.count > best!.length) {
                best = (option, offset, needle.count)
            }
        }
        return best?.option
    }

    /// Markdown emphasis, headings, quotes and list bullets removed; lower case; trimmed.
    static func clean(_ line: String) -> String {
        var text = line.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "")
        text = text.filter { $0 != "*" && $0 != "`" }
        text = text.trimmingCharacters(in: .whitespaces)
        while let first = text.first, first == "#" || first == ">" || first == "-" || first == "+" {
            // A bullet or heading marker, not a negative number or an arrow.
            text.removeFirst()
            text = text.trimmingCharacters(in: .whitespaces)
        }
        return text.lowercased()
    }

    /// Lower case with every run of whitespace as one space, for comparing option texts.
    private func normalized(_ text: String) -> String {
        text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
