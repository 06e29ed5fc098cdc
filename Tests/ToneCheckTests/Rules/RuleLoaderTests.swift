import Foundation
import Testing
@testable import ToneCheck

@Suite struct RuleLoaderTests {
    func error(_ text: String) -> String {
        do {
            _ = try RuleSet(packs: [try RuleLoader.parse(Data(text.utf8), path: "bad.json5")])
            return "no error"
        } catch {
            return error.localizedDescription
        }
    }

    static let good = """
        { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w', weight: 3 }
        """

    @Test func json5Features() throws {
        let text = """
            // a comment
            { pack: 'p', rules: [
              { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x',], message: 'm', why: 'w', weight: 3, },
            ], }
            """
        let pack = try RuleLoader.parse(Data(text.utf8), path: "p.json5")
        #expect(pack.rules.map(\.id) == ["t.a"])
        #expect(pack.rules[0].severity == .warning)
        #expect(pack.rules[0].scope == Rule.defaultScope)
        #expect(pack.rules[0].source?.line == 3)
    }

    @Test func syntaxErrorNamesLine() {
        let e = error("{ rules: [\n  { id: 't.a', \n  oops oops } ] }")
        #expect(e.hasPrefix("bad.json5:"))
        #expect(e.contains("not valid JSON5"))
    }

    @Test(arguments: [
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w', weight: 3, colour: 'red' } ] }", "bad.json5:1: rule t.a: field 'colour': unknown field"),
        ("{ rules: [ { id: 't.a', category: 'mood', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w', weight: 3 } ] }", "field 'category': 'mood' is not one of"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'magic', phrases: ['x'], message: 'm', why: 'w', weight: 3 } ] }", "field 'kind': 'magic' is not one of"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'phrase', message: 'm', why: 'w', weight: 3 } ] }", "field 'phrases': a phrase rule needs"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w' } ] }", "field 'weight': missing"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w', weight: 'high' } ] }", "field 'weight': must be a number"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'regex', regex: '(a+)+', message: 'm', why: 'w', weight: 1 } ] }", "field 'regex': a repeated group"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'pattern', patterns: ['(a|b'], message: 'm', why: 'w', weight: 1 } ] }", "field 'patterns': pattern '(a|b': a '(' is not closed"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w', weight: 1, scope: ['inbox'] } ] }", "field 'scope': 'inbox' is not a segment role"),
        ("{ rules: [ { id: 't.a', category: 'tone', kind: 'phrase', phrases: ['x'], message: 'm', why: 'w', weight: -1, severity: 'error' } ] }", "a politeness credit"),
        ("{ rulez: [] }", "field 'rulez': unknown key"),
        ("[1, 2]", "must hold one object"),
    ])
    func badFilesGetPreciseErrors(_ text: String, _ expected: String) {
        let e = error(text)
        #expect(e.contains(expected), "got: \(e)")
    }

    @Test func duplicateIdsAcrossPacksAreErrors() throws {
        let a = try RuleLoader.parse(Data("{ rules: [\(Self.good)] }".utf8), path: "a.json5")
        let b = try RuleLoader.parse(Data("{ rules: [\n\(Self.good)] }".utf8), path: "b.json5")
        #expect(throws: ToneCheckError.self) { _ = try RuleSet(packs: [a, b]) }
        do {
            _ = try RuleSet(packs: [a, b])
        } catch {
            #expect(error.localizedDescription == "b.json5:2: rule t.a: field 'id': duplicate id; already defined in a.json5:1")
        }
    }

    @Test func builtinPacksLoadAndCompile() throws {
        let rs = try RuleSet.standard()
        #expect(!rs.rules.isEmpty)
        #expect(rs.rules.allSatisfy { $0.source?.path.hasPrefix("builtin:Rules/") == true })
    }

    @Test func builtinPacksMatchTheRulesFolder() throws {
        // The embedded packs are generated from Rules/ at build time; check nothing drifted.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dir = root.appendingPathComponent("Rules")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json5") }.sorted()
        #expect(BuiltinRuleFiles.files.map(\.name) == names)
        for (name, text) in BuiltinRuleFiles.files {
            #expect(text == (try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)))
        }
    }
}
