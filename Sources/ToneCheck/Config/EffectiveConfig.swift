import Foundation

/// The settings in force for one file: its config file's top level, with every matching
/// `overrides` entry applied on top.
public struct EffectiveConfig: Sendable {
    /// Config files that contributed, base first (empty when there is no config).
    public var sources: [String]
    /// The globs of the overrides that applied.
    public var overrides: [String]
    /// The merged settings.
    public var settings: ConfigSettings

    /// Creates an effective config.
    public init(sources: [String] = [], overrides: [String] = [], settings: ConfigSettings = ConfigSettings()) {
        self.sources = sources
        self.overrides = overrides
        self.settings = settings
    }

    /// The settings for `file` under `config` (nothing set when `config` is nil).
    public init(config: ToneCheckConfig?, file: String?) {
        guard let config else { self.init(); return }
        let (s, o) = config.settings(for: file)
        self.init(sources: config.sources, overrides: o, settings: s)
    }

    /// Whether `rule` is on: the last `disable`/`enable` naming it or its category wins.
    public func isEnabled(_ rule: Rule) -> Bool {
        settings.toggles.last(where: { $0.applies(to: rule) })?.enabled ?? true
    }

    /// Placeholder syntaxes in force (all unless the config says otherwise).
    public var templates: TemplateSyntaxes { settings.templates ?? .all }

    /// A key that is equal for configs that compile to the same rule set.
    public var ruleSetKey: String {
        (settings.rules ?? []).joined(separator: "\u{1}") + "\u{2}" + settings.toggles.map { ($0.enabled ? "+" : "-") + $0.name }.joined(separator: "\u{1}")
    }

    /// The effective config as JSON (stable key order), for `tonecheck config dump`.
    public func json(for file: String?) -> String {
        var w = JSONWriter()
        let s = settings
        w.beginObject()
        w.string("file", file)
        w.beginArray("configFiles")
        for p in sources { w.string(nil, p) }
        w.endArray()
        w.beginArray("overridesApplied")
        for o in overrides { w.string(nil, o) }
        w.endArray()
        w.beginArray("rules")
        for r in s.rules ?? [] { w.string(nil, r) }
        w.endArray()
        w.beginArray("disable")
        for r in s.disable ?? [] { w.string(nil, r) }
        w.endArray()
        w.beginArray("enable")
        for r in s.enable ?? [] { w.string(nil, r) }
        w.endArray()
        w.beginObject("severity")
        for (k, v) in (s.severity ?? [:]).sorted(by: { $0.key < $1.key }) { w.string(k, v.rawValue) }
        w.endObject()
        w.beginArray("allow")
        for a in s.allow ?? [] { w.string(nil, a) }
        w.endArray()
        w.string("failOn", s.failOn?.rawValue)
        w.number("minScore", s.minScore)
        w.bool("includeQuoted", s.includeQuoted ?? false)
        w.beginArray("templates")
        for n in templates.nameList { w.string(nil, n) }
        w.endArray()
        if let c = s.calendar {
            w.beginObject("calendar")
            w.beginArray("workingDays")
            for d in c.workingDays { w.int(nil, d) }
            w.endArray()
            func hhmm(_ m: Int) -> String { String(format: "%02d:%02d", m / 60, m % 60) }
            w.string("workingHours", hhmm(c.workingHoursStart) + "-" + hhmm(c.workingHoursEnd))
            w.string("timeZone", c.timeZone)
            w.beginArray("holidays")
            for h in c.holidays { w.string(nil, h) }
            w.endArray()
            w.endObject()
        } else {
            w.raw("calendar", "null")
        }
        w.beginObject("speakers")
        for (k, v) in (s.speakers ?? [:]).sorted(by: { $0.key < $1.key }) { w.string(k, v) }
        w.endObject()
        w.endObject()
        return w.output
    }
}
