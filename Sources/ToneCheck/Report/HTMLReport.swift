import Foundation

/// HTML escaping for text and attribute values.
public enum HTML {
    /// `s` with `& < > " '` replaced by entities, so it is text in any element or quoted attribute.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// Renders a `BatchSummary` as one self-contained HTML page: inline CSS, SVG charts drawn
/// here, sortable tables (a small inline script allowed by a content security policy
/// nonce; nothing is loaded from anywhere), and each worst message expandable with its
/// findings highlighted. Every piece of message text is escaped.
public enum HTMLReportRenderer {
    /// Renders the page. `nonce` authorises the page's one script (random when nil);
    /// `title` heads the page.
    public static func render(_ s: BatchSummary, title: String = "tonecheck report", nonce: String? = nil, generated: Date? = nil) -> String {
        let nonce = nonce ?? String(UInt64.random(in: 0...UInt64.max), radix: 36) + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let e = HTML.escape
        var h = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'nonce-\(nonce)'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="tonecheck \(toneCheckVersion)">
            <title>\(e(title))</title>
            <style>\(css)</style>
            </head>
            <body>
            <header><h1>\(e(title))</h1>
            """
        var sub = "\(plural(s.messages, "message")) from \(plural(s.senderCount, "sender"))"
        if let a = s.sortedWeeks.first, let b = s.sortedWeeks.last {
            sub += a == b ? ", week \(a) (from \(a.mondayString))" : ", weeks \(a) to \(b) (\(a.mondayString) to \(ISOWeek.civilString(b.mondayDay + 6)))"
        }
        if let g = generated { sub += " · generated \(ISO8601.string(g, offset: nil))" }
        h += "<p class=\"sub\">\(e(sub)) · tonecheck \(toneCheckVersion)</p></header>\n<main>\n"

        // Headline cards.
        h += "<section class=\"cards\" aria-label=\"summary\">"
        h += card("Messages", String(s.messages), s.unreadable > 0 ? "\(s.unreadable) unreadable" : "all readable")
        h += card("Senders", String(s.senderCount), "\(s.teams.count) teams")
        h += card("Mean score", s.overall.mean.map(fmt) ?? "–", s.overall.messages > 0 ? "lowest \(fmt(s.overall.minScore))" : "", color: s.overall.mean.map(SVGCharts.bandColor))
        if let c = s.latestChanges.first(where: { $0.team == nil }) {
            h += card("Change vs previous week", signed(c.delta), "\(c.previous) \(fmt(c.previousMean)) → \(c.week) \(fmt(c.mean))", color: c.delta < 0 ? "#dc2626" : "#16a34a")
        } else {
            h += card("Change vs previous week", "–", "the data covers one week")
        }
        h += card("Below 50", String(s.overall.below50), "needs work or hostile")
        h += card("Short-notice demands", String(s.demandCount), "deadlines without regard to time")
        h += "</section>\n"

        h += "<nav><a href=\"#distribution\">Distribution</a> <a href=\"#trend\">Trend</a> <a href=\"#rules\">Rules</a> <a href=\"#teams\">Teams</a> <a href=\"#weeks\">Weeks</a> <a href=\"#senders\">Senders</a> <a href=\"#demands\">Demands</a> <a href=\"#worst\">Worst messages</a></nav>\n"

        h += "<div class=\"grid2\"><section id=\"distribution\"><h2>Score distribution</h2>\(SVGCharts.histogram(s.histogram))</section>\n"
        h += "<section id=\"trend\"><h2>Score per team per week</h2>\(SVGCharts.trend(s))"
        let changes = s.latestChanges
        if !changes.isEmpty {
            h += "<ul class=\"changes\">"
            for c in changes {
                h += "<li><b>\(e(c.team ?? "all messages"))</b>: \(fmt(c.previousMean)) → \(fmt(c.mean)) <span class=\"\(c.delta < 0 ? "down" : "up")\">\(signed(c.delta))</span> (\(c.previous) → \(c.week))</li>"
            }
            h += "</ul>"
        }
        h += "</section></div>\n"

        h += "<section id=\"rules\"><h2>Most frequent rules</h2>\(SVGCharts.topRules(s.topRules))"
        h += table(["Rule", "Category", "Severity", "Findings", "Messages", "First finding"], s.topRules.prefix(25).map { r in
            [.text(r.ruleID, code: true), .text(r.category.rawValue), .severity(r.severity), .int(r.findings), .int(r.messages), .text(r.message)]
        })
        h += "</section>\n"

        h += "<section id=\"teams\"><h2>By team</h2><div class=\"grid2\"><div><h3>Sender team</h3>"
        h += table(["Team", "Messages", "Mean", "Lowest", "Below 50", "Errors", "Warnings"], s.sortedTeams.compactMap { t in s.teams[t].map { [.text(t)] + groupCells($0) } })
        h += "</div><div><h3>Recipient team</h3>"
        h += table(["Team", "Messages", "Mean", "Lowest", "Below 50", "Errors", "Warnings"], s.sortedTeams.compactMap { t in s.recipientTeams[t].map { [.text(t)] + groupCells($0) } })
        h += "</div></div></section>\n"

        h += "<section id=\"weeks\"><h2>By ISO week</h2>"
        let ws = s.sortedWeeks
        h += table(["Week", "Monday", "Messages", "Mean", "Change", "Lowest", "Below 50", "Errors", "Warnings"] + s.sortedTeams.filter { s.teamWeeks[$0] != nil }.map { "Mean: \($0)" },
                   s.weeklyDeltas.map { w in
                       var row: [Cell] = [.text(w.week.description), .text(w.week.mondayString), .int(w.stats.messages), .score(w.stats.mean), .delta(w.delta), .score(w.stats.minScore), .int(w.stats.below50), .int(w.stats.errors), .int(w.stats.warnings)]
                       for t in s.sortedTeams where s.teamWeeks[t] != nil { row.append(.score(s.teamWeeks[t]?[w.week]?.mean)) }
                       return row
                   })
        if s.undated > 0 { h += "<p class=\"note\">\(s.undated) messages have no date and are not in any week.</p>" }
        _ = ws
        h += "</section>\n"

        h += "<section id=\"senders\"><h2>By sender <small>(lowest mean first)</small></h2>"
        let senders = s.sendersByScore
        h += table(["Sender", "Address", "Team", "Messages", "Mean", "Lowest", "Below 50", "Errors", "Warnings"], senders.prefix(s.options.senderLimit).map { a, st in
            [.text(s.senderNames[a] ?? a), .text(a, code: true), .text(s.options.teams.team(of: a))] + groupCells(st)
        })
        if senders.count > s.options.senderLimit { h += "<p class=\"note\">\(senders.count - s.options.senderLimit) more senders not shown.</p>" }
        h += "</section>\n"

        h += "<section id=\"demands\"><h2>Demands with unreasonable lead times <small>(\(s.demandCount))</small></h2>"
        if s.demands.isEmpty {
            h += "<p class=\"note\">None found.</p>"
        } else {
            h += table(["Date", "From", "Subject", "Rule", "Words", "Why"], s.demands.map { d in
                [.text(d.date, code: true), .text(d.from ?? ""), .text(d.subject ?? ""), .text(d.finding.ruleID, code: true), .text("“\(d.finding.match)”"), .text(d.finding.message)]
            })
            if s.demandCount > s.demands.count { h += "<p class=\"note\">\(s.demandCount - s.demands.count) more not listed.</p>" }
        }
        h += "</section>\n"

        h += "<section id=\"worst\"><h2>Worst messages</h2>"
        if s.worst.isEmpty { h += "<p class=\"note\">No scored messages.</p>" }
        for (i, m) in s.worst.enumerated() { h += worstMessage(i + 1, m) }
        h += "</section>\n</main>\n"
        h += "<footer>Scores are 0–100, higher is better: 80+ warm, 60+ fine, 40+ needs work, under 40 hostile. Weeks are ISO weeks in each message's own time zone. Click a column heading to sort.</footer>\n"
        h += "<script nonce=\"\(nonce)\">\(script)</script>\n</body>\n</html>\n"
        return h
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    static func fmt(_ d: Double) -> String { d.isFinite ? String(format: "%.1f", d) : "–" }
    static func signed(_ d: Double) -> String { String(format: "%+.1f", d) }

    static func card(_ title: String, _ value: String, _ note: String, color: String? = nil) -> String {
        "<div class=\"card\"><div class=\"k\">\(HTML.escape(title))</div><div class=\"v\"\(color.map { " style=\"color:\($0)\"" } ?? "")>\(HTML.escape(value))</div><div class=\"n\">\(HTML.escape(note))</div></div>"
    }

    enum Cell {
        case text(String, code: Bool = false)
        case int(Int)
        case score(Double?)
        case delta(Double?)
        case severity(Severity)
    }

    static func groupCells(_ g: GroupStats) -> [Cell] {
        [.int(g.messages), .score(g.mean), .score(g.messages > 0 ? g.minScore : nil), .int(g.below50), .int(g.errors), .int(g.warnings)]
    }

    static func table(_ header: [String], _ rows: [[Cell]]) -> String {
        if rows.isEmpty { return "<p class=\"note\">None.</p>" }
        var t = "<table class=\"sortable\"><thead><tr>"
        for (i, c) in header.enumerated() {
            let numeric: Bool
            if case .text = rows[0][i] { numeric = false } else if case .severity = rows[0][i] { numeric = false } else { numeric = true }
            t += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(HTML.escape(c))</th>"
        }
        t += "</tr></thead><tbody>"
        for r in rows {
            t += "<tr>"
            for c in r {
                switch c {
                case let .text(s, code): t += code ? "<td><code>\(HTML.escape(s))</code></td>" : "<td>\(HTML.escape(s))</td>"
                case let .int(n): t += "<td class=\"num\" data-v=\"\(n)\">\(n)</td>"
                case let .score(d):
                    if let d, d.isFinite {
                        t += "<td class=\"num\" data-v=\"\(fmt(d))\"><span class=\"dot\" style=\"background:\(SVGCharts.bandColor(d))\"></span>\(fmt(d))</td>"
                    } else { t += "<td class=\"num\" data-v=\"-1\">–</td>" }
                case let .delta(d):
                    if let d { t += "<td class=\"num \(d < 0 ? "down" : "up")\" data-v=\"\(fmt(d))\">\(signed(d))</td>" } else { t += "<td class=\"num\" data-v=\"0\"></td>" }
                case let .severity(sev):
                    t += "<td data-v=\"\(Severity.allCases.firstIndex(of: sev)!)\"><span class=\"sev \(sev.rawValue)\">\(sev.rawValue)</span></td>"
                }
            }
            t += "</tr>"
        }
        return t + "</tbody></table>"
    }

    static func worstMessage(_ rank: Int, _ m: MessageSummary) -> String {
        let e = HTML.escape
        let score = m.score ?? 0
        var h = "<details class=\"msg\"\(rank == 1 ? " open" : "")><summary><span class=\"rank\">\(rank)</span><span class=\"score\" style=\"background:\(SVGCharts.bandColor(score))\">\(fmt(score))</span> "
        h += "<span class=\"subj\">\(e(m.subject ?? "(no subject)"))</span> <span class=\"meta\">\(e(m.from ?? "(unknown sender)"))"
        if !m.dateString.isEmpty { h += " · \(e(m.dateString))" }
        h += " · \(e(m.label))</span></summary><div class=\"body\">"
        h += "<p class=\"meta\">id <code>\(e(m.id))</code>"
        if let mid = m.messageID, mid != m.id { h += " · Message-ID <code>\(e(mid))</code>" }
        if !m.to.isEmpty { h += " · to \(e(m.to.joined(separator: ", ")))" }
        h += "</p>"
        if !m.topFindings.isEmpty {
            h += "<ul class=\"findings\">"
            for f in m.topFindings {
                h += "<li><span class=\"sev \(f.severity.rawValue)\">\(f.severity.rawValue)</span> \(e(f.message))\(f.message.contains(f.match) ? "" : " — “\(e(f.match))”") <code>\(e(f.ruleID))</code>"
                if let sgs = f.suggestion { h += " <span class=\"sugg\">try: \(e(sgs))</span>" }
                h += "</li>"
            }
            h += "</ul>"
        }
        for p in m.parts {
            h += "<div class=\"part \(p.role.rawValue)\">"
            if p.role != .body { h += "<div class=\"role\">\(e(p.role.rawValue))\(p.speaker.map { ": " + e($0) } ?? "")</div>" }
            h += "<pre>"
            var cursor = 0
            for mk in p.marks {
                h += e(String(decoding: p.text[cursor..<mk.range.lowerBound], as: UTF8.self))
                let cls = mk.isCredit ? "credit" : mk.severity.rawValue
                h += "<mark class=\"\(cls)\" title=\"\(e(mk.ruleID + ": " + mk.message))\">\(e(String(decoding: p.text[mk.range], as: UTF8.self)))</mark>"
                cursor = mk.range.upperBound
            }
            h += e(String(decoding: p.text[cursor...], as: UTF8.self))
            if p.truncated { h += "<span class=\"cut\">… (cut)</span>" }
            h += "</pre></div>"
        }
        return h + "</div></details>\n"
    }

    static let css = """
        :root{color-scheme:light;--fg:#1f2937;--mut:#6b7280;--line:#e5e7eb;--bg:#f8fafc}
        *{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
        header{background:#0f172a;color:#fff;padding:20px 32px}header h1{margin:0;font-size:26px}.sub{margin:4px 0 0;color:#cbd5e1}
        main{max-width:1240px;margin:0 auto;padding:16px 32px 32px}
        nav{margin:8px 0 4px}nav a{color:#2563eb;margin-right:14px;text-decoration:none}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:14px 0}
        .grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:14px}.grid2>section{margin:0}
        h2{font-size:19px;margin:0 0 10px}h3{font-size:15px;margin:4px 0 8px;color:var(--mut)}h2 small{color:var(--mut);font-weight:normal}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:12px;background:none;border:0;padding:0}
        .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 14px}.card .k{color:var(--mut);font-size:13px}.card .v{font-size:28px;font-weight:700}.card .n{color:var(--mut);font-size:12px}
        svg.chart{max-width:100%;height:auto;font-size:11px}svg .grid{stroke:#e5e7eb}svg .tick{fill:#4b5563}svg .val{fill:#111827;font-weight:600}svg .axis{fill:#6b7280;font-size:12px}svg .legend{fill:#111827;font-size:12px}
        table{border-collapse:collapse;width:100%;margin:6px 0;font-size:14px}th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
        th{background:#f1f5f9;cursor:pointer;user-select:none;white-space:nowrap}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
        .num{text-align:right;font-variant-numeric:tabular-nums}.dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px}
        .up{color:#15803d}.down{color:#b91c1c}.note{color:var(--mut)}code{font-size:13px;background:#f1f5f9;padding:0 3px;border-radius:3px}
        .sev{font-size:12px;padding:1px 6px;border-radius:9px;color:#fff}.sev.error{background:#dc2626}.sev.warning{background:#d97706}.sev.info{background:#0284c7}
        details.msg{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:#fff}details.msg>summary{cursor:pointer;padding:8px 10px;list-style-position:inside}
        .rank{color:var(--mut);margin-right:6px}.score{color:#fff;font-weight:700;border-radius:4px;padding:1px 6px;margin-right:4px}.subj{font-weight:600}.meta{color:var(--mut);font-size:13px}
        details .body{padding:0 14px 12px}.findings{margin:6px 0 10px;padding-left:18px}.sugg{color:#15803d}
        .part pre{white-space:pre-wrap;word-break:break-word;font:13.5px/1.5 ui-monospace,"DejaVu Sans Mono",monospace;background:#f8fafc;border:1px solid var(--line);border-radius:4px;padding:8px 10px;margin:4px 0}
        .part.quoted pre,.part.signature pre,.part.disclaimer pre,.part.forwarded pre{color:var(--mut)}.role{font-size:12px;color:var(--mut)}
        mark{border-radius:2px;padding:0 1px}mark.error{background:#fecaca}mark.warning{background:#fde68a}mark.info{background:#bae6fd}mark.credit{background:#bbf7d0}.cut{color:var(--mut)}
        .changes{margin:6px 0 0;padding-left:18px}footer{max-width:1240px;margin:0 auto;padding:0 32px 32px;color:var(--mut);font-size:13px}
        """

    static let script = """
        document.querySelectorAll('table.sortable').forEach(function(t){var hs=t.querySelectorAll('th');hs.forEach(function(th,i){th.tabIndex=0;function go(){var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),asc=th.getAttribute('aria-sort')!=='ascending';hs.forEach(function(h){h.removeAttribute('aria-sort')});th.setAttribute('aria-sort',asc?'ascending':'descending');rows.sort(function(a,c){var x=a.cells[i],y=c.cells[i],p=x.getAttribute('data-v'),q=y.getAttribute('data-v');var r=(p!==null&&q!==null)?parseFloat(p)-parseFloat(q):x.textContent.localeCompare(y.textContent);return asc?r:-r});rows.forEach(function(r){b.appendChild(r)})}th.addEventListener('click',go);th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();go()}})})});
        """
}

extension ISOWeek {
    /// A day count since 1970-01-01 as `2026-11-22`.
    static func civilString(_ day: Int) -> String {
        let (y, m, d) = civil(day)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }
}
