import EventScopeCore

/// The demo's Schema Registry, served in process behind the same interface as the HTTP client,
/// so the dashboard decodes the demo's Avro and Protobuf topics exactly as it would a real
/// cluster's (ids, subjects and versions included).
public struct DemoSchemas: SchemaSource {
    public static let pointsEarnedId: Int32 = 101
    public static let reviewPostedId: Int32 = 102

    static let pointsEarned = RegisteredSchema(
        id: pointsEarnedId, format: .avro,
        text: """
            {"type":"record","name":"PointsEarned","namespace":"com.shop.loyalty","fields":[
            {"name":"eventId","type":"string"},
            {"name":"source","type":"string"},
            {"name":"customerId","type":"string"},
            {"name":"points","type":"int"},
            {"name":"tier","type":{"type":"enum","name":"Tier","symbols":["SILVER","GOLD","PLATINUM"]}},
            {"name":"earnedAt","type":{"type":"long","logicalType":"timestamp-millis"}},
            {"name":"note","type":["null","string"],"default":null}]}
            """,
        subject: "loyalty-value", version: 1)

    static let reviewPosted = RegisteredSchema(
        id: reviewPostedId, format: .protobuf,
        text: """
            syntax = "proto3";
            package com.shop.reviews;

            message ReviewPosted {
              string event_id = 1;
              string source = 2;
              string product_id = 3;
              int32 rating = 4;
              string text = 5;
              string reviewer_email = 6;
            }
            """,
        subject: "reviews-value", version: 1)

    public init() {}

    public func schema(id: Int32) throws(SchemaFetchError) -> RegisteredSchema {
        switch id {
        case Self.pointsEarnedId: return Self.pointsEarned
        case Self.reviewPostedId: return Self.reviewPosted
        default: throw SchemaFetchError(.notFound, "schema \(id) not found (40403)")
        }
    }

    public func schema(subject: String, version: Int) throws(SchemaFetchError) -> RegisteredSchema {
        throw SchemaFetchError(.notFound, "subject \(subject) not found (40401)")
    }
}
