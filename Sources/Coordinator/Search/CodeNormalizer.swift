import Crypto
import Foundation

/// Duplicate detection: two programs that differ only in comments and whitespace are the same
/// program, evaluated once. The normal form drops comments, keeps string and character
/// literals as written, and collapses every run of whitespace to one space (none next to
/// punctuation).
public enum CodeNormalizer {
    public static func normalize(_ code: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(code.utf8.count)
        let bytes = Array(code.utf8)
        var index = 0
        var pendingSpace = false
        func emit(_ byte: UInt8) {
            // A space matters between two words and between two operator characters (`a - -b`).
            if pendingSpace, let last = output.last,
               (isWord(last) && isWord(byte)) || (isOperator(last) && isOperator(byte)) { output.append(0x20) }
            pendingSpace = false
            output.append(byte)
        }
        while index < bytes.count {
            let byte = bytes[index]
            let next: UInt8 = index + 1 < bytes.count ? bytes[index + 1] : 0
            if byte == 0x2F && next == 0x2F {  // line comment
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                pendingSpace = true
            } else if byte == 0x2F && next == 0x2A {  // block comment
                index += 2
                while index + 1 < bytes.count && !(bytes[index] == 0x2A && bytes[index + 1] == 0x2F) { index += 1 }
                index += 2
                pendingSpace = true
            } else if byte == 0x22 || byte == 0x27 {  // literal, copied as is
                emit(byte)
                index += 1
                while index < bytes.count && bytes[index] != byte && bytes[index] != 0x0A {
                    if bytes[index] == 0x5C && index + 1 < bytes.count {
                        output.append(bytes[index])
                        index += 1
                    }
                    output.append(bytes[index])
                    index += 1
                }
                if index < bytes.count { output.append(bytes[index]) }
                index += 1
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = true
                index += 1
            } else {
                emit(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// A short stable digest of the normal form.
    public static func fingerprint(_ code: String) -> String {
        SHA256.hash(data: Data(normalize(code).utf8)).prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    private static func isOperator(_ byte: UInt8) -> Bool {
        Array("+-*/%&|<>=!^~.".utf8).contains(byte)
    }

    private static func isWord(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte >= 0x80
    }
}
