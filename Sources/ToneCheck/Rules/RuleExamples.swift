/// Runs the examples every rule carries: triggering examples must trigger (at each `↓`
/// marker when there are markers), clean ones must not, and no triggering example may
/// trigger when it sits in a `>` quoted reply or below a `-- ` signature separator.
public enum RuleExamples {
    /// The marker that shows where a finding must start.
    public static let marker = "↓"

    /// One example that did not behave.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        /// The rule.
        public var ruleID: String
        /// Where the rule is defined.
        public var source: String
        /// The example text, as written.
        public var example: String
        /// What went wrong.
        public var problem: String

        /// `source: rule id: problem: "example"`.
        public var description: String { "\(source): rule \(ruleID): \(problem): \"\(example)\"" }
    }

    /// Removes markers; returns the text and the byte offsets where markers stood.
    public static func stripMarkers(_ example: String) -> (text: String, offsets: [Int]) {
        var text = ""
        var offsets: [Int] = []
        var bytes = 0
        for ch in example {
            if String(ch) == marker {
                offsets.append(bytes)
            } else {
                text.append(ch)
                bytes += String(ch).utf8.count
            }
        }
        return (text, offsets)
    }

    /// Splits an example's optional send-time prefix, `@2026-11-27T16:50:00-05:00 text`,
    /// from its text; deadline examples use it to say when the text was sent.
    public static func sendTime(_ example: String) -> (now: ReferenceTime?, text: String) {
        guard example.hasPrefix("@"), let space = example.firstIndex(of: " "),
            let t = ReferenceTime.parse(String(example[example.index(after: example.startIndex)..<space]))
        else { return (nil, example) }
        return (t, String(example[example.index(after: space)...]))
    }

    /// Checks the examples of `rules` (default: all) with the full rule set.
    public static func run(_ ruleSet: RuleSet, only ids: Set<String>? = nil) -> [Failure] {
        var options = CheckOptions()
        options.reportSignals = true  // every rule's matches are listed, signals included
        let checker = ToneChecker(ruleSet: ruleSet, options: options)
        var failures: [Failure] = []
        for rule in ruleSet.rules where ids?.contains(rule.id) ?? true {
            let source = rule.source.map { $0.path + ($0.line.map { ":\($0)" } ?? "") } ?? "<rules>"
            func fail(_ example: String, _ problem: String) {
                failures.append(Failure(ruleID: rule.id, source: source, example: example, problem: problem))
            }
            var now: ReferenceTime?
            func starts(_ text: String) -> [Int] {
                checker.report(text: text, now: now).findings.filter { $0.ruleID == rule.id }.compactMap(\.start.byteOffset)
            }
            // Examples of rules that apply only to transcript turns are read as "Name: text" lines.
            let turnsOnly = rule.scope.contains(.turn) && !rule.scope.contains(.body)
            func startsAuthored(_ text: String) -> [Int] {
                guard turnsOnly else { return starts(text) }
                return checker.report(TranscriptReader.document(text: text)).findings.filter { $0.ruleID == rule.id }.compactMap(\.start.byteOffset)
            }
            if rule.examples.trigger.isEmpty { fail("", "has no triggering example") }
            for example in rule.examples.trigger {
                let (sentAt, body) = sendTime(example)
                now = sentAt
                let (text, offsets) = stripMarkers(body)
                let found = startsAuthored(text)
                if found.isEmpty {
                    fail(example, "triggering example did not trigger")
                } else if !offsets.isEmpty, Set(found) != Set(offsets) {
                    fail(example, "findings start at bytes \(found.sorted()), markers at \(offsets.sorted())")
                }
                let quoted = text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
                if !starts("On Monday, Dana wrote:\n" + quoted + "\n").isEmpty {
                    fail(example, "triggers inside a quoted reply")
                }
                // Only findings below the separator count ("Thanks." above it may be a credit).
                let signed = "Thanks.\n-- \n"
                if starts(signed + text + "\n").contains(where: { $0 >= signed.utf8.count }) {
                    fail(example, "triggers inside a signature")
                }
            }
            for example in rule.examples.clean {
                let (sentAt, body) = sendTime(example)
                now = sentAt
                let (text, _) = stripMarkers(body)
                let found = startsAuthored(text)
                if !found.isEmpty { fail(example, "clean example triggered at bytes \(found.sorted())") }
            }
        }
        return failures
    }
}
