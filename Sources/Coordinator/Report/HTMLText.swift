import Foundation

/// Escaping and number formats for the report's HTML and SVG.
enum HTMLText {
    /// Text safe in element content and in double- or single-quoted attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "\0": escaped += "\u{FFFD}"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// 1234567 -> "1,234,567".
    static func cycles(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return grouped
    }

    static func integer(_ value: Int) -> String { value < 0 ? "-" + cycles(UInt64(-value)) : cycles(UInt64(value)) }

    /// Axis labels: 950, 12.5k, 340k, 1.25M.
    static func compact(_ value: Double) -> String {
        let magnitude = abs(value)
        func trimmed(_ number: Double, _ suffix: String) -> String {
            var text = String(format: number >= 100 ? "%.0f" : number >= 10 ? "%.1f" : "%.2f", number)
            if text.contains(".") {
                while text.hasSuffix("0") { text.removeLast() }
                if text.hasSuffix(".") { text.removeLast() }
            }
            return (value < 0 ? "-" : "") + text + suffix
        }
        if magnitude >= 1e9 { return trimmed(magnitude / 1e9, "G") }
        if magnitude >= 1e6 { return trimmed(magnitude / 1e6, "M") }
        if magnitude >= 1e4 { return trimmed(magnitude / 1e3, "k") }
        return trimmed(magnitude, "")
    }

    static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }

    static func speedup(_ factor: Double) -> String { String(format: "%.2f×", factor) }

    /// 78.3 -> "1 min 18 s"; 5000 -> "1 h 23 min".
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total < 60 { return String(format: "%.1f s", seconds) }
        if total < 3600 { return "\(total / 60) min \(total % 60) s" }
        return "\(total / 3600) h \(total % 3600 / 60) min"
    }

    /// Coordinates in SVG: at most two decimals, no trailing zeros.
    static func number(_ value: Double) -> String {
        var text = String(format: "%.2f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }
}
