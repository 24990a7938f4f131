import Foundation

/// What the cycles chart shows: the best cycles after each iteration (a step line), every
/// evaluated correct candidate (a dot at its iteration) and the baselines (horizontal lines).
struct CyclesChart: Sendable {
    struct Point: Sendable {
        var iteration: Int
        var id: String
        var cycles: UInt64
    }

    struct Reference: Sendable {
        /// A CSS-safe key (`library`, `hardware_loop`).
        var name: String
        var label: String
        var cycles: UInt64
    }

    var best: [Point]
    var points: [Point]
    var references: [Reference]
    /// The last iteration on the x axis.
    var lastIteration: Int

    var yScale: ChartScale {
        ChartScale.forValues((best + points).map { Double($0.cycles) } + references.map { Double($0.cycles) })
    }
}

/// Draws a `CyclesChart` as inline SVG (no external assets, no script): axes with ticks and
/// labels, grid lines, the step line of the best cycles with a marker per iteration, the
/// candidates as dots spread across their iteration's column, the reference lines, a legend,
/// and a tooltip (`<title>`) on every marker.
enum SVGChart {
    static let width = 760.0, height = 400.0
    static let left = 78.0, right = 24.0, top = 40.0, bottom = 52.0

    static func render(_ chart: CyclesChart) -> String {
        let x = ChartScale.iterations(through: chart.lastIteration)
        let y = chart.yScale
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ value: Double) -> Double { left + x.fraction(value) * plotWidth }
        func py(_ cycles: Double) -> Double { top + (1 - y.fraction(cycles)) * plotHeight }
        let n = HTMLText.number
        var svg: [String] = []
        let description = "Best cycles per iteration" + (y.kind == .logarithmic ? " (log scale)" : "")
        svg.append("<svg class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(description))\">")

        // Grid and axes.
        svg.append("<g class=\"grid\">")
        for tick in y.ticks {
            svg.append("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\"/>")
        }
        svg.append("</g>")
        svg.append("<g class=\"axis y-axis\">")
        svg.append("<line x1=\"\(n(left))\" x2=\"\(n(left))\" y1=\"\(n(top))\" y2=\"\(n(top + plotHeight))\"/>")
        for tick in y.ticks {
            svg.append("<line x1=\"\(n(left - 5))\" x2=\"\(n(left))\" y1=\"\(n(py(tick)))\" y2=\"\(n(py(tick)))\"/>")
            svg.append("<text class=\"tick-label\" x=\"\(n(left - 8))\" y=\"\(n(py(tick) + 4))\" text-anchor=\"end\">\(HTMLText.compact(tick))</text>")
        }
        let yTitle = "cycles" + (y.kind == .logarithmic ? " (log scale)" : "")
        svg.append("<text class=\"axis-title\" transform=\"translate(16 \(n(top + plotHeight / 2))) rotate(-90)\" text-anchor=\"middle\">\(yTitle)</text>")
        svg.append("</g>")
        svg.append("<g class=\"axis x-axis\">")
        svg.append("<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(top + plotHeight))\" y2=\"\(n(top + plotHeight))\"/>")
        for tick in x.ticks {
            svg.append("<line x1=\"\(n(px(tick)))\" x2=\"\(n(px(tick)))\" y1=\"\(n(top + plotHeight))\" y2=\"\(n(top + plotHeight + 5))\"/>")
            svg.append("<text class=\"tick-label\" x=\"\(n(px(tick)))\" y=\"\(n(top + plotHeight + 19))\" text-anchor=\"middle\">\(Int(tick))</text>")
        }
        svg.append("<text class=\"axis-title\" x=\"\(n(left + plotWidth / 2))\" y=\"\(n(height - 10))\" text-anchor=\"middle\">iteration</text>")
        svg.append("</g>")

        // Reference lines, labels on the right unless two would overlap.
        svg.append("<g class=\"references\">")
        var lastLabelY: Double?
        for reference in chart.references.sorted(by: { $0.cycles > $1.cycles }) {
            let lineY = py(Double(reference.cycles))
            let crowded = lastLabelY.map { abs($0 - lineY) < 14 } ?? false
            let labelX = crowded ? left + 6 : width - right - 6
            svg.append("<line class=\"reference-line ref-\(reference.name)\" data-name=\"\(reference.name)\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(lineY))\" y2=\"\(n(lineY))\"><title>\(HTMLText.escape(reference.label)): \(HTMLText.cycles(reference.cycles)) cycles</title></line>")
            svg.append("<text class=\"reference-label ref-\(reference.name)\" x=\"\(n(labelX))\" y=\"\(n(lineY - 5))\" text-anchor=\"\(crowded ? "start" : "end")\">\(HTMLText.escape(reference.label)) \(HTMLText.compact(Double(reference.cycles)))</text>")
            lastLabelY = crowded ? nil : lineY
        }
        svg.append("</g>")

        // Candidates, spread across their iteration's column in creation order.
        svg.append("<g class=\"candidates\">")
        let byIteration = Dictionary(grouping: chart.points, by: \.iteration)
        for iteration in byIteration.keys.sorted() {
            let column = byIteration[iteration]!
            for (index, point) in column.enumerated() {
                let offset = column.count == 1 ? 0 : -0.3 + 0.6 * Double(index) / Double(column.count - 1)
                svg.append("<circle class=\"candidate-point\" cx=\"\(n(px(Double(iteration) + offset)))\" cy=\"\(n(py(Double(point.cycles))))\" r=\"3\"><title>\(HTMLText.escape(point.id)): \(HTMLText.cycles(point.cycles)) cycles</title></circle>")
            }
        }
        svg.append("</g>")

        // The best so far: a step line down at each improving iteration, a marker per iteration.
        if let first = chart.best.first {
            var path = "M\(n(px(Double(first.iteration)))) \(n(py(Double(first.cycles))))"
            for point in chart.best.dropFirst() {
                path += " H\(n(px(Double(point.iteration)))) V\(n(py(Double(point.cycles))))"
            }
            svg.append("<path class=\"best-line\" d=\"\(path)\"/>")
            svg.append("<g class=\"best-points\">")
            for point in chart.best {
                svg.append("<circle class=\"best-point\" data-iteration=\"\(point.iteration)\" cx=\"\(n(px(Double(point.iteration))))\" cy=\"\(n(py(Double(point.cycles))))\" r=\"4.5\"><title>after iteration \(point.iteration): \(HTMLText.escape(point.id)), \(HTMLText.cycles(point.cycles)) cycles</title></circle>")
            }
            svg.append("</g>")
        }

        // Legend.
        svg.append("<g class=\"legend\">")
        var legendX = left
        func entry(_ mark: String, _ text: String) {
            svg.append(mark)
            svg.append("<text x=\"\(n(legendX + 24))\" y=\"18\">\(HTMLText.escape(text))</text>")
            legendX += 34 + Double(text.count) * 6.6
        }
        entry("<line class=\"best-line\" x1=\"\(n(legendX))\" x2=\"\(n(legendX + 18))\" y1=\"14\" y2=\"14\"/>", "best so far")
        entry("<circle class=\"candidate-point\" cx=\"\(n(legendX + 9))\" cy=\"14\" r=\"3\"/>", "correct candidate")
        for reference in chart.references {
            entry("<line class=\"reference-line ref-\(reference.name)\" x1=\"\(n(legendX))\" x2=\"\(n(legendX + 18))\" y1=\"14\" y2=\"14\"/>", reference.label)
        }
        svg.append("</g>")
        svg.append("</svg>")
        return svg.joined(separator: "\n")
    }
}

extension RunReport {
    /// The chart's data: the beam's best per iteration, the correct candidates, and the
    /// library and hardware-loop baselines that ran correctly.
    var cyclesChart: CyclesChart {
        let references: [CyclesChart.Reference] = [("library", "software library"), ("hardware_loop", "hardware loop")].compactMap { name, label in
            guard let outcome = baselines[name], outcome.status == .correct, let cycles = outcome.cycles else { return nil }
            return CyclesChart.Reference(name: name.replacingOccurrences(of: "_", with: "-"), label: label, cycles: cycles)
        }
        return CyclesChart(
            best: bestPerIteration.map { CyclesChart.Point(iteration: $0.iteration, id: $0.id, cycles: $0.cycles) },
            points: evaluatedPoints.map { CyclesChart.Point(iteration: $0.iteration, id: $0.id, cycles: $0.cycles) },
            references: references, lastIteration: lastIteration)
    }
}
