import ArgumentParser
import Coordinator
import Foundation

/// `autocomp report`: one self-contained HTML page about a run directory.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an HTML report of an optimize run: settings, summary, a chart of the best cycles, the beam tree, the iterations.",
        discussion: """
            Reads the run directory (run.sqlite, and run_metadata.json and run_metrics.json when \
            present) without changing it, and writes one HTML file with no external assets: \
            inline CSS and SVG. Works on a run in progress or interrupted, too.
            """
    )

    @Argument(help: ArgumentHelp("The run directory (what `autocomp optimize --out` wrote).", valueName: "run-dir"))
    var directory: String

    @Option(help: ArgumentHelp("Where to write the page (default: RUN_DIR/report.html).", valueName: "file.html"))
    var output: String?

    func run() throws {
        let runDirectory = URL(fileURLWithPath: directory)
        let report: RunReport
        do {
            report = try RunReport.load(directory: runDirectory, catalog: try? ProblemCatalog.builtIn())
        } catch {
            printError("autocomp report: \(error.description)")
            throw ExitCode(1)
        }
        let destination = URL(fileURLWithPath: output ?? runDirectory.appendingPathComponent("report.html").path)
        do {
            try Data(HTMLReport.render(report).utf8).write(to: destination, options: .atomic)
        } catch {
            printError("autocomp report: cannot write \(destination.path): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        print(destination.path)
    }
}
