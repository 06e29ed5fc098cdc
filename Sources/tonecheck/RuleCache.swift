import ToneCheck

/// Rule packs and compiled rule sets, each loaded or compiled once per run: the built-in
/// packs are parsed once, and every input whose config asks for the same rules shares one
/// compiled rule set (also with the one the command line alone asks for).
final class RuleCache {
    private var packs: [String: [RulePack]] = [:]
    private var sets: [String: RuleSet] = [:]
    private var builtinSet: RuleSet?

    /// The built-in rules as compiled ahead of time (every rule on).
    private func compiledBuiltin() throws -> RuleSet {
        if let b = builtinSet { return b }
        let b = try RuleSet.builtin()
        builtinSet = b
        return b
    }

    /// The key of a choice of rule files.
    private static func filesKey(extra: [String], builtin: Bool) -> String { (builtin ? "+" : "-") + extra.joined(separator: "\u{1}") }

    /// A key for what turns rules on and off: --disable, --enable and a config's toggles.
    static func switchKey(disable: [String], enable: [String], toggles: [RuleToggle]) -> String {
        disable.joined(separator: "\u{1}") + "\u{2}" + enable.joined(separator: "\u{1}") + "\u{2}"
            + toggles.map { ($0.enabled ? "+" : "-") + $0.name }.joined(separator: "\u{1}")
    }

    /// The switch key when no rule is turned on or off.
    static let nothingSwitched = switchKey(disable: [], enable: [], toggles: [])

    /// The packs for `extra` rule files (after the built-in ones unless `builtin` is false).
    func packs(extra: [String], builtin: Bool) throws -> [RulePack] {
        let key = RuleCache.filesKey(extra: extra, builtin: builtin)
        if let p = packs[key] { return p }
        let p = try RuleSet.packs(extraRulePaths: extra, includeBuiltin: builtin)
        packs[key] = p
        return p
    }

    /// The rule set compiled from `extra` rule files with `isEnabled`, cached under `key`
    /// (a `switchKey`), which must name everything `isEnabled` depends on.
    func ruleSet(extra: [String], builtin: Bool, key: String, isEnabled: (Rule) -> Bool) throws -> RuleSet {
        let full = RuleCache.filesKey(extra: extra, builtin: builtin) + "\u{3}" + key
        if let rs = sets[full] { return rs }
        // The built-in rules: the copy compiled ahead of time, with the rules switched off
        // left out (no compiling, when that gives the same rule set).
        let rs: RuleSet
        if builtin && extra.isEmpty && key == RuleCache.nothingSwitched {
            rs = try compiledBuiltin()
        } else if builtin && extra.isEmpty, let b = try compiledBuiltin().filtered(isEnabled) {
            rs = b
        } else {
            rs = try RuleSet(packs: try packs(extra: extra, builtin: builtin), isEnabled: isEnabled)
        }
        sets[full] = rs
        return rs
    }

    /// The first of `names` that is neither a rule id in these packs nor a category, with
    /// every known name (for the error); nil when all are known. Packs are loaded only
    /// when there is a name to look up.
    func unknown(_ names: [String], extra: [String], builtin: Bool) throws -> (name: String, known: [String])? {
        let candidates = names.filter { Category(rawValue: $0) == nil }
        guard !candidates.isEmpty else { return nil }
        // The built-in rules' ids without parsing their files.
        let all = builtin && extra.isEmpty ? try compiledBuiltin().rules.map(\.id) : try packs(extra: extra, builtin: builtin).flatMap { $0.rules.map(\.id) }
        let ids = Set(all)
        guard let name = candidates.first(where: { !ids.contains($0) }) else { return nil }
        return (name, all + Category.allCases.map(\.rawValue))
    }
}
