#!/usr/bin/env bash
# Installs the C library: libeclexia.so/.a into PREFIX/lib, eclexia.h into PREFIX/include,
# eclexia.pc into PREFIX/lib/pkgconfig, and the standard library's sources into
# PREFIX/share/eclexia/stdlib (the library embeds them; the files are for reading and for
# hosts that load their own copy, like the sidecar's --stdlib-path).
# Usage: scripts/install-c.sh PREFIX
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=${1:?usage: scripts/install-c.sh PREFIX}
prefix=$(mkdir -p "$prefix" && cd "$prefix" && pwd)
cargo build --release --locked -p eclexia-ffi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
install -d "$prefix/lib/pkgconfig" "$prefix/include" "$prefix/share/eclexia/stdlib"
install -m 0644 stdlib/*.ecl "$prefix/share/eclexia/stdlib/"
install -m 0644 target/release/libeclexia.a "$prefix/lib/"
install -m 0755 target/release/libeclexia.so "$prefix/lib/"
install -m 0644 include/eclexia.h "$prefix/include/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" eclexia-ffi/eclexia.pc.in \
  > "$prefix/lib/pkgconfig/eclexia.pc"
echo "installed to $prefix"
