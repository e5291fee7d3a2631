#!/usr/bin/env bash
# Signals and resizes: SIGINT, SIGTERM, SIGHUP and SIGQUIT end the dashboard with status
# 128+signal, a sane terminal (echo and canonical mode back on, the shell prompt works), no core
# dump and no runtime noise; headless runs on a pipe do the same and first write every record
# they consumed (the --record file is the witness); Ctrl-Z
# restores the terminal and `fg` brings the dashboard back; a storm of resizes during a
# drill-down leaves it running; closing the terminal leaves no evscope process behind.
source "$(dirname "$0")/lib.bash"
WORK="$(mktemp -d)"
trap 'cleanup_tmux; stop_broker; rm -rf "$WORK"' EXIT

# The evscope process running in the pane (a child of the pane's shell).
evscope_pid() {
    local shell_pid pid
    shell_pid=$(tmuxc display -p -t main '#{pane_pid}')
    for _ in $(seq 50); do
        pid=$(pgrep -P "$shell_pid" -x evscope || true)
        [[ -n "$pid" ]] && { echo "$pid"; return 0; }
        sleep 0.1
    done
    fail "no evscope process under the pane's shell"
}
# Echo and canonical input are on again, and the shell answers.
expect_sane_terminal() {
    local tag=$1
    tmuxc send-keys -t main "clear; stty -a | tr ' ;' '\n\n' | grep -xE -- '-?(echo|icanon|isig)' | tr '\n' ' '; echo; echo sane-$tag-\$((6*7))" Enter
    wait_for "sane-$tag-42" 5
    local modes
    modes=$(screen | grep -E '^ *-?(echo|icanon|isig)( |$)' | tail -1 || true)
    for mode in echo icanon isig; do
        [[ " $modes " == *" $mode "* ]] || fail "$tag: terminal left without $mode (stty: $modes)"
    done
    screen | grep -qiE 'core dumped|Illegal instruction|Segmentation' && fail "$tag: crashed"
    return 0
}
new_pane() {
    cleanup_tmux
    # kill-server returns before the server is gone; a new session must not reach the old one.
    while tmuxc has-session 2>/dev/null; do sleep 0.1; done
    sleep 0.3
    start_pane 120 40 "$EVSCOPE demo; echo EXIT-STATUS=\$?"
    wait_for "Overview" 25
}

for signal in INT TERM HUP QUIT; do
    new_pane
    pid=$(evscope_pid)
    kill -s "$signal" "$pid"
    status=""
    for _ in $(seq 50); do
        status=$(screen | grep -oE 'EXIT-STATUS=[0-9]+' | tail -1 | cut -d= -f2 || true)
        [[ -n "$status" ]] && break
        sleep 0.2
    done
    number=$(kill -l "$signal")
    [[ "$status" == $((128 + number)) ]] || fail "SIG$signal: exit status $status, expected $((128 + number))"
    screen | grep -qi "swift-runtime\|backtrace\|crash" && fail "SIG$signal: runtime noise on the screen"
    kill -0 "$pid" 2>/dev/null && fail "SIG$signal: evscope still running"
    expect_sane_terminal "$signal"
    echo "SIG$signal: exit status $status, terminal sane"
done

# Ctrl-Z, check the shell's terminal, then fg back into the dashboard and quit normally.
new_pane
tmuxc send-keys -t main C-z
wait_for "Stopped" 5
expect_sane_terminal "TSTP"
# bash drops the rest of a stopped command list, so fg reports the exit status itself.
tmuxc send-keys -t main "clear; fg; echo FG-STATUS=\$?" Enter
wait_for "Overview" 10
tmuxc send-keys -t main 2
wait_for "Topics" 5
tmuxc send-keys -t main q
wait_for "FG-STATUS=0" 10
expect_sane_terminal "FG"
echo "Ctrl-Z / fg: resumed and quit with 0"

# Resize storm during a drill-down (detail pane open), then it still answers keys.
new_pane
pid=$(evscope_pid)
tmuxc send-keys -t main 2
wait_for "Topics" 5
tmuxc send-keys -t main Enter
sleep 0.5
for i in $(seq 40); do
    tmuxc resize-window -t main -x $((30 + (i * 37) % 170)) -y $((8 + (i * 13) % 50))
    sleep 0.05
done
tmuxc resize-window -t main -x 120 -y 40
kill -0 "$pid" 2>/dev/null || fail "evscope died during the resize storm"
tmuxc send-keys -t main Escape
sleep 0.3
tmuxc send-keys -t main 5
wait_for "Decisions" 5
tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 10
expect_sane_terminal "RESIZE"
echo "resize storm: survived, quit with 0"

# Closing the terminal under it (the whole tmux server goes) leaves no process behind.
new_pane
pid=$(evscope_pid)
cleanup_tmux
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; echo "FAIL: evscope $pid survived its terminal closing" >&2; exit 1; }
echo "terminal closed: evscope exited"
# Headless on a pipe: each quit signal ends the run with 128+signal after writing every record
# consumed, which --record wrote as it consumed them.
start_broker --rate 300
for signal in TERM INT HUP QUIT; do
    "$EVSCOPE" -b "$BROKERS" -t orders -t payments --from beginning --headless --emit events --record "$WORK/$signal.rec" \
        > "$WORK/$signal.out" 2> "$WORK/$signal.err" &
    pid=$!
    sleep 3
    kill -s "$signal" "$pid"
    set +e
    wait "$pid"
    status=$?
    set -e
    number=$(kill -l "$signal")
    [[ "$status" == $((128 + number)) ]] || fail "headless SIG$signal: exit status $status, expected $((128 + number)) (stderr: $(cat "$WORK/$signal.err"))"
    grep -qi "swift-runtime\|backtrace" "$WORK/$signal.err" && fail "headless SIG$signal: runtime noise on stderr"
    recorded=$(wc -l < "$WORK/$signal.rec")
    emitted=$(wc -l < "$WORK/$signal.out")
    (( recorded > 0 )) || fail "headless SIG$signal: nothing consumed in 3 s"
    [[ "$recorded" == "$emitted" ]] || fail "headless SIG$signal: $recorded records recorded but $emitted written"
    echo "headless SIG$signal: exit status $status, $emitted of $recorded recorded records written"
done

# Headless trouble gets one stderr line and a status that is not success.
expect_trouble() {
    local want=$1 text=$2
    shift 2
    set +e
    timeout 30 "$EVSCOPE" "$@" < /dev/null > /dev/null 2> "$WORK/trouble.err"
    local status=$?
    set -e
    [[ "$status" == "$want" ]] || fail "$*: exit status $status, expected $want ($(cat "$WORK/trouble.err"))"
    grep -qF "$text" "$WORK/trouble.err" || fail "$*: stderr lacks '$text': $(cat "$WORK/trouble.err")"
    echo "headless trouble: $* -> $status, $(head -1 "$WORK/trouble.err")"
}
expect_trouble 5 "topic 'nosuchtopic' does not exist" -b "$BROKERS" -t nosuchtopic --headless -e
expect_trouble 2 "wants a topic name" -b "$BROKERS" -t '(' --headless -e
expect_trouble 5 "is a directory" -b "$BROKERS" -t orders --audit-file "$WORK" --headless -e
expect_trouble 5 "is a directory" replay "$WORK" --headless
expect_trouble 2 "needs an audit source" -b "$BROKERS" -t orders --emit decisions -e

echo "PASS signals.sh"
