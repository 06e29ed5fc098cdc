import Foundation
@testable import ToneCheck

/// Paths for the email tests.
enum EmailTestSupport {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data/<sub>` beside the package root (a worktree may sit deeper: the
    /// nearest ancestor holding `shared/data` is used). Nil when absent.
    static func sharedData(_ sub: String) -> URL? {
        var dir = root
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent()
            let u = dir.appendingPathComponent("shared/data").appendingPathComponent(sub)
            if FileManager.default.fileExists(atPath: u.path) { return u }
        }
        return nil
    }

    /// A message from lines joined with CRLF or LF.
    static func message(_ lines: [String], crlf: Bool = false) -> [UInt8] {
        Array(lines.joined(separator: crlf ? "\r\n" : "\n").utf8)
    }

    /// Reads a message and returns (role, text) pairs of its segments.
    static func zones(_ text: String) -> [(SegmentRole, String)] {
        EmailReader.read(Array(text.utf8)).segments.map { ($0.role, $0.string) }
    }
}
