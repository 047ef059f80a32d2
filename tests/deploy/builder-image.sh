#!/usr/bin/env bash
# Makes a local stand-in for the Dockerfile's builder base (ARG RUST_IMAGE) when no image
# can be pulled: a minimal Debian bookworm root made by mmdebstrap from this machine's own
# apt sources, holding this machine's Rust toolchain where the official Rust images keep
# theirs (RUSTUP_HOME=/usr/local/rustup, CARGO_HOME=/usr/local/cargo).
#
# Usage: tests/deploy/builder-image.sh IMAGE   (check.sh names it)
# Does nothing when IMAGE already exists.
set -euo pipefail

image=${1:?usage: builder-image.sh IMAGE}
if podman image exists "$image"; then
  echo "builder image $image: present"
  exit 0
fi

sysroot=$(rustc --print sysroot)
toolchain=$(basename "$sysroot")
cargo_bin=$(dirname "$(command -v cargo)")
# The Dockerfile builds for musl; the toolchain copied must carry that target's std.
rustup target add x86_64-unknown-linux-musl >/dev/null

# The machine's apt sources: the one mirror this machine is configured to reach.
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
  [ -s "$f" ] && sources+=("$f")
done
if [ ${#sources[@]} -eq 0 ]; then
  echo "error: no apt sources found on this machine for mmdebstrap" >&2
  exit 1
fi

echo "builder image $image: creating from $toolchain (takes about a minute)"
# The customize hook runs on the host with the new root as $1: copy the toolchain in, as
# rustup's own layout, so that `rustup target add` in the Dockerfile finds it installed
# (without its offline documentation, 0.8 GB of HTML).
hook="set -e
mkdir -p \"\$1/usr/local/rustup/toolchains\" \"\$1/usr/local/cargo/bin\"
cp -a '$sysroot' \"\$1/usr/local/rustup/toolchains/\"
rm -rf \"\$1/usr/local/rustup/toolchains/$toolchain/share/doc\"
printf 'version = \"12\"\ndefault_toolchain = \"%s\"\nprofile = \"minimal\"\n' '$toolchain' > \"\$1/usr/local/rustup/settings.toml\"
for tool in cargo rustc rustup rustdoc; do cp -a '$cargo_bin'/\$tool \"\$1/usr/local/cargo/bin/\"; done"

mmdebstrap --quiet --variant=minbase --include=gcc,libc6-dev,ca-certificates,musl-tools \
  --customize-hook="$hook" bookworm - "${sources[@]}" |
  podman import \
    --change 'ENV RUSTUP_HOME=/usr/local/rustup' \
    --change 'ENV CARGO_HOME=/usr/local/cargo' \
    --change 'ENV PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    - "$image" >/dev/null
echo "builder image $image: created"
