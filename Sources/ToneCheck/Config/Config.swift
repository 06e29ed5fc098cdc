import Foundation

/// The fail threshold a config sets: a severity, or `none` (never fail on findings).
public enum FailOn: String, Sendable, Equatable, CaseIterable {
    /// Fail on any finding.
    case info
    /// Fail on warnings and errors.
    case warning
    /// Fail on errors only.
    case error
    /// Never fail on findings.
    case none

    /// The severity at or above which the gate trips, or nil for `none`.
    public var severity: Severity? { Severity(rawValue: rawValue) }
}

/// A business calendar: when people work. Carried for the deadline checks, which
/// judge "by 5pm today" against it.
public struct BusinessCalendarConfig: Sendable, Equatable {
    /// ISO weekdays worked: 1 = Monday ... 7 = Sunday.
    public var workingDays: [Int] = [1, 2, 3, 4, 5]
    /// Start of the working day, minutes after midnight.
    public var workingHoursStart: Int = 9 * 60
    /// End of the working day, minutes after midnight.
    public var workingHoursEnd: Int = 17 * 60 + 30
    /// An IANA time zone identifier (`Europe/London`), or nil for the message's own offset.
    public var timeZone: String?
    /// Non-working dates, `YYYY-MM-DD`.
    public var holidays: [String] = []

    /// Monday to Friday, 09:00–17:30, no holidays.
    public init() {}
}

/// Turning a rule (by id) or a whole category off or on.
public struct RuleToggle: Sendable, Equatable {
    /// A rule id or a category name.
    public var name: String
    /// On or off.
    public var enabled: Bool
    /// Whether the toggle names `rule` (its id, or its category).
    public func applies(to rule: Rule) -> Bool { name == rule.id || name == rule.category.rawValue }
}

/// One block of settings: the top of a config file, or one of its `overrides`.
/// Every field is optional; nil means "not set here".
public struct ConfigSettings: Sendable, Equatable {
    /// Extra rule files or folders (absolute paths, resolved against the config file's folder).
    public var rules: [String]?
    /// Rules or categories to turn off.
    public var disable: [String]?
    /// Rules or categories to turn back on.
    public var enable: [String]?
    /// Severity per rule id or category.
    public var severity: [String: Severity]?
    /// Team vocabulary: phrases whose words never count against a message.
    public var allow: [String]?
    /// The fail threshold.
    public var failOn: FailOn?
    /// The minimum acceptable score.
    public var minScore: Double?
    /// Check quoted text, signatures and disclaimers too.
    public var includeQuoted: Bool?
    /// Placeholder syntaxes that are on.
    public var templates: TemplateSyntaxes?
    /// The business calendar.
    public var calendar: BusinessCalendarConfig?
    /// Speaker name → side (`ops`, `support`, `customer`, ...).
    public var speakers: [String: String]?
    /// `disable` and `enable` in the order they apply (a block's disables, then its
    /// enables, block after block); the last toggle naming a rule or its category wins.
    public var toggles: [RuleToggle] = []

    /// Nothing set.
    public init() {}

    /// `other` applied on top of this: lists add up, maps merge, values replace.
    public func merged(with other: ConfigSettings) -> ConfigSettings {
        var m = self
        func add(_ a: [String]?, _ b: [String]?) -> [String]? { b == nil ? a : (a ?? []) + b! }
        m.rules = add(rules, other.rules)
        m.disable = add(disable, other.disable)
        m.enable = add(enable, other.enable)
        m.allow = add(allow, other.allow)
        m.toggles = toggles + other.toggles
        if let s = other.severity { m.severity = (severity ?? [:]).merging(s) { $1 } }
        if let s = other.speakers { m.speakers = (speakers ?? [:]).merging(s) { $1 } }
        m.failOn = other.failOn ?? failOn
        m.minScore = other.minScore ?? minScore
        m.includeQuoted = other.includeQuoted ?? includeQuoted
        m.templates = other.templates ?? templates
        m.calendar = other.calendar ?? calendar
        return m
    }
}

/// A loaded `.tonecheck.json5` (with whatever it `extends`).
public struct ToneCheckConfig: Sendable {
    /// One `overrides` entry: globs and the settings for files matching any of them.
    public struct Override: Sendable {
        /// Globs relative to the config file's folder.
        public var files: [Glob]
        /// Settings applied on top for matching files.
        public var settings: ConfigSettings
    }

    /// The config file (the one found or given; `extends` bases are in `sources`).
    public var path: String
    /// Every file that contributed, base first.
    public var sources: [String]
    /// The folder globs are relative to (the config file's folder).
    public var directory: String
    /// Settings for every file.
    public var base: ConfigSettings
    /// Per-path settings, in order.
    public var overrides: [Override]
    /// For each setting key, the file and line it was set at (for error messages).
    public var keyLines: [String: (path: String, line: Int?)]

    /// The settings that apply to `file` (a path as given on the command line or absolute).
    public func settings(for file: String?) -> (settings: ConfigSettings, overrides: [String]) {
        var s = base
        var applied: [String] = []
        guard let file else { return (s, applied) }
        let rel = ToneCheckConfig.relativePath(file, to: directory)
        for o in overrides where o.files.contains(where: { $0.matches(rel) }) {
            s = s.merged(with: o.settings)
            applied.append(o.files.map(\.pattern).joined(separator: ", "))
        }
        return (s, applied)
    }

    /// `file` relative to `directory` (`/`-separated); the absolute path when it is outside.
    public static func relativePath(_ file: String, to directory: String) -> String {
        let abs = ToneCheckConfig.absolute(file)
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        if abs.hasPrefix(dir) { return String(abs.dropFirst(dir.count)) }
        return abs
    }

    /// An absolute, standardized path.
    public static func absolute(_ path: String, relativeTo base: String? = nil) -> String {
        let full: String
        if path.hasPrefix("/") {
            full = path
        } else {
            let b = base ?? FileManager.default.currentDirectoryPath
            full = (b as NSString).appendingPathComponent(path)
        }
        return (full as NSString).standardizingPath
    }
}

/// Reads `.tonecheck.json5` files and finds the one that applies to a file.
public enum ConfigLoader {
    /// The config file name looked for.
    public static let fileName = ".tonecheck.json5"

    static let settingKeys: Set<String> = [
        "rules", "disable", "enable", "severity", "allow", "failOn", "minScore", "includeQuoted", "templates",
        "calendar", "speakers",
    ]
    static let topKeys: Set<String> = settingKeys.union(["extends", "overrides", "$schema"])
    static let overrideKeys: Set<String> = settingKeys.union(["files"])
    static let calendarKeys: Set<String> = ["workingDays", "workingHours", "timeZone", "holidays"]

    /// The nearest `.tonecheck.json5` in `directory` or a folder above it.
    public static func discover(from directory: String) -> String? {
        var dir = ToneCheckConfig.absolute(directory)
        while true {
            let candidate = (dir as NSString).appendingPathComponent(fileName)
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue { return candidate }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    /// Loads a config file and anything it `extends`.
    public static func load(path: String) throws -> ToneCheckConfig {
        try load(path: ToneCheckConfig.absolute(path), displayPath: path, chain: [])
    }

    static func load(path: String, displayPath: String, chain: [String]) throws -> ToneCheckConfig {
        if chain.contains(path) {
            throw ToneCheckError.config(path: displayPath, line: nil, key: "extends", message: "extends itself through \(chain.map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")); remove the loop")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ToneCheckError.config(path: displayPath, line: nil, key: nil, message: "cannot read the config file; check that it exists and is readable")
        }
        return try parse(data, path: path, displayPath: displayPath, chain: chain + [path])
    }

    /// Parses a config file's contents. Relative paths in it are resolved against the folder of `path`.
    public static func parse(_ data: Data, path: String, displayPath: String? = nil) throws -> ToneCheckConfig {
        try parse(data, path: ToneCheckConfig.absolute(path), displayPath: displayPath ?? path, chain: [ToneCheckConfig.absolute(path)])
    }

    static func parse(_ data: Data, path: String, displayPath: String, chain: [String]) throws -> ToneCheckConfig {
        let value: JSONValue
        do {
            value = try JSONValue.parseJSON5(data)
        } catch let e as JSONSyntaxError {
            throw ToneCheckError.config(path: displayPath, line: e.position?.line, key: nil, message: "not valid JSON5: " + e.message.prefix(1).lowercased() + e.message.dropFirst())
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let directory = (path as NSString).deletingLastPathComponent
        var ctx = Context(path: displayPath, lines: lines, directory: directory)
        guard let top = value.objectValue else {
            throw ToneCheckError.config(path: displayPath, line: 1, key: nil, message: "the config must be one object, not \(value.typeName)")
        }
        for key in top.keys.sorted() where !topKeys.contains(key) {
            throw ctx.error(key, "unknown key; expected one of \(topKeys.subtracting(["$schema"]).sorted().joined(separator: ", "))", from: 1)
        }
        var config = ToneCheckConfig(path: displayPath, sources: [displayPath], directory: directory, base: ConfigSettings(), overrides: [], keyLines: [:])
        if let ext = top["extends"] {
            guard let rel = ext.stringValue, !rel.isEmpty else { throw ctx.error("extends", "must be the path of another config file, not \(ext.typeName)", from: 1) }
            let basePath = ToneCheckConfig.absolute(rel, relativeTo: directory)
            let base = try load(path: basePath, displayPath: basePath, chain: chain)
            config.sources = base.sources + [displayPath]
            config.base = base.base
            // A base's overrides keep their own folder: re-root their globs only when the folders match.
            config.overrides = base.overrides
            config.keyLines = base.keyLines
        }
        let own = try ctx.settings(top, allowed: topKeys, from: 1)
        config.base = config.base.merged(with: own)
        for (k, v) in ctx.keyLines { config.keyLines[k] = (displayPath, v) }
        if let ov = top["overrides"] {
            let overridesLine = JSONValue.line(ofKey: "overrides", in: lines) ?? 1
            guard let list = ov.arrayValue else { throw ctx.error("overrides", "must be a list of {files: [...], ...} objects, not \(ov.typeName)", from: 1) }
            var searchFrom = overridesLine
            for (i, item) in list.enumerated() {
                guard let obj = item.objectValue else { throw ctx.error("overrides[\(i)]", "must be an object with 'files' and settings, not \(item.typeName)", line: overridesLine) }
                let filesLine = JSONValue.line(ofKey: "files", in: lines, from: searchFrom) ?? searchFrom
                for key in obj.keys.sorted() where !overrideKeys.contains(key) {
                    throw ctx.error("overrides[\(i)].\(key)", "unknown key; expected files or one of \(settingKeys.sorted().joined(separator: ", "))", line: JSONValue.line(ofKey: key, in: lines, from: max(overridesLine, filesLine - 8)))
                }
                guard let filesValue = obj["files"] else { throw ctx.error("overrides[\(i)].files", "missing; say which files the override is for, e.g. files: [\"urgent/**\"]", line: overridesLine) }
                let files: [String]
                if let s = filesValue.stringValue { files = [s] } else { files = try ctx.strings(filesValue, key: "overrides[\(i)].files", line: filesLine) }
                if files.isEmpty || files.contains(where: \.isEmpty) { throw ctx.error("overrides[\(i)].files", "needs at least one non-empty glob", line: filesLine) }
                ctx.prefix = "overrides[\(i)]."
                let settings = try ctx.settings(obj, allowed: overrideKeys, from: max(overridesLine, filesLine - 8))
                ctx.prefix = ""
                config.overrides.append(.init(files: files.map(Glob.init), settings: settings))
                searchFrom = filesLine + 1
            }
        }
        return config
    }

    struct Context {
        var path: String
        var lines: [Substring]
        var directory: String
        var prefix = ""
        var keyLines: [String: Int] = [:]

        func error(_ key: String, _ message: String, line: Int? = nil, from: Int = 1) -> ToneCheckError {
            let leaf = key.split(separator: ".").last.map(String.init) ?? key
            let bare = leaf.split(separator: "[").first.map(String.init) ?? leaf
            return .config(path: path, line: line ?? JSONValue.line(ofKey: bare, in: lines, from: from) ?? JSONValue.line(ofKey: bare, in: lines) ?? Context.anywhere(bare, in: lines), key: key, message: message)
        }

        /// The first line with `key:` anywhere in it (keys after `{` on one line).
        static func anywhere(_ key: String, in lines: [Substring]) -> Int? {
            lines.firstIndex { $0.contains("\(key):") || $0.contains("\"\(key)\"") || $0.contains("'\(key)'") }.map { $0 + 1 }
        }

        func strings(_ v: JSONValue, key: String, line: Int?) throws -> [String] {
            guard let a = v.arrayValue else { throw error(key, "must be a list of strings, not \(v.typeName)", line: line) }
            return try a.map {
                guard let s = $0.stringValue else { throw error(key, "must be a list of strings; found \($0.typeName)", line: line) }
                return s
            }
        }

        mutating func settings(_ obj: [String: JSONValue], allowed: Set<String>, from: Int) throws -> ConfigSettings {
            var s = ConfigSettings()
            func line(_ key: String) -> Int? { JSONValue.line(ofKey: key, in: lines, from: from) ?? JSONValue.line(ofKey: key, in: lines) ?? Context.anywhere(key, in: lines) }
            for key in obj.keys where ConfigLoader.settingKeys.contains(key) { keyLines[prefix + key] = line(key) }
            func list(_ key: String) throws -> [String]? {
                guard let v = obj[key] else { return nil }
                if let one = v.stringValue { return [one] }
                return try strings(v, key: prefix + key, line: line(key))
            }
            if let r = try list("rules") {
                s.rules = r.map { ToneCheckConfig.absolute($0, relativeTo: directory) }
                for (raw, abs) in zip(r, s.rules!) where !FileManager.default.fileExists(atPath: abs) {
                    throw error(prefix + "rules", "no rule file or folder '\(raw)' (looked for \(abs))", line: line("rules"))
                }
            }
            s.disable = try list("disable")
            s.enable = try list("enable")
            s.toggles = (s.disable ?? []).map { RuleToggle(name: $0, enabled: false) } + (s.enable ?? []).map { RuleToggle(name: $0, enabled: true) }
            s.allow = try list("allow")
            if let a = s.allow, let bad = a.first(where: { Tokenizer.tokenize(Array($0.utf8)).allSatisfy { !$0.isWord } }) {
                throw error(prefix + "allow", "'\(bad)' has no words to match", line: line("allow"))
            }
            if let v = obj["severity"] {
                guard let o = v.objectValue else { throw error(prefix + "severity", "must be an object such as { \"demand.asap\": \"info\" }, not \(v.typeName)", line: line("severity")) }
                var m: [String: Severity] = [:]
                for (k, lv) in o {
                    guard let str = lv.stringValue, let sev = Severity(rawValue: str) else {
                        throw error(prefix + "severity." + k, "must be info, warning or error, not \(lv.stringValue.map { "'\($0)'" } ?? lv.typeName)", line: JSONValue.line(ofKey: k, in: lines, from: line("severity") ?? from))
                    }
                    m[k] = sev
                }
                s.severity = m
            }
            if let v = obj["failOn"] {
                guard let str = v.stringValue, let f = FailOn(rawValue: str) else {
                    throw error(prefix + "failOn", "must be info, warning, error or none, not \(v.stringValue.map { "'\($0)'" } ?? v.typeName)", line: line("failOn"))
                }
                s.failOn = f
            }
            if let v = obj["minScore"] {
                guard let d = v.numberValue, d >= 0, d <= 100 else {
                    throw error(prefix + "minScore", "must be a number from 0 to 100, not \(v.numberValue.map { "\($0)" } ?? v.typeName)", line: line("minScore"))
                }
                s.minScore = d
            }
            if let v = obj["includeQuoted"] {
                guard let b = v.boolValue else { throw error(prefix + "includeQuoted", "must be true or false, not \(v.typeName)", line: line("includeQuoted")) }
                s.includeQuoted = b
            }
            if let v = obj["templates"] { s.templates = try templates(v, line: line("templates")) }
            if let v = obj["calendar"] { s.calendar = try calendar(v, line: line("calendar")) }
            if let v = obj["speakers"] {
                guard let o = v.objectValue else { throw error(prefix + "speakers", "must be an object of speaker name → side, such as { \"Dana\": \"ops\" }", line: line("speakers")) }
                var m: [String: String] = [:]
                for (k, sv) in o {
                    guard let side = sv.stringValue, !side.isEmpty else { throw error(prefix + "speakers." + k, "the side must be a non-empty string such as \"ops\" or \"support\"", line: line("speakers")) }
                    m[k] = side
                }
                s.speakers = m
            }
            return s
        }

        func templates(_ v: JSONValue, line: Int?) throws -> TemplateSyntaxes {
            let known = TemplateSyntaxes.names.map(\.name)
            func syntax(_ name: String) throws -> TemplateSyntaxes {
                guard let s = TemplateSyntaxes.names.first(where: { $0.name == name })?.syntax else {
                    throw error(prefix + "templates", "unknown syntax '\(name)'; use \(known.joined(separator: ", "))", line: line)
                }
                return s
            }
            if let b = v.boolValue { return b ? .all : [] }
            if let a = v.arrayValue {
                var set: TemplateSyntaxes = []
                for item in a {
                    guard let n = item.stringValue else { throw error(prefix + "templates", "must list syntax names (\(known.joined(separator: ", "))), found \(item.typeName)", line: line) }
                    set.insert(try syntax(n))
                }
                return set
            }
            if let o = v.objectValue {
                var set = TemplateSyntaxes.all
                for (k, bv) in o {
                    let s = try syntax(k)
                    guard let on = bv.boolValue else { throw error(prefix + "templates." + k, "must be true or false, not \(bv.typeName)", line: line) }
                    if on { set.insert(s) } else { set.remove(s) }
                }
                return set
            }
            throw error(prefix + "templates", "must be a list of syntaxes, an object of syntax → true/false, or true/false; not \(v.typeName)", line: line)
        }

        func calendar(_ v: JSONValue, line: Int?) throws -> BusinessCalendarConfig {
            guard let o = v.objectValue else { throw error(prefix + "calendar", "must be an object with workingDays, workingHours, timeZone, holidays", line: line) }
            for k in o.keys.sorted() where !ConfigLoader.calendarKeys.contains(k) {
                throw error(prefix + "calendar." + k, "unknown key; expected one of \(ConfigLoader.calendarKeys.sorted().joined(separator: ", "))", line: JSONValue.line(ofKey: k, in: lines, from: line ?? 1))
            }
            var c = BusinessCalendarConfig()
            let days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            if let d = o["workingDays"] {
                guard let a = d.arrayValue, !a.isEmpty else { throw error(prefix + "calendar.workingDays", "must be a non-empty list of days such as [\"mon\", \"tue\"] or 1-7 (Monday = 1)", line: line) }
                c.workingDays = try a.map { item in
                    if let n = item.numberValue, n == n.rounded(), n >= 1, n <= 7 { return Int(n) }
                    if let s = item.stringValue, let i = days.firstIndex(of: String(s.lowercased().prefix(3))) { return i + 1 }
                    throw error(prefix + "calendar.workingDays", "'\(item.stringValue ?? item.typeName)' is not a day; use mon ... sun or 1-7", line: line)
                }
            }
            if let h = o["workingHours"] {
                func minutes(_ s: String) -> Int? {
                    let parts = s.trimmingCharacters(in: .whitespaces).split(separator: ":")
                    guard parts.count == 2, let hh = Int(parts[0]), let mm = Int(parts[1]), (0...24).contains(hh), (0...59).contains(mm), hh * 60 + mm <= 1440 else { return nil }
                    return hh * 60 + mm
                }
                var pair: (String, String)?
                if let s = h.stringValue {
                    let p = s.split(separator: "-")
                    if p.count == 2 { pair = (String(p[0]), String(p[1])) }
                } else if let ho = h.objectValue, let a = ho["start"]?.stringValue, let b = ho["end"]?.stringValue {
                    pair = (a, b)
                }
                guard let pair, let a = minutes(pair.0), let b = minutes(pair.1), a < b else {
                    throw error(prefix + "calendar.workingHours", "must be \"HH:MM-HH:MM\" (start before end), or {start: \"09:00\", end: \"17:30\"}", line: line)
                }
                c.workingHoursStart = a
                c.workingHoursEnd = b
            }
            if let t = o["timeZone"] {
                guard let s = t.stringValue, TimeZone(identifier: s) != nil else {
                    throw error(prefix + "calendar.timeZone", "'\(t.stringValue ?? t.typeName)' is not a known time zone; use an IANA name such as \"Europe/London\"", line: line)
                }
                c.timeZone = s
            }
            if let hv = o["holidays"] {
                let list = try strings(hv, key: prefix + "calendar.holidays", line: line)
                for d in list {
                    let p = d.split(separator: "-")
                    guard p.count == 3, p[0].count == 4, let _ = Int(p[0]), let m = Int(p[1]), let day = Int(p[2]), (1...12).contains(m), (1...31).contains(day) else {
                        throw error(prefix + "calendar.holidays", "'\(d)' is not a date; use YYYY-MM-DD", line: line)
                    }
                }
                c.holidays = list
            }
            return c
        }
    }
}

extension BusinessCalendarConfig {
    /// The calendar the deadline checks use (ISO weekdays converted to `Calendar`'s 1 = Sunday).
    public var businessCalendar: BusinessCalendar {
        var c = BusinessCalendar()
        c.workingDays = Set(workingDays.map { $0 % 7 + 1 })
        c.workStart = workingHoursStart
        c.workEnd = workingHoursEnd
        c.timeZone = timeZone.flatMap(TimeZone.init(identifier:))
        c.holidays = Dictionary(holidays.map { ($0, "holiday") }, uniquingKeysWith: { a, _ in a })
        return c
    }
}
