#!/usr/bin/env bash
# Runs every check and test of the project: formatting, lints, and every test suite.
# This is the README's test command and what CI runs (.ci/run).
#
# Under CI=true nothing is skipped: a missing tool is an error. Elsewhere a check whose
# tool is missing is skipped with a message saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

in_ci() { [ "${CI:-}" = "true" ]; }

need() { # need TOOL WHAT: succeed if TOOL exists; else fail in CI or skip outside it
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  if in_ci; then echo "error: $1 is required for $2 under CI=true" >&2; exit 1; fi
  echo "skipped: $2 ($1 is not installed)"
  return 1
}

step() { printf '\n==> %s\n' "$*"; }

step "rustfmt"
# The benchmark and fuzz crates are their own workspaces; rustfmt reads their files
# directly, which needs none of their dependencies.
fmt_check() {
  cargo fmt --all -- --check
  rustfmt --edition 2024 --check benches/src/*.rs benches/benches/*.rs benches/examples/*.rs \
    fuzz/fuzz_targets/*.rs
}
if cargo fmt --version >/dev/null 2>&1; then
  fmt_check
elif in_ci; then
  rustup component add rustfmt && fmt_check
else
  echo "skipped: formatting check (rustfmt is not installed)"
fi

step "clippy"
if cargo clippy --version >/dev/null 2>&1; then
  cargo clippy --workspace --all-targets --locked -- -D warnings
elif in_ci; then
  rustup component add clippy && cargo clippy --workspace --all-targets --locked -- -D warnings
else
  echo "skipped: lints (clippy is not installed)"
fi

step "cargo test (unit, property, doc, CLI and file-based tests)"
need cargo "the Rust tests"
mkdir -p target
cargo test --workspace --locked 2>&1 | tee target/cargo-test.log
# A run that executes no test is a failure, not a pass.
total=$(grep -E '^test result:' target/cargo-test.log | awk '{s += $4} END {print s+0}')
failed=$(grep -E '^test result:' target/cargo-test.log | awk '{s += $6} END {print s+0}')
if [ "$total" -eq 0 ]; then echo "error: no test ran" >&2; exit 1; fi
echo "rust: $total passed, $failed failed"

step "C ABI (tests/c against libeclexia.so and libeclexia.a)"
bash scripts/test-c.sh 2>&1 | tee target/c-test.log
c_passed=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' target/c-test.log | awk '{s += $1} END {print s+0}')

step "Python (eclexia-py: pip install in a fresh venv, pytest, stubtest)"
bash scripts/test-py.sh 2>&1 | tee target/py-test.log
py_passed=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' target/py-test.log | awk '{s += $1} END {print s+0}')

step "Deploy (Dockerfile, deploy/kubernetes, guix.scm: lint, validate, build, run, kube play)"
bash tests/deploy/check.sh 2>&1 | tee target/deploy-check.log
deploy_passed=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' target/deploy-check.log | awk '{s += $1} END {print s+0}')

echo
echo "total: $((total + c_passed + py_passed + deploy_passed)) passed, 0 failed"
