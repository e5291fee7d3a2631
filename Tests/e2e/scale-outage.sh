#!/usr/bin/env bash
# Agents through a broker outage: one agent starts reading 8 s after the demo's broker does, so
# the demo's first outage (broker 2 down from 16 s to 26 s) falls in the middle of its read.
# Its transactions abort (their records time out) and the group drops its session; the mock
# cluster keeps what reached it of an aborted transaction visible to `read_committed` readers.
# The summary from rollups must still equal the direct summary byte for byte (see scale.sh;
# its dashboard check is left to it).
SCALE_AGENTS=1 SCALE_KILL=0 SCALE_PRODUCE_AT=0 SCALE_AGENTS_AT=8 SCALE_DASHBOARD=0 exec bash "$(dirname "$0")/scale.sh"
