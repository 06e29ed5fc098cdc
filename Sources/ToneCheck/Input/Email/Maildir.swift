import Foundation

/// Maildir folders: a folder with `cur/` and `new/` subfolders holds one message per file
/// (`tmp/` is mail being delivered and is ignored).
public enum Maildir {
    /// Whether `path` is a maildir (has `cur/` and `new/` folders).
    public static func isMaildir(_ path: String) -> Bool {
        var d: ObjCBool = false
        let fm = FileManager.default
        guard fm.fileExists(atPath: (path as NSString).appendingPathComponent("cur"), isDirectory: &d), d.boolValue else { return false }
        guard fm.fileExists(atPath: (path as NSString).appendingPathComponent("new"), isDirectory: &d), d.boolValue else { return false }
        return true
    }

    /// The message files of the maildir at `path`: `new/` then `cur/`, each sorted by
    /// name (delivery time comes first in maildir names), hidden files skipped.
    public static func messagePaths(in path: String) -> [String] {
        var out: [String] = []
        for sub in ["new", "cur"] {
            let dir = (path as NSString).appendingPathComponent(sub)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                let full = (dir as NSString).appendingPathComponent(name)
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue { out.append(full) }
            }
        }
        return out
    }
}
