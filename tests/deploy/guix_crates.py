#!/usr/bin/env python3
"""Keeps the crate origins of guix.scm in step with Cargo.lock.

Guix builds Rust programs offline from origins of every crate in the lock file
(`crate-source NAME VERSION HASH`, HASH being the SHA-256 of the .crate file in Nix's
base-32). Cargo.lock records the same SHA-256 in hexadecimal, so the list is derived
from it rather than written by hand.

    guix_crates.py --write guix.scm   rewrite the generated block from Cargo.lock
    guix_crates.py --check guix.scm   fail when the block differs from Cargo.lock
"""
from __future__ import annotations

import argparse
import pathlib
import re
import sys
import tomllib

BEGIN = ";; BEGIN crates generated from Cargo.lock by tests/deploy/guix_crates.py\n"
END = ";; END crates\n"
NIX_ALPHABET = "0123456789abcdfghijklmnpqrsvwxyz"


def nix_base32(digest: bytes) -> str:
    """Nix's base-32: 5-bit groups taken from the least significant end, printed last first."""
    length = (len(digest) * 8 + 4) // 5
    out = []
    for n in range(length - 1, -1, -1):
        bit = n * 5
        i, j = divmod(bit, 8)
        c = digest[i] >> j
        if i + 1 < len(digest):
            c |= digest[i + 1] << (8 - j)
        out.append(NIX_ALPHABET[c & 0x1F])
    return "".join(out)


def variable(name: str, version: str) -> str:
    return "rust-" + re.sub(r"[_.]", "-", name).lower() + "-" + version


def block(lock_path: pathlib.Path) -> str:
    lock = tomllib.loads(lock_path.read_text())
    lines = [BEGIN]
    names = []
    for pkg in sorted(lock["package"], key=lambda p: (p["name"], p["version"])):
        if not pkg.get("source", "").startswith("registry+"):
            continue  # the workspace's own crates come from the checkout
        var = variable(pkg["name"], pkg["version"])
        names.append(var)
        hash32 = nix_base32(bytes.fromhex(pkg["checksum"]))
        lines.append(f'(define {var}\n  (crate-source "{pkg["name"]}" "{pkg["version"]}"\n'
                     f'                "{hash32}"))\n')
    lines.append("\n(define %eclexia-crates\n  (list " + "\n        ".join(names) + "))\n")
    lines.append(END)
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    parser.add_argument("guix_scm", type=pathlib.Path)
    parser.add_argument("--lock", type=pathlib.Path, default=pathlib.Path("Cargo.lock"))
    args = parser.parse_args()

    # Self-test of the encoding with a pair known from Guix: anyhow 1.0.98.
    known = nix_base32(bytes.fromhex(
        "e16d2d3311acee920a9eb8d33b8cbc1787ce4a264e85f964c2404b969bdcd487"))
    assert known == "11ylvjdrcjs0q9jgk1af4r5cx1qppj63plxqkq595vmc24rjsvg1", known

    text = args.guix_scm.read_text()
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        print(f"{args.guix_scm}: the generated crates block (markers) is missing", file=sys.stderr)
        return 1
    fresh = block(args.lock)
    if args.write:
        args.guix_scm.write_text(text[:start] + fresh + text[end + len(END):])
        return 0
    if text[start:end + len(END)] != fresh:
        print(f"{args.guix_scm}: crate origins differ from {args.lock}; "
              f"run: python3 tests/deploy/guix_crates.py --write {args.guix_scm}", file=sys.stderr)
        return 1
    count = fresh.count("(crate-source ")
    print(f"{args.guix_scm}: {count} crate origins match {args.lock}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
