#!/usr/bin/env bash
# Real clients from PyPI (Tests/tools/, venv via Tests/tools/venv.sh) write a three-hop cascade
# per mode to `evscope demo --broker-only`; `evscope --headless --emit events,traces -e` must
# read the types, formats and trace ids they wrote and link each cascade into one chain.
# Known failures print PENDING and pass unless REAL_CLIENTS_EXPECT_FIXED=1 (see check_headless.py).
source "$(dirname "$0")/lib.bash"
WORK="$(mktemp -d)"
trap 'stop_broker; rm -rf "$WORK"' EXIT
export EVSCOPE_CONFIG="$WORK/no-config"
: > "$EVSCOPE_CONFIG"
PY="$(bash Tests/tools/venv.sh | tail -1)"
[[ -x "$PY" ]] || fail "Tests/tools/venv.sh printed no python: '$PY'"

start_broker

MODES=(kafka-python-plain cloudevents-binary cloudevents-structured cloudevents-structured-core
       cloudevents-correlation otel-w3c otel-b3multi otel-b3single otel-jaeger)
failed=()
for mode in "${MODES[@]}"; do
    topic="rc-$mode"
    timeout 120 "$PY" Tests/tools/produce_real_clients.py "$BROKERS" "$topic" "$mode" \
        > "$WORK/$mode.produced" 2> "$WORK/$mode.produce.err" \
        || fail "producing $mode failed: $(tail -5 "$WORK/$mode.produce.err")"
    [[ "$(wc -l < "$WORK/$mode.produced")" -eq 3 ]] || fail "$mode produced $(wc -l < "$WORK/$mode.produced") records, expected 3"
    timeout 60 "$EVSCOPE" -b "$BROKERS" -t "$topic" --from beginning --headless --emit events,traces -e \
        > "$WORK/$mode.headless" 2> "$WORK/$mode.headless.err" \
        || fail "evscope headless on $topic exited $?: $(tail -5 "$WORK/$mode.headless.err")"
    if ! "$PY" Tests/tools/check_headless.py "$mode" "$WORK/$mode.produced" "$WORK/$mode.headless"; then
        failed+=("$mode")
        echo "--- $mode: evscope output ---"
        cat "$WORK/$mode.headless"
    fi
done
if ((${#failed[@]})); then
    echo "FAIL: real-clients.sh: ${failed[*]}" >&2
    exit 1
fi
echo "PASS real-clients.sh (REAL_CLIENTS_EXPECT_FIXED=${REAL_CLIENTS_EXPECT_FIXED:-0})"
