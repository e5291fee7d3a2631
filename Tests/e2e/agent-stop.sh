#!/usr/bin/env bash
# An agent whose cluster disappears must still stop on SIGTERM, promptly and saying why: its
# last transaction cannot commit or abort, and leaving the group would wait for a coordinator
# that is gone. Before the waits were cut into slices that see the stop, it ran for minutes.
set -euo pipefail
source "$(dirname "$0")/lib.bash"
work=$(mktemp -d)
agent_pid=""
trap '[[ -n "$agent_pid" ]] && kill -9 "$agent_pid" 2>/dev/null; stop_broker; rm -rf "$work"' EXIT
start_broker

"$EVSCOPE" agent -b "$BROKERS" -t '^(orders|carts)$' --group stop-test --rollup-topic stop-rollups \
    --agent-id s1 --from beginning 2> "$work/err" &
agent_pid=$!
for _ in $(seq 150); do grep -q "given" "$work/err" && break; sleep 0.1; done
grep -q "given" "$work/err" || fail "the agent was given no partitions within 15 s: $(cat "$work/err")"
sleep 2

kill -9 "$BROKER_PID"
wait "$BROKER_PID" 2>/dev/null || true
BROKER_PID=""
sleep 2
kill -TERM "$agent_pid"
stopped_at=$SECONDS
for _ in $(seq 300); do kill -0 "$agent_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$agent_pid" 2>/dev/null && fail "the agent did not stop within 30 s of SIGTERM with its cluster gone"
status=0
wait "$agent_pid" || status=$?
agent_pid=""
[[ $status -ne 0 ]] || fail "an agent that could not commit its last interval exited 0"
tail -1 "$work/err" | grep -q "agent s1: " || fail "the agent's last line does not say why it stopped: $(tail -1 "$work/err")"
echo "PASS agent-stop.sh (stopped $((SECONDS - stopped_at)) s after SIGTERM, exit $status: $(tail -1 "$work/err"))"
