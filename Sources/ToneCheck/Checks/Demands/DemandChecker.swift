import Foundation

/// The structural checks a `deadline` rule can name in its `check` field.
public enum DeadlineCheck: String, Sendable, CaseIterable {
    /// The deadline had passed when the message was sent.
    case deadlinePast = "deadline-past"
    /// Fewer working hours between sending and the deadline than the rule's `threshold`.
    case shortLeadTime = "short-lead-time"
    /// The deadline falls outside working hours, on a non-working day or on a holiday.
    case afterHours = "after-hours"
    /// Urgency (the rule's `phrases`) with no concrete deadline and no reason in the message.
    case urgentNoReason = "urgent-no-reason"
    /// At least `min` (default 2) urgent demands in one message.
    case stackedUrgent = "stacked-urgent"
    /// A threat or consequence (the rule's `phrases`) attached to a demand.
    case threatWithDemand = "threat-with-demand"
}

/// The `deadline` rules of a rule set, compiled: the shared lexicon and, per rule, its phrases.
/// (A class: the checker takes it from the rule set for every segment, and a reference is
/// one retain to copy where the lexicon's tables are dozens.)
public final class DemandRules: Sendable {
    /// Word lists shared by the rules.
    public let lexicon: DemandLexicon
    /// Rule index → check.
    let checks: [(rule: Int, check: DeadlineCheck)]
    let phrases: [Int: PhraseList]
    let unless: [Int: PhraseList]
    /// The phrases of the first `urgentNoReason` rule, and the first `threatWithDemand` rule
    /// with its phrases (found once, not per segment).
    let urgencyList: PhraseList?
    let threatList: (rule: Int, list: PhraseList)?

    init(rules: [Rule], lists: [String: [String]]) {
        var checks: [(Int, DeadlineCheck)] = []
        var phrases: [Int: PhraseList] = [:], unless: [Int: PhraseList] = [:]
        var lx = DemandLexicon(lists: lists)
        for (i, r) in rules.enumerated() where r.kind == .deadline {
            guard let c = r.check.flatMap(DeadlineCheck.init(rawValue:)) else { continue }
            checks.append((i, c))
            phrases[i] = lx.registered(PhraseList(r.phrases))
            unless[i] = lx.registered(PhraseList(r.unless))
            for p in r.phrases { if let h = Tokenizer.tokenize(Array(p.utf8)).first?.hash { lx.addCue(h) } }
        }
        lexicon = lx
        self.checks = checks
        self.phrases = phrases
        self.unless = unless
        urgencyList = checks.first { $0.1 == .urgentNoReason }.flatMap { phrases[$0.0] }
        threatList = checks.first { $0.1 == .threatWithDemand }.flatMap { c in phrases[c.0].map { (c.0, $0) } }
    }
}

/// What the demand checks carry across the segments of one document.
struct DemandState {
    var reference: ReferenceTime
    var calendar: BusinessCalendar
    /// Anchors of urgent demands so far (segment, byte range).
    var urgent: [(segment: Int, range: Range<Int>)] = []
}

extension Checker {
    /// Runs the `deadline` rules over one segment.
    func demandFindings(
        _ segment: Segment, index si: Int, tokens: [Token], locator: PositionLocator, demands dr: DemandRules, state: inout DemandState, into findings: inout [Finding],
        scratch: CheckScratch
    ) {
        let rules = ruleSet.rules
        // The checks whose rules look at this segment's role (no array made per segment).
        let applies = roleFilter(segment.role), info = ruleSet.info
        guard dr.checks.contains(where: { applies.admits(info[$0.rule]) }) else { return }
        // Every finding below needs a sentence with a request cue.
        guard DemandAnalyzer.hasCue(tokens, lexicon: dr.lexicon) else { return }
        let bytes = segment.text
        // A transcript turn is said `startTime` seconds into the call.
        var ref = state.reference
        if segment.role == .turn, ref.source == .callTime, let start = segment.startTime, start.isFinite, start > 0 {
            ref.date = ref.date.addingTimeInterval(start)
        }
        var lists: [UInt64] = []
        swap(&lists, &scratch.demandLists)
        // Handed over, not shared: the analysis reuses the storage only if it holds the one reference.
        // (Of the softeners, the findings need only whether the segment gives a reason.)
        let a = DemandAnalyzer.analyze(bytes, tokens, reference: ref, calendar: state.calendar, lexicon: dr.lexicon, buffer: consume lists, allSofteners: false)
        defer { scratch.demandLists = a.lists }
        // The reference's zone: made when first needed (by a deadline or a message), as most
        // segments need none.
        var refZoneMade: TimeZone?
        let calendar = state.calendar
        func refZone() -> TimeZone {
            if let z = refZoneMade { return z }
            let z = calendar.zone(for: ref)
            refZoneMade = z
            return z
        }
        // When it was sent, in words: only needed for a finding's message.
        var sentText: String?
        func sent() -> String {
            if let s = sentText { return s }
            let refZone = refZone()
            let s = TimeWords.time(ref.date, in: refZone) + " " + TimeWords.offset(ref.date, in: refZone) + ", from " + ref.source.rawValue
            sentText = s
            return s
        }
        let hasRequest = a.sentences.contains { $0.request != nil }

        var reasonless: [Int: [String]] = [:]  // per rule: its suggestions without "reason"
        func emit(_ ri: Int, _ range: Range<Int>, _ fill: [String: String]) {
            let rule = rules[ri]
            // A message that already gives a reason is not told to give one.
            var suggestions = rule.suggest
            if a.reason {
                if let known = reasonless[ri] {
                    suggestions = known
                } else {
                    suggestions = rule.suggest.filter { !$0.localizedCaseInsensitiveContains("reason") }
                    reasonless[ri] = suggestions
                }
            }
            var f = makeFinding(rule, segment: segment, locator: locator, index: si, range: range, suggestions: suggestions.isEmpty ? rule.suggest : suggestions, replacement: nil)
            var m = f.message
            for (k, v) in fill { m = m.filling(k, with: v) }
            f.message = m
            findings.append(f)
        }
        var cancelCache: [Int: Bool] = [:]  // per rule, for the current sentence
        var cancelSentence = -1
        func cancelled(_ ri: Int, _ sentence: Int) -> Bool {
            guard let u = dr.unless[ri], !u.isEmpty else { return false }
            if cancelSentence != sentence { cancelCache = [:]; cancelSentence = sentence }
            if let c = cancelCache[ri] { return c }
            let s = a.sentences[sentence]
            let c = a.words(s, tokens) { u.contains($0, bits: s.bits) }
            cancelCache[ri] = c
            return c
        }
        func rule(_ c: DeadlineCheck) -> Int? { dr.checks.first { $0.check == c && applies.admits(info[$0.rule]) }?.rule }
        // Looked up once per rule set, not per segment or sentence.
        let urgencyList = dr.urgencyList
        let threatRule = rule(.threatWithDemand)
        let threatList = threatRule.flatMap { $0 == dr.threatList?.rule ? dr.threatList?.list : dr.phrases[$0] }

        for i in a.sentences.indices {
            let s = a.sentences[i]
            // A sentence without a cue has no words kept, no request (so no deadlines
            // attached) and no urgency or threat to match: nothing below applies to it.
            if s.words.isEmpty { continue }
            // Urgency words in a request, in a short sentence after one, or in any short sentence of a message with a request.
            var urgentAnchor: Range<Int>?
            var concrete = false
            if s.request != nil, let deadlines = a.attached(i) {  // (nil for any other sentence)
                for d in deadlines where d.kind != .immediate {
                    concrete = true
                    let refZone = refZone()
                    let lead = d.date.timeIntervalSince(ref.date)
                    let shortRule = rule(.shortLeadTime)
                    let threshold = shortRule.flatMap { rules[$0].threshold } ?? 0
                    let working = lead > 0 && shortRule != nil ? state.calendar.workingSeconds(from: ref.date, to: d.date, in: refZone, limit: threshold * 3600) : 0
                    func fill() -> [String: String] {
                        let deadline = TimeWords.time(d.date, in: d.timeZone) + (d.timeZone.secondsFromGMT(for: d.date) != refZone.secondsFromGMT(for: d.date) ? " " + TimeWords.offset(d.date, in: d.timeZone) : "")
                        return [
                            "match": d.text, "deadline": deadline, "sent": sent(), "elapsed": TimeWords.duration(lead),
                            "ago": TimeWords.duration(-lead), "working": TimeWords.hours(working), "threshold": TimeWords.hours(threshold * 3600),
                        ]
                    }
                    if lead < 0 {
                        if let ri = rule(.deadlinePast), !cancelled(ri, i) { emit(ri, d.range, fill()) }
                        urgentAnchor = urgentAnchor ?? d.range
                        continue
                    }
                    if let ri = shortRule, !cancelled(ri, i), working < threshold * 3600 {
                        emit(ri, d.range, fill())
                        urgentAnchor = urgentAnchor ?? d.range
                    }
                    if let ri = rule(.afterHours), !cancelled(ri, i), !state.calendar.isWorkingTime(d.date, in: refZone) {
                        var f = fill()
                        f["when"] = afterHoursReason(d.date, calendar: state.calendar, zone: refZone)
                        emit(ri, d.range, f)
                    }
                }
            }
            let inRequest = s.request != nil || (i > 0 && a.sentences[i - 1].request != nil && s.wordCount <= 5) || (hasRequest && s.wordCount <= 5)
            if inRequest, !s.words.isEmpty, let list = urgencyList,
                let range = a.words(s, tokens, { w in list.firstMatch(w, bits: s.bits).map { w[$0.0].start..<w[$0.1].end } })
            {
                urgentAnchor = urgentAnchor ?? range
                let concreteNear = concrete || a.deadlines(s).contains { $0.kind != .immediate }
                    || (s.request == nil && i > 0 && (a.attached(i - 1) ?? []).contains { $0.kind != .immediate })
                    || (i + 1 < a.sentences.count && a.sentences[i + 1].wordCount <= 5 && a.deadlines(a.sentences[i + 1]).contains { $0.kind != .immediate })
                if let ri = rule(.urgentNoReason), !concreteNear, !a.reason, !cancelled(ri, i) {
                    emit(ri, range, ["match": String(decoding: bytes[range], as: UTF8.self), "sent": sent()])
                }
            }
            if let anchor = urgentAnchor, inRequest { state.urgent.append((si, anchor)) }
            // Threats next to a demand.
            if let ri = threatRule, let list = threatList, !s.words.isEmpty {
                let nearRequest = s.request != nil || !s.deadlines.isEmpty || (i > 0 && a.sentences[i - 1].request != nil) || (i + 1 < a.sentences.count && a.sentences[i + 1].request != nil)
                // The match first: it is cheap and rare, the `unless` check is neither.
                if nearRequest,
                    let range = a.words(s, tokens, { w in list.firstMatch(w, bits: s.bits).map { w[$0.0].start..<w[$0.1].end } }),
                    !cancelled(ri, i)
                {
                    emit(ri, range, ["match": String(decoding: bytes[range], as: UTF8.self), "sent": sent()])
                }
            }
        }
    }

    /// Why a deadline forces after-hours work, in plain words.
    func afterHoursReason(_ date: Date, calendar: BusinessCalendar, zone: TimeZone) -> String {
        if let h = calendar.holiday(at: date, in: zone) { return h.isEmpty ? "on a holiday" : "on \(h), a holiday" }
        let cal = BusinessCalendar.gregorian(zone)
        let wd = cal.component(.weekday, from: date)
        if !calendar.workingDays.contains(wd) {
            let names = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
            return "on a \(names[wd - 1]), a non-working day"
        }
        if date < calendar.instant(minutes: calendar.workStart, onDayOf: date, in: zone) {
            return "before the working day starts at \(BusinessCalendar.formatClock(calendar.workStart))"
        }
        return "after the working day ends at \(BusinessCalendar.formatClock(calendar.workEnd))"
    }

    /// The document-level demand finding: several urgent demands in one message.
    func stackedDemandFinding(_ document: Document, demands dr: DemandRules, state: DemandState, locators: [PositionLocator?] = []) -> Finding? {
        guard let (ri, _) = dr.checks.first(where: { $0.check == .stackedUrgent }) else { return nil }
        let rule = ruleSet.rules[ri]
        let min = max(1, rule.min ?? 2)  // `min: 0` means the first one
        guard state.urgent.count >= min else { return nil }
        let anchor = state.urgent[min - 1]
        let seg = document.segments[anchor.segment]
        let locator = anchor.segment < locators.count ? locators[anchor.segment] : nil
        var f = makeFinding(rule, segment: seg, locator: locator, index: anchor.segment, range: anchor.range, suggestions: rule.suggest, replacement: nil)
        f.message = f.message.filling("count", with: "\(state.urgent.count)")
        return f
    }
}
