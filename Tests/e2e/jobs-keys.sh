#!/usr/bin/env bash
# The three jobs at 80×24 against the demo, counting keystrokes from the Overview:
# watch live traffic, open a denied publish (≤ 3 keys), open a cascade with per-hop latency (≤ 3 keys).
source "$(dirname "$0")/lib.bash"
trap cleanup_tmux EXIT

KEYS=0
# Sends keys to the dashboard and counts them (one per key name).
press() { tmuxc send-keys -t main "$@"; KEYS=$((KEYS + $#)); }
# Fails when the job took more than $2 keys.
budget() { ((KEYS <= $2)) || fail "$1 took $KEYS keys (budget $2)"; echo "$1: $KEYS keys"; KEYS=0; }
# Returns to the Overview, uncounted, between jobs.
home() { tmuxc send-keys -t main 1; wait_for "[1 Overview]" 5; KEYS=0; }

start_pane 80 24 "$EVSCOPE demo; echo EXIT-STATUS=\$?"
wait_for "[1 Overview]" 20
# Short whole-word tab labels at 80 columns, and panel titles that are not counts.
screen | head -1 | grep -q "4 Who  5 Audit" || fail "tab labels at 80 columns are not the short names"
screen | grep -q "Top topics (2)" && fail "panel title shows a screen key as a count"

# Job 1: watch — live traffic with its rates, one key away.
press 7
wait_for "arrivals (newest first)" 10
wait_for " event " 60
budget "watch live traffic" 1
home

# Job 2: a denied publish. The Overview ranks principals with denied publishes first and its
# cursor follows the top row; enter opens that principal's newest denied publish.
wait_for "✗ User:recommendation" 60
press Enter
wait_for "DENIED decision" 5
screen | grep -q "operation        WRITE" || fail "the opened denial is not a publish (WRITE)"
screen | grep -q "resource type    TOPIC" || fail "the opened denial is not on a topic"
screen | sed -n 2p | grep -q "^Overview › decision User:" || fail "breadcrumb does not show the path"
budget "open a denied publish" 3
press Escape
wait_for "[1 Overview]" 5
KEYS=0

# Job 3: a cascade with per-hop latency at 80×24. The first row of Traces is opened unless it
# is a single event, in which case the next one is.
press 6
wait_for "ROOT EVENT" 10
sleep 0.5
hops=$(screen | awk '$1 == "▶…" || $1 == "▶✓" || $1 == "▶✗" || $1 == "▶!" || $1 == "▶⚠" { print $4; exit }')
if [[ "$hops" == "1" ]]; then press j; fi
press Enter
wait_for "+LATENCY" 5
screen | grep -q "├─\|└─" || fail "no tree drawn"
screen | grep -Eq "\+[0-9.]+(ms|s) " || fail "no per-hop latency shown"
budget "open a cascade with per-hop latency" 3

press q
wait_for "EXIT-STATUS=0" 10
echo "PASS jobs-keys.sh"
