import Foundation
import ToneCheck

#if canImport(Glibc)
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)

/// Exit statuses: 0 clean, 1 the gate tripped, 2 usage, config or input error.
enum ExitStatus: Int32 { case clean = 0, gate = 1, error = 2 }

func fail(_ message: String) -> Never {
    Terminal.flush()
    Terminal.err("tonecheck: error: \(message)\n")
    exit(ExitStatus.error.rawValue)
}

let args: Arguments
do {
    args = try Arguments.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)")
}

switch args.command {
case .help:
    Terminal.out(Arguments.help + "\n")
    Terminal.flush()
    exit(0)
case .version:
    Terminal.out("tonecheck \(toneCheckVersion)\n")
    Terminal.flush()
    exit(0)
default:
    break
}

// Rules: built-in packs plus --rules, filtered by --enable/--disable.
func loadRules(extra: [String], builtin: Bool) throws -> RuleSet {
    let known = try RuleSet.standard(extraRulePaths: extra, includeBuiltin: builtin)
    for name in args.disable + args.enable where known.index[name] == nil && Category(rawValue: name) == nil {
        throw ToneCheckError.unknown(what: "rule or category", name: name, known: known.rules.map(\.id) + Category.allCases.map(\.rawValue))
    }
    if args.disable.isEmpty && args.enable.isEmpty { return known }
    let disabled = Set(args.disable), enabled = Set(args.enable)
    return try RuleSet.standard(extraRulePaths: extra, includeBuiltin: builtin) { rule in
        if disabled.contains(rule.id) || disabled.contains(rule.category.rawValue) { return false }
        if !enabled.isEmpty { return enabled.contains(rule.id) || enabled.contains(rule.category.rawValue) }
        return true
    }
}

let ruleSet: RuleSet
do {
    ruleSet = try loadRules(extra: args.rulePaths, builtin: !args.noDefaultRules)
} catch {
    fail(error.localizedDescription)
}

switch args.command {
case .rulesList:
    for r in ruleSet.rules {
        let kind = r.isCredit ? "credit" : r.severity.rawValue
        Terminal.out("\(r.id.padding(toLength: 34, withPad: " ", startingAt: 0)) \(kind.padding(toLength: 8, withPad: " ", startingAt: 0)) \(r.kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)) \(r.message)\n")
    }
    Terminal.flush()
    exit(0)
case .rulesShow(let id):
    guard let i = ruleSet.index[id] else {
        fail(ToneCheckError.unknown(what: "rule", name: id, known: ruleSet.rules.map(\.id)).localizedDescription)
    }
    let r = ruleSet.rules[i]
    var s = "\(r.id) (\(r.category.rawValue), \(r.isCredit ? "credit" : r.severity.rawValue), \(r.kind.rawValue), weight \(r.weight))\n"
    s += "  message: \(r.message)\n  why: \(r.why)\n"
    if !r.suggest.isEmpty { s += "  suggest: \(r.suggest.joined(separator: " / "))\n" }
    s += "  scope: \(r.scope.map(\.rawValue).sorted().joined(separator: ", "))\n"
    if let src = r.source { s += "  defined in: \(src.path)\(src.line.map { ":\($0)" } ?? "")\n" }
    let items = r.phrases + r.patterns + r.starts + r.swap.keys.sorted().map { "\($0) → \(r.swap[$0]!)" }
    if !items.isEmpty { s += "  matches: \(items.prefix(30).joined(separator: "; "))\(items.count > 30 ? "; … (\(items.count) in all)" : "")\n" }
    for e in r.examples.trigger { s += "  triggers: \(e)\n" }
    for e in r.examples.clean { s += "  does not trigger: \(e)\n" }
    Terminal.out(s)
    Terminal.flush()
    exit(0)
case .rulesTest(let paths):
    var set = ruleSet
    var only: Set<String>?
    if !paths.isEmpty {
        do {
            set = try loadRules(extra: paths, builtin: !args.noDefaultRules)
            var ids = Set<String>()
            for p in paths { for f in try RuleLoader.ruleFiles(at: p) { ids.formUnion(try RuleLoader.load(path: f).rules.map(\.id)) } }
            only = ids
        } catch {
            fail(error.localizedDescription)
        }
    }
    let failures = RuleExamples.run(set, only: only)
    let tested = set.rules.filter { only?.contains($0.id) ?? true }
    let examples = tested.reduce(0) { $0 + $1.examples.trigger.count + $1.examples.clean.count }
    for f in failures { Terminal.out("\(f)\n") }
    Terminal.out("\(tested.count) rules, \(examples) examples: \(failures.isEmpty ? "all pass" : "\(failures.count) failed")\n")
    Terminal.flush()
    exit(failures.isEmpty ? 0 : 1)
default:
    break
}

// Check.
var inputFormat: InputFormat?
if let name = args.input {
    guard let f = InputFormat(rawValue: name) else {
        fail("unknown input format '\(name)'; use one of \(InputReader.formatNames.joined(separator: ", "))")
    }
    inputFormat = f
}

var checkOptions = CheckOptions(includeQuoted: args.includeQuoted)
checkOptions.referenceTime = args.now
if let path = args.calendarPath {
    do { checkOptions.calendar = try BusinessCalendar.load(path: path) } catch { fail(error.localizedDescription) }
}
let checker = ToneChecker(ruleSet: ruleSet, options: checkOptions)
let useColor: Bool = {
    switch args.color {
    case "always": return true
    case "never": return false
    default: return Terminal.isTTY(1) && Terminal.environment("NO_COLOR").map(\.isEmpty) ?? true
    }
}()
var reporter: any Reporter
switch args.format {
case .text: reporter = TextReporter(color: useColor, showCredits: args.showCredits, showScore: !args.quiet)
case .json: reporter = JSONReporter(lines: false, ruleSet: ruleSet)
case .ndjson: reporter = JSONReporter(lines: true, ruleSet: ruleSet)
}

var sources: [String?] = []  // nil = stdin
var status = ExitStatus.clean
var hadInputError = false
if args.paths.isEmpty { sources = [nil] }
for p in args.paths {
    if p == "-" { sources.append(nil); continue }
    do {
        sources += try Files.expand(p)
    } catch {
        Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
        hadInputError = true
    }
}
if sources.isEmpty { exit(ExitStatus.error.rawValue) }

var summary = RunSummary()
if !args.fix { Terminal.out(reporter.begin()) }

func gateTripped(_ r: DocumentReport) -> Bool {
    if let failOn = args.failOn, r.problems.contains(where: { $0.severity >= failOn }) { return true }
    if let min = args.minScore, r.score.overall.isFinite, r.score.overall < min { return true }
    return false
}

for source in sources {
    let bytes: [UInt8]
    if let path = source {
        do { bytes = try Files.read(path) } catch {
            Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
            hadInputError = true
            continue
        }
    } else {
        bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
    }
    let displayPath = source ?? args.stdinFilename
    var fixes: [Fix] = []
    InputReader.read(bytes, path: displayPath, format: inputFormat) { item in
        let report: DocumentReport
        switch item {
        case .document(let doc):
            report = checker.report(doc)
        case .failure(let id, let line, let message):
            report = DocumentReport.failed(id: id, path: displayPath, line: line, message: message)
            hadInputError = true
        }
        for w in report.warnings where w.level == .warning {
            Terminal.err("tonecheck: warning: \(w)\n")
        }
        summary.add(report)
        if gateTripped(report) { status = .gate }
        if args.fix {
            fixes += report.findings.compactMap(\.fix)
        } else {
            Terminal.out(reporter.document(report))
        }
    }
    if args.fix {
        let (fixed, applied) = FixApplier.apply(fixes, to: bytes)
        if source == nil {
            if args.diff {
                Terminal.out(Diff.unified(old: bytes, new: fixed, name: displayPath ?? "<stdin>"))
            } else {
                Terminal.out(String(decoding: fixed, as: UTF8.self))
                Terminal.flush()
                // Pass bytes through exactly, even invalid UTF-8.
            }
        } else if let path = source, applied > 0 {
            if args.diff {
                Terminal.out(Diff.unified(old: bytes, new: fixed, name: path))
            } else {
                do {
                    try Files.writeAtomically(fixed, to: path)
                    Terminal.err("tonecheck: fixed \(applied) in \(path)\n")
                } catch {
                    Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
                    hadInputError = true
                }
            }
        }
    }
}
if !args.fix { Terminal.out(reporter.end(summary)) }
Terminal.flush()
exit(hadInputError ? ExitStatus.error.rawValue : status.rawValue)
