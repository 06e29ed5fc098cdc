/// Every rule a run has compiled (several rule sets when configs differ by path), so a
/// reporter can describe the rules its results refer to.
public final class RuleCatalog: @unchecked Sendable {
    private var byID: [String: Rule] = [:]
    private var order: [String] = []

    /// An empty catalog, or one holding `ruleSet`'s rules.
    public init(_ ruleSet: RuleSet? = nil) {
        if let ruleSet { add(ruleSet) }
    }

    /// Adds a rule set's rules (the first definition of an id wins).
    public func add(_ ruleSet: RuleSet) {
        for r in ruleSet.rules where byID[r.id] == nil {
            byID[r.id] = r
            order.append(r.id)
        }
    }

    /// The rule with `id`.
    public subscript(id: String) -> Rule? { byID[id] }

    /// Every rule, in the order first added.
    public var rules: [Rule] { order.compactMap { byID[$0] } }
}

/// Escaping for the XML reporters.
enum XML {
    /// Text safe inside an element or a double-quoted attribute; characters XML 1.0
    /// cannot carry are dropped.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension DocumentReport {
    /// The name to show for the document: its path, id, or `<stdin>`.
    var displayName: String { document.path ?? document.id ?? "<stdin>" }
}
