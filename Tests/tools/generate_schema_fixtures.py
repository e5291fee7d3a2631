#!/usr/bin/env python3
"""Writes Tests/Fixtures/SchemaRegistry/: bytes that confluent-kafka's own serializers wrote.

    .build-venv/bin/python Tests/tools/generate_schema_fixtures.py [--out DIR]

Starts the fake registry (schema_registry.py) in-process, points a real SchemaRegistryClient
at it and serialises fixed events with AvroSerializer, ProtobufSerializer and JSONSerializer
(topic name strategy, auto-registration). For each case it writes CASE.bin (the exact
serialized value, magic byte and schema id included) and CASE.expected.json (the object that
was serialised); registry/ holds every schema exactly as the serializer registered it, and
manifest.json ties cases, ids, subjects, names and references together.

Protobuf classes are built at run time: protoc (grpcio-tools) compiles Tests/tools/proto/ into
a descriptor set, loaded into a DescriptorPool. The Python ProtobufSerializer registers a
base64 FileDescriptorProto (registry/schema-N.fdp.b64); the .proto text the registry serves is
registry/schema-N.proto, rendered by proto_text.py and checked here by compiling it with protoc
again and comparing the descriptors.
"""

import argparse
import base64
import datetime
import decimal
import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import proto_text  # noqa: E402
import schema_registry  # noqa: E402

import confluent_kafka  # noqa: E402
import google.protobuf  # noqa: E402
import fastavro  # noqa: E402
from confluent_kafka.schema_registry import Schema, SchemaReference, SchemaRegistryClient  # noqa: E402
from confluent_kafka.schema_registry.avro import AvroSerializer  # noqa: E402
from confluent_kafka.schema_registry.json_schema import JSONSerializer  # noqa: E402
from confluent_kafka.schema_registry.protobuf import ProtobufSerializer  # noqa: E402
from confluent_kafka.serialization import MessageField, SerializationContext  # noqa: E402
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory  # noqa: E402

DEFAULT_OUT = os.path.normpath(os.path.join(HERE, "..", "Fixtures", "SchemaRegistry"))
PROTO_DIR = os.path.join(HERE, "proto")
UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)


def luhn_ok(number):
    digits = [int(c) for c in number]
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


CARD_VISA = "4111111111111111"
CARD_MC = "5500005555555559"
assert luhn_ok(CARD_VISA) and luhn_ok(CARD_MC)


# --- JSON rendering of the serialised Python objects -------------------------------------
# Values JSON cannot hold are written as one-key-tagged objects that also give the wire value:
#   bytes               {"$bytes": BASE64}
#   decimal.Decimal     {"$decimal": "1234.56", "unscaled": 123456, "scale": 2}
#   uuid.UUID           {"$uuid": "..."}
#   datetime.date       {"$date": "2024-03-01", "days": DAYS SINCE 1970-01-01}
#   datetime.time       {"$time": "13:45:30.123000", "micros": MICROS OF DAY}
#   aware datetime      {"$timestamp": ISO 8601, "epochMicros": N}
#   naive datetime      {"$localTimestamp": ISO 8601, "epochMicros": N (read as UTC)}
#   Avro union branch   {"$union": BRANCH NAME, "value": V} where the case tags it (see cases)
JSON_CONVENTIONS = {
    "bytes": {"$bytes": "base64"},
    "decimal": {"$decimal": "text", "unscaled": "int", "scale": "int"},
    "uuid": {"$uuid": "text"},
    "date": {"$date": "ISO 8601 date", "days": "days since 1970-01-01"},
    "time": {"$time": "ISO 8601 time", "micros": "microseconds since midnight"},
    "timestamp": {"$timestamp": "ISO 8601 with offset", "epochMicros": "int"},
    "localTimestamp": {"$localTimestamp": "ISO 8601 without offset", "epochMicros": "int, as if UTC"},
    "protobuf": "google.protobuf.json_format.MessageToDict(preserving_proto_field_name=True): "
                "int64 as strings, bytes base64, enums by name, Timestamp RFC 3339, unset fields omitted",
}


def to_json(value):
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, decimal.Decimal):
        sign, digits, exponent = value.as_tuple()
        unscaled = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
        return {"$decimal": str(value), "unscaled": unscaled, "scale": -exponent}
    if isinstance(value, uuid.UUID):
        return {"$uuid": str(value)}
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            delta = value.replace(tzinfo=UTC) - EPOCH
            return {"$localTimestamp": value.isoformat(), "epochMicros": delta // datetime.timedelta(microseconds=1)}
        delta = value - EPOCH
        return {"$timestamp": value.isoformat(), "epochMicros": delta // datetime.timedelta(microseconds=1)}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat(), "days": (value - datetime.date(1970, 1, 1)).days}
    if isinstance(value, datetime.time):
        micros = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
        return {"$time": value.isoformat(), "micros": micros}
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    return value


# --- Avro ----------------------------------------------------------------------------------
AVRO_PRIMITIVES = {
    "type": "record", "name": "Primitives", "namespace": "com.shop.avro",
    "doc": "Every Avro primitive type once.",
    "fields": [
        {"name": "aNull", "type": "null"},
        {"name": "aBoolean", "type": "boolean"},
        {"name": "anInt", "type": "int"},
        {"name": "aLong", "type": "long"},
        {"name": "aFloat", "type": "float"},
        {"name": "aDouble", "type": "double"},
        {"name": "someBytes", "type": "bytes"},
        {"name": "aString", "type": "string"},
    ],
}

AVRO_ORDER_PLACED = {
    "type": "record", "name": "OrderPlaced", "namespace": "com.shop.events",
    "fields": [
        {"name": "eventId", "type": "string"},
        {"name": "orderId", "type": "string"},
        {"name": "email", "type": "string"},
        {"name": "cardNumber", "type": "string"},
        {"name": "shipping", "type": {
            "type": "record", "name": "Address",
            "fields": [
                {"name": "street", "type": "string"},
                {"name": "city", "type": "string"},
                {"name": "geo", "type": {"type": "record", "name": "GeoPoint", "fields": [
                    {"name": "lat", "type": "double"}, {"name": "lon", "type": "double"}]}},
            ]}},
        {"name": "status", "type": {"type": "enum", "name": "OrderStatus",
                                    "symbols": ["PLACED", "PAID", "SHIPPED", "CANCELLED"]}},
        {"name": "items", "type": {"type": "array", "items": {
            "type": "record", "name": "LineItem",
            "fields": [{"name": "sku", "type": "string"}, {"name": "quantity", "type": "int"},
                       {"name": "priceCents", "type": "long"}]}}},
        {"name": "stockBySku", "type": {"type": "map", "values": "long"}},
        {"name": "couponCode", "type": ["null", "string"], "default": None},
        {"name": "loyaltyRef", "type": ["null", "long", "string"], "default": None},
        {"name": "checksum", "type": {"type": "fixed", "name": "Md5", "size": 16}},
        {"name": "shippingAddressAgain", "type": "Address",
         "doc": "A second use of a named type, by name."},
    ],
}

AVRO_LOGICAL = {
    "type": "record", "name": "PaymentSettled", "namespace": "com.shop.events",
    "fields": [
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}},
        {"name": "fee", "type": {"type": "fixed", "name": "Fee8", "size": 8,
                                 "logicalType": "decimal", "precision": 18, "scale": 4}},
        {"name": "paymentId", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "bookingDate", "type": {"type": "int", "logicalType": "date"}},
        {"name": "cutoffMillis", "type": {"type": "int", "logicalType": "time-millis"}},
        {"name": "cutoffMicros", "type": {"type": "long", "logicalType": "time-micros"}},
        {"name": "settledAtMillis", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "settledAtMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "localSettledAt", "type": {"type": "long", "logicalType": "local-timestamp-millis"}},
    ],
}

AVRO_LINKED_LIST = {
    "type": "record", "name": "LinkedNode", "namespace": "com.shop.avro",
    "fields": [
        {"name": "value", "type": "int"},
        {"name": "next", "type": ["null", "LinkedNode"], "default": None},
    ],
}

AVRO_MONEY = {
    "type": "record", "name": "Money", "namespace": "com.shop.common",
    "fields": [{"name": "currency", "type": "string"}, {"name": "units", "type": "long"},
               {"name": "nanos", "type": "int"}],
}

AVRO_PAYMENT_AUTHORIZED = {
    "type": "record", "name": "PaymentAuthorized", "namespace": "com.shop.events",
    "fields": [
        {"name": "paymentId", "type": "string"},
        {"name": "email", "type": "string"},
        {"name": "amount", "type": "com.shop.common.Money"},
        {"name": "refund", "type": ["null", "com.shop.common.Money"], "default": None},
    ],
}


def avro_cases():
    order_1 = {
        "eventId": "evt-0001", "orderId": "ord-1001", "email": "alice@example.com",
        "cardNumber": CARD_VISA,
        "shipping": {"street": "1 Main St", "city": "Springfield", "geo": {"lat": 39.78, "lon": -89.65}},
        "status": "PLACED",
        "items": [{"sku": "SKU-1", "quantity": 2, "priceCents": 1999},
                  {"sku": "SKU-2", "quantity": 1, "priceCents": 4500}],
        "stockBySku": {"SKU-1": 40, "SKU-2": 7},
        "couponCode": "SPRING10",
        "loyaltyRef": ("string", "LOY-77"),
        "checksum": bytes(range(16)),
        "shippingAddressAgain": {"street": "1 Main St", "city": "Springfield", "geo": {"lat": 39.78, "lon": -89.65}},
    }
    order_2 = dict(order_1, eventId="evt-0002", orderId="ord-1002", email="bob@example.org",
                   cardNumber=CARD_MC, status="PAID", items=[], stockBySku={}, couponCode=None,
                   loyaltyRef=("long", 123456789012), checksum=b"\xff" * 16)
    order_3 = dict(order_1, eventId="evt-0003", orderId="ord-1003", couponCode=None, loyaltyRef=None)
    logical = {
        "amount": decimal.Decimal("1234.56"),
        "fee": decimal.Decimal("-0.0125"),
        "paymentId": uuid.UUID("6f1c2b4e-3d7a-4a61-9a0e-5b3c2d1e0f99"),
        "bookingDate": datetime.date(2024, 3, 1),
        "cutoffMillis": datetime.time(13, 45, 30, 123000),
        "cutoffMicros": datetime.time(23, 59, 59, 999999),
        "settledAtMillis": datetime.datetime(2024, 3, 1, 12, 30, 45, 678000, tzinfo=UTC),
        "settledAtMicros": datetime.datetime(2024, 3, 1, 12, 30, 45, 678901, tzinfo=UTC),
        "localSettledAt": datetime.datetime(2024, 3, 1, 13, 30, 45, 678000),
    }
    linked = {"value": 1, "next": {"value": 2, "next": {"value": 3, "next": None}}}
    payment = {"paymentId": "pay-9001", "email": "carol@example.net",
               "amount": {"currency": "EUR", "units": 42, "nanos": 500000000}, "refund": None}
    return [
        ("avro-primitives", AVRO_PRIMITIVES,
         {"aNull": None, "aBoolean": True, "anInt": -42, "aLong": 9007199254740993, "aFloat": 1.5,
          "aDouble": -2.25, "someBytes": b"\x00\x01\xfe\xff", "aString": "h\u00e9llo \u2603"}, None),
        ("avro-order-placed", AVRO_ORDER_PLACED, order_1, None),
        ("avro-order-placed-long-branch", AVRO_ORDER_PLACED, order_2, None),
        ("avro-order-placed-null-branches", AVRO_ORDER_PLACED, order_3, None),
        ("avro-logical-types", AVRO_LOGICAL, logical, None),
        ("avro-linked-list", AVRO_LINKED_LIST, linked, None),
        ("avro-reference", AVRO_PAYMENT_AUTHORIZED, payment, ("com.shop.common.Money", AVRO_MONEY)),
    ]


def avro_expected(value):
    """JSON of an Avro value: fastavro's (branch, value) tuples become {"$union", "value"}."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return {"$union": value[0], "value": avro_expected(value[1])}
    if isinstance(value, dict):
        return {k: avro_expected(v) for k, v in value.items()}
    if isinstance(value, list):
        return [avro_expected(v) for v in value]
    return to_json(value)


# --- Protobuf ------------------------------------------------------------------------------
def protoc_descriptor_set(proto_root, files):
    """Compiles FILES (relative to PROTO_ROOT) with protoc, imports included."""
    from grpc_tools import protoc
    import grpc_tools
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "set.pb")
        args = ["protoc", "-I" + proto_root, "-I" + well_known, "--include_imports",
                "--descriptor_set_out=" + out] + list(files)
        if protoc.main(args) != 0:
            raise SystemExit("protoc failed on %s" % files)
        fds = descriptor_pb2.FileDescriptorSet()
        with open(out, "rb") as f:
            fds.ParseFromString(f.read())
    return fds


def check_rendered_text(fdp_bytes, proto_root_files):
    """Compiles the rendered .proto text again and compares it with the registered descriptor."""
    original = descriptor_pb2.FileDescriptorProto.FromString(fdp_bytes)
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in proto_root_files.items():
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(proto_text.render(data))
        fds = protoc_descriptor_set(tmp, [original.name])
    again = next(f for f in fds.file if f.name == original.name)
    if again != original:
        raise SystemExit("rendered .proto text of %s does not compile back to the registered "
                         "descriptor:\n%s\n---\n%s" % (original.name, original, again))


def protobuf_classes():
    fds = protoc_descriptor_set(PROTO_DIR, ["shop/orders.proto", "shop/legacy.proto"])
    pool = descriptor_pool.DescriptorPool()
    for fdp in fds.file:
        pool.Add(fdp)
    return {name: message_factory.GetMessageClass(pool.FindMessageTypeByName(name))
            for name in ("com.shop.events.OrderPlaced", "com.shop.events.OrderShipped",
                         "com.shop.events.OrderShipped.Parcel", "com.shop.events.OrderPlaced.Address",
                         "com.shop.legacy.CustomerRegistered")}


def protobuf_cases(classes):
    placed = classes["com.shop.events.OrderPlaced"]()
    placed.order_id = "ord-2001"
    placed.email = "dave@example.com"
    placed.card_number = CARD_VISA
    placed.total.currency = "USD"
    placed.total.units = 64
    placed.total.nanos = 990000000
    placed.shipping.street = "22 Elm Rd"
    placed.shipping.city = "Shelbyville"
    placed.shipping.country = "US"
    placed.status = 2  # PAID
    placed.quantities.extend([1, 2, 300, -4])
    placed.tags.extend(["gift", "express"])
    placed.stock_by_sku["SKU-1"] = 40
    placed.stock_by_sku["SKU-9"] = -3
    placed.voucher_code = "VOUCHER-5"
    placed.placed_at.seconds = 1709296245
    placed.placed_at.nanos = 123000000
    placed.note = ""  # proto3 optional: present although empty

    shipped = classes["com.shop.events.OrderShipped"]()
    shipped.order_id = "ord-2001"
    shipped.carrier = "UPS"
    shipped.parcel.tracking_id = "1Z999"
    shipped.parcel.weight_grams = 1250
    shipped.parcel.declared_value_cents = -150
    shipped.shipped_at.seconds = 1709382645

    parcel = classes["com.shop.events.OrderShipped.Parcel"]()
    parcel.tracking_id = "1Z998"
    parcel.weight_grams = 800
    parcel.declared_value_cents = 2500

    address = classes["com.shop.events.OrderPlaced.Address"]()
    address.street = "9 Oak Ave"
    address.city = "Capital City"
    address.country = "US"

    customer = classes["com.shop.legacy.CustomerRegistered"]()
    customer.customer_id = "cus-3001"
    customer.email = "erin@example.com"
    customer.loyalty_points = 100  # equal to the default but explicitly set: proto2 keeps it
    customer.legacy_ids.extend([7, 8, 9])
    # locale, tier, marketing_opt_in left unset: readers see their defaults.
    return [
        ("proto-order-placed", placed),
        ("proto-order-shipped", shipped),
        ("proto-nested-parcel", parcel),
        ("proto-nested-address", address),
        ("proto2-customer-registered", customer),
    ]


def proto_expected(message):
    """MessageToDict with map entries sorted by key (the .bin's map order is not fixed)."""
    as_dict = json_format.MessageToDict(message, preserving_proto_field_name=True)
    for field in message.DESCRIPTOR.fields:
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            if field.name in as_dict:
                as_dict[field.name] = dict(sorted(as_dict[field.name].items()))
    return as_dict


# --- JSON Schema ---------------------------------------------------------------------------
JSON_ORDER_PLACED = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "OrderPlaced",
    "description": "com.shop.events.OrderPlaced as JSON",
    "type": "object",
    "properties": {
        "eventType": {"type": "string"},
        "orderId": {"type": "string"},
        "email": {"type": "string", "format": "email"},
        "cardNumber": {"type": "string", "pattern": "^[0-9]{13,19}$"},
        "totalCents": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "sku": {"type": "string"}, "quantity": {"type": "integer"}}, "required": ["sku", "quantity"]}},
        "shipping": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
    "required": ["orderId", "email"],
    "additionalProperties": False,
}

JSON_CART_UPDATED = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "CartUpdated",
    "type": "object",
    "properties": {"cartId": {"type": "string"}, "itemCount": {"type": "integer"},
                   "customerEmail": {"type": "string"}},
    "required": ["cartId"],
}


def json_cases():
    return [
        ("json-order-placed", JSON_ORDER_PLACED,
         {"eventType": "OrderPlaced", "orderId": "ord-3001", "email": "frank@example.com",
          "cardNumber": CARD_MC, "totalCents": 12999,
          "items": [{"sku": "SKU-4", "quantity": 3}], "shipping": {"city": "Ogdenville"}}),
        ("json-cart-updated-no-envelope-type", JSON_CART_UPDATED,
         {"cartId": "cart-77", "itemCount": 4, "customerEmail": "grace@example.com"}),
    ]


# --- Driver --------------------------------------------------------------------------------
def wire_prefix(data):
    if len(data) < 5 or data[0] != 0:
        raise SystemExit("serializer output lacks the Confluent wire prefix: %r" % data[:8])
    return int.from_bytes(data[1:5], "big")


def read_varint_zigzag(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            break
        shift += 7
    return (result >> 1) ^ -(result & 1), pos


def message_indexes(data):
    """The Protobuf message-index array after the 5-byte prefix, and where the payload starts."""
    count, pos = read_varint_zigzag(data, 5)
    if count == 0:
        return [0], pos
    indexes = []
    for _ in range(count):
        value, pos = read_varint_zigzag(data, pos)
        indexes.append(value)
    return indexes, pos


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=DEFAULT_OUT)
    args = parser.parse_args()
    out = args.out
    if os.path.isdir(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "registry"))

    server, url = schema_registry.serve(0)
    client = SchemaRegistryClient({"url": url})
    cases = []

    def write(name, suffix, data):
        mode = "wb" if isinstance(data, bytes) else "w"
        with open(os.path.join(out, name + suffix), mode) as f:
            f.write(data)
        return name + suffix

    def write_json(name, suffix, obj):
        return write(name, suffix, json.dumps(obj, indent=2, ensure_ascii=False) + "\n")

    def ctx(topic):
        return SerializationContext(topic, MessageField.VALUE)

    # Avro
    for name, schema, value, reference in avro_cases():
        references = []
        if reference:
            ref_subject, ref_schema = reference
            client.register_schema(ref_subject, Schema(json.dumps(ref_schema), "AVRO"))
            version = client.get_latest_version(ref_subject).version
            references = [SchemaReference(ref_schema["namespace"] + "." + ref_schema["name"], ref_subject, version)]
        serializer = AvroSerializer(client, Schema(json.dumps(schema), "AVRO", references),
                                    conf={"auto.register.schemas": True})
        data = serializer(value, ctx(name))
        full_name = schema["namespace"] + "." + schema["name"]
        cases.append({"name": name, "format": "AVRO", "subject": name + "-value", "schemaId": wire_prefix(data),
                      "fullName": full_name, "bin": write(name, ".bin", data),
                      "expected": write_json(name, ".expected.json", avro_expected(value))})
        # fastavro reading the payload back gives the same value (a self-check, not a fixture).
        parsed = fastavro.parse_schema(json.loads(json.dumps(schema)),
                                       named_schemas=_named(reference))
        import io
        back = fastavro.schemaless_reader(io.BytesIO(data[5:]), parsed)
        if avro_expected(_untag(value)) != avro_expected(back):
            raise SystemExit("Avro round trip differs for %s: %r" % (name, back))

    # Protobuf
    classes = protobuf_classes()
    for name, message in protobuf_cases(classes):
        serializer = ProtobufSerializer(type(message), client, {"auto.register.schemas": True})
        data = serializer(message, ctx(name))
        indexes, start = message_indexes(data)
        parsed = type(message).FromString(data[start:])
        if parsed != message:
            raise SystemExit("Protobuf round trip differs for %s" % name)
        cases.append({"name": name, "format": "PROTOBUF", "subject": name + "-value",
                      "schemaId": wire_prefix(data), "fullName": message.DESCRIPTOR.full_name,
                      "messageIndexes": indexes, "messageIndexBytes": data[5:start].hex(),
                      "bin": write(name, ".bin", data),
                      "expected": write_json(name, ".expected.json", proto_expected(message))})

    # JSON Schema
    for name, schema, value in json_cases():
        serializer = JSONSerializer(json.dumps(schema), client, conf={"auto.register.schemas": True})
        data = serializer(value, ctx(name))
        cases.append({"name": name, "format": "JSON", "subject": name + "-value", "schemaId": wire_prefix(data),
                      "title": schema["title"], "bin": write(name, ".bin", data),
                      "expected": write_json(name, ".expected.json", value)})

    # What the registry holds, exactly as registered.
    registry = server.registry
    registrations = []
    fdp_by_file = {}
    for schema_id, entry in sorted(registry.schemas.items()):
        if entry["serialized"] is not None:
            fdp_by_file[proto_text.file_name(entry["serialized"])] = entry["serialized"]
    for schema_id, entry in sorted(registry.schemas.items()):
        subjects = sorted((s, v.index(schema_id) + 1) for s, v in registry.subjects.items() if schema_id in v)
        kind = entry["schemaType"]
        reg = {"id": schema_id, "schemaType": kind,
               "subjects": [{"subject": s, "version": v} for s, v in subjects],
               "subject": subjects[0][0], "references": entry["references"]}
        if kind == "PROTOBUF":
            reg["registeredFile"] = write("registry/schema-%d" % schema_id, ".fdp.b64", entry["schema"] + "\n")
            reg["registeredAs"] = "base64 FileDescriptorProto (what the Python ProtobufSerializer sends)"
            reg["protoFileName"] = proto_text.file_name(entry["serialized"])
            reg["servedFile"] = write("registry/schema-%d" % schema_id, ".proto", proto_text.render(entry["serialized"]))
            check_rendered_text(entry["serialized"], fdp_by_file)
        else:
            suffix = ".avsc" if kind == "AVRO" else ".json"
            reg["registeredFile"] = write("registry/schema-%d" % schema_id, suffix, entry["schema"] + "\n")
            reg["registeredAs"] = "schema text as sent"
            reg["servedFile"] = reg["registeredFile"]
        registrations.append(reg)
    by_id = {r["id"]: r for r in registrations}
    for case in cases:
        reg = by_id[case["schemaId"]]
        case["schemaFile"] = reg["servedFile"]
        case["registeredFile"] = reg["registeredFile"]
        case["references"] = reg["references"]
    stats = {k: v for k, v in registry.stats.items()}
    server.shutdown()

    manifest = {
        "generator": "Tests/tools/generate_schema_fixtures.py",
        "clients": {"confluent-kafka": confluent_kafka.version()[0], "librdkafka": confluent_kafka.libversion()[0],
                    "fastavro": fastavro.__version__, "protobuf": google.protobuf.__version__},
        "subjectNameStrategy": "confluent-kafka 2.16's default: it first asks GET /associations/resources/-/TOPIC "
                               "(the fake registry answers 404, read as no association), then falls back to "
                               "TopicNameStrategy: the subject is CASE-value (the case name is the topic)",
        "wireFormat": "byte 0 = 0x00, bytes 1-4 = schema id (big-endian); Protobuf then a zigzag-varint "
                      "message-index array ([0] written as the single byte 0x00), then the message",
        "jsonConventions": JSON_CONVENTIONS,
        "nonDeterminism": [
            "Protobuf map fields (stock_by_sku) are written in the runtime's map order, which the "
            "encoding does not fix (it changes from run to run): a regenerated proto-order-placed.bin may "
            "order the two map entries differently; its .expected.json lists map keys sorted.",
            "Schema ids depend on registration order (the cases run in manifest order against a fresh "
            "registry), so they are stable as long as the case list is.",
            "Avro float/double and JSON number rendering are exact for the chosen values.",
        ],
        "notes": [
            "google/protobuf/timestamp.proto is a well-known type: the serializer skips it "
            "(skip.known.types defaults to true), so it is imported but not a registered reference.",
            "shop/common.proto is a user import: the serializer registered it under subject "
            "'shop/common.proto' and lists it in references.",
            "avro-reference: com.shop.common.Money was registered first under subject "
            "'com.shop.common.Money'; PaymentAuthorized references it by full name.",
            "proto2-customer-registered leaves locale, tier and marketing_opt_in unset: a reader "
            "sees their declared defaults ('en-US', SILVER, false).",
        ],
        "registryRequests": stats,
        "cases": cases,
        "registrations": registrations,
    }
    write_json("manifest", "", manifest)
    os.rename(os.path.join(out, "manifest"), os.path.join(out, "manifest.json"))
    verify_with_deserializers(out, classes)
    print("wrote %d cases, %d schemas to %s" % (len(cases), len(registrations), out))


def verify_with_deserializers(out, classes):
    """Reads every .bin back with confluent-kafka's deserializers through a second fake
    registry preloaded from manifest.json (the path a registry client takes), and checks that
    each schema id was fetched once."""
    from confluent_kafka.schema_registry.avro import AvroDeserializer
    from confluent_kafka.schema_registry.json_schema import JSONDeserializer
    from confluent_kafka.schema_registry.protobuf import ProtobufDeserializer
    server, url = schema_registry.serve(0, auth="reader:secret", preload=os.path.join(out, "manifest.json"))
    client = SchemaRegistryClient({"url": url, "basic.auth.user.info": "reader:secret"})
    with open(os.path.join(out, "manifest.json")) as f:
        manifest = json.load(f)
    avro = AvroDeserializer(client)
    json_d = JSONDeserializer(None, schema_registry_client=client)
    for case in manifest["cases"]:
        with open(os.path.join(out, case["bin"]), "rb") as f:
            data = f.read()
        with open(os.path.join(out, case["expected"])) as f:
            expected = json.load(f)
        c = SerializationContext(case["name"], MessageField.VALUE)
        if case["format"] == "AVRO":
            got = avro_expected(avro(data, c))
            want = avro_expected(_untag_json(expected))
        elif case["format"] == "PROTOBUF":
            got = proto_expected(ProtobufDeserializer(classes[case["fullName"]], {}, client)(data, c))
            want = expected
        else:
            got, want = json_d(data, c), expected
        if got != want:
            raise SystemExit("deserializing %s through the preloaded registry gave %r, expected %r"
                             % (case["name"], got, want))
    stats = server.registry.stats
    server.shutdown()
    # confluent-kafka's client caches a schema per (subject, id): each topic reading an id
    # fetches it once (as GET /schemas/ids/N?subject=TOPIC-value).
    fetched = {k: v for k, v in stats.items() if k.startswith("GET /schemas/ids/")}
    readers = {}
    for case in manifest["cases"]:
        key = "GET /schemas/ids/%d" % case["schemaId"]
        readers[key] = readers.get(key, 0) + 1
    if fetched != readers:
        raise SystemExit("schema fetches %r, expected one per reading topic %r" % (fetched, readers))
    print("verified %d cases with confluent-kafka's deserializers; registry requests: %s"
          % (len(manifest["cases"]), json.dumps(stats, sort_keys=True)))


def _untag_json(value):
    if isinstance(value, dict):
        if "$union" in value:
            return _untag_json(value["value"])
        return {k: _untag_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag_json(v) for v in value]
    return value


def _named(reference):
    named = {}
    if reference:
        fastavro.parse_schema(reference[1], named_schemas=named)
    return named


def _untag(value):
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        return _untag(value[1])
    if isinstance(value, dict):
        return {k: _untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v) for v in value]
    return value


if __name__ == "__main__":
    main()
