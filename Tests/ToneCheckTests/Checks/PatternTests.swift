import Testing
@testable import ToneCheck

@Suite struct PatternTests {
    func expand(_ p: String, lists: [String: [String]] = [:]) throws -> [String] {
        try PatternParser.expand(p, inflect: false, lists: lists).map { seq in
            seq.map { atom -> String in
                switch atom {
                case .any: return "_"
                case .word(let w, _): return w
                }
            }.joined(separator: " ")
        }.sorted()
    }

    @Test func alternativesOptionalsAndGaps() throws {
        #expect(try expand("you (always|never)") == ["you always", "you never"])
        #expect(try expand("really? bad") == ["bad", "really bad"])
        #expect(try expand("(so|very)? rude") == ["rude", "so rude", "very rude"])
        #expect(try expand("drop ... ball") == ["drop _ _ _ ball", "drop _ _ ball", "drop _ ball", "drop ball"])
        #expect(try expand("send @things", lists: ["things": ["it", "the report"]]) == ["send it", "send the report"])
        #expect(try expand("not sure if you saw \\?") == ["not sure if you saw ?"])
    }

    @Test(arguments: ["_ start", "end ...", "(open", "close)", "@missing", "a||"])
    func rejectsBadPatterns(_ p: String) {
        #expect(throws: PatternParser.Failure.self) { _ = try PatternParser.expand(p, inflect: false, lists: [:]) }
    }

    @Test func inflections() {
        let f = Inflection.forms(of: "demand")
        #expect(f.isSuperset(of: ["demand", "demands", "demanded", "demanding"]))
        #expect(Inflection.forms(of: "drop").isSuperset(of: ["dropped", "dropping", "drops"]))
        #expect(Inflection.forms(of: "care").isSuperset(of: ["cares", "cared", "caring"]))
        #expect(Inflection.forms(of: "reply").isSuperset(of: ["replies", "replied", "replying"]))
        #expect(Inflection.forms(of: "dropped").contains("drop"))
    }
}
