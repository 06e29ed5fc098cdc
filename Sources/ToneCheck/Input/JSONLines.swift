import Foundation

/// Reads JSON Lines records `{"id": "...", "text": "...", ...}`: one document per line.
public enum JSONLinesReader {
    /// One record: a document, or an error for that line only.
    public enum Record: Sendable {
        /// A document to check.
        case document(Document)
        /// A line that could not be read; `id` when one could be recovered.
        case error(line: Int, id: String?, message: String)
    }

    /// Parses one line (1-based `lineNumber` in `path`). Blank lines give nil.
    public static func record(_ line: ArraySlice<UInt8>, lineNumber: Int, path: String?) -> Record? {
        var bytes = line
        while let l = bytes.last, l == 0x0A || l == 0x0D || l == 0x20 || l == 0x09 { bytes = bytes.dropLast() }
        while let f = bytes.first, f == 0x20 || f == 0x09 { bytes = bytes.dropFirst() }
        if bytes.isEmpty { return nil }
        let value: JSONValue
        do {
            value = try JSONValue.parseJSON(Data(bytes))
        } catch {
            return .error(line: lineNumber, id: nil, message: "not valid JSON: \(error.message)")
        }
        guard let obj = value.objectValue else { return .error(line: lineNumber, id: nil, message: "expected an object with \"id\" and \"text\", found \(value.typeName)") }
        var id: String?
        switch obj["id"] {
        case .string(let s): id = s
        case .number(let d): id = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case nil, .null: id = nil
        default: return .error(line: lineNumber, id: nil, message: "\"id\" must be a string or number")
        }
        guard let textValue = obj["text"] ?? obj["body"] else { return .error(line: lineNumber, id: id, message: "missing \"text\"") }
        guard let text = textValue.stringValue else { return .error(line: lineNumber, id: id, message: "\"text\" must be a string, not \(textValue.typeName)") }
        var doc = Document(id: id ?? "line-\(lineNumber)", path: path, format: "jsonl")
        // Positions inside a record: line N of the file, column counted within the text.
        doc.segments = Zoner.zonePlainText(Array(text.utf8), line: 1, byteOffset: nil).map {
            var s = $0
            s.sourceMap = SourceMap(anchors: s.sourceMap.anchors.map { a in
                SourceMap.Anchor(offset: a.offset, line: lineNumber + a.line - 1, column: a.column, byteOffset: nil)
            })
            return s
        }
        if let subject = obj["subject"]?.stringValue {
            doc.metadata.subject = subject
            doc.segments.insert(Segment(role: .subject, text: Array(subject.utf8), sourceMap: SourceMap(line: lineNumber, column: 1, byteOffset: nil)), at: 0)
        }
        for key in ["from", "sender"] { if let v = obj[key]?.stringValue { doc.metadata.from = v } }
        if let v = obj["to"]?.stringValue { doc.metadata.to = [v] }
        if let list = obj["to"]?.arrayValue { doc.metadata.to = list.compactMap(\.stringValue) }
        if let v = obj["date"]?.stringValue {
            doc.metadata.dateText = v
            if let (date, offset) = ISO8601.parse(v) {
                doc.metadata.date = date
                doc.metadata.dateOffsetSeconds = offset
            } else {
                doc.warnings.append(Diagnostic(.warning, path: path, line: lineNumber, message: "\"date\" '\(v)' is not an ISO 8601 date such as 2026-11-16T09:05:00-05:00; the record counts as undated"))
            }
        }
        if let v = obj["message_id"]?.stringValue { doc.metadata.messageID = v }
        for (k, v) in obj where !["id", "text", "body", "subject", "from", "sender", "to", "date", "message_id"].contains(k) {
            if let s = v.stringValue { doc.metadata.extra[k] = s }
        }
        return .document(doc)
    }
}

extension Error {
    var message: String {
        if let e = self as? JSONSyntaxError { return e.message }
        return (self as? LocalizedError)?.errorDescription ?? "\(self)"
    }
}
