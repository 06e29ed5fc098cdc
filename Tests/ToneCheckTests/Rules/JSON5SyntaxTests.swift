import Foundation
import Testing

@testable import ToneCheck

@Suite struct JSON5SyntaxTests {
    @Test(arguments: [
        "{}", "[]", "{ a: 1, }", "[1, 2,]", "// c\n{ 'a': \"b\", $x_1: [true, false, null] } /* end */",
        "{ n: [+1, -2.5, .5, 5., 0x1F, 1e3, -Infinity, NaN] }", "'line \\\ncontinued'", "{ a: { b: { c: [[]] } } }",
        "\u{FEFF}{ a: 1 }", "{ ключ: 'значение' }",
    ])
    func validTextHasNoProblem(_ text: String) {
        #expect(JSON5Syntax.firstProblem(in: Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        ("{ a: 1\n  b: 2 }", 2, 3, "expected ',' or '}' after a member"),
        ("[1 2]", 1, 4, "expected ',' or ']' after an element"),
        ("{ a 1 }", 1, 5, "expected ':' after the key"),
        ("{ a: }", 1, 6, "expected a value"),
        ("{ a: 'open\n}", 1, 6, "a string is not closed before the end of its line"),
        ("{ a: yes }", 1, 6, "'yes' is not a value"),
        ("{ a: 1 /* open", 1, 8, "a /* comment is not closed"),
        ("{ a: [1, 2 }", 1, 12, "expected ',' or ']' after an element"),
        ("{ a: 1 } x", 1, 10, "after the end of the top-level value"),
        ("{ a: 1,\n  b: 2", 2, 7, "an object is not closed"),
        ("{ 1a: 2 }", 1, 3, "expected a key"),
        ("{ é: 'ü', b c }", 1, 13, "expected ':' after the key"),
    ])
    func aProblemIsPlacedAndNamed(_ text: String, _ line: Int, _ column: Int, _ message: String) throws {
        let p = try #require(JSON5Syntax.firstProblem(in: Array(text.utf8)))
        #expect(p.line == line && p.column == column, "\(p)")
        #expect(p.message.contains(message), "\(p.message)")
    }

    @Test func deepNestingNeitherCrashesNorRecurses() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(JSON5Syntax.firstProblem(in: Array(deep.utf8)) == nil)
        let open = String(repeating: "{a:", count: 100_000)
        #expect(JSON5Syntax.firstProblem(in: Array(open.utf8))?.message.contains("expected a value") == true)
    }

    /// The built-in rule files with bytes deleted here and there: whenever Foundation
    /// accepts the result, so does the locator, and whenever Foundation refuses it, the
    /// locator names a place.
    @Test func agreesWithFoundation() throws {
        let files = try RuleLoader.builtinPacks().compactMap { $0.path }.compactMap { path -> [UInt8]? in
            let url = EmailTestSupport.root.appendingPathComponent(path.replacingOccurrences(of: "builtin:", with: ""))
            return try? [UInt8](Data(contentsOf: url))
        }
        #expect(!files.isEmpty)
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        var state: UInt64 = 99
        var refused = 0
        for round in 0..<300 {
            var bytes = files[round % files.count]
            for _ in 0..<(1 + round % 3) {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                bytes.remove(at: Int(state >> 33) % bytes.count)
            }
            guard String(validating: bytes, as: UTF8.self) != nil else { continue }
            let foundationAccepts = (try? decoder.decode(JSONValue.self, from: Data(bytes))) != nil
            let problem = JSON5Syntax.firstProblem(in: bytes)
            if foundationAccepts {
                #expect(problem == nil, "locator refuses what Foundation accepts: \(problem!)")
            } else {
                refused += 1
                #expect(problem != nil, "Foundation refuses a text the locator accepts (round \(round))")
            }
        }
        #expect(refused > 50)
    }

    @Test func aRuleFileSyntaxErrorNamesLineAndColumn() {
        let text = "{\n  pack: 'x',\n  rules: [\n    { id: 'tone.a' }\n    { id: 'tone.b' }\n  ]\n}\n"
        #expect {
            _ = try RuleLoader.parse(Data(text.utf8), path: "x.json5")
        } throws: { error in
            let message = (error as? LocalizedError)?.errorDescription ?? "\(error)"
            return message.contains("x.json5:5:5") && message.contains("expected ',' or ']' after an element")
        }
    }
}
