import Foundation

/// Finds the program in a coding reply: the fenced code block (```c, ```cpp, ```C or untagged)
/// that defines `void solution(...) { ... }`.
///
/// When several blocks define it, the last complete one wins (a model that corrects itself puts
/// the correction last), unless it is much shorter than the longest one, which then wins (a
/// short last block is usually an excerpt restating one change). A reply without any fence is
/// accepted when its text holds a complete definition. Preprocessor lines and code outside the
/// function are left in: the worker rejects them with its own message.
struct CodeExtractor {
    let reply: String
    /// The provider said it stopped at the length limit.
    let truncatedByProvider: Bool

    /// A fenced block.
    struct Block {
        var tag: String
        var content: String
        var closed: Bool
    }

    /// A `void solution(` in a block: where its text ends (nil when the braces never close).
    struct Definition {
        var start: Int
        var end: Int?
    }

    /// A block shorter than this fraction of the longest complete one counts as an excerpt.
    static let excerptFraction = 0.6
    static let cTags: Set<String> = ["", "c", "c++", "cpp", "cc", "cxx", "h", "hpp", "c99", "gnu99", "clike"]

    func extract() -> Result<ReplyParser.Code, ReplyParser.Failure> {
        let blocks = Self.fencedBlocks(reply)
        // Blocks tagged as C-like first; any block only if none of those defines solution().
        let tagged = blocks.filter { Self.cTags.contains($0.tag) }
        for candidates in [tagged, blocks] {
            let complete = candidates.compactMap { block -> (block: Block, definition: Definition)? in
                guard let definition = Self.definitions(in: block.content).first(where: { $0.end != nil }) else { return nil }
                return (block, definition)
            }
            if let chosen = Self.choose(complete) {
                // An unclosed block ends at the function: whatever followed was cut off.
                let text = chosen.block.closed ? chosen.block.content : Self.prefix(chosen.block.content, bytes: chosen.definition.end!)
                return .success(ReplyParser.Code(code: text.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }

        if blocks.isEmpty, let definition = Self.definitions(in: reply).first(where: { $0.end != nil }) {
            let text = Self.slice(reply, from: Self.lineStart(reply, definition.start), to: definition.end!)
            return .success(ReplyParser.Code(code: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        return .failure(failure(blocks))
    }

    /// Why no block holds a usable definition.
    private func failure(_ blocks: [Block]) -> ReplyParser.Failure {
        let unclosed = blocks.last.map { !$0.closed } ?? false
        let incomplete = blocks.contains { block in Self.definitions(in: block.content).contains { $0.end == nil } }
            || (blocks.isEmpty && Self.definitions(in: reply).contains { $0.end == nil })
        if truncatedByProvider {
            let place = blocks.isEmpty ? "before any code block" : unclosed ? "inside a code block" : "before solution() was complete"
            return .init(.truncated, "truncated reply: cut off at the length limit \(place)")
        }
        if unclosed {
            return .init(.truncated, "truncated reply: the last code block is never closed and holds no complete solution()")
        }
        if incomplete {
            return .init(.incompleteFunction, "solution() in the reply is incomplete: its braces do not balance")
        }
        if blocks.isEmpty {
            return .init(.noCodeBlock, "no code block in the reply: expected the complete solution() in a ```c block")
        }
        if blocks.contains(where: { Self.mentionsSolution($0.content) }) {
            return .init(.noSolutionFunction, "the code block does not define `void solution(...) { ... }` (it only mentions solution())")
        }
        return .init(.noSolutionFunction, "no `void solution(...) { ... }` in the reply's code block\(blocks.count == 1 ? "" : "s")")
    }

    private static func choose(_ complete: [(block: Block, definition: Definition)]) -> (block: Block, definition: Definition)? {
        guard let last = complete.last else { return nil }
        let longest = complete.max { $0.block.content.utf8.count < $1.block.content.utf8.count }!
        let shortRatio = Double(last.block.content.utf8.count) / Double(max(1, longest.block.content.utf8.count))
        return shortRatio < excerptFraction ? longest : last
    }

    // MARK: Fences

    /// Blocks between ``` (or ~~~) fences; a block still open at the end is returned unclosed.
    static func fencedBlocks(_ text: String) -> [Block] {
        var blocks: [Block] = []
        var open: (marker: Character, count: Int, tag: String, lines: [String])?
        for line in text.components(separatedBy: "\n") {
            let stripped = line.trimmingCharacters(in: .whitespaces)
            let marker: Character? = stripped.hasPrefix("```") ? "`" : stripped.hasPrefix("~~~") ? "~" : nil
            if var current = open {
                if let marker, marker == current.marker, stripped.allSatisfy({ $0 == marker }), stripped.count >= current.count {
                    blocks.append(Block(tag: current.tag, content: current.lines.joined(separator: "\n"), closed: true))
                    open = nil
                } else {
                    current.lines.append(line)
                    open = current
                }
            } else if let marker {
                let count = stripped.prefix { $0 == marker }.count
                let info = stripped.dropFirst(count).trimmingCharacters(in: .whitespaces)
                let tag = info.split(whereSeparator: { $0 == " " || $0 == "{" }).first.map { $0.lowercased() } ?? ""
                open = (marker, count, tag, [])
            }
        }
        if let current = open {
            blocks.append(Block(tag: current.tag, content: current.lines.joined(separator: "\n"), closed: false))
        }
        return blocks
    }

    // MARK: C scanning

    /// Every `void solution(...) {` in the text, with the byte offset just past its closing
    /// brace when there is one. Comments and literals are masked so their braces do not count.
    static func definitions(in code: String) -> [Definition] {
        let bytes = masked(code)
        var found: [Definition] = []
        var index = 0
        while let at = identifier("solution", in: bytes, from: index) {
            index = at + 8
            guard previousIdentifier(in: bytes, before: at) == "void" else { continue }
            var cursor = skipSpace(bytes, at + 8)
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "(") else { continue }
            guard let close = matching(bytes, from: cursor, open: "(", close: ")") else {
                found.append(Definition(start: at, end: nil))
                break
            }
            cursor = skipSpace(bytes, close + 1)
            if cursor >= bytes.count {
                found.append(Definition(start: at, end: nil))
                break
            }
            // A prototype (`;`) is not the definition.
            guard bytes[cursor] == UInt8(ascii: "{") else { continue }
            let end = matching(bytes, from: cursor, open: "{", close: "}")
            found.append(Definition(start: at, end: end.map { $0 + 1 }))
            guard let end else { break }
            index = end + 1
        }
        return found
    }

    /// Whether the code names solution followed by a parenthesis (a call or declaration).
    static func mentionsSolution(_ code: String) -> Bool {
        let bytes = masked(code)
        var index = 0
        while let at = identifier("solution", in: bytes, from: index) {
            let next = skipSpace(bytes, at + 8)
            if next < bytes.count, bytes[next] == UInt8(ascii: "(") { return true }
            index = at + 8
        }
        return false
    }

    /// The code's bytes with comments and the insides of string and character literals
    /// replaced by spaces (newlines kept), so offsets stay those of the original text.
    static func masked(_ code: String) -> [UInt8] {
        var bytes = Array(code.utf8)
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")
        let backslash = UInt8(ascii: "\\"), quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'")
        var index = 0
        func blank(_ i: Int) { if bytes[i] != newline { bytes[i] = space } }
        while index < bytes.count {
            let byte = bytes[index], next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte == slash && next == slash {
                while index < bytes.count && bytes[index] != newline { blank(index); index += 1 }
            } else if byte == slash && next == star {
                blank(index); blank(index + 1)
                index += 2
                while index < bytes.count && !(bytes[index] == star && index + 1 < bytes.count && bytes[index + 1] == slash) {
                    blank(index); index += 1
                }
                if index < bytes.count { blank(index); index += 1 }
                if index < bytes.count { blank(index); index += 1 }
            } else if byte == quote || byte == apostrophe {
                index += 1
                while index < bytes.count && bytes[index] != byte && bytes[index] != newline {
                    if bytes[index] == backslash && index + 1 < bytes.count { blank(index); index += 1 }
                    blank(index); index += 1
                }
                index += 1
            } else {
                index += 1
            }
        }
        return bytes
    }

    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// The next offset where `word` stands as a whole identifier.
    private static func identifier(_ word: String, in bytes: [UInt8], from start: Int) -> Int? {
        let needle = Array(word.utf8)
        guard needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], Array(bytes[index..<index + needle.count]) == needle,
               index == 0 || !isIdentifierByte(bytes[index - 1]),
               index + needle.count == bytes.count || !isIdentifierByte(bytes[index + needle.count]) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func previousIdentifier(in bytes: [UInt8], before offset: Int) -> String {
        var end = offset
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        var start = end
        while start > 0, isIdentifierByte(bytes[start - 1]) { start -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func skipSpace(_ bytes: [UInt8], _ start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A || bytes[index] == 0x0D {
            index += 1
        }
        return index
    }

    /// The offset of the bracket that closes the one at `from`, or nil.
    private static func matching(_ bytes: [UInt8], from: Int, open: Unicode.Scalar, close: Unicode.Scalar) -> Int? {
        let openByte = UInt8(ascii: open), closeByte = UInt8(ascii: close)
        var depth = 0
        for index in from..<bytes.count {
            if bytes[index] == openByte {
                depth += 1
            } else if bytes[index] == closeByte {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    // MARK: Slicing by byte offsets (always at ASCII characters, so never inside a character)

    static func prefix(_ text: String, bytes count: Int) -> String {
        String(decoding: Array(text.utf8).prefix(count), as: UTF8.self)
    }

    static func slice(_ text: String, from start: Int, to end: Int) -> String {
        String(decoding: Array(text.utf8)[start..<end], as: UTF8.self)
    }

    static func lineStart(_ text: String, _ offset: Int) -> Int {
        let bytes = Array(text.utf8)
        var index = offset
        while index > 0, bytes[index - 1] != 0x0A { index -= 1 }
        return index
    }
}
