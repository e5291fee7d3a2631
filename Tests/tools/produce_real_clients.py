#!/usr/bin/env python3
"""Produces a three-hop cascade with a real client, the way a service on that client would.

    produce_real_clients.py BOOTSTRAP TOPIC MODE [--registry URL] [--cascades N]

Hops: ItemAddedToCart (cart-service) -> CartUpdated (cart-service) ->
RecommendationsGenerated (recommendation-service), keyed by cart id (one partition).

Modes:
  kafka-python-plain         kafka-python 2.0.2, JSON envelope with eventType/eventId/source
                             and correlationId (root's id) / causationId (previous hop's id)
  cloudevents-binary         CloudEvents SDK Kafka binding (cloudevents.v1.kafka.to_binary):
                             ce_* headers, a W3C `traceparent` extension, body = data
  cloudevents-structured     cloudevents.v1.kafka.to_structured: the whole event in the body,
                             content-type application/json (not application/cloudevents+json)
  cloudevents-structured-core  the SDK's newer binding (cloudevents.core.bindings.kafka):
                             content-type application/cloudevents+json
  cloudevents-correlation    binary mode with the correlation extension (correlationid,
                             causationid) on hops 2 and 3, and no trace context
  otel-w3c | otel-b3multi | otel-b3single | otel-jaeger
                             OpenTelemetry SDK spans: each hop's producer span is a child of
                             the context extracted from the previous hop's headers; the
                             propagator injects into a dict carrier sent as Kafka headers
  confluent-avro | confluent-protobuf | confluent-json
                             confluent-kafka Producer + Schema Registry serializer (--registry),
                             plus a W3C traceparent header from an OpenTelemetry span

Each produced record is one JSON line on stdout: {"topic","partition","offset","type",
"event_id","trace_id","span_id","parent_span_id" (when the hop has one),
"correlation_id"/"causation_id" (when sent),"headers":{...},"mode"}.
"""

import argparse
import datetime
import json
import os
import sys
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

HOPS = [
    ("ItemAddedToCart", "cart-service"),
    ("CartUpdated", "cart-service"),
    ("RecommendationsGenerated", "recommendation-service"),
]
KAFKA_PYTHON_API_VERSION = (2, 5, 0)  # kafka-python 2.0.2 cannot parse the mock's ApiVersions


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def payload_for(hop, cart_id):
    if hop == 0:
        return {"cartId": cart_id, "sku": "SKU-42", "quantity": 1, "customerEmail": "alice@example.com"}
    if hop == 1:
        return {"cartId": cart_id, "itemCount": 3, "totalCents": 8997}
    return {"cartId": cart_id, "recommendedSkus": ["SKU-7", "SKU-9"]}


class KafkaPythonSender:
    def __init__(self, bootstrap):
        from kafka import KafkaProducer
        self.producer = KafkaProducer(bootstrap_servers=bootstrap.split(","),
                                      api_version=KAFKA_PYTHON_API_VERSION, acks="all",
                                      client_id="evscope-real-clients")

    def send(self, topic, key, value, headers):
        future = self.producer.send(topic, key=key.encode(), value=value,
                                    headers=[(k, v if isinstance(v, bytes) else v.encode()) for k, v in headers.items()])
        md = future.get(timeout=30)
        return md.partition, md.offset

    def close(self):
        self.producer.flush(30)
        self.producer.close(30)


def emit(topic, partition, offset, event_type, event_id, headers, mode, **extra):
    line = {"mode": mode, "topic": topic, "partition": partition, "offset": offset, "type": event_type,
            "event_id": event_id}
    line.update({k: v for k, v in extra.items() if v is not None})
    line["headers"] = {k: (v.decode("utf-8", "replace") if isinstance(v, bytes) else v) for k, v in headers.items()}
    print(json.dumps(line), flush=True)


def envelope(event_type, event_id, source, cart_id, hop, correlation=None):
    body = {"eventType": event_type, "eventId": event_id, "timestamp": now_iso(), "source": source}
    if correlation:
        body.update(correlation)
    body["payload"] = payload_for(hop, cart_id)
    return json.dumps(body).encode()


# --- modes -------------------------------------------------------------------------------
def run_plain(args, sender):
    cart_id = "cart-" + uuid.uuid4().hex[:8]
    ids = []
    for hop, (event_type, source) in enumerate(HOPS):
        event_id = str(uuid.uuid4())
        correlation = None
        if hop > 0:
            correlation = {"correlationId": ids[0], "causationId": ids[-1]}
        partition, offset = sender.send(args.topic, cart_id, envelope(event_type, event_id, source, cart_id, hop, correlation), {})
        emit(args.topic, partition, offset, event_type, event_id, {}, args.mode,
             correlation_id=correlation and correlation["correlationId"],
             causation_id=correlation and correlation["causationId"])
        ids.append(event_id)


def otel_setup(propagator_name):
    from opentelemetry.sdk.trace import TracerProvider
    if propagator_name == "w3c":
        from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
        propagator = TraceContextTextMapPropagator()
    elif propagator_name == "b3multi":
        from opentelemetry.propagators.b3 import B3MultiFormat
        propagator = B3MultiFormat()
    elif propagator_name == "b3single":
        from opentelemetry.propagators.b3 import B3SingleFormat
        propagator = B3SingleFormat()
    elif propagator_name == "jaeger":
        from opentelemetry.propagators.jaeger import JaegerPropagator
        propagator = JaegerPropagator()
    else:
        raise ValueError(propagator_name)
    return TracerProvider(), propagator


def run_otel_hops(args, send_hop, propagator_name):
    """Runs the cascade with OpenTelemetry spans; send_hop(hop, carrier) returns (partition,
    offset, event_id). Returns nothing; prints one line per hop."""
    from opentelemetry.trace import SpanKind
    provider, propagator = otel_setup(propagator_name)
    tracers = {source: provider.get_tracer(source) for _, source in HOPS}
    previous_headers = None
    for hop, (event_type, source) in enumerate(HOPS):
        # A service extracts the context from the record it consumed (none for the first hop)
        # and publishes under a producer span that is a child of it.
        parent_ctx = propagator.extract(previous_headers) if previous_headers is not None else None
        with tracers[source].start_as_current_span("%s publish" % args.topic, context=parent_ctx,
                                                   kind=SpanKind.PRODUCER) as span:
            carrier = {}
            propagator.inject(carrier)
            sc = span.get_span_context()
            parent = span.parent
            partition, offset, event_id, extra = send_hop(hop, dict(carrier))
        sent_headers = extra.pop("headers", carrier)
        emit(args.topic, partition, offset, event_type, event_id, sent_headers, args.mode,
             trace_id="%032x" % sc.trace_id, span_id="%016x" % sc.span_id,
             parent_span_id=("%016x" % parent.span_id) if parent is not None else None, **extra)
        previous_headers = carrier
    provider.shutdown()


def run_otel(args, sender, propagator_name):
    cart_id = "cart-" + uuid.uuid4().hex[:8]

    def send_hop(hop, carrier):
        event_type, source = HOPS[hop]
        event_id = str(uuid.uuid4())
        partition, offset = sender.send(args.topic, cart_id, envelope(event_type, event_id, source, cart_id, hop), carrier)
        return partition, offset, event_id, {}
    run_otel_hops(args, send_hop, propagator_name)


def run_cloudevents(args, sender, structured, correlation_ext, core_api):
    cart_id = "cart-" + uuid.uuid4().hex[:8]
    ids = []
    if correlation_ext:
        # No trace context at all: the correlation extension is the only link.
        def send_hop(hop, carrier):
            return _send_ce(args, sender, hop, cart_id, ids, {}, structured, core_api, True)
        for hop in range(len(HOPS)):
            partition, offset, event_id, extra = send_hop(hop, None)
            emit(args.topic, partition, offset, HOPS[hop][0], event_id, extra.pop("headers"), args.mode, **extra)
        return

    def send_hop(hop, carrier):
        # The traceparent goes in as the CloudEvents distributed-tracing extension attribute.
        partition, offset, event_id, extra = _send_ce(args, sender, hop, cart_id, ids,
                                                      {"traceparent": carrier["traceparent"]},
                                                      structured, core_api, False)
        return partition, offset, event_id, extra
    run_otel_hops(args, send_hop, "w3c")


def _send_ce(args, sender, hop, cart_id, ids, extensions, structured, core_api, correlation_ext):
    event_type, source = HOPS[hop]
    event_id = str(uuid.uuid4())
    attributes = {"id": event_id, "source": "/shop/" + source, "type": event_type,
                  "datacontenttype": "application/json", "subject": cart_id}
    attributes.update(extensions)
    extra = {}
    if correlation_ext and hop > 0:
        attributes["correlationid"] = ids[0]
        attributes["causationid"] = ids[-1]
        extra = {"correlation_id": ids[0], "causation_id": ids[-1]}
    data = payload_for(hop, cart_id)
    if core_api:
        from cloudevents.core.v1.event import CloudEvent
        from cloudevents.core.bindings.kafka import to_binary, to_structured
        from cloudevents.core.formats.json import JSONFormat
        attributes["time"] = datetime.datetime.now(datetime.timezone.utc)
        event = CloudEvent(attributes, data)
        message = (to_structured if structured else to_binary)(event, JSONFormat())
    else:
        from cloudevents.v1.http import CloudEvent
        from cloudevents.v1.kafka import to_binary, to_structured
        event = CloudEvent(attributes, data)
        message = (to_structured if structured else to_binary)(event)
    headers = {k: v for k, v in message.headers.items()}
    partition, offset = sender.send(args.topic, cart_id, message.value, headers)
    ids.append(event_id)
    extra["headers"] = headers
    return partition, offset, event_id, extra


# --- Confluent serializers ---------------------------------------------------------------
AVRO_CART_EVENT = {
    "type": "record", "name": "CartEvent", "namespace": "com.shop.events",
    "fields": [
        {"name": "eventType", "type": "string"},
        {"name": "eventId", "type": "string"},
        {"name": "source", "type": "string"},
        {"name": "cartId", "type": "string"},
        {"name": "sku", "type": ["null", "string"], "default": None},
        {"name": "email", "type": ["null", "string"], "default": None},
        {"name": "recommendedSkus", "type": {"type": "array", "items": "string"}, "default": []},
    ],
}
JSON_CART_EVENT = {
    "$schema": "http://json-schema.org/draft-07/schema#", "title": "CartEvent", "type": "object",
    "properties": {"eventType": {"type": "string"}, "eventId": {"type": "string"},
                   "source": {"type": "string"}, "cartId": {"type": "string"},
                   "sku": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
                   "recommendedSkus": {"type": "array", "items": {"type": "string"}}},
    "required": ["eventType", "eventId", "cartId"],
}


def cart_record(hop, event_id, cart_id):
    event_type, source = HOPS[hop]
    return {"eventType": event_type, "eventId": event_id, "source": source, "cartId": cart_id,
            "sku": "SKU-42" if hop == 0 else None,
            "email": "alice@example.com" if hop == 0 else None,
            "recommendedSkus": ["SKU-7", "SKU-9"] if hop == 2 else []}


def run_confluent(args, fmt):
    from confluent_kafka import Producer
    from confluent_kafka.schema_registry import SchemaRegistryClient
    from confluent_kafka.serialization import MessageField, SerializationContext
    if not args.registry:
        raise SystemExit("--registry URL is required for %s" % args.mode)
    client = SchemaRegistryClient({"url": args.registry})
    if fmt == "avro":
        from confluent_kafka.schema_registry.avro import AvroSerializer
        serializer = AvroSerializer(client, json.dumps(AVRO_CART_EVENT))
        to_value = lambda rec: rec  # noqa: E731
    elif fmt == "json":
        from confluent_kafka.schema_registry.json_schema import JSONSerializer
        serializer = JSONSerializer(json.dumps(JSON_CART_EVENT), client)
        to_value = lambda rec: rec  # noqa: E731
    else:
        from confluent_kafka.schema_registry.protobuf import ProtobufSerializer
        from generate_schema_fixtures import protoc_descriptor_set, PROTO_DIR
        from google.protobuf import descriptor_pool, message_factory
        pool = descriptor_pool.DescriptorPool()
        for fdp in protoc_descriptor_set(PROTO_DIR, ["shop/cart.proto"]).file:
            pool.Add(fdp)
        cls = message_factory.GetMessageClass(pool.FindMessageTypeByName("com.shop.events.CartEvent"))
        serializer = ProtobufSerializer(cls, client, {})

        def to_value(rec):
            msg = cls(event_type=rec["eventType"], event_id=rec["eventId"], source=rec["source"],
                      cart_id=rec["cartId"], sku=rec["sku"] or "", email=rec["email"] or "")
            msg.recommended_skus.extend(rec["recommendedSkus"])
            return msg
    producer = Producer({"bootstrap.servers": args.bootstrap, "client.id": "evscope-real-clients-confluent"})
    cart_id = "cart-" + uuid.uuid4().hex[:8]

    class ConfluentSender:
        def send(self, topic, key, value, headers):
            result = {}

            def on_delivery(err, msg):
                result["err"], result["msg"] = err, msg
            producer.produce(topic, key=key.encode(), value=value, headers=list(headers.items()),
                             on_delivery=on_delivery)
            producer.flush(30)
            if result.get("err") is not None or "msg" not in result:
                raise SystemExit("delivery failed: %s" % result.get("err"))
            return result["msg"].partition(), result["msg"].offset()

    sender = ConfluentSender()

    def send_hop(hop, carrier):
        event_id = str(uuid.uuid4())
        rec = cart_record(hop, event_id, cart_id)
        value = serializer(to_value(rec), SerializationContext(args.topic, MessageField.VALUE))
        partition, offset = sender.send(args.topic, cart_id, value, carrier)
        return partition, offset, event_id, {"schema_id": int.from_bytes(value[1:5], "big")}
    run_otel_hops(args, send_hop, "w3c")


MODES = ["kafka-python-plain", "cloudevents-binary", "cloudevents-structured", "cloudevents-structured-core",
         "cloudevents-correlation", "otel-w3c", "otel-b3multi", "otel-b3single", "otel-jaeger",
         "confluent-avro", "confluent-protobuf", "confluent-json"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bootstrap")
    parser.add_argument("topic")
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--registry", help="Schema Registry URL (confluent-* modes)")
    parser.add_argument("--cascades", type=int, default=1, help="how many cascades (default 1)")
    args = parser.parse_args()
    if args.mode.startswith("confluent-"):
        for _ in range(args.cascades):
            run_confluent(args, args.mode.split("-", 1)[1])
        return
    sender = KafkaPythonSender(args.bootstrap)
    try:
        for _ in range(args.cascades):
            if args.mode == "kafka-python-plain":
                run_plain(args, sender)
            elif args.mode.startswith("otel-"):
                run_otel(args, sender, args.mode.split("-", 1)[1])
            else:
                run_cloudevents(args, sender, structured=args.mode.startswith("cloudevents-structured"),
                                correlation_ext=args.mode == "cloudevents-correlation",
                                core_api=args.mode.endswith("-core"))
    finally:
        sender.close()


if __name__ == "__main__":
    main()
