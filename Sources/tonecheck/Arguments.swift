import ToneCheck

/// A command-line usage error (exit status 2).
struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Everything the command line can say, parsed by hand (no dependencies).
struct Arguments {
    enum Command: Equatable { case check, rulesList, rulesShow(String), rulesTest([String]), report, configDump(String?), help, version }

    var command: Command = .check
    var paths: [String] = []
    var format: OutputFormat = .text
    var input: String?
    var failOn: Severity? = .error
    /// Whether --fail-on was given (else the config's failOn, else error, applies).
    var failOnGiven = false
    var configPath: String?
    var noConfig = false
    var baselinePath: String?
    var writeBaselinePath: String?
    var reportUnusedSuppressions = false
    var minScore: Double?
    var rulePaths: [String] = []
    var noDefaultRules = false
    var disable: [String] = []
    var enable: [String] = []
    var fix = false
    var diff = false
    var stdinFilename: String?
    var color: String = "auto"
    var includeQuoted = false
    var showCredits = false
    var quiet = false
    var jobs: Int?
    var speakerRoles: [String: String] = [:]
    /// `tonecheck report`: `text` or `csv` (from --format), the HTML file and the team mapping file.
    var reportFormat = "text"
    var htmlPath: String?
    var teamsPath: String?
    var formatGiven = false
    var now: ReferenceTime?
    var calendarPath: String?

    static let help = """
        USAGE: tonecheck [OPTIONS] [PATH|-]...
               tonecheck rules list | rules show ID | rules test [RULE-FILE|FOLDER]...
               tonecheck report [PATH|-]... [--format text|csv] [--html FILE] [--teams FILE]
               tonecheck config dump [PATH]

        Scores emails, drafts and call transcripts for tone, word choice and unreasonable
        demands. With no PATH (or with -), reads standard input. Folders are walked for
        text-like files (.txt .md .eml .mbox .vtt .srt .jsonl .html and templates).
        An mbox is streamed message by message, in constant memory.

        OPTIONS:
          --format text|json|ndjson|sarif|github|junit|checkstyle
                                      output format (default: text)
          --input FORMAT              input format: text, jsonl, email, mbox, maildir, transcript,
                                      vtt, srt, sbv, transcribe-json (default: detected from
                                      content and name; a folder with cur/ and new/ is a maildir)
          --speaker-role "Dana=ops,Lee=support"
                                      transcripts: group speakers into sides, scored per side
          --fail-on info|warning|error|none
                                      exit 1 when a finding is at or above this (default: error)
          --min-score N               exit 1 when a document scores under N (0-100)
          --rules PATH                add a rule file or a folder of them (repeatable)
          --no-default-rules          do not load the built-in rule packs
          --disable ID|CATEGORY       turn off rules (repeatable, or comma-separated)
          --enable ID|CATEGORY        check only these rules (repeatable, or comma-separated)
          --config FILE               use this config instead of the nearest .tonecheck.json5
          --no-config                 ignore .tonecheck.json5 files
          --baseline FILE             report and fail only on findings not recorded in FILE
          --write-baseline FILE       record today's findings in FILE (exit 0 unless input errors)
          --report-unused-suppressions
                                      warn about tonecheck-disable comments that matched nothing
          --include-quoted            also check quoted text, forwards, signatures, disclaimers
          --show-credits              list politeness signals (credits such as "thanks", and
                                      strategies such as a direct question) one by one; they
                                      always count in the score and its contributions
          -j, --jobs N                check documents on N threads (default: every core, at
                                      most 8); output keeps the input order
          --fix                       apply safe substitutions (stdin: to stdout; files: in place)
          --diff                      with --fix, print what would change instead of writing
          --stdin-filename NAME       the name to report for standard input
          --now ISO8601               when undated input was sent (2026-11-27T16:50:00-05:00);
                                      deadlines are measured from it (default: the current time)
          --calendar FILE.json5       working days, hours, time zone and holidays for deadlines
          --color auto|always|never   colour the text output (default: auto; NO_COLOR honoured)
          -q, --quiet                 text output: no score lines
          --html FILE                 report: also write a self-contained HTML page with charts
          --teams FILE                report: team mapping { teams: { ops: ["@ops.example.com"] } }
          -h, --help                  show this help
          --version                   show the version

        CONFIG: the nearest .tonecheck.json5 above each input file (above the working
        folder, or --stdin-filename's folder, for stdin). Flags win over the config.

        EXIT STATUS: 0 nothing at or above --fail-on (and no score under --min-score);
                     1 the gate tripped; 2 usage, config, rule file or input error.
        """

    static func parse(_ argv: [String]) throws -> Arguments {
        var a = Arguments()
        var i = 0
        var positional: [String] = []
        var onlyPositional = false
        func value(_ name: String) throws -> String {
            i += 1
            guard i < argv.count else { throw UsageError("\(name) needs a value") }
            return argv[i]
        }
        while i < argv.count {
            var arg = argv[i]
            var inline: String?
            if !onlyPositional, arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                inline = String(arg[arg.index(after: eq)...])
                arg = String(arg[..<eq])
            }
            func v() throws -> String {
                if let inline { return inline }
                return try value(arg)
            }
            if onlyPositional || !arg.hasPrefix("-") || arg == "-" {
                positional.append(arg)
                i += 1
                continue
            }
            switch arg {
            case "--": onlyPositional = true
            case "-h", "--help": a.command = .help
            case "--version": a.command = .version
            case "--format", "-f":
                let s = try v()
                a.formatGiven = true
                a.reportFormat = s
                if s == "csv" { break }
                guard let f = OutputFormat(rawValue: s) else {
                    throw UsageError("unknown format '\(s)'; use one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                a.format = f
            case "--input":
                a.input = try v()
            case "--fail-on":
                let s = try v()
                a.failOnGiven = true
                if s == "none" { a.failOn = nil } else if let sev = Severity(rawValue: s) { a.failOn = sev } else {
                    throw UsageError("--fail-on takes info, warning, error or none, not '\(s)'")
                }
            case "--min-score":
                let s = try v()
                guard let n = Double(s), n >= 0, n <= 100 else { throw UsageError("--min-score takes a number from 0 to 100, not '\(s)'") }
                a.minScore = n
            case "--rules": a.rulePaths.append(try v())
            case "--no-default-rules": a.noDefaultRules = true
            case "--disable": a.disable += try v().split(separator: ",").map { String($0).trimmed }
            case "--enable": a.enable += try v().split(separator: ",").map { String($0).trimmed }
            case "--config": a.configPath = try v()
            case "--no-config": a.noConfig = true
            case "--baseline": a.baselinePath = try v()
            case "--write-baseline": a.writeBaselinePath = try v()
            case "--report-unused-suppressions": a.reportUnusedSuppressions = true
            case "--fix": a.fix = true
            case "--diff": a.diff = true
            case "--stdin-filename": a.stdinFilename = try v()
            case "--now":
                let s = try v()
                guard let t = ReferenceTime.parse(s) else {
                    throw UsageError("--now takes an ISO 8601 time such as 2026-11-27T16:50:00-05:00, not '\(s)'")
                }
                a.now = t
            case "--calendar": a.calendarPath = try v()
            case "--color", "--colour":
                let s = try v()
                guard ["auto", "always", "never"].contains(s) else { throw UsageError("--color takes auto, always or never, not '\(s)'") }
                a.color = s
            case "--no-color": a.color = "never"
            case "--include-quoted": a.includeQuoted = true
            case "--show-credits", "--verbose", "-v": a.showCredits = true
            case "-q", "--quiet": a.quiet = true
            case "--speaker-role", "--speaker-roles":
                for pair in try v().split(separator: ",") {
                    let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmed }
                    guard kv.count == 2, !kv[0].isEmpty, !kv[1].isEmpty else {
                        throw UsageError("--speaker-role takes NAME=SIDE pairs separated by commas (\"Dana=ops,Lee=support\"), not '\(pair)'")
                    }
                    a.speakerRoles[kv[0]] = kv[1]
                }
            case "--html": a.htmlPath = try v()
            case "--teams": a.teamsPath = try v()
            case "--jobs", "-j":
                let s = try v()
                guard let n = Int(s), n >= 1 else { throw UsageError("--jobs takes a whole number ≥ 1, not '\(s)'") }
                a.jobs = n
            default:
                throw UsageError("unknown option '\(arg)'; see 'tonecheck --help'")
            }
            i += 1
        }
        if a.command == .check, positional.first == "rules" {
            let rest = Array(positional.dropFirst())
            switch rest.first {
            case "list": a.command = .rulesList
            case "show":
                guard rest.count == 2 else { throw UsageError("usage: tonecheck rules show RULE-ID") }
                a.command = .rulesShow(rest[1])
            case "test": a.command = .rulesTest(Array(rest.dropFirst()))
            default: throw UsageError("usage: tonecheck rules list | rules show ID | rules test [PATH]...")
            }
        } else if a.command == .check, positional.first == "report" {
            a.command = .report
            a.paths = Array(positional.dropFirst())
            guard ["text", "csv"].contains(a.reportFormat) else { throw UsageError("tonecheck report takes --format text or csv, not '\(a.reportFormat)'") }
        } else if a.command == .check, positional.first == "config" {
            let rest = Array(positional.dropFirst())
            guard rest.first == "dump", rest.count <= 2 else { throw UsageError("usage: tonecheck config dump [PATH]") }
            a.command = .configDump(rest.count == 2 ? rest[1] : nil)
        } else {
            a.paths = positional
        }
        if a.command != .report {
            if a.reportFormat == "csv" { throw UsageError("--format csv is for 'tonecheck report'; checking takes text, json or ndjson") }
            if a.htmlPath != nil || a.teamsPath != nil { throw UsageError("--html and --teams are for 'tonecheck report'") }
        }
        if a.configPath != nil && a.noConfig { throw UsageError("--config and --no-config cannot be used together") }
        if a.diff && !a.fix { a.fix = true }
        return a
    }
}

extension String {
    var trimmed: String {
        var s = Substring(self)
        while let f = s.first, f == " " { s = s.dropFirst() }
        while let l = s.last, l == " " { s = s.dropLast() }
        return String(s)
    }
}
