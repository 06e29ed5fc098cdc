import Foundation
import ToneCheck

#if canImport(Glibc)
import Glibc
#endif

signal(SIGPIPE, SIG_IGN)
Interrupt.install()

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
case .configDump(let path):
    configDump(path, args: args)
default:
    break
}

// Rules: built-in packs plus --rules, filtered by --enable/--disable.
/// Packs and compiled rule sets, shared by the command line's rule set and every config's.
nonisolated(unsafe) let ruleCache = RuleCache()

func loadRules(extra: [String], builtin: Bool) throws -> RuleSet {
    let disabled = Set(args.disable), enabled = Set(args.enable)
    let key = RuleCache.switchKey(disable: args.disable, enable: args.enable, toggles: [])
    if let u = try ruleCache.unknown(args.disable + args.enable, extra: extra, builtin: builtin) {
        throw ToneCheckError.unknown(what: "rule or category", name: u.name, known: u.known)
    }
    return try ruleCache.ruleSet(extra: extra, builtin: builtin, key: key) { rule in
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

if args.command == .report { runReport(args, ruleSet: ruleSet, inputFormat: inputFormat) }

let gate: Gate
do {
    gate = try Gate(args: args, rules: ruleCache)
} catch {
    fail(error.localizedDescription)
}
gate.catalog.add(ruleSet)
let useColor: Bool = {
    switch args.color {
    case "always": return true
    case "never": return false
    default: return Terminal.isTTY(1) && Terminal.environment("NO_COLOR").map(\.isEmpty) ?? true
    }
}()
var baseline: Baseline?
if let path = args.baselinePath {
    do {
        baseline = try Baseline.parse(Data(try Files.read(path)), path: path)
    } catch {
        fail(error.localizedDescription)
    }
}
var newBaseline = args.writeBaselinePath != nil ? Baseline() : nil
var baselineRemaining: [String: Int] = [:]

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

// The reporter; JUnit takes its thresholds from the first input's config.
let firstConfig: EffectiveConfig
do {
    firstConfig = try gate.effective(for: sources[0], stdin: sources[0] == nil)
} catch {
    fail(error.localizedDescription)
}
var reporter: any Reporter
switch args.format {
case .text: reporter = TextReporter(color: useColor, showCredits: args.showCredits, showScore: !args.quiet)
case .json: reporter = JSONReporter(lines: false, ruleSet: ruleSet)
case .ndjson: reporter = JSONReporter(lines: true, ruleSet: ruleSet)
case .sarif: reporter = SARIFReporter(catalog: gate.catalog)
case .github: reporter = GitHubReporter()
case .junit: reporter = JUnitReporter(failOn: gate.failOn(firstConfig), minScore: gate.minScore(firstConfig))
case .checkstyle: reporter = CheckstyleReporter()
}

var summary = RunSummary()
if !args.fix { Terminal.out(reporter.begin()) }

let progress = Progress(enabled: Terminal.isTTY(2) && !args.fix)

/// Ctrl-C between documents: close the output with what is complete, exit 130.
@MainActor func stopIfInterrupted() {
    guard Interrupt.requested else { return }
    progress.clear()
    if !args.fix { Terminal.out(reporter.end(summary)) }
    Terminal.flush()
    Interrupt.exitNow()
}

// Documents are checked on `--jobs` threads (default: every core, at most 8) and reported
// in input order. Fixes and baselines carry state from one document to the next, so they
// run on one.
let workerCount = args.fix || baseline != nil || newBaseline != nil ? 1 : (args.jobs ?? min(8, ProcessInfo.processInfo.activeProcessorCount))
/// What a worker hands back: reports (rendered, when the reporter allows it off the main
/// thread) in input order, and a read error that ended the input early.
struct Outcome {
    var reports: [(DocumentReport, [UInt8]?)] = []
    var error: String?
}
let workers = OrderedWorkers<Unchecked<Outcome>>(workers: workerCount)

/// One item checked on a worker (no baseline there), rendered when `reporter` is given.
func workerReport(_ item: InputReader.Item, setup: FileSetup, bytes: [UInt8], reporter: (any Reporter)?, path: String?) -> (DocumentReport, [UInt8]?) {
    switch item {
    case .document(let doc):
        var remaining: [String: Int] = [:]
        var record: Baseline?
        let report = setup.report(doc, bytes: bytes, baseline: nil, remaining: &remaining, record: &record)
        var r = reporter
        return (report, r?.documentBytes(report))
    case .failure(let id, let line, let message):
        return (DocumentReport.failed(id: id, path: path, line: line, message: message), nil)
    }
}
let renderInWorkers = reporter.rendersDocumentsIndependently

for (sourceIndex, source) in sources.enumerated() {
    stopIfInterrupted()
    let lastSource = sourceIndex == sources.count - 1
    let displayPath = source ?? args.stdinFilename
    // Files inside a maildir's cur/ or new/ are messages, whatever their names.
    let format = inputFormat ?? source.flatMap { Files.isMaildirMessage($0) ? InputFormat.email : nil }
    let setup: FileSetup
    do {
        setup = try FileSetup(gate: gate, source: source, displayPath: displayPath, args: args)
    } catch {
        fail(error.localizedDescription)
    }
    var fixes: [Fix] = []
    var bytes: [UInt8] = []  // the whole input, when it is read whole (not a streamed mbox)
    // The file's gate thresholds, worked out once (not per document).
    let failOn = gate.failOn(setup.effective), minScore = gate.minScore(setup.effective)
    // What happens to each report, in input order, on this thread.
    let deliver: (DocumentReport, [UInt8]?) -> Void = { report, rendered in
        if report.error != nil { hadInputError = true }
        for w in report.warnings where w.level == .warning {
            progress.clear()
            Terminal.err("tonecheck: \(w)\n")
        }
        summary.add(report)
        progress.tick(summary.documents)
        if Gate.tripped(report, failOn: failOn, minScore: minScore) { status = .gate }
        if args.fix {
            fixes += report.findings.compactMap(\.fix)
        } else {
            if let rendered {
                Terminal.out(bytes: rendered)
            } else if renderInWorkers {
                Terminal.out(bytes: reporter.documentBytes(report))  // NDJSON: no string in between
            } else {
                Terminal.out(reporter.document(report))
            }
        }
    }
    let handle: (InputReader.Item) -> Void = { item in
        stopIfInterrupted()
        switch item {
        case .document(let doc):
            deliver(setup.report(doc, bytes: bytes, baseline: baseline, remaining: &baselineRemaining, record: &newBaseline), nil)
        case .failure(let id, let line, let message):
            deliver(DocumentReport.failed(id: id, path: displayPath, line: line, message: message), nil)
        }
    }
    // A worker's outcome: its reports in order, then the read error that ended it, if any.
    let deliverOutcome: (Unchecked<Outcome>) -> Void = { outcome in
        for (report, text) in outcome.value.reports { deliver(report, text) }
        if let e = outcome.value.error {
            Terminal.err("tonecheck: error: \(e)\n")
            hadInputError = true
        }
    }
    // With workers, streamed items (mbox messages still to be parsed) are parsed, checked
    // and rendered on worker threads, in batches of up to `RunLimits.batchItems` items and
    // `RunLimits.batchBytes` bytes: one message is too little work to be worth a hand-off.
    var batch: [@Sendable () -> InputReader.Item] = []
    var batchBytes = 0
    func submitBatch(last: Bool = false) {
        guard !batch.isEmpty else { return }
        let shared = Unchecked((setup, bytes, renderInWorkers ? reporter : nil, batch))
        batch = []
        batchBytes = 0
        workers.submit(last: last, {
            let (setup, bytes, reporter, makes) = shared.value
            return Unchecked(Outcome(reports: makes.map { workerReport($0(), setup: setup, bytes: bytes, reporter: reporter, path: displayPath) }))
        }, deliver: deliverOutcome)
    }
    let deferredHandle: (Int, @escaping @Sendable () -> InputReader.Item) -> Void = { size, make in
        guard workers.workers > 1 else { return handle(make()) }
        stopIfInterrupted()
        batch.append(make)
        batchBytes += size
        if batch.count >= RunLimits.batchItems || batchBytes >= RunLimits.batchBytes { submitBatch() }
    }
    if args.fix {
        // Fixing needs the whole input (offsets are file offsets, mbox included).
        if let path = source {
            do { bytes = try Files.read(path) } catch {
                Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
                hadInputError = true
                continue
            }
        } else {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        InputReader.read(bytes, path: displayPath, format: format, templates: setup.effective.templates, handle)
    } else if workers.workers > 1, let path = source, Files.size(path).map({ $0 <= RunLimits.wholeFileInWorker }) ?? false {
        // A file of modest size is read, parsed, checked and rendered on a worker, whole:
        // files are checked side by side, and only results wait for their turn.
        let shared = Unchecked((setup, renderInWorkers ? reporter : nil))
        workers.submit(last: lastSource, {
            let (setup, reporter) = shared.value
            var outcome = Outcome()
            var bytes: [UInt8] = []
            do {
                let fh = try Files.open(path)
                defer { try? fh.close() }
                try InputReader.read(fileHandle: fh, path: displayPath, format: format, templates: setup.effective.templates, whole: { bytes = $0 }) { item in
                    outcome.reports.append(workerReport(item, setup: setup, bytes: bytes, reporter: reporter, path: displayPath))
                }
            } catch let error as ToneCheckError {
                outcome.error = error.localizedDescription
            } catch {
                outcome.error = "\(displayPath ?? path): cannot read: \(error.localizedDescription)"
            }
            return Unchecked(outcome)
        }, deliver: deliverOutcome)
    } else {
        // Streamed: an mbox is read in chunks, in constant memory. What was read before an
        // error is still checked (the last batch goes out however this block is left).
        defer { submitBatch(last: lastSource) }
        do {
            let fh = try source.map(Files.open) ?? FileHandle.standardInput
            try InputReader.read(fileHandle: fh, path: displayPath, format: format, templates: setup.effective.templates, whole: { bytes = $0 }, deferred: deferredHandle)
            if source != nil { try? fh.close() }
        } catch let error as ToneCheckError {
            Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
            hadInputError = true
            continue
        } catch {
            Terminal.err("tonecheck: error: \(displayPath ?? "<stdin>"): cannot read: \(error.localizedDescription)\n")
            hadInputError = true
            continue
        }
    }
    if args.fix {
        workers.finish()
        let (fixed, applied) = FixApplier.apply(fixes, to: bytes)
        if source == nil {
            if args.diff {
                Terminal.out(Diff.unified(old: bytes, new: fixed, name: displayPath ?? "<stdin>"))
            } else {
                // Pass bytes through exactly, even invalid UTF-8.
                Terminal.out(bytes: fixed)
                Terminal.flush()
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
workers.finish()
progress.clear()
if !args.fix { Terminal.out(reporter.end(summary)) }
Terminal.flush()
if let path = args.writeBaselinePath, let b = newBaseline {
    do {
        try Files.writeAtomically(Array(b.json().utf8), to: path)
        Terminal.err("tonecheck: wrote \(b.entries.reduce(0) { $0 + $1.count }) finding(s) to the baseline \(path)\n")
    } catch {
        fail(error.localizedDescription)
    }
    status = .clean
}
exit(hadInputError ? ExitStatus.error.rawValue : status.rawValue)
