#!/bin/sh
# The crash report of the krait executable (src/runtime/crash_report.cpp): a process dying of a
# fault prints "Krait crashed: <signal>", the faulting library and the Python stacks, once.
# Usage: tests/crash_report/run.sh BUILD_DIR. Last line: "N passed, M failed".
exec /usr/bin/python3.11 "$(dirname "$0")/check.py" "$@"
