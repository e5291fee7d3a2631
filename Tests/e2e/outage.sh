#!/usr/bin/env bash
# A headless run is not silent about an outage: with a partition leader down it says on stderr
# that a broker is down and, with -e, how long it has waited and on what, instead of blocking
# silently; a signal still stops it at once; once the broker is back the run ends with every record.
source "$(dirname "$0")/lib.bash"
work=$(mktemp -d)
EVSCOPE_PID=""
OUTAGE_PID=""
finish() {
    if [[ -n "$EVSCOPE_PID" ]]; then kill "$EVSCOPE_PID" 2>/dev/null || true; wait "$EVSCOPE_PID" 2>/dev/null || true; fi
    exec 3>&-  # the end of its commands stops the mock cluster
    if [[ -n "$OUTAGE_PID" ]]; then wait "$OUTAGE_PID" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap finish EXIT

cc -O2 -o "$work/mock-outage" Tests/e2e/tools/mock_outage.c -lrdkafka
mkfifo "$work/commands"
"$work/mock-outage" 3 outage 6 < "$work/commands" > "$work/replies" &
OUTAGE_PID=$!
exec 3<> "$work/commands"  # read-write: never blocks, even if mock-outage failed to start
for _ in $(seq 100); do [[ -s "$work/replies" ]] && break; sleep 0.1; done
BROKERS=$(head -1 "$work/replies")
[[ -n "$BROKERS" ]] || fail "mock-outage printed no bootstrap list"
# Sends a command to the mock cluster and waits for its answer (reply line N+1 of the file).
replies=1
send_command() {
    echo "$1" >&3
    replies=$((replies + 1))
    for _ in $(seq 50); do (($(wc -l < "$work/replies") >= replies)) && break; sleep 0.1; done
    [[ $(sed -n "${replies}p" "$work/replies") == ok ]] || fail "mock-outage '$1': $(sed -n "${replies}p" "$work/replies")"
}

seq 1 600 | awk '{ printf "k%d\t{\"eventType\":\"Outage\",\"eventId\":\"o-%d\",\"source\":\"outage\"}\n", $1, $1 }' \
    | kcat -P -b "$BROKERS" -t outage -K $'\t'
# The mock cluster places leaders at random: take down the one leading partition 0 (the mock cluster holds its partitions where they are while it is down).
leader=$(kcat -L -b "$BROKERS" -t outage | awk '$1 == "partition" && $2 == "0," { sub(",", "", $4); print $4 }')
[[ "$leader" =~ ^[0-9]+$ ]] || fail "no leader for partition 0 in kcat -L"
send_command "down $leader"

# A signal stops a run that waits on a down leader, promptly and with 128+15.
"$EVSCOPE" -b "$BROKERS" -t outage --from beginning --headless --emit events -e > /dev/null 2> "$work/stopped.err" &
EVSCOPE_PID=$!
sleep 3
kill -TERM "$EVSCOPE_PID" 2>/dev/null || fail "the run ended before it was stopped; stderr: $(cat "$work/stopped.err")"
for _ in $(seq 100); do kill -0 "$EVSCOPE_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$EVSCOPE_PID" 2>/dev/null && fail "SIGTERM did not stop a run waiting on a down leader within 10 s"
status=0
wait "$EVSCOPE_PID" || status=$?
EVSCOPE_PID=""
((status == 143)) || fail "a run stopped by SIGTERM exited $status, expected 143; stderr: $(cat "$work/stopped.err")"

"$EVSCOPE" -b "$BROKERS" -t outage --from beginning --headless --emit events -e > "$work/out" 2> "$work/err" &
EVSCOPE_PID=$!
waiting="-e: nothing new for 1"
for _ in $(seq 300); do grep -qF -- "$waiting" "$work/err" && break; sleep 0.1; done
grep -qF -- "$waiting" "$work/err" || fail "no waiting note after 30 s; stderr: $(cat "$work/err")"
grep -q -- "-e: nothing new for 1[0-9]s; still waiting for the end of kafka .*brokers down" "$work/err" \
    || fail "the waiting note does not say how long and on what: $(grep -F -- "$waiting" "$work/err")"
grep -qx "evscope: broker down: 1 of 3; partitions they lead wait until they are back" "$work/err" \
    || fail "no broker-down line on stderr: $(cat "$work/err")"
kill -0 "$EVSCOPE_PID" 2>/dev/null || fail "-e ended while a leader was down"
received=$(wc -l < "$work/out")
((received < 600)) || fail "all 600 records arrived while a leader was down"

send_command "up $leader"
for _ in $(seq 300); do kill -0 "$EVSCOPE_PID" 2>/dev/null || break; sleep 0.1; done
kill -0 "$EVSCOPE_PID" 2>/dev/null && fail "-e did not end within 30 s of the leader coming back"
status=0
wait "$EVSCOPE_PID" || status=$?
EVSCOPE_PID=""
((status == 0)) || fail "-e exited $status after the outage; stderr: $(cat "$work/err")"
ids=$(python3 -c 'import sys, json
print(len({(e["partition"], e["offset"]) for e in map(json.loads, open(sys.argv[1]))}))' "$work/out")
[[ $(wc -l < "$work/out") -eq 600 && $ids -eq 600 ]] || fail "$(wc -l < "$work/out") lines, $ids distinct records, expected 600"
echo "PASS outage.sh ($received of 600 records during the outage, then all 600; stderr said: $(paste -sd '|' "$work/err"))"
