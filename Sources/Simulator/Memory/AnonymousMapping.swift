#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A zero-filled, lazily committed region of host memory (mmap with no swap reservation).
///
/// Pages are committed by the kernel on first touch, so a 512 MiB guest memory costs only
/// what the program actually uses.
struct AnonymousMapping {
    let base: UnsafeMutableRawPointer
    let byteCount: Int

    /// Maps `byteCount` bytes; returns nil when the host refuses the mapping.
    init?(byteCount: Int) {
        precondition(byteCount > 0)
        #if canImport(Glibc)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE
        #else
        let flags = MAP_PRIVATE | MAP_ANON
        #endif
        guard let pointer = mmap(nil, byteCount, PROT_READ | PROT_WRITE, flags, -1, 0),
              pointer != MAP_FAILED
        else { return nil }
        self.base = pointer
        self.byteCount = byteCount
    }

    /// Gives every page back to the kernel; the region reads as zeros afterwards.
    func discardContents() {
        #if canImport(Glibc)
        _ = madvise(base, byteCount, Int32(MADV_DONTNEED))
        #else
        memset(base, 0, byteCount)
        #endif
    }

    func unmap() {
        munmap(base, byteCount)
    }
}
