import Foundation
import Testing

@testable import ToneCheck

@Suite struct ISO8601Tests {
    /// Foundation's formatter, as the reference the arithmetic must agree with.
    static func reference(_ date: Date, offset: Int?) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: offset ?? 0)
        f.formatOptions = [.withInternetDateTime]
        let s = f.string(from: date)
        return offset == nil || offset == 0 ? (offset == nil ? s : s.replacingOccurrences(of: "Z", with: "+00:00")) : s
    }

    @Test(arguments: [
        (0.0, nil as Int?), (951_782_400, nil), (951_868_799, -18000), (4_107_542_399, 3600), (1_795_000_000, 19800),
        (-1, nil), (-2_208_988_800, nil), (253_402_300_799, nil), (1_798_675_200, -36000), (1_796_000_000.75, 0),
    ])
    func agreesWithFoundation(_ seconds: Double, _ offset: Int?) {
        let d = Date(timeIntervalSince1970: seconds)
        #expect(ISO8601.string(d, offset: offset) == Self.reference(d, offset: offset))
    }

    @Test func agreesWithFoundationOnManyDays() {
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            x = x &* 6364136223846793005 &+ 1442695040888963407
            let seconds = Double(Int64(bitPattern: x >> 1) % 8_000_000_000) - 2_000_000_000
            let offset = [nil, 0, -18000, 3600, 20700, -34200][Int(x % 6)]
            let d = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601.string(d, offset: offset) == Self.reference(d, offset: offset))
        }
    }
}
