import Foundation
import ToneCheck

/// Finding input files and writing output files safely.
enum Files {
    /// Extensions of files a folder walk picks up.
    static let textLike: Set<String> = [
        "txt", "text", "md", "markdown", "eml", "msg", "mbox", "mbx", "vtt", "srt", "sbv", "jsonl", "ndjson",
        "html", "htm", "liquid", "hbs", "handlebars", "mustache", "j2", "jinja", "jinja2", "tmpl", "tpl",
    ]

    /// The size of a regular file in bytes (nil for anything else, or when it cannot be read).
    static func size(_ path: String) -> Int? {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(st.st_size)
    }

    /// Expands folders into the text-like files under them (sorted, hidden entries skipped).
    static func expand(_ path: String) throws -> [String] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw ToneCheckError.input(path: path, line: nil, message: "no such file or folder")
        }
        if !isDir.boolValue { return [path] }
        if Maildir.isMaildir(path) { return Maildir.messagePaths(in: path) }
        guard let walker = FileManager.default.enumerator(atPath: path) else {
            throw ToneCheckError.input(path: path, line: nil, message: "cannot read the folder")
        }
        var files: [String] = []
        while let rel = walker.nextObject() as? String {
            let name = (rel as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if (walker.fileAttributes?[.type] as? FileAttributeType) == .typeDirectory { walker.skipDescendants() }
                continue
            }
            let full = (path as NSString).appendingPathComponent(rel)
            guard (walker.fileAttributes?[.type] as? FileAttributeType) == .typeRegular else { continue }
            if textLike.contains((name as NSString).pathExtension.lowercased()) || isMaildirMessage(full) { files.append(full) }
        }
        if files.isEmpty {
            throw ToneCheckError.input(path: path, line: nil, message: "the folder has no text-like files to check (\(textLike.sorted().prefix(8).joined(separator: ", ")), ...)")
        }
        return files.sorted()
    }

    /// Whether `path` is a message file in a maildir's `cur/` or `new/` folder.
    static func isMaildirMessage(_ path: String) -> Bool {
        let parent = (path as NSString).deletingLastPathComponent
        let folder = (parent as NSString).lastPathComponent
        guard folder == "cur" || folder == "new" else { return false }
        return Maildir.isMaildir((parent as NSString).deletingLastPathComponent)
    }

    /// Opens a file for streaming.
    static func open(_ path: String) throws -> FileHandle {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ToneCheckError.input(path: path, line: nil, message: "cannot open the file; check that it exists and is readable")
        }
        return h
    }

    /// Reads a whole file.
    static func read(_ path: String) throws -> [UInt8] {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw ToneCheckError.input(path: path, line: nil, message: "cannot open the file; check that it exists and is readable")
        }
        defer { try? h.close() }
        do {
            return Array(try h.readToEnd() ?? Data())
        } catch {
            throw ToneCheckError.input(path: path, line: nil, message: "cannot read the file: \(error.localizedDescription)")
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a
    /// rename, keeping the original's permissions. On any failure the original is untouched.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).tonecheck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else {
            throw ToneCheckError.input(path: path, line: nil, message: "cannot write a temporary file in \(dir); nothing was changed")
        }
        do {
            if let perms = attributes?[.posixPermissions] {
                try FileManager.default.setAttributes([.posixPermissions: perms], ofItemAtPath: tmp)
            }
            if rename(tmp, path) != 0 {
                throw ToneCheckError.input(path: path, line: nil, message: "cannot replace the file (\(String(cString: strerror(errno)))); nothing was changed")
            }
        } catch {
            unlink(tmp)
            throw error
        }
    }
}
