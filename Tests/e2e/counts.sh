#!/usr/bin/env bash
# nothing lost or double-counted — the headless consumer sees exactly the records kcat
# (an independent client) sees on the same topics, partition by partition.
source "$(dirname "$0")/lib.bash"
work=$(mktemp -d)
trap 'stop_broker; rm -rf "$work"' EXIT
start_broker

# 20,000 records over two topics, written by kcat with keys so they spread over partitions.
for t in a b; do
    seq 1 10000 | awk -v t="$t" '{ printf "k%d\t{\"eventType\":\"Count%s\",\"eventId\":\"%s-%d\",\"source\":\"counter\"}\n", $1, t, t, $1 }' \
        | kcat -P -b "$BROKERS" -t "count-$t" -K $'\t' -z lz4
done
expected=$(for t in count-a count-b; do kcat -C -b "$BROKERS" -t "$t" -e -q -f '%t %p %o\n' 2>/dev/null; done | sort)
[[ $(wc -l <<< "$expected") -eq 20000 ]] || fail "kcat read $(wc -l <<< "$expected") records, expected 20000"

got=$("$EVSCOPE" -b "$BROKERS" -t '^count-.*' --from beginning --headless --emit events -e \
    | python3 -c 'import sys, json
for line in sys.stdin:
    e = json.loads(line)
    print(e["topic"], e["partition"], e["offset"])' | sort)
[[ "$got" == "$expected" ]] || fail "evscope saw $(wc -l <<< "$got") records, kcat $(wc -l <<< "$expected"); first difference: $(diff <(echo "$expected") <(echo "$got") | head -3)"
echo "PASS counts.sh (20000 records, identical topic/partition/offset sets)"
