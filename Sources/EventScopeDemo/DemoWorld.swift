import EventScopeCore

/// A deterministic simulation of the seed article's shop: services publishing event cascades
/// over Kafka topics, the brokers' audit trail of those actions in three formats, and trouble
/// on a schedule (denied publishes, forbidden reads, malformed events, PII leaks, an outage).
///
/// The world never touches Kafka: `evscope demo` and `evscope simulate` call `advance(toMs:)`
/// with the current time and produce what comes back. Everything derives from the seed, so the
/// same seed, start and sequence of `advance` times give byte-identical outputs.
///
/// ```swift
/// var world = DemoWorld(seed: 1, startMs: nowMs(), rate: 3)
/// for topic in DemoWorld.topics { createTopic(topic.name, partitions: topic.partitions) }
/// while running {
///     for output in world.advance(toMs: nowMs()) {
///         switch output {
///         case .record(let record): produce(record)
///         case .authorizerLogLine(let line, _): appendToAuthorizerLog(line)
///         case .brokerDown(let id, _): mockCluster.setDown(id)
///         case .brokerUp(let id, _): mockCluster.setUp(id)
///         }
///     }
///     sleep(10 ms)
/// }
/// ```
public struct DemoWorld: Sendable {
    /// The longest stretch of simulated time one `advance` call generates; a bigger jump skips
    /// ahead (counted in `skippedMs`, `skippedCascades`, `skippedTroubles`) so a laptop waking
    /// from sleep gets 5 s of traffic, not hours of it at once.
    public static let maxCatchUpMs: Int64 = 5_000
    /// The trouble schedule repeats with this period.
    public static let troublePeriodMs: Int64 = 75_000
    /// The highest accepted `rate`; bounds the work and output of a single `advance` call.
    public static let maxRate: Double = 50_000

    /// What goes wrong, at which offset within every `troublePeriodMs` (first period starts at
    /// `startMs`), sorted by offset.
    public static let troubleSchedule: [DemoTrouble] = [
        DemoTrouble(kind: .unknownEventType, offsetMs: 1_500),
        DemoTrouble(kind: .malformedEvent, offsetMs: 3_000),
        DemoTrouble(kind: .undecodableEvent, offsetMs: 4_000),
        DemoTrouble(kind: .compromisedPublish, offsetMs: 5_000),
        DemoTrouble(kind: .deniedHop, offsetMs: 7_000),
        DemoTrouble(kind: .forbiddenRead, offsetMs: 9_000),
        DemoTrouble(kind: .plaintextPII, offsetMs: 11_000),
        DemoTrouble(kind: .denialBurst, offsetMs: 13_000),
        DemoTrouble(kind: .failedLogin, offsetMs: 14_500),
        DemoTrouble(kind: .brokerOutage, offsetMs: 16_000),
    ]
    /// How long broker 2 stays down in the `brokerOutage` trouble.
    public static let brokerOutageMs: Int64 = 10_000
    /// The broker the outage takes down.
    public static let outageBrokerId: Int32 = 2

    /// Every topic the demo writes to, with a partition count to create it with.
    public static let topics: [DemoTopic] = [
        DemoTopic(name: "orders", partitions: 6),
        DemoTopic(name: "carts", partitions: 6),
        DemoTopic(name: "recommendations", partitions: 3),
        DemoTopic(name: "pricing", partitions: 3),
        DemoTopic(name: "inventory", partitions: 3),
        DemoTopic(name: "notifications", partitions: 3),
        DemoTopic(name: "payments", partitions: 3),
        DemoTopic(name: "shipping", partitions: 3),
        DemoTopic(name: "customer", partitions: 3),
        DemoTopic(name: DemoAuditWriter.confluentTopic, partitions: 1),
        DemoTopic(name: DemoAuditWriter.redpandaTopic, partitions: 1),
        DemoTopic(name: DemoAuditWriter.authorizerTopic, partitions: 1),
    ]

    /// The intended policy of the demo world, for the built-in demo policy.
    public static var topology: DemoTopology { DemoTopology.demo }

    public let startMs: Int64
    /// Cascades started per second (each is 4–7 events plus sampled audit records).
    public let rate: Double

    /// Simulated milliseconds skipped because `advance` jumped further than `maxCatchUpMs`.
    public private(set) var skippedMs: Int64 = 0
    /// Cascades (and customer events) not generated because of skipped time.
    public private(set) var skippedCascades: Int64 = 0
    /// Scheduled troubles not staged because of skipped time.
    public private(set) var skippedTroubles: Int64 = 0

    var random: DemoRandom
    var schedule = DemoSchedule()
    /// Everything before this time has been generated.
    private var generatedUpToMs: Int64
    private var nextCascadeMs: Double
    private var nextCustomerEventMs: Double
    /// Index of the next trouble occurrence across all periods.
    private var nextTroubleOccurrence: Int64 = 0
    /// When services next (re)authenticate; they do at the start of every trouble period.
    private var nextLoginsMs: Int64
    var cascadeCount: Int64 = 0

    /// - Parameters:
    ///   - seed: selects the world; the same seed gives the same outputs.
    ///   - startMs: the simulated start, epoch ms (the trouble schedule counts from it).
    ///   - rate: cascades per second, clamped to 0...`maxRate`; 3 is comfortable to watch,
    ///     15,000 gives about 100,000 events/s.
    public init(seed: UInt64 = 1, startMs: Int64, rate: Double = 3) {
        self.startMs = startMs
        self.rate = rate.isFinite ? min(max(rate, 0), Self.maxRate) : 0
        random = DemoRandom(seed: seed)
        generatedUpToMs = startMs
        nextCascadeMs = Double(startMs) + 200
        nextCustomerEventMs = Double(startMs) + 600
        nextLoginsMs = startMs + 100
    }

    /// Generates everything due up to and including `nowMs` and returns it in time order.
    ///
    /// Calls with a time at or before the previous one return nothing new.
    public mutating func advance(toMs nowMs: Int64) -> [DemoOutput] {
        var outputs: [DemoOutput] = []
        guard nowMs > generatedUpToMs else { return outputs }
        if nowMs - generatedUpToMs > Self.maxCatchUpMs {
            skip(to: nowMs - Self.maxCatchUpMs)
        }
        generateSources(upTo: Double(nowMs))
        generatedUpToMs = nowMs
        schedule.drain(upTo: nowMs, into: &outputs)
        return outputs
    }

    /// Starts every cascade, customer event, login round and trouble due by `now`, earliest
    /// first, so the random sequence (and so the world) does not depend on how time is stepped.
    private mutating func generateSources(upTo now: Double) {
        let meanGapMs = rate > 0 ? 1000 / rate : Double.infinity
        while true {
            let loginsAt = Double(nextLoginsMs)
            let troubleAt = Double(nextTroubleTimeMs)
            let cascadeAt = rate > 0 ? nextCascadeMs : Double.infinity
            let customerAt = rate > 0 ? nextCustomerEventMs : Double.infinity
            let earliest = min(loginsAt, troubleAt, cascadeAt, customerAt)
            guard earliest <= now else { return }
            if loginsAt == earliest {
                auditLogins(atMs: nextLoginsMs)
                nextLoginsMs += Self.troublePeriodMs
            } else if troubleAt == earliest {
                let occurrence = nextTroubleOccurrence
                nextTroubleOccurrence += 1
                stageTrouble(occurrence: occurrence)
            } else if cascadeAt == earliest {
                startCascade(atMs: Int64(nextCascadeMs.rounded(.up)))
                nextCascadeMs += meanGapMs * (0.5 + random.unit())
            } else {
                publishCustomerEvent(atMs: Int64(nextCustomerEventMs.rounded(.up)))
                nextCustomerEventMs += meanGapMs * Self.customerEventGapFactor * (0.5 + random.unit())
            }
        }
    }

    /// Customer events are this many times rarer than cascades.
    static var customerEventGapFactor: Double { 4 }

    /// Outputs generated but not yet due (children and audit records of recent cascades).
    public var pendingCount: Int { schedule.count }

    private var nextTroubleTimeMs: Int64 {
        let count = Int64(Self.troubleSchedule.count)
        let period = nextTroubleOccurrence / count
        let offset = Self.troubleSchedule[Int(nextTroubleOccurrence % count)].offsetMs
        return startMs + period * Self.troublePeriodMs + offset
    }

    /// Moves generation forward without producing, counting what was left out.
    private mutating func skip(to resumeMs: Int64) {
        skippedMs += resumeMs - generatedUpToMs
        let resume = Double(resumeMs)
        if rate > 0 {
            let meanGapMs = 1000 / rate
            if nextCascadeMs < resume {
                let missed = ((resume - nextCascadeMs) / meanGapMs).rounded(.up)
                skippedCascades += Int64(missed)
                nextCascadeMs += missed * meanGapMs
            }
            if nextCustomerEventMs < resume {
                let missed = ((resume - nextCustomerEventMs) / (meanGapMs * Self.customerEventGapFactor)).rounded(.up)
                skippedCascades += Int64(missed)
                nextCustomerEventMs += missed * meanGapMs * Self.customerEventGapFactor
            }
        }
        if nextLoginsMs < resumeMs {
            nextLoginsMs += ((resumeMs - nextLoginsMs) / Self.troublePeriodMs + 1) * Self.troublePeriodMs
        }
        let count = Int64(Self.troubleSchedule.count)
        let periodsBehind = (resumeMs - startMs) / Self.troublePeriodMs - nextTroubleOccurrence / count
        if periodsBehind > 1 {
            skippedTroubles += (periodsBehind - 1) * count
            nextTroubleOccurrence += (periodsBehind - 1) * count
        }
        while nextTroubleTimeMs < resumeMs {
            skippedTroubles += 1
            nextTroubleOccurrence += 1
        }
        generatedUpToMs = resumeMs
    }
}
