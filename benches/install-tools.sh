#!/usr/bin/env bash
# Installs what benches/compare.sh needs besides the Rust toolchain: Lua 5.4 (Debian package
# lua5.4). python3 is expected to be present already. Safe to run again: does nothing when
# the tools are there.
#
#   bash benches/install-tools.sh
set -euo pipefail

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-tools.sh: not root and sudo is missing" >&2; exit 1; }
    SUDO=(sudo)
fi

if ! command -v lua5.4 >/dev/null; then
    echo "install-tools.sh: installing lua5.4" >&2
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update -qq
    "${SUDO[@]}" apt-get install -y -qq lua5.4 >/dev/null
fi
command -v lua5.4 >/dev/null || { echo "install-tools.sh: lua5.4 still missing" >&2; exit 1; }
command -v python3 >/dev/null || { echo "install-tools.sh: python3 is missing (install it with the system's package manager)" >&2; exit 1; }

echo "lua5.4:  $(lua5.4 -v 2>&1 | head -n1)"
echo "python3: $(python3 --version 2>&1)"
