#!/usr/bin/env bash
# Creates (or reuses) the test-tooling virtualenv .build-venv/ at the repository root with the
# exact packages of Tests/tools/requirements.txt, then prints the venv's python path on stdout.
# Idempotent: skips the install when the venv already holds this requirements file's hash.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.build-venv"
REQ="$ROOT/Tests/tools/requirements.txt"
STAMP="$VENV/.requirements.sha256"
want="$(sha256sum "$REQ" | cut -d' ' -f1)"
if [[ -x "$VENV/bin/python" && -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]] \
    && "$VENV/bin/python" -c 'import confluent_kafka, kafka, cloudevents, opentelemetry.sdk' 2>/dev/null; then
    echo "$VENV/bin/python"
    exit 0
fi
if [[ ! -x "$VENV/bin/python" ]]; then
    python3 -m venv "$VENV" >&2
fi
rm -f "$STAMP"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQ" >&2
echo "$want" > "$STAMP"
echo "$VENV/bin/python"
