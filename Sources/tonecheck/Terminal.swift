#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to stdout and stderr; a closed pipe (`| head`) ends the run quietly.
enum Terminal {
    nonisolated(unsafe) static var buffer: [UInt8] = []

    static func out(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Bytes as they are (invalid UTF-8 included): `--fix` on stdin passes input through.
    static func out(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    static func flush() {
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { write(1, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                // EPIPE: the reader went away; nothing more to say.
                _exit(errno == EPIPE ? 0 : 2)
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    static func err(_ s: String) {
        let bytes = Array(s.utf8)
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }

    static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    static func environment(_ name: String) -> String? {
        guard let p = getenv(name) else { return nil }
        return String(cString: p)
    }
}

/// A progress line on stderr for large batches ("checked 12,000 messages"), shown only
/// when stderr is a terminal, first after a second, then at most four times a second.
final class Progress {
    let enabled: Bool
    let start = Progress.now()
    var last = 0.0
    var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    func tick(_ documents: Int) {
        guard enabled, documents % 64 == 0 else { return }
        let t = Progress.now()
        guard t - start >= 1, t - last >= 0.25 else { return }
        last = t
        shown = true
        let rate = Double(documents) / (t - start)
        Terminal.err("\r\u{1B}[Kchecked \(documents) documents (\(Int(rate))/s)")
    }

    func clear() {
        guard shown else { return }
        shown = false
        Terminal.err("\r\u{1B}[K")
    }
}
