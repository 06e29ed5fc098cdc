import Foundation
import Testing
@testable import ToneCheck

@Suite struct ConfigTests {
    func parse(_ text: String, path: String = "/proj/.tonecheck.json5") throws -> ToneCheckConfig {
        try ConfigLoader.parse(Data(text.utf8), path: path)
    }

    func configError(_ text: String) -> ToneCheckError? {
        do { _ = try parse(text); return nil } catch let e as ToneCheckError { return e } catch { return nil }
    }

    @Test func parsesEveryKey() throws {
        let c = try parse("""
            // comment
            {
              disable: ["tone"], enable: ["tone.condescension"],
              severity: { "demand": "error" },
              allow: ["Urgent Care Plan"],
              failOn: "warning", minScore: 55, includeQuoted: true,
              templates: { percent: false },
              calendar: { workingDays: ["mon", "tue", 3], workingHours: "08:30-16:00", timeZone: "Europe/London", holidays: ["2026-12-25"] },
              speakers: { "Dana": "ops" },
            }
            """)
        let s = c.base
        #expect(s.failOn == .warning)
        #expect(s.minScore == 55)
        #expect(s.includeQuoted == true)
        #expect(s.severity == ["demand": .error])
        #expect(s.allow == ["Urgent Care Plan"])
        #expect(s.templates == TemplateSyntaxes.all.subtracting(.percent))
        #expect(s.calendar?.workingDays == [1, 2, 3])
        #expect(s.calendar?.workingHoursStart == 8 * 60 + 30)
        #expect(s.calendar?.workingHoursEnd == 16 * 60)
        #expect(s.calendar?.timeZone == "Europe/London")
        #expect(s.speakers == ["Dana": "ops"])
        // Toggles: the category is off, the one rule back on.
        let e = EffectiveConfig(config: c, file: "/proj/a.txt")
        let rules = GateSupport.ruleSet.rules
        #expect(e.isEnabled(rules.first { $0.id == "tone.condescension" }!))
        #expect(!e.isEnabled(rules.first { $0.id == "tone.blame" }!))
        #expect(e.isEnabled(rules.first { $0.id == "demand.asap" }!))
    }

    @Test func unknownKeyNamesFileLineAndKey() {
        let e = configError("{\n  failOn: \"error\",\n  failsOn: \"warning\",\n}\n")
        guard case .config(let path, let line, let key, let message)? = e else {
            Issue.record("expected a config error")
            return
        }
        #expect(path == "/proj/.tonecheck.json5")
        #expect(line == 3)
        #expect(key == "failsOn")
        #expect(message.hasPrefix("unknown key; expected one of"))
        #expect(e?.localizedDescription.hasPrefix("/proj/.tonecheck.json5:3: key 'failsOn': unknown key") == true)
    }

    @Test(arguments: [
        ("{\n failOn: \"loud\" }", 2, "failOn", "must be info, warning, error or none"),
        ("{\n\n minScore: 120 }", 3, "minScore", "from 0 to 100"),
        ("{\n severity: {\n  \"demand\": \"fatal\" } }", 3, "severity.demand", "must be info, warning or error"),
        ("{ templates: [\"erb\"] }", 1, "templates", "unknown syntax 'erb'"),
        ("{\n calendar: {\n timeZone: \"Mars/Base\" } }", 2, "calendar.timeZone", "not a known time zone"),
        ("{\n calendar: {\n  workingHours: \"17:00-09:00\" } }", 2, "calendar.workingHours", "start before end"),
        ("{\n calendar: {\n  weekends: true } }", 3, "calendar.weekends", "unknown key"),
        ("{\n overrides: [\n  { files: [\"a/**\"],\n    failon: \"none\" } ] }", 4, "overrides[0].failon", "unknown key"),
        ("{\n overrides: [\n  { failOn: \"none\" } ] }", 2, "overrides[0].files", "missing"),
        ("{\n allow: [\"...\"] }", 2, "allow", "has no words"),
    ])
    func badValuesAreErrors(text: String, line: Int, key: String, message: String) {
        guard case .config(let path, let l, let k, let m)? = configError(text) else {
            Issue.record("no config error for \(text)")
            return
        }
        #expect(path == "/proj/.tonecheck.json5")
        #expect(l == line)
        #expect(k == key)
        #expect(m.contains(message), "\(m)")
    }

    @Test func syntaxErrorIsAConfigError() {
        // Foundation's JSON5 decoder gives a position on some platforms only; the file is always named.
        guard case .config(let path, _, _, let m)? = configError("{\n  failOn: \"error\"\n  minScore: 3,,\n}") else {
            Issue.record("expected a syntax error")
            return
        }
        #expect(path == "/proj/.tonecheck.json5")
        #expect(m.hasPrefix("not valid JSON5"))
    }

    @Test func overridesApplyByGlobInOrder() throws {
        let c = try parse("""
            {
              failOn: "warning", severity: { "tone": "error" },
              overrides: [
                { files: ["legacy/**"], failOn: "none", disable: ["demand"] },
                { files: ["*.hbs"], severity: { "tone": "info" }, allow: ["ASAP"] },
              ],
            }
            """)
        let plain = EffectiveConfig(config: c, file: "/proj/replies/a.txt")
        #expect(plain.settings.failOn == .warning)
        #expect(plain.overrides.isEmpty)
        let legacy = EffectiveConfig(config: c, file: "/proj/legacy/x/old.hbs")
        #expect(legacy.settings.failOn == FailOn.none)
        #expect(legacy.overrides == ["legacy/**", "*.hbs"])
        #expect(legacy.settings.severity == ["tone": .info])
        #expect(legacy.settings.allow == ["ASAP"])
        #expect(!legacy.isEnabled(GateSupport.ruleSet.rules.first { $0.id == "demand.asap" }!))
        // A path outside the config's folder matches no folder glob.
        #expect(EffectiveConfig(config: c, file: "/elsewhere/legacy/a.txt").overrides.isEmpty)
    }

    @Test func discoveryWalksUpAndExtendsResolvesRelativePaths() throws {
        let dir = try GateSupport.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try GateSupport.write(GateSupport.rulesText, "shared/rules.json5", in: dir)
        try GateSupport.write("{ rules: [\"rules.json5\"], failOn: \"info\", allow: [\"a b\"] }", "shared/base.json5", in: dir)
        try GateSupport.write("{ extends: \"../shared/base.json5\", minScore: 50, allow: [\"c\"] }", "repo/.tonecheck.json5", in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/repo/deep/er", withIntermediateDirectories: true)
        let found = ConfigLoader.discover(from: dir + "/repo/deep/er")
        #expect(found.map { ($0 as NSString).standardizingPath } == (dir + "/repo/.tonecheck.json5" as NSString).standardizingPath)
        #expect(ConfigLoader.discover(from: dir + "/shared") == nil || ConfigLoader.discover(from: dir + "/shared")?.hasPrefix(dir) == false)
        let c = try ConfigLoader.load(path: found!)
        #expect(c.base.failOn == .info)
        #expect(c.base.minScore == 50)
        #expect(c.base.allow == ["a b", "c"])
        #expect(c.base.rules?.count == 1)
        #expect(c.base.rules?.first?.hasSuffix("/shared/rules.json5") == true)
        #expect(c.sources.count == 2)
    }

    @Test func missingRuleFileAndExtendsLoopAreErrors() throws {
        let dir = try GateSupport.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = try GateSupport.write("{\n  rules: [\"nope.json5\"]\n}", ".tonecheck.json5", in: dir)
        #expect(throws: ToneCheckError.self) { try ConfigLoader.load(path: p) }
        do { _ = try ConfigLoader.load(path: p) } catch let e as ToneCheckError {
            #expect(e.localizedDescription.contains(":2: key 'rules': no rule file or folder 'nope.json5'"))
        }
        let a = try GateSupport.write("{ extends: \"b.json5\" }", "a.json5", in: dir)
        try GateSupport.write("{ extends: \"a.json5\" }", "b.json5", in: dir)
        do {
            _ = try ConfigLoader.load(path: a)
            Issue.record("a loop must be an error")
        } catch let e as ToneCheckError {
            #expect(e.localizedDescription.contains("extends itself"))
        }
    }

    @Test func dumpIsJSONWithEffectiveValues() throws {
        let c = try parse("{ failOn: \"none\", templates: [\"mustache\"], calendar: { workingHours: \"09:00-17:30\" } }")
        let json = EffectiveConfig(config: c, file: "/proj/a.md").json(for: "a.md")
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(obj?["failOn"] as? String == "none")
        #expect(obj?["templates"] as? [String] == ["mustache"])
        #expect((obj?["calendar"] as? [String: Any])?["workingHours"] as? String == "09:00-17:30")
    }
}
