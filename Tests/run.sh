#!/usr/bin/env bash
# Runs every test: unit and integration tests (swift test), then end-to-end terminal tests
# that drive the built binary in tmux. Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# Formatting first, with the toolchain's own swift format and the house settings (4-space
# indent, 160 columns): a slip fails in seconds instead of after the build. To fix one:
# swift format format -i --configuration .ci/swift-format.json -r Sources Tests Package.swift
swift format lint --strict --configuration .ci/swift-format.json -r Sources Tests Package.swift
swift build
swift test
for script in Tests/e2e/*.sh; do
    [ -e "$script" ] || continue
    echo "== $script"
    bash "$script"
done
echo "all tests passed"
