import Dispatch
import Foundation
import Synchronization

/// Runs a handler on SIGTERM or SIGINT instead of dying, so that long-running commands can stop
/// gracefully (a worker drains, a coordinator finishes its calls). A second signal exits at once.
final class TerminationSignals: Sendable {
    private let sources: Mutex<[any DispatchSourceSignal]>

    init(_ handler: @escaping @Sendable (Int32) -> Void) {
        let received = Mutex(0)
        var sources: [any DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                let count = received.withLock { count in
                    count += 1
                    return count
                }
                if count > 1 { exit(130) }
                handler(number)
            }
            source.resume()
            sources.append(source)
        }
        self.sources = Mutex(sources)
    }
}
