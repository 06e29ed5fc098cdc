import Testing
@testable import ToneCheck

@Suite struct ParameterCacheTests {
    static let values = [
        "text/plain; charset=utf-8", "text/plain; charset=\"UTF-8\"", "multipart/alternative; boundary=\"alt-41\"",
        "multipart/mixed; boundary=outer", "attachment; filename=\"report.pdf\"", "text/html", "",
        "text/plain; name*0*=utf-8''caf%C3%A9; name*1=.txt", "image/png; name=\"a \\\"quoted\\\" name.png\"",
        "TEXT/PLAIN (comment); CHARSET=ISO-8859-1; charset=ignored-second",
    ]

    @Test(arguments: values) func cachedParametersEqualAFreshParse(_ value: String) {
        let bytes = Array(value.utf8)
        let fresh = HeaderParameters(bytes)
        // Twice: the first fills the cache, the second reads it.
        #expect(HeaderParameters.parsed(bytes[...]) == fresh)
        #expect(HeaderParameters.parsed(bytes[...]) == fresh)
    }

    @Test func manyDifferentValuesNeverGetAnotherValuesParameters() {
        // More values than the cache has slots, so slots are shared and replaced.
        for round in 0..<2 {
            for k in 0..<(ParameterCache.slots * 3) {
                let bytes = Array("multipart/mixed; boundary=\"b\(k)\"".utf8)
                #expect(HeaderParameters.parsed(bytes[...]).params["boundary"] == "b\(k)", "round \(round)")
            }
        }
    }

    @Test func longValuesAreParsedWithoutTheCache() {
        let long = "text/plain; x=\"" + String(repeating: "y", count: ParameterCache.maxBytes) + "\""
        let bytes = Array(long.utf8)
        #expect(HeaderParameters.parsed(bytes[...]) == HeaderParameters(bytes))
    }

    @Test func aSliceInTheMiddleOfAMessageIsReadFromItsOwnStart() {
        let message = Array("Content-Type: text/html; charset=utf-8\n".utf8)
        let slice = message[14..<(message.count - 1)]
        #expect(HeaderParameters.parsed(slice) == HeaderParameters(Array(slice)))
    }
}
