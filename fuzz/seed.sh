#!/usr/bin/env bash
# Seeds the fuzz corpora: parse_check with every example and check-test program, run with
# every example and run-test program, price_request with the §9.7 request fixtures.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/parse_check corpus/run corpus/price_request
cp ../examples/*.ecl ../tests/check/*.ecl corpus/parse_check/
cp ../examples/*.ecl ../tests/run/*.ecl corpus/run/
cp ../tests/fixtures/price-request-*.json corpus/price_request/
