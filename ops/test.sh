#!/usr/bin/env bash
# Runs the whole test suite: installs what the tests need, builds, and runs `swift test`.
# The output ends with the test runner's own summary.
set -euo pipefail
cd "$(dirname "$0")/.."
./ops/bootstrap.sh
exec swift test "$@"
