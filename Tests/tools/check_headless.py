#!/usr/bin/env python3
"""Compares what a real client wrote with what `evscope --headless --emit events,traces -e` read.

    check_headless.py MODE PRODUCED.jsonl HEADLESS.jsonl

PRODUCED is produce_real_clients.py's output (one line per record, one cascade), HEADLESS the
evscope output for that topic. Prints one line per check (PASS, FAIL, PENDING or FIXED) and
exits 1 when a check fails that is not a known failure. KNOWN is empty, so every check is
enforced; a gap found later may be listed there while it is fixed: it then prints PENDING and
does not fail, unless REAL_CLIENTS_EXPECT_FIXED=1, and prints FIXED once it passes.

Checks: every record decoded once with the type, format, event id, trace id, span id and
parent span id the client wrote (parent only where the propagation carries one); exactly one
trace chain holds the cascade and all three hops; one root, the first hop; each later hop's
parent is the previous hop with the link kind the propagation allows (exact `span` for
Jaeger's parent, exact `causation` for causation ids, `inferred` for W3C and B3 without
parent); the chain is final (complete) at the end of -e input.
"""

import json
import os
import sys

FORMATS = {
    "kafka-python-plain": "envelope",
    "cloudevents-binary": "cloudevents-binary",
    "cloudevents-structured": "cloudevents-structured",
    "cloudevents-structured-core": "cloudevents-structured",
    "cloudevents-correlation": "cloudevents-binary",
    "otel-w3c": "envelope",
    "otel-b3multi": "envelope",
    "otel-b3single": "envelope",
    "otel-jaeger": "envelope",
}
LINK_KINDS = {
    "kafka-python-plain": "causation",
    "cloudevents-correlation": "causation",
    "otel-jaeger": "span",
}  # everything else: inferred
# Which propagation carries the parent span id on the wire (and so in the event's parentSpanId).
PARENT_ON_WIRE = {"otel-jaeger"}

# Known evscope gaps: (mode, check) -> why. Empty: every check is enforced.
KNOWN = {}


def load(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def nodes(node, parent=None):
    yield node, parent
    for child in node.get("children", []):
        yield from nodes(child, node)


class Checker:
    def __init__(self, mode, expect_fixed):
        self.mode, self.expect_fixed = mode, expect_fixed
        self.counts = {"PASS": 0, "FAIL": 0, "PENDING": 0, "FIXED": 0}

    def check(self, name, ok, detail):
        known = KNOWN.get((self.mode, name))
        if ok:
            verdict = "FIXED" if known else "PASS"
        elif known and not self.expect_fixed:
            verdict = "PENDING"
            detail = "%s [known: %s]" % (detail, known)
        else:
            verdict = "FAIL"
            if known:
                detail = "%s [known: %s; REAL_CLIENTS_EXPECT_FIXED=1]" % (detail, known)
        self.counts[verdict] += 1
        print("%-7s %s %s: %s" % (verdict, self.mode, name, detail))


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    mode, produced_path, headless_path = sys.argv[1:]
    if mode not in FORMATS:
        sys.exit("unknown mode %s" % mode)
    expect_fixed = os.environ.get("REAL_CLIENTS_EXPECT_FIXED", "0") == "1"
    c = Checker(mode, expect_fixed)
    produced = load(produced_path)
    out = load(headless_path)
    events = [o for o in out if o.get("kind") == "event"]
    traces = {}
    for o in out:
        if o.get("kind") == "trace":
            traces[o.get("traceId")] = o  # the last line of a chain is its final state

    # Events: one per record, fields as written.
    by_position = {}
    for e in events:
        by_position.setdefault((e.get("topic"), e.get("partition"), e.get("offset")), []).append(e)
    c.check("events.count", len(events) == len(produced),
            "%d events for %d produced records" % (len(events), len(produced)))
    for hop, p in enumerate(produced, 1):
        found = by_position.get((p["topic"], p["partition"], p["offset"]), [])
        if len(found) != 1:
            c.check("event.hop%d" % hop, False, "%d events at %s/%s/%s" % (len(found), p["topic"], p["partition"], p["offset"]))
            continue
        e = found[0]
        want = {"type": p["type"], "format": FORMATS[mode], "id": p["event_id"],
                "traceId": p.get("trace_id"), "spanId": p.get("span_id"),
                "parentSpanId": p.get("parent_span_id") if mode in PARENT_ON_WIRE else None}
        diffs = ["%s=%r (wrote %r)" % (k, e.get(k), v) for k, v in want.items() if e.get(k) != v]
        c.check("event.hop%d" % hop, not diffs,
                "; ".join(diffs) if diffs else "%s %s %s" % (e["type"], e["format"], e.get("traceId")))

    # Traces: the cascade is one chain with one root and the expected links.
    ids = [p["event_id"] for p in produced]
    holding = []
    for trace in traces.values():
        roots = [trace["root"]] + list(trace.get("otherRoots", []))
        found = {n.get("id"): (n, parent) for r in roots for n, parent in nodes(r)}
        if found.keys() & set(ids):
            holding.append((trace, roots, found))
    summary = "; ".join("traceId %s: %d hops, %d roots (%s), status %s" % (
        t.get("traceId"), t.get("hops"), len(r), ",".join(x.get("type") for x in r), t.get("status"))
        for t, r, _ in holding) or "no trace line holds any of the cascade's events"
    one_chain = len(holding) == 1 and all(i in holding[0][2] for i in ids)
    c.check("trace.chains", one_chain, summary if not one_chain else "1 chain holds all %d hops" % len(ids))
    if len(holding) != 1:
        for name in ("trace.roots", "trace.links", "trace.status"):
            c.check(name, False, "no single chain to check (%s)" % summary)
    else:
        trace, roots, found = holding[0]
        root_ok = len(roots) == 1 and roots[0].get("id") == ids[0]
        c.check("trace.roots", root_ok, "%d root(s): %s" % (
            len(roots), ", ".join("%s%s" % (r.get("type"), " (unresolved parent)" if r.get("unresolvedParent") else "")
                                  for r in roots)))
        kind = LINK_KINDS.get(mode, "inferred")
        problems = []
        for hop in range(1, len(ids)):
            node, parent = found.get(ids[hop], (None, None))
            if node is None:
                problems.append("hop %d missing" % (hop + 1))
            elif parent is None:
                problems.append("hop %d (%s) has no parent" % (hop + 1, node.get("type")))
            elif parent.get("id") != ids[hop - 1]:
                problems.append("hop %d's parent is %s, not hop %d" % (hop + 1, parent.get("type"), hop))
            elif node.get("link") != kind:
                problems.append("hop %d linked %r, expected %r" % (hop + 1, node.get("link"), kind))
            elif node.get("unresolvedParent"):
                problems.append("hop %d marked unresolvedParent" % (hop + 1))
        c.check("trace.links", not problems, "; ".join(problems) if problems else
                "hop 2 <- 1 and 3 <- 2, both %s" % kind)
        c.check("trace.status", trace.get("status") == "complete", "status %r" % trace.get("status"))

    print("%s: %d ok, %d failing, %d pending (known), %d fixed" % (
        mode, c.counts["PASS"], c.counts["FAIL"], c.counts["PENDING"], c.counts["FIXED"]))
    sys.exit(1 if c.counts["FAIL"] else 0)


if __name__ == "__main__":
    main()
