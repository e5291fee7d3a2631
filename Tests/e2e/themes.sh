#!/usr/bin/env bash
# Themes work from an installed binary: a copy of evscope in a folder without `themes/`, run from
# another folder, starts with `--theme solarized-dark`, `T` names each theme it switches to, and
# under NO_COLOR `T` says monochrome is the only theme instead of bringing colour back.
source "$(dirname "$0")/lib.bash"
install_dir=$(mktemp -d)
elsewhere=$(mktemp -d)
trap 'cleanup_tmux; rm -rf "$install_dir" "$elsewhere"' EXIT
cp "$EVSCOPE" "$install_dir/evscope"

start_pane 120 40 "cd $elsewhere && $install_dir/evscope demo --theme solarized-dark; echo EXIT-STATUS=\$?"
wait_for "Overview" 20
tmuxc send-keys -t main T
wait_for "theme dark (2 of 5)" 5
tmuxc send-keys -t main T
wait_for "theme light (3 of 5)" 5
tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 10

tmuxc send-keys -t main "clear; NO_COLOR=1 $install_dir/evscope demo --theme light; echo EXIT2-STATUS=\$?" Enter
sleep 1
wait_for "Overview" 20
tmuxc send-keys -t main T
wait_for "monochrome (NO_COLOR is set) is the only theme" 5
tmuxc send-keys -t main q
wait_for "EXIT2-STATUS=0" 10

# A name that is neither built in nor a file is refused with the folders searched.
out=$(cd "$elsewhere" && "$install_dir/evscope" demo --theme nord 2>&1) && fail "--theme nord was accepted"
grep -q "nord" <<< "$out" || fail "the error does not name the theme: $out"
echo "PASS themes.sh"
