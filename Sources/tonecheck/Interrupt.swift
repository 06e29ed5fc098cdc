import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C (SIGINT) and SIGTERM: a batch stops between documents, closes its output with
/// what is complete (valid JSON, a summary of what was checked), and exits 128 + the
/// signal (130 for Ctrl-C). A file being rewritten by `--fix` is either replaced whole or
/// untouched. If the run cannot reach the end of a document within `grace` seconds (one
/// enormous document), or a second signal comes, it stops at once instead: the temporary
/// file of an unfinished write is removed and the process exits without more output.
enum Interrupt {
    private static let signalNumber = Atomic<Int32>(0)
    private static let pending = Mutex<String?>(nil)
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Seconds between the signal and the hard stop.
    static let grace = 1.5

    /// Whether a stop was requested.
    static var requested: Bool { signalNumber.load(ordering: .relaxed) != 0 }

    /// The temporary file being written now (removed on a hard stop).
    static var pendingFile: String? {
        get { pending.withLock { $0 } }
        set { pending.withLock { $0 = newValue } }
    }

    /// Routes SIGINT and SIGTERM to a handler on a dispatch queue (not a signal handler:
    /// nothing async-signal-unsafe runs in signal context).
    static func install() {
        // A process can start with signals blocked (inherited from the thread that
        // spawned it); then Ctrl-C would never arrive. Unblock the two we stop on.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                let (first, _) = signalNumber.compareExchange(expected: 0, desired: sig, ordering: .relaxed)
                if !first { hardStop() }
                DispatchQueue.global().asyncAfter(deadline: .now() + grace) { hardStop() }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Exit status for the signal received.
    static var status: Int32 { 128 + max(signalNumber.load(ordering: .relaxed), 0) }

    /// Ends the run after a clean stop between documents.
    static func exitNow() -> Never {
        Terminal.err("tonecheck: interrupted\n")
        exit(status)
    }

    /// Ends the run at once: removes the temporary file of an unfinished write.
    static func hardStop() -> Never {
        if let tmp = pendingFile { unlink(tmp) }
        Terminal.err("\ntonecheck: interrupted\n")
        _exit(status)
    }
}
