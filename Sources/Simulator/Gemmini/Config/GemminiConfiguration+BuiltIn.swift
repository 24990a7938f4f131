extension GemminiConfiguration {
    /// Gemmini's default design: int8 inputs, int32 accumulator, 16x16 array, 256 KiB
    /// scratchpad in 4 banks, 64 KiB accumulator in 2 banks (GemminiConfigs.defaultConfig).
    public static let int8Default = GemminiConfiguration(
        name: "int8_16x16", summary: "Gemmini default: int8/int32, 16x16, 256 KiB scratchpad, 64 KiB accumulator",
        dim: 16, arithmetic: .int8, scratchpadKiB: 256, scratchpadBanks: 4, accumulatorKiB: 64, accumulatorBanks: 2)

    /// FP32DefaultConfig, used by Autocomp's TinyMPC kernels: fp32 everywhere, 4x4 array,
    /// 256 KiB scratchpad in 4 banks, 64 KiB accumulator in 1 bank.
    public static let fp32 = GemminiConfiguration(
        name: "fp32_4x4", summary: "FP32 4x4 (TinyMPC): fp32, 256 KiB scratchpad, 64 KiB accumulator",
        dim: 4, arithmetic: .fp32, scratchpadKiB: 256, scratchpadBanks: 4, accumulatorKiB: 64, accumulatorBanks: 1)

    /// A larger int8 array: 32x32 with the same capacities as the default, and DMA requests of
    /// 128 bytes so that MAX_BLOCK_LEN stays 4 and an int32 accumulator row fits one request.
    public static let int8Large = GemminiConfiguration(
        name: "int8_32x32", summary: "int8/int32, 32x32, 256 KiB scratchpad, 64 KiB accumulator",
        dim: 32, arithmetic: .int8, scratchpadKiB: 256, scratchpadBanks: 4, accumulatorKiB: 64, accumulatorBanks: 2,
        dmaMaxBytes: 128)

    /// The designs that ship with autocomp.
    public static let builtIn: [GemminiConfiguration] = [int8Default, fp32, int8Large]

    /// The design used when none is named.
    public static let defaultName = "int8_16x16"

    /// A built-in design by name ("default" is the int8 16x16 design).
    public static func builtIn(named name: String) -> GemminiConfiguration? {
        let wanted = name == "default" ? defaultName : name
        return builtIn.first { $0.name == wanted }
    }
}
