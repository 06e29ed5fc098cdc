import Foundation

/// One CSV row per message (RFC 4180: comma separated, CRLF line ends, fields with a
/// comma, quote or line break in double quotes with quotes doubled).
///
/// Columns, in this order (stable): `id, message_id, date, week, from, from_team, to,
/// to_team, subject, score, label, tone, word_choice, demand, politeness, errors,
/// warnings, infos, top_rule`. `date` is ISO 8601 in the message's own offset, `week` its
/// ISO week (`2026-W47`), `to` and `to_team` are `;`-separated, scores have one decimal
/// (empty for unreadable input, whose label is `error`). A cell that starts with `=`,
/// `+`, `-`, `@`, tab or carriage return gets a leading `'` so spreadsheets do not run it
/// as a formula.
public enum CSVRenderer {
    /// The column names.
    public static let columns = ["id", "message_id", "date", "week", "from", "from_team", "to", "to_team", "subject", "score", "label",
                                 "tone", "word_choice", "demand", "politeness", "errors", "warnings", "infos", "top_rule"]

    /// The header line.
    public static var header: String { line(columns) }

    /// The row of one message.
    public static func row(_ m: MessageSummary) -> String {
        func num(_ d: Double?) -> String { d.map { $0.isFinite ? String(format: "%.1f", $0) : "" } ?? "" }
        let scored = m.score != nil
        return line([
            m.id, m.messageID ?? "", m.dateString, m.week?.description ?? "", m.from ?? "", m.from == nil ? "" : m.fromTeam,
            m.to.joined(separator: "; "), m.toTeams.joined(separator: ";"), m.subject ?? "", num(m.score), m.label,
            scored ? num(m.categories[.tone]) : "", scored ? num(m.categories[.wordChoice]) : "",
            scored ? num(m.categories[.demand]) : "", scored ? num(m.categories[.politeness]) : "",
            String(m.errors), String(m.warnings), String(m.infos), m.topRule ?? "",
        ])
    }

    /// Fields joined into one CRLF-terminated line.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field, guarded against formula injection and quoted when needed.
    public static func field(_ s: String) -> String {
        var v = s
        if let f = v.unicodeScalars.first, f == "=" || f == "+" || f == "-" || f == "@" || f == "\t" || f == "\r" { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
