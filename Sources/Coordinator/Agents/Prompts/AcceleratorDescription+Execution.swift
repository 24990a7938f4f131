extension AcceleratorDescription {
    /// How commands flow through the accelerator: the three queues, what orders them, and
    /// the costs the planner trades against each other (gemmini-reference.md sections 3.11, 5).
    static func execution(_ f: AcceleratorFacts) -> String {
        """
        ## How commands execute
        - Three units work in parallel, each on its own queue: load (config_ld, mvin, mvin2, \
        mvin3), execute (config_ex, preload, compute_preloaded, compute_accumulated) and store \
        (config_st, mvout). Each unit runs its commands in program order.
        - Across units, Gemmini tracks which scratchpad and accumulator rows every command reads \
        and writes, and holds a command back only until earlier commands of the other units \
        that touch the same rows are done. An mvin, the computes that read it and the mvout of \
        their result therefore need no fence between them, and loading the next tiles overlaps \
        the computes on the current ones as long as they use different rows. Loading every tile \
        into the same rows makes each load wait for the computes still reading those rows.
        - Gemmini does not track DRAM: an mvin that reads what an earlier mvout wrote must be \
        separated from it by fence().
        - At most 8 loads, 16 execute commands and 4 stores can be pending; when a queue is full \
        the CPU stalls at its next command. mvouts run one at a time.
        - The CPU issues every command itself, one by one; each costs it on the order of ten \
        to twenty cycles, plus the loop and address arithmetic around it.
        - A compute streams its A rows through the array, one row per cycle: a full DIM x DIM \
        block takes DIM cycles. The weights of the next compute_preloaded are shifted in while \
        the current compute runs, if its preload has been issued in time. A compute that loads \
        no new weights (its preload's B is GARBAGE_ADDR) and has fewer than DIM rows takes \
        the larger of rows and 4 cycles.
        - If two operands of one compute (its A, its D, the next weights) sit in the same \
        scratchpad bank, the compute takes about twice as long.
        - A result reaches the accumulator about \(f.pipelineLatency) cycles after its row entered \
        the array, so an mvout of a tile waits that long after the last compute writing it. \
        config_ex also waits for the array to empty.
        - The DMA moves at most 16 bytes per cycle. Each row of an mvin is a separate memory \
        request, answered after tens of cycles (cache) to about a hundred (DRAM), with up to 16 \
        requests in flight: long rows (several tiles side by side) and many independent mvins \
        in flight use it best.
        """
    }
}
