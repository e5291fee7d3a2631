import EventScopeCore

/// The business identifiers one cascade shares, and the payload each event type carries.
struct DemoPayload: Sendable {
    var userNo: Int64
    var cartNo: Int64
    var itemNo: Int64
    var orderNo: Int64
    var quantity: Int64

    init(random: inout DemoRandom) {
        userNo = random.int(1000...99_999)
        cartNo = random.int(100_000...999_999)
        itemNo = random.int(0x1000...0xFFFF)
        orderNo = random.int(1_000_000...9_999_999)
        quantity = random.int(1...4)
    }

    /// The record key: the entity the event is about, so one cart's events stay ordered.
    func key(for kind: DemoEventKind) -> [UInt8] {
        var w = DemoBytes(capacity: 16)
        switch kind {
        case .paymentAuthorized, .orderItemShipped:
            w.raw("order-")
            w.int(orderNo)
        case .recommendationsGenerated, .notificationQueued:
            w.raw("user-")
            w.int(userNo)
        case .stockReserved:
            w.raw("item-")
            w.hex(UInt64(itemNo), digits: 4)
        case .customerCreated, .customerAddressUpdated, .customerDeactivated:
            w.raw("cust-")
            w.int(userNo)
        default:
            w.raw("cart-")
            w.int(cartNo)
        }
        return w.bytes
    }

    /// The payload JSON of a cascade event.
    ///
    /// - Parameter plaintextLeak: write sensitive fields in clear text although the policy
    ///   requires them encrypted (the demo's PII-leak trouble).
    func payload(for kind: DemoEventKind, random: inout DemoRandom, plaintextLeak: Bool = false) -> [UInt8] {
        var w = DemoBytes(capacity: 160)
        switch kind {
        case .itemAddedToCart:
            w.raw("{\"userId\":\"user-")
            w.int(userNo)
            w.raw("\",\"itemId\":\"item-")
            w.hex(UInt64(itemNo), digits: 4)
            w.raw("\",\"quantity\":")
            w.int(quantity)
            w.raw(",\"cartId\":\"cart-")
            w.int(cartNo)
            w.raw("\"}")
        case .cartUpdated:
            w.raw("{\"cartId\":\"cart-")
            w.int(cartNo)
            w.raw("\",\"userId\":\"user-")
            w.int(userNo)
            w.raw("\",\"itemCount\":")
            w.int(quantity + random.int(0...3))
            w.raw(",\"totalCents\":")
            w.int(random.int(499...49_999))
            w.raw("}")
        case .recommendationsGenerated:
            w.raw("{\"userId\":\"user-")
            w.int(userNo)
            w.raw("\",\"basedOnItem\":\"item-")
            w.hex(UInt64(itemNo), digits: 4)
            w.raw("\",\"items\":[")
            for index in 0..<3 {
                if index > 0 { w.raw(",") }
                w.raw("\"item-")
                w.hex(random.next(), digits: 4)
                w.raw("\"")
            }
            w.raw("]}")
        case .priceCalculated:
            let subtotal = random.int(499...49_999)
            w.raw("{\"cartId\":\"cart-")
            w.int(cartNo)
            w.raw("\",\"subtotalCents\":")
            w.int(subtotal)
            w.raw(",\"taxCents\":")
            w.int(subtotal / 5)
            w.raw(",\"currency\":\"EUR\"}")
        case .stockReserved:
            w.raw("{\"itemId\":\"item-")
            w.hex(UInt64(itemNo), digits: 4)
            w.raw("\",\"warehouse\":\"ams-")
            w.int(random.int(1...3))
            w.raw("\",\"quantity\":")
            w.int(quantity)
            w.raw(",\"reservationId\":\"res-")
            w.hex(random.next(), digits: 10)
            w.raw("\"}")
        case .notificationQueued:
            w.raw("{\"userId\":\"user-")
            w.int(userNo)
            w.raw(random.chance(0.7) ? "\",\"channel\":\"email\"" : "\",\"channel\":\"push\"")
            w.raw(",\"template\":\"recommendations-v2\"}")
        case .paymentAuthorized:
            if plaintextLeak {
                w.raw("{\"orderId\":\"order-")
                w.int(orderNo)
                w.raw("\",\"amountCents\":")
                w.int(random.int(499...49_999))
                w.raw(",\"currency\":\"EUR\",\"cardNumber\":\"")
                w.raw(Self.luhnCardNumber(random: &random))
                w.raw("\",\"email\":\"user")
                w.int(userNo)
                w.raw("@example.com\"}")
            } else {
                w.raw("\"")
                w.base64Noise(count: 72, random: &random)
                w.raw("\"")
            }
        case .orderItemShipped:
            w.raw("{\"orderId\":\"order-")
            w.int(orderNo)
            w.raw("\",\"itemId\":\"item-")
            w.hex(UInt64(itemNo), digits: 4)
            w.raw("\",\"shippingAddress\":\"")
            w.base64Noise(count: 36, random: &random)
            w.raw("\",\"trackingNumber\":\"")
            w.base64Noise(count: 15, random: &random)
            w.raw("\"}")
        case .customerCreated:
            w.raw("{\"customerId\":\"cust-")
            w.int(userNo)
            w.raw("\",\"name\":\"Customer ")
            w.int(userNo)
            w.raw("\",\"email\":\"")
            w.base64Noise(count: 27, random: &random)
            w.raw("\",\"phone\":\"")
            w.base64Noise(count: 15, random: &random)
            w.raw("\"}")
        case .customerAddressUpdated:
            w.raw("{\"customerId\":\"cust-")
            w.int(userNo)
            if plaintextLeak {
                w.raw("\",\"address\":\"")
                w.int(random.int(1...250))
                w.raw(" Main St, Anytown 12345\",\"email\":\"customer")
                w.int(userNo)
                w.raw("@example.com\",\"phone\":\"+1415555")
                w.padded(random.int(0...9999), width: 4)
                w.raw("\"}")
            } else {
                w.raw("\",\"address\":\"")
                w.base64Noise(count: 45, random: &random)
                w.raw("\"}")
            }
        case .customerDeactivated:
            w.raw("{\"customerId\":\"cust-")
            w.int(userNo)
            w.raw(random.chance(0.5) ? "\",\"reason\":\"customer-request\"}" : "\",\"reason\":\"inactivity\"}")
        }
        return w.bytes
    }

    /// A 16-digit Visa-like number whose last digit makes the Luhn checksum pass.
    static func luhnCardNumber(random: inout DemoRandom) -> String {
        var digits: [Int] = [4]
        for _ in 0..<14 { digits.append(Int(random.int(0...9))) }
        var sum = 0
        // Walking from the right of the final 16 digits, the check digit is position 1, so the
        // last of these 15 digits is doubled.
        for (offset, digit) in digits.reversed().enumerated() {
            let doubled = offset % 2 == 0 ? digit * 2 : digit
            sum += doubled > 9 ? doubled - 9 : doubled
        }
        digits.append((10 - sum % 10) % 10)
        return digits.map(String.init).joined()
    }
}
