#!/bin/sh
# Exhaustive differential check of krait::unicode against /usr/bin/python3.11.
# Usage: tests/unicode/run.sh BUILD_DIR   (BUILD_DIR holds libkrait.so)
# Compiles tests/unicode/driver.cpp against BUILD_DIR/libkrait.so, then check.py
# compares every code point 0..0x10FFFF plus name, normalization and final-sigma
# cases with CPython computed live. Last line: "N passed, M failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
[ -f "$build/libkrait.so" ] || { echo "no $build/libkrait.so: build libkrait first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A sanitizer build of libkrait needs the driver built with the same runtime.
san=""
if nm -D "$build/libkrait.so" 2>/dev/null | grep -q "__asan_init"; then
  san="-fsanitize=address,undefined"
fi
${CXX:-c++} -std=c++20 -O1 $san -I"$root/src" "$here/driver.cpp" -o "$tmp/driver" \
    -L"$build" -lkrait -Wl,-rpath,"$build"
exec /usr/bin/python3.11 "$here/check.py" "$tmp/driver"
