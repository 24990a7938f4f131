/// A command the accelerator cannot carry out (the run stops with this reason).
struct GemminiFault: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
