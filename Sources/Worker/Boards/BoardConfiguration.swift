import Foundation

/// An FPGA board (or any other machine that runs our programs) a worker drives, described by a
/// small JSON file:
///
/// ```json
/// {
///   "name": "vcu118-0",
///   "accelerator": "int8_16x16",
///   "command": ["firesim-run-elf", "--elf", "{elf}"],
///   "timeoutSeconds": 900,
///   "console": "stdout"
/// }
/// ```
///
/// `command` is the argument vector that loads and runs one program; `{elf}` becomes the
/// program's path and `{dir}` a scratch directory of its own. `console` says where the
/// program's console output is read: `stdout` (the command's standard output and error) or
/// `file:PATH` (read after the command ends; PATH may use `{dir}`), e.g. a FireSim uartlog.
/// The output is read with the same harness contract as the simulator's.
public struct BoardConfiguration: Codable, Sendable, Equatable {
    public var name: String
    /// The accelerator configuration the board implements (a built-in name).
    public var accelerator: String
    public var command: [String]
    /// Wall-clock limit of one run, including loading (default 600 s).
    public var timeoutSeconds: Double?
    /// `stdout` (default) or `file:PATH`.
    public var console: String?

    public init(name: String, accelerator: String, command: [String], timeoutSeconds: Double? = nil, console: String? = nil) {
        self.name = name
        self.accelerator = accelerator
        self.command = command
        self.timeoutSeconds = timeoutSeconds
        self.console = console
    }

    public var timeout: Double { timeoutSeconds ?? 600 }

    /// Where the console output comes from.
    public enum ConsoleSource: Equatable, Sendable {
        case standardOutput
        case file(String)
    }

    public var consoleSource: ConsoleSource {
        guard let console, console != "stdout" else { return .standardOutput }
        return .file(String(console.dropFirst("file:".count)))
    }

    /// Reads and checks a board file; errors name the file and what is wrong, in one line.
    public static func load(path: String, knownAccelerators: [String]) throws -> BoardConfiguration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BoardError("--board \(path): cannot read the file")
        }
        let board: BoardConfiguration
        do {
            board = try JSONDecoder().decode(BoardConfiguration.self, from: data)
        } catch let DecodingError.keyNotFound(key, _) {
            throw BoardError("--board \(path): missing \"\(key.stringValue)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw BoardError("--board \(path): \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type")
        } catch {
            throw BoardError("--board \(path): not a JSON board description (\(error.localizedDescription))")
        }
        try board.validate(knownAccelerators: knownAccelerators, source: path)
        return board
    }

    func validate(knownAccelerators: [String], source: String) throws {
        func fail(_ message: String) -> BoardError { BoardError("--board \(source): \(message)") }
        guard board(nameIsValid: name) else { throw fail("\"name\" must be 1-64 letters, digits, '.', '_' or '-'") }
        guard knownAccelerators.contains(accelerator) else {
            throw fail("unknown accelerator \"\(accelerator)\" (known: \(knownAccelerators.joined(separator: ", ")))")
        }
        guard let executable = command.first, !executable.isEmpty else { throw fail("\"command\" is empty") }
        guard command.contains(where: { $0.contains("{elf}") }) else { throw fail("\"command\" never mentions {elf}, the program to run") }
        if let timeoutSeconds, !(timeoutSeconds > 0) { throw fail("\"timeoutSeconds\" must be positive") }
        if let console, console != "stdout", !console.hasPrefix("file:") || console.count == "file:".count {
            throw fail("\"console\" must be \"stdout\" or \"file:PATH\"")
        }
    }

    private func board(nameIsValid name: String) -> Bool {
        name.range(of: "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", options: .regularExpression) != nil
    }
}

/// A board description or run problem, in one line.
public struct BoardError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
