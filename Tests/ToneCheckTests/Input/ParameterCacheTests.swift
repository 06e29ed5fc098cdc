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

@Suite struct RecentValuesTests {
    @Test func aValueIsMadeOnceForTheSameBytesAndAgainForOthers() {
        let cache = RecentValues<String>()
        var made = 0
        func get(_ s: String) -> String {
            cache.value(of: Array(s.utf8)[...]) { made += 1; return String(decoding: $0, as: UTF8.self).uppercased() }
        }
        #expect(get("dana@example.com") == "DANA@EXAMPLE.COM")
        #expect(get("dana@example.com") == "DANA@EXAMPLE.COM")
        #expect(made == 1)
        #expect(get("sam@example.com") == "SAM@EXAMPLE.COM")
        #expect(made == 2)
    }

    @Test func bytesLongerThanTheLimitAreNeverKept() {
        let cache = RecentValues<Int>()
        var made = 0
        let long = [UInt8](repeating: 0x61, count: RecentValues<Int>.maxBytes + 1)
        for _ in 0..<3 { #expect(cache.value(of: long[...]) { made += 1; return $0.count } == long.count) }
        #expect(made == 3)
    }

    @Test func manyKeysSharingSlotsEachGetTheirOwnValue() {
        let cache = RecentValues<String>()
        for _ in 0..<2 {
            for k in 0..<(RecentValues<String>.slots * 4) {
                let key = "key \(k)"
                #expect(cache.value(of: Array(key.utf8)[...]) { String(decoding: $0, as: UTF8.self) } == key)
            }
        }
    }

    @Test func twoValuesSharingASetAreBothKept() throws {
        // Two keys whose hashes pick the same set, asked for in turn (as the Content-Types
        // of a mailbox's replies and originals are): each is made once, not every time.
        func entry(_ k: [UInt8]) -> Int { RecentValues<Int>.firstEntry(of: k.withUnsafeBufferPointer { RecentValues<Int>.hash($0) }) }
        let keys = (0..<2000).map { Array("key \($0)".utf8) }
        let a = keys[0]
        let b = try #require(keys.dropFirst().first { entry($0) == entry(a) })
        let cache = RecentValues<Int>()
        var made = 0
        for _ in 0..<3 {
            for k in [a, b] { #expect(cache.value(of: k[...]) { made += 1; return $0.count } == k.count) }
        }
        #expect(made == 2)
    }

    @Test func emptyBytesAreAKeyLikeAnyOther() {
        let cache = RecentValues<Int>()
        #expect(cache.value(of: [][...]) { _ in 7 } == 7)
        #expect(cache.value(of: [][...]) { _ in 8 } == 7)
    }

    @Test func addressListsAreTheSameFromTheCache() {
        let raw = Array("Priya Raman <priya@x.example>, \"Ops, Team\" <ops@x.example>".utf8)
        let h = HeaderBlock(fields: [HeaderField(name: "To", raw: raw[...], line: 1, valueOffset: 4, folded: false)], bodyOffset: 0, bodyLine: 1)
        let expected = EmailReader.addresses(EncodedWords.decode(raw[...])).map(EmailReader.display)
        #expect(EmailReader.displayAddresses([0], in: h) == expected)
        #expect(EmailReader.displayAddresses([0], in: h) == expected)
        #expect(EmailReader.displayAddresses([0, 0], in: h) == expected + expected)
    }
}
