#!/usr/bin/env bash
# Secrets never leak: plants a password through -X and through the config file, then looks
# for it on the dashboard screen, in the recording, on stderr, in `evscope config` output and
# in the error messages of rejected configurations.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="$PWD/.build/debug/evscope"
WORK="$(mktemp -d)"
SESSION="evscope-secrets-$$"
BROKER_PID=""
cleanup() {
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    if [ -n "$BROKER_PID" ]; then kill "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

CLI_SECRET="PLANTED-SECRET-42"
FILE_SECRET="CONFIG-SECRET-77"
export EVSCOPE_CONFIG="$WORK/config"
printf 'kafka.sasl.username = alice\nkafka.sasl.password = %s\n' "$FILE_SECRET" > "$EVSCOPE_CONFIG"
chmod 600 "$EVSCOPE_CONFIG"

"$BIN" demo --broker-only > "$WORK/broker.out" 2> "$WORK/broker.err" &
BROKER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/broker.out" ] && break; sleep 0.1; done
BROKERS="$(head -1 "$WORK/broker.out")"
[ -n "$BROKERS" ] || fail "demo --broker-only printed no bootstrap list"

# librdkafka accepts sasl.username/sasl.password with plaintext (they are simply unused).
tmux new-session -d -s "$SESSION" -x 120 -y 40 \
    "'$BIN' -b '$BROKERS' -t orders -t payments --from beginning -X security.protocol=plaintext -X sasl.password=$CLI_SECRET --record '$WORK/rec.jsonl' 2> '$WORK/watch.err'"
sleep 3
SCREENS=""
for key in 1 2 7 '?' Escape 8; do
    tmux send-keys -t "$SESSION" "$key"
    sleep 0.4
    SCREENS+="$(tmux capture-pane -p -t "$SESSION")"$'\n'
done
grep -q "Overview\|Topics\|Live" <<< "$SCREENS" || fail "the dashboard did not show (capture: $(head -3 <<< "$SCREENS"))"
tmux send-keys -t "$SESSION" q
for _ in $(seq 50); do tmux has-session -t "$SESSION" 2>/dev/null || break; sleep 0.1; done
[ -s "$WORK/rec.jsonl" ] || fail "no recording written"

printf 'client.id = from-properties-file\nsasl.password = %s\n' "$FILE_SECRET" > "$WORK/client.properties"
"$BIN" config -b "$BROKERS" -t orders -X "sasl.password=$CLI_SECRET" -F "$WORK/client.properties" > "$WORK/config.out" 2> "$WORK/config.err"
grep -q '^kafka.sasl.password = \*\*\* .*# from -X (overrides 2 earlier)' "$WORK/config.out" || fail "evscope config does not list the redacted password and its origin"
grep -q "^kafka.client.id = from-properties-file .*# from -F $WORK/client.properties" "$WORK/config.out" || fail "-F origin missing"
grep -q "^kafka.sasl.username = alice .*# from $EVSCOPE_CONFIG:1" "$WORK/config.out" || fail "config file origin missing"

# Rejected configurations: the error must name the problem, never the value.
ERRORS=""
for extra in "security.protocol=ssl ssl.key.location=/nonexistent" "security.protocol=bogus" "ssl.key.pem=garbage security.protocol=ssl"; do
    args=(-b "$BROKERS" -t orders -e --headless -X "ssl.key.password=$CLI_SECRET")
    for pair in $extra; do args+=(-X "$pair"); done
    set +e
    "$BIN" "${args[@]}" < /dev/null > /dev/null 2> "$WORK/error.txt"
    code=$?
    set -e
    [ "$code" -ne 0 ] || fail "invalid configuration '$extra' was accepted"
    ERRORS+="$(cat "$WORK/error.txt")"$'\n'
done
printf 'kafka.sasl.password %s\n' "$FILE_SECRET" > "$WORK/bad-config"
set +e
EVSCOPE_CONFIG="$WORK/bad-config" "$BIN" config 2> "$WORK/bad-config.err"
code=$?
set -e
[ "$code" -eq 4 ] || fail "a bad config line should exit 4, got $code"
grep -q "bad-config:1: expected key = value" "$WORK/bad-config.err" || fail "bad config line not reported as file:line"

for secret in "$CLI_SECRET" "$FILE_SECRET"; do
    if grep -qF "$secret" <<< "$SCREENS"; then fail "$secret appeared on screen"; fi
    if grep -qF "$secret" "$WORK/rec.jsonl"; then fail "$secret appeared in the recording"; fi
    if grep -qF "$secret" "$WORK/watch.err" "$WORK/config.out" "$WORK/config.err" "$WORK/bad-config.err"; then fail "$secret appeared in output"; fi
    if grep -qF "$secret" <<< "$ERRORS"; then fail "$secret appeared in an error message: $ERRORS"; fi
done
echo "secrets.sh: ok ($(wc -l < "$WORK/rec.jsonl") records recorded, no secret on screen, in the recording, stderr, config output or errors)"
