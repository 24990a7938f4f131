/// The accelerator facts the offline schedules are sized by: the int8 16x16 design
/// (Sources/Simulator/Gemmini/Config: 256 KiB scratchpad of 16-byte rows in 4 banks, 64 KiB
/// accumulator of 64-byte rows in 2 banks; MAX_BLOCK_LEN 4, MAX_BLOCK_LEN_ACC 1).
/// The Coordinator does not link the simulator, so they are restated here.
struct OfflineHardware: Sendable, Equatable {
    /// Array width, and the rows and columns of one block.
    var dim = 16
    /// Scratchpad rows of `dim` int8 elements.
    var scratchpadRows = 16384
    /// Rows of one scratchpad bank.
    var bankRows = 4096
    /// Accumulator rows of `dim` int32 elements.
    var accumulatorRows = 1024
    /// Blocks one mvin into the scratchpad (or one mvout from the accumulator) may carry.
    var maxBlocksPerMove = 4

    static let int8Default = OfflineHardware()

    /// The design a problem runs on, if the schedules know it.
    static func forAccelerator(_ name: String) -> OfflineHardware? {
        name == "int8_16x16" ? .int8Default : nil
    }

    /// Kilobytes of `rows` scratchpad rows (16 B each) or accumulator rows (64 B each).
    func scratchpadKB(_ rows: Int) -> Double { Double(rows * dim) / 1024 }
    func accumulatorKB(_ rows: Int) -> Double { Double(rows * dim * 4) / 1024 }
}
