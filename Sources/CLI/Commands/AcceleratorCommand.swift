import ArgumentParser
import Simulator
import Worker

/// `autocomp accel`: the accelerator designs, their JSON and their gemmini_params.h.
struct AcceleratorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accel",
        abstract: "List accelerator designs and show their configuration or gemmini_params.h.",
        discussion: """
            A design is selected with --accel NAME (built in) or --accel FILE.json (your own: \
            start from `autocomp accel show int8_16x16 > mine.json`, change the fields, give it a \
            new name).
            """,
        subcommands: [List.self, Show.self, Header.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the built-in designs.")
        func run() {
            for design in GemminiConfiguration.builtIn {
                let marker = design.name == GemminiConfiguration.defaultName ? " (default)" : ""
                print("\(design.name)\(marker): \(design.summary)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a design as JSON.")
        @Argument(help: ArgumentHelp("A built-in name or a JSON file.", valueName: "name|file.json"))
        var design: String = GemminiConfiguration.defaultName
        func run() throws { print(AcceleratorCatalog.json(try resolveOrExit(design))) }
    }

    struct Header: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the gemmini_params.h programs see for a design.")
        @Argument(help: ArgumentHelp("A built-in name or a JSON file.", valueName: "name|file.json"))
        var design: String = GemminiConfiguration.defaultName
        func run() throws { print(try resolveOrExit(design).paramsHeader, terminator: "") }
    }
}

/// Resolves `--accel`-style values, exiting with a one-line error when they are bad.
func resolveOrExit(_ specification: String, command: String = "autocomp accel") throws -> GemminiConfiguration {
    do {
        return try AcceleratorCatalog.resolve(specification)
    } catch {
        printError("\(command): \(error.description)")
        throw ExitCode(1)
    }
}
