#!/usr/bin/env bash
# Seeds the parse_check corpus with every example and check-test program.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse_check
cp ../examples/*.ecl ../tests/check/*.ecl corpus/parse_check/
