import ArgumentParser

/// The `autocomp` command: an LLM-driven code optimizer for the Gemmini accelerator, with
/// its own RISC-V + Gemmini simulator.
@main
struct Autocomp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autocomp",
        abstract: "Optimize Gemmini accelerator code; build and simulate RISC-V programs.",
        subcommands: [ExampleCommand.self, CompileCommand.self, SimulateCommand.self]
    )
}
