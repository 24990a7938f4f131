import Testing
@testable import Simulator

/// The reservation-station pool keeps its entries in completion order to answer quickly;
/// these tests hold its answers to a plain list of entries searched in full.
@Suite("Reservation-station pool")
struct StationPoolTests {
    /// The same pool as a list: what every answer must be.
    struct ReferencePool {
        struct Entry {
            var completion: UInt64
            var rows: StationPool.Rows
        }

        let capacity: Int
        var entries: [Entry] = []

        mutating func removeCompleted(before cycle: UInt64) {
            entries.removeAll { $0.completion < cycle }
        }

        mutating func hasRoom(at cycle: UInt64) -> Bool {
            if entries.count < capacity { return true }
            removeCompleted(before: cycle)
            return entries.count < capacity
        }

        var earliestCompletion: UInt64 { entries.map(\.completion).min() ?? StationPool.pending }

        func earliestCompletion(from cycle: UInt64) -> UInt64 {
            entries.map(\.completion).filter { $0 >= cycle && $0 != StationPool.pending }.min() ?? .max
        }

        func latestCompletion() -> UInt64 {
            entries.map(\.completion).filter { $0 != StationPool.pending }.max() ?? 0
        }

        /// Reference 5.2 as written: after every conflicting entry (a pending one at
        /// `pendingCompletion`).
        func ready(after ready: UInt64, pendingCompletion: UInt64, conflicts: (StationPool.Rows) -> Bool) -> UInt64 {
            var latest = ready
            for entry in entries where conflicts(entry.rows) {
                let completion = entry.completion == StationPool.pending ? pendingCompletion : entry.completion
                if completion >= ready { latest = max(latest, completion &+ 1) }
            }
            return latest
        }
    }

    /// A reproducible generator (the tests must not depend on the run).
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
    }

    @Test("Every answer matches a full search of the entries", arguments: [4, 8, 16])
    func matchesReference(capacity: Int) {
        var pool = StationPool(capacity: capacity)
        var reference = ReferencePool(capacity: capacity)
        var random = Generator(state: UInt64(capacity) &* 0x9E37_79B9_7F4A_7C15)
        var ids: [StationPool.EntryID] = [], pendingIDs: [StationPool.EntryID] = []
        var sequence = 0
        var clock: UInt64 = 0
        var mismatches = 0
        func range(_ random: inout Generator) -> LocalRange {
            let start = Int(random.next(64))
            return LocalRange(accumulator: random.next(4) == 0, start: start, end: start + 1 + Int(random.next(16)))
        }
        for _ in 0..<20_000 {
            clock &+= random.next(3)
            switch random.next(10) {
            case 0...3:
                // A new entry (when there is room), pending now and then; completions mostly
                // increase, as in the model, but not always.
                guard pool.hasRoom(at: clock) == reference.hasRoom(at: clock) else { mismatches += 1; continue }
                guard reference.entries.count < capacity else { continue }
                sequence += 1
                let rows = StationPool.Rows(rangeA: range(&random), rangeB: range(&random), sequence: sequence)
                let completion = random.next(6) == 0 ? StationPool.pending : clock &+ random.next(40)
                let id = pool.add(completion: completion, rows)
                ids.append(id)
                if completion == StationPool.pending { pendingIDs.append(id) }
                reference.entries.append(.init(completion: completion, rows: rows))
            case 4:
                // A pending entry gets its completion (the oldest waiting), or an entry is delayed.
                if !pendingIDs.isEmpty && random.next(3) != 0 {
                    let id = pendingIDs.removeFirst()
                    let completion = clock &+ random.next(50)
                    pool.setCompletion(of: id, to: completion)
                    if let index = reference.entries.firstIndex(where: { $0.rows.sequence == id.sequence }) {
                        reference.entries[index].completion = completion
                    }
                } else if let id = ids.randomElement(using: &random),
                          let index = reference.entries.firstIndex(where: { $0.rows.sequence == id.sequence }),
                          reference.entries[index].completion != StationPool.pending {
                    let extra = random.next(20)
                    let delayed = pool.delay(id, by: extra)
                    reference.entries[index].completion &+= extra
                    if delayed != reference.entries[index].completion { mismatches += 1 }
                }
            case 5:
                pool.removeCompleted(before: clock)
                reference.removeCompleted(before: clock)
            default:
                let a = range(&random), pendingCompletion = random.next(2) == 0 ? 0 : clock &+ random.next(30)
                let start = clock &+ random.next(10)
                let got = pool.ready(after: start, pendingCompletion: pendingCompletion) { a.overlaps($0.rangeA) }
                let expected = reference.ready(after: start, pendingCompletion: pendingCompletion) { a.overlaps($0.rangeA) }
                if got != expected { mismatches += 1 }
            }
            if pool.count != reference.entries.count || pool.earliestCompletion != reference.earliestCompletion
                || pool.earliestCompletion(from: clock) != reference.earliestCompletion(from: clock)
                || pool.latestCompletion() != reference.latestCompletion() {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(sequence > 1_000, "the stream should add many entries: \(sequence)")
    }
}

extension StationPoolTests.Generator: RandomNumberGenerator {
    mutating func next() -> UInt64 { next(.max) }
}
