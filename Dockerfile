# The Eclexia sidecar image: `eclexia serve` as a static binary on an empty base.
#
#   podman build -t eclexia:latest .            (or docker build)
#   podman run --read-only --cap-drop=ALL -p 127.0.0.1:18080:8080 eclexia:latest
#
# RUST_IMAGE names the builder base. It defaults to the official Rust image; where no image
# can be pulled, tests/deploy/builder-image.sh makes a local stand-in with the same layout.
ARG RUST_IMAGE=docker.io/library/rust:1.95-slim-bookworm

# ---------------------------------------------------------------------------------------
FROM ${RUST_IMAGE} AS builder
# musl gives a fully static binary whose DNS resolver reads /etc/resolv.conf itself: the
# carbon clients resolve their API hosts on an image with no libc and no NSS modules.
ARG TARGET=x86_64-unknown-linux-musl
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# musl-gcc builds the C parts of dependencies (ring, mimalloc) for the musl target.
# hadolint ignore=DL3008
RUN if ! command -v musl-gcc >/dev/null; then \
      apt-get update \
      && apt-get install -y --no-install-recommends musl-tools \
      && rm -rf /var/lib/apt/lists/*; \
    fi \
    && rustup target add "${TARGET}"
WORKDIR /src

# Dependencies first, in their own layer: it is rebuilt only when a manifest or the lock
# file changes. The workspace's crates are stubbed so that cargo can resolve and build the
# dependency graph of eclexia-cli without the sources.
COPY Cargo.toml Cargo.lock ./
COPY eclexia-core/Cargo.toml eclexia-core/
COPY eclexia-cli/Cargo.toml eclexia-cli/
COPY eclexia-ffi/Cargo.toml eclexia-ffi/
COPY eclexia-py/Cargo.toml eclexia-py/
RUN for crate in eclexia-core eclexia-ffi eclexia-py; do \
      mkdir -p "${crate}/src" && touch "${crate}/src/lib.rs"; \
    done \
    && mkdir -p eclexia-cli/src && echo 'fn main() {}' > eclexia-cli/src/main.rs \
    && mkdir -p eclexia-cli/tests && echo 'fn main() {}' > eclexia-cli/tests/programs.rs \
    && cargo build --release --locked --target "${TARGET}" -p eclexia-cli \
    && rm -rf eclexia-core/src eclexia-cli/src eclexia-cli/tests eclexia-ffi/src eclexia-py/src

# The sources. Touching the crate roots makes cargo rebuild the workspace's own crates over
# the stubs whatever the copied files' modification times are.
COPY README.md ./
COPY stdlib/ stdlib/
COPY eclexia-core/ eclexia-core/
COPY eclexia-cli/ eclexia-cli/
COPY eclexia-ffi/ eclexia-ffi/
COPY eclexia-py/ eclexia-py/
RUN touch eclexia-core/src/lib.rs eclexia-cli/src/main.rs \
    && cargo build --release --locked --target "${TARGET}" -p eclexia-cli \
    && install -D -m 0755 "target/${TARGET}/release/eclexia" /rootfs/usr/local/bin/eclexia \
    && /rootfs/usr/local/bin/eclexia --version

# The runtime tree: the account of UID 1000; CA certificates (the carbon clients trust this
# bundle, or the one SSL_CERT_FILE names, besides their built-in roots); the standard
# library; the configuration and data folders the sidecar uses by default (ARCHITECTURE §9).
RUN mkdir -p /rootfs/etc/ssl/certs /rootfs/etc/eclexia /rootfs/var/lib/eclexia/shadow-prices \
    && printf 'root:x:0:0:root:/root:/sbin/nologin\neclexia:x:1000:1000:Eclexia sidecar:/var/lib/eclexia:/sbin/nologin\n' > /rootfs/etc/passwd \
    && printf 'root:x:0:\neclexia:x:1000:\n' > /rootfs/etc/group \
    && cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/ \
    && mkdir -p /rootfs/usr/local/lib/eclexia \
    && cp -r stdlib /rootfs/usr/local/lib/eclexia/stdlib \
    && chown -R 1000:1000 /rootfs/var/lib/eclexia

# ---------------------------------------------------------------------------------------
FROM scratch
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="eclexia" \
      org.opencontainers.image.description="Eclexia sidecar: resource and carbon shadow prices, program evaluation and metrics over HTTP" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT OR Apache-2.0" \
      org.opencontainers.image.vendor="The Eclexia developers" \
      org.opencontainers.image.documentation="deploy/kubernetes/README.md"
COPY --from=builder /rootfs/ /
ENV ECLEXIA_CONFIG_DIR=/etc/eclexia \
    ECLEXIA_DATA_DIR=/var/lib/eclexia \
    ECLEXIA_STDLIB_PATH=/usr/local/lib/eclexia/stdlib \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 1000:1000
WORKDIR /var/lib/eclexia
EXPOSE 8080 9090
# No HEALTHCHECK: the image has no HTTP client; Kubernetes probes /health and /ready.
ENTRYPOINT ["eclexia"]
CMD ["serve"]
