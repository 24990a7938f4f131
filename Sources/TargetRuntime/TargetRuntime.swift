public import Foundation

/// Locates the C runtime that programs for the simulator are built against.
///
/// The files live in `Runtime/` as package resources:
/// - `crt0.S`, `link.ld`: start-up code and memory layout,
/// - `src/*.c`: console, formatting, string and memory functions, exit and assertions,
/// - `include/`: headers that come before the C library's own.
public enum TargetRuntime {
    /// The directory holding the runtime's sources.
    public static var directory: URL {
        Bundle.module.url(forResource: "Runtime", withExtension: nil)!
    }

    /// The start-up code.
    public static var startupFile: URL { directory.appendingPathComponent("crt0.S") }
    /// The linker script.
    public static var linkerScript: URL { directory.appendingPathComponent("link.ld") }
    /// Headers searched before the C library's.
    public static var includeDirectory: URL { directory.appendingPathComponent("include") }

    /// Every C and assembly source of the runtime except the start-up code, sorted by name.
    public static func librarySources() throws -> [URL] {
        let sourceDirectory = directory.appendingPathComponent("src")
        return try FileManager.default.contentsOfDirectory(at: sourceDirectory, includingPropertiesForKeys: nil)
            .filter { ["c", "S"].contains($0.pathExtension) }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
