/// Raw values of the enums the JSON reporter writes, as static strings: written with no
/// string made or scanned (`JSONWriter.string(k:static:)`). Each equals the raw value
/// (a test holds every case to it).
protocol JSONNamed {
    /// The raw value as a static string.
    var jsonName: StaticString { get }
}

extension SegmentRole: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .body: return "body"
        case .subject: return "subject"
        case .quoted: return "quoted"
        case .forwarded: return "forwarded"
        case .signature: return "signature"
        case .disclaimer: return "disclaimer"
        case .turn: return "turn"
        case .placeholder: return "placeholder"
        }
    }
}

extension Category: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .tone: return "tone"
        case .wordChoice: return "word-choice"
        case .demand: return "demand"
        case .politeness: return "politeness"
        }
    }
}

extension Severity: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .info: return "info"
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}

extension Diagnostic.Level: JSONNamed {
    var jsonName: StaticString {
        switch self {
        case .warning: return "warning"
        case .error: return "error"
        }
    }
}
