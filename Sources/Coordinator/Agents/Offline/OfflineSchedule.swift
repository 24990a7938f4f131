/// A program's schedule in the offline agent's parametric form: one family's knobs.
/// Its text form (`description`) is one line, `gemm key=value ...` or `conv key=value ...`;
/// the generated code carries it in a marker comment and plans end with it.
public enum OfflineSchedule: Sendable, Hashable, CustomStringConvertible {
    case gemm(GemmSchedule)
    case conv(ConvSchedule)

    /// The one-line text form, e.g. `gemm loop=0 ti=1 tj=4 tk=1 order=ij reuse=none sbuf=2 abuf=1 move=4 hoist=0 unroll=0`.
    public var description: String {
        switch self {
        case .gemm(let schedule): "gemm " + ScheduleText.format(schedule.fields)
        case .conv(let schedule): "conv " + ScheduleText.format(schedule.fields)
        }
    }

    /// Parses the one-line text form; nil when it is not one (unknown family, missing or bad values).
    public init?(text: String) {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let family = words.first, let fields = ScheduleText.fields(words.dropFirst()) else { return nil }
        switch family {
        case "gemm":
            guard let schedule = GemmSchedule(fields: fields) else { return nil }
            self = .gemm(schedule)
        case "conv":
            guard let schedule = ConvSchedule(fields: fields) else { return nil }
            self = .conv(schedule)
        default:
            return nil
        }
    }
}

/// `key=value` words, in a fixed order.
enum ScheduleText {
    static func format(_ fields: KeyValuePairs<String, String>) -> String {
        fields.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    static func fields<S: Sequence<String>>(_ words: S) -> [String: String]? {
        var result: [String: String] = [:]
        for word in words {
            let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, result[parts[0]] == nil else { return nil }
            result[parts[0]] = parts[1]
        }
        return result
    }

    static func int(_ fields: [String: String], _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = fields[key], let value = Int(text), range.contains(value) else { return nil }
        return value
    }

    static func bool(_ fields: [String: String], _ key: String) -> Bool? {
        switch fields[key] {
        case "1": true
        case "0": false
        default: nil
        }
    }

    static func flag(_ value: Bool) -> String { value ? "1" : "0" }
}
