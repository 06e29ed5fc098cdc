import Foundation

/// Renders a `BatchSummary` as plain text for a terminal.
public enum SummaryTextRenderer {
    /// The summary as aligned plain-text sections.
    public static func render(_ s: BatchSummary) -> String {
        var out = "tonecheck report\n================\n"
        let mean = s.overall.mean.map { fmt($0) } ?? "-"
        out += "\(HTMLReportRenderer.plural(s.messages, "message")) from \(HTMLReportRenderer.plural(s.senderCount, "sender")); mean score \(mean)"
        if s.unreadable > 0 { out += "; \(s.unreadable) unreadable" }
        if s.undated > 0 { out += "; \(s.undated) undated" }
        out += "\n"
        if let first = s.sortedWeeks.first, let last = s.sortedWeeks.last {
            out += "weeks \(first) to \(last)\n"
        }
        for c in s.latestChanges {
            out += "change \(c.previous) → \(c.week)\(c.team.map { " (\($0))" } ?? ""): \(fmt(c.previousMean)) → \(fmt(c.mean)) (\(signed(c.delta)))\n"
        }

        out += section("Score distribution")
        let maxBin = max(1, s.histogram.max() ?? 1)
        for (i, n) in s.histogram.enumerated() {
            let label = i == 9 ? " 90-100" : String(format: "%3d-%-3d", i * 10, i * 10 + 9)
            out += "\(label) \(String(repeating: "#", count: (n * 40 + maxBin - 1) / maxBin)) \(n)\n"
        }

        out += section("By sender team")
        out += table(["team", "messages", "mean", "lowest", "errors", "warnings"],
                     s.sortedTeams.compactMap { t in s.teams[t].map { [t] + cells($0) } })
        out += section("By recipient team")
        out += table(["team", "messages", "mean", "lowest", "errors", "warnings"],
                     s.sortedTeams.compactMap { t in s.recipientTeams[t].map { [t] + cells($0) } })
        out += section("By ISO week")
        out += table(["week", "from", "messages", "mean", "change", "lowest", "errors", "warnings"],
                     s.weeklyDeltas.map { w in
                         [w.week.description, w.week.mondayString, String(w.stats.messages), w.stats.mean.map(fmt) ?? "-", w.delta.map(signed) ?? "", fmt(w.stats.minScore), String(w.stats.errors), String(w.stats.warnings)]
                     })
        if s.sortedWeeks.count > 1 {
            out += section("Team by week (mean score)")
            let ws = s.sortedWeeks
            out += table(["team"] + ws.map(\.description), s.sortedTeams.compactMap { t in
                guard let tw = s.teamWeeks[t] else { return nil }
                return [t] + ws.map { tw[$0]?.mean.map(fmt) ?? "-" }
            })
        }
        out += section("By sender (lowest mean first)")
        out += table(["sender", "team", "messages", "mean", "lowest", "errors", "warnings"],
                     s.sendersByScore.prefix(s.options.senderLimit).map { a, st in
                         [a, s.options.teams.team(of: a)] + cells(st)
                     })
        out += section("Most frequent rules")
        out += table(["rule", "severity", "findings", "messages"], s.topRules.prefix(15).map {
            [$0.ruleID, $0.severity.rawValue, String($0.findings), String($0.messages)]
        })
        out += section("Demands with unreasonable lead times (\(s.demandCount))")
        if s.demands.isEmpty { out += "none\n" }
        for d in s.demands {
            out += "\(d.date.isEmpty ? "(undated)" : d.date)  \(clean(d.from ?? "(unknown)"))  \(clean(d.subject ?? ""))\n    [\(d.finding.ruleID)] \(clean(d.finding.message)): \"\(clean(d.finding.match))\"\n"
        }
        if s.demandCount > s.demands.count { out += "... and \(s.demandCount - s.demands.count) more\n" }
        out += section("Worst messages")
        if s.worst.isEmpty { out += "none\n" }
        for (i, m) in s.worst.enumerated() {
            out += "\(i + 1). \(fmt(m.score ?? 0)) \(m.label)  \(clean(m.subject ?? "(no subject)"))\n"
            out += "   \(clean(m.from ?? "(unknown sender)"))\(m.dateString.isEmpty ? "" : "  " + m.dateString)  [\(clean(m.id))]\n"
            for f in m.topFindings {
                out += "   - \(f.severity.rawValue): \(clean(f.message))\(f.message.contains(f.match) ? "" : " \"\(clean(f.match))\"") [\(f.ruleID)]\n"
            }
        }
        return out
    }

    static func section(_ title: String) -> String { "\n\(title)\n\(String(repeating: "-", count: title.count))\n" }

    static func cells(_ g: GroupStats) -> [String] {
        [String(g.messages), g.mean.map(fmt) ?? "-", g.messages > 0 ? fmt(g.minScore) : "-", String(g.errors), String(g.warnings)]
    }

    /// Removes control characters (escape sequences in message text must not reach the terminal).
    static func clean(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) ? " " : $0 }))
    }

    static func fmt(_ d: Double) -> String { d.isFinite ? String(format: "%.1f", d) : "-" }
    static func signed(_ d: Double) -> String { String(format: "%+.1f", d) }

    /// Left-aligned first column, right-aligned numbers.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        if rows.isEmpty { return "none\n" }
        let all = [header] + rows.map { $0.map(clean) }
        var widths = [Int](repeating: 0, count: header.count)
        for r in all { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        var out = ""
        for r in all {
            var line = ""
            for (i, c) in r.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                line += i == 0 ? c + pad : "  " + pad + c
            }
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
