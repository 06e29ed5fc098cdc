/// A file-name glob, matched against `/`-separated relative paths.
///
/// - `*` matches any run of characters except `/`.
/// - `**` matches any run of characters including `/` (`**/` also matches nothing, so
///   `**/*.md` matches `a.md` as well as `x/y/a.md`).
/// - `?` matches one character except `/`.
/// - `{a,b}` matches either alternative (alternatives may hold globs; no nesting).
/// - A glob with no `/` matches the file name in any folder (`*.hbs` ≡ `**/*.hbs`).
public struct Glob: Sendable, Equatable, CustomStringConvertible {
    /// The glob as written.
    public let pattern: String
    private let alternatives: [[UInt8]]

    /// Compiles a glob.
    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        if !p.contains("/") { p = "**/" + p }
        alternatives = Glob.expandBraces(p).map { Array($0.utf8) }
    }

    /// The glob as written.
    public var description: String { pattern }

    /// Whether `path` (relative, `/`-separated) matches.
    public func matches(_ path: String) -> Bool {
        var s = path
        while s.hasPrefix("./") { s.removeFirst(2) }
        let bytes = Array(s.utf8)
        return alternatives.contains { Glob.match($0, 0, bytes, 0) }
    }

    /// Expands `{a,b}` groups (left to right, no nesting) into plain globs.
    static func expandBraces(_ p: String) -> [String] {
        guard let open = p.firstIndex(of: "{"), let close = p[open...].firstIndex(of: "}") else { return [p] }
        let head = String(p[..<open]), tail = String(p[p.index(after: close)...])
        let options = p[p.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        return options.flatMap { expandBraces(head + $0 + tail) }
    }

    /// Backtracking matcher over bytes; patterns are short, so this is fast enough.
    static func match(_ p: [UInt8], _ pi: Int, _ s: [UInt8], _ si: Int) -> Bool {
        var pi = pi, si = si
        let slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), q = UInt8(ascii: "?")
        while pi < p.count {
            let c = p[pi]
            if c == star {
                if pi + 1 < p.count, p[pi + 1] == star {
                    // `**`: any run including slashes; `**/` may also match nothing.
                    var next = pi + 2
                    let needsSlash = next < p.count && p[next] == slash
                    if needsSlash { next += 1 }
                    if match(p, next, s, si) { return true }
                    var k = si
                    while k < s.count {
                        k += 1
                        if needsSlash {
                            if s[k - 1] == slash, match(p, next, s, k) { return true }
                        } else if match(p, next, s, k) {
                            return true
                        }
                    }
                    return false
                }
                // `*`: any run without a slash.
                var k = si
                while true {
                    if match(p, pi + 1, s, k) { return true }
                    if k >= s.count || s[k] == slash { return false }
                    k += 1
                }
            }
            guard si < s.count else { return false }
            if c == q {
                if s[si] == slash { return false }
                // One character: skip a whole UTF-8 sequence.
                si += 1
                while si < s.count, s[si] & 0xC0 == 0x80 { si += 1 }
                pi += 1
                continue
            }
            if c != s[si] { return false }
            pi += 1
            si += 1
        }
        return si == s.count
    }
}
