import Foundation
import Testing
@testable import ToneCheck

@Suite struct HTMLReportTests {
    typealias F = ReportFixture

    /// Every tag in the page (text from data is escaped, so every `<` opens a tag of ours).
    func tags(_ html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            guard let gt = rest[lt...].firstIndex(of: ">") else { out.append(String(rest[lt...])); break }
            out.append(String(rest[lt...gt]))
            rest = rest[rest.index(after: gt)...]
        }
        return out
    }

    static let allowed: Set<String> = [
        "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "main", "section", "div",
        "nav", "a", "small", "ul", "li", "b", "span", "table", "thead", "tbody", "tr", "th", "td", "code", "details", "summary",
        "pre", "mark", "footer", "script", "svg", "line", "text", "rect", "path", "circle",
    ]

    func hostileSummary() -> BatchSummary {
        var o = ReportOptions()
        o.teams = TeamMap(["<b>ops</b>": ["@ops.example.com"]])
        var s = BatchSummary(options: o)
        let text = """
            Hi <script>alert('body')</script> team,
            "><img src=x onerror=alert(1)> see <a href="javascript:alert(2)">this link</a> or javascript:alert(3)
            What is wrong with you? <svg onload=alert(4)> https://evil.example/x.js
            </pre></details><script>alert(5)</script>
            """
        s.add(F.message(text, from: "\"><script>alert(6)</script> <a@ops.example.com>", to: ["<img src=x onerror=alert(7)>@support.example.com"],
                        subject: "<script>alert('subject')</script>", date: "2026-11-09T13:10:00+00:00", id: "\"><img onerror=alert(8)>"))
        s.add(F.message("Thank you so much!", from: "b@support.example.com", date: "2026-11-02T09:00:00Z", id: "2"))
        return s
    }

    @Test func hostileMessageTextRendersAsText() throws {
        let html = HTMLReportRenderer.render(hostileSummary(), nonce: "n0nce")
        let all = tags(html)
        // The only script element is ours, with the nonce.
        let scripts = all.filter { $0.lowercased().hasPrefix("<script") }
        #expect(scripts == ["<script nonce=\"n0nce\">"])
        #expect(html.components(separatedBy: "<script").count == 2)
        for t in all {
            let name = String(t.dropFirst().prefix { $0 != " " && $0 != ">" && $0 != "/" }).replacingOccurrences(of: "/", with: "")
            let closing = t.hasPrefix("</")
            let tagName = closing ? String(t.dropFirst(2).prefix { $0 != ">" }) : name
            #expect(Self.allowed.contains(tagName), "unexpected tag \(t)")
            #expect(!t.lowercased().contains("onerror"), "handler in tag \(t)")
            #expect(!t.lowercased().contains("onload"), "handler in tag \(t)")
            #expect(!t.lowercased().contains("javascript:"), "javascript: in tag \(t)")
        }
        // The text is there, escaped.
        #expect(html.contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;this link&lt;/a&gt;"))
        #expect(html.contains("&lt;/pre&gt;&lt;/details&gt;"))
        #expect(html.contains("&lt;b&gt;ops&lt;/b&gt;"))
        // Every link stays inside the page.
        for t in all where t.contains("href=") { #expect(t.contains("href=\"#"), "\(t)") }
    }

    @Test func findingsAreHighlightedWithTheirMessage() {
        let html = HTMLReportRenderer.render(hostileSummary(), nonce: "n")
        #expect(html.contains("<mark class=\"error\" title=\"tone.hostility: “What is wrong with you” is hostile\">What is wrong with you</mark>"))
    }

    @Test func pageIsSelfContained() {
        var s = BatchSummary()
        s.add(F.message("See https://example.com/a.png and http://example.com/x.js", from: "a@b.com", date: "2026-11-09T13:10:00Z"))
        let html = HTMLReportRenderer.render(s, nonce: "n")
        for t in tags(html) {
            #expect(!t.contains("src="), "\(t)")
            #expect(!t.contains("http://") && !t.contains("https://"), "\(t)")
            #expect(!t.contains("url("), "\(t)")
        }
        #expect(!html.contains("@import"))
        #expect(!html.contains("<link"))
        #expect(html.contains("default-src 'none'"))
        #expect(html.contains("script-src 'nonce-n'"))
    }

    @Test func chartsAndSectionsArePresent() {
        var s = BatchSummary(options: { var o = ReportOptions(); o.teams = F.teams; return o }())
        s.add(F.message("Do your job.", from: "a@ops.example.com", date: "2026-11-03T10:00:00Z"))
        s.add(F.message("Thanks a lot!", from: "b@support.example.com", date: "2026-11-10T10:00:00Z"))
        s.add(F.message("Thanks again, great work.", from: "a@ops.example.com", date: "2026-11-11T10:00:00Z"))
        let html = HTMLReportRenderer.render(s, nonce: "n")
        #expect(html.components(separatedBy: "<svg ").count == 4)
        for h in ["Score distribution", "Score per team per week", "Most frequent rules", "By team", "By ISO week", "By sender", "Demands with unreasonable lead times", "Worst messages"] {
            #expect(html.contains("<h2>\(h)") , "\(h)")
        }
        // The trend has a line per team and one for everyone, with the legend.
        #expect(html.components(separatedBy: "<path ").count == 4)
        #expect(html.contains(">2026-W45</text>") && html.contains(">2026-W46</text>"))
        #expect(html.contains("<details class=\"msg\" open>"))
        #expect(html.contains("class=\"sortable\""))
    }
}
