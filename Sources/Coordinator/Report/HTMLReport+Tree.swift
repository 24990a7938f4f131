extension HTMLReport {
    /// The beam tree as nested lists: each node an `<li data-node="ID">` whose `<details>`
    /// holds its plan and code, and whose children follow in a nested `<ul>`.
    static func tree(_ report: RunReport) -> String {
        let tree = report.beamTree
        let body = tree.roots.isEmpty
            ? "<p class=\"missing\">No beam recorded yet.</p>"
            : "<ul class=\"tree\">\n" + tree.roots.map { node(report, $0) }.joined(separator: "\n") + "\n</ul>"
        return """
            <section id="tree">
            <h2>Beam tree</h2>
            <p class="note">Every program that was ever in a beam, with its ancestry from the starting code (\(tree.nodeCount) \
            program\(tree.nodeCount == 1 ? "" : "s")). Each shows the menu option its plan chose, its cycles and its speedup over its \
            parent; <span class="badge best">best path</span> marks the way to the best program, \
            <span class="badge final">final beam</span> the programs in the last beam. Open a node for its plan and code.</p>
            \(body)
            </section>
            """
    }

    static func node(_ report: RunReport, _ node: BeamTree.Node) -> String {
        let candidate = node.candidate
        var classes = ["node"]
        if node.onBestPath { classes.append("best-path") }
        if node.inFinalBeam { classes.append("final-beam") }
        var summary = ["<span class=\"node-id\">\(HTMLText.escape(candidate.id))</span>"]
        if candidate.parentID == nil {
            summary.append("<span class=\"option\">starting code</span>")
        } else if let option = candidate.optionID {
            let text = Self.optionText(option)
            summary.append("<span class=\"option\"\(text.map { " title=\"\(HTMLText.escape($0))\"" } ?? "")>\(HTMLText.escape(option))</span>")
        } else {
            summary.append("<span class=\"option\">no option</span>")
        }
        if let cycles = candidate.cycles {
            summary.append("<span class=\"cycles\">\(HTMLText.cycles(cycles)) cycles</span>")
        } else {
            summary.append("<span class=\"cycles missing\">\(HTMLText.escape(candidate.outcome.status.rawValue))</span>")
        }
        if let speedup = node.speedupOverParent { summary.append("<span class=\"speedup\">\(HTMLText.speedup(speedup)) over parent</span>") }
        if node.onBestPath && node.children.allSatisfy({ !$0.onBestPath }) { summary.append("<span class=\"badge best\">best</span>") }
        else if node.onBestPath { summary.append("<span class=\"badge best\">best path</span>") }
        if node.inFinalBeam { summary.append("<span class=\"badge final\">final beam</span>") }

        var facts = ["iteration \(candidate.iteration)", "model <code>\(HTMLText.escape(candidate.model))</code>"]
        if let repair = candidate.id.firstMatch(of: /-r(\d+)$/) { facts.append("repair attempt \(repair.1) of a failed coding") }
        if !node.beamIterations.isEmpty {
            facts.append("in the beam after iteration\(node.beamIterations.count == 1 ? "" : "s") " + node.beamIterations.map(String.init).joined(separator: ", "))
        }
        if let cycles = candidate.cycles {
            if let utilization = report.utilization(cycles: cycles) { facts.append("utilization " + HTMLText.percent(utilization)) }
            if let speedup = report.speedup(cycles: cycles) { facts.append(HTMLText.speedup(speedup) + " over the starting code") }
        }
        var body = ["<p class=\"meta\">\(facts.joined(separator: " · "))</p>"]
        if let option = candidate.optionID, let text = Self.optionText(option) {
            body.append("<p class=\"meta\">option: \(HTMLText.escape(text))</p>")
        }
        if let planID = candidate.planID {
            if let plan = report.plan(planID), let text = plan.plan {
                body.append("<h4>Plan <code>\(HTMLText.escape(planID))</code> (\(HTMLText.escape(plan.model)))</h4>\n<pre class=\"plan\">\(HTMLText.escape(text))</pre>")
            } else {
                body.append("<p class=\"missing\">plan <code>\(HTMLText.escape(planID))</code> not recorded</p>")
            }
        } else if candidate.parentID != nil {
            body.append("<p class=\"meta\">no separate plan (planned and coded in one request)</p>")
        }
        body.append("<h4>Code</h4>\n<pre class=\"code\">\(HTMLText.escape(candidate.code))</pre>")

        var html = "<li class=\"\(classes.joined(separator: " "))\" data-node=\"\(HTMLText.escape(candidate.id))\">\n"
        html += "<details><summary>\(summary.joined(separator: " "))</summary>\n<div class=\"node-body\">\n\(body.joined(separator: "\n"))\n</div></details>\n"
        if !node.children.isEmpty {
            html += "<ul>\n" + node.children.map { Self.node(report, $0) }.joined(separator: "\n") + "\n</ul>\n"
        }
        return html + "</li>"
    }

    /// The menu's wording of an option id (either menu; shared ids have the same wording).
    static func optionText(_ id: String) -> String? {
        OptimizationMenu.gemmConv.option(id)?.text ?? OptimizationMenu.tinympc.option(id)?.text
    }
}
