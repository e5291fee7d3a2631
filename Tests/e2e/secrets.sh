#!/usr/bin/env bash
# Secrets never leak: plants a password through -X and through the config file, then looks
# for it on the dashboard screen, in the recording, on stderr, in `evscope config` output and
# in the error messages of rejected configurations.
source "$(dirname "$0")/lib.bash"
WORK="$(mktemp -d)"
trap 'cleanup_tmux; stop_broker; rm -rf "$WORK"' EXIT

CLI_SECRET="PLANTED-SECRET-42"
FILE_SECRET="CONFIG-SECRET-77"
export EVSCOPE_CONFIG="$WORK/config"
printf 'kafka.sasl.username = alice\nkafka.sasl.password = %s\n' "$FILE_SECRET" > "$EVSCOPE_CONFIG"
chmod 600 "$EVSCOPE_CONFIG"

start_broker

# librdkafka accepts sasl.username/sasl.password with plaintext (they are simply unused).
tmuxc new-session -d -s main -x 120 -y 40 \
    "'$EVSCOPE' -b '$BROKERS' -t orders -t payments --from beginning -X security.protocol=plaintext -X sasl.password=$CLI_SECRET --record '$WORK/rec.jsonl' 2> '$WORK/watch.err'"
sleep 3
SCREENS=""
for key in 1 2 7 '?' Escape 8; do
    tmuxc send-keys -t main "$key"
    sleep 0.4
    SCREENS+="$(screen)"$'\n'
done
grep -q "Overview\|Topics\|Live" <<< "$SCREENS" || fail "the dashboard did not show (capture: $(head -3 <<< "$SCREENS"))"
tmuxc send-keys -t main q
for _ in $(seq 50); do tmuxc has-session -t main 2>/dev/null || break; sleep 0.1; done
[ -s "$WORK/rec.jsonl" ] || fail "no recording written"

printf 'client.id = from-properties-file\nsasl.password = %s\n' "$FILE_SECRET" > "$WORK/client.properties"
"$EVSCOPE" config -b "$BROKERS" -t orders -X "sasl.password=$CLI_SECRET" -F "$WORK/client.properties" > "$WORK/config.out" 2> "$WORK/config.err"
grep -q '^kafka.sasl.password = \*\*\* .*# from -X (overrides 2 earlier)' "$WORK/config.out" || fail "evscope config does not list the redacted password and its origin"
grep -q "^kafka.client.id = from-properties-file .*# from -F $WORK/client.properties" "$WORK/config.out" || fail "-F origin missing"
grep -q "^kafka.sasl.username = alice .*# from $EVSCOPE_CONFIG:1" "$WORK/config.out" || fail "config file origin missing"

# Rejected configurations: the error must name the problem, never the value.
ERRORS=""
for extra in "security.protocol=ssl ssl.key.location=/nonexistent" "security.protocol=bogus" "ssl.key.pem=garbage security.protocol=ssl"; do
    args=(-b "$BROKERS" -t orders -e --headless -X "ssl.key.password=$CLI_SECRET")
    for pair in $extra; do args+=(-X "$pair"); done
    set +e
    "$EVSCOPE" "${args[@]}" < /dev/null > /dev/null 2> "$WORK/error.txt"
    code=$?
    set -e
    [ "$code" -ne 0 ] || fail "invalid configuration '$extra' was accepted"
    ERRORS+="$(cat "$WORK/error.txt")"$'\n'
done
# A typo for '=' in -X, in a -F file and in the config file: a usage or config error naming the
# property, never the value after it.
printf 'sasl.password: %s\n' "$FILE_SECRET" > "$WORK/typo.properties"
printf 'kafka.sasl.jaas.config %s\n' "$FILE_SECRET" > "$WORK/typo-config"
for attempt in "-X sasl.password:$CLI_SECRET" "-F $WORK/typo.properties" "-X schema.registry.basic.auth.user.info:$CLI_SECRET" "config-file"; do
    set +e
    if [ "$attempt" = config-file ]; then
        EVSCOPE_CONFIG="$WORK/typo-config" "$EVSCOPE" -b "$BROKERS" -t orders --headless -e < /dev/null > /dev/null 2> "$WORK/error.txt"
    else
        # shellcheck disable=SC2086
        "$EVSCOPE" -b "$BROKERS" -t orders --headless -e $attempt < /dev/null > /dev/null 2> "$WORK/error.txt"
    fi
    code=$?
    set -e
    [ "$code" -eq 2 ] || [ "$code" -eq 4 ] || fail "a malformed secret ($attempt) should be a usage or config error, got $code"
    [ "$(wc -l < "$WORK/error.txt")" -eq 1 ] || fail "a malformed secret ($attempt) should give one line: $(cat "$WORK/error.txt")"
    ERRORS+="$(cat "$WORK/error.txt")"$'\n'
done
grep -q "sasl.password" <<< "$ERRORS" || fail "the malformed -X error does not name the property: $ERRORS"

printf 'kafka.sasl.password %s\n' "$FILE_SECRET" > "$WORK/bad-config"
set +e
EVSCOPE_CONFIG="$WORK/bad-config" "$EVSCOPE" config 2> "$WORK/bad-config.err"
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
