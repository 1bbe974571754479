#!/bin/sh
# Differential tests of the command line: each case in cases.txt is run with
# both interpreters; stdout, stderr and exit status must match.
# Usage: tests/cli/run.sh BUILD_DIR. Last line: "N passed, M failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
exec /usr/bin/python3.11 "$here/check.py" "$build/krait"
