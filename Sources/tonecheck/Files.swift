import Foundation
import ToneCheck

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
        // A folder given through a symbolic link is walked where the link points (the walker
        // does not descend into a link), and its files are named under the path given.
        var link = Substring(path)
        while link.count > 1, link.hasSuffix("/") { link = link.dropLast() }  // "link/" names the link too
        let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: String(link))).map {
            $0.hasPrefix("/") ? $0 : ((String(link) as NSString).deletingLastPathComponent as NSString).appendingPathComponent($0)
        }
        guard let walker = FileManager.default.enumerator(atPath: target ?? path) else {
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

    /// Writes `bytes` to `path` atomically: a new temporary file in the same folder
    /// (created exclusively, written in full, flushed to disk), then a rename over the
    /// original, which keeps its permissions (and its owner, when allowed). A symbolic link
    /// is followed, so the file it points to is replaced, not the link. On any failure —
    /// the temporary file cannot be created, the disk or a file-size limit fills up
    /// halfway, the rename fails — the temporary file is removed and the original is
    /// untouched. While the write is under way the temporary file is registered with
    /// `Interrupt`, which removes it if the run is interrupted.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        var target = path
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        }
        let exists = stat(target, &st) == 0
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        let tmp = (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).tonecheck-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        func failure(_ what: String, _ code: Int32) -> ToneCheckError {
            ToneCheckError.input(path: path, line: nil, message: "\(what) (\(String(cString: strerror(code)))); nothing was changed")
        }
        Interrupt.pendingFile = tmp
        defer { Interrupt.pendingFile = nil }
        let fd = posixOpen(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot create a temporary file in \(dir)", errno) }
        var failed: ToneCheckError?
        var offset = 0
        bytes.withUnsafeBytes { buf in
            while offset < buf.count {
                let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = failure("cannot write the temporary file \(tmp) after \(offset) of \(buf.count) bytes", errno)
                    return
                }
                offset += n
            }
        }
        if failed == nil {
            // The original's permission bits (and owner, best effort); a new file gets
            // the usual 0666 less the umask.
            if exists {
                _ = fchown(fd, st.st_uid, st.st_gid)
                if fchmod(fd, st.st_mode & 0o7777) != 0 { failed = failure("cannot set the permissions of \(tmp)", errno) }
            } else {
                let mask = umask(0)
                umask(mask)
                if fchmod(fd, 0o666 & ~mask) != 0 { failed = failure("cannot set the permissions of \(tmp)", errno) }
            }
        }
        if failed == nil, fsync(fd) != 0 { failed = failure("cannot flush \(tmp) to disk", errno) }
        if close(fd) != 0, failed == nil { failed = failure("cannot close \(tmp)", errno) }
        if failed == nil, rename(tmp, target) != 0 { failed = failure("cannot replace the file", errno) }
        if let failed {
            unlink(tmp)
            throw failed
        }
    }
}

/// `open(2)` (the name `open` inside `Files` is the file-opening helper above).
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}
