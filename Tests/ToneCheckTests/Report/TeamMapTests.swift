import Foundation
import Testing
@testable import ToneCheck

@Suite struct TeamMapTests {
    @Test(arguments: [
        ("Grant Hollis <ops-lead@example.com>", "ops"),        // exact address
        ("someone@example.com", "other"),                       // the bare parent domain is not listed
        ("Dana <DANA@Ops.Example.com>", "ops"),                 // case-insensitive
        ("x@eu.support.example.com", "support"),                // subdomain of a listed domain
        ("x@notsupport.example.com", "other"),                  // a suffix that is not a subdomain
        ("", "other"),
    ])
    func teamOfAddress(_ value: String, _ team: String) {
        #expect(ReportFixture.teams.team(of: value) == team)
    }

    @Test func exactAddressWinsOverDomain() {
        var m = TeamMap()
        m.add("@example.com", to: "company")
        m.add("boss@example.com", to: "leads")
        #expect(m.team(of: "Boss <boss@example.com>") == "leads")
        #expect(m.team(of: "a@example.com") == "company")
        #expect(m.team(of: "a@ops.example.com") == "company")
    }

    @Test func parsesTheFileInOrder() throws {
        let text = """
            // teams
            {
              teams: {
                support: ["@support.example.com"],
                ops: ["ops-lead@example.com", "@ops.example.com",],
              },
            }
            """
        let m = try TeamMap.parse(Data(text.utf8), path: "teams.json5")
        #expect(m.teams == ["support", "ops"])
        #expect(m.team(of: "a@ops.example.com") == "ops")
    }

    @Test(arguments: [
        ("{\n  teams: { ops: [\"@ops.example.com\"] },\n  team: {},\n}", 3, "key 'team': unknown key"),
        ("{\n  teams: {\n    ops: [\"@ops.example.com\", 3],\n  },\n}", 3, "key 'teams.ops[1]': expected a string, found a number"),
        ("{\n  teams: {\n    ops: [\"ops team\"],\n  },\n}", 3, "'ops team' is neither an address"),
        ("{\n  teams: {\n    ops: [],\n  },\n}", 3, "the team has no members"),
        ("{\n  teams: [\"ops\"],\n}", 2, "key 'teams': expected an object"),
        ("{\n  teams: {\n    other: [\"@x.com\"],\n  },\n}", 3, "'other' cannot be a team name"),
        ("{\n  teams: {\n    ops: [\"@x.com\"\n  },\n}", 0, "not valid JSON5"),  // Foundation may not say where
        ("{}", 1, "key 'teams': missing"),
    ])
    func preciseErrors(_ text: String, _ line: Int, _ fragment: String) {
        do {
            _ = try TeamMap.parse(Data(text.utf8), path: "t.json5")
            Issue.record("expected an error for \(text)")
        } catch let e as ToneCheckError {
            let s = e.localizedDescription
            #expect(s.hasPrefix(line == 0 ? "t.json5:" : "t.json5:\(line): "), "\(s)")
            #expect(s.contains(fragment), "\(s)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
