import Foundation

/// SVG charts drawn from a `BatchSummary` (no libraries, no external resources). Every
/// piece of text from data goes through `HTML.escape`.
public enum SVGCharts {
    /// Colours for teams, in order.
    static let palette = ["#2563eb", "#d97706", "#059669", "#9333ea", "#dc2626", "#0891b2", "#65a30d", "#db2777"]

    static func n(_ d: Double) -> String { String(format: "%.1f", d) }

    /// The colour of a score band.
    static func bandColor(_ score: Double) -> String {
        score < 40 ? "#dc2626" : score < 60 ? "#f97316" : score < 80 ? "#eab308" : "#16a34a"
    }

    /// A histogram of scores in bins of 10.
    public static func histogram(_ bins: [Int]) -> String {
        let w = 640.0, h = 240.0, left = 40.0, bottom = 36.0, top = 16.0
        let maxN = max(1, bins.max() ?? 1)
        let plotH = h - bottom - top, bw = (w - left - 10) / Double(max(1, bins.count))
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(n(w)) \(n(h))\" width=\"\(n(w))\" height=\"\(n(h))\" role=\"img\" aria-labelledby=\"hist-t\"><title id=\"hist-t\">Number of messages by score, in bins of 10</title>"
        // Round tick steps (1, 2, 5, 10, 20, 50, ...), at most 5 of them.
        var step = 1
        var k = 0
        while (maxN + step - 1) / step > 5 { k += 1; step = [1, 2, 5][k % 3] * Int(pow(10, Double(k / 3))) }
        let ceiling = max(step, (maxN + step - 1) / step * step)
        for v in stride(from: 0, through: ceiling, by: step) {
            let y = top + plotH - plotH * Double(v) / Double(ceiling)
            s += "<line x1=\"\(n(left))\" x2=\"\(n(w - 10))\" y1=\"\(n(y))\" y2=\"\(n(y))\" class=\"grid\"/>"
            s += "<text x=\"\(n(left - 6))\" y=\"\(n(y + 4))\" text-anchor=\"end\" class=\"tick\">\(v)</text>"
        }
        for (i, c) in bins.enumerated() {
            let bh = plotH * Double(c) / Double(ceiling)
            let x = left + Double(i) * bw + 3, y = top + plotH - bh
            let label = i == bins.count - 1 ? "\(i * 10)–100" : "\(i * 10)–\(i * 10 + 9)"
            s += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(bw - 6))\" height=\"\(n(bh))\" fill=\"\(bandColor(Double(i * 10)))\"><title>\(label): \(c) messages</title></rect>"
            if c > 0 { s += "<text x=\"\(n(x + (bw - 6) / 2))\" y=\"\(n(y - 4))\" text-anchor=\"middle\" class=\"val\">\(c)</text>" }
            s += "<text x=\"\(n(x + (bw - 6) / 2))\" y=\"\(n(h - bottom + 16))\" text-anchor=\"middle\" class=\"tick\">\(label)</text>"
        }
        s += "<text x=\"\(n((w + left) / 2))\" y=\"\(n(h - 4))\" text-anchor=\"middle\" class=\"axis\">score</text></svg>"
        return s
    }

    /// Mean score per team per ISO week, one line per team plus a dashed line for everyone.
    public static func trend(_ summary: BatchSummary) -> String {
        let weeks = summary.sortedWeeks
        let w = 640.0, h = 260.0, left = 40.0, right = 120.0, top = 16.0, bottom = 40.0
        let plotW = w - left - right, plotH = h - top - bottom
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(n(w)) \(n(h))\" width=\"\(n(w))\" height=\"\(n(h))\" role=\"img\" aria-labelledby=\"trend-t\"><title id=\"trend-t\">Mean score per sender team per ISO week</title>"
        guard !weeks.isEmpty else { return s + "<text x=\"20\" y=\"40\" class=\"axis\">no dated messages</text></svg>" }
        func x(_ i: Int) -> Double { weeks.count == 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(weeks.count - 1) }
        func y(_ v: Double) -> Double { top + plotH - plotH * v / 100 }
        for v in stride(from: 0.0, through: 100, by: 25) {
            s += "<line x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(y(v)))\" y2=\"\(n(y(v)))\" class=\"grid\"/>"
            s += "<text x=\"\(n(left - 6))\" y=\"\(n(y(v) + 4))\" text-anchor=\"end\" class=\"tick\">\(Int(v))</text>"
        }
        // At most about 8 week labels, always including the last.
        let every = max(1, (weeks.count + 7) / 8)
        for (i, wk) in weeks.enumerated() where (weeks.count - 1 - i) % every == 0 {
            s += "<text x=\"\(n(x(i)))\" y=\"\(n(h - bottom + 16))\" text-anchor=\"middle\" class=\"tick\">\(wk.description)</text>"
        }
        var series: [(name: String, color: String, dashed: Bool, values: [Double?])] = []
        for (k, t) in summary.sortedTeams.enumerated() where summary.teamWeeks[t] != nil {
            series.append((t, palette[k % palette.count], false, weeks.map { summary.teamWeeks[t]?[$0]?.mean }))
        }
        series.append(("all", "#6b7280", true, weeks.map { summary.weeks[$0]?.mean }))
        for (k, line) in series.enumerated() {
            var d = "", pen = false
            for (i, v) in line.values.enumerated() {
                guard let v else { pen = false; continue }
                d += "\(pen ? "L" : "M")\(n(x(i))),\(n(y(v))) "
                pen = true
            }
            s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2.5\"\(line.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            for (i, v) in line.values.enumerated() {
                guard let v else { continue }
                s += "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"4\" fill=\"\(line.color)\"><title>\(HTML.escape(line.name)) \(weeks[i].description): \(n(v))</title></circle>"
            }
            let ly = top + 14 + Double(k) * 20
            s += "<line x1=\"\(n(left + plotW + 14))\" x2=\"\(n(left + plotW + 34))\" y1=\"\(n(ly - 4))\" y2=\"\(n(ly - 4))\" stroke=\"\(line.color)\" stroke-width=\"2.5\"\(line.dashed ? " stroke-dasharray=\"6 4\"" : "")/>"
            s += "<text x=\"\(n(left + plotW + 40))\" y=\"\(n(ly))\" class=\"legend\">\(HTML.escape(String(line.name.prefix(14))))</text>"
        }
        s += "<text x=\"\(n(left + plotW / 2))\" y=\"\(n(h - 4))\" text-anchor=\"middle\" class=\"axis\">ISO week (mean score, 0–100)</text></svg>"
        return s
    }

    /// Horizontal bars of the most frequent rules.
    public static func topRules(_ rules: [RuleStats]) -> String {
        let rows = Array(rules.prefix(10))
        let w = 640.0, labelW = 230.0, rowH = 24.0, top = 8.0
        let h = top * 2 + rowH * Double(max(1, rows.count))
        let maxN = max(1, rows.map(\.findings).max() ?? 1)
        var s = "<svg class=\"chart\" viewBox=\"0 0 \(n(w)) \(n(h))\" width=\"\(n(w))\" height=\"\(n(h))\" role=\"img\" aria-labelledby=\"rules-t\"><title id=\"rules-t\">Findings per rule, most frequent first</title>"
        if rows.isEmpty { return s + "<text x=\"20\" y=\"24\" class=\"axis\">no findings</text></svg>" }
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * rowH
            let bw = (w - labelW - 50) * Double(r.findings) / Double(maxN)
            let color = r.severity == .error ? "#dc2626" : r.severity == .warning ? "#f59e0b" : "#0ea5e9"
            s += "<text x=\"\(n(labelW - 8))\" y=\"\(n(y + 16))\" text-anchor=\"end\" class=\"tick\">\(HTML.escape(String(r.ruleID.prefix(34))))</text>"
            s += "<rect x=\"\(n(labelW))\" y=\"\(n(y + 4))\" width=\"\(n(max(1, bw)))\" height=\"\(n(rowH - 8))\" fill=\"\(color)\"><title>\(HTML.escape(r.ruleID)): \(r.findings) findings in \(r.messages) messages</title></rect>"
            s += "<text x=\"\(n(labelW + bw + 6))\" y=\"\(n(y + 16))\" class=\"val\">\(r.findings)</text>"
        }
        return s + "</svg>"
    }
}
