import EventScopeCore

/// The event types of the demo world: where each travels, who produces and consumes it, and
/// how its payload looks.
enum DemoEventKind: Int, Sendable, CaseIterable {
    case itemAddedToCart, cartUpdated, recommendationsGenerated, priceCalculated, stockReserved
    case notificationQueued, paymentAuthorized, orderItemShipped
    case customerCreated, customerAddressUpdated, customerDeactivated

    var eventType: String {
        switch self {
        case .itemAddedToCart: "ItemAddedToCart"
        case .cartUpdated: "CartUpdated"
        case .recommendationsGenerated: "RecommendationsGenerated"
        case .priceCalculated: "PriceCalculated"
        case .stockReserved: "StockReserved"
        case .notificationQueued: "NotificationQueued"
        case .paymentAuthorized: "PaymentAuthorized"
        case .orderItemShipped: "OrderItemShipped"
        case .customerCreated: "CustomerCreated"
        case .customerAddressUpdated: "CustomerAddressUpdated"
        case .customerDeactivated: "CustomerDeactivated"
        }
    }

    var topic: String {
        switch self {
        case .itemAddedToCart: "orders"
        case .cartUpdated: "carts"
        case .recommendationsGenerated: "recommendations"
        case .priceCalculated: "pricing"
        case .stockReserved: "inventory"
        case .notificationQueued: "notifications"
        case .paymentAuthorized: "payments"
        case .orderItemShipped: "shipping"
        case .customerCreated, .customerAddressUpdated, .customerDeactivated: "customer"
        }
    }

    var producer: DemoActor {
        switch self {
        case .itemAddedToCart: .order
        case .cartUpdated: .cart
        case .recommendationsGenerated: .recommendation
        case .priceCalculated: .pricing
        case .stockReserved: .inventory
        case .notificationQueued: .notification
        case .paymentAuthorized: .payment
        case .orderItemShipped: .shipping
        case .customerCreated, .customerAddressUpdated, .customerDeactivated: .customer
        }
    }

    var consumers: [DemoActor] {
        switch self {
        case .itemAddedToCart: [.cart, .recommendation, .analytics]
        case .cartUpdated: [.pricing, .analytics]
        case .recommendationsGenerated: [.notification]
        case .priceCalculated: [.inventory, .payment]
        case .stockReserved: [.analytics]
        case .notificationQueued: []
        case .paymentAuthorized: [.shipping]
        case .orderItemShipped: [.notification, .analytics]
        case .customerCreated, .customerAddressUpdated, .customerDeactivated: [.notification, .shipping, .order]
        }
    }

    var requiredFields: [DemoTopology.Field] {
        func f(_ path: String, _ type: DemoTopology.JSONType) -> DemoTopology.Field {
            DemoTopology.Field(path: path, type: type)
        }
        switch self {
        case .itemAddedToCart:
            return [f("userId", .string), f("itemId", .string), f("quantity", .integer), f("cartId", .string)]
        case .cartUpdated:
            return [f("cartId", .string), f("userId", .string), f("itemCount", .integer), f("totalCents", .integer)]
        case .recommendationsGenerated:
            return [f("userId", .string), f("basedOnItem", .string), f("items", .array)]
        case .priceCalculated:
            return [f("cartId", .string), f("subtotalCents", .integer), f("taxCents", .integer), f("currency", .string)]
        case .stockReserved:
            return [f("itemId", .string), f("warehouse", .string), f("quantity", .integer), f("reservationId", .string)]
        case .notificationQueued:
            return [f("userId", .string), f("channel", .string), f("template", .string)]
        case .paymentAuthorized:
            return [f("orderId", .string), f("amountCents", .integer), f("currency", .string), f("cardNumber", .string)]
        case .orderItemShipped:
            return [f("orderId", .string), f("itemId", .string), f("shippingAddress", .string), f("trackingNumber", .string)]
        case .customerCreated:
            return [f("customerId", .string), f("name", .string), f("email", .string), f("phone", .string)]
        case .customerAddressUpdated:
            return [f("customerId", .string), f("address", .string)]
        case .customerDeactivated:
            return [f("customerId", .string), f("reason", .string)]
        }
    }

    var sensitiveFields: [String] {
        switch self {
        case .paymentAuthorized: ["cardNumber", "email"]
        case .orderItemShipped: ["shippingAddress", "trackingNumber"]
        case .customerCreated: ["email", "phone"]
        case .customerAddressUpdated: ["address", "email", "phone"]
        default: []
        }
    }

    var encryptionRequired: Bool { !sensitiveFields.isEmpty }

    /// Whether the whole payload travels as one ciphertext (otherwise only sensitive fields).
    var encryptsWholePayload: Bool { self == .paymentAuthorized }
}
