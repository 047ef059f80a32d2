#!/usr/bin/env bash
# Builds the Python package `eclexia` (eclexia-py/) from source in a fresh virtual
# environment under target/, then runs its pytest suite, checks the stubs against the
# module (mypy.stubtest) and type-checks the tests against the stubs (mypy --strict).
# Ends with `N passed, M failed` (summed by scripts/test.sh).
#
# Under CI=true nothing may be skipped: a missing tool or a skipped test is an error.
# Elsewhere a missing python3/cargo skips the whole check with a message.
set -euo pipefail
cd "$(dirname "$0")/.."

in_ci() { [ "${CI:-}" = "true" ]; }

for tool in python3 cargo; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    if in_ci; then echo "error: $tool is required for the Python tests under CI=true" >&2; exit 1; fi
    echo "skipped: Python tests ($tool is not installed)"; exit 0
  fi
done
if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  if in_ci && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
  elif in_ci; then
    echo "error: python3 venv/ensurepip is required for the Python tests under CI=true" >&2; exit 1
  else
    echo "skipped: Python tests (python3 has no venv/ensurepip module)"; exit 0
  fi
fi

venv=target/py-venv
rm -rf "$venv"
mkdir -p target
python3 -m venv "$venv"
py="$venv/bin/python"
# maturin is installed for `maturin develop` users; `pip install` below brings its own
# copy in an isolated build environment, as a user's install would.
"$py" -m pip install -q --disable-pip-version-check "maturin>=1.16,<2" pytest mypy

echo "--- pip install ./eclexia-py (wheel build from source)"
start=$(date +%s.%N)
"$py" -m pip install -q --disable-pip-version-check ./eclexia-py
end=$(date +%s.%N)
printf 'wheel build + install: %.1f s\n' "$(echo "$end - $start" | bc 2>/dev/null || python3 -c "print($end - $start)")"

status=0
echo "--- pytest"
junit=target/py-junit.xml
# Run from target/ so that nothing in the source tree shadows the installed package.
(cd target && ../"$py" -m pytest -q -p no:cacheprovider --junitxml=py-junit.xml ../eclexia-py/tests) || status=1

echo "--- mypy.stubtest eclexia"
(cd target && ../"$py" -m mypy.stubtest eclexia --allowlist ../eclexia-py/stubtest-allowlist.txt) || status=1

echo "--- mypy --strict eclexia-py/tests (the tests type-check against the stubs)"
(cd target && ../"$py" -m mypy --strict --no-incremental --cache-dir=/dev/null ../eclexia-py/tests) || status=1

# `N passed, M failed` from the JUnit report; a skipped test is a failure under CI.
read -r passed failed skipped < <("$py" - "$junit" <<'PY'
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else list(root)
tests = sum(int(s.get("tests", 0)) for s in suites)
failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
skipped = sum(int(s.get("skipped", 0)) for s in suites)
print(tests - failed - skipped, failed, skipped)
PY
) || { passed=0; failed=1; skipped=0; }
if [ "$skipped" -gt 0 ]; then
  if in_ci; then echo "error: $skipped Python test(s) skipped under CI=true" >&2; status=1
  else echo "note: $skipped Python test(s) skipped"; fi
fi
if [ "$passed" -eq 0 ]; then echo "error: no Python test ran" >&2; status=1; fi
echo "$passed passed, $failed failed"
exit $status
