# Shared helpers for the tmux end-to-end tests (sourced, not run).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
EVSCOPE="${EVSCOPE:-$PWD/.build/debug/evscope}"
SOCKET="evscope-e2e-$$"
tmuxc() { tmux -L "$SOCKET" "$@"; }
cleanup_tmux() { tmux -L "$SOCKET" kill-server 2>/dev/null || true; }
fail() { echo "FAIL: $*" >&2; echo "--- last screen ---" >&2; tmuxc capture-pane -p -t main >&2 2>/dev/null || true; exit 1; }
# Starts `evscope demo --broker-only [ARGS...]` in the background and sets BROKERS to its
# bootstrap list; scripts call stop_broker from their EXIT trap.
BROKER_PID=""
start_broker() {
    local out
    out=$(mktemp)
    "$EVSCOPE" demo --broker-only "$@" > "$out" &
    BROKER_PID=$!
    for _ in $(seq 100); do [[ -s "$out" ]] && break; sleep 0.1; done
    BROKERS=$(head -1 "$out")
    rm -f "$out"
    [[ -n "$BROKERS" ]] || fail "demo --broker-only printed no bootstrap list"
}
stop_broker() {
    [[ -n "$BROKER_PID" ]] || return 0
    kill "$BROKER_PID" 2>/dev/null || true
    wait "$BROKER_PID" 2>/dev/null || true
}
# Starts CMD in a fresh shell inside a WIDTHxHEIGHT tmux pane named "main".
start_pane() { tmuxc new-session -d -s main -x "$1" -y "$2" "bash --norc --noprofile"; tmuxc send-keys -t main "$3" Enter; }
screen() { tmuxc capture-pane -p -t main; }
# Waits up to $2 seconds for text $1 on screen.
wait_for() {
    local deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        if screen | grep -qF -- "$1"; then return 0; fi
        sleep 0.3
    done
    fail "timed out waiting for '$1'"
}
# The count in the EVENTS column of a topic's row on the Topics screen.
topic_count() { screen | awk -v t="$1" '$1 == "▶" && $2 == t { print $3; exit } $1 == t { print $2; exit }'; }
