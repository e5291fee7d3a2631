#!/usr/bin/env bash
# Terminal safety: records whose keys, header names and values, values, event types,
# sources and audit principals carry ESC/CSI/OSC sequences, C0/C1 controls, bidi overrides,
# zero-width characters and invalid UTF-8 are shown escaped on every screen and detail pane;
# nothing reaches the terminal raw (the pane title stays, no OSC 52 clipboard write, only SGR
# colour sequences on screen).
source "$(dirname "$0")/lib.bash"
work=$(mktemp -d)
trap 'cleanup_tmux; stop_broker; [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$work"' EXIT
start_broker

ESC=$'\e' BEL=$'\a'
TITLE="${ESC}]0;PWNED${BEL}"
CLIP="${ESC}]52;c;cHduZWQ=${BEL}"
MOVE="${ESC}[2J${ESC}[1;1H${ESC}[10A"
BIDI=$'\u202e' ZW=$'\u200b' C1=$'\u009b' INVALID=$'\xff\xfe'

# One record per line (kcat -P splits on newlines), key before the first '|'.
{
    # JSON-escaped controls: the decoder turns \u001b into a real ESC inside type and source.
    printf '%s|%s\n' "k1${CLIP}" '{"eventType":"Evil\u001b]0;PWNED\u0007Type","eventId":"e1","source":"svc\u001b[2J\u202egnp.exe","timestamp":"2024-05-01T12:00:00Z"}'
    # Raw controls inside the JSON bytes: not valid JSON, so an opaque event whose value is shown.
    printf '%s|%s\n' "k2${MOVE}" "{\"eventType\":\"Raw${TITLE}\",\"source\":\"raw${C1}31m${ZW}\"} ${INVALID}"
    printf '%s|%s\n' "k3${INVALID}" "opaque ${TITLE} ${CLIP} ${BIDI}txt.exe ${MOVE}"
} > "$work/events"
kcat -P -b "$BROKERS" -t hostile -K '|' -H "x-${TITLE}=v${MOVE}${BIDI}" -H "ce_note=${CLIP}${INVALID}" \
    -H "traceparent=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" -l "$work/events"
# Binary-mode CloudEvent whose type and source come from hostile headers.
echo '{"n":1}' | kcat -P -b "$BROKERS" -t hostile -H "ce_type=Ce${TITLE}Type" -H "ce_source=ce${BIDI}src" -H "ce_id=c1" -H "ce_specversion=1.0"
{
    echo "[2024-05-01 12:00:00,123] INFO Principal = User:ev${TITLE}il is Denied Operation = Write from host = 10.0.0.9 on resource = Topic:LITERAL:pay${MOVE}ments for request = Produce with resourceRefCount = 1 (kafka.authorizer.logger)"
    echo '{"specversion":"1.0","id":"a1","source":"crn:///kafka=k","type":"io.confluent.kafka.server/authorization","time":"2024-05-01T12:00:01Z","data":{"methodName":"kafka.Produce","authenticationInfo":{"principal":"User:mal\u001b]0;PWNED\u0007\u202elory"},"authorizationInfo":{"granted":false,"operation":"Write","resourceType":"Topic","resourceName":"orders\u001b]52;c;eA==\u0007","patternType":"LITERAL"},"request":{"client_id":"c\u009b2J"},"requestMetadata":{"client_address":"/10.0.0.5"}}}'
} | kcat -P -b "$BROKERS" -t audit-hostile

start_pane 160 45 "$EVSCOPE -b $BROKERS -t hostile --audit-topic audit-hostile --from beginning; echo EXIT-STATUS=\$?"
tmuxc set-option -g set-clipboard on
title_before=$(tmuxc display -p -t main '#{pane_title}')
tmuxc send-keys -t main 2
wait_for "hostile" 20
tmuxc send-keys -t main 5
wait_for "DENIED" 20

# Everything the pane showed, with colour escapes, across every screen and detail pane.
shown="$work/shown"
: > "$shown"
capture() { tmuxc capture-pane -p -e -t main >> "$shown"; }
for screen_key in 1 2 3 4 5 6 7 8; do
    tmuxc send-keys -t main "$screen_key"
    sleep 0.4
    capture
    # Open the detail pane of each of the first rows: top of the list, down r rows, Enter.
    for row in 0 1 2 3 4 5; do
        tmuxc send-keys -t main g
        for ((step = 0; step < row; step++)); do tmuxc send-keys -t main j; done
        sleep 0.15
        tmuxc send-keys -t main Enter
        sleep 0.3
        capture
        tmuxc send-keys -t main Escape
        sleep 0.2
    done
done

title_after=$(tmuxc display -p -t main '#{pane_title}')
[[ "$title_after" != *PWNED* ]] || fail "an OSC title sequence reached the terminal (title: $title_after)"
[[ "$title_after" == "$title_before" ]] || fail "pane title changed: '$title_before' -> '$title_after'"
[[ -z "$(tmuxc list-buffers 2>/dev/null)" ]] || fail "an OSC 52 clipboard write reached the terminal"
# capture-pane -e re-renders the screen as SGR colour runs only; anything else (or a raw C0/C1
# byte, a bidi override, a zero-width space) means a sequence survived into the pane's cells.
if LC_ALL=C grep -aP '\e(?!\[[0-9;:]*m)' "$shown" > /dev/null; then fail "non-SGR escape sequence on screen"; fi
if LC_ALL=C grep -aP '[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]' "$shown" > /dev/null; then fail "raw C0 control on screen"; fi
if grep -aP '[\x{80}-\x{9f}\x{202a}-\x{202e}\x{200b}-\x{200f}\x{2066}-\x{2069}]' "$shown" > /dev/null; then fail "raw C1, bidi or zero-width character on screen"; fi
for escaped in '\e]0;PWNED\x07' '\e]52;c;' '\u{202e}' '\xff' 'User:ev\e]0;PWNED' ; do
    grep -qF -- "$escaped" "$shown" || fail "escaped form '$escaped' not shown anywhere"
done
screen | grep -q '\\e\[2J' || grep -qF '\e[2J' "$shown" || fail "escaped CSI not shown"

tmuxc send-keys -t main q
wait_for "EXIT-STATUS=0" 10
echo "PASS injection.sh"
