import Foundation
import Testing
@testable import ToneCheck

/// Every message of CPython's email test suite (in `../shared/data/email/python-test-email/`)
/// parses without error, and its decoded text/plain parts match what Python's `email`
/// package extracts (`Scripts/email-reference.py`: `message_from_bytes(policy=default)`,
/// `walk()` over non-multipart text/plain parts, `get_content()`), whitespace normalised.
/// Skipped, with a note, when the folder or `python3` is absent.
@Suite struct EmailConformanceTests {
    /// Differences we accept, by file, with the reason. For these files Python's empty
    /// parts are dropped before comparing; everything else must still match exactly.
    static let accepted: [String: String] = [
        "msg_16.txt": "python parses each field block of a message/delivery-status part as a nested message "
            + "with an empty text/plain body; tonecheck treats delivery-status as machine-generated data, not text",
        "msg_43.txt": "the same message/delivery-status difference as msg_16.txt (26 empty field blocks)",
    ]

    static func normalise(_ s: String) -> String {
        ByteText.collapse(s.replacingOccurrences(of: "\r\n", with: "\n"))
    }

    struct Reference { var parts: [String?]; var subject: String?; var from: String? }

    static func pythonReference(_ folder: URL) -> [String: Reference]? {
        let script = EmailTestSupport.root.appendingPathComponent("Scripts/email-reference.py")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, folder.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        var result: [String: Reference] = [:]
        for line in data.split(separator: 0x0A) {
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let file = obj["file"] as? String, let parts = obj["parts"] as? [Any] else { continue }
            result[file] = Reference(parts: parts.map { $0 as? String }, subject: obj["subject"] as? String, from: obj["from"] as? String)
        }
        return result
    }

    @Test func matchesPythonEmailPackage() throws {
        guard let folder = EmailTestSupport.sharedData("email/python-test-email") else {
            print("note: ../shared/data/email/python-test-email is absent; conformance test skipped")
            return
        }
        guard let reference = Self.pythonReference(folder) else {
            print("note: python3 is not available; conformance test skipped")
            return
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files.count >= 40)
        var mismatches: [String] = []
        for name in files {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            // Parses without error (and the document reader copes with it too).
            let doc = EmailReader.read(bytes, origin: EmailReader.Origin(path: name))
            // Decoded headers agree with Python's (encoded words, folding).
            if let ref = reference[name] {
                #expect(doc.metadata.subject.map(Self.normalise) == ref.subject.map(Self.normalise), "\(name): subject")
                // Python drops "(comment)" names; compare the addresses.
                #expect(doc.metadata.from.map { EmailReader.mailbox($0).address } == ref.from.map { EmailReader.mailbox($0).address }, "\(name): from")
            }
            var parser = MIMEParser()
            let root = parser.parse(bytes)
            let ours = MIMEParser.plainTextParts(root, in: bytes).map(Self.normalise)
            guard let theirs = reference[name] else {
                mismatches.append("\(name): no python reference")
                continue
            }
            var expected = theirs.parts.map { Self.normalise($0 ?? "") }
            if Self.accepted[name] != nil { expected = expected.filter { !$0.isEmpty } }
            if ours != expected {
                mismatches.append("\(name):\n  ours:   \(ours)\n  python: \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }
}
