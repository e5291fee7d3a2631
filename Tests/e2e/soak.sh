#!/usr/bin/env bash
# the dashboard under sustained demo traffic: its RSS flat after warm-up, frames not
# getting slower. The demo cluster runs in its own process (`demo --broker-only`) because the
# mock cluster keeps up to ~5 MiB per partition in memory, which is the broker's memory, not
# the dashboard's; both are reported. CI runs 30 s at rate 100; the long version is
#   SOAK_SECONDS=600 SOAK_RATE=2000 EVSCOPE=$PWD/.build/release/evscope bash Tests/e2e/soak.sh
source "$(dirname "$0")/lib.bash"
seconds=${SOAK_SECONDS:-30}
rate=${SOAK_RATE:-100}
work=$(mktemp -d)
trap 'cleanup_tmux; stop_broker; rm -rf "$work"' EXIT
start_broker --rate "$rate"

start_pane 200 60 "$EVSCOPE -b $BROKERS -t '^(orders|carts|pricing|inventory|notifications|recommendations|payments|shipping|customer)\$' --audit-topic confluent-audit-log-events --audit-topic _redpanda.audit_log; echo EXIT-STATUS=\$?"
wait_for "Overview" 30
pid=$(pgrep -n -f "evscope -b $BROKERS") || fail "no evscope process"
rss() { awk '/VmRSS/ { print $2 }' "/proc/$1/status"; }
frame_stats() {
    tmuxc send-keys -t main S
    sleep 1
    screen | sed -n 's/.*mean \([0-9]*\) µs, max \([0-9]*\) µs.*/\1 \2/p' | head -1
    tmuxc send-keys -t main Escape
}
warmup=$((seconds / 3))
sleep "$warmup"
rss_warm=$(rss "$pid")
frames_warm=$(frame_stats)
samples="$rss_warm"
for ((t = warmup; t < seconds; t += 10)); do
    sleep 10
    samples="$samples $(rss "$pid")"
done
rss_end=$(rss "$pid")
frames_end=$(frame_stats)
peak=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status")
echo "dashboard RSS kB: after warm-up $rss_warm; samples $samples; end $rss_end; peak $peak"
echo "demo cluster + simulator RSS kB at the end: $(rss "$BROKER_PID")"
echo "frame µs (mean max of the last 200): after warm-up $frames_warm; at the end $frames_end"
(( rss_end <= rss_warm * 12 / 10 + 10240 )) || fail "RSS grew from $rss_warm to $rss_end kB"
(( peak <= 153600 )) || fail "peak RSS $peak kB over 150 MB"
mean_warm=${frames_warm%% *}; mean_end=${frames_end%% *}
[[ -n "$mean_warm" && -n "$mean_end" ]] || fail "no frame statistics on the Sources detail"
(( mean_end <= mean_warm * 2 + 2000 )) || fail "frames got slower: $mean_warm -> $mean_end µs"
tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 15
echo "PASS soak.sh (${seconds}s at rate $rate)"
