import Foundation
import ToneCheck

/// Reads every input named on the command line (files, folders, `-` for stdin) and hands
/// each document, or each unreadable record, to `body` as soon as it is read.
/// Returns false when some input could not be read (already reported on stderr).
func forEachInput(paths: [String], stdinName: String?, format: InputFormat?, _ body: (InputReader.Item, String?) -> Void) -> Bool {
    var ok = true
    var sources: [String?] = []  // nil = stdin
    if paths.isEmpty { sources = [nil] }
    for p in paths {
        if p == "-" { sources.append(nil); continue }
        do { sources += try Files.expand(p) } catch {
            Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
            ok = false
        }
    }
    for source in sources {
        let bytes: [UInt8]
        if let path = source {
            do { bytes = try Files.read(path) } catch {
                Terminal.err("tonecheck: error: \(error.localizedDescription)\n")
                ok = false
                continue
            }
        } else {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        let displayPath = source ?? stdinName
        InputReader.read(bytes, path: displayPath, format: format) { body($0, displayPath) }
    }
    return ok
}

/// `tonecheck report [PATH|-]... [--format text|csv] [--html FILE] [--teams FILE]`:
/// checks every message, then prints a summary (text) or one CSV row per message, and
/// writes the HTML page atomically. Exit 0, or 2 when an input or the team file could
/// not be read.
func runReport(_ args: Arguments, ruleSet: RuleSet, inputFormat: InputFormat?) -> Never {
    var options = ReportOptions()
    if let path = args.teamsPath {
        do {
            options.teams = try TeamMap.parse(Data(try Files.read(path)), path: path)
        } catch {
            fail(error.localizedDescription)
        }
    }
    let csv = args.reportFormat == "csv"
    let checker = ToneChecker(ruleSet: ruleSet, options: CheckOptions(includeQuoted: args.includeQuoted))
    var summary = BatchSummary(options: options)
    let progress = Terminal.isTTY(2)
    var hadInputError = false
    if csv { Terminal.out(CSVRenderer.header) }

    let ok = forEachInput(paths: args.paths, stdinName: args.stdinFilename, format: inputFormat) { item, path in
        if Interrupt.requested {
            // Ctrl-C: the CSV rows so far are complete; the summary would be partial.
            Terminal.flush()
            Interrupt.exitNow()
        }
        let report: DocumentReport
        switch item {
        case .document(let doc): report = checker.report(doc)
        case .failure(let id, let line, let message):
            report = DocumentReport.failed(id: id, path: path, line: line, message: message)
            Terminal.err("tonecheck: error: \(path ?? "<stdin>")\(line.map { ":\($0)" } ?? ""): \(message)\n")
            hadInputError = true
        }
        for w in report.warnings where w.level == .warning { Terminal.err("tonecheck: \(w)\n") }
        let row = summary.add(report)
        if csv { Terminal.out(CSVRenderer.row(row)) }
        if progress && summary.messages % 25 == 0 { Terminal.err("\rtonecheck: \(summary.messages) messages…") }
    }
    if progress && summary.messages >= 25 { Terminal.err("\r\u{1B}[K") }
    if !ok { hadInputError = true }
    if summary.messages == 0 && !ok { exit(ExitStatus.error.rawValue) }

    if !csv { Terminal.out(SummaryTextRenderer.render(summary)) }
    if let html = args.htmlPath {
        let page = HTMLReportRenderer.render(summary, generated: Date())
        if html == "-" {
            Terminal.out(page)
        } else {
            do {
                try Files.writeAtomically(Array(page.utf8), to: html)
                Terminal.err("tonecheck: wrote \(html)\n")
            } catch {
                fail(error.localizedDescription)
            }
        }
    }
    Terminal.flush()
    exit(hadInputError ? ExitStatus.error.rawValue : ExitStatus.clean.rawValue)
}
