import ArgumentParser

/// The `autocomp` command: an LLM-driven code optimizer for the Gemmini accelerator, with
/// its own RISC-V + Gemmini simulator.
@main
struct Autocomp: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autocomp",
        abstract: "Optimize Gemmini accelerator code; build and simulate RISC-V programs.",
        subcommands: [
            ExampleCommand.self, CompileCommand.self, SimulateCommand.self, AcceleratorCommand.self, ProblemsCommand.self,
            EvaluateCommand.self, OptimizeCommand.self, ReportCommand.self, OfflineLadderCommand.self, ServeCommand.self, WorkerCommand.self, StatusCommand.self,
            CertsCommand.self,
        ]
    )

    /// Accepts compiler-style joined options (`-DNAME=VALUE`, `-Idir`, `-O3`) for `cc`, which
    /// the argument parser would otherwise split at the `=`.
    static func main() async {
        do {
            var command = try parseAsRoot(CompilerArguments.separateJoinedOptions(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Rewrites `cc`'s joined short options into separate words.
enum CompilerArguments {
    static func separateJoinedOptions(_ arguments: [String]) -> [String] {
        guard arguments.first == "cc" else { return arguments }
        var rewritten: [String] = []
        for argument in arguments {
            if argument.count > 2, let flag = ["-D", "-I", "-O", "-o", "-T"].first(where: { argument.hasPrefix($0) }) {
                rewritten += [flag, String(argument.dropFirst(2))]
            } else {
                rewritten.append(argument)
            }
        }
        return rewritten
    }
}
