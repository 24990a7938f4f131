/// The report page's stylesheet (inlined; the page loads nothing).
enum ReportStyle {
    static let css = """
        :root { --best: #1f6feb; --library: #cf222e; --loop: #1a7f37; --muted: #6e7781; --line: #d0d7de; --final: #8250df; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0 auto; padding: 16px 24px 40px; max-width: 1180px; }
        h1 { font-size: 22px; margin: 8px 0 12px; }
        h2 { font-size: 18px; margin: 28px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h4 { margin: 10px 0 4px; font-size: 13px; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
        pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow: auto; max-height: 480px; margin: 4px 0; white-space: pre; }
        pre.plan { white-space: pre-wrap; }
        table { border-collapse: collapse; }
        th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        thead th { background: #f6f8fa; font-weight: 600; }
        table.facts th { color: var(--muted); font-weight: normal; white-space: nowrap; }
        table.facts th, table.facts td { border: none; padding: 2px 12px 2px 0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.best-row th, tr.best-row td { font-weight: 600; background: #ddf4ff; }
        .missing { color: var(--muted); font-style: italic; }
        .note { color: var(--muted); font-size: 13px; }
        .zero { color: #c0c5cb; }
        .status-correct:not(.zero) { color: var(--loop); }
        .status-incorrect:not(.zero), .status-compile_error:not(.zero), .status-crash:not(.zero), .status-timeout:not(.zero) { color: var(--library); }
        .scroll { overflow-x: auto; }
        table.iterations td.options { max-width: 360px; }
        .badge { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 6px; border-radius: 8px; color: #fff; font-style: normal; }
        .badge.best { background: var(--best); }
        .badge.final { background: var(--final); }
        .badge.improved { background: var(--loop); }
        figure { margin: 0; }
        figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
        svg.chart { width: 100%; max-width: 900px; height: auto; display: block; font-size: 11px; }
        svg.chart .grid line { stroke: #eaeef2; }
        svg.chart .axis line { stroke: #57606a; }
        svg.chart .tick-label { fill: #57606a; }
        svg.chart .axis-title { fill: #1f2328; font-size: 12px; }
        svg.chart .best-line { fill: none; stroke: var(--best); stroke-width: 2.2; }
        svg.chart .best-point { fill: var(--best); stroke: #fff; stroke-width: 1.2; }
        svg.chart .candidate-point { fill: #8c959f; fill-opacity: 0.55; stroke: #57606a; stroke-opacity: 0.5; }
        svg.chart .reference-line { stroke-width: 1.5; stroke-dasharray: 6 4; }
        svg.chart .reference-line.ref-library { stroke: var(--library); }
        svg.chart .reference-line.ref-hardware-loop { stroke: var(--loop); }
        svg.chart .reference-label.ref-library { fill: var(--library); }
        svg.chart .reference-label.ref-hardware-loop { fill: var(--loop); }
        svg.chart .legend text { fill: #1f2328; }
        ul.tree, ul.tree ul { list-style: none; margin: 0; padding-left: 22px; }
        ul.tree { padding-left: 0; }
        ul.tree ul { border-left: 1px solid var(--line); margin-left: 8px; }
        ul.tree li { margin: 3px 0; }
        ul.tree summary { cursor: pointer; padding: 2px 6px; border-radius: 5px; }
        ul.tree summary:hover { background: #f6f8fa; }
        ul.tree .node-id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; }
        ul.tree .option { color: #0550ae; }
        ul.tree .cycles { font-variant-numeric: tabular-nums; }
        ul.tree .speedup { color: var(--muted); }
        ul.tree li.best-path > details > summary { background: #ddf4ff; border-left: 3px solid var(--best); }
        .node-body { margin: 2px 0 8px 18px; padding-left: 10px; border-left: 2px solid #eaeef2; }
        .meta { color: var(--muted); margin: 4px 0; }
        details.code-block > summary { cursor: pointer; color: #0550ae; }
        footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
        """
}
