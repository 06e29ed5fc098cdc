import Foundation
import ToneCheck

/// Everything needed to check one input file under its config: the effective settings,
/// a checker over the right rule set, the team vocabulary, and the suppression comments.
struct FileSetup {
    let effective: EffectiveConfig
    let checker: ToneChecker
    let allow: AllowList
    let displayPath: String?
    let reportUnused: Bool

    init(gate: Gate, source: String?, displayPath: String?, args: Arguments) throws {
        effective = try gate.effective(for: source, stdin: source == nil)
        let ruleSet = try gate.ruleSet(for: effective)
        var options = CheckOptions(
            includeQuoted: args.includeQuoted || (effective.settings.includeQuoted ?? false),
            severityOverrides: effective.settings.severity ?? [:])
        // Politeness signals are listed one by one only with --show-credits.
        options.reportSignals = args.showCredits
        // Speaker sides: the config's `speakers`, with --speaker-role on top.
        options.speakerSides = (effective.settings.speakers ?? [:]).merging(args.speakerRoles) { $1 }
        // Deadlines: --now and --calendar, else the config's calendar.
        options.referenceTime = args.now
        if let path = args.calendarPath {
            options.calendar = try BusinessCalendar.load(path: path)
        } else if let c = effective.settings.calendar {
            options.calendar = c.businessCalendar
        }
        checker = ToneChecker(ruleSet: ruleSet, options: options)
        allow = AllowList(effective.settings.allow ?? [])
        self.displayPath = displayPath
        reportUnused = args.reportUnusedSuppressions
    }

    /// Checks a document: team vocabulary, then suppression comments, then the baseline
    /// (recording into `record` first when writing one), then scores what is left.
    func report(_ doc: Document, bytes: [UInt8], baseline: Baseline?, remaining: inout [String: Int], record: inout Baseline?) -> DocumentReport {
        let file = displayPath ?? "<stdin>"
        let suppressions: Suppressions? = doc.format == "template" || doc.format == "text"
            ? Suppressions(bytes: bytes, path: displayPath, syntaxes: effective.templates) : nil
        var used: [Int] = []
        let lines = record != nil || baseline != nil ? SourceLines(bytes) : nil
        var report = checker.report(doc) { findings in
            var kept = allow.filter(findings, in: doc)
            if let s = suppressions, !s.isEmpty {
                let r = s.apply(kept)
                kept = r.kept
                used = r.used
            }
            if record != nil {
                for f in kept { record!.record(f, file: file, lines: lines!) }
            }
            if let baseline { kept = baseline.filter(kept, file: file, lines: lines!, remaining: &remaining) }
            return kept
        }
        if let s = suppressions {
            report.warnings += s.diagnostics
            if reportUnused {
                report.warnings += s.unused(used.isEmpty ? [Int](repeating: 0, count: s.directives.count) : used, path: displayPath)
            }
        }
        return report
    }
}

/// `tonecheck config dump [PATH]`: the effective config for PATH (a file, existing or
/// not, or a folder) as JSON.
func configDump(_ path: String?, args: Arguments) -> Never {
    do {
        let gate = try Gate(args: args)
        let target = path ?? args.stdinFilename
        let e = try gate.effective(for: target, stdin: false)
        _ = try gate.ruleSet(for: e)  // unknown rule names in the config are errors here too
        Terminal.out(e.json(for: target) + "\n")
    } catch {
        fail(error.localizedDescription)
    }
    Terminal.flush()
    exit(0)
}
