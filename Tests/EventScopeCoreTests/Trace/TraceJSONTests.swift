import EventScopeCore
import Foundation
import Testing

@Suite struct TraceJSONTests {
    typealias F = TraceFixture

    private func encode(_ index: TraceIndex, key: String, nowMs: Int64) throws -> [String: Any] {
        let view = try #require(index.chain(key: key, nowMs: nowMs))
        return try parse(TraceJSON.line(view))
    }

    private func parse(_ line: String) throws -> [String: Any] {
        #expect(!line.contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func encodesTheChainWithLinksAndChildren() throws {
        let index = TraceIndex()
        index.insert(
            F.event(1, topic: "orders", time: 100, id: "a", source: "order", trace: F.traceA, span: "aaaaaaaaaaaaaaaa", style: .w3c), principal: "User:order",
            nowMs: 0)
        index.insert(F.event(2, topic: "carts", partition: 3, time: 130, id: "b", trace: F.traceA, style: .w3c), principal: "User:cart", nowMs: 0)
        index.insert(F.event(3, topic: "ship", time: 150, id: "c", trace: F.traceA, style: .w3c, causation: "b"), principal: nil, nowMs: 0)
        let json = try encode(index, key: F.traceA, nowMs: 10_000)
        #expect(json["kind"] as? String == "trace")
        #expect(json["traceId"] as? String == F.traceA)
        #expect(json["status"] as? String == "complete")
        #expect(json["hops"] as? Int == 3)
        #expect(json["durationMs"] as? Int == 50)
        #expect((json["otherRoots"] as? [Any])?.isEmpty == true)
        let root = try #require(json["root"] as? [String: Any])
        #expect(root["id"] as? String == "a")
        #expect(root["spanId"] as? String == "aaaaaaaaaaaaaaaa")
        #expect(root["link"] is NSNull)
        #expect(root["latencyMs"] is NSNull)
        // The hop names the source the event declared; the principal it maps to is no
        // authenticated identity, so the line does not carry it as one.
        #expect(root["declaredSource"] as? String == "order")
        #expect(root["principal"] == nil)
        let child = try #require((root["children"] as? [[String: Any]])?.first)
        #expect(child["link"] as? String == "inferred")
        #expect(child["latencyMs"] as? Int == 30)
        #expect(child["topic"] as? String == "carts")
        #expect(child["partition"] as? Int == 3)
        #expect(child["offset"] as? Int == 2)
        #expect(child["spanId"] is NSNull)
        let grandchild = try #require((child["children"] as? [[String: Any]])?.first)
        #expect(grandchild["link"] as? String == "causation")
        #expect(grandchild["declaredSource"] is NSNull)
        #expect((grandchild["children"] as? [Any])?.isEmpty == true)
        // Without an audit stream nothing is said about who wrote a hop.
        #expect(root["authenticatedProducers"] == nil && child["producerCheck"] == nil)
    }

    /// With the allowed writes an audit stream showed, each hop names the principals allowed to
    /// write its topic at its time, apart from the source it declares.
    @Test func hopsNameTheirAuthenticatedProducersWhenAuditKnowsThem() throws {
        let index = TraceIndex()
        index.insert(F.event(1, topic: "orders", time: 100_000, id: "a", source: "order", correlation: "c"), principal: "User:order", nowMs: 0)
        index.insert(
            F.event(2, topic: "ship", time: 100_100, id: "b", source: "shipper", correlation: "c", causation: "a"), principal: "User:shipper", nowMs: 0)
        index.insert(F.event(3, topic: "carts", time: 100_200, id: "c", source: "cart", correlation: "c", causation: "b"), principal: "User:cart", nowMs: 0)
        var writes = AuthenticatedWrites(windowMs: 1_000)
        for (principal, topic) in [("User:order", "orders"), ("User:rogue", "ship")] {
            writes.record(
                Decision(
                    timeMs: 100_000, principal: principal, operation: "WRITE", resourceType: "TOPIC", resourceName: topic, granted: true, format: .redpanda),
                nowMs: 0)
        }
        let view = try #require(index.chain(key: "c", nowMs: 200_000))
        let root = try #require(try parse(TraceJSON.line(view, writes: writes))["root"] as? [String: Any])
        let child = try #require((root["children"] as? [[String: Any]])?.first)
        let grandchild = try #require((child["children"] as? [[String: Any]])?.first)
        #expect(root["authenticatedProducers"] as? [String] == ["User:order"])
        #expect(root["producerCheck"] as? String == "matches")
        #expect(child["declaredSource"] as? String == "shipper")
        #expect(child["authenticatedProducers"] as? [String] == ["User:rogue"])
        #expect(child["producerCheck"] as? String == "disagrees")
        #expect(grandchild["authenticatedProducers"] as? [String] == [])
        #expect(grandchild["producerCheck"] as? String == "unknown")
    }

    @Test func siblingsAreSeparatedAndClosedInOrder() throws {
        let index = TraceIndex()
        index.insert(F.event(1, time: 1, id: "r", correlation: "c"), principal: nil, nowMs: 0)
        index.insert(F.event(2, time: 2, id: "x", correlation: "c", causation: "r"), principal: nil, nowMs: 0)
        index.insert(F.event(3, time: 3, id: "x1", correlation: "c", causation: "x"), principal: nil, nowMs: 0)
        index.insert(F.event(4, time: 4, id: "x2", correlation: "c", causation: "x"), principal: nil, nowMs: 0)
        index.insert(F.event(5, time: 5, id: "y", correlation: "c", causation: "r"), principal: nil, nowMs: 0)
        let root = try #require(encode(index, key: "c", nowMs: 0)["root"] as? [String: Any])
        let children = try #require(root["children"] as? [[String: Any]])
        #expect(children.map { $0["id"] as? String } == ["x", "y"])
        #expect((children[0]["children"] as? [[String: Any]])?.map { $0["id"] as? String } == ["x1", "x2"])
    }

    @Test func orphanRootsGoToOtherRootsEarliestFirst() throws {
        let index = TraceIndex()
        index.insert(F.event(1, time: 300, id: "late-orphan", correlation: "c", causation: "gone"), principal: nil, nowMs: 0)
        index.insert(F.event(2, time: 100, id: "root", correlation: "c"), principal: nil, nowMs: 0)
        index.insert(F.event(3, time: 200, id: "orphan", correlation: "c", causation: "missing"), principal: nil, nowMs: 0)
        index.insert(F.event(4, time: 400, id: "orphan-child", correlation: "c", causation: "orphan"), principal: nil, nowMs: 0)
        let json = try encode(index, key: "c", nowMs: 10_000)
        #expect(json["status"] as? String == "broken")
        #expect((json["root"] as? [String: Any])?["id"] as? String == "root")
        let others = try #require(json["otherRoots"] as? [[String: Any]])
        #expect(others.map { $0["id"] as? String } == ["orphan", "late-orphan"])
        #expect(others.map { $0["unresolvedParent"] as? Bool } == [true, true])
        #expect((others[0]["children"] as? [[String: Any]])?.first?["id"] as? String == "orphan-child")
    }

    @Test(arguments: [
        "quote\"back\\slash", "new\nline\ttab\r", "esc\u{1B}[31mred", "bell\u{07}nul\u{0}", "bidi\u{202E}evil",
        "c1\u{9B}csi", "line\u{2028}sep", "emoji🙂ok", "del\u{7F}",
    ])
    func hostileStringsStayValidJSONAndRoundTrip(text: String) throws {
        let index = TraceIndex()
        index.insert(F.event(1, topic: text, id: "x", type: text, source: text, correlation: "c"), principal: text, nowMs: 0)
        let view = try #require(index.chain(key: "c", nowMs: 0))
        let line = TraceJSON.line(view)
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" })
        let root = try #require(try parse(line)["root"] as? [String: Any])
        #expect(root["topic"] as? String == text)
        #expect(root["type"] as? String == text)
        #expect(root["declaredSource"] as? String == text)
    }

    @Test func invalidUTF8FromTheWireIsStillValidJSON() throws {
        let topic = String(decoding: [0x6F, 0xFF, 0xC3, 0x28, 0x6B], as: UTF8.self)
        let index = TraceIndex()
        index.insert(F.event(1, topic: topic, id: "x", correlation: "c"), principal: nil, nowMs: 0)
        let root = try #require(encode(index, key: "c", nowMs: 0)["root"] as? [String: Any])
        #expect(root["topic"] as? String == topic)
    }

    @Test func deepChainIsEncodedWithoutRecursionAndCountsHiddenHops() throws {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxNodesPerChain: 10_000))
        for hop in 0..<10_000 {
            index.insert(F.event(Int64(hop), id: "e\(hop)", correlation: "deep", causation: hop == 0 ? nil : "e\(hop - 1)"), principal: nil, nowMs: 0)
        }
        let json = try encode(index, key: "deep", nowMs: 0)
        #expect(json["hops"] as? Int == 10_000)
        #expect(json["hiddenNodes"] as? Int == 10_000 - 129)
        var node = try #require(json["root"] as? [String: Any])
        var depth = 0
        while let next = (node["children"] as? [[String: Any]])?.first {
            node = next
            depth += 1
        }
        #expect(depth == 128)
    }

    @Test func wideChainReportsDroppedNodes() throws {
        let index = TraceIndex(configuration: TraceIndexConfiguration(maxNodesPerChain: 100))
        for number in 0..<10_000 {
            index.insert(F.event(Int64(number), id: "e\(number)", correlation: "wide", causation: number == 0 ? nil : "e0"), principal: nil, nowMs: 0)
        }
        let json = try encode(index, key: "wide", nowMs: 0)
        #expect(json["droppedNodes"] as? Int == 9_900)
        #expect(((json["root"] as? [String: Any])?["children"] as? [Any])?.count == 99)
    }
}
