#!/usr/bin/env bash
# The long fuzz pass: every fuzz suite in its own process, JOBS at a time, each for
# SECONDS (default 600) per target, on a release build; prints each target's report line
# (inputs, time, slowest input, seed) and exits non-zero if any suite failed.
#   bash Tests/fuzz-long.sh [SECONDS] [JOBS]
# CI runs the short seeded pass instead (part of `swift test`). Replay one input with the
# seed and iteration a failure prints: EVSCOPE_FUZZ_SEED=.. EVSCOPE_FUZZ_FROM=.. EVSCOPE_FUZZ_ITERATIONS=1.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
jobs=${2:-2}
swift build -c release --build-tests -Xswiftc -enable-testing
bundle=$(swift build -c release --show-bin-path)/EventScopePackageTests.xctest
suites=$(grep -rhoE 'struct Fuzz[A-Za-z]+Tests' Tests | awk '{ print $2 }' | sort -u)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
echo "$(wc -w <<< "$suites") fuzz suites, $seconds s per target, $jobs at a time"
export EVSCOPE_FUZZ_SECONDS=$seconds bundle logs
# shellcheck disable=SC2016
xargs -P "$jobs" -I{} bash -c '"$bundle" --testing-library swift-testing --filter "{}" > "$logs/{}.log" 2>&1 && echo ok > "$logs/{}.status" || echo failed > "$logs/{}.status"' <<< "$suites"
failed=0
for suite in $suites; do
    grep -h '^fuzz ' "$logs/$suite.log" || true
    if [[ "$(cat "$logs/$suite.status")" != ok ]]; then
        failed=1
        echo "FAILED: $suite"; grep -E '✘|Issue|recorded' "$logs/$suite.log" | head -20
    fi
done
exit $failed
