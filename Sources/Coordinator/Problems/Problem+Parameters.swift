extension Problem {
    /// The parameter names of the problem's `void solution(...)` signature, in order: the
    /// harness's variables, which every candidate must keep.
    public var parameterNames: [String] {
        guard let open = signature.firstIndex(of: "("), let close = signature.lastIndex(of: ")"), open < close else { return [] }
        return signature[signature.index(after: open)..<close].split(separator: ",").compactMap { parameter in
            // The name is the last identifier before any array brackets: `elem_t A[4][12]` -> A.
            let declarator = parameter.split(separator: "[").first ?? parameter
            let words = declarator.split { !($0.isLetter || $0.isNumber || $0 == "_") }
            return words.last.map(String.init)
        }
    }
}
