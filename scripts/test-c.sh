#!/usr/bin/env bash
# Builds libeclexia (shared and static), compiles the C tests in tests/c against
# include/eclexia.h with strict warnings, links each to both libraries, and runs them —
# under valgrind (no leaks, no errors) when it is installed. Under CI=true every tool is
# required.
set -euo pipefail
cd "$(dirname "$0")/.."

in_ci() { [ "${CI:-}" = "true" ]; }

# Under CI, install what the C tests need if the machine lacks it (Debian packages).
if in_ci; then
  missing=()
  for tool in gcc valgrind pkg-config; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${missing[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

if ! command -v gcc >/dev/null 2>&1; then
  if in_ci; then echo "error: gcc is required for the C tests under CI=true" >&2; exit 1; fi
  echo "skipped: C tests (gcc is not installed)"; exit 0
fi
run=()
if command -v valgrind >/dev/null 2>&1; then
  run=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99)
elif in_ci; then
  echo "error: valgrind is required for the C tests under CI=true" >&2; exit 1
else
  echo "note: valgrind is not installed; running the C tests without it"
fi

cargo build --release --locked -p eclexia-ffi
lib=target/release
out=target/c-tests
mkdir -p "$out"
# What the static library needs from the system, as rustc reports it.
native_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
cflags=(-std=c99 -Wall -Wextra -Wpedantic -Werror -Iinclude)
status=0
for src in tests/c/*.c; do
  name=$(basename "$src" .c)
  gcc "${cflags[@]}" "$src" -o "$out/$name-shared" -L"$lib" -leclexia -lpthread
  gcc "${cflags[@]}" "$src" -o "$out/$name-static" "$lib/libeclexia.a" $native_libs
  for variant in shared static; do
    echo "--- $name ($variant)"
    if ! LD_LIBRARY_PATH="$lib" "${run[@]}" "$out/$name-$variant"; then status=1; fi
  done
done
# The installed layout works with pkg-config.
if command -v pkg-config >/dev/null 2>&1; then
  prefix="$out/prefix"
  bash scripts/install-c.sh "$prefix" >/dev/null
  export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
  # shellcheck disable=SC2046
  gcc "${cflags[@]}" tests/c/basic.c -o "$out/basic-pkgconfig" $(pkg-config --cflags --libs eclexia) -lpthread
  echo "--- basic (installed, pkg-config)"
  if ! LD_LIBRARY_PATH="$prefix/lib" "$out/basic-pkgconfig"; then status=1; fi
elif in_ci; then
  echo "error: pkg-config is required for the C tests under CI=true" >&2; exit 1
else
  echo "skipped: pkg-config check (pkg-config is not installed)"
fi
exit $status
