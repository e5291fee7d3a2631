#!/usr/bin/env bash
# Schema-registry events end to end: Confluent's own serializers (confluent-kafka from PyPI)
# write Avro, Protobuf and JSON Schema cascades to `evscope demo --broker-only` through the fake
# registry in Tests/tools (the real REST API); `evscope -r URL --headless` must decode their
# types, formats and schema ids, fetch each id once, raise findings on the decoded PII, keep
# events flowing when the registry is down or does not know an id, and leave them opaque with
# their id without -r, and take basic-auth credentials from the URL or the config file. Then, in tmux, the demo shows its own Avro and Protobuf types on the Event
# types screen and a decoded payload in the detail pane.
source "$(dirname "$0")/lib.bash"
WORK="$(mktemp -d)"
REGISTRY_PID=""
stop_registry() { [[ -z "$REGISTRY_PID" ]] || { kill "$REGISTRY_PID" 2>/dev/null || true; wait "$REGISTRY_PID" 2>/dev/null || true; }; }
trap 'cleanup_tmux; stop_broker; stop_registry; rm -rf "$WORK"' EXIT
export EVSCOPE_CONFIG="$WORK/no-config"
: > "$EVSCOPE_CONFIG"
PY="$(bash Tests/tools/venv.sh | tail -1)"
[[ -x "$PY" ]] || fail "Tests/tools/venv.sh printed no python: '$PY'"

start_broker
"$PY" Tests/tools/schema_registry.py --port 0 > "$WORK/registry.url" 2> "$WORK/registry.err" &
REGISTRY_PID=$!
for _ in $(seq 100); do [[ -s "$WORK/registry.url" ]] && break; sleep 0.1; done
REGISTRY=$(head -1 "$WORK/registry.url")
[[ "$REGISTRY" == http://* ]] || fail "schema_registry.py printed no URL: $(cat "$WORK/registry.err")"

MODES=(confluent-avro confluent-protobuf confluent-json)
for mode in "${MODES[@]}"; do
    timeout 120 "$PY" Tests/tools/produce_real_clients.py "$BROKERS" "sr-$mode" "$mode" --registry "$REGISTRY" \
        > "$WORK/$mode.produced" 2> "$WORK/$mode.produce.err" \
        || fail "producing $mode failed: $(tail -5 "$WORK/$mode.produce.err")"
done
# A record naming a schema id the registry never issued.
"$PY" -c 'import sys; from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1]}); p.produce("sr-unknown", b"\x00\x00\x00\x03\xe7\x02A"); p.flush(10)' "$BROKERS"

headless() { timeout 60 "$EVSCOPE" -b "$BROKERS" -t '^sr-' --from beginning --headless -e "$@"; }
headless -r "$REGISTRY" --emit events > "$WORK/decoded.jsonl" 2> "$WORK/decoded.err" || fail "evscope -r exited $?: $(tail -5 "$WORK/decoded.err")"
headless -r "$REGISTRY" --emit findings > "$WORK/findings.jsonl" 2> "$WORK/findings.err" || fail "evscope --emit findings exited $?"
curl -s "$REGISTRY/__stats" > "$WORK/stats.json"
headless -r "http://127.0.0.1:9" --emit events > "$WORK/down.jsonl" 2> "$WORK/down.err" || fail "evscope with the registry down exited $?"
headless --emit events > "$WORK/plain.jsonl" 2> "$WORK/plain.err" || fail "evscope without -r exited $?"

"$PY" - "$WORK" <<'PYTHON' || fail "headless output does not match (see above)"
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
lines = lambda name: [json.loads(l) for l in (work / name).read_text().splitlines() if l.strip()]
problems = []
def check(ok, what):
    if not ok: problems.append(what)
formats = {"confluent-avro": "avro", "confluent-protobuf": "protobuf", "confluent-json": "json-schema"}
decoded = lines("decoded.jsonl")
for mode, fmt in formats.items():
    produced = lines(f"{mode}.produced")
    got = {(e["partition"], e["offset"]): e for e in decoded if e["topic"] == f"sr-{mode}"}
    check(len(got) == len(produced) == 3, f"{mode}: {len(got)} events for {len(produced)} produced")
    for record in produced:
        event = got.get((record["partition"], record["offset"]))
        if event is None: problems.append(f"{mode}: offset {record['offset']} missing"); continue
        check(event["format"] == fmt, f"{mode}: format {event['format']}, expected {fmt}")
        check(event["type"] == record["type"], f"{mode}: type {event['type']}, expected {record['type']}")
        check(event["schemaId"] == record["schema_id"], f"{mode}: schemaId {event['schemaId']}, expected {record['schema_id']}")
        check(event["traceId"] == record["trace_id"], f"{mode}: traceId {event['traceId']}, expected {record['trace_id']}")
        check("schemaError" not in event, f"{mode}: {event.get('schemaError')}")
unknown = [e for e in decoded if e["topic"] == "sr-unknown"]
check(len(unknown) == 1 and unknown[0]["schemaId"] == 999 and unknown[0]["format"] == "opaque"
      and unknown[0].get("schemaError", "").startswith("schema unavailable (id 999: HTTP 404"), f"unknown id: {unknown}")
stats = json.loads((work / "stats.json").read_text())["requests"]
ids = sorted({r["schema_id"] for mode in formats for r in lines(f"{mode}.produced")})
for schema_id in ids:
    check(stats.get(f"GET /schemas/ids/{schema_id}") == 2, f"id {schema_id} fetched {stats.get(f'GET /schemas/ids/{schema_id}')} times in two runs, expected once per run")
print("registry requests:", {k: v for k, v in stats.items() if k.startswith("GET /schemas")})
findings = lines("findings.jsonl")
pii = [f for f in findings if "email" in json.dumps(f).lower() and f.get("kind") == "finding"]
check(any(f.get("topic", "").startswith("sr-confluent") for f in pii), f"no e-mail finding from the decoded events: {[f.get('title') for f in findings]}")
down = lines("down.jsonl")
check(len(down) == 10, f"registry down: {len(down)} events, expected all 10")
check(all(e["format"] == "opaque" and e.get("schemaError", "").startswith(f"schema unavailable (id {e['schemaId']}: ") for e in down),
      f"registry down: {[(e['format'], e.get('schemaError')) for e in down]}")
plain = lines("plain.jsonl")
check(len(plain) == 10 and all(e["format"] == "opaque" and e["schemaId"] is not None and "schemaError" not in e for e in plain),
      f"without -r: {[(e['format'], e['schemaId']) for e in plain]}")
for p in problems: print("  -", p)
sys.exit(1 if problems else 0)
PYTHON
grep -q "schema registry" "$WORK/down.err" || true

# Basic auth: a registry that wants credentials (the fixtures' schemas preloaded). They come from
# the URL's user-info (as kcat takes them) or from schema.registry.basic.auth.user.info in the
# config file; a wrong password leaves the event opaque with the 401 as its reason, and the
# password is never printed.
AUTH_PID=""
"$PY" Tests/tools/schema_registry.py --port 0 --auth alice:Wonder-1and --preload Tests/Fixtures/SchemaRegistry/manifest.json \
    > "$WORK/auth.url" 2> "$WORK/auth.err" &
AUTH_PID=$!
trap 'cleanup_tmux; stop_broker; stop_registry; kill "$AUTH_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [[ -s "$WORK/auth.url" ]] && break; sleep 0.1; done
AUTH=$(head -1 "$WORK/auth.url")
[[ "$AUTH" == http://* ]] || fail "the registry with --auth printed no URL: $(cat "$WORK/auth.err")"
kcat -P -b "$BROKERS" -t sr-auth -D '\0' -l Tests/Fixtures/SchemaRegistry/avro-primitives.bin
authed() { timeout 60 "$EVSCOPE" -b "$BROKERS" -t sr-auth --from beginning --headless -e --emit events "$@"; }
authed -r "${AUTH/http:\/\//http://alice:Wonder-1and@}" > "$WORK/auth-url.jsonl" 2>&1 || fail "evscope with user-info exited $?"
printf 'schema.registry.url = %s\nschema.registry.basic.auth.user.info = alice:Wonder-1and\n' "$AUTH" > "$WORK/auth.conf"
EVSCOPE_CONFIG="$WORK/auth.conf" authed > "$WORK/auth-config.jsonl" 2>&1 || fail "evscope with the config's credentials exited $?"
authed -r "${AUTH/http:\/\//http://alice:wrong-Pass@}" > "$WORK/auth-wrong.jsonl" 2>&1 || fail "evscope with a wrong password exited $?"
for out in auth-url auth-config; do
    grep -q '"type":"com.shop.avro.Primitives".*"format":"avro"' "$WORK/$out.jsonl" \
        || fail "$out: not decoded with credentials: $(head -c 400 "$WORK/$out.jsonl")"
done
grep -q '"format":"opaque".*schema unavailable (id 1: [^)]*HTTP 401: the registry refused the credentials' "$WORK/auth-wrong.jsonl" \
    || fail "a wrong password did not leave the event opaque with the 401: $(head -c 400 "$WORK/auth-wrong.jsonl")"
! grep -q "Wonder-1and\|wrong-Pass" "$WORK"/auth-*.jsonl || fail "a registry password was printed"
echo "basic auth: decoded with the URL's user-info and with the config file's credentials; a wrong password gives 401, no password printed"

# The demo: its Avro and Protobuf topics, decoded with the schemas it serves in process.
start_pane 160 45 "$EVSCOPE demo; echo EXIT-STATUS=\$?"
wait_for "Overview" 20
tmuxc send-keys -t main 3
wait_for "PointsEarned" 30
wait_for "ReviewPosted" 30
screen | grep -F "PointsEarned" | grep -qF "avro" || fail "PointsEarned is not shown as avro"
screen | grep -F "ReviewPosted" | grep -qF "protobuf" || fail "ReviewPosted is not shown as protobuf"
tmuxc send-keys -t main 7
wait_for "Live" 5
tmuxc send-keys -t main /
tmuxc send-keys -t main "topic:reviews" Enter
sleep 1
tmuxc send-keys -t main Enter
wait_for "schema format    protobuf" 10
wait_for "reviews-value" 5
wait_for '"product_id": "sku-' 5
wait_for "decoded from" 5
tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 10
echo "PASS schema-registry.sh"
