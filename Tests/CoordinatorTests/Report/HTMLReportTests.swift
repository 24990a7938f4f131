import Coordinator
import Foundation
import Testing

/// The page rendered from the synthetic run: its chart, tree, tables, escaping, and that it
/// needs nothing from outside.
@Suite struct HTMLReportTests {
    static func page(inProgress: Bool = false) throws -> String {
        let directory = try ReportFixture.makeRun(inProgress: inProgress)
        defer { try? FileManager.default.removeItem(at: directory) }
        return HTMLReport.render(try RunReport.load(directory: directory))
    }

    static func svg(_ html: String) throws -> String {
        let start = try #require(html.range(of: "<svg"))
        let end = try #require(html.range(of: "</svg>"))
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// Attribute values of the elements whose start tag matches `prefix`, in document order.
    static func attribute(_ name: String, ofTagsStartingWith prefix: String, in text: String) -> [String] {
        var values: [String] = []
        var rest = text[...]
        while let range = rest.range(of: prefix) {
            let tagEnd = rest[range.upperBound...].firstIndex(of: ">") ?? rest.endIndex
            let tag = rest[range.lowerBound..<tagEnd]
            if let attribute = tag.range(of: " \(name)=\"") {
                let valueEnd = tag[attribute.upperBound...].firstIndex(of: "\"")!
                values.append(String(tag[attribute.upperBound..<valueEnd]))
            }
            rest = rest[tagEnd...]
        }
        return values
    }

    @Test func chartHasOneBestPointPerIterationAndAStepLine() throws {
        let svg = try Self.svg(try Self.page())
        let points = "<circle class=\"best-point\""
        #expect(Self.attribute("data-iteration", ofTagsStartingWith: points, in: svg) == ["0", "1", "2", "3"])
        // Lower cycles are drawn lower on the page: y grows as the best gets faster.
        let heights = Self.attribute("cy", ofTagsStartingWith: points, in: svg).compactMap(Double.init)
        #expect(heights.count == 4 && heights == heights.sorted() && Set(heights).count == 4, "\(heights)")
        let xs = Self.attribute("cx", ofTagsStartingWith: points, in: svg).compactMap(Double.init)
        #expect(xs == xs.sorted() && Set(xs).count == 4, "\(xs)")
        // One step (across, then down) per iteration after the first.
        let path = try #require(Self.attribute("d", ofTagsStartingWith: "<path class=\"best-line\"", in: svg).first)
        #expect(path.filter { $0 == "H" }.count == 3 && path.filter { $0 == "V" }.count == 3, "\(path)")
        #expect(path.hasPrefix("M\(HTMLTextNumber(xs[0])) \(HTMLTextNumber(heights[0]))"), "\(path)")
    }

    @Test func chartHasEveryCorrectCandidateAndTheBaselines() throws {
        let svg = try Self.svg(try Self.page())
        // start, two correct in iteration 1, two in 2, one in 3 (the legend's dot has no tooltip).
        let dots = svg.components(separatedBy: "<circle class=\"candidate-point\"").dropFirst().filter { $0.contains("><title>") }
        #expect(dots.count == 6)
        #expect(svg.contains("<title>i2-b1-p0-c0: 70,000 cycles</title>"))
        #expect(!svg.contains("i1-b0-p0-c1"), "an incorrect candidate is not drawn")

        let names = Self.attribute("data-name", ofTagsStartingWith: "<line class=\"reference-line", in: svg)
        #expect(names.sorted() == ["hardware-loop", "library"])
        let ys = Dictionary(uniqueKeysWithValues: zip(names, Self.attribute("y1", ofTagsStartingWith: "<line class=\"reference-line", in: svg).compactMap(Double.init)))
        let best = Self.attribute("cy", ofTagsStartingWith: "<circle class=\"best-point\"", in: svg).compactMap(Double.init)
        // library (150,000) above the start (100,000) above the best (25,000) above the hardware loop (20,000).
        #expect(ys["library"]! < best[0] && best[3] < ys["hardware-loop"]!, "\(ys) \(best)")
        #expect(svg.contains(">software library 150k</text>") && svg.contains(">hardware loop 20k</text>"))
        // 20,000 to 150,000 spans more than 5x: logarithmic, with labelled ticks.
        #expect(svg.contains("cycles (log scale)"))
        for label in [">20k<", ">50k<", ">100k<"] { #expect(svg.contains(label), "tick \(label)") }
        for label in [">0<", ">1<", ">2<", ">3<", "iteration"] { #expect(svg.contains(label), "x axis \(label)") }
    }

    @Test func treeNestsEveryBeamMemberUnderItsParent() throws {
        let html = try Self.page()
        var stack: [String] = []
        var parents: [String: String] = [:]
        var classes: [String: String] = [:]
        for match in html.matches(of: /<li class="([^"]*)" data-node="([^"]*)">|<\/li>/) {
            if let id = match.output.2 {
                parents[String(id)] = stack.last ?? "-"
                classes[String(id)] = String(match.output.1!)
                stack.append(String(id))
            } else {
                #expect(stack.popLast() != nil, "a </li> without its <li>")
            }
        }
        #expect(stack.isEmpty, "unclosed nodes: \(stack)")
        #expect(parents == [
            "start": "-", "i1-b0-p0-c0": "start", "i1-b0-p1-c0": "start", "i2-b0-p0-c0": "i1-b0-p0-c0", "i3-b0-p0-c0": "i2-b0-p0-c0",
        ])
        #expect(classes["i3-b0-p0-c0"] == "node best-path final-beam")
        #expect(classes["i2-b0-p0-c0"] == "node best-path final-beam")
        #expect(classes["i1-b0-p0-c0"] == "node best-path")
        #expect(classes["i1-b0-p1-c0"] == "node")
        #expect(classes["start"] == "node best-path")
    }

    @Test func treeNodesShowOptionCyclesSpeedupPlanAndCode() throws {
        let html = try Self.page()
        let start = try #require(html.range(of: "data-node=\"i3-b0-p0-c0\">"))
        let node = try #require(html[start.upperBound...].components(separatedBy: "</li>").first)
        #expect(node.contains("<span class=\"node-id\">i3-b0-p0-c0</span>"))
        #expect(node.contains(">unroll</span>") && node.contains("25,000 cycles") && node.contains("1.20× over parent"), "\(node)")
        #expect(node.contains("<span class=\"badge best\">best</span>") && node.contains("final beam"))
        #expect(node.contains("Unroll the inner loop twice.") && node.contains("/* i3-b0-p0-c0 */"))
        #expect(node.contains("utilization 40.0%") && node.contains("4.00× over the starting code"))
    }

    @Test func everyTextFromTheRunIsEscaped() throws {
        let html = try Self.page()
        #expect(!html.contains("</script><b>&"))
        #expect(!html.contains("<b>") && !html.contains("<script") && !html.contains("<scratchpad>"))
        #expect(html.contains("// &lt;/script&gt;&lt;b&gt;&amp;amp; &quot;quoted&quot; &#39;single&#39;"))
        #expect(html.contains("if (a[0] &lt; 1 &amp;&amp; a[1] &gt; 2)"))
        #expect(html.contains("Use tiles &lt; 64 &amp; keep &quot;A&quot; in &lt;scratchpad&gt;"))
    }

    @Test func pageIsSelfContained() throws {
        let html = try Self.page()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["http://", "https://", "src=", "<link", "@import", "url(", "<script", "<iframe", "<object"] {
            #expect(!html.contains(forbidden), "the page references \(forbidden)")
        }
        #expect(html.contains("<style>") && html.contains("<svg class=\"chart\""))
    }

    @Test func headerAndSummaryShowSettingsUsageAndBaselines() throws {
        let html = try Self.page()
        #expect(html.contains("<code>gemm-synthetic</code>") && html.contains("<code>int8_16x16</code> (16×16 array)"))
        #expect(html.contains("2 entries, 2 plans each, 2 codes per plan") && html.contains("3 configured, 3 finished"))
        #expect(html.contains("kept with probability 0.3") && html.contains("seed 7"))
        #expect(html.contains("<code>openai::gpt-4o</code>") && html.contains("1 min 23 s"))
        // 7 plans (1,000 + 200 tokens, $0.02 each) and 12 agent-written candidates (500 + 100, $0.01).
        #expect(html.contains("19 calls (0 from the cache), 13,000 input and 2,600 output tokens, $0.26"))
        let summary = try #require(html.components(separatedBy: "<section id=\"summary\">").last?.components(separatedBy: "</section>").first)
        #expect(summary.contains("<tr><th>starting code</th><td class=\"num\">100,000</td><td class=\"num\">10.0%</td><td class=\"num\">1.00×</td></tr>"))
        #expect(summary.contains("<tr><th>software library</th><td class=\"num\">150,000</td><td class=\"num\">6.7%</td><td class=\"num\">0.67×</td></tr>"))
        #expect(summary.contains("<tr><th>hardware loop</th><td class=\"num\">20,000</td><td class=\"num\">50.0%</td><td class=\"num\">5.00×</td></tr>"))
        #expect(summary.contains("best found <code>i3-b0-p0-c0</code></th><td class=\"num\">25,000</td><td class=\"num\">40.0%</td><td class=\"num\">4.00×</td>"))
        #expect(summary.contains("1.25× slower than the hardware loop"))
    }

    @Test func iterationTableCountsStatusesAndOptions() throws {
        let html = try Self.page()
        func row(_ iteration: Int) throws -> String {
            let start = try #require(html.range(of: "<tr data-iteration=\"\(iteration)\">"))
            return String(html[start.upperBound...].split(separator: "</tr>", maxSplits: 1)[0])
        }
        func counts(_ row: String) -> [String] {
            row.matches(of: /<td class="num[^"]*">(\d+)<\/td>/).map { String($0.output.1) }
        }
        // iteration, candidates, correct, incorrect, compile_error, timeout, crash, rejected, bad_reply, duplicate
        #expect(counts(try row(1)) == ["1", "4", "2", "1", "1", "0", "0", "0", "0", "0"])
        #expect(counts(try row(2)) == ["2", "4", "2", "0", "0", "1", "0", "0", "0", "1"])
        #expect(counts(try row(3)) == ["3", "4", "1", "0", "0", "0", "1", "1", "1", "0"])
        #expect(try row(1).contains(">tiling</span>, <span class=\"option\" title=\"loop unrolling\">unroll</span>"))
        #expect(try row(3).contains("1 without a plan"))
        #expect(try row(2).contains("<code>i2-b0-p0-c0</code> 30,000") && row(2).contains("improved"))
    }

    @Test func runInProgressShowsItsUnfinishedIteration() throws {
        let html = try Self.page(inProgress: true)
        let svg = try Self.svg(html)
        #expect(svg.components(separatedBy: "<circle class=\"best-point\"").count - 1 == 4, "no best point for the unfinished iteration")
        #expect(svg.contains(">4</text>"), "the x axis reaches iteration 4")
        let start = try #require(html.range(of: "<tr data-iteration=\"4\">"))
        let row = String(html[start.upperBound...].split(separator: "</tr>", maxSplits: 1)[0])
        #expect(row.contains("not finished") && row.contains("status-pending"), "\(row)")
        #expect(html.contains("<th>pending</th>"))
    }
}

/// The chart's coordinate format (two decimals at most).
private func HTMLTextNumber(_ value: Double) -> String {
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text
}
