/// A complete example policy file, printed by `evscope policy example`.
///
/// JSON has no comments, so the example explains itself through `description` keys, which the
/// parser accepts (and ignores) at the top, on every event type and in every schema.
public enum PolicyExample {
    public static let text = """
        {
          "version": 1,
          "description": "evscope event-level policy. Per event type: the topics it may travel on, the principals (or services) that may produce and consume it, a JSON Schema subset for its payload, its sensitive fields, and whether they must be encrypted. Check with: evscope policy check FILE",
          "services": {
            "description": "Maps the source/producer name events declare to the principal(s) the service authenticates as. A service may have several names: a certificate DN in Kafka's audit log and a short user name in Redpanda's.",
            "order-service": "User:order-service",
            "cart-service": "User:cart-service",
            "shipping-service": ["User:CN=shipping-service,OU=logistics,O=Shop,C=US", "User:shipping-service"],
            "analytics-service": "User:analytics-service"
          },
          "eventTypes": {
            "ItemAddedToCart": {
              "description": "Producers and consumers name services from the map above, principals (anything with a ':'), or '*' for anyone. An event on another topic, from another producer, or breaking the schema is a finding.",
              "topics": ["orders"],
              "producers": ["order-service"],
              "consumers": ["cart-service", "analytics-service"],
              "schema": {
                "description": "Supported keywords: type, properties, required, enum, items, additionalProperties, minimum, maximum, minLength, maxLength, pattern (a linear-time regex subset: literals, ., [classes], \\\\d \\\\w \\\\s, ^ $, groups, |, * + ? {n,m}; no backreferences or lookaround).",
                "type": "object",
                "properties": {
                  "userId": {"type": "string", "pattern": "^user-\\\\d+$"},
                  "itemId": {"type": "string"},
                  "quantity": {"type": "integer", "minimum": 1, "maximum": 99},
                  "cartId": {"type": "string"},
                  "channel": {"type": "string", "enum": ["web", "app"]},
                  "tags": {"type": "array", "items": {"type": "string"}}
                },
                "required": ["userId", "itemId", "quantity", "cartId"],
                "additionalProperties": false
              },
              "sensitiveFields": [],
              "encryptionRequired": false
            },
            "OrderItemShipped": {
              "description": "sensitiveFields are dotted paths inside the payload ('address.zip', 'items.*.sku'); they are masked on screen and, with encryptionRequired, a plaintext value is a finding. With encryptionRequired and no sensitiveFields the whole payload must be encrypted.",
              "topics": ["shipping"],
              "producers": ["shipping-service"],
              "consumers": ["analytics-service"],
              "schema": {
                "type": "object",
                "properties": {
                  "orderId": {"type": "string"},
                  "shippingAddress": {"type": "string"},
                  "trackingNumber": {"type": "string"}
                },
                "required": ["orderId", "shippingAddress"]
              },
              "sensitiveFields": ["shippingAddress", "trackingNumber"],
              "encryptionRequired": true
            }
          }
        }
        """
}
