import ArgumentParser
import Coordinator
import Simulator
import Worker

/// `autocomp problems`: the benchmark suite.
struct ProblemsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "problems",
        abstract: "List the benchmark problems.",
        discussion: """
            Ideal cycles = MACs / DIM² (the array does DIM² multiply-accumulates per cycle at \
            full utilization). Evaluate a solution with `autocomp eval --problem ID --solution FILE.c`.
            """
    )

    @Option(help: ArgumentHelp("Only problems of this family: gemm, conv or tinympc.", valueName: "family"))
    var family: String?

    func validate() throws {
        if let family, ProblemManifest.Family(rawValue: family) == nil {
            throw ValidationError("--family \(family): unknown family (use gemm, conv or tinympc)")
        }
    }

    func run() throws {
        let catalog = try loadCatalogOrExit(command: "autocomp problems")
        let problems = catalog.problems.filter { family == nil || $0.family.rawValue == family }
        var rows = [["ID", "FAMILY", "ACCELERATOR", "SHAPE", "MACS", "IDEAL CYCLES"]]
        for problem in problems {
            let dim = (try? AcceleratorCatalog.resolve(problem.accelerator))?.dim
            let ideal = dim.map { String(format: "%.0f", problem.idealCycles(arrayDim: $0)) } ?? "?"
            rows.append([problem.id, problem.family.rawValue, problem.accelerator, problem.manifest.shape, String(problem.macs), ideal])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let numeric: Set<Int> = [4, 5]
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }
            print(cells.joined(separator: "  ").trimmingTrailingSpaces())
        }
    }
}

/// Loads the built-in suite, exiting with a one-line error when it cannot.
func loadCatalogOrExit(command: String) throws -> ProblemCatalog {
    do {
        return try ProblemCatalog.builtIn()
    } catch {
        printError("\(command): \(error.description)")
        throw ExitCode(1)
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
