#!/bin/sh
# Reference-leak suite: meaningful only in the refcount-debug build (make test-refdebug).
# Usage: tests/refleak/run.sh BUILD_DIR [-k SUBSTRING]. Last line: "N passed, M failed".
exec /usr/bin/python3.11 "$(dirname "$0")/check.py" "$@"
