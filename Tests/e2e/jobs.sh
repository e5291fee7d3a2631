#!/usr/bin/env bash
# The three jobs (watch traffic, investigate a denied publish, follow a cascade), driven by keystrokes in a real terminal against the demo:
# watch live traffic, investigate a denied publish, follow a cascade.
source "$(dirname "$0")/lib.bash"
trap cleanup_tmux EXIT

start_pane 140 40 "$EVSCOPE demo; echo EXIT-STATUS=\$?"
wait_for "Overview" 20

# Job 1: watch — event types and principals are listed with rates.
tmuxc send-keys -t main 3
wait_for "ItemAddedToCart" 20
tmuxc send-keys -t main 4
wait_for "User:order-service" 10

# Job 2: investigate the denied publish of OrderItemShipped on the shipping topic (5 keys:
# screen, filter, the filter text is typed, enter to apply, enter to open).
tmuxc send-keys -t main 5
wait_for "TOPIC:shipping" 30
tmuxc send-keys -t main / "op:write topic:shipping" Enter
wait_for "filter: op:write topic:shipping" 5
tmuxc send-keys -t main Enter
wait_for "DENIED decision" 5
wait_for "Around this decision" 5
screen | grep -q "operation        WRITE" || fail "detail lacks the operation"
screen | grep -q "resource name    shipping" || fail "detail lacks the resource"
tmuxc send-keys -t main Escape Escape

# Job 3: follow a cascade — open the newest chain of several hops as a tree.
tmuxc send-keys -t main 6
wait_for "ROOT EVENT" 10
tmuxc send-keys -t main / "type:ItemAddedToCart" Enter
sleep 1
tmuxc send-keys -t main Enter
wait_for "TIMELINE" 5
screen | grep -q "├─\|└─" || fail "no tree drawn"
screen | grep -Eq "causation|span|~inferred" || fail "no link kinds shown"
tmuxc send-keys -t main Escape

tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 10
echo "PASS jobs.sh"
