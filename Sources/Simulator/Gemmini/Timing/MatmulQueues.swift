/// The loop_ws unroller's sub-FSM queues (reference 5.6), built from one loop's tagged
/// commands: each queue holds indices into the loop's commands, in its own order.
///
/// What each command waits for is worked out once, when the queues are built, so that the
/// issue loop (which runs once per command and once per stalled cycle) only compares
/// positions: ex issues (k, j, i) once ldA has passed (k, i) and ldB (k, j); stC issues
/// block (i, j) once ex has passed its last k.
struct MatmulQueues {
    var loadA: [Int] = []
    var loadB: [Int] = []
    var loadD: [Int] = []
    var execute: [Int] = []
    var store: [Int] = []
    /// Commands without a sub-FSM (issued before the others, in order).
    var untagged: [Int] = []
    /// The k of each ldA and ldB command (the one behind in k goes first).
    var loadAK: [Int] = []
    var loadBK: [Int] = []
    /// For each ex command, the ldA and ldB positions that must have been passed.
    var executeNeedsA: [Int] = []
    var executeNeedsB: [Int] = []
    /// For each stC command, the ex position that must have been passed.
    var storeNeedsExecute: [Int] = []

    /// Sorts `commands` into the queues (reusing their storage).
    mutating func build(from commands: UnsafeBufferPointer<TimedCommand>) {
        removeAll()
        var blocksI = 1, blocksJ = 1, blocksK = 1
        for index in commands.indices {
            switch commands[index].loopTag {
            case .loadA(let k, let i):
                loadA.append(index); loadAK.append(k)
                blocksK = max(blocksK, k + 1); blocksI = max(blocksI, i + 1)
            case .loadB(let k, let j):
                loadB.append(index); loadBK.append(k)
                blocksK = max(blocksK, k + 1); blocksJ = max(blocksJ, j + 1)
            case .loadD: loadD.append(index)
            case .execute(let k, let j, let i):
                execute.append(index)
                (blocksK, blocksJ, blocksI) = (max(blocksK, k + 1), max(blocksJ, j + 1), max(blocksI, i + 1))
            case .storeC: store.append(index)
            default: untagged.append(index)
            }
        }
        // The position in its queue of A(k, i), of B(k, j) and of the last ex command of (k, j, i).
        var positionA = [Int](repeating: -1, count: blocksK * blocksI)
        var positionB = [Int](repeating: -1, count: blocksK * blocksJ)
        var lastExecute = [Int](repeating: -1, count: blocksK * blocksJ * blocksI)
        for (position, index) in loadA.enumerated() {
            if case .loadA(let k, let i) = commands[index].loopTag { positionA[k * blocksI + i] = position }
        }
        for (position, index) in loadB.enumerated() {
            if case .loadB(let k, let j) = commands[index].loopTag { positionB[k * blocksJ + j] = position }
        }
        for (position, index) in execute.enumerated() {
            if case .execute(let k, let j, let i) = commands[index].loopTag { lastExecute[(k * blocksJ + j) * blocksI + i] = position }
        }
        for index in execute {
            if case .execute(let k, let j, let i) = commands[index].loopTag {
                executeNeedsA.append(positionA[k * blocksI + i])
                executeNeedsB.append(positionB[k * blocksJ + j])
            }
        }
        let lastK = blocksK - 1
        for index in store {
            if case .storeC(let i, let j) = commands[index].loopTag {
                storeNeedsExecute.append(lastExecute[(lastK * blocksJ + j) * blocksI + i])
            }
        }
    }

    private mutating func removeAll() {
        for keyPath in [\Self.loadA, \.loadB, \.loadD, \.execute, \.store, \.untagged, \.loadAK, \.loadBK,
                        \.executeNeedsA, \.executeNeedsB, \.storeNeedsExecute] as [WritableKeyPath<Self, [Int]>] {
            self[keyPath: keyPath].removeAll(keepingCapacity: true)
        }
    }
}
