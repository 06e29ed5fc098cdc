/// A minimal line diff for `--fix --diff`: fixes never add or remove lines, so changed
/// lines are compared one to one.
enum Diff {
    static func unified(old: [UInt8], new: [UInt8], name: String) -> String {
        let a = String(decoding: old, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: new, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard a != b else { return "" }
        var out = "--- \(name)\n+++ \(name) (fixed)\n"
        var i = 0
        while i < max(a.count, b.count) {
            let x = i < a.count ? a[i] : nil, y = i < b.count ? b[i] : nil
            if x != y {
                out += "@@ -\(i + 1) +\(i + 1) @@\n"
                if let x { out += "-\(x)\n" }
                if let y { out += "+\(y)\n" }
            }
            i += 1
        }
        return out
    }
}
