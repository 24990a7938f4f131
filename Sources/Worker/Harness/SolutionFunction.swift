/// The `void solution(...) { ... }` of a candidate: its body goes into the harness's timing
/// block, where the parameter names refer to the harness's variables.
///
/// Autocomp's rules apply: all code inside solution() and no preprocessor directives. The
/// body runs inline, so it must not `return`.
public struct SolutionFunction: Sendable, Equatable {
    /// The text between the function's braces, comments included.
    public var body: String
    /// The line (1-based) of the opening brace, on which `body` begins.
    public var bodyLine: Int
    /// The parameter names, in order ("" for an unnamed parameter).
    public var parameters: [String]

    public init(body: String, bodyLine: Int, parameters: [String]) {
        self.body = body
        self.bodyLine = bodyLine
        self.parameters = parameters
    }

    /// Finds the solution function in a candidate's C text, or says in one line what is wrong.
    public static func extract(from text: String) throws(HarnessError) -> SolutionFunction {
        let source = try CSourceScanner(text)
        try rejectDirectives(source)
        try rejectAssemblerFileDirectives(source)
        if let pragma = source.identifiers(in: 0..<source.bytes.count).first(where: { $0.name == "_Pragma" }) {
            throw HarnessError(
                .preprocessorDirective, "line \(source.line(of: pragma.offset)): `_Pragma` is a preprocessor directive and is not allowed")
        }
        guard let definition = try findDefinition(source) else {
            throw HarnessError(.noSolution, "no solution function: expected `void solution(...) { ... }`")
        }
        try rejectCodeOutside(source, definition: definition)
        if let statement = source.identifiers(in: definition.body).first(where: { $0.name == "return" }) {
            throw HarnessError(
                .returnStatement,
                "line \(source.line(of: statement.offset)): `return` in solution(): the body runs inline in the harness's timing block, so it must end by reaching its closing brace")
        }
        return SolutionFunction(
            body: source.text(definition.body), bodyLine: source.line(of: definition.body.lowerBound - 1),
            parameters: parameterNames(source, definition.parameters))
    }

    /// Throws unless the parameter names are `expected` (the harness's variables).
    public func checkParameters(_ expected: [String]) throws(HarnessError) {
        guard parameters != expected else { return }
        throw HarnessError(
            .parameterMismatch,
            "solution() takes (\(parameters.joined(separator: ", "))) but the harness provides (\(expected.joined(separator: ", "))); keep the parameter names of the starting code")
    }

    /// The parameter names of a declaration such as a problem's signature
    /// `void solution(elem_t A[4][4], ...)`.
    public static func parameterNames(ofSignature signature: String) throws(HarnessError) -> [String] {
        try extract(from: signature + " {}").parameters
    }

    // MARK: Scanning

    struct Definition {
        /// From the first token of the declaration (after the previous top-level `;` or `}`).
        var start: Int
        /// Inside the parentheses.
        var parameters: Range<Int>
        /// Inside the braces.
        var body: Range<Int>
        /// Just past the closing brace.
        var end: Int
    }

    private static func rejectDirectives(_ source: CSourceScanner) throws(HarnessError) {
        var lineHasCode = false
        for offset in source.bytes.indices {
            if source.bytes[offset] == CSourceScanner.newline {
                lineHasCode = false
            } else if !source.isBlank(offset) {
                if source.isCode(offset, CSourceScanner.hash) && !lineHasCode {
                    throw HarnessError(
                        .preprocessorDirective,
                        "line \(source.line(of: offset)): preprocessor directive `\(source.lineText(at: offset))` is not allowed; everything must be inside solution() (the harness already includes gemmini.h)")
                }
                lineHasCode = true
            }
        }
    }

    /// `.incbin` or `.include` in an inline-assembly string would copy a file of the machine
    /// that builds the candidate into the program, which could then print it.
    private static func rejectAssemblerFileDirectives(_ source: CSourceScanner) throws(HarnessError) {
        var offset = 0
        while offset < source.bytes.count {
            guard source.kinds[offset] == .literal else {
                offset += 1
                continue
            }
            var end = offset
            while end < source.bytes.count && source.kinds[end] == .literal { end += 1 }
            let literal = source.text(offset..<end)
            if let directive = [".incbin", ".include"].first(where: { literal.contains($0) }) {
                throw HarnessError(
                    .assemblerFileDirective,
                    "line \(source.line(of: offset)): the assembler directive `\(directive)` is not allowed (it reads files of the machine that builds the program)")
            }
            offset = end
        }
    }

    /// The first top-level `solution(...) { ... }`; prototypes are skipped.
    private static func findDefinition(_ source: CSourceScanner) throws(HarnessError) -> Definition? {
        var depth = 0
        var statementStart = 0
        var offset = 0
        let bytes = source.bytes
        while offset < bytes.count {
            defer { offset += 1 }
            guard source.kinds[offset] == .code else { continue }
            switch bytes[offset] {
            case CSourceScanner.openBrace:
                depth += 1
            case CSourceScanner.closeBrace:
                depth -= 1
                if depth == 0 { statementStart = offset + 1 }
                if depth < 0 { throw HarnessError(.malformed, "line \(source.line(of: offset)): `}` without a matching `{`") }
            case CSourceScanner.semicolon where depth == 0:
                statementStart = offset + 1
            default:
                guard depth == 0, source.isIdentifierByte(offset), !source.isIdentifierByte(offset - 1) else { continue }
                var end = offset
                while source.isIdentifierByte(end) { end += 1 }
                guard source.text(offset..<end) == "solution" else {
                    offset = end - 1
                    continue
                }
                let open = source.skipBlanks(from: end)
                guard open < bytes.count, source.isCode(open, CSourceScanner.openParen) else { continue }
                guard let close = source.matchingClose(open) else {
                    throw HarnessError(.malformed, "line \(source.line(of: open)): the parameter list of solution() is not closed")
                }
                let brace = source.skipBlanks(from: close)
                guard brace < bytes.count, source.isCode(brace, CSourceScanner.openBrace) else {
                    offset = close - 1  // a prototype or a call: keep looking
                    continue
                }
                guard let bodyEnd = source.matchingClose(brace) else {
                    throw HarnessError(.malformed, "line \(source.line(of: brace)): the body of solution() has a `{` without a matching `}`")
                }
                return Definition(start: statementStart, parameters: (open + 1)..<(close - 1), body: (brace + 1)..<(bodyEnd - 1), end: bodyEnd)
            }
        }
        return nil
    }

    /// Outside the definition only blanks, stray semicolons and prototypes of solution() may appear.
    private static func rejectCodeOutside(_ source: CSourceScanner, definition: Definition) throws(HarnessError) {
        // Before the name: only the return type and storage words of `void solution`.
        for word in source.identifiers(in: definition.start..<definition.parameters.lowerBound)
        where !declarationWords.contains(word.name) {
            throw outsideError(source, at: word.offset)
        }
        for range in [0..<definition.start, definition.end..<source.bytes.count] {
            var statementStart = range.lowerBound
            var offset = range.lowerBound
            while offset < range.upperBound {
                if source.isCode(offset, CSourceScanner.semicolon) || source.isCode(offset, CSourceScanner.openBrace) {
                    let first = source.skipBlanks(from: statementStart)
                    let isPrototype = source.bytes[offset] == CSourceScanner.semicolon
                        && source.identifiers(in: first..<offset).contains { $0.name == "solution" }
                    if first < offset && !isPrototype {
                        throw outsideError(source, at: first)
                    }
                    statementStart = offset + 1
                }
                offset += 1
            }
            let first = source.skipBlanks(from: statementStart)
            if first < range.upperBound { throw outsideError(source, at: first) }
        }
    }

    private static func outsideError(_ source: CSourceScanner, at offset: Int) -> HarnessError {
        HarnessError(
            .codeOutsideSolution,
            "line \(source.line(of: offset)): code outside solution(): `\(source.lineText(at: offset))`; everything must be inside solution()")
    }

    /// Each comma-separated parameter's name: the last identifier outside brackets, or for a
    /// function pointer such as `void (*f)(int)` the first one inside its parentheses.
    private static func parameterNames(_ source: CSourceScanner, _ range: Range<Int>) -> [String] {
        var pieces: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        for offset in range where source.kinds[offset] == .code {
            switch source.bytes[offset] {
            case CSourceScanner.openParen, CSourceScanner.openBracket: depth += 1
            case CSourceScanner.closeParen, CSourceScanner.closeBracket: depth -= 1
            case CSourceScanner.comma where depth == 0:
                pieces.append(start..<offset)
                start = offset + 1
            default: break
            }
        }
        pieces.append(start..<range.upperBound)
        let names = pieces.map { piece -> String in
            if let paren = piece.first(where: { source.isCode($0, CSourceScanner.openParen) }),
               let close = source.matchingClose(paren) {
                return source.identifiers(in: paren..<close).first { !typeWords.contains($0.name) }?.name ?? ""
            }
            var name = ""
            var bracketDepth = 0
            var offset = piece.lowerBound
            while offset < piece.upperBound {
                if source.isCode(offset, CSourceScanner.openBracket) { bracketDepth += 1 }
                if source.isCode(offset, CSourceScanner.closeBracket) { bracketDepth -= 1 }
                if bracketDepth == 0, source.isIdentifierByte(offset), !source.isIdentifierByte(offset - 1) {
                    var end = offset
                    while end < piece.upperBound && source.isIdentifierByte(end) { end += 1 }
                    let word = source.text(offset..<end)
                    if !typeWords.contains(word), !(source.bytes[offset] >= 0x30 && source.bytes[offset] <= 0x39) { name = word }
                    offset = end
                    continue
                }
                offset += 1
            }
            return name
        }
        // `(void)` and `()` declare no parameters.
        return names == [""] ? [] : names
    }

    /// Words that may precede the name in the definition.
    private static let declarationWords: Set<String> = ["void", "static", "inline", "__inline__", "solution"]

    /// Keywords that can end a parameter's type (an unnamed parameter has no name after them).
    private static let typeWords: Set<String> = [
        "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "const", "volatile",
        "restrict", "__restrict", "_Bool", "bool", "struct", "union", "enum",
    ]
}
