#!/usr/bin/env bash
# Runs every test: unit and integration tests (swift test), then end-to-end terminal tests
# that drive the built binary in tmux. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
for script in Tests/e2e/*.sh; do
    [ -e "$script" ] || continue
    echo "== $script"
    bash "$script"
done
echo "all tests passed"
