import Foundation

/// Runs the built `tonecheck` binary and captures what it did.
struct Run {
    var stdout: String
    var stderr: String
    var status: Int32
}

enum CLI {
    /// The package root (two levels above this file's folder).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary: next to the test bundle, else in .build/debug.
    static let binary: URL = {
        var candidates: [URL] = []
        if let exe = Bundle.main.executableURL { candidates.append(exe.deletingLastPathComponent().appendingPathComponent("tonecheck")) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tonecheck"))
        for c in Bundle.allBundles.map(\.bundleURL) { candidates.append(c.deletingLastPathComponent().appendingPathComponent("tonecheck")) }
        candidates.append(root.appendingPathComponent(".build/debug/tonecheck"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    /// A child that exits before reading all its stdin must not kill the test process.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// Runs `tonecheck args` with `stdin`, in `directory` (default: the package root).
    static func run(_ args: [String], stdin: String? = nil, stdinData: Data? = nil, in directory: URL? = nil, environment: [String: String] = [:]) throws -> Run {
        _ = ignoreBrokenPipes
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = directory ?? root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = nil
        for (k, v) in environment { env[k] = v }
        p.environment = env
        // Output goes to temporary files, so a full pipe can never block the child.
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let inPipe = Pipe()
        p.standardInput = inPipe
        p.standardOutput = try FileHandle(forWritingTo: outURL)
        p.standardError = try FileHandle(forWritingTo: errURL)
        try p.run()
        let input = stdinData ?? Data((stdin ?? "").utf8)
        let writer = inPipe.fileHandleForWriting
        let thread = Thread {
            // The child may exit before reading it all (an error, `--version`): not a failure.
            try? writer.write(contentsOf: input)
            try? writer.close()
        }
        thread.start()
        p.waitUntilExit()
        let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
        return Run(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self), status: p.terminationStatus)
    }

    /// A fresh temporary folder.
    static func tempDir() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("tonecheck-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }
}
