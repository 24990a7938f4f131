import Foundation
public import Simulator

/// Finds accelerator configurations: the built-in designs by name, or a user's design in a
/// JSON file (any `--accel` value ending in `.json` or containing a `/`).
public enum AcceleratorCatalog {
    /// Resolves a `--accel` value. "none" is not handled here (callers decide what no accelerator means).
    public static func resolve(_ specification: String) throws(ConfigurationError) -> GemminiConfiguration {
        if specification.hasSuffix(".json") || specification.contains("/") {
            return try load(file: specification)
        }
        guard let configuration = GemminiConfiguration.builtIn(named: specification) else {
            let names = GemminiConfiguration.builtIn.map(\.name).joined(separator: ", ")
            throw ConfigurationError(
                configuration: specification,
                reason: "no such built-in design (built in: \(names); or give a JSON file)")
        }
        return configuration
    }

    /// Reads and validates a design from a JSON file shaped like `autocomp accel show NAME`.
    public static func load(file path: String) throws(ConfigurationError) -> GemminiConfiguration {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigurationError(configuration: path, reason: "cannot read: \(error.localizedDescription)")
        }
        let configuration: GemminiConfiguration
        do {
            configuration = try JSONDecoder().decode(GemminiConfiguration.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ConfigurationError(configuration: path, reason: "missing field \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ConfigurationError(configuration: path, reason: "field \"\(field)\": \(context.debugDescription)")
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ConfigurationError(configuration: path, reason: "\(field.isEmpty ? "" : "field \"\(field)\": ")\(context.debugDescription)")
        } catch {
            throw ConfigurationError(configuration: path, reason: "not a configuration: \(error)")
        }
        try configuration.validate()
        return configuration
    }

    /// The JSON text of a design, as users copy and edit it (timing parameters spelled out).
    public static func json(_ configuration: GemminiConfiguration) -> String {
        var configuration = configuration
        configuration.timing = configuration.timingParameters
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(configuration)) ?? Data(), as: UTF8.self)
    }
}
