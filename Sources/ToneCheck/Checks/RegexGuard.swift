/// Rejects regular expressions that can take unbounded time (catastrophic backtracking)
/// before they are ever run. Rule regexes run per line, and lines are capped in length,
/// so an accepted pattern does bounded work.
enum RegexGuard {
    /// Longest line, in bytes, a regex rule is run on; longer lines are skipped with a warning.
    static let maxLineBytes = 8192

    /// Why `pattern` is refused, or nil when it is acceptable.
    static func problem(in pattern: String) -> String? {
        let chars = Array(pattern)
        if pattern.count > 500 { return "the regex is longer than 500 characters; use a phrase or pattern rule" }
        // Track, for each open group, whether it contains a quantifier or an alternation.
        var stack: [(quantified: Bool, alternation: Bool)] = []
        var i = 0
        var inClass = false
        var lastClosedGroup: (quantified: Bool, alternation: Bool)?
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                if i + 1 < chars.count, chars[i + 1].isNumber, chars[i + 1] != "0" {
                    return "backreferences (\\\(chars[i + 1])) are not allowed: they can make matching take unbounded time"
                }
                if i + 1 < chars.count, chars[i + 1] == "k" { return "named backreferences are not allowed" }
                i += 2
                lastClosedGroup = nil
                continue
            }
            if inClass {
                if c == "]" { inClass = false }
                i += 1
                continue
            }
            switch c {
            case "[":
                inClass = true
                lastClosedGroup = nil
            case "(":
                if i + 2 < chars.count, chars[i + 1] == "?", chars[i + 2] == "<" || chars[i + 2] == "=" || chars[i + 2] == "!" {
                    if chars[i + 2] == "<", i + 3 < chars.count, chars[i + 3] != "=" && chars[i + 3] != "!" {
                        // named group: fine
                    } else {
                        return "lookaround assertions are not allowed in rule regexes"
                    }
                }
                stack.append((false, false))
                lastClosedGroup = nil
            case ")":
                guard let g = stack.popLast() else { return "unbalanced ')' at character \(i + 1)" }
                lastClosedGroup = g
                if !stack.isEmpty {
                    stack[stack.count - 1].quantified = stack[stack.count - 1].quantified || g.quantified
                }
                i += 1
                continue
            case "|":
                if !stack.isEmpty { stack[stack.count - 1].alternation = true }
                lastClosedGroup = nil
            case "*", "+", "{":
                if let g = lastClosedGroup, g.quantified || g.alternation {
                    return "a repeated group that itself repeats or alternates (like (a+)+ or (a|b)*) can backtrack catastrophically; rewrite it without nesting"
                }
                if !stack.isEmpty { stack[stack.count - 1].quantified = true }
                lastClosedGroup = nil
                if c == "{" { while i < chars.count, chars[i] != "}" { i += 1 } }
            case "?":
                lastClosedGroup = nil
            default:
                lastClosedGroup = nil
            }
            i += 1
        }
        if !stack.isEmpty { return "a '(' is not closed" }
        if inClass { return "a '[' is not closed" }
        return nil
    }
}
