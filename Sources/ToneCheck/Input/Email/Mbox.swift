import Foundation

/// Splits an mbox into messages, streaming: feed it chunks of any size and it hands out
/// each message as soon as the next `From ` separator line is seen, keeping only the
/// current message in memory.
///
/// A separator is a line starting with `From ` that opens the input, or that carries an
/// mbox postmark time (`From sender Mon Nov 23 09:15:00 2026`: an `h:mm:ss` time), or that
/// follows a blank line and names a sender (`From dana@example.com ...`, `From - ...`,
/// `From MAILER-DAEMON ...`). So an unescaped body line like "From the start, we agreed
/// at 10:30" does not split a message. Lines matching `>+From ` have one `>` removed: that is
/// mboxrd unescaping, and it is also right for mboxo, whose writers escape `From ` as
/// `>From ` (an mboxo body line that really began with `>From ` cannot be told apart —
/// mboxo loses that information).
public struct MboxSplitter {
    /// One message of an mbox.
    public struct Message: Sendable {
        /// The message bytes, separator line removed and `>From ` unescaped.
        public var bytes: [UInt8]
        /// Where it sits in the file (line, byte offset, 1-based index, unescaped lines).
        public var origin: EmailReader.Origin
    }

    let path: String?
    var buffer: [UInt8] = []
    var bufferBase = 0  // file offset of buffer[0]
    var scan = 0  // buffer index of the next line start to examine
    var scanLine = 1  // file line of `scan`
    var msgStart: Int?  // buffer index of the current message's first byte (after the separator)
    var msgLine = 1
    var index = 0
    var prevBlank = true
    /// Messages handed out so far.
    public var count: Int { index }
    /// Bytes before the first `From ` line that were not part of any message.
    public private(set) var strayLeadingBytes = 0

    /// Creates a splitter for the mbox at `path` (used in each message's origin).
    public init(path: String?) { self.path = path }

    /// Adds the next chunk and hands out every message completed by it.
    public mutating func feed(_ chunk: ArraySlice<UInt8>, _ emit: (Message) -> Void) {
        // Compact once per chunk: drop bytes before the current message (or scan point).
        let keep = msgStart ?? scan
        if keep > 0 {
            buffer.removeFirst(keep)
            bufferBase += keep
            scan -= keep
            if msgStart != nil { msgStart = 0 }
        }
        buffer.append(contentsOf: chunk)
        process(final: false, emit)
    }

    /// Hands out the last message.
    public mutating func finish(_ emit: (Message) -> Void) {
        process(final: true, emit)
        if let s = msgStart {
            emitMessage(from: s, to: buffer.count, emit)
            msgStart = nil
        } else if index == 0, !buffer.isEmpty, buffer.contains(where: { !ByteText.isWS($0) }) {
            // No separator at all: the whole input is one message.
            msgStart = 0
            msgLine = 1
            emitMessage(from: 0, to: buffer.count, emit)
            msgStart = nil
        }
    }

    mutating func process(final: Bool, _ emit: (Message) -> Void) {
        let n = buffer.count
        while scan < n {
            // Find the end of this line; if it is not complete yet, wait for more bytes
            // (unless this is the end of input).
            let e = newline(from: scan, to: n)
            if e == n && !final {
                // Bound the wait: a huge line cannot be a separator once it is past 1 KB.
                if e - scan > 1024 && !looksLikeFromPrefix(scan, n) {
                    // Skip ahead without waiting; it is message content. It still counts
                    // as the content that opens an mbox without a separator, and as a
                    // `>From ` line to unescape, exactly as when the line is seen whole.
                    if msgStart == nil, index == 0 {
                        msgStart = scan
                        msgLine = scanLine
                    } else if msgStart != nil {
                        noteEscapedFrom(end: e)
                    }
                    prevBlank = false
                    // Keep scan at this line start but remember we need not re-check: move to e.
                    // (The line continues in the next chunk; treat the rest as content.)
                    scanMidLine = true
                    scan = e
                }
                return
            }
            let next = e < n ? e + 1 : e
            if scanMidLine {
                // Continuation of a long line that began in an earlier chunk.
                scanMidLine = false
                prevBlank = false
                scan = next
                scanLine += 1
                continue
            }
            var ce = e
            if ce > scan, buffer[ce - 1] == 0x0D { ce -= 1 }
            let isFrom = startsWithFrom(scan, ce)
            // (A sender is looked for before a postmark time: it is found sooner, at the
            // start of the line, on the separators of most mailboxes.)
            if isFrom, (msgStart == nil && index == 0) || (prevBlank && namesSender(scan, ce)) || hasPostmarkTime(scan, ce) {
                if let s = msgStart {
                    // The blank line before the separator belongs to the mbox, not the message.
                    var end = scan
                    if end - s >= 2, buffer[end - 1] == 0x0A {
                        var e2 = end - 1
                        if e2 > s, buffer[e2 - 1] == 0x0D { e2 -= 1 }
                        if e2 > s, buffer[e2 - 1] == 0x0A { end = e2 }
                    }
                    emitMessage(from: s, to: max(s, end), emit)
                } else if scan > 0 || bufferBase > 0 {
                    strayLeadingBytes = bufferBase + scan
                }
                msgStart = next
                msgLine = scanLine + 1
                unescaped = []
            } else if msgStart != nil, buffer[scan] == 0x3E {
                noteEscapedFrom(end: ce)
            } else if msgStart == nil, index == 0, !isFrom {
                // Content before any separator: treat the input as starting with a message.
                msgStart = scan
                msgLine = scanLine
            }
            prevBlank = ce == scan
            scan = next
            scanLine += 1
        }
    }

    /// The index of the first LF in `buffer[from..<to]`, or `to` (memchr: this scan runs
    /// over every byte of the mailbox on the reading thread).
    func newline(from: Int, to: Int) -> Int {
        ByteText.lineEnd(buffer, from: from, to: to)
    }

    var unescaped: [Int] = []  // file offsets of lines in the current message that start with >+From
    var scanMidLine = false

    func looksLikeFromPrefix(_ s: Int, _ n: Int) -> Bool {
        let p: [UInt8] = [0x46, 0x72, 0x6F, 0x6D, 0x20]
        for k in 0..<5 where s + k < n && buffer[s + k] != p[k] { return false }
        return true
    }

    /// Whether the bytes `s..<end` start with `From `.
    func startsWithFrom(_ s: Int, _ end: Int) -> Bool {
        end - s >= 5 && buffer[s] == 0x46 && buffer[s + 1] == 0x72 && buffer[s + 2] == 0x6F && buffer[s + 3] == 0x6D && buffer[s + 4] == 0x20
    }

    /// Records the line at `scan` (its content ending at `end`) when it is `>From `, `>>From `,
    /// ...: an escaped line to unescape in the current message.
    mutating func noteEscapedFrom(end: Int) {
        var j = scan
        while j < end, buffer[j] == 0x3E { j += 1 }
        if j > scan, startsWithFrom(j, end) { unescaped.append(bufferBase + scan) }
    }

    /// The line has an `h:mm:ss` time.
    func hasPostmarkTime(_ s: Int, _ e: Int) -> Bool {
        guard e - s < 300 else { return false }
        func digit(_ k: Int) -> Bool { k < e && buffer[k] >= 0x30 && buffer[k] <= 0x39 }
        var j = s + 5
        while j + 5 < e {
            if buffer[j + 1] == 0x3A, buffer[j + 4] == 0x3A, digit(j), digit(j + 2), digit(j + 3), digit(j + 5) { return true }
            j += 1
        }
        return false
    }

    /// The word after `From ` looks like an envelope sender: an address, `-`, or `MAILER-DAEMON`.
    func namesSender(_ s: Int, _ e: Int) -> Bool {
        var j = s + 5
        let w = j
        while j < e, buffer[j] != 0x20, buffer[j] != 0x09 { j += 1 }
        let word = buffer[w..<j]
        if word.contains(0x40) { return true }  // an address, the usual case: looked for first
        if word.count == 1 && word.first == 0x2D { return true }
        return ByteText.equals(word, "MAILER-DAEMON")
    }

    mutating func emitMessage(from s: Int, to e: Int, _ emit: (Message) -> Void) {
        index += 1
        // Unescape ">From " lines, recording where a ">" was removed (message offsets).
        var bytes: [UInt8]
        var removed: [Int] = []
        let marks = unescaped.map { $0 - bufferBase }.filter { $0 >= s && $0 < e }
        if marks.isEmpty {
            bytes = Array(buffer[s..<e])
        } else {
            bytes = []
            bytes.reserveCapacity(e - s)
            var from = s
            for m in marks {
                bytes += buffer[from..<m]
                removed.append(bytes.count)
                from = m + 1
            }
            bytes += buffer[from..<e]
        }
        unescaped = []
        let origin = EmailReader.Origin(path: path, line: msgLine, byteOffset: bufferBase + s, index: index, unescapedLines: removed)
        emit(Message(bytes: bytes, origin: origin))
    }
}
