#!/bin/sh
# Every top-level stdlib module that /usr/bin/python3.11 can import on this
# machine must import under Krait too. The list is computed live (check.py).
# Usage: tests/stdlib_imports/run.sh BUILD_DIR. Last line: "N passed, M failed".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)
exec /usr/bin/python3.11 "$here/check.py" "$build/krait"
