// Fuzz target: the transcript parsers. The first byte picks the parser ("Speaker: text"
// lines, WebVTT, SRT, SBV, Amazon Transcribe JSON); the rest is the file.
import Foundation
@testable import ToneCheck

let transcriptFormats: [InputFormat] = [.transcript, .vtt, .srt, .sbv, .transcribeJSON]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranscript(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let all = Fuzz.bytes(data, size)
    guard let first = all.first else { return 0 }
    let b = Array(all.dropFirst())
    let format = transcriptFormats[Int(first) % transcriptFormats.count]
    switch TranscriptReader.read(b, format: format, path: nil) {
    case .success(let doc):
        Fuzz.checkPositions(doc, inputBytes: b.count, lines: Fuzz.lineCount(b))
        for s in doc.segments {
            if let a = s.startTime, let e = s.endTime { Fuzz.require(a.isFinite && e.isFinite, "non-finite cue time \(a) --> \(e)") }
        }
    case .failure(let e):
        Fuzz.require(!e.message.isEmpty, "an error without a message")
    }
    return 0
}
