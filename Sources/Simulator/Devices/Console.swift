#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a program's console output goes: captured (bounded) and/or written straight to
/// this process's standard output and error.
final class Console {
    private(set) var standardOutput: [UInt8] = []
    private(set) var standardError: [UInt8] = []
    /// Bytes not captured because the capture limit was reached.
    private(set) var droppedBytes = 0
    private let captureLimit: Int
    private let passthrough: Bool

    init(captureLimit: Int, passthrough: Bool) {
        self.captureLimit = captureLimit
        self.passthrough = passthrough
    }

    /// Writes program output on stream 1 (stdout) or 2 (stderr).
    func write(_ bytes: UnsafeRawBufferPointer, stream: Int) {
        if passthrough {
            var remaining = bytes
            while let start = remaining.baseAddress, !remaining.isEmpty {
                let written = systemWrite(stream == 2 ? 2 : 1, start, remaining.count)
                if written <= 0 { break }
                remaining = UnsafeRawBufferPointer(rebasing: remaining[written...])
            }
        }
        let room = max(0, captureLimit - standardOutput.count - standardError.count)
        let kept = min(room, bytes.count)
        if stream == 2 {
            standardError.append(contentsOf: bytes.prefix(kept))
        } else {
            standardOutput.append(contentsOf: bytes.prefix(kept))
        }
        droppedBytes += bytes.count - kept
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}
