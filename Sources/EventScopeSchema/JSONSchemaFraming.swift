/// Locates the JSON body of a Confluent-framed JSON Schema payload and names its schema.
///
/// JSON Schema payloads are plain JSON after the five-byte prefix, so nothing is decoded here:
/// the caller hands the body range straight to EventScope's JSON envelope decoder, which does
/// its own validation. The schema's `title` is the event type of last resort when the payload
/// carries no envelope type field.
public enum JSONSchemaFraming {
    /// The range of the JSON body within a framed record value.
    ///
    /// - Throws: When the prefix is missing or nothing follows it.
    public static func bodyRange(of value: UnsafeRawBufferPointer) throws(SchemaDecodingError) -> Range<Int> {
        _ = try ConfluentFraming(parsing: value)
        guard value.count > ConfluentFraming.prefixLength else {
            throw SchemaDecodingError("json schema: empty body after the 5-byte prefix")
        }
        return ConfluentFraming.prefixLength..<value.count
    }

    public static func bodyRange(of value: [UInt8]) throws(SchemaDecodingError) -> Range<Int> {
        let result = value.withUnsafeBytes { raw in
            Result { () throws(SchemaDecodingError) -> Range<Int> in try bodyRange(of: raw) }
        }
        return try result.get()
    }

    /// The top-level `title` of a JSON Schema document, or nil when it has none or is not JSON.
    public static func title(ofSchema schemaText: String) -> String? {
        guard let schema = try? SchemaJSONReader.parse(schemaText) else { return nil }
        guard let title = schema["title"]?.stringValue, !title.isEmpty else { return nil }
        return title
    }
}
