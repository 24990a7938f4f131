import Foundation

/// Classifies every byte of a C text as code, comment or literal, so that braces, `#` and
/// keywords are only seen where the compiler sees them.
struct CSourceScanner {
    enum Kind: UInt8 {
        /// Program text outside comments and literals (including whitespace).
        case code
        /// Inside a comment (reads as a blank).
        case comment
        /// Inside a string or character literal, quotes included.
        case literal
    }

    /// The text's UTF-8 bytes.
    let bytes: [UInt8]
    let kinds: [Kind]
    /// `lineStarts[n]`: offset of the first byte of line n + 1.
    let lineStarts: [Int]

    private enum State { case code, lineComment, blockComment, string, character }

    init(_ text: String) throws(HarnessError) {
        bytes = Array(text.utf8)
        var kinds = [Kind](repeating: .code, count: bytes.count)
        var lineStarts = [0]
        for (offset, byte) in bytes.enumerated() where byte == Self.newline { lineStarts.append(offset + 1) }
        var state = State.code
        var index = 0
        var literalStart = 0
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
            switch state {
            case .code:
                if byte == Self.slash && next == Self.slash {
                    state = .lineComment
                    kinds[index] = .comment
                } else if byte == Self.slash && next == Self.star {
                    state = .blockComment
                    kinds[index] = .comment
                    kinds[index + 1] = .comment
                    index += 1
                } else if byte == Self.doubleQuote || byte == Self.singleQuote {
                    state = byte == Self.doubleQuote ? .string : .character
                    kinds[index] = .literal
                    literalStart = index
                }
            case .lineComment:
                // A backslash at the end of the line continues the comment onto the next one.
                if byte == Self.newline && !(index > 0 && bytes[index - 1] == Self.backslash) {
                    state = .code
                } else {
                    kinds[index] = .comment
                }
            case .blockComment:
                kinds[index] = .comment
                if byte == Self.star && next == Self.slash {
                    kinds[index + 1] = .comment
                    state = .code
                    index += 1
                }
            case .string, .character:
                kinds[index] = .literal
                if byte == Self.backslash && index + 1 < bytes.count {
                    kinds[index + 1] = .literal
                    index += 1
                } else if byte == (state == .string ? Self.doubleQuote : Self.singleQuote) {
                    state = .code
                } else if byte == Self.newline {
                    throw HarnessError(.malformed, "line \(Self.line(of: literalStart, in: lineStarts)): unterminated \(state == .string ? "string" : "character") literal")
                }
            }
            index += 1
        }
        switch state {
        case .blockComment:
            throw HarnessError(.malformed, "unterminated /* comment at the end of the text")
        case .string, .character:
            throw HarnessError(.malformed, "line \(Self.line(of: literalStart, in: lineStarts)): unterminated \(state == .string ? "string" : "character") literal")
        case .code, .lineComment:
            break
        }
        self.kinds = kinds
        self.lineStarts = lineStarts
    }

    /// The 1-based line number of a byte offset.
    func line(of offset: Int) -> Int { Self.line(of: offset, in: lineStarts) }

    private static func line(of offset: Int, in lineStarts: [Int]) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The text of the line holding `offset`, trimmed and shortened for a message.
    func lineText(at offset: Int, limit: Int = 60) -> String {
        let start = lineStarts[line(of: offset) - 1]
        var end = start
        while end < bytes.count && bytes[end] != Self.newline { end += 1 }
        let text = String(decoding: bytes[start..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        return text.count > limit ? String(text.prefix(limit)) + "..." : text
    }

    /// The text of a byte range.
    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Whether the byte at `offset` is code (not comment or literal) and equal to `byte`.
    func isCode(_ offset: Int, _ byte: UInt8) -> Bool { kinds[offset] == .code && bytes[offset] == byte }

    /// Whether the byte at `offset` reads as whitespace: a comment, or blank code.
    func isBlank(_ offset: Int) -> Bool {
        switch kinds[offset] {
        case .comment: true
        case .literal: false
        case .code: [Self.space, Self.tab, Self.newline, Self.carriageReturn, 0x0B, 0x0C, Self.backslash].contains(bytes[offset])
        }
    }

    /// The offset of the next byte at or after `offset` that is not blank (or the end).
    func skipBlanks(from offset: Int) -> Int {
        var index = offset
        while index < bytes.count && isBlank(index) { index += 1 }
        return index
    }

    /// Whether the byte at `offset` is code that can be part of an identifier.
    func isIdentifierByte(_ offset: Int) -> Bool {
        guard offset >= 0, offset < bytes.count, kinds[offset] == .code else { return false }
        let byte = bytes[offset]
        let lower = byte | 0x20
        return byte == 0x5F || (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x7A)
    }

    /// The identifiers in `range` with their offsets, in order.
    func identifiers(in range: Range<Int>) -> [(name: String, offset: Int)] {
        var found: [(String, Int)] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if isIdentifierByte(index) && !isIdentifierByte(index - 1) {
                var end = index
                while end < range.upperBound && isIdentifierByte(end) { end += 1 }
                // Numbers such as 1u or 0x10 are not identifiers.
                if !(bytes[index] >= 0x30 && bytes[index] <= 0x39) { found.append((text(index..<end), index)) }
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// The offset just past the bracket that closes the code bracket at `open`, or nil.
    func matchingClose(_ open: Int) -> Int? {
        let opening = bytes[open]
        let closing: UInt8 = opening == Self.openBrace ? Self.closeBrace : opening == Self.openParen ? Self.closeParen : Self.closeBracket
        var depth = 0
        for index in open..<bytes.count where kinds[index] == .code {
            if bytes[index] == opening { depth += 1 }
            if bytes[index] == closing {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
        }
        return nil
    }

    static let newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20, tab: UInt8 = 0x09
    static let slash: UInt8 = 0x2F, star: UInt8 = 0x2A, backslash: UInt8 = 0x5C
    static let doubleQuote: UInt8 = 0x22, singleQuote: UInt8 = 0x27, hash: UInt8 = 0x23, semicolon: UInt8 = 0x3B
    static let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D, openParen: UInt8 = 0x28, closeParen: UInt8 = 0x29
    static let openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D, comma: UInt8 = 0x2C
}
