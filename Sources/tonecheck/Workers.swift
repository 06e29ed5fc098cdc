import Dispatch
import Foundation

/// Runs work items on up to `workers` threads while the calling thread keeps reading input,
/// and hands each result back on the calling thread in the order the items were submitted,
/// so output is the same whatever the number of workers. At most `workers` items run at
/// once and at most `4 × workers` wait to be delivered, so memory stays bounded.
final class OrderedWorkers<Result>: @unchecked Sendable {
    let workers: Int
    private let window: Int
    private let condition = NSCondition()
    private let queue = DispatchQueue(label: "tonecheck.workers", attributes: .concurrent)
    // Guarded by `condition`.
    private var results: [Int: Result] = [:]
    private var running = 0
    // Calling thread only.
    private var deliveries: [Int: (Result) -> Void] = [:]
    private var submitted = 0
    private var delivered = 0

    init(workers: Int) {
        self.workers = max(1, workers)
        window = 4 * self.workers
    }

    /// Queues `work`; `deliver` gets its result on this thread, after every earlier item's.
    /// With one worker the work runs right here; so does the last item of a run
    /// (`last`) when nothing is waiting on the workers: handing it to a new thread would
    /// only add the thread's start-up to a short run's time (a draft through stdin).
    func submit(last: Bool = false, _ work: @escaping @Sendable () -> Result, deliver: @escaping (Result) -> Void) {
        if workers == 1 || (last && submitted == delivered) {
            deliver(work())
            return
        }
        condition.lock()
        while running >= workers || submitted - delivered >= window {
            if !deliverReady() { condition.wait() }
        }
        running += 1
        condition.unlock()
        let index = submitted
        submitted += 1
        deliveries[index] = deliver
        queue.async { [self] in
            let r = work()
            condition.lock()
            results[index] = r
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        _ = deliverReady()
        condition.unlock()
    }

    /// Waits for every queued item and delivers the rest in order.
    func finish() {
        guard workers > 1 else { return }
        condition.lock()
        while delivered < submitted {
            if !deliverReady() { condition.wait() }
        }
        condition.unlock()
    }

    /// Delivers finished results in order (called with the lock held; releases it while a
    /// delivery runs). Whether anything was delivered.
    private func deliverReady() -> Bool {
        var any = false
        while let r = results.removeValue(forKey: delivered) {
            let d = deliveries.removeValue(forKey: delivered)!
            delivered += 1
            any = true
            condition.unlock()
            d(r)
            condition.lock()
        }
        return any
    }
}

/// Limits on how a run uses memory.
enum RunLimits {
    /// Files up to this size are read whole by a worker; larger ones (a big mbox) are
    /// streamed by the main thread, document by document.
    static let wholeFileInWorker = 8 << 20
    /// Streamed items (mbox messages) go to a worker in batches of at most this many...
    static let batchItems = 64
    /// ...and this many bytes (a batch closes at the item that reaches it), so a batch is
    /// worth handing off and the messages waiting in memory stay few.
    static let batchBytes = 256 << 10
}

/// Carries a value to another thread when the compiler cannot see it is safe: the CLI
/// hands each document's setup and result to exactly one worker and back.
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
