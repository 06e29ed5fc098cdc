import Foundation

/// A decoded JSON (or JSON5) value, used to read rule and config files key by key so
/// unknown keys and wrong types can be reported precisely.
public enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Decodes any JSON value.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        // Most likely types first: every failed attempt costs a thrown error.
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let o = try? c.decode([String: JSONValue].self) {
            self = .object(o)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else {
            self = .number(try c.decode(Double.self))
        }
    }

    /// Parses JSON5 (comments, trailing commas, unquoted keys) with Foundation.
    /// - Throws: `JSONSyntaxError` with the line and column Foundation reports.
    public static func parseJSON5(_ data: Data) throws -> JSONValue {
        try rejectInvalidUTF8(data)
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        do {
            return try decoder.decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let text = underlying ?? context.debugDescription
            if let position = JSONSyntaxError.position(in: text, data: data) { throw JSONSyntaxError(message: text, position: position) }
            // Foundation did not say where (it does not on Linux): find it ourselves.
            if let p = JSON5Syntax.firstProblem(in: [UInt8](data)) {
                throw JSONSyntaxError(message: p.message, position: (p.line, p.column))
            }
            throw JSONSyntaxError(message: text, position: nil)
        } catch {
            throw JSONSyntaxError(message: "\(error)", position: nil)
        }
    }

    /// Parses strict JSON (one JSONL record, a transcript service's output).
    public static func parseJSON(_ data: Data) throws -> JSONValue {
        try rejectInvalidUTF8(data)
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw JSONSyntaxError(message: underlying ?? context.debugDescription, position: nil)
        } catch {
            throw JSONSyntaxError(message: "\(error)", position: nil)
        }
    }

    /// Throws when `data` is not valid UTF-8, naming the line and column of the first bad
    /// byte. Checked before Foundation sees the data: its JSON5 scanner stops the process
    /// with a fatal error on invalid UTF-8 in an unquoted key (found by fuzzing).
    static func rejectInvalidUTF8(_ data: Data) throws {
        guard let bad = firstInvalidUTF8(data) else { return }
        let (line, column) = JSONSyntaxError.lineColumn(of: bad, in: data)
        throw JSONSyntaxError(message: "invalid UTF-8 (byte 0x\(String(data[data.startIndex + bad], radix: 16, uppercase: true))) at line \(line), column \(column); save the file as UTF-8", position: (line, column))
    }

    /// Offset of the first byte of the first invalid UTF-8 sequence, nil when all is valid.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { raw -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count, bytes[start] < 0x80 { start += 1 }  // ASCII: the common case
            if start == bytes.count { return nil }
            var parser = Unicode.UTF8.ForwardParser()
            var it = bytes[start...].makeIterator()
            var offset = start
            while true {
                switch parser.parseScalar(from: &it) {
                case .valid(let encoded): offset += encoded.count
                case .error: return offset
                case .emptyInput: return nil
                }
            }
        }
    }

    /// The string, when this is one.
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    /// The number, when this is one.
    public var numberValue: Double? { if case .number(let d) = self { return d } else { return nil } }
    /// The object, when this is one.
    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    /// The array, when this is one.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    /// The Boolean, when this is one.
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }

    /// A short name of the value's type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// A JSON or JSON5 syntax error, with the position Foundation reported when it did.
public struct JSONSyntaxError: Error, Sendable {
    /// Foundation's description of the problem.
    public var message: String
    /// 1-based line and column, when known.
    public var position: (line: Int, column: Int)?

    /// Finds "line N, column M" in Foundation's message, or a byte offset ("character N")
    /// converted to a line and column of `data`.
    static func position(in text: String, data: Data) -> (line: Int, column: Int)? {
        func number(after word: String) -> Int? {
            guard let r = text.range(of: word) else { return nil }
            let digits = text[r.upperBound...].drop(while: { $0 == " " }).prefix(while: \.isNumber)
            return Int(digits)
        }
        if let line = number(after: "line "), let column = number(after: "column ") {
            return (line, column)
        }
        if let offset = number(after: "character ") ?? number(after: "offset ") {
            return lineColumn(of: offset, in: data)
        }
        return nil
    }

    /// The 1-based line and column (in characters) of byte `offset` of `bytes`.
    static func lineColumn(of offset: Int, in bytes: some Sequence<UInt8>) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for b in bytes.prefix(offset) {
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }
}

extension JSONValue {
    /// Finds the 1-based line of `key` (as `key:` or `"key":`) in `text`, searching from
    /// `line` onwards; used to point errors at the right place.
    static func line(ofKey key: String, in lines: [Substring], from line: Int = 1) -> Int? {
        guard line >= 1, line <= lines.count else { return nil }
        for i in (line - 1)..<lines.count {
            let l = lines[i].drop(while: { $0 == " " || $0 == "\t" })
            if l.hasPrefix(key + ":") || l.hasPrefix("\"\(key)\":") || l.hasPrefix("'\(key)':")
                || l.hasPrefix(key + " :") || l.hasPrefix("\"\(key)\" :")
            {
                return i + 1
            }
        }
        return nil
    }
}
