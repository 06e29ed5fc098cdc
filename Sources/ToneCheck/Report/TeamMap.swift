import Foundation

/// Which team an email address belongs to: exact addresses first, then the longest
/// matching `@domain` (which also covers its subdomains). Unmatched addresses belong to
/// no team (`TeamMap.other`).
public struct TeamMap: Sendable, Equatable {
    /// The name used for addresses no team claims.
    public static let other = "other"
    /// Team names in the order they were defined.
    public private(set) var teams: [String] = []
    var addresses: [String: String] = [:]
    var domains: [String: String] = [:]

    /// An empty map: every address is `other`.
    public init() {}

    /// A map from team name to its members: addresses (`ops@example.com`) or domains (`@ops.example.com`).
    public init(_ members: KeyValuePairs<String, [String]>) {
        for (team, list) in members { for m in list { add(m, to: team) } }
    }

    /// Adds an address or `@domain` to `team`.
    public mutating func add(_ member: String, to team: String) {
        if !teams.contains(team) { teams.append(team) }
        let m = member.lowercased()
        if m.hasPrefix("@") { domains[String(m.dropFirst())] = team } else { addresses[m] = team }
    }

    /// The team of a `From`/`To` value (`Name <a@b>` or a bare address), or `other`.
    public func team(of value: String?) -> String {
        guard let value, let addr = TeamMap.address(in: value) else { return TeamMap.other }
        if let t = addresses[addr] { return t }
        guard let at = addr.lastIndex(of: "@") else { return TeamMap.other }
        var domain = Substring(addr[addr.index(after: at)...])
        while !domain.isEmpty {
            if let t = domains[String(domain)] { return t }
            guard let dot = domain.firstIndex(of: ".") else { break }
            domain = domain[domain.index(after: dot)...]
        }
        return TeamMap.other
    }

    /// The lowercased address in `Name <a@b>` or `a@b`; nil when there is none.
    public static func address(in value: String) -> String? {
        var s = Substring(value)
        if let lt = s.lastIndex(of: "<"), let gt = s[lt...].firstIndex(of: ">") {
            s = s[s.index(after: lt)..<gt]
        }
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        return t.isEmpty ? nil : t
    }

    /// The display name in `Name <a@b>`, else the address.
    public static func displayName(_ value: String) -> String {
        if let lt = value.lastIndex(of: "<") {
            let name = value[..<lt].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            if !name.isEmpty { return name }
        }
        return address(in: value) ?? value
    }

    /// Reads `{ teams: { ops: ["ops@example.com", "@ops.example.com"], support: [...] } }`.
    /// - Throws: `ToneCheckError.config` naming the file, line and key.
    public static func parse(_ data: Data, path: String) throws -> TeamMap {
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let value: JSONValue
        do {
            value = try JSONValue.parseJSON5(data)
        } catch let e as JSONSyntaxError {
            throw ToneCheckError.config(path: path, line: e.position?.line, key: nil, message: "not valid JSON5: \(e.message)")
        }
        guard let obj = value.objectValue else {
            throw ToneCheckError.config(path: path, line: 1, key: nil, message: "expected an object like { teams: { ops: [\"@ops.example.com\"] } }, found \(value.typeName)")
        }
        for key in obj.keys.sorted() where key != "teams" {
            throw ToneCheckError.config(path: path, line: JSONValue.line(ofKey: key, in: lines), key: key, message: "unknown key; a team file has only 'teams'")
        }
        guard let teams = obj["teams"] else {
            throw ToneCheckError.config(path: path, line: 1, key: "teams", message: "missing; add teams: { ops: [\"ops@example.com\", \"@ops.example.com\"] }")
        }
        return try parse(teams: teams, path: path, lines: lines)
    }

    /// Reads the value of a `teams` key (for config files that carry one).
    public static func parse(teams: JSONValue, path: String, lines: [Substring]) throws -> TeamMap {
        let teamsLine = JSONValue.line(ofKey: "teams", in: lines)
        guard let t = teams.objectValue else {
            throw ToneCheckError.config(path: path, line: teamsLine, key: "teams", message: "expected an object of team name → list of addresses or @domains, found \(teams.typeName)")
        }
        var map = TeamMap()
        // Keep the file's order of teams.
        let ordered = t.keys.sorted { (JSONValue.line(ofKey: $0, in: lines, from: teamsLine ?? 1) ?? 0, $0) < (JSONValue.line(ofKey: $1, in: lines, from: teamsLine ?? 1) ?? 0, $1) }
        for name in ordered {
            let line = JSONValue.line(ofKey: name, in: lines, from: teamsLine ?? 1)
            if name.isEmpty || name == other {
                throw ToneCheckError.config(path: path, line: line, key: "teams.\(name)", message: "'\(name)' cannot be a team name (it is used for addresses no team claims)")
            }
            let v = t[name]!
            let list: [JSONValue]
            if case .string = v { list = [v] } else if let a = v.arrayValue { list = a } else {
                throw ToneCheckError.config(path: path, line: line, key: "teams.\(name)", message: "expected a list of addresses or @domains, found \(v.typeName)")
            }
            if list.isEmpty {
                throw ToneCheckError.config(path: path, line: line, key: "teams.\(name)", message: "the team has no members; list addresses (ops@example.com) or domains (@ops.example.com)")
            }
            for (i, m) in list.enumerated() {
                guard let s = m.stringValue else {
                    throw ToneCheckError.config(path: path, line: line, key: "teams.\(name)[\(i)]", message: "expected a string, found \(m.typeName)")
                }
                let trimmed = s.trimmingCharacters(in: .whitespaces)
                guard let at = trimmed.firstIndex(of: "@"), trimmed[trimmed.index(after: at)...].contains("."), !trimmed.contains(" ") else {
                    throw ToneCheckError.config(path: path, line: line, key: "teams.\(name)[\(i)]", message: "'\(s)' is neither an address (ops@example.com) nor a domain (@ops.example.com)")
                }
                map.add(trimmed, to: name)
            }
        }
        return map
    }
}
