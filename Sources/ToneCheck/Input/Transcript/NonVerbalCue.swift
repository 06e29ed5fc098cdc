/// Stage directions in transcripts: `[sigh]`, `(sighs)`, `*sigh*`, `[laughs]`, `[crosstalk]`,
/// `[inaudible]`, `[pause]`, `[raised voice]`, `[Dana sighs]`. They are not words of the
/// speaker. Transcript readers rewrite their brackets in place to `(` and `)` (one byte for
/// one, so positions do not move), which lets rule patterns such as `\( _? sigh _? \)`
/// match every spelling.
public enum NonVerbalCue {
    /// What a cue signals.
    public enum Kind: String, Sendable, CaseIterable {
        /// A sigh, groan, huff or scoff: reads as frustration.
        case sigh
        /// Laughter: neutral.
        case laughter
        /// People talking over each other.
        case crosstalk
        /// Speech the transcriber could not make out.
        case inaudible
        /// A pause or silence.
        case pause
        /// Shouting or a raised voice.
        case raisedVoice = "raised-voice"
        /// Any other sound (cough, typing, background noise).
        case other
    }

    /// One cue found in a text.
    public struct Span: Sendable, Equatable {
        /// Byte range including the brackets.
        public var range: Range<Int>
        /// What it signals.
        public var kind: Kind
        /// A name written in the cue (`[Dana sighs]`), when there is one.
        public var name: String?
    }

    static let keywords: [String: Kind] = [
        "sigh": .sigh, "sighs": .sigh, "sighing": .sigh, "sighed": .sigh, "groan": .sigh, "groans": .sigh,
        "groaning": .sigh, "huff": .sigh, "huffs": .sigh, "scoff": .sigh, "scoffs": .sigh, "exhales": .sigh, "tuts": .sigh,
        "laugh": .laughter, "laughs": .laughter, "laughing": .laughter, "laughter": .laughter, "chuckles": .laughter,
        "chuckle": .laughter, "chuckling": .laughter, "giggles": .laughter,
        "crosstalk": .crosstalk, "cross-talk": .crosstalk, "overlapping": .crosstalk, "overtalk": .crosstalk,
        "inaudible": .inaudible, "unintelligible": .inaudible, "indistinct": .inaudible, "garbled": .inaudible,
        "pause": .pause, "pauses": .pause, "pausing": .pause, "silence": .pause,
        "shouting": .raisedVoice, "shouts": .raisedVoice, "shouted": .raisedVoice, "yelling": .raisedVoice,
        "yells": .raisedVoice, "yelled": .raisedVoice, "screaming": .raisedVoice, "raised": .raisedVoice,
        "raises": .raisedVoice, "raising": .raisedVoice,
        "coughs": .other, "cough": .other, "coughing": .other, "typing": .other, "noise": .other, "music": .other,
        "applause": .other, "throat": .other, "beep": .other, "static": .other,
    ]
    static let fillers: Set<String> = ["heavy", "heavily", "loud", "loudly", "long", "deep", "deeply", "audible", "audibly", "voice", "his", "her", "their", "talk", "talking", "over", "each", "other", "clears", "background", "nervous", "nervously", "softly", "sharp", "sharply", "brief", "short", "and", "a", "angrily", "frustrated"]

    /// Cues in `text`, in order.
    public static func scan(_ text: [UInt8]) -> [Span] {
        var out: [Span] = []
        var i = 0
        let n = text.count
        while i < n {
            let open = text[i]
            let close: UInt8
            switch open {
            case 0x5B: close = 0x5D  // [ ]
            case 0x28: close = 0x29  // ( )
            case 0x2A: close = 0x2A  // * *
            default: i += 1; continue
            }
            var j = i + 1
            while j < n, j - i <= 48, text[j] != close, text[j] != 0x0A, text[j] != open || open == close { j += 1 }
            guard j < n, text[j] == close, j > i + 1 else { i += 1; continue }
            if open == 0x2A, text[i + 1] == 0x20 || text[j - 1] == 0x20 { i += 1; continue }
            if let (kind, name) = classify(text[(i + 1)..<j]) {
                out.append(Span(range: i..<(j + 1), kind: kind, name: name))
                i = j + 1
            } else {
                i += 1
            }
        }
        return out
    }

    /// Rewrites the brackets of every cue in `text` to `(` and `)`; returns the cues.
    @discardableResult
    public static func canonicalise(_ text: inout [UInt8]) -> [Span] {
        let spans = scan(text)
        for s in spans {
            text[s.range.lowerBound] = 0x28
            text[s.range.upperBound - 1] = 0x29
        }
        return spans
    }

    /// The kind of cue a bracket's content is, and a leading name; nil when it is ordinary text.
    static func classify(_ content: ArraySlice<UInt8>) -> (Kind, String?)? {
        let words = String(decoding: content, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard !words.isEmpty, words.count <= 5 else { return nil }
        var kind: Kind?
        var name: String?
        for (k, w) in words.enumerated() {
            let lw = w.lowercased().trimmingMarks(".,!")
            if let found = keywords[lw] {
                if kind == nil || kind == .other { kind = found }
            } else if fillers.contains(lw) {
                continue
            } else if k == 0, let f = w.utf8.first, f >= 0x41, f <= 0x5A || f >= 0xC0 {
                name = w  // "[Dana sighs]"
            } else {
                return nil
            }
        }
        if kind == nil, words.contains(where: { $0.lowercased().hasPrefix("talk") }), words.contains(where: { $0.lowercased() == "over" }) {
            kind = .crosstalk  // "[talking over each other]"
        }
        guard let kind else { return nil }
        return (kind, name)
    }
}

extension String {
    func trimmingMarks(_ chars: String) -> String {
        var s = Substring(self)
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
