// Shared by every fuzz target. Scripts/fuzz compiles the library sources
// (Sources/ToneCheck/**) once, instrumented and with -enable-testing, and links each target
// (this file + one target file) against it, so targets can reach internal API through
// `@testable import`. Not part of the SwiftPM package.
import Foundation
@testable import ToneCheck

/// Helpers for the libFuzzer entry points.
enum Fuzz {
    /// The checker with the built-in rules, built once per process.
    static let checker: ToneChecker = {
        do { return try ToneChecker.standard() } catch { fatalError("built-in rules do not load: \(error)") }
    }()

    /// The input as an array (libFuzzer may pass a null pointer for an empty input).
    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        guard let data, size > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// Stops the run with a message when an invariant does not hold (libFuzzer saves the input).
    static func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() {
            FileHandle.standardError.write(Data("fuzz invariant failed: \(message())\n".utf8))
            abort()
        }
    }

    /// Every segment of `doc` maps back inside an input of `count` bytes and `lines` lines.
    static func checkPositions(_ doc: Document, inputBytes count: Int, lines: Int) {
        for (i, s) in doc.segments.enumerated() {
            for offset in [0, s.text.count / 2, s.text.count] {
                let p = s.sourceMap.position(of: offset, in: s.text)
                require(p.line >= 1 && p.column >= 1, "segment \(i) offset \(offset): position \(p.line):\(p.column)")
                // Text that maps byte for byte must stay inside the input. (Decoded text —
                // base64, quoted-printable, HTML — has approximate lines, counted on from
                // where the body starts, so it is not held to the file's line count.)
                if let b = p.byteOffset {
                    require(b >= 0 && b <= count, "segment \(i) offset \(offset): byte \(b) outside 0...\(count)")
                    require(p.line <= lines, "segment \(i) offset \(offset): line \(p.line) past the input's \(lines) lines")
                }
            }
        }
    }

    /// Number of lines in `b` (1 + newlines).
    static func lineCount(_ b: [UInt8]) -> Int { b.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) } }
}
