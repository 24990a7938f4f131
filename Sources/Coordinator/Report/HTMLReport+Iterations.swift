extension HTMLReport {
    /// One row per iteration: candidates by status, the options chosen, the fastest
    /// candidate and the beam's best after it.
    static func iterations(_ report: RunReport) -> String {
        let summaries = report.iterationSummaries
        guard !summaries.isEmpty else {
            return "<section id=\"iterations\">\n<h2>Iterations</h2>\n<p class=\"missing\">No iteration started.</p>\n</section>"
        }
        var statuses = IterationSummary.statusOrder
        if summaries.contains(where: { $0.count(.pending) > 0 }) { statuses.append(.pending) }
        let head = ["iteration", "candidates"] + statuses.map { $0.rawValue.replacingOccurrences(of: "_", with: " ") }
            + ["options chosen", "fastest candidate", "beam best after"]
        var rows: [String] = []
        for summary in summaries {
            var cells = ["<td class=\"num\">\(summary.iteration)</td>", "<td class=\"num\">\(summary.candidates)</td>"]
            for status in statuses {
                let count = summary.count(status)
                cells.append("<td class=\"num status-\(status.rawValue)\(count == 0 ? " zero" : "")\">\(count)</td>")
            }
            var options = summary.options.map { option in
                let title = optionText(option.id).map { " title=\"\(HTMLText.escape($0))\"" } ?? ""
                return "<span class=\"option\"\(title)>\(HTMLText.escape(option.id))</span>" + (option.count > 1 ? " ×\(option.count)" : "")
            }
            if summary.failedPlans > 0 { options.append("<span class=\"missing\">\(summary.failedPlans) without a plan</span>") }
            cells.append("<td class=\"options\">\(options.isEmpty ? "–" : options.joined(separator: ", "))</td>")
            cells.append(summary.fastest.map { "<td><code>\(HTMLText.escape($0.id))</code> \(HTMLText.cycles($0.cycles))</td>" } ?? "<td class=\"missing\">none correct</td>")
            if let best = summary.beamBest {
                cells.append("<td>\(HTMLText.cycles(best.cycles))\(summary.improved ? " <span class=\"badge improved\">improved</span>" : "")</td>")
            } else {
                cells.append("<td class=\"missing\">not finished</td>")
            }
            rows.append("<tr data-iteration=\"\(summary.iteration)\">\(cells.joined())</tr>")
        }
        return """
            <section id="iterations">
            <h2>Iterations</h2>
            <div class="scroll">
            <table class="iterations">
            <thead><tr>\(head.map { "<th>\($0)</th>" }.joined())</tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            </div>
            <p class="note">Duplicates repeat an earlier program (up to comments and whitespace) and are not evaluated again; \
            bad replies held no usable program. Repairs of failed candidates count in the iteration that made them.</p>
            </section>
            """
    }
}
