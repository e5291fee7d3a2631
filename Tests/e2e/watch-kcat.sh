#!/usr/bin/env bash
# a topic written by kcat (an independent client) to `evscope demo --broker-only`
# shows with count 5 in `evscope -b ... -t thattopic`.
source "$(dirname "$0")/lib.bash"
trap 'cleanup_tmux; stop_broker' EXIT
start_broker
for i in 1 2 3 4 5; do
    echo "{\"eventType\":\"KcatPing\",\"eventId\":\"k$i\",\"source\":\"kcat-writer\"}"
done | kcat -P -b "$BROKERS" -t kcat-written -H "X-B3-TraceId=463ac35c9f6413ad48485a3953bb6124" -H "X-B3-SpanId=a2fb4a1d1a96d312"

start_pane 120 40 "$EVSCOPE -b $BROKERS -t kcat-written --from beginning; echo EXIT-STATUS=\$?"
tmuxc send-keys -t main 2
wait_for "kcat-written" 20
sleep 1
count=$(topic_count kcat-written)
[[ "$count" == "5" ]] || fail "expected count 5 for kcat-written, got '$count'"
tmuxc send-keys -t main 3
wait_for "KcatPing" 5
tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 10
echo "PASS watch-kcat.sh"
