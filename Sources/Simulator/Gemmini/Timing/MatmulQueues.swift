/// The loop_ws unroller's sub-FSM queues (reference 5.6), built from one loop's tagged
/// commands: each queue holds indices into the loop's commands, in its own order.
///
/// What each command waits for is worked out once, when the queues are built, so that the
/// issue loop (which runs once per command and once per stalled cycle) only compares
/// positions: ex issues (k, j, i) once ldA has passed (k, i) and ldB (k, j); stC issues
/// block (i, j) once ex has passed its last k. The storage is kept from loop to loop.
struct MatmulQueues: ~Copyable {
    var loadA = TimingBuffer<Int>(capacity: 64)
    var loadB = TimingBuffer<Int>(capacity: 64)
    var loadD = TimingBuffer<Int>(capacity: 64)
    var execute = TimingBuffer<Int>(capacity: 64)
    var store = TimingBuffer<Int>(capacity: 64)
    /// Commands without a sub-FSM (issued before the others, in order).
    var untagged = TimingBuffer<Int>(capacity: 8)
    /// The k of each ldA and ldB command (the one behind in k goes first).
    var loadAK = TimingBuffer<Int>(capacity: 64)
    var loadBK = TimingBuffer<Int>(capacity: 64)
    /// For each ex command, the ldA and ldB positions that must have been passed.
    var executeNeedsA = TimingBuffer<Int>(capacity: 64)
    var executeNeedsB = TimingBuffer<Int>(capacity: 64)
    /// For each stC command, the ex position that must have been passed.
    var storeNeedsExecute = TimingBuffer<Int>(capacity: 64)

    /// The block indices of each command, read from its tag once.
    private var loadAI = TimingBuffer<Int>(capacity: 64)
    private var loadBJ = TimingBuffer<Int>(capacity: 64)
    private var executeBlocks = TimingBuffer<ExecuteBlock>(capacity: 64)
    private var storeBlocks = TimingBuffer<StoreBlock>(capacity: 64)

    // Not private: private types here break debug builds (Swift 6.3 emits their metadata
    // with the wrong linkage).
    struct ExecuteBlock {
        var k: Int, j: Int, i: Int
    }

    struct StoreBlock {
        var i: Int, j: Int
    }

    /// Sorts `commands` into the queues.
    mutating func build(from commands: UnsafeBufferPointer<TimedCommand>) {
        removeAll()
        var blocksI = 1, blocksJ = 1, blocksK = 1
        for index in commands.indices {
            switch commands[index].loopTag {
            case .loadA(let k, let i):
                loadA.append(index); loadAK.append(k); loadAI.append(i)
                blocksK = max(blocksK, k + 1); blocksI = max(blocksI, i + 1)
            case .loadB(let k, let j):
                loadB.append(index); loadBK.append(k); loadBJ.append(j)
                blocksK = max(blocksK, k + 1); blocksJ = max(blocksJ, j + 1)
            case .loadD: loadD.append(index)
            case .execute(let k, let j, let i):
                execute.append(index); executeBlocks.append(ExecuteBlock(k: k, j: j, i: i))
                (blocksK, blocksJ, blocksI) = (max(blocksK, k + 1), max(blocksJ, j + 1), max(blocksI, i + 1))
            case .storeC(let i, let j): store.append(index); storeBlocks.append(StoreBlock(i: i, j: j))
            default: untagged.append(index)
            }
        }
        // The position in its queue of A(k, i), of B(k, j) and of the last ex command of (k, j, i).
        var positionA = [Int](repeating: -1, count: blocksK * blocksI)
        var positionB = [Int](repeating: -1, count: blocksK * blocksJ)
        var lastExecute = [Int](repeating: -1, count: blocksK * blocksJ * blocksI)
        for position in 0..<loadA.count { positionA[loadAK[position] * blocksI + loadAI[position]] = position }
        for position in 0..<loadB.count { positionB[loadBK[position] * blocksJ + loadBJ[position]] = position }
        for position in 0..<executeBlocks.count {
            let block = executeBlocks[position]
            lastExecute[(block.k * blocksJ + block.j) * blocksI + block.i] = position
        }
        for position in 0..<executeBlocks.count {
            let block = executeBlocks[position]
            executeNeedsA.append(positionA[block.k * blocksI + block.i])
            executeNeedsB.append(positionB[block.k * blocksJ + block.j])
        }
        let lastK = blocksK - 1
        for position in 0..<storeBlocks.count {
            let block = storeBlocks[position]
            storeNeedsExecute.append(lastExecute[(lastK * blocksJ + block.j) * blocksI + block.i])
        }
    }

    private mutating func removeAll() {
        loadA.removeAll(); loadB.removeAll(); loadD.removeAll(); execute.removeAll(); store.removeAll()
        untagged.removeAll(); loadAK.removeAll(); loadBK.removeAll(); loadAI.removeAll(); loadBJ.removeAll()
        executeNeedsA.removeAll(); executeNeedsB.removeAll(); storeNeedsExecute.removeAll()
        executeBlocks.removeAll(); storeBlocks.removeAll()
    }
}
