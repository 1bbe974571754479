#!/usr/bin/env bash
# Installs the Debian packages Krait builds, tests and benchmarks with.
# Idempotent: does nothing (and needs no network) when everything is present.
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build ccache pkg-config
  python3.11 python3.11-dev libpython3.11-stdlib libpython3.11-testsuite
  libmimalloc-dev libgmp-dev libasmjit-dev zlib1g-dev libexpat1-dev
  libgtest-dev pypy3 pypy3-dev
  # Debian's CPython extension packages, loaded unmodified by the tests in
  # tests/py/extensions/ (C extensions and Cython-built modules).
  python3-markupsafe python3-simplejson python3-ujson python3-msgpack python3-yaml
  python3-regex python3-lxml python3-cffi-backend python3-numpy
  python3-pytest  # runs a subset of numpy's own tests (make test-numpy)
)

# Optional sets, installed only when asked for: `install-deps.sh fuzz`.
if [ "${1:-}" = "fuzz" ]; then
  PKGS=(clang libclang-rt-14-dev)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
