#!/usr/bin/env bash
# Agents past one machine: three `evscope agent`s share the topics through a consumer group and
# publish rollups with their positions in Kafka transactions. One is killed with SIGKILL mid-run
# and restarted. Once the committed positions cover every record, the summary folded from the
# committed rollups (`--rollups`) must equal, byte for byte, the summary of one evscope reading
# the topics directly, and the dashboard on the rollups shows the agents and the same counts
# (SCALE_DASHBOARD=0 leaves that out).
#
# SCALE_EVENTS (default 200000) events over four topics and SCALE_AUDIT (default 20000) audit
# decisions, produced in two halves: the kill happens while the agents read the first, the
# restart while the second arrives.
#
# SCALE_AGENTS=N (default 3) runs N agents; the last one is killed and restarted. With
# SCALE_KILL=0 all data is produced first and nobody is killed: the time until the committed
# positions cover every record then gives the agents' combined rate (including the group's
# join, ~3 s on the mock, and up to a second until the last commit).
#
# SCALE_PRODUCE_AT (default 27) and SCALE_AGENTS_AT (default 0): seconds after the demo's broker
# started at which producing starts, and the agents start (not before producing is done). The
# demo's broker outage (broker 2 down for 10 s from 16 s in, then every 75 s) falls after this
# run by default; scale-outage.sh puts it in the middle of one agent's read. With several agents,
# an outage mid-read can make one agent's aborted interval go to another agent, which the mock
# cluster (it keeps aborted records visible) then shows next to its re-read: exact on Kafka,
# not on the mock, so this run stays clear of the outage.
source "$(dirname "$0")/lib.bash"
EVENTS=${SCALE_EVENTS:-200000}
AUDIT=${SCALE_AUDIT:-20000}
WAIT=${SCALE_WAIT:-60}
AGENTS=${SCALE_AGENTS:-3}
KILL=${SCALE_KILL:-1}
PRODUCE_AT=${SCALE_PRODUCE_AT:-27}
AGENTS_AT=${SCALE_AGENTS_AT:-0}
work=$(mktemp -d)
agent_pids=()
stop_agents() { for pid in "${agent_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait "${agent_pids[@]}" 2>/dev/null || true; }
trap 'cleanup_tmux; stop_agents; stop_broker; rm -rf "$work"' EXIT
cc -O2 -o "$work/flood-producer" Tests/e2e/tools/flood_producer.c -lrdkafka

# Half $1 of the data: events (each 50th with an e-mail address in plaintext, each 97th not
# JSON, traces of four hops) and Confluent audit decisions (each 7th denied).
produce_half() {
    awk -v events="$EVENTS" -v audit="$AUDIT" -v half="$1" 'BEGIN {
        for (i = half * events / 2; i < (half + 1) * events / 2; i++) {
            if (i % 97 == 0) { printf "sc-ev-%d not json %d\n", i % 4, i; continue }
            email = (i % 50 == 0) ? sprintf(",\"email\":\"user%d@example.com\"", i) : ""
            printf "sc-ev-%d {\"eventType\":\"Type%d\",\"eventId\":\"e%d\",\"source\":\"svc-%d\",\"traceparent\":\"00-5cf92f35%024x-00f067aa%08x-01\",\"payload\":{\"n\":%d%s}}\n", i % 4, i % 13, i, i % 7, int(i / 4), i, i, email
        }
        for (i = half * audit / 2; i < (half + 1) * audit / 2; i++) {
            printf "sc-audit {\"specversion\":\"1.0\",\"type\":\"io.confluent.kafka.server/authorization\",\"time\":\"2024-05-01T12:00:00Z\",\"data\":{\"authenticationInfo\":{\"principal\":\"User:p%d\"},\"authorizationInfo\":{\"granted\":%s,\"operation\":\"Write\",\"resourceType\":\"Topic\",\"resourceName\":\"sc-ev-%d\"}}}\n", i % 11, (i % 7 == 0) ? "false" : "true", i % 4
        }
    }' | "$work/flood-producer" "$BROKERS" compression.type=lz4 linger.ms=50 > /dev/null
}

# Sum over source partitions of the committed next offset: the records the rollups cover.
covered() {
    kcat -C -b "$BROKERS" -t sc-roll.positions -e -q -X isolation.level=read_committed -f '%k %s\n' 2>/dev/null \
        | awk '{ split($2, parts, "\"next\":"); last[$1] = parts[2] + 0 } END { sum = 0; for (key in last) sum += last[key]; print sum }'
}

# Agents leave the group on SIGTERM; a killed one is noticed after its session times out.
start_agent() {
    "$EVSCOPE" agent -b "$BROKERS" -t '^sc-ev-.*' --audit-topic sc-audit --group scale --rollup-topic sc-roll --agent-id "$1" \
        --from beginning -X session.timeout.ms=6000 -X heartbeat.interval.ms=500 2> "$work/$1.err" &
    agent_pids+=($!)
}

broker_started=$SECONDS
start_broker
until ((SECONDS - broker_started >= PRODUCE_AT)); do sleep 1; done
start=$SECONDS
produce_half 0
((KILL)) || produce_half 1
echo "produced $( ((KILL)) && echo the first half || echo everything) in $((SECONDS - start)) s"
until ((SECONDS - broker_started >= AGENTS_AT)); do sleep 0.2; done
agents_started=$(date +%s%N)
for n in $(seq "$AGENTS"); do start_agent "a$n"; done
if ((KILL)); then
    victim=${agent_pids[$((AGENTS - 1))]}
    sleep 5
    kill -KILL "$victim"
    wait "$victim" 2>/dev/null || true
    echo "killed agent a$AGENTS (SIGKILL) $((SECONDS - start)) s in"
    produce_half 1
    sleep 2
    start_agent "a$AGENTS"
    echo "restarted agent a$AGENTS $((SECONDS - start)) s in"
fi

total=$((EVENTS + AUDIT))
deadline=$((SECONDS + WAIT))
until [[ "$(covered)" == "$total" ]]; do
    if ((SECONDS >= deadline)); then
        kcat -C -b "$BROKERS" -t sc-roll.positions -e -q -X isolation.level=read_committed -f '%k %s\n' 2>/dev/null \
            | awk '{ last[$1] = $2 } END { for (key in last) print key, last[key] }' | sort >&2
        for topic in sc-ev-0 sc-ev-1 sc-ev-2 sc-ev-3 sc-audit; do
            for p in 0 1 2 3; do echo "end $topic:$p $(kcat -b "$BROKERS" -Q -t "$topic:$p:-1" 2>/dev/null | awk '{print $NF}')"; done
        done >&2
        for n in $(seq "$AGENTS"); do echo "--- a$n:" >&2; head -c 3000 "$work/a$n.err" >&2; done
        fail "committed positions cover $(covered) of $total records after ${WAIT} s"
    fi
    sleep 1
    (((SECONDS - start) % 5 == 0)) && echo "  $((SECONDS - start)) s: positions cover $(covered) of $total"
done
elapsed_ms=$((($(date +%s%N) - agents_started) / 1000000))
echo "committed positions cover all $total records $((SECONDS - start)) s in ($elapsed_ms ms after the agents started: $((total * 1000 / elapsed_ms)) records/s with $AGENTS agents)"

rollups=$(timeout 60 "$EVSCOPE" --headless --rollups sc-roll -b "$BROKERS" --emit summary -e 2> "$work/rollups.err")
direct=$(timeout 60 "$EVSCOPE" --headless -b "$BROKERS" -t '^sc-ev-.*' --audit-topic sc-audit --emit summary -e --from beginning)
grep -q "\"events\":$EVENTS," <<< "$direct" || fail "direct summary does not count $EVENTS events: ${direct:0:300}"
grep -q '"denied-publish":' <<< "$direct" || fail "direct summary has no denied-publish findings: ${direct:0:600}"
grep -q '"pii-plaintext":' <<< "$direct" || fail "direct summary has no pii-plaintext findings: ${direct:0:600}"
if [[ "$rollups" != "$direct" ]]; then
    echo "direct:  $direct" >&2
    echo "rollups: $rollups" >&2
    # Intervals by writer and number, with their events and span: a copy (sent again after an
    # abort) repeats one; an interval counted twice shows as two numbers with overlapping spans.
    kcat -C -b "$BROKERS" -t sc-roll -e -q -X isolation.level=read_committed -f '%p %o %s\n' 2>/dev/null | grep '"kind":"counters"' \
        | awk '{ match($3, /"agent":"[^"]*","run":[0-9]+,"seq":[0-9]+,"fromMs":[0-9]+,"toMs":[0-9]+,"events":[0-9]+/); print "partition " $1 " offset " $2 ": " substr($3, RSTART, RLENGTH) }' >&2
    echo "rollups reader: $(cat "$work/rollups.err")" >&2
    stop_agents
    for n in $(seq "$AGENTS"); do echo "--- a$n:" >&2; head -c 3000 "$work/a$n.err" >&2; done
    fail "the summary from rollups differs from the direct summary"
fi
echo "summaries equal ($(wc -c <<< "$direct") bytes): $(cat "$work/rollups.err")"

# The dashboard on the same rollups: the agents in the Sources pane, the totals on screen.
if ((${SCALE_DASHBOARD:-1} && EVENTS == 200000)); then
    start_pane 160 40 "$EVSCOPE -b '$BROKERS' --rollups sc-roll --from beginning"
    wait_for "agent a$AGENTS [agent]" 20
    wait_for "200k total" 90
    screen | grep -q "agent a1 \[agent\] up .* partitions" || fail "the Sources pane does not show agent a1's partitions"
    for topic in sc-ev-0 sc-ev-1 sc-ev-2 sc-ev-3; do
        screen | grep -qE "$topic +[0-9.]+[kMG]? +50.0k +14" || fail "the dashboard on rollups does not show 50.0k events of 14 types on $topic"
    done
    tmuxc send-keys -t main q
    echo "the dashboard on the rollups shows the agents, 200k events and 50.0k per topic"
fi

stop_agents
for n in $(seq "$AGENTS"); do
    [[ -s "$work/a$n.err" ]] && echo "agent a$n said: $(head -c 600 "$work/a$n.err")"
done
echo "PASS scale: $AGENTS agents$( ((KILL)) && echo ", the last killed and restarted"), rollup summary equals the direct summary ($((SECONDS - start)) s)"
