import EventScopeApp
import EventScopeCore
import EventScopeDemo
import EventScopeKafka
import EventScopeSources
import EventScopeTerminal
import EventScopeUI

/// Measures `TraceIndex.insert` throughput (exposed as `evscope bench traces`).
///
/// Events are generated inside the timed loop (holding a million prebuilt events would itself
/// cost hundreds of megabytes and distort the memory figure), so the same generation is timed
/// alone first and subtracted. Uses `ContinuousClock`, as a benchmark must read a clock.
public enum TraceBenchmark {
    /// Outcome of one run.
    public struct Result: Sendable {
        public var events: Int
        public var hopsPerChain: Int
        /// Time spent in `insert` only, generation subtracted.
        public var insertSeconds: Double
        public var nanosecondsPerInsert: Double
        public var insertsPerSecond: Double
        /// Time to generate the events alone (the subtracted baseline).
        public var generationSeconds: Double
        public var counters: TraceIndexCounters
    }

    /// Inserts `events` events into a fresh index: W3C traces with ids derived from a counter,
    /// `hopsPerChain` consecutive events per trace (1 = every event a distinct trace), the hops
    /// of a chain produced by alternating principals so inferred links are exercised.
    public static func run(
        events: Int, hopsPerChain: Int = 1, configuration: TraceIndexConfiguration = TraceIndexConfiguration()
    ) -> Result {
        let count = max(0, events)
        let hops = max(1, hopsPerChain)
        let principalNames = ["User:order-service", "User:cart-service", "User:shipping-service"]
        let topicNames = ["orders", "carts", "shipments"]
        // Each service consumes the previous service's topic.
        let consumers = TraceConsumers(pairs: [("User:cart-service", "orders"), ("User:shipping-service", "carts")])
        let index = TraceIndex(configuration: configuration, consumers: consumers)
        let clock = ContinuousClock()

        let generationStart = clock.now
        for number in 0..<count {
            keepAlive(makeEvent(number, hops: hops, topics: topicNames))
        }
        let generation = clock.now - generationStart

        let insertStart = clock.now
        for number in 0..<count {
            let event = makeEvent(number, hops: hops, topics: topicNames)
            index.insert(event, principal: principalNames[number % hops % principalNames.count], nowMs: Int64(number / 1000))
        }
        let total = clock.now - insertStart

        let insertSeconds = max(0, seconds(total) - seconds(generation))
        return Result(
            events: count, hopsPerChain: hops, insertSeconds: insertSeconds,
            nanosecondsPerInsert: count == 0 ? 0 : insertSeconds * 1e9 / Double(count),
            insertsPerSecond: insertSeconds == 0 ? 0 : Double(count) / insertSeconds,
            generationSeconds: seconds(generation), counters: index.counters)
    }

    /// Stops the optimiser from deleting the baseline loop's event construction.
    @inline(never) @_optimize(none)
    private static func keepAlive(_ event: Event) {}

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func makeEvent(_ number: Int, hops: Int, topics: [String]) -> Event {
        let chain = UInt64(number / hops)
        let hop = number % hops
        let traceId = hexString(high: 0x4bf9_2f35_77b3_4da6, low: chain &+ 1, digits: 32)
        let spanId = hexString(high: 0, low: UInt64(number) &+ 1, digits: 16)
        return Event(
            topic: topics[hop % topics.count], partition: 0, offset: Int64(number), timeMs: 1_700_000_000_000 + Int64(number),
            type: "OrderPlaced", id: spanId, source: "order-service", format: .envelope,
            trace: TraceContext(traceId: traceId, spanId: spanId, style: .w3c), bytes: 250)
    }

    private static func hexString(high: UInt64, low: UInt64, digits: Int) -> String {
        String(unsafeUninitializedCapacity: digits) { buffer in
            for position in 0..<digits {
                let shiftFromRight = digits - 1 - position
                let word = shiftFromRight >= 16 ? high : low
                let nibble = UInt8((word >> UInt64((shiftFromRight % 16) * 4)) & 0xF)
                buffer[position] = nibble < 10 ? 0x30 + nibble : 0x57 + nibble
            }
            return digits
        }
    }
}
