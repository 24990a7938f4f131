import Foundation

/// Renders a `RunReport` as one self-contained HTML page: inline CSS and inline SVG, no
/// script, no external assets. Every text that comes from the run (code, plans, ids, model
/// names) is escaped. Sections: the run's settings and costs, the summary against the
/// baselines, the chart of best cycles per iteration, the beam tree, and the iterations.
public enum HTMLReport {
    public static func render(_ report: RunReport) -> String {
        let title = "autocomp report: \(report.problemID)"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            \(header(report))
            \(summary(report))
            \(chart(report))
            \(tree(report))
            \(iterations(report))
            <footer>Written by <code>autocomp report</code> from the run database and trace files of this run.</footer>
            </body>
            </html>

            """
    }

    // MARK: Header

    static func header(_ report: RunReport) -> String {
        var facts: [(String, String)] = []
        facts.append(("problem", "<code>\(HTMLText.escape(report.problemID))</code>" + (report.title.map { " · " + HTMLText.escape($0) } ?? "")))
        if let accelerator = report.accelerator {
            facts.append(("accelerator", "<code>\(HTMLText.escape(accelerator))</code>" + (report.arrayDim.map { " (\($0)×\($0) array)" } ?? "")))
        } else {
            facts.append(("accelerator", "unknown"))
        }
        if let macs = report.macs {
            var text = HTMLText.integer(macs)
            if let dim = report.arrayDim {
                text += " (ideal: " + HTMLText.cycles(UInt64((Double(macs) / Double(dim * dim)).rounded(.up))) + " cycles at full utilization)"
            }
            facts.append(("MACs", text))
        }
        if let configuration = report.configuration {
            facts.append(("beam", "\(configuration.beamWidth) entries, \(configuration.plansPerEntry) plans each, \(configuration.codesPerPlan) codes per plan"))
            facts.append(("iterations", "\(configuration.iterations) configured" + (configuration.reuse.map { " after \($0.steps.count) replayed" } ?? "")
                          + ", \(max(report.beams.count - 1, 0)) finished"))
            facts.append(("menu", "each option kept with probability \(HTMLText.number(configuration.keepProbability))"
                          + (configuration.singlePhase ? "; plan and code in one request" : "; plan, then code")))
            var more = ["seed \(configuration.seed)", "temperature \(HTMLText.number(configuration.temperature))",
                        "\(configuration.repairAttempts) repair attempt\(configuration.repairAttempts == 1 ? "" : "s")"]
            if let patience = configuration.earlyStopAfter { more.append("early stop after \(patience) idle iteration\(patience == 1 ? "" : "s")") }
            more.append(configuration.hardwareFeedback ? "hardware feedback" : "latency-only feedback")
            facts.append(("settings", more.joined(separator: ", ")))
            if let reuse = configuration.reuse {
                facts.append(("reuse", "replays \(reuse.steps.count) step\(reuse.steps.count == 1 ? "" : "s") from <code>\(HTMLText.escape(reuse.problemID))</code>: "
                              + reuse.steps.map { HTMLText.escape($0.optionID) }.joined(separator: " → ")))
            }
        } else {
            facts.append(("settings", "not recorded"))
        }
        facts.append(("agent", models(report)))
        if let seconds = report.wallSeconds { facts.append(("wall time", HTMLText.duration(seconds) + " (the run's last session)")) }
        facts.append(("LLM usage", usage(report.usage)))
        let rows = facts.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined(separator: "\n")
        return """
            <header>
            <h1>Autocomp run: <code>\(HTMLText.escape(report.problemID))</code></h1>
            <table class="facts">
            \(rows)
            </table>
            </header>
            """
    }

    static func models(_ report: RunReport) -> String {
        func list(_ models: [String]) -> String { models.map { "<code>\(HTMLText.escape($0))</code>" }.joined(separator: ", ") }
        if report.planningModels.isEmpty { return "offline agent (built in)" }
        if report.codingModels.isEmpty || report.codingModels == report.planningModels { return list(report.planningModels) }
        return "planning: \(list(report.planningModels)); coding: \(list(report.codingModels))"
    }

    static func usage(_ usage: RunReport.Usage) -> String {
        guard usage.calls > 0 else { return "no LLM calls" }
        var text = "\(HTMLText.integer(usage.calls)) call\(usage.calls == 1 ? "" : "s") (\(HTMLText.integer(usage.cachedCalls)) from the cache), "
            + "\(HTMLText.integer(usage.inputTokens)) input and \(HTMLText.integer(usage.outputTokens)) output tokens, "
        text += usage.costUSD.map { String(format: "$%.2f", $0) } ?? "cost unknown (a model without a price)"
        return text
    }

    // MARK: Summary

    static func summary(_ report: RunReport) -> String {
        func row(_ name: String, _ outcome: SearchCandidate.Outcome?, id: String? = nil, highlight: Bool = false) -> String {
            let label = name + (id.map { " <code>\(HTMLText.escape($0))</code>" } ?? "")
            guard let outcome else { return "<tr><th>\(label)</th><td colspan=\"3\" class=\"missing\">not recorded</td></tr>" }
            guard outcome.status == .correct, let cycles = outcome.cycles else {
                let reason = outcome.reason.map { ": " + HTMLText.escape(firstLine($0)) } ?? ""
                return "<tr><th>\(label)</th><td colspan=\"3\" class=\"missing\">\(HTMLText.escape(outcome.status.rawValue))\(reason)</td></tr>"
            }
            return "<tr\(highlight ? " class=\"best-row\"" : "")><th>\(label)</th><td class=\"num\">\(HTMLText.cycles(cycles))</td>"
                + "<td class=\"num\">\(report.utilization(cycles: cycles).map(HTMLText.percent) ?? "–")</td>"
                + "<td class=\"num\">\(report.speedup(cycles: cycles).map(HTMLText.speedup) ?? "–")</td></tr>"
        }
        var rows = [
            row("starting code", report.baselines["start"] ?? report.candidate("start")?.outcome),
            row("software library", report.baselines["library"]),
            row("hardware loop", report.baselines["hardware_loop"]),
        ]
        let best = report.best
        rows.append(best.map { row("best found", $0.outcome, id: $0.id, highlight: true) }
                    ?? "<tr class=\"best-row\"><th>best found</th><td colspan=\"3\" class=\"missing\">no iteration finished</td></tr>")
        var notes: [String] = []
        if let best, let cycles = best.cycles {
            for (name, label) in [("library", "software library"), ("hardware_loop", "hardware loop")] {
                if let outcome = report.baselines[name], outcome.status == .correct, let reference = outcome.cycles, cycles > 0 {
                    let ratio = Double(reference) / Double(cycles)
                    notes.append(ratio >= 1 ? "\(HTMLText.speedup(ratio)) faster than the \(label)" : "\(HTMLText.speedup(1 / ratio)) slower than the \(label)")
                }
            }
        }
        var bestCode = ""
        if let best {
            bestCode = """
                <details class="code-block"><summary>code of the best program (<code>\(HTMLText.escape(best.id))</code>)</summary>
                <pre class="code">\(HTMLText.escape(best.code))</pre>
                </details>
                """
        }
        return """
            <section id="summary">
            <h2>Summary</h2>
            <table class="summary">
            <thead><tr><th></th><th>cycles</th><th>utilization</th><th>speedup over start</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            <p class="note">Utilization is MACs / (cycles × DIM²)\(notes.isEmpty ? "" : "; the best program is " + notes.joined(separator: " and ")).</p>
            \(bestCode)
            </section>
            """
    }

    // MARK: Chart

    static func chart(_ report: RunReport) -> String {
        let chart = report.cyclesChart
        let scale = chart.yScale.kind == .logarithmic ? " The cycles axis is logarithmic." : ""
        return """
            <section id="progress">
            <h2>Best cycles per iteration</h2>
            <figure>
            \(SVGChart.render(chart))
            <figcaption>The line is the beam's best after each iteration; a dot is one correct candidate evaluated in that iteration \
            (spread across its column); dashed lines are the baselines.\(scale)</figcaption>
            </figure>
            </section>
            """
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(whereSeparator: \.isNewline).first ?? "")
    }
}
