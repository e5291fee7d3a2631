#!/usr/bin/env bash
# Replays kcat -J output: produces records with kcat (text, binary, null key/value, headers)
# to a demo --broker-only cluster, captures them with `kcat -C -J -e`, adds garbage lines,
# and checks `evscope replay --headless --speed max` counts exactly; then the dashboard replay.
source "$(dirname "$0")/lib.bash"
WORK="$(mktemp -d)"
trap 'cleanup_tmux; stop_broker; rm -rf "$WORK"' EXIT
command -v kcat > /dev/null || fail "kcat is not installed"
export EVSCOPE_CONFIG="$WORK/no-config"
: > "$EVSCOPE_CONFIG"

start_broker

TOPIC="replay-e2e"
for i in $(seq 1 40); do
    printf 'k%d\t{"eventType":"OrderPlaced","eventId":"e-%d","source":"order-service"}\n' "$i" "$i"
done | kcat -b "$BROKERS" -P -t "$TOPIC" -K $'\t' -H traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
printf 'nokey-plain-text\n' | kcat -b "$BROKERS" -P -t "$TOPIC"
printf '\xff\xfe\x00\x1b[31mbinary\n' | kcat -b "$BROKERS" -P -t "$TOPIC" -H 'bin=\x01'
printf 'k-null-value\t\n' | kcat -b "$BROKERS" -P -t "$TOPIC" -K $'\t' -Z
PRODUCED=43

kcat -b "$BROKERS" -C -J -e -t "$TOPIC" > "$WORK/capture.jsonl" 2> /dev/null
[ "$(wc -l < "$WORK/capture.jsonl")" -eq "$PRODUCED" ] || fail "kcat captured $(wc -l < "$WORK/capture.jsonl") lines, expected $PRODUCED"
# Hostile extras: garbage, a truncated line, an overlong-looking line of NULs, a bare newline.
printf 'garbage\n{"topic":"t","partition":0,\n' >> "$WORK/capture.jsonl"
head -c 3000 /dev/zero >> "$WORK/capture.jsonl"
printf '\n\n' >> "$WORK/capture.jsonl"

"$EVSCOPE" replay "$WORK/capture.jsonl" --speed max --headless > "$WORK/replay.out" 2> "$WORK/replay.err" || fail "replay exited $?: $(cat "$WORK/replay.err")"
SUMMARY="$(grep 'replayed' "$WORK/replay.err")"
grep -q "replayed $PRODUCED records and 0 audit lines; 3 unreadable lines skipped" <<< "$SUMMARY" || fail "unexpected summary: $SUMMARY"
grep -q ": $PRODUCED events, 0 decisions" <<< "$SUMMARY" || fail "unexpected totals: $SUMMARY"

# The dashboard replay: the screen shows the replayed events and the source finishes.
tmuxc new-session -d -s main -x 120 -y 40 "'$EVSCOPE' replay '$WORK/capture.jsonl' --speed max 2> '$WORK/tui.err'"
SCREEN=""
for _ in $(seq 40); do
    sleep 0.25
    SCREEN="$(screen)"
    grep -q "$PRODUCED total" <<< "$SCREEN" && break
done
grep -q "$PRODUCED total" <<< "$SCREEN" || fail "the replay dashboard does not show $PRODUCED events: $(head -6 <<< "$SCREEN")"
tmuxc send-keys -t main q
for _ in $(seq 50); do tmuxc has-session -t main 2>/dev/null || break; sleep 0.1; done
if tmuxc has-session -t main 2>/dev/null; then fail "replay dashboard did not quit on q"; fi
echo "replay.sh: ok ($SUMMARY)"
