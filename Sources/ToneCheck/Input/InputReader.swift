import Foundation

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
        case .transcript, .vtt, .srt, .sbv, .transcribeJSON:
            switch TranscriptReader.read(bytes, format: f, path: path) {
            case .success(let doc): body(.document(doc))
            case .failure(let e): body(.failure(id: path, line: e.line, message: e.message))
            }
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
        case .email, .maildir:
            body(.document(EmailReader.read(bytes, origin: EmailReader.Origin(path: path))))
        case .mbox:
            var splitter = MboxSplitter(path: path)
            splitter.feed(bytes[...]) { body(.document(EmailReader.read($0.bytes, origin: $0.origin))) }
            splitter.finish { body(.document(EmailReader.read($0.bytes, origin: $0.origin))) }
        }
    }

    /// The chunk size used when streaming from a file handle.
    public static let chunkSize = 1 << 20

    /// Reads from a file handle. An mbox (detected from the first chunk, or requested) is
    /// streamed in chunks of `chunkSize`, so memory stays bounded by the largest message,
    /// not the mailbox; any other format is read whole and handed to `read(_:path:format:_:)`.
    /// Returns the whole input when it was read whole (callers that rewrite files need
    /// it), nil when it was streamed.
    @discardableResult
    /// `templates` is passed on for template inputs; `whole` sees the input first when it
    /// is read whole (suppression comments and baselines need the file's bytes).
    public static func read(fileHandle: FileHandle, path: String?, format: InputFormat?, templates: TemplateSyntaxes = .all, whole: ([UInt8]) -> Void = { _ in }, _ body: (Item) -> Void) throws -> [UInt8]? {
        try read(fileHandle: fileHandle, path: path, format: format, templates: templates, whole: whole, deferred: { body($1()) })
    }

    /// Like `read(fileHandle:…)`, but hands over each item as work still to do, with its
    /// size in bytes (so a caller can batch small items and bound memory): a streamed mbox
    /// message is parsed only when the closure is called, so a caller can parse on other
    /// threads while this one reads on. Items are handed over in input order.
    @discardableResult
    public static func read(
        fileHandle: FileHandle, path: String?, format: InputFormat?, templates: TemplateSyntaxes = .all, whole: ([UInt8]) -> Void = { _ in },
        deferred body: (_ size: Int, _ make: @escaping @Sendable () -> Item) -> Void
    ) throws -> [UInt8]? {
        var first = try chunk(of: fileHandle, upTo: chunkSize)
        let f = format ?? InputFormat.detect(first.prefix(4096), path: path)
        if f == .mbox {
            var splitter = MboxSplitter(path: path)
            var chunk = first
            while !chunk.isEmpty {
                splitter.feed(chunk[...]) { m in body(m.bytes.count) { .document(EmailReader.read(m.bytes, origin: m.origin)) } }
                chunk = try InputReader.chunk(of: fileHandle, upTo: chunkSize)
            }
            splitter.finish { m in body(m.bytes.count) { .document(EmailReader.read(m.bytes, origin: m.origin)) } }
            return nil
        }
        // A regular file's size is known: room for all of it at once, not by doubling.
        var info = stat()
        if fstat(fileHandle.fileDescriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > first.count {
            first.reserveCapacity(Int(info.st_size))
        }
        while case let more = try chunk(of: fileHandle, upTo: chunkSize), !more.isEmpty { first += more }
        whole(first)
        read(first, path: path, format: f, templates: templates) { item in body(0) { item } }
        return first
    }

    /// Up to `count` bytes of `fileHandle`, fewer only at the end of the input: read
    /// straight into the array, not copied out of a `Data` (for a 1 MB file that copy cost
    /// as much as zoning it). On a read error, `FileHandle` reads on and throws its own error.
    static func chunk(of fileHandle: FileHandle, upTo count: Int) throws -> [UInt8] {
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            failed = !readFully(fileHandle.fileDescriptor, into: buffer, count: &initialized)
        }
        guard failed else { return bytes }
        return bytes + Array(try fileHandle.read(upToCount: count - bytes.count) ?? Data())
    }
}

/// Reads `fd` into `buffer` from `count` on until it is full or the input ends; false on
/// a read error. (Outside `InputReader`, whose `read` methods would hide the system call.)
private func readFully(_ fd: Int32, into buffer: UnsafeMutableBufferPointer<UInt8>, count: inout Int) -> Bool {
    while count < buffer.count {
        let r = read(fd, buffer.baseAddress! + count, buffer.count - count)
        if r > 0 {
            count += r
        } else if r == 0 {
            return true
        } else if errno != EINTR {
            return false
        }
    }
    return true
}
