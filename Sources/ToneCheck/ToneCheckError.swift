import Foundation

/// Every error the library reports. Messages are lowercase, specific and say what to do.
public enum ToneCheckError: LocalizedError, Sendable, Equatable {
    /// A rule file is unreadable, malformed or has a bad rule.
    case ruleFile(path: String, line: Int?, column: Int?, rule: String?, field: String?, message: String)
    /// A configuration file is malformed or has an unknown key or bad value.
    case config(path: String, line: Int?, key: String?, message: String)
    /// An input cannot be read or parsed.
    case input(path: String?, line: Int?, message: String)
    /// A requested rule, format or option does not exist.
    case unknown(what: String, name: String, known: [String])

    /// `path:line:col: rule id: field: message`, leaving out what is unknown.
    public var errorDescription: String? {
        switch self {
        case let .ruleFile(path, line, column, rule, field, message):
            var s = path
            if let line { s += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            s += ": "
            if let rule { s += "rule \(rule): " }
            if let field { s += "field '\(field)': " }
            return s + message
        case let .config(path, line, key, message):
            var s = path
            if let line { s += ":\(line)" }
            s += ": "
            if let key { s += "key '\(key)': " }
            return s + message
        case let .input(path, line, message):
            var s = path ?? "<stdin>"
            if let line { s += ":\(line)" }
            return s + ": " + message
        case let .unknown(what, name, known):
            let close = known.filter { $0.hasPrefix(String(name.prefix(3))) }.prefix(5)
            var s = "unknown \(what) '\(name)'"
            if !close.isEmpty { s += "; did you mean \(close.map { "'\($0)'" }.joined(separator: ", "))?" }
            return s
        }
    }
}
