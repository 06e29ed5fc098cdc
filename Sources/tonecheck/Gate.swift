import Foundation
import ToneCheck

/// Config discovery and per-file setup: which config applies to a file, the rule set it
/// compiles to (cached), and the gate's thresholds.
final class Gate {
    let args: Arguments
    /// Every rule compiled in this run, for reporters that describe rules.
    let catalog = RuleCatalog()
    private var explicitConfig: ToneCheckConfig?
    private var configByDirectory: [String: String?] = [:]  // folder → config path
    private var configByPath: [String: ToneCheckConfig] = [:]
    private var absoluteFolder: [String: String] = [:]  // a file's folder as written → absolute
    private var ruleSets: [String: RuleSet] = [:]
    private var validated: Set<String> = []
    private let rules: RuleCache

    init(args: Arguments, rules: RuleCache = RuleCache()) throws {
        self.args = args
        self.rules = rules
        if let p = args.configPath { explicitConfig = try ConfigLoader.load(path: p) }
    }

    /// The config for an input (a file path, or nil for stdin).
    func config(for file: String?) throws -> ToneCheckConfig? {
        if args.noConfig { return nil }
        if let explicitConfig { return explicitConfig }
        let dir: String
        if let file {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isDir), isDir.boolValue {
                dir = ToneCheckConfig.absolute(file)
            } else {
                // The folder the file is listed in (a symbolic link to a file elsewhere is
                // configured where it is listed). Making it absolute resolves symbolic links,
                // a system call per component: once per folder, not once per file.
                let folder = (file as NSString).deletingLastPathComponent
                if let known = absoluteFolder[folder] {
                    dir = known
                } else {
                    dir = ToneCheckConfig.absolute(folder.isEmpty ? "." : folder)
                    absoluteFolder[folder] = dir
                }
            }
        } else {
            dir = FileManager.default.currentDirectoryPath
        }
        let path: String?
        if let cached = configByDirectory[dir] {
            path = cached
        } else {
            path = ConfigLoader.discover(from: dir)
            configByDirectory[dir] = .some(path)
        }
        guard let path else { return nil }
        if let c = configByPath[path] { return c }
        let c = try ConfigLoader.load(path: Gate.display(path))
        configByPath[path] = c
        return c
    }

    /// The effective config for an input file (or stdin, named by --stdin-filename).
    func effective(for file: String?, stdin: Bool) throws -> EffectiveConfig {
        let lookup = stdin ? args.stdinFilename : file
        let config = try config(for: lookup)
        return EffectiveConfig(config: config, file: lookup)
    }

    /// The rule set for an effective config: built-in packs (unless --no-default-rules),
    /// the config's rule files, --rules; minus what the config and --enable/--disable turn off.
    func ruleSet(for e: EffectiveConfig) throws -> RuleSet {
        let key = e.ruleSetKey
        if let rs = ruleSets[key] { return rs }
        let extra = (e.settings.rules ?? []) + args.rulePaths
        let switches = RuleCache.switchKey(disable: args.disable, enable: args.enable, toggles: e.settings.toggles)
        let builtin = !args.noDefaultRules
        if let u = try rules.unknown(args.disable + args.enable, extra: extra, builtin: builtin) {
            throw ToneCheckError.unknown(what: "rule or category", name: u.name, known: u.known)
        }
        if !validated.contains(key) {
            for t in e.settings.toggles {
                guard let u = try rules.unknown([t.name], extra: extra, builtin: builtin) else { continue }
                let (where_, line) = Gate.locate(t.name, in: e.sources)
                throw ToneCheckError.config(
                    path: where_, line: line, key: t.enabled ? "enable" : "disable",
                    message: ToneCheckError.unknown(what: "rule or category", name: u.name, known: u.known).localizedDescription)
            }
            for name in (e.settings.severity ?? [:]).keys.sorted() {
                guard let u = try rules.unknown([name], extra: extra, builtin: builtin) else { continue }
                let (where_, line) = Gate.locate(name, in: e.sources)
                throw ToneCheckError.config(
                    path: where_, line: line, key: "severity",
                    message: ToneCheckError.unknown(what: "rule or category", name: u.name, known: u.known).localizedDescription)
            }
            validated.insert(key)
        }
        let disabled = Set(args.disable), enabled = Set(args.enable)
        let rs = try rules.ruleSet(extra: extra, builtin: builtin, key: switches) { rule in
            if disabled.contains(rule.id) || disabled.contains(rule.category.rawValue) { return false }
            if !enabled.isEmpty { return enabled.contains(rule.id) || enabled.contains(rule.category.rawValue) }
            return e.isEnabled(rule)
        }
        ruleSets[key] = rs
        catalog.add(rs)
        return rs
    }

    /// The fail threshold for a file: --fail-on, else the config's failOn, else error.
    func failOn(_ e: EffectiveConfig) -> Severity? {
        if args.failOnGiven { return args.failOn }
        if let f = e.settings.failOn { return f.severity }
        return args.failOn
    }

    /// The minimum score for a file: --min-score, else the config's minScore.
    func minScore(_ e: EffectiveConfig) -> Double? { args.minScore ?? e.settings.minScore }

    /// Whether a report trips the gate under `e`.
    func tripped(_ r: DocumentReport, _ e: EffectiveConfig) -> Bool {
        Gate.tripped(r, failOn: failOn(e), minScore: minScore(e))
    }

    /// Whether a report trips a gate of these thresholds (a file's, worked out once).
    static func tripped(_ r: DocumentReport, failOn: Severity?, minScore: Double?) -> Bool {
        if let failOn, r.findings.contains(where: { !$0.isCredit && $0.severity >= failOn }) { return true }
        if let min = minScore, r.score.overall.isFinite, r.score.overall < min { return true }
        return false
    }

    /// The first config file (of `sources`) and line where `name` appears quoted.
    static func locate(_ name: String, in sources: [String]) -> (String, Int?) {
        for path in sources.reversed() {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            if let i = lines.firstIndex(where: { $0.contains("\"\(name)\"") || $0.contains("'\(name)'") }) { return (path, i + 1) }
        }
        return (sources.last ?? ConfigLoader.fileName, nil)
    }

    /// A path relative to the working folder when it is inside it (for messages).
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
