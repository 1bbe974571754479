#!/bin/sh
# The fast subset of CPython's test suite (tests/cpython/FAST, well under a minute) for `make test`.
# Usage: tests/cpython/run.sh BUILD_DIR.  `make test-cpython` runs the whole PASSING list.
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
exec /usr/bin/python3.11 "$here/run.py" --krait "$build/krait" --fast --timeout 120
