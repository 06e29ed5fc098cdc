/// Turns input bytes into documents, whatever the format.
public enum InputReader {
    /// One thing read from an input: a document to check, or a part that could not be read.
    public enum Item: Sendable {
        /// A document.
        case document(Document)
        /// A record that could not be read (reported, then the run goes on).
        case failure(id: String?, line: Int?, message: String)
    }

    /// Formats that `--input` accepts.
    public static var formatNames: [String] { InputFormat.allCases.map(\.rawValue) }

    /// Reads `bytes` (from `path`, or stdin when nil) as `format` (detected when nil),
    /// handing each document to `body` as soon as it is read.
    /// `templates` says which placeholder syntaxes a template input uses.
    public static func read(_ bytes: [UInt8], path: String?, format: InputFormat?, templates: TemplateSyntaxes = .all, _ body: (Item) -> Void) {
        let f = format ?? InputFormat.detect(bytes.prefix(4096), path: path)
        switch f {
        case .text:
            var doc = PlainTextReader.read(bytes, path: path)
            doc.id = path
            body(.document(doc))
        case .template:
            body(.document(TemplateReader.read(bytes, path: path, syntaxes: templates)))
        case .jsonl:
            var start = 0
            var lineNumber = 1
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                switch JSONLinesReader.record(bytes[start..<end], lineNumber: lineNumber, path: path) {
                case .document(let d)?: body(.document(d))
                case .error(let line, let id, let message)?: body(.failure(id: id, line: line, message: message))
                case nil: break
                }
                start = end + 1
                lineNumber += 1
            }
        }
    }
}
