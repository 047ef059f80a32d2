#!/usr/bin/env bash
# Seeds the fuzz corpora: parse_check with every example and check-test program, run with
# every example and run-test program.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse_check corpus/run
cp ../examples/*.ecl ../tests/check/*.ecl corpus/parse_check/
cp ../examples/*.ecl ../tests/run/*.ecl corpus/run/
