import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// No lost data, closed pipes and Ctrl-C, end to end with the built binary and real OS
/// conditions: a file-size limit (`ulimit -f`) makes a write fail or kills the process
/// halfway through writing the temporary file; a real pipe closed by `head`; a real SIGINT.
@Suite struct ReliabilityCLITests {
    /// A substitution rule, so `--fix` has something to replace.
    static func rulesFile(in dir: URL) throws -> URL {
        let rules = dir.appendingPathComponent("r.json5")
        try "{ rules: [{ id: 'w.np', category: 'word-choice', kind: 'substitution', swap: { 'no problem': 'happy to help' }, message: 'm', why: 'w', weight: 2 }] }"
            .write(to: rules, atomically: true, encoding: .utf8)
        return rules
    }

    /// Runs the binary through `/bin/sh` with a file-size limit of `blocks` (512-byte
    /// blocks in dash, 1024 in bash: either way far below the files written here).
    /// `ignoreXFSZ`: the write fails with EFBIG; otherwise SIGXFSZ kills the process mid-write.
    static func runLimited(_ args: [String], blocks: Int, ignoreXFSZ: Bool, in dir: URL) throws -> (status: Int32, signaled: Bool, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "\(ignoreXFSZ ? "trap '' XFSZ; " : "")ulimit -f \(blocks); exec \"$0\" \"$@\" 2>\"$TONECHECK_ERR\"", CLI.binary.path] + args
        p.currentDirectoryURL = dir
        let err = try CLI.tempDir().appendingPathComponent("err")
        var env = ProcessInfo.processInfo.environment
        env["TONECHECK_ERR"] = err.path
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        // The child inherits this thread's signal mask, and test threads may block
        // SIGXFSZ (then a write past the limit fails instead of killing): unblock it
        // while spawning.
        var xfsz = sigset_t(), saved = sigset_t()
        sigemptyset(&xfsz)
        sigaddset(&xfsz, SIGXFSZ)
        pthread_sigmask(SIG_UNBLOCK, &xfsz, &saved)
        defer { pthread_sigmask(SIG_SETMASK, &saved, nil) }
        try p.run()
        p.waitUntilExit()
        let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        return (p.terminationStatus, p.terminationReason == .uncaughtSignal, stderr)
    }

    /// 64 KB of text with a fix near the start and near the end.
    static let bigReply: [UInt8] = Array(("No problem, here it is.\r\n" + String(repeating: "Line of the report, unchanged.\r\n", count: 2000) + "no problem").utf8)

    static func temporaryFiles(in dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
    }

    @Test func fixWhoseWriteFailsHalfwayLeavesTheOriginalAndNoTemporaryFile() throws {
        let dir = try CLI.tempDir()
        let rules = try Self.rulesFile(in: dir)
        let file = dir.appendingPathComponent("reply.txt")
        try Data(Self.bigReply).write(to: file)
        let r = try Self.runLimited(["--no-default-rules", "--rules", rules.path, "--fix", file.path], blocks: 8, ignoreXFSZ: true, in: dir)
        #expect(!r.signaled && r.status == 2, "\(r)")
        #expect(r.stderr.contains("cannot write the temporary file"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was changed"))
        #expect(try [UInt8](Data(contentsOf: file)) == Self.bigReply)
        #expect(try Self.temporaryFiles(in: dir).isEmpty)
    }

    @Test func fixKilledHalfwayThroughTheWriteLeavesTheOriginal() throws {
        let dir = try CLI.tempDir()
        let rules = try Self.rulesFile(in: dir)
        let file = dir.appendingPathComponent("reply.txt")
        try Data(Self.bigReply).write(to: file)
        let r = try Self.runLimited(["--no-default-rules", "--rules", rules.path, "--fix", file.path], blocks: 8, ignoreXFSZ: false, in: dir)
        #expect(r.signaled && r.status == SIGXFSZ, "\(r)")
        #expect(try [UInt8](Data(contentsOf: file)) == Self.bigReply)
        // The killed process could not clean up: what it left is a hidden, partial temporary file.
        for t in try Self.temporaryFiles(in: dir) { #expect(t.hasPrefix(".reply.txt.tonecheck-")) }
    }

    @Test func baselineAndHTMLPagesAreReplacedWholeOrNotAtAll() throws {
        let dir = try CLI.tempDir()
        let input = dir.appendingPathComponent("in.txt")
        try (0..<400).map { "Line \($0): this is obviously wrong. You people never listen.\n" }.joined().write(to: input, atomically: true, encoding: .utf8)
        let baseline = dir.appendingPathComponent("baseline.json"), page = dir.appendingPathComponent("page.html")
        try "old baseline".write(to: baseline, atomically: true, encoding: .utf8)
        try "old page".write(to: page, atomically: true, encoding: .utf8)
        let b = try Self.runLimited(["--quiet", "--write-baseline", baseline.path, input.path], blocks: 8, ignoreXFSZ: true, in: dir)
        #expect(b.status == 2 && b.stderr.contains("nothing was changed"), "\(b)")
        let h = try Self.runLimited(["report", "--html", page.path, "Corpus/report/ops-support.mbox".replacingOccurrences(of: "Corpus", with: CLI.root.appendingPathComponent("Corpus").path)], blocks: 8, ignoreXFSZ: true, in: dir)
        #expect(h.status == 2 && h.stderr.contains("nothing was changed"), "\(h)")
        #expect(try String(contentsOf: baseline, encoding: .utf8) == "old baseline")
        #expect(try String(contentsOf: page, encoding: .utf8) == "old page")
        #expect(try Self.temporaryFiles(in: dir).isEmpty)
        // Without the limit both are written, with the usual permissions for new files.
        let ok = try CLI.run(["report", "--html", page.path, CLI.root.appendingPathComponent("Corpus/report/ops-support.mbox").path], in: dir)
        #expect(ok.status == 0)
        #expect(try String(contentsOf: page, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    /// CRLF line endings, no final newline, invalid UTF-8, NUL, tabs and trailing spaces:
    /// every byte outside the replaced spans is kept, on a file and on stdin.
    @Test func fixChangesOnlyTheReplacedSpansByteForByte() throws {
        let dir = try CLI.tempDir()
        let rules = try Self.rulesFile(in: dir)
        let parts: [[UInt8]] = [
            Array("Hi,\r\n\r\nNo problem".utf8), Array("!\t \r\nCaf".utf8), [0xE9, 0xFF, 0x00],
            Array(" and no problem".utf8), Array(" at all.  \r\n\r\n-- \r\nDana".utf8),
        ]
        let input = parts.flatMap { $0 }
        var expected: [UInt8] = Array(parts[0].prefix(parts[0].count - 10))
        expected += Array("Happy to help".utf8) + parts[1] + parts[2]
        expected += Array(" and happy to help".utf8) + parts[4]
        let file = dir.appendingPathComponent("reply.txt")
        try Data(input).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: file.path)
        let r = try CLI.run(["--no-default-rules", "--rules", rules.path, "--fix", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try [UInt8](Data(contentsOf: file)) == expected)
        #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o604)
        #expect(try Self.temporaryFiles(in: dir).isEmpty)

        // stdin → stdout: the same bytes, invalid UTF-8 passed through as it is.
        let outFile = dir.appendingPathComponent("out")
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["--no-default-rules", "--rules", rules.path, "--fix"]
        p.standardInput = try FileHandle(forReadingFrom: { try Data(input).write(to: dir.appendingPathComponent("in")); return dir.appendingPathComponent("in") }())
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: outFile)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try [UInt8](Data(contentsOf: outFile)) == expected)
    }

    @Test func fixThroughASymbolicLinkReplacesTheTargetAndKeepsTheLink() throws {
        let dir = try CLI.tempDir()
        let rules = try Self.rulesFile(in: dir)
        let target = dir.appendingPathComponent("real.txt"), link = dir.appendingPathComponent("link.txt")
        try "Sure, no problem.".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.txt")
        let r = try CLI.run(["--no-default-rules", "--rules", rules.path, "--fix", link.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.txt")
        #expect(try String(contentsOf: target, encoding: .utf8) == "Sure, happy to help.")
    }

    // MARK: pipes and signals

    /// An mbox of `count` short messages, two of them with findings.
    static func bigMbox(_ count: Int, in dir: URL) throws -> URL {
        let message = "From dana@example.com Mon Nov 23 09:15:00 2026\nFrom: Dana <dana@example.com>\nSubject: rota\n\nThis is obviously wrong. Send it ASAP.\n\n"
        let url = dir.appendingPathComponent("big.mbox")
        try Data(String(repeating: message, count: count).utf8).write(to: url)
        return url
    }

    @Test(arguments: ["ndjson", "text", "json"])
    func closedPipeEndsTheRunQuietly(_ format: String) throws {
        let dir = try CLI.tempDir()
        let mbox = try Self.bigMbox(20_000, in: dir)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "\"$0\" --format \(format) \"$1\" | head -1 >/dev/null; echo \"status=${PIPESTATUS[0]}\"", CLI.binary.path, mbox.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(String(decoding: o, as: UTF8.self) == "status=0\n")
        #expect(String(decoding: e, as: UTF8.self) == "", "tonecheck wrote to stderr on a closed pipe")
    }

    /// Ctrl-C on a batch: it stops within a couple of seconds with status 130, its JSON
    /// output is complete and valid (the documents checked so far), and nothing is left
    /// behind.
    @Test func ctrlCStopsABatchPromptlyWithValidOutput() throws {
        let dir = try CLI.tempDir()
        let mbox = try Self.bigMbox(300_000, in: dir)
        let outURL = dir.appendingPathComponent("out.json"), errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["--format", "json", mbox.path]
        p.currentDirectoryURL = dir
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        // Wait until documents are coming out (the first 64 KB flushed), then interrupt.
        var waited = 0
        while p.isRunning, waited < 600, ((try? FileManager.default.attributesOfItem(atPath: outURL.path)[.size] as? Int) ?? 0) == 0 {
            usleep(100_000)
            waited += 1
        }
        #expect(p.isRunning, "the batch finished before it could be interrupted")
        kill(p.processIdentifier, SIGINT)
        let sent = Date()
        while p.isRunning, Date().timeIntervalSince(sent) < 10 { usleep(20_000) }
        let took = Date().timeIntervalSince(sent)
        if p.isRunning { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        #expect(took < 5, "took \(took) s to stop")
        #expect(p.terminationReason == .exit && p.terminationStatus == 130)
        let out = try Data(contentsOf: outURL)
        let json = try JSONSerialization.jsonObject(with: out) as? [String: Any]
        let documents = json?["documents"] as? [Any]
        #expect((documents?.count ?? 0) > 0 && (documents?.count ?? 0) < 300_000)
        #expect(try String(contentsOf: errURL, encoding: .utf8).contains("tonecheck: interrupted"))
        #expect(try Self.temporaryFiles(in: dir).isEmpty)
    }

    /// Ctrl-C during `--fix` on a folder: every file is either untouched or fully fixed,
    /// and no temporary file is left.
    @Test func ctrlCDuringFixLeavesEveryFileWholeAndNoTemporaryFiles() throws {
        let dir = try CLI.tempDir()
        let rules = try Self.rulesFile(in: dir)
        let folder = dir.appendingPathComponent("replies")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let original = String(repeating: "Sure, no problem. Line unchanged.\n", count: 3000)
        let fixed = original.replacingOccurrences(of: "no problem", with: "happy to help")
        for i in 0..<400 { try original.write(to: folder.appendingPathComponent(String(format: "r%03d.txt", i)), atomically: true, encoding: .utf8) }
        let errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["--no-default-rules", "--rules", rules.path, "--fix", folder.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        var waited = 0
        while p.isRunning, waited < 600, !((try? String(contentsOf: errURL, encoding: .utf8)) ?? "").contains("fixed") {
            usleep(50_000)
            waited += 1
        }
        kill(p.processIdentifier, SIGINT)
        p.waitUntilExit()
        #expect(p.terminationStatus == 130 || p.terminationStatus == 0)
        var done = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            #expect(!name.hasSuffix(".tmp"), "left behind: \(name)")
            guard name.hasSuffix(".txt") else { continue }
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text == original || text == fixed, "\(name) is neither the original nor the fixed file")
            if text == fixed { done += 1 }
        }
        #expect(done > 0)
    }
}
