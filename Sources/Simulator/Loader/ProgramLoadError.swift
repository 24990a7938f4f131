/// A program file the simulator cannot run, with a one-line reason that names the file.
public struct ProgramLoadError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: String, Sendable {
        case unreadable, notELF, wrongClass, wrongEndianness, wrongMachine, notExecutable, truncated,
             noLoadableSegments, outsideMemory, memoryUnavailable
    }
    public let code: Code
    public let file: String
    public let reason: String

    public var description: String { "\(file): \(reason)" }
}
