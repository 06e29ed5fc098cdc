import Foundation

/// A parsed rule file: a pack of rules plus shared word lists and optional scoring constants.
public struct RulePack: Sendable {
    /// The pack's name (`tone`).
    public var name: String
    /// What the pack covers.
    public var description: String
    /// Named word lists, usable in patterns as `@name`.
    public var lists: [String: [String]]
    /// The rules, in file order.
    public var rules: [Rule]
    /// Scoring constants, when the file sets them.
    public var scoring: ScoringParameters?
    /// Where the pack came from.
    public var path: String
}

/// Reads rule files (JSON5, decoded by Foundation) and checks every key and value.
public enum RuleLoader {
    static let packKeys: Set<String> = ["pack", "description", "lists", "rules", "scoring"]
    static let ruleKeys: Set<String> = [
        "id", "category", "severity", "kind", "message", "why", "suggest", "weight", "scope", "inflect",
        "phrases", "patterns", "swap", "fix", "starts", "unless", "metric", "threshold", "min", "of",
        "acronyms", "regex", "caseSensitive", "examples", "negation", "question", "check",
    ]
    static let scoringKeys: Set<String> = [
        "bias", "pointsPerLogit", "lengthReference", "dilution", "repeatDecay", "creditCap", "creditOffset", "labels",
    ]

    /// Parses one rule file's contents. `path` is used in errors only.
    public static func parse(_ data: Data, path: String) throws -> RulePack {
        let value: JSONValue
        do {
            value = try JSONValue.parseJSON5(data)
        } catch let e as JSONSyntaxError {
            throw ToneCheckError.ruleFile(
                path: path, line: e.position?.line, column: e.position?.column, rule: nil, field: nil,
                message: "not valid JSON5: " + e.message.prefix(1).lowercased() + e.message.dropFirst())
        }
        let text = String(decoding: data, as: UTF8.self)
        let lines = RuleLoader.lines(of: text)
        let ctx = Context(path: path, lines: lines)
        guard let top = value.objectValue else {
            throw ctx.error(nil, nil, "the file must hold one object with a 'rules' list, not \(value.typeName)")
        }
        for key in top.keys where !packKeys.contains(key) {
            throw ctx.error(nil, key, "unknown key; expected one of \(packKeys.sorted().joined(separator: ", "))", line: JSONValue.line(ofKey: key, in: lines))
        }
        let name = try ctx.string(top["pack"], rule: nil, field: "pack") ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let description = try ctx.string(top["description"], rule: nil, field: "description") ?? ""
        var lists: [String: [String]] = [:]
        if let l = top["lists"] {
            guard let obj = l.objectValue else { throw ctx.error(nil, "lists", "must be an object of word lists") }
            for (k, v) in obj { lists[k] = try ctx.strings(v, rule: nil, field: "lists.\(k)") }
        }
        var scoring: ScoringParameters?
        if let s = top["scoring"] { scoring = try parseScoring(s, ctx: ctx) }
        guard let rulesValue = top["rules"] else {
            if scoring != nil || !lists.isEmpty {
                return RulePack(name: name, description: description, lists: lists, rules: [], scoring: scoring, path: path)
            }
            throw ctx.error(nil, "rules", "missing; a rule file needs a 'rules' list")
        }
        guard let ruleValues = rulesValue.arrayValue else { throw ctx.error(nil, "rules", "must be a list, not \(rulesValue.typeName)") }
        var rules: [Rule] = []
        var searchFrom = 1
        for (index, rv) in ruleValues.enumerated() {
            let rule = try parseRule(rv, index: index, ctx: ctx, searchFrom: &searchFrom)
            rules.append(rule)
        }
        return RulePack(name: name, description: description, lists: lists, rules: rules, scoring: scoring, path: path)
    }

    /// The lines of `text`, split on newline bytes (much faster than splitting Characters).
    static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == 0x0A {
                lines.append(text[start..<i])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// Reads and parses a rule file from disk.
    public static func load(path: String) throws -> RulePack {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToneCheckError.ruleFile(path: path, line: nil, column: nil, rule: nil, field: nil, message: "cannot read the file; check that it exists and is readable")
        }
        return try parse(data, path: path)
    }

    /// Rule files under `path`: the file itself, or every `.json5`/`.json` file in the folder (sorted).
    public static func ruleFiles(at path: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ToneCheckError.ruleFile(path: path, line: nil, column: nil, rule: nil, field: nil, message: "no such file or folder")
        }
        if !isDir.boolValue { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let files = names.filter { $0.hasSuffix(".json5") || $0.hasSuffix(".json") }.sorted()
        if files.isEmpty {
            throw ToneCheckError.ruleFile(path: path, line: nil, column: nil, rule: nil, field: nil, message: "the folder has no .json5 rule files")
        }
        return files.map { (path as NSString).appendingPathComponent($0) }
    }

    /// The packs built into the library (from `Rules/` at build time).
    public static func builtinPacks() throws -> [RulePack] {
        try BuiltinRuleFiles.files.map { try parse(Data($0.text.utf8), path: "builtin:Rules/\($0.name)") }
    }

    // MARK: - Rules

    struct Context {
        var path: String
        var lines: [Substring]

        func error(_ rule: String?, _ field: String?, _ message: String, line: Int? = nil) -> ToneCheckError {
            .ruleFile(path: path, line: line, column: nil, rule: rule, field: field, message: message)
        }

        func string(_ v: JSONValue?, rule: String?, field: String, line: @autoclosure () -> Int? = nil) throws -> String? {
            guard let v else { return nil }
            guard let s = v.stringValue else { throw error(rule, field, "must be a string, not \(v.typeName)", line: line()) }
            return s
        }

        func strings(_ v: JSONValue?, rule: String?, field: String, line: @autoclosure () -> Int? = nil) throws -> [String] {
            guard let v else { return [] }
            if let s = v.stringValue { return [s] }
            guard let a = v.arrayValue else { throw error(rule, field, "must be a list of strings, not \(v.typeName)", line: line()) }
            return try a.map {
                guard let s = $0.stringValue else { throw error(rule, field, "must be a list of strings; found \($0.typeName)", line: line()) }
                return s
            }
        }

        func number(_ v: JSONValue?, rule: String?, field: String, line: @autoclosure () -> Int? = nil) throws -> Double? {
            guard let v else { return nil }
            guard let d = v.numberValue, d.isFinite else { throw error(rule, field, "must be a number, not \(v.typeName)", line: line()) }
            return d
        }

        func bool(_ v: JSONValue?, rule: String?, field: String, line: @autoclosure () -> Int? = nil) throws -> Bool? {
            guard let v else { return nil }
            guard let b = v.boolValue else { throw error(rule, field, "must be true or false, not \(v.typeName)", line: line()) }
            return b
        }
    }

    static func parseRule(_ value: JSONValue, index: Int, ctx: Context, searchFrom: inout Int) throws -> Rule {
        guard let obj = value.objectValue else {
            throw ctx.error(nil, "rules[\(index)]", "each rule must be an object, not \(value.typeName)")
        }
        guard let id = obj["id"]?.stringValue, !id.isEmpty else {
            throw ctx.error(nil, "rules[\(index)].id", "missing; every rule needs a string id such as 'tone.hostility'", line: JSONValue.line(ofKey: "id", in: ctx.lines, from: searchFrom))
        }
        // The line of this rule's id, found by scanning forward from the previous rule.
        var idLine: Int?
        let quoted = [Array("\"\(id)\"".utf8), Array("'\(id)'".utf8)]
        for i in max(0, searchFrom - 1)..<ctx.lines.count where quoted.contains(where: { ctx.lines[i].utf8.containsBytes($0) }) {
            idLine = i + 1
            break
        }
        if let idLine { searchFrom = idLine + 1 }
        func line(_ key: String) -> Int? { idLine.flatMap { JSONValue.line(ofKey: key, in: ctx.lines, from: max(1, $0 - 3)) } ?? idLine }
        func fail(_ field: String, _ message: String) -> ToneCheckError { ctx.error(id, field, message, line: line(field)) }

        for key in obj.keys where !ruleKeys.contains(key) {
            throw fail(key, "unknown field; known fields are \(ruleKeys.sorted().joined(separator: ", "))")
        }
        func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type, default def: E? = nil) throws -> E where E.RawValue == String {
            guard let raw = try ctx.string(obj[key], rule: id, field: key, line: line(key)) else {
                if let def { return def }
                throw fail(key, "missing; one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let v = E(rawValue: raw) else {
                throw fail(key, "'\(raw)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return v
        }
        let category = try enumValue("category", Category.self)
        let severity = try enumValue("severity", Severity.self, default: .warning)
        let kind = try enumValue("kind", RuleKind.self)
        guard let message = try ctx.string(obj["message"], rule: id, field: "message", line: line("message")), !message.isEmpty else {
            throw fail("message", "missing; say what is wrong, quoting the match as {match}")
        }
        let why = try ctx.string(obj["why"], rule: id, field: "why", line: line("why")) ?? ""
        if why.isEmpty { throw fail("why", "missing; one or two sentences a manager could read to a team") }
        var scope = Rule.defaultScope
        if let s = obj["scope"] {
            let names = try ctx.strings(s, rule: id, field: "scope", line: line("scope"))
            scope = []
            for n in names {
                guard let role = SegmentRole(rawValue: n) else {
                    throw fail("scope", "'\(n)' is not a segment role; use \(SegmentRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                scope.insert(role)
            }
        }
        var swap: [String: String] = [:]
        if let s = obj["swap"] {
            guard let o = s.objectValue else { throw fail("swap", "must be an object of phrase: replacement") }
            for (k, v) in o {
                guard let r = v.stringValue else { throw fail("swap", "the replacement for '\(k)' must be a string") }
                swap[k] = r
            }
        }
        var examples = Rule.Examples()
        if let e = obj["examples"] {
            guard let o = e.objectValue else { throw fail("examples", "must be an object with 'trigger' and 'clean' lists") }
            for k in o.keys where k != "trigger" && k != "clean" { throw fail("examples.\(k)", "unknown; use 'trigger' and 'clean'") }
            examples.trigger = try ctx.strings(o["trigger"], rule: id, field: "examples.trigger", line: line("examples"))
            examples.clean = try ctx.strings(o["clean"], rule: id, field: "examples.clean", line: line("examples"))
        }
        let weight = try ctx.number(obj["weight"], rule: id, field: "weight", line: line("weight"))
        guard let weight else { throw fail("weight", "missing; points taken off per finding (negative for a politeness credit)") }
        let minValue = try ctx.number(obj["min"], rule: id, field: "min", line: line("min"))
        if let m = minValue, m < 0 || m != m.rounded() { throw fail("min", "must be a whole number ≥ 0") }

        var rule = Rule(
            id: id, category: category, severity: severity, kind: kind, message: message, why: why,
            suggest: try ctx.strings(obj["suggest"], rule: id, field: "suggest", line: line("suggest")),
            weight: weight, scope: scope,
            inflect: try ctx.bool(obj["inflect"], rule: id, field: "inflect", line: line("inflect")) ?? true,
            phrases: try ctx.strings(obj["phrases"], rule: id, field: "phrases", line: line("phrases")),
            patterns: try ctx.strings(obj["patterns"], rule: id, field: "patterns", line: line("patterns")),
            swap: swap,
            fix: try ctx.bool(obj["fix"], rule: id, field: "fix", line: line("fix")) ?? true,
            starts: try ctx.strings(obj["starts"], rule: id, field: "starts", line: line("starts")),
            unless: try ctx.strings(obj["unless"], rule: id, field: "unless", line: line("unless")),
            metric: try ctx.string(obj["metric"], rule: id, field: "metric", line: line("metric")),
            threshold: try ctx.number(obj["threshold"], rule: id, field: "threshold", line: line("threshold")),
            min: minValue.map { Int($0) },
            of: try ctx.strings(obj["of"], rule: id, field: "of", line: line("of")),
            acronyms: try ctx.strings(obj["acronyms"], rule: id, field: "acronyms", line: line("acronyms")),
            regex: try ctx.string(obj["regex"], rule: id, field: "regex", line: line("regex")),
            caseSensitive: try ctx.bool(obj["caseSensitive"], rule: id, field: "caseSensitive", line: line("caseSensitive")) ?? false,
            question: try ctx.bool(obj["question"], rule: id, field: "question", line: line("question")) ?? false,
            negation: try enumValue("negation", Rule.Negation.self, default: .keep),
            examples: examples,
            source: RuleSource(path: ctx.path, line: idLine))
        rule.check = try ctx.string(obj["check"], rule: id, field: "check", line: line("check"))
        try validate(rule, fail: fail)
        return rule
    }

    /// Checks that a rule has what its kind needs.
    static func validate(_ r: Rule, fail: (String, String) -> ToneCheckError) throws {
        switch r.kind {
        case .phrase:
            if r.phrases.isEmpty { throw fail("phrases", "a phrase rule needs a non-empty 'phrases' list") }
        case .substitution:
            if r.swap.isEmpty { throw fail("swap", "a substitution rule needs a non-empty 'swap' object") }
        case .pattern:
            if r.patterns.isEmpty { throw fail("patterns", "a pattern rule needs a non-empty 'patterns' list") }
        case .sentence:
            if r.starts.isEmpty { throw fail("starts", "a sentence rule needs a 'starts' list of openings") }
        case .metric:
            let known = ["caps-share", "punctuation-run", "density", "interruption", "escalation"]
            guard let m = r.metric else { throw fail("metric", "missing; one of \(known.joined(separator: ", "))") }
            if !known.contains(m) { throw fail("metric", "'\(m)' is not one of \(known.joined(separator: ", "))") }
            if r.threshold == nil { throw fail("threshold", "a metric rule needs a threshold") }
            if m == "density" && r.of.isEmpty { throw fail("of", "a density metric needs the rule ids or categories it counts") }
        case .occurrence:
            if r.of.isEmpty { throw fail("of", "an occurrence rule needs the rule ids or categories it counts") }
            if (r.min ?? 0) < 2 { throw fail("min", "an occurrence rule needs min ≥ 2") }
        case .regex:
            guard let re = r.regex, !re.isEmpty else { throw fail("regex", "a regex rule needs a pattern") }
            if let problem = RegexGuard.problem(in: re) { throw fail("regex", problem) }
        case .deadline:
            let known = DeadlineCheck.allCases.map(\.rawValue)
            guard let c = r.check else { throw fail("check", "missing; a deadline rule names its check, one of \(known.joined(separator: ", "))") }
            guard let check = DeadlineCheck(rawValue: c) else { throw fail("check", "'\(c)' is not one of \(known.joined(separator: ", "))") }
            switch check {
            case .shortLeadTime:
                guard let t = r.threshold, t > 0 else { throw fail("threshold", "short-lead-time needs a threshold in working hours > 0, such as 2") }
            case .urgentNoReason, .threatWithDemand:
                if r.phrases.isEmpty { throw fail("phrases", "\(c) needs a non-empty 'phrases' list (the \(check == .urgentNoReason ? "urgency words" : "threats") it looks for)") }
            case .stackedUrgent:
                if let m = r.min, m < 2 { throw fail("min", "stacked-urgent needs min ≥ 2 urgent demands") }
            default: break
            }
        }
        if r.check != nil && r.kind != .deadline { throw fail("check", "only a rule of kind 'deadline' takes a check") }
        if r.isCredit && r.severity != .info { throw fail("severity", "a politeness credit (negative weight) must have severity info") }
        if !r.id.contains(".") { throw fail("id", "'\(r.id)' should be 'category.name', for example 'tone.hostility'") }
    }

    static func parseScoring(_ v: JSONValue, ctx: Context) throws -> ScoringParameters {
        guard let o = v.objectValue else { throw ctx.error(nil, "scoring", "must be an object") }
        var p = ScoringParameters()
        for key in o.keys where !scoringKeys.contains(key) {
            throw ctx.error(nil, "scoring.\(key)", "unknown key; known keys are \(scoringKeys.sorted().joined(separator: ", "))", line: JSONValue.line(ofKey: key, in: ctx.lines))
        }
        func num(_ k: String) throws -> Double? { try ctx.number(o[k], rule: nil, field: "scoring.\(k)", line: JSONValue.line(ofKey: k, in: ctx.lines)) }
        if let x = try num("bias") { p.bias = x }
        if let x = try num("pointsPerLogit") { p.pointsPerLogit = x }
        if let x = try num("lengthReference") { p.lengthReference = x }
        if let x = try num("repeatDecay") { p.repeatDecay = x }
        if let x = try num("creditCap") { p.creditCap = x }
        if let x = try num("creditOffset") { p.creditOffset = max(0, x) }
        if p.pointsPerLogit <= 0 || p.lengthReference <= 0 || !(0...1).contains(p.repeatDecay) {
            throw ctx.error(nil, "scoring", "pointsPerLogit and lengthReference must be > 0 and repeatDecay within 0…1")
        }
        if let d = o["dilution"] {
            guard let dobj = d.objectValue else { throw ctx.error(nil, "scoring.dilution", "must be an object of severity: number") }
            for (k, v) in dobj {
                guard Severity(rawValue: k) != nil, let x = v.numberValue else {
                    throw ctx.error(nil, "scoring.dilution.\(k)", "keys are info, warning, error; values numbers")
                }
                p.dilution[k] = x
            }
        }
        if let l = o["labels"] {
            guard let arr = l.arrayValue else { throw ctx.error(nil, "scoring.labels", "must be a list of {name, min}") }
            p.labels = try arr.map {
                guard let lo = $0.objectValue, let n = lo["name"]?.stringValue, let m = lo["min"]?.numberValue else {
                    throw ctx.error(nil, "scoring.labels", "each label needs a string 'name' and a number 'min'")
                }
                return .init(name: n, min: m)
            }.sorted { $0.min > $1.min }
        }
        return p
    }
}

extension Substring.UTF8View {
    /// Whether the bytes contain `needle` (plain byte search, no Foundation).
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, count >= needle.count else { return false }
        var i = startIndex
        while i != endIndex {
            if self[i] == first, self[i...].starts(with: needle) { return true }
            i = index(after: i)
        }
        return false
    }
}
